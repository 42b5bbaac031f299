"""What each output depends on, as content hashes: the basis of incremental builds.

An output is rebuilt when any of its inputs changes: the report's data files, the previous
edition it states the changes since (its files, or the git tree of a revision), the package data
its format reads (templates, stylesheet, fonts), the font files the PDF falls back to (installed
by the system, so a font update shows up here), the variant, the build options, or the
package's code.
"""

from __future__ import annotations

import hashlib
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from reportgen import __version__
from reportgen.data.folders import report_files
from reportgen.resources import FONTS_DIR, LOCALE_DIR, PACKAGE_DIR
from reportgen.style import FONT_FILES, OFFICE_METRIC_FILES

if TYPE_CHECKING:  # a build with nothing to do hashes files without importing the data layer
    from reportgen.data.previous import PreviousEdition


def _package_files(paths) -> tuple[str, ...]:
    return tuple(sorted(p.relative_to(PACKAGE_DIR).as_posix() for p in paths))


# Package data each format reads, as globs under the package. A template change rebuilds only
# the formats that use it; the PDF embeds its fonts, the deck and the workbook are measured
# with the Office face's metrics.
FORMAT_DATA: dict[str, tuple[str, ...]] = {
    "pdf": ("writers/pdf/templates/**/*", *_package_files(FONT_FILES.values())),
    "pptx": _package_files(OFFICE_METRIC_FILES.values()),
    "xlsx": _package_files(OFFICE_METRIC_FILES.values()),
    "html": ("writers/html/templates/**/*", *_package_files(FONT_FILES.values())),
}


def file_digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def folder_digests(folder: Path, globs: tuple[str, ...], prefix: str) -> dict[str, str]:
    """``{prefix + relative path: sha256}`` for every file matching the globs."""
    files = sorted({p for g in globs for p in folder.glob(g) if p.is_file() and not p.name.startswith(".")})
    return files_digests(folder, files, prefix)


def files_digests(folder: Path, files: list[Path], prefix: str) -> dict[str, str]:
    return {f"{prefix}{p.relative_to(folder).as_posix()}": file_digest(p) for p in files}


@cache
def package_digest() -> str:
    """Version plus a hash of the package's source: code changes invalidate outputs too."""
    h = hashlib.sha256(__version__.encode())
    for path in sorted(PACKAGE_DIR.rglob("*.py")):
        h.update(path.relative_to(PACKAGE_DIR).as_posix().encode())
        h.update(path.read_bytes())
    return f"{__version__}+{h.hexdigest()[:16]}"


@cache
def package_data_digests(fmt: str) -> dict[str, str]:
    """The package data (templates, stylesheet, fonts) an output in ``fmt`` is made from, and
    for the PDF every font file of its font stack found on this machine."""
    digests = folder_digests(PACKAGE_DIR, FORMAT_DATA.get(fmt, ()), "package/")
    if fmt == "pdf":
        from reportgen.typefaces import font_files

        shipped = FONTS_DIR.resolve()  # package data, hashed above with the rest
        digests.update({f"font:{path}": file_digest(path) for path in font_files() if not path.resolve().is_relative_to(shipped)})
    return digests


@cache
def catalog_digests(lang: str) -> dict[str, str]:
    """The message catalog an edition in ``lang`` is translated with (none for English)."""
    from reportgen.i18n import DEFAULT_LANGUAGE, catalog_path

    if lang == DEFAULT_LANGUAGE:
        return {}
    path = catalog_path(lang)
    return {f"locale/{path.relative_to(LOCALE_DIR).as_posix()}": file_digest(path)}


def report_digests(folder: Path, prefix: str = "report/") -> dict[str, str]:
    """A report folder's files, as the data layer lists them: regular files inside it only (a
    link out of the folder, a FIFO or a device is never opened, so hashing cannot block)."""
    return files_digests(folder, report_files(folder), prefix)


def previous_digests(previous: PreviousEdition | None) -> dict[str, str]:
    """The previous edition a report compares itself with: each file of a folder, or for
    ``REPORT@REV`` the git tree read (a hash of every file in it), never the revision's name, so
    that a moved branch rebuilds and a rebuild with nothing new stays a no-op. None: nothing."""
    if previous is None:
        return {}
    if previous.tree is not None:
        return {"previous": f"git-tree {previous.tree}"}
    return report_digests(previous.computed.source.folder, "previous/")


def combined(inputs: dict[str, str]) -> str:
    h = hashlib.sha256()
    for key in sorted(inputs):
        h.update(f"{key}\0{inputs[key]}\n".encode("utf-8", "surrogateescape"))  # a name that is not UTF-8 (check refuses it)
    return h.hexdigest()
