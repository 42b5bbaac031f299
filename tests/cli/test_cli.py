"""The command line: subcommands, help, report references, exit codes."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.conftest import LATAM, NORDIC


@pytest.mark.parametrize("command", ["list", "check", "show", "build", "translations", "brand"])
def test_every_subcommand_has_help(run, command):
    result = run(command, "--help")
    assert result.exit_code == 0
    assert "Usage: main " + command in result.output or f"Usage: reportgen {command}" in result.output


def test_list_shows_reports_under_the_data_dir(run):
    result = run("list")
    assert result.exit_code == 0
    assert result.output.startswith("latam-cgt\tLatin America Cell and Gene Therapy Market (2021-2034)")


def test_check_passes_with_the_cagr_warning(run):
    result = run("check", "latam-cgt")
    assert result.exit_code == 0
    assert "warning: data/latam-cgt/report.yaml: market.stated_cagr: stated 31.61% for 2025-2034" in result.output
    assert "latam-cgt: ok (" in result.output


def test_strict_turns_warnings_into_failure_and_says_so(run, tmp_path: Path):
    assert run("check", "--strict", "latam-cgt").exit_code == 2
    shutil.copytree(NORDIC, tmp_path / "nordic")  # named otherwise than its id: a warning
    result = run("check", "--strict", str(tmp_path / "nordic"))
    assert result.exit_code == 2
    assert result.stderr.splitlines()[-1] == f"{tmp_path / 'nordic'}: failed under --strict: 1 warning(s), each an error here"
    assert result.stdout == ""


def test_report_by_path_and_by_data_dir(run, tmp_path: Path):
    assert run("check", str(NORDIC)).exit_code == 0
    shutil.copytree(NORDIC, tmp_path / "mine")
    result = run("--data-dir", str(tmp_path), "check", "mine")
    assert result.exit_code == 0 and "mine: ok" in result.output
    result = run("--data-dir", str(tmp_path), "check")  # no argument: every report in the data dir
    assert result.exit_code == 0 and "mine: ok" in result.output


def test_unknown_report_is_invalid_input(run):
    result = run("check", "no-such-market")
    assert result.exit_code == 2
    assert "no-such-market: no such report" in result.output and "latam-cgt" in result.output


def test_show_prints_total_and_every_dimension(run):
    result = run("show", str(LATAM))
    assert result.exit_code == 0
    out = result.output
    assert "Market total" in out and "3.72" in out and "5.25" in out and "58.00" in out
    for title in [
        "Therapy type",
        "Therapeutic area",
        "Vector / delivery type",
        "Cell source",
        "Manufacturing scale & service",
        "End user",
        "Country",
    ]:
        assert f"By {title}" in out
    assert "CAGR 2024-2034: 31.61%" in out
    assert "sum - " not in out and "e-1" not in out and "n/a" not in out  # what an analyst reads, no arithmetic checks


def test_show_reconciles_segments_with_their_parent_only_under_debug(run):
    result = run("--debug", "show", str(LATAM))
    assert result.exit_code == 0
    assert "sum - total" in result.output and "sum - parent" in result.output
