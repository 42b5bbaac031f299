"""``reportgen brand --from-template``: a starter brand file from templates made by others.

The brand file says what the template's theme says (its colours, its faces), saves the
pictures on its masters beside it as the logo, and names the template as the deck's, with
every path relative to the brand file; nothing that exists is overwritten.
"""

from __future__ import annotations

import io
from pathlib import Path

import pytest
import yaml
from PIL import Image
from pptx import Presentation
from pptx.opc.constants import RELATIONSHIP_TYPE as RT
from pptx.util import Inches

from tests.writers.pptx.test_template import METROPOLIS, PANDOC, VIVID, _retyped

POTX_MAIN = "application/vnd.openxmlformats-officedocument.presentationml.template.main+xml"


def written(out: Path) -> dict:
    return yaml.safe_load(out.read_text(encoding="utf-8"))


def test_pandocs_reference_deck_gives_its_theme_colours_and_faces(run, tmp_path):
    out = tmp_path / "brand" / "_brand.yml"
    result = run("brand", "--from-template", str(PANDOC), "-o", str(out))
    assert result.exit_code == 0, result.output
    brand = written(out)
    palette = brand["color"]["palette"]
    assert list(palette)[:6] == [f"accent-{n}" for n in range(1, 7)]  # accents first: the series order
    assert (palette["accent-1"], palette["dark-2"], palette["light-1"]) == ("#4F81BD", "#1F497D", "#FFFFFF")
    assert (brand["color"]["primary"], brand["color"]["foreground"]) == ("accent-1", "dark-1")
    assert brand["typography"]["base"] == {"family": "Calibri"} and brand["typography"]["headings"] == {"family": "Calibri"}
    assert brand["typography"]["fonts"] == [{"family": "Calibri", "source": "system"}]
    template = brand["defaults"]["reportgen"]["pptx-template"]
    assert not Path(template).is_absolute() and (out.parent / template).resolve() == PANDOC.resolve()
    assert "logo" not in brand  # pandoc's masters have no picture
    assert f"{out}: starter brand from pandoc-reference.pptx" in result.output


def test_libreoffices_export_gives_its_faces_and_no_background_as_a_logo(run, tmp_path):
    for template, face in ((VIVID, "Arial"), (METROPOLIS, "Arial")):
        out = tmp_path / f"{template.stem}.yml"
        assert run("brand", "--from-template", str(template), "-o", str(out)).exit_code == 0
        brand = written(out)
        assert brand["typography"]["base"]["family"] == face
        assert "logo" not in brand  # Metropolis's master picture covers the whole slide: a background
        assert len(brand["color"]["palette"]) == 11


def corporate_potx(tmp_path: Path) -> tuple[Path, bytes]:
    """pandoc's reference deck with a logo on its master, saved as a .potx: a firm's template."""
    logo = io.BytesIO()
    Image.new("RGB", (300, 100), "#AA3366").save(logo, "PNG")
    prs = Presentation(str(PANDOC))
    slide = prs.slides.add_slide(prs.slide_layouts[6])
    picture = slide.shapes.add_picture(io.BytesIO(logo.getvalue()), Inches(8), Inches(0.2), Inches(1.5), Inches(0.5))
    master = prs.slide_master
    rid = master.part.relate_to(slide.part.related_part(picture._element.blipFill.blip.rEmbed), RT.IMAGE)
    picture._element.blipFill.blip.set("{http://schemas.openxmlformats.org/officeDocument/2006/relationships}embed", rid)
    master.shapes._spTree.append(picture._element)
    out = io.BytesIO()
    prs.save(out)
    path = tmp_path / "Corporate Template.potx"
    path.write_bytes(_retyped(out.getvalue(), POTX_MAIN))
    return path, logo.getvalue()


def test_the_logo_on_the_masters_is_saved_beside_the_brand(run, tmp_path):
    template, logo = corporate_potx(tmp_path)
    with pytest.raises(ValueError, match="not a PowerPoint file"):  # a real .potx, which python-pptx refuses
        Presentation(str(template))
    out = tmp_path / "firm" / "_brand.yml"
    result = run("brand", "--from-template", str(template), "-o", str(out))
    assert result.exit_code == 0, result.output
    brand = written(out)
    assert brand["logo"] == {"images": {"Corporate Template-logo": "Corporate Template-logo.png"},
                             "small": "Corporate Template-logo", "medium": "Corporate Template-logo"}
    assert (out.parent / "Corporate Template-logo.png").read_bytes() == logo
    assert brand["defaults"]["reportgen"]["pptx-template"] == "../Corporate Template.potx"


def test_nothing_that_exists_is_overwritten(run, tmp_path):
    out = tmp_path / "_brand.yml"
    out.write_text("# the firm's own\n", encoding="utf-8")
    result = run("brand", "--from-template", str(PANDOC), "-o", str(out))
    assert result.exit_code == 2
    assert result.output.strip() == f"error: {out}: exists; remove it or write the brand elsewhere with -o"
    assert out.read_text(encoding="utf-8") == "# the firm's own\n"


def test_a_file_that_is_not_a_presentation_is_one_line(run, tmp_path):
    notes = tmp_path / "notes.pptx"
    notes.write_text("not a deck", encoding="utf-8")
    result = run("brand", "--from-template", str(notes), "-o", str(tmp_path / "_brand.yml"))
    assert result.exit_code == 2 and "Traceback" not in result.output
    assert result.output.strip() == f"error: {notes}: is not a readable PowerPoint file (File is not a zip file)"
    assert not (tmp_path / "_brand.yml").exists()
