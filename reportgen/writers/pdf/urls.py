"""The private URL scheme the PDF's HTML loads its charts from.

The HTML links each chart by id and the fetcher serves it from memory; both need the scheme, and
the HTML is also made where WeasyPrint is never imported (a build's planning), so it lives here.
"""

from __future__ import annotations

from urllib.parse import quote

CHART_SCHEME = "reportgen-chart"


def chart_url(chart_id: str) -> str:
    return f"{CHART_SCHEME}:{quote(chart_id, safe='')}"
