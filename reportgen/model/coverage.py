"""Which data texts an edition translates, which of them lack a translation, and which entries
of a translations file no data text uses any more.

The model is built once per language; every data string it asked ``Language.tr`` for is a text
to translate, reported against the file and field it comes from, so the analyst knows what to
translate. Proper names (``Language.proper``: key players, companies, people) and texts without
letters ("2024-2025") are never asked for, so never reported.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from reportgen.data import Analysis
from reportgen.data.load import TRANSLATIONS_DIR, display_path, read_yaml
from reportgen.data.texts import data_texts
from reportgen.errors import Problem, shown
from reportgen.i18n import Language
from reportgen.model.builder import build_report


@dataclass(frozen=True)
class Text:
    """One data text an edition translates: where it first appears and its current translation."""

    text: str
    path: Path | None  # the data file (None: no file holds it)
    field: str
    translation: str | None  # None: not translated
    article: str = ""  # the article the translation takes


def _origins(analysis: Analysis) -> dict[str, tuple[Path, str]]:
    """Each data string -> the first file and field it appears in, in the order of the data files:
    report.yaml, the dimensions in their order, content.yaml."""
    origins: dict[str, tuple[Path, str]] = {}
    for path, field, text in data_texts(analysis.computed.source):
        origins.setdefault(text, (path, field))
    return origins


def edition_language(analysis: Analysis, lang: str) -> Language:
    """The language of an edition after its model is built: what it asked for and missed."""
    return build_report(analysis, lang=lang).lang


def translatable(analysis: Analysis, lang: str) -> list[Text]:
    """Every data text the ``lang`` edition translates, in the order of the data files."""
    language = edition_language(analysis, lang)
    origins = _origins(analysis)
    rank = {text: i for i, text in enumerate(origins)}
    ordered = sorted(language.asked, key=lambda t: (rank.get(t, len(rank)), t))
    return [Text(t, *origins.get(t, (None, "(generated)")), language.data.get(t), language.article(t)) for t in ordered]


def untranslated(analysis: Analysis, lang: str) -> list[Text]:
    return [t for t in translatable(analysis, lang) if t.translation is None]


def translations_path(analysis: Analysis, lang: str) -> Path:
    return analysis.computed.source.folder / TRANSLATIONS_DIR / f"{lang}.yaml"


def stale_entries(analysis: Analysis, lang: str) -> list[tuple[int, str]]:
    """(index, English) of each entry of ``translations/<lang>.yaml`` whose English no data file
    holds any more: the text was edited or removed, so the entry translates nothing."""
    path = translations_path(analysis, lang)
    if lang not in analysis.computed.source.translations:
        return []
    origins = _origins(analysis)
    entries = read_yaml(path, analysis.computed.source.folder) or []
    return [(i, e["en"].strip()) for i, e in enumerate(entries) if isinstance(e.get("en"), str) and e["en"].strip() not in origins]


def translation_warnings(analysis: Analysis) -> list[Problem]:
    """For ``check``: a warning per untranslated data text and per stale entry, for each language
    the report is offered in (``languages`` in report.yaml)."""
    warnings = []
    for lang in analysis.computed.meta.languages:
        target = display_path(translations_path(analysis, lang))
        for t in untranslated(analysis, lang):
            text = t.text if len(t.text) <= 50 else t.text[:50] + "..."
            warnings.append(
                Problem(display_path(t.path) if t.path else target, t.field,
                        f"no {lang} translation for {text!r} in {target}; English is used", severity="warning")
            )
        for i, english in stale_entries(analysis, lang):
            warnings.append(
                Problem(target, f"[{i}].en", f"no data text reads {shown(english)} any more (edited or removed?): the entry "
                        "translates nothing; correct its en, or delete it", severity="warning")
            )
    return warnings


def edition_warnings(analysis: Analysis, lang: str, ref: str) -> list[Problem]:
    """For ``build``: one warning when the ``lang`` edition shows data texts in English, and one
    when the report does not list ``lang`` under ``languages`` (so ``check`` does not cover it)."""
    meta = analysis.computed.meta
    if lang == meta.language:
        return []
    warnings = []
    if lang not in meta.languages:
        listed = ", ".join(meta.languages) or "none"
        warnings.append(
            Problem(display_path(analysis.computed.source.report_path), "languages",
                    f"{meta.id} is built in {lang}, which it does not list (listed: {listed}); `reportgen check` does not "
                    f"check its {lang} translations", severity="warning")
        )
    missing = untranslated(analysis, lang)
    if missing:
        warnings.append(
            Problem(display_path(translations_path(analysis, lang)), "",
                    f"{len(missing)} data text(s) of {meta.id} have no {lang} translation, so the {lang} edition shows them in "
                    f"English; `reportgen translations {ref} --lang {lang}` adds them to this file to translate",
                    severity="warning")
        )
    return warnings
