"""The workbook, its styles and its sheets: the pieces every sheet of the Excel edition shares.

XlsxWriter cannot read back what it wrote, so ``Sheet`` keeps the little it needs to finish a
sheet well (the widest text per column for widths that fit) and ``Book`` hands out cell
formats by meaning (value type x role) so that an input looks like an input on every sheet.
"""

from __future__ import annotations

import datetime as dt
import io
import math
import re
from collections.abc import Sequence
from dataclasses import dataclass, field

import xlsxwriter
from xlsxwriter.format import Format
from xlsxwriter.utility import quote_sheetname, xl_rowcol_to_cell
from xlsxwriter.worksheet import Worksheet

from reportgen.format import is_numeric
from reportgen.model.elements import Report
from reportgen.style import FONT_FAMILY, MUTED, TEXT, WHITE, history_colour, number_format
from reportgen.writers.shared import with_names

FIRST_YEAR_COL = 3  # every yearly sheet has its years in the same columns (D onwards)
INPUT_FILL = "#FFF2CC"  # the modelling convention: blue figures on pale yellow are inputs
INPUT_FONT = "#0000FF"
LINK_FONT = "#00703C"  # green: a value brought over from another sheet
RULE = "#BFBFBF"
MAX_WIDTH = 60  # characters; longer text wraps
LINE_HEIGHT = 14  # points per line of 10-point Open Sans
CHARS_PER_WIDTH = 1.15  # a column width counts '0's; running text is a little narrower on average
INVALID_SHEET_CHARS = re.compile(r"[\[\]:*?/\\]")

# Shares, rates, years and price indices never reach a thousand: written without a separator.
_UNGROUPED = ("percent", "cagr", "year", "index")


def year_col(years: range, year: int) -> int:
    return FIRST_YEAR_COL + years.index(year)


def literal(text: str) -> str:
    """Text quoted for a number format; Excel has no escape for a double quote inside one."""
    return '"' + text.replace('"', "") + '"'


def cached(value: float) -> float | str:
    """A formula's cached result: NaN (a growth rate from zero) is Excel's #DIV/0!."""
    return "#DIV/0!" if math.isnan(value) else value


@dataclass(frozen=True)
class Colours:
    """The branding's colours (the house style's unless a client brings its own)."""

    palette: tuple[str, ...]
    accent: str
    history: str

    @classmethod
    def of(cls, report: Report) -> Colours:
        accent = report.branding.accent
        return cls(report.branding.palette, accent, history_colour(accent))

    def series(self, i: int) -> str:
        return self.palette[i % len(self.palette)]


def sheet_name(wanted: str, taken: set[str]) -> str:
    """A valid, unique sheet name derived from data: <=31 characters, none of []:*?/\\.

    Excel compares sheet names case-insensitively, refuses leading or trailing apostrophes and
    reserves 'History'; a clash gets a numbered suffix that still fits in 31 characters.
    """
    base = " ".join(INVALID_SHEET_CHARS.sub("-", wanted).split()).strip("'") or "Sheet"
    if base.lower() == "history":
        base += " (data)"
    name, n = base[:31].rstrip(), 1
    while name.lower() in taken:
        n += 1
        suffix = f" ({n})"
        name = base[: 31 - len(suffix)].rstrip() + suffix
    taken.add(name.lower())
    return name


@dataclass
class Sheet:
    """A worksheet plus the display width of what was written in each column."""

    ws: Worksheet
    name: str
    description: str
    book: Book
    widths: dict[int, int] = field(default_factory=dict)
    wrapped: list[tuple[int, int, str]] = field(default_factory=list)  # (row, col, text) in wrapping cells

    def ref(self, row: int, col: int, row_abs: bool = True, col_abs: bool = True) -> str:
        """A reference to one of this sheet's cells usable from any sheet."""
        return f"{quote_sheetname(self.name)}!{xl_rowcol_to_cell(row, col, row_abs, col_abs)}"

    def _fit(self, col: int, width: int) -> None:
        self.widths[col] = max(self.widths.get(col, 0), width)

    def text(self, row: int, col: int, value: str, style: Format | None = None, fit: bool = True) -> None:
        """Data strings are untrusted: always written as strings, never as formulas or links."""
        if value:
            self.ws.write_string(row, col, value, style)
        else:
            self.ws.write_blank(row, col, None, style)
        if style is not None and style.text_wrap:
            self.wrapped.append((row, col, value))
        if fit:
            self._fit(col, max((len(line) for line in value.splitlines()), default=0))

    def number(self, row: int, col: int, value: float, kind: str, role: str = "input") -> None:
        self.ws.write_number(row, col, value, self.book.style(kind, role))
        self._fit(col, self.book.display_width(value, kind))

    def formula(self, row: int, col: int, formula: str, value: float, kind: str, role: str = "formula") -> None:
        """A live formula with the data layer's value cached, for readers that do not recalculate."""
        self.ws.write_formula(row, col, formula, self.book.style(kind, role), cached(value))
        self._fit(col, self.book.display_width(value, kind))

    def year_header(self, row: int, years: range, base_year: int, before: Sequence[str], after: Sequence[str]) -> None:
        """A heading row of labels, then the years (history and forecast told apart), then more labels."""
        header = self.book.fmt("header")
        for col, label in enumerate(before):
            self.text(row, col, label, header)
        for year in years:
            self.ws.write_number(row, year_col(years, year), year, self.book.fmt("forecast" if year > base_year else "history"))
        for i, label in enumerate(after):
            self.text(row, year_col(years, years[-1]) + 1 + i, label, header)

    def _row_heights(self, columns: dict[int, int]) -> None:
        """Rows tall enough for their wrapped text: neither Excel nor LibreOffice sizes them on opening."""
        lines: dict[int, int] = {}
        for row, col, text in self.wrapped:
            width = max(columns.get(col, 8) * CHARS_PER_WIDTH - 1, 1)
            count = sum(max(1, math.ceil(len(part) / width)) for part in text.splitlines() or [""])
            lines[row] = max(lines.get(row, 1), count)
        for row, count in sorted(lines.items()):
            if count > 1:
                self.ws.set_row(row, LINE_HEIGHT * count)

    def title(self, text: str, subtitle: str = "") -> int:
        """Sheet title and an optional one-line explanation; returns the first free row."""
        self.ws.write_string(0, 0, text, self.book.fmt("title"))
        self.ws.set_row(0, 26)
        if subtitle:
            self.ws.write_string(1, 0, subtitle, self.book.fmt("subtitle"))
        return 3

    def finish(self, freeze: tuple[int, int] | None, repeat_rows: tuple[int, int] | None = None) -> None:
        """Column widths that fit, frozen headings and a landscape print fitted to the page width."""
        columns = {col: min(max(width + 2, 8), MAX_WIDTH) for col, width in sorted(self.widths.items())}
        for col, width in columns.items():
            self.ws.set_column(col, col, width)
        self._row_heights(columns)
        if freeze:
            self.ws.freeze_panes(*freeze)
        self.ws.set_landscape()
        self.ws.set_paper(9)  # A4
        self.ws.fit_to_pages(1, 0)
        self.ws.set_margins(left=0.5, right=0.5, top=0.6, bottom=0.6)
        page = self.book._("Page {page} of {pages}").replace("&", "&&")  # a lone '&' starts a control code
        self.ws.set_footer("&L&8&A&R&8" + page.format(page="&P", pages="&N"))
        if repeat_rows:
            self.ws.repeat_rows(*repeat_rows)
        self.ws.hide_gridlines(2)


class Book:
    """An in-memory workbook with the report's styles, sheet names and defined names."""

    def __init__(self, report: Report):
        self.report = report
        self._ = report.gettext  # fixed strings (sheet names, headings, labels) in the edition's language
        self.colours = Colours.of(report)
        self._buffer = io.BytesIO()
        self.wb = xlsxwriter.Workbook(self._buffer, {
            "in_memory": True,
            # Belt and braces for untrusted data: even a plain write() never makes a formula or link.
            "strings_to_formulas": False,
            "strings_to_urls": False,
            "strings_to_numbers": False,
            "default_format_properties": {"font_name": FONT_FAMILY, "font_size": 10, "font_color": TEXT, "valign": "top"},
        })
        self.sheets: list[Sheet] = []
        self._taken: set[str] = set()
        self._names: set[str] = set()
        self._formats: dict[tuple[str, str], Format] = {}
        # How each value type reads in Excel, with the formatter's decimals and the report's unit.
        fmt = report.fmt
        self.number_formats = {kind: number_format(kind, fmt.places(kind), grouped=kind not in _UNGROUPED)
                               for kind in ("percent", "cagr", "count", "year", "index", "number")}
        self.number_formats["money"] = f"{number_format('money')} {literal(fmt.unit_short)}"
        self.number_formats["price"] = f"{literal(fmt.currency + ' ')}{number_format('price', fmt.places('price'))}"

    # --- sheets and names ------------------------------------------------------------------

    def add_sheet(self, wanted: str, description: str) -> Sheet:
        name = sheet_name(wanted, self._taken)
        sheet = Sheet(self.wb.add_worksheet(name), name, description, self)
        self.sheets.append(sheet)
        return sheet

    def define(self, wanted: str, sheet: Sheet, row: int, col: int) -> str:
        """A workbook-level name for an input cell, made valid and unique; returns the name.

        Names make the formulas read as the method does (``=Market_2024*(1+Market_Growth_2025)``)
        and let a client's own model link to an input without knowing where it sits.
        """
        name = self.unique_name(wanted)
        self.wb.define_name(name, "=" + sheet.ref(row, col))
        return name

    def unique_name(self, wanted: str) -> str:
        """A valid workbook name (defined names and table names share one namespace), made unique.

        Letters, digits and underscores only, starting with a letter or underscore; every name
        used here holds an underscore or no digits, so none reads as a cell reference.
        """
        base = re.sub(r"\W", "_", wanted, flags=re.ASCII).strip("_") or "Name"
        if not base[0].isalpha():
            base = "_" + base
        name, n = base, 1
        while name.lower() in self._names:
            n += 1
            name = f"{base}_{n}"
        self._names.add(name.lower())
        return name

    # --- formats ---------------------------------------------------------------------------

    def style(self, kind: str, role: str = "formula") -> Format:
        """The format for a value of ``kind`` (a model value type) in a ``role``.

        Roles: ``input`` (what a client may change), ``formula``, ``link`` (a value brought from
        another sheet), ``total`` and ``check`` (the row that must stay at zero).
        """
        key = (kind, role)
        if key not in self._formats:
            props: dict = {"num_format": self.number_formats.get(kind, "General")}
            if role == "input":
                props |= {"font_color": INPUT_FONT, "bg_color": INPUT_FILL, "border": 1, "border_color": RULE}
            elif role == "link":
                props |= {"font_color": LINK_FONT}
            elif role == "total":
                props |= {"bold": True, "top": 1, "top_color": TEXT}
            elif role == "check":
                props |= {"italic": True, "font_color": MUTED}
            self._formats[key] = self.wb.add_format(props)
        return self._formats[key]

    def fmt(self, name: str) -> Format:
        """Named text formats (titles, headings, labels)."""
        key = ("text", name)
        if key not in self._formats:
            accent = self.colours.accent
            props = {
                "title": {"bold": True, "font_size": 16, "font_color": accent},
                "subtitle": {"italic": True, "font_color": MUTED},
                "section": {"bold": True, "font_size": 12, "font_color": accent},
                "header": {"bold": True, "font_color": WHITE, "bg_color": accent, "text_wrap": True,
                           "valign": "top"},
                "history": {"bold": True, "bg_color": self.colours.history, "align": "right"},
                "forecast": {"bold": True, "font_color": WHITE, "bg_color": accent, "align": "right"},
                "label": {},
                "indent1": {"indent": 1},
                "indent2": {"indent": 2},
                "indent3": {"indent": 3},
                "total": {"bold": True, "top": 1, "top_color": TEXT},
                "check": {"italic": True, "font_color": MUTED},
                "muted": {"font_color": MUTED},
                "muted_right": {"font_color": MUTED, "align": "right"},
                "muted_wrap": {"font_color": MUTED, "text_wrap": True, "valign": "top"},
                "wrap": {"text_wrap": True, "valign": "top"},
                "link": {"font_color": self.colours.accent, "underline": 1},
                "bold": {"bold": True},
            }[name]
            self._formats[key] = self.wb.add_format(props)
        return self._formats[key]

    def display_width(self, value: float, kind: str) -> int:
        """Roughly how many characters a number shows in its format, to size its column."""
        if isinstance(value, float) and math.isnan(value):
            return 8
        shown = self.report.fmt.value(value, kind if is_numeric(kind) else "count")
        extra = {"money": len(self.report.fmt.unit_short) + 1, "price": len(self.report.fmt.currency) + 1}
        return len(shown) + extra.get(kind, 0)

    # --- finishing -------------------------------------------------------------------------

    def close(self) -> bytes:
        """Fixed document properties (dated by the edition) so that a rebuild is byte-identical."""
        meta = self.report.meta
        created = dt.datetime.combine(meta.edition, dt.time(0, 0))
        client = self.report.branding.client
        comments = with_names(self._("Prepared for {client}."), client=client) + " " if client else ""
        live = self._("Live model: {period}, edition of {date}.").format(period=meta.period,
                                                                         date=self.report.fmt.date(meta.edition))
        self.wb.set_properties({
            "title": meta.title,
            "subject": meta.subject,
            "author": ", ".join(meta.authors) or meta.publisher,
            "company": meta.publisher,
            "keywords": ", ".join(meta.keywords),
            "comments": comments + live,
            "created": created,
        })
        self.wb.close()
        return self._buffer.getvalue()
