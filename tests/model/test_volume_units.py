"""Volumes counted in a multiple of items ('thousand robots'): counts with decimals, prices per
item, the short form in tables, and a workbook whose live formulas divide by the multiple."""

from __future__ import annotations

import io
import math
import shutil
from pathlib import Path

import openpyxl
import pytest
import yaml

from reportgen.data import analyse
from reportgen.errors import ReportError
from reportgen.model import build_report
from reportgen.model.elements import Table
from reportgen.writers.xlsx import render
from tests.conftest import NORDIC
from tests.libreoffice import recalculate, soffice
from tests.writers.xlsx.xlsx_parts import label_rows, yearly, zero_cached_results


def thousands(tmp_path: Path, **volume: object) -> Path:
    folder = tmp_path / NORDIC.name
    shutil.copytree(NORDIC, folder)
    report = yaml.safe_load((folder / "report.yaml").read_text())
    report["volume"].update({"unit": "thousand robots", "unit_short": "k robots", "unit_scale": 1000, "item": "robot", **volume})
    report["volume"] = {k: v for k, v in report["volume"].items() if v is not None}
    (folder / "report.yaml").write_text(yaml.safe_dump(report, allow_unicode=True))
    return folder


def test_a_volume_in_thousands_needs_the_word_for_one_item(tmp_path: Path):
    with pytest.raises(ReportError) as excinfo:
        analyse(thousands(tmp_path, item=None))
    [problem] = excinfo.value.problems
    assert problem.field == "volume.item" and "the price is that of one item" in problem.message


def test_volumes_in_thousands_read_with_decimals_and_prices_per_item(tmp_path: Path):
    scaled_analysis = analyse(thousands(tmp_path))
    plain, scaled = analyse(NORDIC).computed, scaled_analysis.computed
    base = plain.base_year
    assert math.isclose(scaled.volume[base] * 1000, plain.volume[base], rel_tol=1e-12)  # the same robots, counted in thousands
    report = build_report(scaled_analysis)
    shown = report.fmt.count(scaled.volume[base])
    assert shown == f"{scaled.volume[base]:,.1f}" and shown != f"{round(scaled.volume[base]):,}"
    overview = report.section("overview")
    assert any(f"{shown} thousand robots" in p.text.plain for p in overview.find(type(overview.blocks[0])))
    [table] = [t for t in overview.find(Table) if t.id == "market-size"]
    assert next(c for c in table.columns if c.key == "volume").unit == "k robots"  # tables use the short form
    assert report.workbook.price.item == "robot" and report.workbook.price.items_per_unit == 1000


def test_the_workbook_divides_volumes_by_the_items_in_one_unit(tmp_path: Path):
    report = build_report(analyse(thousands(tmp_path)))
    data = render(report)
    book = openpyxl.load_workbook(io.BytesIO(data))
    assumptions = book[report.gettext("Assumptions")]
    [row] = label_rows(assumptions, "Items in one thousand robots")
    assert assumptions.cell(row, 3).value == 1000
    market = book[report.gettext("Market")]
    [price_row] = label_rows(market, "Average price")
    assert market.cell(price_row, 2).value == "EUR per robot"
    [volume_row] = label_rows(market, "Robots installed")
    years = range(report.workbook.years[0], report.workbook.years[-1] + 1)
    formulas = yearly(market, volume_row, years)
    assert all(str(f).endswith("/VolumeScale") for f in formulas.values())
    if soffice() is None:
        pytest.skip("LibreOffice is not installed: the recalculation half of this test needs it")
    source = tmp_path / "book.xlsx"
    source.write_bytes(zero_cached_results(data))
    [recalculated] = recalculate([source], tmp_path / "recalc")
    values = yearly(openpyxl.load_workbook(recalculated, data_only=True)[report.gettext("Market")], volume_row, years)
    cached = report.workbook.price.volume.values
    assert all(math.isclose(values[y], cached[y], rel_tol=1e-9) for y in years)
