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

- ``render``: the whole document in one WeasyPrint layout. When no charts are handed in, they
  are drawn in a forked child process while this one imports WeasyPrint, parses the HTML and
  computes styles; WeasyPrint asks for the first chart only when it builds boxes, so
  matplotlib's import and drawing (1-1.5 s) leave the critical path.
- in parts (``parts.py``): ``render_part`` typesets one part, anywhere (a build runs the parts
  of a report on its workers, in parallel, and keeps each part's layout in a cache), and
  ``assemble`` makes one PDF of them; ``render_in_parts`` does it all here, one part after another.

Neither matplotlib nor WeasyPrint is imported at module level: each costs a second or so, and
only what typesets needs them.
"""

from __future__ import annotations

import contextlib
import hashlib
import logging
import multiprocessing
import os
import re
from collections.abc import Generator, Iterator, Mapping
from multiprocessing.connection import Connection
from typing import TYPE_CHECKING

from reportgen.errors import BuildError
from reportgen.lifetime import exit_with_parent
from reportgen.model.elements import Report
from reportgen.resources import PACKAGE_DIR, PDF_TEMPLATES_DIR
from reportgen.writers.pdf import shaping, subsets, tagging
from reportgen.writers.pdf.html import chart_text, font_urls, image_urls, render_html
from reportgen.writers.pdf.parts import Assembly, PartResult, PartSpec, layout
from reportgen.writers.pdf.urls import chart_url

if TYPE_CHECKING:
    from weasyprint import Document

    from reportgen.writers.pdf.fetch import SafeFetcher

VARIANTS = (None, "pdf/ua-1", "pdf/a-3b")  # None: untagged
DEFAULT_VARIANT = "pdf/ua-1"  # accessible by default: tagged, PDF/UA-1
_IMAGE_FAILURE = re.compile(r"^Failed to load image at '[^']*': (?=RuntimeError: drawing the charts failed)")


def render(report: Report, *, pdf_variant: str | None = DEFAULT_VARIANT, charts: Mapping[str, bytes] | None = None) -> bytes:
    """The report as PDF bytes, in one layout; ``charts`` (chart id -> SVG) are drawn alongside when not given."""
    check(pdf_variant)
    with contextlib.ExitStack() as stack:
        if charts is None:
            charts = stack.enter_context(_charts_alongside(report))
        from reportgen.writers.pdf.fetch import SafeFetcher  # imports WeasyPrint

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
    if spec.charts is None:
        return {}
    from reportgen.writers.pdf.charts import render_charts

    return render_charts(spec.charts)


def typeset(html: str, fetcher: SafeFetcher, pdf_variant: str | None, identifier: bytes, what: str) -> tuple[Document, bytes]:
    """HTML to PDF with WeasyPrint, and the laid-out document; any problem it logs raises ``BuildError``."""
    from weasyprint import HTML  # imported late: it costs a second, and only the PDF needs it

    shaping.install()  # chart text shaped as whole lines like page text; Indic lines copy as written
    tagging.install()  # header cells scoped, margin boxes artifacts (tagged PDFs only)
    subsets.install()  # fonts subset keeping every glyph id, so the parts' subsets can be merged
    with _weasyprint_problems() as problems:
        document = HTML(string=html, base_url=PDF_TEMPLATES_DIR.as_uri() + "/", url_fetcher=fetcher).render()
        pdf = document.write_pdf(
            pdf_variant=pdf_variant,
            pdf_identifier=identifier,
            custom_metadata=True,
            pdf_tags=pdf_variant == "pdf/ua-1",
        )
    if problems:
        # One failure that every image reports (charts that could not be drawn) is listed once.
        listing = "\n".join(f"  - {p}" for p in dict.fromkeys(_IMAGE_FAILURE.sub("", p) for p in problems))
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


# --- charts drawn alongside -------------------------------------------------------------------


class _PendingCharts(Mapping[str, bytes]):
    """Charts a child process is drawing; the first look-up waits for all of them."""

    def __init__(self, receiver: Connection, process: multiprocessing.Process):
        self._receiver, self._process = receiver, process
        self._charts: dict[str, bytes] | None = None
        self._failure: str | None = None

    def _all(self) -> dict[str, bytes]:
        if self._charts is None and self._failure is None:
            outcome, value = self._receiver.recv()
            if outcome == "error":
                self._failure = value
            else:
                self._charts = value
        if self._failure is not None:  # every look-up says the same, so the message names one failure
            raise RuntimeError(f"drawing the charts failed: {self._failure}")
        assert self._charts is not None
        return self._charts

    def __getitem__(self, chart_id: str) -> bytes:
        return self._all()[chart_id]

    def __iter__(self) -> Iterator[str]:
        return iter(self._all())

    def __len__(self) -> int:
        return len(self._all())

    def close(self) -> None:
        self._receiver.close()
        self._process.terminate()  # a no-op once it has sent the charts and exited
        self._process.join()


def _draw(report: Report, sender: Connection, parent: int) -> None:
    """In the child process: draw every chart and send them (or what went wrong) to the parent."""
    from reportgen.writers.pdf.charts import render_charts

    exit_with_parent(parent)  # a killed build must not leave a drawer behind
    try:
        sender.send(("ok", render_charts(report)))
    except Exception as exc:  # reported by the parent as a failed chart fetch, which fails the build
        sender.send(("error", f"{type(exc).__name__}: {exc}"))
    finally:
        sender.close()


@contextlib.contextmanager
def _charts_alongside(report: Report) -> Iterator[Mapping[str, bytes]]:
    """Draw the charts in a forked child while the caller typesets; draw them here if forking is
    not possible (no fork on this platform, or this process is a daemon, e.g. a Dask worker)."""
    try:
        context = multiprocessing.get_context("fork")
        receiver, sender = context.Pipe(duplex=False)
        process = context.Process(target=_draw, args=(report, sender, os.getpid()), daemon=True)
        process.start()
    except (ValueError, AssertionError, OSError):
        process = None
    if process is None:
        from reportgen.writers.pdf.charts import render_charts

        yield render_charts(report)
        return
    sender.close()
    pending = _PendingCharts(receiver, process)
    try:
        yield pending
    finally:
        pending.close()
