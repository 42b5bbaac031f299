"""The market as a whole: key takeaways, the executive summary, the overview and the comparison
with wider markets."""

from __future__ import annotations

from reportgen.model import sentences
from reportgen.model.blocks import YearlyRow, market_notes, yearly_chart, yearly_table
from reportgen.model.context import Context
from reportgen.model.elements import (
    Chart,
    ChartSeries,
    Column,
    Item,
    ItemList,
    KeyFigure,
    KeyFigures,
    Paragraph,
    Row,
    Section,
    SectionKind,
    Table,
)
from reportgen.model.names import isolate, listing, lower_first, upper_first


def takeaways(ctx: Context) -> Section:
    data, fmt, _, base, end = ctx.data, ctx.fmt, ctx._, ctx.base, ctx.end
    items = [Item(s) for s in sentences.size_and_growth(data, fmt, ctx.lang)]
    items += [Item(s) for s in sentences.comparison(data, fmt, ctx.lang)]
    for dim in data.dimensions:
        items.append(Item(sentences.action_title(dim, data, fmt, ctx.lang) + ".", ctx.by(dim)))
    size = _("Market size {year}")
    figures = KeyFigures(
        (
            KeyFigure(size.format(year=base), data.total[base], "money"),
            KeyFigure(size.format(year=ctx.first), data.total[ctx.first], "money"),
            KeyFigure(size.format(year=end), data.total[end], "money"),
            KeyFigure(ctx.cagr_label(base, end), data.total.cagr(base, end), "cagr"),
        )
    )
    return Section(
        "takeaways",
        _("Key takeaways"),
        SectionKind.TAKEAWAYS,
        (figures, ItemList(tuple(items))),
        headline=sentences.size_headline(data, fmt, ctx.lang),
        notes=market_notes(ctx),
    )


def summary(ctx: Context) -> Section:
    data, fmt, m, _, t = ctx.data, ctx.fmt, ctx.meta, ctx._, ctx.t
    rows = [
        (_("Market size in {year}").format(year=ctx.base), fmt.money_words(data.total[ctx.base])),
        (_("Market size in {year}").format(year=ctx.first), fmt.money_words(data.total[ctx.first])),
        (_("Projected market size in {year}").format(year=ctx.end), fmt.money_words(data.total[ctx.end])),
    ]
    rows += [(ctx.cagr_label(a, b), fmt.cagr(data.total.cagr(a, b))) for a, b in ctx.shown_periods]
    if data.volume is not None and m.volume:
        rows.append(
            (
                _("{measure} in {year}").format(measure=ctx.name(m.volume.name), year=ctx.base),
                f"{fmt.count(data.volume[ctx.base])} {t(m.volume.unit)}",
            )
        )
    measures = _("Revenue and volume ({unit})").format(unit=t(m.volume.unit)) if m.volume else _("Revenue")
    rows += [
        (_("Historical years"), f"{m.years.historical[0]}-{m.years.historical[1]}"),
        (_("Base year"), str(m.years.base)),
        (_("Forecast years"), f"{m.years.forecast[0]}-{m.years.forecast[1]}"),
        (_("Measures"), measures),
        (_("Segmentation"), ", ".join(lower_first(ctx.by(d)) for d in data.dimensions)),
        (_("Key players"), listing([ctx.proper(p) for p in m.key_players])),
    ]
    table = Table(
        "summary",
        _("Executive summary"),
        (Column("item", _("Item"), "text"), Column("value", _("Value"), "text")),
        tuple(Row(r) for r in rows),
        source=ctx.source_line,
    )
    return Section(
        "summary",
        _("Executive summary"),
        SectionKind.SUMMARY,
        (table,),
        headline=sentences.market_size(data, fmt, ctx.lang),
        notes=market_notes(ctx),
    )


def overview(ctx: Context) -> Section:
    data, fmt, m, _, t = ctx.data, ctx.fmt, ctx.meta, ctx._, ctx.t
    blocks: list = []
    if ctx.content.definition:
        blocks += [b for p in ctx.content.definition.paragraphs for b in ctx.prose(p)]
    blocks.append(Paragraph(sentences.market_size(data, fmt, ctx.lang)))
    blocks.append(KeyFigures(tuple(KeyFigure(ctx.cagr_label(a, b), data.total.cagr(a, b), "cagr") for a, b in ctx.shown_periods)))
    blocks.append(
        yearly_chart(
            ctx,
            "market-size",
            _("Market size, {period}").format(period=ctx.period),
            upper_first(t(m.market.name)),
            data.total,
            "money",
            fmt.money_unit,
        )
    )
    columns = [
        Column("year", _("Year"), "year"),
        Column("revenue", _("Revenue ({unit})").format(unit=fmt.money_unit), "money", fmt.money_unit),
        Column("growth", _("Growth"), "percent"),
    ]
    if data.volume is not None and m.volume:
        blocks.append(Paragraph(sentences.volume(data, fmt, ctx.lang)))
        unit = t(m.volume.unit_short or m.volume.unit)
        columns += [
            Column("volume", _("{measure} ({unit})").format(measure=ctx.name(m.volume.name), unit=isolate(unit)), "count", unit),
            Column("price", _("Average price ({unit})").format(unit=ctx.price_unit), "price", ctx.price_unit),
        ]
    rows = []
    for y in ctx.years:
        cells = [str(y), data.total[y], data.total.growth(y)]
        if data.volume is not None and data.price is not None and m.volume:
            cells += [data.volume[y], data.price[y]]
        rows.append(Row(tuple(cells)))
    blocks.append(Table("market-size", _("Market size by year"), tuple(columns), tuple(rows), source=ctx.source_line))
    return Section(
        "overview",
        _("Market overview"),
        SectionKind.OVERVIEW,
        tuple(blocks),
        headline=sentences.growth_headline(data, fmt, ctx.lang),
        notes=market_notes(ctx),
    )


def comparison(ctx: Context) -> Section | None:
    data, fmt, _, t, years = ctx.data, ctx.fmt, ctx._, ctx.t, ctx.years
    if not data.comparisons:
        return None
    blocks: list = [Paragraph(s) for s in sentences.comparison(data, fmt, ctx.lang)]
    region = t(data.meta.region)
    named = [(region, data.total)] + [(upper_first(t(c.meta.name)), c.values) for c in data.comparisons]
    # Each market as an index of its base-year value: a wider market many times the size would
    # otherwise flatten this one's line against the axis. The sizes are in the table below.
    series = [ChartSeries(name, tuple(values[y] / values[ctx.base] * 100 for y in years)) for name, values in named]
    first, last = years[0], years[-1]
    shown = "; ".join(
        _("{market} from {first_value} to {last_value}").format(
            market=isolate(s.name), first_value=fmt.value(s.values[0], "index"), last_value=fmt.value(s.values[-1], "index")
        )
        for s in series
    )
    alt = _("Line chart comparing the markets' growth, {first}-{last}, as an index ({base} = 100): {listing}.").format(
        first=first, last=last, base=ctx.base, listing=shown
    )
    blocks.append(
        Chart(
            "comparison",
            _("Growth compared, {first}-{last} (index, {base} = 100)").format(first=first, last=last, base=ctx.base),
            "line",
            tuple(str(y) for y in years),
            tuple(series),
            "index",
            _("Index, {base} = 100").format(base=ctx.base),
            ctx.source_line,
            alt,
            forecast_from=ctx.forecast_from,
        )
    )
    rows: list[YearlyRow] = [(region, data.total, 0, "data")]
    rows += [(upper_first(t(c.meta.name)), c.values, 0, "data") for c in data.comparisons]
    blocks.append(yearly_table(ctx, "comparison", _("Market size compared ({unit})").format(unit=fmt.money_unit), _("Market"), rows, None))
    shares = [
        Row(
            (
                _("Share of the {region} market in the {market}").format(
                    region=ctx.name(data.meta.region), market=ctx.market(c.meta.name, lower=True)
                ),
                *[data.share_of(c)[y] for y in years],
            )
        )
        for c in data.comparisons
    ]
    blocks.append(
        Table(
            "comparison-share",
            _("Regional share of the wider market"),
            (Column("name", _("Market"), "text"), *[Column(str(y), str(y), "percent") for y in years]),
            tuple(shares),
            source=ctx.source_line,
        )
    )
    notes = []
    for c in data.comparisons:
        notes += [
            _("{market} {year}: {value} ({source}).").format(
                market=ctx.market(c.meta.name), year=a.year, value=fmt.money(a.value),
                source=t(a.source) if a.source else ctx.plain(a.estimate or ""),
            )
            for a in c.meta.anchors
        ]
        notes += [
            _("{market} {start}-{end}: estimate, {reason}").format(
                market=ctx.market(c.meta.name), start=g.start, end=g.end, reason=ctx.plain(g.reason)
            )
            for g in c.meta.assumptions
        ]
    return Section(
        "comparison",
        _("Global market comparison"),
        SectionKind.COMPARISON,
        tuple(blocks),
        headline=sentences.comparison_headline(data, fmt, ctx.lang),
        notes=tuple(notes),
    )
