"""PDFs typeset once per session and shared by the PDF tests (each takes seconds)."""

from __future__ import annotations

import pytest

from reportgen.model.elements import Report
from reportgen.writers import pdf


@pytest.fixture(scope="session")
def latam_pdf(latam_report: Report) -> bytes:
    return pdf.render_in_parts(latam_report)  # what a build ships


@pytest.fixture(scope="session")
def world_pdf(world_report: Report) -> bytes:
    return pdf.render_in_parts(world_report)
