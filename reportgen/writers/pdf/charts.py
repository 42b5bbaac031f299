"""Draw the model's chart specs as vector SVG with matplotlib, for the PDF.

The PDF embeds charts as SVG with text kept as text (``svg.fonttype: none``), so they stay sharp,
their labels are selectable and searchable, and WeasyPrint sets them in the same embedded Open
Sans as the body. Charts are drawn at the size they are printed (``html.chart_sizes``, the page
layout), so a chart's 7.5 pt label is a 7.5 pt label on paper.

The object API (``Figure`` + ``FigureCanvasSVG``) is used rather than pyplot: no global figure
registry and no GUI backend. Bars are drawn as one collection per series rather than one patch
per bar, which is several times faster in matplotlib and gives WeasyPrint fewer nodes to paint.
Every number a chart shows goes through the report's formatter.
"""

from __future__ import annotations

import io
import math
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache

from matplotlib import font_manager, rc_context
from matplotlib.axes import Axes
from matplotlib.backends.backend_svg import FigureCanvasSVG
from matplotlib.collections import PolyCollection
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import Patch
from matplotlib.ticker import FuncFormatter, MaxNLocator

from reportgen.format import Formatter, is_percent
from reportgen.model.elements import Chart, Report
from reportgen.style import FONT_FAMILY, FONT_FILES, MUTED, PRINT_HISTORY_TINT, TEXT, tint
from reportgen.writers.pdf.html import AXES_LEFT, BAR_LEFT, DOUGHNUT_HEIGHT, LEGEND_CHAR, Size, chart_sizes, legend, palette_of, ring_size

MM = 1 / 25.4  # matplotlib measures in inches
FORECAST_BAND = "#EEF1F5"
GRID = "#D9D9D9"
CHAR_WIDTH = LEGEND_CHAR  # mm, an average character of a 7 pt label

# Text stays text; ids are salted with a constant so the same chart gives the same bytes.
RC = {
    "svg.fonttype": "none",
    "svg.hashsalt": "reportgen",
    "svg.id": "chart",
    "font.family": FONT_FAMILY,
    "font.size": 7.5,
    "text.color": TEXT,
    "text.parse_math": False,  # a '$' in a segment name is a dollar sign, not TeX
    "axes.labelcolor": TEXT,
    "axes.labelsize": 7.5,
    "axes.edgecolor": MUTED,
    "axes.linewidth": 0.6,
    "xtick.color": TEXT,
    "ytick.color": TEXT,
    "xtick.labelsize": 7,
    "ytick.labelsize": 7,
    "legend.fontsize": 7,
    "legend.frameon": False,
    "path.simplify": False,
}

@cache
def _register_fonts() -> None:
    """Give matplotlib the project's Open Sans so its text metrics match what the PDF prints."""
    for path in FONT_FILES.values():
        font_manager.fontManager.addfont(str(path))


@dataclass(frozen=True)
class ChartStyle:
    """What a chart takes from its report besides its spec: formatter, colours, words."""

    fmt: Formatter
    palette: tuple[str, ...]
    accent: str
    forecast_label: str = "Forecast years"

    @classmethod
    def of(cls, report: Report) -> ChartStyle:
        palette, accent = palette_of(report)
        return cls(report.fmt, palette, accent, report.gettext("Forecast years"))


def render_charts(report: Report) -> dict[str, bytes]:
    """Every chart of the report as SVG bytes, keyed by chart id."""
    charts = report.charts()
    ids = [c.id for c in charts]
    if len(set(ids)) != len(ids):
        raise ValueError(f"chart ids are not unique: {sorted({i for i in ids if ids.count(i) > 1})}")
    style = ChartStyle.of(report)
    sizes = chart_sizes(report)
    _register_fonts()
    with rc_context(RC):
        return {c.id: _drawn(c, sizes[c.id], style) for c in charts}


def _drawn(chart: Chart, size: Size, style: ChartStyle) -> bytes:
    """One chart of a report; a failure names the chart, so the message points at the right one."""
    try:
        return _draw(chart, size, style)
    except Exception as exc:
        raise ValueError(f"chart {chart.id!r} ({chart.title}) cannot be drawn: {exc}") from exc


def render_chart(chart: Chart, size: Size, style: ChartStyle) -> bytes:
    """One chart as SVG bytes at ``size``."""
    _register_fonts()
    with rc_context(RC):
        return _draw(chart, size, style)


def _draw(chart: Chart, size: Size, style: ChartStyle) -> bytes:
    """The SVG of one chart; the caller has entered the rc settings."""
    fig = Figure(figsize=(size.width * MM, size.height * MM))
    fig.patch.set_visible(False)  # the page is the background
    FigureCanvasSVG(fig)
    if chart.kind == "doughnut":
        _doughnut(fig, chart, size, style)
    else:
        _axes_chart(fig, chart, size, style)
    out = io.BytesIO()
    fig.savefig(out, format="svg", metadata={"Date": None, "Creator": None})
    return out.getvalue()


# --- chart kinds -----------------------------------------------------------------------------


def _doughnut(fig: Figure, chart: Chart, size: Size, style: ChartStyle) -> None:
    """A ring and a legend that states each share, to its right when there is room, else below."""
    values = chart.series[0].values
    colours = _cycle(style.palette, len(values))
    beside = size.width > 2 * min(size.height, DOUGHNUT_HEIGHT)  # alone on the text width, however tall its legend
    key = legend(chart, size.width, size.height)
    legend_height = key.height
    if beside:
        ring = ring_size(size.width, size.height)
        rect = (2 / size.width, (size.height - ring) / 2 / size.height, ring / size.width, ring / size.height)
    else:
        ring = min(size.height - legend_height - 3, size.width - 4)
        rect = ((size.width - ring) / 2 / size.width, 1 - (ring + 1) / size.height, ring / size.width, ring / size.height)
    ax = fig.add_axes(rect)
    wedges, *_ = ax.pie(
        values, colors=colours, startangle=90, counterclock=False,
        wedgeprops={"width": 0.36, "edgecolor": "white", "linewidth": 1.0},
    )
    ax.text(0, 0, chart.series[0].name, ha="center", va="center", color=MUTED)
    labels = [f"{name}  {style.fmt.percent(v)}" for name, v in zip(chart.categories, values, strict=True)]
    common = {"title": chart.axis_label, "alignment": "left", "title_fontsize": 7.5, "handlelength": 1.0,
              "handleheight": 1.0, "labelspacing": 0.45, "borderaxespad": 0, "ncols": key.columns, "columnspacing": 1.2}
    if beside:
        fig.legend(wedges, labels, loc="center left", bbox_to_anchor=((ring + 8) / size.width, 0.5), **common)
    else:
        fig.legend(wedges, labels, loc="upper center", bbox_to_anchor=(0.5, 1 - (ring + 3) / size.height), **common)


def _axes_chart(fig: Figure, chart: Chart, size: Size, style: ChartStyle) -> None:
    """Column, stacked column, line and bar charts: value axis labelled with the unit, gridlines."""
    horizontal = chart.kind == "bar"
    several = len(chart.series) > 1
    left = (BAR_LEFT if horizontal else AXES_LEFT) / size.width
    key = legend(chart, size.width)
    columns = key.columns
    bottom = (key.height + (10 if horizontal else 7)) / size.height
    ax = fig.add_axes((left, bottom, 1 - left - 2 / size.width, 1 - bottom - 3 / size.height))
    ax.spines[["top", "right"]].set_visible(False)
    colours = _cycle(style.palette, len(chart.series)) if several else [style.accent]
    draw = {"column": _columns, "stacked_column": _columns, "line": _lines, "bar": _bars}[chart.kind]
    draw(ax, chart, colours)
    if not horizontal:
        _category_axis(ax, chart, size.width * (1 - left), style.forecast_label)
    value_axis = ax.xaxis if horizontal else ax.yaxis
    value_axis.set_major_locator(MaxNLocator(nbins=5, steps=[1, 2, 2.5, 5, 10]))
    value_axis.set_major_formatter(_tick_formatter(style.fmt, chart.value_type, value_axis.get_major_locator()))
    (ax.set_xlabel if horizontal else ax.set_ylabel)(chart.axis_label)
    ax.grid(axis="x" if horizontal else "y", color=GRID, linewidth=0.5)
    ax.set_axisbelow(True)
    ax.tick_params(bottom=False, left=False, pad=3)  # no tick marks: fewer SVG nodes to paint
    if several:
        key = (lambda c: Line2D([], [], color=c, linewidth=1.5)) if chart.kind == "line" else (lambda c: Patch(color=c))
        handles = [key(c) for c in colours]
        labels = [s.name for s in chart.series]
        fig.legend(handles, labels, loc="lower left", ncols=columns, handlelength=1.0, handleheight=1.0,
                   bbox_to_anchor=(left, 0.0), columnspacing=1.2, borderaxespad=0.3)


def _columns(ax: Axes, chart: Chart, colours: list[str]) -> None:
    """Stacked (or grouped) columns, one collection per series; history paler than forecast."""
    n = len(chart.categories)
    stacked = chart.kind == "stacked_column" or len(chart.series) == 1
    width = 0.7 if stacked else 0.8 / len(chart.series)
    bottoms = [0.0] * n
    top = 0.0
    for i, (series, colour) in enumerate(zip(chart.series, colours, strict=True)):
        offset = -width / 2 if stacked else -0.4 + width * i
        boxes = [_box(x + offset, b, width, v) for x, (b, v) in enumerate(zip(bottoms, series.values, strict=True))]
        fills = [tint(colour, PRINT_HISTORY_TINT) if _is_history(chart, x) else colour for x in range(n)]
        ax.add_collection(PolyCollection(boxes, facecolors=fills, linewidths=0), autolim=False)
        if stacked:
            bottoms = [b + v for b, v in zip(bottoms, series.values, strict=True)]
        top = max(top, *bottoms, *series.values)
    ax.set_ylim(0, top * 1.05 or 1)


def _lines(ax: Axes, chart: Chart, colours: list[str]) -> None:
    """Solid lines for history, dashed for forecast, meeting at the last history point."""
    n = len(chart.categories)
    split = chart.forecast_from if chart.forecast_from is not None else n
    for series, colour in zip(chart.series, colours, strict=True):
        style = {"color": colour, "linewidth": 1.5, "marker": "o", "markersize": 2.2}
        ax.plot(range(split), series.values[:split], **style)
        if split < n:
            start = max(split - 1, 0)
            ax.plot(range(start, n), series.values[start:], linestyle=(0, (3, 1.5)), **style)
    ax.set_ylim(0, max(max(s.values) for s in chart.series) * 1.05 or 1)


def _bars(ax: Axes, chart: Chart, colours: list[str]) -> None:
    """Horizontal bars, first category on top."""
    n = len(chart.categories)
    height = 0.7 / len(chart.series)
    for i, (series, colour) in enumerate(zip(chart.series, colours, strict=True)):
        boxes = [_box(0, y - 0.35 + height * i, v, height) for y, v in enumerate(series.values)]
        ax.add_collection(PolyCollection(boxes, facecolors=colour, linewidths=0), autolim=False)
    ax.set_xlim(0, max(max(s.values) for s in chart.series) * 1.05 or 1)
    ax.set_ylim(n - 0.4, -0.6)
    ax.set_yticks(range(n), chart.categories)


def _box(x: float, y: float, width: float, height: float) -> list[tuple[float, float]]:
    return [(x, y), (x + width, y), (x + width, y + height), (x, y + height)]


def _category_axis(ax: Axes, chart: Chart, axis_width: float, forecast_label: str) -> None:
    """Categories along x, thinned out when they would collide (the last one always shown); the
    forecast years shaded and labelled so they read apart from history."""
    n = len(chart.categories)
    label = max(len(c) for c in chart.categories) * CHAR_WIDTH + 1.5
    step = max(1, math.ceil(label * n / axis_width))
    shown = [i for i in range(n) if (n - 1 - i) % step == 0]
    ax.set_xticks(shown, [chart.categories[i] for i in shown])
    ax.set_xlim(-0.6, n - 0.4)
    if chart.forecast_from is not None and 0 < chart.forecast_from < n:
        start = chart.forecast_from - 0.5
        ax.axvspan(start, n - 0.4, color=FORECAST_BAND, zorder=0, linewidth=0)
        ax.text(start + 0.15, 0.98, forecast_label, transform=ax.get_xaxis_transform(), ha="left", va="top",
                fontsize=6.5, color=MUTED)


def _is_history(chart: Chart, index: int) -> bool:
    return chart.forecast_from is not None and index < chart.forecast_from


def _cycle(palette: Sequence[str], n: int) -> list[str]:
    return [palette[i % len(palette)] for i in range(n)]


def _tick_formatter(fmt: Formatter, value_type: str, locator: MaxNLocator) -> FuncFormatter:
    """Tick labels through the report's formatter, with as few decimals as the ticks need."""
    percent = is_percent(value_type)
    scale = 100 if percent else 1
    number = fmt.percent if percent else fmt.number

    def label(value: float, _pos: int) -> str:
        ticks = [t * scale for t in locator()]
        decimals = next((d for d in (0, 1) if all(abs(t * 10**d - round(t * 10**d)) < 1e-6 for t in ticks)), 2)
        return number(value, decimals)

    return FuncFormatter(label)
