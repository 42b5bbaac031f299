"""Hypothesis settings of every property test: the same examples on every run of ``make test``,
new random ones in ``make fuzz``.

``make test`` must give the same result every run and finish in minutes, so there the
generators are derandomized (a fixed seed derived from each test) and their example counts
bounded. ``make fuzz`` (``REPORTGEN_FUZZ=1``) draws fresh random examples, many more of them, with
no per-test time limit: the long hunt for new failures, whose finds become fixed tests.
"""

from __future__ import annotations

import os

from hypothesis import HealthCheck, Phase, settings

FUZZ = os.environ.get("REPORTGEN_FUZZ") == "1"

_SUPPRESSED = [HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.filter_too_much]


def examples(ci: int, fuzz: int) -> settings:
    """Settings running ``ci`` fixed examples in ``make test`` or ``fuzz`` random ones in ``make fuzz``.

    ``make test`` does not shrink a failing example: its examples are the same every run, so the
    failure reproduces as it is, and shrinking a build can take many minutes (each step is a build);
    ``make fuzz`` shrinks what it finds to its simplest form."""
    phases = tuple(Phase) if FUZZ else (Phase.explicit, Phase.reuse, Phase.generate)
    return settings(max_examples=fuzz if FUZZ else ci, derandomize=not FUZZ, database=None, deadline=None, print_blob=True,
                    suppress_health_check=_SUPPRESSED, phases=phases)
