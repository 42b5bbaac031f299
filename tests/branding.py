"""Reports in a brand, for tests: worn by a client (the brand's ``for_client`` with a logo read
from a file), or on a corporate PowerPoint template (as a brand file naming it has it)."""

from __future__ import annotations

import dataclasses
import shutil
from collections.abc import Mapping
from pathlib import Path

import yaml

from reportgen.data import brand_assets
from reportgen.model import Client, Report


def for_client(report: Report, name: str | None = None, logo: Path | None = None, accent: str | None = None,
               series: tuple[str, ...] = ()) -> Report:
    """``report`` in its brand, worn by a client with this name, logo file, accent and chart series."""
    image = brand_assets.logo(logo, logo.parent) if logo is not None else None
    return dataclasses.replace(report, brand=report.brand.for_client(Client(name, image, accent, series)))


def on_template(report: Report, template: Path, layouts: Mapping[str, str] | None = None) -> Report:
    """``report`` in its brand with ``template`` as the deck's template and ``layouts`` as its
    ``pptx-layouts``, checked as loading a brand file checks them (the brand's Office face kept)."""
    layouts = dict(layouts or {})
    checked = brand_assets.template(template, template.parent, layouts)
    brand = dataclasses.replace(report.brand, pptx_template=checked, pptx_layouts=tuple(layouts.items()))
    return dataclasses.replace(report, brand=brand)


def template_brand(folder: Path, template: Path, **reportgen: object) -> Path:
    """A brand file in ``folder`` that names a copy of ``template`` beside it as the deck's
    template, with any other ``defaults.reportgen`` settings (``pptx_layouts`` for
    ``pptx-layouts``...); the rest is the house brand's. Returns the brand file's path."""
    folder.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(template, folder / template.name)
    settings = {"pptx-template": template.name, **{key.replace("_", "-"): value for key, value in reportgen.items()}}
    path = folder / "_brand.yml"
    path.write_text(yaml.safe_dump({"meta": {"name": folder.name}, "defaults": {"reportgen": settings}}, sort_keys=False))
    return path
