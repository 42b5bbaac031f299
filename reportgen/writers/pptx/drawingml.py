"""DrawingML written as text, for the shapes the deck repeats hundreds of times.

python-pptx's object API costs dozens of Python calls per property (proxy objects, child
look-ups in schema order, enum conversions); a thousand table cells spent most of the deck's
time there. So repeated pieces are written as one XML string and parsed once, the way
python-pptx's own chart XML writer works. Each fragment here is exactly what the object API
would have written (same elements, attributes in the same order, the same value conversions),
so the deck's bytes do not depend on which path drew a shape.

Data strings are untrusted: ``text`` and ``attribute`` escape them, and control characters are
replaced by the plain-text escape python-pptx uses (``_x0007_``), so no data string can become
markup or make the XML invalid.
"""

from __future__ import annotations

import re

from pptx.oxml import parse_xml
from pptx.oxml.ns import nsdecls
from pptx.util import Pt

NAMESPACES = nsdecls("a", "p")  # for the root element of a fragment that is parsed on its own

_CONTROL = re.compile(r"[\x00-\x08\x0B-\x1F]")  # every C0 control but tab and line feed
_TEXT_ESCAPES = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;"})
_ATTRIBUTE_ESCAPES = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;",
                                    "\t": "&#9;", "\n": "&#10;", "\r": "&#13;"})


def text(value: str) -> str:
    """``value`` as element content, with control characters escaped as python-pptx's ``run.text`` does."""
    return _CONTROL.sub(lambda m: f"_x{ord(m.group()):04X}_", value).translate(_TEXT_ESCAPES)


def attribute(value: str) -> str:
    """``value`` as a double-quoted attribute value (whitespace kept as character references)."""
    return value.translate(_ATTRIBUTE_ESCAPES)


def font_size(size: float) -> str:
    """A font size in points as DrawingML's ``sz`` (hundredths of a point, as python-pptx rounds it)."""
    return str(Pt(size).centipoints)


def percentage(value: float) -> str:
    """A fraction as DrawingML's ST_Percentage (thousandths of a percent)."""
    return str(round(value * 100000.0))


def solid_fill(colour, brightness: float = 0.0) -> str:
    """A solid fill in an RGB colour, lightened towards white by ``brightness`` (0 to 1) as
    python-pptx's ``fore_color.brightness`` does it (a luminance modulation and offset)."""
    if brightness <= 0:
        return f'<a:solidFill><a:srgbClr val="{colour}"/></a:solidFill>'
    return (f'<a:solidFill><a:srgbClr val="{colour}"><a:lumMod val="{percentage(1.0 - brightness)}"/>'
            f'<a:lumOff val="{percentage(brightness)}"/></a:srgbClr></a:solidFill>')


def run(value: str, size: float, colour, bold: bool | None, *, italic: bool = False, face: str = "", link: str = "",
        declare: bool = False) -> str:
    """A text run in a size, colour and weight, as python-pptx's run and font API writes one;
    ``italic``, a Latin ``face`` other than the theme's, and ``link``, the relationship id of a
    hyperlink the run opens (underlined), as its font and ``hlinkClick`` API would add them. A
    colour or weight of None is left to the placeholder's style (a template's title keeps its
    own colour). ``declare`` when it is parsed on its own (``parse``) rather than inside a larger fragment."""
    ns = f" {nsdecls('a', 'r') if link else nsdecls('a')}" if declare else ""
    styles = ("" if bold is None else f' b="{int(bold)}"') + (' i="1"' if italic else "") + (' u="sng"' if link else "")
    inner = ("" if colour is None else solid_fill(colour)) + (f'<a:latin typeface="{attribute(face)}"/>' if face else "")
    inner += f'<a:hlinkClick r:id="{attribute(link)}"/>' if link else ""
    return f'<a:r{ns}><a:rPr sz="{font_size(size)}"{styles}>{inner}</a:rPr><a:t>{text(value)}</a:t></a:r>'


def line_break(size: float, bold: bool, *, declare: bool = False) -> str:
    """A hard line break inside a paragraph, as tall as the text around it."""
    ns = f" {nsdecls('a')}" if declare else ""
    return f'<a:br{ns}><a:rPr sz="{font_size(size)}" b="{int(bold)}"/></a:br>'


def parse(xml: str):
    """One element parsed from ``xml`` as a python-pptx element (its custom classes and all).

    The root's start tag declares the namespaces it uses (``NAMESPACES``, ``run(declare=True)``); lxml drops the
    declarations again when the element joins a slide that already has them.
    """
    return parse_xml(xml)
