"""Query-time abbreviation alternatives: the tree rewrite, and on the bundled corpus an
abbreviation the archive defines finds the articles that only spell it out."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from broadsheet.cli import EXIT_OK, main
from search import alternatives
from search.acronyms import AcronymTable
from search.archive import Archive
from search.models import SearchRequest
from search.parser import parse
from search.query import And, Or, Phrase, Term, Weighted

ROOT = Path(__file__).resolve().parents[1]
TABLE = AcronymTable.build(
    {
        ("NAB", "National Accountability Bureau"): 3,
        ("FBR", "Federal Board of Revenue"): 2,
        ("XYZ", "Xeno Yard Zone"): 1,
    }
)


def test_an_acronym_gains_its_expansion_as_a_weaker_phrase() -> None:
    node = alternatives.expand(parse("NAB chairman").node, TABLE)
    expansion = Weighted(Phrase(("National", "Accountability", "Bureau")), alternatives.WEIGHT / 3)
    assert node == And((Or((Term("nab"), expansion)), Term("chairman")))


def test_an_expansion_typed_out_gains_its_acronym() -> None:
    node = alternatives.expand(parse("federal board of revenue raids").node, TABLE)
    spelled = And((Term("federal"), Term("board"), Term("revenue")))
    assert node == And((Or((spelled, Weighted(Term("FBR"), alternatives.WEIGHT))), Term("raids")))
    quoted = alternatives.expand(parse('"national accountability bureau"').node, TABLE)
    assert quoted == Or((Phrase(("national", "accountability", "bureau")), Weighted(Term("NAB"), 0.5)))


@pytest.mark.parametrize("query", ["xyz", "-nab budget", "nab*", "title:nab", "it"])
def test_what_is_not_a_trusted_plain_acronym_is_left_alone(query: str) -> None:
    node = parse(query).node
    assert alternatives.expand(node, TABLE) == node


@pytest.fixture(scope="module")
def bundled(tmp_path_factory: pytest.TempPathFactory) -> Path:
    index = tmp_path_factory.mktemp("bundled") / "index"
    corpus = tmp_path_factory.mktemp("corpus")
    shutil.copytree(ROOT / "corpus", corpus, dirs_exist_ok=True)
    assert main(["reindex", "--index", str(index), "--quiet", "--workers", "1", str(corpus)]) == EXIT_OK
    return index


def test_an_abbreviation_learned_from_the_bundled_corpus_finds_the_spelled_out_form(
    bundled: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    archive = Archive.open(bundled)
    try:
        assert archive.engine.acronyms().expansion("NAF") == "National Awami Front"
        with_alternatives = _ids(archive, "NAF")
        spelled_only = {
            article_id
            for article_id in with_alternatives
            if "NAF" not in _body(archive, article_id)
            and "National Awami Front" in _body(archive, article_id)
        }
        assert spelled_only  # articles that never write "NAF" are found by it
        monkeypatch.setenv(alternatives.SWITCH, "off")
        assert not spelled_only & _ids(archive, "NAF")
        monkeypatch.delenv(alternatives.SWITCH)
        assert _ids(Archive(archive.engine, alternatives=False), "NAF") == with_alternatives - spelled_only
        # The words typed still come first: every article holding "NAF" ranks above the rest.
        ranked = [hit.id for hit in archive.search(SearchRequest(query="NAF", per_page=100)).hits]
        holding = [i for i, article_id in enumerate(ranked) if article_id not in spelled_only]
        assert holding == list(range(len(holding)))
    finally:
        archive.close()


def _ids(archive: Archive, query: str) -> set[str]:
    return {hit.id for hit in archive.search(SearchRequest(query=query, per_page=100)).hits}


def _body(archive: Archive, article_id: str) -> str:
    article = archive.article(article_id)
    assert article is not None
    return article.title + " " + article.body
