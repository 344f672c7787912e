"""Ranking on a real index: soft matching over most of the words, and its exceptions."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import pytest

from search import ranking
from search.archive import RELAXED_NOTICE, Archive
from search.models import Article, SearchRequest
from search.parser import parse, soften
from search.query import And, Phrase, Soft, Term
from search.whoosh.engine import WhooshEngine

FILLER = "officials said the matter was under review and more details would follow later"


def _articles() -> list[Article]:
    day = dt.date(2025, 1, 1)
    common = [
        Article(f"f{i}", f"Police report {i}", f"The police said {FILLER} number {i}.", date=day)
        for i in range(40)
    ]
    target = Article(
        "target",
        "Firing at Tehkal wedding over old enmity",
        "Five people died when firing broke out at a wedding in Tehkal. The enmity between "
        "two families went back years; the wedding guests fled the firing.",
        date=day,
    )
    weak = Article(
        "weak",
        "A long day in the city",
        f"{FILLER} " * 30 + "A police van passed a wedding; firing practice, enmity, Tehkal.",
        date=day,
    )
    return [*common, target, weak]


@pytest.fixture(scope="module")
def archive(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Archive]:
    folder = tmp_path_factory.mktemp("ranking")
    engine = WhooshEngine(folder)
    generation = engine.begin(fresh=True)
    generation.write(_articles())
    generation.commit()
    engine.switch(generation)
    engine.close()
    archive = Archive.open(folder)
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
