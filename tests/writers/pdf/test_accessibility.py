"""The PDF a plain build ships is accessible: tagged PDF/UA-1 that two independent checkers pass,
for the seed market and every test market, in English and Spanish.

- page-validation checks the 104 PDF/UA-1 rules it implements: every mark on a page tagged or an
  artifact, figures with alternative text, links inside Link elements with a description, fonts
  that map to text, the identification... (``checkers.py``)
- pdfua checks a smaller set, among them that table headers are tied to their cells, which the
  first accepts through ``/Headers`` alone; it warns on an unscoped header.

What the checkers judge loosely is asserted here: every header cell scoped (Column in a table's
head, Row for a row's first cell), every chart a Figure whose ``/Alt`` is the model's sentence,
running heads and footers drawn as pagination artifacts (no content left outside the tree), the
contents' dot leaders as layout artifacts (read as title and page number, not a row of dots), the
title shown, the language set. The twelve PDFs are built by ``reportgen build`` as a user runs
it (no ``--pdf-variant``: tagging is the default), once per session (``tests/shared_builds.py``).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pikepdf
import pytest

from reportgen.data import analyse
from reportgen.model import build_report
from tests.conftest import ANDES, JAPAN, LATAM, NORDIC, ROOT, WORLD
from tests.shared_builds import Build, edition
from tests.writers.pdf.checkers import page_validation_problems, pdfua_problems

MIDEAST = ROOT / "tests" / "fixtures" / "mideast-implants"
FOLDERS = (LATAM, NORDIC, MIDEAST, WORLD, JAPAN, ANDES)  # ANDES: the report's own sections and tables
LANGUAGES = ("en", "es")
EDITIONS = [(folder.name, lang) for folder in FOLDERS for lang in LANGUAGES]


@pytest.fixture(scope="module")
def shipped(shared_build: Build) -> dict[tuple[str, str], Path]:
    out = shared_build(FOLDERS, ["pdf"], LANGUAGES)
    return {(folder.name, lang): edition(out, folder, lang, "pdf") for folder in FOLDERS for lang in LANGUAGES}


@pytest.fixture(scope="module")
def opened(shipped) -> Iterator[dict[tuple[str, str], pikepdf.Pdf]]:
    pdfs = {key: pikepdf.open(path) for key, path in shipped.items()}
    yield pdfs
    for pdf in pdfs.values():
        pdf.close()


@pytest.mark.parametrize("edition", EDITIONS, ids="-".join)
def test_page_validation_passes_every_pdf_ua_1_rule(shipped, edition):
    problems = page_validation_problems(shipped[edition])
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("edition", EDITIONS, ids="-".join)
def test_pdfua_finds_nothing(shipped, edition):
    problems = pdfua_problems(shipped[edition])  # an unscoped header is a warning: any finding fails
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("edition", EDITIONS, ids="-".join)
def test_every_header_cell_is_scoped(opened, edition):
    tables = [e for e in _elements(opened[edition]) if e.S == "/Table"]
    assert tables
    for table in tables:
        for group in _kids(table):
            for row in _kids(group):
                cells = list(_kids(row))
                for i, cell in enumerate(cells):
                    if cell.S != "/TH":
                        continue
                    scope = cell.A.get("/Scope")
                    # head rows name columns; a body row's header is its first cell and names the row
                    assert scope == ("/Column" if group.S == "/THead" else "/Row"), (edition, group.S, i, scope)
                    assert group.S == "/THead" or i == 0


@pytest.mark.parametrize("edition", EDITIONS, ids="-".join)
def test_every_chart_is_a_figure_with_the_model_sentence(opened, edition):
    name, lang = edition
    model = build_report(analyse(next(f for f in FOLDERS if f.name == name)), lang=lang)
    figures = [str(e.Alt) for e in _elements(opened[edition]) if e.S == "/Figure"]
    assert sorted(figures) == sorted(chart.alt_text for chart in model.charts())


@pytest.mark.parametrize("edition", EDITIONS, ids="-".join)
def test_running_heads_and_footers_are_artifacts(opened, edition):
    pdf = opened[edition]
    reached = {e.objgen for e in _elements(pdf)}
    parents = pdf.Root.StructTreeRoot.ParentTree.Nums
    for value in parents[1::2]:  # every marked content belongs to an element of the tree
        for element in value if isinstance(value, pikepdf.Array) else [value]:
            assert element.objgen in reached, edition
    for number, pdf_page in enumerate(pdf.pages[1:], start=2):  # every page after the cover
        running = _artifacts(pdf_page, "/Pagination")
        # the chrome (title, publisher, "page N of M") laid over the page, written into its content
        # (drawn as a form where its resources' names clash), and the chapter's running head
        inline, form = running["chrome"] == 0 and running["text"] >= 4, running["chrome"] == 1 and running["text"] >= 1
        assert inline or form, (edition, number, running)


@pytest.mark.parametrize("edition", EDITIONS, ids="-".join)
def test_contents_dot_leaders_are_layout_artifacts(opened, edition):
    """One layout artifact per entry, holding one run of text (``leaders.py``: not a text object per dot)."""
    contents = opened[edition].pages[1]  # the contents' first page: every link on it is an entry
    entries = {str(a.Dest) for a in contents.obj.get("/Annots", []) if "/Dest" in a}
    leaders = _artifacts(contents, "/Layout")
    assert entries and leaders["sequences"] == leaders["text"] == len(entries), (edition, leaders)


@pytest.mark.parametrize("edition", EDITIONS, ids="-".join)
def test_document_shows_its_title_in_its_language_and_says_pdf_ua(opened, edition):
    root = opened[edition].Root
    assert root.ViewerPreferences.DisplayDocTitle is True and root.MarkInfo.Marked is True
    assert str(root.Lang) == edition[1]
    with opened[edition].open_metadata() as xmp:
        assert xmp["pdfuaid:part"] == "1" and xmp["dc:title"]


@pytest.mark.parametrize("edition", EDITIONS, ids="-".join)
def test_links_are_link_elements_with_a_description(opened, edition):
    pdf = opened[edition]
    nums = pdf.Root.StructTreeRoot.ParentTree.Nums
    parents = dict(zip((int(k) for k in nums[::2]), nums[1::2], strict=True))
    links = 0
    for pdf_page in pdf.pages:
        annotations = pdf_page.obj.get("/Annots", [])
        if annotations:
            assert pdf_page.obj.Tabs == "/S"
        for annotation in annotations:
            links += 1
            assert str(annotation.Contents).strip()
            if "/Dest" in annotation:  # within the document: described by its text, not the anchor's id
                assert str(annotation.Contents) != str(annotation.Dest)
            assert parents[int(annotation.StructParent)].S == "/Link"
    assert links  # the contents' entries at least


@pytest.mark.parametrize("edition", EDITIONS, ids="-".join)
def test_headings_have_text(opened, edition):
    headings = [e for e in _elements(opened[edition]) if str(e.S) in ("/H1", "/H2", "/H3", "/H4")]
    assert headings and all(_marks_content(h) for h in headings)


def _kids(element: pikepdf.Dictionary) -> Iterator[pikepdf.Dictionary]:
    """An element's child elements (not its marked content or annotations)."""
    kids = element.get("/K")
    for kid in kids if isinstance(kids, pikepdf.Array) else [kids]:
        if isinstance(kid, pikepdf.Dictionary) and "/S" in kid:
            yield kid


def _elements(pdf: pikepdf.Pdf) -> list[pikepdf.Dictionary]:
    """Every structure element reachable from the root, in reading order."""
    found, stack = [], list(_kids(pdf.Root.StructTreeRoot))
    while stack:
        element = stack.pop()
        found.append(element)
        stack.extend(reversed(list(_kids(element))))
    return found


def _marks_content(element: pikepdf.Dictionary) -> bool:
    kids = element.get("/K")
    for kid in kids if isinstance(kids, pikepdf.Array) else [kids]:
        if isinstance(kid, int) or (isinstance(kid, pikepdf.Dictionary) and ("/MCID" in kid or _marks_content(kid))):
            return True
    return False


def _artifacts(pdf_page: pikepdf.Page, kind: str) -> dict[str, int]:
    """Artifacts of a ``kind`` in a page's own content: how many sequences, the text they show, the chrome overlays they draw."""
    counts = {"sequences": 0, "chrome": 0, "text": 0}
    stack: list[bool] = []  # open marked-content sequences: whether each is an artifact of the kind
    for operands, operator in pikepdf.parse_content_stream(pdf_page):
        op = str(operator)
        if op in ("BDC", "BMC"):
            properties = operands[1] if op == "BDC" else None
            artifact = operands[0] == "/Artifact" and isinstance(properties, pikepdf.Dictionary) and \
                properties.get("/Type") == kind
            counts["sequences"] += artifact and not any(stack)
            stack.append(artifact)
        elif op == "EMC":
            stack.pop()
        elif any(stack):
            if op == "Do" and operands[0] == "/RgChrome":
                counts["chrome"] += 1
            elif op in ("Tj", "TJ"):
                counts["text"] += 1
    return counts
