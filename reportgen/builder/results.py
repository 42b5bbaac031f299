"""What a build tells its caller: each deliverable (``Planned``, then ``Output``), progress as
outputs finish (``Progress``), and the whole (``BuildPlan``, ``BuildResult``).

These are the public API's result types (``reportgen.Output`` and the others): plain frozen
data that imports nothing of the builder, so ``import reportgen`` stays cheap. Paths are the
output root joined with the output's place under it (``<id>/[<variant>/][<lang>/]<id>.<ext>``).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from reportgen.errors import Problem

Status = Literal["built", "skipped", "failed"]


@dataclass(frozen=True)
class Planned:
    """One deliverable a build asks for, and whether it is rebuilt."""

    path: Path
    report: str  # the report's id
    variant: str | None  # None: the house edition
    language: str
    format: str  # pdf, pptx, xlsx or html
    reason: str | None  # why it is (re)built: 'new output', 'inputs changed: ...'; None: up to date

    @property
    def stale(self) -> bool:
        return self.reason is not None


@dataclass(frozen=True)
class Output(Planned):
    """One deliverable after the build: built, skipped (up to date) or failed."""

    status: Status
    sha256: str | None  # of the file (as recorded, when skipped); None when it failed
    size: int | None  # bytes; None when it failed
    seconds: float | None  # how long it took; None when skipped
    error: str | None = None  # why it failed
    layout: str = ""  # a PDF: how much was laid out now, e.g. 'laid out 1 of 15 parts (cover)'


@dataclass(frozen=True)
class Progress:
    """Passed to a build's ``progress`` callback each time an output is built or fails:
    ``done`` of ``total`` outputs to build have finished, ``elapsed`` seconds after the build started."""

    output: Output
    done: int
    total: int
    elapsed: float = 0.0


@dataclass(frozen=True)
class BuildPlan:
    """What a build would do (``reportgen.plan``): every deliverable asked for, and why the
    stale ones are rebuilt; nothing is written."""

    outputs: tuple[Planned, ...]
    warnings: tuple[Problem, ...] = ()  # editions that show data texts in English, variants' fixed languages
    problems: tuple[Problem, ...] = ()  # invalid input: why the reports in ``invalid`` are not built
    invalid: tuple[str, ...] = ()  # the reports (as asked for) that are not built

    @property
    def ok(self) -> bool:
        return not self.problems


@dataclass(frozen=True)
class BuildResult:
    """What a build did (``reportgen.build``): one ``Output`` per deliverable, in the order planned."""

    outputs: tuple[Output, ...]
    warnings: tuple[Problem, ...] = ()
    problems: tuple[Problem, ...] = ()  # invalid input: why the reports in ``invalid`` were not built
    invalid: tuple[str, ...] = ()
    seconds: float = 0.0

    @property
    def ok(self) -> bool:
        """Every deliverable asked for is built or up to date."""
        return not self.problems and not self.failed

    @property
    def built(self) -> list[Output]:
        return [o for o in self.outputs if o.status == "built"]

    @property
    def skipped(self) -> list[Output]:
        return [o for o in self.outputs if o.status == "skipped"]

    @property
    def failed(self) -> list[Output]:
        return [o for o in self.outputs if o.status == "failed"]

    @property
    def summary(self) -> str:
        """'built 2, skipped 7, failed 0' (', invalid 1' when a report was invalid)."""
        counts = [f"built {len(self.built)}", f"skipped {len(self.skipped)}", f"failed {len(self.failed)}"]
        return ", ".join(counts + ([f"invalid {len(self.invalid)}"] if self.invalid else []))

    @property
    def exit_code(self) -> int:
        """The command line's: 2 invalid input, 1 an output failed, 0 otherwise."""
        return 2 if self.problems else 1 if self.failed else 0
