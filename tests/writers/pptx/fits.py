"""Does every shape of a deck stay where its geometry says, and hold the text it was given?

Measured the way the planner measures (``writers.pptx.text``), from the drawn shapes alone, so
a deck on the house design and one on a corporate template are checked by the same rule
against their own ``Geometry``.
"""

from __future__ import annotations

from pptx.enum.chart import XL_CHART_TYPE

from reportgen.writers.pptx.geometry import HOUSE, Geometry
from reportgen.writers.pptx.plan import DOUGHNUT_SHARE
from reportgen.writers.pptx.style import GAP
from reportgen.writers.pptx.text import INSET_Y, line_count, line_height

EMU = 914400
SLACK = 0.01  # inches: EMU rounding


def needed_height(shape) -> float:
    """Height the shape's text needs at its run sizes, measured like the planner measures."""
    tf = shape.text_frame
    width = shape.width / EMU - (tf.margin_left + tf.margin_right) / EMU
    total = 2 * INSET_Y
    for p in tf.paragraphs:
        runs = [(r.text, bool(r.font.bold)) for r in p.runs]
        if not runs:
            continue
        size = p.runs[0].font.size.pt
        indent = int(p._p.pPr.get("marL", "0")) / EMU if p._p.pPr is not None else 0.0
        if "\t" in runs[0][0]:
            runs = runs[1:]
        total += line_count(runs, size, width - indent) * line_height(size, "".join(text for text, _ in runs))
        total += (p.space_after.pt if p.space_after is not None else 0) / 72
    return total


def assert_fits(deck, geometry: Geometry = HOUSE) -> None:
    """Every shape on the slide; reportgen's own between the content area's sides, and on content
    slides below the title and above the footer; every text no taller than its shape."""
    content = geometry.content
    for n, slide in enumerate(deck.slides, 1):
        for shape in slide.shapes:
            left, right = shape.left / EMU, (shape.left + shape.width) / EMU
            top, bottom = shape.top / EMU, (shape.top + shape.height) / EMU
            assert left >= 0 and right <= geometry.width + SLACK and top >= 0 and bottom <= geometry.height + SLACK, \
                (n, shape.name)
            if not shape.is_placeholder:
                assert left >= content.x - SLACK and right <= content.right + SLACK, (n, shape.name)
            if n > 1 and not shape.is_placeholder and shape.name != "Kicker":
                assert top >= content.y - SLACK and bottom <= content.bottom + SLACK, (n, shape.name)
            if shape.has_text_frame and shape.text_frame.text:
                assert needed_height(shape) <= shape.height / EMU + SLACK, (n, shape.name, shape.text_frame.text[:40])


def chart_pairs(deck) -> list[tuple]:
    """The (left, right) chart frames of every slide with two charts side by side."""
    pairs = [sorted((sh for sh in slide.shapes if sh.has_chart), key=lambda sh: sh.left) for slide in deck.slides]
    return [tuple(pair) for pair in pairs if len(pair) == 2]


def assert_chart_pairs_split(deck, geometry: Geometry = HOUSE) -> None:
    """Two charts side by side span the content area's width, a gap between them: the left one
    takes ``DOUGHNUT_SHARE`` of it when it is drawn as a doughnut, half of it otherwise."""
    content = geometry.content
    for left, right in chart_pairs(deck):
        x, left_w, right_x, right_w = (v / EMU for v in (left.left, left.width, right.left, right.width))
        assert abs(x - content.x) <= SLACK and abs(right_x + right_w - content.right) <= SLACK, left.name
        assert abs(right_x - (x + left_w) - GAP) <= SLACK, left.name
        share = DOUGHNUT_SHARE if left.chart.chart_type == XL_CHART_TYPE.DOUGHNUT else 0.5
        assert abs(left_w + GAP / 2 - content.w * share) <= SLACK, (left.name, left_w, right_w)
