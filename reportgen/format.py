"""The one number formatter every writer and every generated sentence uses.

Formatting goes through Babel so that a figure reads the same in the PDF, on a slide and in a
sentence, and so that other locales (decimal comma, local currency placement) are a
constructor argument rather than a rewrite.
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass

from babel.dates import format_date
from babel.numbers import format_decimal

MONEY_DECIMALS = 2
SHARE_DECIMALS = 1
CAGR_DECIMALS = 2


@dataclass(frozen=True)
class Formatter:
    """Formats values of the model's column types for one report and locale."""

    currency: str  # prefix shown before amounts, e.g. "USD"
    unit_short: str  # e.g. "bn"
    unit_name: str  # e.g. "billion"
    locale: str = "en"

    def number(self, value: float, decimals: int = MONEY_DECIMALS) -> str:
        if value is None or (isinstance(value, float) and math.isnan(value)):
            return "n/a"
        pattern = "#,##0" + ("." + "0" * decimals if decimals else "")
        return format_decimal(value, format=pattern, locale=self.locale)

    def money(self, value: float, decimals: int = MONEY_DECIMALS) -> str:
        """An amount in the report's unit: 'USD 3.72 bn'."""
        return f"{self.currency} {self.number(value, decimals)} {self.unit_short}"

    def money_words(self, value: float, decimals: int = MONEY_DECIMALS) -> str:
        """An amount for prose: 'USD 3.72 billion'."""
        return f"{self.currency} {self.number(value, decimals)} {self.unit_name}"

    def percent(self, fraction: float, decimals: int = SHARE_DECIMALS) -> str:
        """A fraction as a percentage: 0.316 -> '31.6%'."""
        if fraction is None or math.isnan(fraction):
            return "n/a"
        return self.number(fraction * 100, decimals) + "%"

    def cagr(self, fraction: float) -> str:
        return self.percent(fraction, CAGR_DECIMALS)

    def count(self, value: float) -> str:
        return self.number(round(value), 0)

    def price(self, value: float) -> str:
        return f"{self.currency} {self.number(value, 0)}"

    def date(self, value: dt.date) -> str:
        return format_date(value, format="long", locale=self.locale)

    def month(self, value: str) -> str:
        """'2025-09' -> 'September 2025'; a bare year stays as it is."""
        if len(value) == 7:
            return format_date(dt.date(int(value[:4]), int(value[5:]), 1), format="MMMM y", locale=self.locale)
        return value

    def value(self, value: object, kind: str) -> str:
        """Format a table cell by its column type."""
        if value is None:
            return ""
        if kind == "money":
            return self.number(value)  # the unit sits in the column header
        if kind == "percent":
            return self.percent(value)
        if kind == "cagr":
            return self.cagr(value)
        if kind == "count":
            return self.count(value)
        if kind == "price":
            return self.number(value, 0)
        return str(value)

    @property
    def money_unit(self) -> str:
        """Label for a column or axis of amounts: 'USD bn'."""
        return f"{self.currency} {self.unit_short}"
