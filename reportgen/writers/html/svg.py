"""The model's charts as inline SVG for the web edition, drawn here rather than by matplotlib.

Why not reuse the PDF's matplotlib SVG: it is drawn at a fixed printed size in millimetres, with
absolute coordinates and one path per legend, so it neither scales to a phone nor knows which
shape is which bar; matplotlib's import and drawing also cost a second or more a report, which
the live preview pays on every save. Here each chart is a few dozen plain elements on a
``viewBox``, so it scales to any width; every bar, slice and point carries its own ``<title>``
(the browser shows its value on hover, no script needed); the chart as a whole is
``role="img"`` with the model's title and alt text. Legends are HTML beside the drawing (see the
templates), so they wrap on a narrow screen instead of shrinking with it.

Every number shown goes through the report's formatter; every string is escaped; coordinates
are rounded to one decimal, so the same model gives the same bytes.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from html import escape

from markupsafe import Markup

from reportgen.format import Formatter
from reportgen.model.brand import Colours
from reportgen.model.elements import Chart
from reportgen.writers.chart_geometry import ring_slice, tick_labels, ticks

WIDTH = 440.0  # user units of every chart; CSS scales it to the column (a phone shows it at about 0.8)
HEIGHT = 250.0  # an axes chart
RING = 200.0  # a doughnut's square
FONT = 13.0  # tick and category labels (the stylesheet sets the same)
CHAR = 7.4  # an average label character at FONT
TOP = 28.0  # room above the plot for the unit and the forecast label
BOTTOM = 26.0  # below it for the categories
RIGHT = 6.0


@dataclass(frozen=True)
class Words:
    """What a chart says besides its data, in the report's language."""

    forecast: str  # the label of the shaded forecast years


def chart_svg(chart: Chart, svg_id: str, colours: tuple[str, ...], brand: Colours, fmt: Formatter, words: Words) -> Markup:
    """One chart as an ``<svg>`` element; ``colours`` are its series (or slices) in order, ``brand`` the rest."""
    if chart.kind == "doughnut":
        size, body = (RING, RING), _doughnut(chart, colours, brand, fmt)
    elif chart.kind == "bar":
        height = TOP + BOTTOM + 34.0 * len(chart.categories)
        size, body = (WIDTH, height), _bars(chart, colours, brand, fmt, height)
    else:
        size, body = (WIDTH, HEIGHT), _axes(chart, colours, brand, fmt, words)
    head = (
        f'<svg class="chart-svg chart-svg-{chart.kind}" viewBox="0 0 {_n(size[0])} {_n(size[1])}" '
        f'role="img" aria-labelledby="{svg_id}-title {svg_id}-desc" focusable="false">'
        f'<title id="{svg_id}-title">{escape(chart.title)}</title><desc id="{svg_id}-desc">{escape(chart.alt_text)}</desc>'
    )
    return Markup(head + "".join(body) + "</svg>")


def series_colours(chart: Chart, colours: Colours) -> tuple[str, ...]:
    """The colour of each series (each slice of a doughnut): one series is drawn in the accent."""
    count = len(chart.categories) if chart.kind == "doughnut" else len(chart.series)
    if chart.kind != "doughnut" and count == 1:
        return (colours.accent,)
    return tuple(colours.series_colour(i) for i in range(count))


# --- axes charts --------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Frame:
    """The plot area and the value scale of an axes chart."""

    left: float
    top: float
    right: float
    bottom: float
    top_value: float

    def y(self, value: float) -> float:
        return self.bottom - (self.bottom - self.top) * value / self.top_value

    def slot(self, n: int) -> float:
        return (self.right - self.left) / n

    def x(self, index: float, n: int) -> float:
        """The centre of category ``index`` of ``n``."""
        return self.left + self.slot(n) * (index + 0.5)


def _axes(chart: Chart, colours: tuple[str, ...], brand: Colours, fmt: Formatter, words: Words) -> list[str]:
    """Column, stacked column and line charts: value grid and ticks, shaded forecast, categories."""
    stacked = chart.kind == "stacked_column" or (chart.kind == "column" and len(chart.series) == 1)
    if stacked:
        highest = max((sum(v) for v in zip(*(s.values for s in chart.series), strict=True)), default=0.0)
    else:
        highest = max((max(s.values, default=0.0) for s in chart.series), default=0.0)
    ticks = nice_ticks(highest)
    labels = tick_labels(ticks, chart.value_type, fmt)
    left = max(len(t) for t in labels) * CHAR + 10
    frame = _Frame(left, TOP, WIDTH - RIGHT, HEIGHT - BOTTOM, ticks[-1] or 1.0)
    out = [_forecast_band(chart, frame, brand, words)]
    for tick, label in zip(ticks, labels, strict=True):
        y = frame.y(tick)
        out.append(f'<line class="grid" x1="{_n(frame.left)}" x2="{_n(frame.right)}" y1="{_n(y)}" y2="{_n(y)}" stroke="{brand.rule}"/>')
        out.append(f'<text class="tick" x="{_n(frame.left - 6)}" y="{_n(y + FONT * 0.35)}" text-anchor="end">{escape(label)}</text>')
    out.append(f'<text class="unit" x="0" y="{_n(FONT)}" fill="{brand.muted}">{escape(chart.axis_label)}</text>')
    if chart.kind == "line":
        out += _lines(chart, colours, fmt, frame)
    else:
        out += _columns(chart, colours, brand, fmt, frame, stacked)
    out.append(f'<line class="axis" x1="{_n(frame.left)}" x2="{_n(frame.right)}" y1="{_n(frame.bottom)}" y2="{_n(frame.bottom)}" '
               f'stroke="{brand.muted}"/>')
    out += _categories(chart, frame)
    return out


def _forecast_band(chart: Chart, frame: _Frame, brand: Colours, words: Words) -> str:
    """The forecast years shaded and labelled, so they read apart from history."""
    if not chart.splits_at_forecast:
        return ""
    x = frame.left + frame.slot(len(chart.categories)) * chart.forecast_from
    return (f'<rect class="forecast" x="{_n(x)}" y="{_n(frame.top)}" width="{_n(frame.right - x)}" height="{_n(frame.bottom - frame.top)}" '
            f'fill="{brand.fill}"/><text class="forecast-label" x="{_n(x + 4)}" y="{_n(frame.top - 6)}" fill="{brand.muted}">'
            f"{escape(words.forecast)}</text>")


def _columns(chart: Chart, colours: tuple[str, ...], brand: Colours, fmt: Formatter, frame: _Frame, stacked: bool) -> list[str]:
    """One rect per value, history paler than forecast; each says its series, category and value."""
    n, k = len(chart.categories), len(chart.series)
    slot = frame.slot(n)
    width = slot * (0.7 if stacked else 0.8 / k)
    bottoms = [0.0] * n
    out = []
    for i, (series, colour) in enumerate(zip(chart.series, colours, strict=True)):
        out.append(f'<g class="series" data-series="{i}">')
        for j, value in enumerate(series.values):
            base = bottoms[j] if stacked else 0.0
            x = frame.x(j, n) - (width / 2 if stacked else 0.4 * slot - width * i)
            top, bottom = frame.y(base + value), frame.y(base)
            fill = brand.history(colour) if chart.is_history(j) else colour
            out.append(f'<rect x="{_n(x)}" y="{_n(top)}" width="{_n(width)}" height="{_n(bottom - top)}" fill="{fill}">'
                       f"<title>{_point_title(chart, i, j, fmt)}</title></rect>")
            if stacked:
                bottoms[j] += value
        out.append("</g>")
    return out


def _lines(chart: Chart, colours: tuple[str, ...], fmt: Formatter, frame: _Frame) -> list[str]:
    """Solid lines for history, dashed for forecast, meeting at the last history point; one dot
    per value that says it."""
    n = len(chart.categories)
    split = chart.forecast_from if chart.forecast_from is not None else n
    out = []
    for i, (series, colour) in enumerate(zip(chart.series, colours, strict=True)):
        points = [(frame.x(j, n), frame.y(v)) for j, v in enumerate(series.values)]
        out.append(f'<g class="series" data-series="{i}">')
        for part, dash in ((points[:split], ""), (points[max(split - 1, 0):] if split < n else [], ' stroke-dasharray="6 3"')):
            if len(part) > 1:
                out.append(f'<polyline points="{" ".join(f"{_n(x)},{_n(y)}" for x, y in part)}" fill="none" stroke="{colour}" '
                           f'stroke-width="2.5"{dash}/>')
        for j, (x, y) in enumerate(points):
            out.append(f'<circle cx="{_n(x)}" cy="{_n(y)}" r="4" fill="{colour}"><title>{_point_title(chart, i, j, fmt)}</title></circle>')
        out.append("</g>")
    return out


def _categories(chart: Chart, frame: _Frame) -> list[str]:
    """Category labels along x, thinned out when they would collide (the last one always shown)."""
    n = len(chart.categories)
    label = max((len(c) for c in chart.categories), default=1) * CHAR + 6
    step = max(1, math.ceil(label * n / (frame.right - frame.left)))
    return [f'<text class="category" x="{_n(frame.x(j, n))}" y="{_n(frame.bottom + FONT + 5)}" text-anchor="middle">'
            f"{escape(chart.categories[j])}</text>" for j in range(n) if (n - 1 - j) % step == 0]


def _bars(chart: Chart, colours: tuple[str, ...], brand: Colours, fmt: Formatter, height: float) -> list[str]:
    """Horizontal bars, first category on top; names above their bars so long ones fit a phone."""
    n, k = len(chart.categories), len(chart.series)
    ticks = nice_ticks(max((max(s.values, default=0.0) for s in chart.series), default=0.0))
    labels = tick_labels(ticks, chart.value_type, fmt)
    left, right, top, bottom = 4.0, WIDTH - RIGHT - len(labels[-1]) * CHAR / 2, TOP, height - BOTTOM
    scale = (right - left) / (ticks[-1] or 1.0)
    row = (bottom - top) / n
    out = [f'<text class="unit" x="0" y="{_n(FONT)}" fill="{brand.muted}">{escape(chart.axis_label)}</text>']
    for tick, label in zip(ticks, labels, strict=True):
        x = left + tick * scale
        out.append(f'<line class="grid" x1="{_n(x)}" x2="{_n(x)}" y1="{_n(top)}" y2="{_n(bottom)}" stroke="{brand.rule}"/>'
                   f'<text class="tick" x="{_n(x)}" y="{_n(bottom + FONT + 5)}" text-anchor="middle">{escape(label)}</text>')
    for j, name in enumerate(chart.categories):
        y = top + row * j
        out.append(f'<text class="category" x="{_n(left)}" y="{_n(y + FONT)}">{escape(name)}</text>')
        bar = (row - FONT - 8) / k
        for i, (series, colour) in enumerate(zip(chart.series, colours, strict=True)):
            out.append(f'<rect x="{_n(left)}" y="{_n(y + FONT + 4 + bar * i)}" width="{_n(series.values[j] * scale)}" '
                       f'height="{_n(bar)}" fill="{colour}"><title>{_point_title(chart, i, j, fmt)}</title></rect>')
    return out


# --- doughnut -----------------------------------------------------------------------------------


def _doughnut(chart: Chart, colours: tuple[str, ...], brand: Colours, fmt: Formatter) -> list[str]:
    """A ring of slices clockwise from the top; the series name in the hole; each slice says its share."""
    values = chart.series[0].values
    total = sum(values) or 1.0
    centre, outer = RING / 2, RING / 2 - 2
    inner = outer * 0.64
    out, start = [], 0.0
    for j, (value, colour) in enumerate(zip(values, colours, strict=True)):
        sweep = value / total
        if sweep > 0:
            d = ring_slice(centre, centre, outer, inner, start, sweep, _n)
            out.append(f'<path d="{d}" fill="{colour}" stroke="{brand.background}" stroke-width="1.5">'
                       f"<title>{_point_title(chart, 0, j, fmt)}</title></path>")
        start += sweep
    out.append(f'<text class="hole" x="{_n(centre)}" y="{_n(centre + FONT * 0.35)}" text-anchor="middle" fill="{brand.muted}">'
               f"{escape(chart.series[0].name)}</text>")
    return out


# --- numbers ------------------------------------------------------------------------------------


def nice_ticks(highest: float) -> list[float]:
    """Value-axis ticks from 0 to at least ``highest``: about five, at a round step."""
    if highest <= 0 or not math.isfinite(highest):
        return [0.0, 1.0]
    return ticks(highest, cover=True)


def _point_title(chart: Chart, series: int, index: int, fmt: Formatter) -> str:
    """'Cell therapy, 2024: USD 2.16 bn', or '2024: USD 3.72 bn' for a chart of one series and
    'Brazil: 38.0%' for a slice; escaped."""
    value = fmt.figure(chart.series[series].values[index], chart.value_type, chart.decimals)
    name = chart.categories[index]
    if chart.kind != "doughnut" and len(chart.series) > 1:
        name = f"{chart.series[series].name}, {name}"
    return escape(f"{name}: {value}")


def _n(value: float) -> str:
    """A coordinate with one decimal and no trailing zero: short, and the same on every run."""
    text = f"{round(value, 1) + 0.0:.1f}"  # + 0.0: never "-0"
    return text[:-2] if text.endswith(".0") else text

