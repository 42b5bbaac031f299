"""What every section and block factory of the model shares while one edition is built.

One computed report, the edition's language and formatter, and the few values and labels
that recur in many sections (the report's years, the source line under every table, 'CAGR
2024-2034', 'By therapy type'), so that each is worded in one place.
"""

from __future__ import annotations

from reportgen.data import Analysis
from reportgen.data.compute import REMAINDER, ComputedDimension, ComputedReport
from reportgen.format import Formatter
from reportgen.i18n import Language
from reportgen.model import names, prose, sentences
from reportgen.model.elements import Flow, Inline, Item
from reportgen.model.names import Name, lower_first


class Context:
    """The computed report, its language and formatter, and what the sections derive from them."""

    def __init__(self, analysis: Analysis, fmt: Formatter, lang: Language):
        self.analysis = analysis
        self.data: ComputedReport = analysis.computed
        self.fmt = fmt
        self.lang = lang
        self._ = lang.gettext  # fixed strings
        self.t = lang.tr  # data strings
        self.meta = self.data.meta  # report.yaml
        self.content = self.data.source.content  # content.yaml
        self.base, self.end = self.data.forecast_period
        self.first = self.meta.years.forecast[0]  # the first forecast year
        self.years = list(self.data.years)
        self.period = f"{self.years[0]}-{self.years[-1]}"
        self.source_line = self._("Source: {publisher}; {first}-{end} values are forecasts.").format(
            publisher=names.isolate(self.meta.publisher), first=self.data.base_year + 1, end=self.end
        )

    @property
    def shown_periods(self) -> tuple[tuple[int, int], ...]:
        """The CAGR periods the report's tables and key figures show (see ``sentences.shown_periods``;
        the workbook shows every one)."""
        return sentences.shown_periods(self.data, self.fmt)

    @property
    def forecast_from(self) -> int:
        """Index of the first forecast year among the report's years, for charts."""
        return self.years.index(self.base) + 1

    def cagr_label(self, start: int, end: int) -> str:
        return self._("CAGR {start}-{end}").format(start=start, end=end)

    def name(self, text: str) -> Name:
        """A data name for a sentence: translated, isolated when right-to-left, with its article."""
        return names.name(self.lang, text)

    def proper(self, text: str) -> Name:
        """A proper name (company, person) for a sentence: as written unless translated."""
        return names.proper(self.lang, text)

    def market(self, text: str, lower: bool = False) -> Name:
        """A market's name for a sentence (see ``names.market``)."""
        return names.market(self.lang, text, lower)

    def phrase(self, translated: str) -> Name:
        """A catalog phrase with its article ("el mercado por país"), for a sentence."""
        return names.phrase(self.lang, translated)

    def member(self, dim: ComputedDimension) -> Name:
        """What one segment of ``dim`` is called: 'country', 'end user', 'segment'."""
        return sentences.member(dim, self.data, self.lang)

    @property
    def volume_item(self) -> Name:
        """The word for one item of volume, which prices are per: 'policy' (reports with a volume)."""
        return sentences.item(self.data, self.lang)

    @property
    def price_unit(self) -> str:
        """What a price is counted in: '¥ per policy'."""
        return self._("{currency} per {unit}").format(currency=self.fmt.currency, unit=self.volume_item)

    def title(self, dim: ComputedDimension) -> str:
        """A dimension's title as it reads mid-sentence: 'therapy type' (isolated when right-to-left)."""
        return names.isolate(lower_first(self.t(dim.title)))

    def by(self, dim: ComputedDimension) -> str:
        """'By therapy type': the heading of a dimension."""
        return self._("By {dimension}").format(dimension=self.title(dim))

    def chapter(self, dim: ComputedDimension) -> str:
        """The title of a dimension's chapter: the data's ``chapter``, else 'By therapy type', or for
        the geography dimension 'Geographic analysis by country' (worded to read right by region,
        state or prefecture too)."""
        if dim.chapter:
            return self.t(dim.chapter)
        if dim.kind == "geography":
            return self._("Geographic analysis by {dimension}").format(dimension=self.title(dim))
        return self.by(dim)

    def prose(self, text: str) -> Flow:
        """A prose text of the data (CommonMark), translated, as paragraphs and lists (``prose.parse``)."""
        return prose.parse(self.t(text))

    def item(self, text: str, title: str | None = None, after: str = "") -> Item:
        """A list entry whose body is a prose text of the data, translated (``prose.item``)."""
        return prose.item(self.t(text), title, after)

    def cell(self, text: str) -> Inline:
        """A prose text of the data, translated, for a table cell (``prose.inline``)."""
        return prose.inline(self.t(text))

    def plain(self, text: str) -> str:
        """A prose text of the data, translated, as plain text for a generated sentence (``prose.plain``)."""
        return prose.plain(self.t(text))

    def basis(self, text: str, sourced: bool) -> Inline:
        """The source of a figure (a citation, as written) or why it is an estimate (prose), for a table cell."""
        if text == REMAINDER or sourced:
            return Inline.of(self.reason(text) if text == REMAINDER else self.t(text))
        return self.cell(text)

    def reason(self, text: str) -> str:
        """Why a figure is an estimate, for a sentence; the generated remainder note is a message, not data."""
        return self._("remainder: 100% less the other shares") if text == REMAINDER else self.plain(text)
