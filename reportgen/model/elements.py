"""The format-neutral report model: what a report says, not how it looks.

Like Pandoc's AST, it is a tree of plain, immutable objects: a ``Report`` holds ``Section``s,
each a list of blocks (paragraphs, lists, key figures, tables, charts, Q&A). Tables and charts
carry raw numbers with a value type, never formatted strings, so the PDF can format them as
text, the workbook can keep them numeric and the deck can feed them to native charts. The
live workbook also needs the inputs behind the numbers and the value of each of its formulas:
``Report.workbook`` (``model/workbook.py``). Writers read nothing but this model.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from reportgen.format import Formatter, ValueType, is_numeric
from reportgen.i18n import Language
from reportgen.style import ACCENT, PALETTE

if TYPE_CHECKING:
    from reportgen.model.workbook import Workbook

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
class Branding:
    """What a client variant changes: the 'prepared for' line, logo and colours.

    Colours a client does not set (an empty palette or accent) are the house style's, so every
    writer reads its colours here and none has a fallback of its own.
    """

    client: str | None = None
    logo: Path | None = None
    palette: tuple[str, ...] = PALETTE  # hex colours, series order
    accent: str = ACCENT  # headings and rules

    def __post_init__(self) -> None:
        if not self.palette:
            object.__setattr__(self, "palette", PALETTE)
        if not self.accent:
            object.__setattr__(self, "accent", ACCENT)


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


@dataclass(frozen=True)
class Report:
    meta: Meta
    branding: Branding
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
