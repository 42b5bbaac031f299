"""Pages a typesetter would sign off: chapters open pages and shorter parts follow on, no page
is left nearly empty but a chapter's last, no heading or caption stands alone at the foot of a
page, no list's last item stands alone at the top of one, and a note is said once, later ones
pointing to the methodology.

Read back with poppler (word boxes), on the seed market and on the many-scripts market.
"""

from __future__ import annotations

import dataclasses
import io
import re

import pytest
from pypdf import PdfReader

from reportgen.model import build_report
from reportgen.model.elements import Chart, Item, ItemList, Report, Section, SectionKind, Table
from reportgen.writers import pdf
from reportgen.writers.pdf.html import notes_shown, opens_page
from tests.writers.pdf import poppler
from tests.writers.pdf.poppler import Page, needs_poppler, plain

pytestmark = needs_poppler
MIN_FILL = 0.25


@pytest.fixture(scope="module", params=["latam", "world"])
def typeset(request) -> tuple[Report, PdfReader, list[Page]]:
    report = request.getfixturevalue(f"{request.param}_report")
    data = request.getfixturevalue(f"{request.param}_pdf")
    return report, PdfReader(io.BytesIO(data)), poppler.pages(data)


def first_pages(report: Report, reader: PdfReader) -> dict[str, int]:
    """Top-level section id -> the page (1-based) its heading is on."""
    pages = [reader.get_destination_page_number(item) + 1 for item in reader.outline if not isinstance(item, list)][1:]
    return {s.id: page for s, page in zip(report.sections, pages, strict=True)}


def body_text(page: Page) -> str:
    return plain(" ".join(w.text for w in page.body()))


def test_chapters_open_a_page_and_shorter_parts_follow_on(typeset):
    report, reader, pages = typeset
    starts = first_pages(report, reader)
    chapters = opens_page(report)
    for section in report.sections:
        page = pages[starts[section.id] - 1]
        begins = body_text(page).startswith(plain(section.title))
        assert begins or section.id not in chapters, f"{section.title} does not open page {starts[section.id]}"
    followers = [s for s in report.sections if s.id not in chapters and not body_text(pages[starts[s.id] - 1]).startswith(plain(s.title))]
    assert followers, "no part follows on the page where the one before it ends"


def test_no_page_is_nearly_empty_but_the_last_before_a_chapter(typeset):
    """Nor the last before a dimension's tables in the appendix, which open a page too."""
    report, reader, pages = typeset
    starts = first_pages(report, reader)
    openers = opens_page(report)
    chapter_pages = {starts[s.id] for s in report.sections if s.id in openers}
    for top in report.sections:
        for sub in (s for s in top.subsections if s.id in openers):
            chapter_pages.add(next(n for n, page in enumerate(pages[starts[top.id] - 1:], starts[top.id])
                                   if body_text(page).startswith(plain(sub.title))))
    for number, page in enumerate(pages[2:], 3):  # after the cover and the contents
        if number + 1 in chapter_pages or number == len(pages):
            continue
        assert page.fill() >= MIN_FILL, f"page {number} is {page.fill():.0%} full"


def test_no_heading_headline_or_caption_ends_a_page(typeset):
    report, _, pages = typeset
    titles = set()
    for top in report.sections:
        for section in top.walk():
            titles |= {section.title, section.headline} - {""}
            titles |= {b.title for b in section.blocks if isinstance(b, Table | Chart)}
    for number, page in enumerate(pages[2:], 3):
        text = body_text(page)
        ending = [t for t in titles if text.endswith(plain(t))]
        assert not ending, f"page {number} ends with {ending}"


def test_a_repeated_note_is_printed_once_and_later_ones_point_to_the_methodology(typeset):
    report, reader, pages = typeset
    text = plain(" ".join(w.text for page in pages for w in page.body()))
    sections = [s for top in report.sections for s in top.walk() if s.kind != SectionKind.METHODOLOGY]
    repeated = {n for n in {n for s in sections for n in s.notes} if sum(n in s.notes for s in sections) > 1}
    assert repeated
    for note in repeated:
        assert text.count(plain(note)) == 1, note
    methodology = next(s for s in report.sections if s.kind == SectionKind.METHODOLOGY)
    pointer = plain(f"See {methodology.title} for the sources and estimates stated earlier.")
    assert text.count(pointer) == sum(n.refer for n in notes_shown(report).values()) > 0
    start = first_pages(report, reader)[methodology.id] - 1
    links = [annot.get_object() for page in reader.pages for annot in page.get("/Annots", ())]
    to_methodology = [a for a in links if "/Dest" in a and reader.get_destination_page_number(
        reader.named_destinations[str(a["/Dest"])]) == start] if reader.named_destinations else []
    assert len(to_methodology) >= text.count(pointer) + 1  # each pointer, and the contents' entry, lead there


def _companies_on_pages(report: Report, count: int, titled: bool) -> list[list[int]]:
    """The numbers of the listed companies on each page after the contents, for a report that is
    a list of ``count`` companies (titled items stand in one column, plain names in two)."""
    items = tuple(Item(f"Company {i} with a short note", f"Co {i}" if titled else None) for i in range(count))
    listing = Section("companies", "Top companies", SectionKind.COMPANIES, (ItemList(items),))
    reader = PdfReader(io.BytesIO(pdf.render(dataclasses.replace(report, sections=(listing,)))))
    return [[int(n) for n in re.findall(r"Company (\d+)", page.extract_text())] for page in reader.pages[2:]]


@pytest.mark.parametrize("titled", [True, False], ids=["one column", "two columns"])
def test_a_lists_last_item_never_stands_alone_at_the_top_of_a_page(japan_analysis, titled):
    """A list cut so that its last item would open the next page, as the last key player did:
    the item before it goes over with it."""
    report = build_report(japan_analysis)
    first_overflowing = _companies_on_pages(report, 80, titled)[1][0]
    pages = _companies_on_pages(report, first_overflowing + 1, titled)
    assert pages[-1] == [first_overflowing - 1, first_overflowing], pages
