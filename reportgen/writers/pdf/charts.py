"""Draw the model's chart specs as vector SVG with matplotlib, for the PDF.

The PDF embeds charts as SVG with text kept as text (``svg.fonttype: none``), so they stay sharp,
their labels are selectable and searchable, and WeasyPrint sets them in the same embedded fonts
as the body: the SVG names the PDF's font stack, and matplotlib is given the same font files under
the same names, so it measures text with the fonts it is printed in. Charts are drawn at the
width they are printed (``html.chart_sizes``, the page layout), so a chart's 7.5 pt label is a
7.5 pt label on paper, and at least that height: a chart whose legend needs more (``legend``)
is drawn taller, and the page makes room.

The object API (``Figure`` + ``FigureCanvasSVG``) is used rather than pyplot: no global figure
registry and no GUI backend. Bars are drawn as one collection per series rather than one patch
per bar, which is several times faster in matplotlib and gives WeasyPrint fewer nodes to paint.
Every number a chart shows goes through the report's formatter.
"""

from __future__ import annotations

import contextlib
import dataclasses
import io
import math
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import cache

from matplotlib import font_manager, ft2font, rc_context
from matplotlib.axes import Axes
from matplotlib.backends.backend_svg import FigureCanvasSVG
from matplotlib.collections import PolyCollection
from matplotlib.figure import Figure
from matplotlib.ticker import FuncFormatter, MaxNLocator

from reportgen.format import Formatter, is_percent
from reportgen.model.brand import Brand, Colours, FontFace
from reportgen.model.elements import Chart, Report
from reportgen.typefaces import face_file, families_for
from reportgen.writers.pdf.html import Size, chart_sizes, chart_text
from reportgen.writers.pdf.legend import BODY, Entry, arrange, text_width, wrap

MM = 1 / 25.4  # matplotlib measures in inches
LEGEND_SIZE = 7.0  # pt, legend entries (their titles are half a point larger)
TICK_SIZE = 7.0  # pt, tick labels
CENTRE_SIZE = 7.5  # pt, the label in a doughnut's hole, at most
RING_WIDTH = 0.36  # of a doughnut's radius
MIN_RING = 30.0  # mm: a doughnut is never drawn smaller; the figure grows instead
MIN_PLOT = 30.0  # mm of plot height kept when a long legend takes the rest
MAX_LABEL_SHARE = 0.45  # of a bar chart's width for its category labels; longer ones wrap

# Text stays text; ids are salted with a constant so the same chart gives the same bytes.
RC = {
    "svg.fonttype": "none",
    "svg.hashsalt": "reportgen",
    "svg.id": "chart",
    "font.size": 7.5,
    "text.parse_math": False,  # a '$' in a segment name is a dollar sign, not TeX
    "axes.labelsize": 7.5,
    "axes.linewidth": 0.6,
    "xtick.labelsize": 7,
    "ytick.labelsize": 7,
    "legend.fontsize": 7,
    "legend.frameon": False,
    "path.simplify": False,
}


def _colour_rc(colours: Colours) -> dict[str, object]:
    """The rc settings that colour text and axes in the brand's colours."""
    return {"text.color": colours.text, "axes.labelcolor": colours.text, "axes.edgecolor": colours.muted,
            "xtick.color": colours.text, "ytick.color": colours.text}


@contextlib.contextmanager
def _drawing(brand: Brand, text: str) -> Iterator[None]:
    """matplotlib set up for a brand: its colours, and the PDF's font stack for ``text`` under
    the PDF's family names, so that it measures text with the fonts the PDF prints it in."""
    families = families_for(text, brand.families)
    for family in families:
        for face in family.faces:
            _register(family.name, face)
    token = BODY.set(brand.print_family(brand.body))
    try:
        with rc_context(RC | _colour_rc(brand.colours) | {"font.family": [family.name for family in families]}):
            yield
    finally:
        BODY.reset(token)


@cache
def _register(name: str, face: FontFace) -> None:
    font = ft2font.FT2Font(str(face_file(face)), face_index=face.index)
    entry = dataclasses.replace(font_manager.ttfFontProperty(font), name=name)
    font_manager.fontManager.ttflist.append(entry)


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
    with _drawing(report.brand, chart_text(report)):
        return {c.id: _drawn(c, sizes[c.id], style) for c in charts}


def _drawn(chart: Chart, size: Size, style: ChartStyle) -> bytes:
    """One chart of a report; a failure names the chart, so the message points at the right one."""
    try:
        return _draw(chart, size, style)
    except Exception as exc:
        raise ValueError(f"chart {chart.id!r} ({chart.title}) cannot be drawn: {exc}") from exc


def render_chart(chart: Chart, size: Size, style: ChartStyle) -> bytes:
    """One chart as SVG bytes at ``size``."""
    text = " ".join([chart.axis_label, *chart.categories, *(s.name for s in chart.series)])
    with _drawing(style.brand, text):
        return _draw(chart, size, style)


def _draw(chart: Chart, size: Size, style: ChartStyle) -> bytes:
    """The SVG of one chart; the caller has entered the rc settings."""
    fig = (_doughnut if chart.kind == "doughnut" else _axes_chart)(chart, size, style)
    out = io.BytesIO()
    fig.savefig(out, format="svg", metadata={"Date": None, "Creator": None})
    return out.getvalue()


def _figure(width: float, height: float) -> Figure:
    fig = Figure(figsize=(width * MM, height * MM))
    fig.patch.set_visible(False)  # the page is the background
    FigureCanvasSVG(fig)
    return fig


# --- chart kinds -----------------------------------------------------------------------------


def _doughnut(chart: Chart, size: Size, style: ChartStyle) -> Figure:
    """A ring and a legend that states each share, to its right when there is room, else below;
    the figure grows taller when the legend needs it."""
    values = chart.series[0].values
    entries = tuple(Entry(colour, name, style.fmt.percent(v))
                    for colour, name, v in zip(_cycle(style.colours.series, len(values)), chart.categories, values, strict=True))
    if size.width > 2 * size.height:  # beside
        ring = min(size.height - 4, size.width * 0.4)
        legend = arrange(entries, size.width - ring - 10, LEGEND_SIZE, title=chart.axis_label, height=size.height - 4)
        height = max(size.height, legend.height() + 4)
        fig = _figure(size.width, height)
        rect = (2, (height - ring) / 2, ring)
        legend.draw(fig, ring + 8, (height - legend.height()) / 2, size.width, height)
    else:
        legend = arrange(entries, size.width - 4, LEGEND_SIZE, 1, chart.axis_label)
        ring = min(max(size.height - legend.height() - 3, MIN_RING), size.width - 4)
        height = max(size.height, ring + legend.height() + 3)
        fig = _figure(size.width, height)
        rect = ((size.width - ring) / 2, height - ring - 1, ring)
        legend.draw(fig, (size.width - legend.width()) / 2, ring + 2, size.width, height)
    x, y, side = rect
    ax = fig.add_axes((x / size.width, y / height, side / size.width, side / height))
    ax.pie(values, colors=[e.colour for e in entries], startangle=90, counterclock=False,
           wedgeprops={"width": RING_WIDTH, "edgecolor": style.colours.background, "linewidth": 1.0})
    label = chart.series[0].name
    hole = side * (1 - RING_WIDTH) * 0.9
    fitted = min(CENTRE_SIZE, CENTRE_SIZE * hole / max(text_width(label, CENTRE_SIZE), 1e-6))
    ax.text(0, 0, label, ha="center", va="center", color=style.colours.muted, fontsize=fitted)
    return fig


def _axes_chart(chart: Chart, size: Size, style: ChartStyle) -> Figure:
    """Column, stacked column, line and bar charts: value axis labelled with the unit, gridlines,
    and a legend below when there are several series."""
    horizontal = chart.kind == "bar"
    several = len(chart.series) > 1
    colours = _cycle(style.colours.series, len(chart.series)) if several else [style.colours.accent]
    categories = list(chart.categories)
    if horizontal:  # the category labels stand left of the bars: as wide as the widest, within limits
        labels = max(text_width(c, TICK_SIZE) for c in categories) + 4
        left_mm = min(labels, size.width * MAX_LABEL_SHARE)
        categories = ["\n".join(wrap(c, left_mm - 4, TICK_SIZE)) for c in categories]
    else:
        left_mm = 14
    legend = None
    if several:
        entries = tuple(Entry(c, s.name, line=chart.kind == "line") for c, s in zip(colours, chart.series, strict=True))
        legend = arrange(entries, size.width - left_mm - 2, LEGEND_SIZE)
    below = (legend.height() + 2 if legend else 0) + (10 if horizontal else 7)
    height = max(size.height, below + MIN_PLOT + 3)
    fig = _figure(size.width, height)
    left = left_mm / size.width
    ax = fig.add_axes((left, below / height, 1 - left - 2 / size.width, 1 - (below + 3) / height))
    ax.spines[["top", "right"]].set_visible(False)
    draw = {"column": _columns, "stacked_column": _columns, "line": _lines, "bar": _bars}[chart.kind]
    draw(ax, dataclasses.replace(chart, categories=tuple(categories)), colours, style.colours)
    if not horizontal:
        _category_axis(ax, chart, size.width - left_mm - 2, style)
    value_axis = ax.xaxis if horizontal else ax.yaxis
    value_axis.set_major_locator(MaxNLocator(nbins=5, steps=[1, 2, 2.5, 5, 10]))
    value_axis.set_major_formatter(_tick_formatter(style.fmt, chart.value_type, value_axis.get_major_locator()))
    (ax.set_xlabel if horizontal else ax.set_ylabel)(chart.axis_label)
    ax.grid(axis="x" if horizontal else "y", color=style.colours.rule, linewidth=0.5)
    ax.set_axisbelow(True)
    ax.tick_params(bottom=False, left=False, pad=3)  # no tick marks: fewer SVG nodes to paint
    if legend is not None:
        legend.draw(fig, left_mm, height - legend.height() - 1, size.width, height)
    return fig


def _columns(ax: Axes, chart: Chart, colours: list[str], brand: Colours) -> None:
    """Stacked (or grouped) columns, one collection per series; history paler than forecast."""
    n = len(chart.categories)
    stacked = chart.kind == "stacked_column" or len(chart.series) == 1
    width = 0.7 if stacked else 0.8 / len(chart.series)
    bottoms = [0.0] * n
    top = 0.0
    for i, (series, colour) in enumerate(zip(chart.series, colours, strict=True)):
        offset = -width / 2 if stacked else -0.4 + width * i
        boxes = [_box(x + offset, b, width, v) for x, (b, v) in enumerate(zip(bottoms, series.values, strict=True))]
        fills = [brand.history(colour) if _is_history(chart, x) else colour for x in range(n)]
        ax.add_collection(PolyCollection(boxes, facecolors=fills, linewidths=0), autolim=False)
        if stacked:
            bottoms = [b + v for b, v in zip(bottoms, series.values, strict=True)]
        top = max(top, *bottoms, *series.values)
    ax.set_ylim(0, top * 1.05 or 1)


def _lines(ax: Axes, chart: Chart, colours: list[str], brand: Colours) -> None:
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


def _bars(ax: Axes, chart: Chart, colours: list[str], brand: Colours) -> None:
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


def _category_axis(ax: Axes, chart: Chart, axis_width: float, style: ChartStyle) -> None:
    """Categories along x, thinned out when they would collide (the last one always shown); the
    forecast years shaded and labelled so they read apart from history."""
    n = len(chart.categories)
    label = max(text_width(c, TICK_SIZE) for c in chart.categories) + 1.5
    step = max(1, math.ceil(label * n / axis_width))
    shown = [i for i in range(n) if (n - 1 - i) % step == 0]
    ax.set_xticks(shown, [chart.categories[i] for i in shown])
    ax.set_xlim(-0.6, n - 0.4)
    if chart.forecast_from is not None and 0 < chart.forecast_from < n:
        start = chart.forecast_from - 0.5
        ax.axvspan(start, n - 0.4, color=style.colours.fill, zorder=0, linewidth=0)
        ax.text(start + 0.15, 0.98, style.forecast_label, transform=ax.get_xaxis_transform(), ha="left", va="top",
                fontsize=6.5, color=style.colours.muted)


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
