"""The same article twice: by URL, or by the same normalised text.

Archives overlap (a story on several archive days, a page saved twice, a wire story
in two exports). The pipeline keeps the first copy it reads and reports each later
one as a duplicate of it.
"""

from __future__ import annotations

import hashlib
import re
from urllib.parse import urlsplit

from search.models import Article

_NON_WORD_RE = re.compile(r"\W+")


def url_key(url: str) -> str:
    """`https://www.dawn.com/news/1/x/?utm=1#top` and `http://dawn.com/news/1/x` are one page."""
    parts = urlsplit(url.strip())
    host = (parts.hostname or "").removeprefix("www.")
    return f"{host}{parts.path.rstrip('/')}".lower()


def text_key(article: Article) -> str:
    """The body's words, case- and punctuation-folded, hashed."""
    words = _NON_WORD_RE.sub(" ", article.body.casefold()).strip()
    return hashlib.blake2b(words.encode("utf-8"), digest_size=16).hexdigest()


def duplicate_keys(article: Article) -> tuple[str, ...]:
    """What makes two articles the same: the page's URL, and the words of a body long
    enough (ten words) that two different stories do not share it by chance."""
    keys = [f"url:{url_key(article.url)}"] if article.url else []
    if len(article.body.split()) >= 10:
        keys.append(f"text:{text_key(article)}")
    return tuple(keys)


class Duplicates:
    """Remembers every article seen in one run; `check` says whether one is a repeat."""

    def __init__(self) -> None:
        self._seen: dict[str, str] = {}

    def remember(self, article_id: str, keys: tuple[str, ...]) -> None:
        """Count an article as seen without reading it again (an unchanged file's)."""
        for key in keys:
            self._seen.setdefault(key, article_id)

    def check(self, article: Article, keys: tuple[str, ...] | None = None) -> str | None:
        """None for a new article (now remembered), else the id of the copy seen first.
        `keys` are its `duplicate_keys` when already computed (in a worker process)."""
        keys = duplicate_keys(article) if keys is None else keys
        for key in keys:
            first = self._seen.get(key)
            if first is not None:
                return first
        self.remember(article.id, keys)
        return None
