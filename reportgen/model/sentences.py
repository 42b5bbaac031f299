"""Sentences that state numbers, generated from the computed data so they never go stale.

Each function takes computed objects and the shared formatter and returns plain text. No
sentence here copies source prose; the wording is the project's own.
"""

from __future__ import annotations

from reportgen.data.compute import ComputedDimension, ComputedReport, ComputedSegment
from reportgen.format import Formatter


def _lower_first(text: str) -> str:
    """Lower-case a title for use mid-sentence, leaving acronyms ('AAV') alone."""
    return text[:1].lower() + text[1:] if text[:2] != text[:2].upper() else text


def market_size(data: ComputedReport, fmt: Formatter) -> str:
    base, end = data.forecast_period
    first = data.meta.years.forecast[0]
    return (
        f"The {data.meta.market.name} reached {fmt.money_words(data.total[base])} in {base}. "
        f"It is expected to reach {fmt.money_words(data.total[first])} in {first} and "
        f"{fmt.money_words(data.total[end])} by {end}, a compound annual growth rate (CAGR) of "
        f"{fmt.cagr(data.total.cagr(base, end))} over {base}-{end}."
    )


def volume(data: ComputedReport, fmt: Formatter) -> str:
    vol = data.volume
    meta = data.meta.volume
    if vol is None or meta is None:
        return ""
    base, end = data.forecast_period
    return (
        f"{meta.name} are estimated at {fmt.count(vol[base])} {meta.unit} in {base}, rising to "
        f"{fmt.count(vol[end])} in {end} ({fmt.cagr(vol.cagr(base, end))} a year), as the average "
        f"revenue per {meta.unit.rstrip('s')} falls from {fmt.price(data.price[base])} to {fmt.price(data.price[end])}."
    )


def leader(seg: ComputedSegment, year: int, fmt: Formatter, of: str) -> str:
    return f"{seg.name} held the largest share of {of}, {fmt.percent(seg.share_in(year))}, in {year}."


def fastest(seg: ComputedSegment, start: int, end: int, fmt: Formatter) -> str:
    return f"{seg.name} is the fastest-growing segment, at a CAGR of {fmt.cagr(seg.revenue.cagr(start, end))} over {start}-{end}."


def action_title(dim: ComputedDimension, data: ComputedReport, fmt: Formatter, parent: str | None = None) -> str:
    """The slide headline: '<leader> leads with N% in <base>; <fastest> grows fastest at M% CAGR'."""
    base, end = data.forecast_period
    top = dim.leader(base, parent)
    fast = dim.fastest(base, end, parent)
    lead = f"{top.name} leads with {fmt.percent(top.share_in(base))} in {base}"
    if fast.name == top.name:
        return f"{lead} and also grows fastest, at {fmt.cagr(fast.revenue.cagr(base, end))} CAGR"
    return f"{lead}; {fast.name} grows fastest at {fmt.cagr(fast.revenue.cagr(base, end))} CAGR"


def dimension_commentary(dim: ComputedDimension, data: ComputedReport, fmt: Formatter, parent: str | None = None) -> list[str]:
    """Leader and share, fastest grower and its CAGR, and how the leader's share moves."""
    base, end = data.forecast_period
    segments = dim.children(parent)
    top = dim.leader(base, parent)
    fast = dim.fastest(base, end, parent)
    of = f"the {_lower_first(parent)} segment" if parent else f"the market by {_lower_first(dim.title)}"
    parts = [leader(top, base, fmt, of)]
    if len(segments) > 1:
        parts.append(fastest(fast, base, end, fmt))
        shift = top.share_in(end) - top.share_in(base)
        direction = "falls" if shift < 0 else "rises"
        parts.append(
            f"{top.name}'s share {direction} from {fmt.percent(top.share_in(base))} to "
            f"{fmt.percent(top.share_in(end))} by {end}, when it is worth {fmt.money_words(top.revenue[end])}."
        )
    return parts


def comparison(data: ComputedReport, fmt: Formatter) -> list[str]:
    base, end = data.forecast_period
    out = []
    for comp in data.comparisons:
        values = comp.values
        out.append(
            f"The {comp.meta.name} is expected to grow from {fmt.money_words(values[base])} in {base} "
            f"to {fmt.money_words(values[end])} in {end}, a CAGR of {fmt.cagr(values.cagr(base, end))}. "
            f"The {data.meta.region} market's share of it rises from {fmt.percent(data.total[base] / values[base])} "
            f"to {fmt.percent(data.total[end] / values[end])}, as it grows at "
            f"{fmt.cagr(data.total.cagr(base, end))} a year."
        )
    return out
