"""Build the format-neutral report model from a computed report.

This is where the report's structure is decided: which sections (each made by its module under
``model/sections``), in the order ``data.outline`` gives by id (the default order, the report's
own sections where they ask to be, or report.yaml's ``outline``), the metadata, and the
workbook's inputs. Every sentence that states a number is generated in ``model/sentences``;
writers only lay the result out.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import replace

from reportgen.data import Analysis
from reportgen.data.brand import house_brand
from reportgen.data.compute import ComputedReport
from reportgen.data.outline import section_order
from reportgen.format import Formatter
from reportgen.i18n import Language
from reportgen.model.brand import Brand
from reportgen.model.context import Context
from reportgen.model.elements import Chart, Meta, Report, Section
from reportgen.model.sections import appendix, changes, content, custom, dimensions, faq, market, methodology
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
    makers = section_makers(ctx)
    order = section_order(data.source)
    sections = [makers[section_id]() for section_id in order]
    shown = tuple(s for s in sections if s is not None)
    return Report(
        meta=_meta(ctx),
        brand=brand or house_brand(),
        sections=shown,
        fmt=fmt,
        workbook=build_workbook(ctx, ReportCharts(shown, [m for sid, m in makers.items() if sid not in order])),
        lang=language,
    )


class ReportCharts(Mapping[str, Chart]):
    """The report's charts by id, for the workbook, whose charts say what they show in the same
    sentences. The live workbook shows every dimension and the market whatever the outline
    leaves out of the report, so a chart of a section left out is made (not shown) when asked for."""

    def __init__(self, shown: Sequence[Section], left_out: Sequence[Callable[[], Section | None]]):
        self._charts = _charts(shown)
        self._left_out = left_out

    def __getitem__(self, chart_id: str) -> Chart:
        if chart_id not in self._charts and self._left_out:
            self._charts |= _charts([s for s in (make() for make in self._left_out) if s is not None])
            self._left_out = ()
        return self._charts[chart_id]

    def __iter__(self) -> Iterator[str]:
        return iter(self._charts)

    def __len__(self) -> int:
        return len(self._charts)


def _charts(sections: Iterable[Section]) -> dict[str, Chart]:
    return {b.id: b for top in sections for s in top.walk() for b in s.blocks if isinstance(b, Chart)}


def section_makers(ctx: Context) -> dict[str, Callable[[], Section | None]]:
    """What makes each section, by the id ``data.outline`` orders them by (None: no content for it)."""
    makers: dict[str, Callable[[], Section | None]] = {
        "takeaways": lambda: market.takeaways(ctx),
        "summary": lambda: market.summary(ctx),
        # What moved since the previous edition, once the reader has this edition's figures and
        # before the chapters that detail them: a returning client reads it first.
        "changes": lambda: changes.changes(ctx),
        "overview": lambda: market.overview(ctx),
        "outlook": lambda: content.outlook(ctx),
        "technology": lambda: content.technology(ctx),
        "initiatives": lambda: content.initiatives(ctx),
        "regional": lambda: dimensions.regional(ctx),
        "comparison": lambda: market.comparison(ctx),
        "value-chain": lambda: content.value_chain(ctx),
        "vendors": lambda: content.vendors(ctx),
        "companies": lambda: content.companies(ctx),
        "developments": lambda: content.developments(ctx),
        "segments-covered": lambda: content.segments_covered(ctx),
        "methodology": lambda: methodology.methodology(ctx),
        "faq": lambda: faq.faq(ctx),
        "appendix": lambda: appendix.appendix(ctx),
    }
    for dim in ctx.data.dimensions:
        if dim is not ctx.data.geography:  # the first geography dimension is the regional chapter
            makers[f"dim-{dim.id}"] = lambda dim=dim: dimensions.dimension(ctx, dim)
    for source in ctx.data.source.sections:
        makers[source.file.id] = lambda source=source: custom.section(ctx, source)
    return makers


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
