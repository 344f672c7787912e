"""Stories, not copies: articles that are versions of one written report are one story.

A wire copy republished by two papers, a paper's rewrite of an agency copy or handout, a web
story and its print edition, an update under a new URL: each is its own article, and all of
them one story. Word overlap alone cannot tell these apart from one outlet's templated daily
reports or a follow-up that reuses yesterday's background, so every article gets a profile
(`signature`, computed in the worker that extracted it): a MinHash of its word shingles, the
word codes of its first words and a sketch of its numbers. Two articles are linked by one of
three rules (constants below, chosen on labelled pairs): a copy (nearly all of one's shingles
in the other, within a week; candidates by LSH banding of the MinHashes), two outlets' versions
(close word profiles and leads, within a day), or one outlet's versions (closer still, and
the same numbers). A story is a group of articles each linked to every other, named after its
first article (earliest date, then smallest id).

The profiles, days, outlets and links are kept beside each generation (`stories/<generation>`),
so an incremental run profiles only the articles it reads and links only those; the groups
are then formed again from every link, in one fixed order, which is why a full rebuild
and any sequence of incremental runs over the same files group alike. A keeper separates
two wrongly joined stories with a line in `<index>/stories-apart.txt` (the format of
`keep-apart.txt`, see `indexer.duplicates`): no link that would put the two in one story
is followed on the next run. See docs/stories.md.
"""

from __future__ import annotations

import os
import re
import zlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
from datasketch import MinHash
from scipy import sparse

from indexer.duplicates import KeepApart, names
from indexer.profiles import Profiles
from search.analysis import STOP_WORDS
from search.models import Article

STORIES_DIR = "stories"
STORIES_APART_FILE = "stories-apart.txt"
#: A generation's profiles beside its state: 32-bit values end to end, mapped when loaded.
PROFILES_SUFFIX = ".profiles"
#: Words per shingle; the shingles are what the copy rule compares.
SHINGLE_WORDS = 3
#: Every rule below was chosen on the `tune` pairs of benchmarks/stories (docs/stories.md
#: gives the figures). A copy: at least this share of the shorter body's shingles are in
#: the other body, published at most `COPY_DAYS` apart (a republication days later).
COPY_CONTAINMENT = 0.9
COPY_DAYS = 7
#: Two outlets' versions of one wire copy or handout (the agency's and a paper's rewrite,
#: often in print the next day): the cosine of their word profiles is at least
#: `OUTLETS_COSINE` and the first `LEAD_WORDS` of one share `OUTLETS_LEAD` with the other's
#: opening (both lead with the event), at most `NEAR_DAYS` apart.
OUTLETS_COSINE = 0.6
OUTLETS_LEAD = 0.3
#: Two versions from one outlet (web and print, an update, a second filing) must agree
#: more, in their openings and in their numbers: one outlet's daily templated reports
#: (water releases, operation releases, price indexes) differ mostly in their figures.
SAME_OUTLET_COSINE = 0.7
SAME_OUTLET_LEAD = 0.6
SAME_OUTLET_NUMBERS = 0.5
NEAR_DAYS = 1
#: How many of the body's first words make its word profile (every word of most bodies: on
#: the tune pairs 600 words separate as well as whole bodies, 200 much worse; the cap bounds
#: what one article costs to keep), and how many its lead and its opening.
PROFILE_WORDS = 600
LEAD_WORDS = 60
OPENING_WORDS = 80
#: The other body's words a lead is compared with (a rewrite moves the lead's facts a
#: little further down, but not past its first paragraphs).
FIRST_WORDS = 200
#: Days whose articles are linked together in one step of a full build: their word
#: profiles (and their neighbours') become sparse vectors at once, so the memory a step
#: takes follows a quarter's news, not the archive's (a million articles' vectors at once
#: would take several GB).
DAYS_AT_ONCE = 90
#: How many of the body's numbers are kept (the smallest codes: a bottom-k sketch of the set).
NUMBERS = 24
#: Values per MinHash: the Jaccard estimate's standard error at J = 0.5 is 0.06.
NUM_PERM = 64
#: LSH bands of `BAND_ROWS` values each (16 of 4: what datasketch's `MinHashLSH` chooses
#: for a Jaccard threshold of 0.4 over 64 values).
BAND_ROWS = 4
#: Most articles each one is tried against, by each rule: the later members of its LSH
#: bucket, the closest bodies of its days. Thousands of near-identical articles in one week
#: (a replicated template, an import stamped with one date) then cost a few hundred pairs an
#: article, not millions. Stories join only articles all linked to each other, so such a
#: flood becomes stories of about this many.
CANDIDATES_PER_ARTICLE = 256
_SEED = 1
#: Day number of an undated article: it joins a story (as a copy) whatever the other's date.
UNDATED = -(2**31)
#: Where each part of a profile (`signature`) sits.
_SHINGLE_COUNT = NUM_PERM
#: Profiles whose MinHash is copied out before their pages are handed back (`_link_copies`).
_HEADS_AT_ONCE = 50_000
#: Pairs whose number sketches are compared at once (each pair's values all against all).
_PAIRS_AT_ONCE = 8192
#: A day's articles compared with the days around them at once (`_link_versions`).
_ROWS_AT_ONCE = 512
_NUMBERS = slice(NUM_PERM + 1, NUM_PERM + 1 + NUMBERS)
_FIRST = slice(_NUMBERS.stop, _NUMBERS.stop + FIRST_WORDS)
#: A profile's fixed part; its word profile follows: one value per distinct word, the word's
#: 28-bit code with its count (at most 15) in the top 4 bits.
HEADER_SIZE = _FIRST.stop
_TERM_BITS = 28
_TERM_MASK = (1 << _TERM_BITS) - 1
_MAX_COUNT = 15

_WORD = re.compile(r"[^\W_]+")
#: Paragraphs that are page furniture, not the story: Dawn's print footer, a video player's
#: error, a comments box, a "follow us" line.
_CHROME = re.compile(
    r"^(published in dawn\b|media error|comments\b|\d+ comments?\b|follow .{0,40} on (twitter|x)\b)",
    re.IGNORECASE,
)
#: An opening dateline: `ISLAMABAD:` or `ISLAMABAD, Jan 1 (APP):`.
_DATELINE = re.compile(r"^[A-Z][A-Za-z .'-]{1,40}(,[^:\n]{0,30})?:\s")


def words(body: str) -> list[str]:
    """The body's words, folded, without the opening dateline and page furniture."""
    paragraphs = [p for p in body.split("\n\n") if p.strip() and not _CHROME.match(p.strip())]
    text = _DATELINE.sub("", "\n\n".join(paragraphs), count=1)
    return _WORD.findall(text.casefold())


#: Word -> its 32-bit code; a dict lookup is cheaper than hashing each occurrence.
_CODES: dict[str, int] = {}
_MAX_CODES = 500_000
#: Odd multipliers that mix a shingle's word codes into one 32-bit value.
_MIX = (0x9E3779B1, 0x85EBCA77, 0xC2B2AE3D, 0x27D4EB2F, 0x165667B1, 0xD3A2646C, 0xFD7046C5)


def _code(word: str) -> int:
    found = _CODES.get(word)
    if found is None:
        found = zlib.crc32(word.encode()) or 1  # 0 marks "no word" in a profile
        if len(_CODES) < _MAX_CODES:
            _CODES[word] = found
    return found


def _codes(found: list[str]) -> np.ndarray:
    """The words' codes: one dict lookup a word, the rare unknown word coded apart."""
    got = list(map(_CODES.get, found))
    if None in got:
        got = [c if c is not None else _code(w) for c, w in zip(got, found, strict=True)]
    return np.asarray(got, dtype=np.uint64)


def _shingles(codes: np.ndarray, size: int) -> np.ndarray:
    """A 32-bit value for each run of `size` consecutive word codes (repeats included: a
    MinHash takes each value's minimum, so a repeat changes nothing). Mixing word codes with
    numpy costs a tenth of joining and hashing each shingle's text."""
    if len(codes) <= size:
        size = max(1, len(codes))
    mixed = np.zeros(len(codes) - size + 1, dtype=np.uint64)
    for offset in range(size):
        mixed = mixed * np.uint64(_MIX[offset % len(_MIX)]) + codes[offset : offset + len(mixed)]
    return (mixed ^ (mixed >> np.uint64(29))) & np.uint64(0xFFFFFFFF)


#: datasketch's hashing scheme: 32-bit values, and the signatures saved must stay in it.
_SCHEME = "affine32"
#: The permutations every signature uses (datasketch's, drawn from its seed once per process).
_A, _B = (
    np.ascontiguousarray(p, dtype=np.uint32)
    for p in MinHash(num_perm=NUM_PERM, seed=_SEED, scheme=_SCHEME).permutations
)
_EMPTY = np.full(NUM_PERM, 0xFFFFFFFF, dtype=np.uint32)


def _minhash(values: np.ndarray) -> np.ndarray:
    """datasketch's MinHash (scheme affine32) of 32-bit values that are hashes already: each
    value premixed by MurmurHash3's finaliser, then the minimum of `a * h + b` (mod 2^32) per
    permutation. Computed here in numpy because datasketch calls a Python hash function once
    per value; tests/test_stories.py checks the two agree."""
    if not len(values):
        return _EMPTY.copy()
    h = values.astype(np.uint32)
    h ^= h >> np.uint32(16)
    h *= np.uint32(0x85EBCA6B)
    h ^= h >> np.uint32(13)
    h *= np.uint32(0xC2B2AE35)
    h ^= h >> np.uint32(16)
    return np.asarray((h[:, None] * _A + _B).min(axis=0), dtype=np.uint32)


def signature(body: str) -> np.ndarray:
    """The body's profile, unsigned 32-bit values: the MinHash of its word shingles, how many
    shingles it has, the smallest `NUMBERS` codes of its numbers, the word codes of its
    first `FIRST_WORDS` words (0 for a stop word or a word under three letters), then its word profile (see
    `HEADER_SIZE`)."""
    found = words(body)
    codes = _codes(found)
    shingled = _shingles(codes, SHINGLE_WORDS)
    head = found[:PROFILE_WORDS]
    terms = (codes[: len(head)] & np.uint64(_TERM_MASK)).astype(np.uint32)
    terms[terms == 0] = 1
    short = np.fromiter(map(len, head), dtype=np.int64, count=len(head)) < 3
    stop = np.fromiter(map(STOP_WORDS.__contains__, head), dtype=bool, count=len(head))
    terms[short | stop] = 0
    kept, counts = np.unique(terms[terms != 0], return_counts=True)
    bag = kept | (np.minimum(counts, _MAX_COUNT).astype(np.uint32) << np.uint32(_TERM_BITS))
    header = np.zeros(HEADER_SIZE, dtype=np.uint32)
    header[:NUM_PERM] = _minhash(shingled)
    header[_SHINGLE_COUNT] = len(shingled)
    numbers = sorted({_code(w) for w in found if not w.isalpha() and _DIGIT.search(w)})[:NUMBERS]
    header[_NUMBERS.start : _NUMBERS.start + len(numbers)] = numbers
    header[_FIRST.start : _FIRST.start + min(FIRST_WORDS, len(terms))] = terms[:FIRST_WORDS]
    return np.concatenate([header, bag])


_DIGIT = re.compile(r"\d")


def day_of(article: Article) -> int:
    return article.date.toordinal() if article.date else UNDATED


@dataclass(frozen=True, slots=True)
class _Profiles:
    """The word profiles of some articles as unit vectors (sublinear term counts), for
    cosines by sparse products: the body (its first `PROFILE_WORDS` words), its lead, its
    first paragraphs and its opening (`LEAD_WORDS`, `FIRST_WORDS`, `OPENING_WORDS`)."""

    rows: dict[int, int]
    body: sparse.csr_matrix
    lead: sparse.csr_matrix
    first: sparse.csr_matrix
    opening: sparse.csr_matrix
    #: Each row's number sketch (`NUMBERS` values) and outlet (a number per outlet).
    numbers: np.ndarray
    outlets: np.ndarray


def _vectors(
    rows: np.ndarray, codes: np.ndarray, counts: np.ndarray, vocabulary: np.ndarray, n: int
) -> sparse.csr_matrix:
    """One unit vector (sublinear counts) a row, over `vocabulary`'s columns."""
    weights = 1.0 + np.log(counts)
    norms = np.sqrt(np.bincount(rows, weights=weights * weights, minlength=n))
    weights = weights / norms[rows]
    columns = np.searchsorted(vocabulary, codes.astype(vocabulary.dtype))
    return sparse.csr_matrix((weights, (rows, columns)), shape=(n, len(vocabulary)))


def _counted(terms: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Rows, codes and counts of a matrix of word codes (0: no word), by row and then code.
    Each row is sorted on its own (a few hundred values in cache) and its runs of equal codes
    read off: sorting every row's keys at once took thirty times as long."""
    ordered = np.sort(terms, axis=1).astype(np.int64).ravel()
    rows = np.repeat(np.arange(len(terms), dtype=np.int64), terms.shape[1])
    keys = ((rows << 32) | ordered)[ordered != 0]
    starts = np.flatnonzero(np.concatenate(([True], keys[1:] != keys[:-1])))[: len(keys)]
    firsts = keys[starts]
    return firsts >> 32, firsts & 0xFFFFFFFF, np.diff(np.append(starts, len(keys)))


def _numbers_shared(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """Jaccard of each pair of bodies' number sets (rows of `a` and `b`) from their
    bottom-`NUMBERS` sketches (0 when neither has a number): a sketch that is full is cut
    where the other's ends. A sketch is its set's smallest codes ascending, then zeros."""
    shared = np.zeros(len(a))
    for start in range(0, len(a), _PAIRS_AT_ONCE):
        x, y = a[start : start + _PAIRS_AT_ONCE], b[start : start + _PAIRS_AT_ONCE]
        cut = np.minimum(
            *(
                np.where(np.count_nonzero(s, axis=1) == NUMBERS, s.max(axis=1).astype(np.int64), 2**32)
                for s in (x, y)
            )
        )
        in_x, in_y = (x != 0) & (x <= cut[:, None]), (y != 0) & (y <= cut[:, None])
        both = np.count_nonzero(
            (x[:, :, None] == y[:, None, :]) & in_x[:, :, None] & in_y[:, None, :], axis=(1, 2)
        )
        union = np.count_nonzero(in_x, axis=1) + np.count_nonzero(in_y, axis=1) - both
        np.divide(both, union, out=shared[start : start + len(x)], where=union > 0)
    return shared


def _band_pairs(
    rows: list[int], fresh: set[int], hashes: np.ndarray, days: Sequence[int]
) -> set[tuple[int, int]]:
    """Pairs of `rows`, at least one of them `fresh`, whose MinHashes hold the same
    `BAND_ROWS` values in at least one band (the buckets an LSH would put them in) and that
    are at most `COPY_DAYS` apart or undated, as the copy rule asks: each band sorted by its
    key and then by day, pairs are read off at offsets 1, 2, ... (up to `CANDIDATES_PER_ARTICLE`)
    while any falls within the days; an undated row pairs with the `CANDIDATES_PER_ARTICLE` after it.
    Pairing every bucket's members first made an archive's recurring texts (thirty yearly
    copies of one article, a daily weather report) millions of pairs to throw away: at a
    million articles, minutes of the build and gigabytes of its memory. `hashes` holds
    each row's MinHash, in the order of `rows`."""
    if len(rows) < 2:
        return set()
    order_rows = np.asarray(rows, dtype=np.int64)
    row_days = np.fromiter((days[r] for r in rows), dtype=np.int64, count=len(rows))
    undated = row_days == UNDATED  # the least value: first in its bucket
    is_fresh = np.isin(order_rows, np.fromiter(fresh, dtype=np.int64, count=len(fresh)))
    found: list[np.ndarray] = []
    for start in range(0, NUM_PERM, BAND_ROWS):
        band = hashes[:, start : start + BAND_ROWS].astype(np.uint64)
        high = (band[:, 0] << np.uint64(32)) | band[:, 1]
        low = (band[:, 2] << np.uint64(32)) | band[:, 3]
        order = np.lexsort((row_days, low, high))
        high, low, day, none = high[order], low[order], row_days[order], undated[order]
        # Dated pairs: sorted by day within a bucket, a row too far from the k-th row after
        # it (or in another bucket) is too far from every later one, so only the rows still
        # within reach at offset k are tried at k + 1.
        reach = np.flatnonzero(~none)
        k = 1
        while reach.size and k <= CANDIDATES_PER_ARTICLE:
            reach = reach[reach + k < len(order)]
            later = reach + k
            within = (high[later] == high[reach]) & (low[later] == low[reach])
            reach = reach[within & (day[later] - day[reach] <= COPY_DAYS)]
            found.append(np.stack([order[reach], order[reach + k]], axis=1))
            k += 1
        if none.any():  # an undated row is a candidate of everything in its bucket
            starts = np.flatnonzero(np.concatenate(([True], (high[1:] != high[:-1]) | (low[1:] != low[:-1]))))
            ends = np.append(starts[1:], len(order))
            for begin, stop in zip(starts.tolist(), ends.tolist(), strict=True):
                if stop - begin > 1 and none[begin]:
                    bucket = order[begin:stop]
                    for at in np.flatnonzero(none[begin:stop]).tolist():
                        others = np.roll(bucket, -at)[1 : 1 + CANDIDATES_PER_ARTICLE]
                        found.append(np.stack([np.full(len(others), bucket[at]), others], axis=1))
    if not found:
        return set()
    pairs = np.concatenate(found)
    pairs = pairs[is_fresh[pairs[:, 0]] | is_fresh[pairs[:, 1]]]
    a, b = order_rows[pairs[:, 0]], order_rows[pairs[:, 1]]
    return set(zip(np.minimum(a, b).tolist(), np.maximum(a, b).tolist(), strict=True))


def _closest(scores: np.ndarray, lowest: float) -> np.ndarray:
    """`scores` with each row's values past its `CANDIDATES_PER_ARTICLE` highest made 0,
    in the rows where more than that many reach `lowest`."""
    crowded = np.flatnonzero(np.count_nonzero(scores >= lowest - 1e-9, axis=1) > CANDIDATES_PER_ARTICLE)
    if crowded.size:
        block = scores[crowded]
        top = np.argpartition(-block, CANDIDATES_PER_ARTICLE - 1, axis=1)[:, :CANDIDATES_PER_ARTICLE]
        kept = np.zeros_like(block)
        np.put_along_axis(kept, top, np.take_along_axis(block, top, axis=1), axis=1)
        scores[crowded] = kept
    return scores


def _dots(
    first: sparse.csr_matrix, left: np.ndarray, second: sparse.csr_matrix, right: np.ndarray
) -> np.ndarray:
    """The cosine of each pair of rows (`first[left[k]]`, `second[right[k]]`) of unit vectors."""
    return np.asarray(first[left].multiply(second[right]).sum(axis=1)).ravel()


def _packed(name: str, strings: list[str]) -> dict[str, np.ndarray]:
    """Strings as their UTF-8 bytes end to end and where each ends: a numpy string array
    pads every one to the longest (a 231-character URL made each of 60,000 take 924 bytes)."""
    encoded = [s.encode() for s in strings]
    return {
        f"{name}_utf8": np.frombuffer(b"".join(encoded), dtype=np.uint8),
        f"{name}_ends": np.cumsum([len(e) for e in encoded], dtype=np.int64),
    }


def _unpacked(data: Any, name: str) -> list[str]:
    """What `_packed` saved; a state saved before it holds a numpy string array."""
    if f"{name}_utf8" not in data:
        return [str(s) for s in data[name]]
    blob = data[f"{name}_utf8"].tobytes()
    ends = data[f"{name}_ends"].tolist()
    starts = [0, *ends[:-1]] if ends else []
    return [blob[start:end].decode() for start, end in zip(starts, ends, strict=True)]


class Stories:
    """Every live article's profile, day, outlet and links, and the story each belongs to.

    `add` a profiled article (new or changed), `remove` one that left the index; `group`
    links what was added and returns every article's story."""

    def __init__(self, folder: Path | None = None) -> None:
        self.ids: list[str] = []
        self.urls: list[str] = []
        self.sources: list[str] = []
        #: Profiles in files (`indexer.profiles`); new ones are written under `folder`.
        self.signatures = Profiles(folder)
        self.days: list[int] = []
        self._position: dict[str, int] = {}
        #: Links between articles (each pair once, smaller id first), with their strength
        #: (thousandths of word-profile cosine plus shingle containment) to order them by.
        self.links: dict[tuple[str, str], int] = {}
        #: The story each article had when last saved, to tell which stored ones changed.
        self.previous: dict[str, str] = {}
        self._fresh: list[str] = []
        #: Articles removed or replaced since the last `group`: their links go then.
        self._dropped: set[str] = set()

    def __len__(self) -> int:
        return len(self._position)

    def close(self) -> None:
        """Let go of the files holding this run's new profiles (a run that failed)."""
        self.signatures.close()

    def __contains__(self, article_id: object) -> bool:
        return article_id in self._position

    def add(self, article_id: str, url: str | None, day: int, sig: np.ndarray, source: str) -> None:
        """A new or changed article: its old links go, new ones are found by `group`."""
        self.remove([article_id])
        self._position[article_id] = len(self.ids)
        self.ids.append(article_id)
        self.urls.append(url or "")
        self.sources.append(source.casefold())
        self.signatures.append(sig)
        self.days.append(day)
        self._fresh.append(article_id)

    def remove(self, ids: Iterable[str]) -> None:
        for article_id in ids:
            if self._position.pop(article_id, None) is not None:
                self._dropped.add(article_id)

    def keep_only(self, live: set[str]) -> None:
        """Forget every article not in `live` (deleted, renamed, or no longer read)."""
        self.remove([i for i in self._position if i not in live])

    def _compact(self) -> None:
        """Drop the rows and links of removed or replaced articles."""
        if self._dropped:
            gone = self._dropped
            self.links = {
                pair: n for pair, n in self.links.items() if pair[0] not in gone and pair[1] not in gone
            }
            self._dropped = set()
        rows = sorted(self._position.values())
        self.ids = [self.ids[r] for r in rows]
        self.urls = [self.urls[r] for r in rows]
        self.sources = [self.sources[r] for r in rows]
        self.signatures = self.signatures.select(rows)
        self.days = [self.days[r] for r in rows]
        self._position = {article_id: i for i, article_id in enumerate(self.ids)}

    def group(self, apart: KeepApart | None = None) -> dict[str, str]:
        """Link the articles added since the last call to every other, then return each
        article's story id."""
        self._compact()
        if self._fresh:
            fresh = sorted(set(self._fresh) & set(self._position))
            self._link_copies(fresh)
            self._link_versions(fresh)
            self._fresh = []
        return self._components(apart)

    def _join(self, a: str, b: str, strength: float) -> None:
        self.links[(a, b) if a < b else (b, a)] = int(round(strength * 1000))

    def _link_copies(self, fresh: list[str]) -> None:
        """The copy rule: candidates are articles whose MinHashes agree on every value of one
        of the bands (LSH banding, as datasketch's `MinHashLSH` sizes it for a Jaccard of
        0.4, which a body holding 90% of a version twice its length still reaches), checked
        on the containment the signatures estimate. The check is symmetric, so a link never
        depends on which side was added first."""
        # Only articles a fresh one may link to take part: those of its days (give or take
        # `COPY_DAYS`) and the undated. A day's run then costs in proportion to its days'
        # news, not to the archive.
        fresh_rows = {self._position[a] for a in fresh}
        fresh_days = {self.days[r] for r in fresh_rows}
        near = {d + step for d in fresh_days - {UNDATED} for step in range(-COPY_DAYS, COPY_DAYS + 1)}
        reach_all = UNDATED in fresh_days
        candidates = [r for r, day in enumerate(self.days) if reach_all or day == UNDATED or day in near]
        # Each one's MinHash and shingle count, copied out of the profiles' files a slice at a
        # time and the slice's pages handed back: every profile's page is read, 1.8 GB at a
        # million articles, which would otherwise all stay counted in this process.
        heads = np.empty((len(candidates), _SHINGLE_COUNT + 1), dtype=np.uint32)
        for start in range(0, len(candidates), _HEADS_AT_ONCE):
            for i, row in enumerate(candidates[start : start + _HEADS_AT_ONCE], start):
                heads[i] = self.signatures[row][: _SHINGLE_COUNT + 1]
            self.signatures.release()
        # A body without shingles (a video page, a photo caption cut away) is nobody's copy:
        # left out, the thousand of them an archive holds do not make one bucket of a million pairs.
        shingled = np.flatnonzero(heads[:, _SHINGLE_COUNT])
        heads = heads[shingled]
        reach = [candidates[i] for i in shingled.tolist()]
        pairs = sorted(_band_pairs(reach, fresh_rows, heads[:, :NUM_PERM], self.days))
        # Checked from the copied heads, not the profiles: the pairs' profiles lie all over
        # the files, and reading them brought every page back.
        where = np.asarray(reach, dtype=np.int64)
        for start in range(0, len(pairs), _HEADS_AT_ONCE):
            chosen = np.asarray(pairs[start : start + _HEADS_AT_ONCE], dtype=np.int64)
            left, right = (
                heads[np.searchsorted(where, chosen[:, 0])],
                heads[np.searchsorted(where, chosen[:, 1])],
            )
            equal = np.count_nonzero(left[:, :NUM_PERM] == right[:, :NUM_PERM], axis=1)
            jaccards = (equal / NUM_PERM).tolist()
            sizes_a, sizes_b = left[:, _SHINGLE_COUNT].tolist(), right[:, _SHINGLE_COUNT].tolist()
            for (a, b), jaccard, size_a, size_b in zip(
                pairs[start : start + _HEADS_AT_ONCE], jaccards, sizes_a, sizes_b, strict=True
            ):
                shared = jaccard * (size_a + size_b) / (1 + jaccard)
                smaller = min(size_a, size_b)
                if shared >= COPY_CONTAINMENT * max(1, smaller) - 1e-9:
                    self._join(self.ids[a], self.ids[b], 1 + min(1.0, shared / max(1, smaller)))

    def _profiles(self, rows: list[int]) -> _Profiles:
        profiles = [self.signatures[r] for r in rows]
        outlets: dict[str, int] = {}
        bags = [p[HEADER_SIZE:] for p in profiles]
        bag = np.concatenate(bags).astype(np.int64) if bags else np.zeros(0, dtype=np.int64)
        bag_rows = np.repeat(np.arange(len(rows), dtype=np.int64), [len(b) for b in bags])
        bag_codes, bag_counts = bag & _TERM_MASK, bag >> _TERM_BITS
        firsts = np.asarray([p[_FIRST] for p in profiles], dtype=np.uint32).reshape(-1, FIRST_WORDS)
        first = _counted(firsts)
        opening = _counted(firsts[:, :OPENING_WORDS])
        lead = _counted(firsts[:, :LEAD_WORDS])
        # Codes fit 32 bits, which numpy sorts and searches faster than 64.
        vocabulary = np.union1d(bag_codes.astype(np.uint32), first[1].astype(np.uint32))
        n = len(rows)
        return _Profiles(
            {r: i for i, r in enumerate(rows)},
            _vectors(bag_rows, bag_codes, bag_counts, vocabulary, n),
            _vectors(*lead, vocabulary, n),
            _vectors(*first, vocabulary, n),
            _vectors(*opening, vocabulary, n),
            np.asarray([p[_NUMBERS] for p in profiles], dtype=np.uint32).reshape(-1, NUMBERS),
            np.asarray([outlets.setdefault(self.sources[r], len(outlets)) for r in rows], dtype=np.int64),
        )

    def _link_versions(self, fresh: list[str]) -> None:
        """The rewrite rules, among dated articles at most `NEAR_DAYS` apart: each fresh
        article's day against the articles of the days around it, by sparse products."""
        by_day: dict[int, list[int]] = {}
        for row, day in enumerate(self.days):
            if day != UNDATED:
                by_day.setdefault(day, []).append(row)
        fresh_days: dict[int, list[int]] = {}
        for article_id in fresh:
            row = self._position[article_id]
            if self.days[row] != UNDATED:
                fresh_days.setdefault(self.days[row], []).append(row)
        days = sorted(fresh_days)
        for start in range(0, len(days), DAYS_AT_ONCE):
            chosen = days[start : start + DAYS_AT_ONCE]
            self._link_days({day: fresh_days[day] for day in chosen}, by_day)

    def _link_days(self, fresh_days: dict[int, list[int]], by_day: dict[int, list[int]]) -> None:
        """`_link_versions` for some days' fresh articles, with the word profiles of only
        those days and their neighbours made into vectors."""
        near = sorted(
            {
                r
                for day in fresh_days
                for d in range(day - NEAR_DAYS, day + NEAR_DAYS + 1)
                for r in by_day.get(d, ())
            }
        )
        if not near:
            return
        found = self._profiles(near)
        self.signatures.release()  # a few days' pages read at a time, not the archive's
        lowest = min(OUTLETS_COSINE, SAME_OUTLET_COSINE)
        for day, day_rows in sorted(fresh_days.items()):
            window = [r for d in range(day - NEAR_DAYS, day + NEAR_DAYS + 1) for r in by_day.get(d, ())]
            theirs = [found.rows[r] for r in window]
            # A block of the day's articles at a time: the products are dense, and a day of
            # thousands (an import stamped with one date) would otherwise need gigabytes.
            for start in range(0, len(day_rows), _ROWS_AT_ONCE):
                rows = day_rows[start : start + _ROWS_AT_ONCE]
                self._link_window(found, rows, window, theirs, lowest)

    def _link_window(
        self, found: _Profiles, rows: list[int], window: list[int], theirs: list[int], lowest: float
    ) -> None:
        """The rewrite rules for a block of a day's articles (`rows`) against the days around
        them (`window`, at `theirs` in `found`), every close pair decided at once."""
        mine = np.asarray([found.rows[r] for r in rows], dtype=np.int64)
        their = np.asarray(theirs, dtype=np.int64)
        body = _closest((found.body[mine] @ found.body[their].T).toarray(), lowest)
        i, j = np.nonzero(body >= lowest - 1e-9)
        a, b = np.asarray(rows, dtype=np.int64)[i], np.asarray(window, dtype=np.int64)[j]
        other = a != b
        i, j, a, b = i[other], j[other], a[other], b[other]
        if not len(i):
            return
        # Leads and openings only for the pairs whose bodies are close enough.
        left, right = mine[i], their[j]
        lead = np.maximum(
            _dots(found.lead, left, found.first, right), _dots(found.first, left, found.lead, right)
        )
        opening = _dots(found.opening, left, found.opening, right)
        close = body[i, j]
        same = found.outlets[left] == found.outlets[right]
        linked = ~same & (close >= OUTLETS_COSINE - 1e-9) & (lead >= OUTLETS_LEAD - 1e-9)
        # One outlet's two versions must agree more, in their openings and their numbers.
        alike = np.flatnonzero(
            same & (close >= SAME_OUTLET_COSINE - 1e-9) & (opening >= SAME_OUTLET_LEAD - 1e-9)
        )
        shared = _numbers_shared(found.numbers[left[alike]], found.numbers[right[alike]])
        linked[alike[shared >= SAME_OUTLET_NUMBERS - 1e-9]] = True
        for x, y, strength in zip(
            a[linked].tolist(), b[linked].tolist(), close[linked].tolist(), strict=True
        ):
            self._join(self.ids[x], self.ids[y], strength)

    def _components(self, apart: KeepApart | None) -> dict[str, str]:
        """Join linked articles strongest link first (ties by ids), two groups only when
        every article of one is linked to every article of the other: a chain of links
        (Monday's report like Tuesday's, Tuesday's like Wednesday's) makes no story. A join
        that would put two articles the keeper holds apart together is passed over."""
        parent = {article_id: article_id for article_id in self.ids}

        def find(x: str) -> str:
            while parent[x] != x:
                parent[x] = parent[parent[x]]
                x = parent[x]
            return x

        linked: dict[str, set[str]] = {}
        for a, b in self.links:
            linked.setdefault(a, set()).add(b)
            linked.setdefault(b, set()).add(a)
        held = self._held_apart(apart) if apart else {}
        members: dict[str, list[str]] = {}
        for (a, b), _ in sorted(self.links.items(), key=lambda item: (-item[1], item[0])):
            ra, rb = find(a), find(b)
            if ra == rb:
                continue
            group_a, group_b = members.get(ra, [ra]), members.get(rb, [rb])
            if any(y not in linked.get(x, ()) or y in held.get(x, ()) for x in group_a for y in group_b):
                continue
            members[ra] = group_a + group_b
            members.pop(rb, None)
            parent[rb] = ra
        first: dict[str, tuple[int, str]] = {}
        for article_id, day in zip(self.ids, self.days, strict=True):
            key = (day if day != UNDATED else 2**31, article_id)
            root = find(article_id)
            if root not in first or key < first[root]:
                first[root] = key
        return {article_id: first[find(article_id)][1] for article_id in self.ids}

    def _held_apart(self, apart: KeepApart) -> dict[str, set[str]]:
        """The articles each article must not share a story with, by the keeper's file."""
        named = [names(article_id, url or None) for article_id, url in zip(self.ids, self.urls, strict=True)]
        held: dict[str, set[str]] = {}
        for first_forms, second_forms in apart.pairs():
            ones = [self.ids[i] for i, n in enumerate(named) if n & first_forms]
            others = [self.ids[i] for i, n in enumerate(named) if n & second_forms]
            for one in ones:
                for other in others:
                    if one != other:
                        held.setdefault(one, set()).add(other)
                        held.setdefault(other, set()).add(one)
        return held

    # -- kept beside each generation ----------------------------------------------------

    def save(self, state_dir: Path, generation: str, stories: dict[str, str], keep: set[str]) -> None:
        """Write the state after a run atomically (the profiles first, to their own file,
        which the next run maps instead of reading, and which is the previous file again when
        no profile changed); drop that of generations not in `keep`."""
        self._compact()
        folder = state_dir / STORIES_DIR
        folder.mkdir(parents=True, exist_ok=True)
        index = self._position
        pairs = sorted(self.links.items())
        profiles_tmp = folder / f".{generation}.{os.getpid()}{PROFILES_SUFFIX}"
        values = self.signatures.save_as(profiles_tmp)
        os.replace(profiles_tmp, folder / f"{generation}{PROFILES_SUFFIX}")
        tmp = folder / f".{generation}.{os.getpid()}.npz"
        arrays: dict[str, np.ndarray] = {
            **_packed("ids", self.ids),
            **_packed("urls", self.urls),
            **_packed("sources", self.sources),
            **_packed("stories", [stories.get(i, i) for i in self.ids]),
            "days": np.asarray(self.days, dtype=np.int64),
            "profile_values": np.asarray(values, dtype=np.int64),
            "sizes": self.signatures.sizes(),
            "links": np.asarray([(index[a], index[b], n) for (a, b), n in pairs], dtype=np.int64).reshape(
                -1, 3
            ),
        }
        with tmp.open("wb") as out:
            np.savez(out, allow_pickle=False, **arrays)
        os.replace(tmp, folder / f"{generation}.npz")
        for old in [*folder.glob("*.npz"), *folder.glob(f"*{PROFILES_SUFFIX}")]:
            if old.stem not in keep | {generation}:
                old.unlink(missing_ok=True)

    @classmethod
    def load(cls, state_dir: Path, generation: str | None) -> Stories:
        """The state saved with `generation`; empty when there is none (every article read
        this run is then profiled and linked, as in a full rebuild). A state saved by an
        older release (another profile) keeps only the stories, so that only the articles
        whose story changes are written again."""
        folder = state_dir / STORIES_DIR
        found = cls(folder)
        if not generation:
            return found
        try:
            with np.load(folder / f"{generation}.npz", allow_pickle=False) as data:
                ids = _unpacked(data, "ids")
                found.previous = dict(zip(ids, _unpacked(data, "stories"), strict=True))
                if "profile_values" in data:
                    saved = folder / f"{generation}{PROFILES_SUFFIX}"
                    found.signatures = Profiles.load(saved, data["sizes"], folder)
                elif "profiles" in data:  # saved inside the state, before profiles had a file
                    found.signatures = Profiles.in_memory(data["profiles"], data["sizes"], folder)
                else:  # signatures of an older release
                    return found
                found.ids = ids
                found.urls = _unpacked(data, "urls")
                found.sources = _unpacked(data, "sources")
                found.days = [int(d) for d in data["days"]]
                found.links = {
                    (ids[a], ids[b]) if ids[a] < ids[b] else (ids[b], ids[a]): int(n)
                    for a, b, n in data["links"].tolist()
                }
        except (OSError, KeyError, ValueError):
            return cls(folder)
        found._position = {article_id: i for i, article_id in enumerate(found.ids)}
        return found
