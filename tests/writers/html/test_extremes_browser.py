"""Legitimate extremes (60 countries, a long URL, a 300-character subtitle, many authors and
keywords) still fit a phone's screen in the web edition."""

from __future__ import annotations

from pathlib import Path

from reportgen.data import analyse
from reportgen.model import build_report
from reportgen.writers import html
from tests.builder.test_legitimate_extremes import URL, extreme  # noqa: F401  (the fixture)
from tests.writers.html.browser import DESKTOP, PHONE, needs_chromium, open_page

pytestmark = needs_chromium


def test_extremes_fit_the_phone_and_the_desktop(browser, extreme: Path, tmp_path: Path):  # noqa: F811
    report = build_report(analyse(extreme))
    path = tmp_path / "extreme.html"
    path.write_bytes(html.render(report))
    for width in (PHONE, DESKTOP):
        with open_page(browser, path.as_uri(), width) as (page, log):
            assert log.errors == [] and log.requests == [path.as_uri()]
            assert page.evaluate("document.documentElement.scrollWidth") <= page.evaluate("innerWidth")
            assert page.locator("#c-country-share .legend li").count() == 60
            assert URL in page.inner_text("main")
