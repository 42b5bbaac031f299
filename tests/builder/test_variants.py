"""Client variants: validated with errors naming the field, wearing the report's brand where a
client sets nothing, and a digest that changes whenever the variant would print differently."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from reportgen.builder.variants import DEFAULT, load_variants, select_variants
from reportgen.data.brand import house_brand
from reportgen.errors import ReportError
from reportgen.model import Client
from tests.builder.test_build import png

HOUSE = house_brand().colours


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
    assert acme.client.name == "Acme Pharma"
    assert acme.client.logo.data == (tmp_path / "logos" / "acme.png").read_bytes()  # relative to the variants file, read once
    assert (acme.client.logo.type, acme.client.logo.width, acme.client.logo.height) == ("image/png", 8, 8)
    assert acme.client.series == ("#7A1F5C", "#005F73") and acme.client.accent == "#7A1F5C"
    assert acme.formats == ("pdf", "pptx") and acme.language == "es"
    assert acme.brand is None and acme.brand_file is None  # the report's brand


def test_colours_a_client_does_not_set_are_the_brands(tmp_path: Path):
    plain = load_variants(variants_file(tmp_path, "  plain:\n    client: Plain Co\n"))["plain"]
    assert house_brand().for_client(plain.client).colours == HOUSE
    only_accent = load_variants(variants_file(tmp_path, "  red:\n    accent: '#aa0000'\n"))["red"]
    worn = house_brand().for_client(only_accent.client).colours
    assert worn.series == HOUSE.series and worn.accent == "#AA0000"
    assert plain.formats == () and plain.language is None  # every format and language the build asks for


def test_the_house_edition_is_chosen_when_no_variant_is_named(tmp_path: Path):
    assert select_variants((), None, tmp_path) == [DEFAULT]
    assert DEFAULT.client == Client() and DEFAULT.brand is None


@pytest.mark.parametrize(("body", "expected"), [
    ("  acme:\n    accent: red\n", "variants.yaml: variants.acme.accent: use a #RRGGBB hex colour, e.g. '#1F4E79', got 'red'"),
    ("  acme:\n    palette: ['#12345']\n", "variants.yaml: variants.acme.palette[0]: use a #RRGGBB hex colour"),
    ("  Acme Inc:\n    client: Acme\n", "variants.yaml: variants.Acme Inc: use lower-case letters, digits, hyphens and underscores"),
    ("  acme:\n    logo: acme.gif\n",
     "variants.yaml: variants.acme.logo: use a PNG, JPEG or SVG file (.png, .jpg, .jpeg, .svg), got 'acme.gif'"),
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
    assert found[0].endswith("variants.acme.logo: nowhere.png: file not found")
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


def _logo_cases(folder: Path) -> dict[str, str]:
    """Bad client logos, as the fuzzer made them: name -> what the refusal says."""
    from tests.data.test_brand import PNG, png

    (folder / "passwd.png").symlink_to("/etc/passwd")
    (folder / "text.png").write_text("not an image at all\n")
    (folder / "cut.png").write_bytes(PNG.read_bytes()[:3000])
    (folder / "bomb.png").write_bytes(png(20000, 20000))
    return {"passwd": "a link to a file outside the folder of the file that names it", "text": "not a PNG, JPEG or SVG image",
            "cut": "a damaged or truncated PNG image", "bomb": "20000 x 20000 pixels (400 megapixels); a logo may have at most 40"}


def test_a_bad_client_logo_is_refused_naming_the_variants_file_and_the_logo(tmp_path: Path):
    cases = _logo_cases(tmp_path)
    path = variants_file(tmp_path, "".join(f"  {name}:\n    logo: {name}.png\n" for name in cases))
    with pytest.raises(ReportError) as excinfo:
        load_variants(path)
    found = problems(excinfo)
    assert len(found) == len(cases)
    for line, (name, why) in zip(found, cases.items(), strict=True):
        assert line.startswith(f"{path}: variants.{name}.logo: {name}.png: ") and why in line, line


def test_a_bad_client_logo_stops_the_build_before_any_output(tmp_path: Path):
    from tests.builder.test_build import rg
    from tests.conftest import NORDIC

    data = tmp_path / "data"
    data.mkdir()
    cases = _logo_cases(data)
    variants_file(data, "".join(f"  {name}:\n    logo: {name}.png\n" for name in cases))
    args = ["--data-dir", str(data), "build", str(NORDIC), "--format", "xlsx", "--out", str(tmp_path / "out")]
    proc = rg(*args, *(a for name in cases for a in ("--variant", name)), check=2)
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == len(cases) and all("variants.yaml: variants." in line and ".logo: " in line for line in lines), proc.stderr
    assert "Traceback" not in proc.stderr and not (tmp_path / "out").exists()


def test_a_variant_may_wear_a_brand_of_its_own(tmp_path: Path):
    from tests.data.test_brand import EXAMPLE

    shutil.copytree(EXAMPLE, tmp_path / "meridian")
    path = variants_file(tmp_path, "  co:\n    client: Co\n    brand: meridian/_brand.yml\n  bad:\n    brand: nowhere.yml\n")
    with pytest.raises(ReportError) as excinfo:
        load_variants(path)
    (line,) = problems(excinfo)
    assert line.startswith(f"{path}: variants.bad.brand: ") and line.endswith("nowhere.yml: file not found"), line
    variants_file(tmp_path, "  co:\n    client: Co\n    brand: meridian/_brand.yml\n")
    co = load_variants(path)["co"]
    assert co.brand.name == "Meridian Research" and co.brand_file == tmp_path / "meridian" / "_brand.yml"


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


def test_under_strict_what_a_client_wears_warns_and_refuses_in_build_and_check(tmp_path: Path):
    """A client's accent read with too little contrast, and the warnings of a variant's own brand,
    are refused under ``--strict`` as a report's own brand warnings are: by ``check`` asked for
    the variant, and by ``build`` before anything is built."""
    import reportgen
    from reportgen.cli import main
    from tests.conftest import NORDIC

    (tmp_path / "own").mkdir()
    (tmp_path / "own" / "_brand.yml").write_text("color:\n  foreground: '#9A9A9A'\n")
    path = variants_file(tmp_path, "  pale:\n    client: Pale Co\n    accent: '#F0E442'\n  cobrand:\n    brand: own/_brand.yml\n")
    clients = {"variants": ["pale", "cobrand"], "variants_file": path}
    found = [str(p) for p in reportgen.check(NORDIC, **clients) if p.severity == "warning"]
    assert any(w.startswith(f"{path}: variants.pale.accent: ") and "#F0E442" in w for w in found), found
    assert any(w.startswith(f"{tmp_path / 'own' / '_brand.yml'}: color.foreground: text: #9A9A9A") for w in found), found
    out = tmp_path / "out"
    assert {str(w) for w in reportgen.plan(NORDIC, formats=["xlsx"], out=out, **clients).warnings} >= set(found)  # shown...
    for variant in clients["variants"]:
        with pytest.raises(ReportError) as excinfo:  # ... and refused under strict
            reportgen.build(NORDIC, formats=["xlsx"], out=out, strict=True, variants=[variant], variants_file=path)
        assert problems(excinfo) and all(p.severity == "warning" for p in excinfo.value.problems)
    assert not out.exists()
    args = ["check", str(NORDIC), "--variant", "pale", "--variants", str(path)]
    assert CliRunner().invoke(main, args).exit_code == 0
    strict = CliRunner().invoke(main, [*args, "--strict"])
    assert strict.exit_code == 2 and f"{path}: failed under --strict: 1 warning(s), each an error here" in strict.stderr
    built = CliRunner().invoke(main, ["build", str(NORDIC), "--format", "xlsx", "--out", str(out), "--strict", *args[2:]])
    assert built.exit_code == 2 and "variants.pale.accent" in built.stderr and f"{path}: failed under --strict" in built.stderr
