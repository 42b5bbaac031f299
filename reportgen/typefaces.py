"""The PDF's font stack as files on this machine: which characters each family draws.

``style.PDF_FONTS`` lists the families in fallback order; this module reads the files' own
character maps (cmap tables, through fontTools) to answer, for any character, which family the
PDF draws it in, the same first-family-that-has-it rule Pango follows. Two callers share it, so
what ``check`` passes, ``build`` builds: the data layer's check refuses a character no family
draws (``reportgen.data.glyphs``), and the PDF writer embeds only the families a report needs
(a Latin report never loads the 20 MB CJK collection).

Fonts are read lazily and cached per process: a family's cmap is read only when an earlier
family lacks a character, so checking a Latin report opens the house face alone.
"""

from __future__ import annotations

import io
from collections.abc import Iterable
from functools import cache
from pathlib import Path

from reportgen.style import PDF_FONTS, FontFace, FontFamily

# Default_Ignorable_Code_Point (Unicode DerivedCoreProperties): format controls such as the
# bidi isolates FSI/PDI, joiners and variation selectors. Text shaping draws them as nothing,
# so they need no glyph. Newlines and tabs in prose are typeset as spaces.
IGNORABLE_RANGES = (
    (0x00AD, 0x00AD), (0x034F, 0x034F), (0x061C, 0x061C), (0x115F, 0x1160), (0x17B4, 0x17B5),
    (0x180B, 0x180F), (0x200B, 0x200F), (0x202A, 0x202E), (0x2060, 0x206F), (0x3164, 0x3164),
    (0xFE00, 0xFE0F), (0xFEFF, 0xFEFF), (0xFFA0, 0xFFA0), (0xFFF0, 0xFFF8), (0x1BCA0, 0x1BCA3),
    (0x1D173, 0x1D17A), (0xE0000, 0xE0FFF),
)
TYPESET_AS_SPACE = "\n\t"


def draws_nothing(char: str) -> bool:
    """Whether ``char`` needs no glyph: a default-ignorable format character, or a line break or tab."""
    code = ord(char)
    return char in TYPESET_AS_SPACE or any(low <= code <= high for low, high in IGNORABLE_RANGES)


@cache
def available_families() -> tuple[FontFamily, ...]:
    """The stack's families whose every file is on this machine, in fallback order."""
    return tuple(family for family in PDF_FONTS if all(face.path.is_file() for face in family.faces))


def house_family() -> FontFamily:
    """The family body text is set in (shipped with the package, so always available)."""
    return PDF_FONTS[0]


@cache
def family_for(char: str) -> FontFamily | None:
    """The first family of the stack that draws ``char`` (None: none does)."""
    code = ord(char)
    return next((family for family in available_families() if code in coverage(family)), None)


def families_for(text: Iterable[str]) -> tuple[FontFamily, ...]:
    """The house family and every family that draws a character of ``text``, in stack order."""
    needed = {house_family()}
    for char in set(text):
        if not draws_nothing(char):
            family = family_for(char)
            if family is not None:
                needed.add(family)
    return tuple(family for family in PDF_FONTS if family in needed)


@cache
def coverage(family: FontFamily) -> frozenset[int]:
    """The code points every face of ``family`` maps to a glyph (bold text must show them too)."""
    maps = [_cmap(face) for face in family.faces]
    return frozenset.intersection(*maps)


@cache
def _cmap(face: FontFace) -> frozenset[int]:
    """The face's character map, read lazily (only the cmap table) and the file closed after."""
    font = _open(face)
    try:
        return frozenset(font.getBestCmap())
    finally:
        font.close()


def _open(face: FontFace):
    from fontTools.ttLib import TTCollection, TTFont

    if face.path.suffix.lower() in (".ttc", ".otc"):
        return TTCollection(face.path, lazy=True).fonts[face.index]
    return TTFont(face.path, lazy=True)


@cache
def face_bytes(face: FontFace, characters: str = "") -> bytes:
    """The face as one font file for WeasyPrint: the file itself, or, for a face of a
    collection (the 20 MB CJK .ttc), that face alone cut down to ``characters`` and the glyphs
    its layout features reach from them.

    WeasyPrint registers every face of a collection under the family of its ``@font-face`` rule
    and would pick one it likes; a standalone face makes the choice ours. Cut down, it is not
    16 MB to load per document, and the PDF does not carry its 65,000-entry glyph tables (the
    PDF writer subsets what it is given, keeping glyph ids). The same characters give the same
    bytes: no timestamp is renewed.
    """
    if face.path.suffix.lower() not in (".ttc", ".otc"):
        return face.path.read_bytes()
    from fontTools import subset
    from fontTools.ttLib import TTCollection

    font = TTCollection(face.path).fonts[face.index]
    font.recalcTimestamp = False  # the subsetter's option only applies to fonts it loads itself
    options = subset.Options()
    options.layout_features, options.name_IDs, options.name_languages = ["*"], ["*"], ["*"]
    options.notdef_outline = True
    subsetter = subset.Subsetter(options)
    subsetter.populate(text=characters)
    subsetter.subset(font)
    out = io.BytesIO()
    font.save(out)
    return out.getvalue()


def font_files() -> tuple[Path, ...]:
    """Every file of the available families: what a PDF's fonts are made from."""
    return tuple(sorted({face.path for family in available_families() for face in family.faces}))
