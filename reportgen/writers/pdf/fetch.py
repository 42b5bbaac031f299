"""The only way WeasyPrint may load anything while it typesets a report.

WeasyPrint follows every URL it meets: stylesheets, fonts, images, and ``<link rel=attachment>``,
whose target it embeds into the PDF. Report strings are escaped before they reach the HTML, so
they cannot add such a link; this fetcher is the second wall. It serves exactly four things:
files under the asset folders (the PDF's templates: its stylesheet), the faces of the font stack
(the brand's and the fallbacks, ``typefaces.stack``, under a private scheme: no other font file
can be reached), the charts rendered for this report and the brand's logos (both from memory,
under private schemes). Paths are resolved (symlinks and ``..``) before the check, and every
other URL, whatever its scheme, is refused. WeasyPrint reports a refused fetch as an error in
its log, which the PDF writer turns into a failed build.
"""

from __future__ import annotations

import mimetypes
from collections.abc import Mapping
from pathlib import Path
from urllib.parse import unquote, urlsplit
from urllib.request import url2pathname

from weasyprint.urls import URLFetcher, URLFetcherResponse

from reportgen.model.brand import FontFace, Image
from reportgen.typefaces import face_bytes
from reportgen.writers.pdf.urls import CHART_SCHEME
from reportgen.writers.pdf.urls import chart_url as chart_url  # re-exported: the HTML's side of the scheme

TYPES = {".css": "text/css", ".ttf": "font/ttf", ".ttc": "font/otf", ".svg": "image/svg+xml"}  # a face of a .ttc is served alone


class RefusedURL(ValueError):
    """A URL outside the allowlist; WeasyPrint logs it and the writer fails the build."""


class SafeFetcher(URLFetcher):
    """Serves template assets, the font stack, in-memory charts and logos; refuses everything else."""

    def __init__(self, assets: tuple[Path, ...], charts: Mapping[str, bytes], images: Mapping[str, Image] | None = None,
                 fonts: Mapping[str, tuple[FontFace, str]] | None = None):
        super().__init__()
        self.assets = tuple(folder.resolve() for folder in assets)
        self.charts = charts
        self.images = dict(images or {})  # URL -> the brand's image, see html.image_urls
        self.fonts = dict(fonts or {})  # URL -> (face, the document's characters), see html.font_urls

    def fetch(self, url: str, headers: dict | None = None) -> URLFetcherResponse:
        if url in self.fonts:
            face, characters = self.fonts[url]
            return URLFetcherResponse(url, face_bytes(face, characters), {"Content-Type": _content_type(face.path)})
        if url in self.images:
            image = self.images[url]
            return URLFetcherResponse(url, image.data, {"Content-Type": image.type})
        parts = urlsplit(url)
        if parts.scheme == CHART_SCHEME:
            chart_id = unquote(parts.path)
            if chart_id not in self.charts:
                raise RefusedURL(f"no chart {chart_id!r} was rendered for this report")
            return URLFetcherResponse(url, self.charts[chart_id], {"Content-Type": "image/svg+xml"})
        if parts.scheme == "file" and parts.netloc in ("", "localhost"):
            path = Path(url2pathname(unquote(parts.path))).resolve()
            if any(path.is_relative_to(folder) for folder in self.assets):
                return URLFetcherResponse(url, path.read_bytes(), {"Content-Type": _content_type(path)})
        raise RefusedURL(f"refused to fetch {url!r}: only template assets, the font stack, charts and the brand's logos may be loaded")


def _content_type(path: Path) -> str:
    return TYPES.get(path.suffix.lower()) or mimetypes.guess_type(path.name)[0] or "application/octet-stream"
