"""The workbook part of the model: the inputs with their provenance, and every value the live
workbook caches, equal to the data layer's."""

from __future__ import annotations

import pickle
import subprocess
import sys

import pytest
import yaml

from reportgen.data import analyse
from reportgen.model import Report, build_report
from reportgen.model.workbook import sibling_groups
from tests.conftest import NORDIC, ROOT


def test_market_inputs_carry_value_status_basis_and_location(nordic_report: Report, nordic_analysis):
    market, source = nordic_report.workbook.market, nordic_analysis.computed.meta.market
    assert market.key == "Market"
    assert [(a.year, a.value) for a in market.anchors] == [(a.year, a.value) for a in source.anchors]
    for i, anchor in enumerate(market.anchors):
        assert anchor.provenance.where == f"report.yaml: market.anchors[{i}]"
        assert anchor.provenance.sourced == bool(source.anchors[i].source)
        assert anchor.provenance.basis.plain == (source.anchors[i].source or source.anchors[i].estimate)
    spans = [a.span for a in market.assumptions]
    assert "2027-2030" in spans and "2017" in spans  # a single year reads as one year
    assert all(not a.provenance.sourced and a.provenance.basis for a in market.assumptions)
    assert [a.growth for a in market.assumptions] == [g.growth / 100 for g in source.assumptions]


def test_market_values_growth_and_cagrs_are_the_data_layers(latam_report: Report, latam_analysis):
    data, values = latam_analysis.computed, latam_report.workbook.market.values
    assert values.values == dict(data.total.items())
    assert values.growth == {y: data.total.growth(y) for y in list(data.years)[1:]}
    assert values.cagr == {p: data.total.cagr(*p) for p in data.periods}
    (comparison,) = latam_report.workbook.comparisons
    assert comparison.share == {y: data.total[y] / data.comparisons[0].values[y] for y in data.years}


def test_price_and_volume_rows_come_with_the_reports_volume(latam_report: Report, latam_analysis):
    price, data = latam_report.workbook.price, latam_analysis.computed
    assert price is not None and price.scale == data.meta.unit.scale
    assert price.volume.values == dict(data.volume.items()) and price.price.values == dict(data.price.items())
    assert price.change == data.meta.volume.price.change / 100
    assert price.base_provenance.where == "report.yaml: volume.price.base"
    assert price.change_provenance.where == "report.yaml: volume.price.change"
    assert all(g.volume is not None for d in latam_report.workbook.dimensions for g in d.groups)


def test_a_report_without_volume_has_no_price_or_volume_rows(report_copy):
    folder = report_copy(NORDIC)
    meta = yaml.safe_load((folder / "report.yaml").read_text())
    del meta["volume"]
    (folder / "report.yaml").write_text(yaml.safe_dump(meta))
    workbook = build_report(analyse(folder)).workbook
    assert workbook.price is None
    assert all(g.volume is None for d in workbook.dimensions for g in d.groups)


def test_sibling_groups_list_parents_before_their_children(nordic_analysis):
    dim = next(d for d in nordic_analysis.computed.dimensions if d.parents)
    groups = sibling_groups(dim)
    assert groups[0][0] is None  # the top level first
    seen = {None}
    for parent, kids in groups:
        assert (parent.name if parent else None) in seen  # each parent appeared in an earlier group
        seen |= {k.name for k in kids}
    assert seen - {None} == {s.name for s in dim.segments}


def test_groups_total_to_their_parent_and_check_to_zero(nordic_report: Report, nordic_analysis):
    data = nordic_analysis.computed
    for dim, computed in zip(nordic_report.workbook.dimensions, data.dimensions, strict=True):
        top = dim.groups[0]
        assert top.parent is None
        assert top.revenue.total.values == pytest.approx(dict(data.total.items()), rel=1e-12)
        assert top.revenue.total.shares == pytest.approx({y: 1.0 for y in nordic_report.workbook.share_years})
        for group in dim.groups:
            assert all(abs(v) < 1e-9 for v in group.revenue.check.values())
            for seg, row in zip(group.segments, group.revenue.rows, strict=True):
                revenue = computed.segment(seg.key).revenue
                assert row.values == dict(revenue.items())
                assert row.cagr == {p: revenue.cagr(*p) for p in data.periods}


def test_a_blank_share_is_marked_as_the_remainder_of_its_siblings(latam_report: Report, latam_analysis):
    given = {(d.id, s.name): s.share for _, d in latam_analysis.computed.source.dimensions for s in d.segments}
    segments = [(dim.id, s) for dim in latam_report.workbook.dimensions for g in dim.groups for s in g.segments]
    assert any(s.remainder for _, s in segments)
    for dim_id, seg in segments:
        assert seg.remainder == (given[(dim_id, seg.key)] is None)
        if seg.remainder:
            assert seg.provenance.basis.plain == "remainder: 100% less the other shares"
        assert seg.provenance.where.startswith("dimensions/") and ": segments[" in seg.provenance.where


def test_data_strings_are_in_the_editions_language(latam_analysis):
    spanish = build_report(latam_analysis, lang="es").workbook
    english = build_report(latam_analysis).workbook
    assert spanish.market.name != english.market.name and spanish.market.name[0].isupper()
    assert spanish.dimensions[0].title != english.dimensions[0].title
    assert spanish.companies is not None and spanish.companies.columns[0].label == "Empresa"


def test_companies_and_developments_are_tables_of_one_field_a_column(latam_report: Report, latam_analysis):
    content, meta = latam_analysis.computed.source.content, latam_analysis.computed.meta
    companies, developments = latam_report.workbook.companies, latam_report.workbook.developments
    assert len(companies.rows) == len(meta.key_players) + len(content.investors) + len(content.startups)
    assert {r.cells[1] for r in companies.rows} == {"Key player", "Investor", "Start-up"}
    dates = [r.cells[0] for r in developments.rows]
    assert dates == sorted(dates, reverse=True) and len(dates) == len(content.developments)


def test_a_report_with_its_workbook_is_read_and_written_without_the_data_layer_or_the_builders(nordic_report: Report):
    """The workbook's types are the model's (``elements``): a worker that unpickles a report and
    writes its workbook imports neither the data layer nor the code that built the report."""
    probe = ("import pickle, sys\nreport = pickle.loads(sys.stdin.buffer.read())\nfrom reportgen.writers import xlsx\n"
             "assert xlsx.render(report)[:2] == b'PK'\n"
             "builders = ('reportgen.data', 'reportgen.model.workbook', 'reportgen.model.builder')\n"
             "print(sorted(m for m in sys.modules if m.startswith(builders)))")
    proc = subprocess.run([sys.executable, "-c", probe], cwd=ROOT, input=pickle.dumps(nordic_report), capture_output=True)
    assert proc.returncode == 0 and proc.stdout.decode().strip() == "[]", proc.stderr.decode()
