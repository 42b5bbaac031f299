"""The package check finds each break that makes PowerPoint offer a repair (so a clean result means something)."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable

import pytest

from tests.writers.pptx.package_check import package_problems
from tests.writers.pptx.test_template import PANDOC

Parts = dict[str, bytes]


def edited(change: Callable[[Parts], None]) -> bytes:
    """pandoc's reference deck with ``change`` made to its parts."""
    with zipfile.ZipFile(PANDOC) as z:
        parts = {name: z.read(name) for name in z.namelist()}
    change(parts)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        for name, blob in parts.items():
            z.writestr(name, blob)
    return out.getvalue()


def replace(name: str, old: bytes, new: bytes) -> Callable[[Parts], None]:
    def change(parts: Parts) -> None:
        assert old in parts[name]
        parts[name] = parts[name].replace(old, new, 1)

    return change


def test_the_template_itself_is_clean():
    assert package_problems(PANDOC.read_bytes()) == []


@pytest.mark.parametrize(("change", "found"), [
    (lambda parts: parts.pop("ppt/slides/slide4.xml"),
     "ppt/presentation.xml: relationship rId"),
    (replace("[Content_Types].xml", b"</Types>", b'<Override PartName="/ppt/slides/slide9.xml" ContentType="application/'
             b'vnd.openxmlformats-officedocument.presentationml.slide+xml"/></Types>'),
     "[Content_Types].xml: override for missing part ppt/slides/slide9.xml"),
    (lambda parts: parts.update({"ppt/media/stray.png": b"\x89PNG"}),
     "ppt/media/stray.png: no content type"),
    (lambda parts: parts.update({"ppt/stray.xml": b"<stray/>"}),
     "ppt/stray.xml: orphan part (nothing relates to it)"),
    (replace("[Content_Types].xml", b"presentationml.presentation.main+xml", b"presentationml.template.main+xml"),
     "ppt/presentation.xml: main part is application/vnd.openxmlformats-officedocument.presentationml.template.main+xml"),
    (replace("ppt/slides/slide1.xml", b'<p:ph type="ctrTitle"/>', b'<p:ph type="pic" idx="99"/>'),
     "ppt/slides/slide1.xml: placeholder pic idx 99 has no counterpart on its layout"),
    (replace("ppt/_rels/presentation.xml.rels", b'Id="rId2"', b'Id="rId99"'),
     "ppt/presentation.xml: sldId/@r:id names relationship rId2, which the part does not have"),
    (replace("ppt/presentation.xml", b'<p:sldId id="257"', b'<p:sldId id="256"'),
     "ppt/presentation.xml: slide ids not unique"),
    (replace("ppt/slides/slide2.xml", b'<a:t>Slide Title</a:t>',
             b'<a:t>Slide Title</a:t></a:r><a:r><a:rPr lang="en-US"><a:ea typeface="Yu Gothic"/><a:latin typeface="Calibri"/>'
             b'</a:rPr><a:t>!</a:t>'),
     "ppt/slides/slide2.xml: run properties out of the schema's order: ['ea', 'latin']"),
], ids=["missing target", "override for nothing", "no content type", "orphan", "template main part",
        "placeholder not on the layout", "unknown r:id", "duplicate slide id", "run properties out of order"])
def test_each_break_is_found(change, found):
    problems = package_problems(edited(change))
    assert any(p.startswith(found) for p in problems), problems
