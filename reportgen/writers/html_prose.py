"""The model's prose as HTML elements, for the two writers that print HTML: the PDF (through
WeasyPrint) and the web edition.

One renderer, so a paragraph, a list and a styled span read the same in both, and so every
string of it is escaped in one place: span text is escaped (``<b>`` typed in the data prints as
``<b>``), a hard line break is ``<br>``, emphasis ``<strong>``/``<em>``, inline code ``<code>``,
and a link ``<a href rel="noopener">`` whose address the data layer has already limited to http,
https and mailto (the href is escaped too). WeasyPrint turns each ``<a>`` into a PDF link
annotation with its URI, so links are clickable in the PDF as on the web.

A numbered list that does not count from 1 says so with ``<ol start>``, which browsers honour;
WeasyPrint does not, so for the PDF (``counters``) the list also resets its counter in a style
attribute, which the web edition's policy would refuse.
"""

from __future__ import annotations

from collections.abc import Sequence
from itertools import groupby

from markupsafe import Markup, escape

from reportgen.model.elements import LINE_BREAK, Inline, Item, ItemList, Paragraph, Span
from reportgen.writers.shared import Cell

COLUMNS_FROM = 11  # a list of this many plain entries (names, say) is set in two columns


def inline_html(text: Inline) -> Markup:
    """Styled spans as HTML; the spans of one link share one ``<a>``."""
    out = []
    for link, spans in groupby(text.spans, key=lambda s: s.link):
        inner = "".join(map(_span, spans))
        out.append(f'<a href="{escape(link)}" rel="noopener">{inner}</a>' if link else inner)
    return Markup("".join(out))


def _span(span: Span) -> str:
    html = "<br>".join(str(escape(part)) for part in span.text.split(LINE_BREAK))
    for flag, tag in ((span.code, "code"), (span.italic, "em"), (span.bold, "strong")):
        if flag:
            html = f"<{tag}>{html}</{tag}>"
    return html


def prose_html(blocks: Sequence[Paragraph | ItemList], counters: bool = False) -> Markup:
    """Paragraphs as ``<p>``, lists as ``<ul>``/``<ol>`` of class ``items``, one per line;
    ``counters`` for WeasyPrint, which needs a numbered list's start as a counter reset."""
    return Markup("\n".join(_block(block, counters) for block in blocks))


def _block(block: Paragraph | ItemList, counters: bool) -> str:
    if isinstance(block, Paragraph):
        return f"<p>{inline_html(block.text)}</p>"
    columns = len(block.items) >= COLUMNS_FROM and not any(item.title for item in block.items)
    classes = "items items-columns" if columns else "items"
    tag = "ol" if block.numbered else "ul"
    start = f' start="{block.start}"' if block.numbered and block.start != 1 else ""
    if start and counters:
        start += f' style="counter-reset: list-item {block.start - 1}"'
    entries = "".join(f"\n    <li>{_entry(item, counters)}</li>" for item in block.items)  # indented as the templates indent blocks
    return f'<{tag} class="{classes}"{start}>{entries}\n  </{tag}>'


def _entry(item: Item, counters: bool) -> str:
    lead = f"<strong>{escape(item.title)}:</strong> " if item.title else ""
    return f"{lead}{inline_html(item.text)}" + (f"\n{prose_html(item.blocks, counters)}" if item.blocks else "")


def cell_html(cell: Cell) -> Markup:
    """A table cell's content: its prose with styles and links, or its text."""
    return inline_html(cell.rich) if cell.rich else escape(cell.text)


def lone_paragraph(blocks: Sequence[Paragraph | ItemList]) -> Inline | None:
    """The text of prose that is a single paragraph (most answers), which a template may set in
    an element of its own; None for anything longer."""
    return blocks[0].text if len(blocks) == 1 and isinstance(blocks[0], Paragraph) else None
