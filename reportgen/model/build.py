"""Build the format-neutral report model from a computed report.

This is where the report's structure is decided (which sections, in which order, which table
and chart in each) and where every sentence that states a number is generated. Writers only
lay the result out.
"""

from __future__ import annotations

from reportgen.data import Analysis
from reportgen.data.compute import ESTIMATE, REMAINDER, SOURCED, ComputedDimension, ComputedReport, ComputedSegment
from reportgen.data.series import Yearly
from reportgen.format import Formatter
from reportgen.i18n import Language
from reportgen.model import sentences
from reportgen.model.elements import (
    QA,
    Branding,
    Chart,
    ChartSeries,
    Column,
    Faq,
    Item,
    ItemList,
    KeyFigure,
    KeyFigures,
    Meta,
    Paragraph,
    Report,
    Row,
    Section,
    Table,
)


def formatter_for(data: ComputedReport, lang: Language | None = None) -> Formatter:
    meta = data.meta
    lang = lang or Language(meta.language)
    return Formatter.for_language(
        meta.currency.code,
        meta.currency.symbol,
        lang.tr(meta.unit.name),
        lang.tr(meta.unit.short),
        meta.unit.scale,
        lang.locale,
        Language(meta.language).locale,
    )


def language_for(data: ComputedReport, code: str | None = None) -> Language:
    """The language of an edition, with the report's own translations of its data strings."""
    code = code or data.meta.language
    return Language(code, data.source.translations.get(code, {}))


def build_report(analysis: Analysis, branding: Branding | None = None, lang: str | None = None) -> Report:
    """The whole report model for one computed report, in one language (default: the data's)."""
    data = analysis.computed
    language = language_for(data, lang)
    fmt = formatter_for(data, language)
    b = _Builder(data, fmt, analysis, language)
    sections = [
        b.takeaways(),
        b.summary(),
        b.overview(),
        b.outlook(),
        b.technology(),
        b.initiatives(),
        *[b.dimension(d) for d in data.dimensions if d.kind != "geography"],
        b.regional(),
        b.comparison(),
        b.value_chain(),
        b.vendors(),
        b.companies(),
        b.developments(),
        b.segments_covered(),
        b.methodology(),
        b.faq(),
        b.appendix(),
    ]
    return Report(
        meta=b.meta(),
        branding=branding or Branding(),
        sections=tuple(s for s in sections if s is not None),
        fmt=fmt,
        data=data,
        lang=language,
    )


class _Builder:
    """Section factories sharing the computed data and formatter."""

    def __init__(self, data: ComputedReport, fmt: Formatter, analysis: Analysis, lang: Language):
        self.data = data
        self.fmt = fmt
        self.analysis = analysis
        self.lang = lang
        self._ = lang.gettext
        self.t = lang.tr
        self.meta_file = data.meta
        self.content = data.source.content
        self.base, self.end = data.forecast_period
        self.years = list(data.years)
        self.source_line = self._("Source: {publisher}; {first}-{end} values are forecasts.").format(
            publisher=self.meta_file.publisher, first=data.base_year + 1, end=self.end
        )

    # --- shared pieces -------------------------------------------------------------------

    def meta(self) -> Meta:
        m = self.meta_file
        period = f"{self.years[0]}-{self.years[-1]}"
        return Meta(
            id=m.id,
            title=self.t(m.title),
            subtitle=self.t(m.subtitle or ""),
            region=self.t(m.region),
            period=period,
            edition=m.edition,
            publisher=m.publisher,
            authors=tuple(p.name for p in m.team),
            keywords=tuple(self.t(k) for k in m.keywords),
            language=self.lang.code,
            subject=self._("{title}: market size and forecast {period}, base year {base}").format(
                title=self.t(m.title), period=period, base=m.years.base
            ),
            sources=tuple(m.sources),
        )

    def yearly_table(
        self,
        table_id: str,
        title: str,
        label: str,
        rows: list[tuple[str, Yearly, int, str]],
        total: Yearly | None,
        value_type: str = "money",
        unit: str | None = None,
    ) -> Table:
        """Rows of yearly values with a CAGR column per period the report shows."""
        unit = self.fmt.money_unit if unit is None else unit
        columns = [Column("name", label, "text")]
        columns += [Column(str(y), str(y), value_type, unit) for y in self.years]
        columns += [Column(f"cagr-{a}-{b}", self.cagr_label(a, b), "cagr") for a, b in self.data.periods[:2]]
        out = []
        for name, series, level, kind in rows:
            cells = (name, *[series[y] for y in self.years], *[series.cagr(a, b) for a, b in self.data.periods[:2]])
            out.append(Row(cells, kind, level))
        if total is not None:
            cells = (self._("Total"), *[total[y] for y in self.years], *[total.cagr(a, b) for a, b in self.data.periods[:2]])
            out.append(Row(cells, "total"))
        return Table(table_id, title, tuple(columns), tuple(out), source=self.source_line)

    def segment_rows(self, dim: ComputedDimension, measure: str, parent: str | None = None, nested: bool = False):
        rows = []
        for seg in dim.children(parent):
            kids = dim.children(seg.name) if nested else []
            rows.append((self.t(seg.name), getattr(seg, measure), seg.depth, "parent" if kids else "data"))
            if kids:
                rows += self.segment_rows(dim, measure, seg.name, nested)
        return rows

    def share_chart(self, chart_id: str, title: str, segments: list[ComputedSegment], what: str) -> Chart:
        shares = tuple(s.share_in(self.base) for s in segments)
        ranked = sorted(zip(segments, shares, strict=True), key=lambda p: -p[1])
        listing = ", ".join(f"{self.t(s.name)} {self.fmt.percent(v)}" for s, v in ranked)
        alt = self._("Doughnut chart of {what} in {year}. {leader} leads. Shares: {listing}.").format(
            what=what, year=self.base, leader=self.t(ranked[0][0].name), listing=listing
        )
        return Chart(
            chart_id,
            title,
            "doughnut",
            tuple(self.t(s.name) for s in segments),
            (ChartSeries(self._("Share {year}").format(year=self.base), shares),),
            "percent",
            self._("Share of revenue, {year}").format(year=self.base),
            self.source_line,
            alt,
        )

    def trend_chart(self, chart_id: str, title: str, segments: list[ComputedSegment], what: str) -> Chart:
        series = tuple(ChartSeries(self.t(s.name), tuple(s.revenue[y] for y in self.years)) for s in segments)
        top = max(segments, key=lambda s: s.revenue[self.end])
        first, last = self.years[0], self.years[-1]
        parent_total = segments[0].parent_revenue
        alt = self._(
            "Stacked column chart of {what}, {first}-{last}, in {unit}. The total rises from {first_value} in {first} "
            "to {last_value} in {last}; {top} is the largest segment in {last} at {top_value}."
        ).format(
            what=what,
            first=first,
            last=last,
            unit=self.fmt.money_unit,
            first_value=self.fmt.number(parent_total[first]),
            last_value=self.fmt.number(parent_total[last]),
            top=self.t(top.name),
            top_value=self.fmt.number(top.revenue[last]),
        )
        return Chart(
            chart_id,
            title,
            "stacked_column",
            tuple(str(y) for y in self.years),
            series,
            "money",
            self.fmt.money_unit,
            self.source_line,
            alt,
            forecast_from=self.years.index(self.base) + 1,
        )

    def yearly_chart(self, chart_id: str, title: str, name: str, values: Yearly, value_type: str, unit: str) -> Chart:
        first, last = self.years[0], self.years[-1]
        number = self.fmt.count if value_type == "count" else self.fmt.number
        alt = self._(
            "Column chart of {what}, in {unit}; {first}-{base} actual or estimated, {next}-{last} forecast. "
            "It rises from {first_value} in {first} to {last_value} in {last}."
        ).format(
            what=sentences.lower_first(title),
            first=first,
            last=last,
            unit=unit,
            base=self.base,
            next=self.base + 1,
            first_value=number(values[first]),
            last_value=number(values[last]),
        )
        return Chart(
            chart_id,
            title,
            "column",
            tuple(str(y) for y in self.years),
            (ChartSeries(name, tuple(values[y] for y in self.years)),),
            value_type,
            unit,
            self.source_line,
            alt,
            forecast_from=self.years.index(self.base) + 1,
        )

    def estimate_notes(self, dim: ComputedDimension) -> tuple[str, ...]:
        sourced = [s for s in dim.segments if s.share_status == SOURCED]
        _ = self._
        notes = [
            _("Sourced: {segment} share {year} ({source}).").format(segment=self.t(s.name), year=self.base, source=self.t(s.share_basis))
            for s in sourced
        ]
        estimated = [self.t(s.name) for s in dim.segments if s.share_status != SOURCED]
        if estimated:
            notes.append(_("Estimated shares: {segments}.").format(segments=", ".join(estimated)))
        notes.append(_("Growth assumptions (estimates): {basis}").format(basis=self.t(dim.growth_basis)))
        return tuple(notes)

    def cagr_label(self, start: int, end: int) -> str:
        return self._("CAGR {start}-{end}").format(start=start, end=end)

    def by(self, dim: ComputedDimension) -> str:
        """'By therapy type': the heading of a dimension."""
        return self._("By {dimension}").format(dimension=sentences.lower_first(self.t(dim.title)))

    # --- sections ------------------------------------------------------------------------

    def takeaways(self) -> Section:
        data, fmt, _ = self.data, self.fmt, self._
        first = self.meta_file.years.forecast[0]
        items = [
            Item(
                _("The market was worth {base_value} in {base} and is forecast at {first_value} in {first}.").format(
                    base_value=fmt.money_words(data.total[self.base]),
                    base=self.base,
                    first_value=fmt.money_words(data.total[first]),
                    first=first,
                )
            ),
            Item(
                _(
                    "It is projected to reach {end_value} by {end}, a CAGR of {cagr} over {base}-{end} ({cagr_first} over {first}-{end})."
                ).format(
                    end_value=fmt.money_words(data.total[self.end]),
                    end=self.end,
                    cagr=fmt.cagr(data.total.cagr(self.base, self.end)),
                    base=self.base,
                    cagr_first=fmt.cagr(data.total.cagr(first, self.end)),
                    first=first,
                )
            ),
        ]
        items += [Item(s) for s in sentences.comparison(data, fmt, self.lang)]
        for dim in data.dimensions:
            items.append(Item(sentences.action_title(dim, data, fmt, self.lang) + ".", self.by(dim)))
        size = _("Market size {year}")
        figures = KeyFigures(
            (
                KeyFigure(size.format(year=self.base), data.total[self.base], "money"),
                KeyFigure(size.format(year=first), data.total[first], "money"),
                KeyFigure(size.format(year=self.end), data.total[self.end], "money"),
                KeyFigure(self.cagr_label(self.base, self.end), data.total.cagr(self.base, self.end), "cagr"),
            )
        )
        headline = _("{base_value} in {base} to {end_value} in {end}: {cagr} a year").format(
            base_value=fmt.money(data.total[self.base]),
            base=self.base,
            end_value=fmt.money(data.total[self.end]),
            end=self.end,
            cagr=fmt.cagr(data.total.cagr(self.base, self.end)),
        )
        return Section(
            "takeaways", _("Key takeaways"), "takeaways", (figures, ItemList(tuple(items))), headline=headline, notes=self.market_notes()
        )

    def market_notes(self) -> tuple[str, ...]:
        _ = self._
        notes = []
        for a in self.meta_file.market.anchors:
            basis = (_("source: {source}") if a.source else _("estimate: {source}")).format(source=self.t(a.source or a.estimate or ""))
            notes.append(_("{year} market size {value} ({basis}).").format(year=a.year, value=self.fmt.money(a.value), basis=basis))
        for g in self.meta_file.market.assumptions:
            notes.append(_("{start}-{end} values are estimates: {reason}").format(start=g.start, end=g.end, reason=self.t(g.reason)))
        return tuple(notes)

    def summary(self) -> Section:
        data, fmt, m, _, t = self.data, self.fmt, self.meta_file, self._, self.t
        first = m.years.forecast[0]
        rows = [
            (_("Market size in {year}").format(year=self.base), fmt.money_words(data.total[self.base])),
            (_("Market size in {year}").format(year=first), fmt.money_words(data.total[first])),
            (_("Projected market size in {year}").format(year=self.end), fmt.money_words(data.total[self.end])),
        ]
        rows += [(self.cagr_label(a, b), fmt.cagr(data.total.cagr(a, b))) for a, b in data.periods[:2]]
        if data.volume is not None and m.volume:
            rows.append(
                (
                    _("{measure} in {year}").format(measure=t(m.volume.name), year=self.base),
                    f"{fmt.count(data.volume[self.base])} {t(m.volume.unit)}",
                )
            )
        measures = _("Revenue and volume ({unit})").format(unit=t(m.volume.unit)) if m.volume else _("Revenue")
        rows += [
            (_("Historical years"), f"{m.years.historical[0]}-{m.years.historical[1]}"),
            (_("Base year"), str(m.years.base)),
            (_("Forecast years"), f"{m.years.forecast[0]}-{m.years.forecast[1]}"),
            (_("Measures"), measures),
            (_("Segmentation"), ", ".join(sentences.lower_first(self.by(d)) for d in data.dimensions)),
            (_("Key players"), ", ".join(t(p) for p in m.key_players)),
        ]
        table = Table(
            "summary",
            _("Executive summary"),
            (Column("item", _("Item"), "text"), Column("value", _("Value"), "text")),
            tuple(Row(r) for r in rows),
            source=self.source_line,
        )
        return Section(
            "summary",
            _("Executive summary"),
            "summary",
            (table,),
            headline=sentences.market_size(data, fmt, self.lang),
            notes=self.market_notes(),
        )

    def overview(self) -> Section:
        data, fmt, m, _, t = self.data, self.fmt, self.meta_file, self._, self.t
        blocks: list = []
        if self.content.definition:
            blocks += [Paragraph(t(p)) for p in self.content.definition.paragraphs]
        blocks.append(Paragraph(sentences.market_size(data, fmt, self.lang)))
        blocks.append(KeyFigures(tuple(KeyFigure(self.cagr_label(a, b), data.total.cagr(a, b), "cagr") for a, b in data.periods[:2])))
        period = f"{self.years[0]}-{self.years[-1]}"
        blocks.append(
            self.yearly_chart(
                "market-size",
                _("Market size, {period}").format(period=period),
                sentences.upper_first(t(m.market.name)),
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
            blocks.append(Paragraph(sentences.volume(data, fmt, self.lang)))
            columns += [
                Column("volume", t(m.volume.name), "count", t(m.volume.unit)),
                Column("price", _("Average price ({currency})").format(currency=fmt.currency), "price", fmt.currency),
            ]
        rows = []
        for y in self.years:
            cells = [str(y), data.total[y], data.total.growth(y)]
            if data.volume is not None and data.price is not None and m.volume:
                cells += [data.volume[y], data.price[y]]
            rows.append(Row(tuple(cells)))
        blocks.append(Table("market-size", _("Market size by year"), tuple(columns), tuple(rows), source=self.source_line))
        headline = _("The market grows {cagr} a year, from {base_value} in {base} to {end_value} in {end}").format(
            cagr=fmt.cagr(data.total.cagr(self.base, self.end)),
            base_value=fmt.money(data.total[self.base]),
            base=self.base,
            end_value=fmt.money(data.total[self.end]),
            end=self.end,
        )
        return Section("overview", _("Market overview"), "overview", tuple(blocks), headline=headline, notes=self.market_notes())

    def themes(self, themes) -> ItemList:
        return ItemList(tuple(Item(self.t(th.text), self.t(th.title)) for th in themes))

    def outlook(self) -> Section | None:
        if not self.content.outlook:
            return None
        return Section(
            "outlook",
            self._("Market outlook"),
            "outlook",
            (self.themes(self.content.outlook),),
            headline=self._("What drives the {region} market to {end}").format(region=self.t(self.meta_file.region), end=self.end),
        )

    def technology(self) -> Section | None:
        tech = self.content.technology
        if tech is None:
            return None
        return Section(
            "technology", self.t(tech.title), "text", tuple(Paragraph(self.t(p)) for p in tech.paragraphs), headline=self.t(tech.title)
        )

    def initiatives(self) -> Section | None:
        items, _, t = self.content.initiatives, self._, self.t
        if not items:
            return None
        columns = (
            Column("country", _("Country"), "text"),
            Column("when", _("When"), "text"),
            Column("title", _("Initiative"), "text"),
            Column("detail", _("What it means"), "text"),
        )
        rows = tuple(Row((t(i.country), t(i.when), t(i.title), t(i.detail))) for i in items)
        title = _("Key initiatives by country")
        return Section(
            "initiatives",
            title,
            "initiatives",
            (Table("initiatives", title, columns, rows),),
            headline=self.lang.ngettext(
                "{n} initiative is building capacity across {region}", "{n} initiatives are building capacity across {region}", len(items)
            ).format(n=len(items), region=t(self.meta_file.region)),
        )

    def dimension(self, dim: ComputedDimension, section_id: str | None = None, title: str | None = None, extra: tuple = ()) -> Section:
        data, fmt, _, t = self.data, self.fmt, self._, self.t
        name = sentences.lower_first(t(dim.title))
        period = f"{self.years[0]}-{self.years[-1]}"
        blocks: list = [Paragraph(" ".join(sentences.dimension_commentary(dim, data, fmt, self.lang)))]
        if dim.note:
            blocks.append(Paragraph(t(dim.note)))
        blocks += [
            self.share_chart(
                f"{dim.id}-share",
                _("Share by {dimension}, {year}").format(dimension=name, year=self.base),
                dim.top,
                _("shares by {dimension}").format(dimension=name),
            ),
            self.trend_chart(
                f"{dim.id}-trend",
                _("Revenue by {dimension}, {period}").format(dimension=name, period=period),
                dim.top,
                _("the market by {dimension}").format(dimension=name),
            ),
            self.yearly_table(
                f"{dim.id}-revenue",
                _("Revenue by {dimension} ({unit})").format(dimension=name, unit=fmt.money_unit),
                t(dim.title),
                self.segment_rows(dim, "revenue"),
                self.data.total,
            ),
            *extra,
        ]
        subs = []
        for parent in dim.parents:
            kids = dim.children(parent.name)
            parent_name = t(parent.name)
            subs.append(
                Section(
                    f"{dim.id}-{_slug(parent.name)}",
                    _("{segment}: sub-segments").format(segment=parent_name),
                    "subsegment",
                    (
                        Paragraph(" ".join(sentences.dimension_commentary(dim, data, fmt, self.lang, parent.name))),
                        self.share_chart(
                            f"{dim.id}-{_slug(parent.name)}-share",
                            _("{segment}: share by sub-segment, {year}").format(segment=parent_name, year=self.base),
                            kids,
                            _("shares of {segment} by sub-segment").format(segment=sentences.lower_first(parent_name)),
                        ),
                        self.yearly_table(
                            f"{dim.id}-{_slug(parent.name)}-revenue",
                            _("{segment} by sub-segment ({unit})").format(segment=parent_name, unit=fmt.money_unit),
                            _("Sub-segment"),
                            self.segment_rows(dim, "revenue", parent.name),
                            parent.revenue,
                        ),
                    ),
                    headline=sentences.action_title(dim, data, fmt, self.lang, parent.name),
                    notes=self.estimate_notes(dim),
                )
            )
        return Section(
            section_id or f"dim-{dim.id}",
            title or self.by(dim),
            "dimension",
            tuple(blocks),
            tuple(subs),
            headline=sentences.action_title(dim, data, fmt, self.lang),
            notes=self.estimate_notes(dim),
        )

    def regional(self) -> Section | None:
        geo = self.data.geography
        if geo is None:
            return None
        extra = (self.themes(self.content.regional),) if self.content.regional else ()
        title = self._("Regional analysis by {dimension}").format(dimension=sentences.lower_first(self.t(geo.title)))
        return self.dimension(geo, "regional", title, extra)

    def comparison(self) -> Section | None:
        data, fmt, _, t = self.data, self.fmt, self._, self.t
        if not data.comparisons:
            return None
        blocks: list = [Paragraph(s) for s in sentences.comparison(data, fmt, self.lang)]
        region = t(data.meta.region)
        series = [ChartSeries(region, tuple(data.total[y] for y in self.years))]
        series += [ChartSeries(sentences.upper_first(t(c.meta.name)), tuple(c.values[y] for y in self.years)) for c in data.comparisons]
        first, last = self.years[0], self.years[-1]
        listing = "; ".join(
            _("{market} from {first_value} to {last_value}").format(
                market=s.name, first_value=fmt.number(s.values[0]), last_value=fmt.number(s.values[-1])
            )
            for s in series
        )
        alt = _("Line chart comparing market sizes, {first}-{last}, in {unit}: {listing}.").format(
            first=first, last=last, unit=fmt.money_unit, listing=listing
        )
        blocks.append(
            Chart(
                "comparison",
                _("Market size compared, {first}-{last}").format(first=first, last=last),
                "line",
                tuple(str(y) for y in self.years),
                tuple(series),
                "money",
                fmt.money_unit,
                self.source_line,
                alt,
                forecast_from=self.years.index(self.base) + 1,
            )
        )
        rows = [(region, data.total, 0, "data")] + [(sentences.upper_first(t(c.meta.name)), c.values, 0, "data") for c in data.comparisons]
        blocks.append(
            self.yearly_table("comparison", _("Market size compared ({unit})").format(unit=fmt.money_unit), _("Market"), rows, None)
        )
        shares = [
            Row(
                (
                    _("{region} share of {market}").format(region=region, market=sentences.lower_first(t(c.meta.name))),
                    *[data.total[y] / c.values[y] for y in self.years],
                )
            )
            for c in data.comparisons
        ]
        blocks.append(
            Table(
                "comparison-share",
                _("Regional share of the wider market"),
                (Column("name", _("Market"), "text"), *[Column(str(y), str(y), "percent") for y in self.years]),
                tuple(shares),
                source=self.source_line,
            )
        )
        notes = []
        for c in data.comparisons:
            notes += [
                _("{market} {year}: {value} ({source}).").format(
                    market=t(c.meta.name), year=a.year, value=fmt.money(a.value), source=t(a.source or a.estimate or "")
                )
                for a in c.meta.anchors
            ]
            notes += [
                _("{market} {start}-{end}: estimate, {reason}").format(market=t(c.meta.name), start=g.start, end=g.end, reason=t(g.reason))
                for g in c.meta.assumptions
            ]
        comp = data.comparisons[0]
        headline = _("{region} grows {cagr} a year against {other_cagr} for the {other}").format(
            region=region,
            cagr=fmt.cagr(data.total.cagr(self.base, self.end)),
            other_cagr=fmt.cagr(comp.values.cagr(self.base, self.end)),
            other=sentences.lower_first(t(comp.meta.name)),
        )
        return Section("comparison", _("Global market comparison"), "comparison", tuple(blocks), headline=headline, notes=tuple(notes))

    def value_chain(self) -> Section | None:
        stages, _, t = self.content.value_chain, self._, self.t
        if not stages:
            return None
        subs = []
        for i, st in enumerate(stages, 1):
            columns = (
                Column("country", _("Country"), "text"),
                Column("names", _("Key organisations"), "text"),
                Column("role", _("Role"), "text"),
            )
            rows = tuple(Row((t(o.country), t(o.names), t(o.role))) for o in st.organisations)
            blocks = (Paragraph(t(st.activities)),) + ((Table(f"value-chain-{i}", t(st.stage), columns, rows),) if rows else ())
            subs.append(Section(f"value-chain-{i}", f"{i}. {t(st.stage)}", "stage", blocks, headline=t(st.activities)))
        return Section("value-chain", _("Value chain"), "value-chain", (), tuple(subs), headline=" > ".join(t(s.stage) for s in stages))

    def vendors(self) -> Section | None:
        vendors, _, t = self.content.vendors, self._, self.t
        if not vendors:
            return None
        columns = (
            Column("name", _("Vendor"), "text"),
            Column("country", _("Country"), "text"),
            Column("focus", _("Focus"), "text"),
            Column("offerings", _("Key offerings"), "text"),
            Column("note", _("Note"), "text"),
        )
        rows = tuple(Row((v.name, t(v.country or ""), t(v.focus), t(v.offerings), t(v.note or ""))) for v in vendors)
        return Section(
            "vendors",
            _("Vendors and their offerings"),
            "vendors",
            (Table("vendors", _("Vendors and offerings"), columns, rows),),
            headline=self.lang.ngettext(
                "{n} regional vendor and what it offers", "{n} regional vendors and what they offer", len(vendors)
            ).format(n=len(vendors)),
        )

    def companies(self) -> Section | None:
        m, c, _, t = self.meta_file, self.content, self._, self.t
        if not (m.key_players or c.investors or c.startups):
            return None
        subs = []
        if c.investors:
            subs.append(
                Section(
                    "investors", _("Investors"), "list", (ItemList(tuple(Item(t(n.text or n.country or ""), n.name) for n in c.investors)),)
                )
            )
        if c.startups:
            entries = tuple(Item(f"{t(n.text or '')} ({t(n.country)})" if n.country else t(n.text or ""), n.name) for n in c.startups)
            subs.append(Section("startups", _("Start-ups and innovators"), "list", (ItemList(entries),)))
        blocks = (ItemList(tuple(Item(t(p)) for p in m.key_players)),) if m.key_players else ()
        return Section(
            "companies",
            _("Top companies"),
            "companies",
            blocks,
            tuple(subs),
            headline=self.lang.ngettext("{n} company shapes the market", "{n} companies shape the market", len(m.key_players)).format(
                n=len(m.key_players)
            ),
        )

    def developments(self) -> Section | None:
        devs = sorted(self.content.developments, key=lambda d: d.date, reverse=True)
        if not devs:
            return None
        items = tuple(Item(self.t(d.text), f"{self.fmt.month(d.date)}, {d.company}") for d in devs)
        return Section(
            "developments",
            self._("Recent developments"),
            "developments",
            (ItemList(items),),
            headline=self._("Latest: {company}, {month}").format(company=devs[0].company, month=self.fmt.month(devs[0].date)),
        )

    def segments_covered(self) -> Section:
        t = self.t
        items = []
        for dim in self.data.dimensions:
            parts = []
            for seg in dim.top:
                kids = dim.children(seg.name)
                parts.append(t(seg.name) + (f" ({', '.join(t(k.name) for k in kids)})" if kids else ""))
            items.append(Item("; ".join(parts), self.by(dim)))
        n = len(self.data.dimensions)
        return Section(
            "segments-covered",
            self._("Segments covered"),
            "segments",
            (ItemList(tuple(items)),),
            headline=self.lang.ngettext("{n} way of splitting the market", "{n} ways of splitting the market", n).format(n=n),
        )

    def methodology(self) -> Section:
        data, fmt, m, _, t = self.data, self.fmt, self.meta_file, self._, self.t
        method = [
            _(
                "Published values are kept exactly. Between two published years the market grows at the constant rate that joins "
                "them; years outside the published ones are back-cast or extrapolated at the stated growth assumptions."
            ),
            _(
                "Segments start from their {base} shares and each grows at its own assumed rate; every year the segments are "
                "rescaled so that they add up exactly to their parent (the market or a parent segment). All CAGRs are recomputed "
                "from the resulting values."
            ).format(base=self.base),
        ]
        if m.volume:
            method.append(
                _(
                    "{measure} are revenue divided by the average revenue per unit; segment volumes follow segment "
                    "revenue, adjusted by each segment's relative price."
                ).format(measure=t(m.volume.name))
            )
        blocks: list = [Paragraph(x) for x in method]
        if self.analysis.findings:
            blocks.append(Paragraph(_("Checks on the source's statements found the following:")))
            blocks.append(ItemList(tuple(Item(sentences.finding(f, data, fmt, self.lang)) for f in self.analysis.findings)))
        columns = (
            Column("figure", _("Figure"), "text"),
            Column("value", _("Value"), "text"),
            Column("status", _("Status"), "text"),
            Column("basis", _("Source or reason"), "text"),
        )
        render = {"money": fmt.money, "percent": fmt.percent, "price": fmt.price}
        status = {SOURCED: _("sourced"), ESTIMATE: _("estimate")}
        estimates = [f for f in data.figures if f.status != SOURCED]
        sourced = [f for f in data.figures if f.status == SOURCED]
        rows = [
            Row((self.figure_label(f), render[f.kind](f.value), status[f.status], self.basis(f.basis)))
            for f in sourced + estimates
            if f.subject.kind != "growth"
        ]
        # A dimension's growth assumptions share one reason: one row per dimension, not per segment.
        growth: dict[str, list] = {}
        for f in estimates:
            if f.subject.kind == "growth":
                growth.setdefault(f.subject.series, []).append(f)
        for dimension, figs in growth.items():
            values = "; ".join(f"{t(f.subject.segment)} {fmt.percent(f.value)}" for f in figs)
            label = _("{dimension}: assumed growth per segment").format(dimension=t(dimension))
            rows.append(Row((label, values, status[ESTIMATE], self.basis(figs[0].basis))))
        blocks.append(Table("figures", _("Figures and their provenance"), columns, tuple(rows)))
        if m.sources:
            blocks.append(Paragraph(_("Research sources: {sources}.").format(sources="; ".join(m.sources))))
        headline = _("{sourced} published figures, {estimates} labelled estimates").format(sourced=len(sourced), estimates=len(estimates))
        notes = tuple(
            _("Estimate: {figure}: {basis}").format(figure=self.figure_label(f), basis=self.basis(f.basis))
            for f in estimates
            if f.subject.kind != "growth"
        )
        return Section("methodology", _("Methodology and assumptions"), "methodology", tuple(blocks), headline=headline, notes=notes)

    def basis(self, text: str) -> str:
        """The source or reason of a figure; the generated remainder note is a message, not data."""
        return self._("remainder: 100% less the other shares") if text == REMAINDER else self.t(text)

    def figure_label(self, figure) -> str:
        """Describe an input figure in this language from its structured subject."""
        _, t, s = self._, self.t, figure.subject
        if s.kind == "anchor":
            return _("{series}, {year}").format(series=t(s.series), year=s.years)
        if s.kind == "assumption":
            return _("{series}, annual growth {years}").format(series=t(s.series), years=s.years)
        if s.kind == "price":
            return _("Average price per unit, {year}").format(year=s.years)
        if s.kind == "price-change":
            return _("Annual change of the average price")
        # A share ("growth" figures are grouped per dimension by the methodology table).
        whole = t(s.parent) if s.parent else _("market")
        return _("{dimension}: {segment}, share of {whole} {year}").format(
            dimension=t(s.series), segment=t(s.segment), whole=sentences.lower_first(whole), year=s.years
        )

    def faq(self) -> Section:
        data, fmt, m, _, t = self.data, self.fmt, self.meta_file, self._, self.t
        first = m.years.forecast[0]
        qa = [
            QA(
                _("How big is the {market}?").format(market=t(m.market.name)),
                _(
                    "It is worth {first_value} in {first} and is forecast to reach {end_value} by {end}, a CAGR of {cagr_first} over "
                    "{first}-{end} ({cagr} from the {base} base)."
                ).format(
                    first_value=fmt.money_words(data.total[first]),
                    first=first,
                    end_value=fmt.money_words(data.total[self.end]),
                    end=self.end,
                    cagr_first=fmt.cagr(data.total.cagr(first, self.end)),
                    cagr=fmt.cagr(data.total.cagr(self.base, self.end)),
                    base=self.base,
                ),
            )
        ]
        geo = data.geography
        if geo is not None:
            top, fast = geo.leader(self.base), geo.fastest(self.base, self.end)
            qa.append(
                QA(
                    _("Which {dimension} leads the market?").format(dimension=sentences.lower_first(t(geo.title))),
                    _("{leader}, with {share} of revenue in {year}. {fastest} grows fastest, at {cagr} a year.").format(
                        leader=t(top.name),
                        share=fmt.percent(top.share_in(self.base)),
                        year=self.base,
                        fastest=t(fast.name),
                        cagr=fmt.cagr(fast.revenue.cagr(self.base, self.end)),
                    ),
                )
            )
        for dim in data.dimensions:
            if dim.kind != "geography":
                qa.append(
                    QA(
                        _("Which {dimension} segment is largest?").format(dimension=sentences.lower_first(t(dim.title))),
                        " ".join(sentences.dimension_commentary(dim, data, fmt, self.lang)[:2]),
                    )
                )
        if m.key_players:
            qa.append(
                QA(_("Who are the key players?"), _("{players}, among others.").format(players=", ".join(t(p) for p in m.key_players[:7])))
            )
        if m.sources:
            qa.append(QA(_("Which sources does the research draw on?"), "; ".join(m.sources) + "."))
        qa += [QA(t(f.question), t(f.answer)) for f in self.content.faq]
        return Section(
            "faq",
            _("Frequently asked questions"),
            "faq",
            (Faq(tuple(qa)),),
            headline=self.lang.ngettext("{n} question clients ask", "{n} questions clients ask", len(qa)).format(n=len(qa)),
        )

    def appendix(self) -> Section:
        data, fmt, m, _, t = self.data, self.fmt, self.meta_file, self._, self.t
        period = f"{self.years[0]}-{self.years[-1]}"
        subs = []
        blocks: list = [
            self.yearly_table(
                "appendix-total",
                _("Market revenue ({unit})").format(unit=fmt.money_unit),
                _("Measure"),
                [(_("Revenue"), data.total, 0, "data")],
                None,
            )
        ]
        if data.volume is not None and m.volume:
            measure, unit = t(m.volume.name), t(m.volume.unit)
            blocks.append(
                self.yearly_table(
                    "appendix-volume", f"{measure} ({unit})", _("Measure"), [(measure, data.volume, 0, "data")], None, "count", unit
                )
            )
            blocks.append(self.yearly_chart("volume", f"{measure}, {period}", measure, data.volume, "count", unit))
        subs.append(Section("appendix-market", _("Market totals"), "appendix", tuple(blocks)))
        for dim in data.dimensions:
            name = sentences.lower_first(t(dim.title))
            tables: list = [
                self.yearly_table(
                    f"appendix-{dim.id}-revenue",
                    _("Revenue by {dimension} ({unit})").format(dimension=name, unit=fmt.money_unit),
                    t(dim.title),
                    self.segment_rows(dim, "revenue", nested=True),
                    data.total,
                )
            ]
            if data.volume is not None and m.volume:
                tables.append(
                    self.yearly_table(
                        f"appendix-{dim.id}-volume",
                        _("{measure} by {dimension} ({unit})").format(measure=t(m.volume.name), dimension=name, unit=t(m.volume.unit)),
                        t(dim.title),
                        self.segment_rows(dim, "volume", nested=True),
                        data.volume,
                        "count",
                        t(m.volume.unit),
                    )
                )
            subs.append(Section(f"appendix-{dim.id}", self.by(dim), "appendix", tuple(tables)))
        title = _("Appendix: revenue and volume tables") if m.volume else _("Appendix: revenue tables")
        headline = (_("Revenue and volume, {period}, every segment") if m.volume else _("Revenue, {period}, every segment")).format(
            period=period
        )
        return Section("appendix", title, "appendix", (), tuple(subs), headline=headline)


def _slug(text: str) -> str:
    return "".join(c if c.isalnum() else "-" for c in text.lower()).strip("-").replace("--", "-")
