"""The one number formatter every writer and every generated sentence uses.

Formatting goes through Babel so that a figure reads the same in the PDF, on a slide and in a
sentence, and so that other locales (decimal comma, local currency placement) are a
constructor argument rather than a rewrite.
"""

from __future__ import annotations

import datetime as dt
import decimal
import math
from dataclasses import dataclass
from typing import Literal

from babel import Locale
from babel.dates import format_date, format_skeleton
from babel.numbers import format_decimal, format_percent

MONEY_DECIMALS = 2
SHARE_DECIMALS = 1
CAGR_DECIMALS = 2
INDEX_DECIMALS = 2  # an index (base year = 100) reads like the workbook's price index
NBSP = "\u00a0"  # between a currency symbol and its amount: '¥ 199.32' never breaks after the '¥'
# Babel rounds in the current decimal context, whose 28 digits fail for numbers from about 1e26
# (InvalidOperation). A finite float has at most 309 integer digits, percent adds two: with
# this precision every finite number formats, whatever growth the data implies.
DIGITS = 320

# The value types of the model's table columns, key figures and charts: what a number is, so that
# each format can show it (a percentage, an amount in the report's unit) without guessing.
ValueType = Literal["text", "year", "date", "number", "money", "percent", "cagr", "count", "price", "index"]
NUMERIC_TYPES = frozenset({"number", "money", "percent", "cagr", "count", "price", "index"})  # right-aligned, never wrapped
PERCENT_TYPES = frozenset({"percent", "cagr"})  # fractions shown as percentages


def is_numeric(value_type: str) -> bool:
    """A quantity (as opposed to text, or a year used as a label)."""
    return value_type in NUMERIC_TYPES


def is_percent(value_type: str) -> bool:
    """A fraction that reads as a percentage: a share or a growth rate."""
    return value_type in PERCENT_TYPES


@dataclass(frozen=True)
class Formatter:
    """Formats values of the model's column types for one report and locale."""

    currency: str  # prefix shown before amounts, e.g. "USD", "¥": the data's, in every language
    unit_short: str  # e.g. "bn"
    unit_name: str  # e.g. "billion" (plural form)
    locale: str = "en"
    unit_name_one: str = ""  # singular where the language inflects it ("bilhão" / "bilhões")
    count_decimals: int = 0  # volumes counted in thousands (a unit_scale above 1) need decimals: '1.5 thousand'
    price_decimals: int = 0  # prices below 100 currency units need decimals: 'USD 0.45'

    @classmethod
    def for_language(cls, currency_code: str, symbol: str | None, unit_name: str, unit_short: str, scale: float,
                     locale: str, data_locale: str = "en") -> Formatter:
        """In the data's own language use its wording; in others, CLDR's words for the unit (via
        Babel). The currency reads as the data writes it (its ``symbol``, else its code) in every
        language, so that an edition never shows 'JPY' where another shows '¥'.

        E.g. USD and 1e9 read 'USD 3.72 billion' in the data's English, 'USD 3,72 mil millones'
        in Spanish and 'USD 3,72 bilhões' in Brazilian Portuguese.
        """
        currency = symbol or currency_code
        if Locale.parse(locale).language == Locale.parse(data_locale).language:
            return cls(currency, unit_short, unit_name, locale)
        loc = Locale.parse(locale)
        magnitude = str(int(scale)) if float(scale).is_integer() else ""
        long = loc.compact_decimal_formats["long"]
        short = loc.compact_decimal_formats["short"]["other"].get(magnitude)
        if magnitude not in long["other"]:
            return cls(currency, unit_short, unit_name, locale)
        name = _unit_words(long["other"][magnitude])
        name_one = _unit_words(long["one"][magnitude]) if "one" in long else name
        # A short form counting in another magnitude ("0000 M" for thousands of millions) misleads.
        short_name = _unit_words(short) if short is not None and short.pattern.count("0") == 1 else name
        return cls(currency, short_name, name, locale, name_one)

    def number(self, value: float, decimals: int = MONEY_DECIMALS) -> str:
        if value is None or (isinstance(value, float) and math.isnan(value)):
            return "n/a"
        pattern = "#,##0" + ("." + "0" * decimals if decimals else "")
        with decimal.localcontext(prec=DIGITS):
            return format_decimal(value, format=pattern, locale=self.locale)

    def amount(self, number: str) -> str:
        """A formatted number after the currency symbol, joined by a no-break space so that no
        line (prose, a table cell, a slide, a chart label) ends with the symbol alone."""
        return f"{self.currency}{NBSP}{number}"

    def money(self, value: float, decimals: int = MONEY_DECIMALS) -> str:
        """An amount in the report's unit: 'USD 3.72 bn'."""
        return f"{self.amount(self.number(value, decimals))} {self.unit_short}"

    def money_words(self, value: float, decimals: int = MONEY_DECIMALS) -> str:
        """An amount for prose: 'USD 3.72 billion'."""
        one = self.unit_name_one and Locale.parse(self.locale).plural_form(value) == "one"
        return f"{self.amount(self.number(value, decimals))} {self.unit_name_one if one else self.unit_name}"

    def percent(self, fraction: float, decimals: int = SHARE_DECIMALS) -> str:
        """A fraction as a percentage in the locale's style: '31.6%', '31,6 %'."""
        if fraction is None or math.isnan(fraction):
            return "n/a"
        pattern = Locale.parse(self.locale).percent_formats[None].pattern
        pattern = pattern.replace("#,##0", "#,##0" + ("." + "0" * decimals if decimals else ""), 1)
        with decimal.localcontext(prec=DIGITS):
            return format_percent(fraction, format=pattern, locale=self.locale)

    def cagr(self, fraction: float) -> str:
        return self.percent(fraction, CAGR_DECIMALS)

    def count(self, value: float) -> str:
        """A volume in the report's volume unit (whole items unless counted in larger units)."""
        return self.number(value if self.count_decimals else round(value), self.count_decimals)

    def integer(self, value: int) -> str:
        """A whole number of things (entries, slides): never decimals, whatever the volume unit."""
        return self.number(value, 0)

    def price(self, value: float) -> str:
        return self.amount(self.number(value, self.price_decimals))

    def places(self, kind: str) -> int | None:
        """Decimals this report shows for a value type whose places depend on the data (volumes,
        prices), for writers that set number formats (Excel cells, native chart labels); None for
        the others, which the house style fixes."""
        return {"count": self.count_decimals, "price": self.price_decimals}.get(kind)

    def date(self, value: dt.date) -> str:
        return format_date(value, format="long", locale=self.locale)

    def month(self, value: str) -> str:
        """'2025-09' -> 'September 2025'; a bare year stays as it is."""
        if len(value) == 7:
            return format_skeleton("yMMMM", dt.date(int(value[:4]), int(value[5:]), 1), locale=self.locale)
        return value

    def figure(self, value: float, kind: str, decimals: int | None = None) -> str:
        """A headline figure with its unit, as prose shows it: 'USD 3.72 bn', '31.61%'."""
        show = {"money": self.money, "percent": self.percent, "cagr": self.cagr, "count": self.count, "price": self.price}
        return show[kind](value) if kind in show else self.value(value, kind, decimals)

    def value(self, value: object, kind: str, decimals: int | None = None) -> str:
        """Format a table cell by its column type; ``decimals`` are a number column's (none by default)."""
        if value is None:
            return ""
        if kind == "number":
            return self.number(value, decimals or 0)
        if kind == "date" and isinstance(value, dt.date):
            return self.date(value)
        if kind == "money":
            return self.number(value)  # the unit sits in the column header
        if kind == "percent":
            return self.percent(value)
        if kind == "cagr":
            return self.cagr(value)
        if kind == "count":
            return self.count(value)
        if kind == "price":
            return self.number(value, self.price_decimals)
        if kind == "index":
            return self.number(value, INDEX_DECIMALS)
        return str(value)

    @property
    def money_unit(self) -> str:
        """Label for a column or axis of amounts: 'USD bn'."""
        return f"{self.currency} {self.unit_short}"


def _unit_words(pattern) -> str:
    """'0 mil millones' -> 'mil millones': the words of a CLDR compact pattern."""
    return pattern.pattern.replace("0", "").replace("\xa0", " ").strip()
