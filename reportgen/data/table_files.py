"""Read a table from a CSV or XLSX file of a report folder: a header row and rows of raw cells.

Analysts keep side tables in spreadsheets; the report reads them where they are, under the rules
of every other input file (``files``: a regular file inside the folder, never a link out, a FIFO
or a device) and within limits that keep a build fast and its memory bounded. The header is row
1 and rows are numbered as a spreadsheet shows them, so a message leads to the cell to edit.

- CSV: UTF-8 with or without a byte order mark (Excel's "CSV UTF-8"); comma- or
  semicolon-separated, detected from the header line; double-quoted fields may hold the separator,
  quotes (doubled) and line breaks. A semicolon-separated file is taken to write numbers as
  Europe does (``1.234,5``): ``cells`` reads them so.
- XLSX: values through calamine, the engine pandas uses for XLSX (fast, and it reads every cell
  type: shared and inline strings, dates in either date system, formulas' saved results), called
  directly: pandas would add 0.8 s of import to every check and build of such a report and nothing
  a grid of cells needs. Which cells are formatted as percentages and which formulas were never
  calculated come from the sheet's XML (``xlsx_cells``).

Nothing here knows what a column should hold: ``cells`` validates each value against its column.
"""

from __future__ import annotations

import csv
import io
import math
import os
import zipfile
from dataclasses import dataclass, field
from difflib import get_close_matches
from pathlib import Path

from lxml import etree

from reportgen.data.files import refusal
from reportgen.data.folders import display_path
from reportgen.data.section_schema import MAX_ROWS
from reportgen.data.xlsx_cells import SheetCells, sheet_cells, sheet_paths
from reportgen.errors import Problem, ReportError, shown

MAX_FILE_BYTES = 20 * 2**20  # a side table, not a data dump
MAX_UNPACKED_BYTES = 200 * 2**20  # an XLSX is a zip: refuse one that unpacks to more (a zip bomb)
SEPARATORS = (",", ";")


@dataclass(frozen=True)
class Grid:
    """A table file's cells: the header (row 1) and each non-empty row below it with its number."""

    path: Path
    sheet: str | None
    header: tuple[str, ...]
    rows: tuple[tuple[int, tuple[object, ...]], ...]  # (row number as a spreadsheet shows it, cells)
    decimal_comma: bool = False  # numbers written 1.234,5 (a semicolon-separated CSV)
    cells: SheetCells = field(default_factory=lambda: SheetCells(frozenset(), frozenset()))  # an XLSX sheet's formats

    @property
    def shown_path(self) -> str:
        return display_path(self.path)

    def where(self, row: int, column: str | None = None) -> str:
        """The field part of a message: "sheet 'Prices', row 4, column 'Share'"."""
        parts = [f"sheet {shown(self.sheet)}"] if self.sheet else []
        parts.append(f"row {row}")
        if column is not None:
            parts.append(f"column {shown(column)}")
        return ", ".join(parts)

    def column(self, name: str) -> int | None:
        """The index of the column headed ``name`` (None: no such column)."""
        return self.header.index(name) if name in self.header else None

    def missing(self, name: str) -> Problem:
        """'no column headed X in the header', with the closest header."""
        close = get_close_matches(name, [h for h in self.header if h], n=1, cutoff=0.6)
        hint = f"did you mean {close[0]!r}?" if close else "the header is: " + ", ".join(map(repr, (h for h in self.header if h)))
        return Problem(self.shown_path, self.where(1), f"no column headed {shown(name)} ({hint})")


def _header_text(value: object) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return " ".join(str(value).split())


def _blank(value: object) -> bool:
    return value is None or (isinstance(value, str) and not value.strip()) or (isinstance(value, float) and math.isnan(value))


def read_grid(path: Path, folder: Path, sheet: str | None = None) -> Grid:
    """The table in ``path`` (inside ``folder``); ``sheet`` for an XLSX file. Raises ReportError."""
    shown_path = display_path(path)
    if not Path(os.path.abspath(path)).is_relative_to(os.path.abspath(folder)):  # "../" out of it, before any link
        raise ReportError(Problem(shown_path, "", "outside the report folder: only files inside it are read"))
    why = refusal(path, folder)
    if why:
        raise ReportError(Problem(shown_path, "", why))
    size = os.stat(path).st_size
    if size > MAX_FILE_BYTES:
        raise ReportError(Problem(shown_path, "", f"{size / 2**20:.0f} MB is more than a table file may hold "
                                                  f"({MAX_FILE_BYTES // 2**20} MB); keep only the table the report shows"))
    if path.suffix.lower() == ".csv":
        header, rows, comma = _csv(path)
        grid = Grid(path, None, header, rows, comma)
    else:
        grid = _xlsx(path, sheet)
    if len(grid.rows) > MAX_ROWS:
        raise ReportError(Problem(shown_path, grid.where(grid.rows[MAX_ROWS][0]),
                                  f"more than {MAX_ROWS} rows: no deliverable can show them; keep the rows the report needs"))
    return grid


def _rows(records: list[list[object]]) -> tuple[tuple[str, ...], tuple[tuple[int, tuple[object, ...]], ...]]:
    """Header and numbered non-empty rows of a sheet's records (row 1 first)."""
    if not records:
        return (), ()
    header = tuple(_header_text(v) for v in records[0])
    rows = tuple((i, tuple(None if _blank(v) else v for v in record)) for i, record in enumerate(records[1:], 2)
                 if not all(_blank(v) for v in record))
    return header, rows


def _separator(text: str) -> str:
    """The separator the header line uses most, outside quotes (a comma when it uses neither)."""
    counts = dict.fromkeys(SEPARATORS, 0)
    quoted = False
    for c in text:
        if c == '"':
            quoted = not quoted
        elif c in "\r\n" and not quoted:
            break
        elif c in counts and not quoted:
            counts[c] += 1
    return max(SEPARATORS, key=lambda s: (counts[s], s == ","))


def _csv(path: Path) -> tuple[tuple[str, ...], tuple[tuple[int, tuple[object, ...]], ...], bool]:
    shown_path = display_path(path)
    fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    with os.fdopen(fd, "rb") as f:
        data = f.read(MAX_FILE_BYTES + 1)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ReportError(Problem(shown_path, "", f"not UTF-8 text (byte {exc.start}); save it as 'CSV UTF-8'")) from None
    separator = _separator(text)
    records: list[list[object]] = []
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=separator, strict=True)
    try:
        records = [list(record) for record in reader]
    except csv.Error as exc:
        raise ReportError(Problem(shown_path, f"row {len(records) + 1}", f"not valid CSV ({exc}); check its quotes")) from None
    header, rows = _rows(records)
    return header, rows, separator == ";"


def _xlsx(path: Path, sheet: str | None) -> Grid:
    shown_path = display_path(path)
    try:
        with zipfile.ZipFile(path) as book:
            unpacked = sum(i.file_size for i in book.infolist())
            if unpacked > MAX_UNPACKED_BYTES:
                raise ReportError(Problem(shown_path, "", f"unpacks to {unpacked / 2**20:.0f} MB, more than a table file may "
                                                          f"({MAX_UNPACKED_BYTES // 2**20} MB)"))
            parts = sheet_paths(book)
            if sheet is None and len(parts) != 1:
                raise ReportError(Problem(shown_path, "", "the workbook has several sheets: name one with 'sheet:' ("
                                          + ", ".join(map(repr, parts)) + ")"))
            sheet = sheet if sheet is not None else next(iter(parts))
            if sheet not in parts:
                close = get_close_matches(sheet, list(parts), n=1, cutoff=0.6)
                hint = f"did you mean {close[0]!r}?" if close else "its sheets: " + ", ".join(map(repr, parts))
                raise ReportError(Problem(shown_path, "sheet", f"no sheet named {shown(sheet)} ({hint})"))
            cells = sheet_cells(book, parts[sheet])
    except ReportError:
        raise
    except (zipfile.BadZipFile, KeyError, ValueError, etree.XMLSyntaxError) as exc:
        raise ReportError(Problem(shown_path, "", f"not an XLSX workbook ({exc}); save it from Excel or LibreOffice "
                                                  "as .xlsx")) from None
    from python_calamine import CalamineWorkbook  # only reports with XLSX tables load it

    try:
        records = CalamineWorkbook.from_path(str(path)).get_sheet_by_name(sheet).to_python(skip_empty_area=False)
    except Exception as exc:  # calamine raises its own error types; to the analyst each means the same
        raise ReportError(Problem(shown_path, "", f"cannot read the sheet {shown(sheet)} ({shown(str(exc))})")) from None
    header, rows = _rows(records)
    return Grid(path, sheet, header, rows, False, cells)
