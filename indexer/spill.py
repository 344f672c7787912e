"""Articles waiting between reading and writing, kept on disk instead of in memory.

The archive-wide name merge needs every article's names before the first one is written
(`indexer.names_merge`), so a run reads everything first. The finished articles wait here,
pickled and compressed in batches, and are read back one batch at a time to be written:
the run's memory holds a batch, not the archive. The folder lives in the index folder,
under the write lock; one left by a killed run is removed by the next.
"""

from __future__ import annotations

import pickle
import shutil
import zlib
from collections.abc import Iterator
from pathlib import Path

from search.models import Article

SPILL_DIR = "spill"
#: Articles per pickled batch: large enough to compress well, small enough to hold.
BATCH = 500
#: zlib's fastest level: news text still shrinks to about a third.
LEVEL = 1


class Spill:
    """An append-only file of article batches under `state_dir`, read back in order."""

    def __init__(self, state_dir: Path) -> None:
        self.folder = state_dir / SPILL_DIR
        shutil.rmtree(self.folder, ignore_errors=True)  # a killed run's
        self.folder.mkdir(parents=True)
        self.path = self.folder / "articles"
        self._out = self.path.open("wb")
        self._batch: list[Article] = []
        self.count = 0

    def add(self, articles: list[Article]) -> None:
        self._batch.extend(articles)
        self.count += len(articles)
        if len(self._batch) >= BATCH:
            self._flush()

    def batches(self) -> Iterator[list[Article]]:
        """Every article added, in order, a batch at a time (ends adding)."""
        self._flush()
        self._out.close()
        with self.path.open("rb") as stream:
            while header := stream.read(8):
                yield pickle.loads(zlib.decompress(stream.read(int.from_bytes(header, "big"))))

    def remove(self) -> None:
        self._out.close()
        shutil.rmtree(self.folder, ignore_errors=True)

    def _flush(self) -> None:
        if self._batch:
            data = zlib.compress(pickle.dumps(self._batch, pickle.HIGHEST_PROTOCOL), LEVEL)
            self._out.write(len(data).to_bytes(8, "big"))
            self._out.write(data)
            self._batch = []
