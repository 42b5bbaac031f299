"""What the two SVG chart writers (the PDF's, ``pdf/charts.py``, and the web edition's,
``html/svg.py``) compute alike: value-axis ticks at a round step, their labels through the
report's formatter, and the outline of a doughnut's slice. The writers differ in what they draw
around these (printed millimetres against a scalable viewBox), not in the numbers a reader sees.
"""

from __future__ import annotations

import math
from collections.abc import Callable

from reportgen.format import Formatter, is_percent

STEPS = (1.0, 2.0, 2.5, 5.0, 10.0)  # round tick steps per decade
TICKS = 5  # about this many steps along a value axis


def tick_step(span: float) -> float:
    """The step of about ``TICKS`` ticks over 0 to ``span``: 1, 2, 2.5 or 5 times a power of ten."""
    if span <= 0 or not math.isfinite(span):
        return 1.0
    raw = span / TICKS
    decade = 10 ** math.floor(math.log10(raw))
    return next(s * decade for s in STEPS if s * decade >= raw * (1 - 1e-9))


def ticks(span: float, cover: bool) -> list[float]:
    """Value-axis ticks from 0 at ``tick_step(span)``: the last one within ``span``, or with
    ``cover`` the first at or past it (an axis that ends at a tick)."""
    step = tick_step(span)
    count = math.ceil(span / step - 1e-9) if cover else math.floor(span / step + 1e-9)
    return [round(step * i, 12) for i in range(count + 1)]


def tick_labels(ticks: list[float], value_type: str, fmt: Formatter) -> list[str]:
    """Tick labels through the report's formatter, with as few decimals (0, 1 or 2) as the ticks need."""
    percent = is_percent(value_type)
    scaled = [t * (100 if percent else 1) for t in ticks]
    decimals = next((d for d in (0, 1) if all(abs(t * 10**d - round(t * 10**d)) < 1e-6 for t in scaled)), 2)
    show = fmt.percent if percent else fmt.number
    return [show(t, decimals) for t in ticks]


def ring_slice(cx: float, cy: float, outer: float, inner: float, start: float, sweep: float, n: Callable[[float], str]) -> str:
    """The path of a ring slice from ``start`` over ``sweep`` (fractions of a turn, clockwise from 12
    o'clock) around ``cx``/``cy``, its numbers written by ``n``; a whole ring is two half slices,
    as one arc cannot end where it starts."""
    if sweep >= 1.0:
        return ring_slice(cx, cy, outer, inner, start, 0.5, n) + " " + ring_slice(cx, cy, outer, inner, start + 0.5, 0.5, n)

    def point(radius: float, turn: float) -> str:
        angle = 2 * math.pi * turn
        return f"{n(cx + radius * math.sin(angle))} {n(cy - radius * math.cos(angle))}"

    large = 1 if sweep > 0.5 else 0
    end = start + sweep
    return (f"M {point(outer, start)} A {n(outer)} {n(outer)} 0 {large} 1 {point(outer, end)} "
            f"L {point(inner, end)} A {n(inner)} {n(inner)} 0 {large} 0 {point(inner, start)} Z")
