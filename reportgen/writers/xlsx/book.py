"""The workbook, its styles and its sheets: the pieces every sheet of the Excel edition shares.

XlsxWriter cannot read back what it wrote, so ``Sheet`` keeps the little it needs to finish a
sheet well (the widest text per column for widths that fit) and ``Book`` hands out cell
formats by meaning (value type x role) so that an input looks like an input on every sheet.
Text is set in the brand's Office face at Excel's default size, 11 pt, and measured with its
metrics (``writers.font_metrics``: for Calibri, Carlito's), so a column fits its text in Excel and in
LibreOffice alike. Every colour is the brand's (``Brand.colours``). Prose keeps its styles as a
rich string (bold, italic, a link underlined in the accent colour with its address after it); a
cell with one link also opens it.
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
from reportgen.model.elements import Inline, Report, Span
from reportgen.model.prose import with_addresses
from reportgen.style import number_format
from reportgen.writers import font_metrics
from reportgen.writers.shared import shortened, with_names
from reportgen.writers.writing_systems import scripts_of

FIRST_YEAR_COL = 3  # every yearly sheet has its years in the same columns (D onwards)
FONT_SIZE = 11  # Excel's default cell text
# Column widths are in Excel's unit, the width of a '0' in the default font: 7 pixels of Calibri 11.
DIGIT_PX = 7
PX_PER_PT = 96 / 72
WIDTH_ALLOWANCE = 1.05  # Excel rounds every glyph to whole pixels; LibreOffice does not
SPARE = 1.0  # a unit more than the text, for the cell's margins
INDENT_UNITS = 3.0  # one indent level, generously
MIN_WIDTH = 8.0
MAX_WIDTH = 60.0  # longer text wraps
LINE_HEIGHT = 15.0  # points per line of Calibri 11: Excel's own default row height
INVALID_SHEET_CHARS = re.compile(r"[\[\]:*?/\\]")
SHEET_NAME_MAX = 31  # Excel's limit
URL_MAX, ANCHOR_MAX = 2079, 255  # characters of a hyperlink Excel stores, and of its part after '#'


def text_units(text: str, bold: bool = False, size: float = FONT_SIZE) -> float:
    """The column width, in Excel's units, that shows the widest line of ``text`` unwrapped."""
    widest = max((font_metrics.text_width(line, size, bold) for line in text.splitlines()), default=0.0)
    return widest * PX_PER_PT * WIDTH_ALLOWANCE / DIGIT_PX + SPARE


def wrapped_lines(runs: Sequence[font_metrics.Run], units: float, size: float = FONT_SIZE) -> int:
    """Lines the runs of a cell take when it wraps in a column ``units`` wide (a line break starts a line)."""
    width = units * DIGIT_PX / PX_PER_PT  # points: Excel pads the column's pixels beyond its units for the margins
    return font_metrics.line_count(runs, size, width, WIDTH_ALLOWANCE)


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


def sheet_name(wanted: str, taken: set[str]) -> str:
    """A valid, unique sheet name derived from data: <=31 characters, none of []:*?/\\.

    Excel compares sheet names case-insensitively, refuses leading or trailing apostrophes and
    reserves 'History'; a longer name is cut at a word boundary and ends in an ellipsis (a tab
    reading "Approvals by country and…", not "Approvals by country and regi"); a clash gets a
    numbered suffix that still fits in 31 characters.
    """
    base = " ".join(INVALID_SHEET_CHARS.sub("-", wanted).split()).strip("'") or "Sheet"
    if base.lower() == "history":
        base += " (data)"
    name, n = shortened(base, SHEET_NAME_MAX), 1
    while name.lower() in taken:
        n += 1
        suffix = f" ({n})"
        name = shortened(base, SHEET_NAME_MAX - len(suffix)) + suffix
    taken.add(name.lower())
    return name


def _storable(link: str) -> bool:
    """Whether Excel can store ``link`` as a cell's hyperlink (a longer one is only shown)."""
    return len(link) <= URL_MAX and len(link.partition("#")[2]) <= ANCHOR_MAX


@dataclass(frozen=True)
class Wrapped:
    """A cell whose text wraps: its row grows to fit it once the column widths are known."""

    row: int
    col: int
    runs: tuple[font_metrics.Run, ...]  # text, bold, monospaced
    size: float


def _font(style: Format | None) -> tuple[bool, float]:
    """Whether a format is bold, and its size."""
    return (bool(style.bold), float(style.font_size)) if style is not None else (False, float(FONT_SIZE))


@dataclass
class Sheet:
    """A worksheet plus the display width of what was written in each column, in Excel's units."""

    ws: Worksheet
    name: str
    description: str
    book: Book
    widths: dict[int, float] = field(default_factory=dict)
    wrapped: list[Wrapped] = field(default_factory=list)
    titled: bool = False  # its headings are named for screen readers (``headers_from``)

    def ref(self, row: int, col: int, row_abs: bool = True, col_abs: bool = True) -> str:
        """A reference to one of this sheet's cells usable from any sheet."""
        return f"{quote_sheetname(self.name)}!{xl_rowcol_to_cell(row, col, row_abs, col_abs)}"

    def _fit(self, col: int, width: float) -> None:
        self.widths[col] = max(self.widths.get(col, 0.0), width)

    def fit(self, col: int, text: str, style: Format | None = None) -> None:
        """Widen the column to show ``text`` in ``style`` on one line."""
        bold, size = _font(style)
        indent = style.indent * INDENT_UNITS if style is not None else 0.0
        self._fit(col, text_units(text, bold, size) + indent)

    def text(self, row: int, col: int, value: str | Inline, style: Format | None = None, fit: bool = True) -> None:
        """Data strings are untrusted: always written as strings, never as formulas, and links only
        where the model has one (an http, https or mailto address the data layer checked).

        Styled text (``Inline``) becomes a rich string: a run per span in the cell's format with
        the span's weight, slant and link style, each link followed by its address unless its
        text is the address. Text mainly in a script Calibri lacks is given its script's Office
        face, and reads right to left when it is mainly Arabic or Hebrew.
        """
        spans = with_addresses(value).spans if isinstance(value, Inline) else (Span(value),) if value else ()
        shown = "".join(span.text for span in spans)
        style = self.book.for_script(style, shown)
        targets = {span.link for span in spans if span.link}
        if len(targets) == 1 and _storable(link := targets.pop()):
            self.ws.write_url(row, col, link, style, shown)  # the cell opens its one link; its text is written next
        if len(spans) > 1:  # a rich string needs two runs or more
            base = style if style is not None else self.book.fmt("label")
            self.ws.write_rich_string(row, col, *(p for span in spans for p in (self.book.span_style(base, span), span.text)), base)
        elif spans:
            self.ws.write_string(row, col, shown, self.book.span_style(style, spans[0]))
        else:
            self.ws.write_blank(row, col, None, style)
        if style is not None and style.text_wrap:
            bold, size = _font(style)
            self.wrapped.append(Wrapped(row, col, tuple((s.text, bold or s.bold, s.code) for s in spans) or (("", bold),), size))
        if fit:
            self.fit(col, shown, style)

    def number(self, row: int, col: int, value: float, kind: str, role: str = "input", decimals: int | None = None) -> None:
        """A number in its value type's format (``decimals``: a "number" column's places)."""
        self.ws.write_number(row, col, value, self.book.style(kind, role, decimals))
        self._fit(col, self.book.display_width(value, kind, role, decimals))

    def date(self, row: int, col: int, value: dt.date) -> None:
        """A date as Excel's own, shown YYYY-MM-DD (every locale reads it the same)."""
        self.ws.write_datetime(row, col, dt.datetime.combine(value, dt.time(0, 0)), self.book.style("date"))
        self._fit(col, text_units(value.isoformat()))

    def formula(self, row: int, col: int, formula: str, value: float, kind: str, role: str = "formula") -> None:
        """A live formula with the data layer's value cached, for readers that do not recalculate."""
        self.ws.write_formula(row, col, formula, self.book.style(kind, role), cached(value))
        self._fit(col, self.book.display_width(value, kind, role))

    def headers_from(self, row: int) -> None:
        """Name the first cell of the sheet's first heading row ``Title``, scoped to the sheet: the
        convention by which screen readers (JAWS) announce a cell's column heading (the row) and
        row heading (the first column) with it. Excel tables say so themselves; these sheets of
        yearly blocks are not tables. Later heading rows share the first one's columns (the years)."""
        if not self.titled:
            self.titled = True
            self.book.wb.define_name(f"{quote_sheetname(self.name)}!Title", "=" + self.ref(row, 0))

    def year_header(self, row: int, years: range, base_year: int, before: Sequence[str], after: Sequence[str]) -> None:
        """A heading row of labels, then the years (history and forecast told apart), then more labels."""
        self.headers_from(row)
        header = self.book.fmt("header")
        for col, label in enumerate(before):
            self.text(row, col, label, header)
        for year in years:
            self.ws.write_number(row, year_col(years, year), year, self.book.fmt("forecast" if year > base_year else "history"))
        for i, label in enumerate(after):  # over numbers: aligned with them, clear of the last year
            self.text(row, year_col(years, years[-1]) + 1 + i, label, self.book.fmt("header_right"))

    def _row_heights(self, columns: dict[int, float]) -> None:
        """Rows tall enough for their wrapped text: neither Excel nor LibreOffice sizes them on opening."""
        heights: dict[int, float] = {}
        for cell in self.wrapped:
            lines = wrapped_lines(cell.runs, columns.get(cell.col, MIN_WIDTH), cell.size)
            text = "".join(run[0] for run in cell.runs)
            line = LINE_HEIGHT * font_metrics.line_height(cell.size, text) / font_metrics.line_height(FONT_SIZE)
            heights[cell.row] = max(heights.get(cell.row, LINE_HEIGHT), lines * line)
        for row, height in sorted(heights.items()):
            if height > LINE_HEIGHT:
                self.ws.set_row(row, round(height, 2))

    def title(self, text: str, subtitle: str = "") -> int:
        """Sheet title and an optional one-line explanation; returns the first free row."""
        self.ws.write_string(0, 0, text, self.book.fmt("title"))
        self.ws.set_row(0, 26)
        if subtitle:
            self.ws.write_string(1, 0, subtitle, self.book.fmt("subtitle"))
        return 3

    def finish(self, freeze: tuple[int, int] | None, repeat_rows: tuple[int, int] | None = None) -> None:
        """Column widths that fit, frozen headings and a landscape print fitted to the page width."""
        columns = {col: math.ceil(min(max(width, MIN_WIDTH), MAX_WIDTH) * 100) / 100 for col, width in sorted(self.widths.items())}
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
        self.colours = report.brand.colours
        self._buffer = io.BytesIO()
        self.wb = xlsxwriter.Workbook(self._buffer, {
            "in_memory": True,
            # Belt and braces for untrusted data: even a plain write() never makes a formula or link.
            "strings_to_formulas": False,
            "strings_to_urls": False,
            "strings_to_numbers": False,
            "default_format_properties": {"font_name": report.brand.office.family, "font_size": FONT_SIZE,
                                          "font_color": self.colours.text,
                                          "valign": "top"},
        })
        self.sheets: list[Sheet] = []
        self._taken: set[str] = set()
        self._names: set[str] = set()
        self._formats: dict[tuple, Format] = {}
        self._props: dict[int, dict] = {}  # id of a format -> the properties it was made from
        # How each value type reads in Excel, with the formatter's decimals and the report's unit.
        fmt = report.fmt
        self.number_formats = {kind: number_format(kind, fmt.places(kind), grouped=kind not in _UNGROUPED)
                               for kind in ("percent", "cagr", "count", "year", "index", "number")}
        self.number_formats["money"] = f"{number_format('money')} {literal(fmt.unit_short)}"
        self.number_formats["price"] = f"{literal(fmt.amount(''))}{number_format('price', fmt.places('price'))}"
        self.number_formats["date"] = "yyyy-mm-dd"

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

    def style(self, kind: str, role: str = "formula", decimals: int | None = None) -> Format:
        """The format for a value of ``kind`` (a model value type) in a ``role``; ``decimals`` set a
        "number" value's places.

        Roles: ``input`` (what a client may change), ``formula``, ``link`` (a value brought from
        another sheet), ``total`` and ``check`` (the row that must stay at zero).
        """
        key = (kind, role, decimals)
        if key not in self._formats:
            c = self.colours
            shown = self.number_formats.get(kind, "General") if decimals is None else number_format(kind, decimals)
            props: dict = {"num_format": shown}
            if role == "input":
                props |= {"font_color": c.input_text, "bg_color": c.input_fill, "border": 1, "border_color": c.rule}
            elif role == "link":
                props |= {"font_color": c.linked_text}
            elif role == "total":
                props |= {"bold": True, "top": 1, "top_color": c.text}
            elif role == "check":
                props |= {"italic": True, "font_color": c.muted}
            self._formats[key] = self._add_format(props)
        return self._formats[key]

    def _add_format(self, props: dict) -> Format:
        made = self.wb.add_format(props)
        self._props[id(made)] = props
        return made

    def for_script(self, style: Format | None, text: str) -> Format | None:
        """``style``, or the same with the face of the script ``text`` is mainly in and its direction."""
        found = scripts_of(text)
        if found.font is None and not found.rtl:
            return style
        key = ("script", id(style), found.font, found.rtl)
        if key not in self._formats:
            props = dict(self._props.get(id(style), {}))
            if found.font:
                props["font_name"] = found.font
            if found.rtl:
                props["reading_order"] = 2
            self._formats[key] = self._add_format(props)
        return self._formats[key]

    def span_style(self, style: Format | None, span: Span) -> Format | None:
        """``style`` with a span's bold, italic, code (monospaced) and link (accent, underlined): a
        rich string's run, or the cell's format when one span fills it. Plain text keeps ``style``."""
        props = {"bold": True} if span.bold else {}
        props |= {"italic": True} if span.italic else {}
        props |= {"font_color": self.colours.accent, "underline": 1} if span.link else {}
        props |= {"font_name": font_metrics.MONO_FACE} if span.code else {}
        if not props:
            return style
        key = ("span", id(style), *sorted(props))
        if key not in self._formats:
            self._formats[key] = self._add_format(dict(self._props.get(id(style), {})) | props)
        return self._formats[key]

    def fmt(self, name: str) -> Format:
        """Named text formats (titles, headings, labels)."""
        key = ("text", name)
        if key not in self._formats:
            c = self.colours
            accent, muted, on_accent = c.accent, c.muted, c.on_accent
            props = {
                "title": {"bold": True, "font_size": 16, "font_color": accent},
                "subtitle": {"italic": True, "font_color": muted},
                "section": {"bold": True, "font_size": 12, "font_color": accent},
                "header": {"bold": True, "font_color": on_accent, "bg_color": accent, "text_wrap": True,
                           "valign": "top"},
                "header_right": {"bold": True, "font_color": on_accent, "bg_color": accent, "text_wrap": True,
                                 "valign": "top", "align": "right"},
                "history": {"bold": True, "bg_color": c.history(accent), "align": "right"},
                "forecast": {"bold": True, "font_color": on_accent, "bg_color": accent, "align": "right"},
                "label": {},
                "indent1": {"indent": 1},
                "indent2": {"indent": 2},
                "indent3": {"indent": 3},
                "total": {"bold": True, "top": 1, "top_color": c.text},
                "check": {"italic": True, "font_color": muted},
                "muted": {"font_color": muted},
                "muted_right": {"font_color": muted, "align": "right"},
                "muted_wrap": {"font_color": muted, "text_wrap": True, "valign": "top"},
                "wrap": {"text_wrap": True, "valign": "top"},
                "link": {"font_color": accent, "underline": 1},
                "bold": {"bold": True},
            }[name]
            self._formats[key] = self._add_format(props)
        return self._formats[key]

    def display_width(self, value: float, kind: str, role: str = "formula", decimals: int | None = None) -> float:
        """The column width (Excel's units) a number needs in its format, so it never shows as ####."""
        if isinstance(value, float) and math.isnan(value):
            shown = "#DIV/0!"
        else:
            shown = self.report.fmt.value(value, kind if is_numeric(kind) else "count", decimals)
            shown = {"money": f"{shown} {self.report.fmt.unit_short}", "price": self.report.fmt.amount(shown)}.get(kind, shown)
        return text_units(shown, bold=role == "total")

    # --- finishing -------------------------------------------------------------------------

    def close(self) -> bytes:
        """Fixed document properties (dated by the edition) so that a rebuild is byte-identical."""
        meta = self.report.meta
        created = dt.datetime.combine(meta.edition, dt.time(0, 0))
        client = self.report.brand.client.name
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
