"""The SphinxQL engine: the `Engine` interface over a sharded Sphinx 2.2 / Manticore cluster.

Reads go to the aggregator's distributed index of the live slot: the page and the five
facets in one statement, then SHOW META for the exact total and for warnings from shards
that did not answer. Writes go straight to each shard, an article to shard
`hash(id) % N`, because Sphinx cannot write through a distributed index. Everything is
on the cluster: articles are string attributes of their rows (`search.sphinx.stored`),
the live-generation pointer, run records and facet-value names are in the small indexes
every shard server holds (`search.sphinx.meta`). See docs/scale-out.md.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import math
import threading
import time
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from typing import TypeVar, cast
from urllib.parse import parse_qs, urlsplit

from search import ranking as ranking_parts
from search.acronyms import AcronymTable, from_rows, to_rows
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
from search.engines import UnknownEngine
from search.models import (
    DAY_SLACK,
    FACETS,
    ArchiveStats,
    Article,
    Explanation,
    FacetValue,
    Fingerprint,
    Period,
    Sort,
    facet_limit,
)
from search.query import Node, every_word, is_soft
from search.runs import KEEP_RUNS
from search.sphinx import stored
from search.sphinx.agents import answering_mirrors, missing_shards, shard_of_mirror
from search.sphinx.capabilities import Capabilities, probe
from search.sphinx.config import MVA_ATTRS, dist_index, rt_index
from search.sphinx.connections import Row, Server, Unavailable
from search.sphinx.documents import (
    COLUMNS,
    day_number,
    decode,
    facet_values,
    hash63,
    keyword,
    story_hash,
    to_row,
)
from search.sphinx.generations import Pointer, State
from search.sphinx.match import either, escape, soft_keywords, to_match, with_spellings
from search.sphinx.meta import Meta
from search.sphinx.rescoring import WINDOW, FieldLengths, rescore
from search.sphinx.url import Address, parse_url
from search.transliteration import other_spellings
from search.whoosh.schema import terms, words
from search.whoosh.vocabulary import Vocabulary

T = TypeVar("T")
#: Rows of one REPLACE statement.
WRITE_BATCH = 500
#: Matches (and facet groups) a faceted query keeps: facet counts are exact while a
#: facet's distinct values in the result fit. Sphinx's default is 1,000; the cost grows
#: with it (docs/scale-out.md has figures). The engine URL's `max_matches=` overrides it.
MAX_MATCHES = 20_000
#: Groups kept when listing every value of a facet (once per generation, then cached):
#: the shared corpora name about 47,500 people.
ALL_VALUES = 200_000
#: Searches one process sends the cluster at once (`&searches=N` in the engine URL). Past
#: what the shards' cores can work on, more only queue inside searchd, each holding its
#: match and group buffers, until the agents' timeout makes answers partial: 16 at once on
#: the 60k archive (2 cores) gave 1.6 searches/s, 41 of 160 answers partial and a shard at
#: 3.9 GB; 2 at once 2.4/s, none partial, 1.1 GB; 4 at once 1.9/s, 4 partial, 1.7 GB.
SEARCHES = 4
#: Seconds a facet's list of every value that came back partial is used before asking again.
RELIST_SECONDS = 30.0
#: Facet values fetched beyond the limit, so ties at the cut are broken by name, as the
#: embedded engine breaks them.
FACET_SLACK = 20
#: Statements sent in one round trip when counting articles per term.
COUNT_BATCH = 50
#: The `lead` field's weight: one no other field has, so the ranking expression can tell it apart.
LEAD_FIELD = 7
#: Points for holding every query word in the lead, and per extra word in a row in the
#: headline or body (weighted by field), beside BM25F scaled to about 1,000.
LEAD_POINTS = 300
PROXIMITY_POINTS = 20
#: A soft query's BM25F is multiplied by the IDF-weighted share of its words an article
#: holds to this power (the embedded engine: `search.whoosh.plan.COORDINATION`, 3), and an
#: article from the period the query names gains `DATE_POINTS`. Chosen on the tuning and dev
#: known-item queries (MRR@10 tune / dev): power 1 0.841 / 0.564, 2 0.844 / 0.550, 3 0.842 /
#: 0.528 (counting the words held instead of weighing them, power 3: 0.844 / 0.532); date
#: points 0: dev 0.518, 150: 0.522, 300 to 700: 0.532, tune 0.844 throughout.
COORDINATION = 2
DATE_POINTS = 300


def ranking(
    lead: int = LEAD_POINTS,
    proximity: int = PROXIMITY_POINTS,
    *,
    idf_sum: float | None = None,
    prefer: Period | None = None,
) -> str:
    """The ranker: as the embedded engine scores, BM25F (headline 2.5 times the body), a
    bonus for words that stand together (Whoosh: word pairs; here the longest run of query
    words, `lcs`) and one for the share of the query's words the lead holds. A soft query
    scales BM25F by the IDF-weighted share of its words held to the power `COORDINATION`:
    `idf_sum` is the sum of its words' IDFs (`_Reader._idf_sum`), the best field's `sum_idf`
    the part held; a period the query names (`prefer`) adds `DATE_POINTS` to its articles."""
    bm25 = "bm25f(1.2, 0.75, {title=5, body=2, lead=0}) * 1000"
    if idf_sum:
        # Sphinx divides each keyword's IDF by the query's keyword count in `sum_idf`.
        share = f"top(sum_idf) * query_word_count / {idf_sum:.6f}"
        bm25 += f" * pow(IF({share} > 1, 1, IF({share} < 0, 0, {share})), {COORDINATION})"
    date = f" + IF({_inside(prefer)}, {DATE_POINTS}, 0)" if prefer is not None else ""
    return (
        f"ranker=expr('{bm25}"
        f" + sum(IF(user_weight == {LEAD_FIELD}, word_count, 0)) * {lead} / query_word_count"
        f" + sum(IF(user_weight == {LEAD_FIELD}, 0, (lcs - 1) * user_weight)) * {proximity}{date}')"
        f", field_weights=(title=3, body=1, lead={LEAD_FIELD})"
    )


def _inside(period: Period) -> str:
    """The ranker's test for an article from `period` (undated articles have day 0)."""
    if period.start is not None and period.end is not None:
        return f"day >= {day_number(period.start)} AND day <= {day_number(period.end)}"
    month = (period.month or 0) * 100
    if period.day is None:
        return f"monthday > {month} AND monthday < {month + 100}"
    return f"monthday >= {month + period.day} AND monthday <= {month + period.day + DAY_SLACK}"


RANKING = ranking()
#: Where a row holds the analysed headline and body (`documents.to_row`).
_TITLE, _BODY = COLUMNS.index("title"), COLUMNS.index("body")
#: Terms of an article that pick its related articles (as the embedded engine), chosen
#: among its most frequent ones.
RELATED_TERMS = 12
RELATED_CANDIDATES = 80
#: Times a statement that missed a shard is asked again while a mirror of it still answers:
#: Sphinx 2.2 may pick the mirror that just failed once more before its pings mark it dead.
REASKS = 2
#: The most articles one story lists as its versions.
MAX_VERSIONS = 1000
#: What an explanation says instead of parts for a hit ranked by Sphinx's own expression (past
#: the rescore window, sorted by date, or in the relaxed reading's tiers).
EXPLAIN_NOTE = (
    "Ranked by the cluster's own expression, which gives one weight (BM25F scaled to about 1,000, "
    "times the share of the query's words held, plus points for query words in the lead, for "
    "words in a row and for the period named) and does not split it into parts."
)
_FACET_ATTR = {
    "person": "person",
    "country": "country",
    "organisation": "organisation",
    "topic": "topic",
    "year": "year",
    "month": "month",
}


class IncompatibleCluster(UnknownEngine):
    """The servers answer, but their indexes cannot hold what this Broadsheet keeps there."""


class SphinxEngine(Engine):
    """Searches through `aggregator`, writes to `shards`; everything it keeps is on them."""

    def __init__(
        self,
        aggregator: Address,
        shards: Sequence[Sequence[Address]],
        *,
        max_matches: int = MAX_MATCHES,
        searches: int = SEARCHES,
    ) -> None:
        self.aggregator = Server(aggregator)
        self.max_matches = max_matches
        #: Searches this process sends the cluster at once; the others wait their turn here.
        self._admission = threading.BoundedSemaphore(max(1, searches))
        #: Each shard's replicas; every write goes to all of them.
        self.shard_addresses = tuple(tuple(replicas) for replicas in shards)
        self.meta = Meta([Server(a) for replicas in self.shard_addresses for a in replicas])
        self.pointer = Pointer(self.meta)
        #: What the shard servers can do, once one has been asked (`search.sphinx.capabilities`).
        self.capabilities: Capabilities | None = None
        self._lock = threading.Lock()
        self._values: dict[tuple[str, str, str], list[FacetValue]] = {}
        #: Held while a facet's every value is asked for: one such statement at a time, so
        #: that many searches arriving together do not each ask (see `facet_values`).
        self._listing = threading.Lock()
        #: A facet listing that came back partial: when, and what it held (used until retried).
        self._incomplete: dict[tuple[str, str, str], tuple[float, list[FacetValue]]] = {}
        #: Each slot's mirror addresses -> shard number, as the aggregator lists them.
        self._mirrors: dict[str, dict[str, int]] = {}
        #: The live generation's name, its known words and their spelling index.
        self._spelling: tuple[str, set[str], Vocabulary] | None = None
        #: What the meta index keeps per generation, read once per generation: what it is
        #: ("acronyms", "spellings", "lengths") -> (generation name, its value).
        self._per_generation: dict[str, tuple[str, object]] = {}

    @classmethod
    def from_url(cls, url: str) -> SphinxEngine:
        """`sphinx://HOST:PORT/?shard=HOST:PORT&shard=HOST:PORT|HOST:PORT[&max_matches=N]
        [&searches=N]` (see `parse_url`)."""
        aggregator, shards = parse_url(url)
        options = parse_qs(urlsplit(url).query)
        max_matches = int(options.get("max_matches", [MAX_MATCHES])[0])
        searches = int(options.get("searches", [SEARCHES])[0])
        return cls(aggregator, shards, max_matches=max_matches, searches=searches)

    def _state(self, *, fresh: bool = False) -> State:
        """The generation pointer; the first call also checks the cluster can hold what
        Broadsheet keeps there (`IncompatibleCluster` says what to do when not)."""
        if self.capabilities is None:
            self.capabilities = self._probe()
        return self.pointer.read(fresh=fresh)

    def _probe(self) -> Capabilities:
        last: Unavailable | None = None
        for server in self.meta.servers:
            try:
                found = probe(server)
            except Unavailable as error:
                last = error
                continue
            problem = found.problem(server)
            if problem:
                raise IncompatibleCluster(problem)
            return found
        raise last or Unavailable("no shard server")

    def _live(self) -> State:
        """The pointer, or no live generation when no shard server answers."""
        try:
            return self._state()
        except Unavailable:
            return State()

    # -- reading ------------------------------------------------------------------------

    def query(self, query: EngineQuery) -> EngineResults:
        try:
            state = self._state()
        except Unavailable:
            return _empty(query, partial=True)
        if state.live is None:
            return _empty(query, partial=False)
        if query.deadline is not None and query.deadline.passed():
            return _empty(query, partial=False, timed_out=True)
        reader = _Reader(self, state.live, query.facet_limit, deadline=query.deadline)
        waiting = None if query.deadline is None else max(0.0, query.deadline.remaining())
        if not self._admission.acquire(timeout=waiting):
            return _empty(query, partial=False, timed_out=True)
        try:
            result = reader.answer(query)
        except Unavailable as error:
            return _empty(query, partial=True, missing=self.missing_shards(state.live, str(error)))
        finally:
            self._admission.release()
        if not query.explain:
            return result
        hits = [
            h if h.explain else dataclasses.replace(h, explain=Explanation(h.score, (), EXPLAIN_NOTE))
            for h in result.hits
        ]
        return dataclasses.replace(result, hits=hits)

    def covered(self, slot: str, missing: tuple[int, ...]) -> bool:
        """Whether every shard a statement missed has a mirror whose last try did not fail:
        then the mirror asked had just died and the aggregator now knows (see `agents`)."""
        try:
            sets, _ = self.aggregator.run("SHOW AGENT STATUS")
        except Unavailable:
            return False
        answering = answering_mirrors(sets[0])
        mirrors = self._mirrors.get(slot, {})
        return all(
            any(shard == number and address in answering for address, shard in mirrors.items())
            for number in missing
        )

    def missing_shards(self, slot: str, message: str) -> tuple[int, ...]:
        """The shards an aggregator's warning or error names (see `search.sphinx.agents`)."""
        if "agent" not in message:
            return ()
        mirrors = self._mirrors.get(slot)
        if mirrors is None:
            try:
                sets, _ = self.aggregator.run(f"SHOW AGENT {dist_index(slot)} STATUS")
            except Unavailable:
                return ()
            mirrors = shard_of_mirror(sets[0])
            with self._lock:
                self._mirrors[slot] = mirrors
        return missing_shards(message, mirrors)

    def dates(self, node: Node | None, filters: Filters) -> DateCounts:
        state = self._live()
        live = state.live
        if live is None:
            return DateCounts({}, 0)
        match = to_match(node)
        if node is not None and match is None:  # only unsearchable words: nothing matches
            return DateCounts({}, 0)
        where, args = _where(match, filters)
        # A search's articles fall on no more days than the generation's do; Sphinx's cost
        # grows with the group buffer, so it is sized to those (a search's days on 60,201
        # articles over 548 days: 70 ms with 200,000 groups, 15 to 20 ms with 549). A full
        # buffer may have left days out (an incremental run added some): asked again in full.
        known = self._kept("days", state.names.get(live), lambda _: self._distinct_days(live))
        groups = ALL_VALUES if known is None else known + 1
        try:
            while True:
                sets, meta = self.aggregator.run(
                    f"SELECT day, COUNT(*) AS n FROM {dist_index(live)}{where} GROUP BY day"
                    f" ORDER BY day ASC LIMIT 0, {groups} OPTION max_matches={groups}",
                    args,
                    meta=True,
                )
                if len(sets[0]) < groups or groups == ALL_VALUES:
                    break
                groups = ALL_VALUES
                with self._lock:
                    self._per_generation.pop("days", None)
        except Unavailable:
            return DateCounts({}, 0, partial=True)
        rows = {int(r[0]): int(r[1]) for r in sets[0]}
        undated = rows.pop(0, 0)
        days = {dt.date.fromordinal(n): c for n, c in sorted(rows.items())}
        return DateCounts(days, undated, partial="warning" in meta)

    def _distinct_days(self, live: str) -> int:
        """How many distinct days (the undated counting as one) generation `live` holds."""
        sets, meta = self.aggregator.run(
            f"SELECT day FROM {dist_index(live)} GROUP BY day"
            f" LIMIT 0, {ALL_VALUES} OPTION max_matches={ALL_VALUES}",
            meta=True,
        )
        if "warning" in meta:  # a shard missing: not a count to keep
            raise Unavailable(meta["warning"])
        return len(sets[0])

    def document_frequencies(self, terms: Sequence[str]) -> dict[str, int]:
        """One `COUNT(*)` of `@body term` per term, `COUNT_BATCH` statements a round trip."""
        live = self._live().live
        found = dict.fromkeys(terms, 0)
        if live is None:
            return found
        listed = list(found)
        for start in range(0, len(listed), COUNT_BATCH):
            batch = listed[start : start + COUNT_BATCH]
            try:
                counts = _match_counts(
                    self.aggregator, dist_index(live), [f"@body {keyword(t)}" for t in batch]
                )
            except Unavailable:
                continue
            found.update(zip(batch, counts, strict=True))
        return found

    def get(self, article_id: str) -> Article | None:
        live = self._live().live
        if live is None:
            return None
        try:
            return stored.articles(self.aggregator, dist_index(live), [hash63(article_id)]).get(
                hash63(article_id)
            )
        except Unavailable:
            return None

    def facet_values(self, facet: str, prefix: str = "", limit: int = 50) -> list[FacetValue]:
        state = self._live()
        if state.live is None:
            return []
        # Every value of a facet, counted over the whole generation: asked for on every
        # "did you mean" and "more people" list, and unchanged until the next switch.
        key = (state.live, state.names.get(state.live, ""), facet)
        values = self._values.get(key)
        if values is None:
            values = self._list_values(key, state.live, facet)
        wanted = " ".join(words(prefix))
        found = [v for v in values if not wanted or _starts(v.value, wanted)]
        return found[:limit]

    def _list_values(self, key: tuple[str, str, str], live: str, facet: str) -> list[FacetValue]:
        """Every value of `facet` over generation `live`, asked for by one search at a time
        and kept until the next switch. Such a statement keeps `ALL_VALUES` groups on every
        shard; under load it can outlast the agents' timeout and come back partial, which is
        not kept, so without the lock every search arriving meanwhile asked again, each
        with its own buffer: 16 concurrent searches grew a shard past 8 GB. A partial list
        is used, without asking again, for `RELIST_SECONDS`."""
        with self._listing:
            values = self._values.get(key)
            if values is not None:
                return values
            tried = self._incomplete.get(key)
            if tried is not None and time.monotonic() - tried[0] < RELIST_SECONDS:
                return tried[1]
            try:
                reader = _Reader(self, live, ALL_VALUES, max_matches=ALL_VALUES)
                answer = reader.select(None, Filters(), facets=(facet,), limit=0)
            except Unavailable:
                answer = None
            values = answer.facets[facet] if answer is not None else []
            with self._lock:
                if answer is not None and not answer.partial:
                    self._values = {k: v for k, v in self._values.items() if k[:2] == key[:2]}
                    self._values[key] = values
                    self._incomplete.pop(key, None)
                else:
                    self._incomplete = {k: v for k, v in self._incomplete.items() if k[:2] == key[:2]}
                    self._incomplete[key] = (time.monotonic(), values)
            return values

    def more_like_this(self, article_id: str, limit: int = 5) -> list[Article]:
        """Articles sharing the article's most telling terms (frequent in it, rare in the
        archive), ranked as an OR query of them: the embedded engine's way, from the text
        stored on the shards."""
        live = self._live().live
        article = self.get(article_id)
        if live is None or article is None:
            return []
        counts = Counter(terms(article.title) * 2 + terms(article.body))
        candidates = [t for t, _ in counts.most_common(RELATED_CANDIDATES) if not t.isdigit()]
        try:
            total = max(1, _count(self.aggregator, dist_index(live)))
            found = self.document_frequencies(candidates)
            scored = sorted(
                ((counts[t] * math.log(total / found[t]), t) for t in candidates if found[t] > 1),
                reverse=True,
            )
            key = [t for _, t in scored[:RELATED_TERMS]]
            if not key:
                return []
            sets, _ = self.aggregator.run(
                f"SELECT id FROM {dist_index(live)} WHERE MATCH(%s) AND id NOT IN ({hash63(article_id)})"
                f" ORDER BY WEIGHT() DESC, day DESC, id ASC LIMIT {limit} OPTION {RANKING}",
                ("@(title,body) " + " | ".join(escape(keyword(t)) for t in key),),
            )
            order = [int(r[0]) for r in sets[0]]
            related = stored.articles(self.aggregator, dist_index(live), order)
        except Unavailable:
            return []
        return [related[d] for d in order if d in related]

    def spelling_candidates(self, word: str, limit: int = 5) -> list[str]:
        """Known words and names close to `word`; just the word itself when the archive has
        it. Candidates are surface words of the live generation (its vocabulary, kept on the
        cluster at commit) and words of people and country names, never stems."""
        folded = "".join(words(word))
        live = self._live()
        if not folded or live.live is None:
            return []
        name = live.names.get(live.live, "")
        spelling = self._spelling
        if spelling is None or spelling[0] != name:
            try:
                counts = Counter(self.meta.vocabulary(name))
            except Unavailable:
                return []
            for facet in ("person", "country"):
                for value in self.facet_values(facet, limit=ALL_VALUES):
                    counts.update(dict.fromkeys(words(value.value), value.count))
            spelling = (name, set(counts), Vocabulary(counts))
            # Kept only when both name lists were complete (they are cached exactly then).
            if all((live.live, name, f) in self._values for f in ("person", "country")):
                self._spelling = spelling
        if folded in spelling[1]:
            return [folded]
        return spelling[2].similar(folded, limit)

    def acronyms(self) -> AcronymTable:
        """The live generation's acronym table, kept on the cluster by the indexing run
        (empty for a generation written before they were kept, or while no server answers)."""
        live = self._live()
        name = live.names.get(live.live or "")
        table = self._kept("acronyms", name, lambda generation: from_rows(self.meta.acronyms(generation)))
        return table if table is not None else AcronymTable()

    def spellings(self, slot: str) -> dict[str, tuple[str, ...]]:
        """The other spellings of the name words of the generation in `slot`, kept on the
        cluster at commit (none for a generation written before they were kept, or while
        no server answers)."""
        return self._kept("spellings", self._live().names.get(slot), self.meta.spellings) or {}

    def field_lengths(self, slot: str) -> dict[str, float] | None:
        """The average field lengths of the generation in `slot`; None when it has none (or
        no server answered)."""
        return self._kept("lengths", self._live().names.get(slot), self.meta.lengths)

    def _kept(self, what: str, name: str | None, read: Callable[[str], T]) -> T | None:
        """What the meta index keeps for generation `name`, read once per generation (the
        next generation's replaces it); None when there is no such generation or no server
        answered (asked again next time)."""
        if name is None:
            return None
        with self._lock:
            found = self._per_generation.get(what)
        if found is None or found[0] != name:
            try:
                found = (name, read(name))
            except Unavailable:
                return None
            with self._lock:
                self._per_generation[what] = found
        return cast("T", found[1])

    def stats(self, top: int = 10) -> ArchiveStats:
        live = self._live().live
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

    def versions(self, story: str) -> list[Article]:
        live = self._live().live
        if live is None:
            return []
        rows = self.aggregator.run(
            f"SELECT id FROM {dist_index(live)} WHERE story = {hash63(story)}"
            f" LIMIT {MAX_VERSIONS} OPTION max_matches={MAX_VERSIONS}"
        )[0]
        docids = [int(r[0]) for r in rows[0]]
        found = stored.articles(self.aggregator, dist_index(live), docids).values() if docids else []
        return sorted(found, key=lambda a: (a.date is None, a.date or dt.date.min, a.id))

    def fingerprints(self) -> dict[str, Fingerprint]:
        """Every live article's fingerprint; an outage raises (`Unavailable`): a run that
        took a missing shard's articles for deleted ones would delete them."""
        live = self._state(fresh=True).live
        return stored.fingerprints(self.aggregator, dist_index(live)) if live else {}

    def live_count(self) -> int:
        """Articles in the live generation (0 when none is live), asked of the cluster now."""
        live = self._state(fresh=True).live
        return _count(self.aggregator, dist_index(live)) if live else 0

    def record_run(self, record: str) -> bool:
        self.meta.add_run(time.time_ns(), record, KEEP_RUNS)
        return True

    def run_records(self, limit: int) -> list[str] | None:
        try:
            return self.meta.runs(limit)
        except Unavailable:
            return []

    def close(self) -> None:
        self.aggregator.close_all()
        self.meta.close_all()

    # -- writing ------------------------------------------------------------------------

    def begin(self, *, fresh: bool, progress: WriteProgress | None = None) -> SphinxGeneration:
        state = self._state(fresh=True)
        slot = state.spare()
        # The spare slot may hold the previous generation: it stops being a rollback target now.
        self.pointer.write(State(state.live, None, {k: v for k, v in state.names.items() if k != slot}))
        name = f"{slot}-{dt.datetime.now(dt.UTC).strftime('%Y%m%dT%H%M%S%fZ')}"
        generation = SphinxGeneration(self, slot, name, progress)
        generation.truncate()
        if not fresh and state.live is not None:
            # The live rows, analysed again from their stored articles (Sphinx cannot copy
            # an index, and keeping the analysed text too would double what shards hold).
            for batch in stored.scan(self.aggregator, dist_index(state.live), "article", strict=True):
                articles = [decode(text) for text in batch]
                generation.count_words(articles)
                generation.send([to_row(a) for a in articles])
        return generation

    def switch(self, generation: Generation) -> None:
        if not isinstance(generation, SphinxGeneration) or not generation.committed:
            raise ValueError("only a committed Sphinx generation can be switched to")
        state = self._state(fresh=True)
        names = dict(state.names)
        names[generation.slot] = generation.name
        previous = state.live if state.live != generation.slot else state.previous
        self.pointer.write(State(generation.slot, previous, names))

    def generation_names(self) -> tuple[str | None, str | None]:
        state = self._live()
        return (
            state.names.get(state.live) if state.live else None,
            state.names.get(state.previous) if state.previous else None,
        )

    def rollback(self) -> str:
        state = self._state(fresh=True)
        if state.previous is None or state.previous not in state.names:
            raise RuntimeError("no previous generation to roll back to")
        self.pointer.write(State(state.previous, state.live, state.names))
        return state.names[state.previous]


class SphinxGeneration(Generation):
    """A generation filling one slot: its rows (articles included) go to the shards."""

    def __init__(self, engine: SphinxEngine, slot: str, name: str, progress: WriteProgress | None) -> None:
        self.engine = engine
        self.slot = slot
        self.name = name
        self.progress = progress
        self.written = 0
        self.index = rt_index(slot)
        self.shards = [[Server(a) for a in replicas] for replicas in engine.shard_addresses]
        self.committed = False
        #: Facet values this generation has already named in the names index.
        self._named: set[int] = set()
        #: Surface words of headlines and bodies, for "did you mean"; an incremental run
        #: counts the live articles it copies, so words of articles it deletes or replaces
        #: stay counted until the next full rebuild.
        self.words: Counter[str] = Counter()
        #: Terms per field of every row sent, for ranking (`search.sphinx.rescoring`); as
        #: with `words`, a replaced article's old row stays counted until a full rebuild.
        self.lengths = FieldLengths()
        #: The words of people's and countries' names, counted once per article naming
        #: them: where the names' other spellings come from (`transliteration.other_spellings`).
        self.name_words: Counter[str] = Counter()

    def count_words(self, articles: Sequence[Article]) -> None:
        for article in articles:
            self.words.update(words(article.title))
            self.words.update(words(article.body))
            for name in (*article.people, *article.countries):
                self.name_words.update(words(name))

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
            self.lengths.add(str(row[_TITLE]), str(row[_BODY]))
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
        new = {pair for a in articles for pair in facet_values(a) if pair[0] not in self._named}
        self.engine.meta.add_names(sorted(new))
        self._named.update(number for number, _ in new)
        self.count_words(articles)
        self.send([to_row(a) for a in articles])
        self.written += len(articles)
        if self.progress is not None:
            self.progress(self.written)

    def delete(self, ids: Iterable[str]) -> None:
        docids = sorted({hash63(i) for i in ids})
        routed: dict[int, list[int]] = {}
        for docid in docids:
            routed.setdefault(docid % len(self.shards), []).append(docid)
        for number, chunk in routed.items():
            for i in range(0, len(chunk), WRITE_BATCH):
                part = chunk[i : i + WRITE_BATCH]
                for server in self.shards[number]:
                    server.run(f"DELETE FROM {self.index} WHERE id IN ({', '.join(map(str, part))})")

    def commit(self) -> int:
        live, _ = self.engine.generation_names()
        self.engine.meta.set_vocabulary(self.name, self.words)
        self.engine.meta.set_lengths(self.name, self.lengths.averages())
        self.engine.meta.set_spellings(self.name, other_spellings(self.name_words))
        self.engine.meta.keep_generations([n for n in (live, self.name) if n])
        self.committed = True
        self._close()
        return _count(self.engine.aggregator, dist_index(self.slot))

    def query(self, query: EngineQuery) -> EngineResults:
        return _Reader(self.engine, self.slot, query.facet_limit).answer(query)

    def keep_acronyms(self, table: AcronymTable) -> None:
        self.engine.meta.set_acronyms(self.name, to_rows(table))

    def abort(self) -> None:
        self.truncate()
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
        self.slot = slot
        self.index = dist_index(slot)
        self.facet_limit = facet_limit
        self.max_matches = max_matches or engine.max_matches
        self.deadline = deadline
        #: The ranker of this query's statements (`answer` sets it for the query's shape).
        self.ranking = RANKING
        #: The other spellings of the generation's name words, when the query uses them.
        self.spellings: dict[str, tuple[str, ...]] = {}

    def answer(self, query: EngineQuery) -> EngineResults:
        # Names are also found under their other spellings; the rescore window scores them.
        self.spellings = self.engine.spellings(self.slot) if ranking_parts.enabled("spellings") else {}
        spelled = with_spellings(query.node, self.spellings)
        strict = to_match(spelled)
        prefer = query.prefer if query.sort == Sort.RELEVANCE else None
        self.ranking = ranking(idf_sum=self._idf_sum(soft_keywords(spelled)), prefer=prefer)
        facets = FACETS if query.facets else ()
        if query.node is not None and strict is None:  # only unsearchable words: nothing matches
            return _empty(query, partial=False)
        window = self._window(query)
        # Collapsed, the page comes from the grouped statement (`_by_story`): this one counts;
        # ranked again (`_rescored`), it reads the best matches the page is taken from.
        if window:
            offset, page = 0, WINDOW if query.collapse else max(WINDOW, query.offset + query.limit)
        else:
            offset, page = query.offset, 0 if query.collapse else query.limit
        result = self.select(strict, query.filters, query.sort, offset, page, facets, query.pinned)
        if query.node is not None and is_soft(query.node) and not self.late(result):
            result = self._say_if_few_hold_every_word(query, result)
            return self._rescored(result, strict, query) if window else self._by_story(result, strict, query)
        if query.fallback is None or result.total >= query.fallback_below or self.late(result):
            return self._rescored(result, strict, query) if window else self._by_story(result, strict, query)
        loose = to_match(with_spellings(query.fallback, self.spellings))
        if loose is None:
            return self._by_story(result, strict, query)
        union = either(strict, loose)
        wider = self.select(union, query.filters, limit=0)
        if wider.total <= result.total:
            return self._by_story(result, strict, query)
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
        relaxed = EngineResults(
            total=len(first) + rest.total,
            hits=hits + rest.hits,
            facets=counted.facets,
            partial=wider.partial or rest.partial,
            missing_shards=tuple(sorted({*wider.missing_shards, *rest.missing_shards})),
            relaxed=True,
            timed_out=rest.timed_out or counted.timed_out,
        )
        if query.collapse:  # full matches first, then the rest, one entry per story either way
            rest = self.stories(union, query.filters, query.sort, 0, query.offset + query.limit + len(first))
            ranked = _first_per_story(first + rest.hits)
            relaxed = dataclasses.replace(relaxed, hits=ranked[query.offset : query.offset + query.limit])
        return self._by_story(relaxed, union, dataclasses.replace(query, collapse=False))

    def _window(self, query: EngineQuery) -> bool:
        """Whether the page is taken from the best matches ranked again by the embedded
        engine's scorer (`search.sphinx.rescoring`): a query by relevance, when the
        generation's field lengths are known. Past the first `WINDOW` articles the order is
        the cluster's (those pages need no window); stories are always counted from it."""
        if query.node is None or query.sort != Sort.RELEVANCE or not ranking_parts.enabled("rescoring"):
            return False
        if not query.collapse and query.offset >= WINDOW:
            return False
        return self.engine.field_lengths(self.slot) is not None

    def _rescored(self, result: EngineResults, match: str | None, query: EngineQuery) -> EngineResults:
        """The page, where the cluster's first `WINDOW` matches (in `result`) are in the
        embedded engine's order and the rest in the cluster's. Collapsed: the window's
        stories in that order, then the grouped statement's others, so pages never repeat
        or skip a story."""
        window = self._reranked(query.node, result.hits[:WINDOW], query.prefer, query.explain)
        ranked = window + result.hits[WINDOW:]
        end = query.offset + query.limit
        if not query.collapse:
            page = dataclasses.replace(result, hits=ranked[query.offset : end])
            return self._by_story(page, match, query)
        stories = _first_per_story(ranked)
        hits = stories[query.offset : end]
        if len(hits) < query.limit and result.total > len(ranked):  # the window ends within the page
            others = self.stories(
                match,
                query.filters,
                query.sort,
                max(0, query.offset - len(stories)),
                query.limit - len(hits),
                exclude=[story_hash(h.article) for h in stories],
            )
            hits += others.hits
        page = dataclasses.replace(result, hits=hits)
        return self._by_story(page, match, dataclasses.replace(query, collapse=False))

    def _reranked(
        self, node: Node | None, hits: list[ScoredArticle], prefer: Period | None, explain: bool = False
    ) -> list[ScoredArticle]:
        """`hits` in the embedded engine's order, with its scores (and their parts, when
        `explain`); as they were when the archive's counts cannot be read."""
        lengths = self.engine.field_lengths(self.slot)
        if node is None or lengths is None or not hits:
            return hits
        try:
            order = rescore(
                node,
                [hit.article for hit in hits],
                lengths,
                lambda matches: _match_counts(self.engine.aggregator, self.index, matches),
                prefer,
                explain=explain,
                spellings=self.spellings,
            )
        except Unavailable:
            return hits
        return [dataclasses.replace(hits[i], score=score, explain=why) for i, score, why in order]

    def _by_story(self, result: EngineResults, match: str | None, query: EngineQuery) -> EngineResults:
        """`result` with its stories counted and each hit's count of versions; collapsed
        (one hit per story, in a second, grouped statement) when the query asks for it."""
        grouped = self.stories(
            match, query.filters, query.sort, query.offset, query.limit if query.collapse else 1
        )
        hits = grouped.hits if query.collapse else result.hits
        sizes = self._story_sizes([story_hash(h.article) for h in hits])
        return dataclasses.replace(
            result,
            hits=[dataclasses.replace(h, versions=sizes.get(story_hash(h.article), 1)) for h in hits],
            stories=grouped.total,
            partial=result.partial or grouped.partial,
            missing_shards=tuple(sorted({*result.missing_shards, *grouped.missing_shards})),
            timed_out=result.timed_out or grouped.timed_out,
        )

    def stories(
        self,
        match: str | None,
        filters: Filters,
        sort: Sort,
        offset: int,
        limit: int,
        exclude: Sequence[int] = (),
    ) -> EngineResults:
        """One page of stories, each as its best-ranked matching article, and how many
        stories match (`total`): GROUP BY the story attribute; `exclude`d stories left out."""
        left_out = [f"story NOT IN ({', '.join(map(str, exclude))})"] if exclude else []
        where, args = _where(match, filters, (), *left_out)
        order = _order(sort, match)
        sql = (
            f"SELECT id, WEIGHT() FROM {self.index}{where} GROUP BY story WITHIN GROUP ORDER BY {order}"
            f" ORDER BY {order} LIMIT {offset}, {max(1, limit)}"
            f" OPTION {self.ranking}, max_matches={max(self.max_matches, offset + limit)}"
            f"{self._time_option()}"
        )
        sets, meta = self._ask(sql, args)
        timed_out = "max_query_time" in meta.get("warning", "")
        hits, unread = self._hits(sets[0][:limit])
        total = int(meta.get("total_found", "0").split(";")[0])
        partial = "warning" in meta and not timed_out
        missing = self.engine.missing_shards(self.slot, meta["warning"]) if partial else ()
        if unread is not None:
            partial, missing = True, tuple(sorted({*missing, *unread}))
        return EngineResults(total, hits, {}, partial=partial, missing_shards=missing, timed_out=timed_out)

    def _hits(self, rows: Sequence[Row]) -> tuple[list[ScoredArticle], tuple[int, ...] | None]:
        """Rows of (id, weight) as hits, from the articles stored on the shards; and, when a
        shard did not answer that second read (its hits are left out), the shards named."""
        if not rows:
            return [], None
        docids = [int(r[0]) for r in rows]
        for attempt in range(REASKS + 1):
            found, warning = stored.articles_or_warning(self.engine.aggregator, self.index, docids)
            missed = self.engine.missing_shards(self.slot, warning) if warning else ()
            if not warning or attempt == REASKS or not self._again(missed):
                break
        hits = [ScoredArticle(found[int(r[0])], float(r[1])) for r in rows if int(r[0]) in found]
        return hits, (missed if warning else None)

    def _ask(self, sql: str, args: tuple[object, ...]) -> tuple[list[Sequence[Row]], dict[str, str]]:
        """A statement's result sets and SHOW META, asked again (up to `REASKS` times) while
        it misses a shard that a mirror still covers; raises `Unavailable` as `Server.run`."""
        for _ in range(REASKS):
            try:
                sets, meta = self.engine.aggregator.run(sql, args, meta=True)
            except Unavailable as error:  # every mirror of some shard failed this time
                if self._again(self.engine.missing_shards(self.slot, str(error))):
                    continue
                raise
            warning = meta.get("warning", "")
            if not warning or "max_query_time" in warning:
                return sets, meta
            if not self._again(self.engine.missing_shards(self.slot, warning)):
                return sets, meta
        return self.engine.aggregator.run(sql, args, meta=True)

    def _again(self, missing: tuple[int, ...]) -> bool:
        """Whether a statement that missed these shards is worth asking again: a mirror of
        each still answers (Sphinx 2.2 may pick the mirror that just failed once more
        before its pings mark it dead) and the search has time left."""
        if not missing or (self.deadline is not None and self.deadline.passed()):
            return False
        return self.engine.covered(self.slot, missing)

    def _story_sizes(self, stories: Sequence[int]) -> dict[int, int]:
        """How many live articles each story (by hash) holds."""
        if not stories:
            return {}
        wanted = sorted(set(stories))
        rows = self.engine.aggregator.run(
            f"SELECT story, COUNT(*) FROM {self.index} WHERE story IN ({', '.join(map(str, wanted))})"
            f" GROUP BY story LIMIT {len(wanted)}"
        )[0]
        return {int(r[0]): int(r[1]) for r in rows[0]}

    def _say_if_few_hold_every_word(self, query: EngineQuery, result: EngineResults) -> EngineResults:
        """A soft query's results, `relaxed` when fewer than `fallback_below` of them hold every
        word and others hold only most (one more count, as the Whoosh engine reports it)."""
        every = self.select(to_match(every_word(query.node)) if query.node else None, query.filters, limit=0)
        if every.total < query.fallback_below and result.total > every.total:
            return dataclasses.replace(result, relaxed=True, timed_out=result.timed_out or every.timed_out)
        return result

    def _idf_sum(self, keys: Sequence[str]) -> float | None:
        """The sum of the words' IDFs as Sphinx computes them (normalised: log((N - n + 1) / n)
        / (2 log(N + 1)), from archive-wide counts where each shard uses its own); None when
        there are no words, or they are so common the sum is not positive."""
        keys = list(dict.fromkeys(keys))
        if not keys:
            return None
        matches = [None, *(f"@(title,body,lead) {keyword(k)}" for k in keys)]  # None: every article
        try:
            articles, *held = _match_counts(self.engine.aggregator, self.index, matches)
        except Unavailable:
            return None
        norm = 2 * math.log(articles + 1)
        total = sum(math.log((articles - n + 1) / n) / norm for n in (max(1, h) for h in held))
        return total if total > 0 else None

    def late(self, result: EngineResults) -> bool:
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
            f" OPTION {self.ranking}, max_matches={max_matches}{self._time_option()}{facet_sql}"
        )
        sets, meta = self._ask(sql, args)
        # Sphinx stops a statement at max_query_time and answers with what it has, warning
        # "query time exceeded max_query_time"; any other warning is a shard that did not answer.
        timed_out = "max_query_time" in meta.get("warning", "")
        partial = "warning" in meta and not timed_out
        missing = self.engine.missing_shards(self.slot, meta["warning"]) if partial else ()
        hits, unread = self._hits(sets[0][:limit] if limit > 0 else [])
        if unread is not None:
            partial, missing = True, tuple(sorted({*missing, *unread}))
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
        return EngineResults(total, hits, out, partial=partial, missing_shards=missing, timed_out=timed_out)

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
            names = self.engine.meta.names([int(r[0]) for r in rows])
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


def _first_per_story(hits: Sequence[ScoredArticle]) -> list[ScoredArticle]:
    """The first hit of each story, in order."""
    seen: set[int] = set()
    out = []
    for hit in hits:
        key = story_hash(hit.article)
        if key not in seen:
            seen.add(key)
            out.append(hit)
    return out


def _match_counts(server: Server, index: str, matches: Sequence[str | None]) -> list[int]:
    """How many articles each MATCH expression finds (None: every article), in one round
    trip; `Unavailable` when the server does not answer."""
    statements = [
        f"SELECT COUNT(*) FROM {index}" + ("" if m is None else " WHERE MATCH(%s)") for m in matches
    ]
    sets, _ = server.run("; ".join(statements), tuple(m for m in matches if m is not None))
    return [int(rows[0][0]) if rows else 0 for rows in sets]


def _count(server: Server, index: str) -> int:
    """Articles in one slot's distributed index; `Unavailable` when a shard is missing
    (a count short of that shard's articles would be taken for the truth)."""
    _, meta = server.run(f"SELECT id FROM {index} LIMIT 1", meta=True)
    if "warning" in meta:
        raise Unavailable(f"{server.address}: {meta['warning']}")
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


def _empty(
    query: EngineQuery, *, partial: bool, timed_out: bool = False, missing: tuple[int, ...] = ()
) -> EngineResults:
    facets = {f: [FacetValue(v, 0, True) for v in query.pinned.get(f, ())] for f in FACETS}
    return EngineResults(
        0,
        [],
        facets if query.facets else {},
        partial=partial,
        missing_shards=missing,
        timed_out=timed_out,
    )


def _starts(value: str, wanted: str) -> bool:
    """The value, or one of its words, begins with the folded prefix."""
    folded = " ".join(words(value))
    return folded.startswith(wanted) or f" {wanted}" in f" {folded}"
