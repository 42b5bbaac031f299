"""translations/<lang>.yaml as the loader reads it: placeholders are texts not yet translated, an
entry may give the article its translation takes, and anything else is one error line."""

from __future__ import annotations

from pathlib import Path

import pytest

from reportgen.data.load import read_translations
from reportgen.errors import ReportError


def translations(tmp_path: Path, lang: str, text: str) -> tuple[dict[str, str], dict[str, str]]:
    folder = tmp_path / "report"
    (folder / "translations").mkdir(parents=True, exist_ok=True)
    path = folder / "translations" / f"{lang}.yaml"
    path.write_text(text, encoding="utf-8")
    return read_translations(path, folder)


def error(tmp_path: Path, lang: str, text: str) -> str:
    with pytest.raises(ReportError) as info:
        translations(tmp_path, lang, text)
    (problem,) = info.value.problems
    return str(problem)


def test_an_empty_translation_is_a_placeholder_not_a_translation(tmp_path):
    texts, _ = translations(tmp_path, "es", '- {en: Hospitals, es: ""}\n- {en: Services, es: Servicios}\n- {en: Clinics, es: }\n')
    assert texts == {"Services": "Servicios"}


def test_an_entry_may_give_the_article_its_translation_takes(tmp_path):
    texts, articles = translations(tmp_path, "pt-BR", "- {en: Brazil, pt-BR: Brasil, article: o}\n- {en: Portugal, pt-BR: Portugal}\n")
    assert texts == {"Brazil": "Brasil", "Portugal": "Portugal"}
    assert articles == {"Brazil": "o"}


def test_an_article_of_another_language_is_refused_with_the_ones_allowed(tmp_path):
    message = error(tmp_path, "es", "- {en: Brazil, es: Brasil, article: o}\n")
    assert "es.yaml: [0].article: expected one of el, la, los, las" in message and "'o'" in message


def test_an_unknown_key_is_refused(tmp_path):
    message = error(tmp_path, "es", "- {en: Brazil, es: Brasil, gender: m}\n")
    assert "es.yaml: [0]: expected exactly the keys 'en' and 'es' (and optionally 'article')" in message


def test_a_placeholder_repeated_is_still_a_duplicate(tmp_path):
    message = error(tmp_path, "es", '- {en: Brazil, es: ""}\n- {en: Brazil, es: Brasil}\n')
    assert "es.yaml: [1].en: duplicate entry for 'Brazil'" in message
