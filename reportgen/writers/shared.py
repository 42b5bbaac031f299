"""What more than one writer needs to lay out the same model the same way.

Like Pandoc's Writers/Shared: the PDF and the HTML edition both print tables as rows of
formatted cells (one ``TableView`` of each model table), transpose the same wide yearly tables,
link sections by the same anchors and list the same contents, so a figure, an anchor or a table
shape is decided once here rather than drifting apart in two writers. Nothing here knows a page
size or a stylesheet: what only the printed page needs (column widths, keeping a table on one
page) the PDF writer adds itself.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from reportgen.format import Formatter, ValueType, is_numeric
from reportgen.model.brand import Brand
from reportgen.model.elements import Inline, Report, Section, SectionKind, Table
from reportgen.model.names import isolate

PLAIN_YEAR_COLUMNS = 7  # up to this many year columns a table reads as it is (a portrait page, a laptop screen)
TRANSPOSE_MAX_ROWS = 10  # more rows than this would make a transposed table too wide
LANDSCAPE_KINDS = (SectionKind.APPENDIX,)  # sections whose full yearly tables keep their shape
_ID = re.compile(r"[^A-Za-z0-9_-]")


def with_names(message: str, **names: str) -> str:
    """A writer's fixed message with data names put in, each isolated when it is right-to-left
    (as the model's sentences do), so an Arabic client or segment name keeps the label in order."""
    return message.format(**{key: isolate(value) for key, value in names.items()})


def shortened(text: str, room: int, separator: str = " ") -> str:
    """``text`` in at most ``room`` characters: whole, or cut before its last ``separator`` that
    leaves room for an ellipsis, trailing punctuation dropped. Mid-word only when that would keep
    less than half the room (one long word, a script written without spaces): a sheet tab reads
    "Approvals by country and…", never "Approvals by country and regi"."""
    if len(text) <= room:
        return text
    cut = text.rfind(separator, 0, room - 1 + len(separator))
    head = text[:cut] if cut >= room // 2 else text[: room - 1]
    return (head.rstrip(" ,;:-–—(&") or head) + "…"


def logo_text(report: Report) -> str:
    """What a client's logo says to a screen reader: whose logo it is."""
    client, _ = report.brand.client.name, report.gettext
    return with_names(_("Logo of {client}"), client=client) if client else _("Client logo")


@dataclass(frozen=True)
class Cell:
    text: str  # as printed; for prose, its plain text (for measuring)
    numeric: bool = False
    header: bool = False  # a row header (<th scope=row>) rather than data
    strong: bool = False  # the cell belongs to a total
    rich: Inline | None = None  # prose, with its styles and links

    @classmethod
    def of(cls, value: object, kind: ValueType, fmt: Formatter, decimals: int | None = None, **flags) -> Cell:
        """A model table's cell formatted by its column's type (``decimals``: a number column's); prose keeps its spans."""
        if isinstance(value, Inline):
            return cls(value.plain, is_numeric(kind), rich=value, **flags)
        return cls(fmt.value(value, kind, decimals), is_numeric(kind), **flags)


@dataclass(frozen=True)
class TableRow:
    cells: tuple[Cell, ...]
    kind: str = "data"
    level: int = 0


@dataclass(frozen=True)
class TableView:
    """A model table as both HTML writers show it: formatted cells in the shape ``table_layout`` chose."""

    anchor: str
    title: str
    head: tuple[Cell, ...]
    rows: tuple[TableRow, ...]
    layout: str  # "plain", "transposed" or "wide"
    source: str
    note: str


@dataclass(frozen=True)
class TocEntry:
    anchor: str
    title: str
    level: int


def anchor(kind: str, model_id: str) -> str:
    """An HTML id that is unique across kinds (a section and a chart may share a model id)."""
    return f"{kind}-{_ID.sub('_', model_id)}"


def brand_variables(brand: Brand) -> dict[str, str]:
    """The brand's colours and weights as the CSS custom properties both stylesheets (the PDF's
    report.css and the web edition's page.css) take every colour from; each writer adds its font
    stacks. Values are validated hex colours and integers, so they are safe in CSS as they are."""
    c = brand.colours
    return {
        "--text": c.text, "--background": c.background, "--accent": c.accent, "--on-accent": c.on_accent,
        "--headings": c.headings, "--muted": c.muted, "--soft": c.soft, "--fill": c.fill, "--rule": c.rule,
        "--notes-rule": c.notes_rule, "--weight-body": str(brand.body.weight), "--weight-headings": str(brand.headings.weight),
    }


def css_rule(selector: str, properties: dict[str, str]) -> str:
    return f"{selector} {{ " + " ".join(f"{name}: {value};" for name, value in properties.items()) + " }"


def toc(report: Report) -> list[TocEntry]:
    """Top-level sections and their direct subsections, in reading order."""
    entries = []
    for top in report.sections:
        entries.append(TocEntry(anchor("s", top.id), top.title, 1))
        entries += [TocEntry(anchor("s", sub.id), sub.title, 2) for sub in top.subsections]
    return entries


def table_layout(table: Table, section: Section) -> str:
    """How a table is shown: "plain", "transposed" or "wide" (kept as it is, given more room).

    Yearly tables with many year columns do not fit a page or a screen. In the body they are
    transposed (years down, segments across), which reads like the chart above them; where the
    hierarchy of rows matters (parent and sub-segment rows) or there are too many rows, and in
    the appendix, they keep their shape.
    """
    if table.year_columns <= PLAIN_YEAR_COLUMNS:
        return "plain"
    nested = any(r.kind == "parent" for r in table.rows)
    body = section.kind not in LANDSCAPE_KINDS
    return "transposed" if body and not nested and len(table.rows) <= TRANSPOSE_MAX_ROWS else "wide"


def table_view(table: Table, report: Report, section: Section) -> TableView:
    """Every cell of ``table`` formatted by the report's formatter, in the layout it takes in ``section``."""
    layout = table_layout(table, section)
    head, rows = table_cells(table, layout, report.fmt, report.gettext("Year"))
    return TableView(anchor("t", table.id), table.title, head, rows, layout, table.source, table.note)


def table_cells(table: Table, layout: str, fmt: Formatter, corner: str) -> tuple[tuple[Cell, ...], tuple[TableRow, ...]]:
    """Header and rows of formatted cells for a table in ``layout``; ``corner`` heads the year
    column of a transposed table."""
    return transposed(table, fmt, corner) if layout == "transposed" else as_is(table, fmt)


def as_is(table: Table, fmt: Formatter) -> tuple[tuple[Cell, ...], tuple[TableRow, ...]]:
    """Every cell formatted by its column's type; the first cell of a row is its header."""
    head = tuple(Cell(c.label, c.is_numeric) for c in table.columns)
    rows = []
    for row in table.rows:
        cells = tuple(
            Cell.of(value, col.type, fmt, col.decimals, header=i == 0, strong=row.kind == "total")
            for i, (value, col) in enumerate(zip(row.cells, table.columns, strict=True))
        )
        rows.append(TableRow(cells, row.kind, row.level))
    return head, tuple(rows)


def transposed(table: Table, fmt: Formatter, corner: str) -> tuple[tuple[Cell, ...], tuple[TableRow, ...]]:
    """Columns become rows: one line per year (then per CAGR period), one column per row of the model."""
    head = (Cell(corner), *(Cell(str(r.cells[0]), True, strong=r.kind == "total") for r in table.rows))
    rows = []
    for i, col in enumerate(table.columns[1:], 1):
        values = (Cell.of(r.cells[i], col.type, fmt, col.decimals, strong=r.kind == "total") for r in table.rows)
        cells = (Cell(col.label, header=True), *values)
        rows.append(TableRow(cells, "data" if col.is_year else "summary"))
    return head, tuple(rows)
