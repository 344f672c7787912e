"""One writer at a time, and a lock that outlives no process.

The lock is an `flock` on a file in the index folder, so the kernel releases it the
moment its holder dies, even by `kill -9`. The file also names the holder (process
id, host, start time, command) so that a second writer can say who is busy, and so
that a lock left by a dead process is recognised and reported when it is taken over.
"""

from __future__ import annotations

import datetime as dt
import fcntl
import json
import os
import socket
import sys
from dataclasses import asdict, dataclass
from pathlib import Path
from types import TracebackType

LOCK_FILE = "write.lock"


@dataclass(frozen=True, slots=True)
class Holder:
    pid: int
    host: str
    started: str
    command: str

    def describe(self) -> str:
        return f"process {self.pid} on {self.host}, started {self.started} ({self.command})"


class LockBusy(RuntimeError):
    """Another live process is writing to this index."""

    def __init__(self, holder: Holder | None, path: Path) -> None:
        who = holder.describe() if holder else "another process"
        super().__init__(f"the index at {path.parent} is being written by {who}; try again when it ends")
        self.holder = holder


class WriteLock:
    """Context manager that holds the index's write lock.

    `stale` is the holder a previous, dead process left behind, if any: the caller
    reports it, since that run ended without cleaning up.
    """

    def __init__(self, state_dir: Path, command: str = "") -> None:
        self.path = state_dir / LOCK_FILE
        self.command = command or " ".join(sys.argv[:2])
        self.stale: Holder | None = None
        self._fd: int | None = None

    def __enter__(self) -> WriteLock:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            holder = _read_holder(fd)
            os.close(fd)
            raise LockBusy(holder, self.path) from None
        self.stale = _read_holder(fd)
        holder = Holder(os.getpid(), socket.gethostname(), _now(), self.command)
        os.ftruncate(fd, 0)
        os.pwrite(fd, json.dumps(asdict(holder)).encode(), 0)
        os.fsync(fd)
        self._fd = fd
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        if self._fd is None:
            return
        os.ftruncate(self._fd, 0)
        fcntl.flock(self._fd, fcntl.LOCK_UN)
        os.close(self._fd)
        self._fd = None


def current_holder(state_dir: Path) -> Holder | None:
    """Who holds the lock right now, or None when nobody does."""
    path = state_dir / LOCK_FILE
    if not path.exists():
        return None
    fd = os.open(path, os.O_RDONLY)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_SH | fcntl.LOCK_NB)
        except BlockingIOError:
            return _read_holder(fd)
        fcntl.flock(fd, fcntl.LOCK_UN)
        return None
    finally:
        os.close(fd)


def _read_holder(fd: int) -> Holder | None:
    raw = os.pread(fd, 4096, 0)
    if not raw.strip():
        return None
    try:
        return Holder(**json.loads(raw))
    except (ValueError, TypeError):
        return None


def _now() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
