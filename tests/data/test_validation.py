"""What `check` passes, `build` can show: each way a fuzzer broke it, refused in one line.

Every case runs the real command (`reportgen check <folder>`) and asserts exit code 2, exactly
one `error:` line naming the file and the field, the words a person needs, and no traceback.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from reportgen.cli import main
from reportgen.data import analyse
from reportgen.data.load import load_source
from reportgen.errors import Problem
from tests.conftest import NORDIC

REPORT, CONTENT, CELLS, COUNTRY = "report.yaml", "content.yaml", "dimensions/04-cell-source.yaml", "dimensions/07-country.yaml"


def edit_yaml(path: Path, change) -> None:
    data = yaml.safe_load(path.read_text())
    change(data)
    path.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True))


def replace(path: Path, old: str, new: str) -> None:
    text = path.read_text()
    assert old in text, old
    path.write_text(text.replace(old, new, 1))


def check(folder: Path):
    result = CliRunner().invoke(main, ["check", str(folder)])
    assert "Traceback" not in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result


def refused(folder: Path, file: str, field: str, *words: str) -> str:
    """`check` exits 2 with one error line, `<folder>/<file>: <field>: ...` holding every word."""
    result = check(folder)
    errors = [line for line in result.stderr.splitlines() if line.startswith("error: ")]
    assert result.exit_code == 2, result.output
    assert len(errors) == 1, result.stderr
    where = f"{folder.name}/{file}: {field}: " if field else f"{folder.name}/{file}: "
    assert where in errors[0], errors[0]
    assert all(w in errors[0] for w in words), errors[0]
    return errors[0]


def warned(folder: Path, file: str, field: str, *words: str) -> str:
    result = check(folder)
    assert result.exit_code == 0, result.output
    [warning] = [line for line in result.stderr.splitlines() if f"{folder.name}/{file}: {field}: " in line]
    assert warning.startswith("warning: ") and all(w in warning for w in words), warning
    return warning


# 1. Values -------------------------------------------------------------------------------------

def test_a_market_value_of_zero_is_refused(report_copy):
    folder = report_copy()
    edit_yaml(folder / REPORT, lambda r: r["market"]["anchors"][0].update(value=0))
    refused(folder, REPORT, "market.anchors[0].value", "must be above 0, got 0", "geometric")


def test_a_comparison_market_at_zero_is_refused(report_copy):
    folder = report_copy()
    edit_yaml(folder / REPORT, lambda r: r["comparisons"][0]["anchors"][1].update(value=0))
    refused(folder, REPORT, "comparisons[0].anchors[1].value", "must be above 0")


@pytest.mark.parametrize(("file", "edit", "field"), [
    (CELLS, lambda d: d["segments"][0].update(growth=-100), "segments[0].growth"),
    (REPORT, lambda d: d["market"]["assumptions"][0].update(growth=-100), "market.assumptions[0].growth"),
    (REPORT, lambda d: d["volume"]["price"].update(change=-100), "volume.price.change"),
], ids=["segment", "assumption", "price change"])
def test_growth_of_minus_100_percent_is_refused(report_copy, file, edit, field):
    folder = report_copy()
    edit_yaml(folder / file, edit)
    refused(folder, file, field, "must be above -100, got -100", "nothing to grow from")


def test_extreme_growth_over_a_long_span_names_the_assumption_instead_of_overflowing(report_copy):
    folder = report_copy()

    def grow_for_ever(r):
        r["years"]["forecast"] = [2025, 2200]
        r["market"]["anchors"] = r["market"]["anchors"][:2]
        r["market"]["assumptions"].append({"from": 2026, "to": 2200, "growth": 1000, "reason": "a typo"})
        r["market"].pop("stated_cagr")
        r.pop("comparisons")

    edit_yaml(folder / REPORT, grow_for_ever)
    refused(folder, REPORT, "market.assumptions[1].growth", "reaches", "bn in 2033", "outside what a report can show")


def test_a_forecast_of_one_year_is_refused_by_check_not_by_build(report_copy):
    # found by the build property test: check passed, then every writer failed on the CAGR from
    # the first forecast year to the last, a period of zero years
    folder = report_copy()

    def one_year(r):
        r["years"]["forecast"] = [2025, 2025]
        r.pop("comparisons")

    edit_yaml(folder / REPORT, one_year)
    refused(folder, REPORT, "years", "the forecast must span at least two years", "got 2025-2025")


def test_a_value_too_large_to_print_is_refused_by_check_not_by_build(report_copy):
    folder = report_copy()
    edit_yaml(folder / REPORT, lambda r: r["market"]["anchors"][2].update(value=1e26))
    refused(folder, REPORT, "market.anchors[2].value", "1e+26 bn", "outside what a report can show")


def test_a_tiny_price_is_refused_before_volumes_divide_by_it(report_copy):
    folder = report_copy()
    edit_yaml(folder / REPORT, lambda r: r["volume"]["price"].update(base=1e-9))
    refused(folder, REPORT, "volume.price.base", "1e-06 to 1e+15 currency units", "got 1e-09")


def test_a_price_falling_for_centuries_is_refused(report_copy):
    folder = report_copy()
    edit_yaml(folder / REPORT, lambda r: (r["years"].update(historical=[1900, 2023]),
                                          r["market"]["assumptions"][0].update({"from": 1900}),
                                          r["comparisons"][0]["assumptions"][0].update({"from": 1900}),
                                          r["volume"]["price"].update(change=-99)))
    refused(folder, REPORT, "volume.price.change", "-99% a year takes the average price from 150000 in 2024", "in 1900")


def test_a_volume_below_a_millionth_of_an_item_names_the_price(report_copy):
    folder = report_copy(NORDIC)
    edit_yaml(folder / REPORT, lambda r: r["volume"]["price"].update(base=1e15, change=0))
    refused(folder, REPORT, "volume.price.base", "the volume falls to", "robots", "1e-06 to 1e+24 items", "price that of one item")


def test_a_huge_unit_scale_is_refused(report_copy):
    folder = report_copy()
    edit_yaml(folder / REPORT, lambda r: r["unit"].update(scale=1e300))
    refused(folder, REPORT, "unit.scale", "at most 1e+15")


def test_a_segment_shrinking_to_nothing_names_its_growth(report_copy):
    folder = report_copy(NORDIC)
    edit_yaml(folder / REPORT, lambda r: (r["years"].update(forecast=[2021, 2200]),
                                          r["market"]["assumptions"][1].update(to=2200)))
    edit_yaml(folder / "dimensions/c-buyer.yaml", lambda d: d["segments"][2].update(growth=-99))
    refused(folder, "dimensions/c-buyer.yaml", "segments[2].growth", "the segment 'Manufacturing' falls to", "outside what a report")


def test_every_number_of_the_seeds_is_within_the_bounds(latam_analysis, nordic_analysis):
    """The guard must not refuse the seed data: their checks are exactly as before."""
    assert [w.field for w in latam_analysis.warnings] == ["market.stated_cagr"]
    assert nordic_analysis.warnings == ()


# 2. Zero shares --------------------------------------------------------------------------------

def test_a_zero_share_segment_is_refused_rather_than_reported_as_growing_at_n_a(report_copy):
    folder = report_copy()
    edit_yaml(folder / CELLS, lambda d: d["segments"][0].update(share=0))
    refused(folder, CELLS, "segments[0].share", "a segment with 0% share has no revenue to grow; remove it or give it a share")


def test_a_blank_share_left_with_nothing_is_refused(report_copy):
    folder = report_copy()
    edit_yaml(folder / CELLS, lambda d: d["segments"][0].update(share=100))
    refused(folder, CELLS, "segments[1].share", "already sum to 100.00%, leaving no remainder", "0% share")


# 3. Growth written as a fraction, folder and id -----------------------------------------------

def test_segment_growth_written_as_fractions_is_warned_about(report_copy):
    folder = report_copy(NORDIC)
    edit_yaml(folder / "dimensions/b-country.yaml", lambda d: [s.update(growth=s["growth"] / 100) for s in d["segments"]])
    warned(folder, "dimensions/b-country.yaml", "segments[0].growth", "did you mean percent? 0.1 is 0.1 %, write 10 for 10 %")


def test_growth_assumptions_written_as_fractions_are_warned_about(report_copy):
    folder = report_copy(NORDIC)
    edit_yaml(folder / REPORT, lambda r: [a.update(growth=a["growth"] / 100) for a in r["market"]["assumptions"]])
    warned(folder, REPORT, "market.assumptions[0].growth", "every growth assumption is below 1", "write 10 for 10 %")


def test_a_folder_named_otherwise_than_its_id_is_warned_about(report_copy):
    folder = report_copy(NORDIC)
    edit_yaml(folder / REPORT, lambda r: r.update(id="nordic"))
    warned(folder, REPORT, "id", "the id 'nordic' differs from the folder name 'nordic-robotics'")


# 4. Volume with a real unit --------------------------------------------------------------------

def test_a_volume_unit_counting_thousands_without_a_scale_is_refused(report_copy):
    folder = report_copy(NORDIC)
    edit_yaml(folder / REPORT, lambda r: r["volume"].update(unit="thousand robots"))
    refused(folder, REPORT, "volume.unit", "'thousand robots' counts in thousands, but unit_scale is 1", "add 'unit_scale: 1000'")


@pytest.mark.parametrize("unit", ["k robots", "robots ('000)", "000s robots", "mn robots", "bn robots", "million"])
def test_any_word_naming_a_multiple_needs_its_scale(report_copy, unit):
    folder = report_copy(NORDIC)
    edit_yaml(folder / REPORT, lambda r: r["volume"].update(unit=unit))
    refused(folder, REPORT, "volume.unit", "but unit_scale is 1")


def test_a_volume_scale_the_unit_does_not_name_is_refused(report_copy):
    folder = report_copy(NORDIC)
    edit_yaml(folder / REPORT, lambda r: r["volume"].update(unit_scale=1000))
    refused(folder, REPORT, "volume.unit", "unit_scale is 1000 but 'robots' does not say so", "'thousand robots'")


def test_a_money_unit_whose_word_disagrees_with_its_scale_is_refused(report_copy):
    folder = report_copy()
    edit_yaml(folder / REPORT, lambda r: r["unit"].update(name="million"))
    refused(folder, REPORT, "unit.name", "'million' means 1000000, but unit.scale is 1000000000")


def test_volumes_are_counted_in_their_unit_and_the_price_stays_per_item(report_copy, nordic_analysis):
    folder = report_copy(NORDIC)
    edit_yaml(folder / REPORT, lambda r: r["volume"].update(unit="thousand robots", unit_short="k robots", unit_scale=1000,
                                                                   item="robot"))
    scaled, single = analyse(folder).computed, nordic_analysis.computed
    assert scaled.price == single.price
    for year in single.years:
        assert scaled.volume[year] == pytest.approx(single.volume[year] / 1000, rel=1e-15)
    assert scaled.meta.volume.unit == "thousand robots" and scaled.meta.volume.unit_short == "k robots"


def test_a_plain_unit_word_still_counts_single_items(latam_analysis):
    volume = latam_analysis.computed.meta.volume
    assert volume.unit == "patients" and volume.unit_scale == 1 and volume.unit_short is None


# 5. Tracebacks in check --------------------------------------------------------------------------

def test_an_impossible_edition_date_is_one_line(report_copy):
    folder = report_copy()
    replace(folder / REPORT, "edition: 2025-10-09", "edition: 2023-02-30")
    refused(folder, REPORT, "edition", "2023-02-30 is not a date", "use YYYY-MM-DD")


def test_a_garbled_edition_date_says_how_to_write_it(report_copy):
    folder = report_copy()
    replace(folder / REPORT, "edition: 2025-10-09", "edition: 2025-1O-09")
    refused(folder, REPORT, "edition", "use YYYY-MM-DD, e.g. 2025-10-09 (got '2025-1O-09')")


@pytest.mark.parametrize("date", ["2024-13", "2024-00"])
def test_a_development_month_outside_01_to_12_is_refused(report_copy, date):
    folder = report_copy()
    replace(folder / CONTENT, 'date: "2025-09"', f'date: "{date}"')
    refused(folder, CONTENT, "developments[0].date", "use YYYY or YYYY-MM with a month 01-12", f"got '{date}'")


def test_a_placeholder_left_in_is_refused(report_copy):
    folder = report_copy()
    replace(folder / REPORT, "region: Latin America", "region: {{ region }}")
    refused(folder, REPORT, "line 8", "expected text, got a mapping (a '{{ }}' placeholder left in?)")


def test_a_quoted_placeholder_left_in_is_refused_too(report_copy):
    folder = report_copy()
    replace(folder / REPORT, "region: Latin America", "region: '{{ region }}'")
    refused(folder, REPORT, "region", "contains the placeholder '{{ region }}'")


def test_a_mapping_where_text_belongs_is_refused(report_copy):
    folder = report_copy()
    replace(folder / REPORT, "region: Latin America", "region: {name: Latin America}")
    refused(folder, REPORT, "region", "expected text, got a mapping")


def test_a_dimension_file_that_is_a_link_loop_is_one_line(report_copy):
    folder = report_copy()
    os.symlink("loop.yaml", folder / "dimensions/loop.yaml")
    refused(folder, "dimensions/loop.yaml", "", "a link that loops back on itself")


# 6. Text fields ---------------------------------------------------------------------------------

def test_a_control_character_in_a_name_is_refused(report_copy):
    folder = report_copy()
    edit_yaml(folder / CELLS, lambda d: d["segments"][0].update(name="Auto\x00logous"))
    refused(folder, CELLS, "segments[0].name", "control character U+0000 at character 5")


def test_a_newline_in_a_title_is_normalised_and_kept_in_prose(report_copy):
    folder = report_copy()
    replace(folder / CELLS, "title: Cell source", "title: |\n  Cell\n  source\n")
    edit_yaml(folder / CELLS, lambda d: d.update(note="First line.\n\tSecond line.\n"))
    dims = {d.id: d for _, d in load_source(folder).dimensions}
    assert dims["cell-source"].title == "Cell source"
    assert dims["cell-source"].note == "First line.\n\tSecond line."


def test_an_id_of_300_characters_is_refused(report_copy):
    folder = report_copy()
    edit_yaml(folder / REPORT, lambda r: r.update(id="a" * 300))
    refused(folder, REPORT, "id", "too long: 300 characters, at most 64 here")


def test_a_bad_id_says_which_characters_are_allowed(report_copy):
    folder = report_copy()
    edit_yaml(folder / REPORT, lambda r: r.update(id="Latam_CGT"))
    line = refused(folder, REPORT, "id", "use lower-case letters, digits and hyphens, starting with a letter or digit", "'Latam_CGT'")
    assert "^[a-z0-9]" not in line


def test_a_yaml_set_is_refused_because_its_order_depends_on_the_hash_seed(report_copy):
    folder = report_copy()
    replace(folder / REPORT, "keywords: [cell therapy,", "keywords: !!set {cell therapy,")
    replace(folder / REPORT, "market size, forecast]", "market size, forecast}")
    refused(folder, REPORT, "line 24", "!!set is not allowed", "write a list")


def test_a_date_where_text_belongs_stays_text(report_copy):
    folder = report_copy()
    replace(folder / CONTENT, 'when: "April 2024"', "when: 2024-04-01")
    assert load_source(folder).content.initiatives[0].when == "2024-04-01"


def test_legitimate_large_inputs_still_validate(report_copy):
    folder = report_copy(NORDIC)
    url = "https://example.org/" + "a" * 1500
    edit_yaml(folder / REPORT, lambda r: r.update(subtitle="s" * 300, team=[{"name": f"Analyst {i}", "role": "Author"} for i in range(12)]))
    edit_yaml(folder / "dimensions/b-country.yaml", lambda d: (d.pop("claims"), d.update(
        segments=[{"name": f"Country {i} 国 دولة", "share": 1, "growth": 5 + i % 7, "source": url} for i in range(100)])))
    (folder / CONTENT).write_text(yaml.safe_dump({"vendors": [{"name": "Acme", "focus": "Robots", "offerings": url, "note": url}]}))
    result = check(folder)
    assert result.exit_code == 0, result.output
    assert len(analyse(folder).computed.dimensions[1].segments) == 100


# 7. Files are what they seem -------------------------------------------------------------------

def test_a_link_out_of_the_folder_is_refused_without_echoing_its_contents(report_copy, tmp_path):
    folder = report_copy()
    secret = tmp_path / "secret.yaml"
    secret.write_text("root_password: hunter2\n")
    (folder / CONTENT).unlink()
    os.symlink(secret, folder / CONTENT)
    line = refused(folder, CONTENT, "", "a link to a file outside the report folder")
    assert "hunter2" not in check(folder).output and "root_password" not in line


def test_a_dangling_content_link_is_refused_not_ignored(report_copy):
    folder = report_copy()
    (folder / CONTENT).unlink()
    os.symlink("missing.yaml", folder / CONTENT)
    refused(folder, CONTENT, "", "a link to a file that does not exist")


def test_a_fifo_is_refused_without_being_opened(report_copy):
    folder = report_copy()
    (folder / CONTENT).unlink()
    os.mkfifo(folder / CONTENT)
    proc = subprocess.run([sys.executable, "-m", "reportgen", "check", str(folder)], capture_output=True, text=True, timeout=60)
    assert proc.returncode == 2 and "Traceback" not in proc.stderr
    [error] = [line for line in proc.stderr.splitlines() if line.startswith("error: ")]
    assert f"{folder.name}/{CONTENT}: a FIFO, not a plain file" in error


def test_a_device_is_refused(report_copy):
    folder = report_copy()
    (folder / CONTENT).unlink()
    try:
        os.mknod(folder / CONTENT, 0o600 | 0o020000, os.makedev(1, 3))  # a character device, like /dev/null
    except PermissionError:
        pytest.skip("creating a device node needs privileges")
    refused(folder, CONTENT, "", "a device, not a plain file")


def test_a_folder_where_a_file_belongs_is_refused(report_copy):
    folder = report_copy()
    (folder / CONTENT).unlink()
    (folder / CONTENT).mkdir()
    refused(folder, CONTENT, "", "a folder, not a plain file")


def test_a_translation_linked_out_of_the_folder_is_refused(report_copy):
    folder = report_copy()
    (folder / "translations/es.yaml").unlink()
    os.symlink("/etc/passwd", folder / "translations/es.yaml")
    refused(folder, "translations/es.yaml", "", "outside the report folder")


def test_a_dimensions_folder_linked_out_of_the_report_is_refused(report_copy, tmp_path):
    folder = report_copy()
    outside = tmp_path / "elsewhere"
    (folder / "dimensions").rename(outside)
    os.symlink(outside, folder / "dimensions")
    refused(folder, "dimensions", "", "a link to a folder outside the report folder")


def test_a_link_inside_the_folder_is_followed(report_copy):
    folder = report_copy()
    (folder / "notes").mkdir()
    (folder / CONTENT).rename(folder / "notes/content.yaml")
    os.symlink("notes/content.yaml", folder / CONTENT)
    assert load_source(folder).content.vendors


def test_the_files_a_build_hashes_stay_inside_the_folder_and_skip_fifos(report_copy, tmp_path):
    folder = report_copy()
    source = load_source(folder)
    (tmp_path / "outside.txt").write_text("not the report's")
    os.symlink(tmp_path / "outside.txt", folder / "link-out.txt")
    os.symlink("nowhere", folder / "dangling.txt")
    os.mkfifo(folder / "pipe")
    os.symlink(".", folder / "dimensions/self")
    files = {p.relative_to(folder).as_posix() for p in source.files()}
    assert "report.yaml" in files and "dimensions/01-therapy-type.yaml" in files
    assert not files & {"link-out.txt", "dangling.txt", "pipe", "dimensions/self"}


def test_a_translation_with_a_control_character_is_refused(report_copy):
    folder = report_copy()
    path = folder / "translations/es.yaml"
    entries = yaml.safe_load(path.read_text())
    entries[0]["es"] += "\x1b"
    path.write_text(yaml.safe_dump(entries, allow_unicode=True))
    refused(folder, "translations/es.yaml", "[0].es", "control character U+001B")


def test_a_file_that_is_not_utf8_is_one_line(report_copy):
    folder = report_copy()
    path = folder / REPORT
    path.write_bytes(path.read_bytes().replace(b"region: Latin America", "region: América".encode("latin-1")))
    refused(folder, REPORT, "", "not UTF-8 text", "save the file as UTF-8")


def test_yaml_nested_too_deeply_is_one_line(report_copy):
    folder = report_copy()
    (folder / CONTENT).write_text("faq: " + "[" * 100_000 + "]" * 100_000 + "\n")
    refused(folder, CONTENT, "line 1", "invalid YAML")


# 8. Messages a person understands -------------------------------------------------------------

def test_a_tab_in_yaml_says_to_indent_with_spaces(report_copy):
    folder = report_copy()
    replace(folder / REPORT, "  base: 2024", "\tbase: 2024")
    refused(folder, REPORT, "line 19", "indent with spaces, not tabs")


def test_a_misspelt_field_gets_a_suggestion_and_no_second_missing_error(report_copy):
    folder = report_copy()
    replace(folder / CELLS, "growth_basis", "growth_bassis")
    refused(folder, CELLS, "growth_bassis", "unknown field 'growth_bassis' (did you mean 'growth_basis'?)")


def test_a_misspelt_alias_gets_the_alias_as_suggestion(report_copy):
    folder = report_copy()
    edit_yaml(folder / REPORT, lambda r: r["market"]["assumptions"][0].update({"form": r["market"]["assumptions"][0].pop("from")}))
    refused(folder, REPORT, "market.assumptions[0].form", "(did you mean 'from'?)")


def test_an_unquoted_no_or_number_where_text_belongs_says_to_quote_it(report_copy):
    folder = report_copy()
    replace(folder / CONTENT, "{country: Chile, when", "{country: NO, when")
    refused(folder, CONTENT, "initiatives[2].country", "expected text, got false", "put the text in quotes")
    folder = report_copy(NORDIC)
    replace(folder / REPORT, "region: Nordics", "region: 2024")
    refused(folder, REPORT, "region", "expected text, got the number 2024 (put it in quotes to make it text)")


def test_long_offending_values_are_cut_in_messages(report_copy):
    folder = report_copy()
    edit_yaml(folder / "dimensions/01-therapy-type.yaml", lambda d: d["segments"][2].update(parent="Cell therapies " * 10))
    line = refused(folder, "dimensions/01-therapy-type.yaml", "segments[2].parent", "unknown parent segment 'Cell therapies Cell")
    assert re.search(r"'Cell therapies[^']{0,50}\.\.\.'", line) and len(line) < 200 + len(str(folder))


def test_a_key_with_a_newline_still_prints_one_line(report_copy):
    folder = report_copy()
    edit_yaml(folder / CELLS, lambda d: d.update({"bad\nkey": 1}))
    line = refused(folder, CELLS, "bad\\nkey", "unknown field")
    assert "\n" not in line


def test_a_problem_always_renders_on_one_line():
    problem = Problem("data/x\u202e/report.yaml", "title\n", "got 'a\x00b'\r\n")
    assert str(problem) == "data/x\\u202e/report.yaml: title\\n: got 'a\\x00b'\\r\\n"


# 9. Round two: what a new analyst and a new fuzzer found (issue 24) ----------------------------

def test_shares_pasted_as_fractions_beside_a_blank_are_warned_about(report_copy):
    folder = report_copy(NORDIC)
    edit_yaml(folder / "dimensions/c-buyer.yaml", lambda d: (d["segments"][0].update(share=0.555), d["segments"][1].pop("share"),
                                                             d["segments"][2].update(share=0.14)))
    warned(folder, "dimensions/c-buyer.yaml", "segments[0].share", "every share given to the top-level segments is below 1",
           "did you mean percent? 0.555 is 0.555 %, write 55.5 for 55.5 %", "'Third-party logistics' takes the remaining 99.31%")


def test_sub_segment_shares_as_fractions_are_warned_about_with_their_parent(report_copy):
    folder = report_copy(NORDIC)
    edit_yaml(folder / "dimensions/a-type.yaml", lambda d: d["segments"][3].update(share=0.7))
    warned(folder, "dimensions/a-type.yaml", "segments[3].share", "sub-segments of 'Mobile robots' is below 1",
           "'Automated guided vehicles' takes the remaining 99.30%")


def test_shares_pasted_as_fractions_say_so_when_their_sum_is_1(report_copy):
    folder = report_copy(NORDIC)
    edit_yaml(folder / "dimensions/b-country.yaml", lambda d: [s.update(share=s["share"] / 100) for s in d["segments"]])
    refused(folder, "dimensions/b-country.yaml", "segments[0].share", "sum to 1.00%, not 100%",
            "written as fractions? 0.41 is 0.41 %, write 41 for 41 %")


def test_a_share_below_1_among_percentages_is_no_fraction(report_copy):
    folder = report_copy(NORDIC)
    edit_yaml(folder / "dimensions/b-country.yaml", lambda d: (d["segments"][4].update(share=0.5), d["segments"][3].pop("share")))
    result = check(folder)
    assert result.exit_code == 0 and "ok (0 warning(s))" in result.output, result.output


NUMBERS = [  # every numeric field of the format, and where in the nordic fixture it is
    (REPORT, "market.anchors[1].value", lambda r, v: r["market"]["anchors"][1].update(value=v)),
    (REPORT, "market.anchors[1].year", lambda r, v: r["market"]["anchors"][1].update(year=v)),
    (REPORT, "market.assumptions[0].growth", lambda r, v: r["market"]["assumptions"][0].update(growth=v)),
    (REPORT, "market.assumptions[0].from", lambda r, v: r["market"]["assumptions"][0].update({"from": v})),
    (REPORT, "market.stated_cagr.value", lambda r, v: r["market"]["stated_cagr"].update(value=v)),
    (REPORT, "market.stated_cagr.to", lambda r, v: r["market"]["stated_cagr"].update(to=v)),
    (REPORT, "unit.scale", lambda r, v: r["unit"].update(scale=v)),
    (REPORT, "years.base", lambda r, v: r["years"].update(base=v)),
    (REPORT, "years.historical[1]", lambda r, v: r["years"]["historical"].__setitem__(1, v)),
    (REPORT, "cagr_periods[0][1]", lambda r, v: r["cagr_periods"][0].__setitem__(1, v)),
    (REPORT, "volume.unit_scale", lambda r, v: r["volume"].update(unit_scale=v)),
    (REPORT, "volume.price.base", lambda r, v: r["volume"]["price"].update(base=v)),
    (REPORT, "volume.price.change", lambda r, v: r["volume"]["price"].update(change=v)),
    (REPORT, "previous.threshold", lambda r, v: r.update(previous={"edition": "../x", "threshold": v})),
    ("dimensions/a-type.yaml", "segments[0].share", lambda d, v: d["segments"][0].update(share=v)),
    ("dimensions/a-type.yaml", "segments[0].growth", lambda d, v: d["segments"][0].update(growth=v)),
    ("dimensions/a-type.yaml", "segments[0].price_index", lambda d, v: d["segments"][0].update(price_index=v)),
]


@pytest.mark.parametrize("sign", [1, -1], ids=["huge", "hugely negative"])
@pytest.mark.parametrize(("file", "field", "edit"), NUMBERS, ids=[f"{f}:{n}" for f, n, _ in NUMBERS])
def test_an_integer_too_large_for_a_float_is_one_line_naming_the_field(report_copy, file, field, edit, sign):
    folder = report_copy(NORDIC)
    edit_yaml(folder / file, lambda d: edit(d, sign * 10**400))
    line = refused(folder, file, field)
    assert "e+400" in line and ("must be" in line or "too large to compute with" in line), line


def test_a_huge_order_sorts_and_builds_like_any_other(report_copy):
    folder = report_copy(NORDIC)
    edit_yaml(folder / "dimensions/a-type.yaml", lambda d: d.update(order=10**400))
    assert [d.id for _, d in load_source(folder).dimensions][-1] == "robot-type"


@pytest.mark.parametrize(("years", "words"), [
    ({"historical": [2019, 2017]}, "historical runs from 2019 back to 2017: write [2017, 2019]"),
    ({"forecast": [2030, 2021]}, "forecast runs from 2030 back to 2021: write [2021, 2030]"),
    ({"historical": [2017, 2020]}, "the historical years end in 2020, not before the base year 2020"),
    ({"forecast": [2019, 2030]}, "the forecast starts in 2019, not after the base year 2020"),
    ({"historical": [2015, 2017]}, "so no period holds 2018-2019"),
], ids=["historical reversed", "forecast reversed", "historical into base", "forecast before base", "gap"])
def test_misordered_years_name_the_years_that_break_the_rule(report_copy, years, words):
    folder = report_copy(NORDIC)
    edit_yaml(folder / REPORT, lambda r: (r["years"].update(years), r.pop("cagr_periods")))
    refused(folder, REPORT, "years", words)


@pytest.mark.parametrize(("period", "words"), [
    ([2025, 2020], "period 2025-2020 does not start before it ends: write 2020 first"),
    ([2020, 2020], "a CAGR needs two different years"),
    ([2020, 2040], "2040 is outside the report's years 2017-2030"),
])
def test_a_cagr_period_says_which_year_is_wrong(report_copy, period, words):
    folder = report_copy(NORDIC)
    edit_yaml(folder / REPORT, lambda r: r.update(cagr_periods=[period]))
    refused(folder, REPORT, "cagr_periods[0]", words)


@pytest.mark.parametrize(("file", "key"), [(REPORT, "sections"), (REPORT, "companies"), (CONTENT, "companies")])
def test_an_unknown_field_with_no_close_name_suggests_none(report_copy, file, key):
    folder = report_copy(NORDIC)
    edit_yaml(folder / file, lambda d: d.update({key: []}))
    line = refused(folder, file, key, f"unknown field '{key}' (see docs/data-format.md for the fields allowed here)")
    assert "did you mean" not in line
