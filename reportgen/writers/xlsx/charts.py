"""Native Excel charts over the workbook's own cells, so they follow when an input changes.

Series names point at the row labels rather than repeating them as text: a label comes from
the data, and XlsxWriter would read a literal name starting with '=' as a formula.
"""

from __future__ import annotations

from collections.abc import Sequence

from xlsxwriter.chart import Chart

from reportgen.model.elements import Chart as ChartSpec
from reportgen.style import MUTED, OFFICE_FONT_FAMILY, TEXT, WHITE
from reportgen.writers.xlsx.book import RULE, Sheet, year_col

WIDTH, HEIGHT = 760, 340
ROWS_PER_CHART = 19  # rows a chart of HEIGHT pixels covers at the default row height, plus a gap


def _font(size: int = 9, bold: bool = False, colour: str = TEXT) -> dict:
    return {"name": OFFICE_FONT_FAMILY, "size": size, "bold": bold, "color": colour}


def _finish(chart: Chart, title: str, axis_name: str, num_format: str, legend: bool) -> Chart:
    """House look: titled, light gridlines, no chart border, legend below when there are series to tell apart."""
    chart.set_title({"name": title, "name_font": _font(11, True)})
    chart.set_x_axis({"num_font": _font(8, colour=MUTED), "line": {"color": RULE}})
    chart.set_y_axis({
        "name": axis_name, "name_font": _font(8, colour=MUTED), "num_font": _font(8, colour=MUTED),
        "num_format": num_format, "major_gridlines": {"visible": True, "line": {"color": "#E5E5E5"}},
        "line": {"none": True},
    })
    chart.set_legend({"position": "bottom", "font": _font(8)} if legend else {"none": True})
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
        "points": [{"fill": {"color": colours.accent if y > base_year else colours.history}} for y in years],
        "gap": 60,
    })
    return _finish(chart, title, axis_name, num_format, legend=False)


def stacked_columns(sheet: Sheet, years: range, header_row: int, rows: Sequence[int],
                    title: str, axis_name: str, num_format: str) -> Chart:
    """Segments stacked per year, one palette colour each."""
    chart = sheet.book.wb.add_chart({"type": "column", "subtype": "stacked"})
    _yearly_series(chart, sheet, years, header_row, rows, lambda colour: {
        "fill": {"color": colour}, "border": {"color": WHITE, "width": 0.5}, "gap": 50,
    })
    return _finish(chart, title, axis_name, num_format, legend=True)


def lines(sheet: Sheet, years: range, header_row: int, rows: Sequence[int],
          title: str, axis_name: str, num_format: str) -> Chart:
    """Several series over the years, e.g. the market beside a wider market."""
    chart = sheet.book.wb.add_chart({"type": "line"})
    _yearly_series(chart, sheet, years, header_row, rows, lambda colour: {
        "line": {"color": colour, "width": 2.25},
        "marker": {"type": "circle", "size": 4, "fill": {"color": colour}, "border": {"none": True}},
    })
    return _finish(chart, title, axis_name, num_format, legend=True)


def _yearly_series(chart: Chart, sheet: Sheet, years: range, header_row: int, rows: Sequence[int], style) -> None:
    """One series per sheet row over the year columns, named by the row's first cell."""
    first, last = year_col(years, years[0]), year_col(years, years[-1])
    for i, row in enumerate(rows):
        chart.add_series({
            "name": [sheet.name, row, 0],
            "categories": [sheet.name, header_row, first, header_row, last],
            "values": [sheet.name, row, first, row, last],
            **style(sheet.book.colours.series(i)),
        })


# XlsxWriter's chart type and subtype for each kind of the model's charts
_KINDS = {"bar": ("bar", None), "column": ("column", None), "stacked_column": ("column", "stacked"), "line": ("line", None),
          "doughnut": ("doughnut", None)}


def table_chart(sheet: Sheet, chart: ChartSpec, header_row: int, first_row: int, last_row: int, columns: Sequence[int],
                num_format: str) -> Chart:
    """The model ``chart`` over a table's own cells: the category column first in ``columns``, then
    one column per series, in rows ``first_row`` to ``last_row``; a doughnut shows each slice's
    share with its value, as Excel computes it from the cells."""
    kind, subtype = _KINDS[chart.kind]
    made = sheet.book.wb.add_chart({"type": kind, **({"subtype": subtype} if subtype else {})})
    category, *series = columns
    colours = sheet.book.colours
    for i, col in enumerate(series):
        style: dict = {"line": {"color": colours.series(i), "width": 2.25}} if kind == "line" else {
            "fill": {"color": colours.accent if len(series) == 1 else colours.series(i)}, "border": {"color": WHITE, "width": 0.5}}
        if kind == "doughnut":
            style = {"points": [{"fill": {"color": colours.series(p)}, "border": {"color": WHITE}}
                                for p in range(last_row - first_row + 1)],
                     "data_labels": {"percentage": True, "font": _font(8, True, WHITE)}}
        made.add_series({
            "name": [sheet.name, header_row, col],
            "categories": [sheet.name, first_row, category, last_row, category],
            "values": [sheet.name, first_row, col, last_row, col],
            **style,
        })
    if kind == "doughnut":
        made.set_title({"name": chart.title, "name_font": _font(11, True)})
        made.set_legend({"position": "right", "font": _font(8)})
        made.set_chartarea({"border": {"none": True}})
        made.set_size({"width": WIDTH, "height": HEIGHT})
        return made
    finished = _finish(made, chart.title, chart.axis_label, num_format, legend=len(series) > 1)
    if kind == "bar":  # a bar chart's value axis is its x axis; bars read top down in the table's order
        finished.set_x_axis({"name": chart.axis_label, "name_font": _font(8, colour=MUTED), "num_font": _font(8, colour=MUTED),
                             "num_format": num_format, "major_gridlines": {"visible": True, "line": {"color": "#E5E5E5"}}})
        finished.set_y_axis({"reverse": True, "crossing": "max", "num_font": _font(8, colour=MUTED), "line": {"color": RULE}})
    return finished


def place(sheet: Sheet, row: int, charts: Sequence[tuple[Chart, str]]) -> int:
    """Charts one under the other from ``row``, on a fresh printed page, each with its text
    alternative (what a screen reader says for it: the report's sentence for the same chart, from
    the model); returns the first row below them."""
    sheet.ws.set_h_pagebreaks([row])
    for chart, description in charts:
        sheet.ws.insert_chart(row, 0, chart, {"x_offset": 4, "y_offset": 4, "description": description})
        row += ROWS_PER_CHART
    return row
