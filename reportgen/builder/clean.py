"""``reportgen clean``: remove what a build wrote, and nothing else."""

from __future__ import annotations

from pathlib import Path

from reportgen.builder.atomic import remove_temp_files
from reportgen.builder.cache import remove_cache
from reportgen.builder.manifest import Manifest


def clean(out: Path) -> list[str]:
    """Remove the outputs a manifest lists, the manifest, its lock, the layout cache and empty folders; nothing else.

    A manifest entry names a path under the output root; one that would resolve outside it (a
    hand-edited or foreign manifest) is never deleted.
    """
    if not out.is_dir():
        return []
    manifest = Manifest(out)
    root = out.resolve()
    removed = []
    listed = sorted(manifest.outputs)
    for rel in listed:
        path = out / rel
        if path.resolve().is_relative_to(root) and path.is_file() and not path.is_symlink():
            path.unlink()
            removed.append(rel)
    manifest.forget(listed)
    remove_cache(out)
    remove_temp_files(out)
    if not manifest.path.exists():
        manifest.lock_path.unlink(missing_ok=True)
    for folder in sorted((p for p in out.rglob("*") if p.is_dir()), key=lambda p: -len(p.parts)):
        if not any(folder.iterdir()):
            folder.rmdir()
    return removed
