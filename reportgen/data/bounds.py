"""Every number a report shows is one it can show, or the input that breaks it is named.

The model is geometric, so a value must stay above 0 (a CAGR from 0 is undefined), finite
(extreme growth over a long span overflows floats) and small enough to print (Babel's decimal
formatting fails from about 1e26). The ranges below are generous for any real market and
keep every ratio, so every CAGR, finite. ``price_problems`` runs before computing, so that the
price, the one closed-form series, can never reach 0 and make volumes divide by it;
``computed_problems`` runs on the computed report, so that no writer ever sees nan or inf,
and blames the anchor, assumption, share, growth or price that leads to the bad number.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass

from reportgen.data.compute import ComputedReport
from reportgen.data.load import display_path
from reportgen.data.schema import ReportFile, Series
from reportgen.data.series import Yearly
from reportgen.errors import Problem, shown

AMOUNTS = (1e-6, 1e18)  # currency units: from a millionth of one to above any market in any currency
COUNTS = (1e-6, 1e24)  # volume in items, whatever its unit; the ceiling is AMOUNTS over PRICES, so the floor is what bites
PRICES = (1e-6, 1e15)  # average price of one item, currency units


def price_problems(report: ReportFile, path: str) -> list[Problem]:
    """The average price must stay within ``PRICES`` in every year of the report.

    Checked in logarithms, because computing ``(1 + change) ** years`` is what overflows.
    """
    volume = report.volume
    if volume is None:
        return []
    price, base = volume.price, report.years.base
    low, high = (math.log10(v) for v in PRICES)
    allowed = f"{PRICES[0]:g} to {PRICES[1]:g} currency units"
    if not low <= math.log10(price.base) <= high:
        return [Problem(path, "volume.price.base", f"the price of one item must lie within {allowed}, got {price.base:g}")]
    for year in (report.years.historical[0], report.years.forecast[1]):
        log = math.log10(price.base) + (year - base) * math.log10(1 + price.change / 100)
        if not low <= log <= high:
            reached = f"{10 ** log:.3g}" if abs(log) < 300 else f"about 1e{round(log):+d}"
            message = (f"{price.change:g}% a year takes the average price from {price.base:g} in {base} to {reached} in {year}, "
                       f"outside the {allowed} a report can show")
            return [Problem(path, "volume.price.change", message)]
    return []


def computed_problems(computed: ComputedReport) -> list[Problem]:
    """The inputs whose computed numbers a report cannot show; empty when every number is fine.

    Every value lies within a range whose ends differ by at most 1e24, so once values pass,
    every CAGR and year-on-year growth the report shows is finite too. Totals come first:
    when the market is broken every segment is too, and only the market's input is worth naming.
    """
    meta, path = computed.meta, display_path(computed.source.report_path)
    money = Range(meta.unit.scale, *AMOUNTS, meta.unit.short, f"{meta.currency.code} in all")
    problems = []
    series = [("market", "the market", meta.market, computed.total)]
    series += [(f"comparisons[{i}]", f"the comparison {shown(c.meta.id)}", c.meta, c.values) for i, c in enumerate(computed.comparisons)]
    for prefix, subject, inputs, values in series:
        problems += _anchor_problems(inputs, prefix, money, path) or _series_problems(
            values, money, subject, path, lambda y, s=inputs, p=prefix: _series_field(s, p, y))
    if problems:
        return problems
    volume = meta.volume
    if computed.price is not None and computed.volume is not None and volume is not None:
        prices = Range(1.0, *PRICES, meta.currency.code, f"{meta.currency.code} per item")
        problems += _series_problems(computed.price, prices, "the average price", path, "volume.price.change")
        counts = Range(volume.unit_scale, *COUNTS, volume.unit, "items; is the price that of one item, in currency units?")
        problems += _series_problems(computed.volume, counts, "the volume", path, "volume.price.base")
    if problems:
        return problems
    for dim in computed.dimensions:
        dim_path = display_path(dim.path)
        broken: set[str] = set()  # a broken segment breaks its sub-segments: name it alone
        for i, seg in sorted(enumerate(dim.segments), key=lambda item: item[1].depth):
            if seg.parent in broken:
                broken.add(seg.name)
                continue
            blame = "share" if seg.revenue[computed.base_year] * meta.unit.scale < AMOUNTS[0] else "growth"
            found = _series_problems(seg.revenue, money, f"the segment {shown(seg.name)}", dim_path, f"segments[{i}].{blame}")
            if not found and seg.volume is not None and volume is not None:
                counts = Range(volume.unit_scale, *COUNTS, volume.unit, "items")
                # A segment's volume follows its revenue, divided by its relative price, if it has one.
                field = f"segments[{i}].{'price_index' if seg.price_index != 1 else blame}"
                found = _series_problems(seg.volume, counts, f"the volume of {shown(seg.name)}", dim_path, field)
            if found:
                broken.add(seg.name)
                problems += found
    return problems


def _anchor_problems(series: Series, prefix: str, allowed: Range, path: str) -> list[Problem]:
    """An anchor outside the range, named itself rather than through the years it drags along."""
    for i, anchor in enumerate(series.anchors):
        amount = anchor.value * allowed.factor
        if not allowed.low <= amount <= allowed.high:
            message = (f"{anchor.value:g} {allowed.unit} is {amount:.3g} {allowed.ends}, outside what a report can show "
                       f"(from {allowed.low:g} to {allowed.high:g}); check the value and the unit's scale")
            return [Problem(path, f"{prefix}.anchors[{i}].value", message)]
    return []


@dataclass(frozen=True)
class Range:
    """Where the values of a series may lie: ``low <= value * factor <= high``."""

    factor: float  # to the unit the ends are in, e.g. the report's unit scale for money
    low: float
    high: float
    unit: str  # the values' own unit, e.g. 'bn'
    ends: str  # the unit of the ends, e.g. 'USD in all'


def _series_problems(values: Yearly, allowed: Range, subject: str, path: str, blame: str | Callable[[int], str]) -> list[Problem]:
    """At most one problem per series: its first bad value, blamed on the input (``blame``, or
    ``blame(year)`` when the input depends on the year)."""
    for year, v in values.items():
        x = v * allowed.factor
        if not allowed.low <= x <= allowed.high:
            field = blame if isinstance(blame, str) else blame(year)
            verb = "reaches" if x > allowed.high else "falls to"
            limits = f"from {allowed.low:g} to {allowed.high:g} {allowed.ends}"
            message = f"with this input {subject} {verb} {v:.3g} {allowed.unit} in {year}, outside what a report can show ({limits})"
            return [Problem(path, field, message)]
    return []


def _series_field(series: Series, prefix: str, year: int) -> str:
    """The input that fixes ``year`` of a series: its anchor, or the assumption covering it."""
    for i, anchor in enumerate(series.anchors):
        if anchor.year == year:
            return f"{prefix}.anchors[{i}].value"
    for i, assumption in enumerate(series.assumptions):
        if assumption.start <= year <= assumption.end:
            return f"{prefix}.assumptions[{i}].growth"
    return f"{prefix}.anchors"
