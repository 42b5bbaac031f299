"""The PDF deliverable: the report model as HTML, typeset by WeasyPrint.

Three promises are kept here rather than left to WeasyPrint's defaults:

- A hole is a failure. WeasyPrint only logs a stylesheet, font or image it could not load and
  still writes a PDF; every warning or error it logs while rendering fails the build instead.
- Nothing outside the allowlist is loaded (see ``fetch.SafeFetcher``).
- Same model, same bytes: dates come from the edition date and the file identifier from the
  report, so two builds of one edition are byte-identical.
"""

from __future__ import annotations

import contextlib
import hashlib
import logging
from collections.abc import Iterator

from reportgen.charts import render_charts
from reportgen.errors import BuildError
from reportgen.model.elements import Report
from reportgen.theme import ASSETS_DIR
from reportgen.writers.fetch import SafeFetcher, chart_url
from reportgen.writers.html import render_html

VARIANTS = (None, "pdf/ua-1", "pdf/a-3b")


def render(report: Report, *, pdf_variant: str | None = None, charts: dict[str, bytes] | None = None) -> bytes:
    """The report as PDF bytes; ``charts`` (chart id -> SVG) are rendered here when not given."""
    if pdf_variant not in VARIANTS:
        raise BuildError(f"unknown PDF variant {pdf_variant!r} (known: {', '.join(v for v in VARIANTS if v)})")
    try:
        if charts is None:
            charts = render_charts(report)
        logo = report.branding.logo
        if logo is not None and not logo.is_file():
            raise BuildError(f"branding logo {logo} does not exist")
        html = render_html(report, chart_url, logo.resolve().as_uri() if logo is not None else None)
    except ValueError as exc:
        raise BuildError(f"cannot lay out the PDF of {report.meta.id}: {exc}") from exc
    return typeset(html, report, SafeFetcher(ASSETS_DIR, charts, logo), pdf_variant)


def typeset(html: str, report: Report, fetcher: SafeFetcher, pdf_variant: str | None = None) -> bytes:
    """HTML to PDF with WeasyPrint; any problem it logs raises ``BuildError``."""
    from weasyprint import HTML  # imported late: it costs a second, and only the PDF needs it

    with _weasyprint_problems() as problems:
        document = HTML(string=html, base_url=ASSETS_DIR.as_uri() + "/", url_fetcher=fetcher)
        pdf = document.write_pdf(
            pdf_variant=pdf_variant,
            pdf_identifier=_identifier(report),
            custom_metadata=True,
            pdf_tags=pdf_variant == "pdf/ua-1",
        )
    if problems:
        listing = "\n".join(f"  - {p}" for p in problems)
        raise BuildError(f"the PDF of {report.meta.id} would be incomplete; WeasyPrint reported:\n{listing}")
    return pdf


def _identifier(report: Report) -> bytes:
    """A file identifier that is stable for one edition of one report."""
    key = f"{report.meta.id}/{report.meta.edition.isoformat()}".encode()
    return hashlib.md5(key, usedforsecurity=False).hexdigest().encode()


class _Collect(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


@contextlib.contextmanager
def _weasyprint_problems() -> Iterator[list[str]]:
    """Collect what WeasyPrint logs at warning level or above while the block runs."""
    logger = logging.getLogger("weasyprint")
    handler = _Collect()
    level = logger.level
    logger.addHandler(handler)
    if logger.getEffectiveLevel() > logging.WARNING:
        logger.setLevel(logging.WARNING)
    try:
        yield handler.messages
    finally:
        logger.removeHandler(handler)
        logger.setLevel(level)
