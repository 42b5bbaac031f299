"""Where a report's brand file is, which files it is made of, and their digests.

A brand is a build input: changing its file, a font, a logo or the PowerPoint template rebuilds
the outputs that show it, and only those (a new template rebuilds decks, not PDFs). Planning
hashes inputs without importing pydantic or the data layer's schema (a build with nothing to do
decides so from file digests alone), so this module reads a brand file only as far as it must to
name the files it points at, with PyYAML's safe loader, and hashes them under the data layer's
file rules (a file outside the brand's folder, a FIFO or a device is never opened). The loader
(``data.brand``) validates the same file and reads the same files.

A brand falls back to the house brand (the package's ``_brand.yml``) for what it leaves out, so
the house brand's files are inputs of every brand; so are the files the Office face is measured
with when it is a standard face measured with a twin (``typefaces.OFFICE_TWINS``). A brand that
names a template but no ``office-font`` sets its Office files in the template's theme face, so its
template is an input of the workbook too.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Iterator
from functools import cache
from pathlib import Path
from typing import Any

import yaml

from reportgen.data.files import MAX_BYTES, TooLarge, read_bytes, refusal
from reportgen.resources import PACKAGE_DIR, package_path
from reportgen.typefaces import OFFICE_TWINS

BRAND_FILE = "_brand.yml"
MAX_FILE_BYTES = 200 * 2**20  # the most any file a brand names may hold (a template; fonts and logos allow less)
HOUSE_BRAND = package_path(BRAND_FILE)

# Which kinds of a brand's files each format shows: a change to one rebuilds only these formats.
FORMAT_ROLES = {
    "pdf": ("file", "font", "logo"),
    "html": ("file", "font", "logo"),
    "pptx": ("file", "logo", "office", "template"),
    "xlsx": ("file", "logo", "office"),
}


def find_brand(folder: Path, data_dir: Path, explicit: Path | None = None) -> Path:
    """The brand file a report wears: ``explicit`` (``--brand``), else its own folder's
    ``_brand.yml``, else the data root's (the firm's default), else the house brand's."""
    if explicit is not None:
        return explicit
    for candidate in (folder / BRAND_FILE, data_dir / BRAND_FILE):
        if os.path.lexists(candidate):
            return candidate
    return HOUSE_BRAND


def parsed(path: Path) -> dict:
    """The brand file's YAML as plain data, or nothing when it cannot be read or parsed (the loader says why)."""
    if refusal(path, path.parent) is not None:
        return {}
    try:
        data = yaml.load(read_bytes(path, MAX_BYTES), Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    except (OSError, ValueError, yaml.YAMLError):
        return {}
    return _mapping(data)


def named_files(data: dict) -> Iterator[tuple[str, str]]:
    """``(role, path as written)`` for every file a parsed brand file names."""
    logo = data.get("logo")
    if isinstance(logo, dict):
        images = _mapping(logo.get("images"))
        for resource in (*images.values(), *(logo.get(size) for size in ("small", "medium", "large"))):
            light_dark = isinstance(resource, dict) and "path" not in resource
            for variant in (resource.get("light"), resource.get("dark")) if light_dark else (resource,):
                found = _path(variant)
                if found is not None and found not in images:
                    yield "logo", found
    elif (found := _path(logo)) is not None:
        yield "logo", found
    reportgen = _mapping(_mapping(data.get("defaults")).get("reportgen"))
    office = reportgen.get("office-font")
    fonts = _mapping(data.get("typography")).get("fonts")
    for font in fonts if isinstance(fonts, list) else ():
        files = _mapping(font).get("files")
        for entry in files if isinstance(files, list) else ():
            if (found := _path(entry)) is not None:
                yield "font", found
                if isinstance(office, str) and office == _mapping(font).get("family"):
                    yield "office", found
    if isinstance(reportgen.get("pptx-template"), str):
        yield "template", reportgen["pptx-template"]
        if office is None:  # the template's theme face is the Office face: the workbook shows it too
            yield "office", reportgen["pptx-template"]


def files_within(path: Path, folder: Path) -> frozenset[Path]:
    """The brand file at ``path`` and the files it names (as normalised absolute paths) when the
    brand lies in ``folder``, a report folder whose own brand it is: they are the brand's inputs,
    each for the formats that show it (a new template rebuilds the deck), not the report's data
    files, a change to which rebuilds every format. Empty for a brand elsewhere."""
    if path == HOUSE_BRAND or not path.absolute().parent.is_relative_to(folder.absolute()):
        return frozenset()
    named = [path, *(path.parent / written for _, written in named_files(parsed(path)))]
    return frozenset(normal(p) for p in named)


def normal(path: Path) -> Path:
    """``path`` absolute, with ``.`` and ``..`` taken out (links are not followed)."""
    return Path(os.path.normpath(path.absolute()))


def twin_files(data: dict) -> tuple[Path, ...]:
    """The files a parsed brand file's Office face is measured with when it names a standard Office face."""
    office = _mapping(_mapping(data.get("defaults")).get("reportgen")).get("office-font")
    twin = OFFICE_TWINS.get(office.lower()) if isinstance(office, str) else None
    return (twin.files() or ()) if twin is not None else ()


def _mapping(value: Any) -> dict:
    return value if isinstance(value, dict) else {}


def _path(value: Any) -> str | None:
    """The path of a brand.yml file entry: the text itself, or its ``path`` field."""
    value = value.get("path") if isinstance(value, dict) else value
    return value if isinstance(value, str) else None


def digest(path: Path, folder: Path | None) -> str:
    """The sha256 of a file the brand reads, or why it cannot be read (the loader refuses it)."""
    why = refusal(path, folder)
    if why:
        return f"unreadable: {why}"
    try:
        return hashlib.sha256(read_bytes(path, MAX_FILE_BYTES)).hexdigest()
    except OSError as exc:
        return f"unreadable: {exc.strerror}"
    except TooLarge:
        return "unreadable: too large"


def _inputs(path: Path, prefix: str) -> dict[str, str]:
    """``{prefix + role + ':' + file: digest}`` for the brand file and every file it reads."""
    folder, data = path.parent, parsed(path)
    inputs = {f"{prefix}file:{path.name}": digest(path, folder)}
    for role, written in named_files(data):
        inputs[f"{prefix}{role}:{written}"] = digest(folder / written, folder)
    for twin in twin_files(data):
        shown = twin.relative_to(PACKAGE_DIR).as_posix() if twin.is_relative_to(PACKAGE_DIR) else str(twin)
        inputs[f"{prefix}office:{shown}"] = digest(twin, None)
    return inputs


@cache
def house_inputs() -> dict[str, str]:
    """The house brand's files (package data: the same for a whole process)."""
    return _inputs(HOUSE_BRAND, "house/")


def brand_inputs(path: Path) -> dict[str, str]:
    """Every file the brand at ``path`` reads, with its role, and the house brand's."""
    return house_inputs() if path == HOUSE_BRAND else {**house_inputs(), **_inputs(path, "brand/")}


def format_inputs(inputs: dict[str, str], fmt: str) -> dict[str, str]:
    """The brand inputs an output in ``fmt`` shows (``FORMAT_ROLES``)."""
    roles = FORMAT_ROLES.get(fmt, ("file", "font", "logo", "office", "template"))
    return {key: value for key, value in inputs.items() if key.split("/", 1)[1].split(":", 1)[0] in roles}
