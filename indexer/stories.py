"""Stories, not copies: articles whose texts overlap enough are versions of one story.

A wire copy republished by two papers, a web story and its print edition, an update under
a new URL: each is its own article, and all of them one story. Every article gets a
MinHash signature of the word shingles of its normalised body (`signature`, computed in
the worker that extracted it); locality-sensitive hashing (datasketch's `MinHashLSH`)
finds the articles whose signatures may agree on `THRESHOLD` of their values, and two
articles dated at most `DAYS_APART` apart whose signatures do are linked. A story is a
group of linked articles, named after its first article (earliest date, then smallest id).

The signatures, dates and links are kept beside each generation (`stories/<generation>`),
so an incremental run signs only the articles it reads and links only those; the groups
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
from collections.abc import Iterable
from pathlib import Path

import numpy as np
from datasketch import LeanMinHash, MinHash, MinHashLSH

from indexer.duplicates import KeepApart, names
from search.models import Article

STORIES_DIR = "stories"
STORIES_APART_FILE = "stories-apart.txt"
#: Words per shingle, and the share of shingles (Jaccard, as the signatures estimate it)
#: two versions of a story have in common at least: chosen on the `tune` pairs of
#: benchmarks/stories (docs/stories.md gives the figures).
SHINGLE_WORDS = 3
THRESHOLD = 0.4
#: How many of the body's first words are compared: every word of all but the longest
#: bodies (on the tune pairs whole bodies grouped better than leads of 60 or 150 words);
#: the cap bounds what one article costs.
LEAD_WORDS = 10_000
#: Versions are looked for among articles published this many days apart: the same day.
#: Allowing a day (print editions) chained daily templated reports on the tune pairs.
DAYS_APART = 0
#: Values per signature: the estimate's standard error at J = 0.5 is 0.06.
NUM_PERM = 64
_SEED = 1
#: Day number of an undated article: it joins a story whatever the other's date.
UNDATED = -(2**31)

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
        found = zlib.crc32(word.encode())
        if len(_CODES) < _MAX_CODES:
            _CODES[word] = found
    return found


def shingles(body: str, size: int = SHINGLE_WORDS, lead: int = LEAD_WORDS) -> np.ndarray:
    """A 32-bit value for each run of `size` consecutive words of the body (repeats
    included: a MinHash takes each value's minimum, so a repeat changes nothing). Mixing
    word codes with numpy costs a tenth of joining and hashing each shingle's text."""
    found = words(body)[:lead]
    codes = np.fromiter(map(_code, found), dtype=np.uint64, count=len(found))
    if len(codes) <= size:
        size = max(1, len(codes))
    mixed = np.zeros(len(codes) - size + 1, dtype=np.uint64)
    for offset in range(size):
        mixed = mixed * np.uint64(_MIX[offset % len(_MIX)]) + codes[offset : offset + len(mixed)]
    return (mixed ^ (mixed >> np.uint64(29))) & np.uint64(0xFFFFFFFF)


def _as_is(value: int) -> int:
    """The shingle values are hashes already."""
    return value


#: datasketch's hashing scheme: 32-bit values, and the signatures saved must stay in it.
_SCHEME = "affine32"
#: The permutations every signature uses, drawn once per process rather than once per article.
_PERMUTATIONS = MinHash(num_perm=NUM_PERM, seed=_SEED, scheme=_SCHEME).permutations


def _lean(sig: np.ndarray) -> LeanMinHash:
    return LeanMinHash(seed=_SEED, hashvalues=sig, scheme=_SCHEME)


def signature(body: str, size: int = SHINGLE_WORDS, lead: int = LEAD_WORDS) -> np.ndarray:
    """The body's MinHash signature (`NUM_PERM` unsigned 32-bit values)."""
    minhash = MinHash(
        num_perm=NUM_PERM, seed=_SEED, hashfunc=_as_is, permutations=_PERMUTATIONS, scheme=_SCHEME
    )
    minhash.update_batch(shingles(body, size, lead).tolist())
    values: np.ndarray = minhash.hashvalues.astype(np.uint32)
    return values


def day_of(article: Article) -> int:
    return article.date.toordinal() if article.date else UNDATED


class Stories:
    """Every live article's signature, day and links, and the story each belongs to.

    `add` a signed article (new or changed), `remove` one that left the index; `group`
    links what was added and returns every article's story."""

    def __init__(self, threshold: float = THRESHOLD, days_apart: int = DAYS_APART) -> None:
        self.threshold = threshold
        self.days_apart = days_apart
        self.ids: list[str] = []
        self.urls: list[str] = []
        self.signatures: list[np.ndarray] = []
        self.days: list[int] = []
        self._position: dict[str, int] = {}
        #: Links between articles (each pair once, smaller id first), with the number of
        #: signature values they share.
        self.links: dict[tuple[str, str], int] = {}
        #: The story each article had when last saved, to tell which stored ones changed.
        self.previous: dict[str, str] = {}
        self._fresh: list[str] = []
        #: Articles removed or replaced since the last `group`: their links go then.
        self._dropped: set[str] = set()

    def __len__(self) -> int:
        return len(self._position)

    def __contains__(self, article_id: object) -> bool:
        return article_id in self._position

    def add(self, article_id: str, url: str | None, day: int, sig: np.ndarray) -> None:
        """A new or changed article: its old links go, new ones are found by `group`."""
        self.remove([article_id])
        self._position[article_id] = len(self.ids)
        self.ids.append(article_id)
        self.urls.append(url or "")
        self.signatures.append(np.asarray(sig, dtype=np.uint32))
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
        self.signatures = [self.signatures[r] for r in rows]
        self.days = [self.days[r] for r in rows]
        self._position = {article_id: i for i, article_id in enumerate(self.ids)}

    def group(self, apart: KeepApart | None = None) -> dict[str, str]:
        """Link the articles added since the last call to every other, then return each
        article's story id."""
        self._compact()
        if self._fresh:
            self._link(self._fresh)
            self._fresh = []
        return self._components(apart)

    def _link(self, fresh: list[str]) -> None:
        # The LSH's bands are sized for the threshold; candidates are then checked on the
        # whole signature and the dates, so a link never depends on which side was added first.
        # Only articles a fresh one may link to go into the LSH: those of its days (give or
        # take `days_apart`) and the undated. A day's run then costs in proportion to its days'
        # news, not to the archive.
        fresh_days = {self.days[self._position[a]] for a in fresh if a in self._position}
        near = {
            d + step for d in fresh_days - {UNDATED} for step in range(-self.days_apart, self.days_apart + 1)
        }
        reach_all = UNDATED in fresh_days
        lsh = MinHashLSH(threshold=self.threshold, num_perm=NUM_PERM)
        with lsh.insertion_session() as session:
            for article_id, sig, day in zip(self.ids, self.signatures, self.days, strict=True):
                if reach_all or day == UNDATED or day in near:
                    session.insert(article_id, _lean(sig), check_duplication=False)
        need = int(np.ceil(self.threshold * NUM_PERM - 1e-9))
        for article_id in sorted(set(fresh) & set(self._position)):
            row = self._position[article_id]
            sig, day = self.signatures[row], self.days[row]
            for other in lsh.query(_lean(sig)):
                if other == article_id:
                    continue
                o = self._position[other]
                if day != UNDATED and self.days[o] != UNDATED and abs(day - self.days[o]) > self.days_apart:
                    continue
                shared = int(np.count_nonzero(sig == self.signatures[o]))
                if shared >= need:
                    self.links[(article_id, other) if article_id < other else (other, article_id)] = shared

    def _components(self, apart: KeepApart | None) -> dict[str, str]:
        """Union the links strongest first (ties by ids); a link that would join two
        articles the keeper holds apart is passed over."""
        parent = {article_id: article_id for article_id in self.ids}

        def find(x: str) -> str:
            while parent[x] != x:
                parent[x] = parent[parent[x]]
                x = parent[x]
            return x

        held = self._held_apart(apart) if apart else {}
        members: dict[str, set[str]] = {}
        for (a, b), _ in sorted(self.links.items(), key=lambda item: (-item[1], item[0])):
            ra, rb = find(a), find(b)
            if ra == rb:
                continue
            if held:
                group_a = members.get(ra, {ra})
                group_b = members.get(rb, {rb})
                if any(find(other) == rb for x in group_a for other in held.get(x, ())):
                    continue
                members[ra] = group_a | group_b
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
        """Write the state after a run atomically; drop that of generations not in `keep`."""
        self._compact()
        folder = state_dir / STORIES_DIR
        folder.mkdir(parents=True, exist_ok=True)
        index = self._position
        pairs = sorted(self.links.items())
        tmp = folder / f".{generation}.{os.getpid()}.npz"
        with tmp.open("wb") as out:
            np.savez(
                out,
                ids=np.asarray(self.ids, dtype=str),
                urls=np.asarray(self.urls, dtype=str),
                stories=np.asarray([stories.get(i, i) for i in self.ids], dtype=str),
                days=np.asarray(self.days, dtype=np.int64),
                signatures=np.asarray(self.signatures, dtype=np.uint32).reshape(len(self.ids), NUM_PERM),
                links=np.asarray([(index[a], index[b], n) for (a, b), n in pairs], dtype=np.int64).reshape(
                    -1, 3
                ),
            )
        os.replace(tmp, folder / f"{generation}.npz")
        for old in folder.glob("*.npz"):
            if old.stem not in keep | {generation}:
                old.unlink(missing_ok=True)

    @classmethod
    def load(cls, state_dir: Path, generation: str | None, threshold: float = THRESHOLD) -> Stories:
        """The state saved with `generation`; empty when there is none (every article read
        this run is then signed and linked, as in a full rebuild)."""
        found = cls(threshold)
        if not generation:
            return found
        try:
            with np.load(state_dir / STORIES_DIR / f"{generation}.npz", allow_pickle=False) as data:
                ids = [str(i) for i in data["ids"]]
                found.ids = ids
                found.urls = [str(u) for u in data["urls"]]
                found.days = [int(d) for d in data["days"]]
                found.signatures = list(data["signatures"])
                found.previous = dict(zip(ids, (str(s) for s in data["stories"]), strict=True))
                found.links = {
                    (ids[a], ids[b]) if ids[a] < ids[b] else (ids[b], ids[a]): int(n)
                    for a, b, n in data["links"].tolist()
                }
        except (OSError, KeyError, ValueError):
            return cls(threshold)
        found._position = {article_id: i for i, article_id in enumerate(found.ids)}
        return found
