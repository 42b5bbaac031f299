"""The headless browser, for the preview's tests."""

from tests.writers.html.browser import browser  # noqa: F401  (a fixture)
