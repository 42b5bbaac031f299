"""How the PDF writer's modules put their hooks into WeasyPrint: a function WeasyPrint looks up by
name is replaced by a wrapper around it, once per process however often a document is typeset.

``tagging``, ``shaping``, ``subsets`` and ``leaders`` each close a gap WeasyPrint leaves; this is
the one way they all install, so a hook is never wrapped twice and the original stays reachable.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any


def replace(owner: Any, name: str, wrap: Callable[[Callable], Callable]) -> None:
    """``owner.name`` (a module's function or a class's method) replaced by ``wrap(original)``, once per process."""
    original = getattr(owner, name)
    if getattr(original, "reportgen_original", None) is not None:
        return
    replacement = wrap(original)
    replacement.reportgen_original = original
    setattr(owner, name, replacement)
