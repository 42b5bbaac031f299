"""Rewrite a zip archive (an OOXML package) so that the same content always gives the same bytes.

Office files are zip archives, and zip members carry the wall-clock time they were written,
so two builds of the same deck or workbook differ even when every part is identical. This
module rewrites any archive with one fixed timestamp, fixed permission bits and a sorted member
order (``[Content_Types].xml`` first, where Office and LibreOffice expect it), so a build can be
compared byte for byte. It knows nothing about PowerPoint or Excel; any writer can use it.
"""

from __future__ import annotations

import io
import zipfile

FIXED_TIME = (1980, 1, 1, 0, 0, 0)  # the earliest time a zip entry can hold
FIRST = "[Content_Types].xml"
_MODE = 0o100644 << 16  # a regular file, rw-r--r--


def member_order(names: list[str]) -> list[str]:
    """Sorted names, with the OOXML content-types part first if present."""
    return sorted(names, key=lambda n: (n != FIRST, n))


def normalize(blob: bytes) -> bytes:
    """The archive's members, in a fixed order, with fixed metadata and maximum deflate compression."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(blob)) as src, zipfile.ZipFile(out, "w") as dst:
        names = [i.filename for i in src.infolist()]
        if len(set(names)) != len(names):
            raise ValueError("zip archive has duplicate member names")
        for name in member_order(names):
            info = zipfile.ZipInfo(name, FIXED_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.create_system = 3
            info.external_attr = _MODE
            dst.writestr(info, src.read(name), compresslevel=9)
    return out.getvalue()
