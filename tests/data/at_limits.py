"""A report at every size limit at once (docs/data-format.md, Size limits), made from nordic-robotics:
what ``check`` must still pass and every format must still build."""

from __future__ import annotations

import shutil
from pathlib import Path

import yaml

from reportgen.data.limits import DIMENSIONS_MAX, SEGMENTS_IN_ALL_MAX, TEXT_MAX
from reportgen.data.schema import COMPARISONS_MAX, ITEMS_MAX, PERIODS_MAX, SOURCES_MAX, STAGES_MAX
from tests.conftest import NORDIC


def _dump(path: Path, data) -> None:
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")


def _words(n: int, seed: int) -> str:
    """About ``n`` characters of prose-like text, different for every seed."""
    words = ["robots", "warehouse", "demand", "labour", "Nordic", "throughput", "automation", "logistics", "growth", "capacity"]
    out, i = [], seed
    while sum(map(len, out)) + len(out) < n:
        out.append(words[i % len(words)] + ("." if i % 11 == 0 else ""))
        i = i * 7 + 3
    return " ".join(out)[:n].strip() or "text"


def write_report_at_the_limits(folder: Path) -> None:
    """nordic-robotics copied to ``folder`` and grown to every limit: 20 dimension files of 25
    segments (500 in all), 200 sources, 10 comparison markets and CAGR periods, 100 entries in
    every other list (20 value-chain stages of 20 organisations) and about 185,000 of the
    200,000 characters of text an edition may show."""
    shutil.copytree(NORDIC, folder)
    report = yaml.safe_load((folder / "report.yaml").read_text(encoding="utf-8"))
    report.update(
        sources=[f"Example survey {i}" for i in range(SOURCES_MAX)],
        key_players=[f"Company {i}" for i in range(ITEMS_MAX)],
        keywords=[f"keyword {i}" for i in range(ITEMS_MAX)],
        team=[{"name": f"Analyst {i}", "role": "Author"} for i in range(ITEMS_MAX)],
        cagr_periods=[[2017 + i, 2030] for i in range(PERIODS_MAX)],
        comparisons=[{"id": f"comparison-{i}", **report["market"], "name": f"Comparison market {i}"} for i in range(COMPARISONS_MAX)],
    )
    _dump(folder / "report.yaml", report)
    for old in (folder / "dimensions").iterdir():
        old.unlink()
    per_dimension = SEGMENTS_IN_ALL_MAX // DIMENSIONS_MAX
    for d in range(DIMENSIONS_MAX):
        segments = [{"name": f"Segment {d}-{i}", "share": 100 / per_dimension, "growth": 5 + (i * 7 + d) % 11}
                    for i in range(per_dimension)]
        _dump(folder / "dimensions" / f"d{d:02}.yaml", {"id": f"dim-{d}", "title": f"Dimension {d}", "order": d,
                                                        "estimate": "Made-up shares.", "growth_basis": "Made-up growth rates.",
                                                        "segments": segments})
    # content: every list full, the text budget (less what report.yaml and the dimensions hold) spread over it
    n = ITEMS_MAX
    lists = {"outlook": n, "regional": n, "initiatives": n, "vendors": n, "investors": n, "startups": n, "developments": n, "faq": n}
    budget = (TEXT_MAX - 60_000) // (sum(lists.values()) + STAGES_MAX * STAGES_MAX)
    content = {
        "definition": {"title": "Definition", "paragraphs": [_words(60, i) for i in range(n)]},
        "technology": {"title": "Technology", "paragraphs": [_words(60, i) for i in range(n)]},
        "outlook": [{"title": f"Theme {i}", "text": _words(budget, i)} for i in range(n)],
        "regional": [{"title": f"Region {i}", "text": _words(budget, i)} for i in range(n)],
        "initiatives": [{"country": "Sweden", "when": "2024", "title": f"Initiative {i}", "detail": _words(budget, i)} for i in range(n)],
        "value_chain": [{"stage": f"Stage {s}", "activities": _words(40, s),
                         "organisations": [{"country": "Norway", "names": f"Org {s}-{o}", "role": _words(budget, o)}
                                           for o in range(STAGES_MAX)]} for s in range(STAGES_MAX)],
        "vendors": [{"name": f"Vendor {i}", "focus": "Robots", "offerings": _words(budget, i)} for i in range(n)],
        "investors": [{"name": f"Investor {i}", "text": _words(budget, i)} for i in range(n)],
        "startups": [{"name": f"Start-up {i}", "text": _words(budget, i)} for i in range(n)],
        "developments": [{"date": f"{2015 + i % 10}-{1 + i % 12:02}", "company": f"Company {i}", "text": _words(budget, i)}
                         for i in range(n)],
        "faq": [{"question": f"Question {i}?", "answer": _words(budget, i)} for i in range(n)],
    }
    _dump(folder / "content.yaml", content)
