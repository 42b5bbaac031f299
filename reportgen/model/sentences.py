"""Sentences that state numbers, generated from the computed data so they never go stale.

Each function takes computed objects, the shared formatter and the language, and returns
plain text. Every fixed phrase is a gettext message with named placeholders, so translators
can reorder them; data strings (names) go through ``lang.tr``.
"""

from __future__ import annotations

from reportgen.data.changes import CAGR, LEADER, RankChange, ValueChange
from reportgen.data.checks import CagrFinding, Finding
from reportgen.data.compute import ComputedDimension, ComputedReport, ComputedSegment
from reportgen.format import Formatter
from reportgen.i18n import Language


def lower_first(text: str) -> str:
    """Lower-case a title for use mid-sentence, leaving acronyms ('AAV') alone."""
    return text[:1].lower() + text[1:] if text[:2] != text[:2].upper() else text


def upper_first(text: str) -> str:
    """Capitalise a phrase used as a label ('mercado global...' -> 'Mercado global...')."""
    return text[:1].upper() + text[1:]


def market_size(data: ComputedReport, fmt: Formatter, lang: Language) -> str:
    _ = lang.gettext
    base, end = data.forecast_period
    first = data.meta.years.forecast[0]
    return _(
        "The {market} reached {base_value} in {base}. It is expected to reach {first_value} in {first} and "
        "{end_value} by {end}, a compound annual growth rate (CAGR) of {cagr} over {base}-{end}."
    ).format(
        market=lang.tr(data.meta.market.name),
        base_value=fmt.money_words(data.total[base]),
        base=base,
        first_value=fmt.money_words(data.total[first]),
        first=first,
        end_value=fmt.money_words(data.total[end]),
        end=end,
        cagr=fmt.cagr(data.total.cagr(base, end)),
    )


def size_and_growth(data: ComputedReport, fmt: Formatter, lang: Language) -> list[str]:
    """The market's size in the base and first forecast year, then where it ends and how fast it grows."""
    _ = lang.gettext
    base, end = data.forecast_period
    first = data.meta.years.forecast[0]
    return [
        _("The market was worth {base_value} in {base} and is forecast at {first_value} in {first}.").format(
            base_value=fmt.money_words(data.total[base]), base=base, first_value=fmt.money_words(data.total[first]), first=first
        ),
        _(
            "It is projected to reach {end_value} by {end}, a CAGR of {cagr} over {base}-{end} ({cagr_first} over {first}-{end})."
        ).format(
            end_value=fmt.money_words(data.total[end]),
            end=end,
            cagr=fmt.cagr(data.total.cagr(base, end)),
            base=base,
            cagr_first=fmt.cagr(data.total.cagr(first, end)),
            first=first,
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
    """The answer to 'How big is the market?': from the first forecast year, then from the base."""
    base, end = data.forecast_period
    first = data.meta.years.forecast[0]
    return lang.gettext(
        "It is worth {first_value} in {first} and is forecast to reach {end_value} by {end}, a CAGR of {cagr_first} over "
        "{first}-{end} ({cagr} from the {base} base)."
    ).format(
        first_value=fmt.money_words(data.total[first]),
        first=first,
        end_value=fmt.money_words(data.total[end]),
        end=end,
        cagr_first=fmt.cagr(data.total.cagr(first, end)),
        cagr=fmt.cagr(data.total.cagr(base, end)),
        base=base,
    )


def volume(data: ComputedReport, fmt: Formatter, lang: Language) -> str:
    vol, meta, price = data.volume, data.meta.volume, data.price
    if vol is None or meta is None or price is None:
        return ""
    base, end = data.forecast_period
    return lang.gettext(
        "{measure}: an estimated {base_count} {unit} in {base}, rising to {end_count} in {end} ({cagr} a year), "
        "as the average revenue per unit falls from {base_price} to {end_price}."
    ).format(
        measure=lang.tr(meta.name),
        base_count=fmt.count(vol[base]),
        unit=lang.tr(meta.unit),
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
    return lang.gettext("{leader}, with {share} of revenue in {year}. {fastest} grows fastest, at {cagr} a year.").format(
        leader=lang.tr(top.name),
        share=fmt.percent(top.share_in(base)),
        year=base,
        fastest=lang.tr(fast.name),
        cagr=fmt.cagr(fast.revenue.cagr(base, end)),
    )


def leader(seg: ComputedSegment, year: int, fmt: Formatter, lang: Language, of: str) -> str:
    return lang.gettext("{segment} held the largest share of {whole}, {share}, in {year}.").format(
        segment=lang.tr(seg.name), whole=of, share=fmt.percent(seg.share_in(year)), year=year
    )


def fastest(seg: ComputedSegment, start: int, end: int, fmt: Formatter, lang: Language) -> str:
    return lang.gettext("{segment} is the fastest-growing segment, at a CAGR of {cagr} over {start}-{end}.").format(
        segment=lang.tr(seg.name), cagr=fmt.cagr(seg.revenue.cagr(start, end)), start=start, end=end
    )


def action_title(dim: ComputedDimension, data: ComputedReport, fmt: Formatter, lang: Language, parent: str | None = None) -> str:
    """The slide headline: '<leader> leads with N% in <base>; <fastest> grows fastest at M% CAGR'."""
    _ = lang.gettext
    base, end = data.forecast_period
    top = dim.leader(base, parent)
    fast = dim.fastest(base, end, parent)
    values = {
        "leader": lang.tr(top.name),
        "share": fmt.percent(top.share_in(base)),
        "year": base,
        "fastest": lang.tr(fast.name),
        "cagr": fmt.cagr(fast.revenue.cagr(base, end)),
    }
    if fast.name == top.name:
        return _("{leader} leads with {share} in {year} and also grows fastest, at {cagr} CAGR").format(**values)
    return _("{leader} leads with {share} in {year}; {fastest} grows fastest at {cagr} CAGR").format(**values)


def dimension_commentary(
    dim: ComputedDimension, data: ComputedReport, fmt: Formatter, lang: Language, parent: str | None = None
) -> list[str]:
    """Leader and share, fastest grower and its CAGR, and how the leader's share moves."""
    _ = lang.gettext
    base, end = data.forecast_period
    segments = dim.children(parent)
    top = dim.leader(base, parent)
    fast = dim.fastest(base, end, parent)
    if parent:
        of = _("the {segment} segment").format(segment=lower_first(lang.tr(parent)))
    else:
        of = _("the market by {dimension}").format(dimension=lower_first(lang.tr(dim.title)))
    parts = [leader(top, base, fmt, lang, of)]
    if len(segments) > 1:
        parts.append(fastest(fast, base, end, fmt, lang))
        values = {
            "segment": lang.tr(top.name),
            "base_share": fmt.percent(top.share_in(base)),
            "end_share": fmt.percent(top.share_in(end)),
            "end": end,
            "value": fmt.money_words(top.revenue[end]),
        }
        if top.share_in(end) < top.share_in(base):
            text = _("The share of {segment} falls from {base_share} to {end_share} by {end}, when it is worth {value}.")
        else:
            text = _("The share of {segment} rises from {base_share} to {end_share} by {end}, when it is worth {value}.")
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
                other=lang.tr(comp.meta.name),
                base_value=fmt.money_words(values[base]),
                base=base,
                end_value=fmt.money_words(values[end]),
                end=end,
                other_cagr=fmt.cagr(values.cagr(base, end)),
                region=lang.tr(data.meta.region),
                base_share=fmt.percent(share[base]),
                end_share=fmt.percent(share[end]),
                cagr=fmt.cagr(data.total.cagr(base, end)),
            )
        )
    return out


def comparison_headline(data: ComputedReport, fmt: Formatter, lang: Language) -> str:
    """'Latin America grows 31.61% a year against 17.20% for the global market' (the first comparison)."""
    base, end = data.forecast_period
    comp = data.comparisons[0]
    return lang.gettext("{region} grows {cagr} a year against {other_cagr} for the {other}").format(
        region=lang.tr(data.meta.region),
        cagr=fmt.cagr(data.total.cagr(base, end)),
        other_cagr=fmt.cagr(comp.values.cagr(base, end)),
        other=lower_first(lang.tr(comp.meta.name)),
    )


def finding(f: Finding, data: ComputedReport, fmt: Formatter, lang: Language) -> str:
    """What a check found in the source's statements, in the edition's language."""
    _ = lang.gettext
    if isinstance(f, CagrFinding):
        text = _("The source states a CAGR of {stated} for {start}-{end} for the {series}; its own values give {actual}.").format(
            stated=fmt.cagr(f.stated), start=f.start, end=f.end, series=lang.tr(f.series), actual=fmt.cagr(f.actual)
        )
        if f.match:
            text += " " + _("{stated} is the CAGR for {start}-{end}.").format(stated=fmt.cagr(f.stated), start=f.match[0], end=f.match[1])
        return text
    base, end = data.forecast_period
    if f.claim == "leader":
        return _(
            "The source calls {claimed} the leader by {dimension}, but it holds {value} in {year}, below {actual} at {actual_value}."
        ).format(
            claimed=lang.tr(f.claimed),
            dimension=lower_first(lang.tr(f.dimension)),
            value=fmt.percent(f.claimed_value),
            year=base,
            actual=lang.tr(f.actual),
            actual_value=fmt.percent(f.actual_value),
        )
    return _(
        "The source calls {claimed} the fastest-growing by {dimension}, but its {start}-{end} CAGR is {value}, "
        "below {actual} at {actual_value}."
    ).format(
        claimed=lang.tr(f.claimed),
        dimension=lower_first(lang.tr(f.dimension)),
        start=base,
        end=end,
        value=fmt.cagr(f.claimed_value),
        actual=lang.tr(f.actual),
        actual_value=fmt.cagr(f.actual_value),
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


def rank_change(change: RankChange, by: str, new: str, old: str, fmt: Formatter, lang: Language) -> str:
    """A new leader or fastest grower, as a label so that no verb agrees with a name: 'New leader
    by country in 2034: Brazil, with 32.5% (previously Mexico, with 30.1%).' ``new`` and ``old``
    are the names in the edition's language."""
    _ = lang.gettext
    if change.kind == LEADER:
        return _("New leader {by} in {year}: {new}, with {new_share} (previously {old}, with {old_share}).").format(
            by=by, year=change.year, new=new, new_share=fmt.percent(change.new_value), old=old,
            old_share=fmt.percent(change.old_value))
    assert change.period is not None
    start, end = change.period
    return _("New fastest grower {by}, {start}-{end}: {new}, at {new_cagr} a year (previously {old}, at {old_cagr})."
             ).format(by=by, start=start, end=end, new=new, new_cagr=fmt.cagr(change.new_value), old=old,
                      old_cagr=fmt.cagr(change.old_value))


def changes_headline(change: ValueChange | None, date: str, fmt: Formatter, lang: Language) -> str:
    """The changes' slide title: the market's last-year value against the previous edition's."""
    _ = lang.gettext
    if change is None or change.relative is None:
        return _("What changed since the edition of {date}").format(date=date)
    return _("{year} market size: {new}, {change} on the edition of {date}").format(
        year=change.year, new=fmt.money(change.new), change=signed(change.relative, fmt.percent), date=date)
