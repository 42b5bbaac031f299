"""The private URL schemes of the PDF's HTML: the charts and logos it loads, and its links into other parts.

The HTML links each chart by id and each logo by its role, and the fetcher serves them from
memory (a logo's bytes are the brand's: no file is read while typesetting); both need the scheme, and
the HTML is also made where WeasyPrint is never imported (a build's planning), so it lives here.
A part laid out on its own cannot link to an anchor another part holds (WeasyPrint would refuse
it); such a link is written as ``reportgen-dest:ANCHOR``, which WeasyPrint keeps as a URI, and
assembly turns it back into a link to the named destination (``assemble.py``).
"""

from __future__ import annotations

from urllib.parse import quote

CHART_SCHEME = "reportgen-chart"
IMAGE_SCHEME = "reportgen-image"
DEST_SCHEME = "reportgen-dest"


def chart_url(chart_id: str) -> str:
    return f"{CHART_SCHEME}:{quote(chart_id, safe='')}"


def image_url(role: str) -> str:
    """The URL of one of the brand's images ("logo-large", "client-logo"...)."""
    return f"{IMAGE_SCHEME}:{role}"
