"""Saved web pages: metadata from the head, the article's own text from its container.

BeautifulSoup (lxml parser) reads the page once. Metadata comes from `og:`/`article:`
meta tags, JSON-LD, `<time>` and the print footer; section fronts, search and listing
pages are recognised and skipped as "not an article"; the body comes from
`html_clean`, which removes page furniture (navigation, asides, related stories,
comments, ads, share bars, cookie banners, scripts, styles, forms).
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Iterator
from typing import Any
from urllib.parse import urlsplit

from bs4 import BeautifulSoup

from indexer.dates import date_in_text, find_print_footer, parse_date
from indexer.readers.html_clean import Index, extract_body, index_tags
from indexer.readers.jsonlines import SITES, source_for_url
from indexer.readers.normalize import (
    build_article,
    clean_line,
    decode,
    split_dateline,
    split_site_title,
    web_address,
)
from indexer.readers.skipped import Skipped
from search.models import Article

NOT_AN_ARTICLE = "not an article"


_LISTING_PATH_RE = re.compile(
    r"/(?:page/\d+|category|tag|tags|author|search|archive)(?:/|\.html|$)", re.IGNORECASE
)
#: Elements that are never article text, each with its closing tag; and an HTML comment.
_NEVER_TEXT_OPEN_RE = re.compile(
    r"<(?:(?P<script>script)|(?P<style>style)|(?P<noscript>noscript)|(?P<svg>svg)|(?P<select>select)"
    r"|(?P<iframe>iframe)|(?P<nav>nav))\b|<(?P<comment>!--)",
    re.IGNORECASE,
)
_NEVER_TEXT_CLOSE_RES = {
    name: re.compile(rf"</{name}\s*+>", re.IGNORECASE)
    for name in ("script", "style", "noscript", "svg", "select", "iframe", "nav")
}
_LD_JSON_RE = re.compile(r"ld\+json", re.IGNORECASE)
_CHARSET_RE = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?([\w.:-]+)""", re.IGNORECASE)

#: A page that says it is an article (og:type, JSON-LD, articleBody) has at least this many
#: words of story; one that does not must show more, in two paragraphs or more, because
#: a listing page's lone teaser is otherwise easily taken for a short story.
MIN_ARTICLE_WORDS = 30
MIN_UNDECLARED_WORDS = 100


def parse(data: bytes, origin: str) -> Article | Skipped:
    """One article from the bytes of a saved page, or the reason it is not one."""
    soup = make_soup(data)
    index = index_tags(soup)
    meta = _meta(index)
    url = web_address(meta.get("og:url"), origin) or _canonical(index, origin)
    title, section = _headline(index, meta, url)
    if not title:
        return Skipped(origin, "no headline (truncated or empty page)")
    headline_links = _headline_links(index)
    if _is_listing(index, meta, url, headline_links):
        return Skipped(origin, NOT_AN_ARTICLE)
    page_date, byline = _date(index, meta), _byline(index, meta)
    declared = _declares_article(index, meta)
    body, footer_date = cut_print_footer(extract_body(soup, index))
    words = sum(len(p.split()) for p in body)
    if declared and words < MIN_ARTICLE_WORDS:
        return Skipped(origin, NOT_AN_ARTICLE if headline_links >= 15 else "no article text")
    if not declared and (words < MIN_UNDECLARED_WORDS or len(body) < 2):
        return Skipped(origin, NOT_AN_ARTICLE)
    dateline, body[0] = split_dateline(body[0])
    return build_article(
        title=title,
        paragraphs=body,
        source=meta.get("og:site_name") or source_for_url(url),
        url=url,
        section=meta.get("article:section") or section,
        byline=byline,
        dateline=dateline,
        date=footer_date or page_date,
        origin=origin,
    )


def make_soup(data: bytes) -> BeautifulSoup:
    """The parsed page, decoded by BOM, UTF-8, the page's declared charset, then cp1252.

    Scripts (except JSON-LD), styles, SVG, menus and HTML comments are cut out of the
    text before parsing: they are never article text, and building BeautifulSoup's tree
    for them was a third of the reader's time."""
    declared = _CHARSET_RE.search(data[:4096])
    text = decode(data, declared.group(1).decode("ascii") if declared else None)
    return BeautifulSoup(without_never_text(text), "lxml")


def without_never_text(text: str) -> str:
    """The page with each script (but JSON-LD), style, noscript, SVG, select, iframe, nav
    and comment replaced by a space, from its opening tag to the first closing tag after it.

    A scan rather than one pattern: a pattern retries from every unclosed `<script>` to
    the end of the page (5 s for 8,000 of them). Here an element that finds no closing tag
    is not looked for again, as none after it can find one either, so time is linear."""
    pieces: list[str] = []
    kept_from = at = 0
    unclosed: set[str] = set()
    tag_end = ld_json_at = -1  # the `>` ending the current opening tag; the last "ld+json" before it
    while (opening := _NEVER_TEXT_OPEN_RE.search(text, at)) is not None:
        kind = opening.lastgroup or "comment"
        at = opening.start() + 1
        if kind in unclosed:
            continue
        if kind == "comment":
            end = text.find("-->", opening.end())
            if end < 0:
                unclosed.add(kind)
                continue
            end += len("-->")
        else:
            if tag_end < opening.end():  # tags with no `>` between them share the one after
                tag_end = text.find(">", opening.end())
                if tag_end < 0:
                    unclosed.update(_NEVER_TEXT_CLOSE_RES)
                    continue
                ld_json_at = max(
                    (m.start() for m in _LD_JSON_RE.finditer(text, opening.end(), tag_end)), default=-1
                )
            if kind == "script" and ld_json_at >= opening.end():
                continue
            closing = _NEVER_TEXT_CLOSE_RES[kind].search(text, tag_end + 1)
            if closing is None:
                unclosed.add(kind)
                continue
            end = closing.end()
        pieces += (text[kept_from : opening.start()], " ")
        kept_from = at = end
    pieces.append(text[kept_from:])
    return "".join(pieces)


def cut_print_footer(body: list[str]) -> tuple[list[str], dt.date | None]:
    """Paragraphs before a "Published in Dawn, <date>" footer, and the footer's print date."""
    for index, paragraph in enumerate(body):
        footer = find_print_footer(paragraph)
        if footer:
            kept = body[:index] + ([paragraph[: footer[0].start()].strip()] if footer[0].start() else [])
            return kept, footer[1]
    return body, None


def _meta(index: Index) -> dict[str, str]:
    """`<meta property|name|itemprop=... content=...>` plus JSON-LD fields, first value wins."""
    values: dict[str, str] = {}
    for tag in index.get("tag:meta", ()):
        key = tag.get("property") or tag.get("name") or tag.get("itemprop")
        content = tag.get("content")
        if isinstance(key, str) and isinstance(content, str) and content.strip():
            values.setdefault(key.strip().lower(), clean_line(content))
    for script in (s for s in index.get("tag:script", ()) if s.get("type") == "application/ld+json"):
        for item in _json_ld(script.string or ""):
            for key in ("datePublished", "headline", "articleSection"):
                if isinstance(item.get(key), str):
                    values.setdefault("ld:" + key.lower(), clean_line(item[key]))
            author = item.get("author")
            author = author[0] if isinstance(author, list) and author else author
            if isinstance(author, dict) and isinstance(author.get("name"), str):
                values.setdefault("ld:author", clean_line(author["name"]))
    return values


def _json_ld(text: str) -> Iterator[dict[str, Any]]:
    try:
        data = json.loads(text)
    except ValueError:
        return
    stack = [data]
    while stack:
        item = stack.pop()
        if isinstance(item, list):
            stack.extend(item)
        elif isinstance(item, dict):
            yield item
            stack.extend(v for k, v in item.items() if k == "@graph")


def _canonical(index: Index, origin: str) -> str | None:
    link = next(iter(index.get("rel:canonical", ())), None)
    href = link.get("href") if link is not None else None
    return web_address(href.strip(), origin) if isinstance(href, str) else None


def _headline(index: Index, meta: dict[str, str], url: str | None) -> tuple[str, str | None]:
    """og:title, else the h1, else <title>; the site suffix removed (and kept as section)."""
    site_names = (
        tuple(SITES)
        + tuple(SITES.values())
        + tuple(n for n in (meta.get("og:site_name"), source_for_url(url), urlsplit(url or "").hostname) if n)
    )
    h1 = next(iter(index.get("tag:h1", ())), None)
    title_tag = next(iter(index.get("tag:title", ())), None)
    for candidate in (
        meta.get("og:title"),
        meta.get("ld:headline"),
        h1.get_text(" ") if h1 is not None else None,
        title_tag.get_text(" ") if title_tag is not None else None,
    ):
        if candidate and clean_line(candidate):
            return split_site_title(candidate, site_names)
    return "", None


def _is_listing(index: Index, meta: dict[str, str], url: str | None, headline_links: int) -> bool:
    """Section fronts, search and archive pages: many headline links, little prose."""
    og_type = meta.get("og:type", "").lower()
    if og_type in ("website", "object", "profile") or _LISTING_PATH_RE.search(urlsplit(url or "").path):
        return True
    if og_type == "article":
        return False
    prose = sum(
        words for words in (len(p.get_text(" ").split()) for p in index.get("tag:p", ())) if words >= 25
    )
    return headline_links >= 25 and prose < 12 * headline_links


def _declares_article(index: Index, meta: dict[str, str]) -> bool:
    return (
        meta.get("og:type", "").lower() == "article"
        or "article:published_time" in meta
        or "ld:datepublished" in meta
        or "itemprop:articleBody" in index
    )


def _headline_links(index: Index) -> int:
    """Links whose text reads like a headline (four words or more)."""
    return sum(
        1 for link in index.get("tag:a", ()) if link.get("href") and len(link.get_text(" ").split()) >= 4
    )


def _date(index: Index, meta: dict[str, str]) -> dt.date | None:
    for key in (
        "article:published_time",
        "ld:datepublished",
        "datepublished",
        "pubdate",
        "publishdate",
        "date",
        "dc.date.issued",
        "dc.date",
        "sailthru.date",
        "article:modified_time",
        "og:updated_time",
    ):
        day = parse_date(meta.get(key))
        if day:
            return day
    for time in index.get("tag:time", ()):
        day = parse_date(str(time.get("datetime") or "")) or parse_date(time.get_text(" "))
        if day:
            return day
    for key in (
        "class:date",
        "class:post-date",
        "class:entry-date",
        "class:time-section",
        "class:story__time",
        "class:detail-time",
        "class:category-date",
        "class:published",
        "class:post-date-time",
        "class:post_detail2",  # The Friday Times: "TFT Issue: 29 Jul 2016"
    ):
        for found in index.get(key, ()):
            day = date_in_text(found.get_text(" "))
            if day:
                return day
    return None


def _byline(index: Index, meta: dict[str, str]) -> str | None:
    for key in ("author", "ld:author", "article:author", "byl", "dc.creator"):
        value = meta.get(key)
        if value and not value.startswith("http"):
            return value.removeprefix("By ").removeprefix("by ")
    for key in (
        "rel:author",
        "itemprop:author",
        "class:byline",
        "class:author-name",
        "class:story__byline",
        "class:author",
        "class:author_agency",
    ):
        for found in index.get(key, ())[:1]:
            text = clean_line(found.get_text(" "))
            if 0 < len(text.split()) <= 8:
                return re.sub(r"^by\s+", "", text, flags=re.IGNORECASE)
    return None
