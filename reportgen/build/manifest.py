"""``manifest.json``: one per output root, one entry per output.

Each entry records the output's sha256 and size, the hash of its inputs (and the inputs
themselves, so ``--dry-run`` can say what changed), how long it took and the warnings the
data checks raised. Keys are sorted so the file diffs well; it is rewritten atomically after
every finished output, so an interrupted build leaves it consistent with the files on disk.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from reportgen.build.atomic import atomic_write

MANIFEST = "manifest.json"
SCHEMA_VERSION = 1


class Manifest:
    def __init__(self, root: Path):
        self.root = root
        self.path = root / MANIFEST
        self.outputs: dict[str, dict[str, Any]] = {}
        if self.path.is_file():
            try:
                data = json.loads(self.path.read_text())
                if data.get("version") == SCHEMA_VERSION:
                    self.outputs = dict(data.get("outputs", {}))
            except (ValueError, OSError):
                self.outputs = {}  # unreadable: everything is rebuilt, nothing is lost

    def get(self, rel: str) -> dict[str, Any] | None:
        return self.outputs.get(rel)

    def record(self, rel: str, entry: dict[str, Any]) -> None:
        self.outputs[rel] = entry
        self.save()

    def save(self) -> None:
        data = {"version": SCHEMA_VERSION, "outputs": self.outputs}
        atomic_write(self.path, (json.dumps(data, indent=2, sort_keys=True) + "\n").encode())
