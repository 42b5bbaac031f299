"""Font files as the deliverables use them: which family draws each character, the faces' bytes,
and the fonts of the machine that stand behind a brand's own.

The PDF's font stack is the brand's families (``Brand.families``: its body, headings and
monospace files, then the house face) followed by the machine's Noto families for every other
writing system (``fallbacks``: Debian's fonts-noto-core and fonts-noto-cjk, installed by
scripts/system-deps.sh; a family whose files are missing here is left out). For any character
the PDF draws it in the first family of the stack that has it, the rule Pango follows. Two
callers share this, so what ``check`` passes, ``build`` builds: the data layer refuses a
character no family draws (``reportgen.data.glyphs``), and the PDF embeds only the families a
report needs (a Latin report never loads the 20 MB CJK collection).

An Office file cannot carry its font to every reader, so the deck and the workbook are measured
with the metrics of the face they are set in (``writers.font_metrics``): the brand's files for it, or
for a standard Office face its metric-compatible open twin (``OFFICE_TWINS``).

Fonts are read lazily and cached per process: a family's cmap is read only when an earlier
family lacks a character, so checking a Latin report opens the house face alone.
"""

from __future__ import annotations

import io
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from reportgen.model.brand import FontFace, FontFamily
from reportgen.resources import FONTS_DIR

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

# The families the PDF falls back to, by their private names ("RG ..."): no font installed on the
# machine can stand in for them. Han characters are drawn in the Simplified Chinese face of the
# CJK collection (kana and hangul are the same in every face).
NOTO = Path("/usr/share/fonts/truetype/noto")
NOTO_CJK = Path("/usr/share/fonts/opentype/noto")
CJK_SIMPLIFIED_CHINESE = 2  # face index in NotoSansCJK-*.ttc: JP, KR, SC, TC, HK, then the Mono faces
PRIVATE_PREFIX = "RG "  # the PDF's family names: "RG Open Sans"


def _noto(script: str) -> FontFamily:
    stem = f"NotoSans{script.replace(' ', '')}"
    return FontFamily(f"{PRIVATE_PREFIX}Noto Sans {script}".rstrip(),
                      (FontFace(NOTO / f"{stem}-Regular.ttf"), FontFace(NOTO / f"{stem}-Bold.ttf", 700)))


FALLBACKS: tuple[FontFamily, ...] = (
    _noto(""),  # Latin, Greek and Cyrillic letters the brand's faces lack
    *map(_noto, ("Thai", "Lao", "Khmer", "Myanmar", "Arabic", "Hebrew", "Devanagari", "Bengali", "Gurmukhi",
                 "Gujarati", "Tamil", "Telugu", "Kannada", "Malayalam", "Sinhala", "Georgian", "Armenian", "Ethiopic")),
    FontFamily(f"{PRIVATE_PREFIX}Noto Sans CJK", (FontFace(NOTO_CJK / "NotoSansCJK-Regular.ttc", index=CJK_SIMPLIFIED_CHINESE),
                                                  FontFace(NOTO_CJK / "NotoSansCJK-Bold.ttc", 700, index=CJK_SIMPLIFIED_CHINESE))),
)

CROSEXTRA = Path("/usr/share/fonts/truetype/crosextra")
LIBERATION = (Path("/usr/share/fonts/truetype/liberation2"), Path("/usr/share/fonts/truetype/liberation"))


@dataclass(frozen=True)
class Twin:
    """An open face with the advance widths of a standard Office face, and where its files may be
    (the package first: Carlito ships with it, OFL; then Debian's fonts-crosextra-* and fonts-liberation2)."""

    family: str
    package: str  # Debian package that installs it
    regular: tuple[Path, ...]
    bold: tuple[Path, ...]

    def files(self) -> tuple[Path, Path] | None:
        """The regular and bold files found on this machine, or None."""
        regular = next((p for p in self.regular if p.is_file()), None)
        bold = next((p for p in self.bold if p.is_file()), None)
        return (regular, bold) if regular and bold else None


def _liberation(style: str) -> Twin:
    return Twin(f"Liberation {style}", "fonts-liberation2", tuple(d / f"Liberation{style}-Regular.ttf" for d in LIBERATION),
                tuple(d / f"Liberation{style}-Bold.ttf" for d in LIBERATION))


# Standard Office faces (keys in lower case) and their metric-compatible twins.
OFFICE_TWINS = {
    "calibri": Twin("Carlito", "fonts-crosextra-carlito", (FONTS_DIR / "Carlito-Regular.ttf", CROSEXTRA / "Carlito-Regular.ttf"),
                    (FONTS_DIR / "Carlito-Bold.ttf", CROSEXTRA / "Carlito-Bold.ttf")),
    "cambria": Twin("Caladea", "fonts-crosextra-caladea", (CROSEXTRA / "Caladea-Regular.ttf",), (CROSEXTRA / "Caladea-Bold.ttf",)),
    "arial": _liberation("Sans"),
    "times new roman": _liberation("Serif"),
    "courier new": _liberation("Mono"),
}


def draws_nothing(char: str) -> bool:
    """Whether ``char`` needs no glyph: a default-ignorable format character, or a line break or tab."""
    code = ord(char)
    return char in TYPESET_AS_SPACE or any(low <= code <= high for low, high in IGNORABLE_RANGES)


@cache
def fallbacks() -> tuple[FontFamily, ...]:
    """The fallback families whose every file is on this machine, in fallback order."""
    return tuple(family for family in FALLBACKS if all(face.path.is_file() for face in family.faces))


def stack(families: Sequence[FontFamily]) -> tuple[FontFamily, ...]:
    """A brand's families followed by the machine's fallbacks: every family the PDF may use (a
    brand's own family of a fallback's name, its own Noto Sans say, stands in its place)."""
    names = {family.name for family in families}
    return (*families, *(f for f in fallbacks() if f.name not in names))


@cache
def family_for(char: str, families: tuple[FontFamily, ...]) -> FontFamily | None:
    """The first family of ``families`` that draws ``char`` (None: none does)."""
    code = ord(char)
    return next((family for family in families if code in coverage(family)), None)


def families_for(text: Iterable[str], own: Sequence[FontFamily]) -> tuple[FontFamily, ...]:
    """The brand's own families (``own``: its CSS names them all) and every fallback that draws
    a character of ``text`` none of them draws, in stack order."""
    full = stack(own)
    needed = set(own)
    for char in set(text):
        if not draws_nothing(char):
            family = family_for(char, full)
            if family is not None:
                needed.add(family)
    return tuple(family for family in full if family in needed)


@cache
def coverage(family: FontFamily) -> frozenset[int]:
    """The code points every face of ``family`` maps to a glyph (bold text must show them too)."""
    maps = [_cmap(face) for face in family.faces]
    return frozenset.intersection(*maps)


@cache
def _cmap(face: FontFace) -> frozenset[int]:
    """The face's character map, read lazily (only the cmap table) and the file closed after."""
    font = open_face(face)
    try:
        return frozenset(font.getBestCmap())
    finally:
        font.close()


def open_face(face: FontFace):
    """The face as a lazily read fontTools font: from its bytes, or from its file (a face of a collection by index)."""
    from fontTools.ttLib import TTCollection, TTFont

    if face.data:
        return TTFont(io.BytesIO(face.data), lazy=True)
    if face.path.suffix.lower() in (".ttc", ".otc"):
        return TTCollection(face.path, lazy=True).fonts[face.index]
    return TTFont(face.path, lazy=True)


@cache
def face_bytes(face: FontFace, characters: str = "") -> bytes:
    """The face as one font file for WeasyPrint: its bytes or file, or, for a face of a
    collection (the 20 MB CJK .ttc), that face alone cut down to ``characters`` and the glyphs
    its layout features reach from them.

    WeasyPrint registers every face of a collection under the family of its ``@font-face`` rule
    and would pick one it likes; a standalone face makes the choice ours. Cut down, it is not
    16 MB to load per document, and the PDF does not carry its 65,000-entry glyph tables (the
    PDF writer subsets what it is given, keeping glyph ids). The same characters give the same
    bytes: no timestamp is renewed.
    """
    if face.data:
        return face.data
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
    """Every file of the fallback families on this machine: what a PDF's fallback fonts are made from."""
    return tuple(sorted({face.path for family in fallbacks() for face in family.faces}))
