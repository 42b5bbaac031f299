"""``reportgen diff OLD NEW``: what it lists, in each format, and its exit codes."""

from __future__ import annotations

import json
import shutil
import subprocess
from collections import Counter
from pathlib import Path
from types import SimpleNamespace

import pytest
from click.testing import CliRunner

from reportgen.cli import main
from reportgen.cli.diff import result_cells
from reportgen.format import Formatter
from tests.data.editions import COUNTRY, anchor_and_two_shares, edition, rename_remove_lead, set_anchor, set_shares

EUR_M = Formatter("EUR", "m", "million")


@pytest.fixture()
def run(tmp_path: Path, monkeypatch):
    monkeypatch.chdir(tmp_path)

    def invoke(*args: str):
        return CliRunner(env={"COLUMNS": "100"}).invoke(main, list(args))

    return invoke


def lines(text: str) -> list[str]:
    return [line.rstrip() for line in text.splitlines()]


def test_anchor_and_two_shares_in_the_table(run, tmp_path: Path):
    anchor_and_two_shares(tmp_path)
    result = run("diff", "old", "new")
    assert result.exit_code == 1, result.output
    out = lines(result.stdout)
    assert "Traceback" not in result.output and max(len(line) for line in out) <= 100
    inputs = [line for line in out if line.startswith(("report.yaml:", "dimensions/"))]
    assert [line.split() for line in inputs] == [
        ["report.yaml:", "market.anchors[2].value", "changed", "EUR", "905.00", "m", "EUR", "950.00", "m"],
        ["dimensions/b-country.yaml:", "segments[1].share", "changed", "22%", "24%"],
        ["dimensions/b-country.yaml:", "segments[3].share", "changed", "12%", "10%"],
    ]
    text = "\n".join(out)
    assert "Market (report.yaml)" in text and "By country (dimensions/b-country.yaml)" in text
    assert text.index("Market (report.yaml)") < text.index("By robot type") < text.index("By country")
    market = text[text.index("Market (report.yaml)") : text.index("By robot type")]
    assert "value 2026" in market and "905.00" in market and "950.00" in market and "+45.00" in market
    assert "value 2020" not in market and "value 2021" in market  # the base year's anchor did not move
    country = out[out.index("By country (dimensions/b-country.yaml)") :]
    denmark, finland = (next(k for k, line in enumerate(country) if line.startswith(name)) for name in ("Denmark", "Finland"))
    assert ["share", "2020", "22.0%", "24.0%", "+2.0", "pp", "+9.1%"] in [line.split() for line in country[denmark:finland]]
    assert ["share", "2020", "12.0%", "10.0%", "-2.0", "pp", "-16.7%"] in [line.split() for line in country[finland:]]
    assert out[-1] == "3 input change(s), 474 result change(s), 0 rank change(s)"


def test_identical_editions(run, tmp_path: Path):
    edition(tmp_path, "old"), edition(tmp_path, "new")
    for fmt in ("table", "markdown"):
        result = run("diff", "old", "new", "--format", fmt)
        assert (result.exit_code, result.output) == (0, "no changes between old and new\n")
    result = run("diff", "old", "new", "--format", "json")
    assert result.exit_code == 0
    doc = json.loads(result.stdout)
    assert doc["changed"] is False and doc["inputs"] == doc["results"] == doc["ranks"] == doc["headline"] == []
    assert doc["format"] == "reportgen-diff" and doc["version"] == 1 and doc["old"]["ref"] == "old"


def test_json_has_the_same_changes_and_numbers_as_the_table(run, tmp_path: Path):
    anchor_and_two_shares(tmp_path)
    table = run("diff", "old", "new")
    result = run("diff", "old", "new", "--format", "json")
    assert result.exit_code == table.exit_code == 1
    doc = json.loads(result.stdout)
    assert doc["changed"] is True and doc["new"]["base_year"] == 2020 and doc["new"]["years"] == [2017, 2030]
    assert [(c["file"], c["field"], c["change"], c["old"], c["new"]) for c in doc["inputs"]] == [
        ("report.yaml", "market.anchors[2].value", "changed", 905, 950),
        ("dimensions/b-country.yaml", "segments[1].share", "changed", 22, 24),
        ("dimensions/b-country.yaml", "segments[3].share", "changed", 12, 10),
    ]
    def row(r: dict) -> tuple[str, ...]:
        cells = result_cells(SimpleNamespace(**{**r, "period": tuple(r["period"]) if r["period"] else None}), EUR_M)
        return tuple(" ".join(cells[1:]).split())  # measure, old, new, change, relative, as the table splits them

    measures = ("value", "share", "volume", "CAGR", "price")
    shown = [tuple(line.split()) for line in lines(table.stdout)]
    shown = [cells[k:] for cells in shown for k in range(len(cells) - 1) if cells[k] in measures and cells[k + 1][:1].isdigit()]
    expected = [row(r) for r in doc["headline"] + doc["results"]]
    assert Counter(shown) == Counter(expected) and len(expected) == 2 + 474
    for r in doc["results"]:
        assert r["absolute"] == pytest.approx(r["new"] - r["old"])
        assert r["relative"] == pytest.approx((r["new"] - r["old"]) / abs(r["old"]))
    denmark = next(r for r in doc["results"] if r["subject"] == "Denmark" and r["measure"] == "share" and r["year"] == 2020)
    assert (denmark["old"], denmark["new"], denmark["dimension"]) == (pytest.approx(0.22), pytest.approx(0.24), "country")


def test_markdown_is_github_tables(run, tmp_path: Path):
    anchor_and_two_shares(tmp_path)
    result = run("diff", "old", "new", "--format", "markdown")
    assert result.exit_code == 1
    out = lines(result.stdout)
    assert out[0] == "# Changes: old → new"
    assert "## Market (report.yaml)" in out and "## By country (dimensions/b-country.yaml)" in out
    assert "| Field | Change | Old | New |" in out and "|---|---|---|---|" in out
    assert "| report.yaml: market.anchors[2].value | changed | EUR\u00a0905.00 m | EUR\u00a0950.00 m |" in out
    assert "| Denmark | share 2020 | 22.0% | 24.0% | +2.0 pp | +9.1% |" in out
    assert any(line.startswith("| Retail & e-commerce &lt;b&gt; | value 2026 |") for line in out)  # data text stays literal
    doc = json.loads(run("diff", "old", "new", "--format", "json").stdout)
    rows = [line for line in out if line.startswith("| ") and not line.startswith(("| Field", "| Subject", "| Among"))]
    assert len(rows) == len(doc["inputs"]) + len(doc["results"]) + len(doc["ranks"]) + len(doc["headline"])


def test_rename_removed_dimension_and_new_leader(run, tmp_path: Path):
    rename_remove_lead(tmp_path)
    result = run("diff", "old", "new")
    assert result.exit_code == 1
    out = [line.split() for line in lines(result.stdout)]
    assert ["dimensions/a-type.yaml:", "segments[1]", "renamed", "Robotic", "arms", "Industrial", "arms"] in out
    assert ["By", "buyer", "(dimensions/c-buyer.yaml,", "removed)"] in out
    assert next(line[:2] for line in out if line[:1] == ["dimensions/c-buyer.yaml"]) == ["dimensions/c-buyer.yaml", "removed"]
    assert ["top", "level", "leader", "2020", "Sweden", "(41.0%)", "Denmark", "(43.0%)"] in out
    assert ["By", "country", "leader", "2020", "Sweden", "(41.0%)", "Denmark", "(43.0%)"] in out  # among the headline
    doc = json.loads(run("diff", "old", "new", "--format", "json").stdout)
    assert {"dimension": "country", "parent": None, "kind": "leader", "year": 2020, "period": None, "old": "Sweden",
            "new": "Denmark", "old_value": pytest.approx(0.41), "new_value": pytest.approx(0.43)} in doc["ranks"]
    assert {"id": "buyer", "title": "Buyer", "file": "dimensions/c-buyer.yaml", "status": "removed"} in doc["dimensions"]
    renamed = [c for c in doc["inputs"] if c["change"] == "renamed"]
    assert [(c["field"], c["old"], c["new"], c["topic"]) for c in renamed] == [
        ("segments[1]", "Robotic arms", "Industrial arms", "segment")]


def test_threshold_hides_small_result_moves_but_keeps_inputs(run, tmp_path: Path):
    anchor_and_two_shares(tmp_path)
    result = run("diff", "old", "new", "--threshold", "1%")
    assert result.exit_code == 1
    assert result.output == run("diff", "old", "new", "--threshold", "0.01").output
    out = result.stdout
    assert "market.anchors[2].value" in out and "segments[1].share" in out and "segments[3].share" in out
    market = out[out.index("Market (report.yaml)") : out.index("By robot type")]
    assert "value 2021" not in market and "value 2022" in market  # +0.8 % hidden, +1.6 % kept
    assert "result move(s) below 0.01 (1%) hidden" in lines(out)[-1]
    doc = json.loads(run("diff", "old", "new", "--threshold", "1%", "--format", "json").stdout)
    assert doc["threshold"] == 0.01 and doc["hidden"] > 0 and len(doc["inputs"]) == 3
    assert all(r["relative"] is None or abs(r["relative"]) >= 0.01 for r in doc["results"])
    bad = run("diff", "old", "new", "--threshold", "lots")
    assert bad.exit_code == 2 and "--threshold" in bad.output


def test_invalid_edition_prints_its_problems(run, tmp_path: Path):
    edition(tmp_path, "old")
    new = edition(tmp_path, "new")
    set_shares(new, COUNTRY, Denmark=29)
    result = run("diff", "old", "new")
    assert result.exit_code == 2 and "Traceback" not in result.output
    assert result.output == (
        "error: new/dimensions/b-country.yaml: segments[0].share: "
        "shares of the top-level segments sum to 107.00%, not 100% (tolerance 0.1 pp)\n"
    )
    missing = run("diff", "old", "nowhere")
    assert missing.exit_code == 2 and missing.output.startswith("error: nowhere: no such report")


@pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")
def test_revisions_of_a_git_repository(run, tmp_path: Path):
    def git(*args: str) -> str:
        return subprocess.run(["git", "-c", "user.name=T", "-c", "user.email=t@example.com", *args], cwd=tmp_path,
                              capture_output=True, text=True, check=True).stdout

    folder = edition(tmp_path, "market")
    git("init", "-q")
    git("add", ".")
    git("commit", "-q", "-m", "first")
    set_anchor(folder, 2026, 950)
    git("commit", "-q", "-am", "second")
    status, head = git("status", "--porcelain"), git("rev-parse", "HEAD")

    against_tree = run("diff", "market@HEAD~1", "market")
    between = run("diff", "market@HEAD~1", "market@HEAD")
    assert against_tree.exit_code == between.exit_code == 1
    assert "report.yaml: market.anchors[2].value   changed   EUR\u00a0905.00 m   EUR\u00a0950.00 m" in against_tree.stdout
    body = against_tree.stdout[against_tree.stdout.index("values in EUR m") :]
    assert between.stdout[between.stdout.index("values in EUR m") :] == body  # the same changes, only the refs differ
    same = run("diff", "market@HEAD", "market")
    assert (same.exit_code, same.output) == (0, "no changes between market@HEAD and market\n")
    assert git("status", "--porcelain") == status and git("rev-parse", "HEAD") == head

    bad = run("diff", "market@not-a-rev", "market")
    assert bad.exit_code == 2 and len(bad.output.splitlines()) == 1
    assert bad.output.startswith("error: market@not-a-rev: unknown revision 'not-a-rev'")


def test_diff_is_listed_with_help(run):
    result = run("diff", "--help")
    assert result.exit_code == 0 and "REPORT@REV" in result.output and "--threshold" in result.output
