"""Index generations on disk: build beside the live one, switch atomically, keep one for rollback.

Layout of an index location:

    <index_dir>/generations/<name>/   one complete Whoosh index each (plus its .bscols files)
    <index_dir>/CURRENT               the live generation's name
    <index_dir>/PREVIOUS              the one before it, kept for rollback

Both pointer files are replaced with `os.replace`, so a kill at any moment leaves CURRENT
naming a complete generation. A generation being built holds a BUILDING file with its
writer's pid; switching removes every other generation except a live builder's.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
from pathlib import Path

CURRENT = "CURRENT"
PREVIOUS = "PREVIOUS"
BUILDING = "BUILDING"
GENERATIONS = "generations"
#: Whoosh's lock file; never carried into a copy.
_LOCKS = ("MAIN_WRITELOCK",)


class Layout:
    """Where the generations of one index location live."""

    def __init__(self, index_dir: Path) -> None:
        self.root = Path(index_dir)
        self.generations = self.root / GENERATIONS

    def current(self) -> str | None:
        return _read(self.root / CURRENT)

    def previous(self) -> str | None:
        return _read(self.root / PREVIOUS)

    def path(self, name: str) -> Path:
        return self.generations / name

    def stamp(self) -> tuple[int, int] | None:
        """Changes whenever CURRENT is replaced; one stat call, cheap enough per request."""
        try:
            st = os.stat(self.root / CURRENT)
        except FileNotFoundError:
            return None
        return (st.st_ino, st.st_mtime_ns)

    def create(self, copy_from: str | None) -> tuple[str, Path]:
        """A new generation folder, empty or holding hard links to `copy_from`'s files.

        Whoosh never rewrites a segment file after writing it (a commit writes a new TOC
        under a new name), so linking is a safe, instant copy."""
        name = dt.datetime.now(dt.UTC).strftime("%Y%m%dT%H%M%S%fZ") + f"-{os.getpid()}"
        target = self.path(name)
        target.mkdir(parents=True)
        (target / BUILDING).write_text(str(os.getpid()), encoding="utf-8")
        if copy_from:
            for item in self.path(copy_from).iterdir():
                if item.is_file() and item.name not in _LOCKS and item.name != BUILDING:
                    os.link(item, target / item.name)
        return name, target

    def finished(self, name: str) -> None:
        (self.path(name) / BUILDING).unlink(missing_ok=True)
        _fsync_dir(self.path(name))

    def switch(self, name: str) -> None:
        """Make `name` live and the live one previous; then remove the rest."""
        old = self.current()
        if old and old != name:
            _write(self.root / PREVIOUS, old)
        _write(self.root / CURRENT, name)
        self.prune()

    def rollback(self) -> str:
        old, back = self.current(), self.previous()
        if not back or not self.path(back).is_dir():
            raise RuntimeError("no previous generation to roll back to")
        if old:
            _write(self.root / PREVIOUS, old)
        _write(self.root / CURRENT, back)
        return back

    def prune(self) -> None:
        keep = {self.current(), self.previous()}
        if not self.generations.is_dir():
            return
        for item in self.generations.iterdir():
            if item.name in keep or not item.is_dir() or _building(item):
                continue
            shutil.rmtree(item, ignore_errors=True)

    def discard(self, name: str) -> None:
        shutil.rmtree(self.path(name), ignore_errors=True)


def _building(folder: Path) -> bool:
    """True while the process that started building `folder` is alive."""
    try:
        pid = int((folder / BUILDING).read_text(encoding="utf-8"))
    except (FileNotFoundError, ValueError):
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _read(path: Path) -> str | None:
    try:
        return path.read_text(encoding="utf-8").strip() or None
    except FileNotFoundError:
        return None


def _write(path: Path, text: str) -> None:
    tmp = path.with_name(f".{path.name}.{os.getpid()}")
    with tmp.open("w", encoding="utf-8") as out:
        out.write(text)
        out.flush()
        os.fsync(out.fileno())
    os.replace(tmp, path)
    _fsync_dir(path.parent)


def _fsync_dir(folder: Path) -> None:
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
