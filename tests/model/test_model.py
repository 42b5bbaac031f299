"""The report model: every section, generated sentences that match the numbers, chart specs."""

from __future__ import annotations

from reportgen.model import Chart, ItemList, Report, Table

EXPECTED = [
    "takeaways",
    "summary",
    "overview",
    "outlook",
    "technology",
    "initiatives",
    "dim-therapy-type",
    "dim-therapeutic-area",
    "dim-vector",
    "dim-cell-source",
    "dim-manufacturing",
    "dim-end-user",
    "regional",
    "comparison",
    "value-chain",
    "vendors",
    "companies",
    "developments",
    "segments-covered",
    "methodology",
    "faq",
    "appendix",
]


def test_sections_in_order(latam_report: Report):
    assert [s.id for s in latam_report.sections] == EXPECTED


def test_action_titles_are_generated_from_the_numbers(latam_report: Report, latam_analysis):
    s = latam_report.section("regional")
    assert s.headline == "Leader: Brazil (38.0% in 2024); fastest-growing: Mexico (35.54% CAGR)"
    mexico = next(d for d in latam_analysis.computed.dimensions if d.id == "country").segment("Mexico")
    assert f"{mexico.revenue.cagr(2024, 2034) * 100:.2f}%" in s.headline


def test_every_dimension_has_share_and_trend_charts_with_model_numbers(latam_report: Report, latam_analysis):
    for dim in latam_analysis.computed.dimensions:
        section = next(s for s in latam_report.sections if s.id in (f"dim-{dim.id}", "regional") and dim.title.lower() in s.title)
        charts = {c.kind: c for c in section.find(Chart)}
        assert set(charts) == {"doughnut", "stacked_column"}
        assert charts["doughnut"].series[0].values == tuple(s.share_in(2024) for s in dim.top)
        assert charts["stacked_column"].series[0].values == tuple(dim.top[0].revenue.values)
        assert dim.top[0].name in charts["doughnut"].alt_text


def test_yearly_tables_carry_raw_numbers_and_a_total(latam_report: Report, latam_analysis):
    table = latam_report.section("dim-therapy-type").find(Table)[0]
    assert table.year_columns == 14
    total = table.rows[-1]
    assert total.kind == "total" and total.cells[0] == "Total"
    assert total.cells[1:15] == tuple(latam_analysis.computed.total.values)


def test_methodology_lists_every_estimate_and_the_warning(latam_report: Report, latam_analysis):
    data = latam_analysis.computed
    section = latam_report.section("methodology")
    figures = section.find(Table)[0]
    estimates = [r for r in figures.rows if r.cells[2] == "estimate"]
    figures_estimated = [f for f in data.figures if f.status == "estimate"]
    growth = [f for f in figures_estimated if f.subject.kind == "growth"]
    # Every estimate is listed; growth assumptions share one row per dimension, naming each segment.
    assert len(estimates) == len(figures_estimated) - len(growth) + len(data.dimensions)
    grouped = " ".join(r.cells[1] for r in estimates if "assumed growth per" in r.cells[0])
    assert all(f"{f.subject.segment} {latam_report.fmt.percent(f.value)}" in grouped for f in growth)
    assert all(r.cells[3] for r in estimates)  # every estimate says why
    warnings = section.find(ItemList)[0]
    assert any("31.61%" in i.text.plain for i in warnings.items)


def test_made_up_market_gets_its_own_sections(nordic_report: Report):
    ids = [s.id for s in nordic_report.sections]
    assert "dim-robot-type" in ids and "regional" in ids and "dim-buyer" in ids
    assert "comparison" not in ids and "vendors" not in ids  # no such data, no empty section
    assert nordic_report.fmt.money(420) == "EUR\xa0420.00 m"
    sub = nordic_report.section("robot-type-autonomous-mobile-robots")
    assert "Swarm AMRs" in sub.headline or "Single AMRs" in sub.headline


def test_an_outline_without_the_charted_chapters_still_describes_every_workbook_chart(report_copy):
    """The live workbook shows the market, its volume and every dimension whatever the outline
    leaves out of the report; its charts still say what they show, in the report's sentences."""
    from reportgen.data import analyse
    from reportgen.model import build_report
    from tests.conftest import NORDIC

    folder = report_copy(NORDIC)
    (folder / "report.yaml").write_text((folder / "report.yaml").read_text() + "outline: [takeaways, faq]\n")
    report = build_report(analyse(folder))
    assert [s.id for s in report.sections] == ["takeaways", "faq"]
    book = report.workbook
    texts = [book.market_chart, *(g.chart for d in book.dimensions for g in d.groups)]
    assert all(texts) and len(set(texts)) == len(texts)


def test_every_geography_dimension_has_a_chapter(report_copy):
    """The first geography dimension is the regional analysis; a second one (regions beside
    countries) is a chapter of its own, in the outline, the FAQ and the workbook's chart sentences."""
    from reportgen.data import analyse
    from reportgen.data.outline import known_ids
    from reportgen.model import build_report
    from tests.conftest import NORDIC

    folder = report_copy(NORDIC)
    (folder / "dimensions" / "d-region.yaml").write_text(
        "id: region\ntitle: Region\nkind: geography\norder: 4\nestimate: Made-up shares.\ngrowth_basis: Made-up growth rates.\n"
        "segments:\n  - {name: Capital regions, share: 60, growth: 11}\n  - {name: Other regions, growth: 9}\n")
    analysis = analyse(folder)
    assert "dim-region" in known_ids(analysis.computed.source) and "dim-country" not in known_ids(analysis.computed.source)
    report = build_report(analysis)
    ids = [s.id for s in report.sections]
    assert "regional" in ids and "dim-region" in ids
    faq = report.section("faq").blocks[0]
    assert sum("Region" in qa.question or "region" in qa.question for qa in faq.items) == 1
    assert report.workbook.dimensions[-1].groups[0].chart
