"""What fonts a PDF embeds, read back from the file: for tests that no other font slipped in."""

from __future__ import annotations

import io

from fontTools.ttLib import TTFont
from pypdf import PdfReader

from reportgen.style import FontFamily
from reportgen.typefaces import _open, available_families


def embedded_fonts(reader: PdfReader) -> dict[str, str]:
    """BaseFont -> the PostScript name in the embedded font program, for every font of every
    page, including those of the charts (form XObjects)."""
    found: dict[str, str] = {}
    stack = [page["/Resources"] for page in reader.pages]
    seen: set[int] = set()
    while stack:
        resources = stack.pop().get_object()
        for font in resources.get("/Font", {}).values():
            font = font.get_object()
            descriptor = font["/DescendantFonts"][0].get_object()["/FontDescriptor"].get_object()
            program = next(descriptor[k] for k in ("/FontFile2", "/FontFile3", "/FontFile") if k in descriptor)
            found[str(font["/BaseFont"])] = TTFont(io.BytesIO(program.get_object().get_data()))["name"].getDebugName(6)
        for xobject in resources.get("/XObject", {}).values():
            if id(xobject.get_object()) not in seen and "/Resources" in xobject.get_object():
                seen.add(id(xobject.get_object()))
                stack.append(xobject.get_object()["/Resources"])
    return found


def postscript_names(families: tuple[FontFamily, ...] | None = None) -> dict[str, FontFamily]:
    """PostScript name of every face of ``families`` (default: the whole stack on this machine)."""
    return {_open(face)["name"].getDebugName(6): family for family in families or available_families() for face in family.faces}
