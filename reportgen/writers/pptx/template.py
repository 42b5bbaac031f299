"""The deck built on a corporate template: its layouts chosen by role, its sample slides removed, its geometry read.

The deck has two kinds of slide (``pptx_template.ROLES``): the title slide, and content slides
(agenda, sections, sources), on which reportgen places its own text boxes, charts and tables
under the layout's title. Each role takes one of the template's own layouts
(``pptx_template.choose_layouts``, shared with the brand's check), as docs/pptx-template.md says:

1. the layout a brand names for the role (``defaults.reportgen.pptx-layouts``), if it does;
2. else the first layout with one of the role's usual names (``LAYOUT_NAMES``: PowerPoint's
   English names, and LibreOffice's, which exports "Title, Content");
3. else the first layout holding the role's placeholders (a centred title, or a title and a
   subtitle; a title alone, or a title and one content placeholder), whatever it is called,
   so a template in another language or with the firm's own names still works.

A template may have several masters (LibreOffice exports one per master page, a title design
and a content design, each with the same set of layouts). The template's own sample slides
show which master its authors use for which kind of slide, so a role prefers the master of the
first sample slide whose layout fits the role, then the first master.

Every layout and master stays in the deck for the people who edit it. The sample slides go,
and with them their notes, media and anything only they use (python-pptx writes only the parts
reachable from the presentation), the sections and custom shows that listed them, and the
package thumbnail, which shows the template's first slide. Lessons from pandoc's and Quarto's
PowerPoint bug reports (pandoc#5402, #7536, #9139, quarto-cli#8312, #1630): a slide only ever
gets placeholders its layout has (a footer placeholder a layout lacks makes PowerPoint offer a
repair), layouts are found by name and by what they hold, and a template without slides works.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from pptx.enum.shapes import PP_PLACEHOLDER
from pptx.opc.constants import RELATIONSHIP_TYPE as RT
from pptx.oxml.ns import qn

from reportgen.pptx_template import (
    EMU,
    TITLES,
    Role,
    choose_layouts,
    content_room,
    master_theme,
    open_template,
    placeholder_areas,
    room_below,
    title_area,
)
from reportgen.writers.pptx.geometry import LOGO_H, LOGO_W, Cover, Geometry
from reportgen.writers.pptx.style import GAP, KICKER_SIZE, Box
from reportgen.writers.pptx.text import line_height

FACTS_MIN_H = 0.5  # a title slide without a subtitle gets its facts below the title if this much room is left

_SECTIONS = "{521415D9-36F7-43E2-AB2F-B90AF26B5E84}"  # p14:sectionLst, the slide sections extension


@dataclass(frozen=True)
class Deck:
    """A presentation to draw slides on: the layout each role's slides use and the geometry
    read from them. ``house`` when it is reportgen's own design (``master.house_deck``),
    whose placeholders reportgen styles itself; a template's keep the template's styles."""

    prs: object
    layouts: dict[Role, object]  # role -> SlideLayout
    geometry: Geometry
    house: bool = False
    boxes: dict[Role, dict] = field(default_factory=dict)  # role -> placeholder kind -> its box on the layout


def template_deck(data: bytes, overrides: Mapping[str, str] | None = None, *, logo: bool = False) -> Deck:
    """Open ``data`` (a .pptx or .potx), choose each role's layout, remove the sample slides and
    read the geometry (with room for a client's logo on the title slide if ``logo``).
    Raises ``TemplateError`` for a template reportgen cannot build on."""
    prs = open_template(data)
    layouts = choose_layouts(prs, overrides or {})
    geometry = read_geometry(prs, layouts, logo=logo)
    remove_sample_slides(prs)
    return Deck(prs, layouts, geometry, boxes={role: layout_boxes(layout) for role, layout in layouts.items()})


# --- removing the sample slides --------------------------------------------------------------


def remove_sample_slides(prs) -> None:
    """Remove the template's slides and everything that names them; the package thumbnail too.

    The slides' parts (and their notes, charts and media) become unreachable from the package's
    relationships, which is all python-pptx writes. Custom shows and the sections list name the
    slides by id, so they go too; an empty slide list stays (PowerPoint expects the element).
    """
    pres = prs.part._element
    shows = pres.find(qn("p:custShowLst"))
    if shows is not None:
        pres.remove(shows)
    for ext in pres.iterfind(f"{qn('p:extLst')}/{qn('p:ext')}"):
        if ext.get("uri") == _SECTIONS:
            ext.getparent().remove(ext)
    slide_list = pres.find(qn("p:sldIdLst"))
    for sld_id in list(slide_list if slide_list is not None else ()):
        slide_list.remove(sld_id)
        prs.part.rels.pop(sld_id.get(qn("r:id")))
    package = prs.part.package
    for rid, rel in list(package._rels.items()):  # python-pptx has no public list of the package's relationships
        if rel.reltype == RT.THUMBNAIL:
            package.drop_rel(rid)


# --- geometry --------------------------------------------------------------------------------


def layout_boxes(layout) -> dict:
    """Each placeholder kind (``PP_PLACEHOLDER``) of the layout with the box of its first placeholder
    of that kind (read once: a placeholder's inherited position is costly to look up)."""
    boxes: dict = {}
    for ph, box in placeholder_areas(layout, set(PP_PLACEHOLDER)):
        boxes.setdefault(ph.placeholder_format.type, Box.of(box))
    return boxes


def place_placeholders(slide, boxes: Mapping) -> None:
    """Give each placeholder of ``slide`` the position it inherits from its layout (``boxes``,
    by kind), written out.

    PowerPoint matches a slide placeholder to its layout's by type and index; LibreOffice's
    exports give every placeholder index 0, so a reader matching by index alone (python-pptx,
    some converters) would put a subtitle where the title is. Written out, the position is the
    template's wherever the deck is opened, as LibreOffice itself writes its slides.
    """
    for ph in slide.placeholders:
        box = boxes.get(ph.placeholder_format.type)
        if box is not None:
            ph.left, ph.top, ph.width, ph.height = (round(v * EMU) for v in (box.x, box.y, box.w, box.h))


def read_geometry(prs, layouts: Mapping[str, object], *, logo: bool = False) -> Geometry:
    """The geometry of a deck on these layouts (see ``geometry.Geometry``): the content layout's
    title and content area (``pptx_template.content_room``, which raises ``TemplateError`` when it
    leaves too little room) and the title slide's boxes."""
    height = prs.slide_height / EMU
    title, content = content_room(layouts["content"], height)
    kicker = line_height(KICKER_SIZE)  # the kicker is the placeholder's first line
    text_title = Box(title.x, title.y + kicker, title.w, title.h - kicker)
    return Geometry(prs.slide_width / EMU, height, None, text_title, Box.of(content), _cover(layouts["title"], height, logo))


def _cover(layout, height: float, logo: bool) -> Cover:
    """The title slide's boxes: its title placeholder, its subtitle placeholder (which then also
    takes the facts), or room under the title for them; a logo at the right of that text."""
    title = title_area(layout)
    subtitle = next((Box.of(box) for _, box in placeholder_areas(layout, {PP_PLACEHOLDER.SUBTITLE})), None)
    facts = None
    if subtitle is None:
        room = room_below(layout, title, height)
        facts = Box.of(room) if room.h >= FACTS_MIN_H else None
    text = subtitle or facts
    if not logo or text is None:
        return Cover(Box.of(title), subtitle, facts, None)
    w, h = min(LOGO_W, text.w / 3), min(LOGO_H, text.h)
    logo_box = Box(text.right - w, text.y, w, h)
    narrowed = Box(text.x, text.y, text.w - w - GAP, text.h)
    return Cover(Box.of(title), narrowed if subtitle else None, narrowed if facts else None, logo_box)


# --- faces ------------------------------------------------------------------------------------

_TEXT_STYLES = {PP_PLACEHOLDER.TITLE: "p:titleStyle", PP_PLACEHOLDER.CENTER_TITLE: "p:titleStyle"}
_MASTER_KIND = {PP_PLACEHOLDER.CENTER_TITLE: PP_PLACEHOLDER.TITLE, PP_PLACEHOLDER.SUBTITLE: PP_PLACEHOLDER.BODY,
                PP_PLACEHOLDER.OBJECT: PP_PLACEHOLDER.BODY}  # the master placeholder a layout's inherits from
_AFTER_LATIN = tuple(qn(f"a:{tag}") for tag in ("ea", "cs", "sym", "hlinkClick", "hlinkMouseOver", "rtl", "extLst"))


def inherited_face(layout, kind) -> str:
    """The Latin face text is drawn in on a slide of ``layout`` when its runs name none: in a
    placeholder of ``kind``, the first face named by the layout's and master's placeholder list
    styles or the master's title or body text style; in other shapes (``kind`` None: text boxes,
    tables) and by default, the theme's body face (a title's: its heading face)."""
    master = layout.slide_master
    theme = master_theme(master)
    if kind is None:
        return theme.minor
    styles = [ph._element for ph in layout.placeholders if ph.placeholder_format.type == kind]
    styles += [ph._element for ph in master.placeholders if ph.placeholder_format.type == _MASTER_KIND.get(kind, kind)]
    chain = [e.find(f"{qn('p:txBody')}/{qn('a:lstStyle')}") for e in styles]
    chain.append(master._element.find(f"{qn('p:txStyles')}/{qn(_TEXT_STYLES.get(kind, 'p:bodyStyle'))}"))
    for style in chain:
        latin = style.find(f"{qn('a:lvl1pPr')}/{qn('a:defRPr')}/{qn('a:latin')}") if style is not None else None
        if latin is not None and latin.get("typeface"):
            return _theme_face(latin.get("typeface"), theme)
    return theme.major if kind in TITLES else theme.minor


def _theme_face(typeface: str, theme) -> str:
    return {"+mj-lt": theme.major, "+mn-lt": theme.minor}.get(typeface, typeface)


class FacePins:
    """Names the deck's ``face`` on the runs of every slide shape that would otherwise be drawn
    in another (``inherited_face``): reportgen measures its text in ``face``, so a template whose
    theme or master sets a face it cannot measure gets reportgen's text in the measured one.
    Charts name their face themselves; masters and layouts are left as the template has them."""

    def __init__(self, face: str):
        self.face = face
        self._inherited: dict[tuple[str, object], str] = {}

    def pin(self, slide) -> None:
        layout = slide.slide_layout
        for shape in slide.shapes:
            if shape.has_chart:
                continue
            kind = shape.placeholder_format.type if shape.is_placeholder else None
            key = (str(layout.part.partname), kind)
            if key not in self._inherited:
                self._inherited[key] = inherited_face(layout, kind)
            if self._inherited[key] != self.face:
                for rpr in shape._element.iter(qn("a:rPr")):
                    self._name(rpr)

    def _name(self, rpr) -> None:
        if rpr.find(qn("a:latin")) is not None:
            return
        latin = rpr.makeelement(qn("a:latin"), {"typeface": self.face})
        follower = next((child for child in rpr if child.tag in _AFTER_LATIN), None)
        if follower is None:
            rpr.append(latin)
        else:
            follower.addprevious(latin)
