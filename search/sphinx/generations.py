"""Which generation slot is live: a pointer kept on the cluster (`search.sphinx.meta`).

Both slots' indexes exist on every shard from the start (see `search.sphinx.config`), so
making a generation live is only this pointer changing. A reader sends a whole query to
one slot's distributed index, so it sees one generation or the other, never a mix. A
build always fills the slot that is not live; the previous generation stays there for
rollback until the next build begins.

The pointer lives on the cluster, not beside the process, so every web server and
indexer, on any host, agrees on what is live; a host with an empty folder cannot mistake
a full cluster for an empty one. Readers keep what they read for `TTL_S`: another host's
switch is seen within that time, the engine's own at once.
"""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass, field

from search.sphinx.config import SLOTS
from search.sphinx.connections import Unavailable
from search.sphinx.meta import Meta

#: Seconds a reader trusts the pointer it read before asking the cluster again.
TTL_S = 1.0


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
    """The live/previous slots of one cluster.

    A search never waits on the pointer once it has been read: when it is older than
    `TTL_S`, the search is answered from it while a background thread asks the cluster
    again, so a shard server that is slow or unreachable costs no search its timeout."""

    def __init__(self, meta: Meta) -> None:
        self.meta = meta
        self._lock = threading.Lock()
        self._seq = 0
        self._state = State()
        self._read_at: float | None = None
        self._refreshing = False
        #: One long-lived thread asks again (its connections are reused, never leaked).
        self._wake = threading.Event()
        self._refresher: threading.Thread | None = None

    def read(self, *, fresh: bool = False) -> State:
        """The current state, at most `TTL_S` (plus one read) old; `fresh`: asked now, as
        the first read is. Raises `search.sphinx.connections.Unavailable` when a read made
        now finds no shard server answering."""
        with self._lock:
            if fresh or self._read_at is None:
                self._take(*self.meta.pointer())
            elif time.monotonic() - self._read_at >= TTL_S and not self._refreshing:
                self._refreshing = True
                if self._refresher is None or not self._refresher.is_alive():
                    self._refresher = threading.Thread(
                        target=self._refresh_forever, name="pointer", daemon=True
                    )
                    self._refresher.start()
                self._wake.set()
            return self._state

    def _refresh_forever(self) -> None:
        while True:
            self._wake.wait()
            self._wake.clear()
            self._refresh()

    def _refresh(self) -> None:
        seq: int | None = None
        try:
            seq, data = self.meta.pointer()
        except Unavailable:
            pass  # keep what was read last; the next search tries again
        finally:  # whatever happened, a later search may ask again
            with self._lock:
                self._refreshing = False
                if seq is not None and seq >= self._seq:
                    self._take(seq, data)
                elif seq is None:
                    self._read_at = time.monotonic()

    def _take(self, seq: int, data: dict[str, object]) -> None:
        names = data.get("names", {})
        self._seq = seq
        self._state = State(
            _slot(data.get("live")),
            _slot(data.get("previous")),
            {str(k): str(v) for k, v in names.items()} if isinstance(names, dict) else {},
        )
        self._read_at = time.monotonic()

    def write(self, state: State) -> None:
        """Replace the pointer on every shard server (read first: the sequence moves on)."""
        self.read(fresh=True)
        with self._lock:
            seq = self._seq + 1
            self.meta.set_pointer(seq, {"live": state.live, "previous": state.previous, "names": state.names})
            self._seq, self._state, self._read_at = seq, state, time.monotonic()


def _slot(value: object) -> str | None:
    return value if isinstance(value, str) and value in SLOTS else None
