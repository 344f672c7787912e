"""The one search API that the web app and the command line share.

`Archive` turns a `SearchRequest` into an engine query (parsing the text, choosing the
looser "most of the words" reading, pinning the selected facet values), and the engine's
answer into `SearchResults` with snippets, notices and a spelling suggestion. It holds no
index knowledge of its own: everything goes through the `Engine` interface.

Every search runs against a deadline (`budget` seconds from its start, see
`search.budget`): the engine stops adding work when it passes, the looser reading and the
spelling suggestion are skipped, and the results say `timed_out`.
"""

from __future__ import annotations

import datetime as dt
import re
import time
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path

from search import alternatives, ranking
from search.acronyms import AcronymTable
from search.budget import DEFAULT_SECONDS, TIMED_OUT_NOTICE, Deadline
from search.engine import DateCounts, Engine, EngineQuery, Filters, ScoredArticle
from search.models import (
    DATE_FACETS,
    FACETS,
    ArchiveStats,
    Article,
    FacetValue,
    Hit,
    Period,
    SearchRequest,
    SearchResults,
    Sort,
    Version,
)
from search.parser import ParsedQuery, parse, relax, soften
from search.periods import read_period
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


#: How many values holding a word `Archive.same_value` compares.
SAME_VALUE_LOOKUP = 500
#: Words another form of a facet value may add or leave out ("Ministry of Finance").
_FILLER = frozenset({"of", "the", "and"})
_VALUE_WORD = re.compile(r"[^\W_]+")


def _value_words(value: str) -> frozenset[str]:
    return frozenset(word for word in _VALUE_WORD.findall(value.casefold()) if word not in _FILLER)


@dataclass(frozen=True, slots=True)
class Profile:
    """Everything the /person, /country, /organisation and /topic pages show about one facet value."""

    facet: str  # "person" | "country" | "organisation" | "topic"
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
    organisations: list[FacetValue] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class Export:
    """The articles of a search in order, for a file: no facets, snippets or suggestion."""

    total: int
    articles: list[Article]
    timed_out: bool = False
    #: What the rows are counted against: the matching stories when the request collapses
    #: versions (one row per story), else the matching articles (`total`).
    entries: int = 0


class Archive:
    """Search, fetch and describe the articles behind one engine. A search may take
    `budget` seconds before it stops and answers with what it has."""

    def __init__(
        self,
        engine: Engine,
        *,
        budget: float = DEFAULT_SECONDS,
        today: Callable[[], dt.date] = dt.date.today,
        alternatives: bool = True,
    ) -> None:
        self.engine = engine
        self.budget = budget
        #: What "last year" in a query counts from.
        self.today = today
        #: Whether acronyms and expansions in a query find each other (`search.alternatives`).
        self.alternatives = alternatives

    def _acronyms(self) -> AcronymTable | None:
        """The table query alternatives come from; None when they are switched off."""
        return self.engine.acronyms() if self.alternatives and alternatives.enabled() else None

    @classmethod
    def open(cls, index_dir: Path, *, budget: float = DEFAULT_SECONDS) -> Archive:
        """The Whoosh index at `index_dir`; it follows newly switched-in generations by itself."""
        from search.whoosh.engine import WhooshEngine

        return cls(WhooshEngine(Path(index_dir)), budget=budget)

    def close(self) -> None:
        self.engine.close()

    # -- searching ----------------------------------------------------------------------

    def search(
        self, request: SearchRequest, *, facets: bool = True, spelling: bool = True, others: bool = False
    ) -> SearchResults:
        """Never raises for bad query text: it is read as well as possible and notices say how.
        Feeds and other pages that show no facets or suggestion turn them off; the results
        page asks for each hit's `others` (its story's other versions) to list them."""
        started = time.perf_counter()
        deadline = Deadline.after(self.budget)
        parsed, period = self._read(request)
        notices = list(parsed.notices)
        if period is not None:
            notices.append(period_notice(period))
        query = _engine_query(request, parsed, deadline, period, self._acronyms())
        results = self.engine.query(query if facets else replace(query, facets=False))
        if results.relaxed:
            notices.append(RELAXED_NOTICE)
        suggestion = None
        wanted = spelling and parsed.node is not None and (results.relaxed or results.total < SUGGEST_BELOW)
        if wanted and not results.timed_out:
            suggestion = self._suggestion(request, parsed, deadline)
        timed_out = results.timed_out or deadline.passed()
        if timed_out:
            notices.append(TIMED_OUT_NOTICE)
        hits = [_hit(s, parsed.terms) for s in results.hits]
        if others:
            hits = [
                replace(hit, others=self.other_versions(hit.id, hit.story)) if hit.versions > 1 else hit
                for hit in hits
            ]
        return SearchResults(
            request=request,
            total=results.total,
            hits=hits,
            facets=_in_display_order(results.facets),
            suggestion=suggestion,
            notices=tuple(notices),
            partial=results.partial,
            missing_shards=results.missing_shards,
            took_ms=(time.perf_counter() - started) * 1000,
            timed_out=timed_out,
            stories=results.stories,
            period=period,
        )

    def _read(self, request: SearchRequest) -> tuple[ParsedQuery, Period | None]:
        """The query as parsed, less the words of a time it names (unless `anytime`), and that time."""
        parsed = parse(request.query)
        if request.anytime or not ranking.enabled("dates"):
            return parsed, None
        node, period = read_period(parsed.text, parsed.node, self.today())
        return (parsed, None) if period is None else (replace(parsed, node=node), period)

    def export(self, request: SearchRequest, limit: int, offset: int = 0) -> Export:
        """Up to `limit` matching articles from the `offset`-th, in the request's order (its
        page is ignored), from one ranking pass: no facets, snippets or spelling, which a
        file does not show."""
        deadline = Deadline.after(self.budget)
        parsed, period = self._read(request)
        query = replace(
            _engine_query(request, parsed, deadline, period, self._acronyms()),
            offset=offset,
            limit=limit,
            facets=False,
        )
        results = self.engine.query(query)
        entries = results.stories if request.collapse and results.stories else results.total
        return Export(results.total, [s.article for s in results.hits], results.timed_out, entries)

    def _suggestion(self, request: SearchRequest, parsed: ParsedQuery, deadline: Deadline) -> str | None:
        """A corrected query, offered only when all its words find more articles than the original's."""
        names = [
            v.value for f in ("person", "country") for v in self.engine.facet_values(f, "", SUGGEST_NAMES)
        ]
        better = suggest(parsed, self.engine.spelling_candidates, names)
        if better is None or deadline.passed():
            return None
        corrected = self._strict_count(request, parse(better), deadline)
        original = self._strict_count(request, parsed, deadline)
        return better if corrected > original and not deadline.passed() else None

    def _strict_count(self, request: SearchRequest, parsed: ParsedQuery, deadline: Deadline) -> int:
        query = _engine_query(request, parsed, deadline, acronyms=self._acronyms())
        return self.engine.query(
            EngineQuery(query.node, query.filters, limit=0, facets=False, deadline=deadline)
        ).total

    def dates(self, request: SearchRequest) -> DateCounts:
        """The request's matches per day (all of its words: no "most of the words" fallback)."""
        return self.engine.dates(parse(request.query).node, request_filters(request))

    def article(self, article_id: str) -> Article | None:
        return self.engine.get(article_id)

    def other_versions(self, article_id: str, story: str) -> tuple[Version, ...]:
        """The other articles of `story`, oldest first."""
        if not story:
            return ()
        return tuple(
            Version(a.id, a.title, a.date, a.source)
            for a in self.engine.versions(story)
            if a.id != article_id
        )

    def versions(self, article: Article) -> list[Version]:
        """Every article of `article`'s story, itself included, oldest first."""
        found = self.engine.versions(article.story) if article.story else []
        if not any(a.id == article.id for a in found):
            found = [article]
        return [Version(a.id, a.title, a.date, a.source) for a in found]

    def highlight(self, article: Article, query: str) -> list[str]:
        """Body paragraphs as safe HTML with the query's words in `<mark>`."""
        return highlight_paragraphs(article.body, parse(query).terms)

    def related(self, article_id: str, limit: int = 5) -> list[Hit]:
        return [_hit(ScoredArticle(a, 0.0), ()) for a in self.engine.more_like_this(article_id, limit)]

    def facet_values(self, facet: str, prefix: str = "", limit: int = 50) -> list[FacetValue]:
        """A facet's values starting with `prefix` (or with a word that does), most frequent first."""
        return self.engine.facet_values(facet, prefix, limit)

    def same_value(self, facet: str, value: str) -> str | None:
        """The one value of `facet` written with the same words as `value` in another case,
        order or hyphenation ("Finance Ministry" -> "Ministry of Finance"), or None: a link
        made before the archive renamed a value still finds it."""
        words = _value_words(value)
        if not words:
            return None
        longest = max(sorted(words), key=len)  # the likeliest to narrow the lookup
        found = {
            other.value
            for other in self.engine.facet_values(facet, longest, SAME_VALUE_LOOKUP)
            if other.value != value and _value_words(other.value) == words
        }
        return found.pop() if len(found) == 1 else None

    def stats(self) -> ArchiveStats:
        return self.engine.stats()

    def profile(self, facet: str, value: str) -> Profile | None:
        """A person, country, organisation or topic at a glance; None when no article has that value."""
        if facet not in ("person", "country", "organisation", "topic"):
            raise ValueError(f"no profile for facet {facet!r}")
        filters = Filters(
            people=(value,) if facet == "person" else (),
            countries=(value,) if facet == "country" else (),
            organisations=(value,) if facet == "organisation" else (),
            topics=(value,) if facet == "topic" else (),
        )
        newest = self.engine.query(
            # One more than shown: the value itself is among its own facet's top values.
            EngineQuery(
                None,
                filters,
                sort=Sort.NEWEST,
                limit=PROFILE_HITS,
                facet_limit=PROFILE_TOP + 1,
                collapse=True,
            )
        )
        if newest.total == 0:
            return None
        oldest = self.engine.query(EngineQuery(None, filters, sort=Sort.OLDEST, limit=1, facets=False))
        dated = [h.article.date for h in oldest.hits + newest.hits[:1] if h.article.date]
        words = tuple(value.split())
        relevant = self.engine.query(
            EngineQuery(Phrase(words), filters, limit=PROFILE_HITS, facets=False, collapse=True)
        )
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
            organisations=others("organisation"),
            topics=others("topic"),
            latest=[_hit(s, terms) for s in newest.hits],
            most_relevant=[_hit(s, terms) for s in (relevant.hits or newest.hits)],
        )


def request_filters(request: SearchRequest) -> Filters:
    """A request's filters as the engine takes them."""
    return Filters(
        people=request.people,
        countries=request.countries,
        organisations=request.organisations,
        topics=request.topics,
        date_from=request.date_from,
        date_to=request.date_to,
        day=request.day,
    )


def period_notice(period: Period) -> str:
    """What the results say when a time named in the query ranks first."""
    return f"Showing articles from {period.label} first."


def _engine_query(
    request: SearchRequest,
    parsed: ParsedQuery,
    deadline: Deadline,
    period: Period | None = None,
    acronyms: AcronymTable | None = None,
) -> EngineQuery:
    node = soften(parsed)
    fallback = relax(node) if node is not None else None
    if acronyms is not None:
        node, fallback = alternatives.expand(node, acronyms), alternatives.expand(fallback, acronyms)
    return EngineQuery(
        node=node,
        filters=request_filters(request),
        sort=request.sort,
        offset=request.offset,
        limit=request.per_page,
        facet_limit=request.facet_limit,
        pinned={facet: request.selected(facet) for facet in FACETS},
        fallback=fallback,
        fallback_below=RELAX_BELOW,
        deadline=deadline,
        collapse=request.collapse,
        prefer=period,
        explain=request.explain,
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
        story=a.story,
        versions=scored.versions,
        explain=scored.explain,
        organisations=a.organisations,
    )


def _in_display_order(facets: dict[str, list[FacetValue]]) -> dict[str, list[FacetValue]]:
    """Date facets in time order (they are drawn as histograms); the rest by count."""
    return {
        name: sorted(values, key=lambda v: v.value) if name in DATE_FACETS else values
        for name, values in facets.items()
    }
