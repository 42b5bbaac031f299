"""The seed market's and the many-scripts market's PDFs as a build ships them, built once per
session for every test worker (``tests/shared_builds.py``) and read by the PDF tests."""

from __future__ import annotations

import pytest

from tests.conftest import LATAM, WORLD
from tests.shared_builds import Build, edition


@pytest.fixture(scope="session")
def latam_pdf(shared_build: Build) -> bytes:
    return edition(shared_build([LATAM], ["pdf"]), LATAM, "en", "pdf").read_bytes()


@pytest.fixture(scope="session")
def world_pdf(shared_build: Build) -> bytes:
    return edition(shared_build([WORLD], ["pdf"]), WORLD, "en", "pdf").read_bytes()
