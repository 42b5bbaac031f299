"""The brand file's format: posit's brand.yml (https://posit-dev.github.io/brand-yml/), validated
like the data files.

A ``_brand.yml`` written for Quarto is read as it is: ``meta``, ``logo`` (a path, or ``images``
and ``small``/``medium``/``large``, each a path, an image's name, ``{path, alt}`` or
``{light, dark}``), ``color`` (a ``palette`` of named colours and the semantic colours),
``typography`` (``fonts`` with their ``source`` and files, and ``base``, ``headings``,
``monospace``..., each a family name or ``{family, weight, size, line-height, color}``) and
``defaults``, under which ``reportgen:`` holds what only reportgen reads. brand.yml lets a value be
written short (a family name for a whole style, a path for a logo): those forms are made long
before validation, so that a mistake is one message at its field, not one per form it might
have been. Values are checked here only for their shape; what they name (a colour, a palette
entry, a file, a font) is resolved and checked by the loader (``data.brand``).

posit's own ``brand_yml`` package (pydantic models) was weighed and not used: it accepts any
text as a colour, leaves an unknown palette name in place as if it were a colour, reports a
short-form mistake once per form in the union (three errors for one bad logo path) and a
colour error in ``typography`` with no location, pulls in htmltools and ruamel.yaml, and
accepts the network sources reportgen refuses. Its field names and meanings are followed here.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field

from reportgen.data.messages import describe_pattern
from reportgen.data.schema import Name, Strict

FONT_WEIGHTS = {"thin": 100, "extra-light": 200, "ultra-light": 200, "light": 300, "normal": 400, "regular": 400,
                "medium": 500, "semi-bold": 600, "demi-bold": 600, "bold": 700, "extra-bold": 800, "ultra-bold": 800,
                "black": 900}
PaletteName = Annotated[str, Field(pattern=describe_pattern(
    r"^[a-zA-Z_][a-zA-Z0-9_-]*$", "use letters, digits, '_' and '-', starting with a letter or '_' (a CSS variable name)"))]
Colour = Annotated[str, Field(min_length=1, max_length=100, description="A #RRGGBB (or #RGB) colour, or a name from color.palette "
                                                                         "or of a semantic colour.")]
FilePath = Annotated[str, Field(min_length=1, max_length=500, description="A file, relative to the brand file.")]


def _as_mapping(key: str, short: Any, long: Any):
    """brand.yml's short form: a bare value (``short``) stands for ``{key: value}`` (``long``);
    the JSON Schema offers both, so an editor takes either."""
    def expand(value: Any) -> Any:
        return {key: value} if isinstance(value, str) else value

    return BeforeValidator(expand, json_schema_input_type=short | long)


class Open(BaseModel):
    """A part of brand.yml reportgen does not read: any fields, kept as they are."""

    model_config = ConfigDict(extra="allow", frozen=True)


class Meta(Strict):
    name: Annotated[Any, Field(None, description="The brand's name: text, or {full, short}.")] = None
    link: Annotated[Any, Field(None, description="Links: a URL, or a mapping of them.")] = None


class LogoResource(Strict):
    path: FilePath
    alt: Annotated[str, Field(max_length=500)] = ""


Resource = Annotated[LogoResource, _as_mapping("path", FilePath, LogoResource)]


class LightDark(Strict):
    light: Resource | None = None
    dark: Resource | None = None


def _logo_size(value: Any) -> Any:
    """A size is a path or an image's name, ``{path, alt}`` or ``{light, dark}``: made ``{light, dark}``."""
    if isinstance(value, str) or (isinstance(value, dict) and "path" in value):
        return {"light": value}
    return value


LogoSize = Annotated[LightDark | None, BeforeValidator(_logo_size, json_schema_input_type=FilePath | LogoResource | LightDark | None)]


class Logo(Strict):
    images: dict[Annotated[str, Field(min_length=1)], Resource] = Field({}, description="Named images the sizes may refer to.")
    small: LogoSize = Field(None, description="The PDF's running head, the web header.")
    medium: LogoSize = Field(None, description="The workbook's contents sheet.")
    large: LogoSize = Field(None, description="The PDF's cover, the title slide.")


def _logo(value: Any) -> Any:
    """``logo: file.png`` is that file in every size."""
    return {"small": value, "medium": value, "large": value} if isinstance(value, str) else value


class Colours(Strict):
    palette: dict[PaletteName, Colour] = Field({}, description="Named colours, which the other colours may refer to by name.")
    foreground: Colour | None = Field(None, description="Text.")
    background: Colour | None = Field(None, description="Pages, slides and sheets.")
    primary: Colour | None = Field(None, description="The accent: heading rules, table headers, the cover, one-series charts, links.")
    secondary: Colour | None = Field(None, description="Muted text: captions, sources, footers, axis labels.")
    tertiary: Colour | None = None
    success: Colour | None = None
    info: Colour | None = None
    warning: Colour | None = None
    danger: Colour | None = Field(None, description="Errors (the preview's page of problems).")
    light: Colour | None = Field(None, description="Fills: key-figure cards, zebra and summary rows, the forecast band.")
    dark: Colour | None = None


Weight = Annotated[int | str, Field(description="100-900, or a name: thin, light, normal, medium, semi-bold, bold, black...")]


class FontFile(Strict):
    path: FilePath
    weight: Weight | list[Any] = 400
    style: Literal["normal", "italic"] = "normal"


class Font(Strict):
    family: Name
    source: Literal["file", "system", "google", "bunny"] = Field(
        description="'file' (font files beside the brand file) or 'system'; 'google' and 'bunny' need the network and are refused.")
    files: list[Annotated[FontFile, _as_mapping("path", FilePath, FontFile)]] = Field([], description="The font files, for source: file.")
    # Fields of the network sources: accepted so that refusing the source is the one message.
    weight: Any = None
    style: Any = None
    display: Any = None


class TextStyle(Strict):
    family: Name | None = None
    weight: Weight | None = None
    style: Literal["normal", "italic"] | None = None
    size: Annotated[str, Field(pattern=describe_pattern(r"^[0-9]{1,3}(\.[0-9]{1,3})?(px|pt|rem|em|%)$",
                                                        "use a CSS length such as 16px, 1rem, 11pt or 100%"))] | None = Field(
        None, description="A CSS length: the web edition's text size.")
    line_height: Annotated[float, Field(gt=0.5, le=4)] | None = Field(None, alias="line-height",
                                                                       description="The web edition's line height, in text sizes.")
    color: Colour | None = None
    background_color: Colour | None = Field(None, alias="background-color")
    decoration: str | None = None


Style = Annotated[TextStyle, _as_mapping("family", Name, TextStyle)]


class Typography(Strict):
    fonts: list[Font] = Field([], description="The font families the other styles name.")
    base: Style | None = None
    headings: Style | None = None
    monospace: Style | None = None
    monospace_inline: Style | None = Field(None, alias="monospace-inline")
    monospace_block: Style | None = Field(None, alias="monospace-block")
    link: Style | None = None


class ReportgenColours(Strict):
    rule: Colour | None = Field(None, description="Hairlines: table rules and gridlines.")
    input_fill: Colour | None = Field(None, alias="input-fill", description="The workbook's input cells.")
    input_text: Colour | None = Field(None, alias="input-text", description="The figures in the workbook's input cells.")
    linked_text: Colour | None = Field(None, alias="linked-text", description="Workbook values brought over from another sheet.")


class Reportgen(Strict):
    series: list[Colour] = Field([], description="Chart series colours, in order (default: the primary, then the house series).")
    colors: ReportgenColours = ReportgenColours()
    office_font: Name | None = Field(None, alias="office-font", description="The face of the deck and the workbook (default Calibri).")
    pptx_template: FilePath | None = Field(None, alias="pptx-template", description="The corporate PowerPoint template (.pptx or .potx).")
    pptx_layouts: dict[Name, Name] = Field({}, alias="pptx-layouts", description="The template's layout for each kind of slide, by name.")


class Defaults(Open):
    reportgen: Reportgen | None = None


class BrandFile(Strict):
    meta: Meta | None = None
    logo: Annotated[Logo | None, BeforeValidator(_logo, json_schema_input_type=FilePath | Logo | None)] = None
    color: Colours | None = None
    typography: Typography | None = None
    defaults: Defaults | None = None
