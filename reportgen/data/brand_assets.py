"""The files a brand or a client variant points at, read once and checked for what they claim to be.

A logo, a font or a template comes from whoever can edit a brand file or a variants file, so its
name proves nothing: a logo may link to /etc/passwd, be a text file, a truncated PNG or a 20000
x 20000 pixel bomb; a font may be a renamed PDF; a template a Word file. Each is refused here,
before any output is made, with one line naming the file and the field (``path: field: problem``,
exit 2), under the data layer's file rules (``data.files``: a regular file inside the folder of
the file that names it, never a FIFO or a device). What passes is kept as bytes in the brand
(``model.brand``): writers never read the file again, and a worker needs no access to it.

- A logo is a PNG or a JPEG that decodes completely within ``MAX_PIXELS``, or an SVG that is
  plain XML (no DOCTYPE, so no entities), has a size, and neither runs nor loads anything (no
  script, no foreignObject, no link but to its own elements or a data: image).
- A font is a single-face TrueType or OpenType file (WOFF and WOFF2 are unpacked to one) whose
  character map, metrics and outlines fontTools reads, and whose licence allows embedding.
- A template is a PowerPoint presentation or template the deck can be built on with the brand's
  layout names: ``pptx_template.check_template``, the deck writer's own rule, so that ``check``
  refuses what ``build`` would.
"""

from __future__ import annotations

import hashlib
import io
import re
import struct
import threading
import warnings
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from reportgen.data.files import TooLarge, read_bytes, refusal
from reportgen.model.brand import FontFace, Image, Template

MAX_PIXELS = 40_000_000  # a logo of more than 40 megapixels is refused (decoding it would take gigabytes)
MAX_LOGO_BYTES = 20 * 2**20
MAX_FONT_BYTES = 50 * 2**20
MAX_TEMPLATE_BYTES = 200 * 2**20  # brand_files.MAX_FILE_BYTES: no file a brand names is hashed beyond it
RASTER = {b"\x89PNG\r\n\x1a\n": ("image/png", "PNG"), b"\xff\xd8\xff": ("image/jpeg", "JPEG")}
SVG_NS = "{http://www.w3.org/2000/svg}"
_SVG_START = re.compile(rb"^(\xef\xbb\xbf)?\s*(<\?xml[^>]*\?>\s*)?(<!--.*?-->\s*)*<svg[\s>]", re.S)
_LENGTH = re.compile(r"^\s*([0-9]*\.?[0-9]+)\s*(px|pt|pc|mm|cm|in)?\s*$")
_UNITS = {None: 1.0, "px": 1.0, "pt": 4 / 3, "pc": 16.0, "mm": 96 / 25.4, "cm": 96 / 2.54, "in": 96.0}
_REFERENCE = re.compile(r"url\(\s*['\"]?\s*(?!#)", re.I)
FONT_MAGIC = (b"\x00\x01\x00\x00", b"OTTO", b"true", b"wOFF", b"wOF2")
_DECODING = threading.Lock()  # Pillow's truncated-image setting is the process's: one strict decode at a time


class Refusal(ValueError):
    """Why a file is not what its field needs; the caller names the file and the field."""


@dataclass(frozen=True)
class Read:
    """A file's bytes and its name for messages."""

    data: bytes
    name: str


def read(path: Path, folder: Path, limit: int) -> Read:
    """The bytes of ``path``, which must be a regular file inside ``folder`` and at most ``limit`` bytes."""
    why = refusal(path, folder, folder_name=f"the folder of the file that names it ({folder.name or folder})")
    if why:
        raise Refusal(f"{path.name}: {why}")
    try:
        return Read(read_bytes(path, limit), path.name)
    except TooLarge:
        raise Refusal(f"{path.name}: {path.stat().st_size / 2**20:.0f} MB, more than the {limit // 2**20} MB allowed") from None
    except OSError as exc:
        raise Refusal(f"{path.name}: cannot be read ({exc.strerror})") from None


def logo(path: Path, folder: Path, alt: str = "") -> Image:
    """A logo file as an ``Image``: a complete PNG or JPEG within ``MAX_PIXELS``, or a safe SVG."""
    found = read(path, folder, MAX_LOGO_BYTES)
    kind = next((kind for magic, kind in RASTER.items() if found.data.startswith(magic)), None)
    if kind is not None:
        width, height = _raster_size(found, *kind)
        mime = kind[0]
    elif _SVG_START.match(found.data[:4096]):
        width, height = _svg_size(found)
        mime = "image/svg+xml"
    else:
        raise Refusal(f"{found.name}: not a PNG, JPEG or SVG image (its first bytes say otherwise)")
    return Image(found.data, mime, width, height, found.name, alt, hashlib.sha256(found.data).hexdigest())


def _raster_size(found: Read, mime: str, format_name: str) -> tuple[int, int]:
    """The pixel size of a PNG or JPEG, after decoding all of it (a truncated file fails here, not in a writer)."""
    from PIL import Image as Pillow
    from PIL import ImageFile, UnidentifiedImageError

    if format_name == "PNG" and len(found.data) >= 24:  # the size its header claims, before Pillow's own bomb check
        _within_limit(found.name, *struct.unpack(">II", found.data[16:24]))
    try:
        # WeasyPrint, once imported, has Pillow fill a truncated image's missing rows in silence: not here.
        with _DECODING, warnings.catch_warnings():
            warnings.simplefilter("error", Pillow.DecompressionBombWarning)
            lenient, ImageFile.LOAD_TRUNCATED_IMAGES = ImageFile.LOAD_TRUNCATED_IMAGES, False
            try:
                with Pillow.open(io.BytesIO(found.data), formats=[format_name]) as image:
                    width, height = image.size
                    _within_limit(found.name, width, height)
                    image.load()
            finally:
                ImageFile.LOAD_TRUNCATED_IMAGES = lenient
    except Refusal:
        raise
    except (Pillow.DecompressionBombError, Pillow.DecompressionBombWarning):
        raise Refusal(f"{found.name}: more than {MAX_PIXELS // 1_000_000} megapixels, the most a logo may have") from None
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError) as exc:
        raise Refusal(f"{found.name}: a damaged or truncated {format_name} image ({exc})") from None
    if not (width and height):
        raise Refusal(f"{found.name}: an image of no pixels")
    return width, height


def _within_limit(name: str, width: int, height: int) -> None:
    if width * height > MAX_PIXELS:
        raise Refusal(f"{name}: {width} x {height} pixels ({width * height / 1e6:.0f} megapixels); a logo may have at most "
                      f"{MAX_PIXELS // 1_000_000}")


def _svg_size(found: Read) -> tuple[int, int]:
    """An SVG's intrinsic size in CSS pixels, once it is known to be safe to show anywhere."""
    from lxml import etree

    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False)
    try:
        root = etree.fromstring(found.data, parser)
    except etree.XMLSyntaxError as exc:
        raise Refusal(f"{found.name}: not a well-formed SVG ({exc})") from None
    if root.getroottree().docinfo.doctype:
        raise Refusal(f"{found.name}: an SVG with a DOCTYPE; remove it (entities are not read)")
    if root.tag != f"{SVG_NS}svg":
        raise Refusal(f"{found.name}: not an SVG image (its root element is not <svg> in the SVG namespace)")
    for element in root.iter():
        tag = element.tag if isinstance(element.tag, str) else ""
        if tag.split("}")[-1] in ("script", "foreignObject"):
            raise Refusal(f"{found.name}: an SVG with a <{tag.split('}')[-1]}> element; a logo may not run or embed anything")
        for name, value in element.attrib.items():
            local = name.split("}")[-1]
            if local.startswith("on"):
                raise Refusal(f"{found.name}: an SVG with an event handler ({local}); a logo may not run anything")
            if local == "href" and not (value.startswith("#") or value.startswith("data:image/")):
                raise Refusal(f"{found.name}: an SVG that links to {value[:60]!r}; a logo may not load anything")
            if local == "style" and _REFERENCE.search(value):
                raise Refusal(f"{found.name}: an SVG whose style loads a URL; a logo may not load anything")
        if tag.split("}")[-1] == "style" and (_REFERENCE.search(element.text or "") or "@import" in (element.text or "")):
            raise Refusal(f"{found.name}: an SVG whose stylesheet loads a URL; a logo may not load anything")
    width, height = _svg_length(root.get("width")), _svg_length(root.get("height"))
    box = (root.get("viewBox") or "").replace(",", " ").split()
    if (width is None or height is None) and len(box) == 4:
        try:
            box_w, box_h = float(box[2]), float(box[3])
        except ValueError:
            box_w = box_h = 0.0
        if box_w > 0 and box_h > 0:
            width, height = (width, width * box_h / box_w) if width else (height * box_w / box_h, height) if height else (box_w, box_h)
    if not width or not height:
        raise Refusal(f"{found.name}: an SVG with no size: give its <svg> a width and height, or a viewBox")
    return max(1, round(width)), max(1, round(height))


def _svg_length(value: str | None) -> float | None:
    """A width or height in CSS pixels (None: not given, or a percentage)."""
    match = _LENGTH.match(value or "")
    return float(match[1]) * _UNITS[match[2]] if match and float(match[1]) > 0 else None


def font(path: Path, folder: Path, weight: int, style: str) -> FontFace:
    """A font file as a ``FontFace`` of plain TrueType or OpenType bytes."""
    from fontTools.ttLib import TTFont

    found = read(path, folder, MAX_FONT_BYTES)
    if found.data[:4] == b"ttcf":
        raise Refusal(f"{found.name}: a font collection; give one file per face")
    if found.data[:4] not in FONT_MAGIC:
        raise Refusal(f"{found.name}: not a font file (TrueType, OpenType, WOFF or WOFF2)")
    try:
        parsed = TTFont(io.BytesIO(found.data), recalcTimestamp=False, recalcBBoxes=False)
        if not parsed.getBestCmap():
            raise Refusal(f"{found.name}: a font with no Unicode character map")
        missing = [t for t in ("head", "hhea", "hmtx", "OS/2") if t not in parsed]
        if missing or not any(t in parsed for t in ("glyf", "CFF ", "CFF2")):
            raise Refusal(f"{found.name}: a font without its {', '.join(missing) or 'outline'} table(s)")
        parsed["hmtx"].metrics  # noqa: B018 (decoded here, so a damaged table fails now)
        if parsed["OS/2"].fsType & 0x000F == 0x0002:
            raise Refusal(f"{found.name}: its licence forbids embedding it (OS/2 fsType: restricted), and the PDF and "
                          "the web edition embed their fonts")
        data = found.data
        if parsed.flavor is not None:  # WOFF or WOFF2: unpacked once, so every library reads it
            parsed.flavor = None
            out = io.BytesIO()
            parsed.save(out)
            data = out.getvalue()
    except Refusal:
        raise
    except Exception as exc:  # fontTools raises many kinds for a damaged file
        raise Refusal(f"{found.name}: not a font fontTools can read ({type(exc).__name__}: {exc})") from None
    return FontFace(path, weight, style, data=data, digest=hashlib.sha256(data).hexdigest())


def template(path: Path, folder: Path, layouts: Mapping[str, str]) -> Template:
    """A PowerPoint presentation or template the deck can be built on with ``layouts`` (the brand's
    ``pptx-layouts``), as the deck writer decides it (``pptx_template.check_template``), with its
    theme's body face. Raises ``Refusal`` for a file that cannot be read, and
    ``pptx_template.TemplateError`` for one the deck would refuse (its ``field`` names the layout
    at fault, if one is)."""
    from reportgen.pptx_template import check_template  # python-pptx: only for a brand that names a template

    found = read(path, folder, MAX_TEMPLATE_BYTES)
    theme = check_template(found.data, layouts)
    return Template(found.name, found.data, hashlib.sha256(found.data).hexdigest(), theme.minor or None)
