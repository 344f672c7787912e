"""Reading, cleaning and extraction in worker processes, one input file per task.

Workers turn a file into finished `Article`s (facets extracted) and hand them back in
input order, so that which copy of a duplicate is kept does not depend on timing. The
single writer stays in the parent process: Whoosh allows one writer per index.

A task may name the articles its file gave last time with their content hashes (the
fingerprint of the reader's output, taken before extraction). A record whose hash is
unchanged is not extracted again: it comes back as `Unchanged`, so a file with one
corrected record costs one extraction, not one per record.
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path

import numpy as np

from indexer.extract import extract, load_aliases
from indexer.extract.acronyms import definitions
from indexer.readers import Skipped, SourceFile, read
from indexer.readers.dedup import duplicate_keys
from indexer.readers.notes import Note, collect_notes
from indexer.stories import signature
from indexer.timelimit import DEFAULT_SECONDS_PER_MB, TimeLimitExceeded, limit_for, time_limit
from search.lifeline import worker_pool
from search.models import Article

_aliases = None
#: Whether this process signs articles for story grouping (`indexer.stories`).
_sign = True
#: CPU seconds per MB a file may take in this process (see `indexer.timelimit`); 0 for no limit.
_seconds_per_mb = DEFAULT_SECONDS_PER_MB
#: Workers yield the CPU to a web server answering searches on the same machine; alone
#: on it they lose nothing.
WORKER_NICENESS = 10


@dataclass(frozen=True, slots=True)
class Unchanged:
    """A record that reads as its stored article did (same id, same content hash): what the
    run's bookkeeping needs of it (identity, duplicate decisions), not the article."""

    id: str
    origin: str
    url: str | None
    title: str


@dataclass(frozen=True, slots=True)
class FileResult:
    """Everything one input file gave: finished articles (or `Unchanged` for those not
    extracted again), each one's duplicate keys (hashed here so the single parent process
    does not spend its time on it) and skipped records."""

    source: SourceFile
    file_hash: str
    size: int
    articles: list[Article | Unchanged]
    keys: list[tuple[str, ...]]
    skipped: list[Skipped]
    #: What readers left out of articles they produced (a link that is not a web address).
    notes: list[Note] = field(default_factory=list)
    #: Each extracted article's story signature (`indexer.stories`), None for `Unchanged`.
    signatures: list[np.ndarray | None] = field(default_factory=list)
    #: The acronyms each extracted article's body defines, for the run's archive-wide
    #: table (`indexer.orgs_merge`); None for `Unchanged`.
    definitions: list[tuple[tuple[str, str], ...] | None] = field(default_factory=list)

    @property
    def extracted(self) -> int:
        return sum(isinstance(a, Article) for a in self.articles)


#: What a changed file's records are compared with before extraction: each article it gave
#: last time, by id, with its content hash and the duplicate keys recorded for it.
Known = Mapping[str, tuple[str, tuple[str, ...]]]
#: One input file to read: the file, its byte hash, its size, and what it gave last time
#: (empty when every record is to be extracted).
Task = tuple[SourceFile, str, int, Known]


def process_files(
    tasks: Iterable[Task],
    workers: int,
    aliases_path: Path | None,
    seconds_per_mb: float = DEFAULT_SECONDS_PER_MB,
    sign: bool = True,
) -> Iterator[FileResult]:
    """Read and extract every task, yielding results in task order. A file that takes over
    `seconds_per_mb` CPU seconds per MB is skipped with that reason. With `sign`, each
    extracted article comes with its story signature."""
    tasks = list(tasks)
    if workers <= 1 or len(tasks) <= 1:
        _init_worker(aliases_path, seconds_per_mb, sign)
        yield from map(_process_one, tasks)
        return
    executor = worker_pool(workers, _init_worker, (aliases_path, seconds_per_mb, sign))
    try:
        yield from executor.map(_process_one, tasks)
    finally:
        executor.shutdown(wait=True, cancel_futures=True)


def _init_worker(
    aliases_path: Path | None, seconds_per_mb: float = DEFAULT_SECONDS_PER_MB, sign: bool = True
) -> None:
    global _aliases, _seconds_per_mb, _sign
    _aliases = load_aliases(aliases_path)
    _seconds_per_mb = seconds_per_mb
    _sign = sign
    if multiprocessing.parent_process() is not None:  # never the caller's own process
        os.nice(WORKER_NICENESS)


def _process_one(task: Task) -> FileResult:
    source, file_hash, size, known = task
    articles: list[Article | Unchanged] = []
    keys: list[tuple[str, ...]] = []
    signatures: list[np.ndarray | None] = []
    defined: list[tuple[tuple[str, str], ...] | None] = []
    skipped: list[Skipped] = []
    limit = limit_for(size, _seconds_per_mb) if _seconds_per_mb else None
    with collect_notes() as notes:
        try:
            with time_limit(limit):
                for item in read(source):
                    if isinstance(item, Skipped):
                        skipped.append(item)
                        continue
                    stored = known.get(item.id)
                    if stored is not None and stored[0] == item.content_hash:
                        origin = str(source.root / item.origin)
                        articles.append(Unchanged(item.id, origin, item.url, item.title))
                        keys.append(stored[1])
                        signatures.append(None)
                        defined.append(None)
                    else:
                        article = _finish(item, source)
                        articles.append(article)
                        keys.append(duplicate_keys(article))
                        signatures.append(signature(article.body) if _sign else None)
                        defined.append(definitions(article.body))
        except TimeLimitExceeded:
            reason = f"took longer than its time limit ({limit:g} CPU seconds); not read"
            skipped, articles, keys, signatures, defined = (
                [Skipped(_relative(source), reason)],
                [],
                [],
                [],
                [],
            )
            notes.clear()
        except Exception as error:  # a reader bug must cost one file, never the run
            reason = f"could not be read: {type(error).__name__}: {error}"
            skipped, articles, keys, signatures, defined = (
                [Skipped(_relative(source), reason)],
                [],
                [],
                [],
                [],
            )
            notes.clear()
    return FileResult(source, file_hash, size, articles, keys, skipped, notes, signatures, defined)


def _finish(article: Article, source: SourceFile) -> Article:
    extracted = extract(article, _aliases)
    return replace(extracted, origin=str(source.root / article.origin))


def _relative(source: SourceFile) -> str:
    try:
        return str(source.path.relative_to(source.root))
    except ValueError:
        return str(source.path)
