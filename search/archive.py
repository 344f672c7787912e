"""The one search API that the web app and the command line share.

`Archive` turns a `SearchRequest` into an engine query (parsing the text, choosing the
looser "most of the words" reading, pinning the selected facet values), and the engine's
answer into `SearchResults` with snippets, notices and a spelling suggestion. It holds no
index knowledge of its own: everything goes through the `Engine` interface.
"""

from __future__ import annotations

import datetime as dt
import time
from dataclasses import dataclass
from pathlib import Path

from search.engine import DateCounts, Engine, EngineQuery, Filters, ScoredArticle
from search.models import (
    DATE_FACETS,
    FACETS,
    ArchiveStats,
    Article,
    FacetValue,
    Hit,
    SearchRequest,
    SearchResults,
    Sort,
)
from search.parser import ParsedQuery, parse, relax
from search.query import Phrase
from search.snippets import highlight_paragraphs, snippet
from search.suggest import suggest

#: With fewer full matches than this, articles holding most of the words are added after them.
RELAX_BELOW = 3
#: With fewer results than this, a spelling suggestion is looked for.
SUGGEST_BELOW = 5
#: How many people and countries the suggester may match names against.
SUGGEST_NAMES = 5000
#: Paragraphs of an article a snippet is chosen from (those most likely to hold the words).
SNIPPET_PARAGRAPHS = 3
PROFILE_TOP = 10
PROFILE_HITS = 5
RELAXED_NOTICE = "Few articles contain all of your words, so articles with most of them follow those that do."


@dataclass(frozen=True, slots=True)
class Profile:
    """Everything the /person, /country and /topic pages show about one facet value."""

    facet: str  # "person" | "country" | "topic"
    value: str
    articles: int
    first: dt.date | None
    last: dt.date | None
    per_month: list[FacetValue]  # "YYYY-MM" -> count, chronological, every month with >=1 article
    people: list[FacetValue]  # most often mentioned with it (excluding itself)
    countries: list[FacetValue]
    topics: list[FacetValue]
    latest: list[Hit]
    most_relevant: list[Hit]


class Archive:
    """Search, fetch and describe the articles behind one engine."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine

    @classmethod
    def open(cls, index_dir: Path) -> Archive:
        """The Whoosh index at `index_dir`; it follows newly switched-in generations by itself."""
        from search.whoosh.engine import WhooshEngine

        return cls(WhooshEngine(Path(index_dir)))

    def close(self) -> None:
        self.engine.close()

    # -- searching ----------------------------------------------------------------------

    def search(self, request: SearchRequest) -> SearchResults:
        """Never raises for bad query text: it is read as well as possible and notices say how."""
        started = time.perf_counter()
        parsed = parse(request.query)
        notices = list(parsed.notices)
        results = self.engine.query(_engine_query(request, parsed))
        if results.relaxed:
            notices.append(RELAXED_NOTICE)
        suggestion = None
        if parsed.node is not None and (results.relaxed or results.total < SUGGEST_BELOW):
            suggestion = self._suggestion(request, parsed)
        hits = [_hit(s, parsed.terms) for s in results.hits]
        return SearchResults(
            request=request,
            total=results.total,
            hits=hits,
            facets=_in_display_order(results.facets),
            suggestion=suggestion,
            notices=tuple(notices),
            partial=results.partial,
            took_ms=(time.perf_counter() - started) * 1000,
        )

    def _suggestion(self, request: SearchRequest, parsed: ParsedQuery) -> str | None:
        """A corrected query, offered only when all its words find more articles than the original's."""
        names = [
            v.value for f in ("person", "country") for v in self.engine.facet_values(f, "", SUGGEST_NAMES)
        ]
        better = suggest(parsed, self.engine.spelling_candidates, names)
        if better is None:
            return None
        return (
            better
            if self._strict_count(request, parse(better)) > self._strict_count(request, parsed)
            else None
        )

    def _strict_count(self, request: SearchRequest, parsed: ParsedQuery) -> int:
        query = _engine_query(request, parsed)
        return self.engine.query(EngineQuery(query.node, query.filters, limit=0, facet_limit=1)).total

    def dates(self, request: SearchRequest) -> DateCounts:
        """The request's matches per day (all of its words: no "most of the words" fallback)."""
        return self.engine.dates(parse(request.query).node, request_filters(request))

    def article(self, article_id: str) -> Article | None:
        return self.engine.get(article_id)

    def highlight(self, article: Article, query: str) -> list[str]:
        """Body paragraphs as safe HTML with the query's words in `<mark>`."""
        return highlight_paragraphs(article.body, parse(query).terms)

    def related(self, article_id: str, limit: int = 5) -> list[Hit]:
        return [_hit(ScoredArticle(a, 0.0), ()) for a in self.engine.more_like_this(article_id, limit)]

    def facet_values(self, facet: str, prefix: str = "", limit: int = 50) -> list[FacetValue]:
        """A facet's values starting with `prefix` (or with a word that does), most frequent first."""
        return self.engine.facet_values(facet, prefix, limit)

    def stats(self) -> ArchiveStats:
        return self.engine.stats()

    def profile(self, facet: str, value: str) -> Profile | None:
        """A person, country or topic at a glance; None when no article has that value."""
        if facet not in ("person", "country", "topic"):
            raise ValueError(f"no profile for facet {facet!r}")
        filters = Filters(
            people=(value,) if facet == "person" else (),
            countries=(value,) if facet == "country" else (),
            topics=(value,) if facet == "topic" else (),
        )
        newest = self.engine.query(
            EngineQuery(None, filters, sort=Sort.NEWEST, limit=PROFILE_HITS, facet_limit=100_000)
        )
        if newest.total == 0:
            return None
        oldest = self.engine.query(EngineQuery(None, filters, sort=Sort.OLDEST, limit=1, facet_limit=1))
        dated = [h.article.date for h in oldest.hits + newest.hits[:1] if h.article.date]
        words = tuple(value.split())
        relevant = self.engine.query(EngineQuery(Phrase(words), filters, limit=PROFILE_HITS, facet_limit=1))
        terms = tuple(w.casefold() for w in words)

        def others(name: str) -> list[FacetValue]:
            return [v for v in newest.facets[name] if not (name == facet and v.value == value)][:PROFILE_TOP]

        return Profile(
            facet=facet,
            value=value,
            articles=newest.total,
            first=min(dated) if dated else None,
            last=max(dated) if dated else None,
            per_month=sorted(newest.facets["month"], key=lambda v: v.value),
            people=others("person"),
            countries=others("country"),
            topics=others("topic"),
            latest=[_hit(s, terms) for s in newest.hits],
            most_relevant=[_hit(s, terms) for s in (relevant.hits or newest.hits)],
        )


def request_filters(request: SearchRequest) -> Filters:
    """A request's filters as the engine takes them."""
    return Filters(
        people=request.people,
        countries=request.countries,
        topics=request.topics,
        date_from=request.date_from,
        date_to=request.date_to,
        day=request.day,
    )


def _engine_query(request: SearchRequest, parsed: ParsedQuery) -> EngineQuery:
    return EngineQuery(
        node=parsed.node,
        filters=request_filters(request),
        sort=request.sort,
        offset=request.offset,
        limit=request.per_page,
        facet_limit=request.facet_limit,
        pinned={facet: request.selected(facet) for facet in FACETS},
        fallback=relax(parsed.node) if parsed.node is not None else None,
        fallback_below=RELAX_BELOW,
    )


def _snippet_source(body: str, terms: tuple[str, ...]) -> str:
    """The paragraphs a snippet can come from: those that may hold a query word (a cheap
    substring test on each word's first letters), at most `SNIPPET_PARAGRAPHS`, in order.

    Tokenising a whole article for its snippet costs milliseconds; ten of them per page
    would cost more than the search. The snippet itself still decides what matches."""
    paragraphs = [p for p in body.split("\n\n") if p.strip()]
    if len(paragraphs) <= SNIPPET_PARAGRAPHS:
        return body
    keys = {t.rstrip("*")[:4] for t in terms if t.rstrip("*")}
    if not keys:
        return "\n\n".join(paragraphs[:SNIPPET_PARAGRAPHS])
    scored = []
    for i, paragraph in enumerate(paragraphs):
        low = paragraph.casefold()
        found = sum(1 for k in keys if k in low)
        if found:
            scored.append((-found, i))
    chosen = sorted(i for _, i in sorted(scored)[:SNIPPET_PARAGRAPHS]) or range(SNIPPET_PARAGRAPHS)
    return "\n\n".join(paragraphs[i] for i in chosen)


def _hit(scored: ScoredArticle, terms: tuple[str, ...]) -> Hit:
    a = scored.article
    return Hit(
        id=a.id,
        title=a.title,
        date=a.date,
        url=a.url,
        source=a.source,
        section=a.section,
        dateline=a.dateline,
        byline=a.byline,
        snippet=snippet(_snippet_source(a.body, terms), terms),
        people=a.people,
        countries=a.countries,
        topics=a.topics,
        score=scored.score,
    )


def _in_display_order(facets: dict[str, list[FacetValue]]) -> dict[str, list[FacetValue]]:
    """Date facets in time order (they are drawn as histograms); the rest by count."""
    return {
        name: sorted(values, key=lambda v: v.value) if name in DATE_FACETS else values
        for name, values in facets.items()
    }
