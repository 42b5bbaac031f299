"""Prose from the data as the model holds it: CommonMark parsed once into paragraphs, lists and
styled spans.

``parse`` is the one way a prose text (a content paragraph, an answer, a note, a reason, a
custom section's ``text``) enters the model: the text as ``reportgen.markdown`` reads it,
turned into ``Paragraph``, ``ItemList`` (bullet or numbered, nested as written) and ``Inline``
spans that are bold, italic, code or a link. Writers lay these out in their own medium and
never see Markdown. A soft line break (a single newline) is a space and a hard one (two spaces
or a backslash before the newline) a ``LINE_BREAK``, in every format, as CommonMark has it; a
blank line starts a new paragraph.

Prose that must fit one line of text is flattened from the same parse: ``inline`` for a table
cell (paragraphs and list entries become lines), ``plain`` for a sentence the report writes
around a reason or a note (no styles; a link's address in brackets after its text). Names,
titles and generated sentences are never parsed: they reach the model as plain ``Inline.of``.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import replace
from functools import lru_cache

from markdown_it.token import Token

from reportgen.markdown import link_problem, tokens
from reportgen.model.elements import LINE_BREAK, Flow, Inline, Item, ItemList, Paragraph, Span

BULLET = "\u2022 "  # a bullet entry's mark when a list is flattened into lines


@lru_cache(maxsize=4096)
def parse(text: str) -> Flow:
    """``text`` (CommonMark) as the model's paragraphs and lists."""
    blocks, _ = _blocks(tokens(text), 0, "")
    return blocks


def _blocks(toks: Sequence[Token], i: int, until: str) -> tuple[Flow, int]:
    """Blocks from ``toks[i]`` up to the closing token ``until`` (or the end); returns them and the
    index after the closing token."""
    out: list[Paragraph | ItemList] = []
    while i < len(toks) and toks[i].type != until:
        tok = toks[i]
        if tok.type == "paragraph_open":
            out.append(Paragraph(_inline(toks[i + 1].children or [])))
            i += 3  # paragraph_open, inline, paragraph_close
        elif tok.type in ("bullet_list_open", "ordered_list_open"):
            close = tok.type.replace("_open", "_close")
            items, i = _items(toks, i + 1, close)
            start = int(tok.attrs.get("start", 1)) if tok.type == "ordered_list_open" else 1
            out.append(ItemList(items, tok.type == "ordered_list_open", start))
        else:
            i += 1  # a token of what is switched off never comes; nothing else holds text
    return tuple(out), i + 1


def _items(toks: Sequence[Token], i: int, until: str) -> tuple[tuple[Item, ...], int]:
    items = []
    while toks[i].type != until:
        blocks, i = _blocks(toks, i + 1, "list_item_close")  # from after list_item_open
        items.append(_item(blocks))
    return tuple(items), i + 1


def _item(blocks: Flow, title: str | None = None) -> Item:
    """An entry whose first paragraph is its text and the rest its blocks."""
    if blocks and isinstance(blocks[0], Paragraph):
        return Item(blocks[0].text, title, blocks[1:])
    return Item(Inline(), title, blocks)


def _inline(children: Sequence[Token]) -> Inline:
    """Inline tokens as spans: nested emphasis and links become flags on each span."""
    spans: list[Span] = []
    bold = italic = 0
    links: list[str | None] = []
    for tok in children:
        style = Span("", bold > 0, italic > 0, False, links[-1] if links else None)
        kind = tok.type
        if kind in ("text", "image"):  # an image, which the data layer refuses, shows its description
            spans.append(replace(style, text=tok.content))
        elif kind == "code_inline":
            spans.append(replace(style, text=tok.content, code=True))
        elif kind in ("softbreak", "hardbreak"):
            spans.append(replace(style, text=" " if kind == "softbreak" else LINE_BREAK))
        elif kind in ("strong_open", "strong_close"):
            bold += 1 if kind == "strong_open" else -1
        elif kind in ("em_open", "em_close"):
            italic += 1 if kind == "em_open" else -1
        elif kind == "link_open":
            href = str(tok.attrs["href"])
            links.append(None if link_problem(href) else href)  # refused by the data layer; never a link here
        elif kind == "link_close":
            links.pop()
    return Inline(tuple(_merged(spans)))


def _merged(spans: Sequence[Span]) -> Iterator[Span]:
    """Spans without empty ones, neighbours of one style joined."""
    last: Span | None = None
    for span in spans:
        if not span.text:
            continue
        if last is not None and replace(last, text="") == replace(span, text=""):
            last = replace(last, text=last.text + span.text)
            continue
        if last is not None:
            yield last
        last = span
    if last is not None:
        yield last


def item(text: str, title: str | None = None, after: str = "") -> Item:
    """A list entry whose body is the prose ``text``: its first paragraph the entry's text (with
    ``after``, plain text such as ' (Chile)', at its end), what follows it the entry's blocks."""
    entry = _item(parse(text), title)
    if after:
        entry = replace(entry, text=Inline(tuple(_merged([*entry.text.spans, Span(after)]))))
    return entry


def inline(text: str) -> Inline:
    """``text`` on lines of one cell (``flatten``)."""
    return flatten(parse(text))


def flatten(blocks: Flow) -> Inline:
    """Blocks on lines of one ``Inline``: each paragraph and list entry a line, entries marked
    with a bullet or their number, styles and links kept."""
    return Inline(tuple(_merged(_lines(blocks))))


def flow_text(blocks: Flow) -> str:
    """The plain text of blocks, a line per paragraph and list entry (metadata, size estimates)."""
    return flatten(blocks).plain


def _lines(blocks: Flow) -> Iterator[Span]:
    for n, block in enumerate(blocks):
        if isinstance(block, Paragraph):
            if n:
                yield Span(LINE_BREAK)
            yield from block.text.spans
            continue
        for k, entry in enumerate(block.items):
            if n or k:
                yield Span(LINE_BREAK)
            yield Span(f"{block.start + k}. " if block.numbered else BULLET)
            yield from entry.text.spans
            if entry.blocks:
                yield Span(LINE_BREAK)
                yield from _lines(entry.blocks)


def with_addresses(text: Inline) -> Inline:
    """``text`` with each link's address in brackets after it, for where a link cannot be
    followed (a sentence, a workbook cell with several links); not when its text is the address."""
    spans: list[Span] = []
    for n, span in enumerate(text.spans):
        spans.append(span)
        following = text.spans[n + 1].link if n + 1 < len(text.spans) else None
        if span.link and following != span.link:
            shown = "".join(s.text for s in _run_of(text.spans, n))
            address = span.link.removeprefix("mailto:")
            if shown not in (span.link, address):
                spans.append(Span(f" ({address})"))
    return Inline(tuple(_merged(spans)))


def _run_of(spans: Sequence[Span], last: int) -> list[Span]:
    """The spans of the link that ends at ``spans[last]``."""
    first = last
    while first > 0 and spans[first - 1].link == spans[last].link:
        first -= 1
    return list(spans[first:last + 1])


def plain(text: str, addresses: bool = True) -> str:
    """``text`` as one line of plain text, for a sentence that quotes it: no styles, line breaks
    as spaces, and (with ``addresses``) each link's address after it (``with_addresses``)."""
    shown = with_addresses(inline(text)) if addresses else inline(text)
    return shown.plain.replace(LINE_BREAK, " ")
