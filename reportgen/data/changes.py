"""What changed between two editions of a report: the inputs, the results, the ranks.

``diff_editions(old, new)`` compares two computed editions (``ComputedReport``, or the
``Analysis`` that holds one) and returns an ``EditionDiff``. It is pure: it reads no file and
renders nothing, so the CLI (``reportgen diff``) and the deliverables' "changes since the
previous edition" section state the same facts, each in its own words and language.

- **Inputs** (``InputChange``): every field of ``report.yaml``, ``dimensions/*.yaml``,
  ``content.yaml`` and ``translations/*.yaml`` that was added, removed or changed, located as
  ``Problem`` does (``dimensions/07-country.yaml: segments[1].share``). List entries are matched
  by what identifies them (an anchor by its year, a comparison by its id, a segment by its name,
  a vendor by its name...), then by position, so an edited entry is one change, not a removal
  and an addition. A segment removed and another added in the same dimension are one rename
  when they have the same parent and either stand at the same position among its sub-segments
  or have the same share and growth (``_segment_pairs``).
- **Results** (``ValueChange``): every number the deliverables show, in the years and CAGR
  periods both editions have: the market total, its volume and price, every comparison market,
  every segment's value, share of its parent and volume by year, and every CAGR of
  ``ComputedReport.periods``. Money is compared in the new edition's unit.
- **Ranks** (``RankChange``): a new leader (base year and last year) or a new fastest grower
  (base year to last year) among a dimension's top-level segments or a parent's sub-segments.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from reportgen.data.compute import ComputedDimension, ComputedReport, ComputedSegment
from reportgen.data.load import CONTENT_FILE, REPORT_FILE, TRANSLATIONS_DIR
from reportgen.data.schema import DimensionFile

if TYPE_CHECKING:
    from reportgen.data import Analysis

# Change kinds of an input.
ADDED, REMOVED, CHANGED, RENAMED = "added", "removed", "changed", "renamed"

# Measures of a result, and the subjects they belong to.
VALUE, SHARE, VOLUME, PRICE, CAGR = "value", "share", "volume", "price", "cagr"
MARKET, COMPARISON, SEGMENT = "market", "comparison", "segment"
LEADER, FASTEST = "leader", "fastest"

# Groups of changes, in the order they are shown.
GROUP_MARKET, GROUP_DIMENSION, GROUP_CONTENT, GROUP_TRANSLATIONS = "market", "dimension", "content", "translations"

# Two results closer than this (relative to their size) are the same number: float noise only.
SAME = 1e-9

Value = Any  # an input value as the YAML gives it: number, text, list or mapping (JSON-ready)


@dataclass(frozen=True)
class InputChange:
    """One field of a data file that is different in the new edition."""

    file: str  # relative to the report folder, e.g. "dimensions/07-country.yaml"
    field: str  # e.g. "segments[1].share"; "" for a whole file (a dimension added or removed)
    change: str  # ADDED, REMOVED, CHANGED or RENAMED
    topic: str  # what kind of input: see TOPICS
    old: Value  # as written in the old file (percent as percent); None when added
    new: Value  # as written in the new file; None when removed
    dimension: str | None = None  # the dimension's id, for dimension files
    subject: str | None = None  # segment name (the new one) or comparison id the field belongs to

    @property
    def location(self) -> str:
        """``file: field`` as ``Problem`` prints it."""
        return f"{self.file}: {self.field}" if self.field else self.file

    @property
    def group(self) -> str:
        return _group_of(self.file, self.dimension)


# Topics of an input change, stable names for sentences and JSON.
TOPICS = (
    "anchor",  # a market or comparison anchor (year, value, source/estimate)
    "stated-cagr",  # a stated CAGR
    "assumption",  # a growth assumption
    "price",  # the average price (base, reason)
    "price-change",  # the average price's annual change
    "volume",  # the volume measure's name or unit
    "comparison",  # a comparison market added, removed or renamed
    "years",  # the report's year range or base year
    "cagr-periods",  # the extra CAGR periods
    "metadata",  # other report.yaml or dimension fields: title, edition, team, sources...
    "dimension",  # a dimension added or removed, or its file renamed
    "segment",  # a segment added, removed or renamed
    "share",  # a segment's base-year share
    "growth",  # a segment's assumed growth
    "price-index",  # a segment's price index
    "parent",  # a segment moved to another parent
    "segment-text",  # a segment's source, estimate or description
    "claims",  # a dimension's claimed leader or fastest grower
    "content",  # an entry of content.yaml
    "translation",  # an entry of translations/<lang>.yaml
)


@dataclass(frozen=True)
class ValueChange:
    """One number the deliverables show, in a year or CAGR period both editions have."""

    dimension: str | None  # dimension id; None for the market and comparisons
    subject_type: str  # MARKET, COMPARISON or SEGMENT
    subject: str  # "market", the comparison id, or the segment's (new) name
    measure: str  # VALUE, SHARE, VOLUME, PRICE or CAGR
    old: float
    new: float
    year: int | None = None  # for VALUE, SHARE, VOLUME, PRICE
    period: tuple[int, int] | None = None  # for CAGR
    parent: str | None = None  # parent segment's (new) name, for sub-segments
    old_subject: str | None = None  # the old name of a renamed segment

    @property
    def absolute(self) -> float:
        """New less old, in the measure's own unit (fraction points for shares and CAGRs)."""
        return self.new - self.old

    @property
    def relative(self) -> float | None:
        """Change relative to the old value; None when the old value is zero (or not a number)."""
        if self.old == 0 or math.isnan(self.old) or math.isnan(self.new):
            return None
        return (self.new - self.old) / abs(self.old)

    def exceeds(self, threshold: float) -> bool:
        """Whether the move is at least ``threshold`` (relative); a move from zero always is."""
        rel = self.relative
        return rel is None or abs(rel) >= threshold

    @property
    def group(self) -> str:
        return GROUP_DIMENSION if self.dimension else GROUP_MARKET


@dataclass(frozen=True)
class RankChange:
    """A new leader or a new fastest grower among siblings."""

    dimension: str  # dimension id
    parent: str | None  # None: the dimension's top level; else the parent's (new) name
    kind: str  # LEADER (largest in ``year``) or FASTEST (highest CAGR over ``period``)
    old: str  # the old edition's segment (its old name)
    new: str  # the new edition's segment
    old_value: float  # old segment's share of the parent (leader) or CAGR (fastest) in the old edition
    new_value: float  # new segment's, in the new edition
    year: int | None = None
    period: tuple[int, int] | None = None

    @property
    def group(self) -> str:
        return GROUP_DIMENSION


Change = InputChange | ValueChange | RankChange


@dataclass(frozen=True)
class Edition:
    """What identifies an edition, for headings and sentences."""

    ref: str  # as the user named it (folder, id or REPORT@REV); "" when not given
    id: str
    title: str
    edition: dt.date
    first_year: int
    last_year: int
    base_year: int
    currency: str
    unit: str  # unit.short

    @classmethod
    def of(cls, data: ComputedReport, ref: str = "") -> Edition:
        meta = data.meta
        return cls(ref, meta.id, meta.title, meta.edition, data.years[0], data.years[-1], data.base_year,
                   meta.currency.code, meta.unit.short)


@dataclass(frozen=True)
class DimensionRef:
    """A dimension of either edition, in the order the diff shows them."""

    id: str
    title: str  # the new edition's title (the old one's when removed)
    file: str  # relative to the report folder
    status: str  # "kept", ADDED or REMOVED


@dataclass(frozen=True)
class Group:
    """The changes of one part of the report: the market, a dimension, the content, translations."""

    kind: str  # GROUP_MARKET, GROUP_DIMENSION, GROUP_CONTENT or GROUP_TRANSLATIONS
    dimension: str | None
    title: str
    file: str | None
    status: str
    inputs: tuple[InputChange, ...]
    results: tuple[ValueChange, ...]
    ranks: tuple[RankChange, ...]


@dataclass(frozen=True)
class EditionDiff:
    """Everything that changed from one edition to the next."""

    old: Edition
    new: Edition
    inputs: tuple[InputChange, ...]
    results: tuple[ValueChange, ...]
    ranks: tuple[RankChange, ...]
    dimensions: tuple[DimensionRef, ...]
    threshold: float = 0.0  # results below it were dropped by ``material``
    hidden: int = 0  # how many

    @property
    def is_empty(self) -> bool:
        return not (self.inputs or self.results or self.ranks or self.hidden)

    def material(self, threshold: float) -> EditionDiff:
        """The same diff without result moves smaller than ``threshold`` (relative); inputs and ranks stay."""
        kept = tuple(r for r in self.results if r.exceeds(threshold))
        return replace(self, results=kept, threshold=threshold, hidden=self.hidden + len(self.results) - len(kept))

    def headline(self) -> tuple[ValueChange | RankChange, ...]:
        """The changes to state first, in this order: the market's value in the base year and in
        the last year, its headline CAGR (base year to last year), then new leaders and new
        fastest growers among each dimension's top-level segments. Only those that changed (and,
        on a ``material`` diff, that passed its threshold)."""
        base, end = self.new.base_year, self.new.last_year
        market = [r for r in self.results if r.subject_type == MARKET and r.dimension is None]
        picks: list[ValueChange | RankChange] = []
        for measure, year, period in [(VALUE, base, None), (VALUE, end, None), (CAGR, None, (base, end))]:
            picks += [r for r in market if r.measure == measure and r.year == year and r.period == period]
        top = [r for r in self.ranks if r.parent is None]
        picks += [r for r in top if r.kind == LEADER] + [r for r in top if r.kind == FASTEST]
        return tuple(picks)

    def dimension(self, dimension_id: str) -> DimensionRef:
        """A dimension of either edition by id (its title for a heading or a sentence)."""
        return next(d for d in self.dimensions if d.id == dimension_id)

    def groups(self) -> tuple[Group, ...]:
        """The changes grouped as they are shown: market, each dimension, content, translations.

        Only groups with at least one change; dimensions in the new edition's order, removed
        ones after them.
        """
        out: list[Group] = []

        def add(kind: str, dimension: str | None, title: str, file: str | None, status: str) -> None:
            def mine(c: Change) -> bool:
                return c.group == kind and (kind != GROUP_DIMENSION or c.dimension == dimension)

            group = Group(kind, dimension, title, file, status, tuple(c for c in self.inputs if mine(c)),
                          tuple(c for c in self.results if mine(c)), tuple(c for c in self.ranks if mine(c)))
            if group.inputs or group.results or group.ranks:
                out.append(group)

        add(GROUP_MARKET, None, "Market", REPORT_FILE, "kept")
        for d in self.dimensions:
            add(GROUP_DIMENSION, d.id, d.title, d.file, d.status)
        add(GROUP_CONTENT, None, "Content", CONTENT_FILE, "kept")
        add(GROUP_TRANSLATIONS, None, "Translations", TRANSLATIONS_DIR + "/", "kept")
        return tuple(out)


def _group_of(file: str, dimension: str | None) -> str:
    if dimension is not None:
        return GROUP_DIMENSION
    if file == CONTENT_FILE:
        return GROUP_CONTENT
    if file.startswith(TRANSLATIONS_DIR + "/"):
        return GROUP_TRANSLATIONS
    return GROUP_MARKET


# --------------------------------------------------------------------------------------------
# The comparison


def diff_editions(old: Analysis | ComputedReport, new: Analysis | ComputedReport, old_ref: str = "", new_ref: str = "") -> EditionDiff:
    """Compare two editions (``ComputedReport`` or ``Analysis``); nothing is read or rendered."""
    a: ComputedReport = getattr(old, "computed", old)
    b: ComputedReport = getattr(new, "computed", new)
    inputs = _report_inputs(a, b)
    dims = _dimension_pairs(a, b)
    results = _market_results(a, b)
    ranks: list[RankChange] = []
    refs: list[DimensionRef] = []
    for old_dim, new_dim in dims:
        if new_dim is None:
            assert old_dim is not None
            file = _rel(a, old_dim.path)
            refs.append(DimensionRef(old_dim.id, old_dim.title, file, REMOVED))
            inputs.append(InputChange(file, "", REMOVED, "dimension", _dimension_summary(old_dim), None, old_dim.id))
            continue
        file = _rel(b, new_dim.path)
        if old_dim is None:
            refs.append(DimensionRef(new_dim.id, new_dim.title, file, ADDED))
            inputs.append(InputChange(file, "", ADDED, "dimension", None, _dimension_summary(new_dim), new_dim.id))
            continue
        refs.append(DimensionRef(new_dim.id, new_dim.title, file, "kept"))
        pairs, renames = _segment_pairs(_dimension_file(a, old_dim), _dimension_file(b, new_dim))
        inputs += _dimension_inputs(a, b, old_dim, new_dim, pairs, renames)
        results += _segment_results(a, b, old_dim, new_dim, pairs)
        ranks += _rank_changes(a, b, old_dim, new_dim, renames)
    inputs += _content_inputs(a, b) + _translation_inputs(a, b)
    return EditionDiff(Edition.of(a, old_ref), Edition.of(b, new_ref), tuple(inputs), tuple(results), tuple(ranks), tuple(refs))


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


def _report_inputs(a: ComputedReport, b: ComputedReport) -> list[InputChange]:
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


def _content_inputs(a: ComputedReport, b: ComputedReport) -> list[InputChange]:
    edits: list[Edit] = []
    _walk(_dump(a.source.content), _dump(b.source.content), "", edits)
    return [InputChange(CONTENT_FILE, f, change, "content", old, new) for f, change, old, new in edits]


def _translation_inputs(a: ComputedReport, b: ComputedReport) -> list[InputChange]:
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


def _rel(data: ComputedReport, path: Path) -> str:
    try:
        return path.relative_to(data.source.folder).as_posix()
    except ValueError:
        return path.name


def _dimension_file(data: ComputedReport, dim: ComputedDimension) -> DimensionFile:
    return next(d for p, d in data.source.dimensions if p == dim.path)


def _dimension_summary(dim: ComputedDimension) -> dict[str, Any]:
    return {"id": dim.id, "title": dim.title, "segments": [s.name for s in dim.segments]}


def _dimension_pairs(a: ComputedReport, b: ComputedReport) -> list[tuple[ComputedDimension | None, ComputedDimension | None]]:
    """Dimensions matched by id: the new edition's in its order, then the removed ones."""
    old = {d.id: d for d in a.dimensions}
    new_ids = {d.id for d in b.dimensions}
    pairs: list[tuple[ComputedDimension | None, ComputedDimension | None]] = [(old.get(d.id), d) for d in b.dimensions]
    return pairs + [(d, None) for d in a.dimensions if d.id not in new_ids]


def _segment_pairs(old: DimensionFile, new: DimensionFile) -> tuple[list[tuple[int | None, int | None]], dict[str, str]]:
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


def _dimension_inputs(a: ComputedReport, b: ComputedReport, old_dim: ComputedDimension, new_dim: ComputedDimension,
                      pairs: list[tuple[int | None, int | None]], renames: dict[str, str]) -> list[InputChange]:
    old_file, new_file = _dimension_file(a, old_dim), _dimension_file(b, new_dim)
    file, dim_id = _rel(b, new_dim.path), new_dim.id
    out: list[InputChange] = []
    old_path = _rel(a, old_dim.path)
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


# ---- results ----------------------------------------------------------------------------


def _same(old: float, new: float) -> bool:
    if math.isnan(old) or math.isnan(new):
        return math.isnan(old) and math.isnan(new)
    return math.isclose(old, new, rel_tol=SAME, abs_tol=1e-12)


def _common_years(a: ComputedReport, b: ComputedReport) -> list[int]:
    return [y for y in b.years if y in a.years]


def _common_periods(a: ComputedReport, b: ComputedReport) -> list[tuple[int, int]]:
    return [p for p in b.periods if p in a.periods]


def _yearly(out: list[ValueChange], years: Iterable[int], old: Callable[[int], float], new: Callable[[int], float],
            **what: Any) -> None:
    for y in years:
        o, n = old(y), new(y)
        if not _same(o, n):
            out.append(ValueChange(old=o, new=n, year=y, **what))


def _cagrs(out: list[ValueChange], periods: Iterable[tuple[int, int]], old: Any, new: Any, **what: Any) -> None:
    for p in periods:
        o, n = old.cagr(*p), new.cagr(*p)
        if not _same(o, n):
            out.append(ValueChange(old=o, new=n, period=p, measure=CAGR, **what))


def _money_scale(a: ComputedReport, b: ComputedReport) -> float:
    """Factor taking the old edition's money into the new edition's unit."""
    return a.meta.unit.scale / b.meta.unit.scale


def _market_results(a: ComputedReport, b: ComputedReport) -> list[ValueChange]:
    years, periods, scale = _common_years(a, b), _common_periods(a, b), _money_scale(a, b)
    out: list[ValueChange] = []
    market = {"dimension": None, "subject_type": MARKET, "subject": MARKET}
    _yearly(out, years, lambda y: a.total[y] * scale, lambda y: b.total[y], measure=VALUE, **market)
    _cagrs(out, periods, a.total, b.total, **market)
    if a.volume is not None and b.volume is not None and a.price is not None and b.price is not None:
        _yearly(out, years, a.volume.__getitem__, b.volume.__getitem__, measure=VOLUME, **market)
        _yearly(out, years, a.price.__getitem__, b.price.__getitem__, measure=PRICE, **market)
    old_comparisons = {c.meta.id: c for c in a.comparisons}
    for comp in b.comparisons:
        before = old_comparisons.get(comp.meta.id)
        if before is None:
            continue
        what = {"dimension": None, "subject_type": COMPARISON, "subject": comp.meta.id}
        _yearly(out, years, lambda y, s=before: s.values[y] * scale, lambda y, s=comp: s.values[y], measure=VALUE, **what)
        _cagrs(out, periods, before.values, comp.values, **what)
    return out


def _segment_results(a: ComputedReport, b: ComputedReport, old_dim: ComputedDimension, new_dim: ComputedDimension,
                     pairs: list[tuple[int | None, int | None]]) -> list[ValueChange]:
    years, periods, scale = _common_years(a, b), _common_periods(a, b), _money_scale(a, b)
    out: list[ValueChange] = []
    for i, j in pairs:
        if i is None or j is None:
            continue
        before, seg = old_dim.segments[i], new_dim.segments[j]
        what = {"dimension": new_dim.id, "subject_type": SEGMENT, "subject": seg.name, "parent": seg.parent,
                "old_subject": before.name if before.name != seg.name else None}
        _yearly(out, years, lambda y, s=before: s.revenue[y] * scale, lambda y, s=seg: s.revenue[y], measure=VALUE, **what)
        _yearly(out, years, before.share_in, seg.share_in, measure=SHARE, **what)
        if before.volume is not None and seg.volume is not None:
            _yearly(out, years, before.volume.__getitem__, seg.volume.__getitem__, measure=VOLUME, **what)
        _cagrs(out, periods, before.revenue, seg.revenue, **what)
    return out


def _rank_changes(a: ComputedReport, b: ComputedReport, old_dim: ComputedDimension, new_dim: ComputedDimension,
                  renames: dict[str, str]) -> list[RankChange]:
    """New leaders (base year, last year) and new fastest growers (base to last year) among siblings."""
    back = {new: old for old, new in renames.items()}
    base, end = b.forecast_period
    out: list[RankChange] = []
    parents: list[str | None] = [None, *(p.name for p in new_dim.parents)]
    old_names = {s.name for s in old_dim.segments}
    for parent in parents:
        old_parent = back.get(parent, parent) if parent else None
        if (old_parent is not None and old_parent not in old_names) or not old_dim.children(old_parent):
            continue  # a new parent: nothing to compare with

        def moved(old_seg: ComputedSegment, new_seg: ComputedSegment) -> bool:
            return renames.get(old_seg.name, old_seg.name) != new_seg.name

        for year in (base, end):
            if year not in a.years:
                continue
            was, now = old_dim.leader(year, old_parent), new_dim.leader(year, parent)
            if moved(was, now):
                out.append(RankChange(new_dim.id, parent, LEADER, was.name, now.name, was.share_in(year), now.share_in(year), year=year))
        if base in a.years and end in a.years:
            was, now = old_dim.fastest(base, end, old_parent), new_dim.fastest(base, end, parent)
            if moved(was, now):
                out.append(RankChange(new_dim.id, parent, FASTEST, was.name, now.name, was.revenue.cagr(base, end),
                                      now.revenue.cagr(base, end), period=(base, end)))
    return out


__all__ = [
    "ADDED",
    "CAGR",
    "CHANGED",
    "COMPARISON",
    "FASTEST",
    "LEADER",
    "MARKET",
    "PRICE",
    "REMOVED",
    "RENAMED",
    "SEGMENT",
    "SHARE",
    "TOPICS",
    "VALUE",
    "VOLUME",
    "DimensionRef",
    "Edition",
    "EditionDiff",
    "Group",
    "InputChange",
    "RankChange",
    "ValueChange",
    "diff_editions",
]
