"""The build's task queue: tasks wait here, by priority, and go to the executor a few at a time.

A PDF is many tasks (its parts, then its contents and chrome, then its assembly), and what runs
next matters: a report's largest tasks first, so the last one to finish is short, and the
finishing tasks of a PDF before new work, so outputs land early and memory stays flat. An
executor runs what it is given first come, first served, so the queue keeps only a little more
work in flight than there are workers and picks each next task itself.
"""

from __future__ import annotations

import heapq
import itertools
from collections.abc import Callable
from concurrent.futures import FIRST_COMPLETED, Future, wait
from typing import Any

from reportgen.builder.executors import Executor

Done = Callable[[Future], None]

FINISH = 0  # stage of tasks that complete an output already under way
START = 1  # stage of everything else


class TaskQueue:
    def __init__(self, executor: Executor):
        self.executor = executor
        self.width = executor.workers + 1  # one task ready beyond the busy workers: none idles while the queue refills
        self._waiting: list[tuple[tuple, int, Any, tuple, Done]] = []
        self._running: dict[Future, Done] = {}
        self._order = itertools.count()

    def submit(self, priority: tuple, fn: Any, args: tuple, done: Done) -> None:
        """Queue ``fn(*args)``; ``done(future)`` runs in this process when it has finished.
        Lower priorities go first; equal ones in the order they came."""
        heapq.heappush(self._waiting, (priority, next(self._order), fn, args, done))

    def run(self) -> None:
        """Until every task, including those queued by ``done`` callbacks, has finished."""
        while self._waiting or self._running:
            while self._waiting and len(self._running) < self.width:
                _, _, fn, args, done = heapq.heappop(self._waiting)
                self._running[self.executor.submit(fn, *args)] = done
            finished, _ = wait(list(self._running), return_when=FIRST_COMPLETED)
            for future in finished:
                self._running.pop(future)(future)
