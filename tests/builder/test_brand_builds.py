"""Builds in a brand: where the brand file is found, and its files as build inputs (a change
rebuilds what shows it, and only that; nothing changed, nothing is done)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.builder.test_build import rg
from tests.conftest import NORDIC
from tests.data.test_brand import EXAMPLE


@pytest.fixture()
def data(tmp_path: Path) -> Path:
    """A data root holding the made-up market and, as the firm's default, the example brand."""
    folder = tmp_path / "data"
    shutil.copytree(NORDIC, folder / "nordic-robotics")
    shutil.copytree(EXAMPLE, folder, dirs_exist_ok=True)
    return folder


def build(data: Path, out: Path, *more: str, check: int = 0):
    return rg("--data-dir", str(data), "build", "nordic-robotics", "--format", "xlsx,html", "--out", str(out), *more, check=check)


def test_the_data_roots_brand_is_worn_and_a_report_folders_overrides_it(data: Path, tmp_path: Path):
    build(data, tmp_path / "out")
    page = (tmp_path / "out" / "nordic-robotics" / "nordic-robotics.html").read_text()
    assert "--accent: #006D77;" in page and 'font-family: "Noto Serif"' in page
    (data / "nordic-robotics" / "_brand.yml").write_text("color:\n  primary: '#7A1F5C'\n")  # the report's own look
    proc = build(data, tmp_path / "out")
    assert "built 2" in proc.stdout
    page = (tmp_path / "out" / "nordic-robotics" / "nordic-robotics.html").read_text()
    assert "--accent: #7A1F5C;" in page and "Noto Serif" not in page  # over the house brand, not the firm's


def test_a_change_to_a_brand_file_rebuilds_only_what_shows_it(data: Path, tmp_path: Path):
    out = tmp_path / "out"
    build(data, out)
    assert "nothing to do" in build(data, out).stdout  # a brand changes nothing by being there
    font = data / "fonts" / "NotoSerif-Bold.ttf"
    font.write_bytes(font.read_bytes() + b"\0")  # the web edition embeds it; the workbook is set in Cambria
    plan = build(data, out, "--dry-run").stdout
    assert "build\tnordic-robotics/nordic-robotics.html\tinputs changed: brand/font:fonts/NotoSerif-Bold.ttf" in plan, plan
    assert "up to date\tnordic-robotics/nordic-robotics.xlsx" in plan
    (data / "logo" / "meridian.png").write_bytes((EXAMPLE / "logo" / "meridian.png").read_bytes()[:3000])
    proc = build(data, out, check=2)  # a damaged logo: the brand is refused, nothing is written
    assert "data/_brand.yml: logo.images.wordmark: meridian.png: a damaged or truncated PNG image" in proc.stderr
    assert "nordic-robotics: invalid input, not built" in proc.stderr and "Traceback" not in proc.stderr


def test_brand_on_the_command_line_is_worn_by_every_report(tmp_path: Path):
    out = tmp_path / "out"
    rg("build", str(NORDIC), "--format", "html", "--out", str(out), "--brand", str(EXAMPLE / "_brand.yml"))
    assert "--accent: #006D77;" in (out / "nordic-robotics" / "nordic-robotics.html").read_text()


def test_the_firms_brand_is_loaded_and_hashed_once_for_a_batch_of_reports(data: Path, tmp_path: Path, monkeypatch):
    """The data root's brand, worn by every report of the batch, is read once a build however
    many reports wear it: on the first build (every report analysed) and on the next (settled)."""
    import reportgen
    from reportgen.data import brand, brand_files

    firm = data / "_brand.yml"
    for i in range(2):
        shutil.copytree(data / "nordic-robotics", data / f"copy-{i}")
        report = data / f"copy-{i}" / "report.yaml"
        report.write_text(report.read_text().replace("id: nordic-robotics", f"id: copy-{i}"))
    reports = ["nordic-robotics", "copy-0", "copy-1"]
    calls: dict[str, list[Path]] = {"load_brand": [], "brand_inputs": []}
    for module, name in ((brand, "load_brand"), (brand_files, "brand_inputs")):
        real = getattr(module, name)
        monkeypatch.setattr(module, name, lambda path, real=real, name=name: calls[name].append(path) or real(path))
    first = reportgen.build(reports, data_dir=data, formats=["xlsx"], out=tmp_path / "out", jobs=1)
    assert len(first.built) == 3 and calls == {"load_brand": [firm], "brand_inputs": [firm]}
    again = reportgen.build(reports, data_dir=data, formats=["xlsx"], out=tmp_path / "out", jobs=1)
    assert len(again.skipped) == 3 and calls == {"load_brand": [firm], "brand_inputs": [firm, firm]}
    assert [p for p in reportgen.check(reports, data_dir=data) if p.severity == "error"] == []
    assert calls["load_brand"] == [firm, firm]  # check, too, loads it once for its three reports
