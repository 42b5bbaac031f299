"""Generated sentences read right with any names, in English, Spanish and Portuguese: plural names
("Hospitals", "Services", "Titanium implants"), countries (called countries, with the article
Portuguese gives them), a market and a comparison whose names have no translation, and names in
Arabic or Hebrew. The made-up market tests/fixtures/mideast-implants has all of them."""

from __future__ import annotations

import dataclasses
import io
import re
import shutil
from pathlib import Path

import pytest
import yaml
from pypdf import PdfReader

from reportgen.data import Analysis, analyse
from reportgen.data.checks import ClaimFinding
from reportgen.model import Report, build_report, formatter_for, sentences
from reportgen.model.elements import Chart, Faq, ItemList, Paragraph
from reportgen.model.names import FSI, PDI
from reportgen.model.prose import flow_text
from tests.conftest import ROOT

MIDEAST = ROOT / "tests" / "fixtures" / "mideast-implants"
PLURAL = ["Hospitals", "Dental clinics", "Dental laboratories", "Services", "Titanium implants", "Zirconia implants",
          "Tapered implants", "United Arab Emirates"]
VERBS = ["leads", "lead ", "grows", "is ", "are ", "held", "holds", "has ", "falls", "rises"]


@pytest.fixture(scope="module")
def analysis() -> Analysis:
    return analyse(MIDEAST)


@pytest.fixture(scope="module")
def editions(analysis) -> dict[str, Report]:
    return {lang: build_report(analysis, lang=lang) for lang in ("en", "es", "pt-BR")}


def generated(report: Report) -> list[str]:
    """Every generated text of a report: headlines, titles, paragraphs, list items, notes, chart
    descriptions, questions and answers."""
    out: list[str] = []
    for top in report.sections:
        for s in top.walk():
            out += [s.title, s.headline or "", *s.notes]
            for b in s.blocks:
                if isinstance(b, Paragraph):
                    out.append(b.text.plain)
                elif isinstance(b, ItemList):
                    out += [i.text.plain for i in b.items]
                elif isinstance(b, Chart):
                    out.append(b.alt_text)
                elif isinstance(b, Faq):
                    out += [x for qa in b.items for x in (qa.question, flow_text(qa.answer))]
    return [t for t in out if t]


def paragraph(report: Report, section: str) -> str:
    return " ".join(b.text.plain for b in report.section(section).blocks if isinstance(b, Paragraph))


def test_no_plural_name_is_the_subject_of_a_verb(editions):
    texts = generated(editions["en"])
    wrong = [t for t in texts for name in PLURAL for verb in VERBS if f"{name} {verb}" in t]
    assert not wrong, wrong[:5]
    assert any("Hospitals" in t for t in texts) and any("Titanium implants" in t for t in texts)


def test_a_dimension_calls_its_members_what_they_are(editions, analysis):
    data = analysis.computed
    base = data.base_year
    end_user = next(d for d in data.dimensions if d.id == "end-user")
    share = editions["en"].fmt.percent(end_user.leader(base).share_in(base))
    assert f"Largest end user in {base}: Hospitals, with {share} of the market." in paragraph(editions["en"], "dim-end-user")
    regional = paragraph(editions["en"], "regional")
    assert "Fastest-growing country: Saudi Arabia" in regional and "segment" not in regional
    assert "Fastest-growing segment: Zirconia implants" in paragraph(editions["en"], "dim-product")  # the default
    assert "Usuario final de mayor crecimiento: Clínicas dentales" in paragraph(editions["es"], "dim-end-user")
    assert "País de crescimento mais rápido: Arábia Saudita" in paragraph(editions["pt-BR"], "regional")
    trend = next(c for c in editions["es"].section("regional").find(Chart) if c.kind == "stacked_column")
    assert "país con mayor valor en 2030: Arabia Saudí" in trend.alt_text


def test_an_untranslated_market_name_never_takes_an_article_of_its_own(editions):
    es, pt = editions["es"], editions["pt-BR"]
    assert es.section("summary").headline.startswith("El mercado (Middle East dental implants market) alcanzó USD\xa0610,00 millones")
    assert pt.section("summary").headline.startswith("O mercado (Middle East dental implants market) atingiu")
    assert es.section("comparison").headline.endswith("del mercado (Global dental implants market)")
    assert pt.section("comparison").headline.endswith("do mercado (Global dental implants market)")
    faq = es.section("faq").find(Faq)[0].items[0].question
    assert faq == "¿Qué tamaño tiene el mercado (Middle East dental implants market)?"
    for report in (es, pt):
        texts = generated(report)
        assert not [t for t in texts if re.search(r"\b(El|el|del|O|o|do) (Middle East|Global) dental", t)]


def test_a_translated_region_takes_its_article_in_portuguese_and_none_where_spanish_has_none(editions):
    assert editions["pt-BR"].section("comparison").headline.startswith("O mercado do Oriente Médio cresce")
    assert editions["pt-BR"].section("outlook").headline == "O que impulsiona o mercado do Oriente Médio até 2030"
    assert editions["es"].section("comparison").headline.startswith("El mercado de Oriente Medio crece")
    assert editions["en"].section("comparison").headline.startswith("The Middle East market grows")


def test_a_plural_country_takes_its_plural_article(analysis):
    data = analysis.computed
    claim = ClaimFinding("Country", MIDEAST / "dimensions/3-country.yaml", "leader", "Saudi Arabia", 0.31, "United Arab Emirates", 0.34)
    said = {}
    for code in ("en", "es", "pt-BR"):
        report = build_report(analysis, lang=code)
        said[code] = sentences.finding(claim, data, formatter_for(data, report.lang), report.lang)
    assert said["en"] == ("Leader by country according to the source: Saudi Arabia, with 31.0% in 2023, below United Arab Emirates "
                          "at 34.0%.")
    assert said["es"].endswith("por debajo de los Emiratos Árabes Unidos (34,0\xa0%).")
    assert said["pt-BR"].startswith("Líder por país segundo a fonte: Arábia Saudita, com 31,0%")
    assert said["pt-BR"].endswith("abaixo dos Emirados Árabes Unidos (34,0%).")


def test_the_seed_market_in_portuguese_puts_the_article_of_its_countries_and_region(latam_analysis):
    pt = build_report(latam_analysis, lang="pt-BR")
    assert "Com fonte: participação do Brasil em 2024" in " ".join(pt.section("regional").notes)
    assert pt.section("comparison").headline.startswith("O mercado da América Latina cresce")
    assert "no mercado da América Latina" in pt.section("initiatives").headline


def test_right_to_left_names_are_isolated_in_sentences_but_not_in_table_cells(tmp_path: Path):
    folder = tmp_path / "mideast-implants"
    shutil.copytree(MIDEAST, folder)
    path = folder / "dimensions" / "3-country.yaml"
    dim = yaml.safe_load(path.read_text())
    dim["segments"][0]["name"] = "الإمارات"  # the leader
    dim["segments"][3]["name"] = "ישראל"
    path.write_text(yaml.safe_dump(dim, allow_unicode=True))
    report = build_report(analyse(folder))
    regional = report.section("regional")
    assert regional.headline.startswith(f"Leader: {FSI}الإمارات{PDI} (34.0% in 2023)")
    doughnut = next(c for c in regional.find(Chart) if c.kind == "doughnut")
    assert f"{FSI}ישראל{PDI} 12.0%" in doughnut.alt_text
    assert "الإمارات" in doughnut.categories and f"{FSI}الإمارات{PDI}" not in doughnut.categories
    assert f"{FSI}الإمارات{PDI}: share falls" in paragraph(report, "regional")


def test_left_to_right_reports_carry_no_isolation_marks(latam_report: Report):
    assert not [t for t in generated(latam_report) if FSI in t or PDI in t]


def test_the_spanish_pdf_prints_the_sentences_as_the_model_words_them(editions):
    """A short edition (summary and two dimensions) typeset, and its text read back."""
    from reportgen.writers import pdf

    es = editions["es"]
    short = dataclasses.replace(es, sections=tuple(s for s in es.sections if s.id in {"summary", "dim-end-user", "regional"}))
    reader = PdfReader(io.BytesIO(pdf.render(short)))
    text = " ".join(" ".join(page.extract_text().split()) for page in reader.pages)
    for expected in (
        "El mercado (Middle East dental implants market) alcanzó USD 610,00 millones en 2023.",
        paragraph(es, "dim-end-user").split(". ")[0].replace("\xa0", " "),
        "Usuario final de mayor crecimiento: Clínicas dentales",
        "País con mayor cuota en 2023: Emiratos Árabes Unidos",
    ):
        assert " ".join(expected.split()) in text.replace("\xa0", " "), expected


def test_names_reach_the_model_as_text_only(editions):
    """A ``Name`` is for formatting sentences; writers get plain text (a cell, a title, a label)."""
    from reportgen.model.names import Name

    def leaks(value, path: str):
        if isinstance(value, Name):
            yield path
        elif dataclasses.is_dataclass(value) and not isinstance(value, type):
            for f in dataclasses.fields(value):
                yield from leaks(getattr(value, f.name), f"{path}.{f.name}")
        elif isinstance(value, list | tuple):
            for i, item in enumerate(value):
                yield from leaks(item, f"{path}[{i}]")
        elif isinstance(value, dict):
            for key, item in value.items():
                yield from leaks(item, f"{path}[{key!r}]")

    for lang, report in editions.items():
        assert not list(leaks((report.meta, report.sections, report.workbook), lang))
