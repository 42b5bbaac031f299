"""The deck's master and theme: python-pptx's blank template turned into the project's own look.

The theme carries the deck's face (the brand's Office face, with Office faces for other
scripts) and the brand's palette, so a chart or text box an analyst adds later already looks
like the rest of the deck; the master and its three layouts are re-laid for 16:9 with the house
decorations (accent bar, footer rule, title band). Only fixed element names are written as XML here; no
data string reaches this module. The layout names and the template's placeholder prompts
("Click to edit Master title style") are shown to whoever edits the deck, so they are put in
the deck's language, with the wording PowerPoint itself uses there.
"""

from __future__ import annotations

from collections.abc import Callable

from lxml import etree
from pptx import Presentation
from pptx.enum.shapes import PP_PLACEHOLDER
from pptx.opc.constants import RELATIONSHIP_TYPE as RT
from pptx.oxml.ns import qn
from pptx.oxml.shapes.autoshape import CT_Shape
from pptx.shapes.autoshape import Shape

from reportgen.writers.pptx.geometry import HOUSE, TITLE_BAND_H
from reportgen.writers.pptx.style import (
    CONTENT,
    CONTENT_W,
    FOOTER_H,
    FOOTER_RULE_Y,
    FOOTER_Y,
    MARGIN,
    SLIDE_H,
    SLIDE_W,
    SMALL_SIZE,
    TITLE_H,
    TITLE_Y,
    Box,
    Style,
    emu,
)
from reportgen.writers.pptx.template import Deck
from reportgen.writers.writing_systems import OFFICE_COMPLEX_FONT, OFFICE_EAST_ASIAN_FONT, OFFICE_SCRIPT_FONTS

TITLE_LAYOUT = "Title Slide"
CONTENT_LAYOUT = "Title Only"
_KEPT_LAYOUTS = (TITLE_LAYOUT, "Title and Content", CONTENT_LAYOUT)

SLIDE_NUMBER_W = 1.2
FOOTER_BOX = Box(MARGIN, FOOTER_Y, CONTENT_W - SLIDE_NUMBER_W, FOOTER_H)
SLIDE_NUMBER_BOX = Box(MARGIN + CONTENT_W - SLIDE_NUMBER_W, FOOTER_Y, SLIDE_NUMBER_W, FOOTER_H)

_GEOMETRY = {
    PP_PLACEHOLDER.TITLE: Box(MARGIN, TITLE_Y, CONTENT_W, TITLE_H),
    PP_PLACEHOLDER.CENTER_TITLE: HOUSE.cover.title,
    PP_PLACEHOLDER.SUBTITLE: HOUSE.cover.subtitle,
    PP_PLACEHOLDER.BODY: CONTENT,
    PP_PLACEHOLDER.OBJECT: CONTENT,
    PP_PLACEHOLDER.FOOTER: FOOTER_BOX,
    PP_PLACEHOLDER.SLIDE_NUMBER: SLIDE_NUMBER_BOX,
    PP_PLACEHOLDER.DATE: Box(SLIDE_W / 2, FOOTER_Y, 3.0, FOOTER_H),
}


Gettext = Callable[[str], str]


def _layout_names(_: Gettext) -> dict[str, str]:
    """The kept layouts' names in the deck's language, by their English names."""
    return {TITLE_LAYOUT: _("Title Slide"), "Title and Content": _("Title and Content"), CONTENT_LAYOUT: _("Title Only")}


def _prompts(_: Gettext) -> dict[str, str]:
    """The template's placeholder prompts, in the deck's language."""
    return {
        "Click to edit Master title style": _("Click to edit Master title style"),
        "Click to edit Master subtitle style": _("Click to edit Master subtitle style"),
        "Click to edit Master text styles": _("Click to edit Master text styles"),
        "Second level": _("Second level"),
        "Third level": _("Third level"),
        "Fourth level": _("Fourth level"),
        "Fifth level": _("Fifth level"),
    }


def translate_prompts(part, _: Gettext) -> None:
    """Put the placeholder prompts of a master, layout or notes master in the deck's language."""
    prompts = _prompts(_)
    for ph in part.placeholders:
        if not ph.has_text_frame:
            continue
        for paragraph in ph.text_frame.paragraphs:
            for run in paragraph.runs:
                translated = prompts.get(run.text, run.text)
                if translated != run.text:
                    run.text = translated


def new_presentation(style: Style, gettext: Gettext):
    """A 16:9 presentation whose theme, master and layouts are the house design in ``style``'s colours,
    with the names and prompts an editor sees in the deck's language (``gettext``)."""
    prs = Presentation()
    prs.slide_width, prs.slide_height = emu(SLIDE_W), emu(SLIDE_H)
    master = prs.slide_master
    theme_part = master.part.part_related_by(RT.THEME)
    theme_part.blob = _theme_xml(theme_part.blob, style)
    for layout in list(master.slide_layouts):
        if layout.name not in _KEPT_LAYOUTS:
            master.slide_layouts.remove(layout)
    for shapes in [master.placeholders, *(layout.placeholders for layout in master.slide_layouts)]:
        for ph in shapes:
            _place(ph, _GEOMETRY[ph.placeholder_format.type])
    _text_styles(master, style)
    _add_bar(master.shapes, "Accent bar", Box(0, 0, SLIDE_W, 0.09), style.accent)
    _add_bar(master.shapes, "Footer rule", Box(MARGIN, FOOTER_RULE_Y, CONTENT_W, 0.012), style.rule)
    title_layout = next(layout for layout in master.slide_layouts if layout.name == TITLE_LAYOUT)  # not yet renamed
    title_layout._element.set("showMasterSp", "0")
    _add_bar(title_layout.shapes, "Title band", Box(0, 0, SLIDE_W, TITLE_BAND_H), style.accent)
    names = _layout_names(gettext)
    for part in [master, *master.slide_layouts]:
        translate_prompts(part, gettext)
    for layout in master.slide_layouts:
        if names[layout.name] != layout.name:
            layout.name = names[layout.name]
    return prs


def house_deck(style: Style, gettext: Gettext) -> Deck:
    """The house design (``new_presentation``) as a deck: its title and content layouts, the house geometry."""
    prs = new_presentation(style, gettext)
    names = _layout_names(gettext)
    named = {layout.name: layout for layout in prs.slide_layouts}
    return Deck(prs, {"title": named[names[TITLE_LAYOUT]], "content": named[names[CONTENT_LAYOUT]]}, HOUSE, house=True)


def _place(shape, box: Box) -> None:
    shape.left, shape.top, shape.width, shape.height = emu(box.x), emu(box.y), emu(box.w), emu(box.h)


def _theme_xml(blob: bytes, style: Style) -> bytes:
    """The default theme renamed, recoloured with the brand's colours and set in the Office face, without shadows.

    Scripts Calibri lacks get Office-standard faces: the East Asian and complex-script defaults,
    and the theme's per-script list (which PowerPoint consults by language) where it names one.
    """
    a = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
    root = etree.fromstring(blob)
    root.set("name", "reportgen")
    scheme = root.find(f"{a}themeElements/{a}clrScheme")
    scheme.set("name", "reportgen")
    # Every slot the brand's: an editor's new text box, table or chart, and a link (which PowerPoint
    # shows in the theme's hyperlink colour whatever its run says), look like what reportgen drew.
    colours = {"dk1": style.text, "lt1": style.white, "dk2": style.accent, "lt2": style.light,
               "hlink": style.accent, "folHlink": style.accent}
    colours |= {f"accent{i + 1}": style.series(i) for i in range(6)}
    for slot, colour in colours.items():
        holder = scheme.find(f"{a}{slot}")
        for child in list(holder):
            holder.remove(child)
        etree.SubElement(holder, f"{a}srgbClr").set("val", str(colour))
    fonts = root.find(f"{a}themeElements/{a}fontScheme")
    fonts.set("name", "reportgen")
    script_fonts = OFFICE_SCRIPT_FONTS | {"Viet": style.font}  # the Office face draws Vietnamese itself
    for scheme_font in fonts:  # the major (headings) and minor (body) fonts
        scheme_font.find(f"{a}latin").set("typeface", style.font)
        scheme_font.find(f"{a}ea").set("typeface", OFFICE_EAST_ASIAN_FONT)
        scheme_font.find(f"{a}cs").set("typeface", OFFICE_COMPLEX_FONT)
        for supplemental in scheme_font.iterfind(f"{a}font"):
            supplemental.set("typeface", script_fonts.get(supplemental.get("script"), supplemental.get("typeface")))
    for effect in root.iterfind(f"{a}themeElements/{a}fmtScheme/{a}effectStyleLst/{a}effectStyle"):
        for child in list(effect):
            effect.remove(child)
        etree.SubElement(effect, f"{a}effectLst")
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def _text_styles(master, style: Style) -> None:
    """Master text defaults for slides an analyst adds: left-aligned bold titles, modest body sizes."""
    styles = master._element.find(qn("p:txStyles"))
    title = styles.find(f"{qn('p:titleStyle')}/{qn('a:lvl1pPr')}")
    title.set("algn", "l")
    title_run = title.find(qn("a:defRPr"))
    title_run.set("sz", "2400")
    title_run.set("b", "1")
    for level, size in zip(styles.find(qn("p:bodyStyle")), (1600, 1400, 1200, 1200, 1200, 1200, 1200, 1200, 1200), strict=False):
        run = level.find(qn("a:defRPr"))
        if run is not None:
            run.set("sz", str(size))
    for ph in master.placeholders:
        kind = ph.placeholder_format.type
        if kind == PP_PLACEHOLDER.TITLE:
            ph.text_frame._bodyPr.set("anchor", "t")
        if kind in (PP_PLACEHOLDER.FOOTER, PP_PLACEHOLDER.SLIDE_NUMBER, PP_PLACEHOLDER.DATE):
            level = ph.text_frame._txBody.find(f"{qn('a:lstStyle')}/{qn('a:lvl1pPr')}")
            level.set("algn", "r" if kind == PP_PLACEHOLDER.SLIDE_NUMBER else "l")
            level.find(qn("a:defRPr")).set("sz", str(SMALL_SIZE * 100))


def _add_bar(shapes, name: str, box: Box, colour) -> None:
    """A flat filled rectangle behind everything else on a master or layout.

    Masters and layouts have no add_shape API, so the shape element is built with python-pptx's
    own constructor and inserted first in the shape tree (bottom of the z-order).
    """
    tree = shapes._spTree
    ids = [int(e.get("id")) for e in tree.iter(qn("p:cNvPr"))]
    sp = CT_Shape.new_autoshape_sp(max(ids) + 1, name, "rect", emu(box.x), emu(box.y), emu(box.w), emu(box.h))
    tree.insert(2, sp)  # after nvGrpSpPr and grpSpPr
    shape = Shape(sp, shapes)
    shape.fill.solid()
    shape.fill.fore_color.rgb = colour
    shape.line.fill.background()
