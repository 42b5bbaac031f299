"""The variants file's format (``variants.yaml``), validated like the data files.

A variant's logo and brand file come from whoever can edit the variants file, so they are
checked as a brand's are (``data.brand_assets``): a regular file beside the variants file (no
link out of its folder, no FIFO), a PNG, JPEG or SVG that decodes completely within the pixel
limit; a brand file that loads. Every problem is one line naming the variants file and the
field, before any output. Kept apart from ``variants.py`` so that a build of the house edition
never imports pydantic.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Annotated, Literal

from pydantic import Field

from reportgen.builder.variants import Variant
from reportgen.data import brand_assets
from reportgen.data.brand import contrast_warnings, house_brand, load_brand
from reportgen.data.load import display_path, read_yaml, validate
from reportgen.data.messages import describe_pattern
from reportgen.data.schema import Name, Strict
from reportgen.errors import Problem, ReportError
from reportgen.model.brand import Client, Image

HexColour = Annotated[str, Field(pattern=describe_pattern(r"^#[0-9A-Fa-f]{6}$", "use a #RRGGBB hex colour, e.g. '#1F4E79'"))]
VariantName = Annotated[str, Field(pattern=describe_pattern(
    r"^[a-z0-9][a-z0-9_-]*$", "use lower-case letters, digits, hyphens and underscores, starting with a letter or digit"))]
ImageFile = Annotated[str, Field(pattern=describe_pattern(r"(?i)\.(png|jpe?g|svg)$",
                                                          "use a PNG, JPEG or SVG file (.png, .jpg, .jpeg, .svg)"))]
BrandFile = Annotated[str, Field(pattern=describe_pattern(r"(?i)\.ya?ml$", "use a brand file (.yml or .yaml)"))]


class VariantSpec(Strict):
    client: Name | None = Field(None, description="Shown as 'Prepared for <client>' on the cover and title slide.")
    logo: ImageFile | None = Field(
        None, description="PNG, JPEG or SVG file, relative to the variants file (the deck and the workbook show a PNG or JPEG only)."
    )
    palette: list[HexColour] = Field([], description="Chart series colours, in order; defaults to the brand's.")
    accent: HexColour | None = Field(None, description="Headings and rules; defaults to the brand's primary colour.")
    brand: BrandFile | None = Field(None, description="A brand file for this client's editions (co-branding), relative to the variants "
                                                      "file; default: the report's brand.")
    formats: list[Literal["pdf", "pptx", "xlsx", "html"]] = Field([], description="Formats this client gets; default all.")
    language: Literal["en", "es", "pt-BR"] | None = Field(None, description="The client's edition language; default: --lang.")


class VariantsFile(Strict):
    variants: dict[VariantName, VariantSpec]


def read_variants(path: Path) -> dict[str, Variant]:
    """Read and validate a variants file; every bad logo or brand at once, each naming its field."""
    parsed = validate(VariantsFile, read_yaml(path), path)
    shown, folder = display_path(path), path.parent
    out: dict[str, Variant] = {}
    problems: list[Problem] = []
    for name, spec in parsed.variants.items():
        field = f"variants.{name}"
        logo: Image | None = None
        if spec.logo:
            try:
                logo = brand_assets.logo(folder / spec.logo, folder)
            except brand_assets.Refusal as exc:
                problems.append(Problem(shown, f"{field}.logo", str(exc)))
                continue
        brand, warnings = None, []
        if spec.brand:
            try:
                loaded = load_brand(folder / spec.brand)
            except ReportError as exc:
                problems.extend(Problem(shown, f"{field}.brand", str(p)) for p in exc.problems)
                continue
            brand, warnings = loaded.brand, list(loaded.warnings)
        client = Client(spec.client, logo, spec.accent.upper() if spec.accent else None, tuple(c.upper() for c in spec.palette))
        if spec.accent:
            colours = (brand or house_brand()).colours.for_client(client.accent, client.series)
            warnings += contrast_warnings(colours, shown, {"accent": f"{field}.accent", "on_accent": f"{field}.accent"})
        if logo is not None and not logo.raster:
            warnings.append(Problem(shown, f"{field}.logo", f"{logo.name} is an SVG, which PowerPoint and Excel files cannot hold: "
                                                            "the deck and the workbook show no client logo; use a PNG", "warning"))
        definition = json.dumps(spec.model_dump(mode="json"), sort_keys=True).encode()
        digest = hashlib.sha256(definition + hashlib.sha256(logo.data if logo else b"").digest()).hexdigest()
        brand_file = folder / spec.brand if spec.brand else None
        out[name] = Variant(name, client, brand_file, brand, tuple(spec.formats), spec.language, digest, tuple(warnings))
    if problems:
        raise ReportError(problems)
    return out
