"""Error types shared by every stage.

Every problem a user can cause is reported as ``path: field: problem`` so that an analyst
can open the file and fix the field without reading a traceback.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Problem:
    """One finding about a report's input: where it is and what is wrong."""

    path: str
    field: str
    message: str
    severity: str = "error"  # "error" or "warning"

    def __str__(self) -> str:
        location = f"{self.path}: {self.field}" if self.field else self.path
        return f"{location}: {self.message}"


class ReportError(Exception):
    """Invalid input: one or more error-level problems. Maps to exit code 2."""

    def __init__(self, problems: list[Problem] | Problem):
        self.problems = [problems] if isinstance(problems, Problem) else list(problems)
        super().__init__("\n".join(str(p) for p in self.problems))


class BuildError(Exception):
    """A writer could not produce a correct output. Maps to exit code 1."""
