"""Native, editable PowerPoint charts drawn from the model's chart specs.

Each chart keeps the model's numbers as its embedded data (so "Edit data" shows them and a
change redraws the chart); only styling is added here. Labels use number formats built from
the shared formatter's decimal places, so a slide shows the same precision as the PDF.
History and forecast are told apart per point, from ``chart.forecast_from``: lighter shades
for history columns, markers on the history points of a line (per-point line dashes would be
lost in LibreOffice, per-point markers are not). A chart is drawn as the kind the deck's plan
gives it, which for a share chart with many slices is bars (``plan.chart_frame``). A column or
line chart's category labels are set smaller where they would not stand level side by side in
the chart's width: PowerPoint and LibreOffice would slant them, which squeezes the plot (neither
reads the same "label every k-th" setting, so thinning them is not an option here).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from contextlib import contextmanager

from pptx.chart.data import CategoryChartData
from pptx.chart.xlsx import CategoryWorkbookWriter
from pptx.enum.chart import XL_AXIS_CROSSES, XL_CHART_TYPE, XL_LABEL_POSITION, XL_LEGEND_POSITION, XL_MARKER_STYLE
from pptx.enum.shapes import MSO_SHAPE
from pptx.enum.text import MSO_ANCHOR
from pptx.util import Pt
from xlsxwriter import Workbook

from reportgen.format import is_percent
from reportgen.model.elements import Chart, ChartKind
from reportgen.style import number_format
from reportgen.writers.pptx.style import CHART_SIZE, CHART_TITLE_SIZE, SMALL_SIZE, Box, Style, emu
from reportgen.writers.pptx.text import INSET_X, add_label, filled_shape, line_height, shorten, text_width

_TYPES = {
    "column": XL_CHART_TYPE.COLUMN_CLUSTERED,
    "stacked_column": XL_CHART_TYPE.COLUMN_STACKED,
    "line": XL_CHART_TYPE.LINE_MARKERS,
    "doughnut": XL_CHART_TYPE.DOUGHNUT,
    "bar": XL_CHART_TYPE.BAR_CLUSTERED,
}
KEY_HEIGHT = 0.28
KEY_SQUARE = 0.11
KEY_SIZES = (SMALL_SIZE, 8, 7)  # the key shrinks before it would wrap (translations run longer)
KEY_LABEL_GAP = 0.03  # between a colour sample and its label
KEY_ENTRY_GAP = 0.2  # between the two entries
LABEL_SIZES = (CHART_SIZE, 9, 8)  # category labels shrink before they would slant (and squeeze the plot)
LABEL_GAP = 0.06  # inches between two category labels side by side
PLOT_PADDING = 0.4  # inches of a chart's frame left and right of its plot and value axis


def _axis_format(chart: Chart) -> str:
    """Tick labels drop the decimals unless the values are small enough for ticks to fall between units."""
    largest = max(max(s.values) for s in chart.series)
    if is_percent(chart.value_type):
        return number_format(chart.value_type, 0)
    return number_format(chart.value_type, 0 if largest >= 10 else 1)


class _DatedWorkbookWriter(CategoryWorkbookWriter):
    """python-pptx's chart workbook, stamped with the report's edition instead of the build time."""

    def __init__(self, chart_data, created: dt.datetime):
        super().__init__(chart_data)
        self._created = created

    @contextmanager
    def _open_worksheet(self, xlsx_file):
        workbook = Workbook(xlsx_file, {"in_memory": True})
        workbook.set_properties({"created": self._created})
        yield workbook, workbook.add_worksheet()
        workbook.close()


class _ChartData(CategoryChartData):
    """Category chart data whose embedded workbook is the same bytes on every build."""

    def __init__(self, created: dt.datetime, number_format: str):
        super().__init__(number_format)
        self._writer = _DatedWorkbookWriter(self, created)

    @property
    def _workbook_writer(self):
        return self._writer


def draw_chart(slide, box: Box, chart: Chart, kind: ChartKind, style: Style, created: dt.datetime,
               gettext: Callable[[str], str]):
    """The chart in ``box`` as a ``kind`` chart (with its history/forecast key along the bottom when it has one).

    ``gettext`` (``Report.gettext``) puts the key's fixed words in the deck's language.
    """
    plot = Box(box.x, box.y, box.w, box.h - KEY_HEIGHT) if chart.splits_at_forecast else box
    data = _ChartData(created, number_format(chart.value_type, chart.decimals))
    data.categories = chart.categories
    for series in chart.series:
        data.add_series(series.name, series.values)
    frame = slide.shapes.add_chart(_TYPES[kind], emu(plot.x), emu(plot.y), emu(plot.w), emu(plot.h), data)
    frame.name = f"Chart {chart.id}"
    frame._element.nvGraphicFramePr.cNvPr.set("descr", chart.alt_text)
    native = frame.chart
    native.font.size = Pt(CHART_SIZE)
    native.font.name = style.font
    native.font.color.rgb = style.text
    native.has_title = True
    title = native.chart_title.text_frame
    title.text = chart.title
    title.paragraphs[0].runs[0].font.size = Pt(CHART_TITLE_SIZE)
    title.paragraphs[0].runs[0].font.bold = True
    if kind == "doughnut":
        _style_doughnut(native, chart, style)
    else:
        _style_axes(native, chart, style, kind, category_label_size(chart, kind, plot.w))
        _style_series(native, chart, style, kind)
    if len(chart.series) > 1 or kind == "doughnut":
        native.has_legend = True
        native.legend.position = XL_LEGEND_POSITION.RIGHT if kind == "doughnut" else XL_LEGEND_POSITION.BOTTOM
        native.legend.include_in_layout = False
        native.legend.font.size = Pt(CHART_SIZE)
    else:
        native.has_legend = False
    if chart.splits_at_forecast:
        _draw_key(slide, Box(box.x, plot.bottom, box.w, KEY_HEIGHT), chart, style, gettext)
    return frame


def category_label_size(chart: Chart, kind: ChartKind, width: float) -> float:
    """The size of a ``kind`` chart's category labels in a chart ``width`` inches wide: the chart's
    text size, or smaller (down to ``LABEL_SIZES[-1]``) where at that size they would not stand
    level side by side with room between them. Bars list their categories down the side."""
    if kind == "bar":
        return CHART_SIZE
    largest = max(max(s.values) for s in chart.series)
    value_axis = text_width(f"{largest:,.0f}", CHART_SIZE) + line_height(CHART_SIZE)  # its labels, its title across
    slot = (width - value_axis - PLOT_PADDING) / len(chart.categories)
    widest = max(chart.categories, key=lambda c: text_width(c, CHART_SIZE))
    return next((size for size in LABEL_SIZES if text_width(widest, size) + LABEL_GAP <= slot), LABEL_SIZES[-1])


def _style_axes(native, chart: Chart, style: Style, kind: str, label_size: float) -> None:
    value = native.value_axis
    value.has_major_gridlines = True
    value.major_gridlines.format.line.color.rgb = style.rule
    value.format.line.fill.background()
    value.tick_labels.number_format = _axis_format(chart)
    value.tick_labels.number_format_is_linked = False
    value.tick_labels.font.size = Pt(CHART_SIZE)
    value.has_title = True
    value.axis_title.text_frame.text = chart.axis_label
    value.axis_title.text_frame.paragraphs[0].runs[0].font.size = Pt(CHART_SIZE)
    value.axis_title.text_frame.paragraphs[0].runs[0].font.bold = False
    category = native.category_axis
    category.format.line.color.rgb = style.rule
    category.tick_labels.font.size = Pt(label_size)
    category.has_major_gridlines = False
    category.reverse_order = kind == "bar"  # bars read top down in the model's order ...
    if kind == "bar":  # ... with the value axis under them: it crosses the categories at their end (python-pptx
        axis = value._element  # sets where an axis is crossed, not where it crosses, so this is its XML)
        axis._remove_crosses()
        axis._add_crosses(val=XL_AXIS_CROSSES.MAXIMUM)


def _style_series(native, chart: Chart, style: Style, kind: str) -> None:
    plot = native.plots[0]
    single = len(chart.series) == 1
    if kind != "line":
        plot.gap_width = 55
    for i, series in enumerate(plot.series):
        colour = style.accent if single else style.series(i)
        if kind == "line":
            series.smooth = False
            series.format.line.color.rgb = colour
            series.format.line.width = Pt(2.25)
            series.marker.style = XL_MARKER_STYLE.NONE
        else:
            series.format.fill.solid()
            series.format.fill.fore_color.rgb = colour
        history = style.accent_history if single else style.series_history(i)
        for p in _history_points(chart):
            if kind == "line":
                marker = series.points[p].marker
                marker.style, marker.size = XL_MARKER_STYLE.CIRCLE, 6
                marker.format.fill.solid()
                marker.format.fill.fore_color.rgb = colour
                marker.format.line.color.rgb = colour
            else:
                fill = series.points[p].format.fill
                fill.solid()
                fill.fore_color.rgb = history  # the series colour mixed with white, as in the PDF
    if single and kind in ("column", "bar"):
        plot.has_data_labels = True
        labels = plot.data_labels
        labels.number_format = number_format(chart.value_type, chart.decimals)
        labels.number_format_is_linked = False
        labels.position = XL_LABEL_POSITION.OUTSIDE_END
        labels.font.size = Pt(SMALL_SIZE)


def _style_doughnut(native, chart: Chart, style: Style) -> None:
    plot = native.plots[0]
    plot.has_data_labels = True
    labels = plot.data_labels
    labels.number_format = number_format(chart.value_type)
    labels.number_format_is_linked = False
    labels.show_value = True
    labels.font.size = Pt(CHART_SIZE)
    labels.font.bold = True
    labels.font.color.rgb = style.white
    for i, point in enumerate(plot.series[0].points):
        point.format.fill.solid()
        point.format.fill.fore_color.rgb = style.series(i)
        point.format.line.color.rgb = style.white


def _history_points(chart: Chart) -> range:
    return range(chart.forecast_from) if chart.splits_at_forecast else range(0)


def _key_label_width(text: str, size: float) -> float:
    return text_width(text, size) + 2 * INSET_X + 0.05


def key_texts(chart: Chart, _: Callable[[str], str]) -> list[str]:
    """The key's wording: one sentence for a line chart, a label per colour sample otherwise."""
    cats, first = chart.categories, chart.forecast_from
    history, forecast = f"{cats[0]}-{cats[first - 1]}", f"{cats[first]}-{cats[-1]}"
    if chart.kind == "line":
        text = _("Dots mark history, {history}; the line runs on without dots for the forecast, {forecast}.")
        return [text.format(history=history, forecast=forecast)]
    shade = _("Lighter shades: history, {years}") if len(chart.series) > 1 else _("Lighter columns: history, {years}")
    return [shade.format(years=history), _("Full colour: forecast, {years}").format(years=forecast)]


def key_size(chart: Chart, texts: list[str], width: float) -> float:
    """The largest key size at which the key stays on one line within ``width``."""
    def needed(size: float) -> float:
        if chart.kind == "line":
            return _key_label_width(texts[0], size)
        return sum(KEY_SQUARE + KEY_LABEL_GAP + _key_label_width(t, size) for t in texts) + KEY_ENTRY_GAP * (len(texts) - 1)

    return next((s for s in KEY_SIZES if needed(s) <= width), KEY_SIZES[-1])


def _draw_key(slide, box: Box, chart: Chart, style: Style, _: Callable[[str], str]) -> None:
    """A one-line legend for the history/forecast styling, which a native legend cannot show.

    The colour samples are small drawn squares: the house font has no square glyph. The wording
    is measured like every other text: it shrinks a step or two to stay on its line, and is cut
    with an ellipsis only if even the smallest size would not fit.
    """
    texts = key_texts(chart, _)
    size = key_size(chart, texts, box.w)
    if chart.kind == "line":
        text = shorten(texts[0], size, box.w, KEY_HEIGHT, bold=False)
        add_label(slide, box, text, size, style.muted, anchor=MSO_ANCHOR.MIDDLE, name="Forecast key")
        return
    x = box.x
    for colour, text in zip((style.accent_history, style.accent), texts, strict=True):
        filled_shape(slide, MSO_SHAPE.RECTANGLE, Box(x, box.y + (box.h - KEY_SQUARE) / 2, KEY_SQUARE, KEY_SQUARE), colour,
                     "Forecast key")
        width = min(_key_label_width(text, size), box.right - x - KEY_SQUARE - KEY_LABEL_GAP)
        text = shorten(text, size, width, KEY_HEIGHT, bold=False)
        add_label(slide, Box(x + KEY_SQUARE + KEY_LABEL_GAP, box.y, width, box.h), text, size, style.muted,
                  anchor=MSO_ANCHOR.MIDDLE, name="Forecast key")
        x += KEY_SQUARE + KEY_LABEL_GAP + width + KEY_ENTRY_GAP
