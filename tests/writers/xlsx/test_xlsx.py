"""The Excel edition read back as a client's tools read it: sheets, formulas, cached values, charts, tables.

Each market's workbook is built once per module; openpyxl reads it twice, once for the
formulas and once for the cached results that readers which do not recalculate will show.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import shutil
import struct
import zipfile
import zlib
from dataclasses import dataclass, replace
from pathlib import Path
from xml.sax.saxutils import escape

import openpyxl
import pytest
import yaml
from xlsxwriter.utility import quote_sheetname

from reportgen.data import analyse
from reportgen.data.compute import SOURCED, ComputedReport
from reportgen.model import Report, build_report
from reportgen.model.elements import Table
from reportgen.model.workbook import sibling_groups
from reportgen.writers.xlsx import render
from reportgen.writers.xlsx.book import sheet_name
from tests.branding import for_client
from tests.conftest import ANDES, NORDIC
from tests.writers.xlsx.xlsx_parts import charts_by_sheet, dimension_sheet, label_rows, year_columns, yearly

INVALID = set("[]:*?/\\")


@dataclass(frozen=True)
class Built:
    report: Report
    computed: ComputedReport  # the data layer's numbers, which the workbook must cache and recompute
    data: bytes
    formulas: openpyxl.Workbook
    values: openpyxl.Workbook


def _load(data: bytes, values: bool) -> openpyxl.Workbook:
    return openpyxl.load_workbook(io.BytesIO(data), data_only=values)


def _build(report: Report, computed: ComputedReport) -> Built:
    data = render(report)
    return Built(report, computed, data, _load(data, False), _load(data, True))


@pytest.fixture(scope="module")
def latam(latam_report: Report, latam_analysis) -> Built:
    return _build(latam_report, latam_analysis.computed)


@pytest.fixture(scope="module")
def nordic(nordic_report: Report, nordic_analysis) -> Built:
    return _build(nordic_report, nordic_analysis.computed)


@pytest.fixture(scope="module", params=["latam", "nordic"])
def built(request) -> Built:
    """Each market's workbook, for the tests every market must pass."""
    return request.getfixturevalue(request.param)


def _input_cell(wb: openpyxl.Workbook, link: str):
    """The Assumptions cell a link formula such as '=Assumptions!$C$30' points at."""
    sheet, ref = link.lstrip("=").split("!")
    return wb[sheet.strip("'")][ref.replace("$", "")]


# --- structure ------------------------------------------------------------------------------


def test_sheets_follow_the_data_with_valid_unique_names(built: Built):
    data = built.computed
    names = built.formulas.sheetnames
    assert names[:3] == ["Contents", "Assumptions", "Market"]
    assert len({n.lower() for n in names}) == len(names)
    for name in names:
        assert 0 < len(name) <= 31 and not INVALID & set(name) and not name.startswith("'"), name
    dim_titles = [built.formulas[n]["A1"].value for n in names[3 : 3 + len(data.dimensions)]]
    assert dim_titles == [f"By {d.title.lower()}" for d in data.dimensions]


def test_sheet_names_are_made_valid_and_unique():
    taken: set[str] = set()
    assert sheet_name("Vector / Delivery Type", taken) == "Vector - Delivery Type"
    assert sheet_name("A [draft]: what? *all*", taken) == "A -draft-- what- -all-"
    long = "Manufacturing Scale & Service and Everything Else"
    first, second = sheet_name(long, taken), sheet_name(long, taken)
    assert (first, second) == ("Manufacturing Scale & Service…", "Manufacturing Scale… (2)")
    assert sheet_name("Ein" + "x" * 40, taken) == "Ein" + "x" * 27 + "…"  # one long word: cut in it
    assert sheet_name("vector - delivery type", taken) == "vector - delivery type (2)"
    assert sheet_name("History", taken) == "History (data)"
    assert sheet_name("'quoted'", taken) == "quoted"


def test_long_custom_table_titles_give_readable_unique_sheet_names(report_copy):
    """A 60-character title is cut at a word with an ellipsis; two titles alike in their first 31
    characters (and with characters a sheet name cannot hold) get two valid names."""
    folder = report_copy(ANDES)
    path = folder / "sections" / "regulation.yaml"
    section = yaml.safe_load(path.read_text())
    titles = ["Approvals by country and regulatory pathway, 2019 until 2023", "Device approvals by country/route: 2022 [draft]",
              "Device approvals by country/route: 2023 [final]"]
    assert len(titles[0]) == 60 and titles[1][:31] == titles[2][:31]
    section["blocks"] += [{"table": {"id": f"extra{i}", "title": title, "columns": [{"key": "a", "type": "text"}],
                                     "rows": [{"a": "x"}]}} for i, title in enumerate(titles)]
    path.write_text(yaml.safe_dump(section))
    names = _load(render(build_report(analyse(folder))), False).sheetnames
    start = names.index("Approvals by country, 2023") + 1  # the section's own table, then the three
    assert names[start : start + 3] == ["Approvals by country and…", "Device approvals by…", "Device approvals by… (2)"]
    assert len({n.lower() for n in names}) == len(names)
    assert all(len(n) <= 31 and not INVALID & set(n) for n in names)


def test_same_inputs_give_identical_bytes(built: Built):
    assert render(built.report) == built.data


def test_the_same_inputs_elsewhere_give_identical_bytes(nordic: Built, tmp_path: Path, monkeypatch):
    """No path of the machine or working directory leaks into the file."""
    folder = tmp_path / "elsewhere" / NORDIC.name
    shutil.copytree(NORDIC, folder)
    monkeypatch.chdir(tmp_path)
    assert render(build_report(analyse(folder))) == nordic.data


def test_document_properties_are_fixed_by_the_edition(built: Built):
    props, meta = built.formulas.properties, built.report.meta
    edition = dt.datetime.combine(meta.edition, dt.time())
    assert props.created == edition and props.modified == edition
    assert props.title == meta.title


# --- Market -----------------------------------------------------------------------------------


def test_market_rows_are_formulas_caching_the_data_layer(built: Built):
    data = built.computed
    ws, vs = built.formulas["Market"], built.values["Market"]
    (row,) = label_rows(ws, "Revenue")
    formulas, cached = yearly(ws, row, data.years), yearly(vs, row, data.years)
    assert all(isinstance(f, str) and f.startswith("=") for f in formulas.values())
    assert cached == {y: data.total[y] for y in data.years}  # exact: the cached value is the data layer's
    growth = yearly(vs, row + 1, data.years)
    assert growth[data.years[0]] is None
    assert all(growth[y] == pytest.approx(data.total.growth(y), rel=1e-12) for y in data.years[1:])
    if data.volume is not None:
        (vrow,) = label_rows(ws, data.meta.volume.name)
        assert yearly(vs, vrow, data.years) == {y: data.volume[y] for y in data.years}
        (prow,) = label_rows(ws, "Average price")
        assert yearly(vs, prow, data.years) == {y: data.price[y] for y in data.years}
        assert "UnitScale" in yearly(ws, vrow, data.years)[data.base_year]


def test_market_cagrs_are_formulas(built: Built):
    data = built.computed
    ws, vs = built.formulas["Market"], built.values["Market"]
    (row,) = label_rows(ws, "Revenue")
    header = next(r for r in ws.iter_rows(max_row=row) if r[0].value == "Measure")
    cols = {c.value: c.column for c in header if isinstance(c.value, str) and c.value.startswith("CAGR")}
    assert len(cols) == len(data.periods)
    for a, b in data.periods:
        col = cols[f"CAGR {a}-{b}"]
        formula = ws.cell(row, col).value
        assert re.fullmatch(rf"=\([A-Z]+{row}/[A-Z]+{row}\)\^\(1/{b - a}\)-1", formula), formula
        assert vs.cell(row, col).value == data.total.cagr(a, b)


def test_market_formulas_follow_the_method(nordic: Built):
    """Nordic has every case: back-cast, interpolation between anchors, anchors, extrapolation."""
    ws = nordic.formulas["Market"]
    (row,) = label_rows(ws, "Revenue")
    f = yearly(ws, row, nordic.computed.years)
    assert f[2018] == "=Market_2018" and f[2020] == "=Market_2020" and f[2026] == "=Market_2026"
    assert f[2017].endswith("/(1+Market_Growth_2017)")
    assert f[2019].endswith("*(Market_2020/Market_2018)^(1/2)")
    assert f[2023].endswith("*(Market_2026/Market_2020)^(1/6)")
    assert f[2027].endswith("*(1+Market_Growth_2027_2030)") and f[2030].endswith("*(1+Market_Growth_2027_2030)")


# --- Assumptions --------------------------------------------------------------------------------


def test_key_inputs_are_named_styled_input_cells(built: Built):
    data, wb = built.computed, built.formulas
    for anchor in data.meta.market.anchors:
        (sheet, ref), = wb.defined_names[f"Market_{anchor.year}"].destinations
        cell = wb[sheet][ref.replace("$", "")]
        assert sheet == "Assumptions" and cell.value == anchor.value
        assert cell.fill.fgColor.rgb == "FF" + built.report.brand.colours.input_fill.lstrip("#")
    for name in ("BaseYear", *(["PriceBase", "PriceChange", "UnitScale"] if data.volume is not None else [])):
        assert name in wb.defined_names


def test_every_input_figure_is_labelled_with_its_provenance(built: Built):
    ws = built.formulas["Assumptions"]
    texts = [c.value for row in ws.iter_rows() for c in row if isinstance(c.value, str)]
    statuses = [c.value for c in ws["F"] if c.value in ("sourced", "estimate")]
    assert statuses.count("sourced") == sum(f.status == SOURCED for f in built.computed.figures)
    for figure in built.computed.figures:
        assert any(figure.basis in t for t in texts), figure.label


def test_a_blank_share_is_the_remainder_of_its_siblings(built: Built):
    data, wb, vb = built.computed, built.formulas, built.values
    sources = {d.id: d for _, d in data.source.dimensions}
    blanks = 0
    for dim in data.dimensions:
        ws = dimension_sheet(wb, dim)
        for i, seg in enumerate(dim.segments):
            link = ws.cell(label_rows(ws, seg.name)[0], 2).value
            cell = _input_cell(wb, link)
            cached = _input_cell(vb, link).value
            assert cached == pytest.approx(seg.share, rel=1e-15)
            if sources[dim.id].segments[i].share is None:
                blanks += 1
                assert cell.value.startswith("=MAX(0,1-SUM(")
                siblings = [_input_cell(vb, ws.cell(label_rows(ws, s.name)[0], 2).value).value for s in dim.children(seg.parent)]
                assert sum(siblings) == pytest.approx(1.0)
            else:
                assert isinstance(cell.value, float | int)
    assert blanks > 0


# --- segment sheets ----------------------------------------------------------------------------


def test_segments_are_share_shift_formulas_caching_the_data_layer(built: Built):
    data = built.computed
    for dim in data.dimensions:
        ws, vs = dimension_sheet(built.formulas, dim), dimension_sheet(built.values, dim)
        for seg in dim.segments:
            rows = label_rows(ws, seg.name)
            assert len(rows) == (2 if data.volume is not None else 1)
            formulas = yearly(ws, rows[0], data.years)
            assert all("SUMPRODUCT(" in f and "BaseYear" in f for f in formulas.values())
            assert yearly(vs, rows[0], data.years) == {y: seg.revenue[y] for y in data.years}
            if data.volume is not None:
                assert all("SUMPRODUCT(" in f for f in yearly(ws, rows[1], data.years).values())
                assert yearly(vs, rows[1], data.years) == {y: seg.volume[y] for y in data.years}


def test_share_and_cagr_columns(built: Built):
    data = built.computed
    base, end = data.base_year, data.years[-1]
    for dim in data.dimensions:
        ws, vs = dimension_sheet(built.formulas, dim), dimension_sheet(built.values, dim)
        header = next(r for r in ws.iter_rows() if r[0].value == dim.title)
        cols = {c.value: c.column for c in header if isinstance(c.value, str)}
        for seg in dim.segments:
            row = label_rows(ws, seg.name)[0]
            assert vs.cell(row, cols[f"Share {base}"]).value == pytest.approx(seg.share_in(base), rel=1e-12)
            assert vs.cell(row, cols[f"Share {end}"]).value == pytest.approx(seg.share_in(end), rel=1e-12)
            for a, b in data.periods:
                assert ws.cell(row, cols[f"CAGR {a}-{b}"]).value.endswith(f")^(1/{b - a})-1")
                assert vs.cell(row, cols[f"CAGR {a}-{b}"]).value == seg.revenue.cagr(a, b)


def test_total_rows_add_up_and_check_rows_are_zero(built: Built):
    data = built.computed
    for dim in data.dimensions:
        ws, vs = dimension_sheet(built.formulas, dim), dimension_sheet(built.values, dim)
        totals = label_rows(ws, "Total")
        checks = [c.row for c in ws["A"] if isinstance(c.value, str) and c.value.startswith("Check:")]
        blocks = len(sibling_groups(dim)) * (2 if data.volume is not None else 1)
        assert len(totals) == len(checks) == blocks
        first_total = yearly(vs, totals[0], data.years)
        assert all(first_total[y] == pytest.approx(data.total[y], rel=1e-12) for y in data.years)
        for total, check in zip(totals, checks, strict=True):
            assert all(f.startswith("=SUM(") for f in yearly(ws, total, data.years).values())
            sums = yearly(vs, total, data.years)
            for y, value in yearly(vs, check, data.years).items():
                assert abs(value) <= 1e-9 * sums[y]


def test_sub_segments_are_normalised_to_their_parent_row(nordic: Built):
    """Three levels: the deepest block divides its own parent's row, not the market."""
    dim = next(d for d in nordic.computed.dimensions if d.parents)
    ws = dimension_sheet(nordic.formulas, dim)
    cols = year_columns(ws, nordic.computed.years)
    for parent in dim.parents:
        parent_row = label_rows(ws, parent.name)[0]
        for kid in dim.children(parent.name):
            formula = ws.cell(label_rows(ws, kid.name)[0], cols[2025]).value
            letter = openpyxl.utils.get_column_letter(cols[2025])
            assert formula.startswith(f"={letter}${parent_row}*"), formula


def test_layout_frozen_fitted_and_printable(built: Built):
    wb, data = built.formulas, built.computed
    for ws in wb.worksheets:
        assert ws.page_setup.orientation == "landscape"
        setup = ws.page_setup  # fitToWidth 1 is the file format's default, so it may be left out
        assert ws.sheet_properties.pageSetUpPr.fitToPage and setup.fitToWidth in (None, 1) and setup.fitToHeight == 0
    assert wb["Market"].freeze_panes is not None
    for dim in data.dimensions:
        ws = dimension_sheet(wb, dim)
        assert ws.freeze_panes is not None
        longest = max(len(s.name) for s in dim.segments)
        assert ws.column_dimensions["A"].width >= min(longest, 60)


def test_number_formats_carry_the_unit(built: Built):
    data, fmt = built.computed, built.report.fmt
    ws = built.formulas["Market"]
    (row,) = label_rows(ws, "Revenue")
    cols = year_columns(ws, data.years)
    assert ws.cell(row, cols[data.base_year]).number_format == f'#,##0.00 "{fmt.unit_short}"'
    assert ws.cell(row + 1, cols[data.base_year]).number_format == "0.0%"


# --- charts and tables -------------------------------------------------------------------------


def test_native_charts_per_dimension_over_the_sheet_cells(built: Built):
    charts = charts_by_sheet(built.data)
    assert charts["Market"]
    palette = built.report.brand.colours.series[0].lstrip("#").upper()
    for dim in built.computed.dimensions:
        name = dimension_sheet(built.formulas, dim).title
        mine = charts[name]
        assert len(mine) == len(sibling_groups(dim))
        for xml in mine:
            assert '<c:barChart>' in xml and '<c:grouping val="stacked"/>' in xml
            assert f"<c:f>{escape(quote_sheetname(name))}!$" in xml
            assert palette in xml
            assert xml.count("<c:ser>") == xml.count("<c:tx><c:strRef>")  # names are cell references


def _model_table(report: Report, table_id: str) -> Table:
    return next(b for top in report.sections for s in top.walk() for b in s.blocks
                if isinstance(b, Table) and b.id == table_id)


def test_qualitative_sheets_are_excel_tables(latam: Built):
    wb, content = latam.formulas, latam.computed.source.content
    expected = {
        "Companies": len(latam.computed.meta.key_players) + len(content.investors) + len(content.startups),
        "Initiatives": len(content.initiatives),
        "Value chain": sum(len(s.organisations) for s in content.value_chain),
        "Vendors": len(content.vendors),
        "Developments": len(content.developments),
    }
    for name, rows in expected.items():
        (table,) = wb[name].tables.values()
        first, last = table.ref.split(":")
        assert int(last.lstrip("ABCDEFGHIJKLMNOPQRSTUVWXYZ")) - int(first.lstrip("ABCDEFGHIJKLMNOPQRSTUVWXYZ")) == rows
        assert table.autoFilter is not None
    vendors = _model_table(latam.report, "vendors")
    (table,) = wb["Vendors"].tables.values()
    assert [c.name for c in table.tableColumns] == [c.label for c in vendors.columns]
    dates = [c.value for c in wb["Developments"]["A"][4:]]
    assert dates == sorted(dates, reverse=True)


def test_markets_without_qualitative_content_get_no_empty_sheets(nordic: Built):
    names = nordic.formulas.sheetnames
    assert "Companies" in names
    assert not {"Vendors", "Initiatives", "Value chain", "Developments"} & set(names)


# --- contents, branding, untrusted data ---------------------------------------------------------


def test_contents_links_every_sheet_and_shows_live_key_figures(built: Built):
    ws, data = built.formulas["Contents"], built.computed
    assert ws["A1"].value == built.report.meta.title
    links = {c.hyperlink.location for row in ws.iter_rows() for c in row if c.hyperlink}
    for name in built.formulas.sheetnames[1:]:
        assert f"{quote_sheetname(name)}!A1" in links
    texts = [c.value for row in ws.iter_rows() for c in row if isinstance(c.value, str)]
    assert built.report.fmt.date(built.report.meta.edition) in texts
    (row,) = label_rows(ws, f"Market size {data.base_year}")
    assert ws.cell(row, 2).value.startswith("=Market!")
    assert built.values["Contents"].cell(row, 2).value == data.total[data.base_year]


def _png(path: Path) -> Path:
    """A tiny valid PNG, so the test needs no image library."""

    def chunk(kind: bytes, body: bytes) -> bytes:
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))

    raw = b"".join(b"\0" + b"\x11\x22\x33" * 4 for _ in range(2))
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", 4, 2, 8, 2, 0, 0, 0))
                     + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b""))
    return path


def test_branding_is_honoured(nordic_analysis, tmp_path: Path):
    report = for_client(build_report(nordic_analysis), "Acme Logistics", _png(tmp_path / "logo.png"), "#AA3300",
                        ("#112233", "#445566", "#778899"))
    data = render(report)
    wb = _load(data, False)
    texts = [c.value for row in wb["Contents"].iter_rows() for c in row if isinstance(c.value, str)]
    assert "Prepared for Acme Logistics" in texts
    assert "Acme Logistics" in wb.properties.description
    chart_xml = "".join(x for charts in charts_by_sheet(data).values() for x in charts)
    assert "112233" in chart_xml and "445566" in chart_xml and "1F4E79" not in chart_xml
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        assert any(n.startswith("xl/media/image") for n in zf.namelist())


def test_untrusted_strings_are_written_as_text(tmp_path: Path):
    folder = tmp_path / NORDIC.name
    shutil.copytree(NORDIC, folder)
    evil = '=HYPERLINK("http://example.invalid","click")'
    path = folder / "dimensions" / "a-type.yaml"
    dim = yaml.safe_load(path.read_text())
    dim["segments"][2]["name"] = evil
    dim["title"] = "=1+1"
    path.write_text(yaml.safe_dump(dim))
    report_file = folder / "report.yaml"
    meta = yaml.safe_load(report_file.read_text())
    meta["key_players"].append("=cmd|' /C calc'!A0")
    report_file.write_text(yaml.safe_dump(meta))
    data = render(build_report(analyse(folder)))
    wb = _load(data, False)
    hostile = [c for ws in wb.worksheets for row in ws.iter_rows() for c in row
               if isinstance(c.value, str) and c.value in (evil, "=1+1", "=cmd|' /C calc'!A0")]
    assert {c.value for c in hostile} == {evil, "=1+1", "=cmd|' /C calc'!A0"}
    assert all(c.data_type == "s" for c in hostile)
    assert "=1+1" in wb.sheetnames
    assert any(c.value == "Retail & e-commerce <b>" for c in wb["Buyer"]["A"])
    assert charts_by_sheet(data)["=1+1"]


# --- fonts and scripts ----------------------------------------------------------------------


def test_cells_are_in_excels_default_face(latam: Built):
    styles = zipfile.ZipFile(io.BytesIO(latam.data)).read("xl/styles.xml").decode()
    first_font = re.search(r"<font>(.*?)</font>", styles).group(1)
    assert '<sz val="11"/>' in first_font and '<name val="Calibri"/>' in first_font
    ws = latam.formulas["Market"]
    revenue = ws.cell(label_rows(ws, "Revenue")[0], 1)
    assert (revenue.font.name, revenue.font.sz, revenue.font.b) == ("Calibri", 11, True)


def test_names_in_other_scripts_get_their_face_and_direction(nordic_report: Report):
    from tests.writers.pptx.test_pptx import NAMES

    companies = nordic_report.workbook.companies
    rows = tuple(type(companies.rows[0])((name, "Key player", country, "")) for country, name in NAMES.items())
    workbook = replace(nordic_report.workbook, companies=replace(companies, rows=rows))
    wb = _load(render(replace(nordic_report, workbook=workbook)), False)
    ws = wb["Companies"]
    cells = {c.value: c for row in ws.iter_rows() for c in row if c.value in NAMES.values()}
    assert len(cells) == len(NAMES)
    faces = {country: cells[name].font.name for country, name in NAMES.items()}
    assert faces == {"Japan": "Yu Gothic", "Korea": "Malgun Gothic", "China": "Microsoft YaHei", "Saudi Arabia": "Arial",
                     "Israel": "Arial", "Thailand": "Tahoma", "India": "Nirmala UI", "Russia": "Calibri", "Greece": "Calibri",
                     "Vietnam": "Calibri"}
    rtl = {country for country, name in NAMES.items() if cells[name].alignment.readingOrder == 2}
    assert rtl == {"Saudi Arabia", "Israel"}
    # a Chinese, Japanese or Korean character is as wide as two digits, as Excel itself counts it
    assert ws.column_dimensions["A"].width >= 2 * len(NAMES["Japan"])
