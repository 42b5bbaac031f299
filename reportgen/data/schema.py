"""Validation models for a report folder's files.

These classes are the single definition of the data format: the loader validates against
them, ``docs/data-format.schema.json`` is generated from them, and editors can use that
schema for completion. Rates and shares are written in percent (``58`` means 58 %),
because that is how analysts read them in the source reports.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

Year = Annotated[int, Field(ge=1900, le=2200)]
NonNegative = Annotated[float, Field(ge=0, allow_inf_nan=False)]
Positive = Annotated[float, Field(gt=0, allow_inf_nan=False)]
Percent = Annotated[float, Field(ge=-100, le=1000, allow_inf_nan=False)]
Text = Annotated[str, Field(min_length=1)]


class Strict(BaseModel):
    """Unknown keys are errors: a misspelt field must not be silently ignored."""

    model_config = ConfigDict(extra="forbid", frozen=True)


class Currency(Strict):
    code: Text = Field(description="ISO 4217 code, e.g. USD, EUR, BRL.")
    symbol: str | None = Field(None, description="Prefix shown before amounts; defaults to the code.")


class Unit(Strict):
    name: Text = Field(description="Word used in prose, e.g. 'billion'.")
    short: Text = Field(description="Abbreviation used in tables and charts, e.g. 'bn'.")
    scale: Positive = Field(description="Multiplier to currency units, e.g. 1e9 for billion.")


class Years(Strict):
    historical: tuple[Year, Year] = Field(description="First and last historical year.")
    base: Year = Field(description="Base year: the year segment shares refer to.")
    forecast: tuple[Year, Year] = Field(description="First and last forecast year.")

    @model_validator(mode="after")
    def _ordered(self) -> Years:
        h0, h1 = self.historical
        f0, f1 = self.forecast
        if not (h0 <= h1 < self.base < f0 <= f1):
            raise ValueError(
                f"years must run historical <= base < forecast, got historical {h0}-{h1}, base {self.base}, forecast {f0}-{f1}"
            )
        if h1 + 1 != self.base or self.base + 1 != f0:
            raise ValueError(f"years must be contiguous: historical ends {h1}, base {self.base}, forecast starts {f0}")
        return self


class Anchor(Strict):
    """A published (or explicitly estimated) value for one year; kept exactly."""

    year: Year
    value: NonNegative
    source: str | None = Field(None, description="Where the figure was published.")
    estimate: str | None = Field(None, description="Why the figure is an estimate, if it is one.")

    @model_validator(mode="after")
    def _provenance(self) -> Anchor:
        if bool(self.source) == bool(self.estimate):
            raise ValueError("give exactly one of 'source' (published figure) or 'estimate' (reason)")
        return self


class StatedCagr(Strict):
    """A CAGR as the source states it: checked against the values, never used to compute."""

    value: Percent
    start: Year = Field(alias="from")
    end: Year = Field(alias="to")
    source: str | None = None


class GrowthAssumption(Strict):
    """Year-on-year growth for years that no anchor covers."""

    start: Year = Field(alias="from")
    end: Year = Field(alias="to")
    growth: Percent = Field(description="Annual growth in percent between consecutive years in the span.")
    reason: Text


class Series(Strict):
    """A yearly series defined by anchors plus assumptions for the years between none."""

    name: Text
    anchors: list[Anchor] = Field(min_length=1)
    stated_cagr: StatedCagr | None = None
    assumptions: list[GrowthAssumption] = []


class Comparison(Series):
    """Another market shown beside the report's (e.g. the global market)."""

    id: Text


class Price(Strict):
    """Average revenue per unit of volume, in currency units (not in the report's unit)."""

    base: Positive = Field(description="Average price in the base year, in currency units.")
    change: Percent = Field(0, description="Annual change of the price in percent.")
    reason: Text


class Volume(Strict):
    """The second measure, derived from revenue and an average price."""

    name: Text = Field(description="What is counted, e.g. 'Patients treated'.")
    unit: Text = Field(description="Unit of the count, e.g. 'patients'.")
    price: Price


class Person(Strict):
    name: Text
    role: str | None = None


class ReportFile(Strict):
    """``report.yaml``: metadata, the market total and how volume is derived."""

    id: Annotated[str, Field(pattern=r"^[a-z0-9][a-z0-9-]*$")]
    title: Text
    subtitle: str | None = None
    region: Text
    market: Series
    currency: Currency
    unit: Unit
    years: Years
    edition: dt.date = Field(description="Edition (last updated) date; also fixes output timestamps.")
    language: Literal["en"] = Field("en", description="Language the data's texts are written in.")
    languages: list[Literal["es", "pt-BR"]] = Field(
        [], description="Other languages the report is offered in; check warns about untranslated data texts."
    )
    publisher: Text
    category: str | None = None
    code: str | None = None
    team: list[Person] = []
    sources: list[Text] = []
    key_players: list[Text] = []
    keywords: list[Text] = []
    cagr_periods: list[tuple[Year, Year]] = Field(
        [], description="Extra CAGR periods to show; base-to-end and first-forecast-to-end are always shown."
    )
    volume: Volume | None = None
    comparisons: list[Comparison] = []


class Segment(Strict):
    name: Text
    parent: str | None = Field(None, description="Name of the parent segment for a sub-segment.")
    share: Annotated[float, Field(ge=0, le=100, allow_inf_nan=False)] | None = Field(
        None, description="Base-year share of the parent in percent; at most one blank per parent (the remainder)."
    )
    growth: Percent = Field(description="Assumed own annual growth in percent, before normalisation.")
    price_index: Positive = Field(1.0, description="Average price relative to the market's (volume split).")
    source: str | None = Field(None, description="Citation if the share is published.")
    estimate: str | None = Field(None, description="Why the share is an estimate (defaults to the dimension's).")
    description: str | None = None


class Claims(Strict):
    """What the source says about a dimension; checked against the computed table."""

    leader: str | None = None
    fastest: str | None = None


class DimensionFile(Strict):
    """``dimensions/*.yaml``: one way of splitting the market."""

    id: Annotated[str, Field(pattern=r"^[a-z0-9][a-z0-9-]*$")]
    title: Text = Field(description="Dimension name as in 'By <title>'.")
    kind: Literal["segment", "geography"] = "segment"
    order: int = 0
    note: str | None = None
    estimate: str | None = Field(None, description="Reason for shares without a source.")
    growth_basis: Text = Field(description="Why the growth assumptions are what they are.")
    claims: Claims = Claims()
    segments: list[Segment] = Field(min_length=1)


class Initiative(Strict):
    country: Text
    when: Text
    title: Text
    detail: Text


class Vendor(Strict):
    name: Text
    country: str | None = None
    focus: Text
    offerings: Text
    note: str | None = None


class Development(Strict):
    date: Annotated[str, Field(pattern=r"^\d{4}(-\d{2})?$")] = Field(description="YYYY or YYYY-MM.")
    company: Text
    text: Text


class Organisation(Strict):
    country: Text
    names: Text
    role: Text


class ValueChainStage(Strict):
    stage: Text
    activities: Text
    organisations: list[Organisation] = []


class Named(Strict):
    name: Text
    country: str | None = None
    text: str | None = None


class Theme(Strict):
    title: Text
    text: Text


class Block(Strict):
    title: Text
    paragraphs: list[Text] = Field(min_length=1)


class Faq(Strict):
    question: Text
    answer: Text


class ContentFile(Strict):
    """``content.yaml``: qualitative content, in the project's own words."""

    definition: Block | None = None
    outlook: list[Theme] = []
    technology: Block | None = None
    regional: list[Theme] = []
    initiatives: list[Initiative] = []
    value_chain: list[ValueChainStage] = []
    vendors: list[Vendor] = []
    investors: list[Named] = []
    startups: list[Named] = []
    developments: list[Development] = []
    faq: list[Faq] = []


def json_schema() -> dict:
    """JSON Schema of every file of a report folder, generated from the models above."""
    files = {"report.yaml": ReportFile, "dimensions/*.yaml": DimensionFile, "content.yaml": ContentFile}
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "reportgen report folder",
        "description": "One schema per file of a report folder; see docs/data-format.md.",
        "files": {name: model.model_json_schema(by_alias=True) for name, model in files.items()},
    }
