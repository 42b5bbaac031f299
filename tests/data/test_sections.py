"""Sections of the report's own, tables from files and the outline, as the data layer reads them.

The andes-medtech fixture has two sections (a CSV table, an XLSX sheet with cells formatted as
percentages), a dimension whose segments come from the model sheet and an outline. Each way a
table file, a section or an outline can be wrong is refused by `check` in one line naming the
file, the row (as a spreadsheet counts it) and the column, or the field.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import openpyxl
import pytest
import xlsxwriter
from click.testing import CliRunner

from reportgen.builder.digests import report_digests
from reportgen.cli import main
from reportgen.data import analyse
from reportgen.data.outline import section_order
from reportgen.model import build_report
from reportgen.model.elements import ItemList
from tests.conftest import ANDES
from tests.data.test_validation import edit_yaml, refused, replace, warned

APPROVALS, MODEL = "tables/approvals.csv", "tables/market-model.xlsx"
PRICING, REGULATION = "sections/pricing.yaml", "sections/regulation.yaml"


@pytest.fixture()
def andes(report_copy) -> Path:
    return report_copy(ANDES)


def table(analysis, section: str, table_id: str):
    return next(s for s in analysis.computed.source.sections if s.file.id == section).tables[table_id]


# Reading ---------------------------------------------------------------------------------------

def test_the_example_of_the_issue_reads_as_written():
    analysis = analyse(ANDES)
    approvals = table(analysis, "regulation", "approvals")
    assert approvals.rows == (("Chile", 14.0, 31.5), ("Peru", 9.0, 24.0), ("Colombia, incl. Bogotá", 17.0, 44.5))
    assert approvals.file == APPROVALS and approvals.origins[2] == "row 4"


def test_cells_formatted_as_percentages_are_read_in_percent_and_formulas_as_their_saved_values():
    prices = table(analyse(ANDES), "pricing", "prices")
    assert [row[2] for row in prices.rows] == [62.0, 38.0]  # 0.62 shown as 62 %
    assert [row[5] for row in prices.rows] == [3.5, 2.25]  # =B2*... with its cached value
    assert prices.rows[0][3:5] == (2016, dt.date(2023, 11, 14))


def test_a_dimension_takes_its_segments_from_the_model_sheet():
    country = next(d for d in analyse(ANDES).computed.dimensions if d.id == "country")
    assert [(s.name, round(s.share, 4), round(s.growth, 4)) for s in country.segments] == [
        ("Chile", 0.38, 0.10), ("Peru", 0.26, 0.13), ("Colombia", 0.22, 0.12), ("Ecuador", 0.09, 0.15), ("Bolivia", 0.05, 0.09)]


def test_a_csv_with_a_bom_semicolons_decimal_commas_and_quoted_fields(andes):
    (andes / APPROVALS).write_bytes('\ufeffcountry;approved;share\n"Chile; north";1.014;31,5\nPeru;9;"24"\n"Colom\nbia";17;44,5%\n'
                                    .encode())
    approvals = table(analyse(andes), "regulation", "approvals")
    assert approvals.rows == (("Chile; north", 1014.0, 31.5), ("Peru", 9.0, 24.0), ("Colom bia", 17.0, 44.5))


def test_inline_rows(andes):
    edit_yaml(andes / REGULATION, lambda s: s["blocks"][0]["table"].pop("file") and s["blocks"][0]["table"].update(
        rows=[{"country": "Chile", "approved": 14, "share": "31.5%"}, {"country": "Peru", "approved": 9, "share": 24}]))
    assert table(analyse(andes), "regulation", "approvals").rows == (("Chile", 14.0, 31.5), ("Peru", 9.0, 24.0))


def test_table_files_and_section_files_are_build_inputs():
    inputs = report_digests(ANDES)
    assert {f"report/{APPROVALS}", f"report/{MODEL}", f"report/{PRICING}", f"report/{REGULATION}"} <= set(inputs)


# Refused in one line ---------------------------------------------------------------------------

def test_text_in_a_number_column(andes):
    replace(andes / APPROVALS, "Peru,9,24", "Peru,nine,24")
    refused(andes, APPROVALS, "row 3, column 'approved'", "expected a number", "'nine'")


def test_a_missing_column(andes):
    replace(andes / APPROVALS, "country,approved,share", "country,approved,Share %")
    refused(andes, APPROVALS, "row 1", "no column headed 'share'")


def test_an_empty_required_cell(andes):
    replace(andes / APPROVALS, "Peru,9,24", ",9,24")
    refused(andes, APPROVALS, "row 3, column 'country'", "empty cell", "required")


def test_a_sheet_that_does_not_exist(andes):
    replace(andes / PRICING, "sheet: Prices", "sheet: Prizes")
    refused(andes, MODEL, "sheet", "no sheet named 'Prizes'", "did you mean 'Prices'?")


def edit_prices(folder: Path, change) -> None:
    """Change the Prices sheet with openpyxl, which saves formulas without their values (as scripts
    do): its formulas become plain numbers first, but for those ``change`` writes."""
    book = openpyxl.load_workbook(folder / MODEL)
    sheet = book["Prices"]
    sheet["F2"], sheet["F3"] = 3.5, 2.25
    change(sheet)
    book.save(folder / MODEL)


def test_a_formula_without_a_saved_value(andes):
    edit_prices(andes, lambda sheet: sheet.__setitem__("F3", "=B3*2"))
    refused(andes, MODEL, "sheet 'Prices', row 3, column 'Tenders'", "no saved value", "save it")


def test_a_percentage_cell_in_a_number_column(andes):
    edit_prices(andes, lambda sheet: setattr(sheet["C3"], "number_format", "0.00"))
    replace(andes / PRICING, "{key: Procedure share, type: percent}", "{key: Procedure share, type: number}")
    refused(andes, MODEL, "sheet 'Prices', row 2, column 'Procedure share'", "formatted as a percentage", "type: percent")


def test_a_bad_cell_of_the_segment_sheet(andes):
    book = xlsxwriter.Workbook(andes / MODEL)
    sheet = book.add_worksheet("Segments")
    sheet.write_row(0, 0, ["Country", "Share 2023", "Growth"])
    sheet.write_row(1, 0, ["Chile", 0.5, "fast"])
    sheet.write_row(2, 0, ["Peru", None, 0.1])
    book.add_worksheet("Prices")
    book.close()
    result = CliRunner().invoke(main, ["check", str(andes)])
    assert result.exit_code == 2
    assert f"andes-medtech/{MODEL}: sheet 'Segments', row 2, column 'Growth': expected a number" in result.stderr


def test_a_table_file_outside_the_report_folder(andes, tmp_path):
    outside = tmp_path / "outside.csv"
    outside.write_text("secret\n1\n")
    (andes / APPROVALS).unlink()
    (andes / APPROVALS).symlink_to(outside)
    refused(andes, APPROVALS, "", "outside the report folder")


def test_a_chart_of_a_text_column(andes):
    replace(andes / REGULATION, "series: [approved]", "series: [country]")
    refused(andes, REGULATION, "blocks[1].chart.series[0]", "holds text")


def test_a_doughnut_of_percentages_that_are_no_whole(andes):
    replace(andes / APPROVALS, "Peru,9,24", "Peru,9,14")
    replace(andes / REGULATION, "series: [approved]", "series: [share]")
    replace(andes / REGULATION, "kind: bar ", "kind: doughnut ")
    refused(andes, REGULATION, "blocks[1].chart.series", "sums to 90.00%")


# The outline and the sections' places ----------------------------------------------------------

def test_the_outline_orders_and_drops_sections():
    report = build_report(analyse(ANDES))
    assert [s.id for s in report.sections] == ["takeaways", "summary", "regulation", "overview", "dim-system", "pricing",
                                               "regional", "companies", "methodology"]


def test_without_an_outline_sections_go_where_after_and_before_say(andes):
    edit_yaml(andes / "report.yaml", lambda r: r.pop("outline"))
    order = section_order(analyse(andes).computed.source)
    assert order.index("regulation") == order.index("overview") + 1
    assert order.index("pricing") == order.index("regional") - 1


def test_an_unknown_outline_id_suggests_the_closest(andes):
    replace(andes / "report.yaml", "  - companies", "  - company")
    refused(andes, "report.yaml", "outline[7]", "unknown section 'company'", "did you mean 'companies'?")


def test_the_geography_dimension_is_regional(andes):
    replace(andes / "report.yaml", "  - regional", "  - dim-country")
    refused(andes, "report.yaml", "outline[6]", "geography dimension", "'regional'")


def test_an_id_listed_twice_through_dimensions(andes):
    replace(andes / "report.yaml", "  - dimensions", "  - dimensions\n  - dim-system")
    refused(andes, "report.yaml", "outline[5]", "'dim-system' is listed twice", "'dimensions' includes it")


def test_an_unknown_after(andes):
    replace(andes / REGULATION, "after: overview", "after: overveiw")
    refused(andes, REGULATION, "after", "unknown section 'overveiw'", "did you mean 'overview'?")


def test_a_section_id_that_a_built_in_section_has(andes):
    replace(andes / PRICING, "id: pricing", "id: vendors")
    replace(andes / "report.yaml", "  - pricing", "  - vendors")
    refused(andes, PRICING, "id", "built-in section")


def test_a_section_the_outline_leaves_out_is_warned_about(andes):
    replace(andes / "report.yaml", "  - pricing\n", "")
    warned(andes, PRICING, "id", "does not list 'pricing'")


def test_sections_placed_in_a_loop(andes):
    edit_yaml(andes / "report.yaml", lambda r: r.pop("outline"))
    replace(andes / REGULATION, "after: overview", "after: pricing")
    replace(andes / PRICING, "before: regional", "before: regulation")
    result = CliRunner().invoke(main, ["check", str(andes)])
    assert result.exit_code == 2 and "form a loop" in result.stderr


def test_show_outline_prints_the_ids_in_order():
    result = CliRunner().invoke(main, ["show", str(ANDES), "--outline"])
    assert result.exit_code == 0, result.output
    lines = [line.split() for line in result.output.splitlines() if line.startswith("  ")]
    assert [words[0] for words in lines][:4] == ["takeaways", "summary", "regulation", "overview"]
    assert "Not shown" in result.output and "faq" in result.output.splitlines()[-1]


def test_a_copy_builds_a_model_in_every_language(andes):
    analysis = analyse(andes)
    for lang in ("es", "pt-BR"):
        report = build_report(analysis, lang=lang)
        assert report.section("regulation").title != "Regulatory landscape"


# What changed since the previous edition ---------------------------------------------------------

def test_diff_lists_the_changed_cells_of_a_table(andes):
    replace(andes / APPROVALS, "Peru,9,24", "Peru,11,24")
    replace(andes / PRICING, "title: Pricing analysis", "title: Price analysis")
    result = CliRunner().invoke(main, ["diff", str(ANDES), str(andes), "--format", "json"])
    assert result.exit_code == 1, result.output
    inputs = [(c["file"], c["field"], c["topic"], c["old"], c["new"]) for c in json.loads(result.output)["inputs"]]
    assert inputs == [(PRICING, "title", "section", "Pricing analysis", "Price analysis"),
                      (APPROVALS, "row 3, column 'approved'", "table", 9.0, 11.0)]
    table_view = CliRunner().invoke(main, ["diff", str(ANDES), str(andes)])
    assert "Sections (sections/)" in table_view.output


def test_the_changes_section_names_the_tables_that_changed(andes):
    replace(andes / APPROVALS, "Peru,9,24", "Peru,11,24")
    replace(andes / "report.yaml", "  - summary\n", "  - summary\n  - changes\n")
    (andes / "report.yaml").write_text((andes / "report.yaml").read_text() + f"previous: {ANDES}\n")
    changes = build_report(analyse(andes)).section("changes")
    items = {item.title: item for block in changes.find(ItemList) for item in block.items}
    assert [i.text.plain for b in items["1 table changed"].blocks for i in b.items] == ["Approvals by country, 2023"]


def test_a_percent_column_written_as_fractions_is_warned_about(andes):
    replace(andes / APPROVALS, "Chile,14,31.5\nPeru,9,24", "Chile,14,0.315\nPeru,9,0.24")
    replace(andes / APPROVALS, "17,44.5", "17,0.445")
    warned(andes, REGULATION, "blocks[0].table.columns[2]", "below 1", "write 31.5 for 31.5 %")


def test_an_unquoted_no_in_a_text_cell_of_inline_rows(andes):
    edit_yaml(andes / REGULATION, lambda s: s["blocks"][0]["table"].pop("file") and s["blocks"][0]["table"].update(
        rows=[{"country": False, "approved": 14, "share": 31.5}]))
    refused(andes, REGULATION, "blocks[0].table.rows[0].country", "got false", "put the text in quotes")


def test_sections_after_one_section_keep_their_files_order_and_dimensions_is_one_place(andes):
    edit_yaml(andes / "report.yaml", lambda r: r.pop("outline"))
    (andes / "sections" / "a-first.yaml").write_text("id: first\ntitle: First\nafter: overview\ntext: One.\n")
    (andes / "sections" / "z-last.yaml").write_text("id: last\ntitle: Last\nafter: dimensions\ntext: Two.\n")
    (andes / "sections" / "m-plain.yaml").write_text("id: plain\ntitle: Plain\ntext: Three.\n")
    order = section_order(analyse(andes).computed.source)
    assert order[order.index("overview"):order.index("overview") + 3] == ["overview", "first", "regulation"]
    assert order[order.index("dim-system") + 1] == "last"
    assert order[order.index("methodology") - 1] == "plain"
