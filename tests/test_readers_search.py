"""The seed and the fixture files through the whole real path: files, indexer, index, search."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest

from broadsheet.cli import EXIT_OK, main
from search.archive import Archive
from search.models import SearchRequest


@pytest.fixture()
def archive(shared_dir: Path, test_data: Path, tmp_path: Path) -> Archive:
    corpus = tmp_path / "corpus"
    shutil.copytree(test_data / "readers", corpus)
    shutil.copy(shared_dir / "seed" / "000_0a7961073fb3a83a.txt", corpus)
    index = tmp_path / "index"
    assert main(["reindex", "--index", str(index), "--quiet", "--workers", "1", str(corpus)]) == EXIT_OK
    opened = Archive.open(index)
    yield opened
    opened.close()


def found(archive: Archive, query: str) -> list[str]:
    return [hit.title for hit in archive.search(SearchRequest(query=query)).hits]


def test_seed_is_found_by_its_words_and_not_by_the_page_chrome(archive: Archive) -> None:
    (title,) = found(archive, "Bajwa Rouhani")
    assert title.startswith("Army Chief Gen Qamar Bajwa")
    assert found(archive, "Sanaullah") == []
    assert found(archive, "malpractice") == []
    hit = archive.search(SearchRequest(query="Bajwa Rouhani")).hits[0]
    assert hit.date == dt.date(2019, 11, 20) and hit.dateline == "Islamabad"


def test_every_fixture_format_is_searchable_and_skips_stay_out(archive: Archive) -> None:
    assert found(archive, "Manora ferry")  # HTML
    assert found(archive, "wheat procurement target")  # JSON lines
    assert found(archive, "ferry islands storms")  # CSV
    assert found(archive, "PAKISTAN BUYS WHEAT")  # Reuters SGML
    assert found(archive, "Tramway") == [] and found(archive, "zebra") == []  # chrome after footers
    assert found(archive, "Accept all cookies") == []
