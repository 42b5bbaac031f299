"""Pure arithmetic on yearly series: interpolation, extrapolation, CAGR, share shift.

Nothing here knows about files or formats; every function takes numbers and returns numbers,
so each rule of the method can be tested on its own.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from itertools import pairwise


@dataclass(frozen=True)
class Yearly:
    """Values for a contiguous run of years."""

    start: int
    values: tuple[float, ...]

    @classmethod
    def from_mapping(cls, values: Mapping[int, float]) -> Yearly:
        years = sorted(values)
        if years != list(range(years[0], years[-1] + 1)):
            raise ValueError(f"years are not contiguous: {years}")
        return cls(years[0], tuple(float(values[y]) for y in years))

    @property
    def years(self) -> range:
        return range(self.start, self.start + len(self.values))

    def __getitem__(self, year: int) -> float:
        if year not in self.years:
            raise KeyError(year)
        return self.values[year - self.start]

    def items(self) -> Iterable[tuple[int, float]]:
        return zip(self.years, self.values, strict=True)

    def cagr(self, start: int, end: int) -> float:
        return cagr(self[start], self[end], end - start)

    def growth(self, year: int) -> float | None:
        """Year-on-year growth into ``year``; None for the first year."""
        if year - 1 not in self.years:
            return None
        return growth_rate(self[year - 1], self[year])

    def scaled(self, factor: Mapping[int, float] | float) -> Yearly:
        if isinstance(factor, Mapping):
            return Yearly(self.start, tuple(v * factor[y] for y, v in self.items()))
        return Yearly(self.start, tuple(v * factor for v in self.values))


def cagr(first: float, last: float, years: int) -> float:
    """Compound annual growth rate as a fraction (0.316 for 31.6 %)."""
    if years <= 0:
        raise ValueError("a CAGR needs a period of at least one year")
    if first <= 0:
        return float("nan")
    return (last / first) ** (1.0 / years) - 1.0


def growth_rate(previous: float, current: float) -> float:
    return current / previous - 1.0 if previous else float("nan")


def fill_series(years: range, anchors: Mapping[int, float], growth_by_year: Mapping[int, float]) -> Yearly:
    """Yearly values from anchors (kept exactly) and growth assumptions.

    Between two anchors the series grows at the constant rate that joins them (geometric
    interpolation). Before the first anchor each year is derived backwards from the next
    one, after the last anchor forwards from the previous one, at the growth rate assumed
    for that year (``growth_by_year``, fractions). A year needing an assumption that has
    none raises ``KeyError`` with the year: callers validate coverage first.
    """
    known = sorted(y for y in anchors if y in years)
    if not known:
        raise ValueError("no anchor inside the report's years")
    values: dict[int, float] = {y: float(anchors[y]) for y in known}
    for a, b in pairwise(known):
        rate = cagr(values[a], values[b], b - a) if values[a] > 0 else 0.0
        for y in range(a + 1, b):
            values[y] = values[a] * (1.0 + rate) ** (y - a)
    for y in range(known[0] - 1, years.start - 1, -1):
        values[y] = values[y + 1] / (1.0 + growth_by_year[y])
    for y in range(known[-1] + 1, years.stop):
        values[y] = values[y - 1] * (1.0 + growth_by_year[y])
    return Yearly.from_mapping(values)


def needs_assumption(years: range, anchor_years: Iterable[int]) -> list[int]:
    """Years outside the anchors' span, which only an assumption can fill."""
    inside = [y for y in anchor_years if y in years]
    if not inside:
        return list(years)
    return [y for y in years if y < min(inside) or y > max(inside)]


def share_shift(shares: Sequence[float], growth: Sequence[float], base: int, parent: Yearly) -> list[Yearly]:
    """Split ``parent`` among segments, every year, by shifting base-year shares.

    Each segment's base-year share is grown at its own assumed rate, then the weights are
    normalised so that in every year the segments add up to the parent exactly. The
    base-year split therefore equals the stated shares, and a segment with a higher
    assumed rate gains share over time.

    The weights are taken relative to the sibling that grows most in each year's direction
    (the fastest after the base year, the slowest before it), so no power exceeds 1: extreme
    rates over long spans cannot overflow, and normalising makes the result the same.
    """
    if len(shares) != len(growth):
        raise ValueError("one growth rate per share is needed")
    series: list[dict[int, float]] = [{} for _ in shares]
    for year, total in parent.items():
        years = year - base
        ref = 1.0 + (max(growth) if years >= 0 else min(growth))
        weights = [s * ((1.0 + g) / ref) ** years for s, g in zip(shares, growth, strict=True)]
        norm = sum(weights)
        for i, w in enumerate(weights):
            series[i][year] = total * w / norm if norm else 0.0
    return [Yearly.from_mapping(s) for s in series]
