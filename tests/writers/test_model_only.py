"""Writers read the report model and nothing else: no import of the data layer, no back door
through the report to computed data or the raw input files."""

from __future__ import annotations

import ast
import dataclasses
from pathlib import Path

from reportgen.model import Report

WRITERS = Path(__file__).resolve().parents[2] / "reportgen" / "writers"
MODULES = sorted(WRITERS.rglob("*.py"))


def _imports(tree: ast.AST) -> list[str]:
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module:
            found.append(node.module)
    return found


def _report_data_access(tree: ast.AST) -> list[int]:
    """Lines reading ``.data`` off something called report (``report.data``, ``self.report.data``)."""
    lines = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Attribute) and node.attr == "data":
            owner = node.value
            name = owner.id if isinstance(owner, ast.Name) else owner.attr if isinstance(owner, ast.Attribute) else ""
            if name == "report":
                lines.append(node.lineno)
    return lines


def test_the_scan_covers_every_writer_module():
    assert {p.parent.name for p in MODULES} >= {"writers", "pdf", "pptx", "xlsx"} and len(MODULES) > 20


def test_no_writer_imports_the_data_layer():
    offenders = {
        str(path.relative_to(WRITERS)): [m for m in _imports(ast.parse(path.read_text())) if m.split(".")[:2] == ["reportgen", "data"]]
        for path in MODULES
    }
    assert {k: v for k, v in offenders.items() if v} == {}


def test_no_writer_reads_data_through_the_report():
    offenders = {str(p.relative_to(WRITERS)): _report_data_access(ast.parse(p.read_text())) for p in MODULES}
    assert {k: v for k, v in offenders.items() if v} == {}


def test_the_scan_finds_a_back_door_when_there_is_one():
    tree = ast.parse("from reportgen.data.compute import SOURCED\ntotal = book.report.data.total\nx = report.data.meta\n")
    assert _imports(tree) == ["reportgen.data.compute"]
    assert _report_data_access(tree) == [2, 3]


def test_the_report_has_no_field_for_computed_data():
    assert "data" not in {f.name for f in dataclasses.fields(Report)}
