"""The arithmetic rules of the method, each on small hand-checkable numbers."""

from __future__ import annotations

import math

import pytest

from reportgen.data.series import Yearly, cagr, fill_series, needs_assumption, share_shift


def test_anchors_are_kept_exactly_and_gaps_grow_geometrically():
    s = fill_series(range(2020, 2025), {2020: 100.0, 2024: 146.41}, {})
    assert s[2020] == 100.0 and s[2024] == 146.41
    assert [round(s[y], 6) for y in s.years] == [100.0, 110.0, 121.0, 133.1, 146.41]


def test_years_outside_the_anchors_use_the_assumed_growth():
    s = fill_series(range(2018, 2023), {2020: 100.0}, {2018: 0.25, 2019: 0.25, 2021: 0.10, 2022: -0.5})
    assert s[2019] == pytest.approx(80.0)
    assert s[2018] == pytest.approx(64.0)
    assert s[2021] == pytest.approx(110.0)
    assert s[2022] == pytest.approx(55.0)


def test_a_year_without_anchor_or_assumption_is_refused():
    with pytest.raises(KeyError):
        fill_series(range(2019, 2022), {2020: 1.0}, {2021: 0.1})
    assert needs_assumption(range(2019, 2026), [2021, 2024]) == [2019, 2020, 2025]


def test_cagr():
    assert cagr(100, 121, 2) == pytest.approx(0.10)
    assert math.isnan(cagr(0, 10, 3))
    with pytest.raises(ValueError):
        cagr(1, 2, 0)


def test_share_shift_keeps_base_shares_and_sums_to_parent_every_year():
    parent = Yearly(2020, (100.0, 130.0, 170.0, 220.0))
    parts = share_shift([0.6, 0.4], [0.0, 0.5], base=2021, parent=parent)
    for year in parent.years:
        assert sum(p[year] for p in parts) == pytest.approx(parent[year], rel=1e-12)
    assert parts[0][2021] / parent[2021] == pytest.approx(0.6)
    # Faster assumed growth gains share: 0.4*1.5 / (0.6 + 0.4*1.5) = 0.5 one year on.
    assert parts[1][2022] / parent[2022] == pytest.approx(0.5)
    # ...and loses it going back: 0.4/1.5 / (0.6 + 0.4/1.5) = 0.3077.
    assert parts[1][2020] / parent[2020] == pytest.approx(0.4 / 1.5 / (0.6 + 0.4 / 1.5))


def test_yearly_growth_and_lookup():
    s = Yearly(2000, (1.0, 2.0))
    assert s.growth(2000) is None and s.growth(2001) == 1.0
    with pytest.raises(KeyError):
        s[1999]


def test_share_shift_stays_finite_for_extreme_rates_over_centuries():
    """(1 + 1000 %) ** 150 overflows a float; weights relative to the fastest sibling do not."""
    parent = Yearly(1900, tuple([1.0] * 301))
    fast, slow = share_shift([0.5, 0.5], [10.0, -0.99], base=2050, parent=parent)
    for year in parent.years:
        assert math.isfinite(fast[year]) and math.isfinite(slow[year])
        assert fast[year] + slow[year] == pytest.approx(1.0)
    assert fast[2050] == slow[2050] == 0.5
    assert fast[2200] == pytest.approx(1.0) and slow[1900] == pytest.approx(1.0)
