"""Translations as a feature: ``reportgen translations`` writes the starter file (every text to
translate, where it comes from, what the analyst wrote kept), ``check`` names what is missing or
stale, and ``build`` warns about an edition that shows English, failing under ``--strict``."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
import yaml

from tests.conftest import ROOT

MIDEAST = ROOT / "tests" / "fixtures" / "mideast-implants"
PROPER = ["Straumann Group", "Nobel Biocare", "Dentsply Sirona", "Smile Forge", "Example Analytics"]


@pytest.fixture()
def market(tmp_path: Path) -> Path:
    """A copy of the made-up market, whose es translations leave 15 texts out."""
    folder = tmp_path / "mideast-implants"
    shutil.copytree(MIDEAST, folder)
    return folder


def entries(path: Path, lang: str) -> dict[str, str]:
    return {e["en"]: e[lang] for e in yaml.safe_load(path.read_text(encoding="utf-8"))}


def todo(path: Path, lang: str) -> list[str]:
    return [en for en, text in entries(path, lang).items() if not text]


def fill(path: Path, lang: str) -> None:
    """Translate every placeholder, as an analyst would."""
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    for e in data:
        e[lang] = e[lang] or f"[{lang}] {e['en']}"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")


def warning_count(output: str, lang: str) -> int:
    found = re.search(rf"(\d+) data text\(s\) of mideast-implants have no {lang} translation", output)
    return int(found.group(1)) if found else 0


def test_the_build_warns_with_a_count_and_how_to_get_the_starter_file(run, market, tmp_path):
    result = run("build", str(market), "--lang", "es", "--format", "xlsx", "--out", str(tmp_path / "out"))
    assert result.exit_code == 0, result.output
    assert warning_count(result.output, "es") == 15
    assert f"`reportgen translations {market} --lang es`" in result.output
    assert "translations/es.yaml" in result.output
    strict = run("build", str(market), "--lang", "es", "--format", "xlsx", "--out", str(tmp_path / "out"), "--strict")
    assert strict.exit_code == 2 and warning_count(strict.output, "es") == 15
    assert "invalid input, not built" in strict.output


def test_a_language_the_report_does_not_list_builds_with_a_warning_saying_so(run, market, tmp_path):
    result = run("build", str(market), "--lang", "pt-BR", "--format", "xlsx", "--out", str(tmp_path / "out"))
    assert result.exit_code == 0
    assert "report.yaml: languages: mideast-implants is built in pt-BR, which it does not list (listed: es)" in result.output


def test_the_starter_file_keeps_what_is_there_and_adds_every_missing_text_with_its_origin(run, market):
    path = market / "translations" / "es.yaml"
    before = path.read_text(encoding="utf-8")
    result = run("translations", str(market), "--lang", "es")
    assert result.exit_code == 0, result.output
    assert "added 15 text(s), 15 to translate" in result.output
    after = path.read_text(encoding="utf-8")
    assert after.startswith(before)  # the analyst's file, byte for byte, comments included
    assert "# report.yaml: market.name\n- en: Middle East dental implants market\n  es: \"\"  # TODO: translate\n" in after
    assert "# content.yaml: developments[0].text\n" in after
    assert len(todo(path, "es")) == 15
    assert entries(path, "es")["United Arab Emirates"] == "Emiratos Árabes Unidos"
    # in the order of the data files: report.yaml, then the dimensions, then content.yaml
    added = after[len(before):]
    assert added.index("# report.yaml:") < added.index("# dimensions/") < added.index("# content.yaml:")


def test_running_it_again_changes_nothing(run, market):
    path = market / "translations" / "es.yaml"
    run("translations", str(market), "--lang", "es")
    first = path.read_bytes()
    again = run("translations", str(market), "--lang", "es")
    assert again.exit_code == 0 and "nothing to add" in again.output
    assert path.read_bytes() == first


def test_a_translation_the_analyst_wrote_is_never_overwritten(run, market):
    path = market / "translations" / "es.yaml"
    run("translations", str(market), "--lang", "es")
    text = path.read_text(encoding="utf-8").replace('- en: Ageing\n  es: ""  # TODO: translate', "- en: Ageing\n  es: Envejecimiento")
    path.write_text(text, encoding="utf-8")
    run("translations", str(market), "--lang", "es")
    assert entries(path, "es")["Ageing"] == "Envejecimiento"
    assert path.read_text(encoding="utf-8") == text


def test_proper_names_are_neither_listed_nor_flagged(run, market):
    path = market / "translations" / "es.yaml"
    run("translations", str(market), "--lang", "es")
    listed = entries(path, "es")
    assert not [name for name in PROPER if name in listed]
    check = run("check", str(market))
    assert not [name for name in PROPER if name in check.output]
    assert "no es translation for 'Ageing'" in check.output


def test_a_report_translated_from_its_starter_file_builds_without_a_warning(run, market, tmp_path):
    path = market / "translations" / "es.yaml"
    run("translations", str(market), "--lang", "es")
    fill(path, "es")
    result = run("build", str(market), "--lang", "es", "--format", "xlsx", "--out", str(tmp_path / "out"), "--strict")
    assert result.exit_code == 0, result.output
    assert "warning" not in result.output
    check = run("check", str(market))
    assert "mideast-implants: ok (0 warning(s))" in check.output


def test_a_new_file_elsewhere_carries_the_existing_translations_and_their_articles(run, market, tmp_path):
    out = tmp_path / "pt.yaml"
    result = run("translations", str(market), "--lang", "pt-BR", "--out", str(out))
    assert result.exit_code == 0, result.output
    text = out.read_text(encoding="utf-8")
    assert text.startswith("# Brazilian Portuguese (pt-BR) translations of the data texts of mideast-implants.")
    assert "- en: Middle East\n  pt-BR: Oriente Médio\n  article: o\n" in text
    assert len(todo(out, "pt-BR")) == 15
    shutil.copy(out, market / "translations" / "pt-BR.yaml")
    assert run("check", str(market)).exit_code == 0  # the file it writes loads


def test_check_names_an_entry_whose_english_the_data_no_longer_has(run, market):
    path = market / "dimensions" / "2-end-user.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("name: Hospitals,", "name: Hospital groups,"), encoding="utf-8")
    result = run("check", str(market))
    assert "translations/es.yaml: [10].en: no data text reads 'Hospitals' any more" in result.output
    assert "no es translation for 'Hospital groups'" in result.output


def test_only_a_language_to_translate_into_is_accepted(run, market):
    result = run("translations", str(market), "--lang", "en")
    assert result.exit_code == 2 and "choose from es, pt-BR" in result.output


def test_entries_cannot_be_appended_to_a_flow_style_file(run, market):
    path = market / "translations" / "es.yaml"
    path.write_text("[{en: Middle East, es: Oriente Medio}]\n", encoding="utf-8")
    result = run("translations", str(market), "--lang", "es")
    assert result.exit_code == 2
    assert "write it as a YAML block list" in result.output
    assert path.read_text(encoding="utf-8") == "[{en: Middle East, es: Oriente Medio}]\n"


def test_a_proper_name_with_an_entry_is_translated_by_it(market):
    from reportgen.data import analyse
    from reportgen.model import Table, build_report

    path = market / "translations" / "es.yaml"
    path.write_text(path.read_text(encoding="utf-8") + "- {en: Straumann Group, es: Grupo Straumann}\n", encoding="utf-8")
    report = build_report(analyse(market), lang="es")
    assert report.section("vendors").find(Table)[0].rows[0].cells[0] == "Grupo Straumann"
    assert "Grupo Straumann" in [i.text.plain for i in report.section("companies").blocks[0].items]
    assert "Nobel Biocare" in report.section("developments").headline  # no entry: as written


def test_a_member_word_is_listed_under_its_own_field_not_under_an_id_that_reads_alike(run, tmp_path):
    folder = tmp_path / "nordic-robotics"
    shutil.copytree(ROOT / "tests" / "fixtures" / "nordic-robotics", folder)
    path = folder / "dimensions" / "b-country.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("kind: geography\n", "kind: geography\nmember: country\n"), encoding="utf-8")
    result = run("translations", str(folder), "--lang", "es", "--out", str(tmp_path / "es.yaml"))
    assert result.exit_code == 0, result.output
    written = (tmp_path / "es.yaml").read_text(encoding="utf-8")
    assert "# dimensions/b-country.yaml: member\n- en: country\n" in written
    assert ": id\n" not in written
