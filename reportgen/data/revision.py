"""A report edition named on the command line: a folder, an id, or ``REPORT@REV``.

``REPORT@REV`` is the report folder as it was at a git revision (a hash, ``HEAD~1``, a tag,
a branch) of the repository that contains it. It is read with git's plumbing (``rev-parse``,
``ls-tree``, ``cat-file``) into a temporary folder and analysed there: nothing is checked out,
the working tree and the index are never touched, and the committed bytes are read as they are
(no ``.gitattributes`` filter or export rule applies).
"""

from __future__ import annotations

import os
import subprocess
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace
from pathlib import Path, PurePosixPath

from reportgen.data import Analysis, analyse
from reportgen.data.load import display_path, resolve_report
from reportgen.errors import Problem, ReportError


@dataclass(frozen=True)
class LoadedEdition:
    """An analysed edition and where it came from."""

    ref: str  # as given
    folder: Path  # the report folder it names, in the working tree (it may no longer exist there)
    revision: str | None  # the commit read, None for the working tree
    analysis: Analysis
    tree: str | None = None  # the git tree of the folder at that commit: a hash of exactly what was read


def split_ref(ref: str, base: Path = Path()) -> tuple[str, str | None]:
    """``REPORT@REV`` -> (REPORT, REV); a plain folder or id (or an existing path with an ``@``) -> (ref, None).

    REPORT ends at the first ``@``, so that a revision may hold one (``HEAD@{1}``), unless a longer
    prefix is an existing folder (a folder name with an ``@`` in it). Relative paths are taken
    from ``base`` (the working directory on the command line, the report folder in ``previous:``).
    """
    if "@" not in ref or (base / ref).exists():
        return ref, None
    cuts = [k for k, char in enumerate(ref) if char == "@"]
    cut = next((k for k in reversed(cuts) if (base / ref[:k]).is_dir()), cuts[0])
    report, rev = ref[:cut], ref[cut + 1 :]
    if not report or not rev:
        raise ReportError(Problem(ref, "", "expected REPORT@REV, e.g. data/latam-cgt@HEAD~1 or latam-cgt@v2025"))
    return report, rev


def open_edition(ref: str, data_dir: Path) -> LoadedEdition:
    """Load, check and compute the edition ``ref`` names; ReportError when it is invalid.

    An edition is compared as it is: the ``previous:`` it names itself is not read.
    """
    report, rev = split_ref(ref)
    if rev is None:
        folder = resolve_report(report, data_dir)
        return LoadedEdition(ref, folder, None, analyse(folder, previous=False))
    return open_revision(_named_folder(report, data_dir), rev, ref)


def open_revision(folder: Path, rev: str, ref: str) -> LoadedEdition:
    """The report ``folder`` as committed at ``rev`` (its ``previous:`` not read); problems name ``ref``."""
    top, rel = repository_of(folder, ref)
    commit = resolve_revision(top, rev, ref)
    label = f"{rev}:{rel}" if rel != "." else f"{rev}:"
    with exported(top, commit, rel, ref) as copy:
        try:
            analysis = analyse(copy, previous=False)
        except ReportError as exc:
            raise ReportError([_relabel(p, copy, label) for p in exc.problems]) from None
    analysis = replace(analysis, warnings=tuple(_relabel(p, copy, label) for p in analysis.warnings))
    return LoadedEdition(ref, folder, commit, analysis, tree_of(top, commit, rel))


def tree_of(top: Path, commit: str, rel: str) -> str:
    """The id of the git tree ``rel`` is at ``commit``: it changes exactly when a file in it does."""
    done = _git(top, "rev-parse", "--verify", "--quiet", "--end-of-options", f"{commit}:{'' if rel == '.' else rel}")
    return done.stdout.decode().strip()


def _named_folder(report: str, data_dir: Path) -> Path:
    """The folder REPORT names; unlike ``resolve_report`` it need not exist now (removed since REV)."""
    candidate = Path(report)
    if candidate.is_dir():
        return candidate
    by_id = data_dir / report
    if by_id.is_dir() or len(candidate.parts) == 1:
        return by_id
    return candidate


def _git(cwd: Path, *args: str, stdin: bytes | None = None) -> subprocess.CompletedProcess[bytes]:
    env = {**os.environ, "GIT_OPTIONAL_LOCKS": "0"}  # a read must not even refresh the index
    try:
        return subprocess.run(["git", *args], cwd=cwd, input=stdin, capture_output=True, check=False, env=env)
    except FileNotFoundError:
        raise ReportError(Problem("git", "", "git is not installed: it is needed to read REPORT@REV")) from None


def repository_of(folder: Path, ref: str) -> tuple[Path, str]:
    """The top of the git work tree containing ``folder``, and the folder's path in it (posix, "." for the top)."""
    target = folder.resolve()
    probe = target
    while not probe.is_dir() and probe != probe.parent:
        probe = probe.parent
    done = _git(probe, "rev-parse", "--show-toplevel")
    if done.returncode != 0:
        raise ReportError(Problem(ref, "", f"{display_path(folder)} is not in a git repository"))
    top = Path(done.stdout.decode().strip()).resolve()
    try:
        rel = target.relative_to(top).as_posix() or "."
    except ValueError:
        raise ReportError(Problem(ref, "", f"{display_path(folder)} is not in the git repository at {top}")) from None
    return top, rel


def resolve_revision(top: Path, rev: str, ref: str) -> str:
    """The commit hash ``rev`` names in the repository at ``top``."""
    if rev.startswith("-"):
        raise ReportError(Problem(ref, "", f"unknown revision {rev!r}"))
    done = _git(top, "rev-parse", "--verify", "--quiet", "--end-of-options", f"{rev}^{{commit}}")
    if done.returncode != 0:
        raise ReportError(Problem(ref, "", f"unknown revision {rev!r} in the git repository at {top}"))
    return done.stdout.decode().strip()


@contextmanager
def exported(top: Path, commit: str, rel: str, ref: str) -> Iterator[Path]:
    """The folder ``rel`` as committed in ``commit``, written to a temporary folder (removed after)."""
    kind = _git(top, "cat-file", "-t", f"{commit}:{'' if rel == '.' else rel}")
    if kind.returncode != 0 or kind.stdout.strip() != b"tree":
        raise ReportError(Problem(ref, "", f"no folder {rel} at {ref.rsplit('@', 1)[1]} ({commit[:12]})"))
    listing = _git(top, "ls-tree", "-r", "-z", "--full-tree", commit, "--", "." if rel == "." else rel)
    if listing.returncode != 0:
        raise ReportError(Problem(ref, "", f"git ls-tree failed: {listing.stderr.decode().strip()}"))
    blobs: list[tuple[str, str]] = []  # (object, path below rel)
    for entry in listing.stdout.split(b"\0"):
        if not entry:
            continue
        meta, path = entry.decode().split("\t", 1)
        mode, kind_, obj = meta.split()
        if kind_ == "blob" and mode != "120000":  # files; not symlinks or submodules
            blobs.append((obj, path if rel == "." else str(PurePosixPath(path).relative_to(rel))))
    contents = _git(top, "cat-file", "--batch", stdin="".join(f"{obj}\n" for obj, _ in blobs).encode())
    if contents.returncode != 0:
        raise ReportError(Problem(ref, "", f"git cat-file failed: {contents.stderr.decode().strip()}"))
    with tempfile.TemporaryDirectory(prefix="reportgen-rev-") as tmp:
        root = Path(tmp) / (PurePosixPath(rel).name or "report")
        root.mkdir()
        data, at = contents.stdout, 0
        for _, path in blobs:
            header_end = data.index(b"\n", at)
            size = int(data[at:header_end].split()[2])
            body = data[header_end + 1 : header_end + 1 + size]
            at = header_end + 1 + size + 1  # the body is followed by a newline
            dest = root / path
            dest.parent.mkdir(parents=True, exist_ok=True)
            dest.write_bytes(body)
        yield root


def _relabel(problem: Problem, copy: Path, label: str) -> Problem:
    """A problem found in the temporary copy, located as ``REV:path/in/repo``."""
    for shown in (str(copy), display_path(copy), str(copy.resolve())):
        if problem.path == shown or problem.path.startswith(shown + os.sep):
            rest = problem.path[len(shown) :].lstrip(os.sep).replace(os.sep, "/")
            joined = f"{label.rstrip('/')}/{rest}" if rest and not label.endswith(":") else f"{label}{rest}"
            return replace(problem, path=joined)
    return problem
