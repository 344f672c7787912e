"""Handing freed memory back to the system, for long-lived processes whose peaks come and go.

CPython frees objects as soon as nothing holds them, but the C library keeps the freed heap
for reuse (and with several threads, one heap per thread), so a process's resident memory
follows its high-water mark. A segment writer between two segments, or a web worker whose
old generation has just been let go, would otherwise weigh what it weighed at its busiest.
"""

from __future__ import annotations

import contextlib
import ctypes
import gc
import mmap
from collections.abc import Iterable


def give_back_memory() -> None:
    """Collect what only cycles hold, then return the C library's free heap to the system.
    Where the C library is not glibc there is no `malloc_trim`, and nothing more to do."""
    gc.collect()
    with contextlib.suppress(AttributeError, OSError):
        ctypes.CDLL(None).malloc_trim(0)


def give_back_pages(maps: Iterable[mmap.mmap]) -> None:
    """Hand the pages read so far through file maps back to the page cache: they stop counting
    in this process's memory and are read again from the cache if needed."""
    if hasattr(mmap, "MADV_DONTNEED"):
        for mapped in maps:
            mapped.madvise(mmap.MADV_DONTNEED)
