"""Gaps in WeasyPrint's PDF/UA-1 output, closed while it draws the pages and writes the structure
tree and the fonts.

1. Table header cells carry ``/Scope``. WeasyPrint ties each data cell to its headers through
   ``/Headers`` and ``/ID`` but gives a ``TH`` no ``/Scope`` (Kozea/WeasyPrint#2508, open), and
   checkers and screen readers that look for it (pdfua, PAC) find headers tied to nothing.
   Each ``TH`` gets the scope its HTML cell states: ``Row`` for ``scope="row"`` (the first cell
   of a row that names it), ``Column`` otherwise (the cells of the table's head).
2. Margin boxes are pagination artifacts. WeasyPrint marks their text as tagged content and
   makes structure elements for it that it never links into the tree (an artifact there needs
   PDF 2.0, its comment says): content a screen reader cannot reach, and that it should skip.
   A margin box is drawn inside one ``/Artifact`` sequence of type ``/Pagination`` instead, and
   no structure element is made for it (a part's running chapter head; in a single render
   also the title, publisher line and page numbers, which a part leaves to the chrome that
   assembly marks the same way). The dots that lead a contents entry to its page number
   (``leader()``) are a ``/Layout`` artifact the same way: a screen reader reads "Market
   overview, 4", not a row of full stops; the dots stay in the page's text for a search.
3. Every glyph maps to text. WeasyPrint gives the first glyph of a cluster the cluster's text
   and the others (a Devanagari conjunct drawn as two glyphs) the empty string, which it writes
   into the font's ToUnicode map as ``<>``: a malformed entry, and a glyph without one fails
   PDF/UA-1 (7.21.7) as well. Such a glyph maps to U+2060 WORD JOINER, invisible and breaking
   nothing; the line's text as written is its ``/ActualText`` (``shaping.py``).
4. Text is content of its element. WeasyPrint wraps every text box (a line of a paragraph, a
   cell's text) in a ``Span`` element of its own, which says nothing; its marked content goes to
   the paragraph, cell or heading itself: the same content in the same order, and 45 % fewer
   elements to write, assemble and check (latam-cgt: 4,383 of 9,903; a tenth less CPU to write
   its parts tagged), and no empty Spans for a screen reader to step through.
5. A link within the document says where it leads. WeasyPrint describes every link
   (``/Contents``) by its target, which for an anchor is an id ("s-overview"); such a link, or
   one to another part's anchor (``urls.DEST_SCHEME``), is described by its text ("Market
   overview") instead. A link to the web keeps its address.

The hooks replace the functions WeasyPrint looks up by name to draw a stacking context, to build
the structure tree of a box, to add a page's links and to write the fonts; ``install`` puts them
in place once per process, before the PDF writer typesets. All but the third leave untagged PDFs
alone.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator

from reportgen.writers.pdf.hooks import replace
from reportgen.writers.pdf.urls import DEST_SCHEME

PAGINATION = {"Type": "/Pagination"}
LAYOUT = {"Type": "/Layout"}
SPAN_KEYS = {"Type", "S", "K", "Pg", "P"}  # a Span made for a piece of text, nothing else said about it
NO_TEXT = "\u2060"  # WORD JOINER: what a glyph that draws part of its cluster's text maps to


def install() -> None:
    """Put the hooks in place (idempotent)."""
    import weasyprint.draw
    import weasyprint.pdf
    import weasyprint.pdf.tags

    replace(weasyprint.draw, "draw_stacking_context", _margin_artifacts)
    replace(weasyprint.draw, "draw_inline_level", _leader_artifacts)
    replace(weasyprint.pdf.tags, "_build_box_tree", _structure)
    replace(weasyprint.pdf, "add_links", _link_text)
    replace(weasyprint.pdf, "build_fonts_dictionary", _glyph_text)


def header_scope(scope: str | None) -> str:
    """The PDF ``/Scope`` of a header cell from its HTML ``scope`` attribute."""
    return "/Row" if scope in ("row", "rowgroup") else "/Column"


def _margin_artifacts(original: Callable) -> Callable:
    from weasyprint.formatting_structure import boxes

    def draw_stacking_context(stream, stacking_context):
        if stream._tags is None or not isinstance(stacking_context.box, boxes.MarginBox):
            return original(stream, stacking_context)
        with _artifact(stream, PAGINATION):
            return original(stream, stacking_context)

    return draw_stacking_context


def _leader_artifacts(original: Callable) -> Callable:
    def draw_inline_level(stream, page, box, *args, **kwargs):
        if stream._tags is None or not getattr(box, "is_leader", False):  # a stacking context is no box
            return original(stream, page, box, *args, **kwargs)
        with _artifact(stream, LAYOUT):
            return original(stream, page, box, *args, **kwargs)

    return draw_inline_level


@contextlib.contextmanager
def _artifact(stream, kind: dict[str, str]) -> Iterator[None]:
    """What is drawn inside, as one artifact sequence of ``kind``: nothing in it is marked as content."""
    import pydyf

    tags, stream._tags = stream._tags, None
    stream.begin_marked_content("Artifact", pydyf.Dictionary(kind))
    try:
        yield
    finally:
        stream.end_marked_content()
        stream._tags = tags


def _structure(original: Callable) -> Callable:
    from weasyprint.formatting_structure import boxes

    def build_box_tree(box, parent, pdf, page_number, nums, annotations, tags):
        if isinstance(box, boxes.MarginBox):
            return  # drawn as an artifact: no marked content, no element
        if box.is_leader:  # the same, but the dots are part of their link: its element holds their link area
            if box.link_annotation is not None:
                _annotation_in(parent, box.link_annotation, pdf, page_number, annotations)
            return
        for element in original(box, parent, pdf, page_number, nums, annotations, tags):
            _text_in_place(element, pdf, nums)
            yield element
        element = getattr(box, "mark", None)  # the cell's element, set by WeasyPrint for TH and TD
        if element is not None and box.element_tag == "th":
            element["A"]["Scope"] = header_scope(box.element.get("scope"))

    return build_box_tree


def _annotation_in(element, annotation, pdf, page_number: int, annotations: list) -> None:
    """A link annotation as a kid of ``element``, as WeasyPrint files the annotation of a box's own element."""
    import pydyf

    reference = pydyf.Dictionary({"Type": "/OBJR", "Obj": annotation.reference, "Pg": pdf.page_references[page_number]})
    pdf.add_object(reference)
    element["K"].append(reference.reference)
    annotations.append((element.reference, annotation))


def _link_text(original: Callable) -> Callable:
    import pydyf

    def add_links(links_and_anchors, matrix, pdf, page, names, tags):
        original(links_and_anchors, matrix, pdf, page, names, tags)
        for link_type, target, _rectangle, box in links_and_anchors[0]:
            annotation = getattr(box, "link_annotation", None)
            within = link_type == "internal" or target.startswith(f"{DEST_SCHEME}:")  # or to another part's anchor
            if tags is not None and within and annotation is not None:
                text = " ".join("".join(box.element.itertext()).split())
                if text:
                    annotation["Contents"] = pydyf.String(text)

    return add_links


def _glyph_text(original: Callable) -> Callable:
    def build_fonts_dictionary(pdf, fonts, *args, **kwargs):
        for font in fonts.values():
            for glyph, text in font.to_unicode.items():
                if not text:
                    font.to_unicode[glyph] = NO_TEXT
        return original(pdf, fonts, *args, **kwargs)

    return build_fonts_dictionary


def _text_in_place(element, pdf, nums) -> None:
    """Each ``Span`` kid of ``element`` that holds nothing but one piece of text replaced by the
    text's marked-content id, which then belongs to ``element``. The Span left behind is emptied
    (pydyf writes every object it was given); nothing refers to it, and assembly drops it."""
    kids = element["K"]
    for i, kid in enumerate(kids):
        if not isinstance(kid, bytes):
            continue  # already a marked-content id
        span = pdf.objects[int(kid.split(b" ", 1)[0])]
        if span.get("S") == "/Span" and set(span) == SPAN_KEYS and len(span["K"]) == 1 and isinstance(span["K"][0], int):
            kids[i] = mcid = span["K"][0]
            nums[mcid] = element.reference
            span.clear()
