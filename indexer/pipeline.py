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
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, replace
from pathlib import Path

from indexer.extract import extract, load_aliases
from indexer.readers import Skipped, SourceFile, read
from indexer.readers.dedup import duplicate_keys
from search.models import Article

_aliases = None
#: Workers yield the CPU to a web server answering searches on the same machine; alone
#: on it they lose nothing.
WORKER_NICENESS = 10


@dataclass(frozen=True, slots=True)
class Unchanged:
    """A record that reads as its stored article did (same id, same content hash)."""

    id: str


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

    @property
    def extracted(self) -> int:
        return sum(isinstance(a, Article) for a in self.articles)


#: One input file to read: the file, its byte hash, its size, and the content hash of each
#: article it gave last time (empty when every record is to be extracted).
Task = tuple[SourceFile, str, int, Mapping[str, str]]


def process_files(tasks: Iterable[Task], workers: int, aliases_path: Path | None) -> Iterator[FileResult]:
    """Read and extract every task, yielding results in task order."""
    tasks = list(tasks)
    if workers <= 1 or len(tasks) <= 1:
        _init_worker(aliases_path)
        yield from map(_process_one, tasks)
        return
    context = multiprocessing.get_context("forkserver" if os.name == "posix" else "spawn")
    # An executor rather than a Pool: when a worker dies (killed, out of memory) it raises
    # BrokenProcessPool, where a Pool would wait forever for the lost task.
    executor = ProcessPoolExecutor(
        workers, mp_context=context, initializer=_init_worker, initargs=(aliases_path,)
    )
    try:
        yield from executor.map(_process_one, tasks)
    finally:
        executor.shutdown(wait=True, cancel_futures=True)


def _init_worker(aliases_path: Path | None) -> None:
    global _aliases
    _aliases = load_aliases(aliases_path)
    if multiprocessing.parent_process() is not None:  # never the caller's own process
        os.nice(WORKER_NICENESS)


def _process_one(task: Task) -> FileResult:
    source, file_hash, size, known = task
    articles: list[Article | Unchanged] = []
    keys: list[tuple[str, ...]] = []
    skipped: list[Skipped] = []
    try:
        for item in read(source):
            if isinstance(item, Skipped):
                skipped.append(item)
                continue
            keys.append(duplicate_keys(item))
            if known and known.get(item.id) == item.content_hash:
                articles.append(Unchanged(item.id))
            else:
                articles.append(_finish(item, source))
    except Exception as error:  # a reader bug must cost one file, never the run
        origin = _relative(source)
        skipped = [Skipped(origin, f"could not be read: {type(error).__name__}: {error}")]
        articles, keys = [], []
    return FileResult(source, file_hash, size, articles, keys, skipped)


def _finish(article: Article, source: SourceFile) -> Article:
    extracted = extract(article, _aliases)
    return replace(extracted, origin=str(source.root / article.origin))


def _relative(source: SourceFile) -> str:
    try:
        return str(source.path.relative_to(source.root))
    except ValueError:
        return str(source.path)
