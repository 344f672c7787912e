"""Finding input files: a sorted, deterministic walk that reports what it cannot use.

Symbolic-link loops, broken links, special files (a FIFO would block the run),
unreadable and huge files come back as `Skipped` with a one-line reason, so the
run's summary can account for every path it was given. Hidden files and folders
(`.git`, `.DS_Store`) are not input and are passed over silently; a folder's
README or LICENSE is reported as documentation.
"""

from __future__ import annotations

import errno
import os
import re
import stat
from collections.abc import Iterable, Iterator
from pathlib import Path

from indexer.readers.skipped import Skipped, SourceFile

#: Files larger than this are skipped: no single news file is legitimately this big.
MAX_FILE_BYTES = 200 * 1024 * 1024

#: A corpus folder's own documentation is not news: README.txt, LICENSE, CHANGELOG.md.
_DOCUMENTATION_RE = re.compile(
    r"^(?:readme|licen[cs]e|copying|changelog|notice)(?:\.[\w.]+)?$", re.IGNORECASE
)


def discover(paths: Iterable[Path]) -> Iterator[SourceFile | Skipped]:
    """Walk files and folders (sorted, deterministic); skip unreadable files, symlink
    loops, huge files (> 200 MB, with the reason), hidden files."""
    for given in paths:
        given = Path(given)
        if given.is_dir():
            root = given
            yield from _walk(given, root, frozenset())
        else:
            yield from _check(given, given.parent)


def _origin(path: Path, root: Path) -> str:
    return SourceFile(path, root).origin


def _check(path: Path, root: Path) -> Iterator[SourceFile | Skipped]:
    origin = _origin(path, root)
    try:
        info = path.stat()
    except OSError as error:
        if error.errno == errno.ELOOP:
            yield Skipped(origin, "symbolic link loop")
        elif path.is_symlink():
            yield Skipped(origin, "broken symbolic link")
        elif error.errno == errno.ENOENT:
            yield Skipped(origin, "no such file")
        else:
            yield Skipped(origin, f"unreadable file ({error.strerror})")
        return
    if _DOCUMENTATION_RE.match(path.name):
        yield Skipped(origin, "documentation file, not an article")
    elif not stat.S_ISREG(info.st_mode):
        yield Skipped(origin, "not a regular file")
    elif info.st_size > MAX_FILE_BYTES:
        limit = MAX_FILE_BYTES // (1024 * 1024)
        yield Skipped(origin, f"huge file ({info.st_size / 1024 / 1024:.0f} MB, over the {limit} MB limit)")
    elif not os.access(path, os.R_OK):
        yield Skipped(origin, "unreadable file (permission denied)")
    else:
        yield SourceFile(path, root)


def _walk(folder: Path, root: Path, ancestors: frozenset[tuple[int, int]]) -> Iterator[SourceFile | Skipped]:
    try:
        info = folder.stat()
        entries = sorted(os.scandir(folder), key=lambda entry: entry.name)
    except OSError as error:
        reason = (
            "symbolic link loop" if error.errno == errno.ELOOP else f"unreadable folder ({error.strerror})"
        )
        yield Skipped(_origin(folder, root), reason)
        return
    identity = (info.st_dev, info.st_ino)
    if identity in ancestors:
        yield Skipped(_origin(folder, root), "symbolic link loop")
        return
    ancestors = ancestors | {identity}
    for entry in entries:
        if entry.name.startswith("."):
            continue
        path = Path(entry.path)
        try:
            is_folder = entry.is_dir()
        except OSError:
            is_folder = False
        if is_folder:
            yield from _walk(path, root, ancestors)
        else:
            yield from _check(path, root)
