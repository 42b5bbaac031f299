"""Planning by change: a report whose files hash as when its outputs were built is settled from the
manifest without analysing it, whatever else the batch holds; anything that could change the
analysis's verdict analyses it again."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

import reportgen
from reportgen.builder.manifest import Manifest
from reportgen.builder.planning import Changed, Options, Plan, survey
from reportgen.builder.variants import DEFAULT
from reportgen.cli import main
from tests.builder.test_build import rg
from tests.conftest import LATAM, NORDIC, ROOT


@pytest.fixture()
def built(tmp_path: Path) -> tuple[Path, Path]:
    """A data dir holding nordic-robotics, and an output root where its workbook was built."""
    data = tmp_path / "data"
    shutil.copytree(NORDIC, data / "nordic-robotics")
    out = tmp_path / "out"
    rg("--data-dir", str(data), "build", "nordic-robotics", "--format", "xlsx", "--out", str(out))
    return data, out


def _options(out: Path, **more) -> Options:
    return Options(("xlsx",), (DEFAULT,), out, **more)


def settled(refs: list[str], data_dir: Path, options: Options, manifest: Manifest) -> Plan | None:
    """The survey's plan when it settles every report without analysis, else None."""
    found = survey(refs, data_dir, options, manifest)
    return None if found.changed or found.invalid else found


@pytest.fixture()
def no_analysis(monkeypatch):
    """Analysing any report fails the test."""
    def refuse(*_args, **_kwargs):
        raise AssertionError("the report was analysed")

    monkeypatch.setattr("reportgen.data.analysis.analyse", refuse)


def test_a_build_with_nothing_to_do_does_not_analyse_the_report(built: tuple[Path, Path], no_analysis):
    data, out = built
    planned = settled(["nordic-robotics"], data, _options(out), Manifest(out))
    assert planned is not None and [j.rel for j in planned.jobs] == ["nordic-robotics/nordic-robotics.xlsx"]
    assert all(j.reason is None for j in planned.jobs) and all(u.analysis is None for u in planned.units)
    result = CliRunner().invoke(main, ["--data-dir", str(data), "build", "nordic-robotics", "--format", "xlsx", "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert "nothing to do" in result.output and "built 0, skipped 1, failed 0" in result.output


def test_a_no_op_build_imports_neither_the_data_layer_nor_a_typesetter(built: tuple[Path, Path]):
    data, out = built
    probe = ("import sys\nfrom reportgen.cli import main\n"
             f"try:\n    main(['--data-dir', {str(data)!r}, 'build', 'nordic-robotics', '--format', 'xlsx', '--out', {str(out)!r}])\n"
             "except SystemExit:\n    pass\n"
             "heavy = ('pydantic', 'reportgen.data.compute', 'weasyprint', 'xlsxwriter', 'http.server')\n"
             "print(sorted(m for m in heavy if m in sys.modules))")
    proc = subprocess.run([sys.executable, "-c", probe], cwd=ROOT, capture_output=True, text=True)
    assert "nothing to do" in proc.stdout and proc.stdout.rstrip().endswith("[]"), proc.stdout + proc.stderr


def test_an_edited_report_is_analysed_and_rebuilt(built: tuple[Path, Path]):
    data, out = built
    report = data / "nordic-robotics" / "report.yaml"
    report.write_text(report.read_text() + "\n# a comment changes the file, so its analysis is not taken as read\n")
    assert settled(["nordic-robotics"], data, _options(out), Manifest(out)) is None
    proc = rg("--data-dir", str(data), "build", "nordic-robotics", "--format", "xlsx", "--out", str(out))
    assert "built 1, skipped 0" in proc.stdout


def test_a_new_file_in_the_report_folder_is_analysed(built: tuple[Path, Path]):
    data, out = built
    dimensions = data / "nordic-robotics" / "dimensions"
    first = sorted(dimensions.glob("*.yaml"))[0]
    shutil.copy(first, dimensions / "zz-copy.yaml")  # a second dimension of the same name: invalid
    assert settled(["nordic-robotics"], data, _options(out), Manifest(out)) is None


def test_a_built_report_made_invalid_fails_the_build(built: tuple[Path, Path]):
    data, out = built
    report = data / "nordic-robotics" / "report.yaml"
    report.write_text(report.read_text().replace("value: 905,", "value: -905,"))
    proc = rg("--data-dir", str(data), "build", "nordic-robotics", "--format", "xlsx", "--out", str(out), check=2)
    assert "report.yaml" in proc.stderr and "invalid input, not built" in proc.stderr


def test_strict_refuses_a_built_report_whose_analysis_warned(tmp_path: Path):
    out = tmp_path / "out"
    rg("build", str(LATAM), "--format", "xlsx", "--out", str(out))  # latam-cgt states a CAGR its figures do not give
    assert settled([str(LATAM)], ROOT / "data", Options(("xlsx",), (DEFAULT,), out), Manifest(out)) is not None
    assert settled([str(LATAM)], ROOT / "data", Options(("xlsx",), (DEFAULT,), out, strict=True), Manifest(out)) is None
    proc = rg("build", str(LATAM), "--format", "xlsx", "--out", str(out), "--strict", check=2)
    assert "market.stated_cagr" in proc.stderr


def test_an_edition_in_english_says_so_on_every_build_without_analysing_it_again(built: tuple[Path, Path], analysed: list[Path]):
    data, out = built
    args = ["--data-dir", str(data), "build", "nordic-robotics", "--format", "xlsx", "--lang", "es", "--out", str(out)]
    first = rg(*args)
    again = rg(*args)
    assert "built 1" in first.stdout and "nothing to do" in again.stdout
    assert "have no es translation" in first.stderr and "have no es translation" in again.stderr
    result = reportgen.build("nordic-robotics", data_dir=data, formats=["xlsx"], languages=["es"], out=out)
    assert analysed == [] and result.summary == "built 0, skipped 1, failed 0"
    assert [f"warning: {w}" for w in result.warnings] == [line for line in again.stderr.splitlines() if line.startswith("warning: ")]
    assert any("37 data text(s) of nordic-robotics have no es translation" in w.message for w in result.warnings)
    with pytest.raises(reportgen.ReportError, match="have no es translation"):  # --strict refuses it, analysed
        reportgen.build("nordic-robotics", data_dir=data, formats=["xlsx"], languages=["es"], out=out, strict=True)
    assert analysed == [data / "nordic-robotics"]


# --- a tree of many reports, one edited --------------------------------------------------------

TREE = 100


@pytest.fixture(scope="module")
def tree(tmp_path_factory) -> tuple[Path, Path]:
    """A data dir of 100 copies of nordic-robotics (ids market-000...), their workbooks built once."""
    root = tmp_path_factory.mktemp("tree")
    data, out = root / "data", root / "out"
    text = (NORDIC / "report.yaml").read_text()
    for i in range(TREE):
        folder = data / f"market-{i:03d}"
        shutil.copytree(NORDIC, folder)
        (folder / "report.yaml").write_text(text.replace("id: nordic-robotics", f"id: market-{i:03d}"))
    result = reportgen.build(data_dir=data, formats=["xlsx"], out=out, jobs=2)
    assert len(result.built) == TREE
    return data, out


@pytest.fixture()
def analysed(monkeypatch) -> list[Path]:
    """The report folders analysed from here on, in order."""
    from reportgen.data import analysis

    folders: list[Path] = []
    real = analysis.analyse

    def counted(folder: Path, *args, **kwargs):
        folders.append(Path(folder))
        return real(folder, *args, **kwargs)

    monkeypatch.setattr(analysis, "analyse", counted)
    return folders


def test_in_a_tree_of_100_reports_only_the_edited_one_is_analysed_and_rebuilt(tree: tuple[Path, Path], analysed: list[Path],
                                                                               tmp_path: Path):
    data, built = tree
    out = tmp_path / "out"
    shutil.copytree(built, out)
    edited = data / "market-042" / "report.yaml"
    original = edited.read_text()
    edited.write_text(original.replace("value: 905,", "value: 910,"))
    try:
        found = survey(sorted(p.name for p in data.iterdir()), data, _options(out), Manifest(out))
        assert found.changed == [Changed("market-042", data / "market-042")] and len(found.units) == TREE - 1
        assert all(u.analysis is None for u in found.units), "no analysis is held for a settled report"
        assert analysed == []
        planned = reportgen.plan(data_dir=data, formats=["xlsx"], out=out)
        assert [o.path.name for o in planned.outputs if o.stale] == ["market-042.xlsx"] and len(planned.outputs) == TREE
        result = reportgen.build(data_dir=data, formats=["xlsx"], out=out)
        assert analysed == [data / "market-042", data / "market-042"]  # once by the plan above, once by the build
        assert [o.path for o in result.built] == [out / "market-042" / "market-042.xlsx"]
        assert len(result.skipped) == TREE - 1 and result.ok
        again = reportgen.build(data_dir=data, formats=["xlsx"], out=out)
        assert len(analysed) == 2 and len(again.skipped) == TREE, "the rebuilt report is settled by its new record"
    finally:
        edited.write_text(original)
