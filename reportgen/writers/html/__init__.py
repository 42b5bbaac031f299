"""The web edition: the report model as one self-contained HTML file.

The page a publisher puts online for a report (headline figures, takeaways, the summary table,
segment insights, the regional view, the value chain, companies, the FAQ) written from the same
model as the PDF, the deck and the workbook, so it cannot drift from them. One file with
everything inline (stylesheet, embedded font subsets, charts as SVG, the logo as a data: URI):
it makes no request to any host, so it can be e-mailed, attached to a CI run or published as
is. ``render(report, live_script=...)`` adds the preview server's reload script; built editions
never carry one. ``render_problems`` is the preview's page while the data is invalid.
"""

from __future__ import annotations

from collections.abc import Sequence

from reportgen.model.brand import Colours
from reportgen.model.elements import Report
from reportgen.writers.html.page import render_page
from reportgen.writers.html.page import render_problems as _problems


def render(report: Report, *, live_script: str | None = None) -> bytes:
    """The edition as UTF-8 bytes; ``live_script`` is for ``reportgen preview`` only."""
    return render_page(report, live_script).encode("utf-8")


def render_problems(title: str, hint: str, lines: Sequence[str], colours: Colours, *, live_script: str | None = None) -> bytes:
    """A page that lists ``lines`` (``path: field: problem``) as text, in ``colours``, as UTF-8 bytes."""
    return _problems(title, hint, lines, colours, live_script).encode("utf-8")
