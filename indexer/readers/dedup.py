"""The same article twice: by URL, or by the same normalised text.

Archives overlap (a story on several archive days, a page saved twice, a wire story
in two exports). The pipeline keeps the first copy it reads and reports each later
one as a duplicate of it, with the rule that matched.

Two records with identical words are one story only when there are enough words that
two different stories cannot share them: a body of `LONG_TEXT_WORDS` words or more
matches on its words alone, whatever the URLs, dates or headlines say (a wire story
republished under another URL and headline); a shorter body (a stub, a caption, "more
to follow") matches only when its headline, date and URL are identical too.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable
from dataclasses import dataclass

from indexer.identity import Record, canonical_url
from search.models import Article

_NON_WORD_RE = re.compile(r"\W+")

#: Fewer words than this never make a text duplicate.
MIN_TEXT_WORDS = 10
#: This many identical words make a duplicate across different URLs, dates and headlines.
LONG_TEXT_WORDS = 50

SAME_URL = "same URL"
SAME_TEXT = "same text"
_RULES = {"url": SAME_URL, "text": SAME_TEXT}


def _words(text: str) -> str:
    return _NON_WORD_RE.sub(" ", text.casefold()).strip()


def _digest(*parts: str) -> str:
    return hashlib.blake2b("\x1f".join(parts).encode("utf-8"), digest_size=16).hexdigest()


def text_key(article: Article) -> str | None:
    """The body's words, case- and punctuation-folded, hashed; a short body's key also
    holds its headline, date and URL. None for a body too short to compare."""
    words = _words(article.body)
    count = words.count(" ") + 1 if words else 0
    if count >= LONG_TEXT_WORDS:
        return _digest(words)
    if count >= MIN_TEXT_WORDS:
        date = article.date.isoformat() if article.date else ""
        return _digest(words, _words(article.title), date, canonical_url(article.url) or "")
    return None


def duplicate_keys(article: Article) -> tuple[str, ...]:
    """What makes two articles the same: the page its URL names (`indexer.identity`), and
    the body's words."""
    url = canonical_url(article.url)
    text = text_key(article)
    return tuple(key for key in (url and f"url:{url}", text and f"text:{text}") if key)


def rule_of(key: str) -> str:
    """The rule a duplicate key stands for: "same URL" or "same text"."""
    return _RULES[key.partition(":")[0]]


@dataclass(frozen=True, slots=True)
class Match:
    """A repeat: the id of the copy seen first, and the rule that matched."""

    kept_id: str
    rule: str


class Duplicates:
    """Remembers every article seen in one run; `check` says whether one is a repeat."""

    def __init__(self) -> None:
        self._seen: dict[str, str] = {}

    def remember(self, article_id: str, keys: tuple[str, ...]) -> None:
        """Count an article as seen without reading it again (an unchanged file's)."""
        for key in keys:
            self._seen.setdefault(key, article_id)

    def find(
        self,
        article: Record,
        keys: tuple[str, ...],
        apart: Callable[[Record, str], bool] | None = None,
    ) -> Match | None:
        """The copy `article` repeats, or None; `apart(article, kept_id)` says the keeper
        has ruled the two different articles. Nothing is remembered."""
        for key in keys:
            first = self._seen.get(key)
            if first is not None and not (apart and apart(article, first)):
                return Match(first, rule_of(key))
        return None

    def check(self, article: Article) -> Match | None:
        """None for a new article (now remembered), else the copy seen first."""
        keys = duplicate_keys(article)
        match = self.find(article, keys)
        if match is None:
            self.remember(article.id, keys)
        return match
