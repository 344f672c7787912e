"""Articles waiting between reading and writing, kept on disk instead of in memory.

The archive-wide name merge needs every article's names before the first one is written
(`indexer.names_merge`), so a run reads everything first. The finished articles wait here,
pickled in batches, and are read back one batch at a time to be written: the run's memory holds
a batch, not the archive. The batches are not compressed: zlib's fastest level cost a build 33
µs an article (24 to compress, 9 to read back) to keep a file that lives only while the run
does at a third of its size (3.5 KB a news article instead of about 1.4; the disk check,
`indexer.space`, counts the larger).
"""

from __future__ import annotations

import pickle
import shutil
from collections.abc import Iterator
from pathlib import Path

from search.models import Article

SPILL_DIR = "spill"
#: Articles per pickled batch: few writes, little held.
BATCH = 500


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
                yield pickle.loads(stream.read(int.from_bytes(header, "big")))

    def remove(self) -> None:
        self._out.close()
        shutil.rmtree(self.folder, ignore_errors=True)

    def _flush(self) -> None:
        if self._batch:
            data = pickle.dumps(self._batch, pickle.HIGHEST_PROTOCOL)
            self._out.write(len(data).to_bytes(8, "big"))
            self._out.write(data)
            self._batch = []
