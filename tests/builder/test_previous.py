"""``previous:`` in report.yaml: what check says when the previous edition cannot be read, and how the
build hashes it (a folder's files, or for REPORT@REV the git tree read, never the revision's name)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from reportgen.builder.manifest import Manifest
from reportgen.builder.planning import Options, plan
from reportgen.builder.variants import DEFAULT
from reportgen.cli import main
from reportgen.data import analyse
from reportgen.errors import ReportError
from tests.builder.test_build import rg
from tests.conftest import NORDIC
from tests.data.editions import COUNTRY, committed_editions, edit, set_anchor, set_shares, with_previous
from tests.data.editions import git as run_git

needs_git = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")


def check(folder: Path, monkeypatch) -> tuple[int, list[str]]:
    """``reportgen check FOLDER`` from the folder's parent: exit code and output lines."""
    monkeypatch.chdir(folder.parent)
    result = CliRunner().invoke(main, ["check", folder.name])
    return result.exit_code, result.output.splitlines()


def set_previous(folder: Path, previous: object) -> None:
    edit(folder, "report.yaml", lambda d: d.update(previous=previous))


def inputs(folder: Path, out: Path) -> dict[str, str]:
    """The inputs the build hashes for the folder's workbook."""
    options = Options(formats=("xlsx",), variants=(DEFAULT,), out=out)
    planned = plan([str(folder)], folder.parent, options, Manifest(out))
    assert not planned.invalid, planned.invalid
    return planned.jobs[0].inputs


def git(repo: Path, *args: str) -> str:
    return run_git(repo, *args).strip()


# --- check -------------------------------------------------------------------------------------


def test_a_missing_folder_is_an_error_at_previous(tmp_path: Path, monkeypatch):
    _, new = with_previous(tmp_path, "../archive/nordic-2022")
    code, lines = check(new, monkeypatch)
    assert code == 2
    assert "error: new/report.yaml: previous: ../archive/nordic-2022: no such folder: archive/nordic-2022" in lines


def test_invalid_data_in_the_previous_edition_names_its_file_and_field(tmp_path: Path, monkeypatch):
    old, new = with_previous(tmp_path)
    set_shares(old, COUNTRY, Sweden=61)
    code, lines = check(new, monkeypatch)
    assert code == 2
    error = next(line for line in lines if line.startswith("error: new/report.yaml: previous: "))
    assert error.startswith("error: new/report.yaml: previous: the edition ../old is invalid: old/dimensions/b-country.yaml: "
                            "segments[0].share: shares of the top-level segments sum to 120.00%")


def test_its_own_folder_is_not_a_previous_edition(tmp_path: Path, monkeypatch):
    _, new = with_previous(tmp_path, ".")
    code, lines = check(new, monkeypatch)
    assert code == 2 and any("previous: .: this is the report's own folder" in line for line in lines)


def test_a_bad_threshold_is_a_field_error(tmp_path: Path, monkeypatch):
    _, new = with_previous(tmp_path, {"edition": "../old", "threshold": "a lot%"})
    code, lines = check(new, monkeypatch)
    assert code == 2 and any(line.startswith("error: new/report.yaml: previous.threshold: ") for line in lines)


def test_another_currency_cannot_be_compared(tmp_path: Path):
    old, new = with_previous(tmp_path)
    edit(old, "report.yaml", lambda d: d.update(currency={"code": "SEK"}))
    with pytest.raises(ReportError, match=r"previous: \.\./old is in SEK and this edition in EUR"):
        analyse(new)


def test_a_later_or_other_report_is_a_warning(tmp_path: Path):
    old, new = with_previous(tmp_path)
    edit(old, "report.yaml", lambda d: d.update(id="other-market", edition="2025-01-01"))
    messages = [str(w) for w in analyse(new).warnings if w.field == "previous"]
    assert any("is the report 'other-market', not 'nordic-robotics'" in m for m in messages)
    assert any("is dated 2025-01-01, after this edition (2024-03-15)" in m for m in messages)


def test_a_previous_editions_own_previous_is_not_followed(tmp_path: Path):
    """Editions never chain: the old edition's broken ``previous:`` does not matter to the new one."""
    old, new = with_previous(tmp_path)
    set_previous(old, "../nowhere")
    assert analyse(new).previous is not None


# --- digests -----------------------------------------------------------------------------------


def test_the_previous_editions_files_are_inputs(tmp_path: Path):
    old, new = with_previous(tmp_path / "data")
    before = inputs(new, tmp_path / "out")
    files = {f"previous/{p.relative_to(old).as_posix()}" for p in old.rglob("*") if p.is_file()}
    assert {k for k in before if k.startswith("previous/")} == files and "previous/dimensions/c-buyer.yaml" in files
    set_anchor(old, 2026, 900)
    after = inputs(new, tmp_path / "out")
    assert [k for k in before if before[k] != after.get(k)] == ["previous/report.yaml"]


def test_no_previous_no_previous_inputs(tmp_path: Path):
    shutil.copytree(NORDIC, tmp_path / "data" / NORDIC.name)
    assert not [k for k in inputs(tmp_path / "data" / NORDIC.name, tmp_path / "out") if k.startswith("previous")]


def test_a_changed_previous_edition_rebuilds_and_a_rebuild_without_change_is_a_noop(tmp_path: Path):
    old, new = with_previous(tmp_path / "data")
    out = tmp_path / "out"
    args = ("build", str(new), "--format", "xlsx", "--out", str(out))
    assert "built 1" in rg(*args).stdout
    assert "nothing to do" in rg(*args).stdout
    set_anchor(old, 2026, 900)
    dry = rg(*args, "--dry-run").stdout
    assert "inputs changed: previous/report.yaml" in dry


# --- REPORT@REV --------------------------------------------------------------------------------


@pytest.fixture()
def repo(tmp_path: Path) -> Path:
    return committed_editions(tmp_path / "repo")


@pytest.fixture()
def new_in_repo(repo: Path) -> Path:
    """Beside data/nordic-robotics (tagged v1, then its 2026 anchor moved), a new edition
    data/nordic-2024 naming ``nordic-robotics@v1`` as its previous."""
    new = repo / "data" / "nordic-2024"
    shutil.copytree(repo / "data" / "nordic-robotics", new)
    edit(new, "report.yaml", lambda d: d.update(edition="2024-03-15", previous="nordic-robotics@v1"))
    return new


@needs_git
def test_report_at_rev_reads_the_committed_edition(repo: Path, new_in_repo: Path):
    analysis = analyse(new_in_repo)
    assert analysis.previous is not None and analysis.previous.revision == git(repo, "rev-parse", "v1")
    assert analysis.previous.computed.meta.market.anchors[2].value == 905  # as committed at v1, not as now
    moved = [c for c in analysis.previous.diff.inputs if c.field == "market.anchors[2].value"]
    assert [(c.old, c.new) for c in moved] == [(905, 950)]


@needs_git
def test_report_at_rev_hashes_the_tree_not_the_name(repo: Path, new_in_repo: Path, tmp_path: Path):
    new = new_in_repo
    tree = git(repo, "rev-parse", "v1:data/nordic-robotics")
    by_tag = inputs(new, tmp_path / "out")
    assert by_tag["previous"] == f"git-tree {tree}"
    assert not [k for k in by_tag if k.startswith("previous/")]
    set_previous(new, f"nordic-robotics@{git(repo, 'rev-parse', 'v1')}")  # another name for the same commit
    assert inputs(new, tmp_path / "out")["previous"] == by_tag["previous"]
    set_previous(new, "nordic-robotics@HEAD")
    assert inputs(new, tmp_path / "out")["previous"] == f"git-tree {git(repo, 'rev-parse', 'HEAD:data/nordic-robotics')}"


@needs_git
def test_this_folder_at_a_revision(repo: Path):
    folder = repo / "data" / "nordic-robotics"
    set_previous(folder, ".@v1")
    previous = analyse(folder).previous
    assert previous is not None and previous.computed.meta.market.anchors[2].value == 905


@needs_git
def test_an_unknown_revision_is_an_error_at_previous(new_in_repo: Path, monkeypatch):
    new = new_in_repo
    set_previous(new, "nordic-robotics@v9")
    code, lines = check(new, monkeypatch)
    assert code == 2
    assert any(line.startswith("error: nordic-2024/report.yaml: previous: nordic-robotics@v9: unknown revision 'v9'")
               for line in lines), lines


def test_report_at_rev_outside_a_repository_is_an_error(tmp_path: Path, monkeypatch):
    _, new = with_previous(tmp_path, "../old@v1")
    code, lines = check(new, monkeypatch)
    assert code == 2 and any("previous: ../old@v1: " in line and "is not in a git repository" in line for line in lines), lines


def test_previous_is_in_the_json_schema():
    from reportgen.schemas import BY_NAME, json_schema

    schema = json_schema(BY_NAME["report"])["properties"]["previous"]
    assert [s.get("type") for s in schema["anyOf"]] == ["string", "object", "null"]
    assert schema["anyOf"][1]["required"] == ["edition"]
