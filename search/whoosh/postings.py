"""A segment's term table and posting lists, encoded byte for byte as Whoosh's W3 codec does.

Whoosh's own writer spends several Python calls per posting (pool, sort, merge, the block
writer's checks, a field-length lookup). Here a whole field arrives as numpy arrays already
grouped by term, and Python work is paid once per term and once per 128-posting block.
The files are the ones `whoosh.codec.whoosh3` writes (`.trm`: an ordered hash of
field number + term bytes -> term info; `.pst`: the blocks), so Whoosh's readers and ours
(`search.whoosh.snapshot`) read them unchanged; tests/test_bulk.py writes the same articles
both ways and compares every posting and statistic.
"""

from __future__ import annotations

import hashlib
import pickle
import struct
import zlib
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from whoosh.codec.whoosh3 import WHOOSH3_HEADER_MAGIC, W3Codec, W3Segment
from whoosh.filedb.filestore import FileStorage
from whoosh.filedb.filetables import OrderedHashWriter
from whoosh.system import pack_int, pack_long, pack_ushort

#: Postings per block and zlib level: W3Codec's defaults, which its readers expect.
BLOCK = 128
COMPRESSION = 3
#: Postings turned into Python lists at a time (about 40 MB of them).
CHUNK_POSTINGS = 500_000
#: Flags, total weight, document frequency, min/max length byte, max weight, first/last id.
_TERM_INFO = struct.Struct("!BfIBBfII")
_FREQ = struct.Struct("!I")
#: The key and value lengths before each entry of Whoosh's hash file.
_LENGTHS = struct.Struct("!ii")
#: Packed frequencies, the posting value of a `Frequency` field, for the common small counts.
_PACKED = [_FREQ.pack(n) for n in range(256)]


@dataclass(frozen=True, slots=True)
class FieldPostings:
    """One field's postings of a segment as sorted arrays: every term (in byte order) with
    the slice `starts[i]:starts[i + 1]` of `docs` (ascending) and `freqs` holding its postings
    (`freqs` is None for fields that keep no frequency); `keys`, each term's posting-array
    key when already computed (`posting_arrays.term_key`)."""

    terms: Sequence[str]
    starts: np.ndarray
    docs: np.ndarray
    freqs: np.ndarray | None
    keys: np.ndarray | None = None


class TermsWriter:
    """Writes the `.trm` and `.pst` files of one segment, field by field in name order."""

    def __init__(self, storage: FileStorage, segment: W3Segment, inline_limit: int) -> None:
        self._index = _TermTable(segment.create_file(storage, W3Codec.TERMS_EXT))
        self._fields: dict[str, int] = {}
        self._index.extras["fieldmap"] = self._fields
        self._posts = segment.create_file(storage, W3Codec.POSTS_EXT)
        self._inline_limit = inline_limit

    def add_field(self, name: str, postings: FieldPostings, length_bytes: np.ndarray | None) -> None:
        """Write a field; `length_bytes[doc]` is the doc's field length as Whoosh's length byte
        (None for fields without lengths). Fields must come in name order. The postings are
        turned into Python lists `CHUNK_POSTINGS` at a time (whole terms), as lists of a whole
        field would take several times the memory of the arrays."""
        prefix = pack_ushort(len(self._fields))
        self._fields[name] = len(self._fields)
        starts = postings.starts
        count = len(postings.terms)
        first = 0
        while first < count:
            last = int(np.searchsorted(starts, starts[first] + CHUNK_POSTINGS, side="right")) - 1
            last = min(max(last, first + 1), count)
            self._add_terms(prefix, postings, length_bytes, first, last)
            first = last

    def _add_terms(
        self, prefix: bytes, postings: FieldPostings, length_bytes: np.ndarray | None, first: int, last: int
    ) -> None:
        """Write terms `first` to `last` (exclusive) of a field."""
        base, end = int(postings.starts[first]), int(postings.starts[last])
        docs = postings.docs[base:end]
        doc_list = docs.tolist()
        deltas = np.diff(docs, prepend=0).tolist()  # a block's first id is absolute: no delta crosses terms
        if postings.freqs is None:
            weights: list[float] | None = None
            packed = None
        else:
            freqs = postings.freqs[base:end]
            weights = freqs.astype(np.float64).tolist()
            packed = freqs.astype(">u4")
        lengths = None if length_bytes is None else length_bytes[docs].tolist()
        starts = (postings.starts[first : last + 1] - base).tolist()
        infos: list[bytes] = []
        for i in range(last - first):
            lo, hi = starts[i], starts[i + 1]
            if hi - lo < self._inline_limit:
                infos.append(self._inline(doc_list, weights, lengths, lo, hi))
            else:
                infos.append(self._blocks(doc_list, deltas, weights, packed, lengths, lo, hi))
        self._index.add_sorted([prefix + term.encode("utf-8") for term in postings.terms[first:last]], infos)

    def close(self) -> None:
        self._index.close()
        self._posts.close()

    @staticmethod
    def _inline(
        docs: list[int], weights: list[float] | None, lengths: list[int] | None, lo: int, hi: int
    ) -> bytes:
        """A short posting list kept inside its term entry."""
        ids = tuple(docs[lo:hi])
        if weights is None:
            ws: tuple[float, ...] = (1.0,) * (hi - lo)
            values: tuple[bytes, ...] = ()
        else:
            ws = tuple(weights[lo:hi])
            values = tuple(_PACKED[int(w)] if w < 256 else _FREQ.pack(int(w)) for w in ws)
        low, high = (min(lengths[lo:hi]), max(lengths[lo:hi])) if lengths else (0, 0)
        head = _TERM_INFO.pack(True, sum(ws), hi - lo, low, high, max(ws), ids[0], ids[-1])
        return head + pickle.dumps((ids, ws, values), 2)

    def _blocks(
        self,
        docs: list[int],
        deltas: list[int],
        weights: list[float] | None,
        packed: np.ndarray | None,
        lengths: list[int] | None,
        lo: int,
        hi: int,
    ) -> bytes:
        """A posting list written as blocks of `BLOCK` to the postings file; its term entry."""
        post = self._posts
        start = post.tell()
        post.write(WHOOSH3_HEADER_MAGIC)
        total = 0.0
        top = 0.0
        low, high = 255, 0
        block_weights: float | tuple[float, ...] | None
        values: bytes | None
        for a in range(lo, hi, BLOCK):
            b = min(a + BLOCK, hi)
            ids = (docs[a], *deltas[a + 1 : b])
            if weights is None:
                block_weights, values, block_top, block_total = None, None, 1.0, float(b - a)
            else:
                ws = weights[a:b]
                block_top, block_total = max(ws), sum(ws)
                if block_top == 1.0:
                    block_weights = None
                elif min(ws) == block_top:
                    block_weights = ws[0]
                else:
                    block_weights = tuple(ws)
                values = packed[a:b].tobytes()  # type: ignore[index]  # packed is set wherever weights is
            if lengths:
                block_low, block_high = min(lengths[a:b]), max(lengths[a:b])
            else:
                block_low = block_high = 0
            data = zlib.compress(pickle.dumps((ids, block_weights, values), 2), COMPRESSION)
            info = pickle.dumps((b - a, docs[b - 1], block_top, COMPRESSION, block_low, block_high), 2)
            size = len(info) + len(data)
            post.write(pack_int(-size if b == hi else size))
            post.write(info)
            post.write(data)
            total += block_total
            top = max(top, block_top)
            low, high = min(low, block_low), max(high, block_high)
        if not lengths:
            low = 0
        head = _TERM_INFO.pack(False, total, hi - lo, low, high, top, docs[lo], docs[hi - 1])
        entry: bytes = head + pack_long(start) + pack_int(post.tell() - start)
        return entry


class _TermTable(OrderedHashWriter):  # type: ignore[misc]  # Whoosh ships no types: Any to mypy
    """Whoosh's ordered on-disk hash of term entries, filled a field at a time: one write
    per field instead of three writes and a `tell` per term."""

    def add_sorted(self, keys: list[bytes], values: list[bytes]) -> None:
        """Add entries whose keys are in increasing order and above every key added before."""
        position = self.dbfile.tell()
        chunks: list[bytes] = []
        buckets = self.buckets
        append_position = self.index.append
        for key, value in zip(keys, values, strict=True):
            # Whoosh's `md5_hash`: the digest's low 32 bits.
            hashed = int.from_bytes(hashlib.md5(key, usedforsecurity=False).digest()[-4:], "big")
            buckets[hashed & 255].append((hashed, position))
            append_position(position)
            chunks += (_LENGTHS.pack(len(key), len(value)), key, value)
            position += _LENGTHS.size + len(key) + len(value)
        self.dbfile.write(b"".join(chunks))
        if keys:
            self.lastkey = keys[-1]
