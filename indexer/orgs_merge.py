"""The archive-wide acronym table, counted while articles are read.

Each article's acronym definitions ("the National Accountability Bureau (NAB)") are counted
as the run reads it; the table (`search.acronyms.AcronymTable`: the expansion given most
often wins, the keeper's `acronyms.txt` has the last word) is then fixed before the first
article is written, and saved beside the generation. An incremental run adds its articles'
definitions to the live generation's counts, so a changed article's definitions count twice
until the next full reindex.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable

from indexer.extract.acronyms import find_acronyms
from search.acronyms import AcronymTable, Keeper
from search.models import Article


class AcronymCount:
    """Counts definitions while articles are read; `table` then fixes the archive's table."""

    def __init__(self, keeper: Keeper, stored: Callable[[], AcronymTable | None]) -> None:
        self.definitions: Counter[tuple[str, str]] = Counter()
        self.keeper = keeper
        #: The live generation's table, asked for only once counting ends.
        self.stored = stored
        self._table: AcronymTable | None = None

    def count(self, articles: list[Article]) -> None:
        for article in articles:
            self.definitions.update(find_acronyms(article.body))

    def table(self) -> AcronymTable:
        """The archive's table; the first call ends counting."""
        if self._table is None:
            self._table = AcronymTable.build(self.definitions, self.keeper, self.stored())
            self.definitions = Counter()
        return self._table
