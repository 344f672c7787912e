"""Story profiles kept in files, not in memory: a million articles' profiles are about 1.8 GB.

Grouping (`indexer.stories`) needs every live article's profile, but only a few days' worth at
a time (`DAYS_AT_ONCE`) and the MinHash part once. Held as one numpy array an article, the
profiles were the largest thing a build's parent process kept, twice over while they were
saved (concatenated into one array). Here a profile is a row: where it lies in one of a few
flat arrays of 32-bit values, each a memory-mapped file (a saved generation's profiles, or a
run's new ones appended to an unnamed temporary file) or, for a state saved by an older
release, an array in memory. The pages a grouping step reads are mapped from the page cache,
and `release` hands them back after the step, so the process's resident memory stays the
size of a step rather than of the archive.
"""

from __future__ import annotations

import mmap
import os
import tempfile
from array import array
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import BinaryIO

import numpy as np

from search.memory import give_back_pages

#: Profile values written to a file at a time when saving (32 MB).
_WRITE_VALUES = 8_000_000


class Profiles:
    """Rows of unsigned 32-bit values of varying length. `append` adds a row at the end,
    `select` keeps some rows (in a new order) without copying their values, `save` writes
    every row end to end to a file that `load` maps back."""

    def __init__(self, folder: Path | None = None) -> None:
        #: Where a run's new profiles are written (unnamed files, gone when closed).
        self._folder = folder
        #: The flat arrays rows lie in; the last may still be growing in `_pending`.
        self._chunks: list[np.ndarray] = []
        self._maps: list[mmap.mmap] = []
        self._chunk = array("H")
        self._start = array("q")
        self._size = array("q")
        #: The file new rows are appended to, and how many values it holds.
        self._pending: BinaryIO | None = None
        self._pending_values = 0
        #: The saved file these rows are, unchanged and in order (nothing added or dropped).
        self._source: Path | None = None

    def __len__(self) -> int:
        return len(self._start)

    def __getitem__(self, row: int) -> np.ndarray:
        chunk = self._chunk[row]
        if chunk == len(self._chunks):
            self._seal()
        start = self._start[row]
        return self._chunks[chunk][start : start + self._size[row]]

    def __iter__(self) -> Iterator[np.ndarray]:
        return (self[row] for row in range(len(self)))

    def append(self, values: np.ndarray) -> None:
        """Add a row at the end (its values are copied to the run's file)."""
        if self._pending is None:
            if self._folder is not None:
                self._folder.mkdir(parents=True, exist_ok=True)
            # Kept open until sealed, across calls: no `with` block can hold it.
            self._pending = tempfile.TemporaryFile(dir=self._folder, prefix=".profiles-")  # noqa: SIM115
            self._pending_values = 0
        data = np.ascontiguousarray(values, dtype=np.uint32)
        self._pending.write(data.tobytes())
        self._source = None
        self._chunk.append(len(self._chunks))
        self._start.append(self._pending_values)
        self._size.append(len(data))
        self._pending_values += len(data)

    def select(self, rows: Iterable[int]) -> Profiles:
        """These rows, in this order, as a new `Profiles` over the same files."""
        chosen = np.fromiter(rows, dtype=np.int64)
        self._seal()
        kept = Profiles(self._folder)
        kept._chunks, kept._maps = self._chunks, self._maps
        kept._chunk = array("H", np.frombuffer(self._chunk, dtype=np.uint16)[chosen].tobytes())
        kept._start = array("q", np.frombuffer(self._start, dtype=np.int64)[chosen].tobytes())
        kept._size = array("q", np.frombuffer(self._size, dtype=np.int64)[chosen].tobytes())
        if len(chosen) == len(self) and np.array_equal(chosen, np.arange(len(self))):
            kept._source = self._source
        return kept

    def sizes(self) -> np.ndarray:
        return np.frombuffer(self._size, dtype=np.int64).copy()

    def release(self) -> None:
        """Hand the mapped pages read so far back to the page cache: they stop counting
        in this process's memory and are read again from the cache if needed."""
        give_back_pages(self._maps)

    def save_as(self, path: Path) -> int:
        """Write every row to a new file at `path` (see `save`); returns how many values.
        Rows that are still exactly the file they were loaded from are that file again, a
        second name for it rather than a copy (a run that changed no profile)."""
        if self._source is not None:
            try:
                os.link(self._source, path)
                return self._source.stat().st_size // 4
            except OSError:  # a file system without hard links: copied below
                path.unlink(missing_ok=True)
        with path.open("wb") as out:
            return self.save(out)

    def save(self, out: BinaryIO) -> int:
        """Write every row's values end to end, in row order; returns how many values.
        Runs of rows that lie next to each other in one array are copied in one piece."""
        self._seal()
        written = 0
        pending: list[np.ndarray] = []
        held = 0
        row, count = 0, len(self)
        while row < count:
            chunk, start, end = self._chunk[row], self._start[row], self._start[row] + self._size[row]
            row += 1
            while row < count and self._chunk[row] == chunk and self._start[row] == end:
                end += self._size[row]
                row += 1
            for lo in range(start, end, _WRITE_VALUES):
                pending.append(self._chunks[chunk][lo : min(end, lo + _WRITE_VALUES)])
                held += len(pending[-1])
                if held >= _WRITE_VALUES:
                    written += _write(out, pending)
                    pending, held = [], 0
                    self.release()
        written += _write(out, pending)
        self.release()
        return written

    @classmethod
    def load(cls, path: Path, sizes: np.ndarray, folder: Path | None = None) -> Profiles:
        """The rows `save` wrote to `path`, of these sizes, mapped rather than read.
        Raises ValueError when the file does not hold exactly that many values."""
        found = cls(folder)
        total = int(sizes.sum())
        with path.open("rb") as stream:
            if stream.seek(0, 2) != 4 * total:
                raise ValueError(f"{path} does not hold {total} profile values")
            found._map(stream.fileno(), total)
        found._adopt(sizes)
        found._source = path
        return found

    @classmethod
    def in_memory(cls, values: np.ndarray, sizes: np.ndarray, folder: Path | None = None) -> Profiles:
        """Rows of `values` end to end (a state saved by an older release, whole in memory)."""
        found = cls(folder)
        found._chunks.append(np.asarray(values, dtype=np.uint32))
        found._adopt(sizes)
        return found

    def _adopt(self, sizes: np.ndarray) -> None:
        """Rows of these sizes, end to end in the first array."""
        sizes = np.asarray(sizes, dtype=np.int64)
        starts = np.zeros(len(sizes), dtype=np.int64)
        np.cumsum(sizes[:-1], out=starts[1:])
        self._chunk = array("H", bytes(2 * len(sizes)))
        self._start = array("q", starts.tobytes())
        self._size = array("q", sizes.tobytes())

    def close(self) -> None:
        """Let go of the run's file of new rows (a run that failed): its rows are lost."""
        if self._pending is not None:
            self._pending.close()
            self._pending = None

    def _seal(self) -> None:
        """Map the run's file so its rows can be read; later rows go to a new file."""
        if self._pending is None:
            return
        self._pending.flush()
        self._map(self._pending.fileno(), self._pending_values)
        self._pending.close()  # the mapping keeps the unnamed file's pages
        self._pending = None

    def _map(self, fileno: int, values: int) -> None:
        """Add an open file of `values` 32-bit values as the next array, mapped."""
        if not values:  # a file of no bytes cannot be mapped
            self._chunks.append(np.zeros(0, dtype=np.uint32))
            return
        mapped = mmap.mmap(fileno, 0, access=mmap.ACCESS_READ)
        self._maps.append(mapped)
        self._chunks.append(np.frombuffer(mapped, dtype=np.uint32))


def _write(out: BinaryIO, parts: list[np.ndarray]) -> int:
    if not parts:
        return 0
    data = np.concatenate(parts)
    out.write(data.tobytes())
    return len(data)
