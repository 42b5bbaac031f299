"""The 'Changes since the previous edition' section: sentences, typed tables and the inputs summary.

Two editions of the made-up market (tests/data/editions.py): the new one names the old as its
``previous:`` and moves the 2026 anchor, renames a segment (and moves its share), removes a
dimension and makes Denmark the leader. Expected figures are read from the two editions as the
data layer computes them, never written down.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from reportgen.data import Analysis, analyse
from reportgen.model import build_report
from reportgen.model.elements import ItemList, Paragraph, Report, Section, SectionKind, Table
from tests.data.editions import COUNTRY, edit, edition, set_shares, with_previous


@pytest.fixture(scope="module")
def editions(tmp_path_factory) -> tuple[Analysis, Analysis]:
    old, new = with_previous(tmp_path_factory.mktemp("editions"))
    return analyse(old), analyse(new)


@pytest.fixture(scope="module")
def report(editions) -> Report:
    return build_report(editions[1])


@pytest.fixture(scope="module")
def spanish(editions) -> Report:
    return build_report(editions[1], lang="es")


def changes(report: Report) -> Section:
    return report.section("changes")


def sentences(section: Section) -> list[str]:
    return [i.text.plain for b in section.find(ItemList) for i in b.items if not i.title]


def summary(section: Section) -> dict[str, str]:
    return {i.title or "": i.text.plain for b in section.find(ItemList) for i in b.items if i.title or "other" in i.text.plain}


def table(section: Section, table_id: str) -> Table:
    return next(t for t in section.find(Table) if t.id == table_id)


def column(t: Table, key: str) -> list:
    index = [c.key for c in t.columns].index(key)
    return [r.cells[index] for r in t.rows]


def test_no_previous_edition_no_section(nordic_report: Report, nordic_analysis: Analysis):
    assert nordic_analysis.previous is None
    assert all(s.kind != SectionKind.CHANGES for s in nordic_report.sections)


def test_the_section_follows_the_summary(report: Report):
    ids = [s.id for s in report.sections]
    assert ids.index("changes") == ids.index("summary") + 1
    assert changes(report).title == "Changes since the previous edition"


def test_headline_sentences_state_both_editions_values(report: Report, editions):
    old, new = (a.computed for a in editions)
    fmt, end = report.fmt, new.forecast_period[1]
    rise = (new.total[end] - old.total[end]) / old.total[end]
    said = sentences(changes(report))
    assert said[0] == (f"The market's {end} value is {fmt.money(new.total[end])}, up from {fmt.money(old.total[end])} in the "
                       f"edition of March 15, 2023 (+{fmt.percent(rise)}).")
    base = new.base_year
    old_cagr, new_cagr = old.total.cagr(base, end), new.total.cagr(base, end)
    assert said[1].startswith(f"The market's CAGR over {base}-{end} is {fmt.cagr(new_cagr)}, up from {fmt.cagr(old_cagr)}")
    assert said[1].endswith(f"(+{fmt.number((new_cagr - old_cagr) * 100, 2)} pp).")
    denmark, sweden = new.dimensions[1].segment("Denmark"), old.dimensions[1].segment("Sweden")
    assert (f"Largest country in {base}: Denmark, with {fmt.percent(denmark.share_in(base))} (previously Sweden, with "
            f"{fmt.percent(sweden.share_in(base))}).") in said
    assert f"Largest country in {end}: Denmark" in " ".join(said)
    headline = f"{end} market size: {fmt.money(new.total[end])}, +{fmt.percent(rise)} on the edition of March 15, 2023"
    assert changes(report).headline == headline


def test_tables_hold_raw_numbers_with_value_types(report: Report, editions):
    old, new = (a.computed for a in editions)
    end = new.forecast_period[1]
    section = changes(report)
    market = table(section, "changes-market")
    assert [c.type for c in market.columns] == ["text", "money", "money", "percent", "cagr", "cagr"]
    assert market.rows[0].cells[1:3] == pytest.approx((old.total[end], new.total[end]))
    assert market.rows[0].cells[3] == pytest.approx(new.total[end] / old.total[end] - 1)
    country = table(section, "changes-country")
    assert column(country, "name") == ["Sweden", "Denmark", "Norway", "Finland", "Iceland"]
    sweden = new.dimensions[1].segment("Sweden")
    assert column(country, "share-current")[0] == pytest.approx(sweden.share_in(end))
    assert column(country, "share-previous")[0] == pytest.approx(old.dimensions[1].segment("Sweden").share_in(end))
    assert all(isinstance(v, float) for r in country.rows for v in r.cells[1:])


def test_a_renamed_segment_is_compared_under_its_new_name(report: Report, editions):
    old, new = (a.computed for a in editions)
    end = new.forecast_period[1]
    robots = table(changes(report), "changes-robot-type")
    assert column(robots, "name")[0] == "Industrial arms (previously Robotic arms)"
    assert column(robots, "previous")[0] == pytest.approx(old.dimensions[0].segment("Robotic arms").revenue[end])
    assert column(robots, "current")[0] == pytest.approx(new.dimensions[0].segment("Industrial arms").revenue[end])


def test_segments_that_kept_their_share_are_not_listed(report: Report):
    """The anchor moved every segment by the market's rate: only share moves make a segment news."""
    robots = column(table(changes(report), "changes-robot-type"), "name")
    assert "Mobile robots" not in robots and "Autonomous mobile robots" not in robots


def test_changed_inputs_are_summarised(report: Report):
    items = summary(changes(report))
    assert items["4 inputs changed"] == "market size for 2026; shares by robot type: Industrial arms; shares by country: Sweden, Denmark"
    assert items["1 segment renamed"] == "Industrial arms, previously Robotic arms (robot type)"
    assert items["1 dimension removed"] == "Buyer"
    assert "1 other change to texts, sources or translations" in items.values()  # the claimed leader
    assert not any("edition" in text or "previous" in key for key, text in items.items() if key)


def test_spanish_section(spanish: Report, editions):
    old, new = (a.computed for a in editions)
    fmt, end, base = spanish.fmt, new.forecast_period[1], new.base_year
    section = changes(spanish)
    assert section.title == "Cambios desde la edición anterior"
    said = sentences(section)
    assert said[0].startswith(f"El valor del mercado en {end} es de {fmt.money(new.total[end])}, por encima de "
                              f"{fmt.money(old.total[end])} en la edición del 15 de marzo de 2023 (+")
    assert said[0].endswith(f"(+{fmt.percent(new.total[end] / old.total[end] - 1)}).")  # '+5,0 %', Spanish style
    assert f"Country con mayor cuota en {base}: Denmark, con {fmt.percent(0.43)} (antes Sweden, con {fmt.percent(0.41)})." in said
    assert summary(section)["1 segmento renombrado"] == "Industrial arms, antes Robotic arms (robot type)"
    market = table(section, "changes-market")
    assert [c.label for c in market.columns][1] == f"{end}, anterior ({fmt.money_unit})"
    assert market.rows[0].cells[2] == pytest.approx(new.total[end])  # numbers stay numbers in every language


def test_every_language_translates_the_fixed_phrases(editions):
    english = build_report(editions[1])
    for lang in ("es", "pt-BR"):
        other = build_report(editions[1], lang=lang)
        a, b = changes(english), changes(other)
        assert a.title != b.title and a.headline != b.headline
        texts = lambda s: [i.title for lst in s.find(ItemList) for i in lst.items if i.title]  # noqa: E731
        assert not set(texts(a)) & set(texts(b)), lang
        assert [t.title for t in a.find(Table)] != [t.title for t in b.find(Table)]


def test_a_threshold_hides_small_moves_but_not_new_leaders(tmp_path: Path):
    _, new = with_previous(tmp_path, {"edition": "../old", "threshold": "50%"})
    section = changes(build_report(analyse(new)))
    said = sentences(section)
    assert not any("value is" in s or "CAGR" in s for s in said)
    assert any(s.startswith("Largest country in") for s in said)
    assert "Figures that moved by less than 50% are not listed" in section.blocks[0].text.plain
    assert [t.id for t in section.find(Table)] == ["changes-country"]  # Sweden and Denmark's shares moved by more
    assert column(section.find(Table)[0], "name") == ["Sweden", "Denmark"]


def test_no_threshold_lists_every_move(tmp_path: Path):
    _, new = with_previous(tmp_path, {"edition": "../old", "threshold": 0})
    section = changes(build_report(analyse(new)))
    assert "Every figure that moved is listed" in section.blocks[0].text.plain
    assert "Mobile robots" in column(table(section, "changes-robot-type"), "name")


def test_an_identical_previous_edition_says_nothing_changed(tmp_path: Path):
    edition(tmp_path, "old")
    new = edition(tmp_path, "new")
    edit(new, "report.yaml", lambda d: d.update(previous="../old"))
    section = changes(build_report(analyse(new)))
    assert [type(b) for b in section.blocks] == [Paragraph]
    assert section.blocks[0].text.plain.endswith("The figures and texts are the same in both.")
    assert section.headline == "What changed since the edition of March 15, 2023"


def test_old_names_use_the_previous_editions_translations(tmp_path: Path):
    """A name only the previous edition has is translated by that edition's own translations."""
    old, new = with_previous(tmp_path)
    for folder in (old, new):
        (folder / "translations").mkdir()
    (old / "translations" / "es.yaml").write_text("- {en: Robotic arms, es: Brazos robóticos}\n", encoding="utf-8")
    (new / "translations" / "es.yaml").write_text("- {en: Industrial arms, es: Brazos industriales}\n", encoding="utf-8")
    section = changes(build_report(analyse(new), lang="es"))
    assert column(table(section, "changes-robot-type"), "name")[0] == "Brazos industriales (antes Brazos robóticos)"


def test_only_share_inputs_give_a_summary_without_a_market_table(tmp_path: Path):
    edition(tmp_path, "old")
    new = edition(tmp_path, "new")
    set_shares(new, COUNTRY, Norway=21, Iceland=4)
    edit(new, "report.yaml", lambda d: d.update(previous="../old"))
    section = changes(build_report(analyse(new)))
    assert "changes-market" not in [t.id for t in section.find(Table)]
    assert summary(section)["2 inputs changed"] == "shares by country: Norway, Iceland"
    assert column(table(section, "changes-country"), "name") == ["Norway", "Iceland"]


def test_right_to_left_names_are_isolated_in_composed_texts(tmp_path: Path):
    """A renamed segment's label and the summary are composed of names: each stays isolated."""
    from reportgen.model.names import FSI, PDI
    from tests.data.editions import TYPE, segment

    _, new = with_previous(tmp_path)
    edit(new, TYPE, lambda d: segment(d, "Industrial arms").update(name="أذرع صناعية"))
    section = changes(build_report(analyse(new)))
    assert column(table(section, "changes-robot-type"), "name")[0] == f"{FSI}أذرع صناعية{PDI} (previously Robotic arms)"
    assert summary(section)["1 segment renamed"] == f"{FSI}أذرع صناعية{PDI}, previously Robotic arms (robot type)"


def test_a_text_only_change_says_no_figure_moved(tmp_path: Path):
    edition(tmp_path, "old")
    new = edition(tmp_path, "new")
    edit(new, COUNTRY, lambda d: d.update(estimate="Made-up shares, checked again."))
    edit(new, "report.yaml", lambda d: d.update(previous="../old"))
    section = changes(build_report(analyse(new)))
    assert [b.text.plain for b in section.find(Paragraph)][1] == "No figure moved."
    assert summary(section) == {"": "1 other change to texts, sources or translations"}
    assert not section.find(Table)


def test_segments_and_dimensions_added_and_removed_are_named(tmp_path: Path):
    from tests.data.editions import BUYER

    edition(tmp_path, "old")
    new = edition(tmp_path, "new")

    def countries(d: dict) -> None:
        d["segments"] = [s for s in d["segments"] if s["name"] != "Finland"] + [{"name": "Greenland", "share": 12, "growth": 11}]

    edit(new, COUNTRY, countries)
    channel = (new / BUYER).read_text().replace("id: buyer", "id: channel").replace("title: Buyer", "title: Sales channel")
    (new / "dimensions" / "d-channel.yaml").write_text(channel.replace("order: 3", "order: 4"), encoding="utf-8")
    edit(new, "report.yaml", lambda d: d.update(previous="../old"))
    items = summary(changes(build_report(analyse(new))))
    assert items["1 segment added"] == "Greenland (country)"
    assert items["1 segment removed"] == "Finland (country)"
    assert items["1 dimension added"] == "Sales channel"
