"""Merging the parts' font subsets: a face's subsets become one font only where that is exact.

Two parts of a small report are typeset; their subsets of the house face are read as assembly
reads them, merged, and tampered with to show what refuses a merge.
"""

from __future__ import annotations

import io

import pikepdf
import pytest

from reportgen.model.elements import Report
from reportgen.writers import pdf
from reportgen.writers.pdf import subsets


@pytest.fixture(scope="module")
def two_parts(nordic_report: Report) -> list[pikepdf.Pdf]:
    """The first two body parts of the report: different text, so different subsets of one face."""
    specs = [s for s in pdf.parts(nordic_report).send(None) if s.name.startswith("s-")][:2]
    return [pikepdf.open(io.BytesIO(pdf.render_part(spec, pdf.draw_charts(spec)).pdf)) for spec in specs]


def house_face(part: pikepdf.Pdf) -> subsets._Face:
    """The part's subset of the house face (regular weight), as assembly reads it."""
    for fonts in subsets._font_resources(part):
        for _, font in fonts.items():
            if str(font.BaseFont).endswith("+RG-Open-Sans"):
                return subsets._Face.read(font)
    raise AssertionError("no Open Sans in the part")


def test_subsets_of_one_face_merge_into_one_holding_every_glyph(two_parts):
    faces = sorted((house_face(p) for p in two_parts), key=lambda f: len(f.widths))
    outlines = [{g: subsets._outline(f.glyphs.table[f.glyphs.order[g]]) for g in range(len(f.glyphs.order))} for f in faces]
    smaller, larger = faces
    assert set(larger.widths) - set(smaller.widths)  # the larger part draws glyphs the smaller does not
    used = set(smaller.widths) | set(larger.widths)
    assert smaller.absorb(larger)
    assert set(smaller.widths) == used
    merged = subsets._Glyphs.read(smaller.glyphs.compile())
    for glyph in range(len(merged.order)):  # each id holds the outline a part has there, if any
        expected = next((o[glyph] for o in outlines if o.get(glyph)), b"")
        assert bool(subsets._outline(merged.table[merged.order[glyph]])) == bool(expected), glyph


def test_a_glyph_drawn_two_ways_is_not_merged(two_parts):
    first, second = (house_face(p) for p in two_parts)
    shared = next(g for g in first.widths if g in second.widths and subsets._outline(first.glyphs.table[first.glyphs.order[g]]))
    glyph = second.glyphs.table[second.glyphs.order[shared]]
    glyph.data = bytes(reversed(glyph.data))  # another outline at the same id
    assert not first.absorb(second)


def test_a_glyph_with_two_widths_is_not_merged(two_parts):
    first, second = (house_face(p) for p in two_parts)
    shared = next(g for g in first.widths if g in second.widths)
    second.widths[shared] += 1
    assert not first.absorb(second)


def test_faces_of_another_name_are_never_compared(two_parts):
    """Assembly groups by /BaseFont: a brand's face and the house face of the same weight never meet."""
    pdf_ = two_parts[0]
    names = {str(font.BaseFont) for fonts in subsets._font_resources(pdf_) for _, font in fonts.items()}
    assert len(names) == len({name.split("+", 1)[1] for name in names})  # one subset tag per face name
