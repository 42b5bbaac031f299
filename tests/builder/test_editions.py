"""One rule for a variant's language, in the build and the preview: a variant whose file fixes a
language is made in that one only, whatever the languages asked for (and a warning says so when
they do not include it); any other edition is made in the languages asked for, or the data's."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

import reportgen
from reportgen.builder.editions import edition
from tests.conftest import NORDIC


@pytest.fixture(scope="module")
def data(tmp_path_factory) -> Path:
    data = tmp_path_factory.mktemp("editions") / "data"
    shutil.copytree(NORDIC, data / "nordic-robotics")
    (data / "variants.yaml").write_text("variants:\n  spanish:\n    client: Cliente SA\n    language: es\n"
                                        "  open:\n    client: Open Co\n")
    return data


@pytest.mark.parametrize(("variant", "asked", "made"), [
    (None, None, "en"), (None, "pt-BR", "pt-BR"), ("open", "es", "es"), ("spanish", None, "es"), ("spanish", "es", "es"),
    ("spanish", "en", "es"),
])
def test_the_preview_shows_the_edition_the_build_makes(data: Path, tmp_path: Path, variant: str | None, asked: str | None, made: str):
    report, warnings = edition("nordic-robotics", data, variant, None, asked)
    planned = reportgen.plan("nordic-robotics", data_dir=data, variants=[variant] if variant else [], languages=[asked] if asked else [],
                             formats=["html"], out=tmp_path)
    assert [o.language for o in planned.outputs] == [report.meta.language] == [made]
    assert warnings == [w for w in planned.warnings if w.field.startswith("variants.")]
    assert bool(warnings) == (variant == "spanish" and asked == "en")


def test_a_batch_makes_a_fixed_language_variant_in_its_language_only(data: Path, tmp_path: Path):
    planned = reportgen.plan("nordic-robotics", data_dir=data, variants=["spanish", "open"], languages=["en", "pt-BR"],
                             formats=["xlsx"], out=tmp_path)
    assert [(o.variant, o.language) for o in planned.outputs] == [("spanish", "es"), ("open", "en"), ("open", "pt-BR")]
    [warning] = [w for w in planned.warnings if w.field.startswith("variants.")]
    assert str(warning).endswith("variants.yaml: variants.spanish.language: spanish is made in es only, the language this file "
                                 "fixes for it; en, pt-BR is not made for it")
