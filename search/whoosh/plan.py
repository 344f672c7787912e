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
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from search.budget import Deadline
from search.query import TEXT, And, DateRange, Node, Not, Or, Phrase, Term, Weighted
from search.whoosh.columns import NO_DAY, day_number
from search.whoosh.schema import WORD_FIELDS, pair_term, terms, words
from search.whoosh.snapshot import Snapshot
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
#: Most index terms a trailing `*` or a `~` may stand for.
MAX_EXPANSION = 64


@dataclass(slots=True)
class Match:
    """Which documents match a node and how well; `score` None means "matches, unscored"."""

    mask: np.ndarray
    score: np.ndarray | None = None


class Plan:
    """Evaluates query trees against one snapshot. `vocabulary(seconds)` gives the snapshot's
    word list, where `~` words find their neighbours: waiting at most `seconds` for its first
    build (None when it is not ready by then), or as long as it takes when `seconds` is None."""

    def __init__(
        self,
        snapshot: Snapshot,
        vocabulary: Callable[[float | None], Vocabulary | None],
        deadline: Deadline | None = None,
    ) -> None:
        self.snap = snapshot
        self.vocabulary = vocabulary
        self.deadline = deadline
        self.timed_out = False
        self.size = snapshot.size
        self.live = snapshot.columns.live
        self.total = max(1, snapshot.live_count)

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
        return Match(found.mask & self.live, _add(found.score, self._lead(node)))

    def _lead(self, node: Node) -> np.ndarray | None:
        """The share of the query's words that the lead holds, times `LEAD_WEIGHT`."""
        wanted = list(dict.fromkeys(_plain_terms(node)))
        if not wanted:
            return None
        held = np.zeros(self.size, dtype=np.float32)
        for term in wanted:
            ids, _ = self.snap.postings("lead", term)
            held[ids] += 1.0
        return held * (LEAD_WEIGHT / len(wanted))

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
        if isinstance(node, Weighted):
            inner = self._eval(node.child)
            if inner is None or inner.score is None:
                return inner
            return Match(inner.mask, inner.score * np.float32(node.weight))
        raise TypeError(f"not a query node: {node!r}")

    def _and(self, children: tuple[Node, ...]) -> Match | None:
        mask: np.ndarray | None = None
        score: np.ndarray | None = None
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
        if mask is None:
            return None
        return Match(mask, _add(score, self._proximity(children)))

    def _or(self, children: tuple[Node, ...]) -> Match | None:
        mask: np.ndarray | None = None
        score: np.ndarray | None = None
        for child in children:
            if self.late():
                break
            found = self._eval(child)
            if found is None:
                continue
            mask = found.mask.copy() if mask is None else mask | found.mask
            score = _add(score, found.score)
        return None if mask is None else Match(mask, score)

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
        return self._bm25f(found[0], fields)

    def _phrase(self, raw: tuple[str, ...], field: str, analysed: bool = False) -> Match | None:
        if field in WORD_FIELDS:
            return self._words(WORD_FIELDS[field], [w for part in raw for w in words(part)])
        seq = list(raw) if analysed else [t for part in raw for t in terms(part)]
        if not seq:
            return None
        fields = ("title",) if field == "title" else tuple(TEXT_FIELDS)
        parts = [self._bm25f(t, fields) for t in seq]
        mask = parts[0].mask.copy()
        score = parts[0].score
        for part in parts[1:]:
            mask &= part.mask
            score = _add(score, part.score)
        pair_field = "title_pairs" if field == "title" else "pairs"
        for a, b in itertools.pairwise(seq):
            ids, freqs = self.snap.postings(pair_field, pair_term(a, b))
            pair_mask = np.zeros(self.size, dtype=bool)
            pair_mask[ids] = True
            mask &= pair_mask
            if pair_field == "pairs":
                score = _add(score, self._pair_score(ids, freqs))
        return Match(mask, score)

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
        return self._or_masks(options, lambda o: self._bm25f(o, fields))

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

    def _bm25f(self, term: str, fields: tuple[str, ...]) -> Match:
        """One stemmed term across fields: BM25F (weighted, length-normalised sum, then saturation)."""
        cols = self.snap.columns
        tf = np.zeros(self.size, dtype=np.float32)
        for field in fields:
            ids, freqs = self.snap.postings(field, term)
            if not len(ids):
                continue
            weight, b = TEXT_FIELDS[field]
            norm = 1.0 - b + b * cols.lengths[field][ids] / cols.avg_length[field]
            tf[ids] += weight * freqs / norm
        mask = tf > 0
        df = int(np.count_nonzero(mask))
        idf = math.log(1.0 + (self.total - df + 0.5) / (df + 0.5))
        return Match(mask, (idf * (K1 + 1.0)) * tf / (K1 + tf))

    def _pair_score(self, ids: np.ndarray, freqs: np.ndarray) -> np.ndarray | None:
        if not len(ids):
            return None
        cols = self.snap.columns
        df = len(ids)
        idf = math.log(1.0 + (self.total - df + 0.5) / (df + 0.5))
        tf = freqs / (0.25 + 0.75 * cols.lengths["pairs"][ids] / cols.avg_length["pairs"])
        score = np.zeros(self.size, dtype=np.float32)
        score[ids] = PAIR_WEIGHT * idf * (K1 + 1.0) * tf / (K1 + tf)
        return score

    def _proximity(self, children: tuple[Node, ...]) -> np.ndarray | None:
        """Bonus for consecutive plain words of a conjunction that stand together in the text."""
        score: np.ndarray | None = None
        plain = [
            terms(c.text) if isinstance(c, Term) and c.field == TEXT and not (c.prefix or c.fuzzy) else None
            for c in children
        ]
        for a, b in itertools.pairwise(plain):
            if a and b:
                ids, freqs = self.snap.postings("pairs", pair_term(a[-1], b[0]))
                score = _add(score, self._pair_score(ids, freqs))
        return score


def _plain_terms(node: Node) -> list[str]:
    """The stemmed words of a query's positive, unfielded words and phrases (not the
    alternatives added to it: the lead bonus is about what was typed)."""
    if isinstance(node, Term):
        return terms(node.text) if node.field in (TEXT, "title") and not (node.prefix or node.fuzzy) else []
    if isinstance(node, Phrase):
        return [t for w in node.words for t in terms(w)] if node.field in (TEXT, "title") else []
    if isinstance(node, And | Or):
        return [t for child in node.children for t in _plain_terms(child)]
    return []


def _add(a: np.ndarray | None, b: np.ndarray | None) -> np.ndarray | None:
    if a is None:
        return b
    if b is None:
        return a
    total: np.ndarray = a + b
    return total
