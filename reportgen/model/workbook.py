"""Builds what the live workbook needs besides the sections (``Report.workbook``, an
``elements.Workbook``): the inputs, their provenance and every number its formulas cache.

The Excel edition recomputes the market from its inputs, so unlike the other formats it needs
the inputs themselves (published anchors, growth assumptions, the price, each segment's share,
growth and price index), where each comes from (``file: field``, sourced or estimate, and why)
and, for readers that do not recalculate, the value each formula gives: yearly values,
year-on-year growth, CAGRs per period, shares of the parent, sibling totals and the check rows
that stay at zero. All of it is computed here or in the data layer, so the workbook writer
only lays it out. Data strings are already in the edition's language. The types live with the
rest of the model's (``elements``), which the writers read without importing this builder.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from pathlib import Path

from reportgen.data.compute import SOURCED, ComputedDimension, ComputedSegment
from reportgen.data.schema import Series
from reportgen.data.series import Yearly
from reportgen.model.blocks import trend_chart
from reportgen.model.context import Context
from reportgen.model.elements import (
    Anchor,
    Assumption,
    Chart,
    Column,
    Comparison,
    Dimension,
    GroupValues,
    InputSeries,
    Period,
    Price,
    Provenance,
    Row,
    Segment,
    SiblingGroup,
    Table,
    Workbook,
    YearlyValues,
)
from reportgen.model.names import upper_first
from reportgen.model.sections.content import newest_first


def build_workbook(ctx: Context, charts: Mapping[str, Chart]) -> Workbook:
    """``charts``: the report's charts by id; the workbook's charts say what they show in the same
    sentences (``Chart.alt_text``), and those of sub-segments, which the report shows as shares, in
    the sentence of the report's revenue charts."""
    data, meta = ctx.data, ctx.meta
    periods = data.periods
    share_years = (data.base_year, data.years[-1])
    market = _series(ctx, meta.market, "Market", "market", data.total)
    comparisons = tuple(
        Comparison(_series(ctx, c.meta, c.meta.id, f"comparisons[{i}]", c.values), dict(data.share_of(c).items()))
        for i, c in enumerate(data.comparisons)
    )
    price = None
    if meta.volume is not None and data.price is not None and data.volume is not None:
        p, where = meta.volume.price, _where(ctx, data.source.report_path, "volume.price")
        reason = ctx.cell(p.reason)
        price = Price(
            ctx.t(meta.volume.name), ctx.t(meta.volume.unit), str(ctx.volume_item), meta.volume.unit_scale, meta.unit.scale,
            p.base, p.change / 100.0,
            Provenance(False, reason, f"{where}.base"), Provenance(False, reason, f"{where}.change"),
            _values(data.price, periods), _values(data.volume, periods, growth=True), charts["volume"].alt_text,
        )
    dimensions = tuple(_dimension(ctx, dim, share_years, charts[f"{dim.id}-trend"].alt_text) for dim in data.dimensions)
    return Workbook(data.years, data.base_year, periods, share_years, market, price, comparisons, dimensions,
                    _companies(ctx), _developments(ctx), charts["market-size"].alt_text,
                    charts["comparison"].alt_text if comparisons else "")


def _where(ctx: Context, path: Path, location: str) -> str:
    """'file: field' relative to the report folder: the same wherever the build runs."""
    return f"{path.relative_to(ctx.data.source.folder).as_posix()}: {location}"


def _values(series: Yearly, periods: tuple[Period, ...], growth: bool = False) -> YearlyValues:
    return YearlyValues(
        dict(series.items()),
        {p: series.cagr(*p) for p in periods},
        {y: series.growth(y) for y in series.years[1:]} if growth else {},
    )


def _series(ctx: Context, series: Series, key: str, location: str, values: Yearly) -> InputSeries:
    """A series of report.yaml found at ``location`` ('market', 'comparisons[0]')."""
    t, path = ctx.t, ctx.data.source.report_path
    anchors = tuple(
        Anchor(a.year, a.value,
               Provenance(bool(a.source), ctx.basis(a.source or a.estimate or "", bool(a.source)),
                          _where(ctx, path, f"{location}.anchors[{i}]")))
        for i, a in enumerate(series.anchors)
    )
    assumptions = tuple(
        Assumption(g.start, g.end, g.growth / 100.0,
                   Provenance(False, ctx.cell(g.reason), _where(ctx, path, f"{location}.assumptions[{i}]")))
        for i, g in enumerate(series.assumptions)
    )
    return InputSeries(key, upper_first(t(series.name)), anchors, assumptions, _values(values, ctx.data.periods, growth=True))


def _dimension(ctx: Context, dim: ComputedDimension, share_years: Period, top_chart: str) -> Dimension:
    """``top_chart``: the text alternative of the report's chart of the top-level segments' revenue."""
    given = next(d for _, d in ctx.data.source.dimensions if d.id == dim.id)
    segments = {}
    for i, (seg, source) in enumerate(zip(dim.segments, given.segments, strict=True)):
        sourced = seg.share_status == SOURCED
        provenance = Provenance(sourced, ctx.basis(seg.share_basis, sourced), _where(ctx, dim.path, f"segments[{i}]"))
        segments[seg.name] = Segment(seg.name, ctx.t(seg.name), seg.depth, seg.share, source.share is None, seg.growth,
                                     seg.price_index, provenance, ctx.cell(seg.description or ""))
    groups = []
    for parent, kids in sibling_groups(dim):
        revenue = _group(ctx, [k.revenue for k in kids], parent.revenue if parent else ctx.data.total, share_years)
        volume = None
        if ctx.data.volume is not None:  # then every segment has a volume too
            parent_volume = parent.volume if parent else ctx.data.volume
            volume = _group(ctx, [k.volume for k in kids], parent_volume, share_years)
        chart = top_chart if parent is None else trend_chart(ctx, "", "", dim, ctx.phrase(
            ctx._("the {segment} segment by sub-segment").format(segment=ctx.t(parent.name))), parent.name).alt_text
        groups.append(SiblingGroup(segments[parent.name] if parent else None, tuple(segments[k.name] for k in kids), revenue, volume,
                                   chart))
    return Dimension(dim.id, ctx.t(dim.title), ctx.cell(dim.note or ""), ctx.plain(dim.growth_basis), tuple(groups))


def sibling_groups(dim: ComputedDimension) -> list[tuple[ComputedSegment | None, list[ComputedSegment]]]:
    """Sibling groups, parents before their children: the top level, then each parent depth first.

    Siblings sit in consecutive rows on every sheet, so that a normalisation is one SUMPRODUCT
    over a range and a total one SUM.
    """
    groups: list[tuple[ComputedSegment | None, list[ComputedSegment]]] = []

    def visit(parent: ComputedSegment | None) -> None:
        kids = dim.children(parent.name if parent else None)
        if kids:
            groups.append((parent, kids))
        for kid in kids:
            visit(kid)

    visit(None)
    return groups


def _group(ctx: Context, kids: list[Yearly], parent: Yearly, share_years: Period) -> GroupValues:
    """Each sibling's values with its share of the parent and its CAGRs; their total and its check."""
    years, periods = ctx.data.years, ctx.data.periods
    total = Yearly.from_mapping({y: sum(k[y] for k in kids) for y in years})

    def row(series: Yearly) -> YearlyValues:
        return YearlyValues(dict(series.items()), {p: series.cagr(*p) for p in periods},
                            shares={y: _ratio(series[y], parent[y]) for y in share_years})

    return GroupValues(tuple(row(k) for k in kids), row(total), {y: total[y] - parent[y] for y in years})


def _ratio(part: float, whole: float) -> float:
    return part / whole if whole else math.nan


def _companies(ctx: Context) -> Table | None:
    """Key players, investors and start-ups, one field a column (the report lists them as prose).

    Names are shown as given, as in the report's own lists: they are proper names.
    """
    meta, content, _, t = ctx.meta, ctx.content, ctx._, ctx.t
    rows = [(ctx.lang.proper(name), _("Key player"), "", "") for name in meta.key_players]
    rows += [(ctx.lang.proper(n.name), _("Investor"), t(n.country or ""), ctx.cell(n.text or "")) for n in content.investors]
    rows += [(ctx.lang.proper(n.name), _("Start-up"), t(n.country or ""), ctx.cell(n.text or "")) for n in content.startups]
    if not rows:
        return None
    columns = (Column("company", _("Company"), "text"), Column("role", _("Role"), "text"),
               Column("country", _("Country"), "text"), Column("note", _("Note"), "text"))
    return Table("companies", _("Key players, investors and start-ups"), columns, tuple(Row(r) for r in rows))


def _developments(ctx: Context) -> Table | None:
    """Recent developments, newest first, with the date and company apart from the text."""
    _ = ctx._
    rows = tuple(Row((d.date, ctx.lang.proper(d.company), ctx.cell(d.text))) for d in newest_first(ctx))
    if not rows:
        return None
    columns = (Column("date", _("Date"), "text"), Column("company", _("Company"), "text"), Column("development", _("Development"), "text"))
    return Table("developments", _("Recent developments"), columns, rows)

