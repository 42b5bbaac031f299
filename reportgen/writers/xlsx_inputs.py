"""The Assumptions sheet: every input of the model, styled as an input, with its provenance.

Every number on the other sheets is a formula of these cells, so a client who changes one
(a published anchor, a growth assumption, a segment share) sees the whole workbook follow.
The values come from the validated input files (``report.data.source``) and the provenance
(sourced or estimate, and why) from the data layer.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from xlsxwriter.utility import xl_rowcol_to_cell

from reportgen.data.compute import ESTIMATE, SOURCED, ComputedDimension, ComputedReport, ComputedSegment
from reportgen.data.schema import DimensionFile, Series
from reportgen.model.elements import Report
from reportgen.writers.xlsx_book import Book, Sheet

# Columns of the Assumptions sheet.
LABEL, WHEN, VALUE, GROWTH, PRICE_INDEX, STATUS, BASIS, WHERE = range(8)
SERIES_HEADER = ("Figure", "Year", "Value", "", "", "Status", "Source or reason", "Input file")


@dataclass(frozen=True)
class SeriesInputs:
    """Names of a series' input cells: one per anchor year, one per year an assumption covers."""

    anchors: dict[int, str]
    growth: dict[int, str]


@dataclass(frozen=True)
class SegmentInputs:
    """References to a segment's input cells, and its price index (not kept by the data layer)."""

    share: str
    growth: str
    price_index: str | None
    price_index_value: float


@dataclass(frozen=True)
class Inputs:
    """Where each input sits, for the formulas of the other sheets."""

    sheet: Sheet
    base_year: str
    unit_scale: str | None
    price_base: str | None
    price_change: str | None
    market: SeriesInputs
    comparisons: tuple[SeriesInputs, ...]  # in the order of ``data.comparisons``
    segments: dict[tuple[str, str], SegmentInputs]  # (dimension id, segment name)


def share_blocks(dim: ComputedDimension) -> list[tuple[ComputedSegment | None, list[ComputedSegment]]]:
    """Sibling groups, parents before their children: the top level, then each parent depth first.

    Siblings sit in consecutive rows on every sheet, so that a normalisation is one SUMPRODUCT
    over a range and a total one SUM.
    """
    blocks: list[tuple[ComputedSegment | None, list[ComputedSegment]]] = []

    def visit(parent: ComputedSegment | None) -> None:
        kids = dim.children(parent.name if parent else None)
        if kids:
            blocks.append((parent, kids))
        for kid in kids:
            visit(kid)

    visit(None)
    return blocks


def _where(data: ComputedReport, path: Path, field: str) -> str:
    """'file: field' relative to the report folder: the same wherever the build runs."""
    return f"{path.relative_to(data.source.folder).as_posix()}: {field}"


def _header(sheet: Sheet, row: int, labels: Sequence[str]) -> None:
    for col, label in enumerate(labels):
        sheet.text(row, col, label, sheet.book.fmt("header"))


def _provenance(sheet: Sheet, row: int, status: str, basis: str, where: str) -> None:
    sheet.text(row, STATUS, status, sheet.book.fmt("bold" if status == SOURCED else "muted"))
    sheet.text(row, BASIS, basis, sheet.book.fmt("wrap"))
    sheet.text(row, WHERE, where, sheet.book.fmt("muted"))


def _series_block(sheet: Sheet, row: int, data: ComputedReport, series: Series, field: str,
                  prefix: str, money_unit: str) -> tuple[int, SeriesInputs]:
    book = sheet.book
    sheet.text(row, LABEL, f"{book.tr(series.name)} ({money_unit})", book.fmt("section"), fit=False)
    _header(sheet, row + 1, SERIES_HEADER)
    row += 2
    anchors: dict[int, str] = {}
    for i, a in enumerate(series.anchors):
        sheet.text(row, LABEL, "Market size")
        sheet.number(row, WHEN, a.year, "year", "plain")
        sheet.number(row, VALUE, a.value, "money")
        anchors[a.year] = book.define(f"{prefix}_{a.year}", sheet, row, VALUE)
        _provenance(sheet, row, SOURCED if a.source else ESTIMATE, book.tr(a.source or a.estimate or ""),
                    _where(data, data.source.report_path, f"{field}.anchors[{i}]"))
        row += 1
    growth: dict[int, str] = {}
    for i, g in enumerate(series.assumptions):
        span = f"{g.start}-{g.end}" if g.end > g.start else str(g.start)
        sheet.text(row, LABEL, "Annual growth")
        sheet.text(row, WHEN, span)
        sheet.number(row, VALUE, g.growth / 100.0, "percent")
        name = book.define(f"{prefix}_Growth_{span.replace('-', '_')}", sheet, row, VALUE)
        growth |= dict.fromkeys(range(g.start, g.end + 1), name)
        _provenance(sheet, row, ESTIMATE, book.tr(g.reason), _where(data, data.source.report_path, f"{field}.assumptions[{i}]"))
        row += 1
    return row + 1, SeriesInputs(anchors, growth)


def _price_block(sheet: Sheet, row: int, data: ComputedReport) -> tuple[int, str, str]:
    book, meta = sheet.book, data.meta
    assert meta.volume is not None
    price, where = meta.volume.price, _where(data, data.source.report_path, "volume.price")
    reason = book.tr(price.reason)
    sheet.text(row, LABEL, f"Average price ({book.tr(meta.volume.name)} = revenue / average price)", book.fmt("section"),
               fit=False)
    _header(sheet, row + 1, SERIES_HEADER)
    sheet.text(row + 2, LABEL, f"Average price per {book.tr(meta.volume.unit).rstrip('s')}")
    sheet.number(row + 2, WHEN, data.base_year, "year", "plain")
    sheet.number(row + 2, VALUE, price.base, "price")
    _provenance(sheet, row + 2, ESTIMATE, reason, f"{where}.base")
    sheet.text(row + 3, LABEL, "Annual change of the average price")
    sheet.text(row + 3, WHEN, f"from {data.base_year}")
    sheet.number(row + 3, VALUE, price.change / 100.0, "percent")
    _provenance(sheet, row + 3, ESTIMATE, reason, f"{where}.change")
    return row + 5, book.define("PriceBase", sheet, row + 2, VALUE), book.define("PriceChange", sheet, row + 3, VALUE)


def _dimension_block(sheet: Sheet, row: int, data: ComputedReport, dim: ComputedDimension, source: DimensionFile,
                     with_price: bool) -> tuple[int, dict[tuple[str, str], SegmentInputs]]:
    """Shares, own growth and price index per segment; a blank share is the remainder formula."""
    book = sheet.book
    sheet.text(row, LABEL, f"By {book.tr(dim.title).lower()}: {data.base_year} shares and own growth", book.fmt("section"),
               fit=False)
    _header(sheet, row + 1, ("Segment", "Share of", f"Share of parent, {data.base_year}", "Own growth a year",
                             "Price index" if with_price else "", "Share status", "Share source or reason", "Input file"))
    row += 2
    index = {s.name: i for i, s in enumerate(dim.segments)}
    found: dict[tuple[str, str], SegmentInputs] = {}
    for parent, kids in share_blocks(dim):
        first = row
        for seg in kids:
            i = index[seg.name]
            given = source.segments[i]
            sheet.text(row, LABEL, book.tr(seg.name), book.fmt(f"indent{min(seg.depth, 3)}" if seg.depth else "label"))
            sheet.text(row, WHEN, book.tr(parent.name) if parent else "market")
            if given.share is None:
                others = [xl_rowcol_to_cell(r, VALUE) for r in range(first, first + len(kids)) if r != row]
                formula = f"=MAX(0,1-SUM({','.join(others)}))" if others else "=1"
                sheet.formula(row, VALUE, formula, seg.share, "percent")
            else:
                sheet.number(row, VALUE, seg.share, "percent")
            sheet.number(row, GROWTH, seg.growth, "percent")
            if with_price:
                sheet.number(row, PRICE_INDEX, given.price_index, "index")
            _provenance(sheet, row, seg.share_status, book.tr(seg.share_basis), _where(data, dim.path, f"segments[{i}]"))
            found[(dim.id, seg.name)] = SegmentInputs(
                sheet.ref(row, VALUE), sheet.ref(row, GROWTH), sheet.ref(row, PRICE_INDEX) if with_price else None,
                given.price_index)
            row += 1
    sheet.text(row, LABEL, f"Own growth rates are estimates: {book.tr(dim.growth_basis)}", book.fmt("muted"), fit=False)
    return row + 2, found


def write_assumptions(book: Book, report: Report) -> Inputs:
    data, meta = report.data, report.data.meta
    sheet = book.add_sheet("Assumptions", "Every input: anchors, growth assumptions, prices, segment shares and growth, with sources")
    row = sheet.title("Assumptions", "Blue figures on yellow are inputs: change one and every sheet recomputes. "
                                     "Status says whether a figure is published (sourced) or our estimate, and why.")
    sheet.text(row, LABEL, "Input", book.style("text", "input"))
    sheet.text(row, WHEN, "Formula", book.style("text", "formula"))
    sheet.text(row, VALUE, "From another sheet", book.style("text", "link"))
    row += 2
    sheet.text(row, LABEL, "General", book.fmt("section"), fit=False)
    sheet.text(row + 1, LABEL, "Base year (segment shares refer to it)")
    sheet.number(row + 1, VALUE, data.base_year, "year", "plain")
    base_year = book.define("BaseYear", sheet, row + 1, VALUE)
    unit_scale = None
    if data.volume is not None:
        sheet.text(row + 2, LABEL, f"Currency units in one {meta.unit.short} ({meta.unit.name})")
        sheet.number(row + 2, VALUE, meta.unit.scale, "number", "plain")
        unit_scale = book.define("UnitScale", sheet, row + 2, VALUE)
    row += 4
    row, market = _series_block(sheet, row, data, meta.market, "market", "Market", report.fmt.money_unit)
    price_base = price_change = None
    if meta.volume is not None:
        row, price_base, price_change = _price_block(sheet, row, data)
    comparisons = []
    for i, comp in enumerate(data.comparisons):
        row, found = _series_block(sheet, row, data, comp.meta, f"comparisons[{i}]", comp.meta.id, report.fmt.money_unit)
        comparisons.append(found)
    segments: dict[tuple[str, str], SegmentInputs] = {}
    sources = {d.id: d for _, d in data.source.dimensions}
    for dim in data.dimensions:
        row, found = _dimension_block(sheet, row, data, dim, sources[dim.id], data.volume is not None)
        segments |= found
    sheet.finish(freeze=(3, 1))
    return Inputs(sheet, base_year, unit_scale, price_base, price_change, market, tuple(comparisons), segments)
