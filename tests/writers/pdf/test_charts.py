"""Charts for the PDF: vector SVG with text as text, numbers through the report's formatter."""

from __future__ import annotations

import dataclasses
import re

import pytest

from reportgen.data.brand import house_brand
from reportgen.format import Formatter
from reportgen.model.elements import Chart, ChartSeries, Paragraph, Report, Section, SectionKind
from reportgen.writers import pdf
from reportgen.writers.pdf.charts import ChartStyle, render_chart, render_charts
from reportgen.writers.pdf.html import ROW_GAP, TEXT_WIDTH, Size, block_rows, chart_sizes
from tests.branding import for_client
from tests.writers.pdf import poppler
from tests.writers.pdf.poppler import needs_poppler

HOUSE = house_brand()
PALETTE = HOUSE.colours.series
STYLE = ChartStyle(Formatter("USD", "bn", "billion"), HOUSE)
SIZE = Size(TEXT_WIDTH, 64)


def chart(kind: str = "column", series: tuple[ChartSeries, ...] | None = None, **kw) -> Chart:
    years = tuple(str(y) for y in range(2020, 2026))
    series = series or (ChartSeries("Market", (1.0, 1.5, 2.0, 2.5, 3.0, 3.5)),)
    spec = {"id": "c", "title": "Market size", "kind": kind, "categories": years, "series": series,
            "value_type": "money", "axis_label": "USD bn", "source": "Source: test", "alt_text": "A chart.",
            "forecast_from": 3} | kw
    return Chart(**spec)


@pytest.fixture(scope="module")
def latam_svgs(latam_report: Report) -> dict[str, bytes]:
    return render_charts(latam_report)


def texts(svg: bytes) -> list[str]:
    return re.findall(r"<text[^>]*>([^<]*)</text>", svg.decode())


def following(labels: list[str], name: str) -> str:
    """The text drawn right after ``name``, which may be wrapped over several lines (texts)."""
    for i in range(len(labels)):
        for j in range(i + 1, len(labels)):
            if " ".join(labels[i:j]) == name:
                return labels[j]
    raise AssertionError(f"{name!r} is not among {labels}")


def test_every_model_chart_is_rendered_as_vector_svg_with_text_as_text(latam_report: Report, latam_svgs: dict[str, bytes]):
    assert list(latam_svgs) == [c.id for c in latam_report.charts()]
    for chart_id, svg in latam_svgs.items():
        body = svg.decode()
        assert body.startswith("<?xml") and "<svg" in body, chart_id
        assert "<image" not in body and "base64" not in body, chart_id
        assert f"font-family: '{HOUSE.body.files.name}'" in body, chart_id  # the PDF's font stack, house face first
        assert len(re.findall(r"<path ", body)) >= 3, chart_id
        assert texts(svg), chart_id


def test_axis_and_legend_labels_come_from_the_model(latam_report: Report, latam_svgs: dict[str, bytes]):
    for c in latam_report.charts():
        shown = " ".join(texts(latam_svgs[c.id]))
        if c.kind == "doughnut":  # a legend row per slice: its name, and its share in a column of its own
            labels = texts(latam_svgs[c.id])
            for name, value in zip(c.categories, c.series[0].values, strict=True):
                assert following(labels, name) == latam_report.fmt.percent(value)
        else:
            assert c.axis_label in shown
            assert c.categories[-1] in shown
            if len(c.series) > 1:
                assert all(s.name in shown for s in c.series)


def test_forecast_years_are_drawn_apart_from_history():
    svg = render_chart(chart(), SIZE, STYLE).decode()
    assert PALETTE[0].lower() in svg.lower()  # forecast columns
    assert HOUSE.colours.history(PALETTE[0]).lower() in svg.lower()  # paler history columns
    assert "Forecast years" in texts(svg.encode())
    without = render_chart(chart(forecast_from=None), SIZE, STYLE).decode()
    assert HOUSE.colours.history(PALETTE[0]).lower() not in without.lower() and "Forecast" not in without


def test_forecast_part_of_a_line_is_dashed():
    svg = render_chart(chart("line"), SIZE, STYLE).decode()
    assert "stroke-dasharray" in svg


def test_tick_labels_use_the_report_formatter():
    german = Formatter("EUR", "Mio.", "Millionen", "de")
    values = ChartSeries("Markt", (0.5, 0.8, 1.0, 1.2, 1.4, 1.6))
    shown = texts(render_chart(chart(series=(values,)), SIZE, ChartStyle(german, HOUSE)))
    assert "0,5" in shown and "1,5" in shown and "0.5" not in shown


def test_every_chart_kind_renders():
    two = (ChartSeries("A", (1, 2, 3, 4, 5, 6)), ChartSeries("B", (2, 2, 2, 3, 3, 3)))
    for kind in ("column", "stacked_column", "line", "bar"):
        assert texts(render_chart(chart(kind, two), SIZE, STYLE))
    doughnut = chart("doughnut", (ChartSeries("Share 2024", (0.6, 0.4)),), categories=("A", "B"), value_type="percent")
    shown = texts(render_chart(doughnut, Size(80, 60), STYLE))
    assert following(shown, "A") == "60.0%"


def test_markup_and_dollar_signs_in_names_are_plain_text():
    name = "Retail <b>bold</b> & $5 $ deals"
    svg = render_chart(chart("stacked_column", (ChartSeries(name, (1, 2, 3, 4, 5, 6)), ChartSeries("B", (1,) * 6))), SIZE, STYLE)
    assert "Retail &lt;b&gt;bold&lt;/b&gt; &amp; $5 $ deals" in svg.decode()
    assert b"<b>" not in svg


def test_same_chart_gives_the_same_bytes():
    spec = chart("stacked_column", (ChartSeries("A", (1, 2, 3, 4, 5, 6)), ChartSeries("B", (1,) * 6)))
    assert render_chart(spec, SIZE, STYLE) == render_chart(spec, SIZE, STYLE)


def test_consecutive_charts_share_a_row_and_the_text_width(latam_report: Report):
    many = tuple(ChartSeries(f"S{i}", (1,) * 6) for i in range(6))
    doughnut = chart(id="a", kind="doughnut", categories=("A", "B"))
    blocks = (Paragraph("x"), doughnut, chart(id="b"), chart(id="c"), Paragraph("y"), chart(id="d"), chart(id="e", series=many))
    rows = block_rows(blocks)
    assert [r.id if isinstance(r, Chart) else tuple(c.id for c in r) if isinstance(r, tuple) else "p" for r in rows] == [
        "p", ("a", "b"), "c", "p", "d", "e"]  # e's six-line legend needs the full width
    sizes = chart_sizes(latam_report)
    section = latam_report.section("dim-therapy-type")
    share, trend = (b for b in section.blocks if isinstance(b, Chart))
    assert sizes[share.id].width + sizes[trend.id].width == pytest.approx(TEXT_WIDTH - ROW_GAP)
    assert sizes[share.id].width < sizes[trend.id].width
    assert sizes["market-size"].width == TEXT_WIDTH


def test_a_clients_series_colours_are_used(nordic_report: Report):
    branded = for_client(nordic_report, accent="#778899", series=("#112233", "#445566"))
    style = ChartStyle(STYLE.fmt, branded.brand)
    svg = render_chart(chart("stacked_column", (ChartSeries("A", (1,) * 6), ChartSeries("B", (1,) * 6))), SIZE, style)
    assert "#445566" in svg.decode()


LONG = "Integrated warehouse automation, fleet orchestration and maintenance services (北京天智航)"
ARABIC = "شركة الخليج العربي للتوزيع والخدمات اللوجستية المتكاملة"


@needs_poppler
def test_legends_and_labels_stay_inside_their_chart_in_any_script(world_report: Report):
    names = (LONG, ARABIC, "ประเทศไทย", "Việt Nam", "日本", "대한민국", "ישראל", "भारत", "Россия", "Ελλάδα")
    shares = tuple(1 / len(names) for _ in names)
    series = tuple(ChartSeries(n, tuple(range(1, 7))) for n in names[:8])
    charts = [
        chart("doughnut", (ChartSeries("Share 2024", shares),), categories=names, value_type="percent"),  # legend beside
        chart("stacked_column", series),  # legend below, in columns
        chart("doughnut", (ChartSeries("Share 2024", shares[:4]),), categories=names[:4], value_type="percent"),
        chart("doughnut", (ChartSeries("Share 2024", shares[:3]),), categories=names[3:6], value_type="percent"),  # a row of two
        chart("bar", (ChartSeries("Revenue", (3, 2, 1)),), categories=(LONG, ARABIC, "भारत")),  # long category labels
        chart("line", series[:5]),
    ]
    blocks = []
    for i, c in enumerate(charts):
        blocks += [Paragraph(f"Chart {i} follows."), dataclasses.replace(c, id=f"c{i}", title=f"Chart {i}", source=f"Source: probe {i}")]
    blocks = [b for i, b in enumerate(blocks) if i != 6]  # no paragraph between the two small doughnuts
    report = dataclasses.replace(world_report, sections=(Section("probe", "Probe", SectionKind.TEXT, tuple(blocks)),))
    assert [len(r) for r in block_rows(blocks) if isinstance(r, tuple)] == [2]
    left, right = 20 * poppler.MM, (20 + TEXT_WIDTH) * poppler.MM
    seen = set()
    for page in poppler.pages(pdf.render(report))[2:]:
        words = page.body()
        for i in range(len(charts)):
            titles = [w for w in words if w.text == f"{i}" and any(t.text == "Chart" for t in words if abs(t.y0 - w.y0) < 1)]
            source = next((w for w in words if w.text == f"{i}" and w not in titles and w.y0 > (titles or [w])[0].y0), None)
            if not titles or source is None:
                continue
            seen.add(i)
            inside = [w for w in words if titles[0].y1 < w.y0 and w.y1 < source.y0 + 1]
            assert inside, i
            outside = [w for w in inside if w.x0 < left - 1 or w.x1 > right + 1]
            assert not outside, (i, outside)
            on_source_line = [w for w in words if w.y0 > source.y0 - 1 and w.y1 < source.y1 + 1]
            below = [w for w in on_source_line if w.text not in ("Source:", "probe") and not w.text.isdigit()]
            assert not below, (i, below)  # nothing of the chart runs into its source line
    assert seen == set(range(len(charts)))
