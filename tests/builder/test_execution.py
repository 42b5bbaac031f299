"""Executing a plan: stale outputs are started in the plan's order, a bounded number at a time, so
a batch of many changed reports holds a few models and queued tasks, not one per output; what is
built, and the manifest, are the same as when every output was started at once."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

import reportgen
from reportgen.builder import execution
from tests.conftest import NORDIC

REPORTS = [f"market-{i}" for i in range(6)]


@pytest.fixture(scope="module")
def data(tmp_path_factory) -> Path:
    """A data dir of six copies of nordic-robotics (ids market-0...)."""
    root = tmp_path_factory.mktemp("batch")
    text = (NORDIC / "report.yaml").read_text()
    for ref in REPORTS:
        shutil.copytree(NORDIC, root / ref)
        (root / ref / "report.yaml").write_text(text.replace("id: nordic-robotics", f"id: {ref}"))
    return root


def _build(data: Path, out: Path, **more) -> reportgen.BuildResult:
    return reportgen.build(REPORTS, data_dir=data, formats=["xlsx", "html"], out=out, jobs=1, **more)


def test_at_most_two_outputs_per_worker_are_under_way_and_the_build_is_the_same(data: Path, tmp_path: Path, monkeypatch):
    started, finished, real_model = [0], [0], execution._model
    under_way: list[int] = []  # outputs started and not yet finished, as each one is started

    def model(*args):  # an output is started: its model is taken
        started[0] += 1
        under_way.append(started[0] - finished[0])
        return real_model(*args)

    monkeypatch.setattr(execution, "_model", model)
    bounded = _build(data, tmp_path / "bounded", progress=lambda _: finished.__setitem__(0, finished[0] + 1))
    assert len(bounded.built) == 12 and started[0] == 12
    assert max(under_way) == execution.IN_FLIGHT, under_way  # one worker: two outputs under way, never the twelve
    monkeypatch.setattr(execution, "IN_FLIGHT", 100)  # every output started at once, as before
    at_once = _build(data, tmp_path / "at-once")
    assert [(o.path.relative_to(tmp_path / "bounded"), o.sha256) for o in bounded.outputs] == \
           [(o.path.relative_to(tmp_path / "at-once"), o.sha256) for o in at_once.outputs]
    manifests = [json.loads((tmp_path / out / "manifest.json").read_text())["outputs"] for out in ("bounded", "at-once")]
    assert list(manifests[0]) == list(manifests[1]) and \
           [e["sha256"] for e in manifests[0].values()] == [e["sha256"] for e in manifests[1].values()]
