"""The JSON Schema of each kind of file reportgen reads: one schema a file, as editors take them.

An editor's YAML plugin (yaml-language-server, behind VS Code's and most others' YAML support)
validates and completes a file against one schema, chosen by a modeline in the file or a glob in
its settings, so each kind of file has its own. Each is generated from the model the loader
validates with, so the schemas cannot drift from the format; ``docs/schemas/<kind>.json`` are
their committed copies (a test keeps them current) and ``reportgen schema KIND`` prints one.

Adding a kind is one line in ``KINDS``. Its model is named as ``module:attribute`` and imported
only when its schema is asked for, so that a kind defined above the data layer (the variants
file, in ``build``) is no import of it. The attribute is a pydantic model, any type pydantic
validates, or a function returning one (a shape that depends on the languages offered).
"""

from __future__ import annotations

import importlib
import inspect
import json
from dataclasses import dataclass
from typing import Any

# yaml-language-server implements draft-07 (it inherits VS Code's JSON language service; a 2020-12
# schema gets a warning and its tuples go unchecked), so the schemas are written in draft-07.
DIALECT = "http://json-schema.org/draft-07/schema#"
DEFINITIONS = "definitions"


@dataclass(frozen=True)
class Kind:
    name: str  # `reportgen schema NAME`, docs/schemas/NAME.json
    files: str  # the files of this kind, as docs/data-format.md names them
    model: str  # "module:attribute" of the type the loader validates these files with


KINDS = (
    Kind("report", "report.yaml", "reportgen.data.schema:ReportFile"),
    Kind("dimension", "dimensions/*.yaml", "reportgen.data.schema:dimension_file"),
    Kind("content", "content.yaml", "reportgen.data.schema:ContentFile"),
    Kind("section", "sections/*.yaml", "reportgen.data.section_schema:SectionFile"),
    Kind("translation", "translations/<lang>.yaml", "reportgen.data.schema:translations_file"),
    Kind("variants", "variants.yaml", "reportgen.builder.variants_file:VariantsFile"),
)
BY_NAME = {kind.name: kind for kind in KINDS}


def json_schema(kind: Kind) -> dict[str, Any]:
    """The JSON Schema of one kind of file, from its model, with keys as the YAML writes them."""
    from pydantic import TypeAdapter

    module, attribute = kind.model.split(":")
    target = getattr(importlib.import_module(module), attribute)
    shape = target() if inspect.isfunction(target) else target
    schema = _draft7(TypeAdapter(shape).json_schema(by_alias=True, ref_template=f"#/{DEFINITIONS}/{{model}}"))
    schema.setdefault("title", kind.files)
    return {"$schema": DIALECT, **schema}


def _draft7(node: Any) -> Any:
    """Pydantic's draft 2020-12 output in draft-07's words: ``$defs`` are ``definitions``, a tuple's
    ``prefixItems`` an ``items`` array, and a ``$ref`` with a description beside it (which draft-07
    ignores, so an editor would show no help for the field) an ``allOf`` of the reference."""
    if isinstance(node, list):
        return [_draft7(item) for item in node]
    if not isinstance(node, dict):
        return node
    renamed = {"$defs": DEFINITIONS, "prefixItems": "items"}
    out = {renamed.get(key, key): _draft7(value) if key not in ("properties", "$defs") else
           {name: _draft7(sub) for name, sub in value.items()} for key, value in node.items()}
    if "$ref" in out and len(out) > 1:
        out = {"allOf": [{"$ref": out.pop("$ref")}], **out}
    return out


def text(kind: Kind) -> str:
    """The schema as committed and printed: sorted keys, two-space indents, a final newline."""
    return json.dumps(json_schema(kind), indent=2, sort_keys=True, ensure_ascii=False) + "\n"
