"""JSON and JSON lines: scraper dumps, one article object per `.json` or one per line.

The scraper schema of the Dawn and APP corpora (`title`, `content`, `link`,
`date_published`, `author`) is a case of a generic field mapping: for each article
field, the first record key in `FIELDS` that holds a value wins.

    title    title, headline, name            (site suffix "- Section - DAWN.COM" removed)
    body     content, body, text, articleBody, article_body, article, full_text, story,
             then subtitle, description, summary when there is no body
    url      link, url, canonical_url, canonical, article_source_link, source_url, href
    date     date_published, datePublished, published_at, published, publish_date,
             pubDate, date, created_at, dateList
    byline   author, byline, authors, creator  (a list is joined with ", ")
    section  section, articleSection           (else the title's section part)
    source   source, publisher, site_name, outlet (else the URL's host, see `SITES`)

A body holding HTML tags is reduced to its text; paragraphs are its lines; a
double-escaped "\\n" counts as a line break. A record with neither headline nor
text is skipped ("no article text"); one with a headline only is kept (Dawn's video
pages). A bad line becomes a `Skipped` and the good lines around it still count.

Dates, in order: the print footer in the body ("Published in Dawn, ..."), or a print
edition's closing credit ("(China Daily European Weekly 03/10/2017 page27)"), then the
date keys in `FIELDS["date"]` order; `dateList` (the archive day a scraper listed
the story under) is the last resort, as it is a publication day too. A wire dateline's
day ("ISLAMABAD, Aug 07 (APP):") wins over a record timestamp up to a week later, which
is a re-publication (`indexer.dates.dateline_day`).

For evaluation, `read_records` gives a JSON lines file's raw records and
`read_labelled` each article with one record field beside it (BBC's `category`).
"""

from __future__ import annotations

import gzip
import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from bs4 import BeautifulSoup

from indexer.dates import dateline_day, edition_date, find_print_footer, parse_date
from indexer.readers.normalize import (
    build_article,
    clean_line,
    split_dateline,
    split_paragraphs,
    split_site_title,
    web_address,
)
from indexer.readers.skipped import Skipped
from search.models import Article

#: Article field -> record keys to try, first non-empty wins. Documented in the module docstring.
FIELDS: dict[str, tuple[str, ...]] = {
    "title": ("title", "headline", "name"),
    "body": (
        "content",
        "body",
        "text",
        "articleBody",
        "article_body",
        "article",
        "full_text",
        "story",
        "subtitle",
        "description",
        "summary",
    ),
    "url": ("link", "url", "canonical_url", "canonical", "article_source_link", "source_url", "href"),
    "date": (
        "date_published",
        "datePublished",
        "published_at",
        "published",
        "publish_date",
        "pubDate",
        "date",
        "created_at",
        "dateList",
    ),
    "byline": ("author", "byline", "authors", "creator"),
    "section": ("section", "articleSection"),
    "source": ("source", "publisher", "site_name", "outlet"),
}

#: Site names as they end page titles, mapped to the publication's name (most specific host first).
SITES: dict[str, str] = {
    "herald.dawn.com": "Herald",
    "images.dawn.com": "Dawn Images",
    "dawn.com": "Dawn",
    "app.com.pk": "APP",
    "thenews.com.pk": "The News",
    "geo.tv": "Geo",
    "dailytimes.com.pk": "Daily Times",
    "thefrontierpost.com": "The Frontier Post",
    "thefridaytimes.com": "The Friday Times",
    "bbc.co.uk": "BBC",
    "bbc.com": "BBC",
    "cnn.com": "CNN",
    "aljazeera.com": "Al Jazeera",
    "tass.com": "TASS",
    "abcnews.go.com": "ABC News",
    "rte.ie": "RTÉ",
    "huffingtonpost.com": "HuffPost",
    "dw.com": "DW",
    "chinadaily.com.cn": "China Daily",
    "reuters.com": "Reuters",
}

#: Page titles a scraper picked up from a consent dialog instead of the story.
JUNK_TITLES = frozenset({"opt out of the sale or sharing of personal information"})

# Some scraper runs stored paragraph breaks double-escaped: a literal backslash-n in the text.
_ESCAPED_NEWLINE_RE = re.compile(r"(?<!\\)(?:\\r)?\\n")
_HTML_BODY_RE = re.compile(r"<(?:p|br|div|span|a)\b[^>]*>", re.IGNORECASE)


def source_for_url(url: str | None) -> str:
    """The publication's name from a URL's host (`europe.chinadaily.com.cn` -> "China Daily")."""
    if not url:
        return ""
    host = urlsplit(url).hostname or ""
    host = host.removeprefix("www.")
    for domain, name in SITES.items():
        if host == domain or host.endswith("." + domain):
            return name
    return host


def _first(record: dict[str, Any], field: str) -> Any:
    for key in FIELDS[field]:
        value = record.get(key)
        if value not in (None, "", [], {}):
            return value
    return None


def _text(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, list):
        value = ", ".join(_text(v) or "" for v in value if v)
    elif isinstance(value, dict):
        value = value.get("name") or value.get("@value") or ""
    return clean_line(str(value)) or None


def from_record(record: dict[str, Any], origin: str) -> Article | Skipped:
    """One article from one scraper record, or the reason it has none."""
    body = _first(record, "body")
    body = body if isinstance(body, str) else ""
    if "\\n" in body:  # the pattern starts with a look-behind: tried at every character
        body = _ESCAPED_NEWLINE_RE.sub("\n", body)
    if _HTML_BODY_RE.search(body):
        body = BeautifulSoup(body, "html.parser").get_text("\n")
    date = None
    footer = find_print_footer(body)
    if footer:
        date = footer[1]
        body = body[: footer[0].start()]
    else:
        date = edition_date(body)
    paragraphs = split_paragraphs(body)
    lead = paragraphs[0] if paragraphs else ""
    dateline = None
    if paragraphs:
        dateline, paragraphs[0] = split_dateline(paragraphs[0])
    url = web_address(_text(_first(record, "url")), origin)
    source = _text(_first(record, "source")) or source_for_url(url)
    site_names = (source, *SITES, *SITES.values())
    title, section = split_site_title(_text(_first(record, "title")) or "", site_names)
    if title.lower() in JUNK_TITLES or title.lower() in {name.lower() for name in site_names}:
        title = ""
    if not paragraphs and not title:
        return Skipped(origin, "no article text")
    if not date:
        for key in FIELDS["date"]:
            date = parse_date(str(record.get(key) or ""))
            if date:
                date = dateline_day(lead, date) or date
                break
    return build_article(
        title=title,
        paragraphs=paragraphs,
        source=source,
        url=url,
        section=_text(_first(record, "section")) or section,
        byline=_text(_first(record, "byline")),
        dateline=dateline,
        date=date,
        origin=origin,
    )


def parse_lines(text: str, origin: str) -> Iterator[Article | Skipped]:
    """JSON lines: one record per line, origin `<path>#<line number>`."""
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        record_origin = f"{origin}#{number}"
        try:
            record = json.loads(line)
        except ValueError:
            yield Skipped(record_origin, f"invalid JSON on line {number}")
            continue
        if not isinstance(record, dict):
            yield Skipped(record_origin, f"not a JSON object on line {number}")
            continue
        yield from_record(record, record_origin)


def parse_document(text: str, origin: str) -> Iterator[Article | Skipped]:
    """A `.json` file: one article object, or a list of them (origin `<path>#<index>`, from 1)."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        if "\n{" in text.strip():
            yield from parse_lines(text, origin)
        else:
            yield Skipped(origin, f"invalid JSON ({error.msg} at line {error.lineno})")
        return
    if isinstance(data, dict):
        yield from_record(data, origin)
    elif isinstance(data, list):
        for number, record in enumerate(data, start=1):
            if isinstance(record, dict):
                yield from_record(record, f"{origin}#{number}")
            else:
                yield Skipped(f"{origin}#{number}", f"not a JSON object at index {number}")
    else:
        yield Skipped(origin, "not a JSON object")


def read_records(path: Path) -> Iterator[dict[str, Any]]:
    """The raw records of a JSON lines file (gzip or not), for evaluation against labels
    a record carries beside the article, e.g. BBC's `category`. Invalid lines are left out."""
    opener = gzip.open if path.suffix == ".gz" else open
    with opener(path, "rt", encoding="utf-8-sig") as lines:
        for line in lines:
            try:
                record = json.loads(line)
            except ValueError:
                continue
            if isinstance(record, dict):
                yield record


def read_labelled(path: Path, label: str = "category") -> Iterator[tuple[Article, str | None]]:
    """Each article of a JSON lines file with the record's `label` value (BBC's topic class).

    The articles are exactly what the indexer reads from the file, so ids line up."""
    opener = gzip.open if path.suffix == ".gz" else open
    with opener(path, "rt", encoding="utf-8-sig") as lines:
        for number, line in enumerate(lines, start=1):
            try:
                record = json.loads(line)
            except ValueError:
                continue
            if isinstance(record, dict):
                article = from_record(record, f"{path.name}#{number}")
                if isinstance(article, Article):
                    yield article, _text(record.get(label))
