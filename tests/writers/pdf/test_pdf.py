"""The PDF deliverable: content from the model, typesetting, safety and determinism.

Each report is typeset once per module (fixtures below); tests read the bytes with pypdf.
Variant and failure tests use a cut-down report (a few sections) to stay fast.
"""

from __future__ import annotations

import dataclasses
import io
import re
from pathlib import Path

import pytest
from pypdf import PdfReader

from reportgen.data.brand import house_brand
from reportgen.data.brand_assets import logo as read_logo
from reportgen.errors import BuildError
from reportgen.model import build_report
from reportgen.model.elements import Chart, ItemList, Paragraph, Report, Section, SectionKind
from reportgen.resources import FONTS_DIR, PDF_TEMPLATES_DIR
from reportgen.writers import pdf
from reportgen.writers.pdf.charts import render_charts
from reportgen.writers.pdf.fetch import RefusedURL, SafeFetcher, chart_url
from reportgen.writers.pdf.urls import image_url
from tests.branding import for_client
from tests.writers.pdf.fonts import embedded_fonts, postscript_names

# --- fixtures ----------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def latam_reader(latam_pdf: bytes) -> PdfReader:
    return PdfReader(io.BytesIO(latam_pdf))


@pytest.fixture(scope="module")
def latam_pages(latam_reader: PdfReader) -> list[str]:
    """Each page's text, extracted once (pypdf takes seconds for the whole report)."""
    return [page.extract_text() for page in latam_reader.pages]


@pytest.fixture(scope="module")
def latam_text(latam_pages: list[str]) -> str:
    return joined(latam_pages)


@pytest.fixture(scope="module")
def nordic_pdf(nordic_report: Report) -> bytes:
    return pdf.render(nordic_report)


@pytest.fixture(scope="module")
def small_report(nordic_report: Report) -> Report:
    """The test market cut to a few sections, one of them with charts: quick to typeset."""
    keep = {"takeaways", "summary", "dim-buyer"}
    return dataclasses.replace(nordic_report, sections=tuple(s for s in nordic_report.sections if s.id in keep))


def joined(pages: list[str]) -> str:
    """Page texts with whitespace collapsed, so phrases match across line breaks (also after a hyphen)."""
    return " ".join(" ".join(re.sub(r"-\n", "-", page).split()) for page in pages)


def text_of(reader: PdfReader) -> str:
    return joined([page.extract_text() for page in reader.pages])


def flat_outline(reader: PdfReader, items=None, depth: int = 0) -> list[tuple[str, int, int]]:
    """(title, depth, 1-based page) for every bookmark, in order."""
    out = []
    for item in reader.outline if items is None else items:
        if isinstance(item, list):
            out += flat_outline(reader, item, depth + 1)
        else:
            out.append((item.title, depth, reader.get_destination_page_number(item) + 1))
    return out


# --- content -----------------------------------------------------------------------------------


def test_every_section_has_a_bookmark_at_its_depth(latam_report: Report, latam_reader: PdfReader):
    expected = [("Contents", 0)]
    for top in latam_report.sections:
        expected.append((top.title, 0))
        expected += [(sub.title, 1) for sub in top.subsections]
    assert [(title, depth) for title, depth, _ in flat_outline(latam_reader)] == expected


def test_every_section_heading_is_on_its_bookmarked_page(latam_reader: PdfReader, latam_pages: list[str]):
    for title, _, page in flat_outline(latam_reader):
        assert title in latam_pages[page - 1], f"{title!r} not on page {page}"


def test_table_of_contents_page_numbers_match_the_real_pages(latam_reader: PdfReader, latam_pages: list[str]):
    bookmarks = [(title, page) for title, _, page in flat_outline(latam_reader) if title != "Contents"]
    first_chapter = bookmarks[0][1]
    toc_text = "\n".join(latam_pages[1:first_chapter - 1])
    printed = [(m[1].strip(), int(m[2])) for m in re.finditer(r"^(.+?)[ .]*?\s(\d+)$", toc_text, re.M) if "." in m[0]]
    assert printed == bookmarks


def test_table_of_contents_entries_link_to_their_sections(latam_reader: PdfReader):
    links = [a.get_object() for a in latam_reader.pages[1].get("/Annots", [])]
    targets = {d: latam_reader.get_destination_page_number(v) + 1 for d, v in latam_reader.named_destinations.items()}
    bookmarks = {page for _, _, page in flat_outline(latam_reader)}
    assert len(links) >= 20
    assert {targets[str(a["/Dest"])] for a in links} <= bookmarks


def test_running_header_and_footer_on_every_page_but_the_cover(latam_report: Report, latam_pages: list[str]):
    total = len(latam_pages)
    assert "Page 1 of" not in latam_pages[0]
    for number, text in enumerate(latam_pages[1:], 2):
        assert f"Page {number} of {total}" in text
        assert latam_report.meta.title in text and latam_report.meta.publisher in text


def test_only_the_house_face_is_embedded_subset_for_a_latin_report(latam_reader: PdfReader):
    fonts = embedded_fonts(latam_reader)
    house = postscript_names((house_brand().body.files,))
    assert fonts and all(re.fullmatch(r"/[A-Z]{6}\+RG-Open-Sans(-Semi-Bold|-Bold|-Italic)?", f) for f in fonts), fonts
    assert set(fonts.values()) <= set(house), fonts


def test_document_metadata(latam_report: Report, latam_reader: PdfReader):
    meta, info = latam_report.meta, latam_reader.metadata
    assert info.title == meta.title
    assert info.author == ", ".join(meta.authors)
    assert info.subject == meta.subject
    assert info["/Keywords"] == ", ".join(meta.keywords)
    assert info["/publisher"] == meta.publisher  # WeasyPrint lower-cases custom names
    assert info["/CreationDate"] == info["/ModDate"] == "D:" + meta.edition.strftime("%Y%m%d")
    assert latam_reader.trailer["/Root"]["/Lang"] == meta.language


def test_seed_figures_appear_as_the_model_formats_them(latam_report: Report, latam_analysis, latam_text: str):
    fmt, data = latam_report.fmt, latam_analysis.computed
    text = latam_text
    brazil = data.geography.segment("Brazil")
    for phrase in (
        fmt.money(data.total[2024]),  # USD 3.72 bn
        fmt.money(data.total[2025]),
        fmt.cagr(data.total.cagr(2024, 2034)),  # 31.61%
        f"Brazil {fmt.percent(brazil.share_in(2024))}",  # the share chart's legend: Brazil 38.0%
    ):
        assert " ".join(phrase.split()) in text  # the text's whitespace, no-break spaces too, is made one space
    assert "USD 3.72 bn" in text and "31.61%" in text and "Brazil 38.0%" in text


def test_every_paragraph_and_list_item_is_printed(latam_report: Report, latam_text: str):
    text = "".join(latam_text.split())  # lines may wrap after any '/' or '-'
    for top in latam_report.sections:
        for section in top.walk():
            for block in section.blocks:
                strings = [block.text.plain] if isinstance(block, Paragraph) else []
                if isinstance(block, ItemList):
                    strings = [i.text.plain for i in block.items]
                for s in strings:
                    assert "".join(s.split()) in text, f"{section.id}: {s[:60]!r} missing"


def test_yearly_tables_show_every_value_through_the_shared_formatter(
    latam_report: Report, latam_reader: PdfReader, latam_pages: list[str],
):
    table = latam_report.section("appendix-country").blocks[0]
    page = next(p for t, depth, p in flat_outline(latam_reader) if t == "By country" and depth == 1)
    text = " ".join(latam_pages[page - 1].split())
    for row in table.rows:
        cells = [latam_report.fmt.value(v, c.type) for v, c in zip(row.cells, table.columns, strict=True)]
        assert " ".join(cells) in text


def _pdf_rgb(colour: str) -> str:
    """'#E69F00' as WeasyPrint writes a fill colour: '0.901961 0.623529 0 rg'."""
    return " ".join(f"{int(colour[i:i + 2], 16) / 255:f}".rstrip("0").rstrip(".") for i in (1, 3, 5)) + " rg"


def test_no_raster_images_and_vector_charts_on_every_dimension_page(
    latam_report: Report, latam_reader: PdfReader, latam_pages: list[str],
):
    for page in latam_reader.pages:
        for xobject in page["/Resources"].get("/XObject", {}).values():
            assert xobject.get_object()["/Subtype"] != "/Image"
    pages = {title: page for title, depth, page in reversed(flat_outline(latam_reader)) if depth == 0}
    dimensions = [s for s in latam_report.sections if s.kind == "dimension"]
    assert len(dimensions) >= 7
    for section in dimensions:
        page = latam_reader.pages[pages[section.title] - 1]
        content = page.get_contents().get_data().decode("latin-1")
        # the second series colour is used by charts only, filling curves (doughnut) and polygons (bars)
        assert content.count(_pdf_rgb(latam_report.brand.colours.series[1])) >= 2, section.id
        share = next(b for b in section.blocks if isinstance(b, Chart) and b.kind == "doughnut")
        # each slice of the ring bounded by two arcs (drawn as curves), the columns and axes by straight lines
        assert len(re.findall(r" c\n", content)) >= 2 * len(share.categories) and len(re.findall(r" l\n", content)) > 50
        text = " ".join(latam_pages[pages[section.title] - 1].split())
        for name, value in zip(share.categories, share.series[0].values, strict=True):
            assert f"{name} {latam_report.fmt.percent(value)}" in text


def test_made_up_market_builds_with_its_own_sections_currency_and_escaped_names(nordic_report: Report, nordic_analysis,
                                                                                nordic_pdf: bytes):
    reader = PdfReader(io.BytesIO(nordic_pdf))
    text = text_of(reader)
    titles = [t for t, _, _ in flat_outline(reader)]
    assert "By robot type" in titles and "By buyer" in titles and "Value chain" not in titles
    assert " ".join(nordic_report.fmt.money(nordic_analysis.computed.total[2020]).split()) in text  # EUR ... m
    assert "EUR" in text and "USD" not in text
    assert "Retail & e-commerce <b>" in text  # shown as text, not taken as markup


def test_chrome_follows_the_report_language(nordic_analysis):
    spanish = build_report(nordic_analysis, lang="es")
    spanish = dataclasses.replace(spanish, sections=spanish.sections[:1])
    reader = PdfReader(io.BytesIO(pdf.render(spanish)))
    assert reader.trailer["/Root"]["/Lang"] == "es"
    assert flat_outline(reader)[0][0] == "Contenido"
    assert "Página 3 de 3" in reader.pages[2].extract_text()


# --- typesetting variants and determinism ------------------------------------------------------


def test_same_model_gives_byte_identical_pdf(small_report: Report):
    assert pdf.render(small_report) == pdf.render(small_report)


@pytest.mark.parametrize("variant", ["pdf/ua-1", "pdf/a-3b"])
def test_variants_are_valid_and_deterministic(small_report: Report, variant: str):
    first = pdf.render(small_report, pdf_variant=variant)
    assert pdf.render(small_report, pdf_variant=variant) == first
    reader = PdfReader(io.BytesIO(first))
    xmp = reader.trailer["/Root"]["/Metadata"].get_object().get_data()
    if variant == "pdf/ua-1":
        assert b"pdfuaid:part" in xmp
        assert "/StructTreeRoot" in reader.trailer["/Root"]
        assert _alt_texts(reader) >= {c.alt_text for c in small_report.charts()}
    else:
        assert b'pdfaid:part="3"' in xmp or b"<pdfaid:part>3</pdfaid:part>" in xmp
        assert reader.trailer["/Root"]["/OutputIntents"]


def _alt_texts(reader: PdfReader) -> set[str]:
    found, stack = set(), [reader.trailer["/Root"]["/StructTreeRoot"]]
    while stack:
        node = stack.pop().get_object()
        if isinstance(node, list):
            stack += node
            continue
        if not hasattr(node, "get"):
            continue
        if "/Alt" in node:
            found.add(str(node["/Alt"]))
        kids = node.get("/K")
        if kids is not None:
            stack += kids if isinstance(kids, list) else [kids]
    return found


def test_unknown_variant_is_refused(small_report: Report):
    with pytest.raises(BuildError, match="unknown PDF variant"):
        pdf.render(small_report, pdf_variant="pdf/x-9")


# --- safety ------------------------------------------------------------------------------------


def _hostile(report: Report, secret: Path) -> Report:
    """The report with data strings that try to make WeasyPrint load or embed a local file."""
    url = secret.as_uri()
    payloads = (
        f'<script>alert(1)</script><img src="{url}">',
        f'<link rel="attachment" href="{url}"><link rel="stylesheet" href="http://example.invalid/x.css">',
        f'<span style="background: url({url})">x</span><style>p {{ background: url({url}) }}</style>',
    )
    extra = Section("hostile", payloads[0], SectionKind.TEXT, tuple(Paragraph(p) for p in payloads),
                    headline=payloads[1], notes=(payloads[2],))
    first = dataclasses.replace(report.sections[0], title=f'Takeaways <img src="{url}">')
    return dataclasses.replace(report, sections=(first, extra, *report.sections[1:]))


def test_markup_in_data_is_text_and_nothing_outside_the_allowlist_is_embedded(small_report: Report, tmp_path: Path):
    secret = tmp_path / "secret.txt"
    secret.write_bytes(b"TOP-SECRET-7f3a9c")
    out = pdf.render(_hostile(small_report, secret))
    assert b"TOP-SECRET-7f3a9c" not in out
    reader = PdfReader(io.BytesIO(out))
    assert "/EmbeddedFiles" not in reader.trailer["/Root"].get("/Names", {})
    assert not reader.attachments
    text = "".join(text_of(reader).split())  # long URLs wrap anywhere
    for shown in ("<script>alert(1)</script>", f'<link rel="attachment" href="{secret.as_uri()}">', f"url({secret.as_uri()})"):
        assert "".join(shown.split()) in text


def test_fetcher_serves_assets_charts_and_logos_only(tmp_path: Path):
    logo = tmp_path / "logo.svg"
    logo.write_text('<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"/>')
    fetcher = SafeFetcher((PDF_TEMPLATES_DIR, FONTS_DIR), {"a b": b"<svg/>"}, {image_url("logo-large"): read_logo(logo, tmp_path)})
    assert fetcher.fetch((PDF_TEMPLATES_DIR / "report.css").as_uri()).content_type == "text/css"
    assert fetcher.fetch((FONTS_DIR / "OpenSans-Regular.ttf").as_uri()).content_type == "font/ttf"
    assert fetcher.fetch(chart_url("a b")).read() == b"<svg/>"
    assert fetcher.fetch(image_url("logo-large")).read().startswith(b"<svg")  # from memory: the file is not read again
    (tmp_path / "inside").symlink_to(tmp_path)
    for url in (
        logo.as_uri(),  # the logo's file itself is never served
        image_url("client-logo"),  # no such image in this brand
        (tmp_path / "other.txt").as_uri(),
        PDF_TEMPLATES_DIR.as_uri() + "/../../pyproject.toml",  # resolves outside the assets
        PDF_TEMPLATES_DIR.as_uri() + "%2F..%2F..%2Fpyproject.toml",
        "file:///etc/passwd",
        "http://example.invalid/logo.png",
        "data:text/plain,hello",
        chart_url("no-such-chart"),
    ):
        with pytest.raises(RefusedURL):
            fetcher.fetch(url)


def test_fetcher_refuses_a_symlink_out_of_the_assets(tmp_path: Path):
    assets = tmp_path / "assets"
    assets.mkdir()
    (tmp_path / "secret.txt").write_text("secret")
    (assets / "link.css").symlink_to(tmp_path / "secret.txt")
    with pytest.raises(RefusedURL):
        SafeFetcher((assets,), {}).fetch((assets / "link.css").as_uri())


def test_missing_chart_fails_the_build(small_report: Report):
    with pytest.raises(BuildError, match="buyer-share"):
        pdf.render(small_report, charts={})


def test_charts_handed_in_or_drawn_give_the_same_pdf(small_report: Report):
    assert pdf.render(small_report, charts=render_charts(small_report)) == pdf.render(small_report)


def test_chart_that_cannot_be_drawn_fails_the_build(small_report: Report):
    section = small_report.section("dim-buyer")
    broken = [dataclasses.replace(b, categories=b.categories[:1]) if isinstance(b, Chart) else b for b in section.blocks]
    report = dataclasses.replace(small_report, sections=(dataclasses.replace(section, blocks=tuple(broken)),))
    with pytest.raises(BuildError, match="the PDF's charts cannot be drawn: chart") as excinfo:
        pdf.render(report)
    failed = next(b for b in broken if isinstance(b, Chart))
    assert str(excinfo.value).count("chart '") == 1 and f"chart {failed.id!r}" in str(excinfo.value)  # the right one, once


def test_branding_prints_client_and_logo(small_report: Report, tmp_path: Path):
    logo = tmp_path / "logo.svg"
    logo.write_text('<svg xmlns="http://www.w3.org/2000/svg" width="40" height="10"><rect width="40" height="10"/></svg>')
    branded = for_client(small_report, "Acme Bio", logo, "#AA3300")
    reader = PdfReader(io.BytesIO(pdf.render(branded)))
    assert "Prepared for Acme Bio" in " ".join(reader.pages[0].extract_text().split())
    assert b"0.666667 0.2 0 rg" in reader.pages[0].get_contents().get_data()  # the accent band
