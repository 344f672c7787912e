"""One contract, every engine: the same articles and questions give the same answers
from the embedded Whoosh engine and from a 2-shard SphinxQL cluster.

The cluster is started once per session in a temporary folder with `search.sphinx.cluster`
and stopped at the end; its tests skip, saying why, where `searchd` is not installed.
Expected answers are computed from the fixture articles themselves wherever they can be,
so an engine that miscounts cannot agree with itself by accident.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import threading
from collections import Counter
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from testdata import articles_from_jsonl, ranking_articles

from search.analysis import terms
from search.archive import Archive
from search.budget import TIMED_OUT_NOTICE, Deadline
from search.engine import Engine, EngineQuery, Filters
from search.models import Article, SearchRequest, Sort
from search.parser import parse
from search.sphinx.config import ClusterPlan
from search.whoosh.engine import WhooshEngine

Build = Callable[[list[Article]], Engine]


@pytest.fixture(scope="session")
def contract_articles(test_data: Path) -> list[Article]:
    return articles_from_jsonl(test_data / "contract" / "articles.jsonl")


@pytest.fixture(scope="session")
def sphinx_cluster(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ClusterPlan]:
    """A 2-shard cluster and its aggregator for the whole session."""
    pytest.importorskip("pymysql", reason="pymysql is not installed (pip install -e '.[cluster]')")
    from search.sphinx import cluster

    if cluster.searchd_binary() is None:
        pytest.skip(
            "searchd is not installed (apt-get install sphinxsearch); the cluster contract is skipped"
        )
    directory = tmp_path_factory.mktemp("cluster")
    plan = cluster.up(directory, 2)
    yield plan
    cluster.down(directory)


@pytest.fixture(params=["whoosh", pytest.param("sphinx", marks=pytest.mark.cluster)])
def build(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Build]:
    """Builds an engine over some articles, in a fresh state folder (one live generation)."""
    engines: list[Engine] = []

    def make(articles: list[Article]) -> Engine:
        if request.param == "whoosh":
            engine: Engine = WhooshEngine(tmp_path / f"whoosh-{len(engines)}")
        else:
            plan = request.getfixturevalue("sphinx_cluster")
            from search.sphinx.engine import SphinxEngine

            engine = SphinxEngine.from_url(plan.engine_url())
        generation = engine.begin(fresh=True)
        generation.write(articles)
        assert generation.commit() == len({a.id for a in articles})
        engine.switch(generation)
        engines.append(engine)
        return engine

    yield make
    for engine in engines:
        engine.close()


@pytest.fixture
def archive(build: Build, contract_articles: list[Article]) -> Archive:
    return Archive(build(contract_articles))


def found(archive: Archive, query: str = "", **kwargs: object) -> list[str]:
    """Ids of a search as the web app runs it (few full matches are followed by partial ones)."""
    kwargs.setdefault("per_page", 100)
    return [h.id for h in archive.search(SearchRequest(query=query, **kwargs)).hits]  # type: ignore[arg-type]


def strict(archive: Archive, query: str) -> set[str]:
    """Ids of the articles a query matches exactly as written."""
    results = archive.engine.query(EngineQuery(parse(query).node, limit=100))
    assert results.total == len(results.hits)
    return {h.article.id for h in results.hits}


def mentions(article: Article, word: str) -> bool:
    return word in terms(article.title + " " + article.body)


def by_id(articles: list[Article], article_id: str) -> Article:
    return next(a for a in articles if a.id == article_id)


def matching(articles: list[Article], test: Callable[[Article], bool]) -> set[str]:
    return {a.id for a in articles if test(a)}


# -- the query language ---------------------------------------------------------------------


def test_words_match_all_of_them_with_stemming(archive: Archive) -> None:
    assert strict(archive, "budget") == {"c01", "c02", "c13"}
    assert strict(archive, "budget assembly") == {"c01"}
    assert strict(archive, "elections") == {"c11"}  # "election", "elections"
    assert strict(archive, "zurich") == {"c14"}  # folded "Zürich"


def test_phrases_need_the_words_together(archive: Archive) -> None:
    assert strict(archive, "imran khan") == {"c03", "c04"}
    assert strict(archive, '"imran khan"') == {"c03"}
    assert strict(archive, '"prime minister imran khan"') == {"c03"}
    assert strict(archive, '"wars budget"') == set()  # the words end and start two paragraphs


def test_or_widens_and_exclusion_narrows(archive: Archive, contract_articles: list[Article]) -> None:
    assert strict(archive, "squash OR floods") == {"c06", "c07", "c08"}
    assert strict(archive, "cricket -squash") == {"c05"}
    assert strict(archive, "-pakistan") == matching(contract_articles, lambda a: not mentions(a, "pakistan"))


def test_field_prefixes(archive: Archive, contract_articles: list[Article]) -> None:
    assert strict(archive, "title:budget") == {"c01"}
    assert strict(archive, "person:rashid") == {"c06", "c07"}
    assert strict(archive, "country:iran") == matching(contract_articles, lambda a: "Iran" in a.countries)
    assert strict(archive, "source:app") == matching(contract_articles, lambda a: a.source == "APP")
    assert strict(archive, "section:sport") == {"c05", "c06", "c07"}
    assert strict(archive, "dateline:karachi") == {"c08", "c10"}


def test_date_ranges_in_the_query(archive: Archive, contract_articles: list[Article]) -> None:
    in_2020 = matching(contract_articles, lambda a: a.date is not None and a.date.year == 2020)
    assert strict(archive, "date:2020") == in_2020
    assert strict(archive, "pakistan date:2020") == {
        a for a in in_2020 if mentions(by_id(contract_articles, a), "pakistan")
    }
    assert strict(archive, "date:[2019-10 TO 2020-02]") == {"c02", "c04", "c05", "c09"}


def test_trailing_star_is_a_prefix(archive: Archive) -> None:
    assert strict(archive, "squa*") == {"c06", "c07"}
    assert strict(archive, "glaci*") == {"c14"}


def test_unsearchable_and_broken_queries_never_raise(archive: Archive) -> None:
    assert archive.search(SearchRequest(query="the of and")).total == 0
    for text in ('"unclosed phrase', "(((", "title:", "-", "OR OR", "a*", "\\ ' ; DROP", "@title x"):
        archive.search(SearchRequest(query=text))


def test_a_search_past_its_deadline_ends_and_says_so(archive: Archive) -> None:
    """A deadline that has already passed is the one timeout every engine can be made to
    hit cheaply: the answer comes back at once, marked, never an error."""
    query = EngineQuery(parse("budget").node, facets=False, deadline=Deadline(0.0))
    late = archive.engine.query(query)
    assert late.timed_out
    assert late.total <= 3
    on_time = archive.engine.query(EngineQuery(parse("budget").node, deadline=Deadline.after(60)))
    assert not on_time.timed_out and on_time.total == 3
    results = Archive(archive.engine, budget=0.0).search(SearchRequest(query="budget"))
    assert results.timed_out and TIMED_OUT_NOTICE in results.notices
    assert not archive.search(SearchRequest(query="budget")).timed_out


def test_a_query_without_facets_counts_none(archive: Archive) -> None:
    answer = archive.engine.query(EngineQuery(parse("budget").node, limit=2, facets=False))
    assert answer.total == 3 and len(answer.hits) == 2 and not any(answer.facets.values())


def test_an_export_is_one_pass_over_every_match(archive: Archive, contract_articles: list[Article]) -> None:
    export = archive.export(SearchRequest(query="pakistan", sort=Sort.NEWEST, page=2), 100)
    wanted = matching(contract_articles, lambda a: mentions(a, "pakistan"))
    assert {a.id for a in export.articles} == wanted and export.total == len(wanted)
    dates = [a.date for a in export.articles if a.date]
    assert dates == sorted(dates, reverse=True)
    assert len(archive.export(SearchRequest(query="pakistan"), 2).articles) == 2


def test_headline_matches_rank_first(archive: Archive) -> None:
    assert found(archive, "budget")[0] == "c01"
    assert set(found(archive, "squash")[:2]) == {"c06", "c07"}
    assert found(archive, "assembly")[-1] == "c11"  # the only one without it in the headline


def test_few_full_matches_are_followed_by_most_of_the_words(archive: Archive) -> None:
    results = archive.search(SearchRequest(query="hina rashid squash birmingham"))
    ids = [h.id for h in results.hits]
    assert results.notices and ids == ["c06", "c07"]
    assert results.total == len(ids)


def test_four_rare_words_beat_five_with_a_common_one(build: Build) -> None:
    """Five plain words are read as "at least three of them", and the words held are
    weighed by how rare they are."""
    archive = Archive(build(ranking_articles()))
    results = archive.search(SearchRequest(query="tehkal wedding firing enmity police"))
    assert [h.id for h in results.hits] == ["target", "weak"]  # the reports hold one word of five


def test_numbers_are_found_as_readers_type_them(build: Build) -> None:
    """News writes "3,000" and "Rs1,400"; readers type "3000" and "1400 rupees"."""
    quake = Article(
        id="quake", title="Quake toll rises", body="Nearly 3,000 people are dead after the quake."
    )
    wheat = Article(
        id="wheat", title="Wheat price", body="Flour sells at Rs1,400 a maund, a 29pc rise, $1.2bn a year."
    )
    other = Article(id="other", title="Quake drill", body="Some 3 000 pupils and 400 teachers took part.")
    archive = Archive(build([quake, wheat, other]))
    assert found(archive, "3000 dead") == ["quake"]
    assert found(archive, '"3,000 people"') == ["quake"]
    assert found(archive, "1400 maund") == ["wheat"]
    assert found(archive, "29 percent rise") == ["wheat"]
    assert found(archive, '"1.2 billion"') == []  # a decimal is one word: "1.2", not "1" and "2"
    assert found(archive, "1.2 billion") == ["wheat"]


def test_a_month_word_prefers_that_month_and_filters_nothing(build: Build) -> None:
    """No rally article writes its month: a date word is wanted, never required."""
    archive = Archive(build(ranking_articles()))
    for month, word in ((5, "may 2025"), (7, "july"), (3, "march 2025")):
        results = archive.search(SearchRequest(query=f"farmers rally canal plan {word}"))
        assert [h.id for h in results.hits][0] == f"rally-{month}", word
        assert results.total == 3, word


@pytest.mark.cluster
def test_the_cluster_ranks_its_best_matches_as_the_embedded_engine(
    sphinx_cluster: ClusterPlan, tmp_path: Path, contract_articles: list[Article]
) -> None:
    """The cluster's first page is ranked again by the embedded engine's scorer with the
    archive's statistics (`search.sphinx.rescoring`): the same scores, so the same order,
    as the embedded engine gives the same articles; without it, Sphinx's own order."""
    from search import ranking
    from search.sphinx.engine import SphinxEngine

    day = dt.date(2025, 2, 3)
    spelled = [  # one name, two spellings, each in two articles' people
        Article(f"g{i}", f"{name} chairs the senate session", f"{name} chaired the session {i}.", date=day)
        for i, name in enumerate(
            ["Yousaf Raza Gilani", "Yousaf Raza Gilani", "Yusuf Raza Gillani", "Yusuf Raza Gillani"]
        )
    ]
    spelled = [dataclasses.replace(a, people=(a.title.split(" chairs")[0],)) for a in spelled]
    articles = contract_articles + ranking_articles() + spelled
    engines: list[Engine] = [
        WhooshEngine(tmp_path / "whoosh"),
        SphinxEngine.from_url(sphinx_cluster.engine_url()),
    ]
    for engine in engines:
        generation = engine.begin(fresh=True)
        generation.write(articles)
        generation.commit()
        engine.switch(generation)
    embedded, cluster = (Archive(engine) for engine in engines)
    queries = [
        "tehkal wedding firing enmity police",  # soft: IDF-weighted coordination
        "farmers rally canal plan may 2025",  # a month preferred
        "budget assembly vote",
        '"imran khan"',  # a phrase's pairs
        "title:budget OR squ*",  # a field and a prefix
        "pakistan",
        "police report",  # forty near-equal reports: ties are broken newest first
        "gilani senate session",  # a name's other spelling found, and scored lower
    ]
    try:
        for query in queries:
            want = embedded.search(SearchRequest(query=query, collapse=False))
            got = cluster.search(SearchRequest(query=query, collapse=False))
            assert got.total == want.total, query
            assert [round(h.score, 3) for h in got.hits] == [round(h.score, 3) for h in want.hits], query
            assert got.hits, query
            every = embedded.search(SearchRequest(query=query, collapse=False, per_page=100)).hits
            scored = {h.id: round(h.score, 3) for h in every}  # equal scores may be ordered apart
            assert all(scored[h.id] == round(h.score, 3) for h in got.hits), query
        # And it explains them as the embedded engine does, part by part.
        request = SearchRequest(query="tehkal wedding firing enmity police", explain=True)
        want_parts, got_parts = (a.search(request).hits[0].explain for a in (embedded, cluster))
        assert got_parts is not None and want_parts is not None
        assert [(p.part, round(p.value, 3)) for p in got_parts.parts] == [
            (p.part, round(p.value, 3)) for p in want_parts.parts
        ]
        with ranking.without("rescoring"):  # Sphinx's own weights, on another scale
            hits = cluster.search(SearchRequest(query="budget assembly vote")).hits
        assert (
            hits
            and hits[0].score != embedded.search(SearchRequest(query="budget assembly vote")).hits[0].score
        )
    finally:
        for engine in engines:
            engine.close()


def test_each_hit_explains_its_score_or_says_why_not(archive: Archive) -> None:
    for query in ("hina rashid squash birmingham", '"imran khan" budget', "budget assembly vote", "squ*"):
        results = archive.search(SearchRequest(query=query, explain=True))
        assert results.hits, query
        for hit in results.hits:
            why = hit.explain
            assert why is not None and why.total == pytest.approx(hit.score)
            assert why.parts or not isinstance(archive.engine, WhooshEngine)  # Whoosh explains
            if why.parts:  # an engine that explains: the parts add up to the score
                assert sum(p.value for p in why.parts) == pytest.approx(why.total, rel=0.01)
                assert any(p.part.startswith(("title: ", "body: ", "title|body: ")) for p in why.parts)
            else:  # one that cannot says so
                assert why.note
    assert all(h.explain is None for h in archive.search(SearchRequest(query="budget")).hits)


# -- facets ----------------------------------------------------------------------------------


def counts(results_facet: list) -> dict[str, int]:  # type: ignore[type-arg]
    return {v.value: v.count for v in results_facet}


def test_facet_counts_are_exact(archive: Archive, contract_articles: list[Article]) -> None:
    results = archive.search(SearchRequest(query="pakistan", facet_limit=50))
    hits = [a for a in contract_articles if a.id in set(found(archive, "pakistan"))]
    assert counts(results.facets["person"]) == Counter(p for a in hits for p in a.people)
    assert counts(results.facets["country"]) == Counter(c for a in hits for c in a.countries)
    assert counts(results.facets["organisation"]) == Counter(o for a in hits for o in a.organisations)
    assert counts(results.facets["topic"]) == Counter(t for a in hits for t in a.topics)
    assert counts(results.facets["year"]) == Counter(str(a.date.year) for a in hits if a.date)
    assert counts(results.facets["month"]) == Counter(a.month for a in hits if a.month)


def test_facet_lists_are_cut_by_count_then_name(archive: Archive) -> None:
    people = archive.search(SearchRequest(facet_limit=3)).facets["person"]
    assert [(v.value, v.count) for v in people] == [
        ("Farah Qureshi", 3),
        ("Ali Kamali", 2),
        ("Hina Rashid", 2),
    ]


def test_people_and_countries_are_anded(archive: Archive, contract_articles: list[Article]) -> None:
    both = SearchRequest(people=("Hina Rashid", "Zain Abbasi"))
    assert set(found(archive, people=both.people)) == {"c07"}
    results = archive.search(SearchRequest(countries=("Pakistan", "India"), facet_limit=50))
    expected = matching(contract_articles, lambda a: {"Pakistan", "India"} <= set(a.countries))
    assert {h.id for h in results.hits} == expected and results.total == len(expected)
    selected = {v.value: (v.count, v.selected) for v in results.facets["country"]}
    assert selected["Pakistan"] == (len(expected), True) and selected["India"] == (len(expected), True)


def test_organisations_are_anded_and_searchable_by_field(
    archive: Archive, contract_articles: list[Article]
) -> None:
    both = ("Pakistan Democratic Alliance", "National Awami Front")
    results = archive.search(SearchRequest(organisations=both, facet_limit=50))
    expected = matching(contract_articles, lambda a: set(both) <= set(a.organisations))
    assert {h.id for h in results.hits} == expected == {"c04"}
    selected = {v.value: (v.count, v.selected) for v in results.facets["organisation"]}
    assert selected["National Awami Front"] == (1, True)
    assert results.hits[0].organisations == ("Pakistan Democratic Alliance", "National Awami Front")
    assert strict(archive, "org:awami") == matching(
        contract_articles, lambda a: "National Awami Front" in a.organisations
    )
    profile = archive.profile("organisation", "National Awami Front")
    assert profile is not None and profile.articles == 2
    assert {v.value for v in profile.organisations} == {
        "Pakistan Democratic Alliance",
        "Election Commission of Pakistan",
    }


def test_topics_are_ored_and_counted_as_if_unselected(
    archive: Archive, contract_articles: list[Article]
) -> None:
    results = archive.search(SearchRequest(topics=("sport", "weather"), facet_limit=50))
    expected = matching(contract_articles, lambda a: {"sport", "weather"} & set(a.topics))
    assert {h.id for h in results.hits} == expected
    topics = {v.value: (v.count, v.selected) for v in results.facets["topic"]}
    assert topics == {
        t: (n, t in ("sport", "weather"))
        for t, n in Counter(t for a in contract_articles for t in a.topics).items()
    }
    people = counts(results.facets["person"])
    assert people == Counter(p for a in contract_articles if a.id in expected for p in a.people)


def test_a_selected_value_outside_the_top_list_is_still_shown(archive: Archive) -> None:
    results = archive.search(SearchRequest(topics=("education",), facet_limit=1))
    topics = {v.value: (v.count, v.selected) for v in results.facets["topic"]}
    assert topics["education"] == (1, True) and len(topics) == 2


def test_date_filters_and_the_year_and_month_facets(
    archive: Archive, contract_articles: list[Article]
) -> None:
    request = SearchRequest(date_from=dt.date(2020, 1, 1), date_to=dt.date(2020, 12, 31), facet_limit=50)
    results = archive.search(request)
    expected = matching(contract_articles, lambda a: a.date is not None and a.date.year == 2020)
    assert {h.id for h in results.hits} == expected
    assert [(v.value, v.count, v.selected) for v in results.facets["year"]] == [("2020", len(expected), True)]
    june = archive.search(SearchRequest(date_from=dt.date(2020, 6, 1), date_to=dt.date(2020, 6, 30)))
    assert [(v.value, v.selected) for v in june.facets["month"]] == [("2020-06", True)]
    assert set(found(archive, date_to=dt.date(2019, 9, 30))) == {
        "c01",
        "c03",
    }  # undated never matches a range


# -- order and pages -----------------------------------------------------------------------


def test_sorting_by_date_puts_undated_last(archive: Archive, contract_articles: list[Article]) -> None:
    dated = sorted((a for a in contract_articles if a.date), key=lambda a: a.date)  # type: ignore[arg-type,return-value]
    assert found(archive, sort=Sort.OLDEST) == [a.id for a in dated] + ["c13"]
    assert found(archive, sort=Sort.NEWEST) == [a.id for a in reversed(dated)] + ["c13"]
    assert found(archive) == found(archive, sort=Sort.NEWEST)  # no query: newest first


def test_pages_are_exact_and_disjoint(archive: Archive, contract_articles: list[Article]) -> None:
    for sort in Sort:
        everything = found(archive, "pakistan", sort=sort)
        paged: list[str] = []
        for page in range(1, 6):
            results = archive.search(SearchRequest(query="pakistan", sort=sort, page=page, per_page=3))
            assert results.total == len(everything)
            paged += [h.id for h in results.hits]
        assert paged == everything
    assert archive.search(SearchRequest(query="pakistan", page=50, per_page=3)).hits == []


def test_snippets_are_escaped_with_marks(archive: Archive) -> None:
    results = archive.search(SearchRequest(query="restraint dialogue"))
    snippet = results.hits[0].snippet
    assert "<mark>restraint</mark>" in snippet and "<mark>dialogue</mark>" in snippet
    assert "&lt;em&gt;" in snippet and "&amp;" in snippet and "<em>" not in snippet
    assert snippet.replace("<mark>", "").replace("</mark>", "").count("<") == 0


# -- articles, values, stats -------------------------------------------------------------------


def test_articles_come_back_whole(archive: Archive, contract_articles: list[Article]) -> None:
    for article in contract_articles:
        assert archive.article(article.id) == article
    assert archive.article("no-such-id") is None


def test_facet_values_by_prefix(archive: Archive) -> None:
    assert [(v.value, v.count) for v in archive.facet_values("person", "ra")] == [("Hina Rashid", 2)]
    assert [v.value for v in archive.facet_values("country", "united")] == [
        "United States",
        "United Arab Emirates",
        "United Kingdom",
    ]
    assert archive.facet_values("person", "zzz") == []


def test_stats_describe_the_archive(archive: Archive, contract_articles: list[Article]) -> None:
    stats = archive.stats()
    assert stats.articles == len(contract_articles) and stats.undated == 1
    assert (stats.first_date, stats.last_date) == (dt.date(2019, 6, 28), dt.date(2021, 9, 30))
    assert [(v.value, v.count) for v in stats.per_year] == [("2019", 4), ("2020", 5), ("2021", 4)]
    assert stats.top["country"][0].value == "Pakistan"


def test_profiles(archive: Archive) -> None:
    profile = archive.profile("person", "Hina Rashid")
    assert profile is not None and profile.articles == 2
    assert [v.value for v in profile.people] == ["Zain Abbasi"]
    assert [v.value for v in profile.per_month] == ["2020-03", "2020-06"]
    assert archive.profile("person", "Nobody Here") is None


def test_related_articles_share_key_terms(archive: Archive) -> None:
    related = [h.id for h in archive.related("c06")]
    assert related and related[0] == "c07" and "c06" not in related  # the other squash story
    assert archive.related("no-such-id") == []


def test_did_you_mean_comes_from_the_archive_vocabulary(archive: Archive) -> None:
    results = archive.search(SearchRequest(query="squosh"))
    assert results.total == 0 and results.suggestion == "squash"
    assert archive.engine.spelling_candidates("squash") == ["squash"]
    assert archive.engine.spelling_candidates("glaciars")[:1] == ["glaciers"]


# -- writing: incremental runs and generations ---------------------------------------------------


def test_incremental_add_update_delete(build: Build, contract_articles: list[Article]) -> None:
    engine = build(contract_articles)
    archive = Archive(engine)
    assert [(v.value, v.count) for v in archive.facet_values("person", "tariq")] == [("Tariq Baloch", 2)]
    generation = engine.begin(fresh=False)
    changed = Article(
        **{**_fields(contract_articles[0]), "title": "Budget rejected by the senate", "content_hash": "h2"}
    )
    added = Article(
        id="c99",
        title="Senate elects a new chairman",
        body="The senate met in Islamabad.",
        date=dt.date(2022, 1, 5),
        people=("Tariq Baloch",),
        countries=("Pakistan",),
        topics=("politics",),
        content_hash="h99",
    )
    generation.write([changed, added])
    generation.delete(["c05", "no-such-id"])
    assert found(archive, "senate") == []  # nothing visible before the switch
    assert generation.commit() == len(contract_articles)
    engine.switch(generation)
    assert set(found(archive, "senate")) == {"c01", "c99"}
    assert found(archive, "wickets") == []
    assert archive.article("c01") == changed and archive.article("c05") is None
    prints = engine.fingerprints()
    assert prints["c01"].content_hash == "h2" and "c05" not in prints and prints["c99"].content_hash == "h99"
    assert counts(archive.search(SearchRequest(facet_limit=50)).facets["person"])["Tariq Baloch"] == 3
    assert [(v.value, v.count) for v in archive.facet_values("person", "tariq")] == [("Tariq Baloch", 3)]


def test_a_committed_generation_answers_before_it_is_live(
    build: Build, contract_articles: list[Article]
) -> None:
    engine = build(contract_articles)
    newer = [Article(**{**_fields(a), "id": f"n-{a.id}"}) for a in contract_articles[:3]]
    generation = engine.begin(fresh=True)
    generation.write(newer)
    assert generation.commit() == 3
    everything = EngineQuery(node=None, limit=10)
    assert {h.article.id for h in generation.query(everything).hits} == {a.id for a in newer}
    assert engine.query(everything).total == len({a.id for a in contract_articles})
    engine.switch(generation)
    assert engine.query(everything).total == 3


def test_full_reindex_switches_atomically_while_searching(
    build: Build, contract_articles: list[Article]
) -> None:
    engine = build(contract_articles)
    archive = Archive(engine)
    newer = [Article(**{**_fields(a), "id": f"n-{a.id}"}) for a in contract_articles[:5]]
    seen: set[int] = set()
    errors: list[BaseException] = []
    stop = threading.Event()

    def search() -> None:
        try:
            while not stop.is_set():
                seen.add(archive.search(SearchRequest(query="pakistan OR squash OR budget")).total)
        except BaseException as error:  # noqa: BLE001 - reported by the main thread
            errors.append(error)

    old_total = archive.search(SearchRequest(query="pakistan OR squash OR budget")).total
    reader = threading.Thread(target=search)
    reader.start()
    try:
        generation = engine.begin(fresh=True)
        for article in newer:
            generation.write([article])
        generation.commit()
        engine.switch(generation)
    finally:
        stop.set()
        reader.join()
    new_total = archive.search(SearchRequest(query="pakistan OR squash OR budget")).total
    assert not errors
    assert seen <= {old_total, new_total} and old_total in seen
    assert {h.id for h in archive.search(SearchRequest(per_page=100)).hits} == {a.id for a in newer}
    engine.rollback()
    assert archive.search(SearchRequest()).total == len(contract_articles)


def test_concurrent_searches_agree(build: Build, contract_articles: list[Article]) -> None:
    """The web app answers on several threads at once: same answers, no errors. Few-result
    queries are used on purpose: they also ask for spelling suggestions."""
    archive = Archive(build(contract_articles))
    queries = ["squosh", "budjet assembly", "kamali glaciers", "pakistan -india", "elections"]
    expected = {q: [h.id for h in archive.search(SearchRequest(query=q)).hits] for q in queries}
    errors: list[BaseException] = []
    wrong: list[str] = []

    def search() -> None:
        try:
            for _ in range(4):
                for q in queries:
                    if [h.id for h in archive.search(SearchRequest(query=q)).hits] != expected[q]:
                        wrong.append(q)
        except Exception as error:  # noqa: BLE001 - reported by the main thread
            errors.append(error)

    threads = [threading.Thread(target=search) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors and not wrong


def test_an_aborted_generation_leaves_the_live_one(build: Build, contract_articles: list[Article]) -> None:
    engine = build(contract_articles)
    generation = engine.begin(fresh=True)
    generation.write(contract_articles[:2])
    generation.abort()
    assert engine.query(EngineQuery(None, Filters(), limit=0)).total == len(contract_articles)


def _fields(article: Article) -> dict[str, object]:
    return {name: getattr(article, name) for name in Article.__dataclass_fields__}


def test_words_in_other_scripts(build: Build) -> None:
    urdu = Article(id="u1", title="لاہور میں بارش", body="Rain in Lahore. لاہور", date=dt.date(2022, 7, 1))
    greek = Article(id="g1", title="Αθήνα talks", body="Athens hosts the talks.", date=dt.date(2022, 7, 2))
    archive = Archive(build([urdu, greek]))
    assert strict(archive, "لاہور") == {"u1"}
    assert strict(archive, "αθηνα") == {"g1"}  # folded: accents dropped, as in the index
    assert strict(archive, "لاہ*") == {"u1"} and strict(archive, "لا*") == {"u1"}  # prefixes in any script
    assert strict(archive, "λα*") == set()
    assert "<mark>لاہور</mark>" in archive.search(SearchRequest(query="لاہور")).hits[0].snippet


# -- days of the year and counts per day (trend lines, "on this day") -----------------------------

#: Articles on the same days of other years (and a leap day) beside the contract articles.
SAME_DAYS = [
    Article(
        id="d1", title="Floods return to Sindh", body="Floods again in Sindh.", date=dt.date(2018, 8, 25)
    ),
    Article(id="d2", title="Budget on a leap day", body="A budget debate.", date=dt.date(2016, 2, 29)),
    Article(id="d3", title="Cricket at dusk", body="Pakistan play India.", date=dt.date(2022, 1, 12)),
]


def test_the_day_filter_keeps_that_day_of_every_year(build: Build, contract_articles: list[Article]) -> None:
    articles = contract_articles + SAME_DAYS
    archive = Archive(build(articles))
    for day in ("08-25", "02-29", "01-12", "12-31"):
        expected = matching(
            articles, lambda a, day=day: a.date is not None and a.date.strftime("%m-%d") == day
        )
        assert set(found(archive, day=day)) == expected, day
    assert set(found(archive, "floods", day="08-25")) == {"c08", "d1"}
    assert set(found(archive, "floods", day="08-25", date_from=dt.date(2019, 1, 1))) == {"c08"}
    results = archive.search(SearchRequest(day="01-12", facet_limit=50))
    assert {v.value for v in results.facets["year"]} == {"2020", "2022"}


def test_counts_per_day_are_the_matches_dates(build: Build, contract_articles: list[Article]) -> None:
    articles = contract_articles + SAME_DAYS
    engine = build(articles)
    everything = engine.dates(None, Filters())
    assert everything.days == Counter(a.date for a in articles if a.date)
    assert everything.undated == 1 and everything.total == len(articles)
    pakistan = engine.dates(parse("pakistan").node, Filters())
    expected = [a for a in articles if mentions(a, "pakistan")]
    assert pakistan.days == Counter(a.date for a in expected if a.date)
    assert pakistan.total == len(expected)
    topics = ("sport", "economy, business and finance")
    since = engine.dates(parse("pakistan").node, Filters(date_from=dt.date(2019, 10, 1), topics=topics))
    narrowed = Counter(
        a.date for a in expected if a.date and a.date >= dt.date(2019, 10, 1) and set(topics) & set(a.topics)
    )
    assert since.days == narrowed and len(narrowed) >= 2
    assert engine.dates(parse("zzzqqq").node, Filters()).total == 0


def test_document_frequencies_count_articles_holding_a_term(
    build: Build, contract_articles: list[Article]
) -> None:
    engine = build(contract_articles)
    wanted = ["flood", "squash", "wicket", "glacier", "nosuchterm"]
    expected = {t: sum(1 for a in contract_articles if t in terms(a.body)) for t in wanted}
    assert engine.document_frequencies(wanted) == expected
    assert expected["squash"] >= 2 and expected["nosuchterm"] == 0


def test_trends_and_significant_terms_through_either_engine(
    archive: Archive, contract_articles: list[Article]
) -> None:
    from search.significant import significant_terms
    from search.trends import Interval, trend

    searches = [SearchRequest(query="pakistan"), SearchRequest(query="budget")]
    found = trend(archive.engine, searches, Interval.YEAR)
    for search, series in zip(searches, found.series, strict=True):
        expected = Counter(
            str(a.date.year) for a in contract_articles if a.date and mentions(a, search.query)
        )
        assert {p.period.name: p.count for p in series.points if p.count} == expected
    years = Counter(str(a.date.year) for a in contract_articles if a.date)
    assert found.archive_counts == [years[p.name] for p in found.periods] and len(found.periods) >= 2
    assert found.archive_undated == 1
    everything = significant_terms(archive.engine, SearchRequest())
    assert everything.words == [] and everything.names == []  # the archive against itself
    pakistan = significant_terms(archive.engine, SearchRequest(query="pakistan"))
    assert pakistan.words and pakistan.words[0].text == "pakistan" and pakistan.sampled == pakistan.matches


# -- stories ---------------------------------------------------------------------------------


@pytest.fixture
def storied(build: Build, contract_articles: list[Article]) -> Archive:
    """The contract articles with two more versions of c01 (an update the same day, the print
    copy the next), the three making story c01; every other article a story of its own."""
    c01 = by_id(contract_articles, "c01")
    assert c01.date is not None
    versions = [
        dataclasses.replace(c01, id="c01-update", body=c01.body + "\n\nThe senate votes next week."),
        dataclasses.replace(c01, id="c01-print", date=c01.date + dt.timedelta(days=1)),
    ]
    articles = [dataclasses.replace(a, story="c01") if a.id == "c01" else a for a in contract_articles]
    return Archive(build(articles + [dataclasses.replace(v, story="c01") for v in versions]))


def _first_per_story(ids: list[str]) -> list[str]:
    seen: set[str] = set()
    out = []
    for article_id in ids:
        story = "c01" if article_id.startswith("c01") else article_id
        if story not in seen:
            seen.add(story)
            out.append(article_id)
    return out


@pytest.mark.parametrize("sort", list(Sort))
def test_collapsing_gives_one_entry_per_story_and_still_counts_articles(storied: Archive, sort: Sort) -> None:
    node = parse("budget").node
    every = storied.engine.query(EngineQuery(node, sort=sort, limit=100))
    collapsed = storied.engine.query(EngineQuery(node, sort=sort, limit=100, collapse=True))
    assert every.total == collapsed.total == 5
    assert every.stories == collapsed.stories == 3
    assert [h.article.id for h in collapsed.hits] == _first_per_story([h.article.id for h in every.hits])
    assert {h.article.story or h.article.id: h.versions for h in collapsed.hits} == {
        "c01": 3,
        "c02": 1,
        "c13": 1,
    }
    assert collapsed.facets == every.facets
    second = storied.engine.query(EngineQuery(node, sort=sort, offset=1, limit=1, collapse=True))
    assert [h.article.id for h in second.hits] == [h.article.id for h in collapsed.hits][1:2]


def test_a_story_lists_its_versions_oldest_first(storied: Archive) -> None:
    assert [a.id for a in storied.engine.versions("c01")] == ["c01", "c01-update", "c01-print"]
    results = storied.search(SearchRequest(query="budget"), others=True)
    assert (results.total, results.stories, len(results.hits)) == (5, 3, 3)
    grouped = next(h for h in results.hits if h.versions == 3)
    assert {v.id for v in grouped.others} == {"c01", "c01-update", "c01-print"} - {grouped.id}


@pytest.mark.parametrize("collapse", [False, True])
def test_pages_past_the_rescore_window_neither_repeat_nor_skip(build: Build, collapse: bool) -> None:
    """A cluster ranks its first `WINDOW` matches again (`search.sphinx.rescoring`) and the
    rest in its own order: paging through more matches than that, every article (or story)
    comes once. Reports in pairs make more stories than the window holds articles, and
    stories that straddle its end."""
    from search.sphinx.rescoring import WINDOW

    day = dt.date(2025, 1, 1)
    articles = [
        Article(
            f"r{i}",
            f"Police report {i}",
            " ".join(["The police report says"] * (1 + i % 5) + [f"case number {i} was filed."]),
            date=day + dt.timedelta(days=i % 7),
            story=f"s{i // 2}",
        )
        for i in range(2 * WINDOW + 10)
    ]
    archive = Archive(build(articles))
    request = SearchRequest(query="police report", collapse=collapse, per_page=7)
    seen: list[str] = []
    for page in range(1, archive.search(request).pages + 1):
        hits = archive.search(dataclasses.replace(request, page=page)).hits
        seen += [h.story if collapse else h.id for h in hits]
    assert sorted(seen) == sorted({a.story for a in articles} if collapse else {a.id for a in articles})
