"""Notes: what a reader left out of an article it still produced (a link that is not a web
address), so the run log can say so.

Readers call `note(origin, message)`; a caller that wants the notes reads inside
`collect_notes()`. The notes travel beside the stream of articles and skips rather
than in it, so every caller of `read` still sees only those two.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Note:
    """One thing left out of the article from `origin`, in one line."""

    origin: str
    message: str


_collected: ContextVar[list[Note] | None] = ContextVar("notes", default=None)


@contextmanager
def collect_notes() -> Iterator[list[Note]]:
    """The notes readers make inside the block, in order."""
    notes: list[Note] = []
    token = _collected.set(notes)
    try:
        yield notes
    finally:
        _collected.reset(token)


def note(origin: str, message: str) -> None:
    """Record a note for whoever is collecting; none is kept when nobody is."""
    notes = _collected.get()
    if notes is not None:
        notes.append(Note(origin, message))
