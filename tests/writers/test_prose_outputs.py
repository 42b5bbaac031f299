"""Markdown in prose, as a client sees it in every format: a made-up market (a copy of the test
market) whose content has bold, italic, code, links, both list kinds, line breaks and raw HTML,
built once in English and Spanish by the real command.

Each format shows the markup natively (PDF and web elements, deck runs and bullets, workbook rich
strings), opens its links (a PDF link annotation, a deck run's hyperlink, a web anchor, a
workbook cell's hyperlink) and shows typed HTML as the characters typed. A line break inside a
paragraph follows one rule everywhere: a single newline is a space, a hard break (a backslash or
two spaces before it) a new line.
"""

from __future__ import annotations

import functools
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pikepdf
import pytest
import yaml
from lxml import html as lxml_html
from openpyxl import load_workbook
from pptx import Presentation
from pptx.oxml.ns import qn
from pypdf import PdfReader

from reportgen.typefaces import house_family
from tests.conftest import NORDIC
from tests.libreoffice import soffice
from tests.writers.html.browser import DESKTOP, needs_chromium, open_page
from tests.writers.html.test_browser import AXE_RULES
from tests.writers.pdf.checkers import page_validation_problems, pdfua_problems
from tests.writers.pdf.fonts import embedded_fonts, postscript_names
from tests.writers.pptx.client_render import CLIENT_FONT_PACKAGES, missing_client_fonts, page_words, pdf_fonts, render_pdfs, slide_problems

SURVEY, ACME, METHOD = "https://example.org/survey", "https://acme.example/robots", "https://example.org/method"
TECHNOLOGY = (
    f"Picking robots **fell in price by a third** since 2020 ([survey]({SURVEY})),\n"
    "and *fleet software* now runs on `ROS 2`. Vendors quote three routes:\\\n"
    "by lease, by purchase or as a service.\n"
)
LISTS = "- Autonomous mobile robots\n- Shuttle systems\n\n3. Pilot in one warehouse\n4. Roll out across the network\n   - nested point\n"
TYPED_HTML = "Typed as HTML: <b>not bold</b> and <script>alert(1)</script> stay text."
ANSWER = f"No: see the [method]({METHOD}).\n\n- made up\n- for tests"
CONTENT = {
    "technology": {"title": "Technology", "paragraphs": [TECHNOLOGY, LISTS, TYPED_HTML]},
    "vendors": [{"name": "Acme Robotics", "country": "Sweden", "focus": "**Mobile** picking", "offerings": "AMRs <b>x</b>",
                 "note": f"See [acme.example]({ACME}) for\nprices.  \nSecond line."}],
    "faq": [{"question": "Is this market real?", "answer": ANSWER}],
}
SPANISH = [
    {"en": TECHNOLOGY.strip(), "es": f"Los robots de picking **bajaron un tercio** desde 2020 ([encuesta]({SURVEY}))."},
    {"en": ANSWER, "es": f"No: ver el [método]({METHOD})."},
]


@pytest.fixture(scope="module")
def out(tmp_path_factory) -> Path:
    """The made-up market built in every format, in English and Spanish."""
    root = tmp_path_factory.mktemp("prose")
    folder = root / "nordic-robotics"
    shutil.copytree(NORDIC, folder)
    (folder / "content.yaml").write_text(yaml.safe_dump(CONTENT, allow_unicode=True, sort_keys=False))
    (folder / "translations").mkdir()
    (folder / "translations" / "es.yaml").write_text(yaml.safe_dump(SPANISH, allow_unicode=True, sort_keys=False))
    proc = subprocess.run([sys.executable, "-m", "reportgen", "build", str(folder), "--format", "pdf,pptx,xlsx,html",
                           "--lang", "en,es", "--out", str(root / "out"), "--jobs", "2"], capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr
    return root / "out" / "nordic-robotics"


# --- PDF -------------------------------------------------------------------------------------


@functools.cache
def pdf_runs(path: Path) -> list[tuple[int, str, str]]:
    """(page, text, font) of every piece of text the PDF shows, in drawing order (read once per file)."""
    runs: list[tuple[int, str, str]] = []
    for n, page in enumerate(PdfReader(path).pages):
        page.extract_text(visitor_text=lambda text, cm, tm, font, size, n=n: runs.append((n, text, str((font or {}).get("/BaseFont")))))
    return runs


def uris(path: Path) -> dict[int, list[str]]:
    """Page index -> the URIs its link annotations open."""
    found: dict[int, list[str]] = {}
    for n, page in enumerate(PdfReader(path).pages):
        for annotation in page.get("/Annots") or []:
            action = annotation.get_object().get("/A")
            if action is not None and action.get("/S") == "/URI":
                found.setdefault(n, []).append(str(action["/URI"]))
    return found


def page_of(runs: list[tuple[int, str, str]], words: str) -> int:
    return next(n for n, text, _ in runs if words in text)


def test_the_pdf_sets_strong_text_bold_and_emphasis_italic(out: Path):
    runs = pdf_runs(out / "nordic-robotics.pdf")
    fonts = {text.strip(): font for _, text, font in runs}
    assert fonts["fell in price by a third"].endswith("RG-Open-Sans-Semi-Bold")
    assert fonts["fleet software"].endswith("RG-Open-Sans-Italic")
    assert fonts["Picking robots"].endswith("RG-Open-Sans")
    assert fonts["Mobile"].endswith("Semi-Bold")  # in the vendors table


def test_the_pdf_opens_each_link_where_its_text_is(out: Path):
    runs, links = pdf_runs(out / "nordic-robotics.pdf"), uris(out / "nordic-robotics.pdf")
    assert SURVEY in links[page_of(runs, "fell in price")]
    assert ACME in links[page_of(runs, "acme.example")]
    assert METHOD in links[page_of(runs, "Is this market real?")]
    spanish = pdf_runs(out / "es" / "nordic-robotics.pdf")
    assert SURVEY in uris(out / "es" / "nordic-robotics.pdf")[page_of(spanish, "bajaron un tercio")]


def test_the_pdf_shows_lists_line_breaks_and_typed_html_as_written(out: Path):
    reader = PdfReader(out / "nordic-robotics.pdf")
    runs = pdf_runs(out / "nordic-robotics.pdf")
    lines = reader.pages[page_of(runs, "fell in price")].extract_text().splitlines()
    assert any(line.endswith("quote three routes:") for line in lines)  # the hard break
    assert any(line.startswith("by lease, by purchase") for line in lines)
    assert any("(survey), and fleet software" in line for line in lines)  # the single newline: a space
    markers = [text.strip() for _, text, _ in runs if text.strip() in ("•", "3.", "4.")]
    assert markers.count("•") >= 3 and "3." in markers and "4." in markers  # a numbered list keeps its start
    assert TYPED_HTML in " ".join(text for _, text, _ in runs)


@pytest.mark.parametrize("lang", ["en", "es"])
def test_the_pdfs_links_are_tagged_described_and_pass_both_pdf_ua_checkers(out: Path, lang: str):
    path = out / ("" if lang == "en" else lang) / "nordic-robotics.pdf"
    problems = page_validation_problems(path) + pdfua_problems(path)
    assert not problems, "\n".join(problems)
    with pikepdf.open(path) as pdf:
        nums = pdf.Root.StructTreeRoot.ParentTree.Nums
        parents = dict(zip((int(k) for k in nums[::2]), nums[1::2], strict=True))
        described = {str(a.A.URI): (str(a.Contents), parents[int(a.StructParent)].S)
                     for p in pdf.pages for a in p.obj.get("/Annots", []) if "/A" in a}
    assert described[SURVEY] == (SURVEY, "/Link") and described[METHOD] == (METHOD, "/Link")  # inside Link elements


def test_the_pdf_still_embeds_only_the_house_face(out: Path):
    fonts = embedded_fonts(PdfReader(out / "nordic-robotics.pdf"))
    assert set(fonts.values()) <= set(postscript_names((house_family(),))), fonts  # list markers included


# --- deck ------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def deck(out: Path):
    return Presentation(out / "nordic-robotics.pptx")


def paragraphs(deck) -> list:
    return [p for slide in deck.slides for shape in slide.shapes if shape.has_text_frame for p in shape.text_frame.paragraphs]


def paragraph(deck, words: str):
    return next(p for p in paragraphs(deck) if words in "".join(r.text for r in p.runs))


def test_the_deck_has_bold_italic_code_and_hyperlinked_runs(deck):
    runs = {r.text: r for r in paragraph(deck, "fell in price").runs}
    assert runs["fell in price by a third"].font.bold and not runs["Picking robots "].font.bold
    assert runs["fleet software"].font.italic
    assert runs["ROS 2"].font.name == "Courier New"
    assert runs["survey"].hyperlink.address == SURVEY
    assert runs["Picking robots "].hyperlink.address is None


def test_the_deck_breaks_the_line_only_where_the_text_asks(deck):
    p = paragraph(deck, "fell in price")._p
    children = [c.tag for c in p if c.tag in (qn("a:r"), qn("a:br"))]
    texts = [c.findtext(qn("a:t")) for c in p if c.tag == qn("a:r")]
    assert children.count(qn("a:br")) == 1
    before = children.index(qn("a:br"))
    assert texts[before - 1].endswith("quote three routes:") and texts[before].startswith("by lease")
    assert any("(survey), and" in t or t == "), and " for t in texts)  # the single newline became a space


def test_the_deck_has_real_bullets_and_numbering(deck):
    def marker(words: str):
        ppr = paragraph(deck, words)._p.pPr
        return next(c for c in ppr if c.tag in (qn("a:buChar"), qn("a:buAutoNum")))

    assert marker("Autonomous mobile robots").tag == qn("a:buChar")
    first, second = marker("Pilot in one warehouse"), marker("Roll out across the network")
    assert first.tag == second.tag == qn("a:buAutoNum") and first.get("type") == "arabicPeriod"
    assert first.get("startAt") == second.get("startAt") == "3"  # one sequence, counting from 3
    nested = paragraph(deck, "nested point")._p.pPr
    assert int(nested.get("marL")) > int(paragraph(deck, "Pilot in one warehouse")._p.pPr.get("marL"))


def test_the_deck_shows_typed_html_as_text_and_links_from_table_cells(deck):
    assert TYPED_HTML in "".join(r.text for r in paragraph(deck, "Typed as HTML").runs)
    cells = [c for slide in deck.slides for shape in slide.shapes if shape.has_table
             for row in shape.table.rows for c in row.cells]
    [note] = [c for c in cells if "acme.example" in c.text]
    assert [r.hyperlink.address for r in note.text_frame.paragraphs[0].runs if r.text == "acme.example"] == [ACME]
    assert "AMRs <b>x</b>" in [c.text for c in cells]


@pytest.mark.skipif(soffice() is None, reason="LibreOffice (soffice) is not installed: the client rendering check needs it")
def test_on_a_client_machine_the_marked_up_text_stays_in_its_boxes(out: Path, tmp_path: Path, deck):
    """Bold runs measured bold, code monospaced, list entries at their indent: nothing overflows."""
    assert not missing_client_fonts(), f"client fonts missing: apt-get install {CLIENT_FONT_PACKAGES}"
    [pdf] = render_pdfs([out / "nordic-robotics.pptx"], tmp_path)
    assert {"Carlito", "Carlito-Bold", "LiberationMono"} <= pdf_fonts(pdf)  # Courier New is Liberation Mono there
    pages = page_words(pdf)
    problems = [f"slide {n}: {p}" for n, (slide, words) in enumerate(zip(deck.slides, pages, strict=True), 1)
                for p in slide_problems(slide, words, slide.shapes.title.name)]
    assert problems == []


# --- workbook --------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def vendors(out: Path):
    return load_workbook(out / "nordic-robotics.xlsx", rich_text=True)["Vendors"]


def cell(sheet, words: str):
    return next(c for row in sheet.iter_rows() for c in row if c.value is not None and words in str(c.value))


def test_the_workbook_writes_prose_as_rich_strings(vendors):
    focus = cell(vendors, "picking").value
    assert [(block.text, bool(block.font.b)) for block in focus] == [("Mobile", True), (" picking", False)]
    assert cell(vendors, "AMRs").value == "AMRs <b>x</b>"


def test_a_workbook_cell_shows_its_link_address_and_opens_it(vendors):
    note = cell(vendors, "acme.example")
    shown = "".join(block.text if hasattr(block, "text") else block for block in note.value)
    assert shown == f"See acme.example ({ACME}) for prices.\nSecond line."  # soft break a space, hard break a line
    linked = [block for block in note.value if getattr(block, "text", "") == "acme.example"]
    assert linked and linked[0].font.u == "single"
    assert note.hyperlink.target == ACME


# --- web edition -----------------------------------------------------------------------------


@pytest.fixture(scope="module")
def page(out: Path):
    return lxml_html.fromstring((out / "nordic-robotics.html").read_bytes())


def test_the_web_edition_has_the_elements_of_the_markup(page):
    [p] = page.xpath("//p[strong='fell in price by a third']")
    assert p.xpath("em")[0].text == "fleet software" and p.xpath("code")[0].text == "ROS 2"
    [link] = p.xpath("a")
    assert (link.get("href"), link.get("rel"), link.text) == (SURVEY, "noopener", "survey")
    assert len(p.xpath("br")) == 1 and p.xpath("br")[0].tail.startswith("by lease")
    assert "(survey), and fleet" in p.text_content()
    assert page.xpath("//ul[li='Autonomous mobile robots']") and page.xpath("//ol[@start='3']/li[1]")[0].text == "Pilot in one warehouse"
    assert page.xpath("//ol/li/ul/li")[0].text == "nested point"
    assert page.xpath("//dd[@class='answer']/p/a/@href") == [METHOD]
    assert page.xpath("//td/a/@href") == [ACME]


def test_the_web_edition_shows_typed_html_as_text_under_a_strict_policy(page):
    assert page.xpath("//p[contains(., 'Typed as HTML')]")[0].text == TYPED_HTML
    assert not page.xpath("//b") and not page.xpath("//script[not(@type)]")
    policy = page.xpath("//meta[@http-equiv='Content-Security-Policy']/@content")[0]
    assert "default-src 'none'" in policy and "script-src 'none'" in policy
    assert re.search(r"\bhttps?:", policy) is None  # a link fetches nothing, so the policy allows none


@needs_chromium
def test_in_a_browser_the_marked_up_page_loads_nothing_logs_nothing_and_passes_axe(browser, out: Path):
    from axe_playwright_python.sync_playwright import Axe

    path = out / "nordic-robotics.html"
    with open_page(browser, path.as_uri(), DESKTOP) as (shown, log):
        assert shown.get_by_role("link", name="survey").get_attribute("href") == SURVEY
        result = Axe().run(shown, options=AXE_RULES)
        assert [(v["id"], [n["target"] for n in v["nodes"][:3]]) for v in result.response["violations"]] == []
    assert log.errors == [] and log.dialogs == [] and log.requests == [path.as_uri()]


def test_the_spanish_web_edition_carries_the_translated_link(out: Path):
    spanish = lxml_html.fromstring((out / "es" / "nordic-robotics.html").read_bytes())
    assert spanish.xpath("//a[.='encuesta']/@href") == [SURVEY]
    assert spanish.xpath("//dd[@class='answer']//a[.='método']/@href") == [METHOD]

