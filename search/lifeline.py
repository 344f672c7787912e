"""Pool processes that end with the process that started them.

The build's readers and segment writers are forked by multiprocessing's fork server, not by
the build itself, and each holds the fork server's keep-alive pipe; when the build is killed
(kill -9, out of memory) no pipe they read from ever closes, so they, the fork server and the
resource tracker would wait forever, each holding its memory. Every pool is made by
`worker_pool`, whose processes first watch the process that made the pool, and leave as soon
as it is gone.
"""

from __future__ import annotations

import multiprocessing
import os
import select
import threading
import time
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from multiprocessing.context import BaseContext
from typing import Any

EXIT_ORPHANED = 70  # what the fork server records for a pool process whose owner vanished
POLL_SECONDS = 1.0  # how often a system without process descriptors looks for the owner


def pool_context() -> BaseContext:
    """How pool processes start: from a fork server (a clean, small process) where there is one."""
    return multiprocessing.get_context("forkserver" if os.name == "posix" else "spawn")


def worker_pool(
    workers: int,
    initializer: Callable[..., None] | None = None,
    initargs: tuple[Any, ...] = (),
    context: BaseContext | None = None,
) -> ProcessPoolExecutor:
    """A process pool (an executor rather than a `Pool`: a worker that dies raises
    BrokenProcessPool instead of leaving the caller waiting for its task) whose processes run
    `initializer(*initargs)` and end with the process that made it."""
    return ProcessPoolExecutor(
        workers,
        mp_context=context or pool_context(),
        initializer=_start,
        initargs=(os.getpid(), initializer, initargs),
    )


def _start(owner: int, initializer: Callable[..., None] | None, initargs: tuple[Any, ...]) -> None:
    end_with(owner)
    if initializer is not None:
        initializer(*initargs)


def end_with(owner: int) -> None:
    """End this process as soon as process `owner` has ended (a daemon thread watches it).
    Nothing to watch when this process is the owner itself (a pool run in-process)."""
    if owner != os.getpid():
        threading.Thread(target=_watch, args=(owner,), name=f"end-with-{owner}", daemon=True).start()


def _watch(owner: int) -> None:
    try:
        descriptor = os.pidfd_open(owner)
    except ProcessLookupError:
        os._exit(EXIT_ORPHANED)
    except (AttributeError, OSError):  # no process descriptors: not Linux, or a kernel before 5.3
        while _alive(owner):
            time.sleep(POLL_SECONDS)
    else:
        select.select([descriptor], [], [])  # readable once the owner has ended
    os._exit(EXIT_ORPHANED)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # alive, and someone else's
        return True
    return True
