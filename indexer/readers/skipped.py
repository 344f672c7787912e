"""The two small records the readers hand out besides articles."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True, slots=True)
class Skipped:
    """A file or record that produced no article, and why, in one line.

    `origin` is the path relative to the corpus root, plus "#<record>" for a record
    in a multi-article file.
    """

    origin: str
    reason: str


@dataclass(frozen=True, slots=True)
class SourceFile:
    """A file found by discovery, with the corpus root its origin is relative to."""

    path: Path
    root: Path

    @property
    def origin(self) -> str:
        try:
            return self.path.relative_to(self.root).as_posix() if self.path != self.root else self.path.name
        except ValueError:
            return self.path.as_posix()
