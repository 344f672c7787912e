"""Pool processes that end with the process that started them.

The build's readers and segment writers are forked by multiprocessing's fork server, not by
the build itself, and each holds the fork server's keep-alive pipe; when the build is killed
(kill -9, out of memory) no pipe they read from ever closes, so they, the fork server and the
resource tracker would wait forever, each holding its memory. A pool process calls `end_with`
with the build's process id when it starts, and leaves as soon as the build is gone.
"""

from __future__ import annotations

import os
import select
import threading
import time

EXIT_ORPHANED = 70  # what the fork server records for a pool process whose owner vanished
POLL_SECONDS = 1.0  # how often a system without process descriptors looks for the owner


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
