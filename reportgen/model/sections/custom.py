"""A section of the report's own (``sections/*.yaml``): its prose, tables and charts as model blocks.

Tables keep raw values with the model's value types (a percentage as a fraction, money in the
report's unit with its unit in the heading), so every writer formats and lays them out as it does
the built-in tables; charts plot a table's columns and say which (``Chart.table``, ``columns``), so
the workbook can chart the table's own cells. Texts go through the edition's translations, as
every data text does; the section's and its blocks' prose is Markdown, made into paragraphs and
lists as ``content.yaml``'s paragraphs are (``Context.prose``), and a table's note is plain text
as every note under a table is (``Context.plain``). Table and chart ids are prefixed with the section's
(``regulation.approvals``), which no built-in id can be: ids stay unique across the report.
"""

from __future__ import annotations

import math

from reportgen.data.cells import LoadedTable
from reportgen.data.section_schema import ChartBlock, ChartSpec, TableBlock, TableColumn, TextBlock
from reportgen.data.sections import SectionSource, chart_id
from reportgen.format import ValueType
from reportgen.model.context import Context
from reportgen.model.elements import Block, Chart, ChartSeries, Column, Row, Section, SectionKind, Table


def section(ctx: Context, source: SectionSource) -> Section:
    f, t = source.file, ctx.t
    blocks: list[Block] = [*ctx.prose(f.text)] if f.text else []
    tables: dict[str, Table] = {}
    for i, block in enumerate(f.blocks):
        if isinstance(block, TextBlock):
            blocks += ctx.prose(block.text)
        elif isinstance(block, TableBlock):
            table = _table(ctx, f.id, source.tables[block.table.id])
            tables[block.table.id] = table
            blocks.append(table)
        elif isinstance(block, ChartBlock):
            blocks.append(_chart(ctx, f"{f.id}.{chart_id(i, block.chart)}", block.chart, source.tables[block.chart.table],
                                 tables[block.chart.table]))
    title = t(f.title)
    return Section(f.id, title, SectionKind.CUSTOM, tuple(blocks), headline=t(f.headline) if f.headline else "")


def _decimals(column: TableColumn, loaded: LoadedTable) -> int | None:
    """A number column's places: its own, or as many as its values need (at most six)."""
    if column.type != "number":
        return None
    if column.decimals is not None:
        return column.decimals
    values = [v for row in loaded.rows if isinstance(v := row[loaded.column(column.key)], int | float)]
    return max((len(f"{v:.6f}".rstrip("0").split(".")[1]) for v in values), default=0)


def _column(ctx: Context, column: TableColumn, loaded: LoadedTable) -> Column:
    label = ctx.t(column.label or column.key)
    if column.type == "money":
        unit = ctx.fmt.money_unit
        return Column(column.key, ctx._("{label} ({unit})").format(label=label, unit=unit), "money", unit)
    return Column(column.key, label, column.type, decimals=_decimals(column, loaded))


def _cell(ctx: Context, value: object, kind: ValueType) -> object:
    if value is None:
        return None
    if kind == "percent":
        return value / 100  # type: ignore[operator]
    return ctx.t(value) if kind == "text" else value  # type: ignore[arg-type]


def _table(ctx: Context, section_id: str, loaded: LoadedTable) -> Table:
    spec = loaded.spec
    columns = tuple(_column(ctx, c, loaded) for c in spec.columns)
    rows = tuple(Row(tuple(_cell(ctx, v, c.type) for v, c in zip(row, columns, strict=True))) for row in loaded.rows)
    return Table(f"{section_id}.{spec.id}", ctx.t(spec.title), columns, rows, source=ctx.t(spec.source) if spec.source else "",
                 note=ctx.plain(spec.note) if spec.note else "")


def _chart(ctx: Context, model_id: str, spec: ChartSpec, loaded: LoadedTable, table: Table) -> Chart:
    """The chart of ``spec`` over the model ``table`` (made from ``loaded``); a doughnut shows each
    category's share of the series' total (a percentage column that sums to 100 % is its own)."""
    _, fmt = ctx._, ctx.fmt
    by_key = {c.key: (i, c) for i, c in enumerate(table.columns)}
    cat_index, cat_column = by_key[spec.category]
    categories = tuple(fmt.value(row.cells[cat_index], cat_column.type, cat_column.decimals) for row in table.rows)
    picked = [by_key[key] for key in spec.series]
    kind: ValueType = picked[0][1].type
    decimals = picked[0][1].decimals
    series = [ChartSeries(column.label, tuple(float(row.cells[i]) for row in table.rows)) for i, column in picked]  # type: ignore[arg-type]
    if spec.kind == "doughnut":
        total = math.fsum(series[0].values)
        series = [ChartSeries(series[0].name, tuple(v / total for v in series[0].values))]
        kind, decimals = "percent", None
    axis = ctx.t(spec.axis) if spec.axis else (fmt.money_unit if kind == "money" else picked[0][1].label if len(picked) == 1 else "")
    listing = "; ".join(
        f"{s.name}: " + ", ".join(f"{c} {fmt.figure(v, kind, decimals)}" for c, v in zip(categories, s.values, strict=True))
        for s in series
    )
    title = ctx.t(spec.title)
    alt = _("{chart}: {title}. {values}.").format(chart=_chart_kind(ctx, spec.kind), title=title, values=listing)
    return Chart(model_id, title, spec.kind, categories, tuple(series), kind, axis, table.source, alt, decimals=decimals,
                 table=table.id, columns=(spec.category, *spec.series))


def _chart_kind(ctx: Context, kind: str) -> str:
    _ = ctx._
    return {"bar": _("Bar chart"), "column": _("Column chart"), "stacked_column": _("Stacked column chart"),
            "line": _("Line chart"), "doughnut": _("Doughnut chart")}[kind]
