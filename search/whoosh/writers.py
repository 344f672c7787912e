"""Segment writers fed while articles arrive, so a build's memory does not grow with the archive.

Articles are appended to a run file (`search.whoosh.incoming`) until it holds
`SEGMENT_BYTES` of their text; a writer process then reads the run back from the file and
turns it into one segment (`search.whoosh.bulk`) while the next run fills. At most
`procs` runs are being written at once and none waits in a queue, and no process holds a
run's articles (the builder writes them out, the writer reads them a batch at a time), so
a build's memory is the writers' postings and term tables, whatever the archive's size. A
writer's memory grows with the text it is given, which is why the bound is in bytes of
text and not in articles.
"""

from __future__ import annotations

import itertools
import os
from array import array
from concurrent.futures import FIRST_COMPLETED, FIRST_EXCEPTION, Future, ProcessPoolExecutor, wait
from pathlib import Path
from typing import Any

import numpy as np

from search.engine import WriteProgress
from search.lifeline import pool_context, worker_pool
from search.memory import give_back_memory
from search.models import Article
from search.whoosh.bulk import write_segment
from search.whoosh.incoming import INCOMING, RunFile, read_run

#: The article text (headline and body, in characters) of one segment: about 12,000 news
#: articles, a few hundred MB in its writer process.
SEGMENT_BYTES = 48_000_000
#: A run this short is written in the calling process rather than split between processes.
PARALLEL_BATCH = 200
#: How often the writing processes' progress is passed on.
PROGRESS_SECONDS = 0.5
#: Writer processes yield the CPU to searches served from the same machine.
WRITER_NICENESS = 10
#: Writing an article costs about as much as this many characters of its text, on top of
#: its text (measured: 0.87 ms an article, 0.61 µs a character).
ARTICLE_COST = 1400


def text_size(article: Article) -> int:
    """What an article weighs against `SEGMENT_BYTES`."""
    return len(article.title) + len(article.body)


class SegmentWriters:
    """Writes the articles it is given as new segments of the index at `directory`, in
    `procs` processes (or this one when `procs` is 1); `finish` returns the segments in the
    order their runs were given. `progress` hears how many articles' worth of work is done."""

    def __init__(self, directory: Path, procs: int, progress: WriteProgress | None) -> None:
        self.directory = directory
        self.procs = procs
        self.progress = progress
        self._segments: list[object] = []
        self._futures: list[Future[object]] = []
        self._pool: ProcessPoolExecutor | None = None
        self._written: Any = None  # a shared counter once the pool starts
        self._done = 0  # articles written in this process
        #: The run filling: its file, each article's writing cost, its text so far.
        self._run: RunFile | None = None
        self._costs = array("q")
        self._text = 0
        #: For each run handed over, where its articles went: (segment number, first, end).
        self._placed: list[list[tuple[int, int, int]]] = []
        #: A run file's parts still being written, and the file each future reads.
        self._unwritten: dict[Path, int] = {}
        self._reads: dict[Future[object], Path] = {}

    def add(self, article: Article) -> tuple[int, int]:
        """Append `article` to the run filling, and hand the run to a writer once it holds
        `SEGMENT_BYTES` of text (waiting while every process is busy). Returns the run's
        number and the article's position in it, which `locate` turns into its segment."""
        if self._run is None:
            self._run = RunFile(self.directory / INCOMING / f"run-{len(self._placed):05d}")
        place = (len(self._placed), self._run.add(article))
        size = text_size(article)
        self._costs.append(size + ARTICLE_COST)
        self._text += size
        if self._text >= SEGMENT_BYTES:
            self.send()
        return place

    def send(self, parts: int = 1) -> int:
        """Hand the run filling to the writers as `parts` segments of about equal work (one
        when the run is too short to be worth splitting); returns its article count."""
        run = self._run
        if run is None:
            return 0
        run.close()
        if self.procs <= 1 or run.count < PARALLEL_BATCH:
            parts = 1
        bounds = balanced(np.frombuffer(self._costs, dtype=np.int64), parts)
        self._run, self._costs, self._text = None, array("q"), 0
        self._unwritten[run.path] = len(bounds)
        self._placed.append([(self._submit(run.path, lo, hi), lo, hi) for lo, hi in bounds])
        return run.count

    def locate(self, run: int, position: int) -> tuple[int, int]:
        """The segment number and document number of article `position` of run `run`."""
        for number, lo, hi in self._placed[run]:
            if lo <= position < hi:
                return number, position - lo
        raise IndexError(f"run {run} has no article {position}")

    def finish(self) -> list[object]:
        """Send the run filling (split between the processes), wait for every segment; the
        list is in the order the runs were given."""
        self.send(parts=self.procs)
        while self._pool is not None:
            self._wait(FIRST_EXCEPTION)
            if not self._futures:
                self.close()
        return [f.result() if isinstance(f, Future) else f for f in self._segments]

    def close(self) -> None:
        """Stop the writer processes and close the run filling (a failed or abandoned build)."""
        if self._run is not None:
            self._run.abandon()
            self._run = None
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
            self._pool = None

    def _submit(self, path: Path, lo: int, hi: int) -> int:
        number = len(self._segments)
        if self.procs <= 1:
            done = self._done
            articles = read_run(path, lo, hi)
            self._segments.append(write_segment(self.directory, articles, _offset(self.progress, done)))
            self._done += hi - lo
            self._written_part(path)
            return number
        pool = self._start()
        while self._running() >= self.procs:  # hold no run in a queue: it would be memory
            self._wait(FIRST_COMPLETED)
        future = pool.submit(_write_counted, self.directory, path, lo, hi)
        self._segments.append(future)
        self._futures.append(future)
        self._reads[future] = path
        return number

    def _written_part(self, path: Path) -> None:
        """One part of the run in `path` is a segment: the file goes after its last part."""
        self._unwritten[path] -= 1
        if not self._unwritten[path]:
            del self._unwritten[path]
            path.unlink()

    def _start(self) -> ProcessPoolExecutor:
        if self._pool is None:
            context = pool_context()
            self._written = context.Value("q", 0)
            self._pool = worker_pool(self.procs, _share_count, (self._written,), context)
        return self._pool

    def _running(self) -> int:
        return sum(not f.done() for f in self._futures)

    def _wait(self, when: str) -> None:
        done, _ = wait(self._futures, timeout=PROGRESS_SECONDS, return_when=when)
        if self.progress is not None and self._written is not None:
            self.progress(self._written.value)
        failed = next((f.exception() for f in done if f.exception() is not None), None)
        if failed is not None:
            raise failed
        for future in done:
            self._written_part(self._reads.pop(future))
        self._futures = [f for f in self._futures if not f.done()]


def _offset(progress: WriteProgress | None, done: int) -> WriteProgress | None:
    return None if progress is None else lambda n: progress(done + n)


#: In a writer process: the count of articles written, shared by every writer of a build.
_written = None


def _share_count(written) -> None:  # type: ignore[no-untyped-def]
    global _written
    _written = written
    os.nice(WRITER_NICENESS)


def _write_counted(directory: Path, path: Path, lo: int, hi: int) -> object:
    """`write_segment` of articles `lo` to `hi` of a run file, in a pool process, adding
    its progress to the shared count."""
    reported = 0

    def report(done: int) -> None:
        nonlocal reported
        with _written.get_lock():  # type: ignore[union-attr]
            _written.value += done - reported  # type: ignore[union-attr]
        reported = done

    try:
        return write_segment(directory, read_run(path, lo, hi), report)
    finally:
        give_back_memory()


def balanced(costs: np.ndarray, parts: int) -> list[tuple[int, int]]:
    """Consecutive slices (start, end) of a run whose articles cost `costs` to write (their
    text plus `ARTICLE_COST`), which take about as long to write as each other."""
    total = np.cumsum(costs)
    cuts = np.searchsorted(total, total[-1] * np.arange(1, parts) / parts)
    bounds = [0, *sorted({int(c) for c in cuts if 0 < c < len(costs)}), len(costs)]
    return list(itertools.pairwise(bounds))
