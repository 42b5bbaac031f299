"""The Assumptions sheet: every input of the model, styled as an input, with its provenance.

Every number on the other sheets is a formula of these cells, so a client who changes one
(a published anchor, a growth assumption, a segment share) sees the whole workbook follow.
The inputs, their provenance (sourced or estimate, why, and the ``file: field`` they come
from) and the values the formulas cache are the model's (``report.workbook``).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from xlsxwriter.utility import xl_rowcol_to_cell

from reportgen.model.elements import Dimension, InputSeries, Price, Provenance, Report
from reportgen.writers.shared import with_names
from reportgen.writers.xlsx.book import Book, Sheet

# Columns of the Assumptions sheet.
LABEL, WHEN, VALUE, GROWTH, PRICE_INDEX, STATUS, BASIS, WHERE, DESCRIPTION = range(9)


def _series_header(_) -> tuple[str, ...]:
    return (_("Figure"), _("Year"), _("Value"), "", "", _("Status"), _("Source or reason"), _("Input file"))


@dataclass(frozen=True)
class SeriesInputs:
    """Names of a series' input cells: one per anchor year, one per year an assumption covers."""

    anchors: dict[int, str]
    growth: dict[int, str]


@dataclass(frozen=True)
class SegmentInputs:
    """References to a segment's input cells."""

    share: str
    growth: str
    price_index: str | None


@dataclass(frozen=True)
class Inputs:
    """Where each input sits, for the formulas of the other sheets."""

    sheet: Sheet
    base_year: str
    unit_scale: str | None
    volume_scale: str | None  # items in one volume unit, when that is not 1
    price_base: str | None
    price_change: str | None
    market: SeriesInputs
    comparisons: tuple[SeriesInputs, ...]  # in the order of ``workbook.comparisons``
    segments: dict[tuple[str, str], SegmentInputs]  # (dimension id, segment key)


def _header(sheet: Sheet, row: int, labels: Sequence[str]) -> None:
    for col, label in enumerate(labels):
        sheet.text(row, col, label, sheet.book.fmt("header"))


def status_label(sourced: bool, _) -> str:
    """An input's provenance status in the workbook's language."""
    return _("sourced") if sourced else _("estimate")


def _provenance(sheet: Sheet, row: int, provenance: Provenance) -> None:
    shown = status_label(provenance.sourced, sheet.book._)
    sheet.text(row, STATUS, shown, sheet.book.fmt("bold" if provenance.sourced else "muted"))
    sheet.text(row, BASIS, provenance.basis, sheet.book.fmt("wrap"))
    sheet.text(row, WHERE, provenance.where, sheet.book.fmt("muted"))


def _series_block(sheet: Sheet, row: int, series: InputSeries, money_unit: str) -> tuple[int, SeriesInputs]:
    book, _ = sheet.book, sheet.book._
    sheet.text(row, LABEL, f"{series.name} ({money_unit})", book.fmt("section"), fit=False)
    _header(sheet, row + 1, _series_header(_))
    row += 2
    anchors: dict[int, str] = {}
    for a in series.anchors:
        sheet.text(row, LABEL, _("Market size"))
        sheet.number(row, WHEN, a.year, "year", "plain")
        sheet.number(row, VALUE, a.value, "money")
        anchors[a.year] = book.define(f"{series.key}_{a.year}", sheet, row, VALUE)
        _provenance(sheet, row, a.provenance)
        row += 1
    growth: dict[int, str] = {}
    for g in series.assumptions:
        sheet.text(row, LABEL, _("Annual growth"))
        sheet.text(row, WHEN, g.span)
        sheet.number(row, VALUE, g.growth, "percent")
        name = book.define(f"{series.key}_Growth_{g.span.replace('-', '_')}", sheet, row, VALUE)
        growth |= dict.fromkeys(range(g.start, g.end + 1), name)
        _provenance(sheet, row, g.provenance)
        row += 1
    return row + 1, SeriesInputs(anchors, growth)


def _price_block(sheet: Sheet, row: int, price: Price, base_year: int) -> tuple[int, str, str]:
    book, _ = sheet.book, sheet.book._
    sheet.text(row, LABEL, with_names(_("Average price ({measure} = revenue / average price)"), measure=price.measure),
               book.fmt("section"), fit=False)
    _header(sheet, row + 1, _series_header(_))
    sheet.text(row + 2, LABEL, _("Average price per {unit}").format(unit=price.item, units=price.unit))
    sheet.number(row + 2, WHEN, base_year, "year", "plain")
    sheet.number(row + 2, VALUE, price.base, "price")
    _provenance(sheet, row + 2, price.base_provenance)
    sheet.text(row + 3, LABEL, _("Annual change of the average price"))
    sheet.text(row + 3, WHEN, _("from {year}").format(year=base_year))
    sheet.number(row + 3, VALUE, price.change, "percent")
    _provenance(sheet, row + 3, price.change_provenance)
    return row + 5, book.define("PriceBase", sheet, row + 2, VALUE), book.define("PriceChange", sheet, row + 3, VALUE)


def _dimension_block(sheet: Sheet, row: int, dim: Dimension, base_year: int,
                     with_price: bool) -> tuple[int, dict[tuple[str, str], SegmentInputs]]:
    """Shares, own growth and price index per segment; a blank share is the remainder formula;
    what a segment covers, for a dimension whose data says, in a last column."""
    book, _ = sheet.book, sheet.book._
    sheet.text(row, LABEL, _("By {dimension}: {year} shares and own growth").format(
        dimension=dim.title.lower(), year=base_year), book.fmt("section"), fit=False)
    described = any(seg.description for group in dim.groups for seg in group.segments)
    _header(sheet, row + 1, (_("Segment"), _("Share of"), _("Share of parent, {year}").format(year=base_year),
                             _("Own growth a year"), _("Price index") if with_price else "", _("Share status"),
                             _("Share source or reason"), _("Input file"), *([_("Description")] if described else [])))
    row += 2
    found: dict[tuple[str, str], SegmentInputs] = {}
    for group in dim.groups:
        first = row
        for seg in group.segments:
            sheet.text(row, LABEL, seg.name, book.fmt(f"indent{min(seg.depth, 3)}" if seg.depth else "label"))
            sheet.text(row, WHEN, group.parent.name if group.parent else _("market"))
            if seg.remainder:
                others = [xl_rowcol_to_cell(r, VALUE) for r in range(first, first + len(group.segments)) if r != row]
                formula = f"=MAX(0,1-SUM({','.join(others)}))" if others else "=1"
                sheet.formula(row, VALUE, formula, seg.share, "percent")
            else:
                sheet.number(row, VALUE, seg.share, "percent")
            sheet.number(row, GROWTH, seg.growth, "percent")
            if with_price:
                sheet.number(row, PRICE_INDEX, seg.price_index, "index")
            _provenance(sheet, row, seg.provenance)
            if seg.description:
                sheet.text(row, DESCRIPTION, seg.description, book.fmt("wrap"))
            found[(dim.id, seg.key)] = SegmentInputs(
                sheet.ref(row, VALUE), sheet.ref(row, GROWTH), sheet.ref(row, PRICE_INDEX) if with_price else None)
            row += 1
    sheet.text(row, LABEL, _("Own growth rates are estimates: {basis}").format(basis=dim.growth_basis),
               book.fmt("muted"), fit=False)
    return row + 2, found


def write_assumptions(book: Book, report: Report) -> Inputs:
    wb, fmt, _ = report.workbook, report.fmt, report.gettext
    title = _("Assumptions")
    sheet = book.add_sheet(title, _("Every input: anchors, growth assumptions, prices, segment shares and growth, with sources"))
    row = sheet.title(title, _("Blue figures on yellow are inputs: change one and every sheet recomputes. Status says whether "
                               "a figure is published ({sourced}) or our estimate, and why.").format(
                                   sourced=status_label(True, _)))
    sheet.text(row, LABEL, _("Input"), book.style("text", "input"))
    sheet.text(row, WHEN, _("Formula"), book.style("text", "formula"))
    sheet.text(row, VALUE, _("From another sheet"), book.style("text", "link"))
    row += 2
    sheet.text(row, LABEL, _("General"), book.fmt("section"), fit=False)
    sheet.text(row + 1, LABEL, _("Base year (segment shares refer to it)"))
    sheet.number(row + 1, VALUE, wb.base_year, "year", "plain")
    base_year = book.define("BaseYear", sheet, row + 1, VALUE)
    unit_scale = volume_scale = None
    if wb.price is not None:
        one = fmt.unit_name_one or fmt.unit_name
        label = (_("Currency units in one {unit}").format(unit=one) if fmt.unit_short == one
                 else _("Currency units in one {unit_short} ({unit_name})").format(unit_short=fmt.unit_short, unit_name=one))
        sheet.text(row + 2, LABEL, label)
        sheet.number(row + 2, VALUE, wb.price.scale, "number", "plain")
        unit_scale = book.define("UnitScale", sheet, row + 2, VALUE)
        if wb.price.items_per_unit != 1:  # volumes counted in thousands (or another multiple) of items
            sheet.text(row + 3, LABEL, _("Items in one {unit}").format(unit=wb.price.unit))
            sheet.number(row + 3, VALUE, wb.price.items_per_unit, "number", "plain")
            volume_scale = book.define("VolumeScale", sheet, row + 3, VALUE)
            row += 1
    row += 4
    row, market = _series_block(sheet, row, wb.market, fmt.money_unit)
    price_base = price_change = None
    if wb.price is not None:
        row, price_base, price_change = _price_block(sheet, row, wb.price, wb.base_year)
    comparisons = []
    for comp in wb.comparisons:
        row, found = _series_block(sheet, row, comp.series, fmt.money_unit)
        comparisons.append(found)
    segments: dict[tuple[str, str], SegmentInputs] = {}
    for dim in wb.dimensions:
        row, found = _dimension_block(sheet, row, dim, wb.base_year, wb.price is not None)
        segments |= found
    sheet.finish(freeze=(3, 1))
    return Inputs(sheet, base_year, unit_scale, volume_scale, price_base, price_change, market, tuple(comparisons), segments)
