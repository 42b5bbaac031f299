"""The workbook is a live model: LibreOffice, recalculating headless, agrees with the data layer.

Three copies of the made-up market's workbook go through one LibreOffice run that is forced to
recalculate every formula on load:

- every cached result zeroed: recalculation must bring back the data layer's numbers
  (to 1e-9 relative), which it can only do by really computing them;
- one market anchor changed, and
- one sub-segment's growth assumption changed, both with the stale cached results left in:
  the recalculated workbook must equal the data layer run on the same change to the input
  files, and segments must still add up to their parents.
"""

from __future__ import annotations

import io
import shutil
from pathlib import Path

import openpyxl
import pytest
import yaml

from reportgen.data import analyse
from reportgen.data.compute import ComputedReport
from reportgen.model import build_report
from reportgen.writers.xlsx import render
from tests.conftest import NORDIC
from tests.libreoffice import recalculate, soffice
from tests.writers.xlsx.xlsx_parts import dimension_sheet, label_rows, set_number, yearly, zero_cached_results

if soffice() is None:
    pytest.skip("LibreOffice (soffice) is not installed: the headless recalculation check needs it "
                "(.ci/run installs libreoffice-calc-nogui)", allow_module_level=True)

REL = 1e-9
ANCHOR_YEAR, ANCHOR_FACTOR = 2026, 1.1
SEGMENT, SEGMENT_GROWTH = "Autonomous mobile robots", 30.0  # percent, as in the input file


def _computed(folder: Path) -> ComputedReport:
    return analyse(folder).computed


def _changed_inputs(tmp: Path) -> tuple[ComputedReport, ComputedReport]:
    """The data layer run on the same two changes made to copies of the input files."""
    anchor_dir, growth_dir = tmp / "anchor" / NORDIC.name, tmp / "growth" / NORDIC.name
    for folder in (anchor_dir, growth_dir):
        shutil.copytree(NORDIC, folder)
    report = yaml.safe_load((anchor_dir / "report.yaml").read_text())
    anchor = next(a for a in report["market"]["anchors"] if a["year"] == ANCHOR_YEAR)
    anchor["value"] *= ANCHOR_FACTOR
    (anchor_dir / "report.yaml").write_text(yaml.safe_dump(report))
    path = next(p for p in (growth_dir / "dimensions").glob("*.yaml") if SEGMENT in p.read_text())
    dim = yaml.safe_load(path.read_text())
    next(s for s in dim["segments"] if s["name"] == SEGMENT)["growth"] = SEGMENT_GROWTH
    path.write_text(yaml.safe_dump(dim))
    return _computed(anchor_dir), _computed(growth_dir)


def _input_ref(formulas: openpyxl.Workbook, data: ComputedReport) -> str:
    """The Assumptions cell of SEGMENT's growth, found through the link on its dimension sheet."""
    dim = next(d for d in data.dimensions if any(s.name == SEGMENT for s in d.segments))
    ws = dimension_sheet(formulas, dim)
    link = ws.cell(label_rows(ws, SEGMENT)[0], 3).value  # '=Assumptions!$D$42'
    return link.split("!")[1].replace("$", "")


@pytest.fixture(scope="module")
def recalculated(nordic_analysis, tmp_path_factory) -> dict:
    """Build once, make the three copies, recalculate them in one LibreOffice run."""
    tmp = tmp_path_factory.mktemp("recalc")
    data = render(build_report(nordic_analysis))
    formulas = openpyxl.load_workbook(io.BytesIO(data))
    (sheet, anchor_ref), = formulas.defined_names[f"Market_{ANCHOR_YEAR}"].destinations
    anchor_value = formulas[sheet][anchor_ref.replace("$", "")].value
    copies = {
        "unchanged": zero_cached_results(data),
        "anchor": set_number(data, sheet, anchor_ref.replace("$", ""), anchor_value * ANCHOR_FACTOR),
        "growth": set_number(data, "Assumptions", _input_ref(formulas, nordic_analysis.computed), SEGMENT_GROWTH / 100),
    }
    paths = []
    for name, body in copies.items():
        paths.append(tmp / f"{name}.xlsx")
        paths[-1].write_bytes(body)
    outputs = recalculate(paths, tmp)
    expected_anchor, expected_growth = _changed_inputs(tmp)
    return {
        "original": openpyxl.load_workbook(io.BytesIO(data), data_only=True),
        "stale": openpyxl.load_workbook(io.BytesIO(copies["unchanged"]), data_only=True),
        "formulas": formulas,
        **{name: openpyxl.load_workbook(path, data_only=True) for name, path in zip(copies, outputs, strict=True)},
        "expected": {"unchanged": nordic_analysis.computed, "anchor": expected_anchor, "growth": expected_growth},
    }


def _close(a: float, b: float) -> bool:
    return a == pytest.approx(b, rel=REL, abs=1e-12)


def assert_matches(wb: openpyxl.Workbook, data: ComputedReport) -> None:
    """Market totals and every segment's revenue and volume equal the data layer's, to REL."""
    market = wb["Market"]
    (rev,) = label_rows(market, "Revenue")
    (vol,) = label_rows(market, data.meta.volume.name)
    for y, value in yearly(market, rev, data.years).items():
        assert _close(value, data.total[y]), ("revenue", y, value, data.total[y])
    for y, value in yearly(market, vol, data.years).items():
        assert _close(value, data.volume[y]), ("volume", y, value, data.volume[y])
    for dim in data.dimensions:
        ws = dimension_sheet(wb, dim)
        for seg in dim.segments:
            rev_row, vol_row = label_rows(ws, seg.name)
            for y, value in yearly(ws, rev_row, data.years).items():
                assert _close(value, seg.revenue[y]), (dim.id, seg.name, y, value, seg.revenue[y])
            for y, value in yearly(ws, vol_row, data.years).items():
                assert _close(value, seg.volume[y]), (dim.id, seg.name, "volume", y, value, seg.volume[y])


def assert_segments_add_up(wb: openpyxl.Workbook, data: ComputedReport) -> None:
    """Every check row is zero: each group of segments sums to its parent after recalculation."""
    for dim in data.dimensions:
        ws = dimension_sheet(wb, dim)
        checks = [c.row for c in ws["A"] if isinstance(c.value, str) and c.value.startswith("Check:")]
        assert checks
        for row in checks:
            totals = yearly(ws, row - 1, data.years)
            for y, value in yearly(ws, row, data.years).items():
                assert abs(value) <= REL * totals[y], (dim.id, row, y, value)


def test_recalculation_really_happens(recalculated):
    """The zeroed copy reads 0 before LibreOffice and the data layer's numbers after it."""
    data = recalculated["expected"]["unchanged"]
    (row,) = label_rows(recalculated["stale"]["Market"], "Revenue")
    assert set(yearly(recalculated["stale"]["Market"], row, data.years).values()) == {0}
    assert_matches(recalculated["unchanged"], data)


def test_every_formula_recalculates_to_its_cached_value(recalculated):
    """Not only the rows checked above: every formula cell of every sheet.

    A check row is a difference of two nearly equal sums, so its round-off is measured against
    the total above it rather than against itself.
    """
    original, after, formulas = recalculated["original"], recalculated["unchanged"], recalculated["formulas"]
    count = 0
    for ws in formulas.worksheets:
        for row in ws.iter_rows():
            is_check = isinstance(row[0].value, str) and row[0].value.startswith("Check:")
            for cell in row:
                if cell.data_type != "f":
                    continue
                cached, again = original[ws.title][cell.coordinate].value, after[ws.title][cell.coordinate].value
                if is_check:
                    total = original[ws.title].cell(cell.row - 1, cell.column).value
                    assert abs(again - cached) <= REL * abs(total), (ws.title, cell.coordinate, cached, again)
                else:
                    assert _close(again, cached), (ws.title, cell.coordinate, cell.value, cached, again)
                count += 1
    assert count > 500


def test_a_changed_anchor_flows_through_totals_and_segments(recalculated):
    before, after = recalculated["expected"]["unchanged"], recalculated["expected"]["anchor"]
    assert after.total[ANCHOR_YEAR] == pytest.approx(before.total[ANCHOR_YEAR] * ANCHOR_FACTOR)
    assert_matches(recalculated["anchor"], after)
    assert_segments_add_up(recalculated["anchor"], after)
    market = recalculated["anchor"]["Market"]
    (row,) = label_rows(market, "Revenue")
    assert yearly(market, row, after.years)[ANCHOR_YEAR] != pytest.approx(before.total[ANCHOR_YEAR])


def test_a_changed_growth_assumption_shifts_shares_not_the_total(recalculated):
    before, after = recalculated["expected"]["unchanged"], recalculated["expected"]["growth"]
    wb = recalculated["growth"]
    assert_matches(wb, after)
    assert_segments_add_up(wb, after)
    (row,) = label_rows(wb["Market"], "Revenue")
    assert all(_close(v, before.total[y]) for y, v in yearly(wb["Market"], row, after.years).items())
    dim = next(d for d in after.dimensions if any(s.name == SEGMENT for s in d.segments))
    old = next(d for d in before.dimensions if d.id == dim.id).segment(SEGMENT)
    end = after.years[-1]
    ws = dimension_sheet(wb, dim)
    recalculated_end = yearly(ws, label_rows(ws, SEGMENT)[0], after.years)[end]
    assert recalculated_end > old.revenue[end] * 1.01  # faster own growth: a larger slice of its parent
