"""The data layer reproduces the seed's figures and keeps every split consistent."""

from __future__ import annotations

import pytest

from reportgen.data import Analysis


def test_seed_market_figures(latam_analysis: Analysis):
    c = latam_analysis.computed
    assert c.total[2024] == 3.72
    assert c.total[2025] == 5.25
    assert c.total[2034] == 58
    assert c.total.cagr(2024, 2034) == pytest.approx(0.3161, abs=5e-5)
    assert list(c.years) == list(range(2021, 2035))


def test_seed_global_comparison(latam_analysis: Analysis):
    glob = latam_analysis.computed.comparisons[0].values
    assert glob[2024] == 21.82 and glob[2034] == 187.44
    assert round(glob.cagr(2024, 2034) * 100) == 24


def test_seed_shares_in_base_year(latam_analysis: Analysis):
    c = latam_analysis.computed
    dims = {d.id: d for d in c.dimensions}
    assert len(dims) == 7
    assert dims["country"].segment("Brazil").share_in(2024) == pytest.approx(0.38)
    assert dims["therapy-type"].segment("Cell therapy").share_in(2024) == pytest.approx(0.58)
    assert dims["therapeutic-area"].segment("Oncology").share_in(2024) == pytest.approx(0.45)
    assert dims["vector"].segment("Viral vectors").share_in(2024) == pytest.approx(0.65)
    assert dims["cell-source"].segment("Autologous").share_in(2024) == pytest.approx(0.62)
    assert dims["manufacturing"].segment("Clinical-scale manufacturing").share_in(2024) == pytest.approx(0.60)
    assert dims["end-user"].segment("Biopharma and biotechnology companies").share_in(2024) == pytest.approx(0.40)


@pytest.mark.parametrize("which", ["latam_analysis", "nordic_analysis"])
def test_every_split_sums_to_its_parent_every_year(which: str, request):
    c = request.getfixturevalue(which).computed
    for dim in c.dimensions:
        groups = [None] + [p.name for p in dim.parents]
        for parent in groups:
            kids = dim.children(parent)
            parent_rev = c.total if parent is None else dim.segment(parent).revenue
            parent_vol = c.volume if parent is None else dim.segment(parent).volume
            for y in c.years:
                assert sum(k.revenue[y] for k in kids) == pytest.approx(parent_rev[y], rel=1e-12), (dim.id, parent, y)
                assert sum(k.volume[y] for k in kids) == pytest.approx(parent_vol[y], rel=1e-12), (dim.id, parent, y)


def test_claims_in_the_seed_hold_in_the_table(latam_analysis: Analysis):
    c = latam_analysis.computed
    base, end = c.forecast_period
    for dim in c.dimensions:
        assert dim.leader(base).name == dim.claims.leader
        assert dim.fastest(base, end).name == dim.claims.fastest


def test_volume_is_revenue_over_price(latam_analysis: Analysis):
    c = latam_analysis.computed
    assert c.price[2024] == 150000
    assert c.volume[2024] == pytest.approx(3.72e9 / 150000)
    assert c.price[2025] == pytest.approx(150000 * 0.97)


def test_price_index_shifts_volume_but_not_revenue(nordic_analysis: Analysis):
    c = nordic_analysis.computed
    dim = next(d for d in c.dimensions if d.id == "robot-type")
    mobile, arms = dim.segment("Mobile robots"), dim.segment("Robotic arms")
    # Arms cost 1.5x the market average and mobile robots 0.8x: arms get fewer units per euro.
    assert arms.volume[2020] / mobile.volume[2020] == pytest.approx((arms.revenue[2020] / 1.5) / (mobile.revenue[2020] / 0.8))


def test_the_stated_cagr_disagreement_is_found(latam_analysis: Analysis):
    [warning] = [w for w in latam_analysis.warnings if w.field == "market.stated_cagr"]
    text = str(warning)
    assert text.startswith("data/latam-cgt/report.yaml: market.stated_cagr:") or "report.yaml: market.stated_cagr" in text
    assert "31.61%" in text and "30.59%" in text and "2025-2034" in text
    assert "2024-2034" in text  # where the stated figure really comes from


def test_remainder_share_and_provenance(latam_analysis: Analysis):
    c = latam_analysis.computed
    gene = next(d for d in c.dimensions if d.id == "therapy-type").segment("Gene therapy")
    assert gene.share == pytest.approx(0.42)
    assert gene.share_status == "estimate" and "remainder" in gene.share_basis
    market = "Latin America cell and gene therapy market"
    statuses = {(f.subject.kind, f.subject.series, f.subject.years): (f.status, f.basis) for f in c.figures}
    assert statuses[("anchor", market, "2024")] == ("sourced", "Towards Healthcare, market size 2024")
    status, reason = statuses[("assumption", market, "2021-2023")]
    assert status == "estimate" and "back-cast" in reason
