"""Terminal rendering of a computed report for ``reportgen show``.

Years run down the rows so that 14 years fit a terminal. What an analyst reads: values, shares
and CAGRs. With ``--debug`` each dimension table also ends with a ``sum - total`` column (zero,
to rounding, when the segments add up to their parent), for whoever checks the arithmetic.
``--outline`` prints the report's sections by id instead, what an ``outline:`` in report.yaml names.
"""

from __future__ import annotations

from rich.console import Console
from rich.table import Table

from reportgen.data import Analysis
from reportgen.data.compute import ComputedDimension, ComputedReport
from reportgen.data.outline import DIMENSIONS, known_ids
from reportgen.model import build_report, formatter_for


def print_outline(analysis: Analysis, console: Console | None = None) -> None:
    """Each section the deliverables show, in order: its id and (English) title; then the ids left
    out, by an outline or for want of content."""
    console = console or Console(width=200, highlight=False)
    sections = build_report(analysis).sections
    width = max(len(s.id) for s in sections)
    source = analysis.computed.source
    how = "report.yaml's outline" if source.report.outline is not None else "the default order"
    console.print(f"Sections of {analysis.computed.meta.id}, in {how}:", markup=False)
    for s in sections:
        console.print(f"  {s.id:<{width}}  {s.title}", markup=False)
    shown = {s.id for s in sections}
    left = [i for i in known_ids(source) if i not in shown and i != DIMENSIONS]
    if left:
        console.print(f"Not shown (left out by the outline, or no content): {', '.join(left)}", markup=False)


def print_report(data: ComputedReport, console: Console | None = None, reconcile: bool = False) -> None:
    console = console or Console(width=200)
    fmt = formatter_for(data)
    meta = data.meta
    console.print(f"[bold]{meta.title}[/bold] ({meta.region}), values in {fmt.money_unit}, base year {data.base_year}")
    total = Table(title="Market total")
    for col in ["Year", f"Revenue ({fmt.money_unit})", "Growth"] + (
        [f"{meta.volume.name} ({meta.volume.unit})", f"Price ({fmt.currency})"] if meta.volume else []
    ):
        total.add_column(col, justify="right")
    for y in data.years:
        growth = data.total.growth(y)
        row = [f"{y}{'F' if data.is_forecast(y) else ''}", fmt.number(data.total[y]), "" if growth is None else fmt.percent(growth)]
        if data.volume is not None:
            row += [fmt.count(data.volume[y]), fmt.price(data.price[y])]
        total.add_row(*row)
    console.print(total)
    for a, b in data.periods:
        console.print(f"CAGR {a}-{b}: {fmt.cagr(data.total.cagr(a, b))}")
    for comp in data.comparisons:
        console.print(
            f"{comp.meta.name}: {fmt.number(comp.values[data.base_year])} -> "
            f"{fmt.number(comp.values[data.forecast_period[1]])}, CAGR {fmt.cagr(comp.values.cagr(*data.forecast_period))}"
        )
    for dim in data.dimensions:
        _print_group(console, data, dim, None, fmt, reconcile)
        for parent in dim.parents:
            _print_group(console, data, dim, parent.name, fmt, reconcile)


def _print_group(console: Console, data: ComputedReport, dim: ComputedDimension, parent: str | None, fmt, reconcile: bool) -> None:
    segments = dim.children(parent)
    parent_series = segments[0].parent_revenue
    title = f"By {dim.title}" + (f": {parent}" if parent else "") + f" ({fmt.money_unit})"
    table = Table(title=title)
    table.add_column("Year", justify="right")
    for seg in segments:
        table.add_column(seg.name, justify="right", max_width=16)
    extra: list[str] = []
    if reconcile:
        table.add_column("sum - " + ("total" if parent is None else "parent"), justify="right")
        extra = [""]
    for y in data.years:
        values = [s.revenue[y] for s in segments]
        check = [f"{sum(values) - parent_series[y]:.2e}"] if reconcile else []
        table.add_row(str(y), *[fmt.number(v) for v in values], *check)
    a, b = data.forecast_period
    table.add_row(f"share {a}", *[fmt.percent(s.share_in(a)) for s in segments], *extra)
    table.add_row(f"CAGR {a}-{b}", *[fmt.cagr(s.revenue.cagr(a, b)) for s in segments], *extra)
    console.print(table)
