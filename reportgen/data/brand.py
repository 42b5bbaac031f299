"""Load a brand file (``_brand.yml``, in posit's brand.yml format) into the typed ``Brand`` every writer reads.

The house look is itself a brand file, shipped in the package (``reportgen/_brand.yml``) and worn
when no other is found (``brand_files.find_brand``): the mechanism is proved by the default. Any
other brand is read over it: what a brand leaves out (a colour, the Office face, the typefaces)
is the house brand's. Everything a brand names is resolved and checked here, once, before any
output is made: colours (hex, or names from ``color.palette`` and the semantic colours), the
fonts (``source: file`` only: ``google`` and ``bunny`` need the network), the logo, the
PowerPoint template (``brand_assets``), and the files the Office face is measured with. A bad
brand is a list of ``path: field: problem`` lines (``ReportError``, exit 2), never half a brand in a
deliverable. What may look wrong but builds is a warning: text whose contrast on its background
is below 4.5:1, a face the PDF cannot embed, an Office face nothing says how to measure, a logo
the Office formats cannot show.

Paths in a brand file are relative to it, and every file must be inside its folder.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from reportgen.data import brand_assets
from reportgen.data.brand_files import HOUSE_BRAND, find_brand
from reportgen.data.brand_schema import FONT_WEIGHTS, BrandFile, LogoResource, Reportgen, TextStyle, Typography
from reportgen.data.load import display_path, read_yaml, validate
from reportgen.errors import Problem, ReportError, shown
from reportgen.model.brand import Brand, Colours, FontFace, FontFamily, Image, Logos, OfficeFace, Template, Typeface, contrast
from reportgen.typefaces import OFFICE_TWINS, PRIVATE_PREFIX

__all__ = ["HOUSE_BRAND", "LoadedBrand", "brand_for", "contrast_warnings", "house_brand", "load_brand", "office_face"]

MIN_CONTRAST = 4.5  # WCAG 2 AA, for text
_HEX = re.compile(r"#([0-9A-Fa-f]{6}|[0-9A-Fa-f]{3})")
THEME = ("foreground", "background", "primary", "secondary", "tertiary", "success", "info", "warning", "danger", "light", "dark")


@dataclass(frozen=True)
class LoadedBrand:
    """A brand and what it may get wrong without being wrong (``Problem``s of severity "warning")."""

    brand: Brand
    warnings: tuple[Problem, ...] = ()


def brand_for(folder: Path, data_dir: Path, explicit: Path | None = None) -> LoadedBrand:
    """The brand a report wears (``find_brand``: ``--brand``, its folder's, the data root's, the house's)."""
    return load_brand(find_brand(folder, data_dir, explicit))


def house_brand() -> Brand:
    return _house().brand


@cache
def _house() -> LoadedBrand:
    return _Resolver(HOUSE_BRAND, validate(BrandFile, read_yaml(HOUSE_BRAND), HOUSE_BRAND), None).loaded()


def load_brand(path: Path) -> LoadedBrand:
    """The brand in the file at ``path`` (over the house brand); every problem at once as a ``ReportError``."""
    if path == HOUSE_BRAND:
        return _house()
    data = read_yaml(path, path.parent)
    return _Resolver(path, validate(BrandFile, {} if data is None else data, path), _house().brand).loaded()


class _Resolver:
    """Resolves one parsed brand file into a ``Brand``, collecting problems and warnings."""

    def __init__(self, path: Path, spec: BrandFile, house: Brand | None):
        self.path, self.folder, self.spec, self.house = path, path.absolute().parent, spec, house
        self.shown = display_path(path)
        self.problems: list[Problem] = []
        self.warnings: list[Problem] = []
        self.reportgen = (spec.defaults.reportgen if spec.defaults else None) or Reportgen()
        self._images: dict[str, Image | None] = {}

    def problem(self, field: str, message: str) -> None:
        self.problems.append(Problem(self.shown, field, message))

    def warn(self, field: str, message: str) -> None:
        self.warnings.append(Problem(self.shown, field, message, "warning"))

    def loaded(self) -> LoadedBrand:
        colours = self.colours()
        declared = self.fonts()
        body, headings, monospace = self.typefaces(declared)
        template = self.template()
        office = self.office(declared, template)
        logo = self.logos()
        if self.problems:
            raise ReportError(list(dict.fromkeys(self.problems)))  # a name used twice is reported once
        assert colours is not None
        brand = Brand(self._name(), self.shown, colours, body, headings, monospace, office, logo, template,
                      tuple(self.reportgen.pptx_layouts.items()), fallback=self.house.body.files if self.house else None)
        fields = {"text": "color.foreground", "muted": "color.secondary", "accent": "color.primary", "on_accent": "color.primary",
                  "fill": "color.light"}
        if colours.heading_colour is not None:
            fields["headings"] = "typography.headings.color"
        return LoadedBrand(brand, tuple(self.warnings) + tuple(contrast_warnings(colours, self.shown, fields)))

    # --- colours ------------------------------------------------------------------------------

    def colours(self) -> Colours | None:
        spec = self.spec.color
        palette = dict(spec.palette) if spec else {}
        theme = {name: getattr(spec, name) for name in THEME if spec is not None and getattr(spec, name) is not None}

        circles: set[frozenset[str]] = set()

        def resolve(value: str, field: str, seen: tuple[str, ...] = ()) -> str | None:
            if _HEX.fullmatch(value):
                digits = value[1:].upper()
                return "#" + ("".join(c * 2 for c in digits) if len(digits) == 3 else digits)
            for table, prefix in ((palette, "color.palette."), (theme, "color.")):
                if value in table:
                    if value in seen:
                        circle = frozenset(seen[seen.index(value):])
                        if circle not in circles:  # one problem for a circle, whichever name leads into it
                            circles.add(circle)
                            self.problem(field, f"the colour names {', '.join(sorted(circle))} refer to each other in a circle")
                        return None
                    return resolve(table[value], f"{prefix}{value}", (*seen, value))
            own = field.rsplit(".", 1)[-1]
            known = ", ".join(name for name in [*palette, *theme] if name != own and name not in seen) or "none"
            self.problem(field, f"unknown colour {shown(value)}: write #RRGGBB, or a name from color.palette or a semantic colour "
                                f"(known: {known})")
            return None

        house = self.house.colours if self.house else None
        found: dict[str, str | None] = {}
        for key, field, value in (
            ("text", "color.foreground", theme.get("foreground")),
            ("background", "color.background", theme.get("background")),
            ("accent", "color.primary", theme.get("primary")),
            ("muted", "color.secondary", theme.get("secondary")),
            ("fill", "color.light", theme.get("light")),
            ("danger", "color.danger", theme.get("danger")),
            ("rule", "defaults.reportgen.colors.rule", self.reportgen.colors.rule),
            ("input_fill", "defaults.reportgen.colors.input-fill", self.reportgen.colors.input_fill),
            ("input_text", "defaults.reportgen.colors.input-text", self.reportgen.colors.input_text),
            ("linked_text", "defaults.reportgen.colors.linked-text", self.reportgen.colors.linked_text),
        ):
            if value is not None:
                found[key] = resolve(value, field)
            elif house is not None:
                found[key] = getattr(house, key)
            else:
                self.problem(field, "the house brand must set every colour")
        for name, value in palette.items():  # an unused palette entry must still be a colour
            resolve(value, f"color.palette.{name}", (name,))
        series = tuple(resolve(v, f"defaults.reportgen.series[{i}]") for i, v in enumerate(self.reportgen.series))
        if not series and house is not None:
            series = (found["accent"], *house.series[1:]) if "primary" in theme else house.series
        headings = self.spec.typography.headings if self.spec.typography else None
        heading = headings.color if headings is not None and headings.color not in (None, "primary") else None
        heading_colour = resolve(heading, "typography.headings.color") if heading is not None else None
        if self.problems or None in found.values() or None in series:
            return None
        return Colours(**found, series=series, heading_colour=heading_colour)  # type: ignore[arg-type]

    # --- typefaces -----------------------------------------------------------------------------

    def fonts(self) -> dict[str, FontFamily | None]:
        """The families the brand declares (and the house's): name -> files (None: a system face)."""
        declared: dict[str, FontFamily | None] = {}
        if self.house is not None:
            declared |= {t.family: t.files for t in (self.house.body, self.house.headings) if t.files is not None}
        own: set[str] = set()
        for i, font in enumerate(self.spec.typography.fonts if self.spec.typography else ()):
            field = f"typography.fonts[{i}]"
            if font.family in own:
                self.problem(f"{field}.family", f"{shown(font.family)} is declared twice")
                continue
            own.add(font.family)
            if font.source in ("google", "bunny"):
                self.problem(f"{field}.source", f"{font.source!r} fetches fonts from the network, which reportgen never does: "
                                                "download the font files and list them with source: file")
            elif font.source == "system":
                declared[font.family] = None
            elif not font.files:
                self.problem(f"{field}.files", "source: file needs the font files (path, weight, style)")
            else:
                faces = []
                for j, entry in enumerate(font.files):
                    weight = self.weight(entry.weight, f"{field}.files[{j}].weight")
                    path = self.local(entry.path, f"{field}.files[{j}].path")
                    if weight is None or path is None:
                        continue
                    try:
                        faces.append(brand_assets.font(path, self.folder, weight, entry.style))
                    except brand_assets.Refusal as exc:
                        self.problem(f"{field}.files[{j}].path", str(exc))
                if len(faces) == len(font.files):
                    declared[font.family] = FontFamily(PRIVATE_PREFIX + font.family, tuple(sorted(faces, key=_face_order)))
        return declared

    def weight(self, value: Any, field: str) -> int | None:
        if isinstance(value, str) and value.lower() in FONT_WEIGHTS:
            return FONT_WEIGHTS[value.lower()]
        if isinstance(value, int) and not isinstance(value, bool) and 100 <= value <= 900 and value % 100 == 0:
            return value
        if isinstance(value, list) or (isinstance(value, str) and re.fullmatch(r"\s*\d+\s*(\.\.|\s)\s*\d+\s*", value)):
            self.problem(field, "a weight range (a variable font) is not supported: give one file per weight (fontTools' "
                                "varLib.instancer cuts them from a variable font)")
        else:
            self.problem(field, f"expected a weight 100-900 in hundreds or a name ({', '.join(FONT_WEIGHTS)}), got {shown(value)}")
        return None

    def typefaces(self, declared: Mapping[str, FontFamily | None]) -> tuple[Typeface, Typeface, Typeface | None]:
        """Body, headings and monospace: what the brand says of each, else the house brand's (a
        brand that names its body face sets its headings in it too, unless it says otherwise)."""
        spec, house = self.spec.typography or Typography(), self.house
        base = self.typeface("base", spec.base, house.body if house else None, declared)
        inherited = house.headings if house is not None and spec.base is None else Typeface(
            base.family, base.files, house.headings.weight if house else base.weight)
        headings = self.typeface("headings", spec.headings, inherited, declared)
        monospace = self.typeface("monospace", spec.monospace, None, declared) if spec.monospace else house.monospace if house else None
        return base, headings, monospace

    def typeface(self, role: str, style: TextStyle | None, default: Typeface | None,
                 declared: Mapping[str, FontFamily | None]) -> Typeface:
        """One role's typeface: the style's family, weight, size and line height, each else the default's."""
        field = f"typography.{role}"
        family = (style.family if style else None) or (default.family if default else "")
        if not family:
            self.problem(f"{field}.family", "required field is missing")
        if style is None or (default is not None and (style.family, style.weight, style.size, style.line_height) == (None,) * 4):
            return default or Typeface(family, None)  # nothing said of it but its colour
        weight = self.weight(style.weight, f"{field}.weight") if style.weight is not None else (default.weight if default else 400)
        line_height = style.line_height
        files = declared.get(family)
        if files is None and family and role in ("base", "headings") and self.house is not None:
            self.warn(f"{field}.family", f"{shown(family)} has no font files (a system face): the PDF and its charts embed only font "
                                         f"files and set it in {self.house.body.family}; give its files in typography.fonts with "
                                         "source: file")
        return Typeface(family, files, weight or 400, style.size or (default.size if default else None),
                        line_height if line_height is not None else (default.line_height if default else None))

    def office(self, declared: Mapping[str, FontFamily | None], template: Template | None) -> OfficeFace:
        """The face ``office-font`` names; else the template's theme face; else the house brand's."""
        named = self.reportgen.office_font
        family = named or (template.theme_font if template is not None else None)
        if family is None and self.house is not None:
            return self.house.office
        face, warning = office_face(family or "", declared, self.house.office if self.house else None, named is not None)
        if warning:
            field = "defaults.reportgen.office-font" if named or template is None else "defaults.reportgen.pptx-template"
            (self.warn if self.house is not None else self.problem)(field, warning)
        return face

    # --- files ---------------------------------------------------------------------------------

    def local(self, written: str, field: str) -> Path | None:
        """A file the brand names, relative to it; a URL or an absolute path is a problem."""
        if "://" in written or written.startswith("data:"):
            self.problem(field, f"{shown(written)} is a URL, and reportgen never fetches anything: download the file and give its "
                                "path, relative to the brand file")
            return None
        if Path(written).is_absolute():
            self.problem(field, f"{shown(written)} is an absolute path: give the path relative to the brand file")
            return None
        return self.folder / written

    def image(self, resource: LogoResource | None, field: str, images: Mapping[str, LogoResource]) -> Image | None:
        if resource is None:
            return None
        alt = resource.alt
        if resource.path in images:  # the name of one of logo.images
            named = images[resource.path]
            resource, alt = named, alt or named.alt
        if resource.path not in self._images:
            path = self.local(resource.path, field)
            try:
                self._images[resource.path] = brand_assets.logo(path, self.folder) if path is not None else None
            except brand_assets.Refusal as exc:
                self.problem(field, str(exc))
                self._images[resource.path] = None
        found = self._images[resource.path]
        if found is None:
            return None
        return Image(found.data, found.type, found.width, found.height, found.name, alt or self._name(), found.digest)

    def _name(self) -> str:
        meta = self.spec.meta.name if self.spec.meta else None
        return meta if isinstance(meta, str) else str(meta.get("full") or meta.get("short") or "") if isinstance(meta, dict) else ""

    def logos(self) -> Logos | None:
        spec = self.spec.logo
        if spec is None:
            return self.house.logo if self.house else None
        for name, resource in spec.images.items():
            self.image(resource, f"logo.images.{name}", {})
        sizes: dict[str, Image] = {}
        for size in ("small", "medium", "large"):
            variants = getattr(spec, size)
            if variants is None:
                continue
            light = self.image(variants.light, f"logo.{size}" + (".light" if variants.dark else ""), spec.images)
            dark = self.image(variants.dark, f"logo.{size}.dark", spec.images)  # checked; the deliverables have light backgrounds
            if light or dark:
                sizes[size] = light or dark  # type: ignore[assignment]
        if not sizes:
            return None
        for image in sizes.values():
            if not image.raster and not any(i.raster for i in sizes.values()):
                self.warn("logo", f"{image.name} is an SVG, which PowerPoint and Excel files cannot hold: the deck and the "
                                  "workbook show no logo; add a PNG of it as one of the sizes")
                break
        small = sizes.get("small") or sizes.get("medium") or sizes["large"]
        large = sizes.get("large") or sizes.get("medium") or sizes["small"]
        return Logos(small, sizes.get("medium") or large, large)

    def template(self) -> Template | None:
        """The template, refused here for whatever the deck writer would refuse of it with the
        brand's layout names (``pptx_template.check_template``)."""
        field, written, layouts = "defaults.reportgen.pptx-template", self.reportgen.pptx_template, self.reportgen.pptx_layouts
        if written is None:
            if layouts:
                self.warn("defaults.reportgen.pptx-layouts", "names layouts, but the brand names no pptx-template to take "
                                                             "them from: the deck is built on the house design")
            return self.house.pptx_template if self.house else None
        path = self.local(written, field)
        if path is None:
            return None
        from reportgen.pptx_template import TemplateError  # python-pptx: only for a brand that names a template

        try:
            return brand_assets.template(path, self.folder, layouts)
        except brand_assets.Refusal as exc:
            self.problem(field, str(exc))
        except TemplateError as exc:
            if exc.field:
                self.problem(f"defaults.reportgen.{exc.field}", f"{path.name}: {exc.reason}")
            else:
                self.problem(field, f"{path.name} {exc.reason}")
        return None


def _face_order(face: FontFace) -> tuple[bool, int]:
    """Upright faces first, lightest first: the first face is the regular one."""
    return face.style != "normal", face.weight


def office_face(family: str, declared: Mapping[str, FontFamily | None], fallback: OfficeFace | None,
                named: bool = True) -> tuple[OfficeFace, str | None]:
    """The Office face ``family`` with the files its text is measured with, and a warning when
    nothing says how to measure it (the ``fallback``'s files stand in). Its own files when the
    brand gives them, else the metric-compatible twin of a standard Office face. The deck's
    template engineer calls this with a template theme's face when the brand names none."""
    files = declared.get(family)
    if files is not None:
        upright = [f for f in files.faces if f.style == "normal"] or list(files.faces)
        regular = min(upright, key=lambda f: abs(f.weight - 400))
        bold = min(upright, key=lambda f: abs(f.weight - 700))
        return OfficeFace(family, regular, bold, "its font files", named), None
    twin = OFFICE_TWINS.get(family.lower())
    found = twin.files() if twin is not None else None
    if twin is not None and found is not None:
        regular, bold = (_system_face(path, weight) for path, weight in zip(found, (400, 700), strict=True))
        return OfficeFace(family, regular, bold, twin.family, named), None
    if fallback is None:
        return OfficeFace(family, FontFace(Path()), FontFace(Path()), None, named), f"{shown(family)}: no metrics to measure it with"
    stand_in = OfficeFace(family, fallback.regular, fallback.bold, None, named)
    if twin is not None:
        return stand_in, (f"{shown(family)} is measured with {twin.family}, which is not installed here (Debian: {twin.package}); "
                          f"{fallback.measured_with or fallback.family}'s metrics stand in, so text may not fit on a client's machine")
    return stand_in, (f"{shown(family)} may be missing on a client's machine, and nothing says how to measure it: give its files in "
                      f"typography.fonts (source: file), or use a standard Office face ({', '.join(t.title() for t in OFFICE_TWINS)}); "
                      f"{fallback.measured_with or fallback.family}'s metrics stand in")


def _system_face(path: Path, weight: int) -> FontFace:
    """A font file of the package or the machine (a twin), carried as bytes like a brand's."""
    data = path.read_bytes()
    return FontFace(path, weight, data=data, digest=hashlib.sha256(data).hexdigest())


def contrast_warnings(colours: Colours, where: str, fields: Mapping[str, str]) -> list[Problem]:
    """A warning for each pair of colours text is drawn in whose contrast is below 4.5:1 (WCAG 2
    AA), naming both; ``fields`` says which pairs to check and the field each comes from."""
    pairs = {
        "text": ("text", colours.text, colours.background),
        "muted": ("muted text (captions, sources)", colours.muted, colours.background),
        "headings": ("headings", colours.headings, colours.background),
        "accent": ("accent text (links, key figures)", colours.accent, colours.background),
        "on_accent": ("text on accent fills (table headers, the cover)", colours.on_accent, colours.accent),
        "fill": ("text on fills (key-figure cards, zebra rows)", colours.text, colours.fill),
    }
    out = []
    for role, field in fields.items():
        what, fore, back = pairs[role]
        ratio = contrast(fore, back)
        if ratio < MIN_CONTRAST:
            out.append(Problem(where, field, f"{what}: {fore} on {back} has a contrast of {ratio:.2f}:1, below the {MIN_CONTRAST}:1 "
                                             "text needs (WCAG AA)", "warning"))
    return out
