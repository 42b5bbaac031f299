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

from reportgen.data.compute import ESTIMATE, REMAINDER, SOURCED, ComputedDimension, ComputedReport, ComputedSegment
from reportgen.data.schema import DimensionFile, Series
from reportgen.model.elements import Report
from reportgen.model.sentences import upper_first
from reportgen.writers.xlsx.book import Book, Sheet

# Columns of the Assumptions sheet.
LABEL, WHEN, VALUE, GROWTH, PRICE_INDEX, STATUS, BASIS, WHERE = range(8)


def _series_header(_) -> tuple[str, ...]:
    return (_("Figure"), _("Year"), _("Value"), "", "", _("Status"), _("Source or reason"), _("Input file"))


def singular(unit: str) -> str:
    """A volume unit's singular, as the data gives only the plural: 'patients' -> 'patient'.

    A plain final 's' comes off (right for 'patients', 'pacientes', 'robôs'); messages that need
    the word in the singular also get the plural as ``{units}``, for a language where this is wrong.
    """
    return unit.rstrip("s")


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


def status_label(status: str, _) -> str:
    """The data layer's provenance status (``SOURCED``, ``ESTIMATE``) in the workbook's language."""
    return {SOURCED: _("sourced"), ESTIMATE: _("estimate")}.get(status, status)


def _provenance(sheet: Sheet, row: int, status: str, basis: str, where: str) -> None:
    shown = status_label(status, sheet.book._)
    sheet.text(row, STATUS, shown, sheet.book.fmt("bold" if status == SOURCED else "muted"))
    sheet.text(row, BASIS, basis, sheet.book.fmt("wrap"))
    sheet.text(row, WHERE, where, sheet.book.fmt("muted"))


def _series_block(sheet: Sheet, row: int, data: ComputedReport, series: Series, field: str,
                  prefix: str, money_unit: str) -> tuple[int, SeriesInputs]:
    book, _ = sheet.book, sheet.book._
    sheet.text(row, LABEL, f"{upper_first(book.tr(series.name))} ({money_unit})", book.fmt("section"), fit=False)
    _header(sheet, row + 1, _series_header(_))
    row += 2
    anchors: dict[int, str] = {}
    for i, a in enumerate(series.anchors):
        sheet.text(row, LABEL, _("Market size"))
        sheet.number(row, WHEN, a.year, "year", "plain")
        sheet.number(row, VALUE, a.value, "money")
        anchors[a.year] = book.define(f"{prefix}_{a.year}", sheet, row, VALUE)
        _provenance(sheet, row, SOURCED if a.source else ESTIMATE, book.tr(a.source or a.estimate or ""),
                    _where(data, data.source.report_path, f"{field}.anchors[{i}]"))
        row += 1
    growth: dict[int, str] = {}
    for i, g in enumerate(series.assumptions):
        span = f"{g.start}-{g.end}" if g.end > g.start else str(g.start)
        sheet.text(row, LABEL, _("Annual growth"))
        sheet.text(row, WHEN, span)
        sheet.number(row, VALUE, g.growth / 100.0, "percent")
        name = book.define(f"{prefix}_Growth_{span.replace('-', '_')}", sheet, row, VALUE)
        growth |= dict.fromkeys(range(g.start, g.end + 1), name)
        _provenance(sheet, row, ESTIMATE, book.tr(g.reason), _where(data, data.source.report_path, f"{field}.assumptions[{i}]"))
        row += 1
    return row + 1, SeriesInputs(anchors, growth)


def _price_block(sheet: Sheet, row: int, data: ComputedReport) -> tuple[int, str, str]:
    book, meta, _ = sheet.book, data.meta, sheet.book._
    assert meta.volume is not None
    price, where = meta.volume.price, _where(data, data.source.report_path, "volume.price")
    reason, units = book.tr(price.reason), book.tr(meta.volume.unit)
    sheet.text(row, LABEL, _("Average price ({measure} = revenue / average price)").format(measure=book.tr(meta.volume.name)),
               book.fmt("section"), fit=False)
    _header(sheet, row + 1, _series_header(_))
    sheet.text(row + 2, LABEL, _("Average price per {unit}").format(unit=singular(units), units=units))
    sheet.number(row + 2, WHEN, data.base_year, "year", "plain")
    sheet.number(row + 2, VALUE, price.base, "price")
    _provenance(sheet, row + 2, ESTIMATE, reason, f"{where}.base")
    sheet.text(row + 3, LABEL, _("Annual change of the average price"))
    sheet.text(row + 3, WHEN, _("from {year}").format(year=data.base_year))
    sheet.number(row + 3, VALUE, price.change / 100.0, "percent")
    _provenance(sheet, row + 3, ESTIMATE, reason, f"{where}.change")
    return row + 5, book.define("PriceBase", sheet, row + 2, VALUE), book.define("PriceChange", sheet, row + 3, VALUE)


def _dimension_block(sheet: Sheet, row: int, data: ComputedReport, dim: ComputedDimension, source: DimensionFile,
                     with_price: bool) -> tuple[int, dict[tuple[str, str], SegmentInputs]]:
    """Shares, own growth and price index per segment; a blank share is the remainder formula."""
    book, _ = sheet.book, sheet.book._
    sheet.text(row, LABEL, _("By {dimension}: {year} shares and own growth").format(
        dimension=book.tr(dim.title).lower(), year=data.base_year), book.fmt("section"), fit=False)
    _header(sheet, row + 1, (_("Segment"), _("Share of"), _("Share of parent, {year}").format(year=data.base_year),
                             _("Own growth a year"), _("Price index") if with_price else "", _("Share status"),
                             _("Share source or reason"), _("Input file")))
    row += 2
    index = {s.name: i for i, s in enumerate(dim.segments)}
    found: dict[tuple[str, str], SegmentInputs] = {}
    for parent, kids in share_blocks(dim):
        first = row
        for seg in kids:
            i = index[seg.name]
            given = source.segments[i]
            sheet.text(row, LABEL, book.tr(seg.name), book.fmt(f"indent{min(seg.depth, 3)}" if seg.depth else "label"))
            sheet.text(row, WHEN, book.tr(parent.name) if parent else _("market"))
            if given.share is None:
                others = [xl_rowcol_to_cell(r, VALUE) for r in range(first, first + len(kids)) if r != row]
                formula = f"=MAX(0,1-SUM({','.join(others)}))" if others else "=1"
                sheet.formula(row, VALUE, formula, seg.share, "percent")
            else:
                sheet.number(row, VALUE, seg.share, "percent")
            sheet.number(row, GROWTH, seg.growth, "percent")
            if with_price:
                sheet.number(row, PRICE_INDEX, given.price_index, "index")
            basis = _("remainder: 100% less the other shares") if seg.share_basis == REMAINDER else book.tr(seg.share_basis)
            _provenance(sheet, row, seg.share_status, basis, _where(data, dim.path, f"segments[{i}]"))
            found[(dim.id, seg.name)] = SegmentInputs(
                sheet.ref(row, VALUE), sheet.ref(row, GROWTH), sheet.ref(row, PRICE_INDEX) if with_price else None,
                given.price_index)
            row += 1
    sheet.text(row, LABEL, _("Own growth rates are estimates: {basis}").format(basis=book.tr(dim.growth_basis)),
               book.fmt("muted"), fit=False)
    return row + 2, found


def write_assumptions(book: Book, report: Report) -> Inputs:
    data, meta, fmt, _ = report.data, report.data.meta, report.fmt, report.gettext
    title = _("Assumptions")
    sheet = book.add_sheet(title, _("Every input: anchors, growth assumptions, prices, segment shares and growth, with sources"))
    row = sheet.title(title, _("Blue figures on yellow are inputs: change one and every sheet recomputes. Status says whether "
                               "a figure is published ({sourced}) or our estimate, and why.").format(
                                   sourced=status_label(SOURCED, _)))
    sheet.text(row, LABEL, _("Input"), book.style("text", "input"))
    sheet.text(row, WHEN, _("Formula"), book.style("text", "formula"))
    sheet.text(row, VALUE, _("From another sheet"), book.style("text", "link"))
    row += 2
    sheet.text(row, LABEL, _("General"), book.fmt("section"), fit=False)
    sheet.text(row + 1, LABEL, _("Base year (segment shares refer to it)"))
    sheet.number(row + 1, VALUE, data.base_year, "year", "plain")
    base_year = book.define("BaseYear", sheet, row + 1, VALUE)
    unit_scale = None
    if data.volume is not None:
        one = fmt.unit_name_one or fmt.unit_name
        label = (_("Currency units in one {unit}").format(unit=one) if fmt.unit_short == one
                 else _("Currency units in one {unit_short} ({unit_name})").format(unit_short=fmt.unit_short, unit_name=one))
        sheet.text(row + 2, LABEL, label)
        sheet.number(row + 2, VALUE, meta.unit.scale, "number", "plain")
        unit_scale = book.define("UnitScale", sheet, row + 2, VALUE)
    row += 4
    row, market = _series_block(sheet, row, data, meta.market, "market", "Market", fmt.money_unit)
    price_base = price_change = None
    if meta.volume is not None:
        row, price_base, price_change = _price_block(sheet, row, data)
    comparisons = []
    for i, comp in enumerate(data.comparisons):
        row, found = _series_block(sheet, row, data, comp.meta, f"comparisons[{i}]", comp.meta.id, fmt.money_unit)
        comparisons.append(found)
    segments: dict[tuple[str, str], SegmentInputs] = {}
    sources = {d.id: d for _, d in data.source.dimensions}
    for dim in data.dimensions:
        row, found = _dimension_block(sheet, row, data, dim, sources[dim.id], data.volume is not None)
        segments |= found
    sheet.finish(freeze=(3, 1))
    return Inputs(sheet, base_year, unit_scale, price_base, price_change, market, tuple(comparisons), segments)
