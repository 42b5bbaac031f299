"""Which files of a report are read, and what is never left out in silence: a folder that cannot
be listed, a file spelt ``.yml``, a name that is not UTF-8, a file too large to parse.

Each is refused by the real ``reportgen check`` in one line naming the path (see ``refused``).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from reportgen.data.files import MAX_BYTES
from reportgen.data.load import load_source
from tests.conftest import NORDIC
from tests.data.test_validation import check, refused

BUYER = "dimensions/c-buyer.yaml"


def run_unprivileged(args: list[str]) -> subprocess.CompletedProcess:
    """``reportgen ARGS`` as a user whom file permissions bind. The tests run as root, whom they do
    not (CAP_DAC_OVERRIDE), so root runs it without the two capabilities that bypass them."""
    command = [sys.executable, "-m", "reportgen", *args]
    if os.geteuid() == 0:
        setpriv = shutil.which("setpriv")
        if setpriv is None or subprocess.run([setpriv, "--bounding-set=-dac_override,-dac_read_search", "true"]).returncode:
            pytest.skip("running without CAP_DAC_OVERRIDE needs setpriv")
        command = [setpriv, "--bounding-set=-dac_override,-dac_read_search", *command]
    return subprocess.run(command, capture_output=True, text=True, timeout=120)


@pytest.fixture()
def market(report_copy) -> Path:
    return report_copy(NORDIC)


def test_an_unreadable_dimensions_folder_is_an_error_not_a_report_without_dimensions(market):
    (market / "dimensions").chmod(0)
    try:
        proc = run_unprivileged(["check", str(market)])
    finally:
        (market / "dimensions").chmod(0o755)
    errors = [line for line in proc.stderr.splitlines() if line.startswith("error: ")]
    assert proc.returncode == 2 and "Traceback" not in proc.stderr, proc.stderr
    assert errors == [f"error: {market}/dimensions: cannot be read (Permission denied)"]


def test_an_unreadable_translations_folder_is_an_error_too(market):
    (market / "translations").mkdir()
    (market / "translations" / "es.yaml").write_text("- {en: Nordics, es: Países nórdicos}\n", encoding="utf-8")
    (market / "translations").chmod(0)
    try:
        proc = run_unprivileged(["check", str(market)])
    finally:
        (market / "translations").chmod(0o755)
    assert proc.returncode == 2 and f"error: {market}/translations: cannot be read (Permission denied)" in proc.stderr


@pytest.mark.parametrize("name", ["c-buyer.yml", "c-buyer.YAML", "c-buyer.Yml"])
def test_a_dimension_spelt_otherwise_than_yaml_is_refused_not_skipped(market, name):
    (market / BUYER).rename(market / "dimensions" / name)
    refused(market, f"dimensions/{name}", "", "not read: only files ending in '.yaml' are; rename it 'c-buyer.yaml'")


def test_content_spelt_yml_is_refused_not_skipped(market):
    (market / "content.yaml").rename(market / "content.yml")
    refused(market, "content.yml", "", "not read: content.yaml is the only name read")


def test_a_report_file_spelt_yml_is_named_when_report_yaml_is_missing(market):
    (market / "report.yaml").rename(market / "report.yml")
    refused(market, "report.yaml", "", "file not found (report.yml is there: rename it report.yaml, the only name read)")


def test_a_dot_file_in_dimensions_is_not_data(market):
    (market / "dimensions" / ".#c-buyer.yaml").symlink_to("root@host.1234")  # an editor's lock file: a dangling link
    shutil.copy(market / BUYER, market / "dimensions" / ".c-buyer.yaml.swp.yaml")
    assert [p.name for p, _ in load_source(market).dimensions] == ["a-type.yaml", "b-country.yaml", "c-buyer.yaml"]
    assert check(market).exit_code == 0


def test_a_dimension_named_in_bytes_that_are_not_utf8_is_refused_in_one_line(market):
    os.rename(market / BUYER, os.fsencode(market / "dimensions") + b"/c-buy\xe9r.yaml")
    refused(market, "dimensions/c-buy\\xe9r.yaml", "", "the name is not valid UTF-8, so a build cannot record the file; rename it")


def test_any_file_of_the_report_named_in_bytes_that_are_not_utf8_is_refused_by_check_and_build(market, tmp_path):
    build = [sys.executable, "-m", "reportgen", "build", str(market), "--format", "xlsx", "--out", str(tmp_path / "out")]
    assert subprocess.run(build, capture_output=True, timeout=120).returncode == 0  # built once: the next build hashes its inputs
    Path(os.fsdecode(os.fsencode(market) + b"/notes-\xff.txt")).write_text("a stray file, hashed by every build")
    refused(market, "notes-\\xff.txt", "", "not valid UTF-8")
    proc = subprocess.run(build, capture_output=True, text=True, timeout=120)
    assert proc.returncode == 2 and "Traceback" not in proc.stderr and "notes-\\xff.txt: the name is not valid UTF-8" in proc.stderr


def test_a_file_larger_than_the_limit_is_refused_before_it_is_parsed(market):
    with (market / "content.yaml").open("a", encoding="utf-8") as f:
        f.write("# " + "x" * MAX_BYTES + "\n")
    refused(market, "content.yaml", "", "the file is 2.0 MB, above the 2 MB a report file may hold")
