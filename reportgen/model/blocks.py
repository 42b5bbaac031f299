"""Blocks that recur across sections: yearly tables, share, trend and yearly charts, notes.

Each takes the edition's ``Context`` and computed series and returns a model block holding raw
numbers (the writers format them) with a title, a source line and, for charts, a text
alternative that states what the chart shows.
"""

from __future__ import annotations

from reportgen.data.compute import SOURCED, ComputedDimension, ComputedSegment
from reportgen.data.series import Yearly
from reportgen.format import ValueType
from reportgen.model.context import Context
from reportgen.model.elements import Chart, ChartSeries, Column, ItemList, Row, RowKind, Table
from reportgen.model.names import Name, listing, lower_first

YearlyRow = tuple[str, Yearly, int, RowKind]  # name, values, indentation level, row kind


def yearly_table(
    ctx: Context,
    table_id: str,
    title: str,
    label: str,
    rows: list[YearlyRow],
    total: Yearly | None,
    value_type: ValueType = "money",
    unit: str | None = None,
) -> Table:
    """Rows of yearly values with a CAGR column per period the report shows."""
    unit = ctx.fmt.money_unit if unit is None else unit
    periods = ctx.shown_periods
    columns = [Column("name", label, "text")]
    columns += [Column(str(y), str(y), value_type, unit) for y in ctx.years]
    columns += [Column(f"cagr-{a}-{b}", ctx.cagr_label(a, b), "cagr") for a, b in periods]
    out = []
    for name, series, level, kind in rows:
        cells = (name, *[series[y] for y in ctx.years], *[series.cagr(a, b) for a, b in periods])
        out.append(Row(cells, kind, level))
    if total is not None:
        cells = (ctx._("Total"), *[total[y] for y in ctx.years], *[total.cagr(a, b) for a, b in periods])
        out.append(Row(cells, "total"))
    return Table(table_id, title, tuple(columns), tuple(out), source=ctx.source_line)


def segment_rows(
    ctx: Context, dim: ComputedDimension, measure: str, parent: str | None = None, nested: bool = False
) -> list[YearlyRow]:
    """A row per segment under ``parent`` in one measure ("revenue" or "volume"); ``nested``
    puts each segment's sub-segments under it, depth first."""
    rows: list[YearlyRow] = []
    for seg in dim.children(parent):
        kids = dim.children(seg.name) if nested else []
        rows.append((ctx.t(seg.name), getattr(seg, measure), seg.depth, "parent" if kids else "data"))
        if kids:
            rows += segment_rows(ctx, dim, measure, seg.name, nested)
    return rows


def share_chart(ctx: Context, chart_id: str, title: str, segments: list[ComputedSegment], what: Name) -> Chart:
    """A doughnut of the segments' base-year shares of their parent; ``what`` names the chart in its text
    alternative ("shares by country")."""
    _, t, fmt, base = ctx._, ctx.t, ctx.fmt, ctx.base
    shares = tuple(s.share_in(base) for s in segments)
    ranked = sorted(zip(segments, shares, strict=True), key=lambda p: -p[1])
    shown = ", ".join(f"{ctx.name(s.name)} {fmt.percent(v)}" for s, v in ranked)
    alt = _("Doughnut chart of {what} in {year}. Largest: {leader}. Shares: {listing}.").format(
        what=what, year=base, leader=ctx.name(ranked[0][0].name), listing=shown
    )
    return Chart(
        chart_id,
        title,
        "doughnut",
        tuple(t(s.name) for s in segments),
        (ChartSeries(_("Share {year}").format(year=base), shares),),
        "percent",
        _("Share of revenue, {year}").format(year=base),
        ctx.source_line,
        alt,
    )


def trend_chart(ctx: Context, chart_id: str, title: str, dim: ComputedDimension, what: Name, parent: str | None = None) -> Chart:
    """The dimension's top-level segments' revenue stacked per year, adding up to the market, or
    with ``parent`` that segment's sub-segments, adding up to it."""
    fmt, t, years, segments = ctx.fmt, ctx.t, ctx.years, dim.children(parent)
    series = tuple(ChartSeries(t(s.name), tuple(s.revenue[y] for y in years)) for s in segments)
    top = max(segments, key=lambda s: s.revenue[ctx.end])
    first, last = years[0], years[-1]
    parent_total = segments[0].parent_revenue
    alt = ctx._(
        "Stacked column chart of {what}, {first}-{last}, in {unit}. The total goes from {first_value} in {first} "
        "to {last_value} in {last}; largest {member} in {last}: {top}, at {top_value}."
    ).format(
        what=what,
        first=first,
        last=last,
        unit=fmt.money_unit,
        first_value=fmt.number(parent_total[first]),
        last_value=fmt.number(parent_total[last]),
        member=ctx.phrase(ctx._("sub-segment")) if parent else ctx.member(dim),
        top=ctx.name(top.name),
        top_value=fmt.number(top.revenue[last]),
    )
    categories = tuple(str(y) for y in years)
    return Chart(
        chart_id, title, "stacked_column", categories, series, "money", fmt.money_unit, ctx.source_line, alt,
        forecast_from=ctx.forecast_from,
    )


def yearly_chart(ctx: Context, chart_id: str, title: str, name: str, values: Yearly, value_type: ValueType, unit: str) -> Chart:
    """One measure per year, history and forecast told apart."""
    years = ctx.years
    first, last = years[0], years[-1]
    number = ctx.fmt.count if value_type == "count" else ctx.fmt.number
    alt = ctx._(
        "Column chart of {what}, in {unit}; {first}-{base} actual or estimated, {next}-{last} forecast. "
        "It goes from {first_value} in {first} to {last_value} in {last}."
    ).format(
        what=lower_first(title),
        first=first,
        last=last,
        unit=unit,
        base=ctx.base,
        next=ctx.base + 1,
        first_value=number(values[first]),
        last_value=number(values[last]),
    )
    return Chart(
        chart_id,
        title,
        "column",
        tuple(str(y) for y in years),
        (ChartSeries(name, tuple(values[y] for y in years)),),
        value_type,
        unit,
        ctx.source_line,
        alt,
        forecast_from=ctx.forecast_from,
    )


def themes(ctx: Context, entries) -> ItemList:
    """Titled themes from content.yaml (outlook, regional notes) as a list with lead-ins."""
    return ItemList(tuple(ctx.item(th.text, ctx.t(th.title)) for th in entries))


def market_notes(ctx: Context) -> tuple[str, ...]:
    """The published market sizes and the estimates between them, for notes under market sections."""
    _, t = ctx._, ctx.t
    notes = []
    for a in ctx.meta.market.anchors:
        basis = _("source: {source}").format(source=t(a.source)) if a.source else _("estimate: {source}").format(
            source=ctx.plain(a.estimate or ""))
        notes.append(_("{year} market size {value} ({basis}).").format(year=a.year, value=ctx.fmt.money(a.value), basis=basis))
    for g in ctx.meta.market.assumptions:
        notes.append(_("{start}-{end} values are estimates: {reason}").format(start=g.start, end=g.end, reason=ctx.plain(g.reason)))
    return tuple(notes)


def estimate_notes(ctx: Context, dim: ComputedDimension) -> tuple[str, ...]:
    """Which shares of a dimension are published and which estimated, and the growth assumptions' basis."""
    _, t = ctx._, ctx.t
    notes = [
        _("Sourced: {segment} share {year} ({source}).").format(segment=ctx.name(s.name), year=ctx.base, source=t(s.share_basis))
        for s in dim.segments
        if s.share_status == SOURCED
    ]
    estimated = [ctx.name(s.name) for s in dim.segments if s.share_status != SOURCED]
    if estimated:
        notes.append(_("Estimated shares: {segments}.").format(segments=listing(estimated)))
    notes.append(_("Growth assumptions (estimates): {basis}").format(basis=ctx.plain(dim.growth_basis)))
    return tuple(notes)
