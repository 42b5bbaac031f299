"""`check` refuses a character the PDF has no font for, naming the file, the field and the
character, from the same fonts (and their cmaps) the PDF is set in; what it passes, builds."""

from __future__ import annotations

import pytest
from click.testing import CliRunner
from fontTools.ttLib import TTFont

from reportgen import typefaces
from reportgen.cli import main
from reportgen.data import analyse
from reportgen.data.brand import house_brand
from reportgen.errors import ReportError
from tests.conftest import WORLD
from tests.data.test_errors import edit_yaml


def problems(folder) -> list[str]:
    with pytest.raises(ReportError) as info:
        analyse(folder)
    return [str(p) for p in info.value.problems]


def test_names_in_ten_scripts_pass(world_analysis):
    assert world_analysis.computed.source.folder == WORLD  # analysed without error


def test_a_character_no_font_draws_is_an_error_naming_file_field_and_character(report_copy):
    folder = report_copy(WORLD)
    edit_yaml(folder / "dimensions" / "2-country.yaml", lambda d: d["segments"][3].update(name="ประเทศไทย 😀"))
    edit_yaml(folder / "content.yaml", lambda d: d["faq"][0].update(answer="No \ue000 it is not."))
    found = problems(folder)
    assert any(p.endswith("dimensions/2-country.yaml: segments[3].name: the character U+1F600 '😀' is in no font the PDF can use")
               for p in found), found
    assert any(p.endswith("content.yaml: faq[0].answer: the character U+E000 '\\ue000' is in no font the PDF can use")
               for p in found), found
    assert len(found) == 2  # the Thai letters around the emoji are drawn


def test_translations_are_checked_too(report_copy):
    folder = report_copy(WORLD)
    with (folder / "translations" / "es.yaml").open("a") as f:
        f.write("- en: Robot type\n  es: \"Tipo de robot \U0001F916\"\n")
    assert [p.split(": ", 1)[1] for p in problems(folder)] == [
        "[3].es: the character U+1F916 '🤖' is in no font the PDF can use"]


def test_check_prints_one_line_per_character_and_exits_2(report_copy):
    folder = report_copy(WORLD)
    edit_yaml(folder / "content.yaml", lambda d: d["vendors"][0].update(name="北京天智航 \U0001F600"))
    result = CliRunner().invoke(main, ["check", str(folder)])
    assert result.exit_code == 2
    line = next(li for li in result.output.splitlines() if "U+1F600" in li)
    assert line.endswith("content.yaml: vendors[0].name: the character U+1F600 '😀' is in no font the PDF can use")
    assert "Traceback" not in result.output


def test_format_characters_need_no_glyph(report_copy):
    # bidi isolates around a name, joiners and a variation selector are drawn as nothing
    folder = report_copy(WORLD)
    edit_yaml(folder / "content.yaml", lambda d: d["faq"][1].update(answer="\u2068المملكة\u2069 leads; \u200d\u200c\u200e\ufe0f."))
    analyse(folder)


@pytest.fixture()
def without_cjk(monkeypatch):
    """This machine as if fonts-noto-cjk were not installed."""
    families = tuple(f for f in typefaces.fallbacks() if "CJK" not in f.name)
    monkeypatch.setattr(typefaces, "fallbacks", lambda: families)
    typefaces.family_for.cache_clear()
    yield
    typefaces.family_for.cache_clear()


def test_a_script_whose_fonts_are_missing_is_refused_with_the_character(report_copy, without_cjk):
    found = problems(report_copy(WORLD))
    assert any("dimensions/2-country.yaml: segments[0].name: the character U+4E2D '中'" in p for p in found), found
    assert not any("ประ" in p or "U+0E1B" in p for p in found)  # Thai still has its font


def test_coverage_is_what_every_face_of_a_family_maps():
    thai = next(f for f in typefaces.fallbacks() if f.name.endswith("Thai"))
    maps = [set(TTFont(face.path).getBestCmap()) for face in thai.faces]  # regular and bold
    assert typefaces.coverage(thai) == set.intersection(*maps)
    assert ord("ป") in typefaces.coverage(thai) and ord("中") not in typefaces.coverage(thai)
    house = house_brand().body.files
    fonts = typefaces.stack((house,))
    assert typefaces.family_for("a", fonts) == house and typefaces.family_for("😀", fonts) is None
