"""The same article twice: by URL, or by the same normalised text.

Archives overlap (a story on several archive days, a page saved twice, a wire story
in two exports). The pipeline keeps the first copy it reads and reports each later
one as a duplicate of it.
"""

from __future__ import annotations

import hashlib
import re
from urllib.parse import urlsplit

from indexer.readers.skipped import Skipped
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


class Duplicates:
    """Remembers every article seen in one run; `check` says whether one is a repeat."""

    def __init__(self) -> None:
        self._seen: dict[str, str] = {}

    def check(self, article: Article) -> Skipped | None:
        """None for a new article (now remembered), else a `Skipped` naming the first copy."""
        keys = [f"url:{url_key(article.url)}"] if article.url else []
        if len(article.body.split()) >= 10:
            keys.append(f"text:{text_key(article)}")
        for key in keys:
            first = self._seen.get(key)
            if first is not None:
                return Skipped(article.origin, f"duplicate of {first}")
        for key in keys:
            self._seen[key] = article.id
        return None
