"""The brand: how every deliverable looks, as one typed object that every writer reads.

Colours, typefaces (with their font files' bytes), logos (bytes, type and pixel size), the face
Office files are set in and the metrics they are measured with, and the corporate PowerPoint
template: all resolved and checked once, when the brand file is loaded (``reportgen.data.brand``:
the package's own ``_brand.yml`` is the house brand, the default), so a writer neither opens a
file nor falls back to a value of its own, and the PDF, the deck, the workbook and the web
edition cannot drift apart. A client variant changes the client's name and logo, the accent and
the chart series on top of it (``Client``, ``Brand.for_client``).

Colour rules live here too, once: a history tint is the series colour mixed with white
(``Colours.history``: never more saturated than its colour, unlike PowerPoint's brightness), text
on an accent fill is whichever of the brand's text and background colours reads better on it,
and contrast is WCAG 2's ratio.
"""

from __future__ import annotations

import base64
import re
from dataclasses import dataclass, field, replace
from pathlib import Path

HEX = re.compile(r"#[0-9A-F]{6}")
HISTORY_TINT = 0.5  # history is drawn as its series colour mixed half with white, in every format
NOTES_RULE_TINT = 0.75  # the rule beside a notes box: the accent, three quarters white
TOTAL_TINT = 0.85  # a filled total row: the accent, mixed this much with the background
WHITE = "#FFFFFF"


def rgb(colour: str) -> tuple[int, int, int]:
    """The red, green and blue of a ``#RRGGBB`` colour, 0-255."""
    return int(colour[1:3], 16), int(colour[3:5], 16), int(colour[5:7], 16)


def mix(colour: str, other: str, amount: float) -> str:
    """``colour`` moved towards ``other`` by ``amount`` (0 keeps it, 1 gives ``other``)."""
    return "#" + "".join(f"{round(a + (b - a) * amount):02X}" for a, b in zip(rgb(colour), rgb(other), strict=True))


def tint(colour: str, amount: float) -> str:
    """``colour`` mixed with white: ``amount`` 0 keeps the colour, 1 is white."""
    return mix(colour, WHITE, amount)


def luminance(colour: str) -> float:
    """WCAG 2's relative luminance of a colour."""
    def channel(value: int) -> float:
        c = value / 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = map(channel, rgb(colour))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a: str, b: str) -> float:
    """WCAG 2's contrast ratio of two colours, 1 to 21 (text needs 4.5 for AA)."""
    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


@dataclass(frozen=True)
class Colours:
    """Every colour a deliverable shows, as ``#RRGGBB`` (upper case). One set of neutrals:
    ``text``, ``muted``, ``fill`` and ``rule`` (and ``soft`` between text and muted)."""

    text: str  # body text (brand.yml color.foreground)
    background: str  # pages, slides, sheets (color.background)
    accent: str  # rules under headings, table header fills, the cover band, one-series charts, links (color.primary)
    muted: str  # captions, sources, footers, axis labels (color.secondary)
    fill: str  # key-figure cards, zebra and summary rows, the forecast band (color.light)
    rule: str  # hairlines: table rules, gridlines (defaults.reportgen.colors.rule)
    danger: str  # an error's title (the preview's page of problems) (color.danger)
    input_fill: str  # the workbook's input cells: the modelling convention, blue figures on pale yellow
    input_text: str
    linked_text: str  # a workbook value brought over from another sheet
    series: tuple[str, ...]  # chart series, in order (defaults.reportgen.series)
    heading_colour: str | None = None  # typography.headings.color; None: the accent

    def __post_init__(self) -> None:
        named = {name: getattr(self, name) for name in ("text", "background", "accent", "muted", "fill", "rule", "danger",
                                                        "input_fill", "input_text", "linked_text")}
        named |= {f"series[{i}]": c for i, c in enumerate(self.series)}
        if self.heading_colour is not None:
            named["heading_colour"] = self.heading_colour
        for name, colour in named.items():  # colours end up in CSS, SVG and Office XML: nothing but hex
            if not isinstance(colour, str) or not HEX.fullmatch(colour):
                raise ValueError(f"brand colour {name} is {colour!r}, not an upper-case #RRGGBB colour")
        if not self.series:
            raise ValueError("a brand needs at least one chart series colour")

    @property
    def headings(self) -> str:
        return self.heading_colour or self.accent

    @property
    def soft(self) -> str:
        """Secondary text that must read almost as text (a section's message, a figure's label, notes)."""
        return mix(self.text, self.muted, 0.5)

    @property
    def on_accent(self) -> str:
        """Text on an accent fill: the brand's background or text colour, whichever reads better."""
        return max((self.background, self.text), key=lambda c: contrast(c, self.accent))

    @property
    def notes_rule(self) -> str:
        return tint(self.accent, NOTES_RULE_TINT)

    @property
    def total_fill(self) -> str:
        """The fill of a table's total row where a format fills it (the deck's tables)."""
        return mix(self.accent, self.background, TOTAL_TINT)

    def series_colour(self, index: int) -> str:
        return self.series[index % len(self.series)]

    def history(self, colour: str) -> str:
        """The fill of a history value drawn beside forecast values in ``colour``: the same rule
        in the PDF, the web edition, the deck and the workbook."""
        return tint(colour, HISTORY_TINT)

    def for_client(self, accent: str | None, series: tuple[str, ...]) -> Colours:
        """These colours with a client's accent and chart series (either may be unset)."""
        return replace(self, accent=accent or self.accent, series=series or self.series)


@dataclass(frozen=True)
class FontFace:
    """One font file of a typeface. A brand's faces carry their bytes (``data``, read and checked
    once: a worker never reads the brand's folder); the system fonts the PDF falls back to are
    read from ``path`` when used. ``index``: the face within a .ttc collection."""

    path: Path
    weight: int = 400
    style: str = "normal"
    index: int = 0
    data: bytes = field(default=b"", repr=False, compare=False)
    digest: str = ""  # sha256 of ``data``: what identifies a brand's face (equality, caches, the layout cache)


@dataclass(frozen=True)
class FontFamily:
    """A family of font files, under the name the PDF's CSS and the charts call it."""

    name: str
    faces: tuple[FontFace, ...]


@dataclass(frozen=True)
class Typeface:
    """What text in one role is set in: the brand's family name (which the web edition and the
    deck name), its font files (None for a ``system`` face, which only machines that have it
    show), the weight of text in this role, and the web edition's size and line height."""

    family: str
    files: FontFamily | None
    weight: int = 400
    size: str | None = None  # a CSS length (brand.yml typography.*.size)
    line_height: float | None = None


@dataclass(frozen=True)
class OfficeFace:
    """The face the deck and the workbook are set in, and the font files their text is measured
    with (the brand's own files for it, or a metric-compatible twin of a standard Office face:
    Carlito for Calibri...). ``measured_with`` is None when nothing is known to measure it (the
    house face's metrics stand in, and ``check`` warns); ``named``: the brand file named it."""

    family: str
    regular: FontFace
    bold: FontFace
    measured_with: str | None
    named: bool = True


@dataclass(frozen=True)
class Image:
    """A logo, decoded and checked once: its bytes, MIME type and size in pixels (an SVG's
    intrinsic size in CSS pixels)."""

    data: bytes = field(repr=False)
    type: str  # "image/png", "image/jpeg" or "image/svg+xml"
    width: int
    height: int
    name: str  # the file's name, for messages
    alt: str = ""
    digest: str = ""

    @property
    def raster(self) -> bool:
        """Whether the Office formats can embed it (PowerPoint and Excel take no SVG without a raster twin)."""
        return self.type != "image/svg+xml"

    @property
    def data_uri(self) -> str:
        return f"data:{self.type};base64,{base64.b64encode(self.data).decode('ascii')}"


@dataclass(frozen=True)
class Logos:
    """The brand's logo in brand.yml's three sizes, each resolved to an image (a size the brand
    leaves out is the nearest one it gives): ``small`` for the PDF's running head and the web
    edition's header, ``medium`` for the workbook, ``large`` for the PDF's cover and the title slide."""

    small: Image
    medium: Image
    large: Image

    def for_office(self, size: str) -> Image | None:
        """The image of ``size`` for a deck or a workbook: the nearest raster one, or None."""
        order = {"small": ("small", "medium", "large"), "medium": ("medium", "large", "small"),
                 "large": ("large", "medium", "small")}[size]
        return next((image for image in (getattr(self, s) for s in order) if image.raster), None)


@dataclass(frozen=True)
class Template:
    """The corporate PowerPoint template (``defaults.reportgen.pptx-template``): its bytes (a
    .pptx or .potx), checked when the brand was loaded to be one the deck can be built on with
    the brand's ``pptx_layouts``, and its file name for messages."""

    name: str
    data: bytes = field(repr=False)
    digest: str = ""
    theme_font: str | None = None  # its theme's body face: the Office face when the brand names none


@dataclass(frozen=True)
class Client:
    """What a client variant changes (variants.yaml): the 'prepared for' line, the client's logo,
    the accent and the chart series (empty: the brand's)."""

    name: str | None = None
    logo: Image | None = None
    accent: str | None = None
    series: tuple[str, ...] = ()


@dataclass(frozen=True)
class Brand:
    """Everything about how an edition looks. ``source`` names the brand file (messages)."""

    name: str
    source: str
    colours: Colours
    body: Typeface
    headings: Typeface
    monospace: Typeface | None
    office: OfficeFace
    logo: Logos | None = None
    pptx_template: Template | None = None
    pptx_layouts: tuple[tuple[str, str], ...] = ()  # the template's layout for each of reportgen's slide kinds, by name
    client: Client = Client()
    fallback: FontFamily | None = None  # the house face: after the brand's own in the PDF, so it draws all the house face drew

    @property
    def families(self) -> tuple[FontFamily, ...]:
        """The brand's font files, body first, then the house face, each name once: what the PDF
        and its charts use before the machine's fallbacks (``typefaces.stack``)."""
        named: dict[str, FontFamily] = {}
        for typeface in (self.body, self.headings, self.monospace):
            if typeface is not None and typeface.files is not None:
                named.setdefault(typeface.files.name, typeface.files)
        if self.fallback is not None:
            named.setdefault(self.fallback.name, self.fallback)
        return tuple(named.values())

    def print_family(self, typeface: Typeface) -> FontFamily:
        """The files the PDF and its charts set a role in: its own, or the house face for a system face."""
        return typeface.files or self.fallback or self.families[0]

    def for_client(self, client: Client) -> Brand:
        """This brand worn by a client's edition: its name and logo, and its accent and series if it sets them."""
        return replace(self, colours=self.colours.for_client(client.accent, client.series), client=client)
