"""REPORT@REV: a report folder as it was at a git revision, read without touching the working tree."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from reportgen.data.revision import open_edition, split_ref
from reportgen.errors import ReportError
from tests.conftest import NORDIC
from tests.data.editions import COUNTRY, committed_editions, git, set_shares

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")


@pytest.fixture()
def repo(tmp_path: Path) -> Path:
    """A repository with two commits of data/nordic-robotics: as shipped, then the 2026 anchor at 950."""
    return committed_editions(tmp_path / "repo")


def anchor_2026(edition) -> float:
    return edition.analysis.computed.total[2026]


def test_split_ref(tmp_path: Path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "odd@name").mkdir()
    assert split_ref("odd@name") == ("odd@name", None)
    assert split_ref("odd@name@v2") == ("odd@name", "v2")
    assert split_ref("data/x@HEAD~1") == ("data/x", "HEAD~1")
    assert split_ref("latam-cgt") == ("latam-cgt", None)
    assert split_ref("data/x@HEAD@{1}") == ("data/x", "HEAD@{1}")
    with pytest.raises(ReportError):
        split_ref("data/x@")


def test_reads_each_revision_without_changing_the_working_tree(repo: Path, monkeypatch):
    monkeypatch.chdir(repo)
    folder = repo / "data" / "nordic-robotics"
    set_shares(folder, COUNTRY, Denmark=24, Finland=10)  # an uncommitted edit, which REV reads must not see
    before = {p: p.read_bytes() for p in folder.rglob("*") if p.is_file()}
    status = git(repo, "status", "--porcelain")
    head = git(repo, "rev-parse", "HEAD").strip()

    old = open_edition("data/nordic-robotics@HEAD~1", Path("data"))
    committed = open_edition("nordic-robotics@HEAD", Path("data"))  # an id under --data-dir works too
    tagged = open_edition(f"{folder}@v1", Path("elsewhere"))  # and an absolute folder, at a tag
    current = open_edition("data/nordic-robotics", Path("data"))
    assert anchor_2026(old) == anchor_2026(tagged) == 905 and anchor_2026(committed) == 950
    assert old.revision == tagged.revision != committed.revision == head and current.revision is None
    assert committed.analysis.computed.dimensions[1].segment("Denmark").share == pytest.approx(0.22)  # as committed
    assert current.analysis.computed.dimensions[1].segment("Denmark").share == pytest.approx(0.24)  # as edited
    assert {p: p.read_bytes() for p in folder.rglob("*") if p.is_file()} == before
    assert git(repo, "status", "--porcelain") == status and git(repo, "rev-parse", "HEAD").strip() == head


@pytest.mark.parametrize(("ref", "words"), [
    ("data/nordic-robotics@no-such-rev", "unknown revision 'no-such-rev'"),
    ("data/nordic-robotics@HEAD~7", "unknown revision 'HEAD~7'"),
    ("data/elsewhere@HEAD", "no folder data/elsewhere at HEAD"),
])
def test_bad_revision_or_folder_is_one_problem(repo: Path, monkeypatch, ref: str, words: str):
    monkeypatch.chdir(repo)
    with pytest.raises(ReportError) as info:
        open_edition(ref, Path("data"))
    assert len(info.value.problems) == 1 and words in str(info.value.problems[0])
    assert str(info.value.problems[0]).startswith(ref + ": ")


def test_a_folder_outside_any_repository(tmp_path: Path):
    shutil.copytree(NORDIC, tmp_path / "plain")
    if subprocess.run(["git", "rev-parse"], cwd=tmp_path, capture_output=True).returncode == 0:
        pytest.skip("tmp is inside a git repository here")
    with pytest.raises(ReportError) as info:
        open_edition(f"{tmp_path / 'plain'}@HEAD", Path("data"))
    assert "is not in a git repository" in str(info.value.problems[0])


def test_problems_of_an_old_revision_name_the_revision(repo: Path, monkeypatch):
    monkeypatch.chdir(repo)
    folder = repo / "data" / "nordic-robotics"
    set_shares(folder, COUNTRY, Denmark=29)
    git(repo, "commit", "-q", "-am", "a broken edition")
    with pytest.raises(ReportError) as info:
        open_edition("data/nordic-robotics@HEAD", Path("data"))
    assert [str(p) for p in info.value.problems] == [
        "HEAD:data/nordic-robotics/dimensions/b-country.yaml: segments[0].share: "
        "shares of the top-level segments sum to 107.00%, not 100% (tolerance 0.1 pp)"
    ]


def test_a_folder_removed_from_the_working_tree_is_read_from_the_revision(repo: Path, monkeypatch):
    monkeypatch.chdir(repo)
    shutil.rmtree(repo / "data" / "nordic-robotics")
    assert anchor_2026(open_edition("nordic-robotics@HEAD", Path("data"))) == 950
    assert anchor_2026(open_edition("data/nordic-robotics@v1", Path("data"))) == 905
