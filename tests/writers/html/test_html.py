"""The web edition as a file: self-contained, publishable, accessible markup, escaped data, same bytes."""

from __future__ import annotations

import base64
import hashlib
import io
import itertools
import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import lxml.html
import pytest
from fontTools.ttLib import TTFont

from reportgen.data.brand import house_brand
from reportgen.model import Faq, KeyFigures, Report, Table, build_report
from reportgen.writers import html
from reportgen.writers.html import fonts
from reportgen.writers.pdf.html import render_html
from reportgen.writers.shared import table_view
from tests.branding import for_client
from tests.builder.test_build import png
from tests.conftest import NORDIC, ROOT
from tests.writers.html.hostile import END_SCRIPT, PAYLOADS, SCRIPT, STYLE, hostile

SCHEMA_ORG = "https://schema.org"  # the JSON-LD vocabulary: an identifier, never fetched


@pytest.fixture(scope="module")
def latam_html(latam_report: Report) -> bytes:
    return html.render(latam_report)


@pytest.fixture(scope="module")
def latam_doc(latam_html: bytes):
    return lxml.html.fromstring(latam_html)


def walk(report: Report):
    """(section, block) for every block of every section, depth first."""
    for top in report.sections:
        for section in top.walk():
            for block in section.blocks:
                yield section, block


def json_ld(doc) -> dict:
    (script,) = doc.xpath("//script[@type='application/ld+json']")
    return json.loads(script.text)


def texts(element) -> str:
    return " ".join(element.text_content().split())


# --- self-contained ------------------------------------------------------------------------------


def test_the_file_references_nothing_outside_itself(latam_html: bytes, latam_doc):
    text = latam_html.decode()
    urls = set(re.findall(r"[a-z][a-z0-9+.-]*://[^\s\"'<>)]*", text, flags=re.I))
    assert urls == {SCHEMA_ORG}, urls
    assert text.count(SCHEMA_ORG) == 1 and '"@context":"https://schema.org"' in text
    for attribute in ("src", "href", "action", "poster", "srcset", "xlink:href"):
        for value in latam_doc.xpath(f"//@*[local-name()='{attribute.split(':')[-1]}']"):
            assert value.startswith(("#", "data:")), (attribute, value[:60])
    assert not latam_doc.xpath("//link[@rel='stylesheet'] | //script[@src] | //iframe | //object | //embed")
    assert "@import" not in text and not re.search(r"url\((?!data:)", text)


def test_a_content_security_policy_allows_only_the_pages_own_style_and_data_urls(latam_html: bytes, latam_doc):
    (policy,) = latam_doc.xpath("//meta[@http-equiv='Content-Security-Policy']/@content")
    rules = dict(rule.strip().split(" ", 1) for rule in policy.split(";"))
    (style,) = latam_doc.xpath("//style")
    digest = base64.b64encode(hashlib.sha256(style.text.encode()).digest()).decode()
    assert rules == {"default-src": "'none'", "style-src": f"'sha256-{digest}'", "img-src": "data:", "font-src": "data:",
                     "base-uri": "'none'", "form-action": "'none'", "script-src": "'none'"}
    assert [s.get("type") for s in latam_doc.xpath("//script")] == ["application/ld+json"]  # data, never run
    assert not latam_doc.xpath("//@style")  # no inline style attribute, which the policy would refuse


def test_the_house_font_is_embedded_as_woff2_subsets_of_the_pages_characters(latam_doc):
    css = latam_doc.xpath("//style")[0].text
    faces = re.findall(r'@font-face \{ font-family: "Open Sans"; font-weight: (\d+);.*?base64,([A-Za-z0-9+/=]+)', css)
    assert [w for w, _ in faces] == ["400", "600", "700"]
    whole = set(map(chr, TTFont(house_brand().body.files.faces[0].path).getBestCmap()))
    shown = set(latam_doc.xpath("//body")[0].text_content()) & whole
    for _, data in faces:
        font = TTFont(io.BytesIO(base64.b64decode(data)))
        assert font.flavor == "woff2"
        mapped = set(map(chr, font.getBestCmap()))
        assert shown <= mapped and len(mapped) < len(whole) / 5  # what the page shows, and little else


def test_the_same_model_gives_the_same_bytes(latam_report: Report, latam_html: bytes):
    fonts._subset.cache_clear()
    assert html.render(latam_report) == latam_html


# --- what the page shows -------------------------------------------------------------------------


def test_key_figures_and_every_table_and_chart_of_the_model_are_in_the_page(latam_report: Report, latam_doc):
    fmt = latam_report.fmt
    shown = [texts(e) for e in latam_doc.xpath("//*[@class='figure-value']")]
    figures = [" ".join(fmt.figure(f.value, f.type).split()) for _, b in walk(latam_report) if isinstance(b, KeyFigures)
               for f in b.items]
    assert shown == figures and "USD 3.72 bn" in shown
    tables = [b for _, b in walk(latam_report) if isinstance(b, Table)]
    assert [texts(c) for c in latam_doc.xpath("//table/caption")] == [t.title for t in tables]
    charts = latam_report.charts()
    svgs = latam_doc.xpath("//figure/div/svg")
    assert len(svgs) == len(charts) == 21
    for chart, svg in zip(charts, svgs, strict=True):
        assert svg.getparent().getparent().get("id") == f"c-{chart.id}"
        title, desc = svg.xpath("./title")[0], svg.xpath("./desc")[0]
        assert (title.text, desc.text) == (chart.title, chart.alt_text)
        assert svg.get("role") == "img" and svg.get("aria-labelledby") == f"{title.get('id')} {desc.get('id')}"
        values = [v for s in chart.series for v in s.values if chart.kind != "doughnut" or v > 0]
        assert len(svg.xpath(".//*[self::rect or self::path or self::circle]/title")) == len(values)


def test_each_bar_says_its_category_and_value_through_the_formatter(latam_report: Report, latam_doc):
    chart = next(c for c in latam_report.charts() if c.kind == "column")
    titles = [t.text for t in latam_doc.xpath(f"//figure[@id='c-{chart.id}']//rect/title")]
    fmt = latam_report.fmt
    values = zip(chart.categories, chart.series[0].values, strict=True)
    assert titles == [f"{year}: {fmt.figure(v, chart.value_type)}" for year, v in values]
    assert "2024: USD\xa03.72 bn" in titles


def test_tables_have_captions_and_scoped_headers_and_take_the_pdfs_shape(latam_report: Report, latam_doc):
    for block in latam_doc.xpath("//div[contains(@class, 'table-block')]"):
        table = block.xpath(".//table")[0]
        assert table.xpath("./caption") and table.xpath("./thead/tr/th")
        assert {th.get("scope") for th in table.xpath("./thead//th")} == {"col"}
        assert {th.get("scope") for th in table.xpath("./tbody//th")} <= {"row"} and not table.xpath("./tbody/tr/td[1][not(../th)]")
    layouts = {b.get("id"): b.get("class").split()[1] for b in latam_doc.xpath("//div[contains(@class, 'table-block')]")}
    for section, block in walk(latam_report):
        if isinstance(block, Table):
            assert layouts[f"t-{block.id}"] == f"table-{table_view(block, latam_report, section).layout}"
    assert {"table-plain", "table-transposed", "table-wide"} <= set(layouts.values())


def test_the_page_and_the_pdf_print_every_table_with_the_same_caption_cells_and_notes(latam_report: Report, latam_doc):
    printed = lxml.html.fromstring(render_html(latam_report, chart_src=lambda chart_id: "data:,"))

    def tables(doc) -> dict[str, list[str]]:
        return {block.get("id"): [texts(e) for e in block.xpath(".//caption | .//th | .//td | ./p")]
                for block in doc.xpath("//div[contains(@class, 'table-block')]")}

    shown = tables(latam_doc)
    assert shown == tables(printed)
    assert len(shown) == sum(isinstance(block, Table) for _, block in walk(latam_report))


def test_headings_follow_the_sections_without_skipping_a_level(latam_report: Report, latam_doc):
    levels = [int(h.tag[1]) for h in latam_doc.xpath("//h1 | //h2 | //h3 | //h4 | //h5 | //h6")]
    assert levels[0] == 1 and all(b <= a + 1 for a, b in itertools.pairwise(levels))
    titles = [texts(h) for h in latam_doc.xpath("//main//h2 | //main//h3")]
    assert titles == [s.title for top in latam_report.sections for s in top.walk()]
    assert [texts(a) for a in latam_doc.xpath("//nav//a")][:3] == [s.title for s in latam_report.sections[:3]]
    for href in latam_doc.xpath("//nav//a/@href"):
        assert latam_doc.get_element_by_id(href[1:]) is not None


def test_landmarks_and_language(latam_doc):
    assert latam_doc.get("lang") == "en"
    for landmark in ("header", "nav", "main", "footer"):
        assert len(latam_doc.xpath(f"//body/{landmark} | //body/div/{landmark}")) == 1, landmark


# --- publishing ----------------------------------------------------------------------------------


def test_title_description_open_graph_and_json_ld_come_from_the_model(latam_report: Report, latam_doc):
    meta = latam_report.meta
    head = {m.get("name") or m.get("property"): m.get("content") for m in latam_doc.xpath("//meta[@content]")}
    assert latam_doc.xpath("//title")[0].text == meta.title
    assert head["description"].startswith(meta.subject) and "USD\xa03.72 bn" in head["description"]
    assert (head["og:title"], head["og:type"], head["og:locale"]) == (meta.title, "article", "en_US")
    assert head["og:description"] == head["description"]
    graph = json_ld(latam_doc)["@graph"]
    report, faq = graph
    assert report["@type"] == ["Report", "Dataset"] and report["name"] == meta.title
    assert (report["datePublished"], report["inLanguage"], report["temporalCoverage"]) == ("2025-10-09", "en", "2021/2034")
    assert report["publisher"] == {"@type": "Organization", "name": meta.publisher}
    assert report["spatialCoverage"]["name"] == "Latin America" and report["keywords"] == list(meta.keywords)
    questions = latam_report.section("faq").find(Faq)[0].items
    assert faq["@type"] == "FAQPage" and len(faq["mainEntity"]) == len(questions) == 11
    assert faq["mainEntity"][0] == {"@type": "Question", "name": questions[0].question,
                                   "acceptedAnswer": {"@type": "Answer", "text": questions[0].answer[0].text.plain}}


@pytest.mark.parametrize(("lang", "contents", "locale", "money"),
                         [("es", "Contenido", "es_ES", "USD 3,72 mil millones"), ("pt-BR", "Conteúdo", "pt_BR", "USD 3,72 bi")])
def test_each_language_has_its_own_words_numbers_and_locale(latam_analysis, lang, contents, locale, money):
    report = build_report(latam_analysis, lang=lang)
    doc = lxml.html.fromstring(html.render(report))
    assert doc.get("lang") == lang and texts(doc.xpath("//nav/h2")[0]) == contents
    assert doc.xpath("//meta[@property='og:locale']/@content") == [locale]
    assert money in [texts(e) for e in doc.xpath("//*[@class='figure-value']")]
    assert json_ld(doc)["@graph"][0]["inLanguage"] == lang
    assert report.section("takeaways").title in [texts(h) for h in doc.xpath("//h2")]


def test_a_client_variant_brings_its_line_logo_and_colours(latam_report: Report, tmp_path: Path):
    logo = png(tmp_path / "acme.png")
    branded = for_client(latam_report, "Acme <Pharma> & Co", logo, "#7A1F5C", ("#7A1F5C", "#005F73", "#E69F00"))
    doc = lxml.html.fromstring(html.render(branded))
    assert texts(doc.xpath("//*[@class='prepared-for']")[0]) == "Prepared for Acme <Pharma> & Co"
    (img,) = doc.xpath("//img")
    assert img.get("src") == "data:image/png;base64," + base64.b64encode(logo.read_bytes()).decode()
    assert img.get("alt") == "Logo of Acme <Pharma> & Co"
    assert "--accent: #7A1F5C;" in doc.xpath("//style")[0].text
    fills = {r.get("fill") for r in doc.xpath("//figure[contains(@class, 'chart-stacked_column')]//rect[title]")}
    assert {"#7A1F5C", "#005F73"} <= fills and "#1F4E79" not in fills


def test_the_made_up_market_builds_with_its_own_sections_and_currency(nordic_report: Report):
    doc = lxml.html.fromstring(html.render(nordic_report))
    body = texts(doc.xpath("//body")[0])
    assert "By robot type" in body and "EUR 420.00 m" in body and "USD" not in body
    assert "Retail & e-commerce <b>" in body  # the fixture's own markup, shown as text
    assert len(doc.xpath("//figure/div/svg")) == len(nordic_report.charts())


# --- untrusted data ------------------------------------------------------------------------------


def test_markup_in_data_stays_text_everywhere(latam_report: Report):
    page = html.render(hostile(latam_report))
    doc = lxml.html.fromstring(page)
    assert [s.get("type") for s in doc.xpath("//script")] == ["application/ld+json"]
    assert len(doc.xpath("//style")) == 1 and not doc.xpath("//img")
    assert not [a for a in doc.xpath("//@*") if a.attrname.lower().startswith("on")]
    assert not [v for v in doc.xpath("//@href | //@src") if not v.startswith(("#", "data:"))]
    body = doc.xpath("//body")[0].text_content()
    for payload in PAYLOADS:
        assert payload in body, payload
    assert doc.xpath("//title")[0].text.startswith(END_SCRIPT)
    graph = json_ld(doc)["@graph"]
    assert graph[0]["name"].startswith(END_SCRIPT)
    assert {"@type": "Question", "name": END_SCRIPT, "acceptedAnswer": {"@type": "Answer", "text": STYLE}} in graph[1]["mainEntity"]
    svg = doc.xpath("//figure[@id='c-hostile-chart']//svg")[0]
    assert svg.xpath("./desc")[0].text == SCRIPT and len(svg.xpath(".//rect/title")) == 4


# --- building ------------------------------------------------------------------------------------


def test_build_writes_each_language_and_variant_and_records_the_templates(tmp_path: Path):
    data = tmp_path / "data"
    shutil.copytree(NORDIC, data / "nordic-robotics")
    png(data / "acme.png")
    (data / "variants.yaml").write_text("variants:\n  acme:\n    client: Acme\n    logo: acme.png\n    formats: [html]\n")
    out = tmp_path / "out"
    for extra in ([], ["--variant", "acme"]):
        proc = subprocess.run([sys.executable, "-m", "reportgen", "--data-dir", str(data), "build", "nordic-robotics", "--format", "html",
                               "--lang", "en,es", "--out", str(out), *extra], cwd=ROOT, capture_output=True, text=True)
        assert proc.returncode == 0, proc.stderr
    built = sorted(p.relative_to(out).as_posix() for p in out.rglob("*.html"))
    assert built == ["nordic-robotics/acme/es/nordic-robotics.html", "nordic-robotics/acme/nordic-robotics.html",
                     "nordic-robotics/es/nordic-robotics.html", "nordic-robotics/nordic-robotics.html"]
    entries = json.loads((out / "manifest.json").read_text())["outputs"]
    inputs = entries["nordic-robotics/es/nordic-robotics.html"]["inputs"]
    assert "package/writers/html/templates/page.html.j2" in inputs and "package/writers/html/templates/page.css" in inputs
    assert lxml.html.fromstring((out / "nordic-robotics/acme/nordic-robotics.html").read_bytes()).xpath("//img/@src")[0].startswith("data:")


def test_only_the_preview_adds_a_script(nordic_report: Report):
    script = "console.log(1);"
    report = nordic_report
    live = lxml.html.fromstring(html.render(report, live_script=script))
    assert [s.text for s in live.xpath("//script[not(@type)]")] == [script]
    policy = live.xpath("//meta[@http-equiv='Content-Security-Policy']/@content")[0]
    digest = base64.b64encode(hashlib.sha256(script.encode()).digest()).decode()
    assert f"script-src 'sha256-{digest}'; connect-src 'self'" in policy
    assert not lxml.html.fromstring(html.render(report)).xpath("//script[not(@type)]")


def test_every_id_in_the_page_is_unique(latam_doc):
    ids = latam_doc.xpath("//@id")
    assert len(ids) > 100 and len(ids) == len(set(ids))
