"""Native Excel charts over the workbook's own cells, so they follow when an input changes.

Series names point at the row labels rather than repeating them as text: a label comes from
the data, and XlsxWriter would read a literal name starting with '=' as a formula.
"""

from __future__ import annotations

from collections.abc import Sequence

from xlsxwriter.chart import Chart

from reportgen.model.brand import Brand
from reportgen.writers.xlsx.book import Sheet, year_col

WIDTH, HEIGHT = 760, 340
ROWS_PER_CHART = 19  # rows a chart of HEIGHT pixels covers at the default row height, plus a gap


def _font(brand: Brand, size: int, bold: bool = False, muted: bool = False) -> dict:
    colour = brand.colours.muted if muted else brand.colours.text
    return {"name": brand.office.family, "size": size, "bold": bold, "color": colour}


def _finish(sheet: Sheet, chart: Chart, title: str, axis_name: str, num_format: str, legend: bool) -> Chart:
    """The brand's look: titled, light gridlines, no chart border, legend below when there are series to tell apart."""
    brand = sheet.book.report.brand
    rule = brand.colours.rule
    chart.set_title({"name": title, "name_font": _font(brand, 11, True)})
    chart.set_x_axis({"num_font": _font(brand, 8, muted=True), "line": {"color": rule}})
    chart.set_y_axis({
        "name": axis_name, "name_font": _font(brand, 8, muted=True), "num_font": _font(brand, 8, muted=True),
        "num_format": num_format, "major_gridlines": {"visible": True, "line": {"color": rule}},
        "line": {"none": True},
    })
    chart.set_legend({"position": "bottom", "font": _font(brand, 8)} if legend else {"none": True})
    chart.set_chartarea({"border": {"none": True}})
    chart.set_size({"width": WIDTH, "height": HEIGHT})
    return chart


def yearly_columns(sheet: Sheet, years: range, base_year: int, header_row: int, value_row: int,
                   title: str, axis_name: str, num_format: str) -> Chart:
    """One measure per year, history bars pale and forecast bars in the accent colour."""
    colours = sheet.book.colours
    chart = sheet.book.wb.add_chart({"type": "column"})
    first, last = year_col(years, years[0]), year_col(years, years[-1])
    chart.add_series({
        "name": [sheet.name, value_row, 0],
        "categories": [sheet.name, header_row, first, header_row, last],
        "values": [sheet.name, value_row, first, value_row, last],
        "points": [{"fill": {"color": colours.accent if y > base_year else colours.history(colours.accent)}} for y in years],
        "gap": 60,
    })
    return _finish(sheet, chart, title, axis_name, num_format, legend=False)


def stacked_columns(sheet: Sheet, years: range, header_row: int, rows: Sequence[int],
                    title: str, axis_name: str, num_format: str) -> Chart:
    """Segments stacked per year, one palette colour each."""
    chart = sheet.book.wb.add_chart({"type": "column", "subtype": "stacked"})
    gap = sheet.book.colours.background  # between stacked segments
    _yearly_series(chart, sheet, years, header_row, rows, lambda colour: {
        "fill": {"color": colour}, "border": {"color": gap, "width": 0.5}, "gap": 50,
    })
    return _finish(sheet, chart, title, axis_name, num_format, legend=True)


def lines(sheet: Sheet, years: range, header_row: int, rows: Sequence[int],
          title: str, axis_name: str, num_format: str) -> Chart:
    """Several series over the years, e.g. the market beside a wider market."""
    chart = sheet.book.wb.add_chart({"type": "line"})
    _yearly_series(chart, sheet, years, header_row, rows, lambda colour: {
        "line": {"color": colour, "width": 2.25},
        "marker": {"type": "circle", "size": 4, "fill": {"color": colour}, "border": {"none": True}},
    })
    return _finish(sheet, chart, title, axis_name, num_format, legend=True)


def _yearly_series(chart: Chart, sheet: Sheet, years: range, header_row: int, rows: Sequence[int], style) -> None:
    """One series per sheet row over the year columns, named by the row's first cell."""
    first, last = year_col(years, years[0]), year_col(years, years[-1])
    for i, row in enumerate(rows):
        chart.add_series({
            "name": [sheet.name, row, 0],
            "categories": [sheet.name, header_row, first, header_row, last],
            "values": [sheet.name, row, first, row, last],
            **style(sheet.book.colours.series_colour(i)),
        })


def place(sheet: Sheet, row: int, charts: Sequence[Chart]) -> int:
    """Charts one under the other from ``row``, on a fresh printed page; returns the first row below them."""
    sheet.ws.set_h_pagebreaks([row])
    for chart in charts:
        sheet.ws.insert_chart(row, 0, chart, {"x_offset": 4, "y_offset": 4})
        row += ROWS_PER_CHART
    return row
