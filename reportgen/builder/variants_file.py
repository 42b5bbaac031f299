"""The variants file's format (``variants.yaml``), validated like the data files.

Kept apart from ``variants.py`` so that a build of the house edition never imports pydantic.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Annotated, Literal

from pydantic import Field

from reportgen.builder.variants import Variant
from reportgen.data.load import display_path, read_yaml, validate
from reportgen.data.messages import describe_pattern
from reportgen.data.schema import Name, Strict
from reportgen.errors import Problem, ReportError
from reportgen.model.elements import Branding

HexColour = Annotated[str, Field(pattern=describe_pattern(r"^#[0-9A-Fa-f]{6}$", "use a #RRGGBB hex colour, e.g. '#1F4E79'"))]
VariantName = Annotated[str, Field(pattern=describe_pattern(
    r"^[a-z0-9][a-z0-9_-]*$", "use lower-case letters, digits, hyphens and underscores, starting with a letter or digit"))]
RasterFile = Annotated[str, Field(pattern=describe_pattern(r"(?i)\.(png|jpe?g)$", "use a PNG or JPEG file (.png, .jpg, .jpeg)"))]


class VariantSpec(Strict):
    client: Name | None = Field(None, description="Shown as 'Prepared for <client>' on the cover and title slide.")
    logo: RasterFile | None = Field(
        None, description="PNG or JPEG file, relative to the variants file (raster: every format can embed it)."
    )
    palette: list[HexColour] = Field([], description="Chart series colours, in order; defaults to the house palette.")
    accent: HexColour | None = Field(None, description="Headings and rules; defaults to the house accent.")
    formats: list[Literal["pdf", "pptx", "xlsx", "html"]] = Field([], description="Formats this client gets; default all.")
    language: Literal["en", "es", "pt-BR"] | None = Field(None, description="The client's edition language; default: --lang.")


class VariantsFile(Strict):
    variants: dict[VariantName, VariantSpec]


def read_variants(path: Path) -> dict[str, Variant]:
    """Read and validate a variants file; a missing logo is an error naming the field."""
    parsed = validate(VariantsFile, read_yaml(path), path)
    out: dict[str, Variant] = {}
    problems = []
    for name, spec in parsed.variants.items():
        logo = None
        logo_bytes = b""
        if spec.logo:
            logo = (path.parent / spec.logo).resolve()
            if not logo.is_file():
                problems.append(Problem(display_path(path), f"variants.{name}.logo", f"logo file not found: {display_path(logo)}"))
                continue
            logo_bytes = logo.read_bytes()
        branding = Branding(client=spec.client, logo=logo, palette=tuple(spec.palette), accent=spec.accent or "")
        definition = json.dumps(spec.model_dump(mode="json"), sort_keys=True).encode()
        digest = hashlib.sha256(definition + hashlib.sha256(logo_bytes).digest()).hexdigest()
        out[name] = Variant(name, branding, tuple(spec.formats), spec.language, digest)
    if problems:
        raise ReportError(problems)
    return out
