"""The builder as CI and analysts use it: incremental, parallel, variants, manifest, exit codes."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import signal
import struct
import subprocess
import sys
import time
import zlib
from pathlib import Path

import pytest

from reportgen.builder.cache import CACHE_DIR
from reportgen.builder.manifest import LOCK
from reportgen.style import OFFICE_METRIC_FILES
from tests.conftest import LATAM, NORDIC, ROOT

FORMATS = ("pdf", "pptx", "xlsx")


def rg(*args: str, cwd: Path = ROOT, check: int | None = 0) -> subprocess.CompletedProcess:
    proc = subprocess.run([sys.executable, "-m", "reportgen", *args], cwd=cwd, capture_output=True, text=True)
    if check is not None:
        assert proc.returncode == check, proc.stdout + proc.stderr
    return proc


def png(path: Path, rgb: tuple[int, int, int] = (200, 30, 60)) -> Path:
    """A tiny valid PNG (8x8, one colour), written without any imaging library."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    raw = b"".join(b"\x00" + bytes(rgb) * 8 for _ in range(8))
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", 8, 8, 8, 2, 0, 0, 0))
                     + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b""))
    return path


def tree(root: Path) -> dict[str, bytes]:
    """Every file under an output root (temp files included) but the manifest's empty lock file and the layout cache."""
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*"))
            if p.is_file() and p.name != LOCK and not p.relative_to(root).is_relative_to(CACHE_DIR)}


def manifest(out: Path) -> dict:
    return json.loads((out / "manifest.json").read_text())["outputs"]


def without_durations(entries: dict) -> dict:
    return {k: {f: v for f, v in e.items() if f != "duration_s"} for k, e in entries.items()}


@pytest.fixture(scope="module")
def workspace(tmp_path_factory) -> Path:
    """A data dir with both markets and a variants file; nordic built once, house edition and acme."""
    ws = tmp_path_factory.mktemp("ws")
    shutil.copytree(NORDIC, ws / "data" / "nordic-robotics")
    shutil.copytree(LATAM, ws / "data" / "latam-cgt")
    png(ws / "data" / "acme.png")
    (ws / "data" / "variants.yaml").write_text(
        "variants:\n"
        "  acme:\n    client: Acme <Pharma> & Co\n    logo: acme.png\n    accent: '#7A1F5C'\n"
        "    palette: ['#7A1F5C', '#005F73', '#E69F00', '#56B4E9', '#009E73', '#8C8C8C']\n"
        "  slides-only:\n    client: Beta Labs\n    formats: [pptx]\n"
    )
    rg("--data-dir", str(ws / "data"), "build", "nordic-robotics", "--out", str(ws / "out"))
    rg("--data-dir", str(ws / "data"), "build", "nordic-robotics", "--variant", "acme", "--out", str(ws / "out"))
    return ws


HOUSE = [f"nordic-robotics/nordic-robotics.{f}" for f in FORMATS]
ACME = [f"nordic-robotics/acme/nordic-robotics.{f}" for f in FORMATS]


def data_args(ws: Path) -> list[str]:
    return ["--data-dir", str(ws / "data")]


def test_outputs_and_manifest(workspace: Path):
    out = workspace / "out"
    entries = manifest(out)
    assert sorted(entries) == sorted(HOUSE + ACME)
    for rel, entry in entries.items():
        data = (out / rel).read_bytes()
        assert entry["sha256"] == hashlib.sha256(data).hexdigest()
        assert entry["size"] == len(data)
        assert entry["path"] == rel and entry["format"] == rel.rsplit(".", 1)[1]
        assert len(entry["inputs_hash"]) == 64 and "report/report.yaml" in entry["inputs"]
        assert entry["duration_s"] > 0 and entry["warnings"] == []
    assert entries[ACME[0]]["variant"] == "acme" and entries[HOUSE[0]]["variant"] is None
    assert "package/writers/pdf/templates/report.html.j2" in entries["nordic-robotics/nordic-robotics.pdf"]["inputs"]
    xlsx_package = {k for k in entries["nordic-robotics/nordic-robotics.xlsx"]["inputs"] if k.startswith("package/")}
    assert xlsx_package == {f"package/fonts/{p.name}" for p in OFFICE_METRIC_FILES.values()}  # measured with them, no template
    text = (out / "manifest.json").read_text()
    assert text == json.dumps(json.loads(text), indent=2, sort_keys=True) + "\n"  # stable order, diffs well


def test_noop_rebuild_renders_nothing(workspace: Path):
    before = tree(workspace / "out")
    proc = rg(*data_args(workspace), "build", "nordic-robotics", "--out", str(workspace / "out"))
    assert "nothing to do" in proc.stdout and "built 0, skipped 3, failed 0" in proc.stdout
    proc = rg(*data_args(workspace), "build", "nordic-robotics", "--variant", "acme", "--out", str(workspace / "out"))
    assert "nothing to do" in proc.stdout
    assert tree(workspace / "out") == before


def test_changed_data_rebuilds_only_that_report(workspace: Path, tmp_path: Path):
    ws = tmp_path
    shutil.copytree(workspace / "data", ws / "data")
    shutil.copytree(workspace / "out", ws / "out")
    dry = rg(*data_args(ws), "build", "--out", str(ws / "out"), "--dry-run").stdout
    assert "up to date\tnordic-robotics/nordic-robotics.pdf" in dry
    assert "build\tlatam-cgt/latam-cgt.pdf\tnew output" in dry
    report = ws / "data" / "nordic-robotics" / "report.yaml"
    report.write_text(report.read_text().replace("value: 905,", "value: 910,"))
    dry = rg(*data_args(ws), "build", "nordic-robotics", "--out", str(ws / "out"), "--dry-run").stdout
    assert dry.count("inputs changed: report/report.yaml") == 3


def test_changed_template_rebuilds_only_the_formats_using_it(workspace: Path, monkeypatch, tmp_path: Path):
    from reportgen.builder import digests, planning
    from reportgen.builder.manifest import Manifest
    from reportgen.builder.variants import DEFAULT
    from reportgen.resources import PACKAGE_DIR

    package = tmp_path / "reportgen"
    shutil.copytree(PACKAGE_DIR, package, ignore=shutil.ignore_patterns("__pycache__"))
    monkeypatch.setattr(digests, "PACKAGE_DIR", package)
    digests.package_data_digests.cache_clear()
    try:
        template = package / "writers" / "pdf" / "templates" / "report.html.j2"
        template.write_text(template.read_text() + "\n{# edited #}\n")
        options = planning.Options(FORMATS, (DEFAULT,), workspace / "out")
        planned = planning.plan(["nordic-robotics"], workspace / "data", options, Manifest(workspace / "out"))
        reasons = {j.fmt: j.reason for j in planned.jobs}
        assert reasons == {"pdf": "inputs changed: package/writers/pdf/templates/report.html.j2", "pptx": None, "xlsx": None}
    finally:
        digests.package_data_digests.cache_clear()


def test_force_and_double_build_are_byte_identical(workspace: Path, tmp_path: Path):
    out = tmp_path / "again"
    proc = rg(*data_args(workspace), "build", "nordic-robotics", "--out", str(out), "--force", "--jobs", "2")
    assert "built 3, skipped 0, failed 0" in proc.stdout
    first = {k: v for k, v in tree(workspace / "out").items() if k in HOUSE}
    second = tree(out)
    second.pop("manifest.json")
    assert first == second  # whatever order the two workers finished in
    house = {k: v for k, v in manifest(workspace / "out").items() if k in HOUSE}
    assert without_durations(house) == without_durations(manifest(out))


def test_variants_in_every_format(workspace: Path, tmp_path: Path):
    out = tmp_path / "out"
    shutil.copytree(workspace / "out", out)
    proc = rg(*data_args(workspace), "build", "nordic-robotics", "--variant", "acme", "--variant", "slides-only", "--out", str(out))
    assert "built 1, skipped 3," in proc.stdout  # acme is up to date; slides-only gets pptx only
    acme = out / "nordic-robotics" / "acme"
    assert sorted(p.name for p in acme.iterdir()) == [f"nordic-robotics.{f}" for f in FORMATS]
    assert sorted(p.name for p in (out / "nordic-robotics" / "slides-only").iterdir()) == ["nordic-robotics.pptx"]

    from openpyxl import load_workbook
    from pptx import Presentation
    from pypdf import PdfReader

    client = "Acme <Pharma> & Co"
    pdf = PdfReader(acme / "nordic-robotics.pdf")
    assert client in pdf.pages[0].extract_text()
    assert any(page.images for page in pdf.pages[:1]), "logo on the cover"
    deck = Presentation(acme / "nordic-robotics.pptx")
    first = deck.slides[0]
    assert any(client in s.text_frame.text for s in first.shapes if s.has_text_frame)
    assert any(s.shape_type == 13 for s in first.shapes), "logo picture on the title slide"
    book = load_workbook(acme / "nordic-robotics.xlsx")
    cells = [str(c.value) for row in book.worksheets[0].iter_rows() for c in row if c.value]
    assert any(client in c for c in cells)
    house = Presentation(out / "nordic-robotics" / "nordic-robotics.pptx")
    assert not any("Acme" in s.text_frame.text for s in house.slides[0].shapes if s.has_text_frame)


def test_unknown_variant_and_missing_logo_are_invalid_input(workspace: Path, tmp_path: Path):
    proc = rg(*data_args(workspace), "build", "nordic-robotics", "--variant", "nope", "--out", str(tmp_path), check=2)
    assert "variants.yaml: variants: unknown variant 'nope' (known: acme, slides-only)" in proc.stderr
    bad = tmp_path / "variants.yaml"
    bad.write_text("variants:\n  x:\n    logo: missing.png\n")
    proc = rg(*data_args(workspace), "build", "nordic-robotics", "--variants", str(bad), "--variant", "x", "--out", str(tmp_path), check=2)
    assert "variants.yaml: variants.x.logo: logo file not found" in proc.stderr
    assert "Traceback" not in proc.stderr


def test_one_invalid_report_does_not_stop_the_batch(workspace: Path, tmp_path: Path):
    data = tmp_path / "data"
    shutil.copytree(workspace / "data", data)
    broken = data / "latam-cgt" / "dimensions" / "07-country.yaml"
    broken.write_text(broken.read_text().replace("share: 38,", "share: 60,"))
    proc = rg("--data-dir", str(data), "build", "--format", "xlsx", "--out", str(tmp_path / "out"), check=2)
    assert "07-country.yaml: segments[5].share:" in proc.stderr and "113.00%" in proc.stderr
    assert "latam-cgt: invalid input, not built" in proc.stderr
    assert "built 1, skipped 0, failed 0, invalid 1" in proc.stdout
    assert (tmp_path / "out" / "nordic-robotics" / "nordic-robotics.xlsx").is_file()


def test_a_failing_output_exits_1_and_keeps_the_previous_file(workspace: Path, tmp_path: Path):
    data = tmp_path / "data"
    shutil.copytree(workspace / "data", data)
    (data / "acme.png").write_bytes(b"this is not an image")
    with (data / "variants.yaml").open("a") as fh:
        fh.write("  plain:\n    client: Plain Co\n")
    out = tmp_path / "out"
    shutil.copytree(workspace / "out", out)
    previous = (out / "nordic-robotics" / "acme" / "nordic-robotics.pdf").read_bytes()
    proc = rg("--data-dir", str(data), "build", "nordic-robotics", "--variant", "acme", "--variant", "plain",
              "--format", "pdf", "--out", str(out), check=1)
    assert "failed nordic-robotics/acme/nordic-robotics.pdf" in proc.stderr and "acme.png" in proc.stderr
    assert "built 1, skipped 0, failed 1" in proc.stdout  # the batch went on: plain's PDF built
    assert (out / "nordic-robotics" / "plain" / "nordic-robotics.pdf").is_file()
    assert (out / "nordic-robotics" / "acme" / "nordic-robotics.pdf").read_bytes() == previous
    assert not list(out.rglob(".reportgen-tmp-*"))


def test_strict_turns_warnings_into_invalid_input(workspace: Path, tmp_path: Path):
    proc = rg(*data_args(workspace), "build", "latam-cgt", "--strict", "--format", "xlsx", "--out", str(tmp_path), check=2)
    assert "market.stated_cagr" in proc.stderr


def test_interrupted_build_leaves_previous_outputs_intact(workspace: Path, tmp_path: Path):
    out = tmp_path / "out"
    shutil.copytree(workspace / "out", out)
    old = tree(out)
    initial = len(manifest(out))
    names = [f"v{i}" for i in range(6)]
    (tmp_path / "variants.yaml").write_text("variants:\n" + "".join(f"  {n}:\n    client: Client {n}\n" for n in names))
    flags = [a for n in names for a in ("--variant", n)]
    proc = subprocess.Popen(
        [sys.executable, "-m", "reportgen", *data_args(workspace), "build", "nordic-robotics", "--variants",
         str(tmp_path / "variants.yaml"), *flags, "--force", "--jobs", "2", "--out", str(out)],
        cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )
    deadline = time.time() + 60
    while time.time() < deadline and len(manifest(out)) <= initial:  # wait for at least one new output
        time.sleep(0.05)
    os.kill(proc.pid, signal.SIGTERM)
    stdout, stderr = proc.communicate(timeout=60)
    assert proc.returncode == 130, stdout + stderr
    assert "interrupted" in stderr
    assert not list(out.rglob(".reportgen-tmp-*"))
    entries = manifest(out)
    assert initial < len(entries) < initial + 3 * len(names), "interrupted after one output, before the end"
    for rel, entry in entries.items():  # every listed output is complete and matches the manifest
        assert hashlib.sha256((out / rel).read_bytes()).hexdigest() == entry["sha256"]
    now = tree(out)
    for rel, data in old.items():
        if rel != "manifest.json":
            assert now[rel] == data or rel in entries


def test_clean_removes_only_outputs(workspace: Path, tmp_path: Path):
    out = tmp_path / "out"
    shutil.copytree(workspace / "out", out)
    (out / "notes.txt").write_text("mine")
    proc = rg("clean", "--out", str(out))
    assert "removed" in proc.stdout
    assert [p.name for p in out.iterdir()] == ["notes.txt"]


def test_output_bytes_do_not_depend_on_the_hash_seed(workspace: Path, tmp_path: Path):
    trees = []
    for seed in ("1", "2"):
        out = tmp_path / f"seed-{seed}"
        proc = subprocess.run([sys.executable, "-m", "reportgen", *data_args(workspace), "build", "nordic-robotics", "--out",
                               str(out), "--jobs", "2"], cwd=ROOT, capture_output=True, text=True,
                              env={**os.environ, "PYTHONHASHSEED": seed})
        assert proc.returncode == 0, proc.stdout + proc.stderr
        trees.append({k: v for k, v in tree(out).items() if k != "manifest.json"})
    assert trees[0] == trees[1] and len(trees[0]) == 3
