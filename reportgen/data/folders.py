"""Where reports are: a report argument as a folder, the report folders of a data dir, the files
of a report, and paths as messages name them.

Nothing here parses a file, so a build that only has to see that its inputs are unchanged
(``build.planning``) finds and hashes a report without importing the schema or pydantic.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from reportgen.data.files import refusal
from reportgen.errors import Problem, ReportError

REPORT_FILE = "report.yaml"


def display_path(path: Path) -> str:
    """Path relative to the working directory when possible: shorter messages.

    Links are not followed: a message names the file the analyst sees, never a link's target.
    Bytes of a name that are not UTF-8 (Python keeps them as surrogates) are shown as ``\\xff``.
    """
    try:
        shown = str(Path(os.path.abspath(path)).relative_to(Path.cwd()))
    except ValueError:
        shown = str(path)
    return shown.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")


def other_spelling(path: Path) -> Path | None:
    """A file beside ``path`` named as it is but for the spelling of its YAML extension or its
    case (``content.yml``, ``Report.YAML``): the format reads ``.yaml`` files under their own names
    only, and says so rather than leave such a file out without a word."""
    wanted = path.name.lower().removesuffix(".yaml")
    try:
        names = sorted(os.listdir(path.parent))
    except OSError:
        return None
    return next((path.parent / n for n in names if n != path.name and n.lower() in (wanted + ".yaml", wanted + ".yml")), None)


def undecodable(folder: Path) -> list[Path]:
    """The report's files whose path is not valid UTF-8 (a name from an old archive or another
    system): every file is an input a build records by name, in UTF-8, so each is refused."""
    def decodable(path: Path) -> bool:
        try:
            path.relative_to(folder).as_posix().encode("utf-8")
        except UnicodeEncodeError:
            return False
        return True

    return [p for p in report_files(folder) if not decodable(p)]


def resolve_report(ref: str, data_dir: Path) -> Path:
    """A report argument is a folder path or an id under ``data_dir``.

    A folder counts as a report when anything named report.yaml is in it, even a broken link
    or a FIFO: loading then says what is wrong with it, rather than 'not found'.
    """
    candidate = Path(ref)
    if os.path.lexists(candidate / REPORT_FILE):
        return candidate
    by_id = data_dir / ref
    if os.path.lexists(by_id / REPORT_FILE):
        return by_id
    if candidate.is_dir() or by_id.is_dir():
        folder = candidate if candidate.is_dir() else by_id
        other = other_spelling(folder / REPORT_FILE)
        hint = f" ({other.name} is there: rename it {REPORT_FILE}, the only name read)" if other else ""
        raise ReportError(Problem(display_path(folder / REPORT_FILE), "", "file not found" + hint))
    known = ", ".join(list_reports(data_dir)) or "none"
    raise ReportError(Problem(ref, "", f"no such report: not a folder, and not an id under {display_path(data_dir)} (known: {known})"))


def list_reports(data_dir: Path) -> list[str]:
    """Ids of every report folder directly under ``data_dir``."""
    if not data_dir.is_dir():
        return []
    return sorted(p.name for p in data_dir.iterdir() if os.path.lexists(p / REPORT_FILE))


def refs_or_every_report(refs: list[str], data_dir: Path) -> list[str]:
    """The reports asked for, or when none is, every report under ``data_dir`` (a ReportError
    when there is none there either)."""
    found = refs or list_reports(data_dir)
    if not found:
        raise ReportError(Problem(display_path(data_dir), "", "no reports found"))
    return found


def report_files(folder: Path) -> list[Path]:
    """Every input file of the report in ``folder``, sorted: what a build of it depends on.

    Regular files inside the folder only: a link is taken only where it stays inside, and
    FIFOs and devices are skipped without being opened, so hashing them never blocks. ``rglob``
    never descends into a linked folder, so a plain file it finds (not a link) lies inside: only
    the others are resolved (``refusal``), which is most of what a build with nothing to do costs.
    """
    return sorted(p for p in folder.rglob("*") if not p.name.startswith(".") and (_plain(p) or refusal(p, folder) is None))


def _plain(path: Path) -> bool:
    """A regular file itself, not a link to one (``lstat``); False when it cannot be examined."""
    try:
        return stat.S_ISREG(os.lstat(path).st_mode)
    except OSError:
        return False
