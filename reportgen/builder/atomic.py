"""Atomic file output: a reader never sees a half-written deliverable.

Every output is written to a temporary file in the destination folder and renamed over the
target, so an interrupted or failed build leaves the previous file intact.

Builds share output roots (client editions built at once, CI jobs on one volume), so a temporary
file names the process writing it: ``.reportgen-tmp-<host>-<pid>-<start>-<random>``, where
``start`` is the process's start time (a pid is reused; a pid and its start time are not). A
build clears only temporary files whose writer no longer runs on this host: ones its own killed
workers left, or a crashed build's, never those another live build is about to rename.
"""

from __future__ import annotations

import os
import re
import socket
import tempfile
from pathlib import Path

TEMP_PREFIX = ".reportgen-tmp-"
_OWNER = re.compile(re.escape(TEMP_PREFIX) + r"(?P<host>[A-Za-z0-9_.]+)-(?P<pid>\d+)-(?P<start>\d+)-")


def _host() -> str:
    return re.sub(r"[^A-Za-z0-9_.]", "_", socket.gethostname()) or "host"


def _start_time(pid: int) -> int | None:
    """When process ``pid`` started (clock ticks since boot), or None if it is not running: gone,
    or a zombie waiting to be reaped. Without /proc (not Linux), 0 for any process that exists."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except FileNotFoundError:
        return None
    except OSError:
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return None
        except PermissionError:
            pass
        return 0
    return None if fields[0] in ("Z", "X") else int(fields[19])


def _prefix() -> str:
    """This process's temporary-file prefix (computed per call: a forked worker has its own pid)."""
    pid = os.getpid()
    return f"{TEMP_PREFIX}{_host()}-{pid}-{_start_time(pid) or 0}-"


def atomic_write(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=_prefix(), dir=path.parent)
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


def orphaned(name: str) -> bool:
    """Whether a temporary file's writer is gone: a process of this host that no longer runs (or
    a file named by an older reportgen, which did not say). Another host's files are left to it."""
    owner = _OWNER.match(name)
    if owner is None:
        return True
    if owner["host"] != _host():
        return False
    return _start_time(int(owner["pid"])) != int(owner["start"])


def remove_temp_files(folder: Path) -> None:
    """Delete the temporary files under ``folder`` whose writer died between write and rename
    (killed workers, a crashed build); files of builds still running are theirs to rename."""
    if folder.is_dir():
        for stale in folder.rglob(TEMP_PREFIX + "*"):
            if orphaned(stale.name):
                stale.unlink(missing_ok=True)
