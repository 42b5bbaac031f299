"""The edition a report replaces (``report.yaml: previous``) and what changed since it.

After a data update the client and the analyst want to know what moved, so a report may name
its previous edition: a folder, or ``REPORT@REV`` (the folder as committed at a git revision,
read with git's plumbing, nothing checked out). It is read with the data layer's own rules and
its ``previous:`` is not followed, so editions never chain. What keeps it from being compared
is an error located at ``report.yaml: previous`` that says why: a revision git does not know, a
folder that is not there, or the previous edition's own invalid file and field. What is read
is kept for the build to hash (its folder's files, or the git tree of the revision), so that a changed
previous edition rebuilds the outputs that state the changes, and nothing else does.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from reportgen.data.changes import EditionDiff, diff_editions
from reportgen.data.compute import ComputedReport
from reportgen.data.load import display_path
from reportgen.data.schema import Previous
from reportgen.errors import Problem, ReportError

FIELD = "previous"


@dataclass(frozen=True)
class PreviousEdition:
    """The previous edition as read, and every change from it to this edition."""

    ref: str  # as written in report.yaml
    threshold: float  # result moves below it (relative, a fraction) are not stated
    computed: ComputedReport  # the previous edition (for a revision, its folder no longer exists)
    diff: EditionDiff  # previous -> this edition, every change: the deliverables apply ``threshold``
    tree: str | None = None  # for REPORT@REV: the git tree read, which the build hashes instead
    revision: str | None = None  # for REPORT@REV: the commit


def previous_edition(data: ComputedReport) -> tuple[PreviousEdition | None, list[Problem]]:
    """The edition ``data`` names in ``previous:`` (None when it names none) and warnings about
    it; ReportError, located at ``report.yaml: previous``, when it cannot be compared."""
    spec: Previous | None = data.meta.previous
    if spec is None:
        return None, []
    where = display_path(data.source.report_path)
    try:
        loaded = _load(data.source.folder, spec.edition)
    except ReportError as exc:
        raise ReportError([Problem(where, FIELD, _cause(spec.edition, p)) for p in exc.problems]) from None
    before, tree, revision = loaded
    old, new = before.meta, data.meta
    if old.currency.code != new.currency.code:
        raise ReportError(Problem(where, FIELD, f"{spec.edition} is in {old.currency.code} and this edition in "
                                                f"{new.currency.code}: figures in two currencies cannot be compared"))
    warnings = []
    if old.id != new.id:
        warnings.append(Problem(where, FIELD, f"{spec.edition} is the report {old.id!r}, not {new.id!r}: is it the right edition?",
                                "warning"))
    if old.edition > new.edition:
        warnings.append(Problem(where, FIELD, f"{spec.edition} is dated {old.edition}, after this edition ({new.edition})",
                                "warning"))
    diff = diff_editions(before, data, spec.edition, "")
    return PreviousEdition(spec.edition, spec.threshold / 100, before, diff, tree, revision), warnings


def _load(folder: Path, ref: str) -> tuple[ComputedReport, str | None, str | None]:
    """The computed edition ``ref`` names from the report ``folder``, its git tree and commit (for a revision)."""
    from reportgen.data import analyse  # the data layer's entry point, which calls this module
    from reportgen.data.revision import open_revision, split_ref

    report, rev = split_ref(ref, folder)
    target = _folder(folder, report)
    if rev is not None:
        loaded = open_revision(target, rev, ref)
        return loaded.analysis.computed, loaded.tree, loaded.revision
    if not target.is_dir():
        raise ReportError(Problem(ref, "", f"no such folder: {display_path(target)}"))
    if target.resolve() == folder.resolve():
        raise ReportError(Problem(ref, "", "this is the report's own folder; name an earlier edition: a copy, or "
                                           "the folder at a git revision such as .@HEAD~1"))
    computed = analyse(target, previous=False).computed
    return computed, None, None


def _folder(folder: Path, report: str) -> Path:
    """REPORT relative to the report folder (or absolute); a bare name that is no folder inside it
    is a report beside it (``latam-cgt@v2025.1`` from ``data/latam-cgt``)."""
    path = Path(report)
    inside = folder / path
    if inside.is_dir() or path.is_absolute() or len(path.parts) != 1 or report in (".", ".."):
        return inside
    return folder.parent / path


def _cause(ref: str, problem: Problem) -> str:
    """Why the previous edition cannot be read, on one line; a problem in one of its files keeps
    that file's own location (``REV:path`` for a revision)."""
    return str(problem) if problem.path == ref else f"the edition {ref} is invalid: {problem}"
