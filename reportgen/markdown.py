"""CommonMark as reportgen reads it: the one parser of every prose text, and the rule for its links.

A prose field of the data (``schema.Prose``: paragraphs, answers, notes, reasons) and its
translations are CommonMark, parsed here by markdown-it-py. Only what every format shows
natively is interpreted: emphasis, strong emphasis, inline code, links, hard line breaks,
paragraphs and bullet or numbered lists. Raw HTML is off, so ``<b>`` or ``<script>`` is text,
shown as typed; headings, block quotes, code blocks and thematic breaks are switched off, so
their characters stay text too (a ``---`` line or a ``#`` in a paragraph reads as written).

Links are parsed whatever their scheme (markdown-it alone would leave a ``javascript:`` link as
plain text without a word), so that the data layer can refuse each link that does not go to an
http, https or mailto address, and each image (nothing in the data may fetch a file or a URL),
naming the file and the field. The model turns the tokens into its own types
(``model/prose.py``); the data layer and the model import this module, never each other.
"""

from __future__ import annotations

from collections import Counter
from functools import lru_cache
from urllib.parse import urlsplit

from markdown_it import MarkdownIt
from markdown_it.token import Token

from reportgen.errors import shown

SCHEMES = ("http", "https", "mailto")  # where a link may go
_OFF = ["code", "fence", "blockquote", "hr", "heading", "lheading", "html_block"]  # not interpreted: shown as written

PARSER = MarkdownIt("commonmark", {"html": False}).disable(_OFF)
PARSER.validateLink = lambda url: True  # every link becomes a token, for ``link_problems`` to judge


@lru_cache(maxsize=4096)
def _parsed(text: str) -> tuple[Token, ...]:
    return tuple(PARSER.parse(text))


def tokens(text: str) -> tuple[Token, ...]:
    """The block tokens of ``text`` (inline tokens hold their ``children``); do not modify them."""
    return _parsed(text)


def link_problem(url: str) -> str | None:
    """Why a link target is refused, or None for an http(s) address with a host or a mailto address."""
    parts = urlsplit(url)
    scheme = parts.scheme.lower()
    if scheme in ("http", "https") and parts.netloc:
        return None
    if scheme == "mailto" and parts.path:
        return None
    if scheme in SCHEMES:
        return f"the link {shown(url)} has no address after '{scheme}:'"
    what = f"a {scheme}: link" if scheme else "not a full address"
    return f"the link {shown(url)} is {what}; links may only go to http, https or mailto addresses (https://...)"


def _inline_tokens(text: str):
    for block in tokens(text):
        yield from block.children or ()


def links(text: str) -> list[str]:
    """The target of every link in ``text``, in reading order."""
    return [t.attrs["href"] for t in _inline_tokens(text) if t.type == "link_open"]


def link_problems(text: str) -> list[str]:
    """Why each refused link of ``text`` is refused, and one line per image (prose shows none)."""
    problems = []
    for t in _inline_tokens(text):
        if t.type == "link_open":
            problem = link_problem(str(t.attrs["href"]))
            if problem:
                problems.append(problem)
        elif t.type == "image":
            problems.append(f"the image {shown(str(t.attrs['src']))} cannot be shown: prose holds no images (a link to it can: "
                            "write [text](https://...) without the '!')")
    return problems


def link_changes(english: str, translated: str) -> str:
    """What a translation does to its English text's links ('' when it keeps them all, in any
    order): a reader of the translation would miss a source, or follow one the English lacks."""
    before, after = Counter(links(english)), Counter(links(translated))
    dropped, added = sorted((before - after).elements()), sorted((after - before).elements())
    parts = [f"drops the link {', '.join(map(shown, dropped))}" if dropped else "",
             f"adds the link {', '.join(map(shown, added))}" if added else ""]
    if not dropped and not added:
        return ""
    return (f"the translation {' and '.join(p for p in parts if p)} of its English text; a translation keeps the "
            "English links (translate the words of a link, not its address)")
