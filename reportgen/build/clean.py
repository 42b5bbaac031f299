"""``reportgen clean``: remove what a build wrote, and nothing else."""

from __future__ import annotations

from pathlib import Path

from reportgen.build.atomic import remove_temp_files
from reportgen.build.manifest import Manifest


def clean(out: Path) -> list[str]:
    """Remove the outputs a manifest lists, the manifest and empty folders; nothing else."""
    manifest = Manifest(out)
    removed = []
    for rel in sorted(manifest.outputs):
        path = out / rel
        if path.is_file():
            path.unlink()
            removed.append(rel)
    remove_temp_files(out)
    if manifest.path.is_file():
        manifest.path.unlink()
    for folder in sorted((p for p in out.rglob("*") if p.is_dir()), key=lambda p: -len(p.parts)):
        if not any(folder.iterdir()):
            folder.rmdir()
    return removed

