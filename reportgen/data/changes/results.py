"""Changed results: every number the deliverables show, in the years and periods both editions
have, and changes of rank (a new leader, a new fastest grower).
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Any

from reportgen.data.compute import ComputedDimension, ComputedReport, ComputedSegment

if TYPE_CHECKING:
    pass

from reportgen.data.changes.facts import (
    CAGR,
    COMPARISON,
    FASTEST,
    LEADER,
    MARKET,
    PRICE,
    SAME,
    SEGMENT,
    SHARE,
    VALUE,
    VOLUME,
    RankChange,
    ValueChange,
)

# ---- results ----------------------------------------------------------------------------


def _same(old: float, new: float) -> bool:
    if math.isnan(old) or math.isnan(new):
        return math.isnan(old) and math.isnan(new)
    return math.isclose(old, new, rel_tol=SAME, abs_tol=1e-12)


def _common_years(a: ComputedReport, b: ComputedReport) -> list[int]:
    return [y for y in b.years if y in a.years]


def _common_periods(a: ComputedReport, b: ComputedReport) -> list[tuple[int, int]]:
    return [p for p in b.periods if p in a.periods]


def _yearly(out: list[ValueChange], years: Iterable[int], old: Callable[[int], float], new: Callable[[int], float],
            **what: Any) -> None:
    for y in years:
        o, n = old(y), new(y)
        if not _same(o, n):
            out.append(ValueChange(old=o, new=n, year=y, **what))


def _cagrs(out: list[ValueChange], periods: Iterable[tuple[int, int]], old: Any, new: Any, **what: Any) -> None:
    for p in periods:
        o, n = old.cagr(*p), new.cagr(*p)
        if not _same(o, n):
            out.append(ValueChange(old=o, new=n, period=p, measure=CAGR, **what))


def _money_scale(a: ComputedReport, b: ComputedReport) -> float:
    """Factor taking the old edition's money into the new edition's unit."""
    return a.meta.unit.scale / b.meta.unit.scale


def market_results(a: ComputedReport, b: ComputedReport) -> list[ValueChange]:
    years, periods, scale = _common_years(a, b), _common_periods(a, b), _money_scale(a, b)
    out: list[ValueChange] = []
    market = {"dimension": None, "subject_type": MARKET, "subject": MARKET}
    _yearly(out, years, lambda y: a.total[y] * scale, lambda y: b.total[y], measure=VALUE, **market)
    _cagrs(out, periods, a.total, b.total, **market)
    if a.volume is not None and b.volume is not None and a.price is not None and b.price is not None:
        _yearly(out, years, a.volume.__getitem__, b.volume.__getitem__, measure=VOLUME, **market)
        _yearly(out, years, a.price.__getitem__, b.price.__getitem__, measure=PRICE, **market)
    old_comparisons = {c.meta.id: c for c in a.comparisons}
    for comp in b.comparisons:
        before = old_comparisons.get(comp.meta.id)
        if before is None:
            continue
        what = {"dimension": None, "subject_type": COMPARISON, "subject": comp.meta.id}
        _yearly(out, years, lambda y, s=before: s.values[y] * scale, lambda y, s=comp: s.values[y], measure=VALUE, **what)
        _cagrs(out, periods, before.values, comp.values, **what)
    return out


def segment_results(a: ComputedReport, b: ComputedReport, old_dim: ComputedDimension, new_dim: ComputedDimension,
                     pairs: list[tuple[int | None, int | None]]) -> list[ValueChange]:
    years, periods, scale = _common_years(a, b), _common_periods(a, b), _money_scale(a, b)
    out: list[ValueChange] = []
    for i, j in pairs:
        if i is None or j is None:
            continue
        before, seg = old_dim.segments[i], new_dim.segments[j]
        what = {"dimension": new_dim.id, "subject_type": SEGMENT, "subject": seg.name, "parent": seg.parent,
                "old_subject": before.name if before.name != seg.name else None}
        _yearly(out, years, lambda y, s=before: s.revenue[y] * scale, lambda y, s=seg: s.revenue[y], measure=VALUE, **what)
        _yearly(out, years, before.share_in, seg.share_in, measure=SHARE, **what)
        if before.volume is not None and seg.volume is not None:
            _yearly(out, years, before.volume.__getitem__, seg.volume.__getitem__, measure=VOLUME, **what)
        _cagrs(out, periods, before.revenue, seg.revenue, **what)
    return out


def rank_changes(a: ComputedReport, b: ComputedReport, old_dim: ComputedDimension, new_dim: ComputedDimension,
                  renames: dict[str, str]) -> list[RankChange]:
    """New leaders (base year, last year) and new fastest growers (base to last year) among siblings."""
    back = {new: old for old, new in renames.items()}
    base, end = b.forecast_period
    out: list[RankChange] = []
    parents: list[str | None] = [None, *(p.name for p in new_dim.parents)]
    old_names = {s.name for s in old_dim.segments}
    for parent in parents:
        old_parent = back.get(parent, parent) if parent else None
        if (old_parent is not None and old_parent not in old_names) or not old_dim.children(old_parent):
            continue  # a new parent: nothing to compare with

        def moved(old_seg: ComputedSegment, new_seg: ComputedSegment) -> bool:
            return renames.get(old_seg.name, old_seg.name) != new_seg.name

        for year in (base, end):
            if year not in a.years:
                continue
            was, now = old_dim.leader(year, old_parent), new_dim.leader(year, parent)
            if moved(was, now):
                out.append(RankChange(new_dim.id, parent, LEADER, was.name, now.name, was.share_in(year), now.share_in(year), year=year))
        if base in a.years and end in a.years:
            was, now = old_dim.fastest(base, end, old_parent), new_dim.fastest(base, end, parent)
            if moved(was, now):
                out.append(RankChange(new_dim.id, parent, FASTEST, was.name, now.name, was.revenue.cagr(base, end),
                                      now.revenue.cagr(base, end), period=(base, end)))
    return out

