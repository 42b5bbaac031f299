"""Two gaps in WeasyPrint's text drawing, closed for scripts other than Latin.

1. Chart text shaped like page text. WeasyPrint draws SVG text one code point at a time (so
   that SVG's per-glyph ``x``/``dx``/``rotate`` lists can be honoured) and shapes each on its
   own: Arabic letters come out unjoined and in logical order, Hebrew reads backwards,
   Devanagari vowel signs and Thai marks fall off their consonants (Kozea/WeasyPrint#2249,
   #2909, still open). The charts never position single glyphs: ``drawing.py`` writes one
   ``x``/``y`` per ``<text>``. Such text is laid out here as one Pango line, as WeasyPrint
   does for HTML: shaped, bidi-reordered, set in the document's font stack.
2. Text that can be copied. A PDF maps each glyph to the characters it shows, one mapping
   per glyph for the whole file; Indic vowel signs drawn before their consonant and
   conjuncts drawn as one glyph then read back garbled ("लॉजिटक्स" for "लॉजिस्टिक्स"). A line
   with such marks is wrapped in a marked-content span whose ``/ActualText`` is the line as
   written, which viewers and pdftotext read instead. Right-to-left lines are left alone:
   their glyphs map one to one, and tools reorder them themselves (they would reverse an
   ActualText a second time).

The hooks replace the functions WeasyPrint looks up for SVG text tags and for drawing a line
of text; ``install`` puts them in place once per process, before the PDF writer typesets.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable
from math import inf

from reportgen.writers.pdf.hooks import replace

PER_GLYPH = ("dx", "dy", "rotate", "textLength", "letter-spacing")
REORDERING_FROM = 0x0900  # Devanagari and the scripts after it draw marks apart from their logical place


def install() -> None:
    """Put both hooks in place (idempotent)."""
    _install_svg_text()
    _install_actual_text()


def needs_actual_text(text: str) -> bool:
    """A left-to-right line with combining marks of a script that reorders or conjoins them."""
    if any(unicodedata.bidirectional(c) in ("R", "AL") for c in text):
        return False
    return any(ord(c) >= REORDERING_FROM and unicodedata.category(c) in ("Mn", "Mc") for c in text)


def _install_actual_text() -> None:
    import weasyprint.draw.text as draw_module

    replace(draw_module, "draw_first_line", _with_actual_text)


def _with_actual_text(original: Callable) -> Callable:
    import pydyf

    def draw_first_line(stream, textbox, *args, **kwargs):
        if not needs_actual_text(textbox.text):
            return original(stream, textbox, *args, **kwargs)
        stream.begin_marked_content("Span", pydyf.Dictionary({"ActualText": pydyf.String(textbox.text)}))
        try:
            return original(stream, textbox, *args, **kwargs)
        finally:
            stream.end_marked_content()

    return draw_first_line


def _install_svg_text() -> None:
    """Route WeasyPrint's SVG text tags through ``_whole_line``: the module's ``text`` (which
    draw_node compares TAGS entries with to find text nodes) and the TAGS entries that draw with it."""
    import weasyprint.svg as svg_module

    replace(svg_module, "text", _whole_lines)
    for tag, drawer in list(svg_module.TAGS.items()):
        if drawer is svg_module.text.reportgen_original:
            svg_module.TAGS[tag] = svg_module.text


def _whole_lines(original: Callable) -> Callable:
    def text(svg, node, font_size):
        if _positions_per_glyph(node):
            return original(svg, node, font_size)
        return _whole_line(svg, node, font_size)

    return text


def _positions_per_glyph(node) -> bool:
    """Whether the node asks for anything but one position for its whole text."""
    if any(node.get(name) not in (None, "", "0", "normal") for name in PER_GLYPH):
        return True
    return any(len((node.get(name) or "").replace(",", " ").split()) > 1 for name in ("x", "y"))


def _whole_line(svg, node, font_size) -> None:
    """Draw ``node.text`` as one shaped line at the node's (or the cursor's) position."""
    from weasyprint.draw import text as draw_module
    from weasyprint.matrix import Matrix
    from weasyprint.svg.bounding_box import extend_bounding_box
    from weasyprint.svg.text import TextBox
    from weasyprint.svg.utils import size
    from weasyprint.text.line_break import split_first_line

    style = _style(svg, node, font_size)
    x = size(node.get("x"), font_size, svg.inner_width) if node.get("x") else svg.cursor_position[0]
    y = size(node.get("y"), font_size, svg.inner_height) if node.get("y") else svg.cursor_position[1]
    if not node.text:
        svg.cursor_position = (x, y)
        return
    layout, _, _, width, height, baseline = split_first_line(node.text, style, svg.context, inf, 0)
    y_position = y + _baseline_shift(node, font_size, height)
    node.text_bounding_box = extend_bounding_box(
        node.text_bounding_box, ((x, y_position - baseline), (x + width, y_position - baseline + height)))
    svg.cursor_position = (x + width, y)

    svg.stream.push_state()
    fill, stroke = svg.set_graphical_state(node, font_size)
    svg.stream.begin_text()
    layout.reactivate(style)
    svg.fill_stroke(fill, stroke, text=True)
    box = TextBox(layout, style)
    box.baseline = baseline
    emojis = draw_module.draw_first_line(svg.stream, box, "none", "none", Matrix(a=1, d=-1, e=x, f=y_position))
    svg.stream.end_text()
    svg.stream.pop_state()
    draw_module.draw_emojis(svg.stream, style, x, y, emojis)


def _style(svg, node, font_size):
    """The text's computed style as WeasyPrint's SVG text code builds it."""
    from weasyprint.css.properties import INITIAL_VALUES
    from weasyprint.svg.text import Style

    style = Style()
    style.update(INITIAL_VALUES)
    style.font_config = svg.font_config
    style["font_family"] = [f.strip().strip("\"'") for f in node.get("font-family", "sans-serif").split(",")]
    style["font_style"] = node.get("font-style", "normal")
    weight = node.get("font-weight", 400)
    style["font_weight"] = {"normal": 400, "bold": 700}.get(weight) or _int(weight, 400)
    style["font_size"] = font_size
    if node.get("direction") in ("ltr", "rtl"):
        style["direction"] = node.get("direction")
    return style


def _baseline_shift(node, font_size: float, height: float) -> float:
    """``dominant-baseline``/``display-anchor`` as WeasyPrint's own SVG text code reads them."""
    ascent, descent = font_size * 0.8, font_size * 0.2
    anchor = node.get("display-anchor")
    baseline = node.get("dominant-baseline", node.get("alignment-baseline"))
    if anchor == "middle":
        return -height / 2
    if anchor == "bottom":
        return -height
    if anchor == "top":
        return 0
    if baseline in ("central", "middle"):
        return (ascent + descent) / 2 - descent
    if baseline in ("text-before-edge", "before_edge", "top", "hanging", "text-top"):
        return ascent
    if baseline in ("text-after-edge", "after_edge", "bottom", "text-bottom"):
        return -descent
    return 0


def _int(value: object, default: int) -> int:
    try:
        return int(value)
    except (TypeError, ValueError):
        return default
