"""Languages: complete catalogs, locale formatting, data translations with English fallback."""

from __future__ import annotations

import datetime as dt

import pytest
import yaml

from reportgen.data import analyse
from reportgen.errors import ReportError
from reportgen.format import Formatter
from reportgen.i18n import LANGUAGES, catalog_problems, missing_messages, used_messages
from reportgen.model import build_report
from reportgen.model.coverage import translation_warnings


def test_every_message_used_is_translated_in_every_catalog():
    used = used_messages()
    assert "Key takeaways" in used and "Leader: {leader} ({share} in {year}); fastest-growing: {fastest} ({cagr} CAGR)" in used
    for lang in LANGUAGES:
        if lang != "en":
            assert missing_messages(lang, used) == [], lang
    assert catalog_problems() == []


def test_a_message_missing_from_a_catalog_is_reported():
    assert missing_messages("es", {"A message nobody translated"}) == ["A message nobody translated"]


@pytest.mark.parametrize(
    ("locale", "money", "words", "share", "date"),
    [
        ("en", "USD\xa03.72 bn", "USD\xa03.72 billion", "31.6%", "October 9, 2025"),
        ("es", "USD\xa03,72 mil millones", "USD\xa03,72 mil millones", "31,6\xa0%", "9 de octubre de 2025"),
        ("pt_BR", "USD\xa03,72 bi", "USD\xa03,72 bilhões", "31,6%", "9 de outubro de 2025"),
    ],
)
def test_locale_formatting(locale, money, words, share, date):
    fmt = Formatter.for_language("USD", "USD", "billion", "bn", 1e9, locale)
    assert fmt.money(3.72) == money
    assert fmt.money_words(3.72) == words
    assert fmt.percent(0.316) == share
    assert fmt.date(dt.date(2025, 10, 9)) == date
    assert fmt.number(1234.5) == {"en": "1,234.50", "es": "1.234,50", "pt_BR": "1.234,50"}[locale]


def test_model_in_spanish_and_portuguese(latam_analysis):
    es = build_report(latam_analysis, lang="es")
    pt = build_report(latam_analysis, lang="pt-BR")
    assert es.section("takeaways").title == "Conclusiones clave"
    assert pt.section("takeaways").title == "Principais conclusões"
    assert "38,0" in es.section("regional").headline and "35,54" in pt.section("regional").headline
    assert es.meta.language == "es" and pt.gettext("Total") == "Total"


def test_untranslated_data_falls_back_to_english_and_check_names_field_and_language(report_copy):
    folder = report_copy()
    (folder / "translations").mkdir(exist_ok=True)
    entries = [{"en": "Cell therapy", "es": "Terapia celular"}]
    (folder / "translations" / "es.yaml").write_text(yaml.safe_dump(entries, allow_unicode=True))
    analysis = analyse(folder)
    report = build_report(analysis, lang="es")
    sub = report.section("therapy-type-cell-therapy")
    assert sub.title == "Terapia celular: subsegmentos"
    warnings = [str(w) for w in translation_warnings(analysis)]
    gene = [w for w in warnings if "'Gene therapy'" in w and "no es translation" in w]
    assert gene and "01-therapy-type.yaml: segments[1].name:" in gene[0]
    assert not any("'Cell therapy'" in w and "no es translation" in w for w in warnings)


def test_malformed_translation_file_is_an_error(report_copy):
    folder = report_copy()
    (folder / "translations").mkdir(exist_ok=True)
    (folder / "translations" / "es.yaml").write_text("- {en: Cell therapy, pt-BR: Terapia celular}\n")
    with pytest.raises(ReportError) as info:
        analyse(folder)
    assert "es.yaml: [0]: expected exactly the keys 'en' and 'es'" in str(info.value)


def test_a_translation_with_other_placeholders_than_its_message_is_reported(tmp_path, monkeypatch):
    import reportgen.i18n as i18n

    po = tmp_path / "messages.po"
    po.write_text(
        'msgid ""\nmsgstr "Content-Type: text/plain; charset=utf-8\\n"\n\n'
        'msgid "Largest {member} in {year}"\nmsgstr "{member:^} con mayor cuota en {year}"\n\n'
        'msgid "The {region} market"\nmsgstr "El mercado {regoin:de}"\n',
        encoding="utf-8",
    )
    monkeypatch.setattr(i18n, "catalog_path", lambda lang: po)
    assert i18n.placeholder_mismatches("es") == ["The {region} market"]
