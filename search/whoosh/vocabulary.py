"""Spelling candidates from the archive's unstemmed words, looked up in milliseconds.

Whoosh's `terms_within` walks an automaton over the term table (hundreds of milliseconds on
a large index) and the body's terms are stems, so it could suggest "elect" for "electon".
Here the surface words of every headline and body (counted when a segment's cache is
written) and of every name are kept in plain arrays, built once per opened generation.

A lookup takes the words with the same first letter and a length within the edit budget
(one contiguous slice: words are sorted by first letter, then length), keeps those whose
letter counts differ by at most twice the budget (an edit changes them by two at most;
one numpy expression), and measures the few left exactly.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Mapping
from pathlib import Path

import numpy as np

from search.suggest import edit_distance

#: Characters are counted in this many classes (code point modulo); classes that share
#: characters only make the letter-count test looser, never wrong.
_CLASSES = 32
#: The arrays `save` writes, by attribute name.
_ARRAYS = ("counts", "points", "offsets", "letters")


def budget(word: str) -> int:
    """Edits allowed for a word: one for short words, two for longer ones."""
    return 1 if len(word) <= 5 else 2


class Vocabulary:
    """Immutable once built, so any number of threads may look words up at once.

    Everything is held in arrays (the words as one run of code points with their offsets),
    so that `save` and `mapped` can share one copy among the processes serving an index."""

    def __init__(self, counts: Mapping[str, int]) -> None:
        ranked = sorted((w[0], len(w), w) for w in counts if w)
        words = [w for _, _, w in ranked]
        lengths = np.fromiter((len(w) for w in words), dtype=np.int64, count=len(words))
        self.counts = np.fromiter((counts[w] for w in words), dtype=np.int64, count=len(words))
        self.points = np.frombuffer("".join(words).encode("utf-32-le"), dtype=np.uint32)
        self.offsets = np.concatenate([np.zeros(1, np.int64), np.cumsum(lengths)])
        rows = np.repeat(np.arange(len(words), dtype=np.int64), lengths)
        flat = np.bincount(rows * _CLASSES + self.points % _CLASSES, minlength=len(words) * _CLASSES)
        self.letters = flat.reshape(len(words), _CLASSES).astype(np.int16)
        self._runs = _runs(self.points, self.offsets)

    @classmethod
    def mapped(cls, folder: Path) -> Vocabulary:
        """A vocabulary `save`d in `folder`, its arrays memory-mapped read-only."""
        found = cls.__new__(cls)
        for name in _ARRAYS:
            setattr(found, name, np.load(folder / f"{name}.npy", mmap_mode="r", allow_pickle=False))
        found._runs = _runs(found.points, found.offsets)
        return found

    def save(self, folder: Path) -> None:
        """Write the arrays into a new folder beside `folder`, then rename it into place."""
        tmp = folder.with_name(f".{folder.name}.{os.getpid()}")
        shutil.rmtree(tmp, ignore_errors=True)
        tmp.mkdir()
        try:
            for name in _ARRAYS:
                with (tmp / f"{name}.npy").open("wb") as out:
                    np.save(out, getattr(self, name), allow_pickle=False)
                    out.flush()
                    os.fsync(out.fileno())
            os.rename(tmp, folder)
        except OSError:
            shutil.rmtree(tmp, ignore_errors=True)
            if not folder.is_dir():
                raise

    def word(self, number: int) -> str:
        return self.points[self.offsets[number] : self.offsets[number + 1]].tobytes().decode("utf-32-le")

    def __len__(self) -> int:
        return len(self.counts)

    def similar(self, word: str, limit: int) -> list[str]:
        """Up to `limit` words within the edit budget of `word` (itself excluded), most
        frequent first."""
        if not word:
            return []
        edits = budget(word)
        lengths = range(len(word) - edits, len(word) + edits + 1)
        spans = [self._runs[(word[0], n)] for n in lengths if (word[0], n) in self._runs]
        if not spans:
            return []
        start, end = min(s for s, _ in spans), max(e for _, e in spans)  # adjacent runs
        letters = np.bincount(
            np.frombuffer(word.encode("utf-32-le"), dtype=np.uint32) % _CLASSES, minlength=_CLASSES
        ).astype(np.int16)
        differ = np.abs(self.letters[start:end] - letters).sum(axis=1)
        found = []
        for i in np.flatnonzero(differ <= 2 * edits) + start:
            other = self.word(int(i))
            if other != word and edit_distance(word, other, edits) <= edits:
                found.append((-int(self.counts[i]), other))
        found.sort()
        return [w for _, w in found[:limit]]


def _runs(points: np.ndarray, offsets: np.ndarray) -> dict[tuple[str, int], tuple[int, int]]:
    """(first letter, length) -> (start, end) of that run of words (sorted by both)."""
    runs: dict[tuple[str, int], tuple[int, int]] = {}
    if len(offsets) < 2:
        return runs
    firsts = points[offsets[:-1]] if len(points) else np.zeros(0, np.uint32)
    lengths = np.diff(offsets)
    change = np.flatnonzero((firsts[1:] != firsts[:-1]) | (lengths[1:] != lengths[:-1])) + 1
    starts = np.concatenate([np.zeros(1, np.int64), change])
    ends = np.concatenate([change, [len(lengths)]])
    for start, end in zip(starts.tolist(), ends.tolist(), strict=True):
        runs[(chr(int(firsts[start])), int(lengths[start]))] = (start, end)
    return runs
