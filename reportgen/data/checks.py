"""Cross-field and cross-file checks that a schema cannot express.

``structural`` runs before any computation and finds input that cannot be computed
(errors). ``consistency`` runs on the computed report and finds statements in the data
that the numbers contradict (warnings), e.g. a stated CAGR that the anchors do not give.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from reportgen.data.compute import ComputedReport, ShareGroup, share_groups
from reportgen.data.load import REPORT_FILE, ReportSource, display_path
from reportgen.data.schema import DimensionFile, Series
from reportgen.data.series import needs_assumption
from reportgen.errors import Problem

SHARE_TOLERANCE = 0.1  # percentage points
CAGR_TOLERANCE = 0.05  # percentage points between a stated and a computed CAGR


def structural(source: ReportSource) -> list[Problem]:
    """Errors that make the report impossible to compute."""
    report = source.report
    path = display_path(source.report_path)
    years = range(report.years.historical[0], report.years.forecast[1] + 1)
    problems = _series_problems(report.market, "market", years, path)
    ids = Counter(c.id for c in report.comparisons)
    for i, comp in enumerate(report.comparisons):
        problems += _series_problems(comp, f"comparisons[{i}]", years, path)
        if ids[comp.id] > 1:
            problems.append(Problem(path, f"comparisons[{i}].id", f"duplicate comparison id {comp.id!r}"))
    for i, (a, b) in enumerate(report.cagr_periods):
        if not (a in years and b in years and a < b):
            problems.append(
                Problem(path, f"cagr_periods[{i}]", f"period {a}-{b} must lie within {years[0]}-{years[-1]} and start before it ends")
            )
    dim_ids: dict[str, Path] = {}
    for dim_path, dim in source.dimensions:
        shown = display_path(dim_path)
        if dim.id in dim_ids:
            problems.append(Problem(shown, "id", f"duplicate dimension id {dim.id!r} (also in {display_path(dim_ids[dim.id])})"))
        dim_ids.setdefault(dim.id, dim_path)
        problems += _dimension_problems(dim, shown)
    return problems


def _series_problems(series: Series, field: str, years: range, path: str) -> list[Problem]:
    problems: list[Problem] = []
    seen: set[int] = set()
    for i, anchor in enumerate(series.anchors):
        if anchor.year not in years:
            problems.append(
                Problem(path, f"{field}.anchors[{i}].year", f"year {anchor.year} is outside the report's years {years[0]}-{years[-1]}")
            )
        if anchor.year in seen:
            problems.append(Problem(path, f"{field}.anchors[{i}].year", f"duplicate anchor for {anchor.year}"))
        seen.add(anchor.year)
    needed = set(needs_assumption(years, seen))
    covered: Counter[int] = Counter()
    for i, assumption in enumerate(series.assumptions):
        span = range(assumption.start, assumption.end + 1)
        where = f"{field}.assumptions[{i}]"
        if not span:
            problems.append(Problem(path, where, f"'from' {assumption.start} is after 'to' {assumption.end}"))
        extra = [y for y in span if y not in needed]
        if extra:
            problems.append(
                Problem(path, where, f"years {_years_text(extra)} do not need an assumption (outside the report or fixed by anchors)")
            )
        covered.update(span)
    missing = sorted(needed - set(covered))
    if missing:
        problems.append(Problem(path, f"{field}.assumptions", f"no anchor or growth assumption for {_years_text(missing)}"))
    twice = sorted(y for y, n in covered.items() if n > 1)
    if twice:
        problems.append(Problem(path, f"{field}.assumptions", f"more than one assumption for {_years_text(twice)}"))
    stated = series.stated_cagr
    if stated and not (stated.start in years and stated.end in years and stated.start < stated.end):
        problems.append(
            Problem(
                path,
                f"{field}.stated_cagr",
                f"period {stated.start}-{stated.end} must lie within {years[0]}-{years[-1]} and start before it ends",
            )
        )
    return problems


def _dimension_problems(dim: DimensionFile, path: str) -> list[Problem]:
    problems: list[Problem] = []
    names = Counter(s.name for s in dim.segments)
    for i, seg in enumerate(dim.segments):
        if names[seg.name] > 1:
            problems.append(Problem(path, f"segments[{i}].name", f"duplicate segment name {seg.name!r}"))
        if seg.parent is not None and seg.parent not in names:
            problems.append(Problem(path, f"segments[{i}].parent", f"unknown parent segment {seg.parent!r}"))
        if seg.parent == seg.name:
            problems.append(Problem(path, f"segments[{i}].parent", "a segment cannot be its own parent"))
        if seg.share is not None and not seg.source and not (seg.estimate or dim.estimate):
            problems.append(
                Problem(path, f"segments[{i}]", "share needs a 'source', or an 'estimate' reason here or at the dimension's 'estimate'")
            )
    problems += _cycle_problems(dim, path)
    if problems:
        return problems
    for group in share_groups(dim):
        problems += _share_problems(group, path)
    for claim in ("leader", "fastest"):
        named = getattr(dim.claims, claim)
        if named is not None and named not in names:
            problems.append(Problem(path, f"claims.{claim}", f"unknown segment {named!r}"))
    return problems


def _cycle_problems(dim: DimensionFile, path: str) -> list[Problem]:
    parent = {s.name: s.parent for s in dim.segments}
    for i, seg in enumerate(dim.segments):
        seen = {seg.name}
        node = seg.parent
        while node is not None:
            if node in seen:
                return [Problem(path, f"segments[{i}].parent", f"parent chain of {seg.name!r} loops back to {node!r}")]
            seen.add(node)
            node = parent.get(node)
    return []


def _share_problems(group: ShareGroup, path: str) -> list[Problem]:
    of = f"sub-segments of {group.parent!r}" if group.parent else "top-level segments"
    blanks = [i for i in group.indices if group.shares[i] is None]
    given = sum(s for s in group.shares.values() if s is not None)
    field = f"segments[{group.indices[0]}].share"
    if len(blanks) > 1:
        return [
            Problem(
                path, f"segments[{blanks[1]}].share", f"only one share of the {of} may be left blank (the remainder), found {len(blanks)}"
            )
        ]
    if blanks and given > 100 + SHARE_TOLERANCE:
        return [Problem(path, f"segments[{blanks[0]}].share", f"the other {of} already sum to {given:.2f}%, leaving no remainder")]
    if not blanks and abs(given - 100) > SHARE_TOLERANCE:
        return [Problem(path, field, f"shares of the {of} sum to {given:.2f}%, not 100% (tolerance {SHARE_TOLERANCE} pp)")]
    return []


def _years_text(years: list[int]) -> str:
    """Compact list of years: 2021-2023, 2030."""
    runs: list[list[int]] = []
    for y in sorted(years):
        if runs and y == runs[-1][-1] + 1:
            runs[-1].append(y)
        else:
            runs.append([y])
    return ", ".join(f"{r[0]}-{r[-1]}" if len(r) > 1 else str(r[0]) for r in runs)


def consistency(computed: ComputedReport) -> list[Problem]:
    """Warnings where a statement in the data disagrees with the computed values."""
    source = computed.source
    path = display_path(source.folder / REPORT_FILE)
    warnings: list[Problem] = []
    series_pairs = [("market", source.report.market, computed.total)]
    series_pairs += [(f"comparisons[{i}]", c.meta, c.values) for i, c in enumerate(computed.comparisons)]
    for field, meta, values in series_pairs:
        stated = meta.stated_cagr
        if stated is None:
            continue
        actual = values.cagr(stated.start, stated.end) * 100
        if abs(actual - stated.value) <= CAGR_TOLERANCE:
            continue
        match = _matching_period(values, stated.value)
        hint = f"; {stated.value:.2f}% is the CAGR for {match[0]}-{match[1]}" if match else ""
        warnings.append(
            Problem(
                path,
                f"{field}.stated_cagr",
                f"stated {stated.value:.2f}% for {stated.start}-{stated.end}, but the values give {actual:.2f}% "
                f"({values[stated.start]:.4g} in {stated.start} -> {values[stated.end]:.4g} in {stated.end}){hint}",
                severity="warning",
            )
        )
    first, last = computed.forecast_period
    for dim in computed.dimensions:
        shown = display_path(dim.path)
        claims = dim.claims
        if claims.leader:
            top = dim.leader(computed.base_year, parent=dim.segment(claims.leader).parent)
            if top.name != claims.leader:
                claimed = dim.segment(claims.leader)
                warnings.append(
                    Problem(
                        shown,
                        "claims.leader",
                        f"{claims.leader!r} is called the leader but holds {claimed.share_in(computed.base_year) * 100:.1f}% in "
                        f"{computed.base_year}, below {top.name!r} at {top.share_in(computed.base_year) * 100:.1f}%",
                        severity="warning",
                    )
                )
        if claims.fastest:
            fast = dim.fastest(first, last, parent=dim.segment(claims.fastest).parent)
            if fast.name != claims.fastest:
                claimed = dim.segment(claims.fastest)
                warnings.append(
                    Problem(
                        shown,
                        "claims.fastest",
                        f"{claims.fastest!r} is called the fastest growing but its {first}-{last} CAGR is "
                        f"{claimed.revenue.cagr(first, last) * 100:.2f}%, below {fast.name!r} at "
                        f"{fast.revenue.cagr(first, last) * 100:.2f}%",
                        severity="warning",
                    )
                )
    return warnings


def _matching_period(values, stated_percent: float) -> tuple[int, int] | None:
    """The period whose computed CAGR rounds to the stated one, longest first."""
    years = list(values.years)
    periods = sorted(((a, b) for a in years for b in years if a < b), key=lambda p: (p[0] - p[1], p[0]))
    for a, b in periods:
        if values[a] > 0 and abs(values.cagr(a, b) * 100 - stated_percent) < 0.005:
            return a, b
    return None
