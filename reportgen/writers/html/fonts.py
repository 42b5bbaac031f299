"""The house font, embedded in the page as WOFF2 subsets, so the edition looks the same offline.

A link to a web font would be a request to another host, which the edition must never make;
the whole TrueType files would add 650 kB. Each face is cut down to the characters the page
actually uses (plus printable ASCII, so the markup's own characters and a later edit of a figure
rarely change the subset) and compressed to WOFF2: about 10 kB a face. Hinting is dropped
(screens anti-alias). The font's timestamp is kept, so the same page embeds the same bytes; the
subsets are cached by character set, which is what makes the preview's rebuilds cheap.
"""

from __future__ import annotations

import base64
import io
from functools import lru_cache

from reportgen.style import FONT_FACES, FONT_FAMILY, FONT_FILES

FACES = ("regular", "semibold", "bold")  # the page sets no italic
ASCII = frozenset(chr(c) for c in range(0x20, 0x7F))
FEATURES = ["kern", "liga", "calt", "ccmp", "locl", "mark", "mkmk"]


def font_faces(text: str) -> str:
    """``@font-face`` rules for the house font's faces, each a data: URI subset to ``text``."""
    characters = "".join(sorted(ASCII | set(text)))
    rules = []
    for face, weight, style in FONT_FACES:
        if face in FACES:
            data = base64.b64encode(_subset(face, characters)).decode("ascii")
            rules.append(f'@font-face {{ font-family: "{FONT_FAMILY}"; font-weight: {weight}; font-style: {style}; '
                         f"font-display: swap; src: url(data:font/woff2;base64,{data}) format(\"woff2\"); }}")
    return "\n".join(rules)


@lru_cache(maxsize=16)
def _subset(face: str, characters: str) -> bytes:
    from fontTools import subset  # imported late: only the web edition needs it
    from fontTools.ttLib import TTFont

    font = TTFont(FONT_FILES[face], recalcTimestamp=False)
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
