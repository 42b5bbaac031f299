"""A report worn by a client, for tests: the brand's ``for_client`` with a logo read from a file."""

from __future__ import annotations

import dataclasses
from pathlib import Path

from reportgen.data import brand_assets
from reportgen.model import Client, Report


def for_client(report: Report, name: str | None = None, logo: Path | None = None, accent: str | None = None,
               series: tuple[str, ...] = ()) -> Report:
    """``report`` in its brand, worn by a client with this name, logo file, accent and chart series."""
    image = brand_assets.logo(logo, logo.parent) if logo is not None else None
    return dataclasses.replace(report, brand=report.brand.for_client(Client(name, image, accent, series)))
