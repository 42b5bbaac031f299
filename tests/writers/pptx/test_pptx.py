"""The PowerPoint deck: reopened with python-pptx and checked against the report model."""

from __future__ import annotations

import dataclasses
import io
import zipfile

import openpyxl
import pytest
from lxml import etree
from PIL import Image
from pptx import Presentation
from pptx.enum.chart import XL_CHART_TYPE
from pptx.enum.shapes import MSO_SHAPE_TYPE, PP_PLACEHOLDER
from pptx.opc.constants import RELATIONSHIP_TYPE as RT

from reportgen.model.elements import Chart, Item, ItemList, Paragraph, Report, Section, Table
from reportgen.writers import pptx, zipnorm
from reportgen.writers.pptx.charts import LABEL_SIZES, category_label_size
from reportgen.writers.pptx.plan import DECK_SKIPS, MAX_SLICES
from reportgen.writers.pptx.style import CHART_SIZE, CONTENT_BOTTOM, SLIDE_H, SLIDE_W
from reportgen.writers.pptx.tables import shown_columns
from reportgen.writers.writing_systems import OFFICE_COMPLEX_FONT, OFFICE_EAST_ASIAN_FONT
from tests.branding import for_client
from tests.writers.pptx.fits import EMU, assert_chart_pairs_split, assert_fits, chart_pairs

A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"


@pytest.fixture(scope="module")
def latam_bytes(latam_report: Report) -> bytes:
    return pptx.render(latam_report)


@pytest.fixture(scope="module")
def latam_deck(latam_bytes: bytes):
    return Presentation(io.BytesIO(latam_bytes))


@pytest.fixture(scope="module")
def nordic_deck(nordic_report: Report):
    return Presentation(io.BytesIO(pptx.render(nordic_report)))


@pytest.fixture(scope="module")
def branded(nordic_report: Report, tmp_path_factory):
    logo = tmp_path_factory.mktemp("logo") / "logo.png"
    Image.new("RGB", (400, 100), "#AA3366").save(logo)
    report = for_client(nordic_report, "Acme & Sons <b>", logo, "#AA3366", ("#112233", "#445566", "#778899"))
    return report, Presentation(io.BytesIO(pptx.render(report)))


def presented(report: Report) -> list[Section]:
    return [s for s in report.sections if s.kind not in DECK_SKIPS]


def slides_of(deck, section_id: str) -> list:
    return [s for s in deck.slides if s.name == section_id]


def kicker(slide) -> str:
    return next((sh.text_frame.text for sh in slide.shapes if sh.name == "Kicker"), "")


def named(deck, name: str) -> list:
    return [sh for slide in deck.slides for sh in slide.shapes if sh.name == name]


def notes(slide) -> str:
    return slide.notes_slide.notes_text_frame.text if slide.has_notes_slide else ""


# --- structure ------------------------------------------------------------------------------


def test_deck_is_widescreen_with_the_house_theme(latam_deck, latam_report):
    assert (latam_deck.slide_width, latam_deck.slide_height) == (round(SLIDE_W * EMU), round(SLIDE_H * EMU))
    theme = etree.fromstring(latam_deck.slide_master.part.part_related_by(RT.THEME).blob)
    assert {e.get("typeface") for e in theme.iter(f"{A}latin")} == {"Calibri"}
    assert {e.get("typeface") for e in theme.iter(f"{A}ea")} == {OFFICE_EAST_ASIAN_FONT}
    assert {e.get("typeface") for e in theme.iter(f"{A}cs")} == {OFFICE_COMPLEX_FONT}
    per_script = {e.get("script"): e.get("typeface") for e in theme.iter(f"{A}font")}
    assert per_script["Jpan"] == "Yu Gothic" and per_script["Hang"] == "Malgun Gothic" and per_script["Arab"] == "Arial"
    slots = {slot.tag.removeprefix(A): slot.find(f"{A}srgbClr").get("val") for slot in theme.find(f".//{A}clrScheme")}
    colours = latam_report.brand.colours
    assert [slots[f"accent{i}"] for i in range(1, 4)] == [c[1:] for c in colours.series[:3]]
    # no colour of python-pptx's default theme is left: text, background and links are the brand's
    assert (slots["dk1"], slots["lt1"], slots["dk2"], slots["lt2"]) == tuple(c[1:] for c in (colours.text, colours.background,
                                                                                            colours.accent, colours.fill))
    assert slots["hlink"] == slots["folHlink"] == colours.accent[1:]
    assert [layout.name for layout in latam_deck.slide_layouts] == ["Title Slide", "Title and Content", "Title Only"]


def test_slides_follow_the_sections_in_order_with_their_action_titles(latam_deck, latam_report):
    slides = list(latam_deck.slides)
    assert slides[0].shapes.title.text == latam_report.meta.title
    assert slides[1].shapes.title.text == "Agenda" and slides[-1].name == "sources"
    sections = presented(latam_report)
    first_slides = {}
    for n, slide in enumerate(slides, 1):
        first_slides.setdefault(slide.name, n)
    assert [s.id for s in sections] == [name for name in first_slides if name in {s.id for s in sections}]
    for section in sections:
        own = slides_of(latam_deck, section.id)
        assert own, section.id
        assert kicker(own[0]) == section.title
        assert own[0].shapes.title.text == (section.headline or section.title)
    assert len(slides) == 2 + sum(len(slides_of(latam_deck, s.id)) for top in sections for s in top.walk()) + 1
    assert 30 <= len(slides) <= 60  # the latam deck: one slide or a few per section, not one per block


def test_agenda_gives_the_first_slide_of_every_section(latam_deck, latam_report):
    agenda = "\n".join(sh.text_frame.text for sh in slides_of(latam_deck, "agenda")[0].shapes if sh.name == "Text")
    for section in presented(latam_report):
        number = 1 + [s.name for s in latam_deck.slides].index(section.id)
        assert f"{number}\t{section.title}" in agenda


def test_subsegment_sections_get_their_own_slides(latam_deck, nordic_deck, latam_report, nordic_report):
    for deck, report in ((latam_deck, latam_report), (nordic_deck, nordic_report)):
        subs = [s for top in report.sections for s in top.subsections if s.kind == "subsegment"]
        assert subs
        for sub in subs:
            (slide,) = slides_of(deck, sub.id)
            assert slide.shapes.title.text == sub.headline
            assert sub.title in kicker(slide)


# --- charts ---------------------------------------------------------------------------------


def chart_frames(deck) -> dict[str, object]:
    return {sh.name.removeprefix("Chart "): sh for slide in deck.slides for sh in slide.shapes if sh.has_chart}


def test_every_dimension_has_native_charts_holding_the_models_numbers(latam_deck, latam_report):
    frames = chart_frames(latam_deck)
    dimensions = [s for s in latam_report.sections if s.kind == "dimension"]
    assert len(dimensions) == 7
    for section in dimensions:
        for chart in section.find(Chart):
            native = frames[chart.id].chart
            plot = native.plots[0]
            assert tuple(plot.categories) == chart.categories
            assert [s.name for s in plot.series] == [s.name for s in chart.series]
            for drawn, model in zip(plot.series, chart.series, strict=True):
                assert drawn.values == pytest.approx(model.values, rel=1e-12)
        trend = frames[f"{section.id.removeprefix('dim-') if section.id != 'regional' else 'country'}-trend"].chart
        assert trend.chart_type == XL_CHART_TYPE.COLUMN_STACKED


def test_chart_data_is_embedded_for_editing(latam_deck, latam_report):
    chart = latam_report.section("overview").find(Chart)[0]
    native = chart_frames(latam_deck)[chart.id].chart
    workbook = openpyxl.load_workbook(io.BytesIO(native.part.chart_workbook.xlsx_part.blob))
    sheet = workbook.active
    assert [sheet.cell(r + 2, 1).value for r in range(len(chart.categories))] == list(chart.categories)
    assert [sheet.cell(r + 2, 2).value for r in range(len(chart.categories))] == pytest.approx(chart.series[0].values)


def test_market_size_history_is_styled_apart_from_forecast(latam_deck, latam_report):
    chart = latam_report.section("overview").find(Chart)[0]
    native = chart_frames(latam_deck)[chart.id].chart
    assert native.chart_type == XL_CHART_TYPE.COLUMN_CLUSTERED
    styled = sorted(int(p.find("{*}idx").get("val")) for p in native._chartSpace.iter("{*}dPt"))
    assert styled == list(range(chart.forecast_from))
    slide = next(s for s in latam_deck.slides for sh in s.shapes if sh.name == f"Chart {chart.id}")
    texts = [sh.text_frame.text for sh in slide.shapes if sh.has_text_frame]
    assert any("CAGR" in t for t in texts)  # the growth-rate callout beside the chart
    assert any(chart.categories[chart.forecast_from] in t and "forecast" in t for t in texts)


def test_every_chart_and_picture_has_alt_text(latam_deck, latam_report, branded):
    by_id = {c.id: c for c in latam_report.charts()}
    frames = chart_frames(latam_deck)
    assert frames
    for chart_id, frame in frames.items():
        assert frame._element.nvGraphicFramePr.cNvPr.get("descr") == by_id[chart_id].alt_text
    _, deck = branded
    pictures = [sh for s in deck.slides for sh in s.shapes if sh.shape_type == MSO_SHAPE_TYPE.PICTURE]
    assert pictures and all(p._element.nvPicPr.cNvPr.get("descr") for p in pictures)


# --- tables ---------------------------------------------------------------------------------


def table_frames(deck, table_id: str) -> list:
    return named(deck, f"Table {table_id}")


def test_tables_are_native_and_formatted_by_the_shared_formatter(latam_deck, latam_report):
    fmt = latam_report.fmt
    table = next(t for t in latam_report.section("dim-therapy-type").find(Table))
    (frame,) = table_frames(latam_deck, table.id)
    assert frame.has_table
    shown = shown_columns(table, 7)
    assert [c.text for c in frame.table.rows[0].cells] == [table.columns[i].label for i in shown]
    assert any(table.columns[i].key.startswith("cagr") for i in shown)
    for drawn, row in zip(list(frame.table.rows)[1:], table.rows, strict=True):
        expected = [row.cells[0], *(fmt.value(row.cells[i], table.columns[i].type) for i in shown[1:])]
        assert [c.text for c in drawn.cells] == expected


def test_long_tables_continue_on_further_slides_without_losing_a_row(latam_deck, latam_report):
    table = latam_report.section("methodology").find(Table)[0]
    frames = table_frames(latam_deck, table.id)
    assert len(frames) > 1
    drawn = [row.cells[0].text for f in frames for row in list(f.table.rows)[1:]]
    assert drawn == [row.cells[0] for row in table.rows]
    for f in frames:
        assert (f.top + f.height) / EMU <= CONTENT_BOTTOM + 0.01
    continued = [s.shapes.title.text.endswith("(continued)") for s in latam_deck.slides
                 if any(sh.name == f"Table {table.id}" for sh in s.shapes)]
    assert continued == [False] + [True] * (len(frames) - 1)


# --- notes and text -------------------------------------------------------------------------


def test_every_slide_has_speaker_notes_with_sources_and_estimates(latam_deck, latam_report):
    assert all(notes(s).strip() for s in latam_deck.slides)
    for section in presented(latam_report):
        for slide in slides_of(latam_deck, section.id):
            for line in section.notes:
                assert line in notes(slide)
    for chart in latam_report.section("dim-therapy-type").find(Chart):
        slide = next(s for s in latam_deck.slides for sh in s.shapes if sh.name == f"Chart {chart.id}")
        assert chart.source in notes(slide)
        assert "Estimated shares" in notes(slide)


def test_footer_and_slide_numbers_on_content_slides(latam_deck):
    for n, slide in enumerate(latam_deck.slides, 1):
        kinds = {ph.placeholder_format.type: ph for ph in slide.placeholders}
        if n == 1:
            assert PP_PLACEHOLDER.SLIDE_NUMBER not in kinds
            continue
        number = kinds[PP_PLACEHOLDER.SLIDE_NUMBER]._element
        field = next(number.iter(f"{A}fld"))
        assert field.get("type") == "slidenum" and field.findtext(f"{A}t") == str(n)
        assert kinds[PP_PLACEHOLDER.FOOTER].text_frame.text


@pytest.mark.parametrize("deck_name", ["latam_deck", "nordic_deck"])
def test_no_text_overflows_and_content_stays_between_title_and_footer(deck_name, request):
    assert_fits(request.getfixturevalue(deck_name))


def test_two_charts_share_the_width_evenly_unless_the_left_one_is_drawn_as_a_doughnut(latam_deck, latam_report):
    """A share chart with more slices than a doughnut keeps legible is drawn as bars, and beside
    another chart it takes half the width as any bar chart does; a real doughnut takes less."""
    assert_chart_pairs_split(latam_deck)
    by_id = {c.id: c for c in latam_report.charts()}
    widths = {}
    for left, right in chart_pairs(latam_deck):
        chart = by_id[left.name.removeprefix("Chart ")]
        if chart.kind == "doughnut":
            drawn = XL_CHART_TYPE.DOUGHNUT if len(chart.categories) <= MAX_SLICES else XL_CHART_TYPE.BAR_CLUSTERED
            assert left.chart.chart_type == drawn, chart.id
            widths[drawn] = left.width, right.width
    doughnut, bars = widths[XL_CHART_TYPE.DOUGHNUT], widths[XL_CHART_TYPE.BAR_CLUSTERED]
    assert doughnut[0] < doughnut[1] and bars[0] == pytest.approx(bars[1], abs=1)


def test_category_labels_are_set_smaller_before_they_would_slant(latam_deck, latam_report):
    """A column or line chart's year labels keep the chart's text size where they stand level side by
    side, and step down to the smallest size as the chart narrows (PowerPoint and LibreOffice would
    slant them and squeeze the plot); bars list their categories down the side at full size."""
    years = next(c for c in latam_report.charts() if c.kind == "stacked_column" and len(c.categories) >= 14)
    sizes = [category_label_size(years, years.kind, tenths / 10) for tenths in range(90, 29, -1)]  # 9 in to 3 in
    assert sizes == sorted(sizes, reverse=True) and sizes[0] == CHART_SIZE and set(sizes) == set(LABEL_SIZES)
    assert category_label_size(years, "bar", 3.0) == CHART_SIZE
    by_id = {c.id: c for c in latam_report.charts()}
    checked = 0
    for slide in latam_deck.slides:
        for shape in slide.shapes:
            if shape.has_chart and shape.chart.chart_type != XL_CHART_TYPE.DOUGHNUT:
                chart = by_id[shape.name.removeprefix("Chart ")]
                kind = "bar" if shape.chart.chart_type == XL_CHART_TYPE.BAR_CLUSTERED else chart.kind
                size = shape.chart.category_axis.tick_labels.font.size.pt
                assert size == category_label_size(chart, kind, shape.width / EMU), chart.id
                checked += 1
    assert checked


def test_overlong_texts_are_cut_deliberately(nordic_report):
    headline = " ".join(["An improbably long action title that keeps on going"] * 8)
    paragraph = " ".join(f"Sentence {i} of a very long commentary." for i in range(300))
    sections = tuple(
        dataclasses.replace(s, headline=headline, blocks=(Paragraph(paragraph), *s.blocks)) if s.id == "outlook" else s
        for s in nordic_report.sections
    )
    deck = Presentation(io.BytesIO(pptx.render(dataclasses.replace(nordic_report, sections=sections))))
    assert_fits(deck)
    slides = slides_of(deck, "outlook")
    assert len(slides) > 1 and slides[0].shapes.title.text.endswith("…")
    assert headline in notes(slides[0])
    shown = " ".join(sh.text_frame.text for s in slides for sh in s.shapes if sh.name == "Text")
    assert "Sentence 0 of" in shown and "Sentence 299 of" in shown


# Names a report may quote, one per writing system: what the deck must name a face, language or direction for.
NAMES = {
    "Japan": "トヨタ自動車株式会社", "Korea": "삼성바이오로직스", "China": "北京协和医院",
    "Saudi Arabia": "مستشفى الملك فيصل التخصصي", "Israel": "המרכז הרפואי שיבא", "Thailand": "โรงพยาบาลศิริราช",
    "India": "अपोलो हॉस्पिटल्स", "Russia": "Генериум", "Greece": "Βιανέξ", "Vietnam": "Bệnh viện Chợ Rẫy",
}


@pytest.fixture(scope="module")
def scripts_deck(nordic_report: Report):
    names = ItemList(tuple(Item(name, country) for country, name in NAMES.items()))
    sections = tuple(dataclasses.replace(s, blocks=(names, *s.blocks)) if s.id == "outlook" else s for s in nordic_report.sections)
    return Presentation(io.BytesIO(pptx.render(dataclasses.replace(nordic_report, sections=sections))))


def _name_runs(deck) -> dict[str, tuple]:
    """The run holding each name, with its paragraph: {country: (paragraph element, run element)}."""
    out = {}
    for shape in named(deck, "Text"):
        for p in shape.text_frame.paragraphs:
            runs = p.runs
            if len(runs) == 2 and runs[0].text.removesuffix(": ") in NAMES:
                out[runs[0].text.removesuffix(": ")] = (p._p, runs[1]._r)
    return out


def test_every_run_is_in_the_edition_language_and_names_get_their_scripts_face(scripts_deck):
    langs = {r.get("lang") for slide in scripts_deck.slides for r in slide._element.iter(f"{A}rPr")}
    assert langs == {"en-US"}
    runs = _name_runs(scripts_deck)
    assert set(runs) == set(NAMES)
    faces = {country: (r.rPr.get("altLang"), r.rPr.find(f"{A}ea"), r.rPr.find(f"{A}cs")) for country, (_p, r) in runs.items()}
    east_asian = {c: (lang, ea.get("typeface")) for c, (lang, ea, _cs) in faces.items() if ea is not None}
    assert east_asian == {"Japan": ("ja-JP", "Yu Gothic"), "Korea": ("ko-KR", "Malgun Gothic"), "China": ("zh-CN", "Microsoft YaHei")}
    complex_ = {c: cs.get("typeface") for c, (_lang, _ea, cs) in faces.items() if cs is not None}
    assert complex_ == {"Saudi Arabia": "Arial", "Israel": "Arial", "Thailand": "Tahoma", "India": "Nirmala UI"}
    rtl = {c for c, (p, _r) in runs.items() if p.pPr is not None and p.pPr.get("rtl") == "1"}
    assert rtl == {"Saudi Arabia", "Israel"}
    assert_fits(scripts_deck)


# --- the made-up market, branding, untrusted strings, determinism -------------------------


def test_made_up_market_builds_its_own_deck(nordic_deck, nordic_report):
    assert nordic_deck.slides[0].shapes.title.text == nordic_report.meta.title
    for section in presented(nordic_report):
        assert slides_of(nordic_deck, section.id)
    frames = chart_frames(nordic_deck)
    for chart in nordic_report.charts():
        if chart.id in frames:
            assert frames[chart.id].chart.plots[0].series[0].values == pytest.approx(chart.series[0].values, rel=1e-12)
    assert "EUR" in nordic_deck.slides[2].shapes.title.text


def test_data_strings_stay_plain_text(nordic_deck):
    texts = [r.text for s in nordic_deck.slides for sh in s.shapes if sh.has_text_frame
             for p in sh.text_frame.paragraphs for r in p.runs]
    assert any("Retail & e-commerce <b>" in t for t in texts)
    for slide in nordic_deck.slides:
        assert not list(slide._element.iter("b")), "markup from data must not become XML"


def test_branding_sets_client_logo_and_colours(branded):
    report, deck = branded
    title = deck.slides[0]
    assert any(sh.has_text_frame and f"Prepared for {report.brand.client.name}" in sh.text_frame.text for sh in title.shapes)
    assert any(sh.name == "Client logo" for sh in title.shapes)
    theme = etree.fromstring(deck.slide_master.part.part_related_by(RT.THEME).blob)
    assert theme.find(f".//{A}dk2/{A}srgbClr").get("val") == "AA3366"
    trend = next(sh.chart for s in deck.slides for sh in s.shapes if sh.has_chart and sh.name.endswith("-trend"))
    fills = [s.format.fill.fore_color.rgb for s in trend.plots[0].series]
    assert [str(c) for c in fills] == ["112233", "445566", "778899"][: len(fills)]


def test_same_inputs_give_the_same_bytes(latam_bytes, latam_report):
    assert pptx.render(latam_report) == latam_bytes
    with zipfile.ZipFile(io.BytesIO(latam_bytes)) as z:
        assert {i.date_time for i in z.infolist()} == {zipnorm.FIXED_TIME}
        assert z.namelist()[0] == "[Content_Types].xml"
    props = Presentation(io.BytesIO(latam_bytes)).core_properties
    assert props.created.date() == props.modified.date() == latam_report.meta.edition
    assert props.title == latam_report.meta.title


def test_zipnorm_fixes_order_and_timestamps():
    def archive(order, when):
        out = io.BytesIO()
        with zipfile.ZipFile(out, "w") as z:
            for name in order:
                z.writestr(zipfile.ZipInfo(name, when), name.encode())
        return out.getvalue()

    a = archive(["b.xml", "[Content_Types].xml", "a.xml"], (2024, 5, 1, 12, 0, 0))
    b = archive(["a.xml", "b.xml", "[Content_Types].xml"], (2025, 1, 2, 3, 4, 6))
    assert a != b and zipnorm.normalize(a) == zipnorm.normalize(b)
    with zipfile.ZipFile(io.BytesIO(zipnorm.normalize(a))) as z:
        assert z.namelist() == ["[Content_Types].xml", "a.xml", "b.xml"]
        assert z.read("a.xml") == b"a.xml"
