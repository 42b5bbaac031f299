"""One embedded subset per face in an assembled PDF, as a single layout has.

Every part of a PDF embeds its own subset of each face it uses (WeasyPrint subsets per document),
so an assembled report carried one Open Sans Regular per part: about 25 font programs where one
layout has 3, and a file 60 % larger. Assembly merges them back into one font per face.

Merging needs no font file: WeasyPrint subsets with HarfBuzz *retaining glyph ids* (a glyph keeps
its number in the face; the text on the pages draws glyph ids through ``Identity-H``), so the
parts' subsets of one face are the same glyph table with different glyphs left empty. The merged
font program holds every glyph any of them holds, at its id; the merged ``/W`` every width, the
merged ``ToUnicode`` every glyph's text (the first part's where two differ, as one layout keeps
the first text it meets). Pages draw with the same glyph ids and widths, so nothing moves.

A merge is made only where it is checked to be exact, for any embedded face (the house face, a
brand's own files, the Noto fallbacks): same ``/BaseFont`` (WeasyPrint names a subset after the
face and its style), same font program format and glyph order, and no glyph id given two outlines,
two advance widths or two ``/W`` widths. Fonts that do not meet that stay as they are: a larger
file, never a wrong glyph. TrueType outlines (``glyf``) are merged; other programs (CFF) only
when they are byte for byte the same (the CJK faces, cut per part before WeasyPrint sees them,
are not: each part numbers their glyphs its own way).

WeasyPrint keeps glyph ids in a first HarfBuzz pass and then drops the empty glyphs after the
last one drawn in a second one that renumbers what lies beyond: the parts of an accented letter
(a composite glyph) placed after it, at an id that depends on the part. ``install`` makes the
subset in the first pass alone, so every glyph keeps its id in every part.
"""

from __future__ import annotations

import io
import re
import struct
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from pikepdf import Array, Dictionary, Name, Object, Pdf, Stream

from reportgen.writers.pdf.hooks import replace

_BFCHAR = re.compile(rb"<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]*)>")
_CMAP_HEAD = b"""/CIDInit /ProcSet findresource begin
12 dict begin
begincmap
/CIDSystemInfo
<< /Registry (Adobe)
/Ordering (UCS)
/Supplement 0
>> def
/CMapName /Adobe-Identity-UCS def
/CMapType 2 def
1 begincodespacerange
<0000> <ffff>
endcodespacerange
"""
_CMAP_TAIL = b"endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend"
_FIXED_PITCH = 1  # font descriptor flag bit 1
# The tables WeasyPrint leaves out of a subset (GSUB and GPOS: the text is shaped already), sorted by tag.
DROPPED_TABLES = (b"BASE", b"DSIG", b"EBDT", b"EBLC", b"EBSC", b"GPOS", b"GSUB", b"JSTF", b"LTSH", b"PCLT", b"SVG ")


def install() -> None:
    """Subset with HarfBuzz in one pass that keeps every glyph id (idempotent; WeasyPrint's
    fontTools path already does, in one pass)."""
    import weasyprint.pdf.fonts as fonts_module

    replace(fonts_module.Font, "_harfbuzz_subset", _retaining_glyph_ids)


def _retaining_glyph_ids(original: Callable) -> Callable:
    def harfbuzz_subset(font, to_unicode, hinting):
        from weasyprint.text.ffi import ffi, harfbuzz, harfbuzz_subset
        from weasyprint.text.fonts import get_hb_object_data

        subset = ffi.gc(harfbuzz_subset.hb_subset_input_create_or_fail(), harfbuzz_subset.hb_subset_input_destroy)
        glyphs = sorted(to_unicode)
        harfbuzz.hb_set_add_sorted_array(harfbuzz_subset.hb_subset_input_glyph_set(subset),
                                         ffi.new("hb_codepoint_t[]", glyphs), len(glyphs))
        flags = (harfbuzz_subset.HB_SUBSET_FLAGS_RETAIN_GIDS | harfbuzz_subset.HB_SUBSET_FLAGS_PASSTHROUGH_UNRECOGNIZED
                 | harfbuzz_subset.HB_SUBSET_FLAGS_DESUBROUTINIZE)
        if not hinting:
            flags |= harfbuzz_subset.HB_SUBSET_FLAGS_NO_HINTING
        if font.missing:
            flags |= harfbuzz_subset.HB_SUBSET_FLAGS_NOTDEF_OUTLINE
        harfbuzz_subset.hb_subset_input_set_flags(subset, flags)
        tables = [harfbuzz.hb_tag_from_string(name, -1) for name in DROPPED_TABLES]
        harfbuzz.hb_set_add_sorted_array(harfbuzz_subset.hb_subset_input_set(subset, harfbuzz_subset.HB_SUBSET_SETS_DROP_TABLE_TAG),
                                         ffi.new("hb_codepoint_t[]", tables), len(tables))
        face = ffi.gc(harfbuzz_subset.hb_subset_or_fail(font.hb_face, subset), harfbuzz.hb_face_destroy)
        content = get_hb_object_data(face) if face else None
        if not content:
            return original(font, to_unicode, hinting)  # WeasyPrint's own, which warns
        font.file_content = content

    return harfbuzz_subset



def merge_subsets(pdf: Pdf) -> int:
    """Merge the subsets of each face in ``pdf`` (whose parts were copied in reading order) and
    point every font resource at the merged font; how many fonts were merged away."""
    resources = list(_font_resources(pdf))
    faces: dict[str, list[_Face]] = {}
    replaced: dict[tuple[int, int], Dictionary] = {}
    seen: set[tuple[int, int]] = set()
    for fonts in resources:
        for _, font in fonts.items():
            if font.objgen in seen or not _mergeable(font):
                continue
            seen.add(font.objgen)
            candidate = _Face.read(font)
            for face in faces.setdefault(str(font.BaseFont), []):
                if face.absorb(candidate):
                    replaced[font.objgen] = face.font
                    break
            else:
                faces[str(font.BaseFont)].append(candidate)
    for face in (face for group in faces.values() for face in group):
        if face.merged:
            face.write(pdf)
    for fonts in resources:
        for key, font in list(fonts.items()):
            if font.objgen in replaced:
                fonts[key] = replaced[font.objgen]
    return len(replaced)


def _font_resources(pdf: Pdf) -> Iterator[Dictionary]:
    """Every ``/Font`` resource dictionary of the document's pages and forms, once each."""
    seen: set[tuple[int, int]] = set()
    for obj in pdf.objects:
        if not isinstance(obj, Dictionary | Stream) or "/Resources" not in obj:
            continue
        fonts = obj.Resources.get("/Font")
        if not isinstance(fonts, Dictionary):
            continue
        if fonts.is_indirect:
            if fonts.objgen in seen:
                continue
            seen.add(fonts.objgen)
        yield fonts


def _mergeable(font: Object) -> bool:
    """A composite font as WeasyPrint writes a vector subset: Identity-H, one CID font, an
    embedded program, widths as ``[first [w ...] ...]``."""
    if not isinstance(font, Dictionary) or not font.is_indirect or font.get("/Subtype") != Name.Type0:
        return False
    if font.get("/Encoding") != Name("/Identity-H") or "/ToUnicode" not in font:
        return False
    descendants = font.get("/DescendantFonts")
    if not isinstance(descendants, Array) or len(descendants) != 1:
        return False
    descriptor = descendants[0].get("/FontDescriptor")
    return isinstance(descriptor, Dictionary) and ("/FontFile2" in descriptor or "/FontFile3" in descriptor)


@dataclass
class _Face:
    """A font kept in the merged document and what the fonts merged into it add up to."""

    font: Dictionary
    widths: dict[int, float]
    text: dict[int, bytes]  # glyph id -> UTF-16BE hex, as the ToUnicode map writes it
    program: bytes
    glyphs: _Glyphs | None  # the TrueType program's glyphs; None: another format, merged only when identical
    key: tuple  # what two fonts of one face must share besides their name
    merged: bool = False

    @classmethod
    def read(cls, font: Dictionary) -> _Face:
        cid_font = font.DescendantFonts[0]
        descriptor = cid_font.FontDescriptor
        program = (descriptor.get("/FontFile2") or descriptor.FontFile3).read_bytes()
        glyphs = _Glyphs.read(program) if "/FontFile2" in descriptor else None
        key = (str(cid_font.get("/Subtype")), repr(descriptor.get("/FontFile3", Dictionary()).get("/Subtype")),
               int(descriptor.get("/Flags", 0)) & ~_FIXED_PITCH, str(cid_font.get("/CIDToGIDMap")))
        return cls(font, _widths(cid_font.get("/W", Array())), _to_unicode(font.ToUnicode.read_bytes()), program, glyphs, key)

    def absorb(self, other: _Face) -> bool:
        """Merge ``other`` into this face if that is exact (see the module's rules)."""
        if other.key != self.key or any(self.widths[g] != w for g, w in other.widths.items() if g in self.widths):
            return False
        if self.glyphs is None or other.glyphs is None:
            if self.program != other.program:
                return False
        elif not self.glyphs.absorb(other.glyphs):
            return False
        self.widths.update(other.widths)
        for glyph, text in other.text.items():
            self.text.setdefault(glyph, text)
        self.merged = True
        return True

    def write(self, pdf: Pdf) -> None:
        """Put the merged widths, text and program into the kept font's objects."""
        cid_font = self.font.DescendantFonts[0]
        descriptor = cid_font.FontDescriptor
        cid_font.W = _width_array(self.widths)
        self.font.ToUnicode = Stream(pdf, _cmap(self.text))
        if self.glyphs is not None:
            program = self.glyphs.compile()
            descriptor.FontFile2 = Stream(pdf, program)
            descriptor.FontFile2.Length1 = len(program)
        flags = int(descriptor.get("/Flags", 0)) & ~_FIXED_PITCH
        if len(self.widths) > 1 and len(set(self.widths.values())) == 1:
            flags |= _FIXED_PITCH
        descriptor.Flags = flags
        box = [float(v) for v in descriptor.FontBBox]
        box[2] = max(self.widths.values(), default=0)
        descriptor.FontBBox = Array(box)
        if "/CIDSet" in descriptor:
            descriptor.CIDSet = Stream(pdf, _cid_set(self.widths))


class _Glyphs:
    """A TrueType subset whose glyph outlines and advance widths can take in another subset's."""

    def __init__(self, font) -> None:
        self.font = font
        self.order = font.getGlyphOrder()
        self.table = font["glyf"].glyphs  # name -> Glyph; a glyph with an outline keeps its raw .data
        self.metrics = font["hmtx"].metrics

    @classmethod
    def read(cls, program: bytes) -> _Glyphs | None:
        from fontTools.ttLib import TTFont, TTLibError

        try:
            font = TTFont(io.BytesIO(program), recalcTimestamp=False, recalcBBoxes=False)
            if "glyf" not in font or "CFF " in font:
                return None
            return cls(font)
        except (TTLibError, KeyError, ValueError, AssertionError, struct.error):
            return None

    def absorb(self, other: _Glyphs) -> bool:
        """Take in ``other``'s glyphs, id by id (glyph names may differ between subsets of one
        face: they come from whichever characters each subset's cmap kept). No id may hold two
        outlines or two advances."""
        extra = other.order[len(self.order):]
        if any(name in self.table for name in extra):
            return False
        additions = []
        for mine, theirs in zip(self.order, other.order, strict=False):  # ids both have
            their_outline, my_outline = _outline(other.table[theirs]), _outline(self.table[mine])
            their_metrics, my_metrics = other.metrics[theirs], self.metrics[mine]
            if their_outline and my_outline and their_outline != my_outline:
                return False
            if their_metrics != (0, 0) and my_metrics not in ((0, 0), their_metrics):
                return False
            if (their_outline and not my_outline) or (their_metrics != (0, 0) and my_metrics == (0, 0)):
                additions.append((mine, other.table[theirs] if their_outline else self.table[mine], their_metrics))
        for mine, glyph, metrics in additions:
            self.table[mine] = glyph
            self.metrics[mine] = metrics
        if extra:  # glyphs past our last one, taken as they are
            for name in extra:
                self.table[name] = other.table[name]
                self.metrics[name] = other.metrics[name]
            self.order = [*self.order, *extra]
            self.font.setGlyphOrder(self.order)
            self.font["glyf"].glyphOrder = self.order
            self.font["maxp"].numGlyphs = len(self.order)
        return True

    def compile(self) -> bytes:
        """The merged program (maxp and bounding boxes recomputed for the glyphs it now holds)."""
        out = io.BytesIO()
        self.font.recalcBBoxes = True
        self.font.save(out)
        return out.getvalue()


def _outline(glyph: object) -> bytes:
    """A glyph's outline as stored (empty for a glyph the subset left out)."""
    if glyph is None:
        return b""
    data = getattr(glyph, "data", None)
    if data is not None:
        return data
    if getattr(glyph, "numberOfContours", 0) == 0:
        return b""
    from fontTools.ttLib.tables._g_l_y_f import Glyph

    assert isinstance(glyph, Glyph)
    return glyph.compile(None)


def _widths(array: Array) -> dict[int, float]:
    """``/W`` as glyph id -> width (WeasyPrint writes ``first [w w ...]`` runs)."""
    widths: dict[int, float] = {}
    items = list(array)
    for first, run in zip(items[::2], items[1::2], strict=True):
        for offset, width in enumerate(run):
            widths[int(first) + offset] = float(width)
    return widths


def _width_array(widths: dict[int, float]) -> Array:
    runs: list = []
    for glyph in sorted(widths):
        if glyph - 1 not in widths:
            runs += [glyph, []]
        runs[-1].append(_number(widths[glyph]))
    return Array([Array(item) if isinstance(item, list) else item for item in runs])


def _number(value: float) -> int | float:
    return int(value) if value == int(value) else value


def _to_unicode(cmap: bytes) -> dict[int, bytes]:
    return {int(glyph, 16): text.lower() for glyph, text in _BFCHAR.findall(cmap.split(b"endcodespacerange", 1)[-1])}


def _cmap(text: dict[int, bytes]) -> bytes:
    """A ToUnicode CMap as WeasyPrint writes one (runs of at most 100 entries)."""
    entries = sorted(text.items())
    lines = [_CMAP_HEAD.rstrip(b"\n")]
    for start in range(0, len(entries), 100):
        batch = entries[start:start + 100]
        lines.append(b"%d beginbfchar" % len(batch))
        lines += [b"<%04x> <%s>" % (glyph, unicode) for glyph, unicode in batch]
        lines.append(b"endbfchar")
    lines.append(_CMAP_TAIL)
    return b"\n".join(lines)


def _cid_set(widths: dict[int, float]) -> bytes:
    """The CIDSet bitmap of the glyph ids used (PDF 1.4 and earlier)."""
    size = max(widths) // 8 + 1
    bits = bytearray(size)
    for glyph in widths:
        bits[glyph // 8] |= 0x80 >> (glyph % 8)
    return bytes(bits)
