"""The write lock: one writer at a time, named holders, and no lock outliving its process."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from indexer.lock import LockBusy, WriteLock, current_holder

HOLD_LOCK = """
import sys, time
from pathlib import Path
from indexer.lock import WriteLock
with WriteLock(Path(sys.argv[1]), "holder"):
    print("locked", flush=True)
    time.sleep(60)
"""


def _hold_in_child(state_dir: Path) -> subprocess.Popen[str]:
    child = subprocess.Popen(
        [sys.executable, "-c", HOLD_LOCK, str(state_dir)],
        stdout=subprocess.PIPE,
        text=True,
        cwd=Path(__file__).resolve().parents[1],
    )
    assert child.stdout is not None
    assert child.stdout.readline().strip() == "locked"
    return child


def _stop(child: subprocess.Popen[str]) -> None:
    child.kill()
    child.wait()
    assert child.stdout is not None
    child.stdout.close()


def test_a_second_writer_is_told_who_holds_the_lock(tmp_path: Path) -> None:
    child = _hold_in_child(tmp_path)
    try:
        with pytest.raises(LockBusy) as busy, WriteLock(tmp_path, "second"):
            pass
        assert busy.value.holder is not None
        assert busy.value.holder.pid == child.pid
        assert f"process {child.pid}" in str(busy.value)
        assert current_holder(tmp_path).pid == child.pid  # type: ignore[union-attr]
    finally:
        _stop(child)


def test_a_lock_left_by_a_killed_process_is_recognised_and_taken(tmp_path: Path) -> None:
    child = _hold_in_child(tmp_path)
    os.kill(child.pid, signal.SIGKILL)
    _stop(child)
    assert current_holder(tmp_path) is None
    with WriteLock(tmp_path, "after") as lock:
        assert lock.stale is not None and lock.stale.pid == child.pid
        holder = current_holder(tmp_path)
        assert holder is not None and holder.pid == os.getpid()


def test_the_lock_is_released_on_exit(tmp_path: Path) -> None:
    with WriteLock(tmp_path, "first") as lock:
        assert lock.stale is None
    with WriteLock(tmp_path, "again") as lock:
        assert lock.stale is None
    assert current_holder(tmp_path) is None
