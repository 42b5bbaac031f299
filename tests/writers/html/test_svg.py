"""The web edition's chart drawing: scales, tick labels and shapes, from chart specs alone."""

from __future__ import annotations

import lxml.html
import pytest

from reportgen.data.brand import house_brand
from reportgen.format import Formatter
from reportgen.model import Chart, ChartSeries
from reportgen.writers.html.svg import Words, chart_svg, nice_ticks, series_colours, tick_labels

FMT = Formatter("USD", "bn", "billion")
WORDS = Words("Forecast years")

COLOURS = house_brand().colours
PALETTE = COLOURS.series


def svg(chart: Chart):
    return lxml.html.fromstring(str(chart_svg(chart, "svg-x", series_colours(chart, COLOURS), COLOURS, FMT, WORDS)))


def doughnut(values: tuple[float, ...]) -> Chart:
    names = tuple(f"S{i}" for i in range(len(values)))
    return Chart("d", "Share", "doughnut", names, (ChartSeries("Share 2024", values),), "percent", "Share", "", "alt")


@pytest.mark.parametrize(("highest", "ticks"), [
    (58.0, [0, 20, 40, 60]), (3.72, [0, 1, 2, 3, 4]), (187.44, [0, 50, 100, 150, 200]), (0.45, [0, 0.1, 0.2, 0.3, 0.4, 0.5]),
    (1301.08, [0, 500, 1000, 1500]), (0.0, [0, 1]),
])
def test_value_axes_get_about_five_round_ticks_covering_the_data(highest, ticks):
    assert nice_ticks(highest) == pytest.approx(ticks)


def test_tick_labels_use_the_formatter_with_only_the_decimals_they_need():
    assert tick_labels([0, 20, 40], "money", FMT) == ["0", "20", "40"]
    assert tick_labels([0, 0.5, 1.0, 1.5], "money", FMT) == ["0.0", "0.5", "1.0", "1.5"]
    assert tick_labels([0, 0.1, 0.2], "percent", FMT) == ["0%", "10%", "20%"]
    assert tick_labels([0, 1250, 2500], "count", Formatter("EUR", "m", "million", "es")) == ["0", "1.250", "2.500"]


def test_a_stacked_column_chart_stacks_each_year_to_its_total_and_pales_history():
    chart = Chart("t", "Revenue", "stacked_column", ("2023", "2024", "2025"),
                  (ChartSeries("A", (1.0, 2.0, 3.0)), ChartSeries("B", (1.0, 1.0, 2.0))), "money", "USD bn", "", "alt", forecast_from=2)
    rects = svg(chart).xpath("//g[@class='series']/rect")
    bottom = {round(float(r.get("y")) + float(r.get("height")), 1) for r in rects[:3]}
    assert len(bottom) == 1  # the first series stands on the axis
    for first, second in zip(rects[:3], rects[3:], strict=True):
        assert float(second.get("y")) + float(second.get("height")) == pytest.approx(float(first.get("y")), abs=0.11)
    assert [r.get("fill") for r in rects[:3]] == [COLOURS.history(PALETTE[0])] * 2 + [PALETTE[0]]  # history paler
    assert [t.text for t in rects[0].xpath("title")] == ["A, 2023: USD\xa01.00 bn"]
    assert svg(chart).xpath("//rect[@class='forecast']") and svg(chart).xpath("//text[@class='forecast-label']")[0].text == "Forecast years"


def test_a_doughnut_has_a_slice_per_share_and_a_whole_ring_for_one():
    slices = svg(doughnut((0.58, 0.42, 0.0))).xpath("//path")
    assert [p.xpath("title")[0].text for p in slices] == ["S0: 58.0%", "S1: 42.0%"]  # an empty share draws nothing
    (ring,) = svg(doughnut((1.0,))).xpath("//path")
    assert ring.get("d").count("M ") == 2  # two half rings: one arc cannot end where it starts


def test_a_line_chart_is_solid_over_history_and_dashed_over_the_forecast():
    chart = Chart("l", "Compared", "line", ("2023", "2024", "2025", "2026"),
                  (ChartSeries("Here", (1, 2, 3, 4)), ChartSeries("World", (5, 6, 7, 8))), "money", "USD bn", "", "alt", forecast_from=2)
    lines = svg(chart).xpath("//g[@data-series='0']/polyline")
    assert [line.get("stroke-dasharray") for line in lines] == [None, "6 3"]
    assert [len(line.get("points").split()) for line in lines] == [2, 3]  # they meet at the last history point
    assert len(svg(chart).xpath("//circle/title")) == 8


def test_one_series_is_drawn_in_the_accent_and_several_in_the_palette():
    one = Chart("c", "Size", "column", ("2024",), (ChartSeries("Market", (1.0,)),), "money", "USD bn", "", "alt")
    client = COLOURS.for_client("#7A1F5C", ("#111111", "#222222"))
    assert series_colours(one, client) == ("#7A1F5C",)
    assert series_colours(doughnut((0.2, 0.3, 0.5)), client) == ("#111111", "#222222", "#111111")


def test_many_categories_are_thinned_but_the_last_is_always_labelled():
    years = tuple(str(y) for y in range(2010, 2041))
    chart = Chart("c", "Size", "column", years, (ChartSeries("Market", tuple(range(1, 32))),), "money", "USD bn", "", "alt")
    labels = [t.text for t in svg(chart).xpath("//text[@class='category']")]
    assert labels[-1] == "2040" and 4 < len(labels) < len(years)


def test_the_same_chart_gives_the_same_markup():
    chart = doughnut((0.1, 0.2, 0.7))
    drawn = (str(chart_svg(chart, "a", ("#1F4E79",) * 3, COLOURS, FMT, WORDS)) for _ in range(2))
    assert next(drawn) == next(drawn)
