"""A starter brand from a corporate PowerPoint template: ``reportgen brand --from-template``.

A firm that adopts reportgen already has its look in the template every consultant starts
from. This reads it (``pptx_template``) and writes a ``_brand.yml`` in the brand.yml format
that says the same: the theme's colours as the palette (accents first, the order PowerPoint
gives chart series), its dark and light colours as foreground and background, its heading and
body faces as the typography, the pictures on its masters and layouts saved beside the brand
file as the logo, and the template itself as the deck's template
(``defaults.reportgen.pptx-template``), with every path relative to the brand file. It is a
start: the brand's font files and any colour the theme lacks are the firm's to add.

Nothing is overwritten: a brand file or logo file that exists is refused.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from reportgen.errors import Problem, ReportError
from reportgen.pptx_template import LOGO_TYPES, TemplateError, master_pictures, open_template, picture_types, read_theme

# Theme slot -> palette name, in the palette's order: accents first.
PALETTE_NAMES = {
    "accent1": "accent-1", "accent2": "accent-2", "accent3": "accent-3", "accent4": "accent-4",
    "accent5": "accent-5", "accent6": "accent-6", "dk1": "dark-1", "lt1": "light-1", "dk2": "dark-2",
    "lt2": "light-2", "hlink": "hyperlink",
}
SEMANTIC = {"foreground": "dk1", "background": "lt1", "primary": "accent1", "dark": "dk2", "light": "lt2"}
HEADER = """\
# Starter brand from {template}, written by `reportgen brand --from-template`.
# The colours, faces and logo are the template's own (its theme and the pictures on its masters).
# Check them; add the brand's font files (typography.fonts with source: file) so the PDF and the
# web edition are set in the brand's face, and Office files measured with it.
"""


@dataclass
class Starter:
    """The brand file's text and the logo files to write beside it (name -> bytes)."""

    text: str
    logos: dict[str, bytes] = field(default_factory=dict)
    skipped: list[str] = field(default_factory=list)  # formats of master pictures no logo can have


def starter_brand(template: bytes, template_path: Path, out: Path) -> Starter:
    """The starter brand for ``template`` (read from ``template_path``) to be written at ``out``.
    Raises ``ReportError`` when the template is not a presentation."""
    try:
        prs = open_template(template)
    except TemplateError as exc:
        raise ReportError(Problem(str(template_path), "", str(exc))) from None
    theme = read_theme(prs)
    stem = template_path.stem
    brand: dict = {"meta": {"name": stem}}
    pictures = master_pictures(prs)
    logos = {f"{stem}-logo{'' if n == 1 else f'-{n}'}.{p.extension}": p for n, p in enumerate(pictures, 1)}
    if logos:
        images = {name.rsplit(".", 1)[0]: name for name in logos}
        first = next(iter(images))
        brand["logo"] = {"images": images, "small": first, "medium": first}
    palette = {PALETTE_NAMES[slot]: theme.colours[slot] for slot in PALETTE_NAMES if slot in theme.colours}
    if palette:
        colour = {"palette": palette}
        colour |= {key: PALETTE_NAMES[slot] for key, slot in SEMANTIC.items() if slot in theme.colours}
        brand["color"] = colour
    faces = [face for face in dict.fromkeys((theme.minor, theme.major)) if face]
    if faces:
        typography: dict = {"fonts": [{"family": face, "source": "system"} for face in faces]}
        if theme.minor:
            typography["base"] = {"family": theme.minor}
        if theme.major:
            typography["headings"] = {"family": theme.major}
        brand["typography"] = typography
    brand["defaults"] = {"reportgen": {"pptx-template": _relative(template_path, out.parent)}}
    text = HEADER.format(template=template_path.name) + yaml.safe_dump(brand, sort_keys=False, allow_unicode=True)
    return Starter(text, {name: p.blob for name, p in logos.items()}, _skipped(prs))


def _relative(path: Path, folder: Path) -> str:
    return Path(os.path.relpath(path.resolve(), folder.resolve())).as_posix()


def _skipped(prs) -> list[str]:
    """The formats of the pictures on the masters that a brand's logo cannot be (EMF, WMF...)."""
    return sorted(kind for kind in picture_types(prs) if kind not in LOGO_TYPES)


def write_starter_brand(template_path: Path, out: Path) -> Starter:
    """Read the template, write the starter brand at ``out`` and its logos beside it; refuse to
    overwrite a file. Raises ``ReportError``."""
    from reportgen.builder.atomic import atomic_write

    try:
        template = template_path.read_bytes()
    except OSError as exc:
        raise ReportError(Problem(str(template_path), "", f"cannot be read ({exc.strerror or exc})")) from None
    starter = starter_brand(template, template_path, out)
    targets = [out, *(out.parent / name for name in starter.logos)]
    existing = [p for p in targets if p.exists()]
    if existing:
        raise ReportError([Problem(str(p), "", "exists; remove it or write the brand elsewhere with -o") for p in existing])
    out.parent.mkdir(parents=True, exist_ok=True)
    for name, blob in starter.logos.items():
        atomic_write(out.parent / name, blob)
    atomic_write(out, starter.text.encode("utf-8"))
    return starter
