"""One edition's model in memory, as a build makes it: what ``reportgen preview`` shows.

The preview renders a single edition in process on every save, with no output root, manifest or
workers; but which edition that is follows the build's rules: the variant's branding, and the
language ``planning.edition_languages`` gives it (a variant whose file fixes a language is made
in that one only), so that the page previewed is the page the build makes.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from reportgen.builder.planning import edition_languages
from reportgen.builder.variants import DEFAULT, language_warnings, select_variants
from reportgen.data.folders import resolve_report
from reportgen.errors import Problem

if TYPE_CHECKING:
    from reportgen.model import Report


def edition(ref: str, data_dir: Path, variant: str | None, variants_file: Path | None,
            language: str | None) -> tuple[Report, list[Problem]]:
    """The model of ``ref``'s edition for ``variant`` (None: the house edition) in ``language``
    (None: the data's), and the warnings the language rule gives; ReportError when the report or
    the variants file is invalid."""
    from reportgen.data import analyse
    from reportgen.model import build_report

    chosen = select_variants((variant,), variants_file, data_dir)[0] if variant else DEFAULT
    asked = (language,) if language else ()
    analysis = analyse(resolve_report(ref, data_dir))
    lang = edition_languages(chosen, asked, analysis.computed.meta.language)[0]
    return replace(build_report(analysis, lang=lang), branding=chosen.branding), language_warnings([chosen], asked, variants_file, data_dir)
