"""The query tree evaluated as whole-index numpy arrays: a match mask and a score per node.

Whoosh's matchers advance one document at a time in Python, and its phrase queries read
positions for every candidate; at tens of thousands of matches that is the difference
between milliseconds and a second. Here each term's posting list is decoded once into
arrays and every operator is a vectorised step over the document space.

Ranking is BM25F: a word's frequency in the headline and the body is length-normalised
per field, weighted (headline higher) and summed before saturation. Adjacent words of the
query that also stand next to each other in the article (a `pairs` term) add a proximity
bonus; a quoted phrase requires its pairs and scores them.

A plan given a deadline stops adding work once it passes: the children of a conjunction
or disjunction not yet evaluated, and the expansions of a `*` or `~` word not yet read,
are left out, and `timed_out` says so.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Callable, Hashable, Mapping
from dataclasses import dataclass
from typing import Protocol

import numpy as np

from search import ranking
from search.analysis import fold
from search.budget import Deadline
from search.models import DAY_SLACK, Explanation, Period, ScorePart, Sort
from search.query import TEXT, And, DateRange, Maybe, Node, Not, Or, Phrase, Soft, Term, Weighted
from search.whoosh.columns import NO_DAY, day_number
from search.whoosh.schema import WORD_FIELDS, terms, words
from search.whoosh.vocabulary import Vocabulary

K1 = 1.2
#: field -> (weight, length normalisation b) for plain words.
TEXT_FIELDS: dict[str, tuple[float, float]] = {"title": (2.5, 0.5), "body": (1.0, 0.75)}
#: Weight of a matching pair of adjacent query words (proximity), relative to one word.
PAIR_WEIGHT = 0.6
#: Bonus for holding all of the query's words in the lead (headline and first words), scaled
#: by the share held. News stories say what they are about up front; on the known-item
#: queries' tuning third this took MRR@10 from 0.81 to 0.86 (docs/search.md).
LEAD_WEIGHT = 16.0
#: How steeply a soft query's score falls with the share of its words (weighted by their
#: IDF) that an article lacks: the score is multiplied by that share to this power.
COORDINATION = 3.0
#: Another spelling of a name the query typed ("gillani" for "gilani", `search.transliteration`)
#: scores at this share of the word itself where the article lacks the typed spelling.
SPELLING_WEIGHT = 0.8
#: Added to the score of an article from the time the query's words named ("march 2024").
DATE_WEIGHT = 8.0
#: Most index terms a trailing `*` or a `~` may stand for.
MAX_EXPANSION = 64
_NO_DOCS = np.zeros(0, dtype=np.int64)
#: Two posting lists holding more than this fraction of the archive together are merged
#: through a mask of every document rather than by binary search (`_union`; measured at a
#: million articles, the two cross near 110,000 postings).
MERGE_SHARE = 8


class DocumentColumns(Protocol):
    """The per-document arrays a plan reads (`search.whoosh.columns.Columns`)."""

    live: np.ndarray
    days: np.ndarray
    lengths: dict[str, np.ndarray]
    avg_length: dict[str, float]


class Documents(Protocol):
    """What a plan evaluates a query against: a whole generation (`Snapshot`), or a few
    articles ranked with the archive's statistics (`search.sphinx.rescoring.Candidates`)."""

    size: int
    live_count: int

    @property
    def columns(self) -> DocumentColumns: ...

    def postings(self, field: str, term: str) -> tuple[np.ndarray, np.ndarray]: ...

    def pair_postings(self, field: str, first: str, second: str) -> tuple[np.ndarray, np.ndarray]:
        """The postings of two terms in a row in a `pairs` field."""
        ...

    def month_days(self) -> np.ndarray: ...

    def expand(self, field: str, prefix: str, limit: int) -> list[str]: ...

    def has(self, field: str, term: str) -> bool: ...

    def expansion(self, key: tuple[str, str, bool], compute: Callable[[], list[str]]) -> list[str]: ...

    def frequency(self, key: Hashable, counted: int) -> int:
        """How many articles of the archive a term, a word pair or a query node (`key`)
        matches, where `counted` is how many of these documents do."""
        ...


#: The last part of every relevance explanation: equal scores go to the newest article.
TIE_BREAK = "freshness: breaks ties only, newest first"
FULL_NOTE = "Holds every word: listed before the articles that hold only most of them."
PARTIAL_NOTE = "Holds most of the words: listed after the few articles that hold them all."


#: A score split into named parts (each an array over all documents), when explaining.
Parts = list[tuple[str, np.ndarray]]


@dataclass(slots=True)
class Match:
    """Which documents match a node and how well; `score` None means "matches, unscored".
    `parts`, kept only by a plan that explains, add up to `score` wherever it counts."""

    mask: np.ndarray
    score: np.ndarray | None = None
    parts: Parts | None = None
    #: The mask's document numbers, ascending, where they came cheaply (a word's postings):
    #: a pass over every document costs about a millisecond at a million articles.
    docs: np.ndarray | None = None


class Plan:
    """Evaluates query trees against one snapshot. `vocabulary(seconds)` gives the snapshot's
    word list, where `~` words find their neighbours: waiting at most `seconds` for its first
    build (None when it is not ready by then), or as long as it takes when `seconds` is None."""

    def __init__(
        self,
        snapshot: Documents,
        vocabulary: Callable[[float | None], Vocabulary | None],
        deadline: Deadline | None = None,
        *,
        explain: bool = False,
        spellings: Mapping[str, tuple[str, ...]] | None = None,
    ) -> None:
        self.snap = snapshot
        #: Name word -> the archive's other spellings of it (`search.transliteration`).
        self.spellings = spellings
        #: Whether every score is also kept split into parts (`Match.parts`).
        self.explain = explain
        self.vocabulary = vocabulary
        self.deadline = deadline
        self.timed_out = False
        self.size = snapshot.size
        self.live = snapshot.columns.live
        self.total = max(1, snapshot.live_count)
        #: Documents holding every word of each `Soft` node run (None when there was none).
        self.complete: np.ndarray | None = None

    def late(self) -> bool:
        """Whether the deadline has passed; remembered in `timed_out`."""
        if self.deadline is not None and not self.timed_out and self.deadline.passed():
            self.timed_out = True
        return self.timed_out

    def run(self, node: Node) -> Match | None:
        """The node's matches among live documents; None when nothing in it is searchable
        or the deadline passed before it was begun."""
        if self.late():
            return None
        found = self._eval(node)
        if found is None:
            return None
        lead = self._lead(node)
        parts = self._also(found.parts, "lead: the words in the headline and first lines", lead)
        # In place unless explaining: the score is this plan's own, its arrays then parts too.
        return Match(found.mask & self.live, _add(found.score, lead, into=not self.explain), parts)

    def _also(self, parts: Parts | None, label: str, score: np.ndarray | None) -> Parts | None:
        """`parts` and one more, when explaining."""
        if not self.explain or score is None:
            return parts
        return [*(parts or []), (label, score)]

    def _lead(self, node: Node) -> np.ndarray | None:
        """The share of the query's words that the lead holds, times `LEAD_WEIGHT`."""
        wanted = list(dict.fromkeys(_plain_terms(node)))
        if not wanted or not ranking.enabled("lead"):
            return None
        held = np.zeros(self.size, dtype=np.float32)
        for term in wanted:
            ids, _ = self.snap.postings("lead", term)
            held[ids] = np.take(held, ids) + np.float32(1.0)  # a term's documents are distinct
        held *= np.float32(LEAD_WEIGHT / len(wanted))
        return held

    def preferring(
        self, period: Period, score: np.ndarray, parts: Parts | None
    ) -> tuple[np.ndarray, Parts | None]:
        """`score` (and its `parts`, when explaining) with the preference for `period` added."""
        boost = self.preference(period)
        named = None if parts is None else [*parts, (f"date preference: {period.label}", boost)]
        return score + boost, named

    def preference(self, period: Period) -> np.ndarray:
        """`DATE_WEIGHT` for each article from `period`, 0 for the rest (and undated ones)."""
        days = self.snap.columns.days
        dated = days != NO_DAY
        if period.start is not None and period.end is not None:
            inside = dated & (days >= day_number(period.start)) & (days <= day_number(period.end))
        else:
            month_days = self.snap.month_days()
            inside = dated & (month_days // 100 == period.month)
            if period.day is not None:
                late = month_days % 100 - period.day
                inside &= (late >= 0) & (late <= DAY_SLACK)
        boost: np.ndarray = inside.astype(np.float32) * np.float32(DATE_WEIGHT)
        return boost

    def related(self, key_terms: list[str]) -> Match | None:
        """Documents sharing an article's key terms, scored like an OR query of them."""
        if not key_terms:
            return None
        mask = np.zeros(self.size, dtype=bool)
        score = np.zeros(self.size, dtype=np.float32)
        for term in key_terms:
            found = self._bm25f(term, tuple(TEXT_FIELDS))
            mask |= found.mask
            if found.score is not None:
                score += found.score
        return Match(mask & self.live, score)

    # -- nodes --------------------------------------------------------------------------

    def _eval(self, node: Node) -> Match | None:
        if isinstance(node, Term):
            return self._term(node)
        if isinstance(node, Phrase):
            return self._phrase(node.words, node.field)
        if isinstance(node, DateRange):
            return Match(self._dates(node))
        if isinstance(node, Not):
            inner = self._eval(node.child)
            return None if inner is None else Match(self.live & ~inner.mask)
        if isinstance(node, And):
            return self._and(node.children)
        if isinstance(node, Or):
            return self._or(node.children)
        if isinstance(node, Soft):
            return self._soft(node)
        if isinstance(node, Maybe):  # everything matches; where the child does, it scores
            inner = self._eval(node.child)
            return None if inner is None else Match(self.live, inner.score, inner.parts)
        if isinstance(node, Weighted):
            inner = self._eval(node.child)
            if inner is None or inner.score is None:
                return inner
            weight = np.float32(node.weight)
            parts = None if inner.parts is None else [(name, value * weight) for name, value in inner.parts]
            return Match(inner.mask, inner.score * weight, parts)
        raise TypeError(f"not a query node: {node!r}")

    def _and(self, children: tuple[Node, ...]) -> Match | None:
        mask: np.ndarray | None = None
        score: np.ndarray | None = None
        parts: Parts | None = None
        for child in children:
            if self.late():
                break
            if isinstance(child, Not):
                inner = self._eval(child.child)
                if inner is not None:
                    mask = (self.live if mask is None else mask) & ~inner.mask
                continue
            found = self._eval(child)
            if found is None:
                continue
            mask = found.mask if mask is None else mask & found.mask
            score = _add(score, found.score)
            parts = _join(parts, found.parts)
        if mask is None:
            return None
        near, near_parts = self._proximity(children)
        return Match(mask, _add(score, near), _join(parts, near_parts))

    def _or(self, children: tuple[Node, ...]) -> Match | None:
        mask: np.ndarray | None = None
        score: np.ndarray | None = None
        parts: Parts | None = None
        for child in children:
            if self.late():
                break
            found = self._eval(child)
            if found is None:
                continue
            mask = found.mask.copy() if mask is None else mask | found.mask
            score = _add(score, found.score)
            parts = _join(parts, found.parts)
        return None if mask is None else Match(mask, score, parts)

    def _soft(self, node: Soft) -> Match | None:
        """At least `quorum` children; the sum of their scores times the coordination factor,
        (the IDF-weighted share of the children held) ** `COORDINATION`, plus proximity."""
        held = Holdings(self.size, len(node.children))
        score: np.ndarray | None = None
        parts: Parts | None = None
        for child in node.children:
            if self.late():
                break
            found = self._eval(child)
            if found is None:
                continue
            parts = _join(parts, found.parts)
            if isinstance(child, Maybe):
                score = _add(score, found.score)
                continue
            counted = len(found.docs) if found.docs is not None else int(np.count_nonzero(found.mask))
            df = self.snap.frequency(("node", child), counted)
            held.add(found.mask, math.log(1.0 + (self.total - df + 0.5) / (df + 0.5)))
            # Summed in place unless explaining, when the children's arrays are also parts.
            score = _add(score, found.score, into=not self.explain)
        if not held.weights:
            return None
        mask = held.count() >= node.quorum
        every = held.count() == len(node.children)
        self.complete = every if self.complete is None else self.complete & every
        if score is not None:
            factor = held.coordination()
            if self.explain:
                parts = self._also(parts, "coordination: share of the words held", score * (factor - 1.0))
                score = score * factor
            else:
                score *= factor
        near, near_parts = self._proximity(node.children)
        return Match(mask, _add(score, near, into=not self.explain), _join(parts, near_parts))

    def _term(self, node: Term) -> Match | None:
        if node.prefix or node.fuzzy:
            return self._expanded(node)
        if node.field in WORD_FIELDS:
            return self._words(WORD_FIELDS[node.field], words(node.text))
        found = terms(node.text)
        if not found:
            return None
        if len(found) > 1:  # "al-qaeda", "9/11": the parts in order
            return self._phrase(tuple(found), node.field, analysed=True)
        fields = ("title",) if node.field == "title" else tuple(TEXT_FIELDS)
        match = self._bm25f(found[0], fields, shown=node.text)
        if node.field == TEXT and self.spellings is not None and ranking.enabled("spellings"):
            match = self._other_spellings(node.text, found[0], match)
        return match

    def _other_spellings(self, word: str, term: str, found: Match) -> Match:
        """A name or'ed with the archive's other spellings of it, which score (at
        `SPELLING_WEIGHT`) only where the spelling typed is missing."""
        assert self.spellings is not None
        mask, score, parts, docs = found.mask, found.score, found.parts, found.docs
        for other_word in self.spellings.get(fold(word), ()):
            other_terms = terms(other_word)
            if len(other_terms) != 1 or other_terms[0] == term or score is None:
                continue
            other = self._bm25f(other_terms[0], tuple(TEXT_FIELDS))
            if other.score is None:
                continue
            instead = other.mask & ~mask
            stand_in = np.where(instead, other.score * np.float32(SPELLING_WEIGHT), np.float32(0.0))
            mask = mask | other.mask
            score = score + stand_in
            parts = self._also(parts, f"spelling: {other_word} for {word}", stand_in)
            docs = None if docs is None or other.docs is None else _union(docs, other.docs, self.size)
        return Match(mask, score, parts, docs)

    def _phrase(self, raw: tuple[str, ...], field: str, analysed: bool = False) -> Match | None:
        if field in WORD_FIELDS:
            return self._words(WORD_FIELDS[field], [w for part in raw for w in words(part)])
        seq = list(raw) if analysed else [t for part in raw for t in terms(part)]
        if not seq:
            return None
        fields = ("title",) if field == "title" else tuple(TEXT_FIELDS)
        found = [self._bm25f(t, fields) for t in seq]
        mask = found[0].mask.copy()
        score = found[0].score
        parts = found[0].parts
        for part in found[1:]:
            mask &= part.mask
            score = _add(score, part.score)
            parts = _join(parts, part.parts)
        pair_field = "title_pairs" if field == "title" else "pairs"
        for a, b in itertools.pairwise(seq):
            ids, freqs = self.snap.pair_postings(pair_field, a, b)
            pair_mask = np.zeros(self.size, dtype=bool)
            pair_mask[ids] = True
            mask &= pair_mask
            if pair_field == "pairs":
                values = self._pair_score((a, b), ids, freqs)
                pair = None if values is None else self._spread(ids, values)
                score = _add(score, pair)
                parts = self._also(parts, f"phrase: {a} {b}", pair)
        return Match(mask, score, parts)

    def _words(self, field: str, seq: list[str]) -> Match | None:
        """Names and labels: every word present, unscored."""
        if not seq:
            return None
        mask = np.ones(self.size, dtype=bool)
        for word in seq:
            ids, _ = self.snap.postings(field, word)
            present = np.zeros(self.size, dtype=bool)
            present[ids] = True
            mask &= present
        return Match(mask)

    def _expanded(self, node: Term) -> Match | None:
        folded = words(node.text)
        if not folded:
            return None
        word = "".join(folded)
        if node.field in WORD_FIELDS:
            field = WORD_FIELDS[node.field]
            options = self._options(field, word, node.prefix)
            return self._or_masks(options, lambda o: self._words(field, [o]))
        fields = ("title",) if node.field == "title" else tuple(TEXT_FIELDS)
        options = self._options(fields[-1], word, node.prefix)
        found = self._or_masks(options, lambda o: self._bm25f(o, fields))
        # Each article scores its best expansion: one part for the word as typed.
        found.parts = self._also(
            None, f"{'|'.join(fields)}: {word}{'*' if node.prefix else '~'}", found.score
        )
        return found

    def _options(self, field: str, word: str, prefix: bool) -> list[str]:
        """The index terms a `*` or `~` word stands for, most frequent first; none for a `~`
        word when the vocabulary is not ready before the deadline."""
        if prefix:
            return self.snap.expansion(
                (field, word, True), lambda: self.snap.expand(field, word, MAX_EXPANSION)
            )
        vocabulary = self.vocabulary(None if self.deadline is None else self.deadline.remaining())
        if vocabulary is None:
            self.timed_out = True
            return []
        return self.snap.expansion((field, word, False), lambda: self._similar(vocabulary, field, word))

    def _similar(self, vocabulary: Vocabulary, field: str, word: str) -> list[str]:
        """The word and the archive's words within an edit or two of it, as terms of `field`.

        Looked up in the snapshot's vocabulary (milliseconds) rather than by walking the
        term table (Whoosh's `terms_within`, a tenth of a second a word at 60k articles).
        Words of more than four letters keep their first two, as they always have."""
        keep = word[:1] if len(word) <= 4 else word[:2]
        close = [w for w in vocabulary.similar(word, MAX_EXPANSION) if w.startswith(keep)]
        if field in TEXT_FIELDS:
            found = [t for w in [word, *close] for t in terms(w)[:1]]
        else:
            found = [w for w in [word, *close] if self.snap.has(field, w)]
        return list(dict.fromkeys(found))[:MAX_EXPANSION]

    def _or_masks(self, options: list[str], evaluate: Callable[[str], Match | None]) -> Match:
        """Documents matching any option, each scored by its best option."""
        mask = np.zeros(self.size, dtype=bool)
        score: np.ndarray | None = None
        for option in options:
            if self.late():
                break
            part = evaluate(option)
            if part is None:
                continue
            mask |= part.mask
            if part.score is not None:
                score = part.score if score is None else np.maximum(score, part.score)
        return Match(mask, score)

    def _dates(self, node: DateRange) -> np.ndarray:
        days = self.snap.columns.days
        mask: np.ndarray = days != NO_DAY
        if node.start:
            mask &= days >= day_number(node.start)
        if node.end:
            mask &= days <= day_number(node.end)
        return mask

    # -- scoring ------------------------------------------------------------------------

    def _bm25f(self, term: str, fields: tuple[str, ...], shown: str | None = None) -> Match:
        """One stemmed term across fields: BM25F (weighted, length-normalised sum, then saturation).
        An explanation names it `shown` (the word as typed) when given, else by its stem.

        Computed over the documents in the term's postings only, then spread over the
        archive: at a million articles a pass over every document costs about a millisecond,
        and the old whole-archive arithmetic made five of them a word. The values are the
        same, float32 operation for operation."""
        cols = self.snap.columns
        per_field: list[tuple[str, np.ndarray, np.ndarray]] = []
        for field in fields:
            ids, freqs = self.snap.postings(field, term)
            if not len(ids):
                continue
            weight, b = TEXT_FIELDS[field]
            # 1 - b + b * length / average, and weight * freqs / norm: the same float32 steps
            # done in place, two arrays where there were six. `take` is faster than `[ids]`,
            # and its "wrap" mode checks no bounds: the scatters to `score` below do.
            norm = np.take(cols.lengths[field], ids, mode="wrap")
            norm *= b
            norm /= cols.avg_length[field]
            norm += 1.0 - b
            field_tf = np.multiply(freqs, weight)
            field_tf /= norm
            per_field.append((field, ids, field_tf))
        # The word's score is gathered in `score` itself: each field's share scattered
        # there, then saturated at the fields' documents (a sorted merge of their postings,
        # or the match's mask read back when they are many).
        score = np.zeros(self.size, dtype=np.float32)
        mask = np.zeros(self.size, dtype=bool)
        docs = _NO_DOCS
        for _, ids, field_tf in per_field:
            if len(docs):  # a field's documents are distinct: no add.at needed
                score[ids] = np.take(score, ids, mode="wrap") + field_tf
            else:
                score[ids] = field_tf
            mask[ids] = True
            docs = _union(docs, ids, self.size, mask)
        df = self.snap.frequency(("term", fields, term), len(docs))
        idf = math.log(1.0 + (self.total - df + 0.5) / (df + 0.5))
        tf = np.take(score, docs, mode="wrap")
        score[docs] = (idf * (K1 + 1.0)) * tf / (K1 + tf)
        if not self.explain:
            return Match(mask, score, docs=docs)
        # BM25F saturates the fields' sum: each field gets its share of the word's score.
        summed = np.zeros(self.size, dtype=np.float32)
        summed[docs] = tf
        parts: Parts = []
        for field, ids, field_tf in per_field:
            share = np.zeros(self.size, dtype=np.float32)
            share[ids] = score[ids] * field_tf / summed[ids]
            parts.append((f"{field}: {shown or term}", share))
        return Match(mask, score, parts, docs)

    def _pair_score(self, pair: tuple[str, str], ids: np.ndarray, freqs: np.ndarray) -> np.ndarray | None:
        """A pair's score at its documents `ids`; None when it has none."""
        if not len(ids):
            return None
        cols = self.snap.columns
        df = self.snap.frequency(("pair", *pair), len(ids))
        idf = math.log(1.0 + (self.total - df + 0.5) / (df + 0.5))
        tf = freqs / (0.25 + 0.75 * cols.lengths["pairs"][ids] / cols.avg_length["pairs"])
        score: np.ndarray = (PAIR_WEIGHT * idf * (K1 + 1.0) * tf / (K1 + tf)).astype(np.float32, copy=False)
        return score

    def _spread(self, ids: np.ndarray, values: np.ndarray) -> np.ndarray:
        """`values` at documents `ids`, zero at every other."""
        score = np.zeros(self.size, dtype=np.float32)
        score[ids] = values
        return score

    def _proximity(self, children: tuple[Node, ...]) -> tuple[np.ndarray | None, Parts | None]:
        """Bonus for consecutive plain words of a conjunction that stand together in the text.
        The pairs' scores are summed, in order, into one array at their documents (few: a
        new array and a pass over every document a pair cost more than a pair's own work)."""
        score: np.ndarray | None = None
        parts: Parts | None = None
        if not ranking.enabled("proximity"):
            return None, None
        wanted = [c.child if isinstance(c, Maybe) else c for c in children]
        plain = [
            terms(c.text) if isinstance(c, Term) and c.field == TEXT and not (c.prefix or c.fuzzy) else None
            for c in wanted
        ]
        for a, b in itertools.pairwise(plain):
            if a and b:
                ids, freqs = self.snap.pair_postings("pairs", a[-1], b[0])
                values = self._pair_score((a[-1], b[0]), ids, freqs)
                if values is None:
                    continue
                if score is None:
                    score = np.zeros(self.size, dtype=np.float32)
                score[ids] = np.take(score, ids) + values  # a pair's documents are distinct
                if self.explain:
                    parts = self._also(parts, f"proximity: {a[-1]} {b[0]}", self._spread(ids, values))
        return score, parts


class Holdings:
    """Which of a soft query's words each document holds, as one small code per document
    (bit i: word i), so that how many it holds is the code's bit count and its
    coordination factor one lookup in a table of the codes, rather than passes over every
    document per word and a power over all of them (at a million articles, 18 of a 4-6 word
    search's ms). More than `MAX_BITS` words are counted word by word.

    Up to eight words the codes are bytes: numpy counts a byte's bits ten times as fast as
    a uint16's (0.04 against 0.3-0.5 ms at a million articles), and a word is or'ed in as
    its mask times its bit, a pass over a byte per document (0.05 ms, where a scatter over
    its documents took 0.2-0.3)."""

    MAX_BITS = 12

    def __init__(self, size: int, words: int) -> None:
        """Room for `words` words (at most; a word not searchable is never added)."""
        self.size = size
        self.weights: list[float] = []
        self._codes: np.ndarray = np.zeros(size, dtype=np.uint8 if words <= 8 else np.uint16)
        self._masks: list[np.ndarray] = []
        self._count: np.ndarray | None = None

    def add(self, mask: np.ndarray, weight: float) -> None:
        """A word's documents and its weight (its IDF)."""
        if len(self.weights) < self.MAX_BITS:
            bit = self._codes.dtype.type(1 << len(self.weights))
            np.bitwise_or(self._codes, np.multiply(mask.view(np.uint8), bit), out=self._codes)
        self._masks.append(mask)
        self.weights.append(weight)

    def count(self) -> np.ndarray:
        """How many of the words each document holds."""
        if self._count is None:
            if len(self.weights) <= self.MAX_BITS:
                self._count = np.bitwise_count(self._codes)
            else:
                self._count = np.zeros(self.size, dtype=np.int16)
                for mask in self._masks:
                    self._count += mask
        return self._count

    def coordination(self) -> np.ndarray:
        """(the IDF-weighted share of the words held) ** `COORDINATION`, per document."""
        total = sum(self.weights)
        if len(self.weights) <= self.MAX_BITS:
            table = np.zeros(1 << len(self.weights), dtype=np.float32)
            for code in range(1, len(table)):
                last = code.bit_length() - 1
                # Summed in word order, in float32, as per-document sums are: bit for bit the same.
                table[code] = np.float32(np.float64(table[code ^ (1 << last)]) + self.weights[last])
            # `take` is faster than `[codes]`, and "wrap" faster still: every code is in the table.
            factor: np.ndarray = np.take((table / total) ** COORDINATION, self._codes, mode="wrap")
            return factor
        weight_held = np.zeros(self.size, dtype=np.float32)
        for mask, weight in zip(self._masks, self.weights, strict=True):
            weight_held += weight * mask
        return (weight_held / total) ** COORDINATION


def _plain_terms(node: Node) -> list[str]:
    """The stemmed words of a query's positive, unfielded words and phrases (not the
    alternatives added to it: the lead bonus is about what was typed)."""
    if isinstance(node, Term):
        return terms(node.text) if node.field in (TEXT, "title") and not (node.prefix or node.fuzzy) else []
    if isinstance(node, Phrase):
        return [t for w in node.words for t in terms(w)] if node.field in (TEXT, "title") else []
    if isinstance(node, Maybe):
        return _plain_terms(node.child)
    if isinstance(node, And | Or | Soft):
        return [t for child in node.children for t in _plain_terms(child)]
    return []


def _union(first: np.ndarray, second: np.ndarray, size: int, mask: np.ndarray | None = None) -> np.ndarray:
    """The documents of two ascending arrays of distinct numbers below `size`, ascending.
    Few are merged by binary search; many by a mask of every document and its nonzero
    entries, which costs about a millisecond at a million articles whatever they number
    (`mask`, when the caller has one marking exactly both, spares making it)."""
    if len(first) < len(second):
        first, second = second, first  # the few are looked up among the many
    if not len(second):
        return first
    if len(first) + len(second) > size // MERGE_SHARE:
        if mask is None:
            mask = np.zeros(size, dtype=bool)
            mask[first] = True
            mask[second] = True
        return np.flatnonzero(mask)
    at = np.searchsorted(first, second)
    missing = first[np.minimum(at, len(first) - 1)] != second
    missing |= at == len(first)
    return np.insert(first, at[missing], second[missing])


def _join(a: Parts | None, b: Parts | None) -> Parts | None:
    if a is None:
        return b
    if b is None:
        return a
    return [*a, *b]


def _add(a: np.ndarray | None, b: np.ndarray | None, into: bool = False) -> np.ndarray | None:
    """`a + b`, either being None for nothing; `into` adds `b` to `a` itself (at a million
    articles a new array a word costs more than the sum), for an `a` no one else holds."""
    if a is None:
        return b
    if b is None:
        return a
    if into:
        a += b
        return a
    total: np.ndarray = a + b
    return total


def explanation(
    parts: Parts | None, total: float, doc: int, sort: Sort, full: bool | None = None
) -> Explanation:
    """One article's parts, summed per name in the order first met, zeros left out; the
    newest-first tie-break is named with no value (it orders equal scores only). `full` says,
    when few articles held every word, whether this one does (those come first whatever the score)."""
    values: dict[str, float] = {}
    for label, value in parts or []:
        values[label] = values.get(label, 0.0) + float(value[doc])
    shown = [ScorePart(label, value) for label, value in values.items() if value != 0.0]
    if sort == Sort.RELEVANCE:
        shown.append(ScorePart(TIE_BREAK, 0.0))
    note = (
        None if sort == Sort.RELEVANCE else f"Sorted by date ({sort.value} first); the score does not order."
    )
    if full is not None and sort == Sort.RELEVANCE:
        note = FULL_NOTE if full else PARTIAL_NOTE
    return Explanation(total, tuple(shown), note)
