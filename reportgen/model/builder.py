"""Build the format-neutral report model from a computed report.

This is where the report's structure is decided: which sections, in which order (each made by
its module under ``model/sections``), the metadata, and the workbook's inputs. Every sentence
that states a number is generated in ``model/sentences``; writers only lay the result out.
"""

from __future__ import annotations

import math
from dataclasses import replace

from reportgen.data import Analysis
from reportgen.data.brand import house_brand
from reportgen.data.compute import ComputedReport
from reportgen.format import Formatter
from reportgen.i18n import Language
from reportgen.model.brand import Brand
from reportgen.model.context import Context
from reportgen.model.elements import Meta, Report
from reportgen.model.sections import appendix, changes, content, dimensions, faq, market, methodology
from reportgen.model.workbook import build_workbook


def formatter_for(data: ComputedReport, lang: Language | None = None) -> Formatter:
    """The number formatter of one edition: the data's currency and unit, in the edition's words."""
    meta = data.meta
    lang = lang or Language(meta.language)
    fmt = Formatter.for_language(
        meta.currency.code,
        meta.currency.symbol,
        lang.tr(meta.unit.name),
        lang.tr(meta.unit.short),
        meta.unit.scale,
        lang.locale,
        Language(meta.language).locale,
    )
    if meta.volume is None or data.price is None:
        return fmt
    return replace(fmt, count_decimals=0 if meta.volume.unit_scale == 1 else 1, price_decimals=price_decimals(min(data.price.values)))


def price_decimals(lowest: float) -> int:
    """Decimals for a report's prices: none from 100 currency units up, two from 1, and below 1
    enough for three significant digits of the lowest price (at most six)."""
    if lowest >= 100:
        return 0
    if lowest >= 1:
        return 2
    return min(6, 2 - math.floor(math.log10(lowest)))


def language_for(data: ComputedReport, code: str | None = None) -> Language:
    """The language of an edition, with the report's own translations of its data strings."""
    code = code or data.meta.language
    return Language(code, data.source.translations.get(code, {}), data.source.articles.get(code, {}))


def build_report(analysis: Analysis, brand: Brand | None = None, lang: str | None = None) -> Report:
    """The whole report model for one computed report, in one language (default: the data's),
    wearing ``brand`` (default: the house brand)."""
    data = analysis.computed
    language = language_for(data, lang)
    fmt = formatter_for(data, language)
    ctx = Context(analysis, fmt, language)
    sections = [
        market.takeaways(ctx),
        market.summary(ctx),
        # What moved since the previous edition, once the reader has this edition's figures and
        # before the chapters that detail them: a returning client reads it first.
        changes.changes(ctx),
        market.overview(ctx),
        content.outlook(ctx),
        content.technology(ctx),
        content.initiatives(ctx),
        *[dimensions.dimension(ctx, d) for d in data.dimensions if d.kind != "geography"],
        dimensions.regional(ctx),
        market.comparison(ctx),
        content.value_chain(ctx),
        content.vendors(ctx),
        content.companies(ctx),
        content.developments(ctx),
        content.segments_covered(ctx),
        methodology.methodology(ctx),
        faq.faq(ctx),
        appendix.appendix(ctx),
    ]
    return Report(
        meta=_meta(ctx),
        brand=brand or house_brand(),
        sections=tuple(s for s in sections if s is not None),
        fmt=fmt,
        workbook=build_workbook(ctx),
        lang=language,
    )


def _meta(ctx: Context) -> Meta:
    m, t = ctx.meta, ctx.t
    return Meta(
        id=m.id,
        title=t(m.title),
        subtitle=t(m.subtitle or ""),
        region=t(m.region),
        period=ctx.period,
        edition=m.edition,
        publisher=m.publisher,
        authors=tuple(p.name for p in m.team),
        keywords=tuple(t(k) for k in m.keywords),
        language=ctx.lang.code,
        subject=ctx._("{title}: market size and forecast {period}, base year {base}").format(
            title=ctx.name(m.title), period=ctx.period, base=m.years.base
        ),
        sources=tuple(m.sources),
        currency=m.currency.code,
    )
