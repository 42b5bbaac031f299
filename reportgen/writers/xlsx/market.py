"""The Market sheet: yearly totals as formulas of the assumptions, with growth and CAGRs.

The formulas follow the data layer's method step by step (``reportgen.data.series``): anchors
are the input cells, a year between two anchors is the previous year times the constant
factor that joins them, a year before the first anchor is back-cast from the next year and a
year after the last one extrapolated from the previous year, at that year's growth assumption.
Each formula caches the value the model holds for it (``report.workbook``).
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import pairwise

from xlsxwriter.utility import xl_rowcol_to_cell

from reportgen.model.elements import Report, YearlyValues
from reportgen.writers.shared import with_names
from reportgen.writers.xlsx import charts
from reportgen.writers.xlsx.book import FIRST_YEAR_COL, MAX_WIDTH, Book, Sheet, text_units, year_col
from reportgen.writers.xlsx.inputs import Inputs, SeriesInputs

LABEL, UNIT, HOW = range(3)


@dataclass(frozen=True)
class MarketRefs:
    """Where the market's yearly rows and CAGR cells are, for the segment sheets and the contents."""

    sheet: Sheet
    years: range
    revenue_row: int
    volume_row: int | None
    cagr_cols: dict[tuple[int, int], int]

    def cell(self, row: int, year: int) -> str:
        """A market cell for ``year``, row-absolute so that it reads the same down a column."""
        return f"{self.sheet.ref(row, year_col(self.years, year), True, False)}"


def series_formulas(years: range, inputs: SeriesInputs, row: int) -> dict[int, tuple[str, str]]:
    """Formula and how it is derived, per year, for a series whose values sit in ``row``."""
    def cell(year: int) -> str:
        return xl_rowcol_to_cell(row, year_col(years, year))

    known = sorted(y for y in inputs.anchors if y in years)
    out = {y: (f"={inputs.anchors[y]}", "anchor") for y in known}
    for a, b in pairwise(known):
        for y in range(a + 1, b):
            out[y] = (f"={cell(y - 1)}*({inputs.anchors[b]}/{inputs.anchors[a]})^(1/{b - a})", "interpolated")
    for y in range(known[0] - 1, years.start - 1, -1):
        out[y] = (f"={cell(y + 1)}/(1+{inputs.growth[y]})", "back-cast")
    for y in range(known[-1] + 1, years.stop):
        out[y] = (f"={cell(y - 1)}*(1+{inputs.growth[y]})", "extrapolated")
    return out


def cagr_formula(row: int, years: range, start: int, end: int) -> str:
    first, last = xl_rowcol_to_cell(row, year_col(years, start)), xl_rowcol_to_cell(row, year_col(years, end))
    return f"=({last}/{first})^(1/{end - start})-1"


def derivation_labels(_) -> dict[str, str]:
    """How a year's figure is derived (the keys ``series_formulas`` gives), in the workbook's language."""
    return {"anchor": _("anchor"), "interpolated": _("interpolated"), "back-cast": _("back-cast"),
            "extrapolated": _("extrapolated")}


def _growth_row(sheet: Sheet, row: int, years: range, of_row: int, values: YearlyValues, label: str) -> None:
    sheet.text(row, LABEL, label, sheet.book.fmt("indent1"))
    sheet.text(row, UNIT, "%")
    for y in years[1:]:
        prev, cur = (xl_rowcol_to_cell(of_row, year_col(years, v)) for v in (y - 1, y))
        sheet.formula(row, year_col(years, y), f"={cur}/{prev}-1", values.growth[y], "percent")


def _values_row(sheet: Sheet, row: int, years: range, periods: tuple[tuple[int, int], ...], label: str, unit: str,
                how: str, formulas: dict[int, str], values: YearlyValues, kind: str, role: str = "formula") -> None:
    """A labelled row of yearly formulas with a CAGR per period after the years."""
    sheet.text(row, LABEL, label, sheet.book.fmt("bold"))
    sheet.text(row, UNIT, unit)
    # A note longer than a column may be wide (as translations can be) wraps rather than being cut off.
    sheet.text(row, HOW, how, sheet.book.fmt("muted_wrap" if text_units(how) > MAX_WIDTH else "muted"))
    for y in years:
        sheet.formula(row, year_col(years, y), formulas[y], values.values[y], kind, role)
    for i, (a, b) in enumerate(periods):
        sheet.formula(row, year_col(years, years[-1]) + 1 + i, cagr_formula(row, years, a, b), values.cagr[(a, b)], "cagr")


def _index_rows(sheet: Sheet, row: int, years: range, base: int,
                markets: list[tuple[str, int, YearlyValues]]) -> tuple[int, list[int]]:
    """Each market (name, row of its values) as an index of its base-year value: the lines of
    the comparison chart, so that a wider market many times the size does not flatten this
    one's against the axis. Returns the row below them and the rows written."""
    _ = sheet.book._
    unit, how = _("Index, {base} = 100").format(base=base), _("100 x value / value in {base}").format(base=base)
    rows = []
    for name, of_row, values in markets:
        sheet.text(row, LABEL, name, sheet.book.fmt("bold"))
        sheet.text(row, UNIT, unit)
        sheet.text(row, HOW, how, sheet.book.fmt("muted"))
        base_cell = xl_rowcol_to_cell(of_row, year_col(years, base), col_abs=True)
        for y in years:
            formula = f"={xl_rowcol_to_cell(of_row, year_col(years, y))}/{base_cell}*100"
            sheet.formula(row, year_col(years, y), formula, values.values[y] / values.values[base] * 100, "index")
        rows.append(row)
        row += 1
    return row + 1, rows


def write_market(book: Book, report: Report, inputs: Inputs) -> MarketRefs:
    wb, fmt, _ = report.workbook, report.fmt, report.gettext
    years, base, periods = wb.years, wb.base_year, wb.periods
    span = f"{years[0]}-{years[-1]}"
    sheet = book.add_sheet(_("Market"), _("Yearly market totals: revenue, volume and price, growth and CAGRs"))
    row = sheet.title(
        with_names(_("Market: {market}"), market=wb.market.name),
        _("{first}-{base} history (actual or estimated), {next}-{last} forecast. Every figure is a formula of the {sheet} "
          "sheet.").format(first=years[0], base=base, next=base + 1, last=years[-1], sheet=inputs.sheet.name),
    )
    header = row
    sheet.year_header(header, years, base, (_("Measure"), _("Unit"), _("How it is derived")),
                      [_("CAGR {start}-{end}").format(start=a, end=b) for a, b in periods])
    revenue_row = header + 3
    derived = series_formulas(years, inputs.market, revenue_row)
    how = derivation_labels(_)
    sheet.text(header + 1, LABEL, _("Period"), book.fmt("muted"))
    sheet.text(header + 2, LABEL, _("Basis of the revenue figure"), book.fmt("muted"))
    for y in years:
        sheet.text(header + 1, year_col(years, y), _("forecast") if y > base else _("history"), book.fmt("muted_right"))
        sheet.text(header + 2, year_col(years, y), how[derived[y][1]], book.fmt("muted_right"))
    _values_row(sheet, revenue_row, years, periods, _("Revenue"), fmt.money_unit,
                _("Anchors kept, geometric between them, assumed growth outside"),
                {y: f for y, (f, _how) in derived.items()}, wb.market.values, "money")
    _growth_row(sheet, revenue_row + 1, years, revenue_row, wb.market.values, _("Year-on-year growth"))
    row = revenue_row + 2
    volume_row = None
    chart_list = [(charts.yearly_columns(sheet, years, base, header, revenue_row, _("Revenue, {period}").format(period=span),
                                         _("Revenue, {unit}").format(unit=fmt.money_unit), book.number_formats["money"]),
                   wb.market_chart)]
    if wb.price is not None:
        price = wb.price
        price_row, volume_row = row, row + 1
        year_ref = {y: xl_rowcol_to_cell(header, year_col(years, y), True, False) for y in years}
        price_unit = _("{currency} per {unit}").format(currency=fmt.currency, unit=price.item, units=price.unit)
        per_unit = f"/{inputs.volume_scale}" if inputs.volume_scale else ""
        _values_row(sheet, price_row, years, periods, _("Average price"), price_unit,
                    _("Base-year price changing at the assumed annual rate"),
                    {y: f"={inputs.price_base}*(1+{inputs.price_change})^({year_ref[y]}-{inputs.base_year})" for y in years},
                    price.price, "price")
        _values_row(sheet, volume_row, years, periods, price.measure, price.unit,
                    (_("Revenue x currency units per {unit} / average price / items in one {volume_unit}").format(
                        unit=fmt.unit_short, volume_unit=price.unit) if per_unit else
                     _("Revenue x currency units per {unit} / average price").format(unit=fmt.unit_short)),
                    {y: f"={xl_rowcol_to_cell(revenue_row, year_col(years, y))}*{inputs.unit_scale}/"
                        f"{xl_rowcol_to_cell(price_row, year_col(years, y))}{per_unit}" for y in years},
                    price.volume, "count")
        _growth_row(sheet, volume_row + 1, years, volume_row, price.volume, _("Year-on-year growth"))
        chart_list.append((charts.yearly_columns(sheet, years, base, header, volume_row,
                                                 _("Volume: {measure}, {period}").format(measure=price.measure, period=span),
                                                 _("Volume, {unit}").format(unit=price.unit), book.number_formats["count"]),
                           price.chart))
        row = volume_row + 2
    compared = [(wb.market.name, revenue_row, wb.market.values)]
    for comp, comp_inputs in zip(wb.comparisons, inputs.comparisons, strict=True):
        formulas = {y: f for y, (f, _how) in series_formulas(years, comp_inputs, row).items()}
        _values_row(sheet, row, years, periods, comp.series.name, fmt.money_unit,
                    _("Same method, from its own anchors and assumptions"), formulas, comp.series.values, "money")
        sheet.text(row + 1, LABEL, with_names(_("{region} as a share of it"), region=report.meta.region), book.fmt("indent1"))
        sheet.text(row + 1, UNIT, "%")
        for y in years:
            mine, theirs = (xl_rowcol_to_cell(r, year_col(years, y)) for r in (revenue_row, row))
            sheet.formula(row + 1, year_col(years, y), f"={mine}/{theirs}", comp.share[y], "percent")
        compared.append((comp.series.name, row, comp.series.values))
        row += 2
    if wb.comparisons:
        row, indexed = _index_rows(sheet, row + 1, years, base, compared)
        chart_list.append((charts.lines(
            sheet, years, header, indexed,
            _("Growth compared, {first}-{last} (index, {base} = 100)").format(first=years[0], last=years[-1], base=base),
            _("Index, {base} = 100").format(base=base), book.number_formats["index"]), wb.comparison_chart))
    charts.place(sheet, row + 1, chart_list)
    sheet.finish(freeze=(header + 1, FIRST_YEAR_COL))
    cagr_cols = {p: year_col(years, years[-1]) + 1 + i for i, p in enumerate(periods)}
    return MarketRefs(sheet, years, revenue_row, volume_row, cagr_cols)
