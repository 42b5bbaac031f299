"""Terminal rendering of a computed report for ``reportgen show``.

Years run down the rows so that 14 years fit a terminal. What an analyst reads: values, shares
and CAGRs. With ``--debug`` each dimension table also ends with a ``sum - total`` column (zero,
to rounding, when the segments add up to their parent), for whoever checks the arithmetic.
"""

from __future__ import annotations

from rich.console import Console
from rich.table import Table

from reportgen.data.compute import ComputedDimension, ComputedReport
from reportgen.model import formatter_for


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
