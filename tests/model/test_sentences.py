"""Generated sentences: each states what the numbers say (who leads, who grows fastest, whether a
share rises or falls), in English and in Spanish, from small made-up segments with known answers."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from reportgen.data.checks import CagrFinding, ClaimFinding
from reportgen.data.compute import ESTIMATE, ComputedDimension, ComputedReport, ComputedSegment, ComputedSeries
from reportgen.data.schema import Claims
from reportgen.data.series import Yearly
from reportgen.i18n import Language
from reportgen.model import formatter_for, sentences

YEARS = range(2021, 2035)  # the seed report's years; its forecast period is 2024-2034
BASE = 2024
EN, ES = Language("en"), Language("es")


def grown(base_value: float, rate: float) -> Yearly:
    """A series worth ``base_value`` in the base year, growing at ``rate`` every year."""
    return Yearly(YEARS.start, tuple(base_value * (1 + rate) ** (y - BASE) for y in YEARS))


def two_segments(alpha_rate: float, beta_rate: float) -> ComputedDimension:
    """Alpha holds 60% in the base year, Beta 40%; each grows at its own rate."""
    alpha, beta = grown(60.0, alpha_rate), grown(40.0, beta_rate)
    total = Yearly(YEARS.start, tuple(a + b for a, b in zip(alpha.values, beta.values, strict=True)))

    def segment(name: str, revenue: Yearly) -> ComputedSegment:
        return ComputedSegment(name, None, 0, revenue[BASE] / total[BASE], ESTIMATE, "", 0.0, 1.0, revenue, None, total)

    return ComputedDimension("type", "Type", "segment", Path("type.yaml"), None, "", Claims(),
                             (segment("Alpha", alpha), segment("Beta", beta)))


@pytest.fixture(scope="module")
def data(latam_analysis) -> ComputedReport:
    return latam_analysis.computed


def say(lang: Language, data: ComputedReport):
    return formatter_for(data, lang), lang


# --- a dimension's leader, fastest grower and the leader's share -------------------------------


def test_a_leader_growing_slower_than_the_rest_loses_share(data):
    parts = sentences.dimension_commentary(two_segments(0.10, 0.20), data, *say(EN, data))
    assert parts == [
        "Largest segment in 2024: Alpha, with 60.0% of the market.",
        "Fastest-growing segment: Beta, at a CAGR of 20.00% over 2024-2034.",
        "Alpha: share falls from 60.0% to 38.6% by 2034, with revenue of USD\xa0155.62 billion that year.",
    ]


def test_a_leader_growing_fastest_gains_share(data):
    parts = sentences.dimension_commentary(two_segments(0.20, 0.10), data, *say(EN, data))
    assert parts[1] == "Fastest-growing segment: Alpha, at a CAGR of 20.00% over 2024-2034."
    assert parts[2] == "Alpha: share rises from 60.0% to 78.2% by 2034, with revenue of USD\xa0371.50 billion that year."


def test_spanish_commentary_uses_the_catalog_and_local_figures(data):
    falling = sentences.dimension_commentary(two_segments(0.10, 0.20), data, *say(ES, data))
    assert falling[0] == "Segmento con mayor cuota en 2024: Alpha, con 60,0\xa0% del mercado."
    assert falling[1] == "Segmento de mayor crecimiento: Beta, con una TCAC de 20,00\xa0% en 2024-2034."
    assert falling[2].startswith("Alpha: la cuota baja de 60,0\xa0% a 38,6\xa0% en 2034")
    rising = sentences.dimension_commentary(two_segments(0.20, 0.10), data, *say(ES, data))
    assert rising[2].startswith("Alpha: la cuota sube de 60,0\xa0% a 78,2\xa0% en 2034")


def test_a_lone_segment_gets_no_fastest_or_share_sentence(data):
    dim = two_segments(0.10, 0.20)
    alone = dataclasses.replace(dim, segments=dim.segments[:1])
    parts = sentences.dimension_commentary(alone, data, *say(EN, data))
    assert len(parts) == 1 and parts[0].startswith("Largest segment in 2024: Alpha")


def test_action_title_names_leader_and_fastest_or_says_they_are_one(data):
    fmt, lang = say(EN, data)
    assert sentences.action_title(two_segments(0.10, 0.20), data, fmt, lang) == (
        "Leader: Alpha (60.0% in 2024); fastest-growing: Beta (20.00% CAGR)")
    assert sentences.action_title(two_segments(0.20, 0.10), data, fmt, lang) == (
        "Leader and fastest-growing: Alpha (60.0% in 2024; 20.00% CAGR)")
    fmt, lang = say(ES, data)
    assert sentences.action_title(two_segments(0.20, 0.10), data, fmt, lang) == (
        "Líder y de mayor crecimiento: Alpha (60,0\xa0% en 2024; TCAC de 20,00\xa0%)")


# --- the market against a wider one ----------------------------------------------------------


def with_wider_market(data: ComputedReport, rate: float) -> ComputedReport:
    """The seed report with its comparison replaced by one worth 100 in the base year, growing at ``rate``."""
    wider = ComputedSeries(data.comparisons[0].meta, grown(100.0, rate))
    return dataclasses.replace(data, comparisons=(wider,))


def test_a_market_outgrowing_the_wider_one_gains_share_of_it(data):
    slow = with_wider_market(data, 0.05)  # the seed market grows 31.61% a year
    (text,) = sentences.comparison(slow, *say(EN, slow))
    assert "market's share of it rises from 3.7% to" in text
    assert "a CAGR of 5.00%" in text and "as it grows at 31.61% a year" in text
    (spanish,) = sentences.comparison(slow, *say(ES, slow))
    assert "La cuota del mercado de Latin America en ese mercado sube de 3,7\xa0%" in spanish


def test_a_market_outgrown_by_the_wider_one_loses_share_of_it(data):
    fast = with_wider_market(data, 0.50)
    (text,) = sentences.comparison(fast, *say(EN, fast))
    assert "market's share of it falls from 3.7% to" in text
    (spanish,) = sentences.comparison(fast, *say(ES, fast))
    assert "baja de 3,7\xa0%" in spanish


def test_comparison_headline_sets_the_two_growth_rates_side_by_side(data):
    slow = with_wider_market(data, 0.05)
    assert sentences.comparison_headline(slow, *say(EN, slow)) == (
        "The Latin America market grows 31.61% a year against 5.00% for the global cell and gene therapy market")


# --- what the checks found in the source ------------------------------------------------------


CAGR = CagrFinding("Latin America market", "market.stated_cagr", 0.3161, 0.3059, 2025, 2034, (2024, 2034))
LEADER = ClaimFinding("Therapy type", Path("t.yaml"), "leader", "Gene therapy", 0.35, "Cell therapy", 0.65)
FASTEST = ClaimFinding("Therapy type", Path("t.yaml"), "fastest", "Cell therapy", 0.30, "Gene therapy", 0.33)


def test_a_stated_cagr_is_set_against_the_values_and_the_period_it_fits(data):
    fmt, lang = say(EN, data)
    assert sentences.finding(CAGR, data, fmt, lang) == (
        "The source states a CAGR of 31.61% for 2025-2034 for the Latin America market; its own values give 30.59%. "
        "31.61% is the CAGR for 2024-2034.")
    no_match = dataclasses.replace(CAGR, match=None)
    assert sentences.finding(no_match, data, fmt, lang).endswith("its own values give 30.59%.")
    fmt, lang = say(ES, data)
    assert sentences.finding(CAGR, data, fmt, lang).endswith("31,61\xa0% es la TCAC de 2024-2034.")


def test_a_contradicted_leader_or_fastest_claim_names_the_real_one(data):
    fmt, lang = say(EN, data)
    assert sentences.finding(LEADER, data, fmt, lang) == (
        "Leader by therapy type according to the source: Gene therapy, with 35.0% in 2024, below Cell therapy at 65.0%.")
    assert sentences.finding(FASTEST, data, fmt, lang) == (
        "Fastest-growing by therapy type according to the source: Cell therapy, with a 2024-2034 CAGR of 30.00%, "
        "below Gene therapy at 33.00%.")
    fmt, lang = say(ES, data)
    assert sentences.finding(LEADER, data, fmt, lang).startswith("Líder por therapy type según la fuente: Gene therapy, con 35,0")
    assert "por debajo de Gene therapy (33,00\xa0%)" in sentences.finding(FASTEST, data, fmt, lang)


# --- the market's own size -----------------------------------------------------------------------


def test_size_sentences_state_base_first_forecast_and_end_values(data):
    fmt, lang = say(EN, data)
    worth, projected = sentences.size_and_growth(data, fmt, lang)
    assert worth == "The market was worth USD\xa03.72 billion in 2024 and is forecast at USD\xa05.25 billion in 2025."
    assert projected.startswith("It is projected to reach USD\xa058.00 billion by 2034, a CAGR of 31.61% over 2024-2034")
    assert sentences.size_headline(data, fmt, lang) == "USD\xa03.72 bn in 2024 to USD\xa058.00 bn in 2034: 31.61% a year"
