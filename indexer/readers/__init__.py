"""Readers: every archive format in, clean `Article`s (or reasons for skipping) out.

The pipeline calls two functions: `discover(paths)` walks the input and `read(source)`
turns one file into articles. Neither raises for bad input; what cannot be read comes
back as a `Skipped` with a one-line reason, so the run's summary accounts for every
file. `Duplicates` recognises the same article seen twice across files.

Modules: `discovery` (walking), `formats` (gzip/zip and format choice), `normalize`
(decoding and text tidying), one module per format (`plaintext`, `html` with its
cleaner `html_clean`, `jsonlines`, `csvfile`, `reuters`), `dedup`, and `html_eval`
(the cleaner measured against the hand labels in `labels/`). Publication dates are
parsed by `indexer.dates`.
"""

from __future__ import annotations

from indexer.readers.dedup import Duplicates
from indexer.readers.discovery import MAX_FILE_BYTES, discover
from indexer.readers.formats import read, read_bytes
from indexer.readers.skipped import Skipped, SourceFile

__all__ = ["MAX_FILE_BYTES", "Duplicates", "Skipped", "SourceFile", "discover", "read", "read_bytes"]
