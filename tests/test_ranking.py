"""Ranking on a real index: soft matching over most of the words, and its exceptions."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import pytest
from testdata import ranking_articles, whoosh_archive

from search import ranking
from search.archive import RELAXED_NOTICE, Archive
from search.models import Period, SearchRequest
from search.parser import parse, soften
from search.periods import read_period
from search.query import And, Maybe, Phrase, Soft, Term
from search.whoosh.plan import DATE_WEIGHT, FULL_NOTE, PARTIAL_NOTE


@pytest.fixture(scope="module")
def archive(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Archive]:
    archive = whoosh_archive(tmp_path_factory.mktemp("ranking"), ranking_articles())
    yield archive
    archive.close()


def ids(archive: Archive, query: str) -> list[str]:
    return [h.id for h in archive.search(SearchRequest(query=query)).hits]


def test_four_rare_words_beat_five_with_a_common_one(archive: Archive) -> None:
    query = "tehkal wedding firing enmity police"
    assert ids(archive, query)[0] == "target"
    with ranking.without("soft"):  # all the words first: the weak article holds every one
        assert ids(archive, query)[0] == "weak"


def test_a_soft_query_matches_most_words_not_one(archive: Archive) -> None:
    found = ids(archive, "tehkal wedding firing enmity police")
    assert set(found) == {"target", "weak"}  # the police reports hold one word of five


def test_when_no_article_holds_every_word_the_results_say_so(archive: Archive) -> None:
    assert RELAXED_NOTICE in archive.search(SearchRequest(query="tehkal wedding firing drone")).notices
    assert RELAXED_NOTICE not in archive.search(SearchRequest(query="tehkal wedding firing")).notices


def test_short_queries_phrases_and_an_explicit_and_keep_every_word(archive: Archive) -> None:
    assert soften(parse("tehkal wedding")) == And((Term("tehkal"), Term("wedding")))
    assert (
        soften(parse("tehkal AND wedding AND firing AND police"))
        == parse("tehkal wedding firing police").node
    )
    assert soften(parse('"old enmity" tehkal wedding firing')) == And(
        (Phrase(("old", "enmity")), Soft((Term("tehkal"), Term("wedding"), Term("firing")), 2))
    )
    assert ids(archive, "tehkal AND wedding AND firing AND enmity AND police")[0] == "weak"
    assert ids(archive, '"old enmity" wedding firing police') == ["target"]


TODAY = dt.date(2026, 12, 3)


def period(query: str) -> Period | None:
    parsed = parse(query)
    return read_period(parsed.text, parsed.node, TODAY)[1]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("floods in march 2024", Period("March 2024", dt.date(2024, 3, 1), dt.date(2024, 3, 31))),
        ("sindh floods september", Period("September, any year", month=9)),
        ("budget 2019 debate", Period("2019", dt.date(2019, 1, 1), dt.date(2019, 12, 31))),
        ("budget last year", Period("last year (2025)", dt.date(2025, 1, 1), dt.date(2025, 12, 31))),
        (
            "inflation this month",
            Period("this month (December 2026)", dt.date(2026, 12, 1), dt.date(2026, 12, 31)),
        ),
        ("the fifth of march cricket", Period("5 March, any year", month=3, day=5)),
        ("riots may 9th 2023", Period("9 May 2023", dt.date(2023, 5, 9), dt.date(2023, 5, 11))),
        ("aurat march lahore", None),  # "march" and "may" alone are words
        ("pm may visit china", None),
        ('"march 2024" floods', None),  # quoted: a phrase to find
        ("2024", None),  # nothing else to search for
        ("floods 30 february", Period("February, any year", month=2)),  # no such day: the month
    ],
)
def test_times_written_in_the_words(query: str, expected: Period | None) -> None:
    assert period(query) == expected


def test_a_named_time_leaves_its_words_optional() -> None:
    parsed = parse("sindh floods march 2024")
    node, _ = read_period(parsed.text, parsed.node, TODAY)
    assert node == And((Term("sindh"), Term("floods"), Maybe(Term("march")), Maybe(Term("2024"))))


def test_a_month_word_ranks_that_months_article_first(archive: Archive) -> None:
    for month, word in ((5, "may 2025"), (7, "july"), (3, "march 2025")):
        results = archive.search(SearchRequest(query=f"farmers rally canal plan {word}"))
        assert [h.id for h in results.hits][0] == f"rally-{month}", word
        assert results.period is not None and results.period.holds(dt.date(2025, month, 12))
        assert f"Showing articles from {results.period.label} first." in results.notices
        assert results.total == 3  # preferred, not filtered


def test_search_everywhere_reads_the_time_as_words(archive: Archive) -> None:
    results = archive.search(SearchRequest(query="farmers rally canal plan july", anytime=True))
    assert results.period is None and not any(n.startswith("Showing") for n in results.notices)
    assert [h.id for h in results.hits][0] == "rally-7"  # equal scores: the newest first
    with ranking.without("dates"):
        assert archive.search(SearchRequest(query="farmers rally canal plan may 2025")).period is None


def test_an_explanation_adds_up_and_names_each_part(archive: Archive) -> None:
    for query in (
        "tehkal wedding firing enmity police",
        "farmers rally canal plan may 2025",
        "tehkal AND drone",
    ):
        results = archive.search(SearchRequest(query=query, explain=True))
        for hit in results.hits:
            assert hit.explain is not None
            assert sum(p.value for p in hit.explain.parts) == pytest.approx(hit.score, rel=0.01)
    target = archive.search(SearchRequest(query="tehkal wedding firing enmity police", explain=True)).hits[0]
    assert target.explain is not None
    names = [p.part for p in target.explain.parts]
    assert {"title: tehkal", "body: tehkal", "title: wedding", "body: enmity"} <= set(names)
    assert any(n.startswith("coordination") for n in names) and any(n.startswith("lead") for n in names)
    assert names[-1].startswith("freshness")
    dated = archive.search(SearchRequest(query="farmers rally canal plan may 2025", explain=True)).hits
    assert [p.value for p in dated[0].explain.parts if p.part == "date preference: May 2025"] == [DATE_WEIGHT]  # type: ignore[union-attr]
    assert not [p for p in dated[1].explain.parts if p.part.startswith("date")]  # type: ignore[union-attr]


def test_an_explanation_says_when_holding_every_word_put_it_first(archive: Archive) -> None:
    query = "tehkal AND wedding AND firing AND enmity AND police"
    hits = archive.search(SearchRequest(query=query, explain=True)).hits
    assert [h.id for h in hits] == ["weak", "target"] and hits[1].score > hits[0].score
    assert [h.explain.note for h in hits] == [FULL_NOTE, PARTIAL_NOTE]  # type: ignore[union-attr]
