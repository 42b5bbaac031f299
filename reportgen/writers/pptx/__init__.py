"""The PowerPoint deliverable: an editable deck (16:9 on the house design) with native charts and tables.

``render`` plans the deck from the report model (``plan``, which stacks content with
``packing``) in the geometry of the slides it draws on (``geometry``), draws each planned slide
on the house master (``master``) or on a corporate template's layouts (``template``) with
native charts (``charts``) and tables (``tables``) in the brand's colours and Office face, writes
speaker notes with the sources and estimates behind each slide, tags its text with the
edition's language and scripts (``language``), and returns a byte-stable file: core properties
come from the edition date and the zip is rewritten by zipnorm. Text is measured with the
metrics of the brand's Office face (``writers.font_metrics``).
"""

from __future__ import annotations

import datetime as dt
import io
from dataclasses import dataclass, replace

from lxml import etree
from pptx.enum.shapes import MSO_SHAPE, PP_PLACEHOLDER
from pptx.enum.text import MSO_ANCHOR, MSO_AUTO_SIZE, PP_ALIGN
from pptx.oxml.ns import qn

from reportgen.model.brand import Image
from reportgen.model.elements import Report
from reportgen.writers import font_metrics, zipnorm
from reportgen.writers.pptx.charts import draw_chart
from reportgen.writers.pptx.geometry import Geometry
from reportgen.writers.pptx.language import tag_text
from reportgen.writers.pptx.master import house_deck, translate_prompts
from reportgen.writers.pptx.packing import (
    CAPTION_SIZE,
    SIDE_TILE_H,
    STEP_INSET_X,
    STEP_SIZE,
    STEP_TITLE_SIZE,
    ChartFrame,
    FiguresFrame,
    LabelFrame,
    StepsFrame,
    TableFrame,
    TextFrame,
    step_shape_height,
    step_width,
)
from reportgen.writers.pptx.plan import DeckPlanner, SlidePlan
from reportgen.writers.pptx.style import GAP, KICKER_SIZE, SMALL_SIZE, TITLE_SIZES, Box, Style, emu, style_for
from reportgen.writers.pptx.tables import draw_table
from reportgen.writers.pptx.template import Deck, FacePins, place_placeholders, template_deck
from reportgen.writers.pptx.text import (
    INSET_X,
    INSET_Y,
    add_items_box,
    add_label,
    add_run,
    filled_shape,
    fit_size,
    new_text_box,
    shorten,
    text_height,
)
from reportgen.writers.shared import logo_text, shortened, with_names
from reportgen.writers.writing_systems import language_tag

DECK_TITLE_SIZES = (40, 36, 32, 28, 24)
FIGURE_VALUE_SIZES = (30, 26, 22, 18, 16, 14, 12)  # the last two: long values on a narrow slide
FIGURE_LABEL_SIZE = 12
SUBTITLE_SIZE = 20  # the house title slide's subtitle, in its band
# The title slide's lines, each a size per step; all lines shrink a step together until they fit.
COVER_SIZES = {"subtitle": (20, 18, 16, 14, 12), "place": (20, 18, 16, 14, 12), "edition": (14, 13, 12, 11, 10),
               "client": (16, 14, 13, 12, 11)}
FACTS_STEPS = 4  # the house facts box shrinks at most this many steps
FACTS_SPACE = 0.08  # after each line of facts
SLIDE_NUMBER_FIELD_ID = "{6F3C2A10-5B7E-4D2B-9C1A-2E8F4B7D9A01}"  # any fixed GUID: fields need one


def render(report: Report) -> bytes:
    """The deck's bytes, measured in the brand's Office face: on the house design, or on the
    brand's corporate template (``defaults.reportgen.pptx-template``, with the layouts its
    ``pptx-layouts`` name for each kind of slide, see ``pptx_template.ROLES``)."""
    with font_metrics.measuring(report.brand.office):
        return _render(report)


def _render(report: Report) -> bytes:
    brand = report.brand
    style = style_for(brand)
    if brand.pptx_template is None:
        deck = house_deck(style, report.gettext)
    else:
        client_logo = brand.client.logo
        deck = template_deck(brand.pptx_template.data, dict(brand.pptx_layouts),
                             logo=client_logo is not None and client_logo.raster)
    prs = deck.prs
    created = dt.datetime.combine(report.meta.edition, dt.time())
    drawer = _Drawer(deck, report, style, created)
    faces = FacePins(style.font)
    for number, plan in enumerate(DeckPlanner(report, deck.geometry).plan(), start=1):
        slide = drawer.title_slide(plan) if plan.kind == "title" else drawer.content_slide(plan, number)
        slide.name = plan.section_id  # ties each slide to the model section it presents
        slide.notes_slide.notes_text_frame.text = "\n".join(plan.notes)
        if not deck.house:
            place_placeholders(slide, deck.boxes[plan.kind])
            faces.pin(slide)
    translate_prompts(prs.notes_master, report.gettext)  # made with the first notes slide
    tag_text(prs, language_tag(report.meta.language))
    _core_properties(prs, report, created)
    out = io.BytesIO()
    prs.save(out)
    return zipnorm.normalize(out.getvalue())


PROPERTY_MAX = 255  # characters: PowerPoint's (and python-pptx's) limit for a document property


def _remove_empty_placeholders(slide) -> None:
    """Remove the placeholders python-pptx cloned from the layout that reportgen left empty (a
    template's content placeholder on a slide whose content reportgen draws itself): an empty
    placeholder shows "Click to add text" to whoever edits the deck."""
    for ph in list(slide.placeholders):
        if not (ph.has_text_frame and ph.text_frame.text):
            ph._element.getparent().remove(ph._element)


def _core_properties(prs, report: Report, created: dt.datetime) -> None:
    """Document properties from the report's metadata; every date is the edition, never the build time.

    A property holds at most 255 characters, so a long title, a long list of authors or keywords
    is cut there, at a word or list boundary, with an ellipsis.
    """
    meta, props = report.meta, prs.core_properties
    props.title = fit_property(meta.title)
    props.subject = fit_property(meta.subject)
    props.author = fit_property(", ".join(meta.authors) or meta.publisher, ", ")
    props.last_modified_by = fit_property(meta.publisher)
    props.keywords = fit_property("; ".join(meta.keywords), "; ")
    props.category = fit_property(report.gettext("Market research"))
    props.language = meta.language
    props.identifier = meta.id
    props.version = meta.edition.isoformat()
    props.comments = fit_property(meta.subtitle)
    props.revision = 1
    props.created = props.modified = props.last_printed = created


def fit_property(text: str, separator: str = " ") -> str:
    """``text`` if it fits a document property, else cut at a ``separator`` with an ellipsis."""
    return shortened(text, PROPERTY_MAX, separator)


@dataclass(frozen=True)
class _Line:
    """One line of the title slide under its title: what it says, its kind (``COVER_SIZES``), colour and weight."""

    text: str
    kind: str
    colour: object
    bold: bool


def _cover_sizes(lines: list[_Line], box: Box, steps: int) -> list[float]:
    """Sizes for the title slide's lines: the first step (of ``steps``) at which they all fit the box."""
    def height(step: int) -> float:
        return sum(text_height(((line.text, line.bold),), COVER_SIZES[line.kind][step], box.w) - 2 * INSET_Y + FACTS_SPACE
                   for line in lines) + 2 * INSET_Y

    step = next((step for step in range(steps) if height(step) <= box.h), steps - 1)
    return [COVER_SIZES[line.kind][step] for line in lines]


class _Drawer:
    """Draws planned slides onto one presentation."""

    def __init__(self, deck: Deck, report: Report, style: Style, created: dt.datetime):
        self.deck, self.prs, self.report, self.style, self.created = deck, deck.prs, report, style, created
        self.geometry: Geometry = deck.geometry
        self._ = report.gettext
        self.footer = f"{report.meta.title} | {report.meta.publisher} | {report.fmt.date(report.meta.edition)}"

    # --- slides ---

    def title_slide(self, plan: SlidePlan):
        """The deck's title in the title placeholder; under it the subtitle and the facts (place
        and period, edition, client): in the subtitle placeholder and a text box of their own on
        the house design, all in the subtitle placeholder on a template (or in a text box under
        the title when its title layout has none); a client's logo beside them, the brand's at
        the foot of the house design (a template's masters carry the firm's own)."""
        meta, style, brand, cover = self.report.meta, self.style, self.report.brand, self.geometry.cover
        house = self.deck.house
        slide = self.prs.slides.add_slide(self.deck.layouts["title"])
        size = fit_size(((plan.title, True),), DECK_TITLE_SIZES, cover.title.w, cover.title.h)
        title = shorten(plan.title, size, cover.title.w, cover.title.h)  # the notes carry the full title
        if house:
            self._placeholder_text(slide.shapes.title, title, size, style.on_accent, bold=True, anchor=MSO_ANCHOR.BOTTOM)
        else:
            self._placeholder_text(slide.shapes.title, title, size)
        edition = self._("Edition of {date} | {publisher}").format(date=self.report.fmt.date(meta.edition), publisher=meta.publisher)
        client = brand.client
        facts = [_Line(f"{meta.region} | {meta.period}", "place", style.text, True), _Line(edition, "edition", style.muted, False)]
        if client.name:
            facts.append(_Line(with_names(self._("Prepared for {client}"), client=client.name), "client", style.accent, True))
        subtitle = next((ph for ph in slide.placeholders if ph.placeholder_format.type == PP_PLACEHOLDER.SUBTITLE), None)
        opening = [_Line(meta.subtitle, "subtitle", None, False)] if meta.subtitle else []
        if house:
            if meta.subtitle:
                self._placeholder_text(subtitle, meta.subtitle, SUBTITLE_SIZE, style.on_accent, bold=False, anchor=MSO_ANCHOR.TOP)
            self._lines(new_text_box(slide, cover.facts, "Report facts").text_frame, facts, cover.facts, FACTS_STEPS)
        elif cover.subtitle is not None:  # a template's subtitle placeholder, in the template's colours
            lines = [replace(line, colour=None) for line in [*opening, *facts]]
            tf = self._placeholder_frame(subtitle, right=GAP + cover.logo.w if cover.logo else 0.0)
            self._lines(tf, lines, cover.subtitle, len(COVER_SIZES["subtitle"]))
        elif cover.facts is not None:
            lines = [replace(line, colour=style.text) for line in opening] + facts
            self._lines(new_text_box(slide, cover.facts, "Report facts").text_frame, lines, cover.facts,
                        len(COVER_SIZES["subtitle"]))
        if client.logo is not None and client.logo.raster and cover.logo is not None:
            self._logo(slide, client.logo, cover.logo, "Client logo", logo_text(self.report))
        logo = brand.logo.for_office("large") if brand.logo is not None and cover.brand_logo is not None else None
        if logo is not None:
            self._logo(slide, logo, cover.brand_logo, "Logo", logo.alt or meta.publisher)
        _remove_empty_placeholders(slide)
        return slide

    def _lines(self, tf, lines: list[_Line], box: Box, steps: int) -> None:
        """The title slide's lines, one paragraph each, at the sizes at which they fit ``box``."""
        for i, (line, size) in enumerate(zip(lines, _cover_sizes(lines, box, steps), strict=True)):
            p = tf.paragraphs[0] if i == 0 else tf.add_paragraph()
            p.space_after = emu(FACTS_SPACE)
            add_run(p, line.text, size, line.colour, line.bold)

    def content_slide(self, plan: SlidePlan, number: int):
        style = self.style
        geometry = self.geometry
        slide = self.prs.slides.add_slide(self.deck.layouts["content"])
        size = fit_size(((plan.title, True),), TITLE_SIZES, geometry.title.w, geometry.title.h)
        if geometry.kicker is not None:
            if plan.kicker:
                add_label(slide, geometry.kicker, plan.kicker, KICKER_SIZE, style.accent, bold=True, name="Kicker")
            self._placeholder_text(slide.shapes.title, plan.title, size, style.text, bold=True, anchor=MSO_ANCHOR.TOP)
        else:  # a template's title placeholder: the kicker is its first line, in the title's style
            tf = self._placeholder_frame(slide.shapes.title)
            if plan.kicker:
                add_run(tf.paragraphs[0], plan.kicker, KICKER_SIZE, None, True)
            add_run(tf.add_paragraph() if plan.kicker else tf.paragraphs[0], plan.title, size, None, None)
        _remove_empty_placeholders(slide)
        self._footer(slide, number)
        for box, frame in plan.frames:
            self.frame(slide, box, frame)
        return slide

    # --- frames ---

    def frame(self, slide, box: Box, frame) -> None:
        style = self.style
        if isinstance(frame, TextFrame):
            add_items_box(slide, box, frame.items, frame.size, style, name="Text")
        elif isinstance(frame, LabelFrame):
            caption = frame.role == "caption"
            add_label(slide, box, frame.text, CAPTION_SIZE if caption else SMALL_SIZE, style.text if caption else style.muted,
                      bold=caption, name="Caption" if caption else "Source")
        elif isinstance(frame, ChartFrame):
            draw_chart(slide, box, frame.chart, frame.kind, style, self.created, self._)
        elif isinstance(frame, TableFrame):
            draw_table(slide, box.x, box.y, frame.layout, frame.rows, style, f"Table {frame.layout.table.id}")
        elif isinstance(frame, FiguresFrame):
            self.figures(slide, box, frame)
        elif isinstance(frame, StepsFrame):
            self.steps(slide, box, frame)

    def figures(self, slide, box: Box, frame: FiguresFrame) -> None:
        """Key-figure tiles: the value large in the accent colour, its label underneath."""
        n = len(frame.figures)
        tiles = []
        for i, figure in enumerate(frame.figures):
            if frame.stacked:
                tile = Box(box.x, box.y + i * (SIDE_TILE_H + GAP), box.w, SIDE_TILE_H)
            else:
                w = (box.w - GAP * (n - 1)) / n
                tile = Box(box.x + i * (w + GAP), box.y, w, box.h)
            label = figure.label + (f" ({figure.note})" if figure.note else "")
            inner = Box(tile.x + 0.17, tile.y + 0.06, tile.w - 0.24, tile.h - 0.12)
            label_h = text_height(((label, False),), FIGURE_LABEL_SIZE, inner.w)
            tiles.append((tile, inner, label, label_h, self.report.fmt.figure(figure.value, figure.type)))
        size = min(fit_size(((value, True),), FIGURE_VALUE_SIZES, inner.w, inner.h - label_h)
                   for _, inner, _, label_h, value in tiles)  # one size for the row, so the tiles match
        for tile, inner, label, label_h, value in tiles:
            filled_shape(slide, MSO_SHAPE.RECTANGLE, tile, self.style.light, "Key figure")
            filled_shape(slide, MSO_SHAPE.RECTANGLE, Box(tile.x, tile.y, 0.07, tile.h), self.style.accent, "Key figure rule")
            value_box = Box(inner.x, inner.y, inner.w, inner.h - label_h)
            add_label(slide, value_box, value, size, self.style.accent, bold=True, anchor=MSO_ANCHOR.BOTTOM, name="Figure value")
            add_label(slide, Box(inner.x, value_box.bottom, inner.w, label_h), label, FIGURE_LABEL_SIZE, self.style.muted,
                      name="Figure label")

    def steps(self, slide, box: Box, frame: StepsFrame) -> None:
        """A row of chevrons naming the steps, each with its description below."""
        w, h = step_width(len(frame.steps), box.w), step_shape_height(frame.steps, box.w)
        for i, (title, text) in enumerate(frame.steps):
            x = box.x + i * (w + GAP)
            shape = filled_shape(slide, MSO_SHAPE.PENTAGON if i == 0 else MSO_SHAPE.CHEVRON, Box(x, box.y, w, h),
                                 self.style.series(i) if i else self.style.accent, "Step")
            tf = shape.text_frame
            tf.word_wrap, tf.auto_size = True, MSO_AUTO_SIZE.NONE
            tf.margin_left = tf.margin_right = emu(STEP_INSET_X)
            tf.margin_top = tf.margin_bottom = emu(INSET_Y)
            tf.vertical_anchor = MSO_ANCHOR.MIDDLE
            tf.paragraphs[0].alignment = PP_ALIGN.CENTER
            add_run(tf.paragraphs[0], title, STEP_TITLE_SIZE, self.style.on_accent, bold=True)
            below = Box(x, box.y + h + GAP / 2, w, box.h - h - GAP / 2)
            add_label(slide, below, text, STEP_SIZE, self.style.text, name="Step text")

    # --- pieces ---

    def _footer(self, slide, number: int) -> None:
        """The layout's footer and slide-number placeholders, filled: PowerPoint keeps the number current.

        Only placeholders the layout has are cloned: a slide footer without one in its layout
        makes PowerPoint offer a repair (pandoc#9139). A template's footer keeps its style, and
        the text is cut to the footer's box.
        """
        layout = slide.slide_layout
        for ph in layout.placeholders:
            if ph.placeholder_format.type in (PP_PLACEHOLDER.FOOTER, PP_PLACEHOLDER.SLIDE_NUMBER):
                slide.shapes.clone_placeholder(ph)
        for ph in slide.placeholders:
            kind = ph.placeholder_format.type
            if kind == PP_PLACEHOLDER.FOOTER and self.deck.house:
                add_run(ph.text_frame.paragraphs[0], self.footer, SMALL_SIZE, self.style.muted)
            elif kind == PP_PLACEHOLDER.FOOTER:
                box = self.deck.boxes["content"].get(PP_PLACEHOLDER.FOOTER)
                text = shorten(self.footer, SMALL_SIZE, box.w, box.h, bold=False) if box else self.footer
                add_run(self._placeholder_frame(ph).paragraphs[0], text, SMALL_SIZE, None, None)
            elif kind == PP_PLACEHOLDER.SLIDE_NUMBER:
                field = etree.SubElement(ph.text_frame.paragraphs[0]._p, qn("a:fld"))
                field.set("id", SLIDE_NUMBER_FIELD_ID)
                field.set("type", "slidenum")
                etree.SubElement(field, qn("a:rPr"))
                etree.SubElement(field, qn("a:t")).text = self.report.fmt.integer(number)

    def _placeholder_text(self, ph, text: str, size: float, colour=None, *, bold: bool | None = None, anchor=None) -> None:
        """Fill a placeholder with the deck's insets, so it lines up with the text boxes below it
        and holds what was measured. Colour, weight and vertical anchor are set on the house
        design, left to the template's styles on a template (None), as is the alignment."""
        tf = self._placeholder_frame(ph)
        if anchor is not None:
            tf.vertical_anchor = anchor
        if self.deck.house:
            tf.paragraphs[0].alignment = PP_ALIGN.LEFT
        add_run(tf.paragraphs[0], text, size, colour, bold)

    @staticmethod
    def _placeholder_frame(ph, *, right: float = 0.0):
        """A placeholder's text frame, wrapping without resizing, with the deck's insets (and
        ``right`` more for a logo beside it), so its text is measured as drawn."""
        tf = ph.text_frame
        tf.word_wrap, tf.auto_size = True, MSO_AUTO_SIZE.NONE
        tf.margin_left = emu(INSET_X)
        tf.margin_right = emu(INSET_X + right)
        tf.margin_top = tf.margin_bottom = emu(INSET_Y)
        return tf

    def _logo(self, slide, image: Image, within: Box, name: str, alt: str) -> None:
        """A logo scaled to fit ``within`` without distortion, against its right edge, with alt text."""
        scale = min(within.w / image.width, within.h / image.height)
        box = Box(within.right - image.width * scale, within.y, image.width * scale, image.height * scale)
        picture = slide.shapes.add_picture(io.BytesIO(image.data), emu(box.x), emu(box.y), emu(box.w), emu(box.h))
        picture.name = name
        picture._element.nvPicPr.cNvPr.set("descr", alt)
