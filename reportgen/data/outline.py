"""The order of a report's sections, by id: built-in ones, the report's own, and ``outline:``.

Every section of the deliverables has an id. The built-in ones are those the model makes
(``BUILT_IN``, in their default order), with ``dimensions`` standing for one chapter per
dimension (``dim-<id>``, in the dimensions' order; the geography dimension is ``regional``).
The report's own sections (``sections/*.yaml``) go where ``after:`` or ``before:`` puts them,
or before the methodology. An ``outline:`` in report.yaml replaces all of that: the sections
it lists, in its order, and no other. The model follows ``section_order``; ``check`` reports what
``problems`` finds; ``reportgen show --outline`` prints the order. The model leaves out a section
its data has no content for, whatever the order says.
"""

from __future__ import annotations

from difflib import get_close_matches
from typing import TYPE_CHECKING

from reportgen.data.folders import display_path
from reportgen.errors import Problem, shown

if TYPE_CHECKING:
    from reportgen.data.load import ReportSource
    from reportgen.data.section_schema import SectionFile

DIMENSIONS = "dimensions"
BUILT_IN = ("takeaways", "summary", "changes", "overview", "outlook", "technology", "initiatives", DIMENSIONS, "regional",
            "comparison", "value-chain", "vendors", "companies", "developments", "segments-covered", "methodology", "faq",
            "appendix")
DEFAULT_PLACE = "methodology"  # a section of the report's own that says nothing of its place goes before it
SUBSECTIONS = ("investors", "startups")  # ids of built-in subsections, which a section's id must not take


def regional_id(source: ReportSource) -> str | None:
    """The id of the dimension whose chapter is 'regional': the first of kind geography (any other
    geography dimension has a chapter of its own, like a segment dimension)."""
    return next((d.id for _, d in source.dimensions if d.kind == "geography"), None)


def dimension_ids(source: ReportSource) -> list[str]:
    """``dim-<id>`` of each dimension chapter, in the dimensions' order (the regional one is 'regional')."""
    regional = regional_id(source)
    return [f"dim-{d.id}" for _, d in source.dimensions if d.id != regional]


def known_ids(source: ReportSource) -> list[str]:
    """Every id an outline, ``after:`` or ``before:`` may name."""
    return [*BUILT_IN, *dimension_ids(source), *(f.id for _, f in _sections(source))]


def _sections(source: ReportSource) -> list[tuple[str, SectionFile]]:
    return [(display_path(s.path), s.file) for s in source.sections]


def section_order(source: ReportSource) -> list[str]:
    """Every section id in reading order (the model drops those without content)."""
    dims = dimension_ids(source)
    outline = source.report.outline
    if outline is not None:
        return [i for entry in outline for i in (dims if entry == DIMENSIONS else [entry])]
    order = [i for entry in BUILT_IN for i in ((dims or [DIMENSIONS]) if entry == DIMENSIONS else [entry])]
    last_after: dict[str, str] = {}  # sections placed after one id follow each other in file order
    pending = [f for _, f in _sections(source)]
    while pending:
        placed = [f for f in pending if _place(order, f, dims, last_after)]
        if not placed:
            break  # they refer to each other in a loop: ``problems`` says so, and they are left out
        pending = [f for f in pending if f not in placed]
    return [i for i in order if i != DIMENSIONS]


def _span(order: list[str], anchor: str, dims: list[str]) -> tuple[int, int] | None:
    """First and last index of ``anchor`` in ``order`` ('dimensions': every dimension chapter)."""
    if anchor == DIMENSIONS:
        at = [i for i, x in enumerate(order) if x in dims or x == DIMENSIONS]
        return (at[0], at[-1]) if at else None
    return (order.index(anchor),) * 2 if anchor in order else None


def _place(order: list[str], section: SectionFile, dims: list[str], last_after: dict[str, str]) -> bool:
    """Insert ``section`` where it asks to be; False when its anchor is not placed yet."""
    anchor = section.after or section.before or DEFAULT_PLACE
    span = _span(order, anchor, dims)
    if span is None:
        return False
    if section.after:
        previous = last_after.get(anchor)
        at = (order.index(previous) if previous in order else span[1]) + 1
        last_after[anchor] = section.id
    else:
        at = span[0]
    order.insert(at, section.id)
    return True


def _unknown(name: str, known: list[str], what: str) -> str:
    close = get_close_matches(name, known, n=1, cutoff=0.6)
    hint = f"did you mean {close[0]!r}?" if close else "`reportgen show REPORT --outline` lists the ids"
    return f"unknown {what} {shown(name)} ({hint})"


def problems(source: ReportSource) -> list[Problem]:
    """Errors in the outline and in the sections' ids and places; a warning for a section of the
    report's own that an outline leaves out."""
    out: list[Problem] = []
    dims = dimension_ids(source)
    geography = {f"dim-{regional}"} if (regional := regional_id(source)) is not None else set()
    dim_prefixes = tuple(f"{d.id}-" for _, d in source.dimensions)
    taken = {*BUILT_IN, *dims, *SUBSECTIONS}
    seen: dict[str, str] = {}
    for path, f in _sections(source):
        if f.id in taken or f.id.startswith(("value-chain-", *dim_prefixes)) or f.id in geography:
            out.append(Problem(path, "id", f"{shown(f.id)} is the id of a built-in section or part of one; choose another"))
        elif f.id in seen:
            out.append(Problem(path, "id", f"duplicate section id {shown(f.id)} (also in {seen[f.id]})"))
        seen.setdefault(f.id, path)
    known = known_ids(source)
    for path, f in _sections(source):
        for key in ("after", "before"):
            name = getattr(f, key)
            if name is None:
                continue
            if name == f.id:
                out.append(Problem(path, key, "a section cannot be placed relative to itself"))
            elif name not in known:
                out.append(Problem(path, key, _geography(name) if name in geography else _unknown(name, known, "section")))
    report = display_path(source.report_path)
    outline = source.report.outline
    if outline is None:
        if not out:
            order = section_order(source)
            out += [Problem(path, "after" if f.after else "before", "the sections' after/before form a loop: none of them can "
                            "be placed") for path, f in _sections(source) if f.id not in order]
        return out
    listed: dict[str, int] = {}
    for i, entry in enumerate(outline):
        expanded = dims if entry == DIMENSIONS else [entry]
        if entry in geography:
            out.append(Problem(report, f"outline[{i}]", _geography(entry)))
        elif entry not in known:
            out.append(Problem(report, f"outline[{i}]", _unknown(entry, known, "section")))
        for x in expanded:
            if x in listed:
                also = f" ('{DIMENSIONS}' includes it)" if x != entry or outline[listed[x]] == DIMENSIONS else ""
                out.append(Problem(report, f"outline[{i}]", f"{shown(x)} is listed twice{also}"))
            listed.setdefault(x, i)
    out += [Problem(path, "id", f"report.yaml's outline does not list {shown(f.id)}, so no deliverable shows this section; add it "
                    "to the outline", severity="warning") for path, f in _sections(source) if f.id not in listed]
    return out


def _geography(name: str) -> str:
    return f"{shown(name)} is the geography dimension, whose chapter is the section 'regional'"
