"""Sheets of the model's tables: the changes since the previous edition, companies, initiatives,
value chain, vendors, developments and each table of the report's own sections as Excel tables.

Every sheet is one or more of the report model's tables: the changes, initiatives, the value
chain and vendors are their sections' own tables, so their columns read as in the PDF;
companies and developments, which the sections keep as prose lists, come from the model's
workbook part with one field per column, as a filterable table wants. Each becomes a proper
Excel table (filter buttons, banded rows) on its own sheet; text cells are strings, numeric ones
numbers in the report's number formats (years as numbers, dates as Excel dates), so a client can
sort, filter and compute with them. A table of the report's own sections has its sheet to itself,
with its charts under it as native charts of its own cells.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from reportgen.format import is_numeric
from reportgen.model.elements import Chart, Column, Inline, Item, ItemList, Paragraph, Report, SectionKind, Table
from reportgen.writers.xlsx.book import Book, Sheet
from reportgen.writers.xlsx.charts import place, table_chart


@dataclass(frozen=True)
class SheetTable:
    key: str  # the Excel table's name: an identifier, the same in every language
    sheet: str
    title: str
    description: str
    headers: tuple[str, ...]
    rows: tuple[tuple[object, ...], ...]  # raw cells, as the model's tables hold them
    types: tuple[str, ...]  # each column's value type
    levels: tuple[int, ...]  # each row's indentation (a sub-segment under its parent)
    lines: tuple[str | Inline, ...] = ()  # text above the table: the section's sentences
    indent: int = 0  # the column whose text shows the rows' indentation: the model's first
    places: tuple[int | None, ...] = ()  # each column's decimals, where they are the data's ("number" columns)
    keys: tuple[str, ...] = ()  # each column's model key, which charts name
    charts: tuple[Chart, ...] = ()  # charts of the table's own cells, drawn under it


def _section_tables(report: Report, kind: SectionKind) -> list[Table]:
    """Every table in the report's sections of ``kind``, subsections included, in order."""
    return [b for top in report.sections if top.kind == kind for s in top.walk() for b in s.blocks if isinstance(b, Table)]


def _text(cell: object) -> str | Inline:
    return cell if isinstance(cell, Inline) else "" if cell is None else str(cell)


def _sheet_of(tables: Sequence[Table | None], key: str, sheet: str, description: str, stage_column: str = "",
              lines: Sequence[str | Inline] = (), title: str = "", first_label: str = "") -> SheetTable | None:
    """One sheet from model tables; with ``stage_column``, each table's title (a value-chain stage,
    a part of the report) becomes a first column so the tables merge into one, their columns
    matched by key (a cell a table does not have stays blank) and the first headed ``first_label``
    when given. None if there is no row."""
    found = [t for t in tables if t is not None]
    if not any(t.rows for t in found):
        return None
    widest = max(found, key=lambda t: len(t.columns))  # its order; others' extra columns after it
    by_key: dict[str, Column] = {}
    for c in (c for t in (widest, *found) for c in t.columns):
        by_key.setdefault(c.key, c)
    columns = list(by_key.values())
    stage = (stage_column,) if stage_column else ()
    labels = [c.label for c in columns]
    if first_label:
        labels[0] = first_label
    types = ("text",) * len(stage) + tuple(c.type for c in columns)
    rows = []
    for t in found:
        at = {c.key: i for i, c in enumerate(t.columns)}
        rows += [((t.title,) if stage_column else ()) + tuple(row.cells[at[c.key]] if c.key in at else None for c in columns)
                 for row in t.rows]
    levels = tuple(row.level for t in found for row in t.rows)
    title = title or (found[0].title if len(found) == 1 else sheet)
    return SheetTable(key, sheet, title, description, (*stage, *labels), tuple(rows), types, levels, tuple(lines), len(stage))


def _changes(report: Report) -> SheetTable | None:
    """The changes since the previous edition: its sentences, then its tables as one."""
    _ = report.gettext
    section = next((s for s in report.sections if s.kind == SectionKind.CHANGES), None)
    if section is None:
        return None
    lines: list[str | Inline] = [section.headline]
    for block in section.blocks:
        if isinstance(block, Paragraph):
            lines.append(block.text)
        elif isinstance(block, ItemList):
            lines += [line for item in block.items for line in _item_lines(item)]
    sheet, description = _("Changes"), _("What changed since the previous edition")
    return (_sheet_of(section.find(Table), "Changes", sheet, description, _("Part"), lines, section.title, _("Market or segment"))
            or SheetTable("Changes", sheet, section.title, description, (), (), (), (), tuple(lines)))


def _item_lines(item: Item) -> list[str | Inline]:
    """A list entry as lines of the sheet: its lead-in and text, then each entry of a list within it
    on a line of its own ('1 table changed:', '• Approvals by country, 2023')."""
    lead = f"{item.title}: {item.text.plain}".rstrip() if item.title else item.text
    return [lead, *(f"• {sub.text.plain}" for block in item.blocks if isinstance(block, ItemList) for sub in block.items)]


def qualitative_tables(report: Report) -> list[SheetTable]:
    """The sheets of tables this report has content for, in reading order."""
    wb, _ = report.workbook, report.gettext
    found = [
        _changes(report),
        _sheet_of([wb.companies], "Companies", _("Companies"), _("Companies: key players, investors and start-ups")),
        _sheet_of(_section_tables(report, SectionKind.INITIATIVES), "Initiatives", _("Initiatives"),
                  _("Key initiatives by country")),
        _sheet_of(_section_tables(report, SectionKind.VALUE_CHAIN), "Value_chain", _("Value chain"),
                  _("Value chain: stages and the organisations in each"), _("Stage")),
        _sheet_of(_section_tables(report, SectionKind.VENDORS), "Vendors", _("Vendors"), _("Vendors and their offerings")),
        _sheet_of([wb.developments], "Developments", _("Developments"), _("Recent developments, newest first")),
    ]
    return [t for t in found if t is not None]


def custom_tables(report: Report) -> list[SheetTable]:
    """A sheet per table of the report's own sections, in reading order, with the charts that plot it."""
    out = []
    for section in (s for s in report.sections if s.kind == SectionKind.CUSTOM):
        charts = section.find(Chart)
        for table in section.find(Table):
            out.append(SheetTable(
                table.id, table.title, table.title, section.title, tuple(c.label for c in table.columns),
                tuple(r.cells for r in table.rows), tuple(c.type for c in table.columns), tuple(r.level for r in table.rows),
                places=tuple(c.decimals for c in table.columns), keys=tuple(c.key for c in table.columns),
                charts=tuple(c for c in charts if c.table == table.id),
            ))
    return out


def write_table(book: Book, table: SheetTable) -> Sheet:
    """A titled sheet holding one filterable Excel table: text as strings, numbers as numbers."""
    sheet = book.add_sheet(table.sheet, table.description)
    n = len(table.rows)
    note = book.report.ngettext("{n} entry; the heading row has filter buttons.",
                                "{n} entries; the heading row has filter buttons.", n)
    header = sheet.title(table.title, note.format(n=book.report.fmt.integer(n)) if n else "")
    for line in table.lines:
        sheet.text(header, 0, line, fit=False)  # runs on over the empty cells to its right
        header += 1
    header += 1 if table.lines else 0
    wrap = book.fmt("wrap")
    for i, (row, level) in enumerate(zip(table.rows, table.levels, strict=True)):
        for col, (value, kind) in enumerate(zip(row, table.types, strict=True)):
            if (is_numeric(kind) or kind == "year") and isinstance(value, int | float):
                sheet.number(header + 1 + i, col, value, kind, "formula", table.places[col] if table.places else None)
            elif isinstance(value, dt.date):
                sheet.date(header + 1 + i, col, value)
            elif level and col == table.indent:
                sheet.text(header + 1 + i, col, _text(value), book.fmt(f"indent{min(level, 3)}"))
            else:
                sheet.text(header + 1 + i, col, _text(value), wrap)
    if not n:  # only sentences: nothing moved enough to be listed
        sheet.finish(freeze=None)
        return sheet
    for col, label in enumerate(table.headers):
        sheet.fit(col, label, book.fmt("header"))
    sheet.ws.add_table(header, 0, header + len(table.rows), len(table.headers) - 1, {
        "name": book.unique_name(table.key),
        "style": "Table Style Light 9",
        "columns": [{"header": h, "header_format": book.fmt("header")} for h in table.headers],
    })
    if table.charts:
        first, last = header + 1, header + n
        drawn = [(table_chart(sheet, chart, header, first, last, [table.keys.index(k) for k in chart.columns],
                              book.style(chart.value_type, "formula", chart.decimals).num_format), chart.alt_text)
                 for chart in table.charts]
        place(sheet, last + 3, drawn)
    # Frozen headings only when they sit at the top: frozen sentences would fill a small screen.
    sheet.finish(freeze=None if table.lines else (header + 1, 0), repeat_rows=(header, header))
    return sheet
