"""The PDF laid out in parts and assembled: indistinguishable from one layout to a reader.

The seed report is typeset both ways once per module; tests read the bytes with pypdf and
compare pages, footers, contents, bookmarks and links. Tagged and archival editions, and what a
part's digest depends on, use the cut-down test market.
"""

from __future__ import annotations

import dataclasses
import importlib
import io
import re
import subprocess
from collections import Counter

import pikepdf
import pytest
from pypdf import PdfReader
from pypdf.generic import ArrayObject, DictionaryObject, IndirectObject

from reportgen.errors import BuildError
from reportgen.model.elements import Paragraph, Report
from reportgen.writers import pdf
from reportgen.writers.pdf.parts import Split, page_numbers, split
from reportgen.writers.pdf.urls import chart_url
from reportgen.writers.shared import anchor
from tests.branding import for_client
from tests.writers.pdf import poppler
from tests.writers.pdf.poppler import needs_poppler
from tests.writers.pdf.test_pdf import flat_outline


@pytest.fixture(scope="module")
def single_bytes(latam_report: Report) -> bytes:
    return pdf.render(latam_report)


@pytest.fixture(scope="module")
def single(single_bytes: bytes) -> PdfReader:
    return PdfReader(io.BytesIO(single_bytes))


@pytest.fixture(scope="module")
def assembled_bytes(latam_pdf: bytes) -> bytes:
    return latam_pdf  # laid out in parts by a build's workers and assembled


@pytest.fixture(scope="module")
def assembled(assembled_bytes: bytes) -> PdfReader:
    return PdfReader(io.BytesIO(assembled_bytes))


@pytest.fixture(scope="module")
def assembled_pages(assembled: PdfReader) -> list[str]:
    return [page.extract_text() for page in assembled.pages]


@pytest.fixture(scope="module")
def small(nordic_report: Report) -> Report:
    keep = {"takeaways", "summary", "dim-buyer", "appendix"}
    return dataclasses.replace(nordic_report, sections=tuple(s for s in nordic_report.sections if s.id in keep))


def links(reader: PdfReader) -> list[tuple[int, tuple[int, ...], int]]:
    """(page, rectangle rounded to points, target page) of every internal link."""
    targets = {name: reader.get_destination_page_number(dest) for name, dest in reader.named_destinations.items()}
    found = []
    for number, page in enumerate(reader.pages):
        for annotation in page.get("/Annots", []):
            annotation = annotation.get_object()
            if "/Dest" in annotation:
                found.append((number, tuple(round(float(v)) for v in annotation["/Rect"]), targets[str(annotation["/Dest"])]))
    return found


def test_parts_as_many_as_the_report_has_chapter_groups(latam_report: Report):
    specs = pdf.parts(latam_report).send(None)
    names = [s.name for s in specs]
    assert names[0] == "cover" and len(names) >= 4
    assert all(name.startswith("s-") for name in names[1:])  # every body part starts with a chapter


def test_contents_are_laid_out_once_as_many_pages_as_guessed(latam_report: Report, assembled: PdfReader):
    """The contents are typeset after the body with their numbers, counting their own pages as
    guessed from their entries: the guess holds, so they are typeset once."""
    first_chapter = min(page for title, depth, page in flat_outline(assembled) if title != "Contents")
    contents_pages = first_chapter - 2  # after the cover
    assert len(split(latam_report, None, chart_url).contents_guess()) == contents_pages


def test_assembled_pdf_has_the_pages_outline_and_links_of_one_layout(single: PdfReader, assembled: PdfReader):
    assert len(assembled.pages) == len(single.pages)
    assert flat_outline(assembled) == flat_outline(single)
    assert links(assembled) == links(single) and len(links(single)) > 40
    assert [tuple(p.mediabox) for p in assembled.pages] == [tuple(p.mediabox) for p in single.pages]


@needs_poppler
def test_every_word_is_where_one_layout_puts_it(single_bytes: bytes, assembled_bytes: bytes):
    """Compared by place, not by the order of the page's content: the chrome is drawn after the
    part's own content, so a reader that follows the content stream meets the running heads in
    another order (both are pagination artifacts in a tagged PDF)."""
    def placed(page: poppler.Page) -> Counter:
        return Counter((w.text, round(w.x0), round(w.y0), round(w.x1)) for w in page.words)

    one, parts = poppler.pages(single_bytes), poppler.pages(assembled_bytes)
    assert len(one) == len(parts)
    for number, (a, b) in enumerate(zip(one, parts, strict=True), 1):
        assert placed(a) == placed(b), f"page {number}"


@needs_poppler
def test_every_page_draws_as_one_layout_draws_it(single_bytes: bytes, assembled_bytes: bytes, tmp_path):
    """Pixel for pixel (poppler's rendering): the merged fonts draw every glyph of every part."""
    for name, data in (("one", single_bytes), ("parts", assembled_bytes)):
        (tmp_path / f"{name}.pdf").write_bytes(data)
        subprocess.run(["pdftoppm", "-r", "40", "-gray", str(tmp_path / f"{name}.pdf"), str(tmp_path / name)], check=True)
    one = sorted(tmp_path.glob("one-*.pgm"))
    assert len(one) > 40
    for page in one:
        assert page.read_bytes() == (tmp_path / page.name.replace("one-", "parts-")).read_bytes(), page.name


def test_one_subset_of_each_face_as_in_one_layout(single_bytes: bytes, assembled_bytes: bytes):
    """The parts' subsets of a face are merged (issue: one set of subsets per part made the PDF
    60 % larger than one layout)."""
    assert embedded_faces(assembled_bytes) == embedded_faces(single_bytes) == Counter(
        {name: 1 for name in embedded_faces(single_bytes)})
    assert len(assembled_bytes) <= 1.1 * len(single_bytes)


def embedded_faces(data: bytes) -> Counter:
    """How many font programs the PDF embeds for each face (its name without the subset tag)."""
    found: Counter = Counter()
    document = pikepdf.open(io.BytesIO(data))  # kept open while its objects are read
    for obj in document.objects:
        if isinstance(obj, pikepdf.Dictionary) and obj.get("/Type") == "/FontDescriptor":
            found[str(obj.FontName).split("+", 1)[-1]] += 1
    assert found, "no embedded font found"
    return found


def test_every_page_but_the_cover_has_its_footer_and_running_heads(latam_report: Report, assembled_pages: list[str]):
    total = len(assembled_pages)
    assert not re.search(r"Page \d+ of", assembled_pages[0]) and latam_report.meta.publisher.upper() in assembled_pages[0].upper()
    for number, text in enumerate(assembled_pages[1:], 2):
        assert re.findall(r"Page (\d+) of (\d+)", text) == [(str(number), str(total))], f"page {number}"
        assert latam_report.meta.title in text and latam_report.meta.publisher in text


def test_running_chapter_head_is_the_chapter_of_each_page(latam_report: Report, single: PdfReader, assembled_pages: list[str]):
    chapters = {top.title for top in latam_report.sections} | {"Contents"}
    for number, (one, parts) in enumerate(zip(single.pages[1:], assembled_pages[1:], strict=True), 2):
        text = one.extract_text()
        heads = [c for c in chapters if c in text]
        assert heads and all(c in parts for c in heads), f"page {number}"


def test_contents_numbers_are_the_pages_of_their_headings(assembled: PdfReader, assembled_pages: list[str]):
    bookmarks = [(title, page) for title, _, page in flat_outline(assembled) if title != "Contents"]
    first_chapter = bookmarks[0][1]
    toc_text = "\n".join(assembled_pages[1:first_chapter - 1])
    printed = [(m[1].strip(), int(m[2])) for m in re.finditer(r"^(.+?)[ .]*?\s(\d+)$", toc_text, re.M) if "." in m[0]]
    assert printed == bookmarks
    for title, page in printed:
        assert title in assembled_pages[page - 1]


def test_bookmarks_and_links_land_on_their_pages(assembled: PdfReader, assembled_pages: list[str]):
    for title, _, page in flat_outline(assembled):
        assert title in assembled_pages[page - 1], f"bookmark {title!r} on page {page}"
    contents_links = [link for link in links(assembled) if link[0] == 1]
    bookmarked = {page - 1 for _, _, page in flat_outline(assembled)}
    assert len(contents_links) >= 20 and {target for _, _, target in contents_links} <= bookmarked


def test_one_set_of_metadata_from_the_edition(latam_report: Report, assembled: PdfReader):
    meta, info = latam_report.meta, assembled.metadata
    assert info.title == meta.title and info.author == ", ".join(meta.authors) and info.subject == meta.subject
    assert info["/Keywords"] == ", ".join(meta.keywords) and info["/publisher"] == meta.publisher
    assert info["/CreationDate"] == info["/ModDate"] == "D:" + meta.edition.strftime("%Y%m%d")
    assert assembled.trailer["/Root"]["/Lang"] == meta.language


def test_assembly_gives_the_same_bytes_every_time(latam_report: Report, assembled_bytes: bytes):
    """In this process, one part after another, as on a build's pool of workers."""
    assert pdf.render_in_parts(latam_report) == assembled_bytes


def test_tagged_edition_has_one_structure_tree_over_every_page(small: Report):
    reader = PdfReader(io.BytesIO(pdf.render_in_parts(small, pdf_variant="pdf/ua-1")))
    root = reader.trailer["/Root"]
    tree = root["/StructTreeRoot"].get_object()
    assert b"pdfuaid:part" in root["/Metadata"].get_object().get_data() and root["/MarkInfo"]["/Marked"]
    documents = tree["/K"]
    assert len(documents) == 1 and documents[0].get_object()["/S"] == "/Document"
    nums = tree["/ParentTree"].get_object()["/Nums"]
    keys = [int(k) for k in nums[::2]]
    assert keys == list(range(len(keys))) and int(tree["/ParentTreeNextKey"]) == len(keys)
    parent = dict(zip(keys, nums[1::2], strict=True))
    page_ids = [page.indirect_reference.idnum for page in reader.pages]
    titles = {anchor("s", s.id): s.title for top in small.sections for s in top.walk()}
    covered = set()
    for number, page in enumerate(reader.pages):
        elements = parent[int(page["/StructParents"])]
        assert isinstance(elements, ArrayObject)
        for element in elements:  # each marked content of the page belongs to an element on this page
            element = element.get_object()
            if "/Pg" in element:
                assert element.raw_get("/Pg").idnum == page.indirect_reference.idnum, f"page {number + 1}"
                covered.add(element.raw_get("/Pg").idnum)
        for annotation in page.get("/Annots", []):
            link = parent[int(annotation.get_object()["/StructParent"])].get_object()
            assert link["/S"] == "/Link" and annotation.idnum in _objrs(link)
            # a link into another part reads like one within a part: the title it leads to, not an id or the private URI
            described = annotation.get_object()
            assert "/A" not in described and described["/Contents"] == titles[described["/Dest"]], f"page {number + 1}"
    assert covered == set(page_ids)
    headings = [e for e in _reaches(documents[0].get_object()) if e["/S"] == "/H2"]  # every part's chapters in the one tree
    assert len(headings) == len([t for t, depth, _ in flat_outline(reader) if depth == 0])


def _objrs(element: DictionaryObject) -> set[int]:
    """The annotations an element holds (a link holds one per area: its text, a contents entry's leader and number)."""
    kids = element.get("/K")
    found = set()
    for kid in kids if isinstance(kids, ArrayObject) else [kids]:
        kid = kid.get_object() if isinstance(kid, IndirectObject) else kid
        if isinstance(kid, DictionaryObject) and kid.get("/Type") == "/OBJR":
            found.add(kid.raw_get("/Obj").idnum)
    return found


def _reaches(document: DictionaryObject) -> list[DictionaryObject]:
    """Every structure element under the Document element."""
    seen, found, stack = set(), [], [document]
    while stack:
        kids = stack.pop().get("/K")
        for kid in kids if isinstance(kids, ArrayObject) else [kids]:
            if isinstance(kid, IndirectObject) and kid.idnum not in seen and "/S" in kid.get_object():
                seen.add(kid.idnum)
                found.append(kid.get_object())
                stack.append(kid.get_object())
    return found


def test_the_appendix_is_cut_where_each_dimension_starts_a_page(latam_report: Report):
    specs = pdf.parts(latam_report).send(None)
    continuing = [s for s in specs if s.continues]
    assert continuing and all(s.name.startswith("s-appendix-") for s in continuing)
    dimension = latam_report.section("appendix").subsections[1]  # its tables are in one part, not every part of the appendix
    holders = [s.name for s in specs if f'id="{anchor("s", dimension.id)}"' in s.html]
    assert len(holders) == 1 and sum(s.name.startswith("s-appendix") for s in specs) > 1


def structure(reader: PdfReader) -> list:
    """The structure tree as nested [type, children...] lists, marked content left out."""
    def walk(element: DictionaryObject) -> list:
        kids = element.get("/K", [])
        kids = kids if isinstance(kids, ArrayObject) else [kids]
        nested = [walk(k.get_object()) for k in kids
                  if isinstance(k, IndirectObject | DictionaryObject) and "/S" in k.get_object()]
        return [str(element["/S"]), *nested]
    return walk(reader.trailer["/Root"]["/StructTreeRoot"]["/K"][0].get_object())


@pytest.mark.parametrize("variant", [None, "pdf/ua-1"])
def test_a_part_that_continues_a_chapter_nests_in_it(small: Report, monkeypatch, variant):
    """Cut at every piece: the appendix's dimensions, laid out in parts of their own, keep their
    bookmarks under the appendix's and their tags as one layout has them."""
    monkeypatch.setattr(importlib.import_module("reportgen.writers.pdf.parts"), "PART_COST", 0.0)  # the module, not pdf.parts
    assert sum(s.continues for s in pdf.parts(small).send(None)) >= 2
    one = PdfReader(io.BytesIO(pdf.render(small, pdf_variant=variant)))
    cut = PdfReader(io.BytesIO(pdf.render_in_parts(small, pdf_variant=variant)))
    assert flat_outline(cut) == flat_outline(one)
    assert any(depth == 1 and page > 1 for _, depth, page in flat_outline(one))
    if variant:
        assert structure(cut) == structure(one)


def test_untagged_edition_when_asked(small: Report):
    root = PdfReader(io.BytesIO(pdf.render_in_parts(small, pdf_variant=None))).trailer["/Root"]
    assert "/StructTreeRoot" not in root and "/MarkInfo" not in root


def test_archival_edition_has_one_output_intent_and_the_xmp_identification(small: Report):
    reader = PdfReader(io.BytesIO(pdf.render_in_parts(small, pdf_variant="pdf/a-3b")))
    root = reader.trailer["/Root"]
    xmp = root["/Metadata"].get_object().get_data()
    assert b'pdfaid:part="3"' in xmp and b'pdfaid:conformance="B"' in xmp and small.meta.title.encode() in xmp
    assert len(root["/OutputIntents"]) == 1 and root["/OutputIntents"][0]["/S"] == "/GTS_PDFA1"
    assert reader.trailer["/ID"][0] == reader.trailer["/ID"][1]
    for page in reader.pages:
        for font in page["/Resources"]["/Font"].values():
            descendant = font.get_object()["/DescendantFonts"][0].get_object()
            assert "/FontFile2" in descendant["/FontDescriptor"]  # embedded
        for xobject in page["/Resources"].get("/XObject", {}).values():  # forms' fonts too
            for font in xobject.get_object().get("/Resources", {}).get("/Font", {}).values():
                assert "/FontFile2" in font.get_object()["/DescendantFonts"][0].get_object()["/FontDescriptor"]


def test_a_chapter_edit_changes_only_its_part(small: Report):
    before = {s.name: s for s in pdf.parts(small).send(None)}
    summary = small.section("summary")
    edited = dataclasses.replace(summary, blocks=(Paragraph("A new first paragraph."), *summary.blocks))
    report = dataclasses.replace(small, sections=tuple(edited if s.id == "summary" else s for s in small.sections))
    after = {s.name: s.digest for s in pdf.parts(report).send(None)}
    holder = next(name for name, spec in before.items() if '<section id="s-summary"' in spec.html)
    assert {name for name in before if before[name].digest != after[name]} == {holder}


def test_a_client_edition_changes_only_the_cover(small: Report):
    house = {s.name: s.digest for s in pdf.parts(small).send(None)}
    client = for_client(small, "Acme Bio")
    edition = {s.name: s.digest for s in pdf.parts(client).send(None)}
    assert {name for name in house if house[name] != edition[name]} == {"cover"}


def test_contents_linking_to_no_part_is_refused():
    parts = Split(cover=None, bodies=(), head="<head></head>", chrome_head="<head></head>",  # type: ignore[arg-type]
                  contents_html='<a href="#s-nowhere">x</a>', pdf_variant=None, fonts=(), images=())
    with pytest.raises(BuildError, match="#s-nowhere"):
        parts.contents(page_numbers(2, []))
