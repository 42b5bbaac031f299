"""Sections from the content file and the market's structure: outlook, technology, initiatives,
value chain, vendors, companies, developments and the segments covered.

A section whose content the data does not have is None, so no report gets an empty section.
"""

from __future__ import annotations

from reportgen.model import prose
from reportgen.model.blocks import themes
from reportgen.model.context import Context
from reportgen.model.elements import Column, Item, ItemList, Row, Section, SectionKind, Table
from reportgen.model.names import listing


def outlook(ctx: Context) -> Section | None:
    if not ctx.content.outlook:
        return None
    return Section(
        "outlook",
        ctx._("Market outlook"),
        SectionKind.OUTLOOK,
        (themes(ctx, ctx.content.outlook),),
        headline=ctx._("What drives the {region} market to {end}").format(region=ctx.name(ctx.meta.region), end=ctx.end),
    )


def technology(ctx: Context) -> Section | None:
    tech = ctx.content.technology
    if tech is None:
        return None
    title = ctx.t(tech.title)
    return Section("technology", title, SectionKind.TEXT, tuple(b for p in tech.paragraphs for b in ctx.prose(p)), headline=title)


def initiatives(ctx: Context) -> Section | None:
    items, _, t = ctx.content.initiatives, ctx._, ctx.t
    if not items:
        return None
    columns = (
        Column("country", _("Country"), "text"),
        Column("when", _("When"), "text"),
        Column("title", _("Initiative"), "text"),
        Column("detail", _("What it means"), "text"),
    )
    rows = tuple(Row((t(i.country), t(i.when), t(i.title), ctx.cell(i.detail))) for i in items)
    title = _("Key initiatives by country")
    return Section(
        "initiatives",
        title,
        SectionKind.INITIATIVES,
        (Table("initiatives", title, columns, rows),),
        headline=ctx.lang.ngettext(
            "{n} initiative building capacity in the {region} market", "{n} initiatives building capacity in the {region} market",
            len(items),
        ).format(n=len(items), region=ctx.name(ctx.meta.region)),
    )


def value_chain(ctx: Context) -> Section | None:
    stages, _, t = ctx.content.value_chain, ctx._, ctx.t
    if not stages:
        return None
    columns = (
        Column("country", _("Country"), "text"),
        Column("names", _("Key organisations"), "text"),
        Column("role", _("Role"), "text"),
    )
    subs = []
    for i, st in enumerate(stages, 1):
        rows = tuple(Row((t(o.country), ctx.cell(o.names), ctx.cell(o.role))) for o in st.organisations)
        blocks = ctx.prose(st.activities) + ((Table(f"value-chain-{i}", t(st.stage), columns, rows),) if rows else ())
        headline = prose.plain(t(st.activities), addresses=False)
        subs.append(Section(f"value-chain-{i}", f"{i}. {ctx.name(st.stage)}", SectionKind.STAGE, blocks, headline=headline))
    headline = listing([ctx.name(s.stage) for s in stages], " > ")
    return Section("value-chain", _("Value chain"), SectionKind.VALUE_CHAIN, (), tuple(subs), headline=headline)


def vendors(ctx: Context) -> Section | None:
    entries, _, t = ctx.content.vendors, ctx._, ctx.t
    if not entries:
        return None
    columns = (
        Column("name", _("Vendor"), "text"),
        Column("country", _("Country"), "text"),
        Column("focus", _("Focus"), "text"),
        Column("offerings", _("Key offerings"), "text"),
        Column("note", _("Note"), "text"),
    )
    rows = tuple(Row((ctx.lang.proper(v.name), t(v.country or ""), ctx.cell(v.focus), ctx.cell(v.offerings), ctx.cell(v.note or "")))
                 for v in entries)
    return Section(
        "vendors",
        _("Vendors and their offerings"),
        SectionKind.VENDORS,
        (Table("vendors", _("Vendors and offerings"), columns, rows),),
        headline=ctx.lang.ngettext(
            "{n} regional vendor and what it offers", "{n} regional vendors and what they offer", len(entries)
        ).format(n=len(entries)),
    )


def companies(ctx: Context) -> Section | None:
    m, c, _, t = ctx.meta, ctx.content, ctx._, ctx.t
    if not (m.key_players or c.investors or c.startups):
        return None
    subs = []
    if c.investors:
        entries = tuple(ctx.item(n.text, ctx.lang.proper(n.name)) if n.text else Item(t(n.country or ""), ctx.lang.proper(n.name))
                        for n in c.investors)
        subs.append(Section("investors", _("Investors"), SectionKind.LIST, (ItemList(entries),)))
    if c.startups:
        entries = tuple(ctx.item(n.text or "", ctx.lang.proper(n.name), f" ({ctx.name(n.country)})" if n.country else "")
                        for n in c.startups)
        subs.append(Section("startups", _("Start-ups and innovators"), SectionKind.LIST, (ItemList(entries),)))
    blocks = (ItemList(tuple(Item(ctx.lang.proper(p)) for p in m.key_players)),) if m.key_players else ()
    return Section(
        "companies",
        _("Top companies"),
        SectionKind.COMPANIES,
        blocks,
        tuple(subs),
        headline=ctx.lang.ngettext("{n} company shapes the market", "{n} companies shape the market", len(m.key_players)).format(
            n=len(m.key_players)
        ),
    )


def developments(ctx: Context) -> Section | None:
    devs = newest_first(ctx)
    if not devs:
        return None
    items = tuple(ctx.item(d.text, f"{ctx.fmt.month(d.date)}, {ctx.proper(d.company)}") for d in devs)
    return Section(
        "developments",
        ctx._("Recent developments"),
        SectionKind.DEVELOPMENTS,
        (ItemList(items),),
        headline=ctx._("Latest: {company}, {month}").format(company=ctx.proper(devs[0].company), month=ctx.fmt.month(devs[0].date)),
    )


def newest_first(ctx: Context) -> list:
    """The content file's developments, the most recent first."""
    return sorted(ctx.content.developments, key=lambda d: d.date, reverse=True)


def segments_covered(ctx: Context) -> Section:
    dimensions = ctx.data.dimensions
    items = []
    for dim in dimensions:
        parts = []
        for seg in dim.top:
            kids = [ctx.name(k.name) for k in dim.children(seg.name)]
            parts.append(f"{ctx.name(seg.name)}" + (f" ({listing(kids)})" if kids else ""))
        items.append(Item("; ".join(parts), ctx.by(dim)))
    n = len(dimensions)
    return Section(
        "segments-covered",
        ctx._("Segments covered"),
        SectionKind.SEGMENTS,
        (ItemList(tuple(items)),),
        headline=ctx.lang.ngettext("{n} way of splitting the market", "{n} ways of splitting the market", n).format(n=n),
    )
