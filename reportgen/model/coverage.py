"""Which data texts lack a translation in the languages a report is offered in.

The model is built once per language; every data string it asked for and did not find is
reported against the file and field it comes from, so the analyst knows what to translate.
"""

from __future__ import annotations

from pathlib import Path

from reportgen.data import Analysis
from reportgen.data.load import TRANSLATIONS_DIR, display_path
from reportgen.data.texts import data_texts
from reportgen.errors import Problem
from reportgen.model.builder import build_report


def _origins(analysis: Analysis) -> dict[str, tuple[Path, str]]:
    """Each data string -> the first file and field it appears in."""
    origins: dict[str, tuple[Path, str]] = {}
    for path, field, text in data_texts(analysis.computed.source):
        origins.setdefault(text, (path, field))
    return origins


def translation_warnings(analysis: Analysis) -> list[Problem]:
    """A warning per untranslated data text, for each language the report is offered in."""
    origins = _origins(analysis)
    warnings = []
    for lang in analysis.computed.meta.languages:
        misses = build_report(analysis, lang=lang).lang.misses
        target = display_path(analysis.computed.source.folder / TRANSLATIONS_DIR / f"{lang}.yaml")
        for text in sorted(misses):
            path, field = origins.get(text, (None, "(generated)"))
            shown = text if len(text) <= 50 else text[:50] + "..."
            warnings.append(
                Problem(
                    display_path(path) if path else target,
                    field,
                    f"no {lang} translation for {shown!r} in {target}; English is used",
                    severity="warning",
                )
            )
    return warnings
