"""Cleaning a parsed page down to the story's paragraphs.

Finds the element that holds the story (a site's known container, else the element
whose paragraphs carry the most words), removes the furniture inside it (asides,
forms, figures, ads, share bars, related stories, comments, captions), and returns
its paragraphs without link lists or repeated text. The measured comparison with
trafilatura, readability-lxml and jusText is in docs/html-extraction.md.
"""

from __future__ import annotations

import functools
import itertools
import re

from bs4 import BeautifulSoup, Tag

from indexer.readers.normalize import clean_line

#: A container holds at least this many words, or it is a teaser box of the same class.
MIN_CONTAINER_WORDS = 30

#: Containers that sites use for the story itself, most specific first: (attribute, value),
#: where "class" matches one class token and "tag" the element name. Geo's `content-area`
#: counts only inside its `story-area` (on WordPress sites it wraps the whole page).
ARTICLE_CONTAINERS: tuple[tuple[str, str], ...] = (
    ("itemprop", "articleBody"),
    ("class", "story__content"),
    ("class", "story-detail"),
    ("id", "storydetailarea"),
    ("class", "story-area content-area"),
    ("class", "entry-content"),
    ("class", "post-content"),
    ("class", "article-body"),
    ("class", "article-content"),
    ("class", "td-post-content"),
    ("class", "backgroundtext"),
    ("class", "detail-desc"),
    ("tag", "article"),
)


_DROP_TAGS = (
    "script",
    "style",
    "noscript",
    "template",
    "form",
    "nav",
    "aside",
    "footer",
    "iframe",
    "svg",
    "button",
    "select",
    "input",
    "textarea",
    "figure",
    "figcaption",
    "header",
    "object",
    "embed",
    "video",
    "audio",
    "canvas",
    "map",
    "ins",
    "link",
    "meta",
)


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


_CHROME_LINE_RE = re.compile(
    r"^(?:also read|read more|read also|related|follow us|share this|click here|subscribe|advertisement|"
    r"sponsored|comments?\b|leave a reply|you may also like|more from|download the app|photo:|file photo)",
    re.IGNORECASE,
)


_NON_WORD_RE = re.compile(r"\W+")
#: From the first space of a run only: retried from every space of a long run, it is quadratic.
_SPACE_BEFORE_PUNCTUATION_RE = re.compile(r"(?<!\s)\s++([,.;:!?)])")


def _is_chrome(tag: Tag) -> bool:
    attrs = tag.attrs
    if not attrs:
        return False
    role = attrs.get("role")
    if role in ("navigation", "complementary", "banner", "contentinfo"):
        return True
    classes = attrs.get("class")
    names = (" ".join(classes) if classes else "") + " " + str(attrs.get("id") or "")
    return names != " " and _chrome_names(names)


@functools.lru_cache(maxsize=4096)
def _chrome_names(names: str) -> bool:
    """Pages repeat the same class strings hundreds of times; match each once."""
    return bool(_CHROME_RE.search(names))


def _decomposed(tag: Tag) -> bool:
    """`tag.decomposed`, without its cost: bs4's property looks the flag up with getattr,
    which on a tag still in the tree falls through to a search of everything under it
    (so asking it of every tag took time quadratic in the page's depth)."""
    return bool(vars(tag).get("_decomposed"))


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
        if not _decomposed(tag):
            remove(tag)
    for tag in root.find_all(True):
        if _decomposed(tag) or tag.name in ("html", "body", "main", "article"):
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
            if len(tag.get_text(" ").split()) >= MIN_CONTAINER_WORDS:
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
        for depth, ancestor in enumerate(itertools.islice(paragraph.parents, 2)):
            if isinstance(ancestor, Tag):
                tags[id(ancestor)] = ancestor
                scores[id(ancestor)] = scores.get(id(ancestor), 0.0) + words / (1 + depth)
    if not scores:
        return soup.body
    return tags[max(scores, key=scores.__getitem__)]


def _link_density(tag: Tag, text: str) -> float:
    linked = sum(len(a.get_text(" ")) for a in tag.find_all("a"))
    return linked / max(1, len(text))


_BLOCK_LEVEL = (
    "p",
    "div",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "li",
    "blockquote",
    "pre",
    "section",
    "tr",
    "table",
    "ul",
    "ol",
    "dd",
    "dt",
)


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
        paragraphs.append(_SPACE_BEFORE_PUNCTUATION_RE.sub(r"\1", text))
    return _without_repeats(paragraphs)


def _without_repeats(paragraphs: list[str]) -> list[str]:
    """Drop pull quotes, teaser excerpts and doubled blocks: text repeated in another paragraph."""
    folded = [" ".join(_NON_WORD_RE.sub(" ", p.casefold()).split()) for p in paragraphs]
    joined = "\n".join(folded)
    seen: set[str] = set()
    kept = []
    for paragraph, text in zip(paragraphs, folded, strict=True):
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
