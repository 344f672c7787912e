"""One opened generation: a Whoosh searcher plus its columns, shared by concurrent searches.

A snapshot is reference-counted so that the engine can switch to a new generation while
searches on the old one finish; the last one out closes its files.

Whoosh's readers are not thread-safe: term lookups, posting lists and stored fields seek
and read shared file objects, so two threads using one reader read each other's bytes
(`UnicodeDecodeError`, `struct.error`). Every use of the searcher goes through this
class under one lock; what is derived from it (posting arrays, columns, the spelling
vocabulary) is immutable and used outside the lock.
"""

from __future__ import annotations

import contextlib
import threading
import weakref
from collections import OrderedDict
from collections.abc import Callable, Hashable, Mapping
from pathlib import Path

import numpy as np
from whoosh import index
from whoosh.index import FileIndex
from whoosh.reading import IndexReader, SegmentReader
from whoosh.searching import Searcher

from search.memory import give_back_memory
from search.whoosh.columns import Columns, cache_path
from search.whoosh.merged_postings import MergedPostings, Segment
from search.whoosh.posting_arrays import PostingArrays, term_key, whoosh_postings
from search.whoosh.schema import pair_term
from search.whoosh.vocabulary import Vocabulary

#: Bytes of decoded posting lists kept per snapshot (most recently used). A count of lists
#: would not bound it: at a million articles a word in a third of them is 4 MB decoded, and
#: 512 lists were most of a server worker's 600 MB heap. Searches repeat a word within one
#: search (the looser reading, the spelling check's recount), which this still covers.
POSTINGS_CACHE_BYTES = 64 * 2**20
#: What `*` and `~` words stood for, kept per snapshot (most recently used).
EXPANSIONS_CACHE = 4096


class Snapshot:
    """Read access to one generation. `docs` are Whoosh's global document numbers."""

    def __init__(self, directory: Path | None) -> None:
        self.directory = directory
        self._lock = threading.Lock()
        #: Held around every call into Whoosh's searcher and readers.
        self._whoosh = threading.Lock()
        self._vocabulary: Vocabulary | None = None
        #: Held while the vocabulary is built, so concurrent first uses build it once.
        self._building = threading.Lock()
        #: The thread building the vocabulary for searches that cannot wait for it.
        self._builder: threading.Thread | None = None
        self._refs = 1
        #: Derived values worth keeping as long as the snapshot (facet value names).
        self.memo: dict[object, object] = {}
        self._postings: OrderedDict[tuple[str, str], tuple[np.ndarray, np.ndarray]] = OrderedDict()
        self._postings_bytes = 0
        self._expansions: OrderedDict[tuple[str, str, bool], list[str]] = OrderedDict()
        #: The deleted documents the merged arrays cover, ascending.
        self._merged_dead = np.zeros(0, dtype=np.int64)
        if directory is None:
            self.ix = self.searcher = None
            self.leaves: list[tuple[SegmentReader, int]] = []
            #: Each leaf's posting arrays, None for a leaf read through Whoosh.
            self._arrays: list[PostingArrays | None] = []
            #: Whether each leaf has deleted documents, whose postings are then masked.
            self._deletions: list[bool] = []
            #: The leading leaves' arrays merged (`search.whoosh.merged_postings`), if valid.
            self._merged: MergedPostings | None = None
            self.columns = Columns.empty()
        else:
            self.ix = index.open_dir(str(directory))
            self.searcher = self.ix.searcher()
            # Closed by the last `release`, or when an engine that was never closed is collected.
            self._close = weakref.finalize(self, _close, self.searcher, self.ix)
            reader = self.searcher.reader()
            self.leaves = segment_leaves(reader)
            self._arrays = [PostingArrays.open(directory, segment_id(leaf)) for leaf, _ in self.leaves]
            self._deletions = [leaf.has_deletions() for leaf, _ in self.leaves]
            self._merged = MergedPostings.open(directory, segments(self.leaves))
            for arrays in [*self._arrays, self._merged.arrays if self._merged else None]:
                if arrays is not None:
                    arrays.expect_lookups()
            self.columns = Columns.shared(
                directory,
                [(cache_path(directory, segment_id(leaf)), _live(leaf), leaf) for leaf, _ in self.leaves],
            )
            if self._merged is not None and any(self._deletions[: self._merged.covered]):
                covered = self._merged.covered
                end = self.leaves[covered][1] if covered < len(self.leaves) else self.columns.size
                self._merged_dead = np.flatnonzero(~self.columns.live[:end])
        self.dated = self.columns.dated
        self.years = self.columns.years
        self.months = self.columns.months
        self.size = self.columns.size
        self.live_count = int(self.columns.live.sum())

    def month_days(self) -> np.ndarray:
        """Each document's day of the year as MMDD (0 when undated), computed once per snapshot:
        what the `day` filter and a query's month of any year compare."""
        found = self.memo.get("month_days")
        if found is None:
            as_days = np.where(self.dated, self.columns.days, 0).astype("datetime64[D]")
            months = as_days.astype("datetime64[M]")
            day_of_month = (as_days - months.astype("datetime64[D]")).astype(np.int64) + 1
            month_of_year = months.astype(np.int64) % 12 + 1
            found = self.memo["month_days"] = np.where(self.dated, month_of_year * 100 + day_of_month, 0)
        return found  # type: ignore[return-value]

    # -- reference counting -------------------------------------------------------------

    def acquire(self) -> bool:
        with self._lock:
            if self._refs == 0:
                return False
            self._refs += 1
            return True

    def release(self) -> None:
        with self._lock:
            self._refs -= 1
            closing = self._refs == 0
        if closing and self.searcher is not None:
            self._close()
            self._forget()

    def _forget(self) -> None:
        """Let go of what this generation derived (no search can acquire it any more), and
        hand the memory back: a worker that has followed ten generations should weigh what it
        weighed after one."""
        self.memo = {}
        self._postings.clear()
        self._postings_bytes = 0
        self._expansions.clear()
        self._vocabulary = None
        give_back_memory()

    # -- terms ----------------------------------------------------------------------------

    def postings(self, field: str, term: str) -> tuple[np.ndarray, np.ndarray]:
        """Global document numbers holding `term` in `field` and its frequency in each."""
        key = (field, term)
        with self._lock:
            found = self._postings.get(key)
            if found is not None:
                self._postings.move_to_end(key)
                return found
        ids_parts: list[np.ndarray] = []
        freq_parts: list[np.ndarray] = []
        offsets: list[int] = []
        mapped_key = term_key(field, term)
        first = 0
        merged = self._merged
        if merged is not None and field in merged.arrays.fields:
            first = merged.covered
            found_merged = merged.arrays.postings(mapped_key)
            if found_merged is not None:
                ids, freqs = _without(self._merged_dead, *found_merged)
                ids_parts.append(ids)
                freq_parts.append(freqs)
                offsets.append(0)
        leaves = zip(self.leaves[first:], self._arrays[first:], self._deletions[first:], strict=True)
        for (leaf, offset), arrays, deletions in leaves:
            if arrays is not None and field in arrays.fields:
                mapped = arrays.postings(mapped_key)
                if mapped is None:
                    continue
                ids, freqs = mapped
            else:
                with self._whoosh:
                    if (field, term) not in leaf:
                        continue
                    ids, freqs = whoosh_postings(leaf, field, term)
            if deletions:  # one mask, not a Python call per posting
                live = self.columns.live[offset:][ids]
                ids, freqs = ids[live], freqs[live]
            ids_parts.append(ids)
            freq_parts.append(freqs)
            offsets.append(offset)
        if ids_parts:
            # Converted as they are joined, in one pass (not a join and then a conversion),
            # and moved to global numbers part by part: the merged arrays', most of the
            # postings, are already (at offset 0).
            found_ids = np.concatenate(ids_parts, dtype=np.int64)
            end = 0
            for part, offset in zip(ids_parts, offsets, strict=True):
                end += len(part)
                if offset:
                    found_ids[end - len(part) : end] += offset
            found = (found_ids, np.concatenate(freq_parts, dtype=np.float32))
        else:
            found = (np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.float32))
        with self._lock:
            if key not in self._postings:
                self._postings[key] = found
                self._postings_bytes += found[0].nbytes + found[1].nbytes
            while self._postings_bytes > POSTINGS_CACHE_BYTES and len(self._postings) > 1:
                _, (ids, freqs) = self._postings.popitem(last=False)
                self._postings_bytes -= ids.nbytes + freqs.nbytes
        return found

    def pair_postings(self, field: str, first: str, second: str) -> tuple[np.ndarray, np.ndarray]:
        """Documents holding `first` then `second` in a `pairs` field (a hashed pair term)."""
        return self.postings(field, pair_term(first, second))

    def expand(self, field: str, prefix: str, limit: int) -> list[str]:
        """Up to `limit` index terms starting with `prefix`, most frequent first."""
        if self.searcher is None:
            return []
        reader = self.searcher.reader()
        found: list[tuple[int, str]] = []
        with self._whoosh:
            for i, term in enumerate(reader.expand_prefix(field, prefix)):
                if i >= limit * 20:
                    break
                text = term.decode("utf-8") if isinstance(term, bytes) else term
                found.append((reader.doc_frequency(field, text), text))
        found.sort(key=lambda p: (-p[0], p[1]))
        return [t for _, t in found[:limit]]

    def has(self, field: str, term: str) -> bool:
        if self.searcher is None:
            return False
        with self._whoosh:
            return (field, term) in self.searcher.reader()

    def doc_frequency(self, field: str, term: str) -> int:
        if self.searcher is None:
            return 0
        with self._whoosh:
            return int(self.searcher.reader().doc_frequency(field, term))

    def frequency(self, key: Hashable, counted: int) -> int:
        """A plan's document frequency (`search.whoosh.plan.Documents`): the snapshot is the
        whole archive, so what the plan counted is the answer."""
        return counted

    def expansion(self, key: tuple[str, str, bool], compute: Callable[[], list[str]]) -> list[str]:
        """The terms a `*` or `~` word stands for, computed once per snapshot: the same words
        come back in the relaxed reading, the spelling check's recount and the next page."""
        with self._lock:
            found = self._expansions.get(key)
            if found is not None:
                self._expansions.move_to_end(key)
                return found
        found = compute()
        with self._lock:
            self._expansions[key] = found
            if len(self._expansions) > EXPANSIONS_CACHE:
                self._expansions.popitem(last=False)
        return found

    def vocabulary(self, names: Callable[[], Mapping[str, int]]) -> Vocabulary:
        """The generation's unstemmed headline and body words plus the name words `names()`
        gives (with their counts), built on first use and kept; `names` is called only then."""
        with self._building:
            if self._vocabulary is None:
                self._vocabulary = self._shared_vocabulary(names)
            return self._vocabulary

    def vocabulary_within(self, names: Callable[[], Mapping[str, int]], seconds: float) -> Vocabulary | None:
        """The vocabulary if it is ready within `seconds`, else None. Its first build (about
        a second at 60k articles) runs in a thread of its own, which carries on when the
        caller stops waiting, so a search with a deadline never waits past it."""
        with self._lock:
            if self._vocabulary is not None:
                return self._vocabulary
            if self._builder is None:
                self._builder = threading.Thread(
                    target=self.vocabulary, args=(names,), name="broadsheet-vocabulary", daemon=True
                )
                self._builder.start()
            builder = self._builder
        builder.join(seconds)
        return self._vocabulary

    def _shared_vocabulary(self, names: Callable[[], Mapping[str, int]]) -> Vocabulary:
        """Memory-mapped from the shared columns' folder, built and saved there by the first
        process that needs it; built in memory when the index cannot be written."""
        folder = self.columns.folder / "vocabulary" if self.columns.folder else None
        if folder is not None and folder.is_dir():
            with contextlib.suppress(OSError, ValueError):
                return Vocabulary.mapped(folder)
        counts = self.columns.word_counts()
        counts.update(names())
        built = Vocabulary(counts)
        if folder is None:
            return built
        try:
            built.save(folder)
            return Vocabulary.mapped(folder)
        except (OSError, ValueError):
            return built

    def stored(self, docnum: int) -> dict[str, object]:
        if self.searcher is None:
            raise LookupError(f"no document {docnum}: the index is empty")
        with self._whoosh:
            fields: dict[str, object] = self.searcher.stored_fields(int(docnum))
        return fields

    def docnum(self, article_id: str) -> int | None:
        if self.searcher is None:
            return None
        with self._whoosh:
            found = self.searcher.document_number(id=article_id)
        if found is None or not self.columns.live[found]:
            return None
        return int(found)


def _close(searcher: Searcher, ix: FileIndex) -> None:
    searcher.close()
    ix.close()


def segment_leaves(reader: IndexReader) -> list[tuple[SegmentReader, int]]:
    """A reader's segment readers with their first document numbers; an index with no
    segment at all has one empty reader, which has no segment and is left out."""
    return [(leaf, base) for leaf, base in reader.leaf_readers() if leaf.segment() is not None]


def segment_id(leaf: SegmentReader) -> str:
    found: str = leaf.segment().segment_id()
    return found


def segments(leaves: list[tuple[SegmentReader, int]]) -> list[Segment]:
    """The leaves as the merged posting arrays list them: id and documents (deleted included)."""
    return [Segment(segment_id(leaf), leaf.doc_count_all()) for leaf, _ in leaves]


def _live(leaf: SegmentReader) -> np.ndarray:
    live = np.ones(leaf.doc_count_all(), dtype=bool)
    if leaf.has_deletions():
        live[sorted(leaf.deleted_docs_set)] = False
    return live


def _without(dead: np.ndarray, ids: np.ndarray, freqs: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """A posting list (`ids` ascending) without the `dead` documents: each dead one looked
    up by binary search, as they are few (a day's corrections) and the lists long."""
    if not len(dead) or not len(ids):
        return ids, freqs
    at = np.searchsorted(ids, dead)
    hit = at < len(ids)
    hit[hit] = ids[at[hit]] == dead[hit]
    if not hit.any():
        return ids, freqs
    keep = np.ones(len(ids), dtype=bool)  # one mask for both (`numpy.delete` makes one each)
    keep[at[hit]] = False
    return ids[keep], freqs[keep]
