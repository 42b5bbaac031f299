"""What an XLSX sheet's cell values do not say: which cells are formatted as percentages, and
which formulas have no saved value.

The values come from calamine (``table_files``), which reads what a cell holds, not how it is
shown: a cell formatted as a percentage holds a fraction (0.62 shown as 62 %), and the data format
writes percentages as 62, so the reader must know the format. A formula saved by a program that
does not calculate (a script, some converters) has no cached value: calamine reads it as empty,
and the report would show a blank or fail on a required cell, so it is named as what it is.

Both facts are in the file's XML: a cell's ``s`` attribute indexes ``cellXfs`` in
``xl/styles.xml``, whose ``numFmtId`` is a built-in percentage format (9, 10) or a custom one
with a ``%``; a formula is an ``<f>`` child, its cached value a ``<v>``. Reading those two
attributes with lxml costs one pass over the sheet's XML and no new dependency (openpyxl would
load the whole workbook twice, once for formulas and once for cached values). The parser
resolves no entity and fetches nothing.
"""

from __future__ import annotations

import posixpath
import re
import zipfile
from dataclasses import dataclass

from lxml import etree

BUILTIN_PERCENT = {9, 10}  # "0%" and "0.00%"
_QUOTED = re.compile(r'"[^"]*"|\\.')  # literal text and escaped characters in a number format
_REF = re.compile(r"([A-Z]+)(\d+)")
_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False)


@dataclass(frozen=True)
class SheetCells:
    """Cells of one sheet by (row number as shown, column index from 0)."""

    percent: frozenset[tuple[int, int]]  # formatted as a percentage
    uncached: frozenset[tuple[int, int]]  # a formula without a saved value


def _xml(book: zipfile.ZipFile, name: str):
    return etree.fromstring(book.read(name), _PARSER)


def sheet_paths(book: zipfile.ZipFile) -> dict[str, str]:
    """Each sheet's name -> the path of its XML part in the package, in the workbook's order."""
    workbook = _xml(book, "xl/workbook.xml")
    rels = _xml(book, "xl/_rels/workbook.xml.rels")
    targets = {r.get("Id"): r.get("Target", "") for r in rels.iter("{*}Relationship")}
    out = {}
    for sheet in workbook.iter("{*}sheet"):
        rid = next((v for k, v in sheet.attrib.items() if k.endswith("}id")), None)
        target = targets.get(rid, "")
        out[sheet.get("name", "")] = target.lstrip("/") if target.startswith("/") else posixpath.normpath(posixpath.join("xl", target))
    return out


def _percent_styles(book: zipfile.ZipFile) -> set[int]:
    """Indices of the cell formats (``cellXfs``) that show a number as a percentage."""
    if "xl/styles.xml" not in book.namelist():
        return set()
    styles = _xml(book, "xl/styles.xml")
    custom = {int(f.get("numFmtId", -1)): f.get("formatCode", "") for f in styles.iter("{*}numFmt")}
    percent = BUILTIN_PERCENT | {i for i, code in custom.items() if "%" in _QUOTED.sub("", code)}
    xfs = next(styles.iter("{*}cellXfs"), None)
    return set() if xfs is None else {i for i, xf in enumerate(xfs.iter("{*}xf")) if int(xf.get("numFmtId", 0)) in percent}


def _column(letters: str) -> int:
    n = 0
    for c in letters:
        n = n * 26 + ord(c) - 64
    return n - 1


def sheet_cells(book: zipfile.ZipFile, part: str) -> SheetCells:
    """The percentage-formatted cells and the uncached formulas of the sheet at ``part``."""
    percent_styles = _percent_styles(book)
    percent, uncached = set(), set()
    row_number = 0
    for row in _xml(book, part).iter("{*}row"):
        row_number = int(row.get("r", row_number + 1))
        col = -1
        for cell in row.iter("{*}c"):
            ref = _REF.fullmatch(cell.get("r", ""))
            col = _column(ref.group(1)) if ref else col + 1
            if int(cell.get("s", 0)) in percent_styles:
                percent.add((row_number, col))
            value = next(cell.iter("{*}v"), None)
            saved = value is not None and (bool(value.text) or cell.get("t") == "str")  # a formula may give ""
            if next(cell.iter("{*}f"), None) is not None and not saved:
                uncached.add((row_number, col))
    return SheetCells(frozenset(percent), frozenset(uncached))
