"""How long one search may take, and the limits that keep its shape from costing more.

A search that runs past its budget ends with what it has and says so (`timed_out`), so
one pathological query cannot hold a worker for half a minute while readers wait behind
it. The limits here and in `search.models` (`MAX_RESULT_DEPTH`, `MAX_FACET_LIMIT`) keep
every query shape well inside the budget; the deadline catches whatever still gets
through. See docs/search.md ("Bounded queries").
"""

from __future__ import annotations

import time
from dataclasses import dataclass

#: Seconds a search may take by default (`serve --search-budget`, `BROADSHEET_SEARCH_BUDGET`).
DEFAULT_SECONDS = 3.0
#: Words with `*` or `~` expanded per query: each stands for up to 64 index terms.
MAX_EXPANDED_TERMS = 8
#: The notice a search that ran out of time carries.
TIMED_OUT_NOTICE = "The search took too long and was stopped; these results may be incomplete."


@dataclass(frozen=True, slots=True)
class Deadline:
    """A moment on the monotonic clock after which a search stops adding work."""

    at: float

    @classmethod
    def after(cls, seconds: float) -> Deadline:
        return cls(time.monotonic() + seconds)

    def remaining(self) -> float:
        """Seconds left, never below zero."""
        return max(0.0, self.at - time.monotonic())

    def passed(self) -> bool:
        return time.monotonic() >= self.at
