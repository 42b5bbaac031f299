"""docs/ci.md's pipelines: valid YAML, and their reportgen command lines are ones the command
accepts, with the exit codes the page says a pipeline can rely on."""

from __future__ import annotations

import re
import shlex
import shutil
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from reportgen.cli import main
from tests.conftest import ROOT

PAGE = ROOT / "docs" / "ci.md"


def pipelines() -> list[dict]:
    return [yaml.safe_load(block) for block in re.findall(r"^```yaml\n(.*?)^```", PAGE.read_text(), re.S | re.M)]


def commands(pipeline: dict) -> list[list[str]]:
    """Each ``reportgen ...`` line the pipeline runs, as arguments."""
    jobs = pipeline["jobs"].values() if "jobs" in pipeline else pipeline.values()  # GitHub, GitLab
    lines = [line for job in jobs for step in job.get("steps", [{"run": "\n".join(job.get("script", []))}])
             for line in str(step.get("run", "")).splitlines()]
    return [shlex.split(line)[1:] for line in lines if line.startswith("reportgen ")]


def test_a_github_workflow_and_a_gitlab_job_check_build_and_keep_the_deliverables():
    github, gitlab = pipelines()
    steps = github["jobs"]["build"]["steps"]
    assert [s["uses"].split("@")[0] for s in steps if "uses" in s][-1] == "actions/upload-artifact"
    assert gitlab["reports"]["artifacts"]["paths"] == ["output/"] and gitlab["reports"]["artifacts"]["when"] == "always"
    assert commands(github) == commands(gitlab) and [c[0] for c in commands(github)] == ["check", "build"]


@pytest.mark.parametrize("pipeline", [0, 1], ids=["github", "gitlab"])
def test_their_command_lines_run_with_the_documented_exit_codes(pipeline: int, tmp_path: Path, monkeypatch):
    shutil.copytree(ROOT / "data", tmp_path / "data")
    monkeypatch.chdir(tmp_path)
    check, build = commands(pipelines()[pipeline])
    checked = CliRunner().invoke(main, check)
    assert checked.exit_code == 2 and "market.stated_cagr" in checked.output  # --strict: the seed report's warning stops it
    planned = CliRunner().invoke(main, [*build, "--dry-run"])
    assert planned.exit_code == 2 and "latam-cgt: invalid input, not built" in planned.output
    lenient = CliRunner().invoke(main, [a for a in build if a != "--strict"] + ["--dry-run"])
    assert lenient.exit_code == 0, lenient.output
    assert len([line for line in lenient.output.splitlines() if line.startswith("build\t")]) == 4 * 3  # 4 formats, 3 languages
