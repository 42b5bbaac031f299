"""The brand's typefaces, embedded in the page as WOFF2 subsets, so the edition looks the same offline.

A link to a web font would be a request to another host, which the edition must never make;
the whole TrueType files would add 650 kB. Each face is cut down to the characters the page
actually uses (plus printable ASCII, so the markup's own characters and a later edit of a figure
rarely change the subset) and compressed to WOFF2: about 10 kB a face. Hinting is dropped
(screens anti-alias). The font's timestamp is kept, so the same page embeds the same bytes; the
subsets are cached by face and character set, which is what makes the preview's rebuilds cheap.

The body's regular, semibold and bold upright faces are embedded (the page sets no italic), and
the headings' face in its weight when the brand sets headings in another family. A typeface
without files (a system face) is only named: a reader who has it sees it.
"""

from __future__ import annotations

import base64
import io
from functools import lru_cache

from reportgen.model.brand import Brand, FontFace, Typeface

BODY_WEIGHTS = (400, 600, 700)  # regular, semibold (strong, headings) and bold (figures, totals)
ASCII = frozenset(chr(c) for c in range(0x20, 0x7F))
FEATURES = ["kern", "liga", "calt", "ccmp", "locl", "mark", "mkmk"]


def embedded(brand: Brand) -> list[tuple[str, FontFace]]:
    """(family name, face) of every face the page embeds: the nearest upright face to each weight it sets."""
    wanted: list[tuple[Typeface, tuple[int, ...]]] = [(brand.body, BODY_WEIGHTS)]
    if brand.headings.family != brand.body.family:
        wanted.append((brand.headings, (brand.headings.weight,)))
    faces: dict[tuple[str, int], FontFace] = {}
    for typeface, weights in wanted:
        upright = [f for f in typeface.files.faces if f.style == "normal"] if typeface.files else []
        for weight in weights if upright else ():
            face = min(upright, key=lambda f: (abs(f.weight - weight), f.weight))
            faces.setdefault((typeface.family, face.weight), face)
    return [(family, face) for (family, _), face in faces.items()]


def font_faces(text: str, brand: Brand) -> str:
    """``@font-face`` rules for the brand's faces, each a data: URI subset to ``text``."""
    characters = "".join(sorted(ASCII | set(text)))
    rules = []
    for family, face in embedded(brand):
        data = base64.b64encode(_subset(face, characters)).decode("ascii")
        rules.append(f"@font-face {{ font-family: {_css_name(family)}; font-weight: {face.weight}; font-style: normal; "
                     f"font-display: swap; src: url(data:font/woff2;base64,{data}) format(\"woff2\"); }}")
    return "\n".join(rules)


def _css_name(family: str) -> str:
    """A family name as a quoted CSS string (a brand's name is text: nothing in it may end the string or the rule)."""
    return '"' + "".join(c if c.isalnum() or c in " -_" else f"\\{ord(c):X} " for c in family) + '"'


def family_stack(family: str, generic: str) -> str:
    """A CSS font-family value: the brand's family, then the reader's own faces of its kind."""
    return f"{_css_name(family)}, {generic}" if family else generic


@lru_cache(maxsize=16)
def _subset(face: FontFace, characters: str) -> bytes:
    from fontTools import subset  # imported late: only the web edition needs it

    from reportgen.typefaces import open_face

    font = open_face(face)
    font.recalcTimestamp = False
    options = subset.Options()
    options.flavor = "woff2"
    options.layout_features = FEATURES
    options.hinting = False
    options.desubroutinize = True
    subsetter = subset.Subsetter(options)
    subsetter.populate(text=characters)
    subsetter.subset(font)
    out = io.BytesIO()
    font.flavor = "woff2"
    font.save(out, reorderTables=False)
    return out.getvalue()
