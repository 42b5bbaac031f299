"""Headless Chromium for tests: Debian's own browser driven by Playwright, nothing downloaded.

Playwright is told where the system's Chromium is (``executable_path``) instead of fetching a
browser build of its own, and the browser is started with every background service off, so the
only requests a test sees are the ones the page makes. Tests that need it skip, saying why,
when Chromium is not installed (``apt-get install chromium``; CI installs it).
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

import pytest

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync"]
PHONE, DESKTOP = 390, 1280
needs_chromium = pytest.mark.skipif(CHROMIUM is None, reason="Chromium is not installed (apt-get install chromium): browser tests skipped")


@dataclass
class Log:
    """What a page did besides showing itself: console errors, script errors, requests, dialogs."""

    errors: list[str] = field(default_factory=list)
    requests: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield chromium
        chromium.close()


@contextmanager
def open_page(browser, url: str, width: int) -> Iterator[tuple[object, Log]]:
    """A new page ``width`` CSS pixels wide at ``url`` and the log of its events; closed after."""
    log = Log()
    page = browser.new_page(viewport={"width": width, "height": 900})
    page.on("console", lambda m: log.errors.append(f"{m.type}: {m.text}") if m.type in ("error", "warning") else None)
    page.on("pageerror", lambda e: log.errors.append(f"pageerror: {e}"))
    page.on("request", lambda r: log.requests.append(r.url))
    page.on("requestfailed", lambda r: log.failed.append(f"{r.url}: {r.failure}"))
    page.on("dialog", lambda d: (log.dialogs.append(d.message), d.dismiss()))
    try:
        page.goto(url, wait_until="load")
        yield page, log
    finally:
        page.close()
