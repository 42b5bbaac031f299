"""The brands one build wears, each loaded and hashed once, however many reports wear it.

The firm's brand (the data root's ``_brand.yml``) is worn by every report of a batch that has no
brand of its own, and a client's by each of its editions; loading one (``data.brand.load_brand``:
validating it, reading its fonts and logos) and hashing its files (``brand_files.brand_inputs``)
costs the same for the hundredth report as for the first. A ``Brands`` lives as long as one
plan, so an edit between two builds (or two saves in the preview) is always seen; within one
build, the brand's files are taken to be those it found first.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from reportgen.data import brand_files
from reportgen.errors import ReportError

if TYPE_CHECKING:
    from reportgen.data.brand import LoadedBrand


class Brands:
    """Each brand file's loaded brand (or the ``ReportError`` it raised) and its files' digests, by path."""

    def __init__(self) -> None:
        self._loaded: dict[Path, LoadedBrand | ReportError] = {}
        self._inputs: dict[Path, dict[str, str]] = {}

    def load(self, path: Path) -> LoadedBrand:
        """The brand in the file at ``path`` (``data.brand.load_brand``); an invalid one raises its
        ``ReportError`` for every report that wears it, found once."""
        from reportgen.data import brand  # pydantic: imported only when a report is analysed

        if path not in self._loaded:
            try:
                self._loaded[path] = brand.load_brand(path)
            except ReportError as exc:
                self._loaded[path] = exc
        found = self._loaded[path]
        if isinstance(found, ReportError):
            raise ReportError(list(found.problems))
        return found

    def inputs(self, path: Path) -> dict[str, str]:
        """Every file the brand at ``path`` reads, with its digest (``brand_files.brand_inputs``)."""
        if path not in self._inputs:
            self._inputs[path] = brand_files.brand_inputs(path)
        return self._inputs[path]
