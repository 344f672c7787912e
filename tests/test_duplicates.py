"""Article identity through the real `broadsheet index` path: what is one article, what two.

The three-story export keeps its three stories; a short body shared by two headlines is
two articles; every repeat is listed with the copy kept and the rule; a keep-apart line
brings a dropped article back; /status links to the list; two records never share an id;
and an index built under the old id rule is migrated by the next run, nothing lost or doubled.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from broadsheet.cli import EXIT_OK, main
from indexer import reindex
from indexer.audit import audit
from indexer.readers import normalize
from search.archive import Archive
from search.runs import load_runs
from search.whoosh.engine import WhooshEngine
from web import create_app, pages

LONG = (
    "Flood waters rose across the southern districts on Tuesday as the river broke its banks in "
    "three places, forcing thousands of families to leave their homes for relief camps set up in "
    "schools, while officials warned that more rain was expected before the weekend and asked "
    "residents of low-lying villages to move to higher ground at once."
)
#: Reuters-21578 gives two companies' dividend notices exactly these words.
SHORT = "Qtly div 20 cts vs 20 cts previously. Pay April 15. Record March 23."


def _jsonl(path: Path, *records: dict[str, str]) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return path


def _index(index: Path, *paths: Path) -> int:
    return main(["index", "--index", str(index), "--quiet", "--workers", "1", *map(str, paths)])


def _ids(index: Path) -> set[str]:
    archive = Archive.open(index)
    try:
        return set(archive.engine.fingerprints())
    finally:
        archive.close()


def _duplicates(index: Path, capsys: pytest.CaptureFixture[str]) -> list[dict[str, str]]:
    capsys.readouterr()
    assert main(["duplicates", "--json", "--index", str(index)]) == EXIT_OK
    listed = json.loads(capsys.readouterr().out)
    assert listed["count"] == len(listed["duplicates"])
    return listed["duplicates"]


def test_the_three_story_export_indexes_three_articles(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    stories = [
        {
            "title": f"Story {number}",
            "content": f"Story number {number} of the old paper, told in its own words. " * (number - 99),
            "link": f"http://oldpaper.example/story.php?id={number}&utm_source=export&utm_medium=rss",
        }
        for number in (101, 102, 103)
    ]
    again = {**stories[0], "link": "https://www.oldpaper.example/story.php?utm_source=mail&id=101"}
    corpus = _jsonl(tmp_path / "corpus" / "export.jsonl", *stories, again)
    index = tmp_path / "index"

    assert _index(index, corpus.parent) == EXIT_OK
    run = load_runs(index)[0]
    assert (run.added, run.duplicates, run.articles) == (3, 1, 3)
    assert _ids(index) == {f"oldpaper.example/story.php?id={n}" for n in (101, 102, 103)}
    [repeat] = _duplicates(index, capsys)
    assert repeat["kept_id"] == "oldpaper.example/story.php?id=101" and repeat["rule"] == "same URL"
    assert repeat["origin"].endswith("export.jsonl#4") and repeat["kept_origin"].endswith("export.jsonl#1")

    # A repeat in a new file of an article in an unchanged one: its origin is the stored one's.
    later = {**stories[1], "link": "https://oldpaper.example/story.php?id=102&utm_campaign=x"}
    _jsonl(tmp_path / "corpus" / "later.jsonl", later)
    assert _index(index, corpus.parent) == EXIT_OK
    repeats = sorted(_duplicates(index, capsys), key=lambda found: found["origin"])
    assert [(found["origin"][-14:], found["kept_origin"][-14:]) for found in repeats] == [
        ("export.jsonl#4", "export.jsonl#1"),
        ("/later.jsonl#1", "export.jsonl#2"),
    ]


def test_same_words_are_one_article_only_when_long_enough(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    corpus = tmp_path / "corpus"
    _jsonl(
        corpus / "wire.jsonl",
        {"title": "Quaker Oats regular dividend", "content": SHORT, "date": "1987-03-05"},
        {"title": "Unibancorp regular dividend set", "content": SHORT, "date": "1987-03-05"},
        {"title": "Quaker Oats regular dividend", "content": SHORT, "date": "1987-03-05"},
        {"title": "Floods force thousands out", "content": LONG, "link": "https://a.example/floods"},
        {"title": "Thousands flee the floods", "content": LONG, "link": "https://b.example/2019/floods"},
    )
    index = tmp_path / "index"

    assert _index(index, corpus) == EXIT_OK
    assert load_runs(index)[0].articles == 3
    repeats = {d["origin"].rsplit("#")[-1]: d for d in _duplicates(index, capsys)}
    assert set(repeats) == {"3", "5"}
    assert repeats["3"]["kept_id"] == "wire.jsonl#1" and repeats["3"]["rule"] == "same text"
    assert repeats["5"]["kept_id"] == "a.example/floods" and repeats["5"]["rule"] == "same text"
    assert repeats["5"]["url"] == "https://b.example/2019/floods"


def test_a_keep_apart_line_brings_back_a_dropped_article(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    corpus = tmp_path / "corpus"
    _jsonl(corpus / "a.jsonl", {"title": "Floods", "content": LONG, "link": "https://a.example/floods"})
    _jsonl(corpus / "b.jsonl", {"title": "Floods again", "content": LONG, "link": "https://b.example/floods"})
    index = tmp_path / "index"
    assert _index(index, corpus) == EXIT_OK
    assert _ids(index) == {"a.example/floods"}
    assert [d["kept_id"] for d in _duplicates(index, capsys)] == ["a.example/floods"]

    (index / "keep-apart.txt").write_text(
        "# a keeper's ruling\nhttps://b.example/floods   a.example/floods\nnot-a-pair\n", encoding="utf-8"
    )
    assert _index(index, corpus) == EXIT_OK
    run = load_runs(index)[0]
    assert (run.added, run.duplicates, run.articles) == (1, 0, 2)
    assert _ids(index) == {"a.example/floods", "b.example/floods"}
    assert _duplicates(index, capsys) == []
    log = max((index / "logs").iterdir()).read_text(encoding="utf-8")
    assert "keep-apart.txt line 3: expected two ids or URLs, found 1" in log


def test_two_records_never_share_an_id(tmp_path: Path) -> None:
    first, second = tmp_path / "one" / "news", tmp_path / "two" / "news"
    for root, place in ((first, "LAHORE"), (second, "QUETTA")):
        root.mkdir(parents=True)
        (root / "story.txt").write_text(
            f"{place}: The provincial assembly met on Monday and passed the annual budget after a long "
            f"debate in which members from {place.title()} asked for more money for schools and roads.\n",
            encoding="utf-8",
        )
    _jsonl(
        first / "wire.jsonl",
        {"title": "One", "content": "First story."},
        {"title": "Two", "content": "Second."},
    )
    stories = "".join(
        f"<REUTERS><DATE>26-FEB-1987</DATE><TEXT><TITLE>{title}</TITLE>"
        f"<BODY>{title} said so today.</BODY></TEXT></REUTERS>\n"
        for title in ("GRAIN EXPORTS RISE", "COPPER PRICE CUT")
    )
    (first / "nonewid.sgm").write_text(stories, encoding="latin-1")
    index = tmp_path / "index"

    assert _index(index, first, second) == EXIT_OK
    assert _ids(index) == {
        "story.txt",
        "story.txt~2",
        "wire.jsonl#1",
        "wire.jsonl#2",
        "nonewid.sgm#?",
        "nonewid.sgm#?~2",
    }
    assert _index(index, first, second) == EXIT_OK  # a second run finds the same ids unchanged
    assert (load_runs(index)[0].unchanged, load_runs(index)[0].articles) == (6, 6)

    separately = tmp_path / "separately"
    assert _index(separately, first) == EXIT_OK and _index(separately, second) == EXIT_OK
    assert {"story.txt", "story.txt~2"} <= _ids(separately)


def test_an_index_built_under_the_old_id_rule_is_migrated(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    corpus = tmp_path / "corpus"
    _jsonl(
        corpus / "news.jsonl",
        *(
            {
                "title": f"Story {n}",
                "content": f"Story {n}: {LONG}",
                "link": f"https://www.example.test/news/{n}/",
            }
            for n in (1, 2, 3)
        ),
        {"title": "No link", "content": "A record without a web address, read from its line."},
    )
    index = tmp_path / "index"
    with monkeypatch.context() as old_rule:
        old_rule.setattr(normalize, "article_id", lambda url, origin: url or origin)
        old_rule.setattr(reindex, "IDENTITY_VERSION", "before")
        assert _index(index, corpus) == EXIT_OK
    old_ids = _ids(index)
    assert "https://www.example.test/news/1/" in old_ids and len(old_ids) == 4

    assert _index(index, corpus) == EXIT_OK
    run = load_runs(index)[0]
    assert (run.renamed, run.added, run.deleted, run.articles) == (3, 0, 0, 4)
    assert "3 renamed" in run.line()
    assert _ids(index) == {
        "example.test/news/1",
        "example.test/news/2",
        "example.test/news/3",
        "news.jsonl#4",
    }
    log = max((index / "logs").iterdir()).read_text(encoding="utf-8")
    assert "renamed https://www.example.test/news/2/ -> example.test/news/2" in log

    assert _index(index, corpus) == EXIT_OK  # and then it is an ordinary steady state
    assert (load_runs(index)[0].unchanged, load_runs(index)[0].renamed) == (4, 0)


def test_status_links_to_a_paginated_escaped_list_of_duplicates(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    corpus = tmp_path / "corpus"
    hostile = "<script>alert(1)</script> Floods"
    _jsonl(
        corpus / "wire.jsonl",
        {"title": "Floods", "content": LONG, "link": "https://a.example/floods"},
        {"title": hostile, "content": LONG, "link": "https://b.example/floods"},
        {"title": "Floods, again", "content": LONG, "link": "https://a.example/floods?utm_source=x"},
    )
    index = tmp_path / "index"
    assert _index(index, corpus) == EXIT_OK
    monkeypatch.setattr(pages, "DUPLICATES_PER_PAGE", 1)
    client = create_app({"INDEX_DIR": index}).test_client()

    status = BeautifulSoup(client.get("/status").text, "html.parser")
    link = status.find("a", string=lambda text: bool(text) and "2 records left out" in text)
    assert link is not None and link["href"] == "/duplicates"

    first = client.get("/duplicates")
    assert first.status_code == 200 and "<script>alert(1)" not in first.text
    soup = BeautifulSoup(first.text, "html.parser")
    assert hostile in soup.select_one("tbody td").get_text() and "same text" in soup.select_one("tbody").text
    kept = soup.select_one("tbody td a")
    assert kept.get_text() == "a.example/floods" and client.get(kept["href"]).status_code == 200
    second = BeautifulSoup(client.get(soup.select_one("a[rel=next]")["href"]).text, "html.parser")
    assert "same URL" in second.select_one("tbody").text and "Page 2 of 2" in second.text
    assert client.get("/duplicates?page=3").status_code == 404
    assert client.get("/duplicates?page=x").status_code == 404
    # Where each copy was read from is a path on the server: shown only with SHOW_PATHS.
    assert str(corpus) not in first.text
    shown = create_app({"INDEX_DIR": index, "SHOW_PATHS": True}).test_client().get("/duplicates")
    assert str(corpus) in shown.text


def test_a_moved_archive_keeps_its_ids(tmp_path: Path) -> None:
    old, new = tmp_path / "old" / "news", tmp_path / "new" / "news"
    _jsonl(
        old / "wire.jsonl",
        {"title": "One", "content": "First story."},
        {"title": "Two", "content": "Second."},
    )
    index = tmp_path / "index"
    assert _index(index, old) == EXIT_OK
    new.parent.mkdir()
    old.rename(new)
    assert _index(index, new) == EXIT_OK
    assert _ids(index) == {"wire.jsonl#1", "wire.jsonl#2"} and load_runs(index)[0].updated == 2
    engine = WhooshEngine(index)
    try:
        assert audit(engine, index, [new]).ok
    finally:
        engine.close()
