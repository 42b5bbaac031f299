"""The layout cache as analysts and CI meet it: an edit lays out only the parts that show it, a
client edition only its cover, builds sharing a cache stay correct, and bytes never depend on
the cache, the number of workers or the run."""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from reportgen.builder.cache import CACHE_DIR, PartCache, part_key
from reportgen.data import analyse
from reportgen.model import build_report
from reportgen.writers import pdf
from reportgen.writers.pdf.parts import PartResult
from tests.builder.test_build import manifest, png
from tests.conftest import NORDIC, ROOT

PDF = "nordic-robotics/nordic-robotics.pdf"


@pytest.fixture()
def data(tmp_path: Path) -> Path:
    folder = tmp_path / "data"
    shutil.copytree(NORDIC, folder / "nordic-robotics")
    png(folder / "logo.png")
    (folder / "variants.yaml").write_text(
        "variants:\n  cover:\n    client: Cover Client AB\n    logo: logo.png\n"
        "  north:\n    client: North AB\n    accent: '#7A1F5C'\n")
    return folder


def build(data: Path, out: Path, *more: str, env: dict | None = None) -> subprocess.CompletedProcess:
    proc = subprocess.run([sys.executable, "-m", "reportgen", "--data-dir", str(data), "build", "nordic-robotics", "--format", "pdf",
                           "--out", str(out), *more], cwd=ROOT, capture_output=True, text=True, env={**os.environ, **(env or {})})
    assert proc.returncode == 0, proc.stdout + proc.stderr
    return proc


def layouts(proc: subprocess.CompletedProcess) -> tuple[list[str], int]:
    """The parts a build laid out (not taken from the cache), and how many parts the PDF has."""
    found = re.search(r"laid out (\d+) of (\d+) parts(?: \((.*?)\))?", proc.stdout)
    assert found, proc.stdout
    names = found[3].split(", ") if found[3] else []
    assert len(names) == int(found[1])
    return sorted(names), int(found[2])


def first_batch(folder: Path) -> dict[str, str]:
    """Part name -> digest of the cover and body parts of a report folder's PDF."""
    return {spec.name: spec.digest for spec in pdf.parts(build_report(analyse(folder))).send(None)}


def test_editing_one_dimension_lays_out_only_the_parts_that_show_it(data: Path, tmp_path: Path):
    out = tmp_path / "out"
    cold, parts = layouts(build(data, out))
    assert len(cold) == parts  # an empty cache: everything laid out
    before = first_batch(data / "nordic-robotics")
    dimension = data / "nordic-robotics" / "dimensions" / "c-buyer.yaml"
    text = dimension.read_text()
    dimension.write_text(re.sub(r"growth: (\d+)", lambda m: f"growth: {int(m[1]) + 3}", text, count=1))
    after = first_batch(data / "nordic-robotics")
    changed = sorted(name for name in after if before.get(name) != after[name])
    laid_out, parts_again = layouts(build(data, out))
    assert parts_again == parts
    assert "s-dim-buyer" in changed and "cover" not in changed and len(changed) <= len(after) - 2
    assert [n for n in laid_out if n not in ("contents", "chrome")] == changed  # the contents' numbers did not move
    rebuilt = (out / PDF).read_bytes()
    fresh = tmp_path / "fresh"
    build(data, fresh)
    assert (fresh / PDF).read_bytes() == rebuilt  # from the cache or not, the same bytes


def test_a_client_edition_that_differs_on_the_cover_lays_out_only_the_cover(data: Path, tmp_path: Path):
    out = tmp_path / "out"
    build(data, out)
    laid_out, parts = layouts(build(data, out, "--variant", "cover"))
    assert laid_out == ["cover"] and parts > 5
    from pypdf import PdfReader

    reader = PdfReader(out / "nordic-robotics" / "cover" / "nordic-robotics.pdf")
    assert "Cover Client AB" in reader.pages[0].extract_text() and reader.pages[0].images
    house = PdfReader(out / PDF)
    assert [p.extract_text() for p in reader.pages[1:]] == [p.extract_text() for p in house.pages[1:]]


def test_two_builds_sharing_a_cache_are_both_right(data: Path, tmp_path: Path):
    out = tmp_path / "out"
    args = [sys.executable, "-m", "reportgen", "--data-dir", str(data), "build", "nordic-robotics", "--format", "pdf",
            "--out", str(out)]
    runs = [subprocess.Popen([*args, *more], cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
            for more in (["--variant", "cover"], ["--variant", "north", "--lang", "en"])]
    for run in runs:
        stdout, stderr = run.communicate(timeout=240)
        assert run.returncode == 0, stdout + stderr
    for rel, entry in manifest(out).items():
        assert hashlib.sha256((out / rel).read_bytes()).hexdigest() == entry["sha256"]
    cache = out / CACHE_DIR
    assert not list(out.rglob(".reportgen-tmp-*"))
    for meta in cache.glob("*.json"):  # every entry whole: its PDF is the one its JSON names
        assert hashlib.sha256(meta.with_suffix(".pdf").read_bytes()).hexdigest() == json.loads(meta.read_text())["sha256"]
    again = tmp_path / "again"
    shutil.copytree(cache, again / CACHE_DIR)
    laid_out, _ = layouts(build(data, again, "--variant", "cover"))
    assert laid_out == []  # all of it cached by the two builds
    rel = "nordic-robotics/cover/nordic-robotics.pdf"
    assert (again / rel).read_bytes() == (out / rel).read_bytes()


def test_pdfs_are_byte_identical_across_cold_builds_and_worker_counts(data: Path, tmp_path: Path):
    first = build(data, tmp_path / "one", "--jobs", "1", "--variant", "north")
    build(data, tmp_path / "two", "--jobs", "2", "--variant", "north")
    build(data, tmp_path / "one", "--jobs", "2", "--variant", "north", "--force")  # all from the cache
    rel = "nordic-robotics/north/nordic-robotics.pdf"
    assert (tmp_path / "one" / rel).read_bytes() == (tmp_path / "two" / rel).read_bytes()
    assert layouts(first)[0]


def test_the_cache_is_pruned_to_its_cap_least_recently_used_first(tmp_path: Path):
    cache = PartCache(tmp_path / "cache")
    for i in range(5):
        cache.put(f"k{i}", PartResult(bytes(1000), ("",), {}))
        os.utime(cache.folder / f"k{i}.json", (time.time() - 100 + i, time.time() - 100 + i))
    assert cache.get("k0") is not None  # a hit makes k0 the most recently used
    entry = sum(p.stat().st_size for p in cache.folder.glob("k0.*"))
    removed = cache.prune(3 * entry)
    assert sorted(removed) == ["k1", "k2"]
    assert cache.get("k0") and cache.get("k3") and cache.get("k4") and cache.get("k1") is None


def test_a_broken_entry_is_a_miss_and_a_cache_that_cannot_be_written_no_error(tmp_path: Path):
    cache = PartCache(tmp_path / "cache")
    cache.put("k", PartResult(b"%PDF-1.7 whole", ("",), {"s-a": 0}))
    assert cache.get("k") == PartResult(b"%PDF-1.7 whole", ("",), {"s-a": 0})
    (cache.folder / "k.pdf").write_bytes(b"%PDF-1.7 half")
    assert cache.get("k") is None
    (cache.folder / "j.json").write_text("not json")
    assert cache.get("j") is None
    blocked = PartCache(tmp_path / "file")
    (tmp_path / "file").write_text("a file where the folder should be")
    blocked.put("k", PartResult(b"x", ("",), {}))
    assert blocked.get("k") is None


def test_keys_follow_content_not_names(nordic_report):
    specs = pdf.parts(nordic_report).send(None)
    keys = [part_key(spec) for spec in specs]
    assert len(set(keys)) == len(keys) and all(re.fullmatch(r"[0-9a-f]{64}", k) for k in keys)
    assert [part_key(spec) for spec in pdf.parts(nordic_report).send(None)] == keys


def test_cap_zero_turns_the_cache_off(data: Path, tmp_path: Path):
    out = tmp_path / "out"
    build(data, out, env={"REPORTGEN_PDF_CACHE_MB": "0"})
    laid_out, parts = layouts(build(data, out, "--force", env={"REPORTGEN_PDF_CACHE_MB": "0"}))
    assert len(laid_out) == parts and not list((out / CACHE_DIR).glob("*"))
