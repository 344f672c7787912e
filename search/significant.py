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

from search.analysis import STOP_WORDS, stem, tokens
from search.archive import request_filters
from search.engine import Engine, EngineQuery
from search.models import FacetValue, SearchRequest
from search.parser import parse

#: The most matching articles whose words are read.
SAMPLE = 200
#: A word or name must be in at least this many matching articles (of the sample, for words).
MIN_COUNT = 3
#: Words shorter than this are too often fragments ("mr", "pc").
MIN_LETTERS = 3
#: How many words and names are reported.
TOP = 15
#: Names counted in the matches: enough that the distinctive ones are among them.
NAME_CANDIDATES = 200
NAME_FACETS = ("person", "country")
#: Every value of a facet, for the archive-wide counts of the names found.
ALL_NAMES = 1_000_000


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
    archive = engine.query(EngineQuery(None, limit=0, facet_limit=1)).total
    names = _names(engine, results.facets, results.total, archive)
    documents: Counter[str] = Counter()
    spellings: dict[str, Counter[str]] = {}
    for hit in results.hits:
        seen: set[str] = set()
        for token in tokens(hit.article.body):
            word = token.text
            if word in STOP_WORDS or len(word) < MIN_LETTERS or word.isdigit():
                continue
            term = stem(word)
            spellings.setdefault(term, Counter())[word] += 1
            if term not in seen:
                seen.add(term)
                documents[term] += 1
    candidates = [t for t, k in documents.items() if k >= MIN_COUNT]
    frequencies = engine.document_frequencies(candidates)
    words = _score(
        [
            (spellings[t].most_common(1)[0][0], "word", documents[t], frequencies.get(t, 0))
            for t in candidates
        ],
        len(results.hits),
        archive,
    )
    return SignificantTerms(words, names, len(results.hits), results.total)


def _names(engine: Engine, facets: dict[str, list[FacetValue]], matches: int, archive: int) -> list[Term]:
    """People and countries of every match, against their counts in the whole archive."""
    found = []
    for facet in NAME_FACETS:
        counted = [v for v in facets.get(facet, []) if v.count >= MIN_COUNT]
        if not counted:
            continue
        everywhere = {v.value: v.count for v in engine.facet_values(facet, "", ALL_NAMES)}
        found += [(v.value, facet, v.count, everywhere.get(v.value, v.count)) for v in counted]
    return _score(found, matches, archive)


def _score(candidates: list[tuple[str, str, int, int]], size: int, archive: int) -> list[Term]:
    """(text, kind, articles among `size` holding it, articles of `archive` holding it)
    -> the `TOP` over-represented ones, highest G² first."""
    scored = []
    for text, kind, count, everywhere in candidates:
        rate = max(everywhere, count) / archive if archive else 0.0
        expected = size * rate
        if count >= MIN_COUNT and count > expected:
            scored.append(Term(text, kind, count, expected, g_squared(count, size, rate)))
    scored.sort(key=lambda t: (-t.score, t.text))
    return scored[:TOP]
