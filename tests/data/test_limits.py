"""Size limits: a report at every limit passes ``check``; one entry, segment, file or character
past any of them is one line naming the file and the field (docs/data-format.md, Size limits).

Without them a report ``check`` passed could not be built: 400,000 sources, content lists of
2,000 entries (over 5 minutes and 2 GB), 200 dimension files (52 s, 1.3 GB for the PDF alone).
``make fuzz`` builds the report at the limits in every format (tests/builder/test_limits_build.py).
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from reportgen.data import analyse
from reportgen.data.limits import DIMENSIONS_MAX, SEGMENTS_IN_ALL_MAX, TEXT_MAX
from reportgen.data.schema import ITEMS_MAX, SOURCES_MAX, STAGES_MAX
from tests.conftest import NORDIC
from tests.data.at_limits import write_report_at_the_limits
from tests.data.test_validation import REPORT, check, edit_yaml, refused


@pytest.fixture()
def limits(tmp_path: Path) -> Path:
    folder = tmp_path / "nordic-robotics"
    write_report_at_the_limits(folder)
    return folder


def test_a_report_at_every_limit_passes_check(limits):
    result = check(limits)
    assert result.exit_code == 0 and "nordic-robotics: ok (0 warning(s))" in result.output, result.output
    computed = analyse(limits).computed
    assert len(computed.dimensions) == DIMENSIONS_MAX and sum(len(d.segments) for d in computed.dimensions) == SEGMENTS_IN_ALL_MAX


@pytest.mark.parametrize(("file", "field", "grow", "most"), [
    (REPORT, "sources", lambda r: r["sources"].append("One source too many"), SOURCES_MAX),
    (REPORT, "team", lambda r: r["team"].append({"name": "One more"}), ITEMS_MAX),
    ("content.yaml", "faq", lambda c: c["faq"].append({"question": "Q?", "answer": "A."}), ITEMS_MAX),
    ("content.yaml", "value_chain[0].organisations",
     lambda c: c["value_chain"][0]["organisations"].append({"country": "Norway", "names": "Org", "role": "One more"}), STAGES_MAX),
    ("content.yaml", "definition.paragraphs", lambda c: c["definition"]["paragraphs"].append("One more."), ITEMS_MAX),
], ids=["sources", "team", "faq", "organisations", "paragraphs"])
def test_one_entry_past_a_list_limit_is_refused(limits, file, field, grow, most):
    edit_yaml(limits / file, grow)
    refused(limits, file, field, f"too many entries: {most + 1}, at most {most} here (docs/data-format.md, Size limits)")


def test_400000_sources_are_refused_before_they_are_parsed(report_copy):
    folder = report_copy(NORDIC)
    with (folder / REPORT).open("a", encoding="utf-8") as f:
        f.write("sources:\n" + "".join(f"  - Source number {i} of a list pasted by mistake\n" for i in range(400_000)))
    refused(folder, REPORT, "", "MB, above the 2 MB a report file may hold")


def test_content_lists_of_2000_entries_are_refused(report_copy):
    folder = report_copy(NORDIC)
    (folder / "content.yaml").write_text(yaml.safe_dump({"faq": [{"question": f"Q{i}?", "answer": "A."} for i in range(2000)]}))
    refused(folder, "content.yaml", "faq", "too many entries: 2000, at most 100 here")


def test_one_dimension_file_past_the_limit_is_refused(report_copy):
    folder = report_copy(NORDIC)
    source = yaml.safe_load((folder / "dimensions/c-buyer.yaml").read_text())
    for i in range(DIMENSIONS_MAX + 1 - 3):
        (folder / f"dimensions/x{i:02}.yaml").write_text(yaml.safe_dump({**source, "id": f"extra-{i}"}))
    refused(folder, "dimensions", "", f"{DIMENSIONS_MAX + 1} dimension files, above the {DIMENSIONS_MAX} a report may have")


def test_segments_past_the_limit_in_all_are_refused_naming_the_largest_dimension(report_copy):
    folder = report_copy(NORDIC)
    (folder / "dimensions/d-extra.yaml").write_text(yaml.safe_dump({**yaml.safe_load((folder / "dimensions/c-buyer.yaml").read_text()),
                                                                    "id": "extra"}))
    for name, count in (("b-country", 200), ("c-buyer", 199), ("d-extra", 95)):  # and a-type's 7: 501
        edit_yaml(folder / f"dimensions/{name}.yaml", lambda d, n=count: (d.pop("claims", None), d.update(
            segments=[{"name": f"Segment {i}", "share": 100 / n, "growth": 5} for i in range(n)])))
    refused(folder, "dimensions/b-country.yaml", "segments", f"the dimensions have {SEGMENTS_IN_ALL_MAX + 1} segments in all (200 here), "
                                                               f"above the {SEGMENTS_IN_ALL_MAX} a report may have")


def test_text_past_the_limit_names_the_file_holding_most_of_it(limits):
    edit_yaml(limits / "content.yaml", lambda c: [qa.update(answer="A long answer. " * 300) for qa in c["faq"][:5]])
    line = refused(limits, "content.yaml", "", "the report's texts add up to", f"above the {TEXT_MAX:,} an edition may show")
    assert "in this file" in line


def test_translations_past_the_limit_are_refused_for_their_edition(report_copy):
    folder = report_copy(NORDIC)
    texts = ["Nordic warehouse robotics market", "Robot type", "Mobile robots", "Robotic arms", "Shuttle systems", "Country",
             "Buyer", "Made-up shares.", "Made-up growth rates.", "Sweden", "Denmark", "Norway", "Finland", "Iceland",
             "Manufacturing", "Third-party logistics", "Autonomous mobile robots", "Automated guided vehicles", "Swarm AMRs",
             "Single AMRs", "Robots installed"]
    (folder / "translations").mkdir()
    entries = [{"en": t, "es": "Traducción muy larga. " * 450} for t in texts]  # 21 texts of 9,900 characters
    (folder / "translations/es.yaml").write_text(yaml.safe_dump(entries, allow_unicode=True), encoding="utf-8")
    refused(folder, "translations/es.yaml", "", "the es edition's texts add up to", f"above the {TEXT_MAX:,}")
