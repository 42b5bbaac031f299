"""Changed inputs: a generic walk over two editions' validated files, matching list entries by what
identifies them (then by position), segment renames within a dimension, and the cells of the
report's own tables (rows matched by their first column, located as the analyst finds them: a
table file's row and column, or the inline row's field).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from reportgen.data.cells import LoadedTable
from reportgen.data.compute import ComputedDimension, ComputedReport
from reportgen.data.load import CONTENT_FILE, REPORT_FILE, TRANSLATIONS_DIR
from reportgen.data.schema import DimensionFile

if TYPE_CHECKING:
    pass

from reportgen.data.changes.facts import ADDED, CHANGED, REMOVED, RENAMED, InputChange, Value

# ---- inputs: a generic walk over the files' validated contents ----------------------------

ATOMIC, POSITION, ITSELF = "atomic", "position", "itself"

# How the entries of each list are matched between editions (path with indices as "[]"):
# by these fields, by the entry itself (lists of texts), by position, or compared as a whole.
LIST_KEYS: dict[str, Any] = {
    "market.anchors": ("year",),
    "comparisons[].anchors": ("year",),
    "market.assumptions": ("from", "to"),
    "comparisons[].assumptions": ("from", "to"),
    "comparisons": ("id",),
    "team": ("name",),
    "sources": ITSELF,
    "key_players": ITSELF,
    "keywords": ITSELF,
    "languages": ITSELF,
    "cagr_periods": ITSELF,
    "cagr_periods[]": ATOMIC,
    "years.historical": ATOMIC,
    "years.forecast": ATOMIC,
    "outlook": ("title",),
    "regional": ("title",),
    "initiatives": ("title",),
    "value_chain": ("stage",),
    "value_chain[].organisations": ("names",),
    "vendors": ("name",),
    "investors": ("name",),
    "startups": ("name",),
    "developments": ("date", "company"),
    "faq": ("question",),
}

Edit = tuple[str, str, Value, Value]  # field, change, old, new


def _dump(model: Any) -> dict[str, Any]:
    return model.model_dump(mode="json", by_alias=True)


def _written(model: Any) -> dict[str, Any]:
    """A whole entry without the fields left at their defaults: close to what the file says."""
    return model.model_dump(mode="json", by_alias=True, exclude_defaults=True)


def _entry(value: Value) -> Value:
    """A whole entry as shown when added or removed: without the fields left empty."""
    if isinstance(value, dict):
        return {k: _entry(v) for k, v in value.items() if v not in (None, [], {})}
    if isinstance(value, list):
        return [_entry(v) for v in value]
    return value


def _shape(path: str) -> str:
    return re.sub(r"\[\d+\]", "[]", path)


def _join(path: str, key: str) -> str:
    return f"{path}.{key}" if path else key


def _walk(old: Value, new: Value, path: str, out: list[Edit], skip: Callable[[str], bool] = lambda p: False) -> None:
    """Every difference between two parsed values, as (field, change, old, new)."""
    if skip(path):
        return
    if isinstance(old, dict) and isinstance(new, dict):
        for key in [*old, *(k for k in new if k not in old)]:
            _walk(old.get(key), new.get(key), _join(path, key), out, skip)
        return
    rule = LIST_KEYS.get(_shape(path), POSITION)
    if isinstance(old, list) and isinstance(new, list) and rule != ATOMIC:
        pairs, removed, added = _match(old, new, rule)
        for i, j in pairs:
            _walk(old[i], new[j], f"{path}[{j}]", out, skip)
        out += [(f"{path}[{j}]", ADDED, None, _entry(new[j])) for j in added]
        out += [(f"{path}[{i}]", REMOVED, _entry(old[i]), None) for i in removed]
        return
    if old == new:
        return
    if old is None or old == []:
        out.append((path, ADDED, None, _entry(new)))
    elif new is None or new == []:
        out.append((path, REMOVED, _entry(old), None))
    else:
        out.append((path, CHANGED, _entry(old), _entry(new)))


def _match(old: Sequence[Value], new: Sequence[Value], rule: Any) -> tuple[list[tuple[int, int]], list[int], list[int]]:
    """Pair list entries: by key first, then what is left by position. Returns pairs (in the new
    order), the old indices left unpaired (removed) and the new ones (added)."""
    if rule == POSITION:
        key: Callable[[Value], Any] | None = None
    elif rule == ITSELF:
        key = _hashable
    else:
        key = lambda v: tuple(_hashable(v.get(k)) for k in rule) if isinstance(v, dict) else _hashable(v)  # noqa: E731
    by_new: dict[int, int] = {}
    free_old = list(range(len(old)))
    if key is not None:
        wanted: dict[Any, list[int]] = {}
        for i in free_old:
            wanted.setdefault(key(old[i]), []).append(i)
        for j, value in enumerate(new):
            if wanted.get(key(value)):
                by_new[j] = wanted[key(value)].pop(0)
        free_old = [i for i in free_old if i not in by_new.values()]
    for j in range(len(new)):
        if j not in by_new and j in free_old:
            by_new[j] = j
            free_old.remove(j)
    pairs = sorted(((i, j) for j, i in by_new.items()), key=lambda p: p[1])
    return pairs, free_old, [j for j in range(len(new)) if j not in by_new]


def _hashable(value: Value) -> Any:
    if isinstance(value, list):
        return tuple(_hashable(v) for v in value)
    if isinstance(value, dict):
        return tuple(sorted((k, _hashable(v)) for k, v in value.items()))
    return value


# Topic of a report.yaml field: the first marker found in it (indices removed), else "metadata".
REPORT_TOPICS = (
    (".anchors", "anchor"), (".stated_cagr", "stated-cagr"), (".assumptions", "assumption"),
    ("volume.price.change", "price-change"), ("volume.price", "price"), ("volume", "volume"),
    ("comparisons", "comparison"), ("years", "years"), ("cagr_periods", "cagr-periods"),
)


def _report_topic(field: str) -> str:
    shape = _shape(field)
    return next((topic for marker, topic in REPORT_TOPICS if marker in shape), "metadata")


def report_inputs(a: ComputedReport, b: ComputedReport) -> list[InputChange]:
    edits: list[Edit] = []
    _walk(_dump(a.meta), _dump(b.meta), "", edits)
    comparison_ids = [c.id for c in b.meta.comparisons]
    old_ids = [c.id for c in a.meta.comparisons]
    out = []
    for field, change, old, new in edits:
        subject = None
        found = re.match(r"comparisons\[(\d+)\]", field)
        if found:
            ids = old_ids if change == REMOVED and field == found.group(0) else comparison_ids
            subject = ids[int(found.group(1))]
        out.append(InputChange(REPORT_FILE, field, change, _report_topic(field), old, new, None, subject))
    return out


def content_inputs(a: ComputedReport, b: ComputedReport) -> list[InputChange]:
    edits: list[Edit] = []
    _walk(_dump(a.source.content), _dump(b.source.content), "", edits)
    return [InputChange(CONTENT_FILE, f, change, "content", old, new) for f, change, old, new in edits]


def section_inputs(a: ComputedReport, b: ComputedReport) -> list[InputChange]:
    """The report's own sections: added, removed, their fields changed, and their tables' cells."""
    old = {s.file.id: s for s in a.source.sections}
    new = {s.file.id: s for s in b.source.sections}
    out: list[InputChange] = []
    for section_id in [*new, *(k for k in old if k not in new)]:
        before, after = old.get(section_id), new.get(section_id)
        if before is None or after is None:
            kept = after or before
            assert kept is not None
            summary = {"id": section_id, "title": kept.file.title, "tables": list(kept.tables)}
            out.append(InputChange(rel(b if after else a, kept.path), "", ADDED if after else REMOVED, "section",
                                   None if after else summary, summary if after else None, subject=section_id))
            continue
        edits: list[Edit] = []
        _walk(_dump(before.file), _dump(after.file), "", edits, skip=lambda p: bool(re.fullmatch(r"blocks\[\d+\]\.table\.rows", p)))
        file = rel(b, after.path)
        out += [InputChange(file, f, change, "section", o, n, subject=section_id) for f, change, o, n in edits]
        for table_id, table in after.tables.items():
            if table_id in before.tables:
                out += _table_inputs(before.tables[table_id], table, file, f"{section_id}.{table_id}")
    return out


def _cell_value(value: Any) -> Value:
    return value.isoformat() if isinstance(value, dt.date) else value


def _table_inputs(old: LoadedTable, new: LoadedTable, section_file: str, subject: str) -> list[InputChange]:
    """A table's cells that changed, rows added and removed; rows matched by their first column."""
    def rows(t: LoadedTable) -> list[dict[str, Value]]:
        return [{c.key: _cell_value(v) for c, v in zip(t.spec.columns, row, strict=True)} for row in t.rows]

    def where(t: LoadedTable, i: int, key: str | None = None) -> tuple[str, str]:
        if t.file is None:
            return section_file, t.origins[i] + (f".{key}" if key else "")
        return t.file, t.origins[i] + (f", column {key!r}" if key else "")

    before, after = rows(old), rows(new)
    first = new.spec.columns[0].key
    pairs, removed, added = _match(before, after, (first,) if first == old.spec.columns[0].key else POSITION)
    out = []
    for i, j in pairs:
        for key, value in after[j].items():
            if key in before[i] and before[i][key] != value:
                out.append(InputChange(*where(new, j, key), CHANGED, "table", before[i][key], value, subject=subject))
    out += [InputChange(*where(new, j), ADDED, "table", None, after[j], subject=subject) for j in added]
    out += [InputChange(*where(old, i), REMOVED, "table", before[i], None, subject=subject) for i in removed]
    return out


def translation_inputs(a: ComputedReport, b: ComputedReport) -> list[InputChange]:
    out: list[InputChange] = []
    old_all, new_all = a.source.translations, b.source.translations
    for lang in [*new_all, *(k for k in old_all if k not in new_all)]:
        file = f"{TRANSLATIONS_DIR}/{lang}.yaml"
        old, new = old_all.get(lang), new_all.get(lang)
        if old is None or new is None:
            change = ADDED if old is None else REMOVED
            out.append(InputChange(file, "", change, "translation", old and len(old), new and len(new)))
            continue
        new_keys, old_keys = list(new), list(old)
        for j, en in enumerate(new_keys):
            if en not in old:
                out.append(InputChange(file, f"[{j}]", ADDED, "translation", None, {"en": en, lang: new[en]}, subject=en))
            elif old[en] != new[en]:
                out.append(InputChange(file, f"[{j}].{lang}", CHANGED, "translation", old[en], new[en], subject=en))
        for i, en in enumerate(old_keys):
            if en not in new:
                out.append(InputChange(file, f"[{i}]", REMOVED, "translation", {"en": en, lang: old[en]}, None, subject=en))
    return out


# ---- dimensions and segments ------------------------------------------------------------


def rel(data: ComputedReport, path: Path) -> str:
    try:
        return path.relative_to(data.source.folder).as_posix()
    except ValueError:
        return path.name


def dimension_file(data: ComputedReport, dim: ComputedDimension) -> DimensionFile:
    return next(d for p, d in data.source.dimensions if p == dim.path)


def dimension_summary(dim: ComputedDimension) -> dict[str, Any]:
    return {"id": dim.id, "title": dim.title, "segments": [s.name for s in dim.segments]}


def dimension_pairs(a: ComputedReport, b: ComputedReport) -> list[tuple[ComputedDimension | None, ComputedDimension | None]]:
    """Dimensions matched by id: the new edition's in its order, then the removed ones."""
    old = {d.id: d for d in a.dimensions}
    new_ids = {d.id for d in b.dimensions}
    pairs: list[tuple[ComputedDimension | None, ComputedDimension | None]] = [(old.get(d.id), d) for d in b.dimensions]
    return pairs + [(d, None) for d in a.dimensions if d.id not in new_ids]


def segment_pairs(old: DimensionFile, new: DimensionFile) -> tuple[list[tuple[int | None, int | None]], dict[str, str]]:
    """Match a dimension's segments between editions; returns index pairs and renames (old -> new).

    Segments with the same name are the same segment. Of the rest, a removed segment and an
    added one are a *rename* when they have the same parent (compared after the parent's own
    rename, so a renamed parent keeps its sub-segments) and either stand at the same position
    among that parent's sub-segments, or have the same share and growth. Candidates are taken
    in file order and each segment is used at most once; whatever is left was removed or added.
    """
    new_index = {s.name: j for j, s in enumerate(new.segments)}
    matched = {i: new_index[s.name] for i, s in enumerate(old.segments) if s.name in new_index}
    renames: dict[str, str] = {}

    def siblings(segments: Sequence[Any], parent: str | None) -> list[int]:
        return [k for k, s in enumerate(segments) if s.parent == parent]

    progress = True
    while progress:  # a renamed parent is found first; then its sub-segments can be
        progress = False
        for i, seg in enumerate(old.segments):
            if i in matched:
                continue
            parent = None if seg.parent is None else renames.get(seg.parent, seg.parent if seg.parent in new_index else None)
            if seg.parent is not None and parent is None:
                continue  # the parent is gone (or not matched yet)
            new_sibs = siblings(new.segments, parent)
            free = [j for j in new_sibs if j not in matched.values()]  # only added names are left
            position = siblings(old.segments, seg.parent).index(i)
            same_place = [j for j in free if new_sibs.index(j) == position]
            alike = [j for j in free if (new.segments[j].share, new.segments[j].growth) == (seg.share, seg.growth)]
            chosen = same_place or alike
            if chosen:
                matched[i] = chosen[0]
                renames[seg.name] = new.segments[chosen[0]].name
                progress = True
    pairs: list[tuple[int | None, int | None]] = []
    by_new = {j: i for i, j in matched.items()}
    pairs += [(by_new.get(j), j) for j in range(len(new.segments))]
    pairs += [(i, None) for i in range(len(old.segments)) if i not in matched]
    return pairs, renames


def _segment_topic(field: str) -> str:
    last = field.rsplit(".", 1)[-1]
    return {"share": "share", "growth": "growth", "price_index": "price-index", "parent": "parent"}.get(last, "segment-text")


def dimension_inputs(a: ComputedReport, b: ComputedReport, old_dim: ComputedDimension, new_dim: ComputedDimension,
                      pairs: list[tuple[int | None, int | None]], renames: dict[str, str]) -> list[InputChange]:
    old_file, new_file = dimension_file(a, old_dim), dimension_file(b, new_dim)
    file, dim_id = rel(b, new_dim.path), new_dim.id
    out: list[InputChange] = []
    old_path = rel(a, old_dim.path)
    if old_path != file:
        out.append(InputChange(file, "", RENAMED, "dimension", old_path, file, dim_id))
    edits: list[Edit] = []
    _walk(_dump(old_file), _dump(new_file), "", edits, skip=lambda p: p == "segments")
    for field, change, old, new in edits:
        out.append(InputChange(file, field, change, "claims" if field.startswith("claims") else "metadata", old, new, dim_id))
    for i, j in pairs:
        if j is None:
            assert i is not None
            seg = old_file.segments[i]
            out.append(InputChange(file, f"segments[{i}]", REMOVED, "segment", _written(seg), None, dim_id, seg.name))
            continue
        seg = new_file.segments[j]
        where = f"segments[{j}]"
        if i is None:
            out.append(InputChange(file, where, ADDED, "segment", None, _written(seg), dim_id, seg.name))
            continue
        before = old_file.segments[i]
        if before.name != seg.name:
            out.append(InputChange(file, where, RENAMED, "segment", before.name, seg.name, dim_id, seg.name))
        seg_edits: list[Edit] = []
        old_dump, new_dump = _dump(before), _dump(seg)
        old_dump["name"] = new_dump["name"]
        if before.parent is not None and renames.get(before.parent) == seg.parent:
            old_dump["parent"] = seg.parent  # follows the parent's rename: not a move
        _walk(old_dump, new_dump, where, seg_edits)
        out += [InputChange(file, f, c, _segment_topic(f), o, n, dim_id, seg.name) for f, c, o, n in seg_edits]
    return out
