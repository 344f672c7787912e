"""What the cluster knows about itself, kept on the cluster: the live-generation pointer,
the record of indexing runs, each generation's vocabulary (for "did you mean") and average
field lengths (for ranking, `search.sphinx.rescoring`), and the text of every facet value.

Two small real-time indexes (`meta`, `names`) sit on every shard server, replicas
included, and every write goes to all of them, so any one that answers can tell a web
server on another host what is live and what a value hash names. The pointer carries a
sequence number: a switch that reached only some servers (one failed mid-write) is read
as the newest one any server holds, which is the generation that was completed.
"""

from __future__ import annotations

import json
import os
import threading
import time
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, wait
from typing import TypeVar

from search.sphinx.config import META_INDEX, NAMES_INDEX
from search.sphinx.connections import Row, Server, Unavailable
from search.sphinx.documents import hash63
from search.sphinx.stored import by_id

#: Row kinds of the meta index.
POINTER = 1
RUN = 2
VOCABULARY = 3
LENGTHS = 4
ACRONYMS = 5
SPELLINGS = 6
#: Row kinds kept per generation (the live one and the one being written).
_PER_GENERATION = (VOCABULARY, LENGTHS, ACRONYMS, SPELLINGS)
#: The pointer's document id (ids of runs are hashes, never this small).
_POINTER_ID = 1
#: Values written per statement.
_BATCH = 500
#: Words (with counts) per vocabulary row: well under the 8 MB packet a statement may fill.
_WORDS_PER_ROW = 20_000
#: Acronym entries (with the spellings given and their counts) per row: as far under it.
_ACRONYMS_PER_ROW = 2_000
#: A read here is a few small rows: a server slower than this to connect or to answer counts
#: as not answering, so one unreachable or slow host holds a search for seconds at most.
CONNECT_TIMEOUT_S = 1.0
READ_TIMEOUT_S = 1.5
#: Seconds a server that did not answer a read is passed over by reads while another one
#: remains (writes still go to every server).
AVOID_S = 30.0
#: Seconds a read waits on one server before asking the next one as well (the first
#: answer is taken): a slow server costs a search this much, not its timeouts.
HEDGE_S = 0.25
#: Threads per server that reads run on (several searches read at once).
_THREADS_PER_SERVER = 4
T = TypeVar("T")


class Meta:
    """The meta and names indexes on `servers` (every shard server)."""

    def __init__(self, servers: Sequence[Server]) -> None:
        #: Where writes go: every shard server.
        self.servers = list(servers)
        #: The same servers for reads, with short timeouts: another server answers instead.
        self._readers = [
            Server(s.address, connect_timeout=CONNECT_TIMEOUT_S, read_timeout=READ_TIMEOUT_S)
            for s in self.servers
        ]
        self._avoid_until: dict[int, float] = {}
        self._lock = threading.Lock()
        self._pool = self._new_pool()
        self._pool_pid = os.getpid()
        self._closed = False

    def close_all(self) -> None:
        """Close every connection, the readers' too; for shutting down (a read after it,
        such as a pointer refresh a search had just asked for, is `Unavailable`)."""
        self._closed = True
        for server in (*self.servers, *self._readers):
            server.close_all()
        self._pool.shutdown(wait=False)

    def _readable(self) -> tuple[list[Server], list[Server]]:
        """The servers to read from: those that have not failed within `AVOID_S`, and then
        the others, the longest-avoided first. A server passed over is still asked when no
        other answers: in a rolling restart every server fails once within `AVOID_S`, and
        the one to read from then is one that failed and has come back."""
        now = time.monotonic()
        with self._lock:
            until = [self._avoid_until.get(i, 0.0) for i in range(len(self._readers))]
        avoided = sorted((i for i in range(len(until)) if until[i] > now), key=until.__getitem__)
        fresh = [s for i, s in enumerate(self._readers) if until[i] <= now]
        return fresh, [self._readers[i] for i in avoided]

    def _executor(self) -> ThreadPoolExecutor:
        if self._closed:
            raise Unavailable("the cluster's connections are closed")
        if self._pool_pid != os.getpid():  # forked (a web worker): the parent's threads are gone
            self._pool, self._pool_pid = self._new_pool(), os.getpid()
        return self._pool

    def _new_pool(self) -> ThreadPoolExecutor:
        return ThreadPoolExecutor(
            max_workers=max(1, _THREADS_PER_SERVER * len(self.servers)), thread_name_prefix="meta"
        )

    def _pointer_row(self, server: Server) -> Sequence[Row] | None:
        """The pointer row one server holds (none: empty), or None when it did not answer."""
        try:
            return self._asked(
                lambda s: s.run(f"SELECT seq, value FROM {META_INDEX} WHERE id = {_POINTER_ID}")[0][0], server
            )
        except Unavailable:
            return None

    def _asked(self, read: Callable[[Server], T], server: Server) -> T:
        """`read` from `server`, remembering whether it answered (whoever waits on it)."""
        try:
            answer = read(server)
        except Unavailable:
            with self._lock:
                self._avoid_until[self._readers.index(server)] = time.monotonic() + AVOID_S
            raise
        with self._lock:
            self._avoid_until.pop(self._readers.index(server), None)
        return answer

    # -- the pointer --------------------------------------------------------------------

    def pointer(self) -> tuple[int, dict[str, object]]:
        """(sequence, state) of the newest pointer any server holds; (0, {}) when none has one.
        Raises `Unavailable` when no server answers."""
        fresh, avoided = self._readable()
        # Asked all at once: an unreachable server costs its timeout once, not once each;
        # those passed over only when none of the others answers.
        found = list(self._executor().map(self._pointer_row, fresh))
        if not any(answer is not None for answer in found):
            found = list(self._executor().map(self._pointer_row, avoided))
        rows: list[Row] = [row for answer in found if answer is not None for row in answer]
        answered = sum(answer is not None for answer in found)
        if not answered:
            raise Unavailable("no shard server answered for the generation pointer")
        if not rows:
            return 0, {}
        seq, value = max(rows, key=lambda r: int(r[0]))
        return int(seq), dict(json.loads(value))

    def set_pointer(self, seq: int, state: dict[str, object]) -> None:
        """Write the pointer to every server (`Unavailable` names one that did not take it)."""
        self._everywhere(
            f"REPLACE INTO {META_INDEX} (id, key, kind, seq, value) VALUES (%s, %s, %s, %s, %s)",
            (_POINTER_ID, "pointer", POINTER, seq, json.dumps(state)),
        )

    # -- runs ---------------------------------------------------------------------------

    def add_run(self, seq: int, text: str, keep: int) -> None:
        """Record a run, keeping the newest `keep` on each server."""
        self._everywhere(
            f"REPLACE INTO {META_INDEX} (id, key, kind, seq, value) VALUES (%s, %s, %s, %s, %s)",
            (hash63(f"run:{seq}"), "run", RUN, seq, text),
        )
        for server in self.servers:
            rows = server.run(
                f"SELECT id FROM {META_INDEX} WHERE kind = {RUN} ORDER BY seq DESC"
                f" LIMIT {keep}, 1000 OPTION max_matches={keep + 1000}"
            )[0][0]
            if rows:
                server.run(
                    f"DELETE FROM {META_INDEX} WHERE id IN ({', '.join(str(int(r[0])) for r in rows)})"
                )

    def runs(self, limit: int) -> list[str]:
        """The newest `limit` runs' records, newest first."""
        return self._first(
            lambda server: [
                str(r[0])
                for r in server.run(
                    f"SELECT value FROM {META_INDEX} WHERE kind = {RUN} ORDER BY seq DESC"
                    f" LIMIT {limit} OPTION max_matches={limit}"
                )[0][0]
            ]
        )

    # -- what each generation keeps ---------------------------------------------------

    def set_vocabulary(self, generation: str, counts: dict[str, int]) -> None:
        """A generation's surface words and how often each occurs."""
        self._keep(VOCABULARY, "vocabulary", generation, _chunks(sorted(counts.items()), _WORDS_PER_ROW))

    def vocabulary(self, generation: str) -> dict[str, int]:
        return {str(w): int(n) for text in self._kept(VOCABULARY, generation) for w, n in json.loads(text)}

    def set_lengths(self, generation: str, averages: dict[str, float]) -> None:
        """A generation's average field lengths (`search.sphinx.rescoring.FieldLengths`)."""
        self._keep(LENGTHS, "lengths", generation, [json.dumps(averages)])

    def lengths(self, generation: str) -> dict[str, float] | None:
        """A generation's average field lengths; None for one written before they were kept."""
        texts = self._kept(LENGTHS, generation)
        return {str(k): float(v) for k, v in json.loads(texts[0]).items()} if texts else None

    def set_acronyms(self, generation: str, entries: list[dict[str, object]]) -> None:
        """A generation's acronym table (`search.acronyms.to_rows`)."""
        self._keep(ACRONYMS, "acronyms", generation, _chunks(entries, _ACRONYMS_PER_ROW))

    def acronyms(self, generation: str) -> list[dict[str, object]]:
        """The acronym table's rows; none for a generation written before they were kept."""
        return [entry for text in self._kept(ACRONYMS, generation) for entry in json.loads(text)]

    def set_spellings(self, generation: str, spellings: dict[str, tuple[str, ...]]) -> None:
        """A generation's name words with their other spellings in the archive."""
        self._keep(SPELLINGS, "spellings", generation, _chunks(sorted(spellings.items()), _WORDS_PER_ROW))

    def spellings(self, generation: str) -> dict[str, tuple[str, ...]]:
        return {str(w): tuple(o) for text in self._kept(SPELLINGS, generation) for w, o in json.loads(text)}

    def keep_generations(self, generations: Iterable[str]) -> None:
        """Drop what every generation but these keeps (vocabularies, field lengths, acronyms
        and spellings)."""
        kept = ", ".join(str(hash63(g)) for g in generations) or "0"
        kinds = ", ".join(str(kind) for kind in _PER_GENERATION)
        for server in self.servers:
            rows = server.run(
                f"SELECT id FROM {META_INDEX} WHERE kind IN ({kinds}) AND seq NOT IN ({kept})"
                " LIMIT 10000 OPTION max_matches=10000"
            )[0][0]
            if rows:
                server.run(
                    f"DELETE FROM {META_INDEX} WHERE id IN ({', '.join(str(int(r[0])) for r in rows)})"
                )

    def _keep(self, kind: int, key: str, generation: str, values: list[str]) -> None:
        """One generation's rows of one kind (JSON texts), on every server."""
        for number, value in enumerate(values):
            self._everywhere(
                f"REPLACE INTO {META_INDEX} (id, key, kind, seq, value) VALUES (%s, %s, %s, %s, %s)",
                (hash63(f"{key}:{generation}:{number}"), key, kind, hash63(generation), value),
            )

    def _kept(self, kind: int, generation: str) -> list[str]:
        """One generation's rows of one kind, from the first server to answer."""

        def read(server: Server) -> list[str]:
            rows = server.run(
                f"SELECT value FROM {META_INDEX} WHERE kind = {kind} AND seq = {hash63(generation)}"
                " LIMIT 10000 OPTION max_matches=10000"
            )[0][0]
            return [str(row[0]) for row in rows]

        return self._first(read)

    # -- facet values -------------------------------------------------------------------

    def add_names(self, pairs: Iterable[tuple[int, str]]) -> None:
        """Remember facet values by hash (a value's hash never changes: rewriting is harmless)."""
        listed = list(pairs)
        for start in range(0, len(listed), _BATCH):
            chunk = listed[start : start + _BATCH]
            args: list[object] = []
            for number, value in chunk:
                args += [number, "", value]
            self._everywhere(
                f"REPLACE INTO {NAMES_INDEX} (id, key, value) VALUES "
                + ", ".join(["(%s, %s, %s)"] * len(chunk)),
                tuple(args),
            )

    def names(self, hashes: Sequence[int]) -> dict[int, str]:
        """Facet values by hash (unknown hashes left out)."""

        def read(server: Server) -> dict[int, str]:
            found = by_id(server, NAMES_INDEX, "value", hashes, batch=_BATCH)
            return {value_hash: str(value) for value_hash, value in found.items()}

        return self._first(read) if hashes else {}

    # -- helpers ------------------------------------------------------------------------

    def _everywhere(self, sql: str, args: tuple[object, ...]) -> None:
        for server in self.servers:
            server.run(sql, args)

    def _first(self, read: Callable[[Server], T]) -> T:
        """What the first server to answer says: asked in `_readable`'s order, the next one
        as soon as one fails or none of those asked has answered within `HEDGE_S`."""
        fresh, avoided = self._readable()
        queue = [*fresh, *avoided]
        asked: set[Future[T]] = set()
        last: BaseException | None = None
        while queue or asked:
            if queue:
                asked.add(self._executor().submit(self._asked, read, queue.pop(0)))
            done, asked = wait(asked, timeout=HEDGE_S if queue else None, return_when=FIRST_COMPLETED)
            for future in done:
                error = future.exception()
                if error is None:
                    return future.result()
                last = error
        raise last or Unavailable("no shard server")


def _chunks(items: Sequence[object], size: int) -> list[str]:
    """`items` as JSON lists of at most `size`, each well under a statement's packet limit."""
    starts = range(0, len(items), size)
    return [json.dumps(list(items[start : start + size]), ensure_ascii=False) for start in starts]
