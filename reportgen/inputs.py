"""What each output depends on, as content hashes: the basis of incremental builds.

An output is rebuilt when any of its inputs changes: the report's data files, the templates
and assets its format uses, the variant, the build options, or the package itself.
"""

from __future__ import annotations

import hashlib
from functools import cache
from pathlib import Path

from reportgen import __version__
from reportgen.theme import TEMPLATES_DIR

PACKAGE_DIR = Path(__file__).resolve().parent

# Template files each format reads, as globs under templates/. A template change rebuilds only
# the formats that use it.
FORMAT_TEMPLATES: dict[str, tuple[str, ...]] = {
    "pdf": ("*.j2", "*.css", "assets/**/*"),
    "pptx": ("pptx/**/*",),
    "xlsx": (),
}


def file_digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def folder_digests(folder: Path, globs: tuple[str, ...], prefix: str) -> dict[str, str]:
    """``{prefix + relative path: sha256}`` for every file matching the globs."""
    files = sorted({p for g in globs for p in folder.glob(g) if p.is_file() and not p.name.startswith(".")})
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
def template_digests(fmt: str) -> dict[str, str]:
    return folder_digests(TEMPLATES_DIR, FORMAT_TEMPLATES.get(fmt, ()), "templates/")


@cache
def catalog_digests(lang: str) -> dict[str, str]:
    """The message catalog an edition in ``lang`` is translated with (none for English)."""
    from reportgen.i18n import DEFAULT_LANGUAGE, catalog_path

    if lang == DEFAULT_LANGUAGE:
        return {}
    path = catalog_path(lang)
    return {f"locale/{path.relative_to(PACKAGE_DIR / 'locale').as_posix()}": file_digest(path)}


def report_digests(report_folder: Path) -> dict[str, str]:
    return folder_digests(report_folder, ("**/*",), "report/")


def combined(inputs: dict[str, str]) -> str:
    h = hashlib.sha256()
    for key in sorted(inputs):
        h.update(f"{key}\0{inputs[key]}\n".encode())
    return h.hexdigest()
