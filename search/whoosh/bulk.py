"""New articles written as one complete Whoosh segment, in one pass and mostly in C.

Whoosh's writer costs about 12 ms per 500-word article (a Python call per token per step,
a pool of posting tuples pickled to disk and merged back, a field-length lookup per
posting). Here each article is analysed once (`schema.analyse`), its terms are counted
with `Counter` and appended to flat per-field arrays, and at the end numpy groups the
postings by term, so Python work is paid per term and per block (`postings.TermsWriter`)
rather than per posting. Stored fields and field lengths go through Whoosh's own
per-document writer, and the segment's column cache is built from the articles in hand
instead of being read back; so are the word postings as flat arrays for searches to map
(`posting_arrays`). The result is an ordinary Whoosh segment: the caller lists it in a
generation's table of contents (see `search.whoosh.engine`). One exception: a segment of
`SMALL_SEGMENT` articles or more, which Whoosh never merges, keeps its word pairs (the pair
fields: four terms in five) in its arrays only, where searches read them.
"""

from __future__ import annotations

import itertools
from array import array
from collections import Counter, defaultdict
from collections.abc import Callable, Collection, Iterable
from pathlib import Path

import numpy as np
from whoosh.codec.whoosh3 import W3Codec, W3Segment
from whoosh.filedb.filestore import FileStorage
from whoosh.util.numeric import byte_to_length, length_to_byte

from search.models import Article
from search.whoosh.columns import CacheBuilder, cache_path
from search.whoosh.posting_arrays import (
    PAIR_FIELDS,
    SKIPPED_FIELDS,
    SMALL_SEGMENT,
    PostingArraysWriter,
    distinct,
    field_keys,
)
from search.whoosh.postings import FieldPostings, TermsWriter
from search.whoosh.schema import PAIR_BUCKETS, analyse, build_schema, pair_text, to_document

#: Posting lists this short are kept inside the term table instead of a block of their own.
INLINE_POSTINGS = 8
#: Whoosh's name for the index in a folder.
INDEX_NAME = "MAIN"


def codec() -> W3Codec:
    """The codec every Broadsheet segment is written with, by this module or by Whoosh."""
    return W3Codec(inlinelimit=INLINE_POSTINGS)


class _FieldCollector:
    """One field's postings while documents arrive: flat arrays of (term id, doc, frequency),
    machine integers rather than lists of Python ints (12 bytes a posting, not about 50), as
    they are what a segment writer's memory is mostly made of."""

    def __init__(self, scorable: bool) -> None:
        self.scorable = scorable
        self.vocab: defaultdict[str, int] = defaultdict()
        self.vocab.default_factory = self.vocab.__len__  # a new term gets the next id, in C
        self.term_ids = array("i")
        self.docs = array("i")
        self.freqs = array("i")
        #: Each term's posting-array key in the order terms arrived, once `keyed`.
        self.keys: np.ndarray | None = None

    def add(self, docnum: int, found: list[str]) -> int:
        """Add a document's terms; returns the field length Whoosh records (token count for
        scorable fields, else 0)."""
        unique: Collection[str]
        if self.scorable:
            counts = Counter(found)
            self.freqs.extend(counts.values())
            unique = counts.keys()
        else:
            unique = dict.fromkeys(found).keys()
        self.term_ids.extend(map(self.vocab.__getitem__, unique))
        self.docs.extend(itertools.repeat(docnum, len(unique)))
        return len(found) if self.scorable else 0

    def keyed(self, name: str) -> np.ndarray:
        """Every term's posting-array key (`posting_arrays.term_key`), kept for `grouped`."""
        self.keys = _term_keys(name, list(self.vocab))
        return self.keys

    def grouped(self) -> FieldPostings:
        """The postings sorted by term (in byte order) and, within a term, by document; the
        collector is emptied, so that only the sorted copy is held while it is written."""
        terms = list(self.vocab)
        self.vocab.clear()
        by_text = sorted(range(len(terms)), key=terms.__getitem__)
        rank = np.empty(len(terms), dtype=np.int32)
        rank[by_text] = np.arange(len(terms), dtype=np.int32)
        ranks = rank[np.frombuffer(self.term_ids, dtype=np.int32)]
        self.term_ids = array("i")
        order = np.argsort(ranks, kind="stable")  # documents arrived in order: stable keeps it
        starts = np.zeros(len(terms) + 1, dtype=np.int64)
        np.cumsum(np.bincount(ranks, minlength=len(terms)), out=starts[1:])
        del ranks
        docs = np.frombuffer(self.docs, dtype=np.int32)[order]
        self.docs = array("i")  # each array is let go once its sorted copy is made
        freqs = np.frombuffer(self.freqs, dtype=np.int32)[order] if self.scorable else None
        self.freqs = array("i")
        keys = None if self.keys is None else self.keys[by_text]
        self.keys = None
        return FieldPostings([terms[i] for i in by_text], starts, docs, freqs, keys)


class _PairCollector:
    """A pair field's postings while documents arrive. A pair term is a number below
    `PAIR_BUCKETS` (`schema.pair_code`), so each occurrence is appended as it comes, with
    its document, and numpy counts them at the end: no table of a segment's millions of
    distinct pair strings to look each one up in, which was a writer's costliest step."""

    def __init__(self, scorable: bool) -> None:
        self.scorable = scorable
        self.codes = array("i")
        self.docs = array("i")  # one per occurrence, not per posting
        #: The distinct codes (ascending) and each one's key, once `keyed`.
        self._distinct: np.ndarray | None = None
        self.keys: np.ndarray | None = None

    def add(self, docnum: int, found: list[int]) -> int:
        """Add a document's pair codes; returns the field length Whoosh records."""
        self.codes.extend(found)
        self.docs.extend(itertools.repeat(docnum, len(found)))
        return len(found) if self.scorable else 0

    def keyed(self, name: str) -> np.ndarray:
        """Every distinct term's posting-array key, in ascending order of code."""
        self._distinct = np.unique(np.frombuffer(self.codes, dtype=np.int32))
        self.keys = _pair_keys(name, self._distinct)
        return self.keys

    def grouped(self) -> FieldPostings:
        """The postings sorted by term (in byte order, as `_FieldCollector.grouped`) and,
        within a term, by document; the collector is emptied."""
        codes = np.frombuffer(self.codes, dtype=np.int32)
        distinct = np.unique(codes) if self._distinct is None else self._distinct
        terms = [pair_text(code) for code in distinct.tolist()]
        by_text = sorted(range(len(terms)), key=terms.__getitem__)
        rank = np.empty(len(terms), dtype=np.int64)
        rank[by_text] = np.arange(len(terms), dtype=np.int64)
        # Each occurrence as (its term's rank, its document) in one number, sorted: the
        # postings in order, and a repeat within a document is its frequency.
        packed = rank[np.searchsorted(distinct, codes)] << 32
        packed |= np.frombuffer(self.docs, dtype=np.int32)
        self.codes, self.docs = array("i"), array("i")
        if self.scorable:
            postings, counts = np.unique(packed, return_counts=True)
            freqs: np.ndarray | None = counts.astype(np.int32)
        else:
            postings, freqs = np.unique(packed), None
        del packed
        ranks = postings >> 32
        starts = np.zeros(len(terms) + 1, dtype=np.int64)
        np.cumsum(np.bincount(ranks, minlength=len(terms)), out=starts[1:])
        docs = (postings & 0xFFFFFFFF).astype(np.int32)
        keys = None if self.keys is None else self.keys[by_text]
        self._distinct, self.keys = None, None
        return FieldPostings([terms[i] for i in by_text], starts, docs, freqs, keys)


#: Each field's terms' keys, remembered by a writer process up to `MAX_TERM_KEYS` terms a
#: field: most of a segment's words were in the segment before.
_TERM_KEYS: dict[str, dict[str, int]] = {}
MAX_TERM_KEYS = 300_000


def _term_keys(field: str, terms: list[str]) -> np.ndarray:
    """`field_keys` of `terms`, each remembered while the field's memory has room."""
    known = _TERM_KEYS.setdefault(field, {})
    new = [term for term in terms if term not in known]
    found = dict(zip(new, field_keys(field, new, len(new)).tolist(), strict=True))
    keys = np.fromiter(
        (found[term] if term in found else known[term] for term in terms), dtype=np.uint64, count=len(terms)
    )
    if len(known) + len(found) <= MAX_TERM_KEYS:
        known.update(found)
    return keys


#: Each pair field's keys by code and whether each is known yet, filled as codes turn up:
#: a writer process writes segment after segment, and there are only `PAIR_BUCKETS` codes.
_PAIR_KEYS: dict[str, tuple[np.ndarray, np.ndarray]] = {}


def _pair_keys(field: str, codes: np.ndarray) -> np.ndarray:
    """`field_keys` of the pair terms `codes` stand for, each computed once per process."""
    if field not in _PAIR_KEYS:
        _PAIR_KEYS[field] = (np.zeros(PAIR_BUCKETS, dtype=np.uint64), np.zeros(PAIR_BUCKETS, dtype=bool))
    keys, known = _PAIR_KEYS[field]
    missing = codes[~known[codes]]
    keys[missing] = field_keys(field, map(pair_text, missing.tolist()), len(missing))
    known[missing] = True
    found: np.ndarray = keys[codes]
    return found


#: How many articles pass between two progress reports.
REPORT_EVERY = 250
#: The share of a segment's writing time spent article by article (analysis, counting);
#: the rest goes to grouping and writing terms. Progress is reported in articles'
#: worth of that work (measured on the shared corpora: about 70 / 30).
ANALYSIS_SHARE = 0.7


def write_segment(
    directory: Path, articles: Iterable[Article], progress: Callable[[int], None] | None = None
) -> W3Segment:
    """Write `articles` as a new segment (and its column cache) in the Whoosh index at
    `directory`; the segment is not live until a table of contents lists it. `articles` is
    read once, in order, and none is kept (a run file streams them). `progress` hears how
    many articles' worth of the work is done (see `ANALYSIS_SHARE`)."""
    storage = FileStorage(str(directory))
    schema = build_schema()
    w3 = codec()
    segment = w3.new_segment(storage, INDEX_NAME)
    per_doc = w3.per_document_writer(storage, segment)
    collectors: dict[str, _FieldCollector | _PairCollector] = {
        name: (_PairCollector if name in PAIR_FIELDS else _FieldCollector)(field.scorable)
        for name, field in schema.items()
        if field.indexed
    }
    length_bytes: dict[str, list[int]] = {name: [] for name, field in schema.items() if field.scorable}
    cache = CacheBuilder()
    count = 0
    for docnum, article in enumerate(articles):
        count = docnum + 1
        doc = to_document(article)
        analysed = analyse(doc)
        per_doc.start_doc(docnum)
        stored: dict[str, object] = {}
        lengths: dict[str, int] = {}
        for name in sorted(doc):
            field = schema[name]
            value = doc[name]
            collector = collectors.get(name)
            if isinstance(collector, _PairCollector):
                lengths[name] = collector.add(docnum, analysed.pairs[name])
            else:
                lengths[name] = collector.add(docnum, analysed.terms[name]) if collector else 0
            if field.stored:
                stored[name] = value
            per_doc.add_field(name, field, value if field.stored else None, lengths[name])
        # Whoosh keeps a field length as one byte; BM25 sees the length that byte stands for.
        rounded: dict[str, float] = {}
        for name, column in length_bytes.items():
            column.append(length_to_byte(lengths.get(name, 0)))
            rounded[name] = byte_to_length(column[-1])
        per_doc.finish_doc()
        cache.add(stored, rounded, analysed.surface)
        if progress is not None and (docnum + 1) % REPORT_EVERY == 0:
            progress(int(ANALYSIS_SHARE * (docnum + 1)))
    per_doc.close()
    keys = [c.keyed(name) for name, c in collectors.items() if name not in SKIPPED_FIELDS]
    # A large segment is never merged by Whoosh, so when it will have arrays (no two keys
    # equal) its word pairs, most of its terms, are not written to Whoosh's term table too:
    # that took a third of writing a segment, and searches read pairs from the arrays.
    pairs_in_arrays_only = count >= SMALL_SEGMENT and distinct(keys)
    del keys
    terms = TermsWriter(storage, segment, INLINE_POSTINGS)
    arrays = PostingArraysWriter(directory, segment.segment_id())
    postings = sum(len(c.docs) for c in collectors.values())
    written = 0
    try:
        for name in sorted(collectors):
            collector = collectors.pop(name)  # each field's postings are let go once written
            if collector.docs:
                encoded = np.asarray(length_bytes[name], dtype=np.int64) if name in length_bytes else None
                written += len(collector.docs)
                grouped = collector.grouped()
                if not (pairs_in_arrays_only and name in PAIR_FIELDS):
                    terms.add_field(name, grouped, encoded)
                arrays.add_field(name, grouped)
                del grouped
                if progress is not None:
                    progress(int(count * (ANALYSIS_SHARE + (1 - ANALYSIS_SHARE) * written / postings)))
    except BaseException:
        arrays.discard()
        raise
    terms.close()
    arrays.close()
    segment.set_doc_count(count)
    cache.save(cache_path(directory, segment.segment_id()))
    if progress is not None:
        progress(count)
    return segment
