"""Where the package's own files live: fonts, templates and message catalogs are package data.

They are found through ``importlib.resources`` rather than a path relative to a checkout, so a
plain (non-editable) install from the wheel, or a Dask worker image built from it, finds them
from any working directory. WeasyPrint, Jinja2, Pillow and Babel all want real file paths; a
wheel installs unpacked, so the package's files are ordinary files on disk.
"""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path


def package_path(*parts: str) -> Path:
    """A file or folder shipped inside the ``reportgen`` package, as a filesystem path."""
    return Path(str(files("reportgen").joinpath(*parts)))


PACKAGE_DIR = package_path()
FONTS_DIR = package_path("fonts")
LOCALE_DIR = package_path("locale")
PDF_TEMPLATES_DIR = package_path("writers", "pdf", "templates")
