"""The facts a comparison of two editions yields: typed, plain data, no sentences.

Each writer and the CLI phrase them in their own words and language (see ``reportgen.data.changes``).
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any

from reportgen.data.compute import ComputedReport
from reportgen.data.load import CONTENT_FILE, REPORT_FILE, TRANSLATIONS_DIR
from reportgen.data.sections import SECTIONS_DIR

if TYPE_CHECKING:
    pass


# Change kinds of an input.
ADDED, REMOVED, CHANGED, RENAMED = "added", "removed", "changed", "renamed"

# Measures of a result, and the subjects they belong to.
VALUE, SHARE, VOLUME, PRICE, CAGR = "value", "share", "volume", "price", "cagr"
MARKET, COMPARISON, SEGMENT = "market", "comparison", "segment"
LEADER, FASTEST = "leader", "fastest"

# Groups of changes, in the order they are shown.
GROUP_MARKET, GROUP_DIMENSION, GROUP_CONTENT, GROUP_TRANSLATIONS = "market", "dimension", "content", "translations"
GROUP_SECTIONS = "sections"  # the report's own sections and their tables

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
        return GROUP_SECTIONS if self.topic in SECTION_TOPICS else _group_of(self.file, self.dimension)


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
    "section",  # a section of the report's own added or removed, or a field of its file
    "table",  # a cell of a section's table changed, or a row added or removed (subject: section.table)
    "translation",  # an entry of translations/<lang>.yaml
)
SECTION_TOPICS = ("section", "table")


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

    kind: str  # GROUP_MARKET, GROUP_DIMENSION, GROUP_CONTENT, GROUP_SECTIONS or GROUP_TRANSLATIONS
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
        add(GROUP_SECTIONS, None, "Sections", SECTIONS_DIR + "/", "kept")
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
