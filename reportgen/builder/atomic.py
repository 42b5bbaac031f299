"""Atomic file output: a reader never sees a half-written deliverable.

Every output is written to a temporary file in the destination folder and renamed over the
target, so an interrupted or failed build leaves the previous file intact.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

TEMP_PREFIX = ".reportgen-tmp-"


def atomic_write(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=TEMP_PREFIX, dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def remove_temp_files(folder: Path) -> None:
    """Delete temp files left by a process killed between write and rename."""
    if folder.is_dir():
        for stale in folder.rglob(TEMP_PREFIX + "*"):
            stale.unlink(missing_ok=True)
