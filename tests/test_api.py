"""The public API as a data team uses it: ``import reportgen``, then check, plan and build.

docs/api.md is run as written: its python blocks in order, in one namespace, from a copy of the
checkout's data dir (a block fenced with ``file=NAME`` is written to that file first), so the
page cannot drift from the code. Its first block is issue 22's example, verbatim.
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

import pikepdf
import pytest

import reportgen
from tests.conftest import NORDIC, ROOT

DOCS = ROOT / "docs" / "api.md"
FENCE = re.compile(r"^```(\w+)([^\n]*)\n(.*?)^```", re.S | re.M)


@dataclass
class Block:
    language: str
    file: str | None
    code: str
    line: int


def blocks(path: Path) -> list[Block]:
    text = path.read_text()
    found = []
    for match in FENCE.finditer(text):
        name = re.search(r"\bfile=(\S+)", match[2])
        found.append(Block(match[1], name[1] if name else None, match[3], text[: match.start()].count("\n") + 1))
    return found


EXAMPLES = [b for b in blocks(DOCS) if b.language == "python"]


@dataclass
class Session:
    """docs/api.md run once: what each python block printed or raised, and its namespace after it."""

    folder: Path
    printed: list[str] = field(default_factory=list)
    errors: list[BaseException | None] = field(default_factory=list)
    namespaces: list[dict] = field(default_factory=list)


@pytest.fixture(scope="module")
def docs(tmp_path_factory) -> Session:
    folder = tmp_path_factory.mktemp("docs")
    shutil.copytree(ROOT / "data", folder / "data")
    session = Session(folder)
    namespace: dict = {"__name__": "docs_api"}
    with contextlib.chdir(folder):
        for block in blocks(DOCS):
            if block.file is not None:
                Path(block.file).write_text(block.code)
            if block.language != "python":
                continue
            out = io.StringIO()
            error = None
            try:
                with contextlib.redirect_stdout(out):
                    exec(compile(block.code, f"{DOCS}:{block.line}", "exec"), namespace)
            except Exception as exc:  # reported by the block's own test
                error = exc
            session.printed.append(out.getvalue())
            session.errors.append(error)
            session.namespaces.append(dict(namespace))
    return session


@pytest.mark.parametrize("index", range(len(EXAMPLES)), ids=[f"line-{b.line}" for b in EXAMPLES])
def test_every_example_of_the_api_page_runs(docs: Session, index: int):
    assert docs.errors[index] is None, f"docs/api.md, line {EXAMPLES[index].line}: {docs.errors[index]!r}"


def test_the_issue_example_builds_one_output_per_deliverable_with_its_hash(docs: Session):
    assert "reportgen.check(\"data/latam-cgt\")" in EXAMPLES[0].code and "assert result.ok" in EXAMPLES[0].code
    first = docs.namespaces[0]
    assert any(p.field == "market.stated_cagr" and p.severity == "warning" for p in first["problems"])
    result = first["result"]
    out = docs.folder / "output" / "latam-cgt"
    expected = [out / "latam-cgt.pdf", out / "latam-cgt.xlsx", out / "es" / "latam-cgt.pdf", out / "es" / "latam-cgt.xlsx"]
    assert [docs.folder / o.path for o in result.outputs] == expected
    assert [(o.status, o.language, o.format) for o in result.outputs] == [
        ("built", "en", "pdf"), ("built", "en", "xlsx"), ("built", "es", "pdf"), ("built", "es", "xlsx")]
    for o in result.outputs:
        data = (docs.folder / o.path).read_bytes()
        assert o.sha256 == hashlib.sha256(data).hexdigest() and o.size == len(data)
    assert docs.printed[0].splitlines() == [f"built {o.path} {o.sha256}" for o in result.outputs]


def test_what_the_other_examples_show_is_what_happened(docs: Session):
    progress, planned, variants = (docs.namespaces[i] for i in (2, 4, 5))
    assert [(o.format, o.status) for o in progress["result"].outputs] == [("html", "built"), ("xlsx", "skipped")]
    assert docs.printed[2].splitlines()[0].startswith("1/1 built output/latam-cgt/latam-cgt.html (")
    assert "no-such-market: no such report" in docs.printed[3] and "built 0, skipped 1, failed 0, invalid 1" in docs.printed[3]
    stale = {(o.language, o.format): o.stale for o in planned["planned"].outputs}
    assert stale == {("en", "pdf"): False, ("en", "xlsx"): False, ("en", "html"): False,
                     ("pt-BR", "pdf"): True, ("pt-BR", "xlsx"): True, ("pt-BR", "html"): True}
    made = [(o.variant, o.language, o.format) for o in variants["result"].outputs]
    assert made == [("acme", "es", "xlsx"), ("acme", "es", "html"), ("beta", "en", "xlsx"), ("beta", "pt-BR", "xlsx")]
    assert "clients.yaml: variants.acme.language: acme is made in es only" in docs.printed[5]


def test_the_pdf_is_tagged_unless_asked_and_its_variant_is_an_input(docs: Session):
    with pikepdf.open(docs.folder / "output" / "latam-cgt" / "latam-cgt.pdf") as pdf, pdf.open_metadata() as xmp:
        assert "/StructTreeRoot" in pdf.Root and xmp["pdfuaid:part"] == "1"  # pdf/ua-1 by default
    with contextlib.chdir(docs.folder):
        same, untagged = (reportgen.plan("latam-cgt", formats=["pdf"], pdf_variant=v) for v in ("pdf/ua-1", "none"))
    assert [o.stale for o in same.outputs if o.language == "en"] == [False]
    assert [o.reason for o in untagged.outputs if o.language == "en"] == ["inputs changed: option:pdf-variant"]


def test_invalid_data_raises_report_error_with_its_problems_after_building_the_valid_reports(tmp_path: Path):
    data = tmp_path / "data"
    shutil.copytree(NORDIC, data / "nordic-robotics")
    shutil.copytree(NORDIC, data / "broken")
    report = data / "broken" / "report.yaml"
    report.write_text(report.read_text().replace("id: nordic-robotics", "id: broken").replace("value: 905,", "value: -905,"))
    with pytest.raises(reportgen.ReportError) as raised:
        reportgen.build(data_dir=data, formats=["xlsx"], out=tmp_path / "out")
    problems = raised.value.problems
    assert problems and all(p.path.endswith("broken/report.yaml") and p.severity == "error" for p in problems)
    assert any(p.field.startswith("market.anchors") for p in problems), problems
    result = raised.value.result
    assert isinstance(result, reportgen.BuildResult) and result.invalid == ("broken",) and not result.ok
    assert [(o.report, o.status) for o in result.outputs] == [("nordic-robotics", "built")]
    assert (tmp_path / "out" / "nordic-robotics" / "nordic-robotics.xlsx").is_file()
    assert reportgen.check(data / "broken") == [*problems]  # what build refuses, check reports


def test_invalid_arguments_raise_before_anything_is_built(tmp_path: Path):
    with pytest.raises(ValueError, match="unknown format"):
        reportgen.build(NORDIC, formats=["docx"], out=tmp_path)
    with pytest.raises(ValueError, match="unknown language"):
        reportgen.plan(NORDIC, languages=["fr"], out=tmp_path)
    with pytest.raises(ValueError, match="unknown pdf variant"):
        reportgen.plan(NORDIC, pdf_variant="pdf/x-9", out=tmp_path)  # type: ignore[arg-type]
    with pytest.raises(reportgen.ReportError, match="variants file not found") as raised:
        reportgen.build(NORDIC, variants=["acme"], data_dir=tmp_path, out=tmp_path)
    assert raised.value.result is None
    with pytest.raises(reportgen.ReportError, match="no reports found"):
        reportgen.check(data_dir=tmp_path)
    assert not any(tmp_path.iterdir())


def test_a_build_reports_progress_and_a_rebuild_skips_with_the_recorded_hashes(tmp_path: Path):
    seen: list[reportgen.Progress] = []
    first = reportgen.build(NORDIC, formats=["xlsx", "html"], out=tmp_path, progress=seen.append)
    assert sorted((p.done, p.total) for p in seen) == [(1, 2), (2, 2)]
    assert sorted(p.output.path.name for p in seen) == ["nordic-robotics.html", "nordic-robotics.xlsx"]
    again = reportgen.build(NORDIC, formats=["xlsx", "html"], out=tmp_path, progress=seen.append)
    assert len(seen) == 2 and [o.status for o in again.outputs] == ["skipped", "skipped"]
    assert [(o.path, o.sha256, o.size) for o in again.outputs] == [(o.path, o.sha256, o.size) for o in first.outputs]
    assert all(o.seconds is None and o.reason is None for o in again.outputs) and again.ok and again.exit_code == 0


def test_importing_reportgen_and_a_build_with_nothing_to_do_stay_light(tmp_path: Path):
    reportgen.build(NORDIC, formats=["xlsx"], out=tmp_path)
    probe = ("import sys\nimport reportgen\n"
             "heavy = ('pydantic', 'reportgen.data.compute', 'reportgen.builder.planning', 'weasyprint', 'xlsxwriter', 'click')\n"
             "print(sorted(m for m in heavy if m in sys.modules))\n"
             f"result = reportgen.build({str(NORDIC)!r}, formats=['xlsx'], out={str(tmp_path)!r})\n"
             "print(result.summary, sorted(m for m in heavy[:-1] if m in sys.modules))")
    proc = subprocess.run([sys.executable, "-c", probe], cwd=ROOT, capture_output=True, text=True, check=True)
    assert proc.stdout.splitlines() == ["[]", "built 0, skipped 1, failed 0 ['reportgen.builder.planning']"], proc.stdout + proc.stderr


def test_the_package_is_typed():
    assert (Path(reportgen.__file__).parent / "py.typed").is_file()
    for name in reportgen.__all__:
        assert hasattr(reportgen, name), name
    for function in (reportgen.check, reportgen.plan, reportgen.build):
        assert function.__doc__ and "return" in function.__annotations__
