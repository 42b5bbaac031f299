"""Shared fixtures: the seed report and the made-up test markets, analysed once per session."""

from __future__ import annotations

import signal
from pathlib import Path

import pytest

from reportgen.data import Analysis, analyse
from reportgen.model import Report, build_report

pytest_plugins = ["tests.writers.html.browser", "tests.shared_builds"]  # the headless browser, deliverables built once per session

ROOT = Path(__file__).resolve().parent.parent
LATAM = ROOT / "data" / "latam-cgt"
NORDIC = ROOT / "tests" / "fixtures" / "nordic-robotics"
WORLD = ROOT / "tests" / "fixtures" / "world-scripts"  # names in ten scripts
ANDES = ROOT / "tests" / "fixtures" / "andes-medtech"  # sections of its own, table files, an outline
JAPAN = ROOT / "tests" / "fixtures" / "japan-pet-insurance"  # a new analyst's market: yen, policies, a region dimension


def pytest_configure(config: pytest.Config) -> None:
    """Ctrl-C's signal interrupts, as at a terminal, even when the tests were started in the
    background: a shell starts a background job with SIGINT ignored, every child inherits that, and
    the tests that stop ``reportgen preview`` with SIGINT would wait for it in vain."""
    if signal.getsignal(signal.SIGINT) is signal.SIG_IGN:
        signal.signal(signal.SIGINT, signal.default_int_handler)


@pytest.fixture(scope="session")
def latam_analysis() -> Analysis:
    return analyse(LATAM)


@pytest.fixture(scope="session")
def nordic_analysis() -> Analysis:
    return analyse(NORDIC)


@pytest.fixture(scope="session")
def world_analysis() -> Analysis:
    return analyse(WORLD)


@pytest.fixture(scope="session")
def japan_analysis() -> Analysis:
    return analyse(JAPAN)


@pytest.fixture(scope="session")
def latam_report(latam_analysis: Analysis) -> Report:
    return build_report(latam_analysis)


@pytest.fixture(scope="session")
def nordic_report(nordic_analysis: Analysis) -> Report:
    return build_report(nordic_analysis)


@pytest.fixture(scope="session")
def world_report(world_analysis: Analysis) -> Report:
    return build_report(world_analysis)


@pytest.fixture()
def report_copy(tmp_path: Path):
    """Copy a report folder to tmp so a test can break it; returns a function(src) -> path."""
    import shutil

    def make(src: Path = LATAM) -> Path:
        dest = tmp_path / src.name
        shutil.copytree(src, dest)
        return dest

    return make
