"""Reading and editing the Excel edition in tests.

Finding rows by label and years by header keeps the tests independent of exact positions.
openpyxl drops charts when it reads a workbook and every cached formula result when it saves
one; the tests need both, so charts and edits work on the parts of the zip directly.
"""

from __future__ import annotations

import io
import posixpath
import re
import zipfile
from collections.abc import Callable
from xml.etree import ElementTree

from openpyxl.worksheet.worksheet import Worksheet

from reportgen.data.compute import ComputedDimension

NS = {
    "main": "http://schemas.openxmlformats.org/spreadsheetml/2006/main",
    "rel": "http://schemas.openxmlformats.org/package/2006/relationships",
}
R_ID = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"
XDR = "http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing"


def _rels(zf: zipfile.ZipFile, part: str) -> dict[str, str]:
    """Relationship id -> target part path, for one part."""
    rels_path = posixpath.join(posixpath.dirname(part), "_rels", posixpath.basename(part) + ".rels")
    if rels_path not in zf.namelist():
        return {}
    root = ElementTree.fromstring(zf.read(rels_path))
    return {
        r.get("Id"): posixpath.normpath(posixpath.join(posixpath.dirname(part), r.get("Target")))
        for r in root.findall("rel:Relationship", NS)
    }


def sheet_parts(data: bytes) -> dict[str, str]:
    """Sheet name -> worksheet part, e.g. {'Market': 'xl/worksheets/sheet3.xml'}."""
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        rels = _rels(zf, "xl/workbook.xml")
        root = ElementTree.fromstring(zf.read("xl/workbook.xml"))
        return {s.get("name"): rels[s.get(R_ID)] for s in root.findall("main:sheets/main:sheet", NS)}


def charts_by_sheet(data: bytes) -> dict[str, list[str]]:
    """Sheet name -> the XML of each chart drawn on it."""
    out: dict[str, list[str]] = {}
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        for name, part in sheet_parts(data).items():
            charts = []
            for drawing in (t for t in _rels(zf, part).values() if "/drawings/" in t):
                charts += [zf.read(t).decode() for t in _rels(zf, drawing).values() if "/charts/" in t]
            out[name] = charts
    return out


def drawing_descriptions(data: bytes) -> dict[str, list[str | None]]:
    """Sheet name -> the text alternative (``descr``) of each chart and picture drawn on it, in order."""
    out: dict[str, list[str | None]] = {}
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        for name, part in sheet_parts(data).items():
            out[name] = [properties.get("descr")
                         for drawing in (t for t in _rels(zf, part).values() if "/drawings/" in t)
                         for properties in ElementTree.fromstring(zf.read(drawing)).iter(f"{{{XDR}}}cNvPr")]
    return out


def _rewrite(data: bytes, edit: dict[str, Callable[[str], str]]) -> bytes:
    """A copy of the package with the named parts passed through their edit function."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            body = src.read(info.filename)
            if info.filename in edit:
                body = edit[info.filename](body.decode()).encode()
            dst.writestr(info, body)
    return out.getvalue()


def set_number(data: bytes, sheet: str, cell: str, value: float) -> bytes:
    """Change one numeric input cell, leaving every formula's cached result as it was (stale)."""
    pattern = re.compile(rf'(<c r="{cell}"[^>]*>)<v>[^<]*</v>')

    def edit(xml: str) -> str:
        new, count = pattern.subn(lambda m: f"{m.group(1)}<v>{value!r}</v>", xml)
        assert count == 1, f"{sheet}!{cell} is not a plain number cell"
        return new

    return _rewrite(data, {sheet_parts(data)[sheet]: edit})


def zero_cached_results(data: bytes) -> bytes:
    """Every formula's cached result set to 0, so only a real recalculation can bring the numbers back."""
    pattern = re.compile(r'(<c r="[A-Z]+\d+"[^>]*?)( t="(?:str|e)")?(>)(<f>[^<]*</f>)<v>[^<]*</v>')

    def edit(xml: str) -> str:
        return pattern.sub(lambda m: f"{m.group(1)}{m.group(3)}{m.group(4)}<v>0</v>", xml)

    return _rewrite(data, dict.fromkeys(sheet_parts(data).values(), edit))


# --- reading with openpyxl ---------------------------------------------------------------


def label_rows(ws: Worksheet, label: str) -> list[int]:
    """Rows (1-based) whose first cell is exactly ``label``."""
    return [c.row for c in ws["A"] if c.value == label]


def year_columns(ws: Worksheet, years: range) -> dict[int, int]:
    """Year -> column, from the first row that holds every year in order."""
    for row in ws.iter_rows():
        cols = {c.value: c.column for c in row if isinstance(c.value, int) and c.value in years}
        if len(cols) == len(years):
            return cols
    raise AssertionError(f"no header row with the years {years[0]}-{years[-1]} on {ws.title}")


def yearly(ws: Worksheet, row: int, years: range) -> dict[int, object]:
    cols = year_columns(ws, years)
    return {y: ws.cell(row, cols[y]).value for y in years}


def dimension_sheet(wb, dim: ComputedDimension) -> Worksheet:
    """The sheet of one dimension, found by its title rather than by its (derived) name."""
    return next(ws for ws in wb.worksheets if ws["A1"].value == f"By {dim.title.lower()}")
