"""Frequently asked questions: the market's size, its leaders, its players and sources, then the
content file's own questions."""

from __future__ import annotations

from reportgen.model import sentences
from reportgen.model.context import Context
from reportgen.model.elements import QA, Faq, Section, SectionKind
from reportgen.model.names import isolate, listing


def faq(ctx: Context) -> Section:
    data, fmt, m, _, t = ctx.data, ctx.fmt, ctx.meta, ctx._, ctx.t
    qa = [QA(_("How big is the {market}?").format(market=ctx.market(m.market.name)), sentences.size_answer(data, fmt, ctx.lang))]
    geo = data.geography
    if geo is not None:
        qa.append(
            QA(
                _("Which {dimension} leads the market?").format(dimension=ctx.title(geo)),
                sentences.leader_answer(geo, data, fmt, ctx.lang),
            )
        )
    for dim in data.dimensions:
        if dim is geo:
            continue
        if dim.kind == "geography":
            qa.append(QA(_("Which {dimension} leads the market?").format(dimension=ctx.title(dim)),
                         sentences.leader_answer(dim, data, fmt, ctx.lang)))
        else:
            qa.append(
                QA(
                    _("Which {dimension} segment is largest?").format(dimension=ctx.title(dim)),
                    " ".join(sentences.dimension_commentary(dim, data, fmt, ctx.lang)[:2]),
                )
            )
    if m.key_players:
        players = listing([ctx.proper(p) for p in m.key_players[:7]])
        qa.append(QA(_("Who are the key players?"), _("{players}, among others.").format(players=players)))
    if m.sources:
        qa.append(QA(_("Which sources does the research draw on?"), "; ".join(isolate(x) for x in m.sources) + "."))
    qa += [QA(t(f.question), ctx.prose(f.answer)) for f in ctx.content.faq]
    return Section(
        "faq",
        _("Frequently asked questions"),
        SectionKind.FAQ,
        (Faq(tuple(qa)),),
        headline=ctx.lang.ngettext("{n} question clients ask", "{n} questions clients ask", len(qa)).format(n=len(qa)),
    )
