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

from collections.abc import Mapping

import numpy as np

from search.suggest import edit_distance

#: Characters are counted in this many classes (code point modulo); classes that share
#: characters only make the letter-count test looser, never wrong.
_CLASSES = 32


def budget(word: str) -> int:
    """Edits allowed for a word: one for short words, two for longer ones."""
    return 1 if len(word) <= 5 else 2


class Vocabulary:
    """Immutable once built, so any number of threads may look words up at once."""

    def __init__(self, counts: Mapping[str, int]) -> None:
        ranked = sorted((w[0], len(w), w) for w in counts if w)
        self.words = [w for _, _, w in ranked]
        self.counts = np.fromiter((counts[w] for w in self.words), dtype=np.int64, count=len(self.words))
        lengths = np.fromiter((len(w) for w in self.words), dtype=np.int64, count=len(self.words))
        #: (first letter, length) -> (start, end) of that run in `words`.
        self._runs: dict[tuple[str, int], tuple[int, int]] = {}
        for i, (first, length, _) in enumerate(ranked):
            start, _ = self._runs.get((first, length), (i, i))
            self._runs[(first, length)] = (start, i + 1)
        codes = np.frombuffer("".join(self.words).encode("utf-32-le"), dtype=np.uint32) % _CLASSES
        rows = np.repeat(np.arange(len(self.words), dtype=np.int64), lengths)
        flat = np.bincount(rows * _CLASSES + codes, minlength=len(self.words) * _CLASSES)
        self._letters = flat.reshape(len(self.words), _CLASSES).astype(np.int16)

    def __len__(self) -> int:
        return len(self.words)

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
        differ = np.abs(self._letters[start:end] - letters).sum(axis=1)
        found = []
        for i in np.flatnonzero(differ <= 2 * edits) + start:
            other = self.words[i]
            if other != word and edit_distance(word, other, edits) <= edits:
                found.append((-int(self.counts[i]), other))
        found.sort()
        return [w for _, w in found[:limit]]
