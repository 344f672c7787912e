"""What people were saying: the words and names most distinctive of a search's matches.

A term is distinctive when it is in more of the matching articles than its share of the
whole archive predicts. Each candidate is scored by Dunning's log-likelihood ratio (G²)
of a binomial: observed `k` of `n` matching articles against the expected `n * df / N`,
kept only when over-represented and seen at least `MIN_COUNT` times. G² favours terms
that are both frequent and surprising, where a plain ratio would crown a word seen twice.

Words are counted in a bounded sample of the matches (the best-ranked `SAMPLE` articles,
as Elasticsearch's sampler does for its significant_terms), because reading and cutting up
every matching article of a broad search would cost seconds; names are counted exactly
over every match, from the facet counts the engine keeps anyway.
"""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass

from search.analysis import STOP_WORDS, stem, word_set
from search.archive import request_filters
from search.engine import Engine, EngineQuery
from search.models import FacetValue, SearchRequest
from search.parser import parse

#: The most matching articles whose words are read.
SAMPLE = 100
#: A word or name must be in at least this many matching articles (of the sample, for words).
MIN_COUNT = 3
#: Words shorter than this are too often fragments ("mr", "pc").
MIN_LETTERS = 3
#: How many words and names are reported.
TOP = 15
#: Names counted in the matches: enough that the distinctive ones are among them.
NAME_CANDIDATES = 200
NAME_FACETS = ("person", "country")
#: The archive's most frequent names asked for with the matches' own: many names found are
#: among them, so a cluster counts only the rarer ones one by one.
BACKGROUND_NAMES = 200
#: Archive counts of words are looked up this many at a time (see `_significant_words`).
WORD_BATCH = 100


@dataclass(frozen=True, slots=True)
class Term:
    """A word (its most common spelling in the sample) or a name, with its evidence.
    Words are read from the body, the field the archive-wide counts come from."""

    text: str
    kind: str  # "word", "person" or "country"
    count: int  # matching articles holding it (in the sample, for words)
    expected: float  # how many it would be in, at its share of the archive
    score: float  # G²


@dataclass(frozen=True, slots=True)
class SignificantTerms:
    words: list[Term]
    names: list[Term]
    #: Matching articles whose words were read, and how many match in all.
    sampled: int
    matches: int

    @property
    def is_sample(self) -> bool:
        return self.sampled < self.matches


def g_squared(observed: int, size: int, rate: float) -> float:
    """Log-likelihood ratio of `observed` of `size` against a binomial with `rate`."""
    if size == 0 or rate <= 0 or rate >= 1:
        return 0.0
    expected = size * rate
    score = observed * math.log(observed / expected) if observed else 0.0
    rest = size - observed
    if rest:
        score += rest * math.log(rest / (size - expected))
    return 2 * score


def significant_terms(engine: Engine, request: SearchRequest, sample: int = SAMPLE) -> SignificantTerms:
    parsed = parse(request.query)
    query = EngineQuery(parsed.node, request_filters(request), limit=sample, facet_limit=NAME_CANDIDATES)
    results = engine.query(query)
    if results.total == 0:
        return SignificantTerms([], [], 0, 0)
    names = _names(engine, results.facets, results.total)
    archive = names.archive
    spelled: Counter[str] = Counter()  # word -> matching articles (of the sample) holding it
    documents: Counter[str] = Counter()  # stem -> matching articles (of the sample) holding it
    stems: dict[str, str | None] = {}  # word -> its stem, None for words not counted
    for hit in results.hits:
        found = word_set(hit.article.body)
        spelled.update(found)
        for word in found:
            if word not in stems:
                skip = word in STOP_WORDS or len(word) < MIN_LETTERS or word.isdigit()
                stems[word] = None if skip else stem(word)
        documents.update({term for w in found if (term := stems[w]) is not None})
    spelling: dict[str, tuple[int, str]] = {}  # stem -> its most common word
    for word, count in spelled.items():
        term = stems[word]
        if term is not None:
            spelling[term] = max(spelling.get(term, (0, "")), (count, word))
    candidates = [(spelling[t][1], t, k) for t, k in documents.items() if k >= MIN_COUNT]
    words = _significant_words(engine, candidates, len(results.hits), archive)
    return SignificantTerms(words, names.terms, len(results.hits), results.total)


def _significant_words(
    engine: Engine, candidates: list[tuple[str, str, int]], size: int, archive: int
) -> list[Term]:
    """The `TOP` words by G², looking up archive counts only while they can still matter.

    Candidates (spelling, stem, sample count) go most frequent first, in batches. A word
    in `k` sample articles is in at least `k` of the archive, and G² only falls as the
    archive count grows, so `k` of `k` bounds its score: once that bound is below the
    `TOP`-th score found, no rarer candidate can enter and the rest are never looked up."""
    candidates = sorted(candidates, key=lambda c: -c[2])
    found: list[Term] = []
    for start in range(0, len(candidates), WORD_BATCH):
        batch = candidates[start : start + WORD_BATCH]
        if len(found) >= TOP and _bound(batch[0][2], size, archive) < found[TOP - 1].score:
            break
        frequencies = engine.document_frequencies([stem for _, stem, _ in batch])
        found = _score(
            [(text, "word", k, frequencies.get(stem, 0)) for text, stem, k in batch], size, archive, found
        )
    return found


def _bound(count: int, size: int, archive: int) -> float:
    """The highest G² a word in `count` of `size` sampled articles can have."""
    return g_squared(count, size, count / archive) if archive else 0.0


@dataclass(frozen=True, slots=True)
class _Names:
    terms: list[Term]
    archive: int  # articles in the whole archive


def _names(engine: Engine, facets: dict[str, list[FacetValue]], matches: int) -> _Names:
    """People and countries of every match, against their counts in the whole archive
    (one query: the archive's most frequent names, and any others of the matches' pinned)."""
    counted = {f: [v for v in facets.get(f, []) if v.count >= MIN_COUNT] for f in NAME_FACETS}
    pinned = {f: tuple(v.value for v in values) for f, values in counted.items()}
    everything = engine.query(EngineQuery(None, limit=0, facet_limit=BACKGROUND_NAMES, pinned=pinned))
    found = []
    for facet, values in counted.items():
        everywhere = {v.value: v.count for v in everything.facets.get(facet, [])}
        found += [(v.value, facet, v.count, everywhere.get(v.value, v.count)) for v in values]
    return _Names(_score(found, matches, everything.total), everything.total)


def _score(
    candidates: list[tuple[str, str, int, int]], size: int, archive: int, scored: list[Term] | None = None
) -> list[Term]:
    """(text, kind, articles among `size` holding it, articles of `archive` holding it)
    -> the `TOP` over-represented ones, highest G² first, with those already `scored`."""
    scored = list(scored or [])
    for text, kind, count, everywhere in candidates:
        rate = max(everywhere, count) / archive if archive else 0.0
        expected = size * rate
        if count >= MIN_COUNT and count > expected:
            scored.append(Term(text, kind, count, expected, g_squared(count, size, rate)))
    scored.sort(key=lambda t: (-t.score, t.text))
    return scored[:TOP]
