"""The archive's other spellings of a name typed: a query word that is part of the archive's
person or country names also matches the names' other transliterations (equal
`search.transliteration` keys), at a lower weight, where an article lacks the spelling typed;
`ranking.without("spellings")` takes it out."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import pytest
from testdata import whoosh_archive

from search import ranking
from search.archive import Archive
from search.models import Article, SearchRequest

DAY = dt.date(2024, 5, 2)


def _sharif(prefix: str, spelling: str, title: str, body: str) -> list[Article]:
    """Three articles that name the prime minister in one spelling only."""
    return [Article(f"{prefix}-{i}", f"{title} {i}", body, date=DAY, people=(spelling,)) for i in range(3)]


def _articles() -> list[Article]:
    typed = _sharif(
        "typed",
        "Shahbaz Sharif",
        "Shahbaz Sharif meets traders",
        "Prime Minister Shahbaz Sharif met traders in Lahore.",
    )
    other = _sharif(
        "other",
        "Shehbaz Sharif",
        "Shehbaz Sharif opens a hospital",
        "Prime Minister Shehbaz Sharif opened a hospital in Multan.",
    )
    unrelated = [
        Article(
            "shut",
            "Shops shut in Karachi",
            "Traders shut their shops for a day; a shot was heard near the market.",
            date=DAY,
        ),
    ]
    return [*typed, *other, *unrelated]


@pytest.fixture(scope="module")
def archive(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Archive]:
    archive = whoosh_archive(tmp_path_factory.mktemp("spellings"), _articles())
    yield archive
    archive.close()


def test_a_name_typed_in_one_spelling_finds_the_archives_other_spelling(archive: Archive) -> None:
    hits = archive.search(SearchRequest(query="shahbaz", explain=True)).hits
    assert {h.id for h in hits[:3]} == {"typed-0", "typed-1", "typed-2"}  # the spelling typed first
    assert {h.id for h in hits[3:]} == {"other-0", "other-1", "other-2"}
    for hit in hits[3:]:
        assert hit.explain is not None
        spelled = [p.part for p in hit.explain.parts if p.part.startswith("spelling: ")]
        assert spelled == ["spelling: shehbaz for shahbaz"]
        assert sum(p.value for p in hit.explain.parts) == pytest.approx(hit.score, rel=0.01)


def test_the_part_turned_off_finds_only_the_spelling_typed(archive: Archive) -> None:
    with ranking.without("spellings"):
        found = {h.id for h in archive.search(SearchRequest(query="shahbaz")).hits}
    assert found == {"typed-0", "typed-1", "typed-2"}


def test_everyday_words_are_not_spellings_of_each_other(archive: Archive) -> None:
    """The key is made for names: "shut" does not find "shot"."""
    assert {h.id for h in archive.search(SearchRequest(query="shot")).hits} == {"shut"}
