"""Prose in the model: CommonMark parsed once into paragraphs, lists and styled spans, by rules
that every format then draws alike; names, titles and generated sentences are never parsed."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml

from reportgen.data import analyse
from reportgen.model import build_report
from reportgen.model.elements import LINE_BREAK, Inline, Item, ItemList, Paragraph, Span, Table
from reportgen.model.prose import inline, item, parse, plain, with_addresses
from tests.conftest import NORDIC


def spans(text: str) -> tuple[Span, ...]:
    [paragraph] = parse(text)
    return paragraph.text.spans


def test_emphasis_strong_code_and_links_become_flags_on_spans():
    assert spans("a **b** *c* `d` [e](https://x.org/e)") == (
        Span("a "), Span("b", bold=True), Span(" "), Span("c", italic=True), Span(" "), Span("d", code=True), Span(" "),
        Span("e", link="https://x.org/e"),
    )
    assert spans("**bold [link *both*](mailto:a@x.org)**") == (
        Span("bold ", bold=True), Span("link ", bold=True, link="mailto:a@x.org"),
        Span("both", bold=True, italic=True, link="mailto:a@x.org"),
    )


def test_a_single_newline_is_a_space_and_a_hard_break_is_two_spaces_or_a_backslash():
    assert spans("soft\nbreak") == (Span("soft break"),)
    assert spans("two spaces  \nthen\\\nbackslash") == (Span(f"two spaces{LINE_BREAK}then{LINE_BREAK}backslash"),)
    assert [p.text.plain for p in parse("one\n\ntwo")] == ["one", "two"]  # a blank line starts a paragraph


def test_bullet_and_numbered_lists_keep_their_start_and_nesting():
    bullets, numbers = parse("- a\n- b\n\n3. c\n4. d\n   - e\n\n   more")
    assert bullets == ItemList((Item("a"), Item("b")))
    assert (numbers.numbered, numbers.start, [i.text.plain for i in numbers.items]) == (True, 3, ["c", "d"])
    assert numbers.items[1].blocks == (ItemList((Item("e"),)), Paragraph("more"))


@pytest.mark.parametrize("text", ["<b>bold</b> and <script>alert(1)</script>", "# not a heading", "> not a quote",
                                  "---", "    not code", "&lt;b&gt; stays text"])
def test_raw_html_and_what_is_switched_off_stay_the_characters_written(text):
    shown = "<b> stays text" if text.startswith("&") else text.strip()  # entities are CommonMark's: decoded
    assert parse(text) == (Paragraph(shown),)


def test_prose_in_one_cell_keeps_its_styles_on_lines():
    assert inline("**A** first\n\n- b\n2. c") == Inline((Span("A", bold=True), Span(f" first{LINE_BREAK}\u2022 b{LINE_BREAK}2. c")))


def test_a_sentence_quoting_prose_gets_plain_text_with_each_link_address():
    text = "See [the **regulator**](https://reg.example/a) or <https://x.org>, write to [us](mailto:a@x.org).  \nThen *go*."
    assert plain(text) == "See the regulator (https://reg.example/a) or https://x.org, write to us (a@x.org). Then go."
    assert plain(text, addresses=False) == "See the regulator or https://x.org, write to us. Then go."
    assert with_addresses(inline("[x](https://x.org)")).spans == (Span("x", link="https://x.org"), Span(" (https://x.org)"))


def test_a_list_entry_made_of_prose_leads_with_its_first_paragraph():
    entry = item("**Why**: demand.\n\n- one", "Demand", " (Chile)")
    assert entry.title == "Demand" and entry.text == Inline((Span("Why", bold=True), Span(": demand. (Chile)")))
    assert entry.blocks == (ItemList((Item("one"),)),)


def test_a_link_the_data_layer_would_refuse_never_reaches_the_model():
    assert spans("[x](javascript:alert(1)) [y](page.html)") == (Span("x y"),)


def test_generated_sentences_are_never_parsed():
    assert Paragraph("Growth of *5* %: <b>").text == Inline((Span("Growth of *5* %: <b>"),))


@pytest.fixture(scope="module")
def marked_up(tmp_path_factory) -> Path:
    """The test market with Markdown characters in names and titles, and Markdown in its prose."""
    folder = tmp_path_factory.mktemp("prose") / "nordic-robotics"
    shutil.copytree(NORDIC, folder)
    path = folder / "dimensions" / "c-buyer.yaml"
    path.write_text(path.read_text().replace("name: Manufacturing", "name: 'Manufacturing *and* [tools](https://x.org)'"))
    content = {"technology": {"title": "Robots **today**", "paragraphs": ["Prices **fell**:\n\n1. first\n2. second"]},
               "vendors": [{"name": "Acme_Robotics_", "focus": "*Mobile*", "offerings": "AMRs", "note": "[Site](https://acme.example)"}]}
    (folder / "content.yaml").write_text(yaml.safe_dump(content))
    return folder


def test_names_and_titles_stay_plain_text_and_prose_is_parsed(marked_up: Path):
    report = build_report(analyse(marked_up))
    technology = report.section("technology")
    assert technology.title == "Robots **today**"
    assert technology.blocks == (Paragraph(Inline((Span("Prices "), Span("fell", bold=True), Span(":")))),
                                 ItemList((Item("first"), Item("second")), numbered=True))
    [vendors] = report.section("vendors").find(Table)
    name, _, focus, _, note = vendors.rows[0].cells
    assert name == "Acme_Robotics_" and focus == Inline((Span("Mobile", italic=True),))
    assert note == Inline((Span("Site", link="https://acme.example"),))
    [buyers] = [t for t in report.section("dim-buyer").find(Table) if t.id == "buyer-revenue"]
    assert "Manufacturing *and* [tools](https://x.org)" in [row.cells[0] for row in buyers.rows]


def test_the_documented_example_reads_as_the_docs_say():
    docs = (Path(__file__).resolve().parents[2] / "docs" / "data-format.md").read_text()
    section = docs[docs.index("## Markdown in prose"):]
    example = yaml.safe_load(section[section.index("```yaml") + 7:section.index("```", section.index("```yaml") + 7)])
    first, lists = (parse(p) for p in example["technology"]["paragraphs"])
    [text] = first
    assert Span("fell by a third", bold=True) in text.text.spans and Span("automated", italic=True) in text.text.spans
    assert Span("regulator", link="https://example.org/devices") in text.text.spans
    assert f"Three routes remain:{LINE_BREAK}licensing" in text.text.plain and "since 2022 (" in text.text.plain
    assert [(b.numbered, len(b.items)) for b in lists] == [(False, 2), (True, 2)]
    assert parse("2024\\. A record year") == (Paragraph("2024. A record year"),)
    assert parse("5\\*3 and \\*draft\\*") == (Paragraph("5*3 and *draft*"),)
