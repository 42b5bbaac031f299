"""What a screen reader finds in the workbook: every chart and picture described, in the sentence
the report's own charts use (the deck's and the PDF's alternative text), and headings it can
announce with each cell (Excel tables, and the ``Title`` name on sheets of yearly blocks)."""

from __future__ import annotations

import io
import re
from pathlib import Path

import openpyxl
import pytest

from reportgen.data import analyse
from reportgen.model import Report, build_report
from reportgen.model.elements import Branding
from reportgen.writers.xlsx import render
from tests.conftest import JAPAN, LATAM, NORDIC, ROOT, WORLD
from tests.writers.xlsx.test_xlsx import _png
from tests.writers.xlsx.xlsx_parts import drawing_descriptions, year_columns

MIDEAST = ROOT / "tests" / "fixtures" / "mideast-implants"
EDITIONS = [(LATAM, "en"), (LATAM, "es"), (NORDIC, "en"), (MIDEAST, "es"), (WORLD, "en"), (JAPAN, "es")]


@pytest.fixture(scope="module", params=EDITIONS, ids=lambda e: f"{e[0].name}-{e[1]}")
def edition(request) -> tuple[Report, bytes]:
    folder, lang = request.param
    report = build_report(analyse(folder), lang=lang)
    return report, render(report)


def test_every_chart_says_what_the_reports_chart_says(edition):
    report, data = edition
    said = {c.id: c.alt_text for c in report.charts()}
    described = drawing_descriptions(data)
    wb = report.workbook
    market = described[report.gettext("Market")]
    assert market == [said["market-size"], *([said["volume"]] if wb.price else []), *([said["comparison"]] if wb.comparisons else [])]
    book = openpyxl.load_workbook(io.BytesIO(data))
    for dim in wb.dimensions:
        sheet = next(ws.title for ws in book.worksheets if ws["A1"].value == report.gettext("By {dimension}").format(
            dimension=dim.title.lower()))
        top, *subs = described[sheet]
        assert top == said[f"{dim.id}-trend"]  # the same sentence as the report's revenue chart
        assert subs == [g.chart for g in dim.groups[1:]] and all(g.parent.name in g.chart for g in dim.groups[1:])
    charts = [d for sheet in described.values() for d in sheet]
    assert charts and all(d and d.strip() for d in charts)  # no chart without a description


def test_sub_segment_charts_read_like_the_report_in_its_language(edition):
    report, _ = edition
    for dim in report.workbook.dimensions:
        for group in dim.groups[1:]:
            assert re.search(r"\d{4}-\d{4}", group.chart)
            if report.lang.code == "es":
                assert group.chart.startswith("Gráfico de columnas apiladas del segmento") and "subsegmento" in group.chart
            elif report.lang.code == "en":
                assert group.chart.startswith("Stacked column chart of the") and "largest sub-segment" in group.chart


def test_headings_are_announced_with_each_cell(edition):
    report, data = edition
    book = openpyxl.load_workbook(io.BytesIO(data))
    for ws in book.worksheets:
        for table in ws.tables.values():  # Excel tables: a heading row naming every column
            assert table.headerRowCount == 1
            first = ws[table.ref.split(":")[0]]
            assert [ws.cell(first.row, first.column + i).value for i in range(len(table.tableColumns))] == \
                [c.name for c in table.tableColumns]
    years = report.workbook.years
    titled = {ws.title: ws.defined_names["Title"].attr_text for ws in book.worksheets if "Title" in ws.defined_names}
    assert report.gettext("Market") in titled  # and every dimension sheet: counted below
    for name, ref in titled.items():
        ws = book[name]
        cell = ws[ref.split("!")[1].replace("$", "")]
        assert cell.column == 1 and cell.font.b  # the first heading of the sheet's first heading row
        assert [ws.cell(cell.row, c).value for c in year_columns(ws, years).values()] == list(years)
    assert len(titled) == 1 + len(report.workbook.dimensions)


def test_the_clients_logo_is_described(tmp_path: Path, nordic_analysis):
    branding = Branding(client="Acme Logistics", logo=_png(tmp_path / "logo.png"))
    described = drawing_descriptions(render(build_report(nordic_analysis, branding=branding)))
    assert "Logo of Acme Logistics" in described["Contents"]
