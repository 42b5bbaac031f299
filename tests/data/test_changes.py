"""The comparison of two editions (reportgen.data.changes): inputs, results, ranks, renames."""

from __future__ import annotations

import math
from pathlib import Path

import pytest

from reportgen.data import analyse
from reportgen.data.changes import (
    ADDED,
    CAGR,
    CHANGED,
    FASTEST,
    LEADER,
    MARKET,
    REMOVED,
    RENAMED,
    SHARE,
    VALUE,
    InputChange,
    RankChange,
    ValueChange,
    diff_editions,
)
from tests.conftest import NORDIC
from tests.data.editions import BUYER, COUNTRY, TYPE, anchor_and_two_shares, edit, edition, rename_remove_lead, segment, set_anchor


def diff(old: Path, new: Path):
    return diff_editions(analyse(old), analyse(new), "old", "new")


def where(d) -> list[tuple[str, str, str, object, object]]:
    return [(c.file, c.field, c.change, c.old, c.new) for c in d.inputs]


def market_values(d) -> dict[int, ValueChange]:
    return {r.year: r for r in d.results if r.subject_type == MARKET and r.measure == VALUE}


def test_identical_editions_have_no_changes(tmp_path: Path):
    d = diff(NORDIC, edition(tmp_path, "copy"))
    assert d.is_empty and d.inputs == d.results == d.ranks == ()
    assert d.headline() == () and d.groups() == ()


def test_an_anchor_and_two_shares_list_exactly_those_inputs(tmp_path: Path):
    d = diff(*anchor_and_two_shares(tmp_path))
    assert where(d) == [
        ("report.yaml", "market.anchors[2].value", CHANGED, 905, 950),
        (COUNTRY, "segments[1].share", CHANGED, 22, 24),
        (COUNTRY, "segments[3].share", CHANGED, 12, 10),
    ]
    assert [c.location for c in d.inputs][1] == "dimensions/b-country.yaml: segments[1].share"
    assert [(c.topic, c.dimension, c.subject) for c in d.inputs] == [
        ("anchor", None, None), ("share", "country", "Denmark"), ("share", "country", "Finland")]
    assert not d.is_empty


def test_the_anchor_moves_the_market_in_the_years_it_reaches(tmp_path: Path):
    d = diff(*anchor_and_two_shares(tmp_path))
    moved = market_values(d)
    # 2026 is anchored, 2021-2025 interpolate from 2020 to it, 2027-2030 extrapolate from it; 2017-2020 do not move.
    assert sorted(moved) == list(range(2021, 2031))
    change = moved[2026]
    assert (change.old, change.new) == (905, 950)
    assert change.absolute == pytest.approx(45) and change.relative == pytest.approx(45 / 905)
    assert moved[2030].new == pytest.approx(950 * 1.095**4)
    cagrs = {r.period for r in d.results if r.subject_type == MARKET and r.measure == CAGR}
    assert cagrs == {(2020, 2030), (2021, 2030), (2020, 2025)}  # (2017, 2020) is untouched


def test_the_two_shares_move_those_segments_in_the_base_year(tmp_path: Path):
    d = diff(*anchor_and_two_shares(tmp_path))
    base = {(r.subject, r.measure): r for r in d.results if r.dimension == "country" and r.year == 2020}
    assert base[("Denmark", SHARE)].old == pytest.approx(0.22) and base[("Denmark", SHARE)].new == pytest.approx(0.24)
    assert base[("Finland", SHARE)].old == pytest.approx(0.12) and base[("Finland", SHARE)].new == pytest.approx(0.10)
    assert base[("Denmark", VALUE)].old == pytest.approx(420 * 0.22) and base[("Denmark", VALUE)].new == pytest.approx(420 * 0.24)
    # The market's 2020 anchor did not move, so neither did the other countries' base-year values.
    assert {s for s, _ in base} == {"Denmark", "Finland"}
    # Another dimension moves only with the market: not in 2020, yes in 2026.
    robots = {r.year for r in d.results if r.dimension == "robot-type" and r.measure == VALUE}
    assert 2020 not in robots and 2026 in robots
    assert d.ranks == ()


def test_rename_removed_dimension_and_new_leader(tmp_path: Path):
    d = diff(*rename_remove_lead(tmp_path))
    renamed = [c for c in d.inputs if c.change == RENAMED]
    assert [(c.file, c.field, c.old, c.new, c.topic) for c in renamed] == [
        (TYPE, "segments[1]", "Robotic arms", "Industrial arms", "segment")]
    assert not [c for c in d.inputs if c.file == TYPE and c.change in (ADDED, REMOVED)]
    assert not [r for r in d.results if r.dimension == "robot-type"]  # same share, growth and market: nothing moved
    removed = [c for c in d.inputs if c.file == BUYER]
    assert [(c.field, c.change, c.topic, c.dimension) for c in removed] == [("", REMOVED, "dimension", "buyer")]
    assert removed[0].old["segments"] == ["Retail & e-commerce <b>", "Third-party logistics", "Manufacturing"]
    assert [(r.id, r.status) for r in d.dimensions] == [("robot-type", "kept"), ("country", "kept"), ("buyer", REMOVED)]
    leaders = [r for r in d.ranks if r.kind == LEADER and r.year == 2020]
    assert leaders == [RankChange("country", None, LEADER, "Sweden", "Denmark", pytest.approx(0.41), pytest.approx(0.43), year=2020)]
    assert leaders[0] in d.headline()


def test_a_renamed_leader_is_not_a_new_leader_and_sub_segments_follow_their_parent(tmp_path: Path):
    old, new = edition(tmp_path, "old"), edition(tmp_path, "new")

    def rename(data: dict) -> None:
        segment(data, "Mobile robots")["name"] = "Mobile units"
        for s in data["segments"]:
            if s.get("parent") == "Mobile robots":
                s["parent"] = "Mobile units"
        data["claims"] = {"leader": "Mobile units", "fastest": "Mobile units"}

    edit(new, TYPE, rename)
    d = diff(old, new)
    assert [(c.field, c.change, c.old, c.new) for c in d.inputs] == [
        ("claims.leader", CHANGED, "Mobile robots", "Mobile units"),
        ("claims.fastest", CHANGED, "Mobile robots", "Mobile units"),
        ("segments[0]", RENAMED, "Mobile robots", "Mobile units"),
    ]
    assert d.ranks == () and d.results == ()


def test_a_moved_segment_with_the_same_share_and_growth_is_a_rename(tmp_path: Path):
    old, new = edition(tmp_path, "old"), edition(tmp_path, "new")

    def move(data: dict) -> None:
        iceland = data["segments"].pop(4)
        data["segments"].insert(0, {**iceland, "name": "Faroe Islands"})

    edit(new, COUNTRY, move)
    d = diff(old, new)
    assert [(c.field, c.change, c.old, c.new) for c in d.inputs] == [("segments[0]", RENAMED, "Iceland", "Faroe Islands")]
    assert d.results == ()


def test_a_different_segment_elsewhere_is_removed_and_added(tmp_path: Path):
    old, new = edition(tmp_path, "old"), edition(tmp_path, "new")

    def swap(data: dict) -> None:
        data["segments"].pop(4)  # Iceland, 5 %, 8 %/yr
        data["segments"].insert(0, {"name": "Greenland", "share": 5, "growth": 9})

    edit(new, COUNTRY, swap)
    d = diff(old, new)
    assert [(c.field, c.change, c.subject) for c in d.inputs] == [("segments[0]", ADDED, "Greenland"), ("segments[4]", REMOVED, "Iceland")]
    assert d.inputs[0].new == {"name": "Greenland", "share": 5, "growth": 9}
    assert {r.subject for r in d.results} == {"Sweden", "Denmark", "Norway", "Finland"}  # Greenland has no old values


def test_a_changed_year_range_is_an_input_and_only_common_years_compare(tmp_path: Path):
    old, new = edition(tmp_path, "old"), edition(tmp_path, "new")

    def longer(data: dict) -> None:
        data["years"]["forecast"] = [2021, 2031]
        data["market"]["assumptions"][1]["to"] = 2031

    edit(new, "report.yaml", longer)
    d = diff(old, new)
    assert [(c.field, c.topic, c.old, c.new) for c in d.inputs] == [
        ("market.assumptions[1].to", "assumption", 2030, 2031),
        ("years.forecast", "years", [2021, 2030], [2021, 2031]),
    ]
    # 2017-2030 are computed alike; 2031 and the periods ending in it exist in one edition only.
    assert d.results == () and d.ranks == ()


def test_content_and_metadata_entries(tmp_path: Path):
    old, new = edition(tmp_path, "old"), edition(tmp_path, "new")

    def content(data: dict) -> None:
        data["outlook"][0]["text"] = "Made-up: labour is scarcer still."
        data["faq"].append({"question": "Who made it up?", "answer": "The tests."})
        data["vendors"] = [{"name": "Acme Robotics", "focus": "AMRs", "offerings": "Fleets"}]

    def meta(data: dict) -> None:
        data["title"] = "Nordic Warehouse Robotics Market 2024"
        data["sources"].append("Example survey 2024")
        data["market"]["anchors"].append({"year": 2030, "value": 1400, "source": "Example survey 2024"})
        data["market"]["assumptions"].pop(1)  # 2027-2029 now lie between anchors

    edit(new, "content.yaml", content)
    edit(new, "report.yaml", meta)
    d = diff(old, new)
    assert [(c.file, c.field, c.change, c.topic) for c in d.inputs] == [
        ("report.yaml", "title", CHANGED, "metadata"),
        ("report.yaml", "market.anchors[3]", ADDED, "anchor"),
        ("report.yaml", "market.assumptions[1]", REMOVED, "assumption"),
        ("report.yaml", "sources[1]", ADDED, "metadata"),
        ("content.yaml", "outlook[0].text", CHANGED, "content"),
        ("content.yaml", "vendors[0]", ADDED, "content"),
        ("content.yaml", "faq[1]", ADDED, "content"),
    ]
    anchor = d.inputs[1].new
    assert anchor == {"year": 2030, "value": 1400, "source": "Example survey 2024"}
    assert market_values(d)[2030].new == 1400


def test_threshold_hides_small_result_moves_but_keeps_inputs(tmp_path: Path):
    full = diff(*anchor_and_two_shares(tmp_path))
    material = full.material(0.02)
    assert material.inputs == full.inputs and material.ranks == full.ranks
    assert 0 < len(material.results) < len(full.results)
    assert all(abs(r.relative) >= 0.02 for r in material.results)
    assert material.hidden == len(full.results) - len(material.results)
    assert 2021 not in market_values(material) and 2026 in market_values(material)  # +0.8 % hidden, +5 % kept
    assert not material.is_empty and full.material(10).results == ()


def test_headline_order_and_groups(tmp_path: Path):
    old, new = rename_remove_lead(tmp_path)
    set_anchor(new, 2020, 450)  # moves the base year
    set_anchor(new, 2026, 950)  # and the last year
    d = diff(old, new)
    head = d.headline()
    kinds = [(h.measure, h.year, h.period) if isinstance(h, ValueChange) else (h.kind, h.year, h.period) for h in head]
    assert kinds[:3] == [(VALUE, 2020, None), (VALUE, 2030, None), (CAGR, None, (2020, 2030))]
    assert all(k[0] in (LEADER, FASTEST) for k in kinds[3:]) and (LEADER, 2020, None) in kinds[3:]
    groups = d.groups()
    assert [(g.title, g.status) for g in groups] == [("Market", "kept"), ("Robot type", "kept"), ("Country", "kept"), ("Buyer", REMOVED)]
    assert [c.change for c in groups[-1].inputs] == [REMOVED] and groups[-1].results == ()
    assert groups[0].kind == MARKET and [c.field for c in groups[0].inputs] == ["market.anchors[1].value", "market.anchors[2].value"]


def test_changes_are_frozen_values():
    change = InputChange("report.yaml", "title", CHANGED, "metadata", "a", "b")
    with pytest.raises(AttributeError):
        change.old = "c"  # type: ignore[misc]
    v = ValueChange("country", "segment", "Denmark", SHARE, 0.0, 0.1, year=2020)
    assert v.relative is None and v.exceeds(0.5) and math.isclose(v.absolute, 0.1)
