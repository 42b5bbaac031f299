"""The deck on corporate templates made by others: pandoc's reference deck, LibreOffice's exports, a 4:3 deck, a .potx.

Each deck is reopened and read as PowerPoint reads it: its slide size, its masters and layouts,
the layout each slide uses, its package's relationships and content types (``package_check``),
and whether its shapes stay in the geometry read from the template (``fits``).
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pptx as python_pptx
import pytest
from lxml import etree
from pptx import Presentation
from pptx.enum.chart import XL_CHART_TYPE
from pptx.enum.shapes import MSO_SHAPE_TYPE, PP_PLACEHOLDER
from pptx.opc.constants import RELATIONSHIP_TYPE as RT

from reportgen.data.brand import load_brand
from reportgen.model import build_report
from reportgen.model.elements import Report
from reportgen.pptx_template import PRESENTATION_MAIN, TemplateError, as_presentation, check_template, choose_layouts, open_template
from reportgen.writers import pptx
from reportgen.writers.pptx.geometry import HOUSE
from reportgen.writers.pptx.packing import TableFrame
from reportgen.writers.pptx.plan import CHARTS_MIN_H, DeckPlanner
from reportgen.writers.pptx.style import BODY_SIZES, GAP
from reportgen.writers.pptx.template import template_deck
from tests.branding import for_client, on_template
from tests.data.test_brand import EXAMPLE, PNG
from tests.writers.pptx.fits import EMU, assert_chart_pairs_split, assert_fits, chart_pairs
from tests.writers.pptx.package_check import package_problems

TEMPLATES = Path(__file__).resolve().parents[2] / "fixtures" / "pptx-templates"
PANDOC = TEMPLATES / "pandoc-reference.pptx"
VIVID = TEMPLATES / "libreoffice-vivid.pptx"
METROPOLIS = TEMPLATES / "libreoffice-metropolis.potx"
FOUR_BY_THREE = Path(python_pptx.__file__).parent / "templates" / "default.pptx"  # python-pptx's own, 10 x 7.5 in
ALL = {"pandoc": PANDOC, "vivid": VIVID, "metropolis": METROPOLIS, "4:3": FOUR_BY_THREE}
P = "{http://schemas.openxmlformats.org/presentationml/2006/main}"
POTX_MAIN = "application/vnd.openxmlformats-officedocument.presentationml.template.main+xml"


@pytest.fixture(scope="module")
def built(latam_report: Report) -> dict[str, bytes]:
    """The latam deck on each template, in the house brand otherwise (Calibri)."""
    return {name: pptx.render(on_template(latam_report, path)) for name, path in ALL.items()}


@pytest.fixture(scope="module")
def decks(built: dict[str, bytes]) -> dict[str, object]:
    return {name: deck(data) for name, data in built.items()}


def deck(data: bytes):
    return Presentation(io.BytesIO(data))


def layout_names(prs) -> list[tuple[int, str]]:
    """(master number, layout name) of every layout, in order."""
    return [(m, layout.name) for m, master in enumerate(prs.slide_masters) for layout in master.slide_layouts]


def used(prs) -> list[tuple[int, str]]:
    masters = list(prs.slide_masters)
    return [(masters.index(s.slide_layout.slide_master), s.slide_layout.name) for s in prs.slides]


# --- size, masters, layouts -------------------------------------------------------------------


@pytest.mark.parametrize("name", ALL)
def test_the_deck_takes_the_templates_size_masters_and_layouts(decks, name):
    template, made = open_template(ALL[name].read_bytes()), decks[name]
    assert (made.slide_width, made.slide_height) == (template.slide_width, template.slide_height)
    assert layout_names(made) == layout_names(template)  # every layout stays, in its master
    for ours, theirs in zip(made.slide_masters, template.slide_masters, strict=True):  # the theme is the template's
        assert ours.part.part_related_by(RT.THEME).blob == theirs.part.part_related_by(RT.THEME).blob


def test_slides_use_the_layouts_named_for_their_kind(decks):
    sizes = {name: (made.slide_width / EMU, made.slide_height / EMU) for name, made in decks.items()}
    assert sizes["pandoc"] == (10, 5.625) and sizes["4:3"] == (10, 7.5)
    pandoc = used(decks["pandoc"])
    assert pandoc[0] == (0, "Title Slide") and set(pandoc[1:]) == {(0, "Title Only")}
    four_by_three = used(decks["4:3"])
    assert four_by_three[0] == (0, "Title Slide") and set(four_by_three[1:]) == {(0, "Title Only")}


def test_a_template_with_several_masters_is_used_as_its_sample_slides_use_it(decks):
    """LibreOffice exports a master per master page, each with every layout: the title slide
    takes the master of the template's own title slide, content slides that of its content slides."""
    template = open_template(VIVID.read_bytes())
    samples = used(template)
    assert samples[0] == (0, "Title Slide") and samples[1] == (1, "Title, Content")
    vivid = used(decks["vivid"])
    assert vivid[0] == (0, "Title Slide") and set(vivid[1:]) == {(1, "Title Only")}


def test_layouts_are_found_by_what_they_hold_when_their_names_are_not_the_usual_ones():
    prs = open_template(PANDOC.read_bytes())
    renamed = {"Title Slide": "Titelfolie", "Title Only": "Nur Titel", "Title and Content": "Titel und Inhalt"}
    for layout in prs.slide_layouts:
        layout.name = renamed.get(layout.name, layout.name)
    chosen = choose_layouts(prs, {})
    assert (chosen["title"].name, chosen["content"].name) == ("Titelfolie", "Nur Titel")
    kinds = {ph.placeholder_format.type for ph in chosen["content"].placeholders}
    assert PP_PLACEHOLDER.TITLE in kinds and not kinds & {PP_PLACEHOLDER.BODY, PP_PLACEHOLDER.OBJECT}


def test_a_brand_may_name_the_layouts(nordic_report):
    data = pptx.render(on_template(nordic_report, PANDOC, {"content": "title and content"}))
    made = deck(data)
    assert set(used(made)[1:]) == {(0, "Title and Content")}
    for slide in list(made.slides)[1:]:  # the layout's content placeholder is not left empty on the slide
        kinds = {ph.placeholder_format.type for ph in slide.placeholders}
        assert kinds <= {PP_PLACEHOLDER.TITLE, PP_PLACEHOLDER.FOOTER, PP_PLACEHOLDER.SLIDE_NUMBER}
    assert package_problems(data) == []


@pytest.mark.parametrize(("layouts", "message"), [
    ({"content": "Closing"}, "pptx-layouts.content: the template has no layout named 'Closing' (it has 'Title Slide', "),
    ({"content": "Blank"}, "pptx-layouts.content: layout 'Blank' has not got a title placeholder"),
    ({"cover": "Title Slide"}, "pptx-layouts.cover: not a kind of slide (the kinds are title, content)"),
])
def test_a_layout_the_template_lacks_is_refused_naming_what_it_has(layouts, message):
    for check in (check_template, template_deck):  # what the brand's check refuses, the deck refuses
        with pytest.raises(TemplateError) as caught:
            check(PANDOC.read_bytes(), layouts)
        assert str(caught.value).startswith(message)


# --- the package --------------------------------------------------------------------------------


@pytest.mark.parametrize("name", ALL)
def test_the_package_opens_without_a_repair(built, name):
    assert package_problems(built[name]) == []


def test_the_templates_sample_slides_are_gone_with_everything_only_they_used(built, decks):
    template = zipfile.ZipFile(PANDOC)
    assert any(n.startswith("ppt/notesSlides/") for n in template.namelist())  # the samples have notes
    made = decks["pandoc"]
    texts = " ".join(sh.text_frame.text for s in made.slides for sh in s.shapes if sh.has_text_frame)
    for sample in ("Presentation Title", "Hello, world.", "Section header", "Some content on the left."):
        assert sample not in texts
    names = zipfile.ZipFile(io.BytesIO(built["pandoc"])).namelist()
    assert sum(n.startswith("ppt/slides/slide") for n in names) == len(made.slides)
    assert sum(n.startswith("ppt/notesSlides/notesSlide") for n in names) == len(made.slides)
    assert "docProps/thumbnail.jpeg" not in names


def test_a_potx_becomes_a_presentation():
    data = METROPOLIS.read_bytes()
    types = zipfile.ZipFile(io.BytesIO(data)).read("[Content_Types].xml").decode()
    assert POTX_MAIN in types
    with pytest.raises(ValueError, match="is not a PowerPoint file"):
        Presentation(io.BytesIO(data))  # what python-pptx says of a template as it is
    assert POTX_MAIN not in zipfile.ZipFile(io.BytesIO(as_presentation(data))).read("[Content_Types].xml").decode()


def test_sections_and_custom_shows_naming_the_sample_slides_go_with_them(nordic_report, tmp_path):
    """PowerPoint's slide sections and custom shows list slides by id; left behind, they name slides that are gone."""
    with zipfile.ZipFile(PANDOC) as z:
        parts = {name: z.read(name) for name in z.namelist()}
    root = etree.fromstring(parts["ppt/presentation.xml"])
    ids = [s.get("id") for s in root.iter(f"{P}sldId")]
    rid = root.find(f"{P}sldIdLst/{P}sldId").get("{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id")
    p14 = "http://schemas.microsoft.com/office/powerpoint/2010/main"
    shows = etree.fromstring(f'<p:custShowLst xmlns:p="{P[1:-1]}" xmlns:r="http://schemas.openxmlformats.org/officeDocument/'
                             f'2006/relationships"><p:custShow name="Short" id="0"><p:sldLst><p:sld r:id="{rid}"/>'
                             "</p:sldLst></p:custShow></p:custShowLst>")
    root.find(f"{P}notesSz").addnext(shows)
    sections = "".join(f'<p14:sldId id="{i}"/>' for i in ids)
    ext = etree.fromstring(f'<p:extLst xmlns:p="{P[1:-1]}" xmlns:p14="{p14}"><p:ext uri="{{521415D9-36F7-43E2-AB2F-B90AF26B5E84}}">'
                           f'<p14:sectionLst><p14:section name="Samples" id="{{00000000-0000-0000-0000-000000000001}}">'
                           f"<p14:sldIdLst>{sections}</p14:sldIdLst></p14:section></p14:sectionLst></p:ext></p:extLst>")
    existing = root.find(f"{P}extLst")
    if existing is not None:
        root.remove(existing)
    root.append(ext)
    parts["ppt/presentation.xml"] = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
    with zipfile.ZipFile(tmp_path / "sectioned.pptx", "w") as z:
        for name, blob in parts.items():
            z.writestr(name, blob)
    data = pptx.render(on_template(nordic_report, tmp_path / "sectioned.pptx"))
    made = etree.fromstring(zipfile.ZipFile(io.BytesIO(data)).read("ppt/presentation.xml"))
    assert made.find(f"{P}custShowLst") is None and not list(made.iter(f"{{{p14}}}sectionLst"))
    assert package_problems(data) == []


@pytest.mark.parametrize(("data", "message"), [
    (b"not a zip", "is not a readable PowerPoint file"),
    ("xlsx", "is not a PowerPoint presentation or template (its main part is application/vnd.openxmlformats-officedocument"
             ".spreadsheetml.sheet.main+xml)"),
    ("pptm", "is a macro-enabled PowerPoint file (.pptm): save it as .potx or .pptx, without macros"),
])
def test_a_file_that_is_not_a_presentation_is_refused_saying_what_it_is(data, message):
    if data == "xlsx":
        import xlsxwriter

        out = io.BytesIO()
        xlsxwriter.Workbook(out, {"in_memory": True}).close()
        data = out.getvalue()
    elif data == "pptm":
        data = _retyped(PANDOC.read_bytes(), "application/vnd.ms-powerpoint.presentation.macroEnabled.main+xml")
    with pytest.raises(TemplateError) as caught:
        open_template(data)
    assert str(caught.value).startswith(message)


def _retyped(data: bytes, content_type: str) -> bytes:
    """The package with its main part's content type replaced."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w") as dst:
        for info in src.infolist():
            blob = src.read(info.filename)
            if info.filename == "[Content_Types].xml":
                blob = blob.replace(PRESENTATION_MAIN.encode(), content_type.encode())
            dst.writestr(info, blob)
    return out.getvalue()


def test_same_template_same_bytes(nordic_report):
    assert pptx.render(on_template(nordic_report, VIVID)) == pptx.render(on_template(nordic_report, VIVID))


# --- geometry and placement ---------------------------------------------------------------------


@pytest.mark.parametrize("name", ALL)
def test_content_stays_in_the_templates_content_area_and_every_text_fits(decks, latam_report, name):
    made = decks[name]
    geometry = template_deck(ALL[name].read_bytes()).geometry
    assert_fits(made, geometry)
    assert len(made.slides) == len(DeckPlanner(latam_report, geometry).plan())


def test_geometry_is_read_from_the_layouts_the_slides_use():
    geometry = template_deck(PANDOC.read_bytes()).geometry
    title = next(ph for ph in open_template(PANDOC.read_bytes()).slide_layouts if ph.name == "Title Only").placeholders[0]
    assert (geometry.width, geometry.height) == (10, 5.625)
    assert geometry.title.x == title.left / EMU and geometry.title.bottom == pytest.approx((title.top + title.height) / EMU)
    body = open_template(PANDOC.read_bytes()).slide_master.placeholders[1]  # Title Only has none: the master's body
    assert (geometry.content.x, geometry.content.w) == (body.left / EMU, body.width / EMU)
    assert geometry.content.bottom == pytest.approx((body.top + body.height) / EMU)


def test_tables_show_fewer_years_on_a_narrow_slide_and_stay_inside_it(decks, latam_report):
    geometry = template_deck(PANDOC.read_bytes()).geometry
    tables = [sh for s in decks["pandoc"].slides for sh in s.shapes if sh.has_table]
    assert tables and all((t.left + t.width) / EMU <= geometry.content.right + 0.01 for t in tables)
    house = [f for plan in DeckPlanner(latam_report, HOUSE).plan() for _, f in plan.frames if isinstance(f, TableFrame)]
    columns = {f"Table {f.layout.table.id}": len(f.layout.shown) for f in house}
    narrower = {sh.name: len(sh.table.columns) for sh in tables}
    assert any(narrower[name] < columns[name] for name in narrower)


def test_two_charts_on_a_short_slide_split_its_width_by_how_they_are_drawn_and_keep_their_height(decks):
    """On the 10 in slide, as on the house one, a share chart with too many slices for a doughnut is
    drawn as bars and takes half the width (4.42 in, not a doughnut's 3.70). The commentary above
    two charts is set smaller, where all of it fits, so that the charts keep ``CHARTS_MIN_H``:
    the bars then have room for every category label (2.60 in, not 2.16)."""
    geometry = template_deck(PANDOC.read_bytes()).geometry
    made = decks["pandoc"]
    assert_chart_pairs_split(made, geometry)
    bars, trend = next(pair for pair in chart_pairs(made) if pair[0].name == "Chart therapeutic-area-share")
    assert bars.chart.chart_type == XL_CHART_TYPE.BAR_CLUSTERED and len(bars.chart.plots[0].categories) == 8
    assert bars.width == pytest.approx(trend.width, abs=1) and bars.width / EMU == pytest.approx((geometry.content.w - GAP) / 2)
    assert bars.height / EMU >= CHARTS_MIN_H
    for slide in made.slides:
        charts = [sh for sh in slide.shapes if sh.has_chart]
        if len(charts) == 2:
            sizes = {r.font.size.pt for sh in slide.shapes if sh.name == "Text" for p in sh.text_frame.paragraphs for r in p.runs}
            assert max(c.height for c in charts) / EMU >= CHARTS_MIN_H or sizes == {BODY_SIZES[-1]}, slide.name


def test_titles_go_in_the_title_placeholder_with_the_kicker_as_its_first_line(decks, latam_report):
    made = decks["pandoc"]
    assert made.slides[0].shapes.title.text_frame.text == latam_report.meta.title
    overview = next(s for s in made.slides if s.name == "overview")
    kicker, title = overview.shapes.title.text_frame.paragraphs
    section = latam_report.section("overview")
    assert kicker.text == section.title and title.text == section.headline
    assert not [sh for sh in overview.shapes if sh.name == "Kicker"]


def test_reportgen_draws_in_the_brands_colours_and_the_template_keeps_its_own(decks, latam_report):
    made = decks["pandoc"]
    trend = next(sh.chart for s in made.slides for sh in s.shapes if sh.has_chart and sh.name.endswith("-trend"))
    fills = [str(s.format.fill.fore_color.rgb) for s in trend.plots[0].series]
    assert fills == [c.lstrip("#").upper() for c in latam_report.brand.colours.series[: len(fills)]]
    title_runs = [r for s in made.slides for p in s.shapes.title.text_frame.paragraphs for r in p.runs]
    assert all(r._r.rPr.find("{*}solidFill") is None for r in title_runs)  # the template's title colour


def test_text_the_template_would_set_in_a_face_reportgen_cannot_measure_names_the_measured_face(decks):
    """LibreOffice's templates set Arial in their theme: reportgen's text names Calibri, the face it measured."""
    a = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
    vivid, pandoc = decks["vivid"], decks["pandoc"]
    faces = {r.get("typeface") for s in vivid.slides for r in s._element.iter(f"{a}latin")}
    assert faces == {"Calibri"}
    runs = [r for s in vivid.slides for r in s._element.iter(f"{a}r")]
    assert all(r.find(f"{a}rPr/{a}latin") is not None for r in runs)
    assert not [r for s in pandoc.slides for r in s._element.iter(f"{a}latin")]  # Calibri is pandoc's theme face


def test_names_in_other_scripts_get_their_faces_after_the_measured_one(world_report):
    """On a template whose face reportgen pins, a run with a Japanese or Arabic name names its
    Latin face, then its East Asian or complex-script face, in the schema's order."""
    data = pptx.render(on_template(world_report, VIVID))
    a = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
    runs = [r for s in deck(data).slides for r in s._element.iter(f"{a}rPr") if r.find(f"{a}ea") is not None]
    assert runs and all(r.find(f"{a}latin").get("typeface") == "Calibri" for r in runs)
    assert package_problems(data) == []  # the run properties' order among the rest


def test_placeholders_carry_the_position_their_layout_gives_them(decks):
    made = decks["vivid"]  # LibreOffice's placeholders all have index 0: matched by type, written out
    title_slide = made.slides[0]
    layout = {ph.placeholder_format.type: ph for ph in title_slide.slide_layout.placeholders}
    for ph in title_slide.placeholders:
        theirs = layout[ph.placeholder_format.type]
        xfrm = ph._element.spPr.find("{*}xfrm")
        assert xfrm is not None and (ph.left, ph.top, ph.width, ph.height) == (theirs.left, theirs.top, theirs.width,
                                                                                theirs.height)


def test_shapes_reportgen_draws_take_no_effects_from_the_templates_theme(decks):
    """pandoc's theme gives a new shape a drop shadow (its effect styles); key-figure tiles,
    process steps and chart keys are drawn flat, in the brand's colours only."""
    made = decks["pandoc"]
    theme = made.slide_master.part.part_related_by(RT.THEME).blob
    assert b"outerShdw" in theme
    drawn = [sh for s in made.slides for sh in s.shapes if sh.shape_type == MSO_SHAPE_TYPE.AUTO_SHAPE]
    assert {sh.name for sh in drawn} == {"Key figure", "Key figure rule", "Step", "Forecast key"}
    assert all(sh._element.find("{*}style") is None for sh in drawn)


def test_a_template_deck_shows_the_clients_logo_beside_the_title_text_and_leaves_the_brands_to_the_masters(nordic_analysis):
    """The brand's logo sits at the foot of the house title slide; a firm's template carries its
    own on its masters, so a template deck adds none. A client's logo goes at the right of the
    subtitle placeholder's text, which makes room for it."""
    report = for_client(build_report(nordic_analysis, load_brand(EXAMPLE / "_brand.yml").brand), "Acme Pharma", PNG)
    house, templated = (deck(pptx.render(r)).slides[0] for r in (report, on_template(report, PANDOC)))
    assert {sh.name for sh in house.shapes if sh.shape_type == MSO_SHAPE_TYPE.PICTURE} == {"Logo", "Client logo"}
    (picture,) = [sh for sh in templated.shapes if sh.shape_type == MSO_SHAPE_TYPE.PICTURE]
    subtitle = next(ph for ph in templated.placeholders if ph.placeholder_format.type == PP_PLACEHOLDER.SUBTITLE)
    assert picture.name == "Client logo" and picture.left >= subtitle.left + subtitle.width - subtitle.text_frame.margin_right
