"""``manifest.json``: what one build records is what the next build reads back, in a stable
order, and a manifest that cannot be read costs a rebuild rather than a failure."""

from __future__ import annotations

import json
from pathlib import Path

from reportgen.builder import manifest as manifest_module
from reportgen.builder.manifest import FLUSH_SECONDS, MANIFEST, SCHEMA_VERSION, Manifest

ENTRY = {"sha256": "ab" * 32, "size": 1234, "inputs": {"report/report.yaml": "cd" * 32}, "warnings": []}


def test_a_recorded_entry_is_saved_at_once_and_read_back_by_the_next_build(tmp_path: Path):
    Manifest(tmp_path).record("nordic/nordic.pdf", ENTRY)  # no explicit save: an interrupted build keeps it
    again = Manifest(tmp_path)
    assert again.get("nordic/nordic.pdf") == ENTRY
    assert again.get("nordic/nordic.xlsx") is None


def test_entries_and_their_keys_are_written_in_sorted_order(tmp_path: Path):
    manifest = Manifest(tmp_path)
    manifest.record("b/b.pptx", {"size": 2, "sha256": "x"})
    manifest.record("a/a.pdf", {"warnings": [], "duration_s": 0.5})
    manifest.flush()
    text = (tmp_path / MANIFEST).read_text()
    assert text.endswith("}\n")
    assert text.index('"a/a.pdf"') < text.index('"b/b.pptx"')
    assert text.index('"duration_s"') < text.index('"warnings"') and text.index('"sha256"') < text.index('"size"')
    assert list(json.loads(text)) == ["outputs", "version"]
    assert json.loads(text)["version"] == SCHEMA_VERSION


def test_the_same_entries_give_the_same_file_whatever_the_recording_order(tmp_path: Path):
    first, second = tmp_path / "first", tmp_path / "second"
    for root, order in ((first, ["a", "b", "c"]), (second, ["c", "a", "b"])):
        manifest = Manifest(root)
        for name in order:
            manifest.record(f"{name}/{name}.pdf", ENTRY)
        manifest.flush()
    assert (first / MANIFEST).read_bytes() == (second / MANIFEST).read_bytes()


def test_an_unreadable_manifest_means_everything_is_rebuilt_and_it_is_rewritten(tmp_path: Path):
    (tmp_path / MANIFEST).write_text('{"version": 1, "outputs": {"a/a.pdf": ')  # cut off mid-write by another tool
    manifest = Manifest(tmp_path)
    assert manifest.outputs == {}
    manifest.record("a/a.pdf", ENTRY)
    assert json.loads((tmp_path / MANIFEST).read_text())["outputs"] == {"a/a.pdf": ENTRY}


def test_a_manifest_of_another_schema_version_is_ignored(tmp_path: Path):
    (tmp_path / MANIFEST).write_text(json.dumps({"version": SCHEMA_VERSION + 1, "outputs": {"a/a.pdf": ENTRY}}))
    assert Manifest(tmp_path).outputs == {}


def test_no_manifest_yet_is_an_empty_one_and_nothing_is_written_until_a_record(tmp_path: Path):
    manifest = Manifest(tmp_path / "out")
    assert manifest.outputs == {} and not (tmp_path / "out" / MANIFEST).exists()
    manifest.record("a/a.pdf", ENTRY)
    assert (tmp_path / "out" / MANIFEST).is_file()


def test_entries_finished_together_are_written_together_and_the_last_ones_by_flush(tmp_path: Path, monkeypatch):
    """A batch of thousands of outputs must not rewrite a growing file for each: the first entry is
    written at once, those that follow within FLUSH_SECONDS with the next write, the rest by flush."""
    now = [100.0]
    monkeypatch.setattr(manifest_module.time, "monotonic", lambda: now[0])
    writes = []
    real = Manifest._write
    monkeypatch.setattr(Manifest, "_write", lambda self: (writes.append(sorted(self.outputs)), real(self)))
    manifest = Manifest(tmp_path)
    for i in range(5):
        manifest.record(f"r{i}/r{i}.xlsx", ENTRY)
    assert writes == [["r0/r0.xlsx"]] and set(Manifest(tmp_path).outputs) == {"r0/r0.xlsx"}
    now[0] += FLUSH_SECONDS
    manifest.record("r5/r5.xlsx", ENTRY)
    assert len(writes) == 2 and len(Manifest(tmp_path).outputs) == 6
    manifest.record("r6/r6.xlsx", ENTRY)
    manifest.flush()
    manifest.flush()  # nothing new: not written again
    assert len(writes) == 3 and len(Manifest(tmp_path).outputs) == 7
