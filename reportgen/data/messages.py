"""YAML and validation errors in words an analyst understands.

PyYAML and pydantic describe what their parser saw ("found character that cannot start any
token", "Input should be a valid string"); a person needs what to change ("indent with
spaces, not tabs", "expected text, got a mapping (a '{{ }}' placeholder left in?)"). The
models stay the one definition of the format: bounds, names and aliases are read from them,
and a bound's reason from its ``Why``.
"""

from __future__ import annotations

import difflib
import sys
import types
from decimal import Decimal
from typing import Annotated, Any, Union, get_args, get_origin

import yaml
from pydantic import BaseModel

from reportgen.data.schema import ID_MAX, ID_PATTERN, MONTH_PATTERN, TABLE_FILE_PATTERN, Why
from reportgen.errors import SHOWN_LIMIT, shown

PATTERNS = {
    ID_PATTERN: f"use lower-case letters, digits and hyphens, starting with a letter or digit (at most {ID_MAX} characters)",
    MONTH_PATTERN: "use YYYY or YYYY-MM with a month 01-12 and a year from 1900",
    TABLE_FILE_PATTERN: "name a .csv or .xlsx file by its path relative to the report folder, e.g. tables/approvals.csv",
}


def describe_pattern(pattern: str, hint: str) -> str:
    """Say in words what a field's regular expression allows (other input files use this too)."""
    PATTERNS[pattern] = hint
    return pattern


EXPECTED = {
    "string_type": "text",
    "float_type": "a number",
    "float_parsing": "a number",
    "int_type": "a whole number",
    "int_parsing": "a whole number",
    "int_from_float": "a whole number",
    "list_type": "a list",
    "tuple_type": "a list",
    "model_type": "a mapping of fields",
    "model_attributes_type": "a mapping of fields",
    "dict_type": "a mapping",
    "bool_type": "true or false",
}
FLOAT_MAX = sys.float_info.max
# How alike an unknown key and a field must be to suggest the field: 'growth_bassis' and 'form'
# ('from') are, 'sections' and 'edition' (0.67) or 'companies' and 'comparisons' (0.7) are not.
SUGGESTION_CUTOFF = 0.75
BOUNDS = {"greater_than": ("above", "gt"), "greater_than_equal": ("at least", "ge"), "less_than": ("below", "lt"),
          "less_than_equal": ("at most", "le")}


class Refused(yaml.constructor.ConstructorError):
    """A YAML construct the loader refuses on purpose; its message needs no 'invalid YAML' prefix."""


def yaml_message(exc: yaml.YAMLError, text: str) -> tuple[str, str]:
    """``(where, message)`` for a YAML error: 'line 7' and what to change there."""
    mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
    where = f"line {mark.line + 1}" if mark else ""
    if isinstance(exc, yaml.reader.ReaderError):
        return where, f"invalid YAML: the character U+{exc.character:04X} at position {exc.position} is not allowed in a YAML file"
    problem = getattr(exc, "problem", None) or getattr(exc, "context", None) or str(exc)
    if isinstance(exc, Refused):
        return where, problem
    lines = text.splitlines()
    line = lines[mark.line] if mark and mark.line < len(lines) else ""
    if "\t" in line and ("cannot start any token" in problem or "tab" in problem):
        return where, "indent with spaces, not tabs"
    if "mapping values are not allowed" in problem:
        return where, "invalid YAML: ': ' inside unquoted text; put the text in quotes"
    return where, f"invalid YAML: {problem}"


def field_name(loc: tuple[Any, ...]) -> str:
    """Turn a pydantic location tuple into ``market.anchors[1].value``; long keys are cut."""
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            key = str(part) if len(str(part)) <= SHOWN_LIMIT else str(part)[: SHOWN_LIMIT - 3] + "..."
            out += ("." if out else "") + key
    return out or "(top level)"


def validation_message(err: dict[str, Any], model: type[BaseModel], loc: tuple[Any, ...]) -> str:
    """One pydantic error as an instruction: what the field needs and what it got."""
    kind, ctx, value = err["type"], err.get("ctx") or {}, err.get("input")
    if kind == "missing":
        return "required field is missing"
    if kind == "extra_forbidden":
        return _unknown_field(model, loc)
    if kind == "float_type" and isinstance(value, int) and not isinstance(value, bool):  # beyond a float's range
        return _huge(value, _annotation_at(model, loc))
    if kind in EXPECTED:
        return f"expected {EXPECTED[kind]}, got {_described(value, EXPECTED[kind] == 'text')}"
    if kind in BOUNDS:
        word, key = BOUNDS[kind]
        why = _why(_annotation_at(model, loc))
        reason = (why.low if key in ("gt", "ge") else why.high) if why else ""
        return f"must be {word} {ctx[key]:g}, got {_number(value)}" + (f" ({reason})" if reason else "")
    if kind in ("too_short", "string_too_short"):
        return "must not be empty" if isinstance(value, str) else f"needs at least {ctx['min_length']} item(s)"
    if kind in ("too_long", "string_too_long") and isinstance(value, str):
        return f"too long: {len(value)} characters, at most {ctx['max_length']} here"
    if kind == "too_long":
        count = ctx.get("actual_length") or len(value)
        return f"too many entries: {count}, at most {ctx['max_length']} here (docs/data-format.md, Size limits)"
    if kind == "string_pattern_mismatch":
        return f"{PATTERNS.get(ctx['pattern'], err['msg'])}, got {shown(value)}"
    if kind == "finite_number":
        return "must be a finite number (not .inf or .nan)"
    if kind == "literal_error":
        return f"must be {ctx['expected']}, got {shown(value)}"
    return err["msg"].removeprefix("Value error, ")


def _huge(value: int, tp: Any) -> str:
    """An integer no float holds (YAML reads 400 digits as one), said as the field's bound it
    breaks, as a number of ordinary size would be, or else as too large to compute with."""
    why = _why(tp)
    for key in ("le", "lt") if value > 0 else ("ge", "gt"):
        bound = _bound(tp, key)
        if bound is not None:
            word = next(w for w, k in BOUNDS.values() if k == key)
            reason = (why.high if value > 0 else why.low) if why else ""
            return f"must be {word} {bound:g}, got {_number(value)}" + (f" ({reason})" if reason else "")
    return f"the number {_number(value)} is too large to compute with (at most about {FLOAT_MAX:.1e}); check the value"


def _bound(tp: Any, key: str) -> float | None:
    """The bound ``key`` (le, lt, ge, gt) of an annotation's constraints, looking inside ``X | None`` too."""
    if get_origin(tp) is Annotated:
        for meta in tp.__metadata__:
            for item in (meta, *getattr(meta, "metadata", ())):  # a Field(...) holds its constraints in .metadata
                if getattr(item, key, None) is not None:
                    return getattr(item, key)
        return _bound(get_args(tp)[0], key)
    if get_origin(tp) in (Union, types.UnionType):
        return next((b for b in (_bound(a, key) for a in get_args(tp)) if b is not None), None)
    return None


def _described(value: Any, text_wanted: bool) -> str:
    """What the YAML gave, in its reader's words."""
    if isinstance(value, dict):
        return "a mapping (a '{{ }}' placeholder left in?)"
    if isinstance(value, list | tuple):
        return "a list"
    if value is None:
        return "nothing (an empty value)"
    if isinstance(value, bool):
        quote = ": put the text in quotes" if text_wanted else ""
        return f"{str(value).lower()} (YAML reads an unquoted yes, no, on or off as true or false{quote})"
    if isinstance(value, int | float):
        return f"the number {_number(value)}" + (" (put it in quotes to make it text)" if text_wanted else "")
    return f"the text {shown(value)}"


def _number(value: Any) -> str:
    """A number as a message shows it: ``58``, ``1e+26``; an integer too large for a float (YAML
    reads 400 digits as one) in the same notation, rounded."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        return shown(value)
    try:
        return f"{value:g}"
    except OverflowError:
        return f"{Decimal(value):.2e}"


def suggestion(model: type[BaseModel], loc: tuple[Any, ...]) -> str | None:
    """The field allowed at ``loc``'s place that its unknown key most likely misspells."""
    parent = _plain(_annotation_at(model, loc[:-1]))
    known = list(_fields(parent)) if isinstance(parent, type) and issubclass(parent, BaseModel) else []
    close = difflib.get_close_matches(str(loc[-1])[:100], known, n=1, cutoff=SUGGESTION_CUTOFF)
    return close[0] if close else None


def _unknown_field(model: type[BaseModel], loc: tuple[Any, ...]) -> str:
    """'unknown field 'growth_bassis' (did you mean 'growth_basis'?)', from the fields allowed there."""
    close = suggestion(model, loc)
    hint = f"did you mean {close!r}?" if close else "see docs/data-format.md for the fields allowed here"
    return f"unknown field {shown(str(loc[-1]))} ({hint})"


def _fields(model: type[BaseModel]) -> dict[str, Any]:
    """Each field's key as written in YAML (its alias, if it has one) -> its annotation with metadata."""
    return {(f.alias or name): (Annotated[(f.annotation, *f.metadata)] if f.metadata else f.annotation)
            for name, f in model.model_fields.items()}


def _annotation_at(model: type[BaseModel], loc: tuple[Any, ...]) -> Any:
    """The annotation of the value at ``loc`` (None when the location is not in the model)."""
    tp: Any = model
    for part in loc:
        tp = _plain(tp)
        if isinstance(part, str) and isinstance(tp, type) and issubclass(tp, BaseModel):
            tp = _fields(tp).get(part)
        elif isinstance(part, str) and get_origin(tp) is dict:
            tp = get_args(tp)[1]
        elif isinstance(part, int) and get_origin(tp) in (list, tuple):
            args = get_args(tp)
            tp = args[0] if get_origin(tp) is list else (args[part] if part < len(args) else None)
        else:
            return None
    return tp


def _plain(tp: Any) -> Any:
    """The type inside ``Annotated`` and ``X | None``."""
    while True:
        if get_origin(tp) is Annotated:
            tp = get_args(tp)[0]
        elif get_origin(tp) in (Union, types.UnionType):
            rest = [a for a in get_args(tp) if a is not type(None)]
            if len(rest) != 1:
                return tp
            tp = rest[0]
        else:
            return tp


def _why(tp: Any) -> Why | None:
    """The ``Why`` among an annotation's metadata, looking inside ``X | None`` too."""
    if get_origin(tp) is Annotated:
        found = next((m for m in tp.__metadata__ if isinstance(m, Why)), None)
        return found or _why(get_args(tp)[0])
    if get_origin(tp) in (Union, types.UnionType):
        return next((w for w in map(_why, get_args(tp)) if w), None)
    return None
