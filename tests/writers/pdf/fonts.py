"""What fonts a PDF embeds, read back from the file: for tests that no other font slipped in."""

from __future__ import annotations

import io
import re
from collections.abc import Iterator

from fontTools.ttLib import TTFont
from pypdf import PdfReader

from reportgen.data.brand import house_brand
from reportgen.model.brand import FontFamily
from reportgen.typefaces import open_face, stack


def _fonts(reader: PdfReader) -> Iterator[tuple[dict, str]]:
    """Every font dictionary of every page, including those of the charts (form XObjects), with
    the PostScript name of its embedded program."""
    stack = [page["/Resources"] for page in reader.pages]
    seen: set[int] = set()
    while stack:
        resources = stack.pop().get_object()
        for font in resources.get("/Font", {}).values():
            font = font.get_object()
            descriptor = font["/DescendantFonts"][0].get_object()["/FontDescriptor"].get_object()
            program = next(descriptor[k] for k in ("/FontFile2", "/FontFile3", "/FontFile") if k in descriptor)
            yield font, TTFont(io.BytesIO(program.get_object().get_data()))["name"].getDebugName(6)
        for xobject in resources.get("/XObject", {}).values():
            form = xobject.get_object()
            if id(form) not in seen and "/Resources" in form:
                seen.add(id(form))
                stack.append(form["/Resources"])


def embedded_fonts(reader: PdfReader) -> dict[str, str]:
    """BaseFont -> the PostScript name in the embedded font program, for every font used."""
    return {str(font["/BaseFont"]): postscript for font, postscript in _fonts(reader)}


def postscript_names(families: tuple[FontFamily, ...] | None = None) -> dict[str, FontFamily]:
    """PostScript name of every face of ``families`` (default: the house brand's whole stack on this machine)."""
    return {open_face(face)["name"].getDebugName(6): family for family in families or stack(house_brand().families)
            for face in family.faces}


def glyph_texts(reader: PdfReader, postscript: str) -> dict[int, str]:
    """Glyph id -> the text it stands for (the font's ToUnicode map), for the embedded font
    whose program is ``postscript``. WeasyPrint keeps the original glyph ids when it subsets."""
    out: dict[int, str] = {}
    for font, name in _fonts(reader):
        if name == postscript:
            cmap = font["/ToUnicode"].get_object().get_data().decode()
            pairs = re.findall(r"<([0-9a-f]{4})> <([0-9a-f]+)>", cmap)
            out |= {int(gid, 16): bytes.fromhex(text).decode("utf-16-be") for gid, text in pairs}
    return out


def nominal_glyphs(family: FontFamily) -> dict[str, int]:
    """Character -> the glyph id its cmap names in ``family``'s regular face: the isolated,
    unshaped form of a letter."""
    font = open_face(family.faces[0])
    return {chr(code): font.getGlyphID(name) for code, name in font.getBestCmap().items()}
