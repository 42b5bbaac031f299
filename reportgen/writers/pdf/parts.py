"""The PDF laid out in parts: the report's HTML cut where pages break anyway, each part typeset on
its own (in parallel, on any worker), an unchanged part never typeset again.

WeasyPrint lays a document out in one pass; its maintainers' advice for long documents is to
typeset them in chunks (Kozea/WeasyPrint#1060). The cover, the contents, every chapter and each
dimension's tables in the appendix start on a new page (sections too short for a page of their
own follow on, and stay in the part of the chapter before them), and the template marks the
places (``<!--part:...-->``), so a cut there leaves every page as a single render lays it out.
What a single render computes across the whole document is supplied without a second layout of
the body:

- the running chapter head (``string(chapter)``) is the part's own: a part starts with its
  chapter's heading, which sets it, or continues a chapter (the appendix) inside a copy of the
  chapter's element that sets it to the chapter's title;
- the contents' page numbers: the contents are typeset once, after the body, with the numbers
  written in; the numbers count the contents' own pages, which are guessed from its entries
  (``Split.contents_guess``) and checked against the layout (a wrong guess, rare, costs one more
  round of contents and chrome);
- the running title, the publisher line and "Page N of M" (``<style data-part="chrome">``): a
  chrome document of M empty pages of the same page types holds only those margin boxes, laid
  over the pages at assembly (``assemble.py``);
- links, bookmarks, named destinations, tags and metadata: every part's PDF carries its own, and
  assembly merges them (the cover carries the document's metadata); a link to another part's
  anchor is carried as a private URI until then (``urls.DEST_SCHEME``).

A part's HTML holds nothing that depends on another part (no page number, no counter), so a part
whose content did not change has the same HTML, hence the same digest, and its layout is reused.
This module only cuts and describes; ``reportgen.writers.pdf.render_part`` typesets a part.
"""

from __future__ import annotations

import dataclasses
import hashlib
import math
import re
from collections.abc import Callable, Generator, Mapping, Sequence
from dataclasses import dataclass, field

from reportgen.errors import BuildError
from reportgen.model.brand import Brand, FontFace, FontFamily, Image
from reportgen.model.elements import Chart, ItemList, KeyFigures, Paragraph, Report, Section, Table
from reportgen.model.prose import flow_text
from reportgen.resources import PACKAGE_DIR
from reportgen.writers.pdf.html import chart_sizes, css_string, image_urls, opens_page, render_html
from reportgen.writers.pdf.urls import DEST_SCHEME, IMAGE_SCHEME
from reportgen.writers.shared import anchor

# Expected seconds of layout per unit, from timing latam-cgt's chapters one by one; only their ratios
# matter (they balance parts and order tasks).
FIXED_COST, CELL_COST, CHAR_COST, CHART_COST = 0.05, 0.001, 0.00005, 0.08
ENTRY_COST, CHROME_PAGE_COST = 0.008, 0.007  # a contents entry (its dotted leader), a page of chrome
PART_COST = 0.5  # chapters are grouped into parts of about this expected cost (an edit lays out little more than its chapter)
MAX_ROUNDS = 3  # contents typeset until their page count is the one the numbers count
# The contents' height by its entries, in points, as report.css sets them (the title's h2 with its
# rule and margin; a chapter's .toc-1 line and its margin; a section's .toc-2 line) and the text
# height of an A4 page: only a guess of its page count, which the layout checks.
CONTENTS_TITLE_PT, CHAPTER_ENTRY_PT, SECTION_ENTRY_PT, PAGE_TEXT_PT = 37.0, 20.0, 12.3, 722.8

_MARK = re.compile(r"<!--part:([A-Za-z0-9_-]+)-->\n?")
_CHROME_STYLE = re.compile(r'<style data-part="chrome">.*?</style>\n?', re.S)
_METADATA = re.compile(r'<title>.*?</title>\n?|<meta name="[^"]*" content="[^"]*">\n?', re.S)
_CONTENTS_LINK = re.compile(r'<a href="#([A-Za-z0-9_-]+)">')
_CONTENTS_ENTRY = re.compile(r'<li class="toc-(\d+)"')
_INTERNAL_LINK = re.compile(r'href="#([A-Za-z0-9_-]+)"')
_ID = re.compile(r'\bid="([A-Za-z0-9_-]+)"')
_PAGE_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_-]*")
# report.css prints each contents entry's number with target-counter(); in a part of its own the
# target is in another part, so the number is written into the link and printed from there.
CONTENTS_NUMBERS = '<style>.toc-list a::after { content: leader(". ") attr(data-page); }</style>\n'
CHROME_PAGES = "<style>.reportgen-chrome { break-before: page; }</style>\n"


@dataclass(frozen=True)
class PartSpec:
    """One part to typeset: its whole HTML document and what it loads besides the assets."""

    name: str  # "cover", "contents", "chrome", or the anchor of the part's first chapter
    html: str
    pdf_variant: str | None
    fonts: tuple[FontFamily, ...]  # the brand's families (the fallbacks are the machine's)
    charts: Report | None = None  # the report cut to this part's chapters: the charts it shows
    images: tuple[tuple[str, Image], ...] = ()  # (URL, image) of each of the brand's logos the part shows
    cost: float = FIXED_COST  # expected seconds of layout, for balancing
    assets: str = PACKAGE_DIR.as_uri()  # where the package data the HTML links to was, as a file URL
    digest: str = ""  # what the layout depends on besides the environment (code, assets)
    continues: bool = False  # it starts inside a chapter that an earlier part opened

    def __post_init__(self) -> None:
        if not self.digest:
            object.__setattr__(self, "digest", _digest(self))


@dataclass(frozen=True)
class PartResult:
    """A typeset part: its PDF and what assembling needs that the PDF does not say plainly."""

    pdf: bytes
    pages: tuple[str, ...]  # each page's @page name ("" for the default page), for the chrome
    anchors: Mapping[str, int] = field(default_factory=dict)  # anchor -> index of its page in the part


@dataclass(frozen=True)
class Assembly:
    """Everything ``assemble`` needs: the parts in reading order and the chrome to lay over them."""

    parts: tuple[PartResult, ...]  # the first (the cover) carries the document's metadata
    chrome: PartResult
    continued: frozenset[int] = frozenset()  # parts that continue the chapter before them (their bookmarks nest in it)


@dataclass(frozen=True)
class Split:
    """The report cut into parts, and the pieces the contents and the chrome are made from."""

    cover: PartSpec
    bodies: tuple[PartSpec, ...]
    head: str  # a part's <head>: no metadata, no chrome
    chrome_head: str
    contents_html: str
    pdf_variant: str | None
    fonts: tuple[FontFamily, ...]
    images: tuple[tuple[str, Image], ...]  # the brand's logos, for the parts that show them

    def contents(self, numbers: Mapping[str, int]) -> PartSpec:
        """The contents with each entry's page number."""

        def link(match: re.Match) -> str:
            target = match[1]
            if target not in numbers:
                raise BuildError(f"the contents link to #{target}, which no part of the PDF holds")
            return f'<a href="#{target}" data-page="{numbers[target]}">'

        body = _links_out(_CONTENTS_LINK.sub(link, self.contents_html))
        html = _document(self.head.replace("</head>", CONTENTS_NUMBERS + "</head>"), body)
        return PartSpec("contents", html, self.pdf_variant, self.fonts,
                        cost=FIXED_COST + ENTRY_COST * len(_CONTENTS_LINK.findall(self.contents_html)))

    def contents_guess(self) -> tuple[str, ...]:
        """The contents' pages as the layout is expected to give them: as many as its entries
        fill (a long title that wraps is not foreseen), of the default page type."""
        levels = _CONTENTS_ENTRY.findall(self.contents_html)
        height = CONTENTS_TITLE_PT + sum(CHAPTER_ENTRY_PT if level == "1" else SECTION_ENTRY_PT for level in levels)
        return ("",) * max(1, math.ceil(height / PAGE_TEXT_PT))

    def chrome(self, pages: Sequence[str]) -> PartSpec:
        """M empty pages of the given page types holding only the chrome's margin boxes (untagged:
        assembly lays them over the pages as artifacts)."""
        divs = []
        for name in pages:
            if name and not _PAGE_NAME.fullmatch(name):
                raise BuildError(f"unexpected @page name {name!r} in the PDF's layout")
            divs.append(f'<div class="reportgen-chrome" style="page: {name or "auto"}"></div>\n')
        html = _document(self.chrome_head.replace("</head>", CHROME_PAGES + "</head>"), "".join(divs))
        return PartSpec("chrome", html, None, self.fonts, images=_shown(html, self.images), cost=FIXED_COST + CHROME_PAGE_COST * len(pages))


def split(report: Report, pdf_variant: str | None, chart_src: ChartSrc) -> Split:
    """Cut the report's HTML (as a single render typesets it) at its part marks and group the
    pieces into parts of about ``PART_COST`` each, in reading order."""
    html = render_html(report, chart_src)
    fonts, images = report.brand.families, tuple(image_urls(report.brand).items())
    head, body = html.split("<body>", 1)
    pieces = _MARK.split(body)
    chunks = dict(zip(pieces[1::2], pieces[2::2], strict=True))
    if list(chunks)[:2] != ["cover", "contents"] or list(chunks)[-1] != "end":
        raise BuildError("the PDF template's part marks are missing or out of order")
    cover_head = _CHROME_STYLE.sub("", head)
    part_head = _METADATA.sub("", cover_head)
    cover_html = _document(cover_head, chunks["cover"])
    cover = PartSpec("cover", cover_html, pdf_variant, fonts, images=_shown(cover_html, images), cost=2 * FIXED_COST)
    bodies = []
    charts_brand = _for_charts(report.brand)
    for group in _groups(_pieces(report, chunks)):
        sections = [section for piece in group for section in piece.sections]
        cut = dataclasses.replace(report, sections=tuple(sections), brand=charts_brand)
        html = group[0].opening + "".join(piece.html for piece in group)
        bodies.append(PartSpec(group[0].name, _document(part_head, _links_out(html)), pdf_variant, fonts,
                               charts=cut if cut.charts() else None, cost=sum(piece.cost for piece in group),
                               continues=bool(group[0].opening)))
    return Split(cover, tuple(bodies), part_head, _METADATA.sub("", head), chunks["contents"], pdf_variant, fonts, images)


@dataclass(frozen=True)
class _Piece:
    """What lies between two part marks: a chapter (up to its first subsection that opens a
    page) or such a subsection; parts are made of consecutive pieces."""

    name: str  # the anchor of its section
    html: str
    sections: tuple[Section, ...]  # what it shows, as sections of the report (its charts)
    opens_page: bool
    opening: str = ""  # for a subsection, its chapter's element to lay it out in when it starts a part

    @property
    def cost(self) -> float:
        return sum(map(section_cost, self.sections))


def _pieces(report: Report, chunks: Mapping[str, str]) -> list[_Piece]:
    openers = opens_page(report)
    pieces = []
    for top in report.sections:
        cut = [sub for sub in top.subsections if sub.id in openers]
        own = dataclasses.replace(top, subsections=tuple(sub for sub in top.subsections if sub.id not in openers))
        pieces.append(_Piece(anchor("s", top.id), _chunk(chunks, top), (own,), top.id in openers))
        if cut:
            element = re.match(rf'\s*<section id="{anchor("s", top.id)}" class="([^"]*)">', pieces[-1].html)
            if element is None:
                raise BuildError(f"the PDF template's section {anchor('s', top.id)} is not where its part mark is")
            # The chapter's element without its id, setting the running head as the chapter's heading does
            opening = f"<section class=\"{element[1]}\" style='string-set: chapter {css_string(top.title)}'>\n"
            pieces += [_Piece(anchor("s", sub.id), _chunk(chunks, sub), (sub,), True, opening) for sub in cut]
    return pieces


def _chunk(chunks: Mapping[str, str], section: Section) -> str:
    name = anchor("s", section.id)
    if name not in chunks:
        raise BuildError(f"the PDF template has no part mark for {name}")
    return chunks[name]


def _for_charts(brand: Brand) -> Brand:
    """The brand as a part's charts need it: without what only the Office files use (the bytes of
    the template and of the Office face's metric files), which every part would otherwise carry."""
    office = dataclasses.replace(brand.office, regular=FontFace(brand.office.regular.path), bold=FontFace(brand.office.bold.path))
    return dataclasses.replace(brand, pptx_template=None, office=office)


def _shown(html: str, images: tuple[tuple[str, Image], ...]) -> tuple[tuple[str, Image], ...]:
    """The images a part's HTML loads (a part's digest depends on those alone)."""
    return tuple((url, image) for url, image in images if url in html) if IMAGE_SCHEME in html else ()


def layout(report: Report, pdf_variant: str | None, chart_src: ChartSrc) -> Layout:
    """The order of work, for any driver: yields the parts to typeset next (they are independent
    of each other), is sent their results in the same order, and returns what to assemble.

    First the cover and every body part; then the contents with their page numbers (counting the
    contents' own pages as guessed) and the chrome, again if the contents took other pages.
    """
    parts = split(report, pdf_variant, chart_src)
    cover, *bodies = yield [parts.cover, *parts.bodies]
    contents_pages = parts.contents_guess()
    for _ in range(MAX_ROUNDS):
        numbers = page_numbers(len(cover.pages) + len(contents_pages), bodies)
        pages = (*cover.pages, *contents_pages, *(name for body in bodies for name in body.pages))
        contents, chrome = yield [parts.contents(numbers), parts.chrome(pages)]
        if contents.pages == contents_pages:
            continued = frozenset(2 + i for i, spec in enumerate(parts.bodies) if spec.continues)  # after the cover and contents
            return Assembly((cover, contents, *bodies), chrome, continued)
        contents_pages = contents.pages
    raise BuildError(f"the contents of {report.meta.id} do not settle on a page count")


Layout = Generator[list[PartSpec], list[PartResult], Assembly]
ChartSrc = Callable[[str], str]  # chart id -> the URL the HTML loads it from


def page_numbers(before: int, bodies: Sequence[PartResult]) -> dict[str, int]:
    """The printed (1-based) page number of every anchor of the body parts, which follow ``before``
    pages; an anchor in two parts counts where it first appears, as in a single render."""
    numbers: dict[str, int] = {}
    for body in bodies:
        for name, index in body.anchors.items():
            numbers.setdefault(name, before + index + 1)
        before += len(body.pages)
    return numbers


def section_cost(section: Section) -> float:
    """Expected seconds to lay a chapter out, from what drives WeasyPrint's time: table cells,
    text, and charts (drawn, then painted as SVG)."""
    cells = chars = charts = 0
    for s in section.walk():
        chars += len(s.title) + len(s.headline) + sum(map(len, s.notes))
        for block in s.blocks:
            if isinstance(block, Table):
                cells += len(block.rows) * len(block.columns)
            elif isinstance(block, Chart):
                charts += 1
            elif isinstance(block, Paragraph):
                chars += len(block.text.plain)
            elif isinstance(block, ItemList):
                chars += sum(len(i.text.plain) + len(i.title or "") + len(flow_text(i.blocks)) for i in block.items)
            elif isinstance(block, KeyFigures):
                cells += 4 * len(block.items)
            else:  # Faq
                chars += sum(len(qa.question) + len(flow_text(qa.answer)) for qa in block.items)
    return FIXED_COST + CELL_COST * cells + CHAR_COST * chars + CHART_COST * charts


def _groups(pieces: Sequence[_Piece]) -> list[list[_Piece]]:
    """Consecutive pieces in parts of about ``PART_COST``: a part closes before the piece that
    would take it past the target. Only a piece that opens a page can start a part; a short
    section that follows on stays with the part before it. The cuts depend on the chapters alone
    (never on the number of workers), so the same report always gives the same parts, and an
    edit moves a cut only when a chapter's size changes enough to cross the target."""
    groups: list[list[_Piece]] = []
    cost = 0.0
    for piece in pieces:
        if groups and (not piece.opens_page or cost + piece.cost <= PART_COST):
            groups[-1].append(piece)
            cost += piece.cost
        else:
            groups.append([piece])
            cost = piece.cost
    return groups


def _links_out(body: str) -> str:
    """A part's body with its links to anchors outside it written in ``DEST_SCHEME`` (see urls.py)."""
    own = set(_ID.findall(body))

    def link(match: re.Match) -> str:
        return match[0] if match[1] in own else f'href="{DEST_SCHEME}:{match[1]}"'

    return _INTERNAL_LINK.sub(link, body)


def _document(head: str, body: str) -> str:
    return f"{head}<body>\n{body}</body>\n</html>\n"


def _digest(spec: PartSpec) -> str:
    """A hash of everything the part's layout reads that is not package code or data: its HTML,
    the brand's fonts (by their digests) and the logos it shows, and the charts it shows (by
    their specs, sizes and style, which determine their SVG)."""
    h = hashlib.sha256(spec.html.encode())
    h.update(f"\0variant={spec.pdf_variant}".encode())
    for family in spec.fonts:  # by content, not by where the files were read from
        h.update(repr((family.name, [(f.weight, f.style, f.index, f.digest) for f in family.faces])).encode())
    for url, image in spec.images:
        h.update(f"\0{url}={image.digest}".encode())
    if spec.charts is not None:
        sizes = chart_sizes(spec.charts)
        h.update(repr((spec.charts.brand.colours, spec.charts.fmt, spec.charts.gettext("Forecast years"))).encode())
        for chart in spec.charts.charts():
            h.update(repr((chart, sizes[chart.id])).encode())
    return h.hexdigest()
