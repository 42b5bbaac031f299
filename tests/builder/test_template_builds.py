"""Decks on corporate templates made by others, built end to end through a brand file that names them.

Each template (pandoc's 10 in reference deck, LibreOffice's Vivid as .pptx and Metropolis as
.potx, python-pptx's 4:3 default) is the ``defaults.reportgen.pptx-template`` of a brand file
beside it, which names no ``office-font`` (the template's theme face is the Office face) and,
for pandoc's, another content layout (``pptx-layouts``). latam-cgt and the made-up market are
built in English and Spanish with ``build(brand=...)``, and each deck is read back as PowerPoint
reads it: its slide size, masters and layouts, the layout each slide uses, the face its text is
set in and its package's relationships and content types (``package_check``). Then builds as
users run them: ``--brand`` on the command line, a brand in a report folder, a template change
(which rebuilds the deck, and the workbook only when it sets the Office face), and ``reportgen
brand --from-template`` followed by a build in the brand it wrote.
"""

from __future__ import annotations

import io
import re
import shutil
import zipfile
from pathlib import Path

import pytest
import yaml
from pptx import Presentation

import reportgen
from reportgen.data.brand import load_brand
from reportgen.pptx_template import choose_layouts, open_template
from reportgen.writers import font_metrics
from reportgen.writers.pptx.template import template_deck
from tests.branding import template_brand
from tests.builder.test_build import rg
from tests.conftest import LATAM, NORDIC
from tests.writers.pptx.fits import assert_fits
from tests.writers.pptx.package_check import package_problems
from tests.writers.pptx.test_template import FOUR_BY_THREE, METROPOLIS, PANDOC, VIVID, layout_names, used

TEMPLATES = {"pandoc": PANDOC, "vivid": VIVID, "metropolis": METROPOLIS, "4x3": FOUR_BY_THREE}
LAYOUTS = {"pandoc": {"content": "Title and Content"}}  # a brand's own choice of layout, on one of them
FACES = {"pandoc": "Calibri", "vivid": "Arial", "metropolis": "Arial", "4x3": "Calibri"}  # each theme's body face
REPORTS = {"latam-cgt": LATAM, "nordic-robotics": NORDIC}
LANGUAGES = ("en", "es")
DECKS = [(name, report, lang) for name in TEMPLATES for report in REPORTS for lang in LANGUAGES]
A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"


@pytest.fixture(scope="module")
def brands(tmp_path_factory) -> dict[str, Path]:
    """A brand file for each template, with a copy of the template beside it."""
    root = tmp_path_factory.mktemp("brands")
    return {name: template_brand(root / name, path, **({"pptx_layouts": LAYOUTS[name]} if name in LAYOUTS else {}))
            for name, path in TEMPLATES.items()}


@pytest.fixture(scope="module")
def built(brands, tmp_path_factory) -> dict[tuple[str, str, str], bytes]:
    """Every deck of ``DECKS``: one build per template's brand, both reports in both languages."""
    root = tmp_path_factory.mktemp("template-builds")
    decks = {}
    for name, brand in brands.items():
        result = reportgen.build(list(map(str, REPORTS.values())), formats=["pptx"], languages=LANGUAGES, out=root / name,
                                 brand=brand, jobs=2)
        assert result.ok and sum(o.status == "built" for o in result.outputs) == len(REPORTS) * len(LANGUAGES)
        for report in REPORTS:
            for lang in LANGUAGES:
                decks[name, report, lang] = (root / name / report / ("" if lang == "en" else lang) / f"{report}.pptx").read_bytes()
    return decks


def deck(data: bytes):
    return Presentation(io.BytesIO(data))


@pytest.mark.parametrize(("name", "report", "lang"), DECKS)
def test_the_deck_is_built_on_the_brands_template_in_its_size_masters_and_layouts(built, name, report, lang):
    made, template = deck(built[name, report, lang]), open_template(TEMPLATES[name].read_bytes())
    assert (made.slide_width, made.slide_height) == (template.slide_width, template.slide_height)
    assert layout_names(made) == layout_names(template)  # every master and layout stays, in order
    chosen = choose_layouts(template, LAYOUTS.get(name, {}))
    masters = list(template.slide_masters)
    title, content = ((masters.index(chosen[role].slide_master), chosen[role].name) for role in ("title", "content"))
    slides = used(made)
    assert slides[0] == title and set(slides[1:]) == {content} and len(slides) > 10
    assert made.core_properties.language == lang
    assert package_problems(built[name, report, lang]) == []  # no repair prompt: relationships, types, placeholders


def test_a_brand_may_name_the_content_layout(built):
    assert set(used(deck(built["pandoc", "latam-cgt", "en"]))[1:]) == {(0, "Title and Content")}  # not the usual Title Only


@pytest.mark.parametrize("name", TEMPLATES)
def test_text_is_set_and_measured_in_the_templates_theme_face_when_the_brand_names_none(built, brands, name):
    """The Office face is the theme's: no run of reportgen's names another face, charts name it,
    and every shape stays in the template's geometry, measured in it."""
    data = built[name, "latam-cgt", "es"]
    made = deck(data)
    assert {r.get("typeface") for s in made.slides for r in s._element.iter(f"{A}latin")} <= {FACES[name]}
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        charts = [z.read(n).decode() for n in z.namelist() if n.startswith("ppt/charts/chart")]
    assert charts and all(f'typeface="{FACES[name]}"' in c for c in charts)
    office = load_brand(brands[name]).brand.office
    assert office.family == FACES[name] and not office.named
    with font_metrics.measuring(office):
        assert_fits(made, template_deck(TEMPLATES[name].read_bytes(), LAYOUTS.get(name)).geometry)


# --- builds as users run them -----------------------------------------------------------------


def test_brand_on_the_command_line_builds_the_deck_on_its_template(brands, tmp_path: Path):
    out = tmp_path / "out"
    proc = rg("build", str(NORDIC), "--format", "pptx", "--lang", "es", "--out", str(out), "--brand", str(brands["vivid"]))
    assert "Traceback" not in proc.stderr
    made = deck((out / "nordic-robotics" / "es" / "nordic-robotics.pptx").read_bytes())
    assert layout_names(made) == layout_names(open_template(VIVID.read_bytes()))


@pytest.fixture()
def folder_brand(tmp_path: Path) -> Path:
    """A data root whose made-up market has a brand of its own naming the Metropolis .potx (and Calibri for Office files)."""
    data = tmp_path / "data"
    shutil.copytree(NORDIC, data / "nordic-robotics")
    template_brand(data / "nordic-robotics", METROPOLIS, office_font="Calibri")
    return data


def build(data: Path, out: Path, *more: str, check: int = 0):
    return rg("--data-dir", str(data), "build", "nordic-robotics", "--format", "pptx,xlsx", "--out", str(out), *more, check=check)


def test_a_brand_in_the_report_folder_builds_the_deck_on_its_template(folder_brand: Path, tmp_path: Path):
    build(folder_brand, tmp_path / "out")
    made = deck((tmp_path / "out" / "nordic-robotics" / "nordic-robotics.pptx").read_bytes())
    assert layout_names(made) == layout_names(open_template(METROPOLIS.read_bytes()))
    assert made.part.content_type.endswith("presentation.main+xml")  # a .potx becomes a presentation


def test_a_template_change_rebuilds_the_deck_only(folder_brand: Path, tmp_path: Path):
    out = tmp_path / "out"
    build(folder_brand, out)
    assert "nothing to do" in build(folder_brand, out).stdout
    template = folder_brand / "nordic-robotics" / METROPOLIS.name
    template.write_bytes(PANDOC.read_bytes())  # the firm's new template (the brand names Calibri: the workbook is unchanged)
    plan = build(folder_brand, out, "--dry-run").stdout
    assert f"build\tnordic-robotics/nordic-robotics.pptx\tinputs changed: brand/template:{METROPOLIS.name}" in plan, plan
    assert "up to date\tnordic-robotics/nordic-robotics.xlsx" in plan, plan
    build(folder_brand, out)
    made = deck((out / "nordic-robotics" / "nordic-robotics.pptx").read_bytes())
    assert layout_names(made) == layout_names(open_template(PANDOC.read_bytes()))


def test_a_template_that_sets_the_office_face_rebuilds_the_workbook_too(folder_brand: Path, tmp_path: Path):
    out = tmp_path / "out"
    brand = folder_brand / "nordic-robotics" / "_brand.yml"
    brand.write_text(brand.read_text().replace("  office-font: Calibri\n", ""))  # the theme's face (Arial) is the Office face
    build(folder_brand, out)
    with zipfile.ZipFile(out / "nordic-robotics" / "nordic-robotics.xlsx") as z:
        assert '<name val="Arial"/>' in z.read("xl/styles.xml").decode()
    (folder_brand / "nordic-robotics" / METROPOLIS.name).write_bytes(PANDOC.read_bytes())  # Calibri in its theme
    plan = build(folder_brand, out, "--dry-run").stdout
    assert "build\tnordic-robotics/nordic-robotics.xlsx\tinputs changed: brand/office:" in plan, plan


def test_a_layout_the_template_lacks_stops_the_build_in_one_line(folder_brand: Path, tmp_path: Path):
    brand = folder_brand / "nordic-robotics" / "_brand.yml"
    brand.write_text(brand.read_text() + "    pptx-layouts: {content: Closing}\n")
    proc = build(folder_brand, tmp_path / "out", check=2)
    assert "nordic-robotics/_brand.yml: defaults.reportgen.pptx-layouts.content: libreoffice-metropolis.potx: the template has no " \
           "layout named 'Closing' (it has " in proc.stderr, proc.stderr
    assert "Traceback" not in proc.stderr and not (tmp_path / "out" / "nordic-robotics" / "nordic-robotics.pptx").exists()


def test_a_starter_brand_from_a_template_builds_the_deck_on_it(tmp_path: Path):
    """``reportgen brand --from-template`` then ``reportgen build --brand`` with the file it wrote:
    the template, elsewhere, is copied beside the brand; its theme's colours and faces are the brand's."""
    out = tmp_path / "firm" / "_brand.yml"
    rg("brand", "--from-template", str(VIVID), "-o", str(out))
    proc = rg("build", str(LATAM), "--format", "pptx,html", "--out", str(tmp_path / "out"), "--brand", str(out))
    assert "Traceback" not in proc.stderr
    starter = yaml.safe_load(out.read_text())
    made = deck((tmp_path / "out" / "latam-cgt" / "latam-cgt.pptx").read_bytes())
    assert layout_names(made) == layout_names(open_template(VIVID.read_bytes()))
    assert package_problems((tmp_path / "out" / "latam-cgt" / "latam-cgt.pptx").read_bytes()) == []
    accent = starter["color"]["palette"][starter["color"]["primary"]]
    page = (tmp_path / "out" / "latam-cgt" / "latam-cgt.html").read_text()
    assert re.search(rf"--accent: {accent};", page), accent  # the theme's first accent is the brand's primary
