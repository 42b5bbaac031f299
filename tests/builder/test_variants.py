"""Client variants: validated with errors naming the field, branded in the house style where a
client sets nothing, and a digest that changes whenever the variant would print differently."""

from __future__ import annotations

from pathlib import Path

import pytest

from reportgen.builder.variants import DEFAULT, load_variants, select_variants
from reportgen.errors import ReportError
from reportgen.style import ACCENT, PALETTE
from tests.builder.test_build import png


def variants_file(folder: Path, body: str) -> Path:
    path = folder / "variants.yaml"
    path.write_text("variants:\n" + body)
    return path


def problems(excinfo: pytest.ExceptionInfo[ReportError]) -> list[str]:
    return [str(p) for p in excinfo.value.problems]


def test_a_full_variant_gives_its_branding_formats_and_language(tmp_path: Path):
    (tmp_path / "logos").mkdir()
    png(tmp_path / "logos" / "acme.png")
    path = variants_file(tmp_path, "  acme:\n    client: Acme Pharma\n    logo: logos/acme.png\n    accent: '#7A1F5C'\n"
                                   "    palette: ['#7A1F5C', '#005F73']\n    formats: [pdf, pptx]\n    language: es\n")
    acme = load_variants(path)["acme"]
    assert acme.branding.client == "Acme Pharma"
    assert acme.branding.logo == (tmp_path / "logos" / "acme.png").resolve()  # relative to the variants file
    assert acme.branding.palette == ("#7A1F5C", "#005F73") and acme.branding.accent == "#7A1F5C"
    assert acme.formats == ("pdf", "pptx") and acme.language == "es"


def test_colours_a_client_does_not_set_are_the_house_style(tmp_path: Path):
    plain = load_variants(variants_file(tmp_path, "  plain:\n    client: Plain Co\n"))["plain"]
    assert plain.branding.palette == PALETTE and plain.branding.accent == ACCENT
    only_accent = load_variants(variants_file(tmp_path, "  red:\n    accent: '#AA0000'\n"))["red"]
    assert only_accent.branding.palette == PALETTE and only_accent.branding.accent == "#AA0000"
    assert plain.formats == () and plain.language is None  # every format and language the build asks for


def test_the_house_edition_is_chosen_when_no_variant_is_named(tmp_path: Path):
    assert select_variants((), None, tmp_path) == [DEFAULT]
    assert DEFAULT.branding.client is None and DEFAULT.branding.palette == PALETTE and DEFAULT.branding.accent == ACCENT


@pytest.mark.parametrize(("body", "expected"), [
    ("  acme:\n    accent: red\n", "variants.yaml: variants.acme.accent: use a #RRGGBB hex colour, e.g. '#1F4E79', got 'red'"),
    ("  acme:\n    palette: ['#12345']\n", "variants.yaml: variants.acme.palette[0]: use a #RRGGBB hex colour"),
    ("  Acme Inc:\n    client: Acme\n", "variants.yaml: variants.Acme Inc: use lower-case letters, digits, hyphens and underscores"),
    ("  acme:\n    logo: acme.gif\n", "variants.yaml: variants.acme.logo: use a PNG or JPEG file (.png, .jpg, .jpeg), got 'acme.gif'"),
    ("  acme:\n    colour: '#112233'\n", "variants.yaml: variants.acme.colour: unknown field 'colour'"),
    ("  acme:\n    formats: [pdf, docx]\n", "variants.yaml: variants.acme.formats[1]: must be 'pdf', 'pptx', 'xlsx' or 'html', got 'docx'"),
])
def test_an_invalid_variant_is_refused_naming_file_and_field(tmp_path: Path, body: str, expected: str):
    with pytest.raises(ReportError) as excinfo:
        load_variants(variants_file(tmp_path, body))
    assert any(expected in p for p in problems(excinfo)), problems(excinfo)


def test_a_missing_logo_is_an_error_naming_the_variant_and_the_file(tmp_path: Path):
    path = variants_file(tmp_path, "  acme:\n    logo: nowhere.png\n  beta:\n    logo: gone.jpg\n")
    with pytest.raises(ReportError) as excinfo:
        load_variants(path)
    found = problems(excinfo)
    assert len(found) == 2  # every missing logo at once, not the first only
    assert "variants.acme.logo: logo file not found:" in found[0] and found[0].endswith("nowhere.png")
    assert "variants.beta.logo" in found[1]


def test_the_digest_follows_the_definition_and_the_logo_bytes(tmp_path: Path):
    path = variants_file(tmp_path, "  acme:\n    client: Acme\n    logo: acme.png\n")
    png(tmp_path / "acme.png", (200, 30, 60))
    first = load_variants(path)["acme"].digest
    assert load_variants(path)["acme"].digest == first  # stable: the same variant is not rebuilt
    png(tmp_path / "acme.png", (10, 120, 60))  # same file name, new picture
    new_logo = load_variants(path)["acme"].digest
    assert new_logo != first
    variants_file(tmp_path, "  acme:\n    client: Acme Ltd\n    logo: acme.png\n")
    assert load_variants(path)["acme"].digest not in (first, new_logo)


def test_unknown_variant_or_missing_file_is_invalid_input(tmp_path: Path):
    with pytest.raises(ReportError) as excinfo:
        select_variants(("acme",), None, tmp_path)
    assert problems(excinfo)[0].endswith("variants.yaml: variants file not found (needed for --variant)")
    path = variants_file(tmp_path, "  acme:\n    client: Acme\n  beta:\n    client: Beta\n")
    with pytest.raises(ReportError) as excinfo:
        select_variants(("gamma",), path, tmp_path)
    assert "unknown variant 'gamma' (known: acme, beta)" in problems(excinfo)[0]
    assert [v.name for v in select_variants(("beta", "acme", "beta"), path, tmp_path)] == ["beta", "acme"]


def test_an_unknown_field_points_to_a_docs_section_that_lists_every_field(tmp_path: Path):
    import re

    from reportgen.builder.variants_file import VariantSpec
    from tests.conftest import ROOT

    with pytest.raises(ReportError) as excinfo:
        load_variants(variants_file(tmp_path, "  acme:\n    colour: '#7A1F5C'\n"))
    assert problems(excinfo) == [f"{tmp_path}/variants.yaml: variants.acme.colour: unknown field 'colour' "
                                 "(see docs/data-format.md for the fields allowed here)"]
    docs = (ROOT / "docs" / "data-format.md").read_text()
    section = re.search(r"^## Client variants \(variants\.yaml\)\n(.*?)^## ", docs, re.M | re.S)
    assert section, "docs/data-format.md has no section on the variants file"
    documented = re.findall(r"^\| `(\w+)` \|", section[1], re.M)
    assert sorted(documented) == sorted(VariantSpec.model_fields)
