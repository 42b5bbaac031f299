"""The Contents sheet: what the workbook is, its headline figures (live), and a link to every sheet.

Written last, once every sheet exists, but placed first so the workbook opens on it.
"""

from __future__ import annotations

from xlsxwriter.image import Image
from xlsxwriter.utility import quote_sheetname

from reportgen.model.elements import Report
from reportgen.writers.xlsx_book import Sheet, year_col
from reportgen.writers.xlsx_market import MarketRefs

LOGO_HEIGHT = 48  # pixels
RASTER = (".png", ".jpg", ".jpeg", ".gif", ".bmp")  # what XlsxWriter can embed


def _logo(sheet: Sheet, report: Report) -> None:
    """The client's logo at the top right; XlsxWriter embeds raster images only."""
    logo = report.branding.logo
    if logo is None or logo.suffix.lower() not in RASTER:
        return
    scale = LOGO_HEIGHT / Image(str(logo)).height
    sheet.ws.insert_image(0, 3, str(logo), {"x_scale": scale, "y_scale": scale, "description": report.branding.client or ""})


def write_contents(sheet: Sheet, report: Report, market: MarketRefs) -> None:
    book, meta, data, fmt = sheet.book, report.meta, report.data, report.fmt
    row = sheet.title(meta.title, meta.subtitle)
    if report.branding.client:
        sheet.text(2, 0, f"Prepared for {report.branding.client}", book.fmt("section"), fit=False)
        row += 1
    base, end = data.forecast_period
    facts = [
        ("Edition", fmt.date(meta.edition)),
        ("Publisher", meta.publisher),
        ("Region", meta.region),
        ("Period", f"{meta.period}: {data.years[0]}-{base} history, {base + 1}-{end} forecast"),
        ("Figures in", f"{fmt.money_unit} ({data.meta.currency.code} {fmt.unit_name})"),
    ]
    for label, value in facts:
        sheet.text(row, 0, label, book.fmt("bold"))
        sheet.text(row, 1, value, fit=False)
        row += 1
    row += 1
    sheet.text(row, 0, "Key figures (formulas of the Market sheet)", book.fmt("section"), fit=False)
    row += 1
    for year in (base, end):
        sheet.text(row, 0, f"Market size {year}")
        sheet.formula(row, 1, f"={market.sheet.ref(market.revenue_row, year_col(data.years, year))}", data.total[year], "money")
        row += 1
    a, b = data.periods[0]
    sheet.text(row, 0, f"CAGR {a}-{b}")
    sheet.formula(row, 1, f"={market.sheet.ref(market.revenue_row, market.cagr_cols[(a, b)])}", data.total.cagr(a, b), "cagr")
    row += 2
    sheet.text(row, 0, "Sheets", book.fmt("section"), fit=False)
    row += 1
    for other in book.sheets:
        if other is sheet:
            continue
        sheet.ws.write_url(row, 0, f"internal:{quote_sheetname(other.name)}!A1", book.fmt("link"), string=other.name,
                           tip=f"Go to {other.name}")
        sheet.widths[0] = max(sheet.widths.get(0, 0), len(other.name))
        sheet.text(row, 1, other.description, fit=False)
        row += 1
    row += 1
    sheet.text(row, 0, "How to use", book.fmt("section"), fit=False)
    for line in (
        "Inputs (blue figures on yellow) are on the Assumptions sheet, each with its source or the reason for the estimate.",
        "Change an input and every sheet recomputes; each Check row stays at zero while segments add up to their parent.",
        "Key inputs have names (Formulas > Name Manager) so your own models can link to them.",
    ):
        row += 1
        sheet.text(row, 0, line, fit=False)
    if meta.sources:
        row += 2
        sheet.text(row, 0, "Research sources", book.fmt("section"), fit=False)
        for source in meta.sources:
            row += 1
            sheet.text(row, 0, source, fit=False)
    _logo(sheet, report)
    sheet.finish(freeze=None)
    sheet.ws.set_column(1, 1, 90)  # descriptions and facts: wider than a fitted data column
    sheet.ws.activate()
