"""Client variants: the same report, branded and scoped for one client.

``variants.yaml`` (in the data dir, or given with ``--variants``) names each variant: the
client for the "prepared for" line, a logo, brand colours and optionally a subset of formats.
Every writer reads the resulting ``Branding`` from the model. The file is read and validated
by ``variants_file.py``, only when a build asks for a variant.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from reportgen.data.folders import display_path
from reportgen.errors import Problem, ReportError
from reportgen.model.elements import Branding

VARIANTS_FILE = "variants.yaml"


@dataclass(frozen=True)
class Variant:
    name: str
    branding: Branding
    formats: tuple[str, ...]  # empty: every format asked for
    language: str | None  # None: the languages the build asked for
    digest: str  # hash of the definition and the logo's bytes, for incremental builds


DEFAULT = Variant("", Branding(), (), None, "house")  # the house style: Branding's defaults


def load_variants(path: Path) -> dict[str, Variant]:
    """Read and validate a variants file; a missing logo is an error naming the field."""
    from reportgen.builder.variants_file import read_variants  # pydantic: imported only when a variant is asked for

    return read_variants(path)


def variants_file(variants_path: Path | None, data_dir: Path) -> Path:
    """The variants file: the one given, or the data dir's."""
    return variants_path or data_dir / VARIANTS_FILE


def select_variants(names: tuple[str, ...], variants_path: Path | None, data_dir: Path) -> list[Variant]:
    """The variants a build asked for; no names means the house edition."""
    if not names:
        return [DEFAULT]
    path = variants_file(variants_path, data_dir)
    if not path.is_file():
        raise ReportError(Problem(display_path(path), "", "variants file not found (needed for --variant)"))
    known = load_variants(path)
    unknown = [n for n in names if n not in known]
    if unknown:
        raise ReportError(
            Problem(display_path(path), "variants", f"unknown variant {unknown[0]!r} (known: {', '.join(sorted(known)) or 'none'})")
        )
    return [known[n] for n in dict.fromkeys(names)]


def language_warnings(variants: list[Variant], asked: tuple[str, ...], variants_path: Path | None, data_dir: Path) -> list[Problem]:
    """A warning for each variant whose file fixes a language that is not among those asked for:
    its editions are made in its own language only (``planning.edition_languages``), by the
    build and the preview alike, so the languages asked for are not made for it."""
    path = display_path(variants_file(variants_path, data_dir))
    return [Problem(path, f"variants.{v.name}.language", f"{v.name} is made in {v.language} only, the language this file fixes for it; "
                    f"{', '.join(asked)} is not made for it", severity="warning")
            for v in variants if v.language and asked and v.language not in asked]
