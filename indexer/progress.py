"""Progress of an indexing run: a live bar on a terminal, log lines elsewhere, or nothing.

Reading is measured in bytes of input, the only quantity known before reading starts
(a JSON lines file may hold one article or twenty thousand); writing, in articles.
"""

from __future__ import annotations

import sys
import time
from typing import TextIO

LOG_EVERY_SECONDS = 10.0
BAR_EVERY_SECONDS = 0.2
BAR_WIDTH = 24


class Progress:
    def __init__(self, stream: TextIO | None = None, *, quiet: bool = False) -> None:
        self.stream = stream or sys.stderr
        self.quiet = quiet
        self.live = not quiet and self.stream.isatty()
        self.total_bytes = 0
        self.done_bytes = 0
        self.articles = 0
        #: While writing: how many articles there are to write, and how many are written.
        self.to_write: int | None = None
        self.written = 0
        self._started = time.monotonic()
        self._last_shown = 0.0

    def start(self, total_bytes: int, files: int) -> None:
        self.total_bytes = total_bytes
        self._started = time.monotonic()
        self.note(f"reading {files:,} files ({total_bytes / 1e6:,.1f} MB)")

    def advance(self, nbytes: int, articles: int) -> None:
        self.done_bytes += nbytes
        self.articles += articles
        self._tick()

    def writing(self, total: int) -> None:
        """Reading is over; `total` articles are now to be written."""
        self.to_write = total
        self.written = 0
        self._started = time.monotonic()
        self._last_shown = 0.0
        self.note(f"writing {total:,} articles")

    def wrote(self, done: int) -> None:
        """`done` of the articles to write are written (a `search.engine.WriteProgress`)."""
        self.written = done
        self._tick()

    def _tick(self) -> None:
        now = time.monotonic()
        every = BAR_EVERY_SECONDS if self.live else LOG_EVERY_SECONDS
        if self.quiet or now - self._last_shown < every:
            return
        self._last_shown = now
        self._show(now)

    def note(self, message: str) -> None:
        """A line of its own (a phase change), clearing the bar first."""
        if self.quiet:
            return
        prefix = "\r\x1b[K" if self.live else ""
        self.stream.write(f"{prefix}{message}\n")
        self.stream.flush()

    def finish(self) -> None:
        if self.live:
            self._show(time.monotonic())
            self.stream.write("\n")
            self.stream.flush()

    def _show(self, now: float) -> None:
        elapsed = max(now - self._started, 1e-6)
        if self.to_write is None:
            fraction = self.done_bytes / self.total_bytes if self.total_bytes else 1.0
            done = f"{self.articles:,} articles, {self.articles / elapsed:,.0f}/s, {fraction:4.0%} of input"
        else:
            fraction = self.written / self.to_write if self.to_write else 1.0
            done = f"{self.written:,} of {self.to_write:,} articles written, {self.written / elapsed:,.0f}/s"
        left = f", about {_duration(elapsed * (1 - fraction) / fraction)} left" if fraction > 0 else ""
        text = done + left
        if self.live:
            filled = int(BAR_WIDTH * fraction)
            bar = "#" * filled + "-" * (BAR_WIDTH - filled)
            self.stream.write(f"\r\x1b[K[{bar}] {text}")
        else:
            self.stream.write(f"progress: {text}\n")
        self.stream.flush()


def _duration(seconds: float) -> str:
    seconds = int(seconds)
    if seconds < 60:
        return f"{seconds}s"
    minutes, seconds = divmod(seconds, 60)
    if minutes < 60:
        return f"{minutes}m{seconds:02d}s"
    hours, minutes = divmod(minutes, 60)
    return f"{hours}h{minutes:02d}m"
