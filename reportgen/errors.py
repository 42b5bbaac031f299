"""Error types shared by every stage.

Every problem a user can cause is reported as ``path: field: problem`` so that an analyst
can open the file and fix the field without reading a traceback.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from reportgen.builder.results import BuildPlan, BuildResult

SHOWN_LIMIT = 60  # characters of an offending value a message repeats


def shown(value: object, limit: int = SHOWN_LIMIT) -> str:
    """A value quoted for a message, cut to ``limit`` characters with '...'.

    Messages are single lines a person reads: a pasted paragraph or a 300-character id must not
    swamp them, and repr() shows control characters as escapes instead of printing them.
    """
    text = value if isinstance(value, str) else str(value)
    if len(text) > limit:
        text = text[: limit - 3] + "..."
    return repr(text)


def one_line(text: str) -> str:
    """``text`` with every control, format and separator character escaped (but plain spaces).

    File names, field names (a misspelt key is repeated) and messages may carry a newline, a
    NUL or a right-to-left override from the input; escaped, a problem stays one honest line.
    """
    return "".join(
        c if c == " " or unicodedata.category(c)[0] not in "CZ" else c.encode("unicode_escape").decode("ascii") for c in text
    )


@dataclass(frozen=True)
class Problem:
    """One finding about a report's input: where it is and what is wrong."""

    path: str
    field: str
    message: str
    severity: str = "error"  # "error" or "warning"

    def __str__(self) -> str:
        parts = [self.path, self.field, self.message] if self.field else [self.path, self.message]
        return ": ".join(one_line(p) for p in parts)


class ReportError(Exception):
    """Invalid input: one or more error-level problems. Maps to exit code 2.

    ``reportgen.build`` and ``reportgen.plan`` raise it once the valid reports of a batch are
    built (planned); ``result`` then holds what was done with them.
    """

    def __init__(self, problems: list[Problem] | Problem, result: BuildResult | BuildPlan | None = None):
        self.problems = [problems] if isinstance(problems, Problem) else list(problems)
        self.result = result
        super().__init__("\n".join(str(p) for p in self.problems))


class BuildError(Exception):
    """A writer could not produce a correct output. Maps to exit code 1."""
