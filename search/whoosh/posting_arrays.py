"""A segment's word postings once more, as flat arrays a search memory-maps and slices.

Whoosh keeps a posting list as zlib-compressed pickles of 128 postings, behind an on-disk
hash of term entries, and a search reads it with several Python calls per block and per
segment. At a million articles in 63 segments that decoding was most of a multi-word
search (about 180 ms of its 250). Here each term of a segment is a binary search in a
sorted array of 64-bit keys and one slice of two arrays: the decoding is gone, and so is
most of the per-segment cost.

Five files beside the segment's own, `<segment id>.bsp.<part>`: four raw little-endian
arrays, `keys` (uint64, ascending: each (field, term)'s `term_key`), `spans` (int64 pairs:
where the term's postings start and end), `docs` (int32, the segment's document numbers,
in order within a term) and `freqs` (uint16: the term's frequency in each, held at 65,535,
where BM25 has long stopped telling counts apart), and `fields`, the names of the fields
they hold, one a line. `keys` is written last, so a segment has arrays exactly when its
`keys` file exists, and they answer for the fields listed, no others.

The bulk writer writes them from the sorted arrays it writes Whoosh's files from, a field
at a time, keeping only the keys in memory: every indexed field but `id`. A segment Whoosh
wrote (a merge of a day's segments), and every segment of an index written before the
arrays, gets them at the next commit from its own postings (`write_from_segment`), for its
word fields only: the pair fields hold four in five of a segment's terms, and reading them
back would triple the time (about 25 s more for 22,000 articles). What a segment's arrays
do not hold is read through Whoosh, as before. A segment of `SMALL_SEGMENT` articles or more
(a full build's), which Whoosh never merges, has its pair fields in its arrays only: a large
segment found without arrays and without pair terms cannot be searched for phrases, and is
reported as needing a reindex. Two terms of a segment with one key would
share postings: the writer checks and leaves such a segment without arrays. A query word
missing from a segment could still match a present term's key, with odds near one in
2^64 / (the segment's terms).
"""

from __future__ import annotations

import hashlib
import mmap
import os
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO

import numpy as np
from whoosh.codec.whoosh3 import W3LeafMatcher
from whoosh.matching import Matcher
from whoosh.reading import SegmentReader

from search.memory import give_back_pages
from search.whoosh.columns import StaleIndexError
from search.whoosh.postings import FieldPostings

#: Never kept as arrays: `id` (one posting a term, looked up only to replace an article).
SKIPPED_FIELDS = frozenset({"id"})
#: Left out when a segment's arrays are made from its Whoosh postings (see the module's note).
PAIR_FIELDS = frozenset({"pairs", "title_pairs"})
#: Segments with fewer articles than this are small: Whoosh's merge policy may fold them
#: together (`engine._merge_small_segments`), reading their postings from Whoosh's files.
#: A larger one is never merged, so the bulk writer keeps its pair fields in its arrays only.
SMALL_SEGMENT = 5_000
#: The files in the order they are moved into place (`keys` last); all but `fields` are arrays.
PARTS = ("docs", "freqs", "spans", "fields", "keys")
_DTYPES = {"docs": "<i4", "freqs": "<u2", "spans": "<i8", "keys": "<u8"}
_MAX_FREQ = np.iinfo(np.uint16).max
#: Postings from which a lookup asks for its slice at once (more than a page of documents): a
#: server's maps are read page by page otherwise (`PostingArrays.expect_lookups`).
PREFETCH_POSTINGS = 2_048


def term_key(field: str, term: str) -> int:
    """The 64-bit key of a field's term (BLAKE2b: stable across processes and runs)."""
    digest = hashlib.blake2b(f"{field}\0{term}".encode(), digest_size=8, usedforsecurity=False).digest()
    return int.from_bytes(digest, "little")


def field_keys(field: str, terms: Iterable[str], count: int) -> np.ndarray:
    """The keys of `count` terms of a field, in their order."""
    return np.fromiter((term_key(field, term) for term in terms), dtype=np.uint64, count=count)


def distinct(keys: Iterable[np.ndarray]) -> bool:
    """Whether no two of a segment's keys are equal (then it can have arrays)."""
    every = np.sort(np.concatenate([np.zeros(0, dtype=np.uint64), *keys]))
    return bool((every[1:] != every[:-1]).all())


def part_path(directory: Path, segment_id: str, part: str) -> Path:
    return directory / f"{segment_id}.bsp.{part}"


class PostingArraysWriter:
    """Writes one segment's arrays while its fields are written (any order), streaming the
    postings to disk; `close` sorts the keys and makes the arrays visible."""

    def __init__(self, directory: Path, segment_id: str) -> None:
        self._directory = directory
        self._segment_id = segment_id
        self._files: dict[str, BinaryIO] = {
            part: self._temporary(part).open("wb") for part in ("docs", "freqs")
        }
        self._keys: list[np.ndarray] = []
        self._ends: list[np.ndarray] = []
        self._fields: list[str] = []
        self._written = 0

    def add_field(self, name: str, postings: FieldPostings) -> None:
        if name in SKIPPED_FIELDS or not postings.terms:
            return
        keys = postings.keys
        self._keys.append(field_keys(name, postings.terms, len(postings.terms)) if keys is None else keys)
        self._fields.append(name)
        self._ends.append(postings.starts[1:] + self._written)
        self._files["docs"].write(postings.docs.astype(_DTYPES["docs"]).tobytes())
        if postings.freqs is None:
            freqs = np.ones(len(postings.docs), dtype=_DTYPES["freqs"])
        else:
            freqs = np.minimum(postings.freqs, _MAX_FREQ).astype(_DTYPES["freqs"])
        self._files["freqs"].write(freqs.tobytes())
        self._written += len(postings.docs)

    def close(self) -> bool:
        """Sort the keys and move the files into place; False (and no arrays for the segment)
        when two terms share a key."""
        for out in self._files.values():
            out.flush()
            os.fsync(out.fileno())
            out.close()
        keys = np.concatenate(self._keys) if self._keys else np.zeros(0, dtype=np.uint64)
        ends = np.concatenate(self._ends) if self._ends else np.zeros(0, dtype=np.int64)
        order = np.argsort(keys, kind="stable")
        keys = keys[order]
        if not distinct([keys]):
            self.discard()
            return False
        starts = np.concatenate([[0], ends[:-1]]) if len(ends) else ends
        spans = np.stack([starts[order], ends[order]], axis=1)
        self._write("spans", np.ascontiguousarray(spans, dtype=_DTYPES["spans"]).tobytes())
        self._write("fields", "".join(f"{name}\n" for name in self._fields).encode("utf-8"))
        self._write("keys", np.ascontiguousarray(keys, dtype=_DTYPES["keys"]).tobytes())
        for part in PARTS:
            os.replace(self._temporary(part), part_path(self._directory, self._segment_id, part))
        return True

    def discard(self) -> None:
        for out in self._files.values():
            out.close()
        for part in PARTS:
            self._temporary(part).unlink(missing_ok=True)

    def _temporary(self, part: str) -> Path:
        return self._directory / f".{self._segment_id}.bsp.{part}.{os.getpid()}"

    def _write(self, part: str, data: bytes) -> None:
        with self._temporary(part).open("wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())


@dataclass(frozen=True, slots=True)
class PostingArrays:
    """One segment's arrays, memory-mapped read-only, and the fields they hold."""

    keys: np.ndarray
    spans: np.ndarray
    docs: np.ndarray
    freqs: np.ndarray
    fields: frozenset[str]
    #: The file maps the arrays are views of, by part (an empty file has none).
    maps: dict[str, mmap.mmap] = field(default_factory=dict)

    @classmethod
    def open(cls, directory: Path, segment_id: str) -> PostingArrays | None:
        """The segment's arrays, or None when it has none (or they do not fit together)."""
        try:
            path = part_path(directory, segment_id, "fields")
            fields = frozenset(path.read_text(encoding="utf-8").split())
            maps: dict[str, mmap.mmap] = {}
            parts = {
                part: _map(path.with_suffix(f".{part}"), dtype, maps, part) for part, dtype in _DTYPES.items()
            }
        except (OSError, ValueError):
            return None
        spans = parts["spans"].reshape(-1, 2)
        # Sizes only: reading every span to check it (a tenth of the arrays, about 1 GB at a
        # million articles) made each opening of the index touch all of them; `postings`
        # checks the one span it reads.
        if len(spans) != len(parts["keys"]) or len(parts["docs"]) != len(parts["freqs"]):
            return None
        return cls(parts["keys"], spans, parts["docs"], parts["freqs"], fields, maps)

    def release(self) -> None:
        """Hand the pages read so far back to the page cache (a merge reads every page once)."""
        give_back_pages(self.maps.values())

    def expect_lookups(self) -> None:
        """Tell the kernel that reads will be short slices at random places (a server's term
        lookups), not runs (a merge's): with its read-around, each lookup brought in 128 KB
        about its slice, and a server under load held most of the files (1.0 of 1.1 GB of
        documents at 500,000 articles; 0.26 GB without it). A long slice is asked for at once
        (`postings`), so a broad term is still read in one go from disk."""
        if hasattr(mmap, "MADV_RANDOM"):
            for mapped in self.maps.values():
                mapped.madvise(mmap.MADV_RANDOM)

    def postings(self, key: int) -> tuple[np.ndarray, np.ndarray] | None:
        """The documents (segment numbers) and frequencies of the term with `key`; None
        when the segment does not hold it."""
        at = int(np.searchsorted(self.keys, np.uint64(key)))
        if at == len(self.keys) or int(self.keys[at]) != key:
            return None
        start, end = (int(v) for v in self.spans[at])
        if not 0 <= start <= end <= len(self.docs):
            raise StaleIndexError("damaged posting arrays (a span past their end); run `broadsheet reindex`")
        if end - start >= PREFETCH_POSTINGS:
            for part, array in (("docs", self.docs), ("freqs", self.freqs)):
                _will_need(self.maps.get(part), start * array.itemsize, end * array.itemsize)
        return self.docs[start:end], self.freqs[start:end]


def _will_need(mapped: mmap.mmap | None, start: int, end: int) -> None:
    """Ask the kernel to read bytes `start` to `end` of a map in now, in one go."""
    if mapped is not None and hasattr(mmap, "MADV_WILLNEED"):
        first = start - start % mmap.PAGESIZE
        mapped.madvise(mmap.MADV_WILLNEED, first, end - first)


def _map(path: Path, dtype: str, maps: dict[str, mmap.mmap], part: str) -> np.ndarray:
    """A raw file as a read-only array (an empty file as an empty array: mmap refuses it),
    its map added to `maps` under `part`. A plain array over the map: indexing a `numpy.memmap` costs a
    Python call each time, 30% of a 4-6 word search at a million articles."""
    if path.stat().st_size == 0:
        return np.zeros(0, dtype=dtype)
    with path.open("rb") as handle:
        mapped = mmap.mmap(handle.fileno(), 0, access=mmap.ACCESS_READ)
    maps[part] = mapped
    return np.frombuffer(mapped, dtype=dtype)


def write_from_segment(leaf: SegmentReader, directory: Path, segment_id: str) -> bool:
    """Give a segment Whoosh wrote its arrays, reading every posting of its word fields
    back (6-11 s for a segment of 14,000-22,000 articles): `PostingArraysWriter.close`'s answer."""
    if (
        leaf.doc_count_all() >= SMALL_SEGMENT
        and leaf.field_length("pairs")
        and not _holds_terms(leaf, "pairs")
    ):
        raise StaleIndexError(
            f"segment {segment_id} lost its posting arrays (its word pairs are kept only there);"
            " run `broadsheet reindex`"
        )
    writer = PostingArraysWriter(directory, segment_id)
    try:
        for field in sorted(leaf.indexed_field_names()):
            if field in SKIPPED_FIELDS or field in PAIR_FIELDS:
                continue
            terms = [t.decode("utf-8") if isinstance(t, bytes) else t for t in leaf.lexicon(field)]
            if not terms:
                continue
            read = [whoosh_postings(leaf, field, term) for term in terms]
            starts = np.zeros(len(terms) + 1, dtype=np.int64)
            np.cumsum([len(ids) for ids, _ in read], out=starts[1:])
            docs = np.concatenate([ids for ids, _ in read]).astype(np.int32)
            freqs = np.rint(np.concatenate([f for _, f in read])).astype(np.int64)
            writer.add_field(field, FieldPostings(terms, starts, docs, freqs))
    except BaseException:
        writer.discard()
        raise
    return writer.close()


def _holds_terms(leaf: SegmentReader, field: str) -> bool:
    """Whether Whoosh's term table of the segment has any term of `field`."""
    return next(iter(leaf.lexicon(field)), None) is not None


def whoosh_postings(leaf: SegmentReader, field: str, term: str) -> tuple[np.ndarray, np.ndarray]:
    """A term's postings in one segment read through Whoosh, deleted documents included:
    segment document numbers (int64) and frequencies (float32). `leaf.postings` would wrap
    a segment with deletions in a filter read a Python call per posting (22,000 calls a
    search at 100,000 articles), so the term's matcher is read block by block instead."""
    matcher = leaf._terms.matcher(field, leaf._text_to_bytes(field, term), leaf.schema[field].format)
    return _read_blocks(matcher)


def _read_blocks(matcher: Matcher) -> tuple[np.ndarray, np.ndarray]:
    """Decode a whole posting list block by block into arrays, without a Python call per posting."""
    if not isinstance(matcher, W3LeafMatcher):
        ids, freqs = [], []
        while matcher.is_active():
            ids.append(matcher.id())
            freqs.append(matcher.weight())
            matcher.next()
        return np.asarray(ids, dtype=np.int64), np.asarray(freqs, dtype=np.float32)
    id_blocks: list[np.ndarray] = []
    freq_blocks: list[np.ndarray] = []
    while True:
        matcher._read_data()
        deltas, weights = matcher._data[0], matcher._data[1]
        count = len(deltas)
        id_blocks.append(np.cumsum(np.asarray(deltas, dtype=np.int64)))
        if weights is None:
            freq_blocks.append(np.ones(count, dtype=np.float32))
        elif isinstance(weights, float):
            freq_blocks.append(np.full(count, weights, dtype=np.float32))
        else:
            freq_blocks.append(np.asarray(weights, dtype=np.float32))
        if matcher._lastblock:
            break
        matcher._goto(matcher._nextoffset)
    return np.concatenate(id_blocks), np.concatenate(freq_blocks)
