"""Every command the README shows works as written, and does what its comment says.

The commands are every line of the README's ``sh`` blocks that starts with ``reportgen``; each
needs its expectation in ``EXPECTED``, so a command added to the README without one fails, as
does one the README no longer shows. They run as the real command line (``python -m
reportgen``), in README order, in a folder that holds what a fresh clone holds (``data/``,
``tests/fixtures/``) as a git repository with three commits, so that the ``REPORT@REV`` diffs
have revisions to read. Web editions build for real; a build of PDFs, decks and workbooks (10 s
or more each) runs with ``--dry-run``, whose plan, made by the same planning from the same
variants file, must list exactly the outputs the README names. ``preview`` starts, serves its
page and stops on Ctrl-C, on a free port rather than 8000 (other tests share the machine).
"""

from __future__ import annotations

import queue
import re
import shlex
import shutil
import signal
import subprocess
import sys
import threading
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.conftest import ROOT

WAIT = 120  # seconds a command may take on a busy machine
DRY = ("--dry-run",)
GIT = ("git", "-c", "user.name=README", "-c", "user.email=readme@example.org", "-c", "commit.gpgsign=false")


def readme_commands() -> list[str]:
    """The ``reportgen`` lines of the README's sh blocks, without their comments, in order, once each."""
    blocks = re.findall(r"^```sh\n(.*?)^```", (ROOT / "README.md").read_text(), re.M | re.S)
    lines = [line.split("  #")[0].strip() for block in blocks for line in block.splitlines()]
    return list(dict.fromkeys(line for line in lines if line.startswith("reportgen ")))


def planned(out: str) -> set[str]:
    """The outputs a ``--dry-run`` would build."""
    return {line.split("\t")[1] for line in out.splitlines() if line.startswith("build\t")}


def outputs(root: Path, *names: str) -> list[Path]:
    return [root / "output" / "latam-cgt" / name for name in names]


@dataclass(frozen=True)
class Expect:
    check: Callable[[str, Path], object]  # (output, folder) -> truthy when the command did what the README says
    code: int = 0
    extra: tuple[str, ...] = ()  # appended: --dry-run for builds of PDFs, decks and workbooks


def _html(root: Path, name: str, *texts: str) -> bool:
    page = (root / "output" / "latam-cgt" / name).read_text(encoding="utf-8")
    return all(t in page for t in texts)


FIXTURES = ["japan-pet-insurance", "mideast-implants", "nordic-robotics", "world-scripts"]
ACME = ("Acme Pharma", "data:image/png;base64,", "#7A1F5C")
EXPECTED: dict[str, Expect] = {
    "reportgen list": Expect(lambda out, root: out.startswith("latam-cgt\tLatin America Cell and Gene Therapy Market (2021-2034)")),
    "reportgen check latam-cgt": Expect(lambda out, root: "latam-cgt: ok (1 warning(s))" in out and "market.stated_cagr" in out),
    "reportgen show latam-cgt": Expect(lambda out, root: "Market total" in out and "By Country" in out),
    "reportgen build latam-cgt": Expect(
        lambda out, root: planned(out) == {f"latam-cgt/latam-cgt.{ext}" for ext in ("pdf", "pptx", "xlsx")}, extra=DRY),
    "reportgen build --format pdf --lang es,pt-BR": Expect(
        lambda out, root: planned(out) == {"latam-cgt/es/latam-cgt.pdf", "latam-cgt/pt-BR/latam-cgt.pdf"}, extra=DRY),
    "reportgen build latam-cgt --variant acme": Expect(
        lambda out, root: planned(out) == {f"latam-cgt/acme/latam-cgt.{ext}" for ext in ("pdf", "pptx", "xlsx")}, extra=DRY),
    "reportgen build latam-cgt --format html --lang en,es,pt-BR": Expect(
        lambda out, root: "built 3" in out and _html(root, "latam-cgt.html", 'lang="en"') and _html(root, "es/latam-cgt.html", 'lang="es"')
        and _html(root, "pt-BR/latam-cgt.html", 'lang="pt-BR"')),
    "reportgen preview latam-cgt": Expect(lambda page, root: "Latin America Cell and Gene Therapy Market" in page),
    "reportgen build --dry-run": Expect(lambda out, root: "latam-cgt/latam-cgt.pdf" in planned(out)),
    "reportgen build --executor dask": Expect(lambda out, root: "latam-cgt/latam-cgt.pdf" in planned(out), extra=DRY),
    "reportgen check tests/fixtures/nordic-robotics": Expect(lambda out, root: "nordic-robotics: ok (0 warning(s))" in out),
    "reportgen --data-dir tests/fixtures list": Expect(lambda out, root: [line.split("\t")[0] for line in out.splitlines()] == FIXTURES),
    "reportgen schema dimension": Expect(lambda out, root: out == (ROOT / "docs" / "schemas" / "dimension.json").read_text()),
    "reportgen clean": Expect(lambda out, root: re.search(r"removed [1-9]\d* output", out)
                              and not (root / "output" / "manifest.json").exists()
                              and not any(p.exists() for p in outputs(root, "latam-cgt.html", "es/latam-cgt.html"))),
    "reportgen diff latam-cgt@HEAD~1 latam-cgt": Expect(
        lambda out, root: re.search(r"report\.yaml: market\.anchors\[2\]\.value\s+changed\s+USD\s58\.00 bn\s+USD\s60\.00 bn", out), code=1),
    "reportgen diff latam-cgt@HEAD~2 latam-cgt@HEAD --threshold 3%": Expect(
        lambda out, root: "dimensions/07-country.yaml: segments[1].share" in out and "below 0.03 (3%) hidden" in out, code=1),
    "reportgen diff data/latam-cgt@HEAD~1 data/latam-cgt --format markdown": Expect(
        lambda out, root: re.search(r"\| report\.yaml: market\.anchors\[2\]\.value \| changed \| USD\s58\.00 bn \| USD\s60\.00 bn \|", out),
        code=1),
    "reportgen translations latam-cgt --lang es": Expect(
        lambda out, root: "es.yaml: nothing to add" in out
        and (root / "data/latam-cgt/translations/es.yaml").read_bytes() == (ROOT / "data/latam-cgt/translations/es.yaml").read_bytes()),
    "reportgen build latam-cgt --lang es --strict": Expect(
        lambda out, root: "warning: data/latam-cgt/report.yaml: market.stated_cagr" in out and "latam-cgt: invalid input, not built" in out
        and not (root / "output" / "latam-cgt" / "es").exists(), code=2),
    "reportgen build latam-cgt --format html": Expect(lambda out, root: _html(root, "latam-cgt.html", 'lang="en"')),
    "reportgen build latam-cgt --format html --variant acme": Expect(lambda out, root: _html(root, "acme/latam-cgt.html", *ACME)),
    "reportgen preview latam-cgt --lang es --variant acme --port 8001": Expect(
        lambda page, root: 'lang="es"' in page and all(t in page for t in ACME)),
    "reportgen --data-dir data build latam-cgt --lang es": Expect(
        lambda out, root: planned(out) == {f"latam-cgt/es/latam-cgt.{ext}" for ext in ("pdf", "pptx", "xlsx")}, extra=DRY),
}


@pytest.fixture(scope="module")
def clone(tmp_path_factory) -> Path:
    """What a fresh clone holds, as a repository whose last two commits changed latam-cgt: a
    market value (HEAD~1 -> HEAD) and a country's share (HEAD~2 -> HEAD~1)."""
    root = tmp_path_factory.mktemp("clone")
    shutil.copytree(ROOT / "data", root / "data")
    shutil.copytree(ROOT / "tests" / "fixtures", root / "tests" / "fixtures")

    def commit(message: str) -> None:
        subprocess.run([*GIT, "add", "-A"], cwd=root, check=True)
        subprocess.run([*GIT, "commit", "-q", "-m", message], cwd=root, check=True)

    subprocess.run([*GIT, "init", "-q"], cwd=root, check=True)
    commit("as cloned")
    edit(root / "data/latam-cgt/dimensions/07-country.yaml", "{name: Brazil, share: 38,", "{name: Brazil, share: 34,")
    edit(root / "data/latam-cgt/dimensions/07-country.yaml", "{name: Mexico, share: 24,", "{name: Mexico, share: 28,")
    commit("Mexico's share")
    edit(root / "data/latam-cgt/report.yaml", "{year: 2034, value: 58,", "{year: 2034, value: 60,")
    commit("2034 value")
    return root


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_every_readme_command_has_its_expectation():
    assert readme_commands() == list(EXPECTED)


@pytest.mark.parametrize("command", list(EXPECTED))
def test_a_readme_command_works_as_written(clone: Path, command: str):
    expect = EXPECTED[command]
    args = [*shlex.split(command)[1:], *expect.extra]
    if args[0] == "preview":
        code, output = preview(clone, args)
    else:
        proc = subprocess.run([sys.executable, "-m", "reportgen", *args], cwd=clone, capture_output=True, text=True, timeout=WAIT)
        code, output = proc.returncode, proc.stdout + proc.stderr
    assert "Traceback" not in output, output
    assert code == expect.code, output
    assert expect.check(output, clone), output


def preview(root: Path, args: list[str]) -> tuple[int, str]:
    """Start ``reportgen preview`` (on a free port: the last --port wins), fetch its page, stop it
    with Ctrl-C: its exit code and the page it served."""
    process = subprocess.Popen([sys.executable, "-m", "reportgen", *args, "--port", "0"], cwd=root, stdout=subprocess.PIPE,
                               stderr=subprocess.PIPE, text=True)
    lines: queue.Queue[str] = queue.Queue()
    threading.Thread(target=lambda: [lines.put(line) for line in process.stdout], daemon=True).start()
    try:
        url = None
        while url is None:
            line = lines.get(timeout=WAIT)
            url = m[1] if (m := re.search(r" at (http://127\.0\.0\.1:\d+/) \(Ctrl-C to stop\)", line)) else None
        with urllib.request.urlopen(url, timeout=WAIT) as response:
            page = response.read().decode()
        process.send_signal(signal.SIGINT)
        process.wait(timeout=WAIT)
        return process.returncode, page
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()


def test_the_readme_variants_file_is_the_shipped_one():
    import yaml

    block = re.search(r"^```yaml\n(variants:\n.*?)^```", (ROOT / "README.md").read_text(), re.M | re.S)
    assert block and yaml.safe_load(block[1]) == yaml.safe_load((ROOT / "data" / "variants.yaml").read_text())
