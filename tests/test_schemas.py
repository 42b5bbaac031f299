"""One JSON Schema per kind of file, as editors take them: committed, current, and right about
real files, read as an editor's YAML reads them.

The editor's side is yaml-language-server, which implements draft-07; jsonschema's Draft7Validator
stands in for it, on files read with YAML 1.2's numbers (``1.0e9`` is a number there, as it is to
the loader once pydantic has read it).
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import jsonschema
import pytest
import yaml
from click.testing import CliRunner

from reportgen import schemas
from reportgen.cli import main
from tests.conftest import NORDIC, ROOT

SCHEMAS = ROOT / "docs" / "schemas"
DOCS = ROOT / "docs" / "data-format.md"


class _Yaml12(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # libyaml's parser, as the loader's
    """YAML as the language server reads it: exponents without a sign are numbers, and dates text."""


_Yaml12.yaml_implicit_resolvers = {k: [r for r in v if r[0] != "tag:yaml.org,2002:timestamp"]
                                   for k, v in _Yaml12.yaml_implicit_resolvers.copy().items()}
_Yaml12.add_implicit_resolver("tag:yaml.org,2002:float", re.compile(r"^[-+]?(?:\d+\.?\d*|\.\d+)[eE][-+]?\d+$"), list("-+0123456789."))


def editor_read(path: Path):
    return yaml.load(path.read_text(encoding="utf-8"), Loader=_Yaml12)


def validator(kind: str) -> jsonschema.Draft7Validator:
    schema = json.loads((SCHEMAS / f"{kind}.json").read_text())
    jsonschema.Draft7Validator.check_schema(schema)
    return jsonschema.Draft7Validator(schema)


def editor_settings() -> dict[str, str]:
    """The ``yaml.schemas`` setting docs/data-format.md tells VS Code users to write."""
    block = re.search(r'```json\n\s*(\{\s*"yaml\.schemas".*?)```', DOCS.read_text(), re.S)
    assert block, "docs/data-format.md shows no yaml.schemas setting"
    return json.loads(block[1])["yaml.schemas"]


@pytest.mark.parametrize("kind", schemas.KINDS, ids=lambda k: k.name)
def test_each_committed_schema_is_the_one_its_model_gives(kind):
    committed = SCHEMAS / f"{kind.name}.json"
    assert committed.read_text(encoding="utf-8") == schemas.text(kind), (
        "regenerate: for k in $(reportgen schema | cut -d' ' -f1); do reportgen schema $k > docs/schemas/$k.json; done")


def test_docs_schemas_holds_one_schema_per_kind_and_nothing_else():
    assert sorted(p.stem for p in SCHEMAS.iterdir()) == sorted(schemas.BY_NAME)


def test_schema_prints_one_kind_and_lists_the_kinds():
    runner = CliRunner()
    result = runner.invoke(main, ["schema", "dimension"])
    assert result.exit_code == 0 and result.output == (SCHEMAS / "dimension.json").read_text()
    assert json.loads(result.output)["$schema"] == "http://json-schema.org/draft-07/schema#"
    listed = runner.invoke(main, ["schema"]).output.splitlines()
    assert [line.split()[0] for line in listed] == list(schemas.BY_NAME)
    assert "dimensions/*.yaml" in listed[1]
    wrong = runner.invoke(main, ["schema", "sections"])
    assert wrong.exit_code == 2 and "choose from report, dimension" in wrong.output


def test_the_documented_editor_setting_maps_every_kind_to_its_files():
    settings = editor_settings()
    assert sorted(settings) == sorted(f"./docs/schemas/{k}.json" for k in schemas.BY_NAME)
    matched = {Path(s).stem: sorted(ROOT.glob(glob)) for s, glob in settings.items()}
    assert all(matched[k] for k in ("report", "dimension", "content", "translation", "variants")), matched


def test_every_file_of_the_seed_and_the_fixtures_is_valid_as_an_editor_sees_it():
    settings = editor_settings()
    checked = 0
    for schema, glob in settings.items():
        check = validator(Path(schema).stem)
        files = [*ROOT.glob(glob), *ROOT.glob(glob.replace("data/", "tests/fixtures/", 1))]
        for path in files:
            errors = [f"{path}: {e.json_path}: {e.message}" for e in check.iter_errors(editor_read(path))]
            assert not errors, errors
            checked += 1
    assert checked >= 25


@pytest.mark.parametrize(("kind", "file", "edit", "where"), [
    ("dimension", "dimensions/a-type.yaml", lambda d: d.update(sections=[]), "$"),
    ("dimension", "dimensions/a-type.yaml", lambda d: d["segments"][0].update(share="58%"), "$.segments[0].share"),
    ("report", "report.yaml", lambda r: r["years"].update(historical=[2017, "2019"]), "$.years.historical[1]"),
    ("report", "report.yaml", lambda r: r.update(sources=["s"] * 201), "$.sources"),
    ("content", "content.yaml", lambda c: c.update(companies=[{"name": "Acme"}]), "$"),
], ids=["unknown key", "percent as text", "year as text", "too many sources", "companies"])
def test_an_editor_underlines_what_check_refuses(kind, file, edit, where):
    data = editor_read(NORDIC / file)
    edit(data)
    assert [e.json_path for e in validator(kind).iter_errors(data)] == [where]


def test_each_documented_modeline_leads_from_its_file_to_the_schema_the_setting_gives_it():
    settings = editor_settings()
    rows = re.findall(r"^  \| `(data/[^`]+)` \| `# yaml-language-server: \$schema=([^`]+)` \|$", DOCS.read_text(), re.M)
    assert len(rows) == len(schemas.KINDS)
    for pattern, target in rows:  # a file of the seed where it has one (it has no sections/*.yaml), by name
        example = ROOT / pattern.replace("<id>", "latam-cgt").replace("*", "example")
        schema = (example.parent / target).resolve()
        assert schema.is_file(), (pattern, target)
        [setting] = [s for s, glob in settings.items() if example.relative_to(ROOT).match(glob)]
        assert schema == (ROOT / setting).resolve()
