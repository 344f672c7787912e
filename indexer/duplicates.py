"""The keeper's word on duplicates: `<index>/keep-apart.txt` overrules a decision.

Each line names two articles that are not one, by id or by URL, separated by spaces or
a tab; a line starting with `#` is a comment (ids hold `#`, so it ends no line). On the
next run a record that would be counted as a repeat of the other is indexed as an
article of its own, and its file is read again even when unchanged, since only a read
brings the dropped record back.

    # two dividend notices with the same words, different companies
    reut2-003.sgm#3774   reut2-005.sgm#5085
    https://oldpaper.example/story.php?id=101  https://oldpaper.example/story.php?id=102
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from indexer.identity import Record, canonical_url
from search.duplicates import Duplicate

KEEP_APART_FILE = "keep-apart.txt"


def names(article_id: str, url: str | None = None) -> frozenset[str]:
    """Every name a keeper may give an article: its id, its URL and that URL's canonical form."""
    found = {article_id}
    if url:
        found.add(url)
        found.add(canonical_url(url) or url)
    return frozenset(found)


def _forms(token: str) -> frozenset[str]:
    """A name as written in the file, and the canonical form when it is a web address."""
    return frozenset({token, canonical_url(token) or token})


class KeepApart:
    """Pairs of articles the keeper has ruled different."""

    def __init__(self, pairs: Iterable[tuple[str, str]] = ()) -> None:
        self._pairs = [(_forms(first), _forms(second)) for first, second in pairs]
        self.problems: list[str] = []

    @classmethod
    def load(cls, state_dir: Path, file_name: str = KEEP_APART_FILE) -> KeepApart:
        """The pairs of `<state_dir>/keep-apart.txt` (or of another file of that format:
        `stories-apart.txt`), none when absent; a line that is not two names is set aside
        in `problems` with its number, for the run log."""
        path = state_dir / file_name
        try:
            lines = path.read_text(encoding="utf-8-sig", errors="replace").splitlines()
        except OSError:
            return cls()
        pairs: list[tuple[str, str]] = []
        problems: list[str] = []
        for number, line in enumerate(lines, start=1):
            fields = [] if line.lstrip().startswith("#") else line.split()
            if len(fields) == 2:
                pairs.append((fields[0], fields[1]))
            elif fields:
                problems.append(f"{file_name} line {number}: expected two ids or URLs, found {len(fields)}")
        keep_apart = cls(pairs)
        keep_apart.problems = problems
        return keep_apart

    def __bool__(self) -> bool:
        return bool(self._pairs)

    def pairs(self) -> list[tuple[frozenset[str], frozenset[str]]]:
        """Each line's two names, each in every form it may match."""
        return list(self._pairs)

    def apart(self, first: frozenset[str], second: frozenset[str]) -> bool:
        """Whether a line names one of `first`'s names beside one of `second`'s."""
        return any(
            (one & first and other & second) or (one & second and other & first) for one, other in self._pairs
        )

    def separates(self, article: Record, kept_id: str) -> bool:
        """Whether `article` must not be counted as a repeat of the article `kept_id`."""
        return self.apart(names(article.id, article.url), names(kept_id))

    def overrules(self, duplicate: Duplicate) -> bool:
        """Whether a recorded decision is one the keeper has since ruled out."""
        return self.apart(names(duplicate.id, duplicate.url), names(duplicate.kept_id))
