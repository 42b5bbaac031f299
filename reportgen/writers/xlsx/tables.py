"""Qualitative sheets: companies, initiatives, value chain, vendors and developments as Excel tables.

Every sheet is one or more of the report model's tables: initiatives, the value chain and
vendors are its sections' own tables, so their columns read as in the PDF; companies and
developments, which the sections keep as prose lists, come from the model's workbook part
with one field per column, as a filterable table wants. Each becomes a proper Excel table
(filter buttons, banded rows) on its own sheet.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from reportgen.model.elements import Report, SectionKind, Table
from reportgen.writers.xlsx.book import Book, Sheet


@dataclass(frozen=True)
class TextTable:
    key: str  # the Excel table's name: an identifier, the same in every language
    sheet: str
    title: str
    description: str
    headers: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]


def _section_tables(report: Report, kind: SectionKind) -> list[Table]:
    """Every table in the report's sections of ``kind``, subsections included, in order."""
    return [b for top in report.sections if top.kind == kind for s in top.walk() for b in s.blocks if isinstance(b, Table)]


def _text(cell: object) -> str:
    return "" if cell is None else str(cell)


def _sheet_of(tables: Sequence[Table | None], key: str, sheet: str, description: str, stage_column: str = "") -> TextTable | None:
    """One sheet from model tables; with ``stage_column``, each table's title (e.g. a value-chain
    stage) becomes a first column so the tables merge into one. None if there is no row."""
    found = [t for t in tables if t is not None]
    if not any(t.rows for t in found):
        return None
    headers = ((stage_column,) if stage_column else ()) + tuple(c.label for c in found[0].columns)
    rows = tuple(
        ((t.title,) if stage_column else ()) + tuple(_text(c) for c in row.cells)
        for t in found for row in t.rows
    )
    title = found[0].title if len(found) == 1 else sheet
    return TextTable(key, sheet, title, description, headers, rows)


def qualitative_tables(report: Report) -> list[TextTable]:
    """The qualitative sheets this report has content for, in reading order."""
    wb, _ = report.workbook, report.gettext
    found = [
        _sheet_of([wb.companies], "Companies", _("Companies"), _("Companies: key players, investors and start-ups")),
        _sheet_of(_section_tables(report, SectionKind.INITIATIVES), "Initiatives", _("Initiatives"),
                  _("Key initiatives by country")),
        _sheet_of(_section_tables(report, SectionKind.VALUE_CHAIN), "Value_chain", _("Value chain"),
                  _("Value chain: stages and the organisations in each"), _("Stage")),
        _sheet_of(_section_tables(report, SectionKind.VENDORS), "Vendors", _("Vendors"), _("Vendors and their offerings")),
        _sheet_of([wb.developments], "Developments", _("Developments"), _("Recent developments, newest first")),
    ]
    return [t for t in found if t is not None]


def write_table(book: Book, table: TextTable) -> Sheet:
    """A titled sheet holding one filterable Excel table; every cell is written as a string."""
    sheet = book.add_sheet(table.sheet, table.description)
    n = len(table.rows)
    note = book.report.ngettext("{n} entry; the heading row has filter buttons.",
                                "{n} entries; the heading row has filter buttons.", n)
    header = sheet.title(table.title, note.format(n=book.report.fmt.integer(n)))
    wrap = book.fmt("wrap")
    for i, row in enumerate(table.rows):
        for col, value in enumerate(row):
            sheet.text(header + 1 + i, col, value, wrap)
    for col, label in enumerate(table.headers):
        sheet.fit(col, label, book.fmt("header"))
    sheet.ws.add_table(header, 0, header + len(table.rows), len(table.headers) - 1, {
        "name": book.unique_name(table.key),
        "style": "Table Style Light 9",
        "columns": [{"header": h, "header_format": book.fmt("header")} for h in table.headers],
    })
    sheet.finish(freeze=(header + 1, 0), repeat_rows=(header, header))
    return sheet
