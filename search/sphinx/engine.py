"""The SphinxQL engine: the `Engine` interface over a sharded Sphinx 2.2 / Manticore cluster.

Reads go to the aggregator's distributed index of the live slot: the page and the five
facets in one statement, then SHOW META for the exact total and for warnings from shards
that did not answer. Writes go straight to each shard, an article to shard
`hash(id) % N`, because Sphinx cannot write through a distributed index. Articles
themselves are read from `search.sphinx.store`. See docs/scale-out.md.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import threading
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import cast
from urllib.parse import parse_qs, urlsplit

from search.acronyms import AcronymTable, LiveTable
from search.budget import Deadline
from search.engine import (
    DateCounts,
    Engine,
    EngineQuery,
    EngineResults,
    Filters,
    Generation,
    ScoredArticle,
    WriteProgress,
)
from search.models import FACETS, ArchiveStats, Article, FacetValue, Fingerprint, Sort, facet_limit
from search.query import Node
from search.sphinx.config import MVA_ATTRS, dist_index, rt_index
from search.sphinx.connections import Row, Server, Unavailable
from search.sphinx.documents import COLUMNS, hash63, keyword
from search.sphinx.generations import Pointer, State
from search.sphinx.match import either, to_match
from search.sphinx.store import Store
from search.sphinx.url import Address, parse_url
from search.whoosh.schema import words

#: Rows of one REPLACE statement.
WRITE_BATCH = 500
#: Matches (and facet groups) a faceted query keeps: facet counts are exact while a
#: facet's distinct values in the result fit. Sphinx's default is 1,000; the cost grows
#: with it (docs/scale-out.md has figures). The engine URL's `max_matches=` overrides it.
MAX_MATCHES = 20_000
#: Groups kept when listing every value of a facet (once per generation, then cached):
#: the shared corpora name about 47,500 people.
ALL_VALUES = 200_000
#: Facet values fetched beyond the limit, so ties at the cut are broken by name, as the
#: embedded engine breaks them.
FACET_SLACK = 20
#: Statements sent in one round trip when counting articles per term.
COUNT_BATCH = 50
RANKING = "ranker=proximity_bm25, field_weights=(title=3, body=1)"
_FACET_ATTR = {
    "person": "person",
    "country": "country",
    "organisation": "organisation",
    "topic": "topic",
    "year": "year",
    "month": "month",
}


class SphinxEngine(Engine):
    """Searches through `aggregator`, writes to `shards`; keeps its store and generation
    pointer under `state_dir`."""

    def __init__(
        self,
        aggregator: Address,
        shards: Sequence[Sequence[Address]],
        state_dir: Path,
        *,
        max_matches: int = MAX_MATCHES,
    ) -> None:
        self.aggregator = Server(aggregator)
        self.max_matches = max_matches
        #: Each shard's replicas; every write goes to all of them.
        self.shard_addresses = tuple(tuple(replicas) for replicas in shards)
        self.root = Path(state_dir) / "sphinx"
        self.pointer = Pointer(self.root)
        self._acronyms = LiveTable(Path(state_dir), lambda: self.generation_names()[0])
        self._stores: dict[str, Store] = {}
        self._lock = threading.Lock()
        self._values: dict[tuple[str, str, str], list[FacetValue]] = {}

    @classmethod
    def from_url(cls, url: str, state_dir: Path) -> SphinxEngine:
        """`sphinx://HOST:PORT/?shard=HOST:PORT&shard=HOST:PORT|HOST:PORT[&max_matches=N]`
        (see `parse_url`)."""
        aggregator, shards = parse_url(url)
        options = parse_qs(urlsplit(url).query)
        max_matches = int(options.get("max_matches", [MAX_MATCHES])[0])
        return cls(aggregator, shards, state_dir, max_matches=max_matches)

    def store(self, slot: str) -> Store:
        with self._lock:
            if slot not in self._stores:
                self._stores[slot] = Store(self.root / f"store-{slot}.sqlite")
            return self._stores[slot]

    # -- reading ------------------------------------------------------------------------

    def query(self, query: EngineQuery) -> EngineResults:
        state = self.pointer.read()
        if state.live is None:
            return _empty(query, partial=False)
        if query.deadline is not None and query.deadline.passed():
            return _empty(query, partial=False, timed_out=True)
        reader = _Reader(self, state.live, query.facet_limit, deadline=query.deadline)
        try:
            return reader.answer(query)
        except Unavailable:
            return _empty(query, partial=True)

    def dates(self, node: Node | None, filters: Filters) -> DateCounts:
        live = self.pointer.read().live
        if live is None:
            return DateCounts({}, 0)
        match = to_match(node)
        if node is not None and match is None:  # only unsearchable words: nothing matches
            return DateCounts({}, 0)
        where, args = _where(match, filters)
        try:
            sets, meta = self.aggregator.run(
                f"SELECT day, COUNT(*) AS n FROM {dist_index(live)}{where} GROUP BY day"
                f" ORDER BY day ASC LIMIT 0, {ALL_VALUES} OPTION max_matches={ALL_VALUES}",
                args,
                meta=True,
            )
        except Unavailable:
            return DateCounts({}, 0, partial=True)
        rows = {int(r[0]): int(r[1]) for r in sets[0]}
        undated = rows.pop(0, 0)
        days = {dt.date.fromordinal(n): c for n, c in sorted(rows.items())}
        return DateCounts(days, undated, partial="warning" in meta)

    def document_frequencies(self, terms: Sequence[str]) -> dict[str, int]:
        """One `COUNT(*)` of `@body term` per term, `COUNT_BATCH` statements a round trip."""
        live = self.pointer.read().live
        found = dict.fromkeys(terms, 0)
        if live is None:
            return found
        statement = f"SELECT COUNT(*) FROM {dist_index(live)} WHERE MATCH(%s)"
        listed = list(found)
        for start in range(0, len(listed), COUNT_BATCH):
            batch = listed[start : start + COUNT_BATCH]
            try:
                sets, _ = self.aggregator.run(
                    "; ".join([statement] * len(batch)), tuple(f"@body {keyword(t)}" for t in batch)
                )
            except Unavailable:
                continue
            for term, rows in zip(batch, sets, strict=True):
                found[term] = int(rows[0][0]) if rows else 0
        return found

    def get(self, article_id: str) -> Article | None:
        live = self.pointer.read().live
        return self.store(live).get(article_id) if live else None

    def facet_values(self, facet: str, prefix: str = "", limit: int = 50) -> list[FacetValue]:
        state = self.pointer.read()
        if state.live is None:
            return []
        # Every value of a facet, counted over the whole generation: asked for on every
        # "did you mean" and "more people" list, and unchanged until the next switch.
        key = (state.live, state.names.get(state.live, ""), facet)
        values = self._values.get(key)
        if values is None:
            try:
                reader = _Reader(self, state.live, ALL_VALUES, max_matches=ALL_VALUES)
                answer = reader.select(None, Filters(), facets=(facet,), limit=0)
            except Unavailable:
                return []
            values = answer.facets[facet]
            if not answer.partial:
                with self._lock:
                    self._values = {k: v for k, v in self._values.items() if k[:2] == key[:2]}
                    self._values[key] = values
        wanted = " ".join(words(prefix))
        found = [v for v in values if not wanted or _starts(v.value, wanted)]
        return found[:limit]

    def stats(self, top: int = 10) -> ArchiveStats:
        live = self.pointer.read().live
        if live is None:
            return ArchiveStats(0, None, None, 0, {f: [] for f in FACETS}, [])
        try:
            everything = _Reader(self, live, top).select(None, Filters(), facets=FACETS, limit=0)
            years = _Reader(self, live, ALL_VALUES).select(None, Filters(), facets=("year",), limit=0)
            oldest = _Reader(self, live, 1).select(
                None, Filters(date_to=dt.date.max), sort=Sort.OLDEST, limit=1
            )
            newest = _Reader(self, live, 1).select(
                None, Filters(date_to=dt.date.max), sort=Sort.NEWEST, limit=1
            )
        except Unavailable:
            return ArchiveStats(0, None, None, 0, {f: [] for f in FACETS}, [])
        first = oldest.hits[0].article.date if oldest.hits else None
        last = newest.hits[0].article.date if newest.hits else None
        return ArchiveStats(
            articles=everything.total,
            first_date=first,
            last_date=last,
            undated=everything.total - newest.total,
            top=everything.facets,
            per_year=sorted(years.facets["year"], key=lambda v: v.value),
        )

    def fingerprints(self) -> dict[str, Fingerprint]:
        live = self.pointer.read().live
        return self.store(live).fingerprints() if live else {}

    def close(self) -> None:
        self.aggregator.close_all()
        for store in self._stores.values():
            store.close()

    # -- writing ------------------------------------------------------------------------

    def begin(self, *, fresh: bool, progress: WriteProgress | None = None) -> SphinxGeneration:
        state = self.pointer.read()
        slot = state.spare()
        # The spare slot may hold the previous generation: it stops being a rollback target now.
        self.pointer.write(State(state.live, None, {k: v for k, v in state.names.items() if k != slot}))
        name = f"{slot}-{dt.datetime.now(dt.UTC).strftime('%Y%m%dT%H%M%S%fZ')}"
        generation = SphinxGeneration(self, slot, name, progress)
        generation.truncate()
        store = self.store(slot)
        if fresh or state.live is None:
            store.reset()
        else:
            store.copy_from(self.store(state.live))
            for rows in store.rows(WRITE_BATCH):
                generation.send(rows)
        return generation

    def switch(self, generation: Generation) -> None:
        if not isinstance(generation, SphinxGeneration) or not generation.committed:
            raise ValueError("only a committed Sphinx generation can be switched to")
        state = self.pointer.read()
        names = dict(state.names)
        names[generation.slot] = generation.name
        previous = state.live if state.live != generation.slot else state.previous
        self.pointer.write(State(generation.slot, previous, names))

    def acronyms(self) -> AcronymTable:
        return self._acronyms.get()

    def generation_names(self) -> tuple[str | None, str | None]:
        state = self.pointer.read()
        return (
            state.names.get(state.live) if state.live else None,
            state.names.get(state.previous) if state.previous else None,
        )

    def rollback(self) -> str:
        state = self.pointer.read()
        if state.previous is None or state.previous not in state.names:
            raise RuntimeError("no previous generation to roll back to")
        self.pointer.write(State(state.previous, state.live, state.names))
        return state.names[state.previous]


class SphinxGeneration(Generation):
    """A generation filling one slot: its rows go to the shards, its articles to the slot's store."""

    def __init__(self, engine: SphinxEngine, slot: str, name: str, progress: WriteProgress | None) -> None:
        self.engine = engine
        self.slot = slot
        self.name = name
        self.progress = progress
        self.written = 0
        self.index = rt_index(slot)
        self.shards = [[Server(a) for a in replicas] for replicas in engine.shard_addresses]
        self.committed = False

    def truncate(self) -> None:
        for replicas in self.shards:
            for server in replicas:
                server.run(f"TRUNCATE RTINDEX {self.index}")

    def send(self, rows: Sequence[Sequence[object]]) -> None:
        """REPLACE rows into their shards (the last row of an id wins)."""
        routed: dict[int, dict[int, Sequence[object]]] = {}
        for row in rows:
            docid = int(row[0])  # type: ignore[call-overload]  # column 0 is the int id (documents.to_row)
            routed.setdefault(docid % len(self.shards), {})[docid] = row
        for number, by_id in routed.items():
            batch = list(by_id.values())
            for i in range(0, len(batch), WRITE_BATCH):
                self._replace(self.shards[number], batch[i : i + WRITE_BATCH])

    def _replace(self, replicas: list[Server], rows: Sequence[Sequence[object]]) -> None:
        plain = len(COLUMNS) - len(MVA_ATTRS)
        values = []
        args: list[object] = []
        for row in rows:
            # Multi-valued attributes are `(n, n)` lists, which no SQL argument can carry;
            # they are integers (value hashes), formatted here.
            lists = [cast("Sequence[int]", row[i]) for i in range(plain, len(COLUMNS))]
            mvas = ", ".join("(" + ",".join(str(int(v)) for v in listed) + ")" for listed in lists)
            values.append("(" + ", ".join(["%s"] * plain) + ", " + mvas + ")")
            args.extend(row[:plain])
        sql = f"REPLACE INTO {self.index} ({', '.join(COLUMNS)}) VALUES " + ", ".join(values)
        for server in replicas:
            server.run(sql, tuple(args))

    def write(self, articles: Sequence[Article]) -> None:
        self.send(self.engine.store(self.slot).put(articles))
        self.written += len(articles)
        if self.progress is not None:
            self.progress(self.written)

    def delete(self, ids: Iterable[str]) -> None:
        docids = self.engine.store(self.slot).remove(ids)
        routed: dict[int, list[int]] = {}
        for docid in docids:
            routed.setdefault(docid % len(self.shards), []).append(docid)
        for number, chunk in routed.items():
            for i in range(0, len(chunk), WRITE_BATCH):
                part = chunk[i : i + WRITE_BATCH]
                for server in self.shards[number]:
                    server.run(f"DELETE FROM {self.index} WHERE id IN ({', '.join(map(str, part))})")

    def commit(self) -> int:
        self.committed = True
        self._close()
        return self.engine.store(self.slot).count()

    def query(self, query: EngineQuery) -> EngineResults:
        return _Reader(self.engine, self.slot, query.facet_limit).answer(query)

    def abort(self) -> None:
        self.truncate()
        self.engine.store(self.slot).reset()
        self._close()

    def _close(self) -> None:
        for replicas in self.shards:
            for server in replicas:
                server.close_all()


# -- answering a query ---------------------------------------------------------------------


class _Reader:
    """One query's SQL against one slot."""

    def __init__(
        self,
        engine: SphinxEngine,
        slot: str,
        facet_limit: int,
        *,
        max_matches: int = 0,
        deadline: Deadline | None = None,
    ) -> None:
        self.engine = engine
        self.index = dist_index(slot)
        self.store = engine.store(slot)
        self.facet_limit = facet_limit
        self.max_matches = max_matches or engine.max_matches
        self.deadline = deadline

    def answer(self, query: EngineQuery) -> EngineResults:
        strict = to_match(query.node)
        facets = FACETS if query.facets else ()
        if query.node is not None and strict is None:  # only unsearchable words: nothing matches
            result = _empty(query, partial=False)
        else:
            result = self.select(
                strict, query.filters, query.sort, query.offset, query.limit, facets, query.pinned
            )
        if query.fallback is None or result.total >= query.fallback_below or self._late(result):
            return result
        loose = to_match(query.fallback)
        if loose is None:
            return result
        union = either(strict, loose)
        wider = self.select(union, query.filters, limit=0)
        if wider.total <= result.total:
            return result
        # Full matches first (all of them: there are fewer than `fallback_below`), then the rest.
        first = self.select(strict, query.filters, query.sort, 0, query.fallback_below).hits if strict else []
        hits = first[query.offset : query.offset + query.limit]
        rest = self.select(
            union,
            query.filters,
            query.sort,
            max(0, query.offset - len(first)),
            query.limit - len(hits),
            (),
            query.pinned,
            exclude=[hash63(h.article.id) for h in first],
        )
        counted = self.select(union, query.filters, limit=0, facets=facets, pinned=query.pinned)
        return EngineResults(
            total=len(first) + rest.total,
            hits=hits + rest.hits,
            facets=counted.facets,
            partial=wider.partial or rest.partial,
            relaxed=True,
            timed_out=rest.timed_out or counted.timed_out,
        )

    def _late(self, result: EngineResults) -> bool:
        """Whether a step ran out of time or the deadline has passed: no further step is taken."""
        return result.timed_out or (self.deadline is not None and self.deadline.passed())

    def _time_option(self) -> str:
        """Sphinx's own bound on a statement: the time left of the search's budget."""
        if self.deadline is None:
            return ""
        return f", max_query_time={max(1, int(self.deadline.remaining() * 1000))}"

    def select(
        self,
        match: str | None,
        filters: Filters,
        sort: Sort = Sort.RELEVANCE,
        offset: int = 0,
        limit: int = 10,
        facets: Sequence[str] = (),
        pinned: dict[str, tuple[str, ...]] | None = None,
        exclude: Sequence[int] = (),
    ) -> EngineResults:
        """One page of `match` under `filters`, its exact total and the facets asked for."""
        where, args = _where(match, filters, exclude)
        fetch = {f: min(self.max_matches, facet_limit(f, self.facet_limit) + FACET_SLACK) for f in facets}
        # Topics are counted as if no topic were chosen (a disjunctive facet), apart.
        inline = [f for f in facets if not (f == "topic" and filters.topics)]
        facet_sql = "".join(
            f" FACET {_FACET_ATTR[f]} ORDER BY COUNT(*) DESC LIMIT {fetch[f]}" for f in inline
        )
        # Facet counts are exact only while every distinct value fits in the group buffer.
        max_matches = max(self.max_matches if facets else 1000, offset + limit)
        sql = (
            f"SELECT id, WEIGHT() FROM {self.index}{where}"
            f" ORDER BY {_order(sort, match)} LIMIT {offset}, {max(1, limit)}"
            f" OPTION {RANKING}, max_matches={max_matches}{self._time_option()}{facet_sql}"
        )
        sets, meta = self.engine.aggregator.run(sql, args, meta=True)
        # Sphinx stops a statement at max_query_time and answers with what it has, warning
        # "query time exceeded max_query_time"; any other warning is a shard that did not answer.
        timed_out = "max_query_time" in meta.get("warning", "")
        partial = "warning" in meta and not timed_out
        rows = sets[0][:limit] if limit > 0 else []
        found = self.store.articles([int(r[0]) for r in rows])
        hits = [ScoredArticle(found[int(r[0])], float(r[1])) for r in rows if int(r[0]) in found]
        counted: dict[str, list[tuple[str, int]]] = {}
        result: Sequence[Row]
        for facet, result in zip(inline, sets[1:], strict=False):
            if _tied_at_cut(result, fetch[facet], facet_limit(facet, self.facet_limit)):
                result, missed = self._facet_only(facet, match, filters, exclude, self.max_matches)
                partial = partial or missed
            counted[facet] = self._named(facet, result)
        if "topic" in facets and "topic" not in counted:
            result, missed = self._facet_only("topic", match, filters, exclude, fetch["topic"])
            if _tied_at_cut(result, fetch["topic"], self.facet_limit):
                result, missed = self._facet_only("topic", match, filters, exclude, self.max_matches)
            partial = partial or missed
            counted["topic"] = self._named("topic", result)
        out: dict[str, list[FacetValue]] = {}
        for facet in facets:
            chosen = (pinned or {}).get(facet, ())
            ranked = sorted(counted.get(facet, []), key=lambda p: (-p[1], p[0]))
            ranked = ranked[: facet_limit(facet, self.facet_limit)]
            values = [FacetValue(v, c, v in chosen) for v, c in ranked]
            shown = {v for v, _ in ranked}
            for value in chosen:
                if value not in shown:
                    values.append(
                        FacetValue(value, self._count_with(facet, value, match, filters, exclude), True)
                    )
            out[facet] = values
        total = int(meta.get("total_found", "0").split(";")[0])
        return EngineResults(total, hits, out, partial=partial, timed_out=timed_out)

    def _facet_only(
        self, facet: str, match: str | None, filters: Filters, exclude: Sequence[int], limit: int
    ) -> tuple[Sequence[Row], bool]:
        """One facet's (value, count) rows, most frequent first, and whether a shard missed.
        Topics are counted as if no topic were chosen (a disjunctive facet)."""
        if facet == "topic":
            filters = dataclasses.replace(filters, topics=())
        where, args = _where(match, filters, exclude)
        sets, meta = self.engine.aggregator.run(
            f"SELECT id FROM {self.index}{where} LIMIT 1 OPTION max_matches={self.max_matches}"
            f" FACET {_FACET_ATTR[facet]} ORDER BY COUNT(*) DESC LIMIT {limit}",
            args,
            meta=True,
        )
        return (sets[1] if len(sets) > 1 else []), "warning" in meta

    def _named(self, facet: str, rows: Sequence[Row]) -> list[tuple[str, int]]:
        """Facet rows (attribute value, count) as (display value, count)."""
        if facet in MVA_ATTRS:
            names = self.store.values([int(r[0]) for r in rows])
            return [(names[int(r[0])], int(r[1])) for r in rows if int(r[0]) in names]
        if facet == "year":
            return [(str(r[0]), int(r[1])) for r in rows if int(r[0])]
        return [(f"{int(r[0]) // 100:04d}-{int(r[0]) % 100:02d}", int(r[1])) for r in rows if int(r[0])]

    def _count_with(
        self, facet: str, value: str, match: str | None, filters: Filters, exclude: Sequence[int]
    ) -> int:
        """How many matches carry one facet value (a selected value outside the top list)."""
        if facet == "topic":
            filters = dataclasses.replace(filters, topics=())
        condition = _value_condition(facet, value)
        if condition is None:
            return 0
        where, args = _where(match, filters, exclude, condition)
        _, meta = self.engine.aggregator.run(f"SELECT id FROM {self.index}{where} LIMIT 1", args, meta=True)
        return int(meta.get("total_found", "0").split(";")[0])


def _tied_at_cut(rows: Sequence[Row], fetched: int, limit: int) -> bool:
    """Whether values beyond the `fetched` rows may tie with the last one shown: then the
    tie cannot be broken by name (as the embedded engine does) without seeing them all."""
    return len(rows) >= fetched and len(rows) >= limit and int(rows[limit - 1][1]) == int(rows[-1][1])


def _value_condition(facet: str, value: str) -> str | None:
    if facet in MVA_ATTRS:
        return f"{facet} = {hash63(value)}"
    try:
        if facet == "year":
            return f"year = {int(value)}"
        year, month = value.split("-")
        return f"month = {int(year) * 100 + int(month)}"
    except ValueError:
        return None


def _where(
    match: str | None, filters: Filters, exclude: Sequence[int] = (), *extra: str
) -> tuple[str, tuple[object, ...]]:
    """The WHERE clause (values are integers, formatted here; the MATCH text is an argument)."""
    parts: list[str] = []
    args: tuple[object, ...] = ()
    if match is not None:
        parts.append("MATCH(%s)")
        args = (match,)
    parts += [f"person = {hash63(v)}" for v in filters.people]
    parts += [f"country = {hash63(v)}" for v in filters.countries]
    parts += [f"organisation = {hash63(v)}" for v in filters.organisations]
    if filters.topics:
        parts.append(f"topic IN ({', '.join(str(hash63(v)) for v in filters.topics)})")
    if filters.date_from or filters.date_to:
        parts.append(f"day >= {filters.date_from.toordinal() if filters.date_from else 1}")
    if filters.date_to:
        parts.append(f"day <= {filters.date_to.toordinal()}")
    if filters.day:
        parts.append(f"monthday = {int(filters.day.replace('-', ''))}")
    if exclude:
        parts.append(f"id NOT IN ({', '.join(map(str, exclude))})")
    parts += extra
    return (" WHERE " + " AND ".join(parts) if parts else ""), args


def _order(sort: Sort, match: str | None) -> str:
    """Relevance (ties newest first), newest or oldest (undated last either way)."""
    if sort == Sort.OLDEST:
        return "oldest ASC, id ASC"
    if sort == Sort.RELEVANCE and match is not None:
        return "WEIGHT() DESC, day DESC, id ASC"
    return "day DESC, id DESC"


def _empty(query: EngineQuery, *, partial: bool, timed_out: bool = False) -> EngineResults:
    facets = {f: [FacetValue(v, 0, True) for v in query.pinned.get(f, ())] for f in FACETS}
    return EngineResults(0, [], facets if query.facets else {}, partial=partial, timed_out=timed_out)


def _starts(value: str, wanted: str) -> bool:
    """The value, or one of its words, begins with the folded prefix."""
    folded = " ".join(words(value))
    return folded.startswith(wanted) or f" {wanted}" in f" {folded}"
