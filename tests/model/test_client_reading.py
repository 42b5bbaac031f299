"""What a client reads in a market a new analyst wrote from the docs alone (issue 24): the made-up
Japan pet insurance market (tests/fixtures/japan-pet-insurance), in English, Spanish and
Portuguese, on the model every format lays out.

Counts take their plural, prices are per the volume's own item, volume and price columns name
their units, chapter titles read right for any geography (or are the data's own), amounts keep
the data's currency symbol bound to them, segment descriptions are shown, one CAGR stands where
two would read alike, the FAQ leads with the base year, and the comparison chart lets both
markets' lines read. The deliverables themselves are checked in
tests/writers/test_client_deliverables.py.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from reportgen.data import Analysis, analyse
from reportgen.model import build_report
from reportgen.model.coverage import translatable, untranslated
from reportgen.model.elements import Chart, Faq, Inline, ItemList, KeyFigures, Paragraph, Report, Table
from reportgen.model.prose import flow_text
from tests.conftest import JAPAN

LANGS = ("en", "es", "pt-BR")


@pytest.fixture(scope="module")
def editions(japan_analysis: Analysis) -> dict[str, Report]:
    return {lang: build_report(japan_analysis, lang=lang) for lang in LANGS}


def shown(report: Report) -> str:
    """Every text the model gives the writers: titles, headlines, paragraphs, items, key figure
    labels, table titles, headers and text cells, chart titles and descriptions, notes, Q&A."""
    out: list[str] = []
    for top in report.sections:
        for s in top.walk():
            out += [s.title, s.headline, *s.notes]
            for b in s.blocks:
                if isinstance(b, Paragraph):
                    out.append(b.text.plain)
                elif isinstance(b, ItemList):
                    out += [f"{i.title}: {i.text.plain}" if i.title else i.text.plain for i in b.items]
                elif isinstance(b, KeyFigures):
                    out += [f.label for f in b.items]
                elif isinstance(b, Table):
                    cells = (c.plain if isinstance(c, Inline) else c for r in b.rows for c in r.cells)
                    out += [b.title, *(c.label for c in b.columns), *(c for c in cells if isinstance(c, str))]
                elif isinstance(b, Chart):
                    out += [b.title, b.axis_label, b.alt_text]
                elif isinstance(b, Faq):
                    out += [x for qa in b.items for x in (qa.question, flow_text(qa.answer))]
    return "\n".join(out)


def edited(tmp_path: Path, edits: dict[str, tuple[str, str]]) -> Analysis:
    """The market copied with ``{file: (old, new)}`` replacements (old "" appends new)."""
    import shutil

    folder = tmp_path / JAPAN.name
    shutil.copytree(JAPAN, folder)
    for name, (old, new) in edits.items():
        path = folder / name
        text = path.read_text()
        assert not old or old in text, old
        path.write_text(text.replace(old, new, 1) if old else text + new)
    return analyse(folder)


def test_the_spanish_edition_shows_no_english_data_text(japan_analysis):
    """So that the Spanish checks below read the translations, never an English fallback."""
    assert untranslated(japan_analysis, "es") == []


# --- 1. counts -----------------------------------------------------------------------------------


def test_a_count_of_one_reads_in_the_singular_in_every_language(editions):
    """One published figure among 41 estimates."""
    headlines = {lang: r.section("methodology").headline for lang, r in editions.items()}
    assert headlines == {
        "en": "1 published figure, 41 labelled estimates",
        "es": "1 dato publicado, 41 estimaciones señaladas",
        "pt-BR": "1 dado publicado, 41 estimativas identificadas",
    }


# --- 2 and 3. the volume's item and units ---------------------------------------------------------


def test_prices_are_per_the_volumes_own_item_in_prose_and_tables(editions):
    en, es = shown(editions["en"]), shown(editions["es"])
    assert "with an average revenue per policy of ¥\xa070,250 in 2025" in en
    assert "revenue divided by the average revenue per policy;" in en
    assert "Average price per policy, 2025" in en
    assert "con un ingreso medio por póliza de ¥\xa070.250 en 2025" in es and "Precio medio por póliza, 2025" in es
    assert "per unit" not in en and "por unidad" not in es


def test_the_overviews_volume_and_price_columns_name_their_units(editions):
    labels = {lang: [c.label for c in r.section("overview").find(Table)[0].columns][-2:] for lang, r in editions.items()}
    assert labels["en"] == ["Policies in force (k policies)", "Average price (¥ per policy)"]
    assert labels["es"] == ["Pólizas en vigor (miles de pólizas)", "Precio medio (¥ por póliza)"]


# --- 4. chapter titles ------------------------------------------------------------------------------


def test_a_geography_chapter_reads_right_whatever_its_dimension_is_called(editions):
    titles = {lang: r.section("regional").title for lang, r in editions.items()}
    assert (titles["en"], titles["es"]) == ("Geographic analysis by region", "Análisis geográfico por región")
    assert titles["pt-BR"].startswith("Análise geográfica por ")
    assert editions["en"].section("dim-pet-type").title == "By pet type"


def test_a_dimension_gives_its_chapter_title_translated_like_any_data_text(tmp_path):
    analysis = edited(tmp_path, {
        "dimensions/4-region.yaml": ("", "chapter: Prefectures and regions\n"),
        "dimensions/1-pet.yaml": ("", "chapter: Insured pets\n"),
        "translations/es.yaml": ("", "- {en: Prefectures and regions, es: Prefecturas y regiones}\n"
                                     "- {en: Insured pets, es: Mascotas aseguradas}\n"),
    })
    en, es = build_report(analysis), build_report(analysis, lang="es")
    assert (en.section("regional").title, en.section("dim-pet-type").title) == ("Prefectures and regions", "Insured pets")
    assert (es.section("regional").title, es.section("dim-pet-type").title) == ("Prefecturas y regiones", "Mascotas aseguradas")
    assert "Prefectures and regions" in [t.text for t in translatable(analysis, "es")]


# --- 6 and 12. the currency ---------------------------------------------------------------------------


@pytest.mark.parametrize("lang", LANGS)
def test_every_amount_keeps_the_datas_symbol_bound_to_it(editions, lang):
    text = shown(editions[lang])
    assert editions[lang].fmt.currency == "¥" and "JPY" not in text
    amounts = re.findall(r"¥\s[\d.,]+", text)
    assert amounts and all(a[1] == "\xa0" for a in amounts), [a for a in amounts if a[1] != "\xa0"][:3]


# --- 8. segment descriptions -------------------------------------------------------------------------


def items(report: Report, section: str) -> list[tuple[str | None, str]]:
    return [(i.title, i.text.plain) for b in report.section(section).find(ItemList) for i in b.items]


def test_a_segments_description_is_shown_where_the_segment_is_introduced(editions, japan_analysis):
    en, es = editions["en"], editions["es"]
    assert items(en, "dim-pet-type") == [("Other pets", "Rabbits, ferrets, birds and reptiles")]
    assert items(es, "dim-pet-type") == [("Otras mascotas", "Conejos, hurones, aves y reptiles")]
    assert items(en, "pet-type-dogs") == [("Small dogs", "Toy poodles, chihuahuas, dachshunds and other breeds under 10 kg")]
    assert ("Kanto", "Tokyo, Kanagawa, Saitama, Chiba and the other Kanto prefectures") in items(en, "regional")
    assert items(en, "dim-channel") == []  # no segment of it says what it covers
    assert "Rabbits, ferrets, birds and reptiles" in [t.text for t in translatable(japan_analysis, "es")]


# --- 10. CAGR periods ----------------------------------------------------------------------------------


def cagr_figures(report: Report) -> list[str]:
    return [f.label for f in report.section("overview").find(KeyFigures)[0].items]


def test_a_second_cagr_that_reads_the_same_is_not_shown(editions):
    en = editions["en"]
    assert cagr_figures(en) == ["CAGR 2025-2035"]
    assert [c.label for c in en.section("dim-pet-type").find(Table)[0].columns][-1:] == ["CAGR 2025-2035"]
    assert "CAGR 2026-2035" not in shown(en)
    assert "a CAGR of 7.74% over 2025-2035." in shown(en)


def test_both_cagr_periods_are_shown_when_they_read_otherwise(tmp_path):
    analysis = edited(tmp_path, {"report.yaml": (
        "    - {year: 2035,", "    - {year: 2026, value: 205, source: \"Made-up 2026 premiums\"}\n    - {year: 2035,")})
    en = build_report(analysis)
    assert cagr_figures(en) == ["CAGR 2025-2035", "CAGR 2026-2035"]
    assert "a CAGR of 7.74% over 2025-2035 (7.41% over 2026-2035)." in shown(en)


# --- 11. the FAQ's size answer ----------------------------------------------------------------------------


def test_the_faq_gives_the_size_from_the_base_year_and_words_forecasts_as_forecasts(editions):
    answers = {lang: flow_text(r.section("faq").find(Faq)[0].items[0].answer) for lang, r in editions.items()}
    assert answers["en"] == ("It was worth ¥\xa0185.00 billion in 2025; it is forecast at ¥\xa0199.32 billion in 2026 and "
                             "¥\xa0390.00 billion by 2035, a CAGR of 7.74% over 2025-2035.")
    assert answers["es"].startswith("Valía ¥\xa0185,00 mil millones en 2025; se prevé que valga ¥\xa0199,32 mil millones en 2026")


# --- 13. the comparison chart ---------------------------------------------------------------------------------


def readable(series: list[tuple[float, ...]], floor: float = 0.0) -> list[float]:
    """How much of a value axis from ``floor`` to the highest value each series' line spans."""
    top = max(max(s) for s in series)
    return [(max(s) - min(s)) / (top - floor) for s in series]


def test_a_comparison_market_twenty_times_larger_leaves_both_lines_readable(editions, japan_analysis):
    data = japan_analysis.computed
    assert data.comparisons[0].values[2025] / data.total[2025] == pytest.approx(20)
    chart = next(c for c in editions["en"].section("comparison").find(Chart) if c.id == "comparison")
    values = [s.values for s in chart.series]
    assert chart.value_type == "index" and [v[chart.categories.index("2025")] for v in values] == [100.0, 100.0]
    assert min(readable(values)) > 0.5
    assert chart.axis_label == "Index, 2025 = 100" and "(index, 2025 = 100)" in chart.title
