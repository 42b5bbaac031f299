"""The inputs an analyst changed between two editions, summarised for the client.

``reportgen diff`` lists every changed field by file and location; a deliverable says what they
mean: '3 inputs changed: market size for 2034; shares by country: Denmark, Finland', then the
segments renamed, added and removed, the dimensions and comparison markets added and removed,
the tables of the report's own sections whose figures changed and those sections added and
removed, and a count of the other changes (texts, sources, translations). The edition's own date and its
``previous:`` change with every edition, so they are not news and are left out.
"""

from __future__ import annotations

import re

from reportgen.data.changes import ADDED, REMOVED, RENAMED, EditionDiff, InputChange
from reportgen.data.compute import ComputedDimension
from reportgen.data.load import REPORT_FILE
from reportgen.i18n import Language
from reportgen.model import names
from reportgen.model.context import Context
from reportgen.model.elements import Item, ItemList
from reportgen.model.names import Name, lower_first

EDITION_FIELDS = ("edition", "previous")  # what every new edition changes
SEGMENT_FIGURES = ("share", "growth", "price-index", "parent")
_SERIES = re.compile(r"^(market|comparisons\[\d+\])\.(anchors|assumptions|stated_cagr)(\[\d+\])?(?:\.(\w+))?$")
_FIGURE_FIELDS = {"anchors": ("value", "year"), "assumptions": ("growth", "from", "to"), "stated_cagr": ("value", "from", "to")}

def shown_inputs(diff: EditionDiff) -> list[InputChange]:
    """The changed inputs worth stating: all but the edition's own date and ``previous:``, and a
    dimension file's new name."""
    def edition_field(c: InputChange) -> bool:
        return c.file == REPORT_FILE and re.split(r"[.\[]", c.field)[0] in EDITION_FIELDS

    return [c for c in diff.inputs if not edition_field(c) and not (c.topic == "dimension" and c.change == RENAMED)]


def inputs_summary(ctx: Context, diff: EditionDiff, previous: Language) -> list[Item]:
    """One item per kind of change, each naming what changed; ``previous`` translates the previous
    edition's names (a removed segment's, a renamed one's former name). Names are isolated, as in
    every text composed of names."""
    _, ngettext = ctx._, ctx.lang.ngettext

    def old(text: str) -> Name:
        return names.name(previous, text)


    figures: dict[tuple, list[str]] = {}  # what changed -> the years or names it concerns, in order
    figure_count = 0
    segments: dict[str, dict[str, list[str]]] = {RENAMED: {}, ADDED: {}, REMOVED: {}}  # change -> dimension -> names
    dimensions: dict[str, list[str]] = {ADDED: [], REMOVED: []}
    comparisons: dict[str, list[str]] = {ADDED: [], REMOVED: []}
    tables: list[str] = []  # the report's own tables whose cells changed, by model id
    sections: dict[str, list[str]] = {ADDED: [], REMOVED: []}
    other = 0
    for c in shown_inputs(diff):
        figure = _figure(ctx, c)
        if figure is not None:
            what, detail = figure
            details = figures.setdefault(what, [])
            if detail and detail not in details:
                details.append(detail)
            figure_count += 1
        elif c.topic == "segment" and c.dimension is not None and c.change in segments:
            listed = segments[c.change].setdefault(c.dimension, [])
            if c.change == RENAMED:
                listed.append(_("{name}, previously {old}").format(name=ctx.name(c.new), old=old(c.old)))
            else:
                listed.append(str(ctx.name(c.subject or "") if c.change == ADDED else old(c.subject or "")))
        elif c.topic == "dimension" and c.dimension is not None:
            name = diff.dimension(c.dimension).title
            dimensions[c.change].append(f"{ctx.name(name) if c.change == ADDED else old(name):^}")
        elif c.topic == "table" and c.subject is not None:
            if c.subject not in tables:
                tables.append(c.subject)
        elif c.topic == "section" and c.field == "" and c.change in sections:
            entry = c.new if c.change == ADDED else c.old
            title = entry.get("title", "") if isinstance(entry, dict) else ""
            sections[c.change].append(f"{ctx.name(title) if c.change == ADDED else old(title):^}")
        elif c.topic == "comparison" and re.fullmatch(r"comparisons\[\d+\]", c.field) and c.change in comparisons:
            entry = c.new if c.change == ADDED else c.old
            name = entry.get("name", "") if isinstance(entry, dict) else ""
            comparisons[c.change].append(f"{ctx.name(name) if c.change == ADDED else old(name):^}")
        else:
            other += 1
    items = []
    if figure_count:
        lead = ngettext("{n} input changed", "{n} inputs changed", figure_count).format(n=ctx.fmt.integer(figure_count))
        items.append(Item("; ".join(_figure_text(ctx, what, details) for what, details in figures.items()), lead))
    counted = {
        RENAMED: lambda n: ngettext("{n} segment renamed", "{n} segments renamed", n),
        ADDED: lambda n: ngettext("{n} segment added", "{n} segments added", n),
        REMOVED: lambda n: ngettext("{n} segment removed", "{n} segments removed", n),
    }
    for change, heading in counted.items():
        by_dimension = segments[change]
        n = sum(map(len, by_dimension.values()))
        if n:
            text = "; ".join(_("{names} ({dimension})").format(names=", ".join(listed), dimension=ctx.title(dimension_of(ctx, dim_id)))
                             for dim_id, listed in by_dimension.items())
            items.append(Item(text, heading(n).format(n=ctx.fmt.integer(n))))
    # Names, then the titles of the report's own tables and sections: an analyst's title may hold
    # a comma ('Approvals by country, 2023'), so those are a list within the entry, one title each.
    wholes = [
        (dimensions[ADDED], lambda n: ngettext("{n} dimension added", "{n} dimensions added", n), False),
        (dimensions[REMOVED], lambda n: ngettext("{n} dimension removed", "{n} dimensions removed", n), False),
        (comparisons[ADDED], lambda n: ngettext("{n} comparison market added", "{n} comparison markets added", n), False),
        (comparisons[REMOVED], lambda n: ngettext("{n} comparison market removed", "{n} comparison markets removed", n), False),
        ([_table_title(ctx, t) for t in tables], lambda n: ngettext("{n} table changed", "{n} tables changed", n), True),
        (sections[ADDED], lambda n: ngettext("{n} section added", "{n} sections added", n), True),
        (sections[REMOVED], lambda n: ngettext("{n} section removed", "{n} sections removed", n), True),
    ]
    for listed, heading, titles in wholes:
        if listed:
            lead = heading(len(listed)).format(n=ctx.fmt.integer(len(listed)))
            items.append(Item("", lead, (ItemList(tuple(map(Item, listed))),)) if titles else Item(", ".join(listed), lead))
    if other:
        items.append(Item(ngettext("{n} other change to texts, sources or translations",
                                   "{n} other changes to texts, sources or translations", other).format(n=ctx.fmt.integer(other))))
    return items


def _figure(ctx: Context, c: InputChange) -> tuple[tuple, str] | None:
    """(what changed, the year or name it concerns) for an input that is a figure; None for text."""
    if c.topic in SEGMENT_FIGURES and c.dimension is not None:
        return (c.topic, c.dimension), str(ctx.name(c.subject or ""))
    if c.topic in ("price", "price-change", "years"):
        figure = c.topic != "price" or c.field in ("volume.price", "volume.price.base")
        return ((c.topic,), "") if figure else None
    found = _SERIES.match(c.field)
    if found is None:
        return None
    series, kind, index, part = found.groups()
    if part is not None and part not in _FIGURE_FIELDS[kind]:
        return None  # a source, an estimate's reason: text
    if kind != "anchors":
        return (kind, c.subject), ""
    entry = c.new if c.change == ADDED else c.old
    if part is None and isinstance(entry, dict):  # a whole anchor added or removed
        return (kind, c.subject), str(entry.get("year", ""))
    meta = ctx.meta.market if series == "market" else next(s for s in ctx.meta.comparisons if s.id == c.subject)
    assert index is not None
    return (kind, c.subject), str(meta.anchors[int(index[1:-1])].year)


def _figure_text(ctx: Context, what: tuple, details: list[str]) -> str:
    _ = ctx._
    kind, scope = what[0], what[1] if len(what) > 1 else None
    listed = ", ".join(details)
    if kind in SEGMENT_FIGURES:
        dim = dimension_of(ctx, scope)
        message = {"share": _("shares {by}: {names}"), "growth": _("growth rates {by}: {names}"),
                   "price-index": _("price indices {by}: {names}"), "parent": _("parent segments {by}: {names}")}[kind]
        return message.format(by=lower_first(ctx.by(dim)), names=listed)
    if kind in ("price", "price-change", "years"):
        return {"price": _("average price"), "price-change": _("annual price change"), "years": _("years covered")}[kind]
    if scope is None:  # the report's own market
        return {"anchors": _("market size for {years}"), "assumptions": _("market growth assumptions"),
                "stated_cagr": _("stated market CAGR")}[kind].format(years=listed)
    market = ctx.market(next(c.meta.name for c in ctx.data.comparisons if c.meta.id == scope), lower=True)
    return {"anchors": _("size of the {market} for {years}"), "assumptions": _("growth assumptions for the {market}"),
            "stated_cagr": _("stated CAGR of the {market}")}[kind].format(market=market, years=listed)


def _table_title(ctx: Context, model_id: str) -> str:
    """The title of one of the report's own tables ('regulation.approvals'), as the edition shows it."""
    section_id, table_id = model_id.split(".", 1)
    source = next(s for s in ctx.data.source.sections if s.file.id == section_id)
    return f"{ctx.name(source.tables[table_id].spec.title):^}"


def dimension_of(ctx: Context, dimension_id: str) -> ComputedDimension:
    """A dimension of this edition by id."""
    return next(d for d in ctx.data.dimensions if d.id == dimension_id)
