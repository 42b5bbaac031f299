"""How much one report may hold, across its files: what every format is known to build in
bounded time and memory (docs/data-format.md, Size limits).

A file's size is bounded before it is parsed (``files.MAX_BYTES``) and a list's length by the
schema (``schema.ITEMS_MAX`` and its neighbours, where an editor sees them); these are the limits
no single file can check. They are generous for real reports: latam-cgt has 7 dimensions, 40
segments and 13,000 characters of text. Past them a build's cost grows with parts laid out in
one piece: the PDF's appendix holds every segment's yearly tables in one layout, which took
1.3 GB for 200 dimension files of 5 segments (WeasyPrint keeps every box of a layout until the
layout is written), and a chapter's text is laid out in one piece too.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from reportgen.data.folders import display_path
from reportgen.data.load import TRANSLATIONS_DIR, ReportSource
from reportgen.data.texts import data_texts
from reportgen.errors import Problem

DIMENSIONS_MAX = 20  # dimension files
SEGMENTS_IN_ALL_MAX = 500  # segments of all the dimensions together: rows of the appendix's tables
TEXT_MAX = 200_000  # characters of text an edition shows, about 70 pages of prose


def limit_problems(source: ReportSource) -> list[Problem]:
    """Each limit the report passes, blamed on the file that holds the most of it."""
    problems = []
    dimensions = source.dimensions
    if len(dimensions) > DIMENSIONS_MAX:
        where = display_path(dimensions[0][0].parent)
        problems.append(Problem(where, "", f"{len(dimensions)} dimension files, above the {DIMENSIONS_MAX} a report may have"))
    segments = Counter({path: len(dim.segments) for path, dim in dimensions})
    if segments.total() > SEGMENTS_IN_ALL_MAX:
        path, most = segments.most_common(1)[0]
        problems.append(Problem(display_path(path), "segments", f"the dimensions have {segments.total()} segments in all "
                                                                 f"({most} here), above the {SEGMENTS_IN_ALL_MAX} a report may have"))
    texts = list(data_texts(source))
    per_file = Counter[Path]()
    for path, _field, text in texts:
        per_file[path] += len(text)
    if per_file.total() > TEXT_MAX:
        path, most = per_file.most_common(1)[0]
        return [*problems, Problem(display_path(path), "", f"the report's texts add up to {per_file.total():,} characters ({most:,} "
                                                           f"in this file), above the {TEXT_MAX:,} an edition may show")]
    for lang, translated in source.translations.items():  # a translation may be longer than its English
        total = sum(len(translated.get(text, text)) for _path, _field, text in texts)
        if total > TEXT_MAX:
            path = source.folder / TRANSLATIONS_DIR / f"{lang}.yaml"
            problems.append(Problem(display_path(path), "", f"the {lang} edition's texts add up to {total:,} characters, above "
                                                            f"the {TEXT_MAX:,} an edition may show"))
    return problems
