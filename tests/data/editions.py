"""Build editions of the made-up market in tmp: copy tests/fixtures/nordic-robotics, edit its YAML."""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path
from typing import Any

import yaml

from tests.conftest import NORDIC

COUNTRY, TYPE, BUYER = "dimensions/b-country.yaml", "dimensions/a-type.yaml", "dimensions/c-buyer.yaml"


def edition(root: Path, name: str, src: Path = NORDIC) -> Path:
    """A fresh copy of ``src`` at ``root/name``."""
    dest = root / name
    shutil.copytree(src, dest)
    return dest


def edit(folder: Path, file: str, change: Callable[[Any], None]) -> None:
    """Change one YAML file of an edition in place (comments are dropped)."""
    path = folder / file
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    change(data)
    path.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), encoding="utf-8")


def segment(data: dict, name: str) -> dict:
    return next(s for s in data["segments"] if s["name"] == name)


def set_shares(folder: Path, file: str, **shares: float) -> None:
    """Set segments' shares by name (underscores for spaces)."""

    def change(data: dict) -> None:
        for name, share in shares.items():
            segment(data, name.replace("_", " "))["share"] = share

    edit(folder, file, change)


def set_anchor(folder: Path, year: int, value: float) -> None:
    def change(data: dict) -> None:
        next(a for a in data["market"]["anchors"] if a["year"] == year)["value"] = value

    edit(folder, "report.yaml", change)


def anchor_and_two_shares(root: Path) -> tuple[Path, Path]:
    """Two editions: the 2026 anchor 905 -> 950, Denmark 22 -> 24 and Finland 12 -> 10."""
    old, new = edition(root, "old"), edition(root, "new")
    set_anchor(new, 2026, 950)
    set_shares(new, COUNTRY, Denmark=24, Finland=10)
    return old, new


def rename_remove_lead(root: Path) -> tuple[Path, Path]:
    """Two editions: 'Robotic arms' renamed 'Industrial arms', the buyer dimension removed, Denmark
    overtaking Sweden (and claimed so)."""
    old, new = edition(root, "old"), edition(root, "new")
    edit(new, TYPE, lambda d: segment(d, "Robotic arms").update(name="Industrial arms"))
    (new / BUYER).unlink()
    set_shares(new, COUNTRY, Sweden=20, Denmark=43)
    edit(new, COUNTRY, lambda d: d["claims"].update(leader="Denmark"))
    return old, new


def with_previous(root: Path, previous: str | dict = "../old") -> tuple[Path, Path]:
    """Two editions for the changes section, the new one naming the old as ``previous``: a year
    later, the 2026 anchor 905 -> 950, 'Robotic arms' renamed 'Industrial arms' with its share
    30 -> 28, the buyer dimension removed, and Denmark overtaking Sweden."""
    old, new = rename_remove_lead(root)
    set_anchor(new, 2026, 950)
    set_shares(new, TYPE, Industrial_arms=28)
    edit(new, "report.yaml", lambda d: d.update(edition="2024-03-15", previous=previous))
    return old, new


def git(repo: Path, *args: str) -> str:
    """Run git in ``repo`` as a test user; its output."""
    done = subprocess.run(["git", "-c", "user.name=Test", "-c", "user.email=test@example.com", *args], cwd=repo,
                          capture_output=True, text=True, check=True)
    return done.stdout


def committed_editions(root: Path) -> Path:
    """A repository at ``root`` with two commits of data/nordic-robotics: as shipped (tagged v1),
    then the 2026 anchor at 950."""
    shutil.copytree(NORDIC, root / "data" / "nordic-robotics")
    git(root, "init", "-q")
    git(root, "add", ".")
    git(root, "commit", "-q", "-m", "first edition")
    git(root, "tag", "v1")
    set_anchor(root / "data" / "nordic-robotics", 2026, 950)
    git(root, "commit", "-q", "-am", "second edition")
    return root
