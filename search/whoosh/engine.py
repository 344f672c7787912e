"""The embedded engine: Whoosh files on disk, queries answered with numpy over them.

Whoosh stores the postings and the articles and manages segments; `search.whoosh.plan`
evaluates queries over decoded posting arrays, and `search.whoosh.columns` holds the
per-document values that facets, filters and date sorting need. Stored fields are read
only for the page being shown. See docs/search.md for the reasons and the figures.
"""

from __future__ import annotations

import contextlib
import gc
import io
import shutil
import threading
import types
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import cast

import numpy as np
from whoosh import index
from whoosh.writing import MERGE_SMALL, IndexingError, SegmentWriter

from search import transliteration
from search.acronyms import AcronymTable, LiveTable
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
from search.models import (
    FACETS,
    ArchiveStats,
    Article,
    FacetValue,
    Fingerprint,
    Sort,
    facet_limit,
)
from search.query import Node
from search.whoosh import merged_postings
from search.whoosh.bulk import codec
from search.whoosh.columns import (
    CACHE_SUFFIXES,
    NO_DAY,
    SUFFIX,
    build_segment_cache,
    cache_current,
    cache_path,
    day_number,
    from_day_number,
)
from search.whoosh.generations import Layout
from search.whoosh.incoming import INCOMING
from search.whoosh.plan import Parts, Plan, explanation
from search.whoosh.posting_arrays import SMALL_SEGMENT, PostingArrays, write_from_segment
from search.whoosh.schema import build_schema, terms, to_article, words
from search.whoosh.snapshot import Snapshot, segment_id, segment_leaves, segments
from search.whoosh.vocabulary import Vocabulary
from search.whoosh.writers import SegmentWriters

WRITER_MB = 256
#: Terms of an article that pick its related articles.
RELATED_TERMS = 12
#: Hits whose articles are read even past the deadline (a page's worth: a search that ran out
#: of time still shows what it found); an export's thousands more are read only while there is time.
ALWAYS_READ = 10


class WhooshEngine(Engine):
    """Articles in Whoosh generations under `index_dir` (see `search.whoosh.generations`)."""

    def __init__(self, index_dir: Path, *, procs: int = 2) -> None:
        self.layout = Layout(Path(index_dir))
        self.procs = procs
        self._acronyms = LiveTable(self.layout.root, self.layout.current)
        self._lock = threading.Lock()
        self._stamp: tuple[int, int] | None = None
        self._snapshot = Snapshot(None)

    # -- reading ------------------------------------------------------------------------

    def _acquire(self) -> Snapshot:
        """The live generation's snapshot, reopened when CURRENT has changed; the caller
        must `release` it. Searches holding the old one finish on it."""
        while True:
            stamp = self.layout.stamp()
            with self._lock:
                if stamp != self._stamp:
                    name = self.layout.current()
                    fresh = Snapshot(self.layout.path(name) if name else None)
                    old, self._snapshot, self._stamp = self._snapshot, fresh, stamp
                    old.release()
                snap = self._snapshot
            if snap.acquire():
                return snap

    def query(self, query: EngineQuery) -> EngineResults:
        snap = self._acquire()
        try:
            return _answer(snap, query)
        finally:
            snap.release()

    def dates(self, node: Node | None, filters: Filters) -> DateCounts:
        snap = self._acquire()
        try:
            mask = _matches(snap, node, filters)
            dated = mask & snap.dated
            numbers, counts = np.unique(snap.columns.days[dated], return_counts=True)
            days = {from_day_number(n): int(c) for n, c in zip(numbers, counts, strict=True)}
            return DateCounts(days, int(np.count_nonzero(mask & ~snap.dated)))
        finally:
            snap.release()

    def document_frequencies(self, terms: Sequence[str]) -> dict[str, int]:
        snap = self._acquire()
        try:
            # Kept for the generation's life: the common words of one search are the next one's too.
            known = cast("dict[str, int]", snap.memo.setdefault("doc_frequencies", {}))
            found = {}
            for term in terms:
                if term not in known:
                    known[term] = snap.doc_frequency("body", term)
                found[term] = known[term]
            return found
        finally:
            snap.release()

    def get(self, article_id: str) -> Article | None:
        snap = self._acquire()
        try:
            docnum = snap.docnum(article_id)
            return None if docnum is None else to_article(snap.stored(docnum))
        finally:
            snap.release()

    def facet_values(self, facet: str, prefix: str = "", limit: int = 50) -> list[FacetValue]:
        snap = self._acquire()
        try:
            wanted = " ".join(words(prefix))
            if not wanted:
                # The spelling check asks for thousands of names on every search it runs.
                key = ("top values", facet, limit)
                if key not in snap.memo:
                    snap.memo[key] = [FacetValue(v, c) for _, v, c in _all_values(snap, facet)[:limit]]
                return list(cast("list[FacetValue]", snap.memo[key]))
            out: list[FacetValue] = []
            for folded, value, count in _all_values(snap, facet):
                if not wanted or folded.startswith(wanted) or f" {wanted}" in folded:
                    out.append(FacetValue(value, count))
                    if len(out) == limit:
                        break
            return out
        finally:
            snap.release()

    def stats(self, top: int = 10) -> ArchiveStats:
        snap = self._acquire()
        try:
            live = snap.columns.live
            days = snap.columns.days[live & snap.dated]
            per_year = _facet_list(snap, "year", live, len(np.unique(snap.years)) + 1, ())
            return ArchiveStats(
                articles=snap.live_count,
                first_date=from_day_number(days.min()) if len(days) else None,
                last_date=from_day_number(days.max()) if len(days) else None,
                undated=int(np.count_nonzero(live & ~snap.dated)),
                top={facet: _facet_list(snap, facet, live, top, ()) for facet in FACETS},
                per_year=sorted(per_year, key=lambda v: v.value),
            )
        finally:
            snap.release()

    def fingerprints(self) -> dict[str, Fingerprint]:
        snap = self._acquire()
        try:
            ident = snap.columns.identity
            return {
                ident.ids[i]: Fingerprint(ident.hashes[i], ident.versions[i], ident.origins[i])
                for i in np.flatnonzero(snap.columns.live)
            }
        finally:
            snap.release()

    def more_like_this(self, article_id: str, limit: int = 5) -> list[Article]:
        snap = self._acquire()
        try:
            docnum = snap.docnum(article_id)
            if docnum is None:
                return []
            article = to_article(snap.stored(docnum))
            plan = Plan(snap, _vocabulary(snap))
            found = plan.related(_key_terms(snap, article))
            if found is None:
                return []
            found.mask[docnum] = False
            order = _rank(snap, np.flatnonzero(found.mask), found.score, None, Sort.RELEVANCE, limit)
            return [to_article(snap.stored(d)) for d in order]
        finally:
            snap.release()

    def versions(self, story: str) -> list[Article]:
        snap = self._acquire()
        try:
            docs = _story_documents(snap, story)
            docs = docs[snap.columns.live[docs]]
            found = [to_article(snap.stored(int(d))) for d in docs]
            return sorted(found, key=_oldest_first)
        finally:
            snap.release()

    def spelling_candidates(self, word: str, limit: int = 5) -> list[str]:
        """Known words and names close to `word`; just the word itself when the index has it.
        Candidates are unstemmed words from the generation's vocabulary (see
        `search.whoosh.vocabulary`), never stems."""
        snap = self._acquire()
        try:
            folded = "".join(words(word))
            if not folded:
                return []
            if snap.has("person_words", folded) or snap.has("country_words", folded):
                return [folded]
            stemmed = terms(folded)
            if stemmed and snap.has("body", stemmed[0]):
                return [folded]
            return snap.vocabulary(lambda: _name_words(snap)).similar(folded, limit)
        finally:
            snap.release()

    def close(self) -> None:
        with self._lock:
            self._snapshot.release()
            self._snapshot = Snapshot(None)
            self._stamp = None

    # -- writing ------------------------------------------------------------------------

    def size_on_disk(self) -> int | None:
        name = self.layout.current()
        if name is None:
            return None
        return sum(p.stat().st_size for p in self.layout.path(name).iterdir() if p.is_file())

    def begin(self, *, fresh: bool, progress: WriteProgress | None = None) -> WhooshGeneration:
        live = None if fresh else self.layout.current()
        name, path = self.layout.create(live)
        return WhooshGeneration(
            self.layout, name, path, fresh=live is None, procs=self.procs, progress=progress
        )

    def switch(self, generation: Generation) -> None:
        if not isinstance(generation, WhooshGeneration) or not generation.committed:
            raise ValueError("only a committed Whoosh generation can be switched to")
        self.layout.switch(generation.name)
        generation.let_go()

    def generation_names(self) -> tuple[str | None, str | None]:
        return self.layout.current(), self.layout.previous()

    def acronyms(self) -> AcronymTable:
        return self._acronyms.get()

    def rollback(self) -> str:
        return self.layout.rollback()


class WhooshGeneration(Generation):
    """A generation being written. New articles go to run files until they make a segment's
    worth of text (`search.whoosh.writers.SEGMENT_BYTES`), each then written as a whole
    segment (`search.whoosh.bulk`) by a writer process while more arrive; the last run at
    `commit`, split between the processes. Whoosh's own writer then removes the replaced and
    deleted articles from the segments the generation started with, merges small segments
    and writes the table of contents that makes the new ones part of it."""

    def __init__(
        self,
        layout: Layout,
        name: str,
        path: Path,
        *,
        fresh: bool,
        procs: int,
        progress: WriteProgress | None,
    ) -> None:
        self.layout = layout
        self.name = name
        self.path = path
        self.fresh = fresh
        self.procs = procs
        self.progress = progress
        self.committed = False
        self.ix = index.create_in(str(path), build_schema()) if fresh else index.open_dir(str(path))
        self._writers = SegmentWriters(path, procs, progress)
        #: Where each article written went: its run and position there (`SegmentWriters.add`)
        #: as one number (`_packed`: a tuple costs 56 bytes more, a million times over), so
        #: that a later write or delete of its id can delete it from its segment.
        self._sent: dict[str, int] = {}
        self._superseded: list[int] = []
        #: Ids to remove from the segments the generation started with.
        self._replaced: set[str] = set()
        #: What `query` searches once committed: one snapshot for every check before the
        #: switch, not one each (each opening computes the archive's name spellings again).
        self._snapshot: Snapshot | None = None

    def write(self, articles: Sequence[Article]) -> None:
        for article in articles:
            self._forget(article.id)
            self._sent[article.id] = _packed(*self._writers.add(article))
            if not self.fresh:
                self._replaced.add(article.id)

    def delete(self, ids: Iterable[str]) -> None:
        for article_id in ids:
            self._forget(article_id)
            if not self.fresh:
                self._replaced.add(article_id)

    def _forget(self, article_id: str) -> None:
        """Drop what was written for `article_id` so far: its segment will delete it."""
        sent = self._sent.pop(article_id, None)
        if sent is not None:
            self._superseded.append(sent)

    def commit(self) -> int:
        segments = self._writers.finish()
        for sent in self._superseded:
            number, docnum = self._writers.locate(sent >> _POSITION_BITS, sent & _POSITION_MASK)
            segments[number].delete_document(docnum)  # type: ignore[attr-defined]
        self._sent.clear()
        shutil.rmtree(self.path / INCOMING, ignore_errors=True)
        writer = self.ix.writer(limitmb=WRITER_MB, compound=False, codec=codec())
        try:
            for article_id in sorted(self._replaced):
                writer.delete_by_term("id", article_id)
            # A segment whose every article was replaced or deleted only costs searches time.
            writer.segments[:] = [s for s in writer.segments if s.doc_count() > 0] + [
                s
                for s in segments
                if s.doc_count() > 0  # type: ignore[attr-defined]
            ]
            writer.commit(mergetype=_merge_small_segments)
        except BaseException:
            _cancel(writer)
            raise
        self._cache_segments()
        count: int = self.ix.doc_count()
        self.ix.close()
        # Write what server processes memory-map and share (the columns and the spelling
        # vocabulary) now, so that no reader's request waits seconds to build them.
        snap = Snapshot(self.path)
        try:
            snap.vocabulary(lambda: _name_words(snap))
        finally:
            snap.release()
        self.layout.finished(self.name)
        self.committed = True
        return count

    def query(self, query: EngineQuery) -> EngineResults:
        if not self.committed:
            raise ValueError("only a committed generation can be searched before it is live")
        if self._snapshot is None:
            self._snapshot = Snapshot(self.path)
        return _answer(self._snapshot, query)

    def let_go(self) -> None:
        """Close what `query` opened (the switch has been made, or the run gave up)."""
        if self._snapshot is not None:
            self._snapshot.release()
            self._snapshot = None

    def abort(self) -> None:
        self.let_go()
        self._writers.close()
        self.ix.close()
        self.layout.discard(self.name)

    def _cache_segments(self) -> None:
        """Column files and posting arrays for segments Whoosh wrote (its merges of small
        segments), and arrays for the segments of an index written before them (the first
        commit after an upgrade: 6-11 s a segment of 14,000-22,000 articles); the large
        segments' arrays merged when `merged_postings.refresh` says so; drop the files of
        segments merged away."""
        with self.ix.reader() as reader:
            wanted = set()
            for leaf, _ in segment_leaves(reader):
                path = cache_path(self.path, segment_id(leaf))
                wanted.add(path.name)
                if not cache_current(path):
                    build_segment_cache(leaf, path)
                if PostingArrays.open(self.path, segment_id(leaf)) is None:
                    write_from_segment(leaf, self.path, segment_id(leaf))
            merged_postings.refresh(self.path, segments(segment_leaves(reader)))
        for suffix in CACHE_SUFFIXES:
            for item in self.path.glob(f"*{SUFFIX}{suffix}"):
                if item.name.removesuffix(suffix) not in wanted:
                    item.unlink()


_POSITION_BITS = 32
_POSITION_MASK = (1 << _POSITION_BITS) - 1


def _packed(run: int, position: int) -> int:
    """A run number and a position in it as one number."""
    if not 0 <= position <= _POSITION_MASK:
        raise ValueError(f"position {position} does not fit in {_POSITION_BITS} bits")
    return run << _POSITION_BITS | position


def _merge_small_segments(writer, segments):  # type: ignore[no-untyped-def]
    """Whoosh's `MERGE_SMALL` among the small segments only (`SMALL_SEGMENT`): a day's runs
    are folded together (re-read in Python); the large ones a full build writes (about
    10,000 articles each: `writers.SEGMENT_BYTES`) are left as they are: for 90 of them the
    policy would merge a quarter of a million articles in Python, and their word pairs are
    in their posting arrays only (`bulk.write_segment`)."""
    small = [s for s in segments if s.doc_count_all() < SMALL_SEGMENT]
    large = [s for s in segments if s.doc_count_all() >= SMALL_SEGMENT]
    return large + MERGE_SMALL(writer, small)


def _cancel(writer: SegmentWriter) -> None:
    """Give up a Whoosh writer, closing its files even when its commit failed half-way."""
    try:
        writer.cancel()
    except (OSError, IndexingError):
        _close_reachable_files(writer)


def _close_reachable_files(root: object) -> None:
    """Close every open file reachable from a failed writer's objects (not classes or modules)."""
    seen: set[int] = set()
    stack = [root]
    while stack:
        obj = stack.pop()
        if id(obj) in seen or isinstance(obj, _NOT_FOLLOWED):
            continue
        seen.add(id(obj))
        if isinstance(obj, io.IOBase):
            with contextlib.suppress(Exception):
                obj.close()
            continue
        stack.extend(gc.get_referents(obj))


_NOT_FOLLOWED = (type, types.ModuleType, types.FunctionType, str, bytes, int, float, np.ndarray)


# -- answering a query ------------------------------------------------------------------


def _answer(snap: Snapshot, query: EngineQuery) -> EngineResults:
    plan = Plan(snap, _vocabulary(snap), query.deadline, explain=query.explain, spellings=_spellings(snap))
    live = snap.columns.live
    found = plan.run(query.node) if query.node is not None else None
    parts: Parts | None = None
    if found is None:  # no query lists everything; a query of only unindexed words finds nothing
        base = live if query.node is None else np.zeros(snap.size, dtype=bool)
        score = None
    else:
        base, score, parts = found.mask, found.score, found.parts
    allowed, topics = _filters(snap, query.filters)
    final = base & allowed if topics is None else base & allowed & topics
    first: np.ndarray | None = None
    # A soft query with few articles holding every word, and others holding most, says so,
    # as the strict reading's fallback does.
    relaxed = plan.complete is not None and bool((final & ~plan.complete).any())
    relaxed = relaxed and int(np.count_nonzero(final & plan.complete)) < query.fallback_below
    if query.fallback is not None and np.count_nonzero(final) < query.fallback_below and not plan.late():
        loose = plan.run(query.fallback)
        if loose is not None:
            wider = loose.mask & allowed if topics is None else loose.mask & allowed & topics
            if np.count_nonzero(wider) > np.count_nonzero(final):
                first, relaxed = base, True
                base = base | loose.mask
                score = _merge_scores(score, loose.score, first)
                parts = _merge_parts(parts, loose.parts, first)
                final = wider | final
    if query.prefer is not None and score is not None and query.sort == Sort.RELEVANCE:
        score, parts = plan.preferring(query.prefer, score, parts)
    keys, sizes = _stories(snap)
    matched = np.flatnonzero(final)
    if query.collapse:
        order = _rank_stories(snap, keys, matched, score, first, query.sort, query.offset + query.limit)
    else:
        order = _rank(snap, matched, score, first, query.sort, query.offset + query.limit)
    hits = []
    for i, d in enumerate(order[query.offset :]):
        if i >= ALWAYS_READ and plan.late():
            break
        total = float(score[d]) if score is not None else 0.0
        tier = None if first is None else bool(first[d])
        why = explanation(parts, total, d, query.sort, tier) if query.explain else None
        hits.append(ScoredArticle(to_article(snap.stored(d)), total, int(sizes[keys[d]]), why))
    members = _members(final, matched)
    # The year and month facets count the same documents' months: gathered once for both.
    months = _dated_months(snap, final, members) if query.facets else None
    facets: dict[str, list[FacetValue]] = {}
    for facet in FACETS if query.facets else ():
        limit = facet_limit(facet, query.facet_limit)
        pinned = query.pinned.get(facet, ())
        if facet == "topic" and topics is not None:
            # Topics are counted as if no topic were chosen, so the list shows what another would give.
            unchosen = base & allowed
            facets[facet] = _facet_list(snap, facet, unchosen, limit, pinned, _members(unchosen))
        else:
            facets[facet] = _facet_list(snap, facet, final, limit, pinned, members, months)
    # The stories met, marked in a flag per story: numpy's unique (a hash or a sort) took
    # 3.6 ms for 30,000 articles at a million, a mark and a count 0.2.
    met = np.zeros(len(sizes), dtype=bool)
    met[np.take(keys, matched, mode="wrap")] = True  # as `_dated_months` gathers
    stories = int(np.count_nonzero(met))
    return EngineResults(
        len(matched),
        hits,
        facets,
        relaxed=relaxed,
        timed_out=plan.timed_out,
        stories=stories,
    )


#: A selection holding less than this share of the archive has its facets counted from its
#: documents' pairs rather than by a pass over every pair: at a million articles, one-word
#: searches p50 56 -> 24 ms, broad ones the same (0.5 made them twice as slow).
SPARSE_SHARE = 0.2


def _members(mask: np.ndarray, docs: np.ndarray | None = None) -> np.ndarray | None:
    """`mask`'s document numbers, ascending, when they are few enough that reading only
    theirs beats a pass over every document; None when they are not. `docs`: the
    numbers, when already listed."""
    if (np.count_nonzero(mask) if docs is None else len(docs)) >= SPARSE_SHARE * len(mask):
        return None
    return np.flatnonzero(mask) if docs is None else docs


def _stories(snap: Snapshot) -> tuple[np.ndarray, np.ndarray]:
    """Each document's story number, and how many live documents each story holds; a
    document with no story (an index built before stories) is a story of its own.
    Computed once per snapshot."""
    found = snap.memo.get("stories")
    if found is None:
        column = snap.columns.facets["story"]
        keys = np.arange(len(column.values), len(column.values) + snap.size, dtype=np.int64)
        keys[column.docs] = column.ords
        sizes = np.bincount(keys[snap.columns.live], minlength=len(column.values) + snap.size)
        found = snap.memo["stories"] = (keys, sizes)
    return found  # type: ignore[return-value]  # memo["stories"] holds the pair stored above


def _story_documents(snap: Snapshot, story: str) -> np.ndarray:
    """The documents of `story`. A story is named after its first article, so that article's
    own story number finds them without the names of every story (a million at a million
    articles, 200 MB in each server process that looked one up by name)."""
    column = snap.columns.facets["story"]
    first = snap.docnum(story)
    if first is not None and to_article(snap.stored(first)).story == story:
        numbers = column.numbers_of(first)
        if len(numbers) == 1:
            return column.holding_number(int(numbers[0]))
    return column.holding(story)


def _rank_stories(
    snap: Snapshot,
    keys: np.ndarray,
    docs: np.ndarray,
    score: np.ndarray | None,
    first: np.ndarray | None,
    sort: Sort,
    k: int,
) -> list[int]:
    """The first `k` stories in order, each as its best-ranked document: documents are
    ranked `k` at a time more until `k` stories are among them (most stories have one or
    two versions, so one round almost always does)."""
    wanted = k
    while True:
        order = _rank(snap, docs, score, first, sort, wanted)
        seen: set[int] = set()
        best = []
        for d in order:
            key = int(keys[d])
            if key not in seen:
                seen.add(key)
                best.append(d)
                if len(best) == k:
                    return best
        if len(order) < wanted:
            return best
        wanted *= 2


def _oldest_first(article: Article) -> tuple[bool, object, str]:
    return (article.date is None, article.date or 0, article.id)


def _matches(snap: Snapshot, node: Node | None, filters: Filters) -> np.ndarray:
    """The live documents `node` matches under `filters` (everything when `node` is None)."""
    if node is None:
        base = snap.columns.live
    else:
        found = Plan(snap, _vocabulary(snap)).run(node)
        base = found.mask if found is not None else np.zeros(snap.size, dtype=bool)
    allowed, topics = _filters(snap, filters)
    matched: np.ndarray = base & allowed if topics is None else base & allowed & topics
    return matched


def _filters(snap: Snapshot, filters: Filters) -> tuple[np.ndarray, np.ndarray | None]:
    """(what every filter but topics allows, the topics' union or None when none chosen)."""
    cols = snap.columns
    allowed = cols.live.copy()
    for value in filters.people:
        allowed &= cols.facets["person"].mask(value, snap.size)
    for value in filters.countries:
        allowed &= cols.facets["country"].mask(value, snap.size)
    for value in filters.organisations:
        allowed &= cols.facets["organisation"].mask(value, snap.size)
    if filters.date_from or filters.date_to:
        allowed &= snap.dated
        if filters.date_from:
            allowed &= cols.days >= day_number(filters.date_from)
        if filters.date_to:
            allowed &= cols.days <= day_number(filters.date_to)
    if filters.day:
        allowed &= snap.month_days() == int(filters.day.replace("-", ""))
    if not filters.topics:
        return allowed, None
    topics = np.zeros(snap.size, dtype=bool)
    for value in filters.topics:
        topics |= cols.facets["topic"].mask(value, snap.size)
    return allowed, topics


def _merge_parts(strict: Parts | None, loose: Parts | None, first: np.ndarray) -> Parts | None:
    """Each article's parts from the reading that scored it: `first` (full matches) the strict one."""
    if strict is None or loose is None:
        return strict or loose
    return [(label, np.where(first, value, 0.0)) for label, value in strict] + [
        (label, np.where(first, 0.0, value)) for label, value in loose
    ]


def _merge_scores(
    strict: np.ndarray | None, loose: np.ndarray | None, first: np.ndarray
) -> np.ndarray | None:
    if loose is None:
        return strict
    if strict is None:
        return loose
    return np.where(first, strict, loose)


def _rank(
    snap: Snapshot, docs: np.ndarray, score: np.ndarray | None, first: np.ndarray | None, sort: Sort, k: int
) -> list[int]:
    """The first `k` of the matching `docs` (ascending) in order: relevance (ties newest
    first), newest or oldest; `first` marks documents that rank ahead of all others (full
    matches before partial ones)."""
    if not len(docs) or k <= 0:
        return []
    days = np.take(snap.columns.days, docs, mode="wrap").astype(np.int64)  # as `_dated_months`
    if sort == Sort.RELEVANCE and score is not None:
        primary = np.take(score, docs, mode="wrap").astype(np.float64)
        secondary = days
    elif sort == Sort.OLDEST:
        primary = np.where(days == NO_DAY, np.iinfo(np.int64).min, -days).astype(np.float64)
        secondary = -docs
    else:
        primary = days.astype(np.float64)
        secondary = docs
    if first is not None:
        primary = primary + np.where(first[docs], 1e12, 0.0)
    if len(docs) > k:
        cut = np.argpartition(-primary, k - 1)[:k]
        threshold = primary[cut].min()
        keep = primary >= threshold
        docs, primary, secondary = docs[keep], primary[keep], secondary[keep]
    order = np.lexsort((-secondary, -primary))[:k]
    return [int(d) for d in docs[order]]


def _dated_months(snap: Snapshot, mask: np.ndarray, members: np.ndarray | None) -> np.ndarray:
    """The months (since 1970-01) of the dated documents in `mask` (`members`: see
    `_facet_counts`), gathered in `take`'s "wrap" mode: document numbers are in range, and
    it checks no bounds."""
    if members is None:
        found: np.ndarray = snap.months[mask & snap.dated]
    else:
        found = np.take(snap.months, members[np.take(snap.dated, members, mode="wrap")], mode="wrap")
    return found


def _facet_counts(
    snap: Snapshot,
    facet: str,
    mask: np.ndarray,
    members: np.ndarray | None = None,
    months: np.ndarray | None = None,
) -> tuple[Sequence[str], np.ndarray]:
    """Every value of a facet and how many documents in `mask` carry it; `members` are the
    mask's document numbers when it is small (see `_members`), `months` its dated
    documents' months when already gathered (`_dated_months`)."""
    memo = snap.memo
    if facet in ("year", "month"):
        source = snap.years if facet == "year" else snap.months
        if months is None:
            months = _dated_months(snap, mask, members)
        # A month number's year is its floor over 12, as `Columns.load` makes both from days.
        picked = months if facet == "month" else months // 12 + 1970
        base = _first_period(snap, facet, source)
        counts = np.bincount(picked - base) if len(picked) else np.zeros(0, dtype=np.int64)
        key = (facet, base, len(counts))
        names = memo.get(key)
        if names is None:
            names = memo[key] = [_period_name(facet, base + i) for i in range(len(counts))]
        return names, counts  # type: ignore[return-value]  # memo[key] holds the list stored above
    column = snap.columns.facets[facet]
    return column.values, column.counts(mask, members)


def _first_period(snap: Snapshot, facet: str, source: np.ndarray) -> int:
    """The earliest year or month of any dated document, computed once per snapshot."""
    key = ("first", facet)
    found = snap.memo.get(key)
    if not isinstance(found, int):
        found = snap.memo[key] = int(source[snap.dated].min()) if snap.dated.any() else 0
    return found


def _period_name(facet: str, number: int) -> str:
    if facet == "year":
        return str(number)
    return f"{1970 + number // 12:04d}-{number % 12 + 1:02d}"


def _facet_list(
    snap: Snapshot,
    facet: str,
    mask: np.ndarray,
    limit: int,
    pinned: tuple[str, ...],
    members: np.ndarray | None = None,
    months: np.ndarray | None = None,
) -> list[FacetValue]:
    """The top `limit` values by count (ties by value), plus every pinned value with its count."""
    values, counts = _facet_counts(snap, facet, mask, members, months)
    nonzero = np.flatnonzero(counts)
    if len(nonzero) > limit:
        cut = nonzero[np.argpartition(-counts[nonzero], limit - 1)[:limit]]
        threshold = counts[cut].min()
        nonzero = nonzero[counts[nonzero] >= threshold]
    ranked = sorted(((int(counts[i]), values[int(i)]) for i in nonzero), key=lambda p: (-p[0], p[1]))[:limit]
    out = [FacetValue(v, c, v in pinned) for c, v in ranked]
    shown = {v for _, v in ranked}
    for value in pinned:
        if value not in shown:
            if facet in snap.columns.facets:
                i = snap.columns.facets[facet].ordinal.get(value)
            else:
                i = values.index(value) if value in values else None
            out.append(FacetValue(value, int(counts[i]) if i is not None and i < len(counts) else 0, True))
    return out


def _all_values(snap: Snapshot, facet: str) -> list[tuple[str, str, int]]:
    """Every value of a facet in the live documents as (folded, value, count), most frequent
    first; computed once per generation, for prefix searches and the spelling suggester."""
    key = ("values", facet)
    if key not in snap.memo:
        values, counts = _facet_counts(snap, facet, snap.columns.live)
        found = [(int(c), v) for v, c in zip(values, counts, strict=True) if c]
        found.sort(key=lambda p: (-p[0], p[1]))
        snap.memo[key] = [(" ".join(words(v)), v, c) for c, v in found]
    return snap.memo[key]  # type: ignore[return-value]  # memo[key] holds the list stored above


def _vocabulary(snap: Snapshot) -> Callable[[float | None], Vocabulary | None]:
    """The snapshot's words and name words, built on the first call (about a second at 60k
    articles) and kept for the snapshot's life; given seconds, waits no longer than that."""

    def names() -> Counter[str]:
        return _name_words(snap)

    def get(seconds: float | None) -> Vocabulary | None:
        return snap.vocabulary(names) if seconds is None else snap.vocabulary_within(names, seconds)

    return get


def _name_words(snap: Snapshot) -> Counter[str]:
    """The words of every person and country name, each counted once per article naming it."""
    found: Counter[str] = Counter()
    for facet in ("person", "country"):
        for folded, _, count in _all_values(snap, facet):
            for word in folded.split():
                found[word] += count
    return found


def _spellings(snap: Snapshot) -> dict[str, tuple[str, ...]]:
    """The archive's other spellings of each name word (`transliteration.other_spellings`),
    computed once per snapshot."""
    found = snap.memo.get("spellings")
    if found is None:
        found = snap.memo["spellings"] = transliteration.other_spellings(_name_words(snap))
    return found  # type: ignore[return-value]  # memo["spellings"] holds the dict built above


def _key_terms(snap: Snapshot, article: Article) -> list[str]:
    """The article's most telling terms: frequent in it, rare in the archive."""
    counts = Counter(terms(article.title) * 2 + terms(article.body))
    total = max(1, snap.live_count)
    scored = []
    # Kept for the generation's life, as `WhooshEngine.document_frequencies` keeps them.
    known = cast("dict[str, int]", snap.memo.setdefault("doc_frequencies", {}))
    for term, tf in counts.most_common(80):
        if term not in known:
            known[term] = snap.doc_frequency("body", term)
        df = known[term]
        if df > 1 and not term.isdigit():
            scored.append((tf * np.log(total / df), term))
    scored.sort(reverse=True)
    return [t for _, t in scored[:RELATED_TERMS]]
