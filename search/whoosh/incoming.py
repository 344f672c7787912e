"""Runs of articles on their way to a segment writer, kept in files instead of in memory.

A generation gathers a segment's worth of articles (`search.whoosh.writers.SEGMENT_BYTES` of
text) before a writer process turns them into a segment. Held in the building process, each run
in flight cost it about twice its text (the articles, and their pickle on the way to the
writer), for up to three runs at once. Here a run is appended to a file as it arrives, pickled
in batches, and the writer reads it back one batch at a time: neither process holds a run, only
the writer's postings grow with it. The batches are not compressed: a run file lives for the
seconds its segment takes and is read back from the page cache, and zlib's fastest level cost a
build 33 µs an article (24 to compress in the building process, 9 to read back in the writer)
to save disk it gives back at once. The files live in the generation's folder under `INCOMING`
and go when their segment is written (a killed build's go with its unfinished generation).
"""

from __future__ import annotations

import pickle
from collections.abc import Iterator
from pathlib import Path

from search.models import Article

INCOMING = "incoming"
#: Articles per pickled batch: few reads, little held.
BATCH = 200
_HEADER = 12  # the batch's size in bytes (8 bytes) and article count (4)


class RunFile:
    """An append-only file of article batches; `articles(lo, hi)` reads a slice back."""

    def __init__(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        self.path = path
        self.count = 0
        self._out = path.open("wb")
        self._batch: list[Article] = []

    def add(self, article: Article) -> int:
        """Append `article`; returns its position in the run."""
        self._batch.append(article)
        self.count += 1
        if len(self._batch) >= BATCH:
            self._flush()
        return self.count - 1

    def close(self) -> None:
        """End adding: what was added is on disk for a reader in another process."""
        self._flush()
        self._out.close()

    def abandon(self) -> None:
        """Close the file without writing what is still in memory (an abandoned build)."""
        self._batch = []
        self._out.close()

    def _flush(self) -> None:
        if self._batch:
            data = pickle.dumps(self._batch, pickle.HIGHEST_PROTOCOL)
            self._out.write(len(data).to_bytes(8, "big") + len(self._batch).to_bytes(4, "big"))
            self._out.write(data)
            self._batch = []


def read_run(path: Path, lo: int = 0, hi: int | None = None) -> Iterator[Article]:
    """Articles `lo` to `hi` (exclusive; None: to the end) of a closed run file, in order,
    a batch in memory at a time; batches wholly outside the slice are skipped unread."""
    position = 0
    with path.open("rb") as stream:
        while (header := stream.read(_HEADER)) and (hi is None or position < hi):
            size, count = int.from_bytes(header[:8], "big"), int.from_bytes(header[8:], "big")
            if position + count <= lo:
                stream.seek(size, 1)
            else:
                batch: list[Article] = pickle.loads(stream.read(size))
                end = count if hi is None else min(count, hi - position)
                yield from batch[max(lo - position, 0) : end]
            position += count
