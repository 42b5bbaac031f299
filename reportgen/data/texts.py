"""Every text of a report's data, with the file and field it is written in.

For checks and warnings that point at one string: which characters no font draws
(``glyphs``), which texts lack a translation (``model.coverage``). Fields are named as in
the YAML (``segments[3].name``), so a message leads the analyst to the line to edit.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

from reportgen.data.load import CONTENT_FILE, TRANSLATIONS_DIR, ReportSource

# Never shown as text: names repeated from the segments, for checks only; ids, which name files
# and anchors (a dimension's id is often its member's word, and must not take its place as the origin).
NEVER_SHOWN = ("claims", "id")


def data_texts(source: ReportSource) -> Iterator[tuple[Path, str, str]]:
    """(file, field, text) of every string in report.yaml, the dimensions (in their order), content.yaml
    and the sections (with the text cells of their tables' files, located by row and column)."""
    files = [(source.report_path, source.report), *source.dimensions, (source.folder / CONTENT_FILE, source.content),
             *((s.path, s.file) for s in source.sections)]
    for path, model in files:
        for field, text in _strings(model.model_dump(mode="json", by_alias=True)):
            yield path, field, text
    for section in source.sections:
        for table in section.tables.values():
            if table.file is None:
                continue  # inline rows are in the section file's strings
            for row, origin in zip(table.rows, table.origins, strict=True):
                for column, cell in zip(table.spec.columns, row, strict=True):
                    if isinstance(cell, str):
                        yield source.folder / table.file, f"{origin}, column {column.key!r}", cell


def translation_texts(source: ReportSource) -> Iterator[tuple[Path, str, str]]:
    """(file, field, text) of both sides of every translations entry, in file order."""
    for lang, entries in source.translations.items():
        path = source.folder / TRANSLATIONS_DIR / f"{lang}.yaml"
        for i, (english, translated) in enumerate(entries.items()):
            yield path, f"[{i}].en", english
            yield path, f"[{i}].{lang}", translated


def _strings(value: Any, path: str = "") -> Iterator[tuple[str, str]]:
    if isinstance(value, str):
        yield path, value
    elif isinstance(value, dict):
        for key, item in value.items():
            if key not in NEVER_SHOWN:
                yield from _strings(item, f"{path}.{key}" if path else str(key))
    elif isinstance(value, list | tuple):
        for i, item in enumerate(value):
            yield from _strings(item, f"{path}[{i}]")
