"""The embedded engine's scorer over the cluster's best matches.

Sphinx's ranking expression cannot say what the embedded engine's score says: BM25F per
word with Lucene's IDF and each field's own length normalisation, word pairs for proximity,
the IDF-weighted share of a soft query's words. Close calls between two versions of one
story (a wire copy and its republication) went the other way on the cluster, and its
known-item MRR@10 stayed 0.03 to 0.05 behind. So the cluster finds the matches and orders
them by its own expression, and then its first `WINDOW` are ranked again by
`search.whoosh.plan.Plan` itself (Elasticsearch calls this a rescore window): over the
articles' stored text, analysed as both engines index it, with the archive's statistics
in place of the window's own: the live article count and each term's, pair's and query
node's document frequency, counted on the cluster in one round trip, and the average
field lengths, kept per generation in the meta index at commit (`FieldLengths`).
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections import Counter
from collections.abc import Callable, Hashable, Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np
from whoosh.util.numeric import byte_to_length, length_to_byte

from search.models import Article, Explanation, Period, Sort
from search.query import Node
from search.sphinx.documents import PARAGRAPH, keyword
from search.sphinx.match import TEXT_SCOPE, TITLE_SCOPE, escape, to_match
from search.whoosh.columns import NO_DAY, day_number
from search.whoosh.plan import Plan, explanation
from search.whoosh.schema import BREAK, field_terms, terms, to_document

#: How many of the cluster's best matches are ranked again. On the known-item queries a
#: window of 20 already gave the embedded engine's MRR@10 within 0.005 on every split
#: (docs/scale-out.md); each article in it costs about a millisecond of analysis.
WINDOW = 30


def stored_length(terms: int) -> float:
    """A field's length as the embedded index keeps it (Whoosh's one byte) and ranks by."""
    return float(byte_to_length(length_to_byte(terms)))


def _lengths(title: int, paragraphs: Sequence[int]) -> dict[str, float]:
    """Headline, body and pairs lengths of an article whose headline holds `title` terms and
    body paragraphs `paragraphs` terms each, as `stored_length`s: pairs are counted within
    paragraphs, the headline being one, as the index pairs them."""
    return {
        "title": stored_length(title),
        "body": stored_length(sum(paragraphs)),
        "pairs": stored_length(max(0, title - 1) + sum(max(0, n - 1) for n in paragraphs)),
    }


@dataclass(slots=True)
class FieldLengths:
    """The terms a generation's articles hold per field (as `stored_length`s), summed as its
    rows are written: the averages BM25F normalises by (`search.whoosh.columns.LENGTH_FIELDS`)."""

    articles: int = 0
    title: float = 0.0
    body: float = 0.0
    pairs: float = 0.0

    def add(self, title: str, body: str) -> None:
        """One row's analysed headline and body (`documents.text_terms`), whose paragraphs
        `PARAGRAPH` separates."""
        paragraphs = [len(part.split()) for part in f" {body} ".split(f" {PARAGRAPH} ")]
        lengths = _lengths(len(title.split()), paragraphs)
        self.articles += 1
        self.title += lengths["title"]
        self.body += lengths["body"]
        self.pairs += lengths["pairs"]

    def averages(self) -> dict[str, float]:
        count = max(1, self.articles)
        return {"title": self.title / count, "body": self.body / count, "pairs": self.pairs / count}


@dataclass(slots=True)
class _Columns:
    live: np.ndarray
    days: np.ndarray
    lengths: dict[str, np.ndarray]
    avg_length: dict[str, float]


class _Analysed:
    """One article's terms as the embedded index holds them, read on demand: the headline's
    and each body paragraph's terms at once (lengths need them), pairs and other fields only
    when a plan asks (hashing every pair of a long article cost more than the rest)."""

    def __init__(self, article: Article) -> None:
        self.article = article
        self.title = terms(article.title)
        self.paragraphs = [terms(part) for part in article.body.split(BREAK)]
        self._fields: dict[str, Counter[str]] = {}
        self._pairs: dict[str, Counter[tuple[str, str]]] = {}

    def lengths(self) -> dict[str, float]:
        return _lengths(len(self.title), [len(part) for part in self.paragraphs])

    def field(self, name: str) -> Counter[str]:
        found = self._fields.get(name)
        if found is None:
            if name == "title":
                found = Counter(self.title)
            elif name == "body":
                found = Counter(t for part in self.paragraphs for t in part)
            else:
                value = to_document(self.article).get(name)
                found = Counter(field_terms(name, value) if value else ())
            self._fields[name] = found
        return found

    def pairs(self, field: str) -> Counter[tuple[str, str]]:
        """Two terms in a row within a paragraph: the headline's (`title_pairs`) or every
        paragraph's, the headline's included (`pairs`)."""
        found = self._pairs.get(field)
        if found is None:
            parts = [self.title] if field == "title_pairs" else [self.title, *self.paragraphs]
            found = self._pairs[field] = Counter(pair for part in parts for pair in itertools.pairwise(part))
        return found


@dataclass
class Candidates:
    """A window of articles as a plan's documents (`search.whoosh.plan.Documents`): their
    own postings and lengths, the archive's size, average lengths and document frequencies.
    A frequency not yet known is answered with the window's own count and listed in
    `asked`, so that one trial run of a plan learns every count it needs."""

    articles: Sequence[Article]
    live_count: int
    avg_length: Mapping[str, float]
    frequencies: dict[Hashable, int] = field(default_factory=dict)
    asked: list[Hashable] = field(default_factory=list)

    def __post_init__(self) -> None:
        self._analysed = [_Analysed(article) for article in self.articles]
        self.size = len(self.articles)
        lengths = [doc.lengths() for doc in self._analysed]
        days = [day_number(a.date) if a.date else NO_DAY for a in self.articles]
        self._columns = _Columns(
            live=np.ones(self.size, dtype=bool),
            days=np.asarray(days, dtype=np.int32),
            lengths={
                name: np.asarray([doc[name] for doc in lengths], dtype=np.float32)
                for name in ("title", "body", "pairs")
            },
            avg_length={name: max(1e-6, float(value)) for name, value in self.avg_length.items()},
        )

    @property
    def columns(self) -> _Columns:
        return self._columns

    def postings(self, field: str, term: str) -> tuple[np.ndarray, np.ndarray]:
        return _postings([doc.field(field)[term] for doc in self._analysed])

    def pair_postings(self, field: str, first: str, second: str) -> tuple[np.ndarray, np.ndarray]:
        return _postings([doc.pairs(field)[(first, second)] for doc in self._analysed])

    def month_days(self) -> np.ndarray:
        return np.asarray([a.date.month * 100 + a.date.day if a.date else 0 for a in self.articles])

    def expand(self, field: str, prefix: str, limit: int) -> list[str]:
        """The window's terms starting with `prefix`, those in most of its articles first."""
        held: Counter[str] = Counter()
        for doc in self._analysed:
            held.update(term for term in doc.field(field) if term.startswith(prefix))
        return [term for term, _ in sorted(held.items(), key=lambda p: (-p[1], p[0]))[:limit]]

    def has(self, field: str, term: str) -> bool:
        return any(term in doc.field(field) for doc in self._analysed)

    def expansion(self, key: tuple[str, str, bool], compute: Callable[[], list[str]]) -> list[str]:
        return compute()

    def frequency(self, key: Hashable, counted: int) -> int:
        known = self.frequencies.get(key)
        if known is None:
            self.asked.append(key)
            return counted
        return known


def _postings(counts: list[int]) -> tuple[np.ndarray, np.ndarray]:
    """(documents, frequencies) of the window's documents with a count above 0."""
    docs = [i for i, n in enumerate(counts) if n]
    return np.asarray(docs, dtype=np.int64), np.asarray([counts[i] for i in docs], dtype=np.float32)


def frequency_match(key: Hashable) -> str | None:
    """The MATCH expression that counts a plan's frequency key on the cluster: a term in the
    headline or anywhere, two terms in a row, or a whole query node; None when it has none."""
    if not isinstance(key, tuple) or not key:
        return None
    if key[0] == "term":
        _, fields, term = key
        scope = TITLE_SCOPE if tuple(fields) == ("title",) else TEXT_SCOPE
        return f"({scope} {escape(keyword(term))})"
    if key[0] == "pair":
        _, first, second = key
        return f'({TEXT_SCOPE} "{escape(keyword(first))} {escape(keyword(second))}")'
    if key[0] == "node":
        return to_match(key[1])
    return None


def rescore(
    node: Node,
    articles: Sequence[Article],
    lengths: Mapping[str, float],
    count: Callable[[list[str | None]], list[int]],
    prefer: Period | None = None,
    *,
    explain: bool = False,
    spellings: Mapping[str, tuple[str, ...]] | None = None,
) -> list[tuple[int, float, Explanation | None]]:
    """The positions of `articles` (the cluster's order) in the embedded engine's order, each
    with its score (and its parts, when `explain`): those the plan matches by score (ties:
    newer first, then the cluster's order), then the rest in the cluster's order; a name's
    `spellings` count as the embedded engine counts them. `count`
    counts articles per MATCH expression on the cluster (None: every article), as
    `engine._match_counts` does."""
    if not articles:
        return []
    candidates = Candidates(articles, live_count=1, avg_length=lengths)
    Plan(candidates, _no_vocabulary, spellings=spellings).run(node)  # a trial: which counts it needs
    matches = {key: frequency_match(key) for key in dict.fromkeys(candidates.asked)}
    asked = list(dict.fromkeys(m for m in matches.values() if m is not None))  # a word alone: once
    total, *counts = count([None, *asked])
    counted = dict(zip(asked, counts, strict=True))
    candidates.live_count = max(1, total)
    candidates.frequencies = {key: max(1, counted[m]) for key, m in matches.items() if m is not None}
    plan = Plan(candidates, _no_vocabulary, explain=explain, spellings=spellings)
    found = plan.run(node)
    if found is None or found.score is None:
        return [(i, 0.0, None) for i in range(len(articles))]
    score, parts = found.score, found.parts
    if prefer is not None:
        score, parts = plan.preferring(prefer, score, parts)
    newest = [-(a.date or dt.date.min).toordinal() for a in articles]
    matched = sorted(np.flatnonzero(found.mask).tolist(), key=lambda i: (-float(score[i]), newest[i], i))
    rest = [i for i in range(len(articles)) if not found.mask[i]]
    why = (lambda i: explanation(parts, float(score[i]), i, Sort.RELEVANCE)) if explain else (lambda i: None)
    return [(i, float(score[i]), why(i)) for i in matched] + [(i, 0.0, None) for i in rest]


def _no_vocabulary(seconds: float | None) -> None:
    """A window has no word list of its own: a `~` word matches itself there."""
    return None
