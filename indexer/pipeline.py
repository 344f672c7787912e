"""Reading, cleaning and extraction in worker processes, one input file per task.

Workers turn a file into finished `Article`s (facets extracted) and hand them back in
input order, so that which copy of a duplicate is kept does not depend on timing. The
single writer stays in the parent process: Whoosh allows one writer per index.
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field, replace
from pathlib import Path

from indexer.extract import extract, load_aliases
from indexer.readers import Skipped, SourceFile, read
from indexer.readers.dedup import duplicate_keys
from indexer.readers.notes import Note, collect_notes
from indexer.timelimit import DEFAULT_SECONDS_PER_MB, TimeLimitExceeded, limit_for, time_limit
from search.models import Article

_aliases = None
#: CPU seconds per MB a file may take in this process (see `indexer.timelimit`); 0 for no limit.
_seconds_per_mb = DEFAULT_SECONDS_PER_MB
#: Workers yield the CPU to a web server answering searches on the same machine; alone
#: on it they lose nothing.
WORKER_NICENESS = 10


@dataclass(frozen=True, slots=True)
class FileResult:
    """Everything one input file gave: finished articles, each one's duplicate keys
    (hashed here so the single parent process does not spend its time on it) and
    skipped records."""

    source: SourceFile
    file_hash: str
    size: int
    articles: list[Article]
    keys: list[tuple[str, ...]]
    skipped: list[Skipped]
    #: What readers left out of articles they produced (a link that is not a web address).
    notes: list[Note] = field(default_factory=list)


def process_files(
    tasks: Iterable[tuple[SourceFile, str, int]],
    workers: int,
    aliases_path: Path | None,
    seconds_per_mb: float = DEFAULT_SECONDS_PER_MB,
) -> Iterator[FileResult]:
    """Read and extract every (file, hash, size) task, yielding results in task order.
    A file that takes over `seconds_per_mb` CPU seconds per MB is skipped with that reason."""
    tasks = list(tasks)
    if workers <= 1 or len(tasks) <= 1:
        _init_worker(aliases_path, seconds_per_mb)
        yield from map(_process_one, tasks)
        return
    context = multiprocessing.get_context("forkserver" if os.name == "posix" else "spawn")
    # An executor rather than a Pool: when a worker dies (killed, out of memory) it raises
    # BrokenProcessPool, where a Pool would wait forever for the lost task.
    executor = ProcessPoolExecutor(
        workers, mp_context=context, initializer=_init_worker, initargs=(aliases_path, seconds_per_mb)
    )
    try:
        yield from executor.map(_process_one, tasks)
    finally:
        executor.shutdown(wait=True, cancel_futures=True)


def _init_worker(aliases_path: Path | None, seconds_per_mb: float = DEFAULT_SECONDS_PER_MB) -> None:
    global _aliases, _seconds_per_mb
    _aliases = load_aliases(aliases_path)
    _seconds_per_mb = seconds_per_mb
    if multiprocessing.parent_process() is not None:  # never the caller's own process
        os.nice(WORKER_NICENESS)


def _process_one(task: tuple[SourceFile, str, int]) -> FileResult:
    source, file_hash, size = task
    articles: list[Article] = []
    skipped: list[Skipped] = []
    limit = limit_for(size, _seconds_per_mb) if _seconds_per_mb else None
    with collect_notes() as notes:
        try:
            with time_limit(limit):
                for item in read(source):
                    if isinstance(item, Skipped):
                        skipped.append(item)
                    else:
                        articles.append(_finish(item, source))
        except TimeLimitExceeded:
            reason = f"took longer than its time limit ({limit:g} CPU seconds); not read"
            skipped, articles = [Skipped(_relative(source), reason)], []
            notes.clear()
        except Exception as error:  # a reader bug must cost one file, never the run
            reason = f"could not be read: {type(error).__name__}: {error}"
            skipped, articles = [Skipped(_relative(source), reason)], []
            notes.clear()
    keys = [duplicate_keys(a) for a in articles]
    return FileResult(source, file_hash, size, articles, keys, skipped, notes)


def _finish(article: Article, source: SourceFile) -> Article:
    extracted = extract(article, _aliases)
    return replace(extracted, origin=str(source.root / article.origin))


def _relative(source: SourceFile) -> str:
    try:
        return str(source.path.relative_to(source.root))
    except ValueError:
        return str(source.path)
