"""The Archive facade: what the web app and the command line get for a request."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from testdata import articles_from_jsonl, whoosh_archive

from search.archive import RELAXED_NOTICE, Archive
from search.models import MAX_FACET_LIMIT, MAX_RESULT_DEPTH, SearchRequest, Sort


@pytest.fixture(scope="module")
def archive(tmp_path_factory: pytest.TempPathFactory, test_data: Path):
    archive = whoosh_archive(tmp_path_factory.mktemp("index"), articles_from_jsonl())
    yield archive
    archive.close()


def search(archive: Archive, query: str = "", **kwargs) -> list[str]:
    return [h.id for h in archive.search(SearchRequest(query=query, **kwargs)).hits]


def test_query_language_end_to_end(archive: Archive) -> None:
    assert set(search(archive, '"imran khan"')) == {"t02", "t05", "t10"}
    assert search(archive, "rouhani -tehran") == ["t05"]
    assert set(search(archive, "floods OR glaciers")) == {"t06", "t09"}
    assert set(search(archive, "person:bajwa")) == {"t01", "t10"}
    assert set(search(archive, "date:2020-06")) == {"t11", "t12"}
    assert search(archive, "title:rupee") == ["t04"]


def test_malformed_queries_get_a_reading_and_a_notice(archive: Archive) -> None:
    for text in ['"imran khan', "(rouhani", "AND", "*", "nosuchfield:rupee", "x" * 10_000, "rupee\x00\x07"]:
        results = archive.search(SearchRequest(query=text))
        assert results.notices, text
    assert search(archive, "(rouhani") != []
    assert archive.search(SearchRequest(query=b"rupee \xff".decode("utf-8", "surrogateescape"))).total >= 0


def test_snippets_are_escaped_with_marks(archive: Archive) -> None:
    hit = archive.search(SearchRequest(query="loud")).hits[0]
    assert "<mark>loud</mark>" in hit.snippet
    assert "<script>" not in hit.snippet and "&lt;script&gt;" in hit.snippet
    assert "&amp;" in hit.snippet and "&lt;b&gt;" in hit.snippet


def test_partial_matches_come_with_a_notice(archive: Archive) -> None:
    results = archive.search(SearchRequest(query="rouhani tehran cricket"))
    assert RELAXED_NOTICE in results.notices
    assert results.hits[0].id == "t01"
    assert RELAXED_NOTICE not in archive.search(SearchRequest(query="imran khan")).notices


def test_did_you_mean_only_when_it_finds_more(archive: Archive) -> None:
    assert archive.search(SearchRequest(query="rouhni")).suggestion == "rouhani"
    assert archive.search(SearchRequest(query="imrna khan")).suggestion == "imran khan"
    assert archive.search(SearchRequest(query="rupee")).suggestion is None


def test_empty_query_with_filters_lists_newest_first(archive: Archive) -> None:
    results = archive.search(SearchRequest(people=("Babar Azam",)))
    assert [h.id for h in results.hits] == ["t12", "t03"]
    person = {v.value: v for v in results.facets["person"]}
    assert person["Babar Azam"].selected and person["Babar Azam"].count == 2


def test_year_selected_through_dates(archive: Archive) -> None:
    request = SearchRequest(date_from=dt.date(2019, 1, 1), date_to=dt.date(2019, 12, 31))
    results = archive.search(request)
    assert results.total == 5
    assert [(v.value, v.count, v.selected) for v in results.facets["year"]] == [("2019", 5, True)]


def test_pages(archive: Archive) -> None:
    first = archive.search(SearchRequest(sort=Sort.OLDEST, per_page=5))
    last = archive.search(SearchRequest(sort=Sort.OLDEST, per_page=5, page=3))
    beyond = archive.search(SearchRequest(sort=Sort.OLDEST, per_page=5, page=9))
    assert (first.total, first.pages, len(last.hits), beyond.hits) == (12, 3, 2, [])


def test_article_highlight_related(archive: Archive) -> None:
    article = archive.article("t07")
    assert article is not None and article.title.startswith("Markup")
    paragraphs = archive.highlight(article, "rupee")
    assert paragraphs == [p for p in paragraphs if "<script>" not in p]
    assert "<mark>rupee</mark>" in paragraphs[0]
    related = archive.related("t01")
    assert related and all(h.id != "t01" for h in related)


def test_facet_values_and_stats(archive: Archive) -> None:
    assert [v.value for v in archive.facet_values("person", "ba")] == ["Babar Azam", "Qamar Javed Bajwa"]
    stats = archive.stats()
    assert stats.articles == 12 and stats.undated == 1


def test_profile(archive: Archive) -> None:
    profile = archive.profile("person", "Imran Khan")
    assert profile is not None
    assert (profile.articles, profile.first, profile.last) == (3, dt.date(2019, 9, 27), dt.date(2020, 2, 10))
    assert [(m.value, m.count) for m in profile.per_month] == [("2019-09", 1), ("2019-10", 1), ("2020-02", 1)]
    assert "Imran Khan" not in [p.value for p in profile.people]
    assert {p.value for p in profile.people} == {"Hassan Rouhani", "Qamar Javed Bajwa"}
    assert [h.id for h in profile.latest] == ["t10", "t05", "t02"]
    assert profile.most_relevant[0].id in {"t02", "t05", "t10"}
    assert archive.profile("topic", "no such topic") is None


def test_requests_are_bounded() -> None:
    """Depth and facet lists have ceilings; the web app turns these into 400 messages."""
    assert SearchRequest(page=100, per_page=100).offset == 9_900
    with pytest.raises(ValueError, match=f"first {MAX_RESULT_DEPTH:,} results"):
        SearchRequest(page=101, per_page=100)
    with pytest.raises(ValueError, match="facet_limit"):
        SearchRequest(facet_limit=MAX_FACET_LIMIT + 1)


def test_a_profile_counts_only_the_top_of_its_facets(archive: Archive) -> None:
    profile = archive.profile("person", "Imran Khan")
    assert (
        profile is not None
        and len(profile.people) <= 10
        and "Imran Khan" not in {v.value for v in profile.people}
    )
