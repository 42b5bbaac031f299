"""What changed between two editions of a report: the inputs, the results, the ranks.

``diff_editions(old, new)`` compares two computed editions (``ComputedReport``, or the
``Analysis`` that holds one) and returns an ``EditionDiff``. It is pure: it reads no file and
renders nothing, so the CLI (``reportgen diff``) and the deliverables' "changes since the
previous edition" section state the same facts, each in its own words and language.

- **Inputs** (``InputChange``): every field of ``report.yaml``, ``dimensions/*.yaml``,
  ``content.yaml``, ``sections/*.yaml`` and ``translations/*.yaml`` that was added, removed or changed, and
  every cell of the report's own tables (from their files too), located as
  ``Problem`` does (``dimensions/07-country.yaml: segments[1].share``). List entries are matched
  by what identifies them (an anchor by its year, a comparison by its id, a segment by its name,
  a vendor by its name...), then by position, so an edited entry is one change, not a removal
  and an addition. A segment removed and another added in the same dimension are one rename
  when they have the same parent and either stand at the same position among its sub-segments
  or have the same share and growth (``segment_pairs``).
- **Results** (``ValueChange``): every number the deliverables show, in the years and CAGR
  periods both editions have: the market total, its volume and price, every comparison market,
  every segment's value, share of its parent and volume by year, and every CAGR of
  ``ComputedReport.periods``. Money is compared in the new edition's unit.
- **Ranks** (``RankChange``): a new leader (base year and last year) or a new fastest grower
  (base year to last year) among a dimension's top-level segments or a parent's sub-segments.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from reportgen.data.changes.facts import (
    ADDED,
    CAGR,
    CHANGED,
    COMPARISON,
    FASTEST,
    GROUP_CONTENT,
    GROUP_DIMENSION,
    GROUP_MARKET,
    GROUP_SECTIONS,
    GROUP_TRANSLATIONS,
    LEADER,
    MARKET,
    PRICE,
    REMOVED,
    RENAMED,
    SEGMENT,
    SHARE,
    TOPICS,
    VALUE,
    VOLUME,
    DimensionRef,
    Edition,
    EditionDiff,
    Group,
    InputChange,
    RankChange,
    ValueChange,
)
from reportgen.data.changes.inputs import (
    content_inputs,
    dimension_file,
    dimension_inputs,
    dimension_pairs,
    dimension_summary,
    rel,
    report_inputs,
    section_inputs,
    segment_pairs,
    translation_inputs,
)
from reportgen.data.changes.results import market_results, rank_changes, segment_results
from reportgen.data.compute import ComputedReport

if TYPE_CHECKING:
    from reportgen.data import Analysis


# The comparison


def diff_editions(old: Analysis | ComputedReport, new: Analysis | ComputedReport, old_ref: str = "", new_ref: str = "") -> EditionDiff:
    """Compare two editions (``ComputedReport`` or ``Analysis``); nothing is read or rendered."""
    a: ComputedReport = getattr(old, "computed", old)
    b: ComputedReport = getattr(new, "computed", new)
    inputs = report_inputs(a, b)
    dims = dimension_pairs(a, b)
    results = market_results(a, b)
    ranks: list[RankChange] = []
    refs: list[DimensionRef] = []
    for old_dim, new_dim in dims:
        if new_dim is None:
            assert old_dim is not None
            file = rel(a, old_dim.path)
            refs.append(DimensionRef(old_dim.id, old_dim.title, file, REMOVED))
            inputs.append(InputChange(file, "", REMOVED, "dimension", dimension_summary(old_dim), None, old_dim.id))
            continue
        file = rel(b, new_dim.path)
        if old_dim is None:
            refs.append(DimensionRef(new_dim.id, new_dim.title, file, ADDED))
            inputs.append(InputChange(file, "", ADDED, "dimension", None, dimension_summary(new_dim), new_dim.id))
            continue
        refs.append(DimensionRef(new_dim.id, new_dim.title, file, "kept"))
        pairs, renames = segment_pairs(dimension_file(a, old_dim), dimension_file(b, new_dim))
        inputs += dimension_inputs(a, b, old_dim, new_dim, pairs, renames)
        results += segment_results(a, b, old_dim, new_dim, pairs)
        ranks += rank_changes(a, b, old_dim, new_dim, renames)
    inputs += content_inputs(a, b) + section_inputs(a, b) + translation_inputs(a, b)
    return EditionDiff(Edition.of(a, old_ref), Edition.of(b, new_ref), tuple(inputs), tuple(results), tuple(ranks), tuple(refs))


__all__ = [
    "ADDED",
    "CAGR",
    "CHANGED",
    "COMPARISON",
    "FASTEST",
    "GROUP_CONTENT",
    "GROUP_DIMENSION",
    "GROUP_MARKET",
    "GROUP_SECTIONS",
    "GROUP_TRANSLATIONS",
    "LEADER",
    "MARKET",
    "PRICE",
    "REMOVED",
    "RENAMED",
    "SEGMENT",
    "SHARE",
    "TOPICS",
    "VALUE",
    "VOLUME",
    "DimensionRef",
    "Edition",
    "EditionDiff",
    "Group",
    "InputChange",
    "RankChange",
    "ValueChange",
    "diff_editions",
]
