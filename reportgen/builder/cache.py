"""The layout cache: each typeset PDF part, kept under the output root and found by content hash.

A part (``writers/pdf/parts.py``) is typeset again only when something it is made from changed:
its HTML (which holds its text, numbers and styles), the charts it shows, the logo, the PDF
variant, or the environment (reportgen's code, the templates, stylesheet and fonts, the versions
of WeasyPrint, pydyf and HarfBuzz, which measures the charts' labels). The key hashes exactly those; never a name or a time.

``OUT/.cache/pdf-parts/<key>.pdf`` holds the part, ``<key>.json`` its page types and anchors and
the PDF's sha256. Both are written atomically (temporary file, then rename) and the JSON last, so
a reader sees a whole entry or none, and an entry whose PDF does not match its JSON is a miss.
Several builds may share the cache (CI jobs, two analysts, Dask workers on a shared file system):
a write that fails, or an entry pruned under another build, only means laying that part out again.

The cache is bounded: after each build the least recently used entries (by the JSON's mtime,
touched on every hit) are removed until it holds at most ``REPORTGEN_PDF_CACHE_MB`` megabytes
(default 200; 0 turns the cache off).
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import shutil
import time
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from reportgen.builder.atomic import atomic_write
from reportgen.builder.digests import combined, package_data_digests, package_digest

if TYPE_CHECKING:  # the PDF writer is imported only by builds that lay a PDF out (not by a no-op build)
    from reportgen.writers.pdf.parts import PartResult, PartSpec

CACHE_DIR = Path(".cache") / "pdf-parts"
CAP_VARIABLE = "REPORTGEN_PDF_CACHE_MB"
DEFAULT_CAP_MB = 200
ORPHAN_SECONDS = 3600  # a PDF without its JSON this old was left by a killed build, not one writing now
FORMAT = 1  # of an entry; a new one makes old entries misses
LAYOUT_PACKAGES = ("weasyprint", "pydyf", "tinycss2", "cssselect2", "uharfbuzz")


def cap_bytes() -> int:
    """The cache's size limit: ``REPORTGEN_PDF_CACHE_MB`` (megabytes) or 200 MB."""
    raw = os.environ.get(CAP_VARIABLE, "")
    try:
        return max(0, int(raw)) * 2**20 if raw.strip() else DEFAULT_CAP_MB * 2**20
    except ValueError:
        return DEFAULT_CAP_MB * 2**20


@cache
def environment_digest() -> str:
    """What every part's layout depends on besides the part: code, package data, the typesetters."""
    from importlib.metadata import PackageNotFoundError, version  # only a build that lays a PDF out needs it

    inputs = {"package": package_digest(), **package_data_digests("pdf"), "format": str(FORMAT)}
    for name in LAYOUT_PACKAGES:
        try:
            inputs[f"version:{name}"] = version(name)
        except PackageNotFoundError:
            inputs[f"version:{name}"] = "absent"
    return combined(inputs)


def part_key(spec: PartSpec) -> str:
    return hashlib.sha256(f"{environment_digest()}\0{spec.digest}".encode()).hexdigest()


class PartCache:
    """The cache folder of one output root; ``enabled`` is False when the cap is 0."""

    def __init__(self, folder: Path, enabled: bool = True):
        self.folder = folder
        self.enabled = enabled

    @classmethod
    def of(cls, out: Path) -> PartCache:
        return cls(out / CACHE_DIR, cap_bytes() > 0)

    def get(self, key: str) -> PartResult | None:
        """The cached part, or None (missing, half-pruned, unreadable or not matching)."""
        if not self.enabled:
            return None
        from reportgen.writers.pdf.parts import PartResult

        meta_path = self.folder / f"{key}.json"
        try:
            meta = json.loads(meta_path.read_bytes())
            pdf = (self.folder / f"{key}.pdf").read_bytes()
            if meta["format"] != FORMAT or hashlib.sha256(pdf).hexdigest() != meta["sha256"]:
                return None
            result = PartResult(pdf, tuple(str(p) for p in meta["pages"]), {str(k): int(v) for k, v in meta["anchors"].items()})
        except (OSError, ValueError, TypeError, KeyError, AttributeError):
            return None
        with contextlib.suppress(OSError):
            os.utime(meta_path)  # recently used: pruned last
        return result

    def put(self, key: str, result: PartResult) -> None:
        """Keep a part; a cache that cannot be written (full disk, read-only root) is no error."""
        if not self.enabled:
            return
        meta = {"format": FORMAT, "sha256": hashlib.sha256(result.pdf).hexdigest(), "pages": list(result.pages),
                "anchors": dict(result.anchors)}
        with contextlib.suppress(OSError):
            atomic_write(self.folder / f"{key}.pdf", result.pdf)
            atomic_write(self.folder / f"{key}.json", json.dumps(meta, sort_keys=True).encode())

    def prune(self, cap: int) -> list[str]:
        """Remove the least recently used entries until the cache holds at most ``cap`` bytes;
        the keys removed."""
        entries = []
        for meta in self.folder.glob("*.json"):
            with contextlib.suppress(OSError):
                pdf = meta.with_suffix(".pdf")
                size = meta.stat().st_size + (pdf.stat().st_size if pdf.exists() else 0)
                entries.append((meta.stat().st_mtime, meta.stem, size))
        for pdf in self.folder.glob("*.pdf"):  # a PDF whose JSON never came (its build was killed)
            with contextlib.suppress(OSError):
                if not pdf.with_suffix(".json").exists() and time.time() - pdf.stat().st_mtime > ORPHAN_SECONDS:
                    pdf.unlink()
        entries.sort(reverse=True)  # newest first
        kept, removed = 0, []
        for _, key, size in entries:
            kept += size
            if kept > cap:
                for suffix in (".json", ".pdf"):  # the JSON first: the entry is gone before its PDF
                    (self.folder / f"{key}{suffix}").unlink(missing_ok=True)
                removed.append(key)
        return removed


def remove_cache(out: Path) -> None:
    """``reportgen clean``: the layout cache goes with the outputs."""
    shutil.rmtree(out / CACHE_DIR, ignore_errors=True)
