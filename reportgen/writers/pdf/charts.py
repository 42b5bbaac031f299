"""Draw the model's chart specs as vector SVG for the PDF (``drawing.Canvas``).

The PDF embeds charts as SVG with text kept as text, so they stay sharp, their labels are
selectable and searchable, and WeasyPrint sets them in the same embedded fonts as the body: the
SVG names the PDF's font stack, and every label is measured with the same font files (``legend``)
before it is placed. Charts are drawn at the width they are printed (``html.chart_sizes``, the
page layout), so a chart's 7 pt label is a 7 pt label on paper, and at least that height: a
chart whose legend needs more is drawn taller, and the page makes room.

Each kind is a handful of elements: a column or a bar is one path, a series of a line chart two
(history solid, forecast dashed) and its points. The value axis has about five ticks at a round
step (``chart_geometry``), each number through the report's formatter; the category axis shows
every label that has room, and always the last.
"""

from __future__ import annotations

import contextlib
import math
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from reportgen.format import Formatter
from reportgen.model.brand import Brand, Colours
from reportgen.model.elements import Chart, Report
from reportgen.typefaces import families_for
from reportgen.writers.chart_geometry import ring_slice, tick_labels, ticks
from reportgen.writers.pdf.drawing import MM, Canvas, number
from reportgen.writers.pdf.html import Size, chart_sizes, chart_text
from reportgen.writers.pdf.legend import BODY, STACK, Entry, arrange, text_width, wrap

LEGEND_SIZE = 7.0  # pt, legend entries (their titles are half a point larger)
TICK_SIZE = 7.0  # pt, tick labels
LABEL_SIZE = 7.5  # pt, the value axis' label
FORECAST_SIZE = 6.5  # pt, the label of the shaded forecast years
CENTRE_SIZE = 7.5  # pt, the label in a doughnut's hole, at most
RING_WIDTH = 0.36  # of a doughnut's radius
RING_RADIUS = 0.4  # of the side of the square a doughnut is drawn in
MIN_RING = 30.0  # mm: a doughnut is never drawn smaller; the figure grows instead
MIN_PLOT = 30.0  # mm of plot height kept when a long legend takes the rest
MAX_LABEL_SHARE = 0.45  # of a bar chart's width for its category labels; longer ones wrap
TICK_PAD = 6.5  # pt between an axis and its tick labels
LABEL_PAD = 4.0  # pt between the tick labels and the axis' label
ASCENT, DESCENT = 0.765, 0.24  # of a line of text, in font sizes: where a label's baseline goes below its top
MIDDLE = 0.38  # of a font size: from the middle of a line's figures down to its baseline
LINE_SPACING = 1.2  # of a wrapped category label, in font sizes
PLOT_TOP, PLOT_RIGHT = 3.0, 2.0  # mm of figure above and right of the plot


@contextlib.contextmanager
def _drawing(brand: Brand, text: str) -> Iterator[tuple[str, ...]]:
    """Labels measured in the PDF's font stack for ``text``, under the PDF's family names (yielded)."""
    families = families_for(text, brand.families)
    stack, body = STACK.set(families), BODY.set(brand.print_family(brand.body))
    try:
        yield tuple(family.name for family in families)
    finally:
        STACK.reset(stack)
        BODY.reset(body)


@dataclass(frozen=True)
class ChartStyle:
    """What a chart takes from its report besides its spec: formatter, colours, words."""

    fmt: Formatter
    brand: Brand
    forecast_label: str = "Forecast years"

    @property
    def colours(self) -> Colours:
        return self.brand.colours

    @classmethod
    def of(cls, report: Report) -> ChartStyle:
        return cls(report.fmt, report.brand, report.gettext("Forecast years"))


def render_charts(report: Report) -> dict[str, bytes]:
    """Every chart of the report as SVG bytes, keyed by chart id."""
    charts = report.charts()
    ids = [c.id for c in charts]
    if len(set(ids)) != len(ids):
        raise ValueError(f"chart ids are not unique: {sorted({i for i in ids if ids.count(i) > 1})}")
    style = ChartStyle.of(report)
    sizes = chart_sizes(report)
    with _drawing(report.brand, chart_text(report)) as families:
        return {c.id: _drawn(c, sizes[c.id], style, families) for c in charts}


def _drawn(chart: Chart, size: Size, style: ChartStyle, families: tuple[str, ...]) -> bytes:
    """One chart of a report; a failure names the chart, so the message points at the right one."""
    try:
        return _draw(chart, size, style, families)
    except Exception as exc:
        raise ValueError(f"chart {chart.id!r} ({chart.title}) cannot be drawn: {exc}") from exc


def render_chart(chart: Chart, size: Size, style: ChartStyle) -> bytes:
    """One chart as SVG bytes at ``size``."""
    text = " ".join([chart.axis_label, *chart.categories, *(s.name for s in chart.series)])
    with _drawing(style.brand, text) as families:
        return _draw(chart, size, style, families)


def _draw(chart: Chart, size: Size, style: ChartStyle, families: tuple[str, ...]) -> bytes:
    """The SVG of one chart, its text in ``families`` (the caller measures in them)."""
    return (_doughnut if chart.kind == "doughnut" else _axes_chart)(chart, size, style, families).svg()


# --- chart kinds -----------------------------------------------------------------------------


def _doughnut(chart: Chart, size: Size, style: ChartStyle, families: tuple[str, ...]) -> Canvas:
    """A ring and a legend that states each share, to its right when there is room, else below;
    the figure grows taller when the legend needs it."""
    values = chart.series[0].values
    entries = tuple(Entry(colour, name, style.fmt.percent(v))
                    for colour, name, v in zip(_cycle(style.colours.series, len(values)), chart.categories, values, strict=True))
    if size.width > 2 * size.height:  # beside
        side = min(size.height - 4, size.width * 0.4)
        legend = arrange(entries, size.width - side - 10, LEGEND_SIZE, title=chart.axis_label, height=size.height - 4)
        height = max(size.height, legend.height() + 4)
        canvas = Canvas(size.width, height, families)
        left, top = 2.0, (height - side) / 2
        legend.draw(canvas, side + 8, (height - legend.height()) / 2, style.colours.text)
    else:
        legend = arrange(entries, size.width - 4, LEGEND_SIZE, 1, chart.axis_label)
        side = min(max(size.height - legend.height() - 3, MIN_RING), size.width - 4)
        height = max(size.height, side + legend.height() + 3)
        canvas = Canvas(size.width, height, families)
        left, top = (size.width - side) / 2, 1.0
        legend.draw(canvas, (size.width - legend.width()) / 2, side + 2, style.colours.text)
    cx, cy, outer = left + side / 2, top + side / 2, side * RING_RADIUS
    total, start = sum(values) or 1.0, 0.0
    for value, entry in zip(values, entries, strict=True):
        if value > 0:
            d = ring_slice(cx, cy, outer, outer * (1 - RING_WIDTH), start, value / total, number)
            canvas.path(d, entry.colour, stroke=style.colours.background, stroke_width=1.0)
        start += value / total
    label = chart.series[0].name
    hole = 2 * outer * (1 - RING_WIDTH) * 0.9
    fitted = min(CENTRE_SIZE, CENTRE_SIZE * hole / max(text_width(label, CENTRE_SIZE), 1e-6))
    canvas.text(cx, cy + 0.28 * fitted * MM, label, fitted, style.colours.muted, anchor="middle")
    return canvas


@dataclass(frozen=True)
class _Plot:
    """The plot's box on the figure (mm) and the data ranges it shows along ``x`` and ``y``, each
    from its low end to its high one (a bar chart's categories run from the bottom up to the first)."""

    left: float
    top: float
    right: float
    bottom: float
    x_range: tuple[float, float]
    y_range: tuple[float, float]

    def x(self, value: float) -> float:
        low, high = self.x_range
        return self.left + (value - low) / (high - low) * (self.right - self.left)

    def y(self, value: float) -> float:
        low, high = self.y_range  # high at the top (for bars the first category, the lowest number)
        return self.bottom - (value - low) / (high - low) * (self.bottom - self.top)


def _axes_chart(chart: Chart, size: Size, style: ChartStyle, families: tuple[str, ...]) -> Canvas:
    """Column, stacked column, line and bar charts: value axis labelled with the unit, gridlines,
    and a legend below when there are several series."""
    horizontal = chart.kind == "bar"
    several = len(chart.series) > 1
    colours = _cycle(style.colours.series, len(chart.series)) if several else [style.colours.accent]
    n = len(chart.categories)
    if horizontal:  # the category labels stand left of the bars: as wide as the widest, within limits
        labels = max(text_width(c, TICK_SIZE) for c in chart.categories) + 4
        left = min(labels, size.width * MAX_LABEL_SHARE)
    else:
        left = 14.0
    legend = None
    if several:
        entries = tuple(Entry(c, s.name, line=chart.kind == "line") for c, s in zip(colours, chart.series, strict=True))
        legend = arrange(entries, size.width - left - 2, LEGEND_SIZE)
    below = (legend.height() + 2 if legend else 0) + (10 if horizontal else 7)
    height = max(size.height, below + MIN_PLOT + 3)
    canvas = Canvas(size.width, height, families)
    top = _top(chart)
    limit = top * 1.05 or 1.0
    if horizontal:
        plot = _Plot(left, PLOT_TOP, size.width - PLOT_RIGHT, height - below, (0.0, limit), (n - 0.4, -0.6))
    else:
        plot = _Plot(left, PLOT_TOP, size.width - PLOT_RIGHT, height - below, (-0.6, n - 0.4), (0.0, limit))
    values = ticks(limit, cover=False)
    if not horizontal and chart.splits_at_forecast:
        start = chart.forecast_from - 0.5
        canvas.rect(plot.x(start), plot.top, plot.right - plot.x(start), plot.bottom - plot.top, style.colours.fill)
    for tick in values:  # gridlines, under the data
        if horizontal:
            canvas.line([(plot.x(tick), plot.top), (plot.x(tick), plot.bottom)], style.colours.rule, 0.5)
        else:
            canvas.line([(plot.left, plot.y(tick)), (plot.right, plot.y(tick))], style.colours.rule, 0.5)
    {"column": _columns, "stacked_column": _columns, "line": _lines, "bar": _bars}[chart.kind](canvas, plot, chart, colours, style.colours)
    for points in ([(plot.left, plot.top), (plot.left, plot.bottom)], [(plot.left, plot.bottom), (plot.right, plot.bottom)]):
        canvas.line(points, style.colours.muted, 0.6)  # the axes' left and bottom edges
    _value_axis(canvas, plot, chart, values, style, horizontal)
    if horizontal:
        _bar_labels(canvas, plot, chart, style)
    else:
        _category_axis(canvas, plot, chart, style)
    if legend is not None:
        legend.draw(canvas, left, height - legend.height() - 1, style.colours.text)
    return canvas


def _top(chart: Chart) -> float:
    """The highest value the chart reaches: a column's stack, or a single value."""
    if chart.kind == "stacked_column" or (chart.kind == "column" and len(chart.series) == 1):
        return max(sum(values) for values in zip(*(s.values for s in chart.series), strict=True))
    return max(max(s.values) for s in chart.series)


def _columns(canvas: Canvas, plot: _Plot, chart: Chart, colours: list[str], brand: Colours) -> None:
    """Stacked (or grouped) columns; history paler than forecast."""
    stacked = chart.kind == "stacked_column" or len(chart.series) == 1
    width = 0.7 if stacked else 0.8 / len(chart.series)
    bottoms = [0.0] * len(chart.categories)
    for i, (series, colour) in enumerate(zip(chart.series, colours, strict=True)):
        offset = -width / 2 if stacked else -0.4 + width * i
        for x, (base, value) in enumerate(zip(bottoms, series.values, strict=True)):
            if value:
                left, low, high = plot.x(x + offset), plot.y(base), plot.y(base + value)
                canvas.rect(left, high, plot.x(x + offset + width) - left, low - high,
                            brand.history(colour) if chart.is_history(x) else colour)
        if stacked:
            bottoms = [b + v for b, v in zip(bottoms, series.values, strict=True)]


def _lines(canvas: Canvas, plot: _Plot, chart: Chart, colours: list[str], brand: Colours) -> None:
    """Solid lines for history, dashed for forecast, meeting at the last history point; a dot on every point."""
    n = len(chart.categories)
    split = chart.forecast_from if chart.forecast_from is not None else n
    for series, colour in zip(chart.series, colours, strict=True):
        points = [(plot.x(i), plot.y(v)) for i, v in enumerate(series.values)]
        if split > 0:
            canvas.line(points[:split], colour, 1.5)
        if split < n:
            canvas.line(points[max(split - 1, 0):], colour, 1.5, dashes=(4.5, 2.25))
        for x, y in points:
            canvas.circle(x, y, 1.1 * MM, colour)


def _bars(canvas: Canvas, plot: _Plot, chart: Chart, colours: list[str], brand: Colours) -> None:
    """Horizontal bars, first category on top."""
    height = 0.7 / len(chart.series)
    for i, (series, colour) in enumerate(zip(chart.series, colours, strict=True)):
        for y, value in enumerate(series.values):
            if value:
                top, bottom = plot.y(y - 0.35 + height * i), plot.y(y - 0.35 + height * (i + 1))
                canvas.rect(plot.left, top, plot.x(value) - plot.left, bottom - top, colour)


def _value_axis(canvas: Canvas, plot: _Plot, chart: Chart, values: list[float], style: ChartStyle, horizontal: bool) -> None:
    """The value axis' tick labels, through the report's formatter, and its label (the unit)."""
    labels = tick_labels(values, chart.value_type, style.fmt)
    text = style.colours.text
    if horizontal:  # along the bottom, the label below them
        baseline = plot.bottom + (TICK_PAD + ASCENT * TICK_SIZE) * MM
        for tick, label in zip(values, labels, strict=True):
            canvas.text(plot.x(tick), baseline, label, TICK_SIZE, text, anchor="middle")
        below = plot.bottom + (TICK_PAD + (ASCENT + DESCENT) * TICK_SIZE + LABEL_PAD + ASCENT * LABEL_SIZE) * MM
        canvas.text((plot.left + plot.right) / 2, below, chart.axis_label, LABEL_SIZE, text, anchor="middle")
        return
    for tick, label in zip(values, labels, strict=True):
        canvas.text(plot.left - TICK_PAD * MM, plot.y(tick) + MIDDLE * TICK_SIZE * MM, label, TICK_SIZE, text, anchor="end")
    widest = max(text_width(label, TICK_SIZE) for label in labels)
    x = plot.left - (TICK_PAD + LABEL_PAD + DESCENT * LABEL_SIZE) * MM - widest
    canvas.text(x, (plot.top + plot.bottom) / 2, chart.axis_label, LABEL_SIZE, text, anchor="middle", rotate=-90)


def _category_axis(canvas: Canvas, plot: _Plot, chart: Chart, style: ChartStyle) -> None:
    """Categories along x, thinned out when they would collide (the last one always shown); the
    forecast years labelled so they read apart from history."""
    n = len(chart.categories)
    label = max(text_width(c, TICK_SIZE) for c in chart.categories) + 1.5
    step = max(1, math.ceil(label * n / (plot.right - plot.left)))
    baseline = plot.bottom + (TICK_PAD + ASCENT * TICK_SIZE) * MM
    for i in range(n):
        if (n - 1 - i) % step == 0:
            canvas.text(plot.x(i), baseline, chart.categories[i], TICK_SIZE, style.colours.text, anchor="middle")
    if chart.splits_at_forecast:
        y = plot.top + 0.02 * (plot.bottom - plot.top) + ASCENT * FORECAST_SIZE * MM
        canvas.text(plot.x(chart.forecast_from - 0.35), y, style.forecast_label, FORECAST_SIZE, style.colours.muted)


def _bar_labels(canvas: Canvas, plot: _Plot, chart: Chart, style: ChartStyle) -> None:
    """Each bar's category left of it, wrapped to the room the figure gives the labels, centred on the bar."""
    room = plot.left - 4
    leading = LINE_SPACING * TICK_SIZE * MM
    for i, category in enumerate(chart.categories):
        lines = wrap(category, room, TICK_SIZE)
        first = plot.y(i) + MIDDLE * TICK_SIZE * MM - (len(lines) - 1) * leading / 2
        for k, line in enumerate(lines):
            canvas.text(plot.left - TICK_PAD * MM, first + k * leading, line, TICK_SIZE, style.colours.text, anchor="end")


def _cycle(palette: Sequence[str], n: int) -> list[str]:
    return [palette[i % len(palette)] for i in range(n)]

