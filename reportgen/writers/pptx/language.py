"""The finished deck's text tagged for PowerPoint: the edition language, faces for other scripts, direction.

Done once over every part that holds text (slides, their notes and charts, layouts, masters),
after drawing, so a text box, a table cell, a chart title and a placeholder prompt are treated
alike and no drawing code has to carry the language along. Every run gets the edition's
language (what PowerPoint proofs it in); a run with Chinese, Japanese or Korean gets its East
Asian language and face, one with Arabic, Hebrew, Thai or Devanagari its complex-script face
(``writers.writing_systems``); a paragraph that is mainly Arabic or Hebrew reads right to left.
"""

from __future__ import annotations

from collections.abc import Iterator

from pptx.oxml.ns import qn

from reportgen.writers.writing_systems import scripts_of

# What may follow a:ea and a:cs in a run's properties (CT_TextCharacterProperties' sequence).
_AFTER_EA = ("cs", "sym", "hlinkClick", "hlinkMouseOver", "rtl", "extLst")
_AFTER_CS = _AFTER_EA[1:]


def _text_parts(prs) -> Iterator:
    """The root element of every part whose text a reader sees or edits."""
    master = prs.slide_master
    yield master._element
    yield from (layout._element for layout in master.slide_layouts)
    yield prs.notes_master._element
    for slide in prs.slides:
        yield slide._element
        if slide.has_notes_slide:
            yield slide.notes_slide._element
        yield from (shape.chart._chartSpace for shape in slide.shapes if shape.has_chart)


def _set_face(rpr, name: str, typeface: str | None, after: tuple[str, ...]) -> None:
    """Give the run an a:ea or a:cs face, in its schema position."""
    if typeface is None:
        return
    face = rpr.find(qn(f"a:{name}"))
    if face is None:
        face = rpr.makeelement(qn(f"a:{name}"), {})
        tags = {qn(f"a:{t}") for t in after}
        follower = next((c for c in rpr if c.tag in tags), None)
        if follower is None:
            rpr.append(face)
        else:
            follower.addprevious(face)
    face.set("typeface", typeface)


def tag_text(prs, language: str) -> None:
    """Tag every run of the deck with ``language`` (an Office tag, ``writing_systems.language_tag``) and its scripts."""
    for root in _text_parts(prs):
        for paragraph in root.iter(qn("a:p")):
            runs = [r for r in paragraph if r.tag in (qn("a:r"), qn("a:fld"))]
            if scripts_of("".join(r.findtext(qn("a:t")) or "" for r in runs)).rtl:
                paragraph.get_or_add_pPr().set("rtl", "1")
            for run in runs:
                rpr = run.get_or_add_rPr()
                rpr.set("lang", language)
                found = scripts_of(run.findtext(qn("a:t")) or "")
                if found.east_asian_language:
                    rpr.set("altLang", found.east_asian_language)
                _set_face(rpr, "ea", found.east_asian_font, _AFTER_EA)
                _set_face(rpr, "cs", found.complex_font, _AFTER_CS)
