"""The format-neutral report model: what a report says, not how it looks.

Like Pandoc's AST, it is a tree of plain, immutable objects: a ``Report`` holds ``Section``s,
each a list of blocks (paragraphs, lists, key figures, tables, charts, Q&A). Tables and charts
carry raw numbers with a value type, never formatted strings, so the PDF can format them as
text, the workbook can keep them numeric and the deck can feed them to native charts. The
live workbook also needs the inputs behind the numbers and the value of each of its formulas:
``Report.workbook`` (built by ``model/workbook.py``). Writers read nothing but this model.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Literal

from reportgen.format import Formatter, ValueType, is_numeric
from reportgen.i18n import Language
from reportgen.model.brand import Brand

ChartKind = Literal["column", "stacked_column", "line", "doughnut", "bar"]
RowKind = Literal["data", "total", "parent"]


LINE_BREAK = "\n"  # a hard line break, the one character of a span's text that is not shown as it is


@dataclass(frozen=True)
class Span:
    """Text in one style. ``link`` is an http, https or mailto address (the data layer refuses any
    other). Its text holds no newline but a hard line break (``LINE_BREAK``), which writers draw
    as their format's own line break."""

    text: str
    bold: bool = False
    italic: bool = False
    code: bool = False
    link: str | None = None


@dataclass(frozen=True)
class Inline:
    """A line of running text: spans in reading order (Pandoc's inlines, reduced to what every
    format draws natively). Prose from the data comes parsed (``model/prose.py``); a generated
    sentence or a name is one plain span (``Inline.of``), never parsed, whatever it holds."""

    spans: tuple[Span, ...] = ()

    @classmethod
    def of(cls, text: str) -> Inline:
        """Plain text as it is: one unstyled span (none for no text)."""
        return cls((Span(text),) if text else ())

    @property
    def plain(self) -> str:
        """The text without its styles (hard breaks kept as ``LINE_BREAK``): for measuring and comparing."""
        return "".join(s.text for s in self.spans)

    def __bool__(self) -> bool:
        return bool(self.spans)


def _inline(value: Inline | str) -> Inline:
    return Inline.of(value) if isinstance(value, str) else value


@dataclass(frozen=True)
class Paragraph:
    """A paragraph of running text; given a str, that text as it is (a generated sentence)."""

    text: Inline

    def __post_init__(self) -> None:
        object.__setattr__(self, "text", _inline(self.text))


@dataclass(frozen=True)
class Item:
    """A list entry with an optional lead-in (rendered bold): 'Demand: ...'. ``text`` is its first
    paragraph (given a str, that text as it is); ``blocks`` what the entry holds after it: more
    paragraphs, a list within the list."""

    text: Inline
    title: str | None = None
    blocks: tuple[Paragraph | ItemList, ...] = ()

    def __post_init__(self) -> None:
        object.__setattr__(self, "text", _inline(self.text))


@dataclass(frozen=True)
class ItemList:
    """A bullet list, or a numbered one counting from ``start``."""

    items: tuple[Item, ...]
    numbered: bool = False
    start: int = 1


Flow = tuple[Paragraph | ItemList, ...]  # prose as blocks: paragraphs and lists, in reading order


@dataclass(frozen=True)
class KeyFigure:
    label: str
    value: float
    type: ValueType
    note: str = ""  # e.g. "2024-2034" or "estimate"


@dataclass(frozen=True)
class KeyFigures:
    items: tuple[KeyFigure, ...]


@dataclass(frozen=True)
class Column:
    key: str
    label: str
    type: ValueType
    unit: str = ""  # e.g. "USD bn" for money columns; shown in headers and axis titles
    decimals: int | None = None  # places of a "number" column (the other types' are the house style's)

    @property
    def is_year(self) -> bool:
        """One column per year of a yearly table (its key is the year), as against a 'Year' label column."""
        return self.key.isdigit()

    @property
    def is_numeric(self) -> bool:
        return is_numeric(self.type)


@dataclass(frozen=True)
class Row:
    cells: tuple[object, ...]  # raw values matching the table's columns
    kind: RowKind = "data"
    level: int = 0  # indentation: 1 for a sub-segment under its parent


@dataclass(frozen=True)
class Table:
    id: str
    title: str
    columns: tuple[Column, ...]
    rows: tuple[Row, ...]
    source: str = ""
    note: str = ""

    @property
    def year_columns(self) -> int:
        return sum(1 for c in self.columns if c.is_year)


@dataclass(frozen=True)
class ChartSeries:
    name: str
    values: tuple[float, ...]


@dataclass(frozen=True)
class Chart:
    """A chart's data and meaning; each writer draws it in its own medium."""

    id: str
    title: str
    kind: ChartKind
    categories: tuple[str, ...]
    series: tuple[ChartSeries, ...]
    value_type: ValueType
    axis_label: str
    source: str
    alt_text: str
    forecast_from: int | None = None  # index of the first forecast category, to style history apart
    decimals: int | None = None  # places of a "number" chart's values
    # A chart of a table's own columns: the table's id and the keys of its category column and of each
    # series' column, so that a workbook can chart the table's cells rather than copies of them.
    table: str = ""
    columns: tuple[str, ...] = ()

    def is_history(self, index: int) -> bool:
        """Whether the category at ``index`` comes before the first forecast one (drawn paler)."""
        return self.forecast_from is not None and index < self.forecast_from

    @property
    def splits_at_forecast(self) -> bool:
        """Whether its categories run from history into forecast, so that a writer shades or keys the two apart."""
        return self.forecast_from is not None and 0 < self.forecast_from < len(self.categories)


@dataclass(frozen=True)
class QA:
    """A question (plain text) and its answer; given a str, the answer is that one paragraph as it is."""

    question: str
    answer: Flow

    def __post_init__(self) -> None:
        if isinstance(self.answer, str):
            object.__setattr__(self, "answer", (Paragraph(self.answer),))


@dataclass(frozen=True)
class Faq:
    items: tuple[QA, ...]


Block = Paragraph | ItemList | KeyFigures | Table | Chart | Faq


class SectionKind(StrEnum):
    """What a section is, for the writers that lay some kinds out apart (the values are CSS classes)."""

    TAKEAWAYS = "takeaways"
    SUMMARY = "summary"
    CHANGES = "changes"  # since the previous edition: the workbook gives its tables a sheet
    OVERVIEW = "overview"
    OUTLOOK = "outlook"
    TEXT = "text"
    INITIATIVES = "initiatives"
    DIMENSION = "dimension"
    SUBSEGMENT = "subsegment"
    COMPARISON = "comparison"
    VALUE_CHAIN = "value-chain"
    STAGE = "stage"  # one step of the value chain
    VENDORS = "vendors"
    COMPANIES = "companies"
    LIST = "list"  # a plain list under another section (investors, start-ups)
    DEVELOPMENTS = "developments"
    SEGMENTS = "segments"
    METHODOLOGY = "methodology"
    FAQ = "faq"
    APPENDIX = "appendix"
    CUSTOM = "custom"  # a section of the report's own (sections/*.yaml): prose, tables and charts


@dataclass(frozen=True)
class Section:
    """A titled part of the report. ``headline`` is its one-sentence message (slide action
    title); ``notes`` are the sources and estimates behind it (speaker notes, methodology)."""

    id: str
    title: str
    kind: SectionKind
    blocks: tuple[Block, ...] = ()
    subsections: tuple[Section, ...] = ()
    headline: str = ""
    notes: tuple[str, ...] = ()

    def walk(self):
        """This section and every subsection, depth first."""
        yield self
        for sub in self.subsections:
            yield from sub.walk()

    def find(self, block_type: type) -> list:
        return [b for b in self.blocks if isinstance(b, block_type)]


@dataclass(frozen=True)
class Meta:
    id: str
    title: str
    subtitle: str
    region: str
    period: str  # "2021-2034"
    edition: dt.date
    publisher: str
    authors: tuple[str, ...]
    keywords: tuple[str, ...]
    language: str
    subject: str
    sources: tuple[str, ...]
    currency: str  # ISO code of the figures' currency: "USD"


# What the live workbook holds besides the sections (``Report.workbook``): its inputs, where each
# comes from, and the value of each of its formulas for readers that do not recalculate.
Period = tuple[int, int]


@dataclass(frozen=True)
class Provenance:
    """Where an input comes from, for the row beside it."""

    sourced: bool  # published, or our estimate
    basis: Inline  # the citation or the reason
    where: str  # 'file: field' relative to the report folder: 'report.yaml: market.anchors[0]'


@dataclass(frozen=True)
class Anchor:
    year: int
    value: float  # in the report's money unit
    provenance: Provenance


@dataclass(frozen=True)
class Assumption:
    start: int
    end: int
    growth: float  # a year, fraction
    provenance: Provenance

    @property
    def span(self) -> str:
        """'2027-2030', or '2027' for a single year."""
        return f"{self.start}-{self.end}" if self.end > self.start else str(self.start)


@dataclass(frozen=True)
class YearlyValues:
    """A row of yearly values and what the workbook shows beside it."""

    values: Mapping[int, float]
    cagr: Mapping[Period, float]  # per period of ``Workbook.periods``
    growth: Mapping[int, float] = field(default_factory=dict)  # year-on-year, every year but the first
    shares: Mapping[int, float] = field(default_factory=dict)  # of the parent, in ``Workbook.share_years``


@dataclass(frozen=True)
class InputSeries:
    """A market series: its inputs and the values they give."""

    key: str  # names its input cells: 'Market', or the comparison's id
    name: str  # as a heading: 'Latin America cell and gene therapy market'
    anchors: tuple[Anchor, ...]
    assumptions: tuple[Assumption, ...]
    values: YearlyValues


@dataclass(frozen=True)
class Comparison:
    """A wider market, and the report's market as a share of it every year."""

    series: InputSeries
    share: Mapping[int, float]


@dataclass(frozen=True)
class Price:
    """The average price per unit of volume, which turns revenue into volume."""

    measure: str  # the volume's name: 'Patients treated'
    unit: str  # its unit, plural: 'patients', 'thousand implants'
    item: str  # one item, singular, what the price is per: 'patient', 'implant'
    items_per_unit: float  # items in one volume unit (1000 for 'thousand implants')
    scale: float  # currency units in one money unit (1e9 for 'bn')
    base: float  # per unit, in the base year
    change: float  # a year, fraction
    base_provenance: Provenance
    change_provenance: Provenance
    price: YearlyValues
    volume: YearlyValues
    chart: str  # the volume chart's text alternative


@dataclass(frozen=True)
class Segment:
    """A segment's inputs."""

    key: str  # its name in the data, unique within its dimension
    name: str
    depth: int  # 0 for a top-level segment
    share: float  # of its parent in the base year, fraction
    remainder: bool  # blank in the data: 100% less its siblings' shares
    growth: float  # own growth a year, fraction
    price_index: float
    provenance: Provenance  # of the share
    description: Inline  # what it covers (empty when the data does not say)


@dataclass(frozen=True)
class GroupValues:
    """One measure of a group of siblings: a row per segment, their total and its check."""

    rows: tuple[YearlyValues, ...]  # in the order of ``SiblingGroup.segments``
    total: YearlyValues
    check: Mapping[int, float]  # the total less the parent: zero (to rounding) while siblings add up


@dataclass(frozen=True)
class SiblingGroup:
    parent: Segment | None  # None: the market
    segments: tuple[Segment, ...]
    revenue: GroupValues
    volume: GroupValues | None
    chart: str  # the text alternative of the chart of their revenue stacked per year


@dataclass(frozen=True)
class Dimension:
    id: str
    title: str
    note: Inline
    growth_basis: str  # why the own growth rates are what they are, as plain text (the workbook quotes it in a sentence)
    groups: tuple[SiblingGroup, ...]  # parents before their children, so each normalises over rows above it


@dataclass(frozen=True)
class Workbook:
    years: range
    base_year: int
    periods: tuple[Period, ...]  # every CAGR period
    share_years: Period  # the years segment shares are shown for: the base and the last
    market: InputSeries
    price: Price | None  # None: the report has no volume
    comparisons: tuple[Comparison, ...]
    dimensions: tuple[Dimension, ...]
    companies: Table | None  # key players, investors and start-ups, one field a column
    developments: Table | None
    # Text alternatives of the market's yearly chart and of the comparison's ("" without comparisons)
    market_chart: str = ""
    comparison_chart: str = ""


@dataclass(frozen=True)
class Report:
    meta: Meta
    brand: Brand  # how it looks: colours, typefaces, logos, the Office face, the client (model/brand.py)
    sections: tuple[Section, ...]
    fmt: Formatter
    workbook: Workbook = field(repr=False)  # the inputs and cached values of the live workbook
    lang: Language = field(default_factory=lambda: Language("en"), repr=False)

    def gettext(self, message: str) -> str:
        """A writer's fixed string (heading, label) in the report's language."""
        return self.lang.gettext(message)

    def ngettext(self, singular: str, plural: str, n: int) -> str:
        """A writer's fixed string that depends on a count, in the report's language."""
        return self.lang.ngettext(singular, plural, n)

    def section(self, section_id: str) -> Section:
        for top in self.sections:
            for s in top.walk():
                if s.id == section_id:
                    return s
        raise KeyError(section_id)

    def charts(self) -> list[Chart]:
        return [b for top in self.sections for s in top.walk() for b in s.blocks if isinstance(b, Chart)]
