"""Every number a deliverable shows, computed once from a validated report folder.

The result (``ComputedReport``) is format-neutral: the report model and the writers read
it, none of them computes a number of its own.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from reportgen.data.load import ReportSource
from reportgen.data.schema import Claims, Comparison, DimensionFile, ReportFile, Series
from reportgen.data.series import Yearly, fill_series, share_shift

SOURCED = "sourced"
ESTIMATE = "estimate"
REMAINDER = "remainder: 100% less the other shares"  # basis of a blank share; the model translates it


@dataclass(frozen=True)
class Subject:
    """What an input figure is about, structured so each language can describe it."""

    kind: str  # "anchor", "assumption", "price", "price-change", "share", "growth"
    series: str  # series name, or dimension title for "share" and "growth"
    years: str = ""  # "2024", "2021-2023"
    segment: str = ""
    parent: str = ""


@dataclass(frozen=True)
class Figure:
    """An input figure and its provenance, for the methodology section."""

    subject: Subject
    value: float
    kind: str  # "money", "percent", "price"
    status: str  # SOURCED or ESTIMATE
    basis: str  # the citation or the reason


@dataclass(frozen=True)
class ShareGroup:
    """Segments sharing one parent (None: the dimension's top level)."""

    parent: str | None
    indices: tuple[int, ...]
    shares: dict[int, float | None]


def share_groups(dim: DimensionFile) -> list[ShareGroup]:
    """Group a dimension's segments by parent, in file order."""
    order: dict[str | None, list[int]] = {}
    for i, seg in enumerate(dim.segments):
        order.setdefault(seg.parent, []).append(i)
    return [ShareGroup(parent, tuple(idx), {i: dim.segments[i].share for i in idx}) for parent, idx in order.items()]


@dataclass(frozen=True)
class ComputedSegment:
    name: str
    parent: str | None
    depth: int
    share: float  # base-year share of the parent, fraction
    share_status: str
    share_basis: str
    growth: float  # assumed own growth, fraction
    price_index: float  # average price relative to the market's (volume split)
    revenue: Yearly
    volume: Yearly | None
    parent_revenue: Yearly
    description: str | None = None

    def share_in(self, year: int) -> float:
        """Share of the parent in ``year``, fraction."""
        total = self.parent_revenue[year]
        return self.revenue[year] / total if total else 0.0


@dataclass(frozen=True)
class ComputedDimension:
    id: str
    title: str
    kind: str
    path: Path
    note: str | None
    growth_basis: str
    claims: Claims
    segments: tuple[ComputedSegment, ...]  # file order
    chapter: str | None = None  # the title of its chapter, when the data gives one

    def segment(self, name: str) -> ComputedSegment:
        return next(s for s in self.segments if s.name == name)

    def children(self, parent: str | None) -> list[ComputedSegment]:
        return [s for s in self.segments if s.parent == parent]

    @property
    def top(self) -> list[ComputedSegment]:
        return self.children(None)

    @property
    def parents(self) -> list[ComputedSegment]:
        """Segments that have sub-segments, in file order."""
        return [s for s in self.segments if self.children(s.name)]

    def leader(self, year: int, parent: str | None = None) -> ComputedSegment:
        return max(self.children(parent), key=lambda s: s.revenue[year])

    def fastest(self, start: int, end: int, parent: str | None = None) -> ComputedSegment:
        return max(self.children(parent), key=lambda s: s.revenue.cagr(start, end))


@dataclass(frozen=True)
class ComputedSeries:
    meta: Series | Comparison
    values: Yearly


@dataclass(frozen=True)
class ComputedReport:
    source: ReportSource
    total: Yearly
    price: Yearly | None
    volume: Yearly | None
    comparisons: tuple[ComputedSeries, ...]
    dimensions: tuple[ComputedDimension, ...]
    figures: tuple[Figure, ...] = field(default=())

    @property
    def meta(self) -> ReportFile:
        return self.source.report

    @property
    def years(self) -> range:
        y = self.meta.years
        return range(y.historical[0], y.forecast[1] + 1)

    @property
    def base_year(self) -> int:
        return self.meta.years.base

    @property
    def forecast_period(self) -> tuple[int, int]:
        """Base year to last forecast year: the period the report's headline CAGR covers."""
        return self.base_year, self.meta.years.forecast[1]

    @cached_property
    def periods(self) -> tuple[tuple[int, int], ...]:
        """Every CAGR period the report shows, in a stable order without repeats."""
        y = self.meta.years
        wanted = [self.forecast_period, (y.forecast[0], y.forecast[1]), (y.historical[0], y.base)]
        wanted += [tuple(p) for p in self.meta.cagr_periods]
        out: list[tuple[int, int]] = []
        for p in wanted:
            if p not in out and p[0] < p[1]:
                out.append(p)
        return tuple(out)

    def is_forecast(self, year: int) -> bool:
        return year > self.base_year

    @property
    def geography(self) -> ComputedDimension | None:
        return next((d for d in self.dimensions if d.kind == "geography"), None)

    def share_of(self, comparison: ComputedSeries) -> Yearly:
        """The market as a share of a wider market, every year (fractions)."""
        return Yearly.from_mapping({y: self.total[y] / comparison.values[y] for y in self.years})


def _series_inputs(series: Series) -> tuple[dict[int, float], dict[int, float]]:
    anchors = {a.year: a.value for a in series.anchors}
    growth = {y: a.growth / 100.0 for a in series.assumptions for y in range(a.start, a.end + 1)}
    return anchors, growth


def compute_series(series: Series, years: range) -> Yearly:
    anchors, growth = _series_inputs(series)
    return fill_series(years, anchors, growth)


def _resolved_shares(dim: DimensionFile) -> dict[int, float]:
    """Base-year shares as fractions, the one blank per group filled with the remainder."""
    resolved: dict[int, float] = {}
    for group in share_groups(dim):
        given = sum(s for s in group.shares.values() if s is not None)
        for i, share in group.shares.items():
            resolved[i] = (max(0.0, 100.0 - given) if share is None else share) / 100.0
    return resolved


def compute_dimension(dim: DimensionFile, path: Path, total: Yearly, volume: Yearly | None, base: int) -> ComputedDimension:
    """Split the total among segments, then each parent among its sub-segments."""
    shares = _resolved_shares(dim)
    revenue: dict[str | None, Yearly] = {None: total}
    volumes: dict[str | None, Yearly | None] = {None: volume}
    depth: dict[str | None, int] = {None: -1}
    pending = share_groups(dim)
    # Parents before children, whatever the order in the file.
    while pending:
        ready = [g for g in pending if g.parent in revenue]
        if not ready:  # check refuses unknown parents and loops; never spin on what it missed
            raise ValueError(f"{dim.id}: segments under {sorted(str(g.parent) for g in pending)} have no computed parent")
        for group in ready:
            segs = [dim.segments[i] for i in group.indices]
            split = share_shift([shares[i] for i in group.indices], [s.growth / 100.0 for s in segs], base, revenue[group.parent])
            vol_split = _volume_split(split, [s.price_index for s in segs], volumes[group.parent])
            for seg, rev, vol in zip(segs, split, vol_split, strict=True):
                revenue[seg.name], volumes[seg.name] = rev, vol
                depth[seg.name] = depth[group.parent] + 1
        pending = [g for g in pending if g not in ready]
    segments = []
    for i, seg in enumerate(dim.segments):
        if seg.source:
            status, basis = SOURCED, seg.source
        elif seg.share is None:
            status, basis = ESTIMATE, REMAINDER
        else:
            status, basis = ESTIMATE, seg.estimate or dim.estimate or ""
        segments.append(
            ComputedSegment(
                name=seg.name,
                parent=seg.parent,
                depth=depth[seg.name],
                share=shares[i],
                share_status=status,
                share_basis=basis,
                growth=seg.growth / 100.0,
                price_index=seg.price_index,
                revenue=revenue[seg.name],
                volume=volumes[seg.name],
                parent_revenue=revenue[seg.parent],
                description=seg.description,
            )
        )
    return ComputedDimension(
        id=dim.id,
        title=dim.title,
        kind=dim.kind,
        path=path,
        note=dim.note,
        growth_basis=dim.growth_basis,
        claims=dim.claims,
        segments=tuple(segments),
        chapter=dim.chapter,
    )


def _volume_split(revenue: list[Yearly], price_index: list[float], parent: Yearly | None) -> list[Yearly | None]:
    """Volumes follow revenue divided by relative price, normalised to the parent's volume."""
    if parent is None:
        return [None] * len(revenue)
    out: list[dict[int, float]] = [{} for _ in revenue]
    for year, total in parent.items():
        weights = [r[year] / p for r, p in zip(revenue, price_index, strict=True)]
        norm = sum(weights)
        for i, w in enumerate(weights):
            out[i][year] = total * w / norm if norm else 0.0
    return [Yearly.from_mapping(o) for o in out]


def _figures(source: ReportSource) -> list[Figure]:
    """Every input figure of report.yaml with its provenance."""
    report = source.report
    figures: list[Figure] = []
    for series in [report.market, *report.comparisons]:
        for a in series.anchors:
            status = SOURCED if a.source else ESTIMATE
            figures.append(Figure(Subject("anchor", series.name, str(a.year)), a.value, "money", status, a.source or a.estimate or ""))
        for g in series.assumptions:
            span = f"{g.start}-{g.end}" if g.end > g.start else str(g.start)
            figures.append(Figure(Subject("assumption", series.name, span), g.growth / 100, "percent", ESTIMATE, g.reason))
    if report.volume:
        p = report.volume.price
        figures.append(Figure(Subject("price", report.volume.name, str(report.years.base)), p.base, "price", ESTIMATE, p.reason))
        figures.append(Figure(Subject("price-change", report.volume.name), p.change / 100, "percent", ESTIMATE, p.reason))
    return figures


def compute(source: ReportSource) -> ComputedReport:
    """The full computation: total, price and volume, comparisons, every dimension."""
    report = source.report
    years = range(report.years.historical[0], report.years.forecast[1] + 1)
    base = report.years.base
    total = compute_series(report.market, years)
    price = volume = None
    if report.volume:
        p = report.volume.price
        price = Yearly.from_mapping({y: p.base * (1 + p.change / 100) ** (y - base) for y in years})
        # Items are revenue in currency units over the price of one item; volumes count them in the volume's unit.
        items_per_unit = report.volume.unit_scale
        volume = Yearly.from_mapping({y: total[y] * report.unit.scale / price[y] / items_per_unit for y in years})
    comparisons = tuple(ComputedSeries(c, compute_series(c, years)) for c in report.comparisons)
    dimensions = tuple(compute_dimension(d, p, total, volume, base) for p, d in source.dimensions)
    figures = _figures(source)
    for dim in dimensions:
        for seg in dim.segments:
            subject = Subject("share", dim.title, str(base), seg.name, seg.parent or "")
            figures.append(Figure(subject, seg.share, "percent", seg.share_status, seg.share_basis))
        for seg in dim.segments:
            figures.append(Figure(Subject("growth", dim.title, "", seg.name), seg.growth, "percent", ESTIMATE, dim.growth_basis))
    return ComputedReport(source, total, price, volume, comparisons, dimensions, tuple(figures))
