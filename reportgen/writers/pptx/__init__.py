"""The PowerPoint deliverable: an editable 16:9 deck with native charts and tables.

``render`` plans the deck from the report model (``plan``, which stacks content with
``packing``), draws each planned slide on the house master (``master``) with native charts
(``charts``) and tables (``tables``) in the brand's colours and Office face, with its logo on the
title slide, writes speaker notes with the sources and estimates behind each slide, tags its
text with the edition's language and scripts (``language``), and returns a byte-stable file:
core properties come from the edition date and the zip is rewritten by zipnorm. Text is
measured with the metrics of the brand's Office face (``writers.metrics``).
"""

from __future__ import annotations

import datetime as dt
import io

from lxml import etree
from pptx.enum.shapes import MSO_SHAPE, PP_PLACEHOLDER
from pptx.enum.text import MSO_ANCHOR, MSO_AUTO_SIZE, PP_ALIGN
from pptx.oxml.ns import qn

from reportgen.model.brand import Image
from reportgen.model.elements import Report
from reportgen.writers import metrics, zipnorm
from reportgen.writers.pptx.charts import draw_chart
from reportgen.writers.pptx.language import tag_text
from reportgen.writers.pptx.master import (
    CONTENT_LAYOUT,
    DECK_TITLE_BOX,
    TITLE_BAND_H,
    TITLE_LAYOUT,
    layout_named,
    new_presentation,
    translate_prompts,
)
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
from reportgen.writers.pptx.style import (
    CONTENT_W,
    GAP,
    KICKER_H,
    KICKER_SIZE,
    KICKER_Y,
    MARGIN,
    SLIDE_H,
    SLIDE_W,
    SMALL_SIZE,
    TITLE_H,
    TITLE_SIZES,
    Box,
    Style,
    emu,
    style_for,
)
from reportgen.writers.pptx.tables import draw_table
from reportgen.writers.pptx.text import (
    INSET_X,
    INSET_Y,
    add_items_box,
    add_label,
    add_run,
    fit_size,
    new_text_box,
    shorten,
    text_height,
)
from reportgen.writers.scripts import language_tag
from reportgen.writers.shared import with_names

DECK_TITLE_SIZES = (40, 36, 32, 28, 24)
FIGURE_VALUE_SIZES = (30, 26, 22, 18, 16)
FIGURE_LABEL_SIZE = 12
FACTS_SIZES = ((20, 14, 16), (18, 13, 14), (16, 12, 13), (14, 11, 12))  # title-slide facts: place, edition, client
FACTS_SPACE = 0.08  # after each line of facts
LOGO_BOX = Box(SLIDE_W - MARGIN - 2.8, TITLE_BAND_H + 0.45, 2.8, 1.5)  # the client's
BRAND_LOGO_BOX = Box(SLIDE_W - MARGIN - 2.2, SLIDE_H - 0.2 - 0.55, 2.2, 0.55)  # the brand's, bottom right
SLIDE_NUMBER_FIELD_ID = "{6F3C2A10-5B7E-4D2B-9C1A-2E8F4B7D9A01}"  # any fixed GUID: fields need one


def render(report: Report) -> bytes:
    with metrics.measuring(report.brand.office):
        return _render(report)


def _render(report: Report) -> bytes:
    style = style_for(report.brand)
    prs = new_presentation(style, report.gettext)
    created = dt.datetime.combine(report.meta.edition, dt.time())
    drawer = _Drawer(prs, report, style, created)
    for number, plan in enumerate(DeckPlanner(report).plan(), start=1):
        slide = drawer.title_slide(plan) if plan.kind == "title" else drawer.content_slide(plan, number)
        slide.name = plan.section_id  # ties each slide to the model section it presents
        slide.notes_slide.notes_text_frame.text = "\n".join(plan.notes)
    translate_prompts(prs.notes_master, report.gettext)  # made with the first notes slide
    tag_text(prs, language_tag(report.meta.language))
    _core_properties(prs, report, created)
    out = io.BytesIO()
    prs.save(out)
    return zipnorm.normalize(out.getvalue())


PROPERTY_MAX = 255  # characters: PowerPoint's (and python-pptx's) limit for a document property


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
    """``text`` if it fits a document property, else cut at the last ``separator`` that leaves room
    for an ellipsis (mid-word only when there is none)."""
    if len(text) <= PROPERTY_MAX:
        return text
    head = text[: PROPERTY_MAX - 1]
    cut = head.rfind(separator)
    return (head[:cut] if cut > 0 else head).rstrip(" ,;") + "\u2026"


def _facts_sizes(lines: list[tuple[str, object, bool]], box: Box) -> tuple[float, ...]:
    """Sizes for the title slide's lines of facts: the largest set at which they all fit the box."""
    def height(sizes: tuple[float, ...]) -> float:
        return sum(text_height(((text, bold),), size, box.w) - 2 * INSET_Y + FACTS_SPACE
                   for (text, _, bold), size in zip(lines, sizes, strict=False)) + 2 * INSET_Y

    return next((sizes for sizes in FACTS_SIZES if height(sizes) <= box.h), FACTS_SIZES[-1])


class _Drawer:
    """Draws planned slides onto one presentation."""

    def __init__(self, prs, report: Report, style: Style, created: dt.datetime):
        self.prs, self.report, self.style, self.created = prs, report, style, created
        self._ = report.gettext
        self.footer = f"{report.meta.title} | {report.meta.publisher} | {report.fmt.date(report.meta.edition)}"

    # --- slides ---

    def title_slide(self, plan: SlidePlan):
        meta, style, brand = self.report.meta, self.style, self.report.brand
        slide = self.prs.slides.add_slide(layout_named(self.prs, TITLE_LAYOUT, self._))
        size = fit_size(((plan.title, True),), DECK_TITLE_SIZES, DECK_TITLE_BOX.w, DECK_TITLE_BOX.h)
        title = shorten(plan.title, size, DECK_TITLE_BOX.w, DECK_TITLE_BOX.h)  # the notes carry the full title
        self._placeholder_text(slide.shapes.title, title, size, style.on_accent, bold=True, anchor=MSO_ANCHOR.BOTTOM)
        subtitle = slide.placeholders[1]
        if meta.subtitle:
            self._placeholder_text(subtitle, meta.subtitle, 20, style.on_accent, anchor=MSO_ANCHOR.TOP)
        else:
            subtitle._element.getparent().remove(subtitle._element)
        facts = Box(MARGIN, TITLE_BAND_H + 0.4, CONTENT_W - LOGO_BOX.w - GAP, 2.2)
        tf = new_text_box(slide, facts, "Report facts").text_frame
        edition = self._("Edition of {date} | {publisher}").format(date=self.report.fmt.date(meta.edition), publisher=meta.publisher)
        lines = [(f"{meta.region} | {meta.period}", style.text, True), (edition, style.muted, False)]
        client = brand.client
        if client.name:
            lines.append((with_names(self._("Prepared for {client}"), client=client.name), style.accent, True))
        for i, ((text, colour, bold), size) in enumerate(zip(lines, _facts_sizes(lines, facts), strict=False)):
            p = tf.paragraphs[0] if i == 0 else tf.add_paragraph()
            p.space_after = emu(FACTS_SPACE)
            add_run(p, text, size, colour, bold)
        if client.logo is not None and client.logo.raster:
            alt = with_names(self._("Logo of {client}"), client=client.name) if client.name else self._("Client logo")
            self._logo(slide, client.logo, LOGO_BOX, "Client logo", alt)
        logo = brand.logo.for_office("large") if brand.logo else None
        if logo is not None:
            self._logo(slide, logo, BRAND_LOGO_BOX, "Logo", logo.alt or meta.publisher)
        return slide

    def content_slide(self, plan: SlidePlan, number: int):
        style = self.style
        slide = self.prs.slides.add_slide(layout_named(self.prs, CONTENT_LAYOUT, self._))
        if plan.kicker:
            add_label(slide, Box(MARGIN, KICKER_Y, CONTENT_W, KICKER_H), plan.kicker, KICKER_SIZE, style.accent,
                      bold=True, name="Kicker")
        size = fit_size(((plan.title, True),), TITLE_SIZES, CONTENT_W, TITLE_H)
        self._placeholder_text(slide.shapes.title, plan.title, size, style.text, bold=True, anchor=MSO_ANCHOR.TOP)
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
            draw_chart(slide, box, frame.chart, style, self.created, self._)
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
            self._rect(slide, tile, self.style.light, "Key figure")
            self._rect(slide, Box(tile.x, tile.y, 0.07, tile.h), self.style.accent, "Key figure rule")
            value_box = Box(inner.x, inner.y, inner.w, inner.h - label_h)
            add_label(slide, value_box, value, size, self.style.accent, bold=True, anchor=MSO_ANCHOR.BOTTOM, name="Figure value")
            add_label(slide, Box(inner.x, value_box.bottom, inner.w, label_h), label, FIGURE_LABEL_SIZE, self.style.muted,
                      name="Figure label")

    def steps(self, slide, box: Box, frame: StepsFrame) -> None:
        """A row of chevrons naming the steps, each with its description below."""
        w, h = step_width(len(frame.steps)), step_shape_height(frame.steps)
        for i, (title, text) in enumerate(frame.steps):
            x = box.x + i * (w + GAP)
            shape = slide.shapes.add_shape(MSO_SHAPE.PENTAGON if i == 0 else MSO_SHAPE.CHEVRON, emu(x), emu(box.y), emu(w), emu(h))
            shape.name = "Step"
            shape.fill.solid()
            shape.fill.fore_color.rgb = self.style.series(i) if i else self.style.accent
            shape.line.fill.background()
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
        """The layout's footer and slide-number placeholders, filled: PowerPoint keeps the number current."""
        layout = slide.slide_layout
        for ph in layout.placeholders:
            if ph.placeholder_format.type in (PP_PLACEHOLDER.FOOTER, PP_PLACEHOLDER.SLIDE_NUMBER):
                slide.shapes.clone_placeholder(ph)
        for ph in slide.placeholders:
            kind = ph.placeholder_format.type
            if kind == PP_PLACEHOLDER.FOOTER:
                add_run(ph.text_frame.paragraphs[0], self.footer, SMALL_SIZE, self.style.muted)
            elif kind == PP_PLACEHOLDER.SLIDE_NUMBER:
                field = etree.SubElement(ph.text_frame.paragraphs[0]._p, qn("a:fld"))
                field.set("id", SLIDE_NUMBER_FIELD_ID)
                field.set("type", "slidenum")
                etree.SubElement(field, qn("a:rPr"))
                etree.SubElement(field, qn("a:t")).text = self.report.fmt.integer(number)

    def _placeholder_text(self, ph, text: str, size: float, colour, *, bold: bool = False, anchor=MSO_ANCHOR.TOP) -> None:
        """Fill a title placeholder with the deck's insets, so it lines up with the text boxes below it."""
        tf = ph.text_frame
        tf.word_wrap, tf.auto_size = True, MSO_AUTO_SIZE.NONE
        tf.margin_left = tf.margin_right = emu(INSET_X)
        tf.margin_top = tf.margin_bottom = emu(INSET_Y)
        tf.vertical_anchor = anchor
        tf.paragraphs[0].alignment = PP_ALIGN.LEFT
        add_run(tf.paragraphs[0], text, size, colour, bold)

    def _rect(self, slide, box: Box, colour, name: str):
        shape = slide.shapes.add_shape(MSO_SHAPE.RECTANGLE, emu(box.x), emu(box.y), emu(box.w), emu(box.h))
        shape.name = name
        shape.fill.solid()
        shape.fill.fore_color.rgb = colour
        shape.line.fill.background()
        return shape

    def _logo(self, slide, image: Image, within: Box, name: str, alt: str) -> None:
        """A logo scaled to fit ``within`` without distortion, against its right edge, with alt text."""
        scale = min(within.w / image.width, within.h / image.height)
        box = Box(within.right - image.width * scale, within.y, image.width * scale, image.height * scale)
        picture = slide.shapes.add_picture(io.BytesIO(image.data), emu(box.x), emu(box.y), emu(box.w), emu(box.h))
        picture.name = name
        picture._element.nvPicPr.cNvPr.set("descr", alt)
