"""Names in sentences: the article a translated name takes, contracted with prepositions as each
language does, capitals at the start of a sentence, catalog phrases, and right-to-left isolation."""

from __future__ import annotations

import pytest

from reportgen.i18n import Language
from reportgen.model import names
from reportgen.model.names import FSI, PDI, Name

PT = Language("pt-BR", {"Brazil": "Brasil", "Portugal": "Portugal", "United States": "Estados Unidos", "Latin America": "América Latina"},
              {"Brazil": "o", "United States": "os", "Latin America": "a"})
ES = Language("es", {"United Kingdom": "Reino Unido", "Brazil": "Brasil", "Netherlands": "Países Bajos"},
              {"United Kingdom": "el", "Netherlands": "los"})


@pytest.mark.parametrize(
    ("lang", "english", "spec", "shown"),
    [
        (PT, "Brazil", "de", "do Brasil"),
        (PT, "Brazil", "em", "no Brasil"),
        (PT, "Latin America", "de", "da América Latina"),
        (PT, "Latin America", "a", "à América Latina"),
        (PT, "United States", "por", "pelos Estados Unidos"),
        (PT, "Portugal", "de", "de Portugal"),  # no article
        (PT, "Brazil", "The", "O Brasil"),
        (PT, "Brazil", "", "Brasil"),
        (ES, "United Kingdom", "de", "del Reino Unido"),
        (ES, "United Kingdom", "a", "al Reino Unido"),
        (ES, "United Kingdom", "en", "en el Reino Unido"),
        (ES, "Netherlands", "de", "de los Países Bajos"),
        (ES, "Brazil", "De", "De Brasil"),
    ],
)
def test_a_translated_name_takes_its_article_after_a_preposition(lang, english, spec, shown):
    assert format(names.name(lang, english), spec) == shown


def test_a_name_without_translation_is_shown_as_written_and_recorded_as_missing():
    lang = Language("pt-BR")
    assert f"{names.name(lang, 'Middle East'):de}" == "de Middle East"
    assert lang.misses == {"Middle East"}


def test_capital_spec_capitalises_a_lower_case_noun():
    assert f"{Name('usuario final', '', 'es'):^}" == "Usuario final"


def test_a_catalog_phrase_splits_its_leading_article_so_prepositions_contract_with_it():
    assert f"{names.phrase(ES, 'el mercado por país'):de}" == "del mercado por país"
    assert f"{names.phrase(PT, 'o segmento Terapia celular'):em}" == "no segmento Terapia celular"
    assert f"{names.phrase(PT, 'participações por país'):de}" == "de participações por país"
    assert str(names.phrase(Language("en"), "the market")) == "the market"  # English keeps its article in the text


def test_an_untranslated_market_name_is_put_after_the_word_market():
    lang = Language("es")
    market = names.market(lang, "Middle East dental implants market")
    assert f"{market:The} alcanzó" == "El mercado (Middle East dental implants market) alcanzó"
    assert f"frente al 7 % {market:de}" == "frente al 7 % del mercado (Middle East dental implants market)"
    assert "Middle East dental implants market" in lang.misses


def test_a_translated_market_name_takes_the_article_of_the_word_market_unless_its_entry_gives_one():
    lang = Language("pt-BR", {"Global market": "mercado global", "Nordic industry": "indústria nórdica"}, {"Nordic industry": "a"})
    assert f"{names.market(lang, 'Global market'):de}" == "do mercado global"
    assert f"{names.market(lang, 'Nordic industry'):de}" == "da indústria nórdica"


def test_english_market_names_are_lower_cased_only_when_asked_and_never_acronyms():
    en = Language("en")
    assert str(names.market(en, "Global dental market", lower=True)) == "global dental market"
    assert str(names.market(en, "EU dental market", lower=True)) == "EU dental market"
    assert str(names.market(en, "Latin America market")) == "Latin America market"


def test_right_to_left_names_are_isolated_and_left_to_right_ones_untouched():
    arabic, hebrew = "مصر", "ישראל"
    assert str(Name(arabic)) == f"{FSI}{arabic}{PDI}"
    assert f"{Name(hebrew)} 12.0%" == f"{FSI}{hebrew}{PDI} 12.0%"
    assert str(Name("Egypt")) == "Egypt"
    assert names.isolate("Al Ahly (الأهلي)") == f"{FSI}Al Ahly (الأهلي){PDI}"
    # a phrase that already holds an isolated name is not wrapped again
    assert names.isolate(f"cuotas de {FSI}{arabic}{PDI} por subsegmento") == f"cuotas de {FSI}{arabic}{PDI} por subsegmento"
    assert f"{Name(arabic, 'o', 'pt-BR'):de}" == f"do {FSI}{arabic}{PDI}"


def test_names_are_listed_each_isolated():
    assert names.listing([Name("Egypt"), Name("مصر")]) == f"Egypt, {FSI}مصر{PDI}"
