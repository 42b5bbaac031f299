"""``manifest.json``: one per output root, one entry per output.

Each entry records the output's sha256 and size, the hash of its inputs (and the inputs
themselves, so ``--dry-run`` can say what changed), how long it took and the warnings the
data checks raised. Keys are sorted so the file diffs well.

Several builds may share one output root (a CI matrix of formats, two analysts, a Dask batch
beside a local one). So the file is never written from a stale copy: every change re-reads it
and writes it back (atomically) under an exclusive lock on ``.manifest.lock`` in the same
folder, merging rather than overwriting what another build recorded meanwhile. A manifest that
cannot be read as one (garbage, a JSON list, another version) is treated as empty, which only
means rebuilding; one that cannot be written (a folder in its place, no permission, a full disk)
is a one-line ``BuildError``, and the previous file stays as it was.

Writing the file costs in proportion to its entries, so a batch of thousands of outputs would
pay the square of its size if every output rewrote it: a build writes its first entry at once,
then the entries that finished meanwhile together, once the last write is at least
``FLUSH_SECONDS`` (or ten times what that write took) ago, and the rest when it ends
(``flush``). An output whose entry is lost with a killed build is only rebuilt by the next.
"""

from __future__ import annotations

import contextlib
import fcntl
import json
import math
import os
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from reportgen.builder.atomic import atomic_write
from reportgen.errors import BuildError

MANIFEST = "manifest.json"
LOCK = ".manifest.lock"
SCHEMA_VERSION = 1
FLUSH_SECONDS = 1.0


class Manifest:
    def __init__(self, root: Path):
        self.root = root
        self.path = root / MANIFEST
        self.lock_path = root / LOCK
        self.outputs: dict[str, dict[str, Any]] = self._read()
        self._pending: dict[str, dict[str, Any]] = {}  # recorded, not yet written
        self._written = -math.inf  # when the file was last written (time.monotonic)
        self._cost = 0.0  # how long that took

    def get(self, rel: str) -> dict[str, Any] | None:
        return self.outputs.get(rel)

    def record(self, rel: str, entry: dict[str, Any]) -> None:
        """Add or replace one entry, keeping every entry another build recorded meanwhile; written
        now, or with the next entries when the last write was a moment ago (``flush`` writes it)."""
        self.outputs[rel] = self._pending[rel] = entry
        if time.monotonic() - self._written >= max(FLUSH_SECONDS, 10 * self._cost):
            self.flush()

    def flush(self) -> None:
        """Write the entries recorded since the last write, merged into the file as it is now."""
        if not self._pending:
            return
        started = time.monotonic()
        with self.locked():
            self.outputs = {**self._read(), **self._pending}
            self._write()
        self._pending = {}
        self._written = time.monotonic()
        self._cost = self._written - started

    def forget(self, rels: list[str]) -> None:
        """Drop entries (``clean``); the file goes when nothing is left in it."""
        with self.locked():
            self.outputs = {k: v for k, v in self._read().items() if k not in rels}
            if self.outputs:
                self._write()
            elif self.path.is_file():
                self.path.unlink()

    @contextlib.contextmanager
    def locked(self) -> Iterator[None]:
        """Hold the output root's manifest lock (blocking until another build releases it)."""
        try:
            self.root.mkdir(parents=True, exist_ok=True)
            fd = os.open(self.lock_path, os.O_RDWR | os.O_CREAT, 0o644)
        except OSError as exc:
            raise BuildError(f"{self.lock_path}: cannot create the manifest lock ({exc.strerror or exc})") from None
        try:
            fcntl.flock(fd, fcntl.LOCK_EX)
            yield
        finally:
            os.close(fd)  # closing releases the lock

    def check_writable(self) -> None:
        """Fail before any rendering when the manifest could not be saved afterwards."""
        with self.locked():
            if self.path.exists() and not self.path.is_file():
                raise BuildError(f"{self.path}: is not a file (remove it; the manifest is rewritten by the next build)")
            if not os.access(self.root, os.W_OK):
                raise BuildError(f"{self.root}: the output folder is not writable")

    def _read(self) -> dict[str, dict[str, Any]]:
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return {}  # missing or unreadable: everything is rebuilt, nothing is lost
        outputs = data.get("outputs") if isinstance(data, dict) and data.get("version") == SCHEMA_VERSION else None
        if not isinstance(outputs, dict):
            return {}
        return {k: v for k, v in outputs.items() if isinstance(k, str) and isinstance(v, dict)}

    def _write(self) -> None:
        data = {"version": SCHEMA_VERSION, "outputs": self.outputs}
        try:
            atomic_write(self.path, (json.dumps(data, indent=2, sort_keys=True) + "\n").encode())
        except OSError as exc:
            raise BuildError(f"{self.path}: cannot save the manifest ({exc.strerror or exc}); the previous one is kept") from None
