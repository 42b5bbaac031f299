"""The web edition in a real browser (headless Chromium): what a reader on a phone or a desktop gets.

Each edition is opened from a file, as a client who was e-mailed it would: it must show without a
console error, make no request but for itself, fit the screen at 390 and 1280 CSS pixels, show
the model's figures and one accessible chart per chart spec, and pass axe-core's WCAG 2.2 AA and
best-practice rules at both widths, every test market in English and Spanish and a client's colours
included (axe-core ships inside the axe-playwright-python package: nothing is fetched). Data that
tries to be markup is shown as text and runs nothing.
"""

from __future__ import annotations

import dataclasses
import itertools
from pathlib import Path

import pytest

from reportgen.data import analyse
from reportgen.model import Branding, KeyFigures, Report, build_report
from reportgen.writers import html
from tests.conftest import ANDES, JAPAN, ROOT
from tests.writers.html.browser import DESKTOP, PHONE, needs_chromium, open_page
from tests.writers.html.hostile import PAYLOADS, hostile

pytestmark = needs_chromium
EDITIONS = ("latam-en", "latam-es", "latam-pt-BR", "nordic-en")
# Every test market in English and Spanish, latam-cgt in all three languages, and a client's
# colours: what axe judges (contrast above all) changes with the language's words and the brand.
AXE_EDITIONS = (*EDITIONS, "nordic-es", "mideast-en", "mideast-es", "world-en", "world-es", "japan-en", "japan-es", "andes-en", "andes-es",
                "nordic-client")
AXE_RULES = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]},
             "resultTypes": ["violations"]}
MIDEAST = ROOT / "tests" / "fixtures" / "mideast-implants"
CLIENT = Branding(client="Acme Logistics", palette=("#7A1F5C", "#005F73", "#E69F00"), accent="#7A1F5C")


@pytest.fixture(scope="module")
def editions(tmp_path_factory, latam_analysis, nordic_analysis, world_analysis) -> dict[str, tuple[Path, Report]]:
    """Every edition written to a file, with the model it was made from."""
    folder = tmp_path_factory.mktemp("web")
    reports = {f"latam-{lang}": build_report(latam_analysis, lang=lang) for lang in ("en", "es", "pt-BR")}
    mideast, japan, andes = analyse(MIDEAST), analyse(JAPAN), analyse(ANDES)
    for lang in ("en", "es"):
        reports[f"japan-{lang}"] = build_report(japan, lang=lang)
        reports[f"nordic-{lang}"] = build_report(nordic_analysis, lang=lang)
        reports[f"mideast-{lang}"] = build_report(mideast, lang=lang)
        reports[f"world-{lang}"] = build_report(world_analysis, lang=lang)
        reports[f"andes-{lang}"] = build_report(andes, lang=lang)  # sections of its own, tables from files
    reports["nordic-client"] = build_report(nordic_analysis, branding=CLIENT)
    reports["hostile"] = hostile(reports["nordic-en"])
    out = {}
    for name, report in reports.items():
        path = folder / f"{name}.html"
        path.write_bytes(html.render(report))
        out[name] = (path, report)
    return out


def key_figures(report: Report) -> list[str]:
    return [report.fmt.figure(f.value, f.type) for top in report.sections for s in top.walk()
            for b in s.blocks if isinstance(b, KeyFigures) for f in b.items]


@pytest.mark.parametrize("width", [PHONE, DESKTOP])
@pytest.mark.parametrize("name", EDITIONS)
def test_the_edition_opens_cleanly_fits_the_screen_and_shows_the_model(browser, editions, name: str, width: int):
    path, report = editions[name]
    with open_page(browser, path.as_uri(), width) as (page, log):
        assert log.errors == [] and log.failed == [] and log.requests == [path.as_uri()]
        assert page.evaluate("document.documentElement.scrollWidth") <= page.evaluate("innerWidth")
        assert page.evaluate("document.documentElement.lang") == report.meta.language
        shown = page.locator(".figure-value").all_inner_texts()
        assert shown == key_figures(report) and shown
        assert page.locator("figure svg[role=img]").count() == len(report.charts())
        for chart in report.charts():
            assert page.locator(f"#c-{chart.id} svg > title").text_content() == chart.title
            # the accessible name, as Chromium computes it, is the title and then the alt text
            assert page.get_by_role("img", name=f"{chart.title} {chart.alt_text}", exact=True).count() >= 1
        assert page.evaluate("document.fonts.check('16px \"Open Sans\"')")  # the embedded font, not a fallback


@pytest.mark.parametrize("width", [PHONE, DESKTOP])
@pytest.mark.parametrize("name", AXE_EDITIONS)
def test_axe_finds_no_accessibility_violation(browser, editions, name: str, width: int):
    from axe_playwright_python.sync_playwright import Axe

    path, _ = editions[name]
    with open_page(browser, path.as_uri(), width) as (page, _log):
        result = Axe().run(page, options=AXE_RULES)
        assert [(v["id"], [n["target"] for n in v["nodes"][:3]]) for v in result.response["violations"]] == []
        assert result.response["testEngine"]["version"].startswith("4.")


def test_structure_a_screen_reader_relies_on(browser, editions):
    path, report = editions["latam-en"]
    with open_page(browser, path.as_uri(), DESKTOP) as (page, _log):
        levels = page.evaluate("[...document.querySelectorAll('h1,h2,h3,h4,h5,h6')].map(h => +h.tagName[1])")
        assert levels[0] == 1 and all(b <= a + 1 for a, b in itertools.pairwise(levels))
        assert page.evaluate("['banner','navigation','main','contentinfo'].map(r => document.querySelectorAll("
                             "{banner:'body>header',navigation:'nav',main:'main',contentinfo:'body>footer'}[r]).length)") == [1, 1, 1, 1]
        assert page.evaluate("[...document.querySelectorAll('th')].every(th => ['col','row'].includes(th.scope))")
        assert page.evaluate("[...document.querySelectorAll('svg[role=img]')].every(s => s.getAttribute('aria-labelledby')"
                             ".split(' ').every(id => document.getElementById(id)?.textContent.trim()))")
        page.get_by_role("link", name=report.sections[3].title, exact=True).click()
        assert page.evaluate("location.hash") == f"#s-{report.sections[3].id}"


def test_hovering_a_bar_reaches_the_bar_that_says_its_value(browser, editions):
    path, report = editions["latam-en"]
    chart = next(c for c in report.charts() if c.kind == "column")
    index = chart.categories.index("2024")
    with open_page(browser, path.as_uri(), DESKTOP) as (page, _log):
        bar = page.locator(f"#c-{chart.id} rect:has(title)").nth(index)
        bar.scroll_into_view_if_needed()
        box = bar.bounding_box()
        page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
        hovered = page.evaluate("([x, y]) => { const e = document.elementFromPoint(x, y); "
                                "return [e.querySelector('title')?.textContent, getComputedStyle(e).opacity]; }",
                                [box["x"] + box["width"] / 2, box["y"] + box["height"] / 2])
        assert hovered == [f"2024: {report.fmt.figure(chart.series[0].values[index], chart.value_type)}", "0.75"]


def test_injected_markup_is_shown_as_text_and_never_runs(browser, editions):
    path, _ = editions["hostile"]
    with open_page(browser, path.as_uri(), DESKTOP) as (page, log):
        page.hover("#c-hostile-chart svg")
        body = page.inner_text("body")
        for payload in PAYLOADS:
            assert payload in body, payload
        assert page.evaluate("window.__pwned") is None
        assert log.dialogs == [] and log.errors == [] and log.requests == [path.as_uri()]
        assert page.evaluate("[...document.scripts].map(s => s.type)") == ["application/ld+json"]
        assert page.evaluate("document.styleSheets.length") == 1 and page.is_visible("main")
        assert page.title().startswith("</script>")


def test_printing_hides_the_contents_and_unfolds_wide_tables(browser, editions):
    path, _ = editions["latam-en"]
    with open_page(browser, path.as_uri(), DESKTOP) as (page, _log):
        page.emulate_media(media="print")
        assert not page.is_visible("nav")
        assert page.evaluate("getComputedStyle(document.querySelector('.table-wide .table-scroll')).overflowX") == "visible"
        pdf = page.pdf(format="A4")
        assert pdf.startswith(b"%PDF") and pdf.count(b"/Type /Page") > 10


def test_a_client_logo_shows_from_its_data_url(browser, editions, tmp_path: Path):
    from tests.builder.test_build import png

    _, report = editions["nordic-en"]
    branded = dataclasses.replace(report, branding=Branding("Acme", png(tmp_path / "logo.png"), accent="#7A1F5C"))
    path = tmp_path / "acme.html"
    path.write_bytes(html.render(branded))
    with open_page(browser, path.as_uri(), PHONE) as (page, log):
        assert page.evaluate("document.querySelector('img.logo').naturalWidth") == 8
        assert page.evaluate("getComputedStyle(document.querySelector('.masthead')).backgroundColor") == "rgb(122, 31, 92)"
        assert log.errors == [] and log.requests == [path.as_uri()]
