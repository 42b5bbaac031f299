"""Legitimate inputs at the edges build in every format: 60 countries, a team of twelve, many
keywords, a long URL without a note, a 300-character subtitle, and a title holding '{page}'."""

from __future__ import annotations

import io
import shutil
from pathlib import Path

import pytest
import yaml
from pptx import Presentation
from pypdf import PdfReader

from reportgen.data import analyse
from reportgen.model import build_report
from reportgen.writers import pdf, pptx, xlsx
from reportgen.writers.pptx import PROPERTY_MAX
from tests.conftest import NORDIC

TITLE = "Nordic {page} robots {pages}"
URL = "https://example.com/" + "/".join(f"section-{i}" for i in range(12))


@pytest.fixture(scope="module")
def extreme(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("extreme") / NORDIC.name
    shutil.copytree(NORDIC, folder)
    report = yaml.safe_load((folder / "report.yaml").read_text())
    report |= {
        "title": TITLE,
        "subtitle": ("A subtitle that keeps going for clients who like their context in full " * 5)[:300],
        "keywords": [f"keyword {i} on warehouse robotics" for i in range(30)],
        "team": [{"name": f"Analyst {i} With A Long Family Name", "role": "Senior analyst"} for i in range(12)],
    }
    (folder / "report.yaml").write_text(yaml.safe_dump(report, allow_unicode=True))
    country = yaml.safe_load((folder / "dimensions" / "b-country.yaml").read_text())
    country["segments"] = [{"name": f"Country {i:02d}", "share": 1.6, "growth": 5 + i % 7} for i in range(59)]
    country["segments"].append({"name": "Country 59", "growth": 6})
    country.pop("claims", None)
    (folder / "dimensions" / "b-country.yaml").write_text(yaml.safe_dump(country))
    content = {"vendors": [{"name": "Vendor with a URL", "focus": URL, "offerings": "Fleet software"}]}
    (folder / "content.yaml").write_text(yaml.safe_dump(content))
    return folder


@pytest.fixture(scope="module")
def report(extreme: Path):
    return build_report(analyse(extreme))


def test_sixty_countries_a_long_url_and_a_page_placeholder_build_the_pdf(report):
    reader = PdfReader(io.BytesIO(pdf.render(report)))
    pages = [p.extract_text() for p in reader.pages]
    assert sum(TITLE in text for text in pages[1:]) >= len(pages) - 2, "the running head shows the title as written"
    text = "\n".join(pages)
    assert "Country 59" in text and "section-11" in text.replace("\n", "")


def test_the_deck_cuts_long_document_properties_at_a_boundary(report):
    props = Presentation(io.BytesIO(pptx.render(report))).core_properties
    for value in (props.author, props.keywords, props.comments, props.subject, props.title):
        assert len(value) <= PROPERTY_MAX
    assert props.author.startswith("Analyst 0 With A Long Family Name, ") and props.author.endswith("Name\u2026")
    assert props.keywords.endswith("robotics\u2026")


def test_the_workbook_lists_every_country(report):
    import openpyxl

    book = openpyxl.load_workbook(io.BytesIO(xlsx.render(report)))
    labels = {cell.value for sheet in book for cell in sheet["A"]}
    assert {f"Country {i:02d}" for i in range(60)} <= labels
