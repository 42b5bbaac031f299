"""Brand files (``_brand.yml``): what a brand resolves to, and one line for each way it can be wrong.

Each refusal is a rule: a brand file (and the files it names) that breaks it is refused with one
``path: field: problem`` line naming the field. Warnings say what builds but may read badly.
"""

from __future__ import annotations

import functools
import os
import re
import shutil
import struct
import zipfile
import zlib
from pathlib import Path

import pytest
from click.testing import CliRunner

from reportgen.cli import main
from reportgen.data.brand import house_brand, load_brand
from reportgen.data.brand_files import HOUSE_BRAND, brand_inputs, find_brand, format_inputs
from reportgen.errors import ReportError
from reportgen.model.brand import contrast, rgb
from tests.conftest import NORDIC, ROOT

EXAMPLE = ROOT / "tests" / "fixtures" / "brand"
FONT = EXAMPLE / "fonts" / "NotoSerif-Regular.ttf"
PNG = EXAMPLE / "logo" / "meridian.png"


def brand_folder(tmp_path: Path, text: str, **files: bytes | Path) -> Path:
    """A brand file with ``text`` and the given files beside it (a Path is copied)."""
    folder = tmp_path / "brand"
    folder.mkdir(exist_ok=True)
    for name, content in files.items():
        path = folder / name.replace("__", "/")
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, Path):
            shutil.copy(content, path)
        else:
            path.write_bytes(content)
    (folder / "_brand.yml").write_text(text)
    return folder / "_brand.yml"


def refused(tmp_path: Path, text: str, **files: bytes | Path) -> list[str]:
    """The problems of a brand file, as the lines the CLI prints."""
    with pytest.raises(ReportError) as excinfo:
        load_brand(brand_folder(tmp_path, text, **files))
    return [str(p) for p in excinfo.value.problems]


def warned(tmp_path: Path, text: str, **files: bytes | Path) -> list[str]:
    return [str(p) for p in load_brand(brand_folder(tmp_path, text, **files)).warnings]


@functools.cache
def png(width: int, height: int) -> bytes:
    """A valid one-colour PNG of any size (its rows compress to almost nothing; compressed in
    batches of rows at the fastest level, so a 400-megapixel bomb takes a second, not fifteen)."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    rows, deflate = b"\x00" + b"\x80" * (3 * width), zlib.compressobj(1)
    batch = max(1, min(height, 2_000_000 // len(rows)))
    parts = [deflate.compress(rows * min(batch, height - start)) for start in range(0, height, batch)]
    raw = b"".join(parts) + deflate.flush()
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)) + chunk(b"IDAT", raw)
            + chunk(b"IEND", b""))


def test_the_house_brand_is_the_look_the_deliverables_always_had():
    house = house_brand()
    c = house.colours
    assert (c.text, c.accent, c.muted, c.fill, c.rule) == ("#1A1A1A", "#1F4E79", "#6B6B6B", "#F3F5F8", "#DADDE2")
    assert c.series[:3] == ("#1F4E79", "#E69F00", "#009E73") and c.on_accent == "#FFFFFF" and c.headings == c.accent
    assert house.body.family == "Open Sans" and house.headings.weight == 600
    assert {(f.weight, f.style) for f in house.body.files.faces} == {(400, "normal"), (600, "normal"), (700, "normal"), (400, "italic")}
    assert (house.office.family, house.office.measured_with) == ("Calibri", "Carlito")
    assert house.logo is None and house.pptx_template is None


def test_the_example_brand_resolves_every_name_and_reads_every_file():
    loaded = load_brand(EXAMPLE / "_brand.yml")
    brand, c = loaded.brand, loaded.brand.colours
    assert loaded.warnings == ()
    assert (c.text, c.accent, c.muted, c.fill, c.rule, c.headings) == ("#22313F", "#006D77", "#5C6B73", "#EDF6F9", "#C9D6DB", "#22313F")
    assert c.series == ("#006D77", "#E29578", "#6D597A", "#83C5BE", "#5C6B73")
    assert brand.body.family == "Noto Serif" and brand.body.line_height == 1.5 and brand.headings.weight == 700
    assert [(f.weight, f.data == (EXAMPLE / "fonts" / name).read_bytes()) for f, name in
            zip(brand.body.files.faces, ("NotoSerif-Regular.ttf", "NotoSerif-Bold.ttf"), strict=True)] == [(400, True), (700, True)]
    assert (brand.logo.small.type, brand.logo.small.width) == ("image/svg+xml", 64)
    assert (brand.logo.large.type, brand.logo.large.width, brand.logo.large.height) == ("image/png", 480, 120)
    assert brand.logo.large.alt == "Meridian Research" and brand.logo.for_office("small") == brand.logo.large  # raster for Office
    assert (brand.office.family, brand.office.measured_with) == ("Cambria", "Caladea")
    assert [f.name for f in brand.families] == ["RG Noto Serif", "RG Open Sans"]  # the house face stays behind the brand's


def test_a_brand_is_read_over_the_house_brand(tmp_path: Path):
    brand = load_brand(brand_folder(tmp_path, "color:\n  primary: '#006d77'\n")).brand
    house = house_brand()
    assert brand.colours.accent == "#006D77" and brand.colours.series == ("#006D77", *house.colours.series[1:])
    assert brand.colours.text == house.colours.text and brand.body == house.body and brand.office.family == "Calibri"
    assert load_brand(brand_folder(tmp_path, "")).brand.colours == house.colours  # an empty brand file is the house look


def test_a_brand_is_found_in_the_report_folder_then_the_data_root_then_the_package(tmp_path: Path):
    report, data = tmp_path / "data" / "mine", tmp_path / "data"
    report.mkdir(parents=True)
    assert find_brand(report, data) == HOUSE_BRAND
    (data / "_brand.yml").write_text("")
    assert find_brand(report, data) == data / "_brand.yml"
    (report / "_brand.yml").write_text("")
    assert find_brand(report, data) == report / "_brand.yml"
    assert find_brand(report, data, tmp_path / "other.yml") == tmp_path / "other.yml"  # --brand wins


REFUSALS = {
    "a colour that is not one": ("color:\n  primary: '#12'\n", {},
                                 "_brand.yml: color.primary: unknown colour '#12': write #RRGGBB, or a name from color.palette"),
    "an unknown palette name": ("color:\n  palette: {navy: '#1F4E79'}\n  primary: navyy\n", {},
                                "_brand.yml: color.primary: unknown colour 'navyy': write #RRGGBB, or a name from color.palette or a "
                                "semantic colour (known: navy)"),
    "names in a circle": ("color:\n  palette: {a: b, b: a}\n  primary: a\n", {},
                          "_brand.yml: color.palette.b: the colour names a, b refer to each other in a circle"),
    "a series colour": ("defaults:\n  reportgen:\n    series: ['#112233', 'url(x)']\n", {},
                        "_brand.yml: defaults.reportgen.series[1]: unknown colour 'url(x)'"),
    "fonts from the network": ("typography:\n  fonts:\n    - {family: Lato, source: google}\n", {},
                               "_brand.yml: typography.fonts[0].source: 'google' fetches fonts from the network, which reportgen "
                               "never does: download the font files and list them with source: file"),
    "a missing font file": ("typography:\n  fonts:\n    - {family: X, source: file, files: [x.ttf]}\n", {},
                            "_brand.yml: typography.fonts[0].files[0].path: x.ttf: file not found"),
    "a font file that is not a font": ("typography:\n  fonts:\n    - {family: X, source: file, files: [x.ttf]}\n",
                                       {"x.ttf": b"%PDF-1.7 not a font"},
                                       "_brand.yml: typography.fonts[0].files[0].path: x.ttf: not a font file"),
    "a damaged font": ("typography:\n  fonts:\n    - {family: X, source: file, files: [x.ttf]}\n",
                       {"x.ttf": FONT.read_bytes()[:2000]}, "_brand.yml: typography.fonts[0].files[0].path: x.ttf: not a font fontTools"),
    "a variable font's weight range": ("typography:\n  fonts:\n    - family: X\n      source: file\n      files:\n"
                                       "        - {path: x.ttf, weight: 100 900}\n", {"x.ttf": FONT},
                                       "typography.fonts[0].files[0].weight: a weight range (a variable font) is not supported"),
    "a missing logo": ("logo: logo.png\n", {}, "_brand.yml: logo.small: logo.png: file not found"),
    "a logo that is not an image": ("logo: logo.png\n", {"logo.png": b"root:x:0:0:root:/root:/bin/bash\n"},
                                    "_brand.yml: logo.small: logo.png: not a PNG, JPEG or SVG image"),
    "a truncated PNG": ("logo: logo.png\n", {"logo.png": PNG.read_bytes()[:3000]},
                        "_brand.yml: logo.small: logo.png: a damaged or truncated PNG image"),
    "a pixel bomb": ("logo: logo.png\n", {"logo.png": png(20000, 20000)},
                     "_brand.yml: logo.small: logo.png: 20000 x 20000 pixels (400 megapixels); a logo may have at most 40"),
    "an SVG that runs a script": ("logo: logo.svg\n", {"logo.svg": b'<svg xmlns="http://www.w3.org/2000/svg" width="9" height="9">'
                                                                    b"<script>alert(1)</script></svg>"},
                                  "_brand.yml: logo.small: logo.svg: an SVG with a <script> element"),
    "an SVG that loads a file": ("logo: logo.svg\n", {"logo.svg": b'<svg xmlns="http://www.w3.org/2000/svg" '
                                                                  b'xmlns:xlink="http://www.w3.org/1999/xlink" width="9" height="9">'
                                                                  b'<image xlink:href="file:///etc/passwd"/></svg>'},
                                 "_brand.yml: logo.small: logo.svg: an SVG that links to 'file:///etc/passwd'"),
    "a logo from the network": ("logo: https://example.com/logo.png\n", {}, "is a URL, and reportgen never fetches anything"),
    "a template that is not a presentation": ("defaults:\n  reportgen:\n    pptx-template: corp.pptx\n", {"corp.pptx": b"PK\x03\x04"},
                                              "_brand.yml: defaults.reportgen.pptx-template: corp.pptx is not a readable PowerPoint file"),
    "a misspelt field": ("colour:\n  primary: '#112233'\n", {}, "_brand.yml: colour: unknown field 'colour' (did you mean 'color'?)"),
}


@pytest.mark.parametrize(("text", "files", "expected"), REFUSALS.values(), ids=REFUSALS.keys())
def test_a_bad_brand_is_one_line_naming_the_field(tmp_path: Path, text: str, files: dict, expected: str):
    found = refused(tmp_path, text, **files)
    assert len(found) == 1 and expected in found[0], found
    assert "\n" not in found[0]


def test_a_file_the_brand_names_must_be_a_regular_file_inside_its_folder(tmp_path: Path):
    outside = tmp_path / "secret.png"
    outside.write_bytes(PNG.read_bytes())
    path = brand_folder(tmp_path, "logo: logo.png\ntypography:\n  fonts:\n    - {family: X, source: file, files: [x.ttf]}\n")
    (path.parent / "logo.png").symlink_to(outside)
    os.mkfifo(path.parent / "x.ttf")  # opening a FIFO would block: it is refused unopened
    found = refused(tmp_path, path.read_text())
    assert any("logo.small: logo.png: a link to a file outside the folder of the file that names it (brand)" in p for p in found), found
    assert any("typography.fonts[0].files[0].path: x.ttf: a FIFO, not a plain file" in p for p in found), found


def test_a_template_must_hold_a_presentation_or_a_template(tmp_path: Path):
    word = tmp_path / "letter.docx"
    with zipfile.ZipFile(word, "w") as z:
        z.writestr("_rels/.rels", '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship '
                                  'Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" '
                                  'Target="word/document.xml"/></Relationships>')
        z.writestr("[Content_Types].xml", '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Override '
                                          'PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.'
                                          'wordprocessingml.document.main+xml"/></Types>')
        z.writestr("word/document.xml", "<w:document/>")
    (found,) = refused(tmp_path, "defaults:\n  reportgen:\n    pptx-template: corp.pptx\n", **{"corp.pptx": word})
    assert found.endswith("_brand.yml: defaults.reportgen.pptx-template: corp.pptx is not a PowerPoint presentation or template "
                          "(its main part is application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml)")


def test_every_problem_of_a_brand_is_reported_at_once(tmp_path: Path):
    found = refused(tmp_path, "logo: nowhere.png\ncolor:\n  primary: navyy\n  foreground: '#GGGGGG'\n")
    assert len(found) == 3 and {p.split(": ")[1] for p in found} == {"logo.small", "color.primary", "color.foreground"}, found


def test_text_below_4_5_to_1_on_its_background_is_a_warning_naming_both_colours(tmp_path: Path):
    found = warned(tmp_path, "color:\n  foreground: '#9A9A9A'\n  primary: '#F0E442'\n")
    assert any("color.foreground: text: #9A9A9A on #FFFFFF has a contrast of 2.8" in w and "below the 4.5:1" in w for w in found), found
    assert any("color.primary: accent text (links, key figures): #F0E442 on #FFFFFF" in w for w in found), found
    assert any("text on accent fills (table headers, the cover): #9A9A9A on #F0E442" in w for w in found), found
    yellow = warned(tmp_path, "color:\n  primary: '#F0E442'\n")
    assert not any("text on accent fills" in w for w in yellow)  # the dark text reads on a yellow fill: it is the one used
    assert load_brand(EXAMPLE / "_brand.yml").warnings == ()


def test_text_on_accent_fills_is_the_brand_colour_that_reads_better():
    c = house_brand().colours
    assert c.on_accent == "#FFFFFF"
    yellow = c.for_client("#F0E442", ())
    assert yellow.on_accent == c.text and contrast(yellow.on_accent, yellow.accent) > 4.5


def test_history_tints_are_the_colour_mixed_with_white_and_never_more_saturated():
    c = house_brand().colours
    for colour in ("#006D77", *c.series):
        tint = c.history(colour)
        (r, g, b), (tr, tg, tb) = rgb(colour), rgb(tint)
        assert all(abs(t - (v + 255) / 2) <= 0.5 for v, t in zip((r, g, b), (tr, tg, tb), strict=True))
        assert max(tr, tg, tb) - min(tr, tg, tb) <= max(r, g, b) - min(r, g, b)  # chroma
    assert c.history("#006D77") == "#80B6BB"  # PowerPoint's brightness made it (79, 241, 255): a bright cyan


def test_the_office_face_is_measured_with_its_files_or_its_twin_or_a_warning_says_so(tmp_path: Path):
    arial = load_brand(brand_folder(tmp_path, "defaults:\n  reportgen:\n    office-font: Arial\n"))
    assert arial.brand.office.measured_with == "Liberation Sans" and arial.warnings == ()
    own = load_brand(brand_folder(tmp_path, "typography:\n  fonts:\n    - {family: Serif X, source: file, files: [x.ttf]}\n"
                                            "defaults:\n  reportgen:\n    office-font: Serif X\n", **{"x.ttf": FONT}))
    assert own.brand.office.measured_with == "its font files" and own.brand.office.regular.data == FONT.read_bytes()
    segoe = load_brand(brand_folder(tmp_path, "defaults:\n  reportgen:\n    office-font: Segoe UI\n"))
    assert segoe.brand.office.measured_with is None and segoe.brand.office.regular == house_brand().office.regular
    (warning,) = segoe.warnings
    assert str(warning).endswith("defaults.reportgen.office-font: 'Segoe UI' may be missing on a client's machine, and nothing says "
                                 "how to measure it: give its files in typography.fonts (source: file), or use a standard Office face "
                                 "(Calibri, Cambria, Arial, Times New Roman, Courier New); Carlito's metrics stand in")


def test_a_system_face_is_named_on_the_web_and_the_pdf_says_what_it_sets_it_in(tmp_path: Path):
    loaded = load_brand(brand_folder(tmp_path, "typography:\n  base: Helvetica\n"))
    assert loaded.brand.body.family == "Helvetica" and loaded.brand.body.files is None
    assert loaded.brand.print_family(loaded.brand.body) == house_brand().body.files
    assert any("typography.base.family: 'Helvetica' has no font files (a system face): the PDF and its charts embed only font files "
               "and set it in Open Sans" in str(w) for w in loaded.warnings)


def test_each_format_depends_on_the_brand_files_it_shows(tmp_path: Path):
    path = brand_folder(tmp_path, "logo: logo.png\ntypography:\n  fonts:\n    - {family: X, source: file, files: [x.ttf]}\n"
                                  "defaults:\n  reportgen:\n    pptx-template: t.pptx\n",
                        **{"logo.png": PNG, "x.ttf": FONT, "t.pptx": b"x"})
    inputs = brand_inputs(path)
    kinds = {fmt: {key.split(":")[0] for key in format_inputs(inputs, fmt) if key.startswith("brand/")} for fmt in ("pdf", "pptx", "xlsx")}
    # the brand names no office-font: the template's theme face is the Office face, which the workbook shows too
    assert kinds == {"pdf": {"brand/file", "brand/font", "brand/logo"},
                     "pptx": {"brand/file", "brand/logo", "brand/template", "brand/office"},
                     "xlsx": {"brand/file", "brand/logo", "brand/office"}}
    assert format_inputs(inputs, "xlsx")["brand/office:t.pptx"] == format_inputs(inputs, "pptx")["brand/template:t.pptx"]
    assert "house/file:_brand.yml" in inputs  # what a brand leaves out is the house brand's: it is an input too
    before = format_inputs(inputs, "pdf"), format_inputs(inputs, "xlsx")
    (path.parent / "x.ttf").write_bytes(FONT.read_bytes() + b"\0")
    after = format_inputs(brand_inputs(path), "pdf"), format_inputs(brand_inputs(path), "xlsx")
    assert after[0] != before[0] and after[1] == before[1]  # a font change rebuilds the PDF, not the workbook


def test_check_prints_a_bad_brand_as_one_line_and_exits_2(tmp_path: Path):
    path = brand_folder(tmp_path, "color:\n  primary: navyy\n")
    result = CliRunner().invoke(main, ["check", str(NORDIC), "--brand", str(path)])
    assert result.exit_code == 2
    lines = [line for line in result.output.splitlines() if line.startswith("error: ")]
    assert len(lines) == 1 and lines[0].endswith("_brand.yml: color.primary: unknown colour 'navyy': write #RRGGBB, or a name from "
                                                  "color.palette or a semantic colour (known: none)"), result.output
    assert "Traceback" not in result.output


def test_check_shows_a_brands_warnings(tmp_path: Path):
    path = brand_folder(tmp_path, "color:\n  secondary: '#BBBBBB'\n")
    result = CliRunner().invoke(main, ["check", str(NORDIC), "--brand", str(path)])
    assert result.exit_code == 0 and "warning: " in result.output and "color.secondary: muted text (captions, sources): #BBBBBB" \
        in result.output, result.output
    assert CliRunner().invoke(main, ["check", str(NORDIC), "--brand", str(path), "--strict"]).exit_code == 2


def _template(tmp_path: Path, body_face: str = "Calibri", main: str = "presentation") -> Path:
    """python-pptx's own template as a .pptx, or a .potx (``main`` "template"; "macroEnabled": a
    .pptm's main part), with its theme's body face set to ``body_face``."""
    import io

    from pptx import Presentation

    buffer = io.BytesIO()
    Presentation().save(buffer)
    path = tmp_path / ("corp.potx" if main == "template" else "corp.pptx")
    with zipfile.ZipFile(buffer) as source, zipfile.ZipFile(path, "w") as target:
        for item in source.infolist():
            data = source.read(item)
            if item.filename == "[Content_Types].xml" and main == "macroEnabled":
                data = data.replace(b"vnd.openxmlformats-officedocument.presentationml.presentation.main+xml",
                                    b"vnd.ms-powerpoint.presentation.macroEnabled.main+xml")
            elif item.filename == "[Content_Types].xml":
                data = data.replace(b"presentationml.presentation.main+xml", f"presentationml.{main}.main+xml".encode())
            if item.filename == "ppt/theme/theme1.xml":
                data = re.sub(rb'(<a:minorFont><a:latin typeface=")[^"]*', rb"\g<1>" + body_face.encode(), data)
            target.writestr(item, data)
    return path


def test_a_template_is_read_once_and_its_theme_face_sets_the_office_files_when_the_brand_names_none(tmp_path: Path):
    for kind in ("presentation", "template"):
        template = _template(tmp_path, "Cambria", kind)
        loaded = load_brand(brand_folder(tmp_path, f"defaults:\n  reportgen:\n    pptx-template: {template.name}\n",
                                         **{template.name: template}))
        assert loaded.brand.pptx_template.data == template.read_bytes()
        assert loaded.brand.pptx_template.theme_font == "Cambria"
        assert (loaded.brand.office.family, loaded.brand.office.measured_with, loaded.brand.office.named) == ("Cambria", "Caladea", False)
    aptos = _template(tmp_path, "Aptos")
    (warning,) = warned(tmp_path, "defaults:\n  reportgen:\n    pptx-template: corp.pptx\n", **{"corp.pptx": aptos})
    assert "defaults.reportgen.pptx-template: 'Aptos' may be missing on a client's machine" in warning
    named = load_brand(brand_folder(tmp_path, "defaults:\n  reportgen:\n    pptx-template: corp.pptx\n    office-font: Arial\n",
                                    **{"corp.pptx": aptos}))
    assert named.brand.office.family == "Arial" and named.warnings == ()  # the brand's own word wins over the theme's


def _cramped(tmp_path: Path) -> Path:
    """python-pptx's own template with the title of its Title Only layout filling the slide: no room for content under it."""
    import io

    from pptx import Presentation

    prs = Presentation()
    title = next(layout for layout in prs.slide_layouts if layout.name == "Title Only").placeholders[0]
    title.left, title.top, title.width, title.height = 457200, 274638, prs.slide_width - 914400, prs.slide_height - 600000
    buffer = io.BytesIO()
    prs.save(buffer)
    path = tmp_path / "cramped.pptx"
    path.write_bytes(buffer.getvalue())
    return path


TEMPLATE_REFUSALS = {
    "a layout the template lacks": ("    pptx-layouts: {content: Closing}\n", "_template",
                                    "_brand.yml: defaults.reportgen.pptx-layouts.content: corp.pptx: the template has no layout named "
                                    "'Closing' (it has 'Title Slide', "),
    "a layout without a title": ("    pptx-layouts: {content: Blank}\n", "_template",
                                 "_brand.yml: defaults.reportgen.pptx-layouts.content: corp.pptx: layout 'Blank' has not got a title "
                                 "placeholder"),
    "a kind of slide reportgen has not": ("    pptx-layouts: {cover: Title Slide}\n", "_template",
                                          "_brand.yml: defaults.reportgen.pptx-layouts.cover: corp.pptx: not a kind of slide (the kinds "
                                          "are title, content)"),
    "no room for content": ("", "_cramped", "_brand.yml: defaults.reportgen.pptx-template: corp.pptx leaves 9.00 x 0.00 in for content "
                                            "under the title of its layout 'Title Only'; reportgen needs at least 3.0 x 1.5 in"),
    "a macro-enabled file": ("", "macros", "_brand.yml: defaults.reportgen.pptx-template: corp.pptx is a macro-enabled PowerPoint file "
                                           "(.pptm): save it as .potx or .pptx, without macros"),
}


@pytest.mark.parametrize(("layouts", "make", "expected"), TEMPLATE_REFUSALS.values(), ids=TEMPLATE_REFUSALS.keys())
def test_a_template_or_layout_the_deck_would_refuse_is_refused_in_one_line(tmp_path: Path, layouts: str, make: str, expected: str):
    from reportgen.pptx_template import TemplateError
    from reportgen.writers.pptx.template import template_deck

    template = _template(tmp_path, main="macroEnabled") if make == "macros" else globals()[make](tmp_path)
    (found,) = refused(tmp_path, f"defaults:\n  reportgen:\n    pptx-template: corp.pptx\n{layouts}", **{"corp.pptx": template})
    assert expected in found, found
    with pytest.raises(TemplateError):  # the deck writer refuses it as well: check passes nothing build would not build
        template_deck(template.read_bytes(), dict(re.findall(r"\{(\w+): ([\w ]+)\}", layouts)))


def test_layouts_named_without_a_template_are_a_warning(tmp_path: Path):
    (warning,) = warned(tmp_path, "defaults:\n  reportgen:\n    pptx-layouts: {content: Title Only}\n")
    assert warning.endswith("_brand.yml: defaults.reportgen.pptx-layouts: names layouts, but the brand names no pptx-template to take "
                            "them from: the deck is built on the house design")


def test_check_refuses_a_layout_the_template_lacks_in_one_line(tmp_path: Path):
    path = brand_folder(tmp_path, "defaults:\n  reportgen:\n    pptx-template: corp.pptx\n    pptx-layouts: {title: Cover}\n",
                        **{"corp.pptx": _template(tmp_path)})
    result = CliRunner().invoke(main, ["check", str(NORDIC), "--brand", str(path)])
    lines = [line for line in result.output.splitlines() if line.startswith("error: ")]
    assert result.exit_code == 2 and len(lines) == 1, result.output
    assert "_brand.yml: defaults.reportgen.pptx-layouts.title: corp.pptx: the template has no layout named 'Cover'" in lines[0]
    assert "Traceback" not in result.output


def test_a_truncated_logo_is_refused_even_where_weasyprint_made_pillow_lenient(tmp_path: Path):
    import weasyprint.images  # noqa: F401 (it sets PIL.ImageFile.LOAD_TRUNCATED_IMAGES for the whole process)
    from PIL import ImageFile

    assert ImageFile.LOAD_TRUNCATED_IMAGES
    (found,) = refused(tmp_path, "logo: logo.png\n", **{"logo.png": PNG.read_bytes()[:3000]})
    assert "logo.png: a damaged or truncated PNG image" in found and ImageFile.LOAD_TRUNCATED_IMAGES  # and left as it was
