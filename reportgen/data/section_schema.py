"""Validation models of ``sections/*.yaml``: a section of the report's own, with tables and charts.

A section file is one titled section: prose, then blocks of tables (rows inline, or from a CSV or
XLSX file of the report folder) and charts of those tables. Its ``id`` places it in the report's
outline; without an outline ``after:`` or ``before:`` names the section it follows or precedes.
These models are the definition of the format, as ``schema.py``'s are for the other files (its
``json_schema`` includes ``SectionFile``); what needs more than one field or the table's data
(a chart's columns, cell values) is checked by ``data/sections.py`` and ``data/cells.py``.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import Discriminator, Field, Tag, WithJsonSchema, model_validator

from reportgen.data.schema import Citation, Id, Name, Prose, Sheet, Strict, TablePath, Title, sheet_of_xlsx

ColumnType = Literal["text", "number", "percent", "money", "year", "date"]
ChartKind = Literal["bar", "column", "stacked_column", "line", "doughnut"]
MAX_COLUMNS = 30  # a table wider than this fits no page or slide
MAX_SERIES = 8  # the palette's colours
MAX_DECIMALS = 6
MAX_ROWS = 1000  # rows a table may have, inline or in a file: more fits no deliverable

CellInput = Annotated[Any, WithJsonSchema({"type": ["string", "number", "null"]})]


class TableColumn(Strict):
    """One column: where its values are (``key``), what the deliverables call it, and what it holds."""

    key: Name = Field(description="The column's header in the file (any text, spaces included), or its key in inline rows.")
    label: Title | None = Field(None, description="What the deliverables show as its heading; defaults to the key.")
    type: ColumnType = Field(
        "text", description="text; number; percent (written as 31.5, or a cell formatted as a percentage in Excel); money "
        "(in the report's unit, e.g. bn); year; date (YYYY-MM-DD)."
    )
    required: bool = Field(True, description="Whether every row must have a value here; an empty cell is an error unless false.")
    decimals: Annotated[int, Field(ge=0, le=MAX_DECIMALS)] | None = Field(
        None, description="Decimals a number column shows; default: as many as its values have (percent and money "
        "follow the house style)."
    )


class TableSpec(Strict):
    """A table: its columns and where its rows are (``rows`` inline, or ``file``)."""

    id: Id = Field(description="Unique among the report's tables; charts name the table by it.")
    title: Title
    columns: list[TableColumn] = Field(min_length=1, max_length=MAX_COLUMNS)
    file: TablePath | None = Field(None, description="A .csv or .xlsx file of the report folder holding the rows, by its path "
                                   "relative to the folder, e.g. tables/approvals.csv; its header (row 1) holds the column keys.")
    sheet: Sheet | None = Field(None, description="The sheet of an .xlsx file; may be left out when the workbook has one sheet.")
    rows: Annotated[list[dict[str, CellInput]], Field(max_length=MAX_ROWS)] | None = Field(
        None, description="Inline rows: a mapping of column key to value per row.")
    source: Citation | None = Field(None, description="Where the figures come from, shown under the table.")
    note: Prose | None = Field(None, description="A note shown under the table.")

    @model_validator(mode="after")
    def _one_source(self) -> TableSpec:
        sheet_of_xlsx(self.file, self.sheet)
        if (self.file is None) == (self.rows is None):
            raise ValueError("give exactly one of 'rows' (inline) or 'file' (a .csv or .xlsx file of the report folder)")
        keys = [c.key for c in self.columns]
        twice = sorted({k for k in keys if keys.count(k) > 1})
        if twice:
            raise ValueError(f"the column {twice[0]!r} is listed twice")
        labels = [(c.label or c.key).casefold() for c in self.columns]  # a workbook's table needs distinct headings
        same = next((c.label or c.key for c in self.columns if labels.count((c.label or c.key).casefold()) > 1), None)
        if same is not None:
            raise ValueError(f"two columns are headed {same!r}: give each its own label")
        return self


class ChartSpec(Strict):
    """A chart of a table's columns: one category column, one or more series columns."""

    id: Id | None = Field(None, description="Unique within the section; defaults to chart-<n>, its place among the blocks.")
    title: Title
    kind: ChartKind = Field(description="bar, column, stacked_column, line or doughnut (one series, parts of a whole).")
    table: Id = Field(description="The id of a table of this section.")
    category: Name = Field(description="The key of the column whose values label the bars, points or slices.")
    series: list[Name] = Field(min_length=1, max_length=MAX_SERIES, description="Keys of the numeric columns to plot.")
    axis: Title | None = Field(None, description="The value axis' title; defaults to the unit, or to the one series' label.")


class TableBlock(Strict):
    table: TableSpec


class ChartBlock(Strict):
    chart: ChartSpec


class TextBlock(Strict):
    text: Prose


BLOCK_KINDS = ("table", "chart", "text")


def _block_kind(value: Any) -> str | None:
    """Which block a mapping is, by its one key: ``table:``, ``chart:`` or ``text:``. The tags hold
    brackets, as pydantic's own do, so a message's location leaves them out (``blocks[0].table.id``)."""
    if isinstance(value, dict) and len(value) == 1:
        key = next(iter(value))
        return f"block[{key}]" if key in BLOCK_KINDS else None
    return next((f"block[{k}]" for k in BLOCK_KINDS if hasattr(value, k)), None)


SectionBlock = Annotated[
    Annotated[TableBlock, Tag("block[table]")] | Annotated[ChartBlock, Tag("block[chart]")]
    | Annotated[TextBlock, Tag("block[text]")],
    Discriminator(_block_kind, custom_error_type="block_kind",
                  custom_error_message="expected a mapping with one key: table, chart or text"),
]


class SectionFile(Strict):
    """``sections/*.yaml``: one section of the report's own."""

    id: Id = Field(description="The section's id: what report.yaml's outline and other sections' after/before name.")
    title: Title
    headline: Title | None = Field(None, description="The section's message in one sentence (the slide title); default: its title.")
    after: Id | None = Field(None, description="Place the section after this one (an id; ignored when report.yaml has an outline).")
    before: Id | None = Field(None, description="Place the section before this one (an id; ignored when report.yaml has an outline).")
    text: Prose | None = Field(None, description="Prose before the blocks.")
    blocks: list[SectionBlock] = Field([], description="Tables, charts and further text, in order.")

    @model_validator(mode="after")
    def _one_place(self) -> SectionFile:
        if self.after is not None and self.before is not None:
            raise ValueError("give at most one of 'after' and 'before'")
        if self.text is None and not self.blocks:
            raise ValueError("a section needs a 'text' or 'blocks'")
        return self

    def tables(self) -> list[tuple[int, TableSpec]]:
        """(index among the blocks, table) of each table block."""
        return [(i, b.table) for i, b in enumerate(self.blocks) if isinstance(b, TableBlock)]
