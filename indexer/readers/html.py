"""Saved web pages: metadata from the head, the article's own text from its container.

BeautifulSoup (lxml parser) reads the page. Metadata comes from `og:`/`article:`
meta tags, JSON-LD and `<time>`; the body from the element that holds the story,
after page furniture (navigation, asides, related stories, comments, ads, share
bars, cookie banners, scripts, styles, forms) is removed. Section fronts, search and
listing pages are recognised and skipped as "not an article". The choice of this
hand-written cleaner over trafilatura, readability-lxml and jusText is measured in
docs/html-extraction.md.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Iterator
from typing import Any
from urllib.parse import urlsplit

from bs4 import BeautifulSoup, Tag

from indexer.dates import date_in_text, find_print_footer, parse_date
from indexer.readers.jsonlines import SITES, source_for_url
from indexer.readers.normalize import (
    build_article,
    clean_line,
    decode,
    split_dateline,
    split_site_title,
)
from indexer.readers.skipped import Skipped
from search.models import Article

NOT_AN_ARTICLE = "not an article"

#: Containers that sites use for the story itself, most specific first: (attribute, value),
#: where "class" matches one class token and "tag" the element name. Geo's `content-area`
#: counts only inside its `story-area` (on WordPress sites it wraps the whole page).
ARTICLE_CONTAINERS: tuple[tuple[str, str], ...] = (
    ("itemprop", "articleBody"), ("class", "story__content"), ("class", "story-detail"), ("id", "storydetailarea"),
    ("class", "story-area content-area"), ("class", "entry-content"), ("class", "post-content"),
    ("class", "article-body"), ("class", "article-content"), ("class", "td-post-content"),
    ("class", "backgroundtext"), ("class", "detail-desc"), ("tag", "article"),
)

_DROP_TAGS = ("script", "style", "noscript", "template", "form", "nav", "aside", "footer", "iframe", "svg",
              "button", "select", "input", "textarea", "figure", "figcaption", "header", "object", "embed",
              "video", "audio", "canvas", "map", "ins", "link", "meta")

# Class/id tokens of page furniture. Matched as whole dash/underscore-separated tokens,
# so "ad" hits "ad-slot" but not "header" or "thread".
_CHROME_RE = re.compile(
    r"(?:^|[\s_-])(?:ads?|advert\w*|adsense|banner|sponsor\w*|promo\w*|comments?|disqus|respond|reply|"
    r"related|recommended|more-?stories|also-?read|read-?more|popular|trending|most-?read|latest-news|"
    r"share\w*|social|sharing|addthis|sharethis|follow|newsletter|subscri\w*|signup|cookie\w*|consent|gdpr|"
    r"breadcrumbs?|menu|navbar|nav|sidebar|widget\w*|footer|masthead|tags?|tag-?list|categories|"
    r"pagination|pager|author-?box|about-?author|print-?only|hidden|modal|popup|overlay|outbrain|taboola|"
    r"jp-relatedposts|sharedaddy|yarpp\w*|wp-caption\w*|caption|credit|gallery|slider|carousel|video\w*|"
    r"ticker|breaking|weather|login|search|skip)(?:$|[\s_-])",
    re.IGNORECASE,
)
_BLOCKS = ("p", "h2", "h3", "h4", "h5", "blockquote", "li", "pre")
_LISTING_PATH_RE = re.compile(r"/(?:page/\d+|category|tag|tags|author|search|archive)(?:/|\.html|$)", re.IGNORECASE)
_CHROME_LINE_RE = re.compile(
    r"^(?:also read|read more|read also|related|follow us|share this|click here|subscribe|advertisement|"
    r"sponsored|comments?\b|leave a reply|you may also like|more from|download the app|photo:|file photo)",
    re.IGNORECASE,
)
_NON_WORD_RE = re.compile(r"\W+")
_NEVER_TEXT_RE = re.compile(
    r"<script\b(?![^>]*ld\+json)[^>]*>.*?</script\s*>"
    r"|<(style|noscript|svg|select|iframe|nav)\b[^>]*>.*?</\1\s*>"
    r"|<!--.*?-->",
    re.DOTALL | re.IGNORECASE,
)
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
    url = meta.get("og:url") or _canonical(index)
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
        id=url or origin,
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
    return BeautifulSoup(_NEVER_TEXT_RE.sub(" ", text), "lxml")


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


def _canonical(index: Index) -> str | None:
    link = next(iter(index.get("rel:canonical", ())), None)
    href = link.get("href") if link is not None else None
    return href.strip() if isinstance(href, str) and href.startswith("http") else None


def _headline(index: Index, meta: dict[str, str], url: str | None) -> tuple[str, str | None]:
    """og:title, else the h1, else <title>; the site suffix removed (and kept as section)."""
    site_names = tuple(SITES) + tuple(SITES.values()) + tuple(
        n for n in (meta.get("og:site_name"), source_for_url(url), urlsplit(url or "").hostname) if n
    )
    h1 = next(iter(index.get("tag:h1", ())), None)
    title_tag = next(iter(index.get("tag:title", ())), None)
    for candidate in (meta.get("og:title"), meta.get("ld:headline"),
                      h1.get_text(" ") if h1 is not None else None,
                      title_tag.get_text(" ") if title_tag is not None else None):
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
    prose = sum(words for words in (len(p.get_text(" ").split()) for p in index.get("tag:p", ())) if words >= 25)
    return headline_links >= 25 and prose < 12 * headline_links


def _declares_article(index: Index, meta: dict[str, str]) -> bool:
    return (meta.get("og:type", "").lower() == "article" or "article:published_time" in meta
            or "ld:datepublished" in meta or "itemprop:articleBody" in index)


def _headline_links(index: Index) -> int:
    """Links whose text reads like a headline (four words or more)."""
    return sum(1 for link in index.get("tag:a", ()) if link.get("href") and len(link.get_text(" ").split()) >= 4)


def _is_chrome(tag: Tag) -> bool:
    if tag.attrs is None:
        return False
    names = " ".join(tag.get("class") or []) + " " + str(tag.get("id") or "")
    role = str(tag.get("role") or "")
    return bool(_CHROME_RE.search(names)) or role in ("navigation", "complementary", "banner", "contentinfo")


def _words(tag: Tag) -> int:
    return sum(len(p.get_text(" ").split()) for p in tag.find_all("p"))


def _strip_chrome(root: Tag) -> None:
    """Remove furniture under `root`, but never an element holding most of its paragraph
    text: sites wrap whole pages in `<form>` or `class="content-sidebar-wrap"`."""
    total = _words(root)

    def remove(tag: Tag) -> None:
        if total and tag.find("p") is not None and _words(tag) > 0.4 * total:
            return
        tag.decompose()

    for tag in root.find_all(_DROP_TAGS):
        if not tag.decomposed:
            remove(tag)
    for tag in root.find_all(True):
        if tag.decomposed or tag.name in ("html", "body", "main", "article"):
            continue
        style = tag.get("style")
        if _is_chrome(tag) or (style and re.search(r"display\s*:\s*none", str(style))):
            remove(tag)


Index = dict[str, list[Tag]]


def index_tags(soup: BeautifulSoup) -> Index:
    """Elements by `tag:<name>`, `class:<token>`, `id:<id>`, `itemprop:<v>` and `rel:<v>`, in
    document order. One pass over the page: CSS selectors cost more than parsing it."""
    index: Index = {}
    for tag in soup.find_all(True):
        index.setdefault("tag:" + tag.name, []).append(tag)
        for token in tag.get("class") or ():
            index.setdefault("class:" + token, []).append(tag)
        for attribute in ("id", "itemprop", "rel"):
            value = tag.get(attribute)
            for token in value if isinstance(value, list) else [value] if value else []:
                index.setdefault(f"{attribute}:{token}", []).append(tag)
    return index


def _known_container(index: Index) -> Tag | None:
    """The first container, in `ARTICLE_CONTAINERS` order, that holds a story's worth of text.
    Call before anything is removed from the page: the index holds every element."""
    for attribute, value in ARTICLE_CONTAINERS:
        outer, _, inner = value.rpartition(" ")
        for tag in index.get(f"{attribute}:{inner}", ()):
            if outer and not any(outer in (parent.get("class") or ()) for parent in tag.parents):
                continue
            if len(tag.get_text(" ").split()) >= MIN_ARTICLE_WORDS:
                return tag
    return None


def _scored_container(soup: BeautifulSoup) -> Tag | None:
    """The element whose paragraphs hold the most text (half credit to the grandparent)."""
    scores: dict[int, float] = {}
    tags: dict[int, Tag] = {}
    for paragraph in soup.find_all("p"):
        words = len(paragraph.get_text(" ").split())
        if words < 5:
            continue
        for depth, ancestor in enumerate(list(paragraph.parents)[:2]):
            if isinstance(ancestor, Tag):
                tags[id(ancestor)] = ancestor
                scores[id(ancestor)] = scores.get(id(ancestor), 0.0) + words / (1 + depth)
    if not scores:
        return soup.body
    return tags[max(scores, key=scores.__getitem__)]


def _link_density(tag: Tag, text: str) -> float:
    linked = sum(len(a.get_text(" ")) for a in tag.find_all("a"))
    return linked / max(1, len(text))


_BLOCK_LEVEL = ("p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "blockquote", "pre", "section", "tr", "table",
                "ul", "ol", "dd", "dt")


def _blocks(container: Tag) -> list[str]:
    """The container's paragraphs in document order: its p/h*/li/blockquote blocks, or,
    when a site writes paragraphs as text between `<br>`s, the text split at line breaks."""
    paragraphs: list[str] = []
    blocks = [b for b in container.find_all(_BLOCKS) if not b.find_parent(_BLOCKS)]
    block_words = sum(len(b.get_text(" ").split()) for b in blocks)
    if block_words < 0.6 * len(container.get_text(" ").split()):
        for br in container.find_all("br"):
            br.replace_with("\n")
        for block in container.find_all(_BLOCK_LEVEL):
            block.insert_before("\n")
            block.append("\n")
        lines = (clean_line(line) for line in container.get_text("").split("\n"))
        return [line for line in lines if line and not _CHROME_LINE_RE.match(line)]
    for block in blocks:
        text = clean_line(block.get_text(" "))
        if not text or _CHROME_LINE_RE.match(text):
            continue
        if block.name == "li" and (len(text.split()) < 6 or _link_density(block, text) > 0.5):
            continue
        if _link_density(block, text) > 0.6 and len(text.split()) < 40:
            continue
        paragraphs.append(re.sub(r"\s+([,.;:!?)])", r"\1", text))
    return _without_repeats(paragraphs)


def _without_repeats(paragraphs: list[str]) -> list[str]:
    """Drop pull quotes, teaser excerpts and doubled blocks: text repeated in another paragraph."""
    folded = [" ".join(_NON_WORD_RE.sub(" ", p.casefold()).split()) for p in paragraphs]
    joined = "\n".join(folded)
    seen: set[str] = set()
    kept = []
    for paragraph, text in zip(paragraphs, folded):
        inside_another = len(text.split()) >= 5 and joined.count(text) > folded.count(text)
        if text in seen or inside_another:
            continue
        seen.add(text)
        kept.append(paragraph)
    return kept


def extract_body(soup: BeautifulSoup, index: Index | None = None) -> list[str]:
    """The story's clean paragraphs (modifies `soup`: the chrome is removed).

    A site's known container is cleaned on its own; otherwise the whole page is
    cleaned first, so comment threads cannot win the paragraph-text contest."""
    if soup.body is None:
        return []
    container = _known_container(index if index is not None else index_tags(soup))
    if container is None:
        _strip_chrome(soup.body)
        container = _scored_container(soup)
    else:
        _strip_chrome(container)
    return _blocks(container) if container is not None else []


def _date(index: Index, meta: dict[str, str]) -> dt.date | None:
    for key in ("article:published_time", "ld:datepublished", "datepublished", "pubdate", "publishdate",
                "date", "dc.date.issued", "dc.date", "sailthru.date", "article:modified_time", "og:updated_time"):
        day = parse_date(meta.get(key))
        if day:
            return day
    for time in index.get("tag:time", ()):
        day = parse_date(str(time.get("datetime") or "")) or parse_date(time.get_text(" "))
        if day:
            return day
    for key in ("class:date", "class:post-date", "class:entry-date", "class:time-section", "class:story__time",
                "class:detail-time", "class:category-date", "class:published", "class:post-date-time"):
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
    for key in ("rel:author", "itemprop:author", "class:byline", "class:author-name", "class:story__byline",
                "class:author", "class:author_agency"):
        for found in index.get(key, ())[:1]:
            text = clean_line(found.get_text(" "))
            if 0 < len(text.split()) <= 8:
                return re.sub(r"^by\s+", "", text, flags=re.IGNORECASE)
    return None
