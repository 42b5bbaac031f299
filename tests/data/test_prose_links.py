"""Links in prose go to http, https or mailto addresses only: any other is refused by `check` in one
line naming the file and the field, and a translation that drops or adds a link is warned about."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from tests.conftest import NORDIC
from tests.data.test_validation import CONTENT, check, edit_yaml, refused, warned


@pytest.fixture()
def market(report_copy) -> Path:
    return report_copy(NORDIC)


def answer(folder: Path, text: str) -> None:
    edit_yaml(folder / CONTENT, lambda c: c["faq"][0].update(answer=text))


@pytest.mark.parametrize(("link", "words"), [
    ("javascript:alert(1)", ("'javascript:alert(1)'", "a javascript: link", "http, https or mailto")),
    ("file:///etc/passwd", ("'file:///etc/passwd'", "a file: link")),
    ("data:text/html;base64,PHNjcmlwdD4=", ("a data: link",)),
    ("JavaScript:alert(1)", ("a javascript: link",)),
    ("../report.pdf", ("'../report.pdf'", "not a full address")),
    ("https:no-host", ("has no address after 'https:'",)),
])
def test_a_link_that_is_not_http_https_or_mailto_is_refused(market: Path, link: str, words: tuple[str, ...]):
    answer(market, f"Read [the method]({link}) first.")
    refused(market, CONTENT, "faq[0].answer", *words)


def test_an_autolink_is_checked_like_any_link(market: Path):
    answer(market, "Ask <javascript:alert(1)>.")
    refused(market, CONTENT, "faq[0].answer", "a javascript: link")


def test_an_image_is_refused_as_prose_shows_none(market: Path):
    answer(market, "Look: ![chart](https://example.org/chart.png)")
    refused(market, CONTENT, "faq[0].answer", "'https://example.org/chart.png'", "holds no images")


def test_http_https_and_mailto_links_pass(market: Path):
    answer(market, "[a](http://example.org) [b](https://example.org/x?y=1#z) <https://example.org> [c](mailto:desk@example.org)")
    result = check(market)
    assert result.exit_code == 0 and "error" not in result.stderr, result.output


def test_a_name_holding_link_syntax_is_text_not_a_link(market: Path):
    edit_yaml(market / CONTENT, lambda c: c["outlook"][0].update(title="[x](javascript:alert(1))"))
    assert check(market).exit_code == 0  # titles are never parsed: shown as typed


def test_a_translation_with_a_refused_link_is_refused(market: Path):
    (market / "translations").mkdir()
    (market / "translations" / "es.yaml").write_text("- {en: Labour, es: '[Trabajo](file:///etc/passwd)'}\n")
    refused(market, "translations/es.yaml", "[0].es", "a file: link")


@pytest.mark.parametrize(("translated", "words"), [
    ("No, solo existe para probar reportgen.", ("drops the link 'https://example.org/method'",)),
    ("No: ver [el método](https://example.org/method) y [otro](https://example.org/other).", ("adds the link 'https://example.org/other'",)),
    ("No: ver [el método](https://example.org/otro).", ("drops the link 'https://example.org/method'",
                                                          "adds the link 'https://example.org/otro'")),
])
def test_a_translation_that_drops_or_adds_a_link_is_warned_about(market: Path, translated: str, words: tuple[str, ...]):
    english = "No: see [the method](https://example.org/method)."
    answer(market, english)
    (market / "translations").mkdir()
    entries = [{"en": english, "es": translated}]
    (market / "translations" / "es.yaml").write_text(yaml.safe_dump(entries, allow_unicode=True))
    warned(market, "translations/es.yaml", "[0].es", *words, "keeps the English links")


def test_a_translation_may_reorder_its_links(market: Path):
    english = "[A](https://a.example) then [B](https://b.example)."
    answer(market, english)
    (market / "translations").mkdir()
    (market / "translations" / "es.yaml").write_text(
        f"- en: '{english}'\n  es: '[B](https://b.example) y luego [A](https://a.example).'\n")
    result = check(market)
    assert result.exit_code == 0 and "link" not in result.stderr, result.stderr
