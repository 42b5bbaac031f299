"""Sentences that state numbers, generated from the computed data so they never go stale.

Each function takes computed objects, the shared formatter and the language, and returns
plain text. Every fixed phrase is a gettext message with named placeholders, so translators
can reorder them. Data names go in as ``names.Name`` (isolated when right-to-left, with the
article their translation takes), and every sentence is worded so that it reads right with
any name: singular or plural, with or without an article, a country or a product. A name is
never the subject of a verb that would have to agree with it ("Largest country in 2024:
Brazil, ..."), and a dimension's members are called what they are (``member``: "country",
"end user"; by default "segment").
"""

from __future__ import annotations

from reportgen.data.changes import CAGR, LEADER, RankChange, ValueChange
from reportgen.data.checks import CagrFinding, Finding
from reportgen.data.compute import ComputedDimension, ComputedReport
from reportgen.format import Formatter
from reportgen.i18n import Language
from reportgen.model import names
from reportgen.model.names import Name, lower_first


def member(dim: ComputedDimension, data: ComputedReport, lang: Language) -> Name:
    """What one segment of a dimension is called in sentences: its ``member`` ('country'), else
    'segment', or for a geography dimension its title ('country', 'region')."""
    given = next((d.member for _, d in data.source.dimensions if d.id == dim.id), None)
    if given:
        return names.name(lang, given)
    if dim.kind == "geography":
        return names.Name(lower_first(lang.tr(dim.title)), "", lang.code)
    return names.phrase(lang, lang.gettext("segment"))


def item(data: ComputedReport, lang: Language) -> Name:
    """The word for one item of volume, which prices are per ('policy', 'patient'): the data's
    ``item``, or its plural ``unit`` without the final 's' ('patients' -> 'patient'; right for
    'pacientes' and 'robôs' too), which ``check`` only allows when the unit counts single items."""
    volume = data.meta.volume
    assert volume is not None, "only a report with a volume has items"
    if volume.item:
        return names.name(lang, volume.item)
    return Name(lang.tr(volume.unit).removesuffix("s"), "", lang.code)


def shown_periods(data: ComputedReport, fmt: Formatter) -> tuple[tuple[int, int], ...]:
    """The CAGR periods the report states: base year to end, then first forecast year to end
    only when the market's CAGR over it reads otherwise ('7.74%' twice says nothing more)."""
    main, first = data.periods[:2]
    if fmt.cagr(data.total.cagr(*main)) == fmt.cagr(data.total.cagr(*first)):
        return (main,)
    return (main, first)


def market_cagr(data: ComputedReport, fmt: Formatter, lang: Language) -> str:
    """The market's CAGR with its period, '7.74% over 2025-2035', then over the other period
    the report shows, if any: '31.61% over 2024-2034 (30.59% over 2025-2034)'."""
    _ = lang.gettext
    main, *other = [
        _("{cagr} over {start}-{end}").format(cagr=fmt.cagr(data.total.cagr(a, b)), start=a, end=b)
        for a, b in shown_periods(data, fmt)
    ]
    return _("{cagr} ({other})").format(cagr=main, other=other[0]) if other else main


def whole(dim: ComputedDimension, lang: Language, parent: str | None) -> Name:
    """What a share is a share of: 'the market', or 'the Cell therapy segment'."""
    if parent:
        return names.phrase(lang, lang.gettext("the {segment} segment").format(segment=lang.tr(parent)))
    return names.phrase(lang, lang.gettext("the market"))


def market_size(data: ComputedReport, fmt: Formatter, lang: Language) -> str:
    _ = lang.gettext
    base, end = data.forecast_period
    return _(
        "The {market} reached {base_value} in {base}. It is expected to reach {first_value} in {first} and "
        "{end_value} by {end}, a compound annual growth rate (CAGR) of {cagr} over {base}-{end}."
    ).format(market=names.market(lang, data.meta.market.name), cagr=fmt.cagr(data.total.cagr(base, end)), **_milestones(data, fmt))


def _milestones(data: ComputedReport, fmt: Formatter) -> dict[str, object]:
    """The market's value in words in the base year, the first forecast year and the last, with
    those years: what the market's size sentences are made of."""
    base, end = data.forecast_period
    first = data.meta.years.forecast[0]
    return {"base": base, "base_value": fmt.money_words(data.total[base]), "first": first,
            "first_value": fmt.money_words(data.total[first]), "end": end, "end_value": fmt.money_words(data.total[end])}


def size_and_growth(data: ComputedReport, fmt: Formatter, lang: Language) -> list[str]:
    """The market's size in the base and first forecast year, then where it ends and how fast it grows."""
    _ = lang.gettext
    base, end = data.forecast_period
    first = data.meta.years.forecast[0]
    return [
        _("The market was worth {base_value} in {base} and is forecast at {first_value} in {first}.").format(
            base_value=fmt.money_words(data.total[base]), base=base, first_value=fmt.money_words(data.total[first]), first=first
        ),
        _("It is projected to reach {end_value} by {end}, a CAGR of {cagr}.").format(
            end_value=fmt.money_words(data.total[end]), end=end, cagr=market_cagr(data, fmt, lang)
        ),
    ]


def size_headline(data: ComputedReport, fmt: Formatter, lang: Language) -> str:
    """'USD 3.72 bn in 2024 to USD 58.00 bn in 2034: 31.61% a year'."""
    base, end = data.forecast_period
    return lang.gettext("{base_value} in {base} to {end_value} in {end}: {cagr} a year").format(
        base_value=fmt.money(data.total[base]),
        base=base,
        end_value=fmt.money(data.total[end]),
        end=end,
        cagr=fmt.cagr(data.total.cagr(base, end)),
    )


def growth_headline(data: ComputedReport, fmt: Formatter, lang: Language) -> str:
    """'The market grows 31.61% a year, from USD 3.72 bn in 2024 to USD 58.00 bn in 2034'."""
    base, end = data.forecast_period
    return lang.gettext("The market grows {cagr} a year, from {base_value} in {base} to {end_value} in {end}").format(
        cagr=fmt.cagr(data.total.cagr(base, end)),
        base_value=fmt.money(data.total[base]),
        base=base,
        end_value=fmt.money(data.total[end]),
        end=end,
    )


def size_answer(data: ComputedReport, fmt: Formatter, lang: Language) -> str:
    """The answer to 'How big is the market?': its value in the base year, as every other part
    of the report leads with, then the forecasts, worded as forecasts."""
    return lang.gettext(
        "It was worth {base_value} in {base}; it is forecast at {first_value} in {first} and {end_value} by {end}, "
        "a CAGR of {cagr}."
    ).format(cagr=market_cagr(data, fmt, lang), **_milestones(data, fmt))


def volume(data: ComputedReport, fmt: Formatter, lang: Language) -> str:
    """The volume in the base and last year, and the price it is derived with (either may rise or fall)."""
    vol, meta, price = data.volume, data.meta.volume, data.price
    if vol is None or meta is None or price is None:
        return ""
    base, end = data.forecast_period
    return lang.gettext(
        "{measure}: an estimated {base_count} {unit} in {base} and {end_count} in {end} ({cagr} a year), "
        "with an average revenue per {item} of {base_price} in {base} and {end_price} in {end}."
    ).format(
        item=item(data, lang),
        measure=names.name(lang, meta.name),
        base_count=fmt.count(vol[base]),
        unit=names.name(lang, meta.unit),
        base=base,
        end_count=fmt.count(vol[end]),
        end=end,
        cagr=fmt.cagr(vol.cagr(base, end)),
        base_price=fmt.price(price[base]),
        end_price=fmt.price(price[end]),
    )


def leader_answer(dim: ComputedDimension, data: ComputedReport, fmt: Formatter, lang: Language) -> str:
    """The answer to 'Which region leads?': the leader's share and the fastest grower's CAGR."""
    base, end = data.forecast_period
    top, fast = dim.leader(base), dim.fastest(base, end)
    return lang.gettext("{leader}, with {share} of revenue in {year}. Fastest-growing {member}: {fastest}, at {cagr} a year.").format(
        leader=names.name(lang, top.name),
        share=fmt.percent(top.share_in(base)),
        year=base,
        member=member(dim, data, lang),
        fastest=names.name(lang, fast.name),
        cagr=fmt.cagr(fast.revenue.cagr(base, end)),
    )


def leader(dim: ComputedDimension, data: ComputedReport, fmt: Formatter, lang: Language, parent: str | None = None) -> str:
    """'Largest country in 2024: Brazil, with 38.0% of the market.'"""
    seg, year = dim.leader(data.base_year, parent), data.base_year
    return lang.gettext("Largest {member} in {year}: {segment}, with {share} of {whole}.").format(
        member=member(dim, data, lang), year=year, segment=names.name(lang, seg.name), share=fmt.percent(seg.share_in(year)),
        whole=whole(dim, lang, parent),
    )


def fastest(dim: ComputedDimension, data: ComputedReport, fmt: Formatter, lang: Language, parent: str | None = None) -> str:
    """'Fastest-growing country: Mexico, at a CAGR of 35.54% over 2024-2034.'"""
    start, end = data.forecast_period
    seg = dim.fastest(start, end, parent)
    return lang.gettext("Fastest-growing {member}: {segment}, at a CAGR of {cagr} over {start}-{end}.").format(
        member=member(dim, data, lang), segment=names.name(lang, seg.name), cagr=fmt.cagr(seg.revenue.cagr(start, end)),
        start=start, end=end,
    )


def action_title(dim: ComputedDimension, data: ComputedReport, fmt: Formatter, lang: Language, parent: str | None = None) -> str:
    """The slide headline: 'Leader: <leader> (N% in <base>); fastest-growing: <fastest> (M% CAGR)'."""
    _ = lang.gettext
    base, end = data.forecast_period
    top = dim.leader(base, parent)
    fast = dim.fastest(base, end, parent)
    values = {
        "leader": names.name(lang, top.name),
        "share": fmt.percent(top.share_in(base)),
        "year": base,
        "fastest": names.name(lang, fast.name),
        "cagr": fmt.cagr(fast.revenue.cagr(base, end)),
    }
    if fast.name == top.name:
        return _("Leader and fastest-growing: {leader} ({share} in {year}; {cagr} CAGR)").format(**values)
    return _("Leader: {leader} ({share} in {year}); fastest-growing: {fastest} ({cagr} CAGR)").format(**values)


def dimension_commentary(
    dim: ComputedDimension, data: ComputedReport, fmt: Formatter, lang: Language, parent: str | None = None
) -> list[str]:
    """Leader and share, fastest grower and its CAGR, and how the leader's share moves."""
    _ = lang.gettext
    base, end = data.forecast_period
    parts = [leader(dim, data, fmt, lang, parent)]
    if len(dim.children(parent)) > 1:
        parts.append(fastest(dim, data, fmt, lang, parent))
        top = dim.leader(base, parent)
        values = {
            "segment": names.name(lang, top.name),
            "base_share": fmt.percent(top.share_in(base)),
            "end_share": fmt.percent(top.share_in(end)),
            "end": end,
            "value": fmt.money_words(top.revenue[end]),
        }
        if top.share_in(end) < top.share_in(base):
            text = _("{segment}: share falls from {base_share} to {end_share} by {end}, with revenue of {value} that year.")
        else:
            text = _("{segment}: share rises from {base_share} to {end_share} by {end}, with revenue of {value} that year.")
        parts.append(text.format(**values))
    return parts


def comparison(data: ComputedReport, fmt: Formatter, lang: Language) -> list[str]:
    base, end = data.forecast_period
    out = []
    for comp in data.comparisons:
        values, share = comp.values, data.share_of(comp)
        rising = share[end] >= share[base]
        text = (
            lang.gettext(
                "The {other} is expected to grow from {base_value} in {base} to {end_value} in {end}, a CAGR of {other_cagr}. "
                "The {region} market's share of it rises from {base_share} to {end_share}, as it grows at {cagr} a year."
            )
            if rising
            else lang.gettext(
                "The {other} is expected to grow from {base_value} in {base} to {end_value} in {end}, a CAGR of {other_cagr}. "
                "The {region} market's share of it falls from {base_share} to {end_share}, as it grows at {cagr} a year."
            )
        )
        out.append(
            text.format(
                other=names.market(lang, comp.meta.name, lower=True),
                base_value=fmt.money_words(values[base]),
                base=base,
                end_value=fmt.money_words(values[end]),
                end=end,
                other_cagr=fmt.cagr(values.cagr(base, end)),
                region=names.name(lang, data.meta.region),
                base_share=fmt.percent(share[base]),
                end_share=fmt.percent(share[end]),
                cagr=fmt.cagr(data.total.cagr(base, end)),
            )
        )
    return out


def comparison_headline(data: ComputedReport, fmt: Formatter, lang: Language) -> str:
    """'The Latin America market grows 31.61% a year against 17.20% for the global market' (the first comparison)."""
    base, end = data.forecast_period
    comp = data.comparisons[0]
    return lang.gettext("The {region} market grows {cagr} a year against {other_cagr} for the {other}").format(
        region=names.name(lang, data.meta.region),
        cagr=fmt.cagr(data.total.cagr(base, end)),
        other_cagr=fmt.cagr(comp.values.cagr(base, end)),
        other=names.market(lang, comp.meta.name, lower=True),
    )


def finding(f: Finding, data: ComputedReport, fmt: Formatter, lang: Language) -> str:
    """What a check found in the source's statements, in the edition's language."""
    _ = lang.gettext
    if isinstance(f, CagrFinding):
        series = names.market(lang, f.series, lower=f.field.startswith("comparisons"))  # a comparison's name is a heading
        text = _("The source states a CAGR of {stated} for {start}-{end} for the {series}; its own values give {actual}.").format(
            stated=fmt.cagr(f.stated), start=f.start, end=f.end, series=series, actual=fmt.cagr(f.actual)
        )
        if f.match:
            text += " " + _("{stated} is the CAGR for {start}-{end}.").format(stated=fmt.cagr(f.stated), start=f.match[0], end=f.match[1])
        return text
    base, end = data.forecast_period
    values = {
        "claimed": names.name(lang, f.claimed),
        "dimension": lower_first(lang.tr(f.dimension)),
        "actual": names.name(lang, f.actual),
    }
    if f.claim == "leader":
        return _("Leader by {dimension} according to the source: {claimed}, with {value} in {year}, below {actual} at "
                 "{actual_value}.").format(
            **values, value=fmt.percent(f.claimed_value), year=base, actual_value=fmt.percent(f.actual_value)
        )
    return _("Fastest-growing by {dimension} according to the source: {claimed}, with a {start}-{end} CAGR of {value}, below "
             "{actual} at {actual_value}.").format(
        **values, start=base, end=end, value=fmt.cagr(f.claimed_value), actual_value=fmt.cagr(f.actual_value)
    )


# --- changes since the previous edition -----------------------------------------------------


def signed(value: float, show) -> str:
    """A change with its sign: '+5.3%', '-0.40 pp' (``show`` formats the number itself)."""
    return ("+" if value > 0 else "") + show(value)


def points(fraction: float, fmt: Formatter, lang: Language) -> str:
    """A change of a rate in percentage points, signed: '+0.45 pp'."""
    return lang.gettext("{points} pp").format(points=signed(fraction * 100, lambda v: fmt.number(v, 2)))


def market_change(change: ValueChange, date: str, fmt: Formatter, lang: Language) -> str:
    """'The market's 2034 value is USD 58.00 bn, up from USD 55.10 bn in the edition of 9 October 2024 (+5.3%).'"""
    _ = lang.gettext
    up = change.new > change.old
    if change.measure == CAGR and change.period is not None:
        text = (_("The market's CAGR over {start}-{end} is {new}, up from {old} in the edition of {date} ({change}).") if up
                else _("The market's CAGR over {start}-{end} is {new}, down from {old} in the edition of {date} ({change})."))
        start, end = change.period
        return text.format(start=start, end=end, new=fmt.cagr(change.new), old=fmt.cagr(change.old), date=date,
                           change=points(change.absolute, fmt, lang))
    text = (_("The market's {year} value is {new}, up from {old} in the edition of {date} ({change}).") if up
            else _("The market's {year} value is {new}, down from {old} in the edition of {date} ({change})."))
    relative = change.relative
    moved = fmt.money(change.absolute) if relative is None else signed(relative, fmt.percent)
    return text.format(year=change.year, new=fmt.money(change.new), old=fmt.money(change.old), date=date, change=moved)


def rank_change(change: RankChange, member: Name, new: Name, old: Name, fmt: Formatter, lang: Language) -> str:
    """A new leader or fastest grower, as a label so that no word agrees with a name: 'Largest
    country in 2034: Brazil, with 32.5% (previously Mexico, with 40.1%).' ``old`` is the previous
    edition's segment, ``member`` what the dimension's segments are called."""
    _ = lang.gettext
    if change.kind == LEADER:
        return _("Largest {member} in {year}: {new}, with {new_share} (previously {old}, with {old_share}).").format(
            member=member, year=change.year, new=new, new_share=fmt.percent(change.new_value), old=old,
            old_share=fmt.percent(change.old_value))
    assert change.period is not None
    start, end = change.period
    return _("Fastest-growing {member}, {start}-{end}: {new}, at {new_cagr} a year (previously {old}, at {old_cagr})."
             ).format(member=member, start=start, end=end, new=new, new_cagr=fmt.cagr(change.new_value), old=old,
                      old_cagr=fmt.cagr(change.old_value))


def changes_headline(change: ValueChange | None, date: str, fmt: Formatter, lang: Language) -> str:
    """The changes' slide title: the market's last-year value against the previous edition's."""
    _ = lang.gettext
    if change is None or change.relative is None:
        return _("What changed since the edition of {date}").format(date=date)
    return _("{year} market size: {new}, {change} on the edition of {date}").format(
        year=change.year, new=fmt.money(change.new), change=signed(change.relative, fmt.percent), date=date)
