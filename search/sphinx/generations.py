"""Which generation slot is live, in one small file replaced atomically.

Both slots' indexes exist on every shard from the start (see `search.sphinx.config`), so
making a generation live is only this pointer changing: a reader reads it once per
query (a stat call tells whether it changed) and sends the whole query to that slot's
distributed index, so it sees one generation or the other, never a mix. A build always
fills the slot that is not live; the previous generation stays there for rollback until
the next build begins.
"""

from __future__ import annotations

import json
import os
import threading
from dataclasses import dataclass, field
from pathlib import Path

from search.sphinx.config import SLOTS

POINTER = "generations.json"


@dataclass(frozen=True, slots=True)
class State:
    live: str | None = None
    previous: str | None = None
    #: slot -> the name of the generation it holds.
    names: dict[str, str] = field(default_factory=dict)

    def spare(self) -> str:
        """The slot a new generation is built in."""
        return next(s for s in SLOTS if s != self.live)


class Pointer:
    """The live/previous slots of one engine state folder."""

    def __init__(self, root: Path) -> None:
        self.path = root / POINTER
        self._lock = threading.Lock()
        self._stamp: tuple[int, int] | None = None
        self._state = State()

    def read(self) -> State:
        """The current state; the file is re-read only when it has been replaced."""
        try:
            st = os.stat(self.path)
        except FileNotFoundError:
            return State()
        stamp = (st.st_ino, st.st_mtime_ns)
        with self._lock:
            if stamp != self._stamp:
                data = json.loads(self.path.read_text(encoding="utf-8"))
                self._state = State(data.get("live"), data.get("previous"), dict(data.get("names", {})))
                self._stamp = stamp
            return self._state

    def write(self, state: State) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        tmp = self.path.with_suffix(f".{os.getpid()}.{threading.get_ident()}.tmp")
        tmp.write_text(
            json.dumps({"live": state.live, "previous": state.previous, "names": state.names}),
            encoding="utf-8",
        )
        os.replace(tmp, self.path)
