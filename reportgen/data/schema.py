"""Validation models for a report folder's files.

These classes are the single definition of the data format: the loader validates against
them, and the JSON Schema of each file (``reportgen.schemas``, ``docs/schemas/*.json``) is
generated from them, for editors to complete and check the files as they are written. Rates
and shares are written in percent (``58`` means 58 %), because that is how analysts read them
in the source reports.

Every text field is one of a few kinds (id, name, title, citation, prose) with a length limit
that every format holds comfortably, and characters that every format can show: control
characters are refused (prose may keep newlines and tabs), and names and titles, which sit on
one line everywhere, have their whitespace normalised. Prose (and every translation) is
CommonMark (``reportgen.markdown``): its links may only go to http, https or mailto addresses.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass
from typing import Annotated, Any, Literal, TypeVar

from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field, WithJsonSchema, create_model, model_validator

from reportgen.errors import shown
from reportgen.markdown import link_problems

ID_MAX, NAME_MAX, TITLE_MAX, CITATION_MAX, PROSE_MAX = 64, 200, 300, 2000, 5000
# Entries of a list (docs/data-format.md, Size limits): generous for real reports (latam-cgt's longest
# list has 12 entries), small enough that every table, slide and sheet a list becomes is built in
# bounded time and memory. A year may be anchored once, so a series has at most one anchor a year.
ITEMS_MAX, SOURCES_MAX, SEGMENTS_MAX, COMPARISONS_MAX, PERIODS_MAX = 100, 200, 200, 10, 10
STAGES_MAX = 20  # value-chain stages, and organisations of a stage: at most 400 organisations in all
ID_PATTERN = r"^[a-z0-9][a-z0-9-]*$"
MONTH_PATTERN = r"^(19|2[0-2])\d\d(-(0[1-9]|1[0-2]))?$"
EDITION_YEARS = (1900, 2200)
YEARS_MAX = 2200 - 1900 + 1
PLACEHOLDER = re.compile(r"\{\{.*?\}\}", re.DOTALL)


@dataclass(frozen=True)
class Why:
    """Why a bound exists, for the message when a value breaks it (the loader looks it up).

    ``low`` explains the lower bound, ``high`` the upper one; the bound itself stays in the
    ``Field`` so that the JSON Schema shows it.
    """

    low: str = ""
    high: str = ""


def _single_line(value: object) -> object:
    """Names and titles sit on one line in every format: any run of whitespace, including the
    trailing newline of a YAML ``|`` block, becomes one space, and the ends are trimmed."""
    return " ".join(value.split()) if isinstance(value, str) else value


def _prose(value: object) -> object:
    """Prose keeps its newlines and tabs; line ends are made ``\\n`` and the ends trimmed."""
    return value.replace("\r\n", "\n").replace("\r", "\n").strip() if isinstance(value, str) else value


def _showable(value: str) -> str:
    """Refuse characters no output format can hold, and template placeholders left in.

    Control characters (NUL, escape, ...) are invalid in the XML inside PDF, PowerPoint and
    Excel files; surrogates cannot be encoded; noncharacters are never text. Newlines and tabs
    only reach here in prose, where they are allowed.
    """
    for i, c in enumerate(value):
        code = ord(c)
        if c not in "\n\t" and (
            unicodedata.category(c) in ("Cc", "Cs") or 0xFDD0 <= code <= 0xFDEF or code & 0xFFFE == 0xFFFE
        ):
            raise ValueError(f"contains the control character U+{code:04X} at character {i + 1}; no format can show it, remove it")
    placeholder = PLACEHOLDER.search(value)
    if placeholder:
        raise ValueError(f"contains the placeholder {shown(placeholder.group())}: left in by mistake? write the text itself")
    return value


def _linked_safely(value: str) -> str:
    """Refuse a link in prose that goes anywhere but an http, https or mailto address, and any image."""
    problems = link_problems(value)
    if problems:
        raise ValueError("; ".join(problems))
    return value


def _text(max_length: int, normalise, *checks) -> object:
    return Annotated[str, BeforeValidator(normalise), Field(min_length=1, max_length=max_length), AfterValidator(_showable),
                     *map(AfterValidator, checks)]


T = TypeVar("T")
Items = Annotated[list[T], Field(max_length=ITEMS_MAX)]  # a list, of at most ITEMS_MAX entries

Id = Annotated[str, Field(min_length=1, max_length=ID_MAX, pattern=ID_PATTERN)]
Name = _text(NAME_MAX, _single_line)  # names of things: segments, people, companies, countries, units
Title = _text(TITLE_MAX, _single_line)  # titles and headings, market names, questions
Citation = _text(CITATION_MAX, _single_line)  # where a figure comes from; may hold a long URL
Prose = _text(PROSE_MAX, _prose, _linked_safely)  # paragraphs, reasons, descriptions, notes: CommonMark
Translation = _text(2 * PROSE_MAX, _prose, _linked_safely)  # either text of a translations entry: room for a longer language


def _edition(value: object) -> object:
    """``YYYY-MM-DD`` text to a date, refusing impossible dates with a message saying so.

    The loader leaves dates as text (YAML's own date parsing raises on 2023-02-30), so the
    rule and its wording live here.
    """
    if isinstance(value, dt.date):
        return value
    if not (isinstance(value, str) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", value)):
        raise ValueError(f"use YYYY-MM-DD, e.g. 2025-10-09 (got {shown(value)})")
    try:
        date = dt.date.fromisoformat(value)
    except ValueError as exc:
        raise ValueError(f"{value} is not a date ({exc}); use YYYY-MM-DD") from None
    if not EDITION_YEARS[0] <= date.year <= EDITION_YEARS[1]:
        raise ValueError(f"the edition year must lie within {EDITION_YEARS[0]}-{EDITION_YEARS[1]}, got {date.year}")
    return date


ZERO_SHARE = "a segment with 0% share has no revenue to grow; remove it or give it a share"
GEOMETRIC = "the model is geometric: a value of 0 has no growth rate and no CAGR"
Year = Annotated[int, Field(ge=1900, le=2200)]
Money = Annotated[float, Field(gt=0, allow_inf_nan=False), Why(low=GEOMETRIC)]
Growth = Annotated[
    float,
    Field(gt=-100, le=1000, allow_inf_nan=False),
    Why(low="a fall of 100% or more a year leaves nothing to grow from", high="more than 1000% a year is taken for a typing error"),
]
Share = Annotated[
    float,
    Field(gt=0, le=100, allow_inf_nan=False),
    Why(low=ZERO_SHARE),
]


class Strict(BaseModel):
    """Unknown keys are errors: a misspelt field must not be silently ignored."""

    model_config = ConfigDict(extra="forbid", frozen=True)


class Currency(Strict):
    code: Name = Field(description="ISO 4217 code, e.g. USD, EUR, BRL.")
    symbol: Name | None = Field(None, description="Prefix shown before amounts; defaults to the code.")


class Unit(Strict):
    name: Name = Field(description="Word used in prose, e.g. 'billion'.")
    short: Name = Field(description="Abbreviation used in tables and charts, e.g. 'bn'.")
    scale: Annotated[float, Field(ge=1, le=1e15, allow_inf_nan=False)] = Field(
        description="Multiplier to currency units, e.g. 1e9 for billion; 1 to 1e15."
    )


class Years(Strict):
    historical: tuple[Year, Year] = Field(description="First and last historical year.")
    base: Year = Field(description="Base year: the year segment shares refer to.")
    forecast: tuple[Year, Year] = Field(description="First and last forecast year.")

    @model_validator(mode="after")
    def _ordered(self) -> Years:
        """The first rule the years break, naming the years that break it."""
        h1, f0, f1 = self.historical[1], *self.forecast
        for name, (first, last) in (("historical", self.historical), ("forecast", self.forecast)):
            if first > last:
                raise ValueError(f"{name} runs from {first} back to {last}: write [{last}, {first}], the first year first")
        if h1 >= self.base:
            raise ValueError(f"the historical years end in {h1}, not before the base year {self.base}: they end the year before it")
        if f0 <= self.base:
            raise ValueError(f"the forecast starts in {f0}, not after the base year {self.base}: it starts the year after it")
        if h1 + 1 != self.base or self.base + 1 != f0:
            gaps = [f"{a + 1}-{b - 1}" if b - a > 2 else str(a + 1) for a, b in ((h1, self.base), (self.base, f0)) if b - a > 1]
            raise ValueError(f"years must be contiguous: historical ends {h1}, base {self.base}, forecast starts {f0}, so no "
                             f"period holds {' or '.join(gaps)}")
        if f0 == f1:
            raise ValueError(f"the forecast must span at least two years (the report states its CAGR from {f0} to its last year), "
                             f"got {f0}-{f1}")
        return self


class Anchor(Strict):
    """A published (or explicitly estimated) value for one year; kept exactly."""

    year: Year
    value: Money
    source: Citation | None = Field(None, description="Where the figure was published.")
    estimate: Prose | None = Field(None, description="Why the figure is an estimate, if it is one.")

    @model_validator(mode="after")
    def _provenance(self) -> Anchor:
        if bool(self.source) == bool(self.estimate):
            raise ValueError("give exactly one of 'source' (published figure) or 'estimate' (reason)")
        return self


class StatedCagr(Strict):
    """A CAGR as the source states it: checked against the values, never used to compute."""

    value: Growth
    start: Year = Field(alias="from")
    end: Year = Field(alias="to")
    source: Citation | None = None


class GrowthAssumption(Strict):
    """Year-on-year growth for years that no anchor covers."""

    start: Year = Field(alias="from")
    end: Year = Field(alias="to")
    growth: Growth = Field(description="Annual growth in percent between consecutive years in the span; above -100.")
    reason: Prose


class Series(Strict):
    """A yearly series defined by anchors plus assumptions for the years between none."""

    name: Title
    anchors: list[Anchor] = Field(min_length=1, max_length=YEARS_MAX)
    stated_cagr: StatedCagr | None = None
    assumptions: Annotated[list[GrowthAssumption], Field(max_length=YEARS_MAX)] = []


class Comparison(Series):
    """Another market shown beside the report's (e.g. the global market)."""

    id: Id


class Price(Strict):
    """Average revenue per single item of volume, in currency units (not in the report's unit)."""

    base: Annotated[float, Field(gt=0, allow_inf_nan=False), Why(low="a price of 0 makes every volume infinite")] = Field(
        description="Average price of one item in the base year, in currency units."
    )
    change: Growth = Field(0, description="Annual change of the price in percent; above -100.")
    reason: Prose


class Volume(Strict):
    """The second measure, derived from revenue and an average price.

    Volumes are counted in ``unit``: with ``unit: thousand implants`` and ``unit_scale: 1000`` a
    volume of 1.5 means 1,500 implants. The price stays the price of one item.
    """

    name: Name = Field(description="What is counted, e.g. 'Patients treated'.")
    unit: Name = Field(
        description="Unit volumes are counted in, plural, as it reads after a number: 'patients', or 'thousand implants' "
        "with unit_scale 1000."
    )
    unit_short: Name | None = Field(None, description="Unit in tables and charts, e.g. 'k implants'; defaults to unit.")
    item: Name | None = Field(
        None, description="The word for one item, singular, e.g. 'implant': the price is per item. Defaults to unit without "
        "a final 's' when unit_scale is 1; needed otherwise."
    )
    unit_scale: Annotated[float, Field(ge=1, le=1e12, allow_inf_nan=False)] = Field(
        1, description="Items in one unit: 1 (the default) counts single items, 1000 counts thousands."
    )
    price: Price


def _percent(value: object) -> object:
    """``1%`` or ``0.5 %`` (text) -> 1.0 or 0.5; numbers pass as they are (percent, like every rate)."""
    if isinstance(value, str) and value.strip().endswith("%"):
        number = value.strip()[:-1].strip()
        try:
            return float(number)
        except ValueError:
            raise ValueError(f"expected a percentage such as 1 or 1%, got {shown(value)}") from None
    return value


Threshold = Annotated[
    float,
    BeforeValidator(_percent),
    Field(ge=0, lt=100, allow_inf_nan=False),
    WithJsonSchema({"anyOf": [{"type": "number", "minimum": 0, "exclusiveMaximum": 100},
                              {"type": "string", "pattern": r"^\s*\d+(\.\d+)?\s*%\s*$"}]}),
]


class Previous(Strict):
    """The edition this one replaces: the deliverables get a section on what changed since."""

    edition: Citation = Field(
        description="A report folder (relative to this report's folder, or absolute; a bare name is a report beside "
        "this one) or REPORT@REV: that folder as committed at a git revision, e.g. latam-cgt@v2025.1 or .@HEAD~1."
    )
    threshold: Threshold = Field(
        1.0, description="Result moves smaller than this, in percent of the old value, are not listed (1 or '1%'); "
        "changed inputs and new leaders always are."
    )


def _previous(value: object) -> object:
    """``previous: <edition>`` is short for ``previous: {edition: <edition>}``."""
    return {"edition": value} if isinstance(value, str) else value


PreviousRef = Annotated[
    Previous,
    BeforeValidator(_previous),
    WithJsonSchema({"anyOf": [{"type": "string", "minLength": 1, "maxLength": CITATION_MAX}, Previous.model_json_schema()]}),
]


TABLE_FILE_PATTERN = r"^[^/\\].*\.([cC][sS][vV]|[xX][lL][sS][xX])$"  # relative; the loader reads only files inside the folder
Sheet = Annotated[str, BeforeValidator(_single_line), Field(min_length=1, max_length=31), AfterValidator(_showable)]


TablePath = Annotated[str, Field(min_length=1, max_length=CITATION_MAX, pattern=TABLE_FILE_PATTERN)]


def sheet_of_xlsx(file: str | None, sheet: str | None) -> None:
    """A sheet is named only for an XLSX file."""
    if sheet is not None and not (file or "").lower().endswith(".xlsx"):
        raise ValueError("'sheet' is for .xlsx files; a CSV file has no sheets")


class TableFile(Strict):
    """A table in a CSV or XLSX file of the report folder; its header is row 1."""

    file: TablePath = Field(
        description="Path of a .csv or .xlsx file, relative to the report folder, e.g. tables/approvals.csv; only files "
        "inside the folder are read."
    )
    sheet: Sheet | None = Field(None, description="The sheet of an .xlsx file; may be left out when the workbook has one sheet.")

    @model_validator(mode="after")
    def _sheet_of_xlsx(self) -> TableFile:
        sheet_of_xlsx(self.file, self.sheet)
        return self


SEGMENT_FIELDS = ("name", "parent", "share", "growth", "price_index", "source", "estimate", "description")


class SegmentTable(TableFile):
    """A dimension's segments from a spreadsheet: one row per segment, a column per field."""

    columns: dict[Literal[SEGMENT_FIELDS], Name] = Field(  # type: ignore[valid-type]
        {}, description="The header of the column holding each field, where it is not the field's own name, e.g. "
        "{name: Segment, share: 'Share 2024'}. Columns not named here nor after a field are not read."
    )


class Person(Strict):
    name: Name
    role: Name | None = None


class ReportFile(Strict):
    """``report.yaml``: metadata, the market total and how volume is derived."""

    id: Id
    title: Title
    subtitle: Title | None = None
    region: Name
    market: Series
    currency: Currency
    unit: Unit
    years: Years
    edition: Annotated[dt.date, BeforeValidator(_edition)] = Field(
        description="Edition (last updated) date, YYYY-MM-DD; also fixes output timestamps."
    )
    language: Literal["en"] = Field("en", description="Language the data's texts are written in.")
    languages: list[Literal["es", "pt-BR"]] = Field(
        [], max_length=2, description="Other languages the report is offered in; check warns about untranslated data texts."
    )
    publisher: Name
    category: Name | None = None
    code: Name | None = None
    team: Items[Person] = []
    sources: Annotated[list[Citation], Field(max_length=SOURCES_MAX)] = []
    key_players: Items[Name] = []
    keywords: Items[Name] = []
    cagr_periods: list[tuple[Year, Year]] = Field(
        [], max_length=PERIODS_MAX, description="Extra CAGR periods to show; base-to-end and first-forecast-to-end are always shown."
    )
    volume: Volume | None = None
    comparisons: Annotated[list[Comparison], Field(max_length=COMPARISONS_MAX)] = []
    previous: PreviousRef | None = Field(
        None, description="The previous edition, to state what changed since: a folder or REPORT@REV (see Previous), "
        "or {edition: ..., threshold: ...}."
    )
    outline: list[Id] | None = Field(
        None, description="The sections of the deliverables, in order, by id: built-in ones (takeaways, summary, ...; "
        "'dimensions' for every dimension chapter, or dim-<id> for one) and those of sections/*.yaml. Built-in sections "
        "not listed are left out. `reportgen show REPORT --outline` lists the ids.", min_length=1
    )


class Segment(Strict):
    name: Name
    parent: Name | None = Field(None, description="Name of the parent segment for a sub-segment.")
    share: Share | None = Field(
        None, description="Base-year share of the parent in percent, above 0; at most one blank per parent (the remainder)."
    )
    growth: Growth = Field(description="Assumed own annual growth in percent, before normalisation; above -100.")
    price_index: Annotated[float, Field(ge=0.001, le=1000, allow_inf_nan=False)] = Field(
        1.0, description="Average price relative to the market's (volume split), 0.001 to 1000."
    )
    source: Citation | None = Field(None, description="Citation if the share is published.")
    estimate: Prose | None = Field(None, description="Why the share is an estimate (defaults to the dimension's).")
    description: Prose | None = None


class Claims(Strict):
    """What the source says about a dimension; checked against the computed table."""

    leader: Name | None = None
    fastest: Name | None = None


class DimensionFile(Strict):
    """``dimensions/*.yaml``: one way of splitting the market."""

    id: Id
    title: Title = Field(description="Dimension name as in 'By <title>'.")
    chapter: Title | None = Field(
        None, description="Title of the dimension's chapter, e.g. 'Prefectures and regions'. Default: 'By <title>'; for a "
        "geography dimension, 'Geographic analysis by <title>'.",
    )
    kind: Literal["segment", "geography"] = "segment"
    member: Name | None = Field(
        None,
        description="What one segment of this dimension is, singular and lower case, as sentences name it: 'country', "
        "'end user' ('Fastest-growing end user: Hospitals'). Default: 'segment'; for a geography dimension, its title.",
    )
    order: int = 0
    note: Prose | None = None
    estimate: Prose | None = Field(None, description="Reason for shares without a source.")
    growth_basis: Prose = Field(description="Why the growth assumptions are what they are.")
    claims: Claims = Claims()
    # Or a table of them in a CSV or XLSX file ({file: tables/x.xlsx, sheet: Segments}: a SegmentTable), which the
    # loader reads into this list before validating the file, so every later stage sees a list (``dimension_file``,
    # its JSON Schema's shape, says both).
    segments: list[Segment] = Field(min_length=1, max_length=SEGMENTS_MAX)


class Initiative(Strict):
    country: Name
    when: Name
    title: Title
    detail: Prose


class Vendor(Strict):
    name: Name
    country: Name | None = None
    focus: Prose
    offerings: Prose
    note: Prose | None = None


class Development(Strict):
    date: Annotated[str, Field(pattern=MONTH_PATTERN)] = Field(description="YYYY or YYYY-MM, month 01-12.")
    company: Name
    text: Prose


class Organisation(Strict):
    country: Name
    names: Prose
    role: Prose


class ValueChainStage(Strict):
    stage: Name
    activities: Prose
    organisations: Annotated[list[Organisation], Field(max_length=STAGES_MAX)] = []


class Named(Strict):
    name: Name
    country: Name | None = None
    text: Prose | None = None


class Theme(Strict):
    title: Title
    text: Prose


class Block(Strict):
    title: Title
    paragraphs: list[Prose] = Field(min_length=1, max_length=ITEMS_MAX)


class Faq(Strict):
    question: Title
    answer: Prose


class ContentFile(Strict):
    """``content.yaml``: qualitative content, in the project's own words."""

    definition: Block | None = None
    outlook: Items[Theme] = []
    technology: Block | None = None
    regional: Items[Theme] = []
    initiatives: Items[Initiative] = []
    value_chain: Annotated[list[ValueChainStage], Field(max_length=STAGES_MAX)] = []
    vendors: Items[Vendor] = []
    investors: Items[Named] = []
    startups: Items[Named] = []
    developments: Items[Development] = []
    faq: Items[Faq] = []


def translations_file() -> Any:
    """The shape of ``translations/<lang>.yaml``, for its JSON Schema: a list of entries, each an
    English data text (``en``), its translation in the file's language (empty: not translated
    yet) and optionally the article it takes. The loader (``load.read_translations``) checks
    that the language key is the file's own, which a schema cannot say.
    """
    from reportgen.i18n import ARTICLES, LANGUAGES

    pending = Translation | Literal[""] | None
    translations = {lang.replace("-", "_"): (pending, Field(None, alias=lang, description="The translation; empty: not yet."))
                    for lang in LANGUAGES if lang != "en"}
    article = Literal[tuple(sorted({a for options in ARTICLES.values() for a in options}))]
    entry = create_model("TranslationEntry", __base__=Strict, __doc__="One data text and its translation.",
                         en=(Translation, Field(description="The English text exactly as the data files write it.")),
                         article=(article | None, Field(None, description="The article the translation takes.")),
                         **translations)
    return list[entry]


class _ListOrTable:
    """A list-or-table field's JSON Schema as ``if`` an array ``then`` the list ``else`` the table, not
    ``anyOf`` the two: an editor then underlines the very field of a list entry that is wrong, where
    ``anyOf`` would only say that the whole list is neither."""

    def __get_pydantic_json_schema__(self, core_schema: Any, handler: Any) -> dict:
        listed, table = handler(core_schema)["anyOf"]
        return {"if": {"type": "array"}, "then": listed, "else": table}


def dimension_file() -> Any:
    """The shape of ``dimensions/*.yaml`` for its JSON Schema: ``DimensionFile``, whose ``segments``
    may also be a ``SegmentTable`` (the loader reads the table into the list before validating)."""
    segments = Annotated[Annotated[list[Segment], Field(min_length=1, max_length=SEGMENTS_MAX)] | SegmentTable, _ListOrTable()]
    return create_model("DimensionFile", __base__=DimensionFile, __doc__=DimensionFile.__doc__, segments=(segments, Field(
        description="The segments, or a table of them in a CSV or XLSX file: {file: tables/x.xlsx, sheet: Segments}.")))
