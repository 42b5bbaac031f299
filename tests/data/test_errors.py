"""Bad input: one clear `path: field: problem` line per error, exit code 2, no traceback."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from reportgen.cli import main
from reportgen.data import analyse
from reportgen.errors import ReportError, shown


def edit_yaml(path: Path, change) -> None:
    data = yaml.safe_load(path.read_text())
    change(data)
    path.write_text(yaml.safe_dump(data, sort_keys=False))


def problems(folder: Path) -> list[str]:
    with pytest.raises(ReportError) as info:
        analyse(folder)
    return [str(p) for p in info.value.problems]


def one(folder: Path, where: str, *words: str) -> str:
    """The problem at ``where`` ('file: field'), checked to contain every word."""
    found = [p for p in problems(folder) if where in p]
    assert found, problems(folder)
    assert all(w in found[0] for w in words), found[0]
    return found[0]


REPORT, THERAPY = "report.yaml", "dimensions/01-therapy-type.yaml"
CELLS, COUNTRY = "dimensions/04-cell-source.yaml", "dimensions/07-country.yaml"

# (error class, file to edit, edit, expected "file: field", words the message must contain)
EDITS = [
    ("shares not summing to 100", COUNTRY, lambda d: d["segments"][-1].update(share=5),
     "07-country.yaml: segments[0].share", ["sum to 96.00%", "not 100%"]),
    ("two blank shares", COUNTRY, lambda d: d["segments"][1].pop("share"),
     "07-country.yaml: segments[5].share", ["only one share", "blank"]),
    ("negative value", REPORT, lambda d: d["market"]["anchors"][0].update(value=-3.72),
     "report.yaml: market.anchors[0].value", ["must be above 0, got -3.72", "geometric"]),
    ("non-numeric value", REPORT, lambda d: d["market"]["anchors"][1].update(value="five"),
     "report.yaml: market.anchors[1].value", ["expected a number, got the text 'five'"]),
    ("wrong type", REPORT, lambda d: d.update(key_players="Novartis"),
     "report.yaml: key_players", ["expected a list, got the text 'Novartis'"]),
    ("unknown parent segment", THERAPY, lambda d: d["segments"][2].update(parent="Cell therapies"),
     "01-therapy-type.yaml: segments[2].parent", ["unknown parent segment 'Cell therapies'"]),
    ("year outside the report", REPORT, lambda d: d["market"]["anchors"][2].update(year=2040),
     "report.yaml: market.anchors[2].year", ["2040", "outside", "2021-2034"]),
    ("missing required field", REPORT, lambda d: d.pop("currency"),
     "report.yaml: currency", ["required field is missing"]),
    ("unknown field (a typo)", CELLS, lambda d: d["segments"][0].update(shares=62),
     "04-cell-source.yaml: segments[0].shares", ["unknown field 'shares' (did you mean 'share'?)"]),
    ("duplicate segment name", CELLS, lambda d: d["segments"][1].update(name="Autologous"),
     "04-cell-source.yaml: segments[1].name", ["duplicate segment name 'Autologous'"]),
    ("year with no anchor or assumption", REPORT, lambda d: d["market"].update(assumptions=[]),
     "report.yaml: market.assumptions", ["no anchor or growth assumption for 2021-2023"]),
]


@pytest.mark.parametrize(("file", "edit", "where", "words"), [e[1:] for e in EDITS], ids=[e[0] for e in EDITS])
def test_each_error_class_names_file_field_and_problem(report_copy, file, edit, where, words):
    folder = report_copy()
    edit_yaml(folder / file, edit)
    one(folder, f"{where}:", *words)


def test_duplicate_yaml_key(report_copy):
    folder = report_copy()
    path = folder / "report.yaml"
    path.write_text(path.read_text() + "\ntitle: Again\n")
    one(folder, "report.yaml: line", "duplicate key 'title'")


def test_malformed_yaml(report_copy):
    folder = report_copy()
    (folder / "dimensions/04-cell-source.yaml").write_text("id: cell-source\nsegments: [unclosed\n")
    one(folder, "04-cell-source.yaml: line 3", "invalid YAML")


def test_missing_file(report_copy):
    folder = report_copy()
    (folder / "report.yaml").unlink()
    result = CliRunner().invoke(main, ["check", str(folder)])
    assert result.exit_code == 2
    assert "report.yaml: file not found" in result.output


def test_fastest_claim_contradicted_is_a_warning(report_copy):
    folder = report_copy()
    edit_yaml(folder / "dimensions/04-cell-source.yaml", lambda d: d["claims"].update(fastest="Autologous"))
    warnings = [str(w) for w in analyse(folder).warnings]
    [w] = [w for w in warnings if "claims.fastest" in w]
    assert "04-cell-source.yaml: claims.fastest:" in w and "'Autologous'" in w and "'Allogeneic'" in w
    assert re.search(r"\d+\.\d\d%.*\d+\.\d\d%", w)


def test_cli_prints_one_line_per_error_and_exits_2(report_copy):
    folder = report_copy()
    edit_yaml(folder / "dimensions/07-country.yaml", lambda d: d["segments"][0].update(share=50))
    edit_yaml(folder / "dimensions/01-therapy-type.yaml", lambda d: d["segments"][2].update(parent="Nope"))
    proc = subprocess.run([sys.executable, "-m", "reportgen", "check", str(folder)], capture_output=True, text=True)
    assert proc.returncode == 2
    assert "Traceback" not in proc.stderr
    errors = [line for line in proc.stderr.splitlines() if line.startswith("error: ")]
    assert len(errors) == 2, proc.stderr
    assert all(re.match(r"error: \S+\.yaml: [\w.\[\]]+: .+", e) for e in errors), errors
    debug = subprocess.run([sys.executable, "-m", "reportgen", "--debug", "check", str(folder)], capture_output=True, text=True)
    assert "Traceback" in debug.stderr


def test_values_in_messages_are_cut_and_quoted():
    assert shown("x" * 100) == repr("x" * 57 + "...")
    assert shown("a\nb") == "'a\\nb'"
