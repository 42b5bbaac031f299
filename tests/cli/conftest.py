"""What the command-line tests share: the command, run as a user would from the repository root."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from reportgen.cli import main
from tests.conftest import ROOT


@pytest.fixture()
def run(monkeypatch):
    """``run("check", "latam-cgt")``: the command's result, output and exit code, run from the root."""
    monkeypatch.chdir(ROOT)

    def invoke(*args: str):
        return CliRunner().invoke(main, list(args))

    return invoke
