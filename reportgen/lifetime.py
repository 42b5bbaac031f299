"""Child processes that never outlive the process that started them.

A build forks workers (the local pool) and the PDF writer forks a chart drawer. If the parent is
killed outright (``kill -9``, the OOM killer), nothing runs its clean-up, and a forked child would
live on: holding the terminal's stdout open, burning a core, even writing an output after the
build is gone. On Linux the kernel can kill a child when its parent dies (``PR_SET_PDEATHSIG``);
elsewhere a daemon thread notices that the process was re-parented and exits.
"""

from __future__ import annotations

import ctypes
import os
import signal
import sys
import threading
import time

PR_SET_PDEATHSIG = 1  # <linux/prctl.h>
POLL_SECONDS = 0.5


def exit_with_parent(parent: int) -> None:
    """Make this (freshly forked) process die with ``parent``, the pid that forked it."""
    if sys.platform.startswith("linux"):
        libc = ctypes.CDLL(None, use_errno=True)
        if libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0) == 0:
            if os.getppid() != parent:  # the parent died between fork and prctl
                os._exit(1)
            return
    threading.Thread(target=_watch, args=(parent,), daemon=True, name="exit-with-parent").start()


def _watch(parent: int) -> None:
    while os.getppid() == parent:
        time.sleep(POLL_SECONDS)
    os._exit(1)
