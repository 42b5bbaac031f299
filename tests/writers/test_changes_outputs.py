"""The changes since the previous edition in every deliverable: the PDF states the headline changes,
the deck gives the section its slides with native tables, the workbook a sheet of numeric cells,
the web edition a section with its sentences and tables.

The writers have no code of their own for the section (it is paragraphs, lists and tables), so
these tests check that what the model says arrives, in each medium's own terms.
"""

from __future__ import annotations

import dataclasses
import io
import shutil
from pathlib import Path

import lxml.html
import openpyxl
import pytest
import yaml
from pptx import Presentation
from pypdf import PdfReader

from reportgen.data import analyse
from reportgen.model import build_report
from reportgen.model.elements import ItemList, Report, Section, Table
from reportgen.writers import html, pdf, pptx, xlsx
from reportgen.writers.xlsx.book import Book
from tests.conftest import ANDES
from tests.data.editions import with_previous


@pytest.fixture(scope="module")
def report(tmp_path_factory) -> Report:
    _, new = with_previous(tmp_path_factory.mktemp("editions"))
    return build_report(analyse(new))


def changes(report: Report) -> Section:
    return report.section("changes")


def headline_sentences(report: Report) -> list[str]:
    return [i.text.plain for b in changes(report).find(ItemList) for i in b.items if not i.title]


def flat(text: str) -> str:
    """Runs of whitespace (the no-break space after a currency symbol too) as one space, as read back."""
    return " ".join(text.split())


def test_the_pdf_states_the_headline_changes(report: Report):
    cut = dataclasses.replace(report, sections=tuple(s for s in report.sections if s.id in ("takeaways", "changes")))
    text = " ".join(" ".join((page.extract_text() or "").split()) for page in PdfReader(io.BytesIO(pdf.render(cut))).pages)
    assert "Changes since the previous edition" in text
    for sentence in headline_sentences(report):
        assert flat(sentence) in text
    sweden = next(r for r in changes(report).find(Table)[-1].rows if r.cells[0] == "Sweden")
    assert report.fmt.value(sweden.cells[1], "money") in text and report.fmt.value(sweden.cells[2], "money") in text


def test_the_deck_gives_the_section_slides_with_native_tables(report: Report):
    deck = Presentation(io.BytesIO(pptx.render(report)))
    slides = [s for s in deck.slides if s.name == "changes"]
    assert slides and all(s.shapes.title.text.startswith(changes(report).headline[:30]) for s in slides)
    words = " ".join(sh.text_frame.text for s in slides for sh in s.shapes if sh.has_text_frame)
    assert flat(headline_sentences(report)[0]) in flat(words)
    for table in changes(report).find(Table):
        frames = [sh for s in slides for sh in s.shapes if sh.name == f"Table {table.id}"]
        assert frames and frames[0].has_table, table.id
        drawn = [[c.text for c in row.cells] for f in frames for row in list(f.table.rows)[1:]]
        assert [row[0] for row in drawn] == [r.cells[0] for r in table.rows]
        assert drawn[0][1] == report.fmt.value(table.rows[0].cells[1], "money")
    agenda = " ".join(sh.text_frame.text for sh in deck.slides[1].shapes if sh.has_text_frame)
    assert "Changes since the previous edition" in agenda


def test_the_workbook_has_a_changes_sheet_of_numbers(report: Report):
    book = openpyxl.load_workbook(io.BytesIO(xlsx.render(report)))
    sheet = book["Changes"]
    rows = [[c for c in row] for row in sheet.iter_rows()]
    header = next(i for i, row in enumerate(rows) if row[0].value == "Part")
    assert rows[0][0].value == "Changes since the previous edition"
    texts = [row[0].value for row in rows[:header]]
    assert headline_sentences(report)[0] in texts
    tables = changes(report).find(Table)
    body = rows[header + 1 : header + 1 + sum(len(t.rows) for t in tables)]
    labels = [c.value for c in rows[header]]
    formats = Book(report).number_formats
    for table in tables:
        for model_row in table.rows:
            drawn = next(r for r in body if r[0].value == table.title and r[1].value == model_row.cells[0])
            for col, value in zip(table.columns[1:], model_row.cells[1:], strict=True):
                cell = drawn[labels.index(col.label)]
                assert cell.data_type == "n" and cell.value == pytest.approx(value), (table.id, col.key)
                assert cell.number_format == formats[col.type]
    assert sheet.tables and next(iter(sheet.tables.values())).ref.startswith(f"A{header + 1}:")
    assert book.sheetnames.index("Changes") > book.sheetnames.index("Market")


def test_the_web_edition_has_the_section_with_its_tables(report: Report):
    page = lxml.html.fromstring(html.render(report))
    (section,) = page.xpath("//section[@id='s-changes']")
    text = " ".join(section.text_content().split())
    assert "Changes since the previous edition" in text and flat(changes(report).headline) in text
    for sentence in headline_sentences(report):
        assert flat(sentence) in text
    for table in changes(report).find(Table):
        rows = section.xpath(f".//*[@id='t-{table.id}']//tbody/tr")
        assert [" ".join(r[0].text_content().split()) for r in rows] == [r.cells[0] for r in table.rows], table.id
    contents = " ".join(" ".join(a.text_content().split()) for a in page.xpath("//a[@href='#s-changes']"))
    assert "Changes since the previous edition" in contents


def test_without_a_previous_edition_no_sheet_and_no_slides(nordic_report: Report):
    book = openpyxl.load_workbook(io.BytesIO(xlsx.render(nordic_report)))
    assert "Changes" not in book.sheetnames
    deck = Presentation(io.BytesIO(pptx.render(nordic_report)))
    assert not [s for s in deck.slides if s.name == "changes"]
    assert not lxml.html.fromstring(html.render(nordic_report)).xpath("//*[@id='s-changes']")


# --- the report's own tables that changed: titles with commas, one entry each ---------------------

TITLES = ["Approvals by country, 2023", "Devices, by route, 2023"]


def _with_routes(folder: Path, devices: int) -> None:
    """Give the regulation section a second table, inline, whose title holds commas."""
    path = folder / "sections" / "regulation.yaml"
    section = yaml.safe_load(path.read_text())
    section["blocks"].append({"table": {"id": "routes", "title": TITLES[1], "columns": [
        {"key": "route", "type": "text"}, {"key": "devices", "type": "number"}], "rows": [{"route": "Priority", "devices": devices}]}})
    path.write_text(yaml.safe_dump(section, allow_unicode=True))


@pytest.fixture(scope="module")
def tables_changed(tmp_path_factory) -> Report:
    """andes-medtech with two of its own tables changed since its previous edition, cut to the changes."""
    root = tmp_path_factory.mktemp("andes-editions")
    old, new = root / "old" / ANDES.name, root / "new" / ANDES.name
    shutil.copytree(ANDES, old)
    shutil.copytree(ANDES, new)
    _with_routes(old, 3)
    _with_routes(new, 4)
    approvals = new / "tables" / "approvals.csv"
    approvals.write_text(approvals.read_text().replace("Peru,9,24", "Peru,11,24"))
    meta = yaml.safe_load((new / "report.yaml").read_text())
    meta["outline"].insert(2, "changes")
    meta["previous"] = str(old)
    (new / "report.yaml").write_text(yaml.safe_dump(meta, allow_unicode=True))
    report = build_report(analyse(new))
    return dataclasses.replace(report, sections=tuple(s for s in report.sections if s.id == "changes"))


def test_changed_tables_are_listed_one_title_each_in_every_format(tables_changed: Report):
    [entry] = [i for b in changes(tables_changed).find(ItemList) for i in b.items if i.title == "2 tables changed"]
    assert [i.text.plain for b in entry.blocks for i in b.items] == TITLES and not entry.text.plain
    joined = ", ".join(TITLES)
    page = lxml.html.fromstring(html.render(tables_changed))
    [item] = [li for li in page.xpath("//section[@id='s-changes']//li") if li.xpath("strong[.='2 tables changed:']")]
    assert [" ".join(li.text_content().split()) for li in item.xpath("./ul/li")] == TITLES
    deck = Presentation(io.BytesIO(pptx.render(tables_changed)))
    paragraphs = [p for s in deck.slides for sh in s.shapes if sh.has_text_frame for p in sh.text_frame.paragraphs]
    assert [p.text for p in paragraphs if p.text in TITLES] == TITLES and not [p for p in paragraphs if joined in p.text]
    sheet = openpyxl.load_workbook(io.BytesIO(xlsx.render(tables_changed)))["Changes"]
    lines = [c.value for c in sheet["A"] if isinstance(c.value, str)]
    start = lines.index("2 tables changed:")
    assert lines[start + 1 : start + 3] == [f"\u2022 {t}" for t in TITLES]
    text = " ".join(" ".join((page.extract_text() or "").split()) for page in PdfReader(io.BytesIO(pdf.render(tables_changed))).pages)
    assert "2 tables changed:" in text and all(t in text for t in TITLES) and joined not in text
