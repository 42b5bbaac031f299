"""A chart's drawing as SVG for WeasyPrint: shapes and lines of text, placed in millimetres.

The PDF's charts are drawn here directly, a few dozen elements each, rather than by a plotting
library: matplotlib's import and drawing took more than a second of every cold build's work, and
its SVG (a path per glyph box, clip paths, metadata) more for WeasyPrint to paint. Coordinates are
millimetres from the top left, written as points (the unit of the figure's size and viewBox), so
a 7 pt label is 7 pt on paper. Text stays text, in the PDF's font stack under the names the
page's CSS gives it, so WeasyPrint shapes and embeds it like the page's own. Every string is
escaped; numbers are rounded to three decimals, so the same chart gives the same bytes.
"""

from __future__ import annotations

from collections.abc import Sequence
from xml.sax.saxutils import escape, quoteattr

MM = 25.4 / 72  # millimetres per point


class Canvas:
    """One figure, ``width`` by ``height`` millimetres; ``families`` name its text's font stack."""

    def __init__(self, width: float, height: float, families: Sequence[str]):
        self.width, self.height = width, height
        self._font = ", ".join(_css_name(name) for name in families)
        self._parts: list[str] = []

    def rect(self, x: float, y: float, width: float, height: float, fill: str) -> None:
        """A filled rectangle (as a path: WeasyPrint paints paths and rectangles alike)."""
        self.path(f"M {number(x)} {number(y)} h {number(width)} v {number(height)} h {number(-width)} z", fill=fill)

    def line(self, points: Sequence[tuple[float, float]], colour: str, width: float, dashes: tuple[float, float] | None = None) -> None:
        """A stroked polyline, ``width`` points wide, dashed in points when given."""
        d = " ".join(f"{'M' if i == 0 else 'L'} {number(x)} {number(y)}" for i, (x, y) in enumerate(points))
        dash = f' stroke-dasharray="{number(dashes[0] * MM)} {number(dashes[1] * MM)}"' if dashes else ""
        self._parts.append(f'<path d="{d}" fill="none" stroke="{colour}" stroke-width="{number(width * MM)}"{dash}/>')

    def path(self, d: str, fill: str, stroke: str = "", stroke_width: float = 0.0) -> None:
        """A filled path (``d`` in millimetres), outlined when a ``stroke`` is given (its width in points)."""
        outline = f' stroke="{stroke}" stroke-width="{number(stroke_width * MM)}" stroke-linejoin="round"' if stroke else ""
        self._parts.append(f'<path d="{d}" fill="{fill}"{outline}/>')

    def circle(self, x: float, y: float, radius: float, fill: str) -> None:
        """A filled circle (a line chart's point)."""
        self._parts.append(f'<circle cx="{number(x)}" cy="{number(y)}" r="{number(radius)}" fill="{fill}"/>')

    def text(self, x: float, y: float, text: str, size: float, colour: str, anchor: str = "start", rotate: int = 0) -> None:
        """One line of ``text`` at ``size`` points, its baseline through ``y``; ``anchor`` says
        which end (or the middle) is at ``x``; ``rotate`` turns it about that point, in degrees."""
        turn = f' transform="rotate({rotate} {number(x)} {number(y)})"' if rotate else ""
        style = quoteattr(f"font-size: {number(size * MM)}px; font-family: {self._font}; text-anchor: {anchor}; fill: {colour}")
        self._parts.append(f'<text x="{number(x)}" y="{number(y)}" style={style}{turn}>{escape(text)}</text>')

    def svg(self) -> bytes:
        """The figure as an SVG document, in points, its coordinates in millimetres."""
        width, height = self.width / MM, self.height / MM
        head = (f'<?xml version="1.0" encoding="utf-8"?>\n<svg xmlns="http://www.w3.org/2000/svg" version="1.1" '
                f'width="{number(width)}pt" height="{number(height)}pt" viewBox="0 0 {number(self.width)} {number(self.height)}">\n')
        return (head + "\n".join(self._parts) + "\n</svg>\n").encode()


def _css_name(name: str) -> str:
    """A family name as a single-quoted CSS string; anything but letters, digits and plain
    punctuation escaped, so no brand's family name can end the string or the style."""
    return "'" + "".join(c if c.isalnum() or c in " .,-" else f"\\{ord(c):X} " for c in name) + "'"


def number(value: float) -> str:
    """A coordinate with at most three decimals and no trailing zeros: short, and the same on every run."""
    text = f"{round(value, 3) + 0.0:.3f}".rstrip("0").rstrip(".")  # + 0.0: never "-0"
    return "0" if text in ("", "-0") else text
