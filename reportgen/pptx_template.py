"""A corporate PowerPoint template read as data: the package opened as a presentation, the layout
each kind of slide takes, its theme, its pictures.

Three callers share it: the brand loader (can a deck be built on the template with the brand's
layout names, and which face does its theme set: ``check_template``), the deck writer (which
builds the deck on it: ``writers.pptx.template``) and ``reportgen brand --from-template`` (a
starter brand from its theme colours, fonts and logo pictures). Whatever would stop the deck
writer (a file that is not a presentation, a layout name the template lacks, a content layout
without room under its title) is decided here, once, so that ``check`` refuses what ``build``
would. It reads bytes and never opens a file.

A template comes as a ``.pptx`` or a ``.potx``. The two packages differ only in the content
type of their main part, and python-pptx refuses the template type, so ``as_presentation``
rewrites that one entry of ``[Content_Types].xml`` in memory; the deck written from it is a
presentation, as a user who opens a .potx in PowerPoint gets a new presentation. A
macro-enabled file is refused: a .pptx may not carry macros (PowerPoint will not open one
that does), and dropping them silently would hand the firm a template that is not theirs.
"""

from __future__ import annotations

import hashlib
import io
import posixpath
import re
import zipfile
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Literal

from lxml import etree
from pptx.enum.shapes import PP_PLACEHOLDER

CONTENT_TYPES = "[Content_Types].xml"
PRESENTATION_MAIN = "application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml"
_OPENED_AS_PRESENTATION = {  # main parts PowerPoint opens as a new presentation
    "application/vnd.openxmlformats-officedocument.presentationml.template.main+xml": ".potx",
    "application/vnd.openxmlformats-officedocument.presentationml.slideshow.main+xml": ".ppsx",
}
_MACRO_ENABLED = {
    "application/vnd.ms-powerpoint.presentation.macroEnabled.main+xml": ".pptm",
    "application/vnd.ms-powerpoint.template.macroEnabled.main+xml": ".potm",
    "application/vnd.ms-powerpoint.slideshow.macroEnabled.main+xml": ".ppsm",
}
# LibreOffice names its core properties with a draft standard's relationship type.
_DRAFT_CORE_PROPERTIES = "http://schemas.openxmlformats.org/officedocument/2006/relationships/metadata/core-properties"
OFFICE_DOCUMENT = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument"
_CT = "{http://schemas.openxmlformats.org/package/2006/content-types}"
_REL = "{http://schemas.openxmlformats.org/package/2006/relationships}"
A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
P = "{http://schemas.openxmlformats.org/presentationml/2006/main}"
R = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
_SAFE_XML = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)

# The theme's colour slots, in the order PowerPoint's colour picker shows them.
COLOUR_SLOTS = ("dk1", "lt1", "dk2", "lt2", "accent1", "accent2", "accent3", "accent4", "accent5", "accent6",
                "hlink", "folHlink")
LOGO_MAX_SHARE = 0.25  # of the slide's area: a larger picture on a master is a background, not a logo
LOGO_MAX_ASPECT = 6  # a picture longer than this many times its width (or the reverse) is a rule or a band
LOGO_TYPES = {"image/png": "png", "image/jpeg": "jpeg", "image/svg+xml": "svg"}


class TemplateError(ValueError):
    """A file that cannot serve as the deck's template: ``reason`` says why, following the file's
    name (the caller names the file); ``field`` is the brand's ``pptx-layouts`` entry at fault, if
    one is."""

    def __init__(self, reason: str, field: str = ""):
        super().__init__(f"{field}: {reason}" if field else reason)
        self.reason, self.field = reason, field


def as_presentation(data: bytes) -> bytes:
    """The template's package with its main part typed as a presentation (a .potx or .ppsx
    rewritten in memory; a .pptx returned as it is). Raises ``TemplateError``."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            names = set(z.namelist())
            if CONTENT_TYPES not in names or "_rels/.rels" not in names:
                raise TemplateError("is not an Office file (a zip package without [Content_Types].xml)")
            types = etree.fromstring(z.read(CONTENT_TYPES), _SAFE_XML)
            main = _main_part(etree.fromstring(z.read("_rels/.rels"), _SAFE_XML))
            override = next((o for o in types.iter(f"{_CT}Override") if o.get("PartName") == main), None)
            kind = override.get("ContentType") if override is not None else None
            if kind == PRESENTATION_MAIN:
                return data
            if kind in _MACRO_ENABLED:
                raise TemplateError(f"is a macro-enabled PowerPoint file ({_MACRO_ENABLED[kind]}): save it as .potx "
                                    "or .pptx, without macros")
            if kind not in _OPENED_AS_PRESENTATION:
                raise TemplateError(f"is not a PowerPoint presentation or template (its main part is {kind or 'missing'})")
            override.set("ContentType", PRESENTATION_MAIN)
            return _replace_member(z, CONTENT_TYPES, etree.tostring(types, xml_declaration=True, encoding="UTF-8",
                                                                   standalone=True))
    except (zipfile.BadZipFile, etree.XMLSyntaxError, KeyError) as exc:
        raise TemplateError(f"is not a readable PowerPoint file ({exc})") from None


def _main_part(rels) -> str:
    target = next((r.get("Target") for r in rels.iter(f"{_REL}Relationship") if r.get("Type") == OFFICE_DOCUMENT), None)
    if target is None:
        raise TemplateError("is not an Office document (its package names no main part)")
    return "/" + posixpath.normpath(target.lstrip("/"))


def _replace_member(z: zipfile.ZipFile, name: str, blob: bytes) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in z.infolist():
            dst.writestr(info, blob if info.filename == name else z.read(info.filename))
    return out.getvalue()


def open_template(data: bytes):
    """The template as a python-pptx Presentation (``as_presentation`` first). Raises ``TemplateError``
    for a file that is not a presentation or has no slide layout to build a deck on."""
    from pptx import Presentation

    package = as_presentation(data)
    try:
        prs = Presentation(io.BytesIO(package))
        layouts = [layout for master in prs.slide_masters for layout in master.slide_layouts]
    except Exception as exc:  # python-pptx raises many kinds on a damaged package; all mean the same here
        raise TemplateError(f"cannot be read as a presentation ({type(exc).__name__}: {exc})") from None
    if not layouts:
        raise TemplateError("has no slide layouts to build a deck on")
    package = prs.part.package
    for rid, rel in list(package._rels.items()):  # python-pptx has no public list of the package's relationships
        if rel.reltype == _DRAFT_CORE_PROPERTIES:  # python-pptx would not find it and add a second core.xml
            package.drop_rel(rid)
    return prs


Role = Literal["title", "content"]
ROLES: tuple[Role, ...] = ("title", "content")
LAYOUT_NAMES: dict[Role, tuple[str, ...]] = {
    "title": ("Title Slide",),
    "content": ("Title Only", "Title and Content", "Title, Content"),
}
FURNITURE = {PP_PLACEHOLDER.DATE, PP_PLACEHOLDER.FOOTER, PP_PLACEHOLDER.SLIDE_NUMBER}
TITLES = {PP_PLACEHOLDER.TITLE, PP_PLACEHOLDER.CENTER_TITLE}
BODIES = {PP_PLACEHOLDER.BODY, PP_PLACEHOLDER.OBJECT}


# --- choosing layouts ----------------------------------------------------------------------


def _normal(name: str) -> str:
    return re.sub(r"\s+", " ", name).strip().casefold()


def _kinds(layout) -> list:
    """The layout's placeholder types, footer, date and slide number left out."""
    return [ph.placeholder_format.type for ph in layout.placeholders if ph.placeholder_format.type not in FURNITURE]


def _fit(role: str, layout) -> int | None:
    """How well a layout's placeholders fit a role, best first (0); None if they do not."""
    kinds = _kinds(layout)
    titles = [k for k in kinds if k in TITLES]
    others = [k for k in kinds if k not in TITLES]
    if role == "title":
        if PP_PLACEHOLDER.CENTER_TITLE in kinds:
            return 0 if PP_PLACEHOLDER.SUBTITLE in kinds else 2
        return 1 if titles and PP_PLACEHOLDER.SUBTITLE in kinds else None
    if titles != [PP_PLACEHOLDER.TITLE] or PP_PLACEHOLDER.SUBTITLE in kinds:  # a subtitle: a title slide's layout
        return None
    if not others:
        return 0
    return 1 if len(others) == 1 and others[0] in BODIES else 2


def all_layouts(prs) -> list:
    return [layout for master in prs.slide_masters for layout in master.slide_layouts]


def choose_layouts(prs, overrides: Mapping[str, str]) -> dict[Role, object]:
    """Each role's layout (see the module docstring). Raises ``TemplateError`` when a named
    layout does not exist or fit, or no layout fits a role."""
    unknown = sorted(set(overrides) - set(ROLES))
    if unknown:
        raise TemplateError(f"not a kind of slide (the kinds are {', '.join(ROLES)})", f"pptx-layouts.{unknown[0]}")
    chosen: dict[Role, object] = {}
    for role in ("content", "title"):  # content first: a template with no title layout puts the title on it
        layout = _choose(prs, role, overrides.get(role))
        if layout is None and role == "title":
            layout = chosen["content"]  # a title on a content layout rather than no deck
        elif layout is None:
            raise TemplateError("has no layout for content slides (none has a title placeholder)")
        chosen[role] = layout
    return chosen


def _choose(prs, role: Role, override: str | None):
    """The best layout for ``role``: in the master the sample slides use for it, then by name
    (the override's, else the usual names), then by how well its placeholders fit."""
    masters = list(prs.slide_masters)
    preferred = _sample_master(prs, role)
    names = [_normal(override)] if override is not None else [_normal(name) for name in LAYOUT_NAMES[role]]
    ranked = []
    for n, layout in enumerate(all_layouts(prs)):
        fit, name = _fit(role, layout), _normal(layout.name)
        if fit is None or (override is not None and name not in names):
            continue
        by_name = names.index(name) if name in names else len(names) + fit
        ranked.append(((masters.index(layout.slide_master) != preferred, by_name, n), layout))
    if ranked or override is None:
        return min(ranked, key=lambda item: item[0])[1] if ranked else None
    layouts = all_layouts(prs)
    if any(_normal(layout.name) in names for layout in layouts):
        needs = "a title placeholder" if role == "content" else "a title and a subtitle placeholder"
        raise TemplateError(f"layout {override!r} has not got {needs}", f"pptx-layouts.{role}")
    known = ", ".join(dict.fromkeys(repr(layout.name) for layout in layouts))
    raise TemplateError(f"the template has no layout named {override!r} (it has {known})", f"pptx-layouts.{role}")


def _sample_master(prs, role: str) -> int:
    """The master of the first sample slide whose layout fits ``role``; else the first master."""
    masters = list(prs.slide_masters)
    for slide in prs.slides:
        layout = slide.slide_layout
        if _fit(role, layout) is not None:
            return masters.index(layout.slide_master)
    return 0


def check_template(data: bytes, layouts: Mapping[str, str] | None = None) -> Theme:
    """The theme of the template ``data``, once a deck is known to build on it with ``layouts`` (a
    brand's ``pptx-layouts``): what ``check`` asks of a brand's template, so that ``build`` can
    build it. Raises ``TemplateError``."""
    prs = open_template(data)
    chosen = choose_layouts(prs, layouts or {})
    content_room(chosen["content"], prs.slide_height / EMU)
    title_area(chosen["title"])
    return read_theme(prs)


# --- room on the layouts -------------------------------------------------------------------

EMU = 914400
MIN_CONTENT = (3.0, 1.5)  # inches: less room than this under the title is not a content layout
FOOT_MARGIN = 0.4  # inches kept free at the slide's foot when no footer placeholder marks it
CLEARANCE = 0.16  # inches kept between a layout's title and what goes under it


@dataclass(frozen=True)
class Area:
    """A rectangle on a slide, in inches: here a placeholder's box on a layout (the deck writer's
    ``Box`` is one, with what its planning adds)."""

    x: float
    y: float
    w: float
    h: float

    @property
    def bottom(self) -> float:
        return self.y + self.h

    @property
    def right(self) -> float:
        return self.x + self.w


def area(shape) -> Area | None:
    """A placeholder's effective box (its own, or the one it inherits from its master), or None."""
    values = (shape.left, shape.top, shape.width, shape.height)
    if any(v is None for v in values):
        return None
    return Area(*(v / EMU for v in values))


def placeholder_areas(layout, kinds: set) -> Iterator[tuple[object, Area]]:
    """Each placeholder of ``layout`` of one of ``kinds`` that has a position, with its box."""
    for ph in layout.placeholders:
        if ph.placeholder_format.type in kinds and (box := area(ph)) is not None:
            yield ph, box


def title_area(layout) -> Area:
    """The box of the layout's title placeholder (a centred title first). Raises ``TemplateError``
    when it has no position."""
    for kinds in ({PP_PLACEHOLDER.CENTER_TITLE}, {PP_PLACEHOLDER.TITLE}):
        found = next((box for _, box in placeholder_areas(layout, kinds)), None)
        if found is not None:
            return found
    raise TemplateError(f"gives the title placeholder of its layout {layout.name!r} no position")


def content_room(layout, height: float) -> tuple[Area, Area]:
    """The title's box on a content layout and the content area under it: the layout's largest
    body placeholder, else its master's body placeholder, else the title's width from under it to
    the footer; never above the title's bottom. Raises ``TemplateError`` when it is smaller than
    ``MIN_CONTENT``."""
    title = title_area(layout)
    bodies = [box for _, box in placeholder_areas(layout, BODIES)]
    if not bodies:
        bodies = [box for _, box in placeholder_areas(layout.slide_master, {PP_PLACEHOLDER.BODY})]
    found = max(bodies, key=lambda b: b.w * b.h) if bodies else room_below(layout, title, height)
    top = max(found.y, title.bottom + CLEARANCE / 2)
    content = Area(found.x, top, found.w, found.bottom - top)
    if content.w < MIN_CONTENT[0] or content.h < MIN_CONTENT[1]:
        raise TemplateError(f"leaves {max(content.w, 0):.2f} x {max(content.h, 0):.2f} in for content under the title of its layout "
                            f"{layout.name!r}; reportgen needs at least {MIN_CONTENT[0]} x {MIN_CONTENT[1]} in")
    return title, content


def room_below(layout, title: Area, height: float) -> Area:
    """The title's width from under it to the layout's footer placeholders (or near the slide's foot)."""
    footers = [box.y for _, box in placeholder_areas(layout, FURNITURE) if box.y > title.bottom]
    bottom = min(footers, default=height - FOOT_MARGIN) - CLEARANCE
    return Area(title.x, title.bottom + CLEARANCE, title.w, bottom - title.bottom - CLEARANCE)


# --- the theme -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Theme:
    """What a template's theme sets: its colour slots as ``#RRGGBB`` and its heading and body faces."""

    name: str
    colours: dict[str, str]  # slot (``COLOUR_SLOTS``) -> "#RRGGBB"
    major: str  # headings' Latin face
    minor: str  # body text's Latin face


def read_theme(prs) -> Theme:
    """The theme of the template's first slide master: the one its own first slides are drawn on,
    and the one a new slide in PowerPoint gets."""
    return master_theme(prs.slide_masters[0])


def master_theme(master) -> Theme:
    """The theme a slide master's slides are drawn in."""
    from pptx.opc.constants import RELATIONSHIP_TYPE as RT

    root = etree.fromstring(master.part.part_related_by(RT.THEME).blob, _SAFE_XML)
    scheme = root.find(f"{A}themeElements/{A}clrScheme")
    colours = {}
    for slot in COLOUR_SLOTS:
        holder = scheme.find(f"{A}{slot}") if scheme is not None else None
        value = _colour(holder) if holder is not None else None
        if value:
            colours[slot] = value
    fonts = root.find(f"{A}themeElements/{A}fontScheme")

    def face(which: str) -> str:
        latin = fonts.find(f"{A}{which}/{A}latin") if fonts is not None else None
        return (latin.get("typeface") or "").strip() if latin is not None else ""

    return Theme(root.get("name", ""), colours, face("majorFont"), face("minorFont"))


def _colour(holder) -> str | None:
    """A colour slot's RGB: an sRGB value, or a system colour's last known value."""
    rgb = holder.find(f"{A}srgbClr")
    if rgb is not None:
        return "#" + rgb.get("val", "").upper()
    system = holder.find(f"{A}sysClr")
    if system is not None and system.get("lastClr"):
        return "#" + system.get("lastClr").upper()
    return None


# --- pictures on the masters and layouts ----------------------------------------------------


@dataclass(frozen=True)
class Picture:
    """A picture drawn on a master or layout: the firm's logo, usually."""

    where: str  # "master 1", "layout 'Title Slide'"
    name: str  # the shape's name
    blob: bytes
    extension: str  # png, jpeg, svg
    width: float  # inches, as drawn
    height: float


def master_pictures(prs) -> list[Picture]:
    """Pictures on the masters, then on the layouts, each once, in drawing order, shaped like a
    logo (a picture covering much of the slide is a background, a long thin one a rule) and in
    a format a brand's logo may have (PNG, JPEG, SVG; an SVG's PNG fallback when the SVG is an
    extension)."""
    slide_area = prs.slide_width * prs.slide_height
    seen: set[str] = set()
    out = []
    for where, part, shapes in _design_parts(prs):
        for pic, image in _pictures(part, shapes):
            w, h = int(pic["cx"]), int(pic["cy"])
            digest = hashlib.sha256(image.blob).hexdigest()
            logo_shaped = 0 < w * h <= LOGO_MAX_SHARE * slide_area and max(w, h) <= LOGO_MAX_ASPECT * min(w, h)
            if image.content_type not in LOGO_TYPES or not logo_shaped or digest in seen:
                continue
            seen.add(digest)
            out.append(Picture(where, pic["name"], image.blob, LOGO_TYPES[image.content_type], w / 914400, h / 914400))
    return out


def picture_types(prs) -> set[str]:
    """The content types of every picture on the masters and layouts, logo-shaped or not."""
    return {image.content_type for _, part, shapes in _design_parts(prs) for _, image in _pictures(part, shapes)}


def _design_parts(prs) -> Iterator[tuple[str, object, object]]:
    for n, master in enumerate(prs.slide_masters, 1):
        yield f"master {n}", master.part, master.shapes
    for master in prs.slide_masters:
        for layout in master.slide_layouts:
            yield f"layout {layout.name!r}", layout.part, layout.shapes


def _pictures(part, shapes) -> Iterator[tuple[dict[str, str], object]]:
    """Each p:pic of a shape tree (groups included) with its image part."""
    for pic in shapes._spTree.iter(f"{P}pic"):
        blip = pic.find(f"{P}blipFill/{A}blip")
        ext = pic.find(f"{P}spPr/{A}xfrm/{A}ext")
        rid = blip.get(f"{R}embed") if blip is not None else None
        if rid is None or ext is None or rid not in part.rels:
            continue
        name = pic.find(f"{P}nvPicPr/{P}cNvPr").get("name", "")
        yield {"name": name, "cx": ext.get("cx", "0"), "cy": ext.get("cy", "0")}, part.related_part(rid)
