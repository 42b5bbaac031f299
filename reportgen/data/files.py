"""Which files of a report folder may be read: regular files inside the folder, nothing else.

A report folder comes from analysts and, on a build server, from anyone who can open a pull
request, so a file's name proves nothing about it: ``content.yaml`` may be a link to
/etc/passwd (whose lines would come back as 'unknown field' errors), a link that loops, a
link to nothing, a FIFO (opening it blocks forever) or a device. Each is recognised from
``lstat``/``stat`` before anything opens it, and refused with a reason a person can act on.
A file is read only up to ``MAX_BYTES``: a 50 MB file is refused before it is parsed.
"""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

MAX_BYTES = 2_000_000  # a report file's size: 60 times latam-cgt's largest (30 kB), room for the text limit in any script

_NOT_REGULAR = {
    stat.S_ISDIR: "a folder",
    stat.S_ISFIFO: "a FIFO",
    stat.S_ISCHR: "a device",
    stat.S_ISBLK: "a device",
    stat.S_ISSOCK: "a socket",
}


def refusal(path: Path, folder: Path | None, directory: bool = False) -> str | None:
    """Why ``path`` may not be read as a report file (or, with ``directory``, listed as a
    sub-folder), or None when it may.

    With ``folder`` the file, once every link on its way is followed, must lie inside that
    folder; without it (a variants file given on the command line) only its kind is checked.
    """
    try:
        os.lstat(path)
    except FileNotFoundError:
        return "folder not found" if directory else "file not found"
    except OSError as exc:
        return f"cannot be examined ({exc.strerror})"
    try:
        real = path.resolve(strict=True)
    except FileNotFoundError:
        return "a link to a file that does not exist"
    except RuntimeError:  # Python before 3.13 reports a link loop so
        return "a link that loops back on itself"
    except OSError as exc:
        return "a link that loops back on itself" if exc.errno == errno.ELOOP else f"cannot be examined ({exc.strerror})"
    if folder is not None and not real.is_relative_to(folder.resolve()):
        return f"a link to a {'folder' if directory else 'file'} outside the report folder; only files inside the folder are read"
    mode = os.stat(real).st_mode
    if directory:
        return None if stat.S_ISDIR(mode) else "not a folder"
    if not stat.S_ISREG(mode):
        kind = next((name for test, name in _NOT_REGULAR.items() if test(mode)), "something else")
        return f"{kind}, not a plain file; only plain files are read"
    return None


class TooLarge(ValueError):
    """A file longer than ``MAX_BYTES``."""


def read_text(path: Path) -> str:
    """The UTF-8 text of a file ``refusal`` accepted; ``TooLarge`` beyond ``MAX_BYTES``.

    Opened non-blocking, so that a FIFO swapped in after the check cannot hang the read, and
    read no further than the limit, so that a file growing meanwhile cannot exhaust memory.
    """
    fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    with os.fdopen(fd, "rb") as f:
        data = f.read(MAX_BYTES + 1)
        if len(data) > MAX_BYTES:
            size = os.fstat(f.fileno()).st_size
            raise TooLarge(f"the file is {size / 1e6:.1f} MB, above the {MAX_BYTES / 1e6:g} MB a report file may hold "
                           "(docs/data-format.md, Size limits); is it the right file?")
    return data.decode("utf-8")

