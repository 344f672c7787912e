"""A limit on the time one input file may take, so that one pathological file cannot stall a run.

The limit counts the worker's CPU time (a profiling timer), not the clock: a busy
machine slows every file, and a legitimate file must not be skipped for that. It
grows with the file's size, since a 200 MB export legitimately takes minutes.

When time runs out the timer's signal raises `TimeLimitExceeded` in the reading
code. Python runs signal handlers between bytecodes, and the regular-expression
engine checks for signals every few thousand steps, so the exception also lands
inside a runaway pattern (measured: a quadratic `finditer` and an exponential
`(a+)+$` are both stopped at the limit). A C library that never checks, such as
lxml while it parses one page, delays the exception until that call returns;
those calls take time linear in their input, which the unpacking budget bounds.
"""

from __future__ import annotations

import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager

#: CPU seconds one file may take to read and extract, per MB on disk (at least this much in all).
DEFAULT_SECONDS_PER_MB = 60.0


class TimeLimitExceeded(BaseException):
    """Reading one file took longer than its limit. A BaseException, like KeyboardInterrupt,
    so that no reader's guard against bad input (`except Exception`) swallows it."""


def limit_for(size: int, seconds_per_mb: float) -> float:
    """The CPU seconds a file of `size` bytes may take: `seconds_per_mb` per MB, at least that."""
    return seconds_per_mb * max(1.0, size / 1_000_000)


@contextmanager
def time_limit(seconds: float | None) -> Iterator[None]:
    """Raise `TimeLimitExceeded` inside the block once it has used `seconds` of CPU time.

    No limit (the block runs to its end) when `seconds` is None or 0, or off the main
    thread, where Python cannot receive signals."""
    if not seconds or threading.current_thread() is not threading.main_thread():
        yield
        return

    def expire(signum: int, frame: object) -> None:
        raise TimeLimitExceeded(f"over {seconds:g} s")

    previous = signal.signal(signal.SIGPROF, expire)
    signal.setitimer(signal.ITIMER_PROF, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_PROF, 0)
        signal.signal(signal.SIGPROF, previous)
