"""Every cell of a table validated against its column: the values a deliverable may show.

A table's values come from a CSV or XLSX file (``table_files``) or from inline rows in YAML, and
are held to one set of rules, so that whatever ``check`` passes every format can show:

- ``text``: any text on one line (whitespace runs become one space), with the rules of every
  data text (no control characters, at most 2,000 characters); a number in a text column is
  taken as its text ("2023");
- ``number`` and ``money`` (in the report's unit): a finite number of at most 1e15 in size;
  written in a CSV or YAML as ``1234.5`` or ``1,234.5``, and in a semicolon-separated CSV as
  ``1234,5`` or ``1.234,5``;
- ``percent``: a number in percent, as the data format writes rates (``31.5``, or ``31.5%``);
  an Excel cell formatted as a percentage holds the fraction (0.315 shown as 31.5 %) and is read
  as 31.5;
- ``year``: a whole year from 1900 to 2200; ``date``: ``YYYY-MM-DD`` or an Excel date.

An empty cell is an error in a required column. Each problem names the cell as the analyst sees
it: the file, the row as a spreadsheet counts it (the header is row 1) and the column's header,
or for inline rows the YAML field.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from difflib import get_close_matches
from pathlib import Path

from pydantic import BaseModel, TypeAdapter, ValidationError

from reportgen.data.messages import validation_message
from reportgen.data.schema import Citation
from reportgen.data.section_schema import ColumnType, TableColumn, TableSpec
from reportgen.data.table_files import Grid, read_grid
from reportgen.errors import Problem, ReportError, shown

Cell = str | float | int | dt.date | None
MAX_MAGNITUDE = 1e15
YEARS = (1900, 2200)
MAX_PROBLEMS = 20  # per table: a wrong separator or a shifted column would otherwise print every cell
_DOT = re.compile(r"[+-]?(\d+|\d{1,3}(,\d{3})+)(\.\d+)?")
_COMMA = re.compile(r"[+-]?(\d+|\d{1,3}(\.\d{3})+)(,\d+)?")
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_TEXT = TypeAdapter(Citation)
UNCACHED = ("a formula with no saved value (the file was written by a program that does not calculate): open it in Excel "
            "or LibreOffice and save it, then build again")


def _got(value: object) -> str:
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, int | float):
        return f"the number {value:g}"
    if isinstance(value, dt.date):
        return f"the date {value.isoformat()}"
    return f"the text {shown(value)}"


def _number(value: object, decimal_comma: bool) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float | str):
        raise ValueError(f"expected a number, got {_got(value)}")
    if isinstance(value, str):
        text = "".join(value.split()).replace("\u202f", "")
        if decimal_comma and _COMMA.fullmatch(text):
            number = float(text.replace(".", "").replace(",", "."))
        elif not decimal_comma and _DOT.fullmatch(text):
            number = float(text.replace(",", ""))
        else:
            example = "1.234,5" if decimal_comma else "1234.5"
            raise ValueError(f"expected a number such as {example}, got {_got(value)}")
    else:
        number = float(value)
    if not math.isfinite(number) or abs(number) > MAX_MAGNITUDE:
        raise ValueError(f"must be a finite number of at most {MAX_MAGNITUDE:g} in size, got {_got(value)}")
    return number


def convert(value: object, kind: ColumnType, percent_cell: bool = False, decimal_comma: bool = False) -> Cell:
    """One non-empty cell as its column's type wants it; ValueError with the reason otherwise.

    ``percent_cell``: the XLSX cell is formatted as a percentage (it holds a fraction).
    """
    if kind == "text":
        if isinstance(value, bool):
            raise ValueError(f"expected text, got {_got(value)} (YAML reads an unquoted yes, no, on or off as true or false: "
                             "put the text in quotes)")
        if isinstance(value, float) and value.is_integer():
            value = int(value)
        return value if isinstance(value, str) else str(value)
    if percent_cell and kind != "percent":
        raise ValueError(f"the cell is formatted as a percentage, but the column holds a {kind}: make it 'type: percent', "
                         "or format the cell as a number")
    if kind == "percent":
        if isinstance(value, str) and value.strip().endswith("%"):
            value = value.strip()[:-1]
        number = _number(value, decimal_comma)
        return float(f"{number * 100:.12g}") if percent_cell and not isinstance(value, str) else number
    if kind in ("number", "money"):
        return _number(value, decimal_comma)
    if kind == "year":
        year = value if isinstance(value, int | float) and not isinstance(value, bool) else None
        if isinstance(value, str) and value.strip().isdigit():
            year = int(value.strip())
        if year is None or not float(year).is_integer() or not YEARS[0] <= year <= YEARS[1]:
            raise ValueError(f"expected a year from {YEARS[0]} to {YEARS[1]}, got {_got(value)}")
        return int(year)
    return _date(value)


def _date(value: object) -> dt.date:
    if isinstance(value, dt.datetime):
        if value.time() != dt.time(0, 0):
            raise ValueError(f"expected a date, got the date and time {value.isoformat(sep=' ')}")
        value = value.date()
    if isinstance(value, str) and _DATE.fullmatch(value.strip()):
        try:
            value = dt.date.fromisoformat(value.strip())
        except ValueError as exc:
            raise ValueError(f"{value.strip()} is not a date ({exc})") from None
    if not isinstance(value, dt.date):
        raise ValueError(f"expected a date written YYYY-MM-DD, got {_got(value)}")
    if not YEARS[0] <= value.year <= YEARS[1]:
        raise ValueError(f"expected a date from {YEARS[0]} to {YEARS[1]}, got {value.isoformat()}")
    return value


def _blank(value: object) -> bool:
    return value is None or (isinstance(value, str) and not value.strip()) or (isinstance(value, float) and math.isnan(value))


@dataclass(frozen=True)
class LoadedTable:
    """A table's typed rows (percent as written: 31.5) and where each came from."""

    spec: TableSpec
    rows: tuple[tuple[Cell, ...], ...]  # one cell per column of ``spec.columns``
    origins: tuple[str, ...]  # each row's place: 'row 4' (sheet too) in a file, 'blocks[0].table.rows[3]' inline
    file: str | None = None  # the table file, relative to the report folder (None: inline rows)

    def column(self, key: str) -> int:
        return next(i for i, c in enumerate(self.spec.columns) if c.key == key)


class _Problems(list):
    """At most MAX_PROBLEMS problems, then one line saying how many more there were."""

    def __init__(self, path: str):
        super().__init__()
        self.path, self.more = path, 0

    def add(self, field: str, message: str) -> None:
        if len(self) < MAX_PROBLEMS:
            self.append(Problem(self.path, field, message))
        else:
            self.more += 1

    def raise_any(self) -> None:
        if self.more:
            self.append(Problem(self.path, "", f"{self.more} more problem(s) in this table not shown"))
        if self:
            raise ReportError(list(self))


def _cell(value: object, column: TableColumn, where: str, problems: _Problems, percent: bool = False,
          decimal_comma: bool = False, uncached: bool = False) -> Cell:
    if uncached:
        problems.add(where, UNCACHED)
        return None
    if _blank(value):
        if column.required:
            problems.add(where, "empty cell, but the column is required: fill it in, or set 'required: false' on the column")
        return None
    try:
        cell = convert(value, column.type, percent, decimal_comma)
        return _TEXT.validate_python(cell) if column.type == "text" else cell
    except ValueError as exc:
        errors = exc.errors(include_url=False) if isinstance(exc, ValidationError) else None
        problems.add(where, validation_message(errors[0], BaseModel, ()) if errors else str(exc))
        return None


def file_table(spec: TableSpec, folder: Path) -> LoadedTable:
    """The rows of ``spec.file``, every cell validated. Raises ReportError with every problem."""
    assert spec.file is not None
    grid = read_grid(folder / spec.file, folder, spec.sheet)
    problems = _Problems(grid.shown_path)
    columns = {c.key: grid.column(c.key) for c in spec.columns}
    for key, index in columns.items():
        if index is None:
            problems.append(grid.missing(key))
    twice = [c.key for c in spec.columns if grid.header.count(c.key) > 1]
    for key in twice:
        problems.append(Problem(grid.shown_path, grid.where(1, key), "two columns have this header: which one is meant?"))
    if problems:
        raise ReportError(list(problems))
    rows = []
    for number, record in grid.rows:
        cells = []
        for column in spec.columns:
            index = columns[column.key]
            assert index is not None
            value = record[index] if index < len(record) else None
            at = (number, index)
            cells.append(_cell(value, column, grid.where(number, column.key), problems, at in grid.cells.percent,
                               grid.decimal_comma, at in grid.cells.uncached))
        rows.append(tuple(cells))
    if not rows:
        problems.add(grid.where(2), "the table has no rows below its header")
    problems.raise_any()
    return LoadedTable(spec, tuple(rows), tuple(grid.where(n) for n, _ in grid.rows), spec.file)


def inline_table(spec: TableSpec, path: str, field: str) -> LoadedTable:
    """The rows written in the section file at ``field`` ('blocks[0].table'), every cell validated."""
    assert spec.rows is not None
    problems = _Problems(path)
    keys = [c.key for c in spec.columns]
    rows = []
    for i, row in enumerate(spec.rows):
        for key in row:
            if key not in keys:
                close = get_close_matches(key, keys, n=1, cutoff=0.6)
                hint = f"did you mean {close[0]!r}?" if close else "the columns are " + ", ".join(map(repr, keys))
                problems.add(f"{field}.rows[{i}].{key}", f"no column has the key {shown(key)} ({hint})")
        rows.append(tuple(_cell(row.get(c.key), c, f"{field}.rows[{i}].{c.key}", problems) for c in spec.columns))
    if not rows:
        problems.add(f"{field}.rows", "needs at least 1 row")
    problems.raise_any()
    return LoadedTable(spec, tuple(rows), tuple(f"{field}.rows[{i}]" for i in range(len(rows))))


def records(grid: Grid, columns: Sequence[tuple[str, str, ColumnType]], model: type[BaseModel],
            required: Callable[[str], bool]) -> list[BaseModel]:
    """A model per row of ``grid``: ``columns`` are (field, header, type) of the fields it may fill;
    a field whose header is missing is an error when ``required(field)``. Every cell is converted
    to its type, then each row validated by ``model`` (errors name the cell)."""
    problems = _Problems(grid.shown_path)
    found = {field: (header, grid.column(header), kind) for field, header, kind in columns}
    for field, (header, index, _kind) in found.items():
        if index is None and required(field):
            problems.append(grid.missing(header))
    problems.raise_any()
    out: list[BaseModel] = []
    for number, record in grid.rows:
        values: dict[str, object] = {}
        for field, (header, index, kind) in found.items():
            if index is None or index >= len(record) or _blank(record[index]):
                continue
            at = (number, index)
            if at in grid.cells.uncached:
                problems.add(grid.where(number, header), UNCACHED)
                continue
            try:
                values[field] = convert(record[index], kind, at in grid.cells.percent, grid.decimal_comma)
            except ValueError as exc:
                problems.add(grid.where(number, header), str(exc))
        try:
            out.append(model.model_validate(values))
        except ValidationError as exc:
            for err in exc.errors(include_url=False):
                field = str(err["loc"][0]) if err["loc"] else ""
                header = found[field][0] if field in found else field
                message = "empty cell: every row needs a value here" if err["type"] == "missing" else validation_message(
                    err, model, err["loc"])
                problems.add(grid.where(number, header), message)
    problems.raise_any()
    return out
