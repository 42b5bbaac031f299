"""The headless browser, for the web edition's tests."""

from tests.writers.html.browser import browser  # noqa: F401  (a fixture)
