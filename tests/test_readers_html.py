"""Saved web pages: metadata, the article's own text, listing pages, and the hand-labelled quality bar."""

from __future__ import annotations

import csv
import datetime as dt
from pathlib import Path

import pytest

from indexer.readers import Skipped, SourceFile, read
from indexer.readers.html_eval import LABELS, broadsheet, evaluate, load_labels, summary
from search.models import Article

PANDA = "corpora/pakistani-news-html-panda"


def one(path: Path) -> Article | Skipped:
    (item,) = read(SourceFile(path, path.parent))
    return item


def test_article_page_metadata_and_clean_body(test_data: Path) -> None:
    article = one(test_data / "readers" / "article.html")
    assert isinstance(article, Article)
    assert article.title == "Ferry link restored after storm" and article.section == "Pakistan"
    assert article.url == "https://www.dawn.com/news/1000002/ferry-link-restored"
    assert article.id == "dawn.com/news/1000002/ferry-link-restored"
    assert article.source == "Dawn" and article.byline == "Imran Ayub"
    assert article.date == dt.date(2016, 7, 14) and article.dateline == "Karachi"
    assert article.paragraphs[0].startswith("The ferry link between Keamari and Manora")
    assert (
        article.paragraphs[-1] == "Café owners on the island said business would recover quickly."
    )  # cp1252 page
    assert "fifteen minutes — as before" in article.body  # entity decoded
    for chrome in (
        "cookies",
        "Home",
        "Share on Facebook",
        "Advertisement",
        "Related stories",
        "Manora residents",
        "Great news",
        "Copyright",
        "zebracode",
        "Published in",
    ):
        assert chrome not in article.body, chrome


def test_listing_page_is_not_an_article(test_data: Path) -> None:
    assert one(test_data / "readers" / "listing.html") == Skipped("listing.html", "not an article")


def test_truncated_and_empty_pages(tmp_path: Path) -> None:
    (tmp_path / "cut.html").write_text(
        "<html><head><title>Cut</title><meta property='og:type' content='article'>"
        "</head><body><div class='entry-content'><p>Only a few wor"
    )
    (tmp_path / "bare.html").write_text("<html><body></body></html>")
    assert one(tmp_path / "cut.html") == Skipped("cut.html", "no article text")
    assert one(tmp_path / "bare.html") == Skipped("bare.html", "no headline (truncated or empty page)")


def test_labels_cover_six_outlets_and_forty_pages() -> None:
    pages = load_labels(LABELS)
    assert len(pages) >= 40
    assert {p["outlet"] for p in pages} == {
        "Dawn",
        "TheNews",
        "DailyTimes",
        "FrontierPost",
        "Geo",
        "TheFridayTimes",
    }
    assert all(p["paragraphs"] for p in pages)


@pytest.mark.shared
def test_seed_style_dawn_page_ends_at_the_print_footer(shared_dir: Path) -> None:
    page = shared_dir / PANDA / "Dawn" / "page11-suicide-bombers-enter-pakistan.html"
    article = one(page)
    assert isinstance(article, Article)
    assert article.date == dt.date(2016, 4, 28) and article.dateline == "Islamabad"
    assert article.body.endswith("he added.") and "Published in" not in article.body
    assert "back stabbers" not in article.body  # a reader's comment


@pytest.mark.shared
@pytest.mark.slow
def test_every_listing_page_is_skipped_as_not_an_article(shared_dir: Path) -> None:
    root = shared_dir / PANDA
    with (root / "manifest.tsv").open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle, delimiter="\t"))
    listings = [
        r["path"]
        for r in rows
        if "/category/" in r["path"]
        or "/page/" in r["path"]
        or r["og_type"] in ("object", "website")
        or r["path"].split("/")[1].isdigit()
        and r["outlet"] == "TheFridayTimes"
    ]
    assert len(listings) >= 130
    for path in listings:
        (item,) = read(SourceFile(root / path, root))
        assert item == Skipped(path, "not an article"), path
    article_pages = [r["path"] for r in rows if r["path"] not in listings]
    kept = [
        item for p in article_pages for item in read(SourceFile(root / p, root)) if isinstance(item, Article)
    ]
    assert len(kept) >= len(article_pages) - 2  # a cartoon and an empty post have no text
    assert all(a.date is not None for a in kept)


@pytest.mark.shared
@pytest.mark.slow
def test_hand_labelled_pages_recall_and_chrome(shared_dir: Path) -> None:
    scores, _ = evaluate(broadsheet, shared_dir / PANDA)
    figures = summary(scores)
    assert figures["recall"] >= 0.95
    assert figures["chrome"] <= 0.02
