"""``reportgen preview`` as an analyst uses it: open the page, save an edit, see it; break it, see why."""

from __future__ import annotations

import base64
import os
import queue
import re
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests.builder.test_build import png
from tests.conftest import NORDIC, ROOT
from tests.writers.html.browser import DESKTOP, needs_chromium, open_page

WAIT = 30.0  # seconds a step may take on a loaded machine before the test gives up (not a timing assert)
ANCHOR = "- {year: 2020, value: 420, source"


@dataclass
class Preview:
    process: subprocess.Popen
    url: str
    lines: queue.Queue = field(default_factory=queue.Queue)

    def stop(self, sig: int = signal.SIGINT) -> tuple[int, str, str]:
        """Send ``sig``; the exit code, the rest of stdout and all of stderr."""
        self.process.send_signal(sig)
        out, err = self.process.communicate(timeout=WAIT)
        return self.process.returncode, out, err


@contextmanager
def preview(folder: Path, *args: str) -> Iterator[Preview]:
    """``reportgen preview`` on a free port; stopped (and its output drained) when the block ends."""
    process = subprocess.Popen([sys.executable, "-m", "reportgen", "preview", str(folder), "--port", "0", *args], cwd=ROOT,
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    lines: queue.Queue = queue.Queue()
    try:
        url = None
        while url is None:
            line = _line(process, lines)
            match = re.search(r" at (http://\S+/) \(Ctrl-C to stop\)", line)
            url = match.group(1) if match else None
        running = Preview(process, url, lines)
        yield running
    finally:
        if process.poll() is None:
            process.kill()
            process.communicate()


def _line(process: subprocess.Popen, lines: queue.Queue) -> str:
    reader = threading.Thread(target=lambda: lines.put(process.stdout.readline()), daemon=True)
    reader.start()
    reader.join(WAIT)
    line = lines.get_nowait() if not lines.empty() else ""
    if not line:
        stderr = process.stderr.read() if process.poll() is not None else ""
        raise AssertionError(f"preview printed no URL: {process.poll()=}, stderr: {stderr}")
    return line


def fetch(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=WAIT) as response:
            return response.status, response.read().decode()
    except urllib.error.HTTPError as exc:
        return exc.code, ""


def eventually(check, what: str):
    """Poll ``check`` until it returns something truthy (the preview rebuilds after a save)."""
    deadline = time.monotonic() + WAIT
    while time.monotonic() < deadline:
        found = check()
        if found:
            return found
        time.sleep(0.1)
    raise AssertionError(f"never happened: {what}")


def save(path: Path, text: str, *, atomically: bool = False) -> None:
    """Write as an editor does: in place, or (vim, IDEs) to a temporary file renamed over the old one."""
    if atomically:
        temporary = path.with_name(f".{path.name}.swp")
        temporary.write_text(text)
        os.replace(temporary, path)
    else:
        path.write_text(text)


@pytest.fixture()
def market(tmp_path: Path) -> Path:
    folder = tmp_path / "data" / "nordic-robotics"
    shutil.copytree(NORDIC, folder)
    return folder


@needs_chromium
def test_a_saved_edit_shows_in_the_open_page_and_an_invalid_one_shows_its_problem(browser, market: Path):
    report = market / "report.yaml"
    original = report.read_text()
    assert ANCHOR in original
    with preview(market) as running:
        with open_page(browser, running.url, DESKTOP) as (page, log):
            assert "EUR\u00a0420.00 m" in page.inner_text("main")
            save(report, original.replace(ANCHOR, ANCHOR.replace("420", "444")))
            expect(page.locator("main")).to_contain_text("EUR\u00a0444.00 m", timeout=WAIT * 1000)
            save(report, original.replace(ANCHOR, ANCHOR.replace("420", "-5")), atomically=True)
            expect(page).to_have_title("The report cannot be built", timeout=WAIT * 1000)
            problem = page.locator("ul.problems code").first.inner_text()
            assert problem.endswith("report.yaml: market.anchors[1].value: must be above 0, got -5 "
                                    "(the model is geometric: a value of 0 has no growth rate and no CAGR)")
            save(report, original.replace(ANCHOR, ANCHOR.replace("420", "500")))
            expect(page.locator("main")).to_contain_text("EUR\u00a0500.00 m", timeout=WAIT * 1000)
            assert page.locator("h1").inner_text() == "Nordic Warehouse Robotics Market"
            assert set(log.requests) == {running.url, running.url + "events"}
            assert [e for e in log.errors if "/events" not in e] == []
        code, out, err = running.stop()
    assert code == 0 and "Traceback" not in err
    assert "market.anchors[1].value: must be above 0" in err and out.count("rebuilt in") >= 2


def test_ctrl_c_stops_the_server_and_the_watcher_cleanly(market: Path):
    with preview(market) as running:
        assert running.url.startswith("http://127.0.0.1:")  # this machine only, unless --host says otherwise
        assert fetch(running.url)[0] == 200
        code, out, err = running.stop(signal.SIGINT)
    assert (code, err) == (0, "") and out.strip().endswith("preview stopped")
    with pytest.raises(urllib.error.URLError):
        urllib.request.urlopen(running.url, timeout=5)


def test_sigterm_stops_it_too(market: Path):
    with preview(market) as running:
        code, out, err = running.stop(signal.SIGTERM)
    assert (code, err) == (0, "") and "preview stopped" in out


def test_the_served_page_carries_the_reload_script_and_nothing_else_is_served(market: Path):
    with preview(market, "--lang", "es") as running:
        status, page = fetch(running.url)
        assert status == 200 and '<html lang="es"' in page and 'new EventSource("/events")' in page and 'var served = "1"' in page
        assert fetch(running.url + "secret.txt")[0] == 404 and fetch(running.url + "../report.yaml")[0] == 404
        with urllib.request.urlopen(running.url + "events", timeout=WAIT) as stream:
            assert stream.headers["Content-Type"] == "text/event-stream" and stream.readline() == b"data: 1\n"
        running.stop()


def test_a_variant_that_fixes_its_language_is_previewed_in_it_as_the_build_makes_it(market: Path):
    variants = market.parent / "variants.yaml"
    variants.write_text("variants:\n  spanish:\n    client: Cliente SA\n    language: es\n")
    with preview(market, "--variant", "spanish", "--variants", str(variants), "--lang", "en") as running:
        status, page = fetch(running.url)
        assert status == 200 and '<html lang="es"' in page and "Cliente SA" in page
        code, _, err = running.stop()
    assert code == 0 and "warning: " in err and "variants.spanish.language: spanish is made in es only" in err


def test_a_report_that_is_invalid_from_the_start_is_shown_as_its_problems(market: Path):
    dimension = market / "dimensions" / "c-buyer.yaml"
    dimension.write_text(dimension.read_text().replace("share: 55.5", "share: '<b>1</b>'"))
    with preview(market) as running:
        status, page = fetch(running.url)
        assert status == 200 and "<title>The report cannot be built</title>" in page
        assert "c-buyer.yaml: segments[0].share: expected a number, got the text &#39;&lt;b&gt;1&lt;/b&gt;&#39;</code>" in page
        assert "<b>" not in page
        code, _, err = running.stop()
    assert code == 0 and "segments[0].share: expected a number" in err and "Traceback" not in err


def test_an_edit_of_the_variants_file_rebuilds_the_client_edition(market: Path):
    data = market.parent
    png(data / "acme.png")
    variants = data / "variants.yaml"
    variants.write_text("variants:\n  acme:\n    client: Acme Logistics\n    logo: acme.png\n")
    with preview(market, "--variant", "acme", "--variants", str(variants)) as running:
        assert "Acme Logistics" in fetch(running.url)[1]
        save(variants, variants.read_text().replace("Acme Logistics", "Acme & Sons"))
        eventually(lambda: "Acme &amp; Sons" in fetch(running.url)[1], "the new client line in the page")
        save(data / "notes.txt", "not an input")  # a file beside it that is no input changes nothing
        time.sleep(1)  # give a wrong rebuild the chance to happen
        code, out, _ = running.stop()
    assert code == 0 and "changed: variants.yaml" in out and "notes.txt" not in out


def test_an_edit_of_the_brand_or_a_file_it_names_rebuilds_the_page(market: Path, tmp_path: Path):
    from tests.data.test_brand import EXAMPLE

    brand = tmp_path / "meridian"
    shutil.copytree(EXAMPLE, brand)
    with preview(market, "--brand", str(brand / "_brand.yml")) as running:
        assert "--accent: #006D77;" in fetch(running.url)[1]
        save(brand / "_brand.yml", (brand / "_brand.yml").read_text().replace('teal: "#006D77"', 'teal: "#0B6E4F"'))
        eventually(lambda: "--accent: #0B6E4F;" in fetch(running.url)[1], "the new primary colour in the page")
        mark = brand / "logo" / "mark.svg"
        save(mark, mark.read_text().replace('fill="#006D77"', 'fill="#0B6E4F"'))  # a file the brand names, whatever its suffix
        shown = base64.b64encode(mark.read_bytes()).decode()
        eventually(lambda: shown in fetch(running.url)[1], "the new logo in the page")
        code, out, _ = running.stop()
    assert code == 0 and "changed: _brand.yml" in out and "mark.svg" in out


def test_a_port_in_use_and_an_unknown_report_are_one_line_errors(market: Path, tmp_path: Path):
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = str(taken.getsockname()[1])
        proc = subprocess.run([sys.executable, "-m", "reportgen", "preview", str(market), "--port", port], cwd=ROOT,
                              capture_output=True, text=True, timeout=WAIT)
    assert proc.returncode == 1 and f"cannot listen on 127.0.0.1:{port}" in proc.stderr and "Traceback" not in proc.stderr
    proc = subprocess.run([sys.executable, "-m", "reportgen", "--data-dir", str(tmp_path), "preview", "no-such-report"], cwd=ROOT,
                          capture_output=True, text=True, timeout=WAIT)
    assert proc.returncode == 2 and proc.stderr.startswith("error: no-such-report: no such report") and "Traceback" not in proc.stderr


def test_the_table_files_of_a_report_are_watched(tmp_path: Path):
    from reportgen.cli.preview import Inputs

    inputs = Inputs(tmp_path, tmp_path, None, None, None)
    assert inputs.relevant(tmp_path / "tables" / "approvals.csv") and inputs.relevant(tmp_path / "tables" / "model.xlsx")
    assert not inputs.relevant(tmp_path / "tables" / "notes.txt")


def test_an_edit_of_a_variants_own_brand_a_file_it_names_or_its_logo_rebuilds_the_client_edition(market: Path, tmp_path: Path):
    from tests.data.test_brand import EXAMPLE

    data = market.parent
    shutil.copytree(EXAMPLE, data / "acme-brand")
    brand, mark, logo = data / "acme-brand" / "_brand.yml", data / "acme-brand" / "logo" / "mark.svg", data / "acme.svg"
    logo.write_text(mark.read_text())
    variants = data / "variants.yaml"
    variants.write_text("variants:\n  acme:\n    client: Acme Logistics\n    logo: acme.svg\n    brand: acme-brand/_brand.yml\n")
    with preview(market, "--variant", "acme", "--variants", str(variants)) as running:
        assert "--accent: #006D77;" in fetch(running.url)[1]
        save(brand, brand.read_text().replace('teal: "#006D77"', 'teal: "#0B6E4F"'), atomically=True)
        eventually(lambda: "--accent: #0B6E4F;" in fetch(running.url)[1], "the variant brand's new primary colour in the page")
        for svg, fill in ((mark, "#0B6E4F"), (logo, "#AA3311")):  # a file the variant's brand names, the variant's SVG logo
            save(svg, svg.read_text().replace('fill="#006D77"', f'fill="{fill}"'))
            shown = base64.b64encode(svg.read_bytes()).decode()
            eventually(lambda shown=shown: shown in fetch(running.url)[1], f"the new {svg.name} in the page")
        code, out, _ = running.stop()
    assert code == 0 and "changed: _brand.yml" in out and "mark.svg" in out and "acme.svg" in out
