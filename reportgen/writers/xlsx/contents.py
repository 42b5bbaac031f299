"""The Contents sheet: what the workbook is, its headline figures (live), and a link to every sheet.

Written last, once every sheet exists, but placed first so the workbook opens on it.
"""

from __future__ import annotations

import math

from xlsxwriter.image import Image
from xlsxwriter.utility import quote_sheetname

from reportgen.model.elements import Report
from reportgen.writers.shared import logo_text, with_names
from reportgen.writers.xlsx.book import Sheet, text_units, year_col
from reportgen.writers.xlsx.market import MarketRefs

LOGO_HEIGHT = 48  # pixels
RASTER = (".png", ".jpg", ".jpeg", ".gif", ".bmp")  # what XlsxWriter can embed
DESCRIPTION_WIDTH = 90  # Excel's units: the least width of the column of facts and sheet descriptions


def _logo(sheet: Sheet, report: Report) -> None:
    """The client's logo at the top right; XlsxWriter embeds raster images only."""
    logo = report.branding.logo
    if logo is None or logo.suffix.lower() not in RASTER:
        return
    scale = LOGO_HEIGHT / Image(str(logo)).height
    sheet.ws.insert_image(0, 3, str(logo), {"x_scale": scale, "y_scale": scale, "description": logo_text(report)})


def write_contents(sheet: Sheet, report: Report, market: MarketRefs, inputs: Sheet) -> None:
    """``market`` and ``inputs`` (the Assumptions sheet) are named in the text, in the workbook's language."""
    book, meta, wb, fmt, _ = sheet.book, report.meta, report.workbook, report.fmt, report.gettext
    row = sheet.title(meta.title, meta.subtitle)
    if report.branding.client:
        sheet.text(2, 0, with_names(_("Prepared for {client}"), client=report.branding.client), book.fmt("section"), fit=False)
        row += 1
    base, end = wb.base_year, wb.years[-1]
    period = _("{period}: {first}-{base} history, {next}-{end} forecast").format(
        period=meta.period, first=wb.years[0], base=base, next=base + 1, end=end)
    facts = [
        (_("Edition"), fmt.date(meta.edition)),
        (_("Publisher"), meta.publisher),
        (_("Region"), meta.region),
        (_("Period"), period),
        (_("Figures in"), f"{fmt.money_unit} ({meta.currency} {fmt.unit_name})"),
    ]
    for label, value in facts:
        sheet.text(row, 0, label, book.fmt("bold"))
        sheet.text(row, 1, value, fit=False)
        row += 1
    row += 1
    sheet.text(row, 0, _("Key figures (formulas of the {sheet} sheet)").format(sheet=market.sheet.name), book.fmt("section"),
               fit=False)
    row += 1
    for year in (base, end):
        sheet.text(row, 0, _("Market size {year}").format(year=year))
        sheet.formula(row, 1, f"={market.sheet.ref(market.revenue_row, year_col(wb.years, year))}",
                      wb.market.values.values[year], "money")
        row += 1
    a, b = wb.periods[0]
    sheet.text(row, 0, _("CAGR {start}-{end}").format(start=a, end=b))
    sheet.formula(row, 1, f"={market.sheet.ref(market.revenue_row, market.cagr_cols[(a, b)])}", wb.market.values.cagr[(a, b)],
                  "cagr")
    row += 2
    sheet.text(row, 0, _("Sheets"), book.fmt("section"), fit=False)
    row += 1
    for other in book.sheets:
        if other is sheet:
            continue
        sheet.ws.write_url(row, 0, f"internal:{quote_sheetname(other.name)}!A1", book.fmt("link"), string=other.name,
                           tip=_("Go to {sheet}").format(sheet=other.name))
        sheet.fit(0, other.name, book.fmt("link"))
        sheet.text(row, 1, other.description, fit=False)
        row += 1
    row += 1
    sheet.text(row, 0, _("How to use"), book.fmt("section"), fit=False)
    for line in (
        _("Inputs (blue figures on yellow) are on the {sheet} sheet, each with its source or the reason for the estimate."
          ).format(sheet=inputs.name),
        _("Change an input and every sheet recomputes; each Check row stays at zero while segments add up to their parent."),
        _("Key inputs have names (Formulas > Name Manager) so your own models can link to them."),
    ):
        row += 1
        sheet.text(row, 0, line, fit=False)
    if meta.sources:
        row += 2
        sheet.text(row, 0, _("Research sources"), book.fmt("section"), fit=False)
        for source in meta.sources:
            row += 1
            sheet.text(row, 0, source, fit=False)
    _logo(sheet, report)
    sheet.finish(freeze=None)
    longest = max(text_units(text) for text in [*(value for _, value in facts), *(o.description for o in book.sheets)])
    # Descriptions and facts: wider than a fitted data column, and as wide as the longest (translations run longer).
    sheet.ws.set_column(1, 1, math.ceil(max(DESCRIPTION_WIDTH, longest)))
    sheet.ws.activate()
