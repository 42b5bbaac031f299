"""Build the format-neutral report model from a computed report.

This is where the report's structure is decided (which sections, in which order, which table
and chart in each) and where every sentence that states a number is generated. Writers only
lay the result out.
"""

from __future__ import annotations

from reportgen.data import Analysis
from reportgen.data.compute import SOURCED, ComputedDimension, ComputedReport, ComputedSegment
from reportgen.data.series import Yearly
from reportgen.format import Formatter
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
from reportgen.theme import ACCENT, PALETTE


def formatter_for(data: ComputedReport, locale: str = "en") -> Formatter:
    meta = data.meta
    return Formatter(meta.currency.symbol or meta.currency.code, meta.unit.short, meta.unit.name, locale)


def build_report(analysis: Analysis, branding: Branding | None = None, locale: str = "en") -> Report:
    """The whole report model for one computed report."""
    data = analysis.computed
    fmt = formatter_for(data, locale)
    b = _Builder(data, fmt, analysis)
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
        branding=branding or Branding(palette=PALETTE, accent=ACCENT),
        sections=tuple(s for s in sections if s is not None),
        fmt=fmt,
        data=data,
    )


class _Builder:
    """Section factories sharing the computed data and formatter."""

    def __init__(self, data: ComputedReport, fmt: Formatter, analysis: Analysis):
        self.data = data
        self.fmt = fmt
        self.analysis = analysis
        self.meta_file = data.meta
        self.content = data.source.content
        self.base, self.end = data.forecast_period
        self.years = list(data.years)
        self.source_line = f"Source: {self.meta_file.publisher}; {data.base_year + 1}-{self.end} values are forecasts."

    # --- shared pieces -------------------------------------------------------------------

    def meta(self) -> Meta:
        m = self.meta_file
        period = f"{self.years[0]}-{self.years[-1]}"
        return Meta(
            id=m.id,
            title=m.title,
            subtitle=m.subtitle or "",
            region=m.region,
            period=period,
            edition=m.edition,
            publisher=m.publisher,
            authors=tuple(p.name for p in m.team),
            keywords=tuple(m.keywords),
            language=m.language,
            subject=f"{m.title}: market size and forecast {period}, base year {m.years.base}",
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
        columns += [Column(f"cagr-{a}-{b}", f"CAGR {a}-{b}", "cagr") for a, b in self.data.periods[:2]]
        out = []
        for name, series, level, kind in rows:
            cells = (name, *[series[y] for y in self.years], *[series.cagr(a, b) for a, b in self.data.periods[:2]])
            out.append(Row(cells, kind, level))
        if total is not None:
            cells = ("Total", *[total[y] for y in self.years], *[total.cagr(a, b) for a, b in self.data.periods[:2]])
            out.append(Row(cells, "total"))
        return Table(table_id, title, tuple(columns), tuple(out), source=self.source_line)

    def segment_rows(self, dim: ComputedDimension, measure: str, parent: str | None = None, nested: bool = False):
        rows = []
        for seg in dim.children(parent):
            kids = dim.children(seg.name) if nested else []
            rows.append((seg.name, getattr(seg, measure), seg.depth, "parent" if kids else "data"))
            if kids:
                rows += self.segment_rows(dim, measure, seg.name, nested)
        return rows

    def share_chart(self, chart_id: str, title: str, segments: list[ComputedSegment], what: str) -> Chart:
        shares = tuple(s.share_in(self.base) for s in segments)
        ranked = sorted(zip(segments, shares, strict=True), key=lambda p: -p[1])
        listing = ", ".join(f"{s.name} {self.fmt.percent(v)}" for s, v in ranked)
        alt = f"Doughnut chart of {what} in {self.base}. {ranked[0][0].name} leads. Shares: {listing}."
        return Chart(
            chart_id,
            title,
            "doughnut",
            tuple(s.name for s in segments),
            (ChartSeries(f"Share {self.base}", shares),),
            "percent",
            f"Share of revenue, {self.base}",
            self.source_line,
            alt,
        )

    def trend_chart(self, chart_id: str, title: str, segments: list[ComputedSegment], what: str) -> Chart:
        series = tuple(ChartSeries(s.name, tuple(s.revenue[y] for y in self.years)) for s in segments)
        top = max(segments, key=lambda s: s.revenue[self.end])
        first, last = self.years[0], self.years[-1]
        parent_total = segments[0].parent_revenue
        alt = (
            f"Stacked column chart of {what}, {first}-{last}, in {self.fmt.money_unit}. The total rises from "
            f"{self.fmt.number(parent_total[first])} in {first} to {self.fmt.number(parent_total[last])} in {last}; "
            f"{top.name} is the largest segment in {last} at {self.fmt.number(top.revenue[last])}."
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
        alt = (
            f"Column chart of {title.lower()}, {first}-{last}, in {unit}; {first}-{self.base} actual or "
            f"estimated, {self.base + 1}-{last} forecast. It rises from {number(values[first])} in {first} "
            f"to {number(values[last])} in {last}."
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
        notes = [f"Sourced: {s.name} share {self.base} ({s.share_basis})." for s in sourced]
        estimated = [s.name for s in dim.segments if s.share_status != SOURCED]
        if estimated:
            notes.append(f"Estimated shares: {', '.join(estimated)}.")
        notes.append(f"Growth assumptions (estimates): {dim.growth_basis}")
        return tuple(notes)

    # --- sections ------------------------------------------------------------------------

    def takeaways(self) -> Section:
        data, fmt = self.data, self.fmt
        first = self.meta_file.years.forecast[0]
        items = [
            Item(
                f"The market was worth {fmt.money_words(data.total[self.base])} in {self.base} and is "
                f"forecast at {fmt.money_words(data.total[first])} in {first}."
            ),
            Item(
                f"It is projected to reach {fmt.money_words(data.total[self.end])} by {self.end}, a CAGR of "
                f"{fmt.cagr(data.total.cagr(self.base, self.end))} over {self.base}-{self.end} "
                f"({fmt.cagr(data.total.cagr(first, self.end))} over {first}-{self.end})."
            ),
        ]
        items += [Item(s) for s in sentences.comparison(data, fmt)]
        for dim in data.dimensions:
            items.append(Item(sentences.action_title(dim, data, fmt) + ".", f"By {dim.title.lower()}"))
        figures = KeyFigures(
            (
                KeyFigure(f"Market size {self.base}", data.total[self.base], "money"),
                KeyFigure(f"Market size {first}", data.total[first], "money"),
                KeyFigure(f"Market size {self.end}", data.total[self.end], "money"),
                KeyFigure(f"CAGR {self.base}-{self.end}", data.total.cagr(self.base, self.end), "cagr"),
            )
        )
        headline = (
            f"{fmt.money(data.total[self.base])} in {self.base} to {fmt.money(data.total[self.end])} "
            f"in {self.end}: {fmt.cagr(data.total.cagr(self.base, self.end))} a year"
        )
        return Section(
            "takeaways", "Key takeaways", "takeaways", (figures, ItemList(tuple(items))), headline=headline, notes=self.market_notes()
        )

    def market_notes(self) -> tuple[str, ...]:
        notes = []
        for a in self.meta_file.market.anchors:
            kind = f"source: {a.source}" if a.source else f"estimate: {a.estimate}"
            notes.append(f"{a.year} market size {self.fmt.money(a.value)} ({kind}).")
        for g in self.meta_file.market.assumptions:
            notes.append(f"{g.start}-{g.end} values are estimates: {g.reason}")
        return tuple(notes)

    def summary(self) -> Section:
        data, fmt, m = self.data, self.fmt, self.meta_file
        first = m.years.forecast[0]
        rows = [
            ("Market size in " + str(self.base), fmt.money_words(data.total[self.base])),
            ("Market size in " + str(first), fmt.money_words(data.total[first])),
            ("Projected market size in " + str(self.end), fmt.money_words(data.total[self.end])),
        ]
        rows += [(f"CAGR {a}-{b}", fmt.cagr(data.total.cagr(a, b))) for a, b in data.periods[:2]]
        if data.volume is not None and m.volume:
            rows.append((f"{m.volume.name} in {self.base}", f"{fmt.count(data.volume[self.base])} {m.volume.unit}"))
        rows += [
            ("Historical years", f"{m.years.historical[0]}-{m.years.historical[1]}"),
            ("Base year", str(m.years.base)),
            ("Forecast years", f"{m.years.forecast[0]}-{m.years.forecast[1]}"),
            ("Measures", "Revenue" + (f" and volume ({m.volume.unit})" if m.volume else "")),
            ("Segmentation", ", ".join(f"by {d.title.lower()}" for d in data.dimensions)),
            ("Key players", ", ".join(m.key_players)),
        ]
        table = Table(
            "summary",
            "Executive summary",
            (Column("item", "Item", "text"), Column("value", "Value", "text")),
            tuple(Row(r) for r in rows),
            source=self.source_line,
        )
        return Section(
            "summary", "Executive summary", "summary", (table,), headline=sentences.market_size(data, fmt), notes=self.market_notes()
        )

    def overview(self) -> Section:
        data, fmt, m = self.data, self.fmt, self.meta_file
        blocks: list = []
        if self.content.definition:
            blocks += [Paragraph(p) for p in self.content.definition.paragraphs]
        blocks.append(Paragraph(sentences.market_size(data, fmt)))
        blocks.append(
            self.yearly_chart(
                "market-size", f"Market size, {self.years[0]}-{self.years[-1]}", m.market.name, data.total, "money", fmt.money_unit
            )
        )
        columns = [
            Column("year", "Year", "year"),
            Column("revenue", f"Revenue ({fmt.money_unit})", "money", fmt.money_unit),
            Column("growth", "Growth", "percent"),
        ]
        if data.volume is not None and m.volume:
            blocks.append(Paragraph(sentences.volume(data, fmt)))
            columns += [
                Column("volume", f"{m.volume.name}", "count", m.volume.unit),
                Column("price", f"Average price ({fmt.currency})", "price", fmt.currency),
            ]
        rows = []
        for y in self.years:
            cells = [str(y), data.total[y], data.total.growth(y)]
            if data.volume is not None and m.volume:
                cells += [data.volume[y], data.price[y]]
            rows.append(Row(tuple(cells)))
        blocks.append(Table("market-size", "Market size by year", tuple(columns), tuple(rows), source=self.source_line))
        title = self.content.definition.title if self.content.definition else "Market overview"
        return Section(
            "overview",
            "Market overview",
            "overview",
            tuple(blocks),
            headline=f"{title}: a market growing {fmt.cagr(data.total.cagr(self.base, self.end))} a year",
            notes=self.market_notes(),
        )

    def outlook(self) -> Section | None:
        themes = self.content.outlook
        if not themes:
            return None
        return Section(
            "outlook",
            "Market outlook",
            "outlook",
            (ItemList(tuple(Item(t.text, t.title) for t in themes)),),
            headline=f"What drives the {self.meta_file.region} market to {self.end}",
        )

    def technology(self) -> Section | None:
        tech = self.content.technology
        if tech is None:
            return None
        return Section("technology", tech.title, "text", tuple(Paragraph(p) for p in tech.paragraphs), headline=tech.title)

    def initiatives(self) -> Section | None:
        items = self.content.initiatives
        if not items:
            return None
        columns = (
            Column("country", "Country", "text"),
            Column("when", "When", "text"),
            Column("title", "Initiative", "text"),
            Column("detail", "What it means", "text"),
        )
        rows = tuple(Row((i.country, i.when, i.title, i.detail)) for i in items)
        return Section(
            "initiatives",
            "Key initiatives by country",
            "initiatives",
            (Table("initiatives", "Key initiatives by country", columns, rows),),
            headline=f"{len(items)} initiatives are building capacity across {self.meta_file.region}",
        )

    def dimension(self, dim: ComputedDimension, section_id: str | None = None, title: str | None = None, extra: tuple = ()) -> Section:
        data, fmt = self.data, self.fmt
        what = f"the market by {dim.title.lower()}"
        blocks: list = [Paragraph(" ".join(sentences.dimension_commentary(dim, data, fmt)))]
        if dim.note:
            blocks.append(Paragraph(dim.note))
        blocks += [
            self.share_chart(f"{dim.id}-share", f"Share by {dim.title.lower()}, {self.base}", dim.top, f"shares by {dim.title.lower()}"),
            self.trend_chart(f"{dim.id}-trend", f"Revenue by {dim.title.lower()}, {self.years[0]}-{self.years[-1]}", dim.top, what),
            self.yearly_table(
                f"{dim.id}-revenue",
                f"Revenue by {dim.title.lower()} ({fmt.money_unit})",
                dim.title,
                self.segment_rows(dim, "revenue"),
                self.data.total,
            ),
            *extra,
        ]
        subs = []
        for parent in dim.parents:
            kids = dim.children(parent.name)
            subs.append(
                Section(
                    f"{dim.id}-{_slug(parent.name)}",
                    f"{parent.name}: sub-segments",
                    "subsegment",
                    (
                        Paragraph(" ".join(sentences.dimension_commentary(dim, data, fmt, parent.name))),
                        self.share_chart(
                            f"{dim.id}-{_slug(parent.name)}-share",
                            f"{parent.name}: share by sub-segment, {self.base}",
                            kids,
                            f"shares of {parent.name.lower()} by sub-segment",
                        ),
                        self.yearly_table(
                            f"{dim.id}-{_slug(parent.name)}-revenue",
                            f"{parent.name} by sub-segment ({fmt.money_unit})",
                            "Sub-segment",
                            self.segment_rows(dim, "revenue", parent.name),
                            parent.revenue,
                        ),
                    ),
                    headline=sentences.action_title(dim, data, fmt, parent.name),
                    notes=self.estimate_notes(dim),
                )
            )
        return Section(
            section_id or f"dim-{dim.id}",
            title or f"By {dim.title.lower()}",
            "dimension",
            tuple(blocks),
            tuple(subs),
            headline=sentences.action_title(dim, data, fmt),
            notes=self.estimate_notes(dim),
        )

    def regional(self) -> Section | None:
        geo = self.data.geography
        if geo is None:
            return None
        extra = (ItemList(tuple(Item(t.text, t.title) for t in self.content.regional)),) if self.content.regional else ()
        return self.dimension(geo, "regional", f"Regional analysis by {geo.title.lower()}", extra)

    def comparison(self) -> Section | None:
        data, fmt = self.data, self.fmt
        if not data.comparisons:
            return None
        blocks: list = [Paragraph(s) for s in sentences.comparison(data, fmt)]
        series = [ChartSeries(data.meta.region, tuple(data.total[y] for y in self.years))]
        series += [ChartSeries(c.meta.name, tuple(c.values[y] for y in self.years)) for c in data.comparisons]
        first, last = self.years[0], self.years[-1]
        alt = (
            f"Line chart comparing market sizes, {first}-{last}, in {fmt.money_unit}: "
            + "; ".join(f"{s.name} from {fmt.number(s.values[0])} to {fmt.number(s.values[-1])}" for s in series)
            + "."
        )
        blocks.append(
            Chart(
                "comparison",
                f"Market size compared, {first}-{last}",
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
        rows = [(data.meta.region, data.total, 0, "data")] + [(c.meta.name, c.values, 0, "data") for c in data.comparisons]
        blocks.append(self.yearly_table("comparison", f"Market size compared ({fmt.money_unit})", "Market", rows, None))
        shares = [
            Row((f"{data.meta.region} share of {c.meta.name}", *[data.total[y] / c.values[y] for y in self.years]))
            for c in data.comparisons
        ]
        blocks.append(
            Table(
                "comparison-share",
                "Regional share of the wider market",
                (Column("name", "Market", "text"), *[Column(str(y), str(y), "percent") for y in self.years]),
                tuple(shares),
                source=self.source_line,
            )
        )
        notes = []
        for c in data.comparisons:
            notes += [f"{c.meta.name} {a.year}: {fmt.money(a.value)} ({a.source or a.estimate})." for a in c.meta.anchors]
            notes += [f"{c.meta.name} {g.start}-{g.end}: estimate, {g.reason}" for g in c.meta.assumptions]
        comp = data.comparisons[0]
        headline = (
            f"{data.meta.region} grows {fmt.cagr(data.total.cagr(self.base, self.end))} a year against "
            f"{fmt.cagr(comp.values.cagr(self.base, self.end))} for the {comp.meta.name.lower()}"
        )
        return Section("comparison", "Global market comparison", "comparison", tuple(blocks), headline=headline, notes=tuple(notes))

    def value_chain(self) -> Section | None:
        stages = self.content.value_chain
        if not stages:
            return None
        subs = []
        for i, st in enumerate(stages, 1):
            columns = (Column("country", "Country", "text"), Column("names", "Key organisations", "text"), Column("role", "Role", "text"))
            rows = tuple(Row((o.country, o.names, o.role)) for o in st.organisations)
            blocks = (Paragraph(st.activities),) + ((Table(f"value-chain-{i}", st.stage, columns, rows),) if rows else ())
            subs.append(Section(f"value-chain-{i}", f"{i}. {st.stage}", "stage", blocks, headline=st.activities))
        return Section("value-chain", "Value chain", "value-chain", (), tuple(subs), headline=" > ".join(s.stage for s in stages))

    def vendors(self) -> Section | None:
        vendors = self.content.vendors
        if not vendors:
            return None
        columns = (
            Column("name", "Vendor", "text"),
            Column("country", "Country", "text"),
            Column("focus", "Focus", "text"),
            Column("offerings", "Key offerings", "text"),
            Column("note", "Note", "text"),
        )
        rows = tuple(Row((v.name, v.country or "", v.focus, v.offerings, v.note or "")) for v in vendors)
        return Section(
            "vendors",
            "Vendors and their offerings",
            "vendors",
            (Table("vendors", "Vendors and offerings", columns, rows),),
            headline=f"{len(vendors)} regional vendors and what they offer",
        )

    def companies(self) -> Section | None:
        m, c = self.meta_file, self.content
        if not (m.key_players or c.investors or c.startups):
            return None
        subs = []
        if c.investors:
            subs.append(
                Section("investors", "Investors", "list", (ItemList(tuple(Item(n.text or n.country or "", n.name) for n in c.investors)),))
            )
        if c.startups:
            subs.append(
                Section(
                    "startups",
                    "Start-ups and innovators",
                    "list",
                    (ItemList(tuple(Item(f"{n.text or ''} ({n.country})" if n.country else n.text or "", n.name) for n in c.startups)),),
                )
            )
        blocks = (ItemList(tuple(Item(p) for p in m.key_players)),) if m.key_players else ()
        return Section(
            "companies", "Top companies", "companies", blocks, tuple(subs), headline=f"{len(m.key_players)} companies shape the market"
        )

    def developments(self) -> Section | None:
        devs = sorted(self.content.developments, key=lambda d: d.date, reverse=True)
        if not devs:
            return None
        items = tuple(Item(d.text, f"{self.fmt.month(d.date)}, {d.company}") for d in devs)
        return Section(
            "developments",
            "Recent developments",
            "developments",
            (ItemList(items),),
            headline=f"Latest: {devs[0].company}, {self.fmt.month(devs[0].date)}",
        )

    def segments_covered(self) -> Section:
        items = []
        for dim in self.data.dimensions:
            parts = []
            for seg in dim.top:
                kids = dim.children(seg.name)
                parts.append(seg.name + (f" ({', '.join(k.name for k in kids)})" if kids else ""))
            items.append(Item("; ".join(parts), f"By {dim.title.lower()}"))
        return Section(
            "segments-covered",
            "Segments covered",
            "segments",
            (ItemList(tuple(items)),),
            headline=f"{len(self.data.dimensions)} ways of splitting the market",
        )

    def methodology(self) -> Section:
        data, fmt, m = self.data, self.fmt, self.meta_file
        method = [
            f"Published values are kept exactly. Between two published years the market grows at the constant rate "
            f"that joins them; years before the first published value ({m.years.historical[0]}-{m.years.historical[1]} "
            f"where none is given) are back-cast at the stated growth assumption.",
            f"Segments start from their {self.base} shares and each grows at its own assumed rate; every year the "
            f"segments are rescaled so that they add up exactly to their parent (the market or a parent segment). "
            f"All CAGRs are recomputed from the resulting values.",
        ]
        if m.volume:
            method.append(
                f"{m.volume.name} are revenue divided by the average revenue per {m.volume.unit.rstrip('s')}; "
                f"segment volumes follow segment revenue, adjusted by each segment's relative price."
            )
        blocks: list = [Paragraph(t) for t in method]
        if self.analysis.warnings:
            blocks.append(Paragraph("Checks on the source's statements found the following:"))
            blocks.append(ItemList(tuple(Item(w.message, w.field) for w in self.analysis.warnings)))
        columns = (
            Column("figure", "Figure", "text"),
            Column("value", "Value", "text"),
            Column("status", "Status", "text"),
            Column("basis", "Source or reason", "text"),
        )
        render = {"money": fmt.money, "percent": fmt.percent, "price": fmt.price}
        estimates = [f for f in data.figures if f.status != SOURCED]
        sourced = [f for f in data.figures if f.status == SOURCED]
        rows = tuple(Row((f.label, render[f.kind](f.value), f.status, f.basis)) for f in sourced + estimates)
        blocks.append(Table("figures", "Figures and their provenance", columns, rows))
        if m.sources:
            blocks.append(Paragraph("Research sources: " + "; ".join(m.sources) + "."))
        headline = f"{len(sourced)} published figures, {len(estimates)} labelled estimates"
        return Section(
            "methodology",
            "Methodology and assumptions",
            "methodology",
            tuple(blocks),
            headline=headline,
            notes=tuple(f"Estimate: {f.label}: {f.basis}" for f in estimates if f.kind != "percent" or "growth" not in f.label),
        )

    def faq(self) -> Section:
        data, fmt, m = self.data, self.fmt, self.meta_file
        first = m.years.forecast[0]
        qa = [
            QA(
                f"How big is the {m.market.name}?",
                f"It is worth {fmt.money_words(data.total[first])} in {first} and is forecast to reach "
                f"{fmt.money_words(data.total[self.end])} by {self.end}, a CAGR of "
                f"{fmt.cagr(data.total.cagr(first, self.end))} over {first}-{self.end} "
                f"({fmt.cagr(data.total.cagr(self.base, self.end))} from the {self.base} base).",
            )
        ]
        geo = data.geography
        if geo is not None:
            top = geo.leader(self.base)
            fast = geo.fastest(self.base, self.end)
            qa.append(
                QA(
                    f"Which {geo.title.lower()} leads the market?",
                    f"{top.name}, with {fmt.percent(top.share_in(self.base))} of revenue in {self.base}. "
                    f"{fast.name} grows fastest, at {fmt.cagr(fast.revenue.cagr(self.base, self.end))} a year.",
                )
            )
        for dim in data.dimensions:
            if dim.kind == "geography":
                continue
            qa.append(QA(f"Which {dim.title.lower()} segment is largest?", " ".join(sentences.dimension_commentary(dim, data, fmt)[:2])))
        if m.key_players:
            qa.append(QA("Who are the key players?", ", ".join(m.key_players[:7]) + ", among others."))
        if m.sources:
            qa.append(QA("Which sources does the research draw on?", "; ".join(m.sources) + "."))
        qa += [QA(f.question, f.answer) for f in self.content.faq]
        return Section("faq", "Frequently asked questions", "faq", (Faq(tuple(qa)),), headline=f"{len(qa)} questions clients ask")

    def appendix(self) -> Section:
        data, fmt, m = self.data, self.fmt, self.meta_file
        subs = []
        totals = [("Revenue", data.total, 0, "data")]
        blocks: list = [self.yearly_table("appendix-total", f"Market revenue ({fmt.money_unit})", "Measure", totals, None)]
        if data.volume is not None and m.volume:
            blocks.append(
                self.yearly_table(
                    "appendix-volume",
                    f"{m.volume.name} ({m.volume.unit})",
                    "Measure",
                    [(m.volume.name, data.volume, 0, "data")],
                    None,
                    "count",
                    m.volume.unit,
                )
            )
            blocks.append(
                self.yearly_chart(
                    "volume", f"{m.volume.name}, {self.years[0]}-{self.years[-1]}", m.volume.name, data.volume, "count", m.volume.unit
                )
            )
        subs.append(Section("appendix-market", "Market totals", "appendix", tuple(blocks)))
        for dim in data.dimensions:
            tables: list = [
                self.yearly_table(
                    f"appendix-{dim.id}-revenue",
                    f"Revenue by {dim.title.lower()} ({fmt.money_unit})",
                    dim.title,
                    self.segment_rows(dim, "revenue", nested=True),
                    data.total,
                )
            ]
            if data.volume is not None and m.volume:
                tables.append(
                    self.yearly_table(
                        f"appendix-{dim.id}-volume",
                        f"{m.volume.name} by {dim.title.lower()} ({m.volume.unit})",
                        dim.title,
                        self.segment_rows(dim, "volume", nested=True),
                        data.volume,
                        "count",
                        m.volume.unit,
                    )
                )
            subs.append(Section(f"appendix-{dim.id}", f"By {dim.title.lower()}", "appendix", tuple(tables)))
        measures = "Revenue and volume" if m.volume else "Revenue"
        return Section(
            "appendix",
            f"Appendix: {measures.lower()} tables",
            "appendix",
            (),
            tuple(subs),
            headline=f"{measures}, {self.years[0]}-{self.years[-1]}, every segment",
        )


def _slug(text: str) -> str:
    return "".join(c if c.isalnum() else "-" for c in text.lower()).strip("-").replace("--", "-")
