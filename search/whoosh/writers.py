"""Segment writers fed while articles arrive, so a build's memory does not grow with the archive.

A generation hands over a run of articles as soon as it holds `SEGMENT_BYTES` of their
text; a writer process turns it into one segment (`search.whoosh.bulk`) while the next run
fills. At most `procs` runs are being written at once and none waits in a queue, so the
articles held anywhere in the build are bounded by about `procs + 1` segments' worth,
whatever the archive's size. A writer's memory grows with the text it is given (postings,
term tables, column values: measured about 5 times the text), which is why the bound is in
bytes of text and not in articles.
"""

from __future__ import annotations

import itertools
import multiprocessing
import os
from concurrent.futures import FIRST_COMPLETED, FIRST_EXCEPTION, Future, ProcessPoolExecutor, wait
from pathlib import Path
from typing import Any

import numpy as np

from search.engine import WriteProgress
from search.models import Article
from search.whoosh.bulk import write_segment

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
    """Writes runs of articles as new segments of the index at `directory`, in `procs`
    processes (or this one when `procs` is 1); `finish` returns the segments in the order
    their runs were given. `progress` hears how many articles' worth of work is done."""

    def __init__(self, directory: Path, procs: int, progress: WriteProgress | None) -> None:
        self.directory = directory
        self.procs = procs
        self.progress = progress
        self._segments: list[object] = []
        self._futures: list[Future[object]] = []
        self._pool: ProcessPoolExecutor | None = None
        self._written: Any = None  # a shared counter once the pool starts
        self._done = 0  # articles written in this process

    def add(self, articles: list[Article], parts: int = 1) -> list[tuple[int, int]]:
        """Start writing `articles` as `parts` segments of about equal work (one when the run
        is too short to be worth splitting); returns each one's number (its index in the
        list `finish` returns) and article count. Waits while every process is busy."""
        if not articles:
            return []
        if self.procs <= 1 or len(articles) < PARALLEL_BATCH:
            parts = 1
        return [(self._submit(part), len(part)) for part in balanced(articles, parts)]

    def finish(self) -> list[object]:
        """Wait for every segment; the list is in the order the runs were given."""
        while self._pool is not None:
            self._wait(FIRST_EXCEPTION)
            if not self._futures:
                self.close()
        return [f.result() if isinstance(f, Future) else f for f in self._segments]

    def close(self) -> None:
        """Stop the writer processes (a failed or abandoned build)."""
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
            self._pool = None

    def _submit(self, articles: list[Article]) -> int:
        number = len(self._segments)
        if self.procs <= 1:
            done = self._done
            self._segments.append(write_segment(self.directory, articles, _offset(self.progress, done)))
            self._done += len(articles)
            return number
        pool = self._start()
        while self._running() >= self.procs:  # hold no run in a queue: it would be memory
            self._wait(FIRST_COMPLETED)
        future = pool.submit(_write_counted, self.directory, articles)
        self._segments.append(future)
        self._futures.append(future)
        return number

    def _start(self) -> ProcessPoolExecutor:
        if self._pool is None:
            context = multiprocessing.get_context("forkserver" if os.name == "posix" else "spawn")
            self._written = context.Value("q", 0)
            # An executor rather than a Pool: a writer that dies raises BrokenProcessPool
            # here instead of leaving the build waiting forever.
            self._pool = ProcessPoolExecutor(
                self.procs, mp_context=context, initializer=_share_count, initargs=(self._written,)
            )
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
        self._futures = [f for f in self._futures if not f.done()]


def _offset(progress: WriteProgress | None, done: int) -> WriteProgress | None:
    return None if progress is None else lambda n: progress(done + n)


#: In a writer process: the count of articles written, shared by every writer of a build.
_written = None


def _share_count(written) -> None:  # type: ignore[no-untyped-def]
    global _written
    _written = written
    os.nice(WRITER_NICENESS)


def _write_counted(directory: Path, articles: list[Article]) -> object:
    """`write_segment` in a pool process, adding its progress to the shared count."""
    reported = 0

    def report(done: int) -> None:
        nonlocal reported
        with _written.get_lock():  # type: ignore[union-attr]
            _written.value += done - reported  # type: ignore[union-attr]
        reported = done

    return write_segment(directory, articles, report)


def balanced(articles: list[Article], parts: int) -> list[list[Article]]:
    """Consecutive runs of `articles` that take about as long to write as each other: the
    time grows with an article's text plus a fixed cost per article (`ARTICLE_COST`)."""
    costs = np.cumsum([text_size(a) + ARTICLE_COST for a in articles])
    cuts = np.searchsorted(costs, costs[-1] * np.arange(1, parts) / parts)
    bounds = [0, *sorted({int(c) for c in cuts if 0 < c < len(articles)}), len(articles)]
    return [articles[lo:hi] for lo, hi in itertools.pairwise(bounds)]
