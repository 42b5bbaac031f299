"""Cross-field and cross-file checks that a schema cannot express.

``structural`` runs before any computation and finds input that cannot be computed, or
would be shown wrongly (errors). ``entry_warnings`` finds input that is probably not what
its author meant, such as growth written as a fraction. ``consistency`` runs on the computed
report and finds statements in the data that the numbers contradict (warnings), e.g. a stated
CAGR that the anchors do not give.
"""

from __future__ import annotations

import math
import os
import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from reportgen.data.bounds import price_problems
from reportgen.data.compute import ComputedReport, ShareGroup, share_groups
from reportgen.data.load import REPORT_FILE, ReportSource, display_path
from reportgen.data.schema import ZERO_SHARE, DimensionFile, ReportFile, Series
from reportgen.data.series import needs_assumption
from reportgen.errors import Problem, shown

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
            problems.append(Problem(path, f"comparisons[{i}].id", f"duplicate comparison id {shown(comp.id)}"))
    problems += _unit_problems(report, path) + price_problems(report, path)
    for i, (a, b) in enumerate(report.cagr_periods):
        if (why := _period_problem(a, b, years)) is not None:
            problems.append(Problem(path, f"cagr_periods[{i}]", why))
    dim_ids: dict[str, Path] = {}
    for dim_path, dim in source.dimensions:
        dim_shown = display_path(dim_path)
        if dim.id in dim_ids:
            problems.append(Problem(dim_shown, "id", f"duplicate dimension id {dim.id!r} (also in {display_path(dim_ids[dim.id])})"))
        dim_ids.setdefault(dim.id, dim_path)
        problems += _dimension_problems(dim, dim_shown)
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
    if stated and (why := _period_problem(stated.start, stated.end, years)) is not None:
        problems.append(Problem(path, f"{field}.stated_cagr", why))
    return problems


def _period_problem(start: int, end: int, years: range) -> str | None:
    """What is wrong with a CAGR period, naming the year that breaks the rule; None if nothing."""
    outside = [y for y in (start, end) if y not in years]
    if outside:
        return f"period {start}-{end}: {outside[0]} is outside the report's years {years[0]}-{years[-1]}"
    if start >= end:
        fix = f"write {end} first" if start > end else "a CAGR needs two different years"
        return f"period {start}-{end} does not start before it ends: {fix}"
    return None


def _dimension_problems(dim: DimensionFile, path: str) -> list[Problem]:
    problems: list[Problem] = []
    names = Counter(s.name for s in dim.segments)
    for i, seg in enumerate(dim.segments):
        if names[seg.name] > 1:
            problems.append(Problem(path, f"segments[{i}].name", f"duplicate segment name {shown(seg.name)}"))
        if seg.parent is not None and seg.parent not in names:
            problems.append(Problem(path, f"segments[{i}].parent", f"unknown parent segment {shown(seg.parent)}"))
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
            problems.append(Problem(path, f"claims.{claim}", f"unknown segment {shown(named)}"))
    return problems


def _cycle_problems(dim: DimensionFile, path: str) -> list[Problem]:
    parent = {s.name: s.parent for s in dim.segments}
    for i, seg in enumerate(dim.segments):
        seen = {seg.name}
        node = seg.parent
        while node is not None:
            if node in seen:
                return [Problem(path, f"segments[{i}].parent", f"parent chain of {shown(seg.name)} loops back to {shown(node)}")]
            seen.add(node)
            node = parent.get(node)
    return []


def _share_problems(group: ShareGroup, path: str) -> list[Problem]:
    of = f"sub-segments of {shown(group.parent)}" if group.parent else "top-level segments"
    blanks = [i for i in group.indices if group.shares[i] is None]
    given = sum(s for s in group.shares.values() if s is not None)
    field = f"segments[{group.indices[0]}].share"
    if len(blanks) > 1:
        return [
            Problem(
                path, f"segments[{blanks[1]}].share", f"only one share of the {of} may be left blank (the remainder), found {len(blanks)}"
            )
        ]
    if blanks and given >= 100:
        return [Problem(path, f"segments[{blanks[0]}].share", f"the other {of} already sum to {given:.2f}%, leaving no remainder "
                                                               f"({ZERO_SHARE})")]
    if not blanks and abs(given - 100) > SHARE_TOLERANCE:
        first = group.shares[group.indices[0]]
        hint = f"; written as fractions? {_fraction_message('', first)}" if _as_fractions(list(group.shares.values())) else ""
        return [Problem(path, field, f"shares of the {of} sum to {given:.2f}%, not 100% (tolerance {SHARE_TOLERANCE} pp){hint}")]
    return []


def _share_warnings(dim: DimensionFile, path: str) -> list[Problem]:
    """Shares pasted as fractions (0.68 for 68 %) beside a blank share, which silently takes the rest."""
    warnings = []
    for group in share_groups(dim):
        given = [(i, s) for i, s in group.shares.items() if s is not None]
        blank = next((i for i, s in group.shares.items() if s is None), None)
        if blank is not None and _as_fractions([s for _, s in given]):
            of = f"sub-segments of {shown(group.parent)}" if group.parent else "top-level segments"
            rest = 100 - sum(s for _, s in given)
            message = (f"every share given to the {of} is below 1: did you mean percent? {_fraction_message('', given[0][1])}; "
                       f"as written, {shown(dim.segments[blank].name)} takes the remaining {rest:.2f}%")
            warnings.append(Problem(path, f"segments[{given[0][0]}].share", message, severity="warning"))
    return warnings


# Words that make a unit a multiple: 'thousand units' counts thousands, 'bn' billions.
SCALE_WORDS = {
    "hundred": 1e2, "hundreds": 1e2, "thousand": 1e3, "thousands": 1e3, "k": 1e3, "000": 1e3, "000s": 1e3, "lakh": 1e5,
    "lakhs": 1e5, "million": 1e6, "millions": 1e6, "m": 1e6, "mn": 1e6, "mm": 1e6, "mio": 1e6, "mln": 1e6, "crore": 1e7,
    "crores": 1e7, "billion": 1e9, "billions": 1e9, "b": 1e9, "bn": 1e9, "bln": 1e9, "trillion": 1e12, "trillions": 1e12,
    "tn": 1e12, "dozen": 12, "dozens": 12,
}
SCALE_NAMES = {1e2: "hundreds", 1e3: "thousands", 1e6: "millions", 1e9: "billions", 1e12: "trillions"}


def implied_scale(unit: str) -> float | None:
    """The multiple a unit's words name ('thousand units' 1000, "'000 t" 1000, 'k' 1000); None if none."""
    scales = [SCALE_WORDS[w] for w in re.findall(r"[^\W_]+", unit.lower().replace("'", "")) if w in SCALE_WORDS]
    return math.prod(scales) if scales else None


def _unit_problems(report: ReportFile, path: str) -> list[Problem]:
    """A unit's words and its scale must agree, or every figure in it is off by the difference.

    Volumes are printed as '<count> <unit>', so a volume unit counting thousands must say so
    ('thousand implants'), and one that says so must have the scale that makes it true.
    """
    problems = []
    unit = report.unit
    for field, words in (("unit.name", unit.name), ("unit.short", unit.short)):
        implied = implied_scale(words)
        if implied is not None and not math.isclose(implied, unit.scale):
            problems.append(Problem(path, field, f"{shown(words)} means {_number(implied)}, but unit.scale is {_number(unit.scale)}; "
                                                 "make them agree"))
    volume = report.volume
    if volume is None:
        return problems
    scale = volume.unit_scale
    for field, words in (("volume.unit", volume.unit), ("volume.unit_short", volume.unit_short)):
        implied = None if words is None else implied_scale(words)
        if words is None or (implied is not None and math.isclose(implied, scale)) or (implied is None and scale == 1):
            continue
        if implied is None:
            message = (f"unit_scale is {_number(scale)} but {shown(words)} does not say so, so the report would call "
                       f"{_number(scale)} items one; name the unit as counted, e.g. '{_scale_name(scale, words)}'")
        elif scale == 1:
            message = (f"{shown(words)} counts in {SCALE_NAMES.get(implied, 'units of ' + _number(implied))}, but unit_scale is 1: "
                       f"add 'unit_scale: {_number(implied)}' (volumes are then counted in that unit; the price stays that of "
                       "one item)")
        else:
            message = f"{shown(words)} means {_number(implied)} items, but unit_scale is {_number(scale)}; make them agree"
        problems.append(Problem(path, field, message))
    if scale != 1 and volume.item is None and not any(p.field.startswith("volume.") for p in problems):
        problems.append(Problem(path, "volume.item", f"give the word for one item (e.g. 'item: implant'): the price is that of one "
                                                     f"item, and one {shown(volume.unit_short or volume.unit)} is {_number(scale)} items"))
    return problems


def _number(value: float) -> str:
    """1000 as '1000', 1e6 as '1000000': how to write the number in YAML."""
    return str(int(value)) if float(value).is_integer() and value < 1e15 else f"{value:g}"


def _scale_name(scale: float, unit: str) -> str:
    word = SCALE_NAMES.get(scale, "").removesuffix("s")
    return f"{word} {unit}" if word else f"units of {_number(scale)} {unit}"


def entry_warnings(source: ReportSource) -> list[Problem]:
    """Input that is valid but probably not what its author meant: warnings, not errors."""
    report, path = source.report, display_path(source.report_path)
    warnings = []
    folder = Path(os.path.abspath(source.folder)).name
    if folder != report.id:
        message = (f"the id {shown(report.id)} differs from the folder name {shown(folder)}: the report is found by its folder "
                   "but its outputs are named by the id; rename one")
        warnings.append(Problem(path, "id", message, severity="warning"))
    series = [("market", report.market)] + [(f"comparisons[{i}]", c) for i, c in enumerate(report.comparisons)]
    rates = [(f"{field}.assumptions[{i}].growth", a.growth) for field, s in series for i, a in enumerate(s.assumptions)]
    if _as_fractions([rate for _, rate in rates]):
        field, rate = next((f, r) for f, r in rates if r)
        warnings.append(Problem(path, field, _fraction_message("every growth assumption", rate), severity="warning"))
    for dim_path, dim in source.dimensions:
        growths = [seg.growth for seg in dim.segments]
        if _as_fractions(growths):
            i, rate = next((i, g) for i, g in enumerate(growths) if g)
            message = _fraction_message("every segment growth rate", rate)
            warnings.append(Problem(display_path(dim_path), f"segments[{i}].growth", message, severity="warning"))
        warnings += _share_warnings(dim, display_path(dim_path))
    return warnings


def _as_fractions(rates: list[float | None]) -> bool:
    """Rates or shares in percent that all look like fractions: 0.065 written for 6.5 %."""
    given = [r for r in rates if r is not None]
    return any(given) and all(abs(r) < 1 for r in given)


def _fraction_message(what: str, rate: float) -> str:
    """'<what> is below 1 in absolute value: did you mean percent? ...', or without ``what`` the advice alone."""
    advice = f"{rate:g} is {rate:g} %, write {rate * 100:g} for {rate * 100:g} %"
    return f"{what} is below 1 in absolute value: did you mean percent? {advice}" if what else advice


def _years_text(years: list[int]) -> str:
    """Compact list of years: 2021-2023, 2030."""
    runs: list[list[int]] = []
    for y in sorted(years):
        if runs and y == runs[-1][-1] + 1:
            runs[-1].append(y)
        else:
            runs.append([y])
    return ", ".join(f"{r[0]}-{r[-1]}" if len(r) > 1 else str(r[0]) for r in runs)


@dataclass(frozen=True)
class CagrFinding:
    """A stated CAGR the values do not give; ``match`` is the period they do give it for."""

    series: str  # series name
    field: str  # e.g. "market.stated_cagr"
    stated: float  # fraction
    actual: float  # fraction
    start: int
    end: int
    match: tuple[int, int] | None


@dataclass(frozen=True)
class ClaimFinding:
    """A segment the source calls leader (or fastest) that the table contradicts."""

    dimension: str  # dimension title
    path: Path
    claim: str  # "leader" or "fastest"
    claimed: str
    claimed_value: float  # share (leader) or CAGR (fastest), fraction
    actual: str
    actual_value: float


Finding = CagrFinding | ClaimFinding


def findings(computed: ComputedReport) -> list[Finding]:
    """Statements in the data that the computed values contradict, as structured facts.

    The checks print them as warnings and the report model turns them into sentences in the
    edition's language, so both always say the same thing.
    """
    source = computed.source
    out: list[Finding] = []
    series_pairs = [("market", source.report.market, computed.total)]
    series_pairs += [(f"comparisons[{i}]", c.meta, c.values) for i, c in enumerate(computed.comparisons)]
    for field, meta, values in series_pairs:
        stated = meta.stated_cagr
        if stated is None:
            continue
        actual = values.cagr(stated.start, stated.end)
        if abs(actual * 100 - stated.value) > CAGR_TOLERANCE:
            match = _matching_period(values, stated.value)
            out.append(CagrFinding(meta.name, f"{field}.stated_cagr", stated.value / 100, actual, stated.start, stated.end, match))
    base, last = computed.forecast_period
    for dim in computed.dimensions:
        claims = dim.claims
        if claims.leader:
            top = dim.leader(base, parent=dim.segment(claims.leader).parent)
            if top.name != claims.leader:
                value = dim.segment(claims.leader).share_in(base)
                out.append(ClaimFinding(dim.title, dim.path, "leader", claims.leader, value, top.name, top.share_in(base)))
        if claims.fastest:
            fast = dim.fastest(base, last, parent=dim.segment(claims.fastest).parent)
            if fast.name != claims.fastest:
                value = dim.segment(claims.fastest).revenue.cagr(base, last)
                out.append(ClaimFinding(dim.title, dim.path, "fastest", claims.fastest, value, fast.name, fast.revenue.cagr(base, last)))
    return out


def consistency(computed: ComputedReport, found: list[Finding] | None = None) -> list[Problem]:
    """Warnings where a statement in the data disagrees with the computed values."""
    path = display_path(computed.source.folder / REPORT_FILE)
    base, last = computed.forecast_period
    series = {"market": computed.total} | {f"comparisons[{i}]": c.values for i, c in enumerate(computed.comparisons)}
    warnings = []
    for f in findings(computed) if found is None else found:
        if isinstance(f, CagrFinding):
            values = series[f.field.removesuffix(".stated_cagr")]
            hint = f"; {f.stated * 100:.2f}% is the CAGR for {f.match[0]}-{f.match[1]}" if f.match else ""
            message = (
                f"stated {f.stated * 100:.2f}% for {f.start}-{f.end}, but the values give {f.actual * 100:.2f}% "
                f"({values[f.start]:.4g} in {f.start} -> {values[f.end]:.4g} in {f.end}){hint}"
            )
            warnings.append(Problem(path, f.field, message, severity="warning"))
        elif f.claim == "leader":
            message = (
                f"{f.claimed!r} is called the leader but holds {f.claimed_value * 100:.1f}% in {base}, "
                f"below {f.actual!r} at {f.actual_value * 100:.1f}%"
            )
            warnings.append(Problem(display_path(f.path), "claims.leader", message, severity="warning"))
        else:
            message = (
                f"{f.claimed!r} is called the fastest growing but its {base}-{last} CAGR is {f.claimed_value * 100:.2f}%, "
                f"below {f.actual!r} at {f.actual_value * 100:.2f}%"
            )
            warnings.append(Problem(display_path(f.path), "claims.fastest", message, severity="warning"))
    return warnings


def _matching_period(values, stated_percent: float) -> tuple[int, int] | None:
    """The period whose computed CAGR rounds to the stated one, longest first."""
    years = list(values.years)
    periods = sorted(((a, b) for a in years for b in years if a < b), key=lambda p: (p[0] - p[1], p[0]))
    for a, b in periods:
        if values[a] > 0 and abs(values.cagr(a, b) * 100 - stated_percent) < 0.005:
            return a, b
    return None
