"""The archive-wide name merge, done from names and their counts rather than from articles.

"Qamar Bajwa" and "Qamar Javed Bajwa" become one person across the archive
(`indexer.extract.merge_names`), which needs every name's count before any article is
written. A run counts each article's names as it is read (a compact summary: one entry per
distinct name), then renames the articles batch by batch as they go to the index.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Mapping
from dataclasses import replace

from indexer.extract import Aliases, merge_names
from search.models import Article


class NameMerge:
    """Counts names while articles are read; `apply` then gives each person one name.

    Names are merged over this run's articles together with those already stored, and
    the keeper's alias file has the last word. Articles an incremental run does not
    rewrite keep their names until the next full reindex.
    """

    def __init__(self, stored: Callable[[], Mapping[str, int]], aliases: Aliases) -> None:
        self.counts: Counter[str] = Counter()
        #: The stored names' counts, asked for only when there is something to write.
        self.stored = stored
        self.aliases = aliases
        self._mapping: dict[str, str] | None = None

    def count(self, articles: list[Article]) -> None:
        for article in articles:
            self.counts.update(article.people)

    def apply(self, articles: list[Article]) -> list[Article]:
        """`articles` with their people renamed; the first call ends counting."""
        if self._mapping is None:
            self.counts.update(self.stored())
            self._mapping = merge_names(self.counts)
            self.counts = Counter()  # the summary is spent: let it go
        mapping = self._mapping
        merged = []
        for article in articles:
            people = self.aliases.apply(mapping.get(name, name) for name in article.people)
            merged.append(replace(article, people=people) if people != article.people else article)
        return merged
