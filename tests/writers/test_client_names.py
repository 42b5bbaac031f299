"""A client's name in a right-to-left script keeps the writers' own labels in order: the deck's
title slide and logo text and the workbook's contents sheet put it in isolated (FSI ... PDI), as
the model's sentences do, and the web edition in a <bdi>, so "Prepared for <name>" does not read
backwards."""

from __future__ import annotations

import io
import zipfile

import pytest
from PIL import Image

from reportgen.model.elements import Report
from reportgen.model.names import FSI, PDI
from reportgen.writers import html, pptx, xlsx
from tests.branding import for_client

CLIENT = "شركة الأمل للاستشارات"


@pytest.fixture(scope="module")
def client_report(nordic_report: Report, tmp_path_factory) -> Report:
    logo = tmp_path_factory.mktemp("logo") / "logo.png"
    Image.new("RGB", (40, 20), "#1f4e79").save(logo)
    return for_client(nordic_report, CLIENT, logo)


def zip_text(data: bytes) -> str:
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        return "".join(z.read(n).decode("utf-8") for n in z.namelist() if n.endswith(".xml"))


def test_the_deck_isolates_the_client_name_on_its_title_slide_and_in_its_logo_text(client_report: Report):
    xml = zip_text(pptx.render(client_report))
    assert f"Prepared for {FSI}{CLIENT}{PDI}" in xml and f'descr="Logo of {FSI}{CLIENT}{PDI}"' in xml


def test_the_workbook_isolates_the_client_name_on_its_contents_sheet(client_report: Report):
    assert f"Prepared for {FSI}{CLIENT}{PDI}" in zip_text(xlsx.render(client_report))


def test_the_web_edition_isolates_the_client_name_on_its_cover_and_in_its_logo_text(client_report: Report):
    page = html.render(client_report).decode("utf-8")
    assert f"<strong><bdi>{CLIENT}</bdi></strong>" in page and f'alt="Logo of {FSI}{CLIENT}{PDI}"' in page
