"""The PDF deliverable: the report model as HTML, typeset by WeasyPrint.

Four promises are kept here rather than left to WeasyPrint's defaults:

- Accessible by default: a tagged PDF/UA-1 file (structure tree, alternative text for every
  chart, the language and title declared) unless an untagged (``None``) or archival
  (``pdf/a-3b``) variant is asked for; ``tagging.py`` closes the gaps WeasyPrint leaves.
- A hole is a failure. WeasyPrint only logs a stylesheet, font or image it could not load and
  still writes a PDF; every warning or error it logs while rendering fails the build instead.
- Nothing outside the allowlist is loaded (see ``fetch.SafeFetcher``).
- Same model, same bytes: dates come from the edition date and the file identifier from the
  report, so two builds of one edition are byte-identical.

Two ways to typeset, giving equivalent PDFs (same pages, text, outline and links):

- ``render``: the whole document in one WeasyPrint layout, its charts drawn first when none are
  handed in (``charts.py``: some 20 ms for a report's twenty charts).
- in parts (``parts.py``): ``render_part`` typesets one part, anywhere (a build runs the parts
  of a report on its workers, in parallel, and keeps each part's layout in a cache), and
  ``assemble`` makes one PDF of them; ``render_in_parts`` does it all here, one part after another.

WeasyPrint is not imported at module level: it costs half a second, and only what typesets needs it.
"""

from __future__ import annotations

import contextlib
import hashlib
import logging
from collections.abc import Generator, Iterator, Mapping
from typing import TYPE_CHECKING

from reportgen.errors import BuildError
from reportgen.model.elements import Report
from reportgen.resources import PACKAGE_DIR, PDF_TEMPLATES_DIR
from reportgen.writers.pdf import leaders, shaping, subsets, tagging
from reportgen.writers.pdf.html import chart_text, font_urls, image_urls, render_html
from reportgen.writers.pdf.parts import Assembly, PartResult, PartSpec, layout
from reportgen.writers.pdf.urls import chart_url

if TYPE_CHECKING:
    from weasyprint import Document

    from reportgen.writers.pdf.fetch import SafeFetcher

VARIANTS = (None, "pdf/ua-1", "pdf/a-3b")  # None: untagged
DEFAULT_VARIANT = "pdf/ua-1"  # accessible by default: tagged, PDF/UA-1


def render(report: Report, *, pdf_variant: str | None = DEFAULT_VARIANT, charts: Mapping[str, bytes] | None = None) -> bytes:
    """The report as PDF bytes, in one layout; ``charts`` (chart id -> SVG) are drawn when not given."""
    check(pdf_variant)
    from reportgen.writers.pdf.fetch import SafeFetcher  # imports WeasyPrint

    if charts is None:
        charts = _drawn(report)
    html = render_html(report, chart_url)
    fetcher = SafeFetcher((PDF_TEMPLATES_DIR,), charts, image_urls(report.brand),
                          font_urls(html + chart_text(report), report.brand.families))
    return typeset(html, fetcher, pdf_variant, _identifier(report), report.meta.id)[1]


def check(pdf_variant: str | None) -> None:
    """Refuse what would make a broken PDF before anything is typeset (the brand was checked when it was loaded)."""
    if pdf_variant not in VARIANTS:
        raise BuildError(f"unknown PDF variant {pdf_variant!r} (known: {', '.join(v for v in VARIANTS if v)})")


def parts(report: Report, pdf_variant: str | None = DEFAULT_VARIANT) -> Generator[list[PartSpec], list[PartResult], Assembly]:
    """The report's layout in parts, as ``parts.layout`` drives it (checked first, like ``render``)."""
    check(pdf_variant)
    return layout(report, pdf_variant, chart_url)


def render_part(spec: PartSpec, charts: Mapping[str, bytes]) -> PartResult:
    """Typeset one part (``charts``: the SVG of every chart it shows)."""
    from reportgen.writers.pdf.fetch import SafeFetcher  # imports WeasyPrint

    here = PACKAGE_DIR.as_uri()
    html = spec.html if spec.assets == here else spec.html.replace(spec.assets + "/", here + "/")  # another install
    # Large faces are cut down to the part's own characters: a part's layout depends on nothing
    # outside it (its digest), so a cached part is what a fresh layout would give.
    text = html + (chart_text(spec.charts) if spec.charts is not None else "")
    fetcher = SafeFetcher((PDF_TEMPLATES_DIR,), charts, dict(spec.images), font_urls(text, spec.fonts))
    document, pdf = typeset(html, fetcher, spec.pdf_variant, PART_IDENTIFIER, f"part {spec.name}")
    anchors: dict[str, int] = {}
    for index, page in enumerate(document.pages):
        for name in page.anchors:
            anchors.setdefault(name, index)
    # The @page name of each page (WeasyPrint has no public name for it), so the chrome gets the same page types.
    return PartResult(pdf, tuple(page._page_box.page_type.name for page in document.pages), anchors)


def render_in_parts(report: Report, *, pdf_variant: str | None = DEFAULT_VARIANT, charts: Mapping[str, bytes] | None = None) -> bytes:
    """The report as PDF bytes laid out in parts, one after another in this process (what a build
    does on its workers, without the cache); equivalent to ``render``."""
    from reportgen.writers.pdf.assemble import assemble

    work = parts(report, pdf_variant)
    results = None
    try:
        while True:
            specs = work.send(results)
            results = [render_part(spec, charts if charts is not None else draw_charts(spec)) for spec in specs]
    except StopIteration as done:
        return assemble(done.value)


def draw_charts(spec: PartSpec) -> dict[str, bytes]:
    """The SVG of every chart a part shows (none for most front matter)."""
    return _drawn(spec.charts) if spec.charts is not None else {}


def _drawn(report: Report) -> dict[str, bytes]:
    """The report's charts as SVG; one that cannot be drawn fails the PDF, named."""
    from reportgen.writers.pdf.charts import render_charts

    try:
        return render_charts(report)
    except ValueError as exc:
        raise BuildError(f"the PDF's charts cannot be drawn: {exc}") from exc


def typeset(html: str, fetcher: SafeFetcher, pdf_variant: str | None, identifier: bytes, what: str) -> tuple[Document, bytes]:
    """HTML to PDF with WeasyPrint, and the laid-out document; any problem it logs raises ``BuildError``."""
    from weasyprint import HTML  # imported late: it costs a second, and only the PDF needs it

    shaping.install()  # chart text shaped as whole lines like page text; Indic lines copy as written
    tagging.install()  # header cells scoped, margin boxes artifacts (tagged PDFs only)
    subsets.install()  # fonts subset keeping every glyph id, so the parts' subsets can be merged
    leaders.install()  # a contents leader's dots laid out as one run of text, not one box per dot
    with _weasyprint_problems() as problems:
        document = HTML(string=html, base_url=PDF_TEMPLATES_DIR.as_uri() + "/", url_fetcher=fetcher).render()
        pdf = document.write_pdf(
            pdf_variant=pdf_variant,
            pdf_identifier=identifier,
            custom_metadata=True,
            pdf_tags=pdf_variant == "pdf/ua-1",
        )
    if problems:
        listing = "\n".join(f"  - {p}" for p in dict.fromkeys(problems))
        raise BuildError(f"the PDF of {what} would be incomplete; WeasyPrint reported:\n{listing}")
    return document, pdf


PART_IDENTIFIER = b"0" * 32  # a part's own file identifier is dropped at assembly; fixed so it never varies


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
