"""reportgen: market-research data in, client deliverables (PDF, deck, workbook, web edition) out.

The public API is what this module exports (docs/api.md)::

    import reportgen
    problems = reportgen.check("data/latam-cgt")
    result = reportgen.build("data/latam-cgt", formats=["pdf", "xlsx"], languages=["en", "es"], out="output")

Everything else is the implementation, which reads as its pipeline: ``data`` (load, validate,
compute) -> ``model`` (format-neutral report) -> ``writers`` (bytes per format) -> ``builder``
(planning, incremental builds, executors; what ``build`` runs) -> ``cli`` (the command line,
which calls these functions too). Importing this module is cheap: each function imports what it
needs when called.
"""

__version__ = "0.1.0"  # before the imports: modules behind them read it

from reportgen._api import build, check, plan
from reportgen.builder.results import BuildPlan, BuildResult, Output, Planned, Progress
from reportgen.errors import BuildError, Problem, ReportError

__all__ = [
    "BuildError",
    "BuildPlan",
    "BuildResult",
    "Output",
    "Planned",
    "Problem",
    "Progress",
    "ReportError",
    "__version__",
    "build",
    "check",
    "plan",
]
