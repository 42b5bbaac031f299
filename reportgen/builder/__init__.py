"""The builder: from report references to up-to-date outputs, in parallel and incrementally.

A build is planned first (``plan``: which outputs exist, which are stale and why), then executed
(``execute``: every stale output rendered on an executor, the local process pool or Dask, and
recorded in the output root's manifest). ``clean`` removes what builds wrote.
"""

from reportgen.builder.clean import clean
from reportgen.builder.execution import Event, Summary, execute, useful_workers
from reportgen.builder.planning import Job, Options, Plan, Unit, describe, output_rel, plan, settled

__all__ = ["Event", "Job", "Options", "Plan", "Summary", "Unit", "clean", "describe", "execute", "output_rel", "plan", "settled",
           "useful_workers"]
