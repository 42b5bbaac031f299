"""Load the report's own sections (``sections/*.yaml``) with their tables, and check their charts.

Each file is validated against ``SectionFile``; each table's rows are read (inline, or from its
CSV or XLSX file through ``cells``, every cell checked against its column); each chart is checked
against the table it draws: its category and series are columns of it, the series numeric and of
one type with no empty cell, and a doughnut one series of positive parts of a whole. What passes
is what every writer can draw. Ids that must be unique across files (tables) and the sections'
places (``outline``) are checked by ``report_problems`` once every file is read.
"""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from reportgen.data.cells import LoadedTable, file_table, inline_table
from reportgen.data.folders import display_path
from reportgen.data.section_schema import ChartBlock, ChartSpec, SectionFile
from reportgen.errors import Problem, ReportError, shown

SECTIONS_DIR = "sections"
NUMERIC = ("number", "percent", "money")
WHOLE_TOLERANCE = 0.5  # percentage points a doughnut's percentages may miss 100 by (rounding in the source)


@dataclass(frozen=True)
class SectionSource:
    """A section file, validated, with its tables' rows read and checked."""

    path: Path
    file: SectionFile
    tables: dict[str, LoadedTable] = field(default_factory=dict)  # by table id, in file order


def chart_id(index: int, chart: ChartSpec) -> str:
    """A chart's id within its section: its own, or chart-<n> from its place among the blocks."""
    return chart.id or f"chart-{index + 1}"


def load_section(path: Path, file: SectionFile, folder: Path) -> SectionSource:
    """Read every table of a validated section file and check its charts; ReportError with every problem."""
    shown_path = display_path(path)
    problems: list[Problem] = []
    tables: dict[str, LoadedTable] = {}
    for i, spec in file.tables():
        if spec.id in tables:
            problems.append(Problem(shown_path, f"blocks[{i}].table.id", f"duplicate table id {shown(spec.id)}"))
            continue
        try:
            tables[spec.id] = file_table(spec, folder) if spec.file else inline_table(spec, shown_path, f"blocks[{i}].table")
        except ReportError as exc:
            problems += exc.problems
    charts = [(i, b.chart) for i, b in enumerate(file.blocks) if isinstance(b, ChartBlock)]
    ids = Counter(chart_id(i, c) for i, c in charts)
    for i, chart in charts:
        where = f"blocks[{i}].chart"
        if ids[chart_id(i, chart)] > 1:
            problems.append(Problem(shown_path, f"{where}.id", "two charts of this section have this id"))
        problems += _chart_problems(chart, tables, file, shown_path, where)
    if problems:
        raise ReportError(problems)
    return SectionSource(path, file, tables)


def _chart_problems(chart: ChartSpec, tables: dict[str, LoadedTable], file: SectionFile, path: str, where: str) -> list[Problem]:
    own = [spec.id for _, spec in file.tables()]
    if chart.table not in own:
        known = ", ".join(map(repr, own)) or "none"
        return [Problem(path, f"{where}.table", f"no table {shown(chart.table)} in this section (its tables: {known})")]
    if chart.table not in tables:
        return []  # the table itself is wrong, and said so
    table = tables[chart.table]
    columns = {c.key: c for c in table.spec.columns}
    out = []
    if chart.category not in columns:
        out.append(Problem(path, f"{where}.category", f"no column {shown(chart.category)} in table {shown(chart.table)}"))
    kinds = set()
    for j, key in enumerate(chart.series):
        column = columns.get(key)
        field_ = f"{where}.series[{j}]"
        if column is None:
            out.append(Problem(path, field_, f"no column {shown(key)} in table {shown(chart.table)}"))
        elif column.type not in NUMERIC:
            out.append(Problem(path, field_, f"the column {shown(key)} holds {column.type}: a chart plots number, percent or money"))
        elif key == chart.category:
            out.append(Problem(path, field_, "the category column cannot be a series too"))
        else:
            kinds.add(column.type)
            empty = [origin for row, origin in zip(table.rows, table.origins, strict=True) if row[table.column(key)] is None]
            if empty:
                out.append(Problem(path, field_, f"the column {shown(key)} has an empty cell ({empty[0]}): a chart needs "
                                                 "every value"))
    if len(kinds) > 1:
        out.append(Problem(path, f"{where}.series", f"the series hold {' and '.join(sorted(kinds))}: one chart has one value axis, "
                                                    "so plot columns of one type"))
    if out or chart.kind != "doughnut":
        return out
    if len(chart.series) != 1:
        return [Problem(path, f"{where}.series", "a doughnut shows one series: parts of one whole")]
    column = columns[chart.series[0]]
    values = [row[table.column(column.key)] for row in table.rows]
    if any(v <= 0 for v in values):  # type: ignore[operator]
        return [Problem(path, f"{where}.series", f"a doughnut shows parts of a whole, but {shown(column.key)} has values of 0 "
                                                  "or less")]
    total = math.fsum(values)  # type: ignore[arg-type]
    if column.type == "percent" and abs(total - 100) > WHOLE_TOLERANCE:
        return [Problem(path, f"{where}.series", f"a doughnut of percentages shows parts of a whole, but {shown(column.key)} "
                                                  f"sums to {total:.2f}%, not 100% (tolerance {WHOLE_TOLERANCE} pp)")]
    return []


def report_problems(sections: tuple[SectionSource, ...]) -> list[Problem]:
    """What involves more than one section file (table ids are unique across the report), and a
    warning for a percent column whose values all look like fractions (0.315 written for 31.5 %)."""
    seen: dict[str, str] = {}
    out = []
    for s in sections:
        path = display_path(s.path)
        for i, spec in s.file.tables():
            if spec.id in seen and seen[spec.id] != path:
                out.append(Problem(path, f"blocks[{i}].table.id", f"duplicate table id {shown(spec.id)} (also in {seen[spec.id]})"))
            seen.setdefault(spec.id, path)
            table = s.tables.get(spec.id)
            for j, column in enumerate(spec.columns):
                values = [row[j] for row in table.rows if row[j] is not None] if table and column.type == "percent" else []
                if any(values) and all(abs(v) < 1 for v in values):  # type: ignore[arg-type]
                    out.append(Problem(path, f"blocks[{i}].table.columns[{j}]", f"every value of the percent column "
                                       f"{shown(column.key)} is below 1: percentages are written as 31.5 for 31.5 %, so "
                                       f"{values[0]:g} is {values[0]:g} %; write {values[0] * 100:g} for {values[0] * 100:g} %",
                                       severity="warning"))
    return out
