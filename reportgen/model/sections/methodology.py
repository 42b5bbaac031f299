"""The methodology: how the numbers are made, what the checks found in the source, and every
input figure with its provenance (published, or an estimate and why)."""

from __future__ import annotations

from reportgen.data.compute import ESTIMATE, SOURCED, Figure
from reportgen.model import sentences
from reportgen.model.context import Context
from reportgen.model.elements import Column, Item, ItemList, Paragraph, Row, Section, SectionKind, Table
from reportgen.model.names import isolate, upper_first


def methodology(ctx: Context) -> Section:
    data, fmt, m, _ = ctx.data, ctx.fmt, ctx.meta, ctx._
    method = [
        _(
            "Published values are kept exactly. Between two published years the market grows at the constant rate that joins "
            "them; years outside the published ones are back-cast or extrapolated at the stated growth assumptions."
        ),
        _(
            "Segments start from their {base} shares and each grows at its own assumed rate; every year the segments are "
            "rescaled so that they add up exactly to their parent (the market or a parent segment). All CAGRs are recomputed "
            "from the resulting values."
        ).format(base=ctx.base),
    ]
    if m.volume:
        method.append(
            _(
                "{measure}: revenue divided by the average revenue per {item}; segment volumes follow segment "
                "revenue, adjusted by each segment's relative price."
            ).format(measure=ctx.name(m.volume.name), item=ctx.volume_item)
        )
    blocks: list = [Paragraph(x) for x in method]
    if ctx.analysis.findings:
        blocks.append(Paragraph(_("Checks on the source's statements found the following:")))
        blocks.append(ItemList(tuple(Item(sentences.finding(f, data, fmt, ctx.lang)) for f in ctx.analysis.findings)))
    columns = (
        Column("figure", _("Figure"), "text"),
        Column("value", _("Value"), "text"),
        Column("status", _("Status"), "text"),
        Column("basis", _("Source or reason"), "text"),
    )
    status = {SOURCED: _("sourced"), ESTIMATE: _("estimate")}
    estimates = [f for f in data.figures if f.status != SOURCED]
    sourced = [f for f in data.figures if f.status == SOURCED]
    rows = [
        Row((figure_label(ctx, f), fmt.figure(f.value, f.kind), status[f.status], ctx.basis(f.basis, f.status == SOURCED)))
        for f in sourced + estimates
        if f.subject.kind != "growth"
    ]
    # A dimension's growth assumptions share one reason: one row per dimension, not per segment.
    growth: dict[str, list[Figure]] = {}
    for f in estimates:
        if f.subject.kind == "growth":
            growth.setdefault(f.subject.series, []).append(f)
    members = {d.title: ctx.member(d) for d in data.dimensions}
    for dimension, figs in growth.items():
        values = "; ".join(f"{ctx.name(f.subject.segment)} {fmt.percent(f.value)}" for f in figs)
        label = _("{dimension}: assumed growth per {member}").format(
            dimension=ctx.name(dimension), member=members.get(dimension, ctx.phrase(_("segment")))
        )
        rows.append(Row((label, values, status[ESTIMATE], ctx.basis(figs[0].basis, False))))
    blocks.append(Table("figures", _("Figures and their provenance"), columns, tuple(rows)))
    if m.sources:
        blocks.append(Paragraph(_("Research sources: {sources}.").format(sources="; ".join(isolate(x) for x in m.sources))))
    ngettext, count = ctx.lang.ngettext, ctx.fmt.integer
    headline = _("{sourced}, {estimates}").format(
        sourced=ngettext("{n} published figure", "{n} published figures", len(sourced)).format(n=count(len(sourced))),
        estimates=ngettext("{n} labelled estimate", "{n} labelled estimates", len(estimates)).format(n=count(len(estimates))),
    )
    notes = tuple(
        _("Estimate: {figure}: {basis}").format(figure=figure_label(ctx, f), basis=ctx.reason(f.basis))
        for f in estimates
        if f.subject.kind != "growth"
    )
    return Section("methodology", _("Methodology and assumptions"), SectionKind.METHODOLOGY, tuple(blocks), headline=headline, notes=notes)


def figure_label(ctx: Context, figure: Figure) -> str:
    """Describe an input figure in this language from its structured subject."""
    _, t, s = ctx._, ctx.t, figure.subject
    if s.kind == "anchor":
        return _("{series}, {year}").format(series=isolate(upper_first(t(s.series))), year=s.years)
    if s.kind == "assumption":
        return _("{series}, annual growth {years}").format(series=isolate(upper_first(t(s.series))), years=s.years)
    if s.kind == "price":
        return _("Average price per {item}, {year}").format(item=ctx.volume_item, year=s.years)
    if s.kind == "price-change":
        return _("Annual change of the average price")
    # A share ("growth" figures are grouped per dimension by the methodology table).
    whole = _("the {segment} segment").format(segment=t(s.parent)) if s.parent else _("the market")
    return _("{dimension}: {segment}, share of {whole} in {year}").format(
        dimension=t(s.series), segment=ctx.name(s.segment), whole=ctx.phrase(whole), year=s.years
    )
