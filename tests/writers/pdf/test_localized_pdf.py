"""The latam-cgt PDF in Spanish and Brazilian Portuguese: translated headings, local figures, language set.

Both editions are built once, in parallel, through the command line as a user would.
"""

from __future__ import annotations

import re

import pytest
from pypdf import PdfReader

from tests.conftest import LATAM
from tests.shared_builds import Build, edition

EXPECTED = {
    "es": ["Conclusiones clave", "Resumen ejecutivo", "Por tipo de terapia", "Análisis geográfico por país", "Preguntas frecuentes"],
    "pt-BR": ["Principais conclusões", "Sumário executivo", "Por tipo de terapia", "Análise geográfica por país", "Perguntas frequentes"],
}


def outline_titles(reader: PdfReader) -> list[str]:
    titles: list[str] = []

    def walk(items) -> None:
        for item in items:
            if isinstance(item, list):
                walk(item)
            else:
                titles.append(item.title)

    walk(reader.outline)
    return titles


@pytest.fixture(scope="module")
def editions(shared_build: Build) -> dict[str, PdfReader]:
    out = shared_build([LATAM], ["pdf"], ["es", "pt-BR"])
    return {lang: PdfReader(edition(out, LATAM, lang, "pdf")) for lang in EXPECTED}


@pytest.mark.parametrize("lang", list(EXPECTED))
def test_headings_are_translated(editions, lang):
    reader = editions[lang]
    titles = outline_titles(reader)
    for heading in EXPECTED[lang]:
        assert heading in titles, (heading, titles[:12])
    assert "Key takeaways" not in titles and "Executive summary" not in titles
    assert reader.trailer["/Root"]["/Lang"] == lang
    assert reader.metadata.title == "Mercado de terapia celular y génica de América Latina" or lang != "es"


@pytest.mark.parametrize("lang", list(EXPECTED))
def test_figures_use_the_decimal_comma(editions, lang):
    text = "\n".join(page.extract_text() for page in editions[lang].pages)
    assert "3,72" in text and "31,61" in text and "58,00" in text
    assert re.search(r"38,0\s?%", text)  # Brazil's share; Spanish puts a (no-break) space before %
    assert not re.search(r"\b3\.72\b|\b31\.61\b", text), "English decimal point left in the text"
    money = {"es": "mil millones", "pt-BR": "bilhões"}[lang]
    assert f"USD 3,72 {money}" in text.replace("\xa0", " ")
