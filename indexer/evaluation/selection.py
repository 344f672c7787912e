"""How the gold articles were picked, kept so the choice can be re-run and checked.

The pick is deterministic: articles are ordered by a hash of their URL, never by
what an extractor makes of them, so the gold set cannot drift towards easy cases.
Dawn gives three articles a month (January to October) cycling through its sections,
APP two a month, and ten more are drawn from articles with tricky names (military
and judicial titles, the Sharif family). Only articles of 150 to 550 words are taken,
so each one can be labelled by reading all of it.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import re
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

#: A corpus record as JSON parsed it (fields vary by corpus).
Record = dict[str, Any]

MONTHS = tuple(f"2025-{m:02d}" for m in range(1, 11))
DAWN_SECTIONS = ("Pakistan", "World", "Business", "Sport", "Newspaper")
MIN_WORDS, MAX_WORDS = 150, 550
TRICKY = re.compile(r"\b(?:Lt Gen|Gen|Justice|CJP|Field Marshal|PM)\s+[A-Z]|\bSharif\b")
_SECTION = re.compile(r" - ([^-]+) - DAWN\.COM$")


def assign_splits(urls: list[str]) -> dict[str, str]:
    """`test` for 40% of the URLs (held aside, never tuned on), `dev` for the rest.

    Ordering by a salted hash rather than testing each hash keeps the share at exactly
    40% however few articles there are.
    """
    ordered = sorted(urls, key=lambda u: _rank("split:" + u))
    cut = round(len(ordered) * 0.4)
    return {url: ("test" if i < cut else "dev") for i, url in enumerate(ordered)}


def dawn_section(title: str) -> str | None:
    """The section Dawn puts in its page title, `"<headline> - <Section> - DAWN.COM"`."""
    match = _SECTION.search(title)
    return match.group(1).strip() if match else None


def records(corpus: Path, prefix: str, month: str) -> Iterator[Record]:
    """One month of a gzip JSON lines corpus, as raw records."""
    with gzip.open(corpus / f"{prefix}-{month}.jsonl.gz", "rt", encoding="utf-8") as lines:
        for line in lines:
            yield json.loads(line)


def pick(shared: Path) -> list[Record]:
    """The gold articles' raw records, in a fixed order."""
    return _pick(shared, salt="", dawn_a_month=3, app_a_month=2, tricky=10, exclude=set())


def pick_heldout(shared: Path, exclude: set[str]) -> list[Record]:
    """The second held-aside set's raw records (36), in a fixed order.

    Picked like the gold set but salted `heldout:` so the order is new: two Dawn
    articles a month (January to October) continuing the section cycle, one APP
    article a month, then six more with tricky names. URLs in `exclude` (the gold and
    tuning articles) are never taken, so none of these has been tuned on.
    """
    return _pick(shared, salt="heldout:", dawn_a_month=2, app_a_month=1, tricky=6, exclude=exclude)


def _pick(
    shared: Path, *, salt: str, dawn_a_month: int, app_a_month: int, tricky: int, exclude: set[str]
) -> list[Record]:
    """Each month, `dawn_a_month` Dawn articles cycling through its sections and
    `app_a_month` APP ones; then `tricky` more with tricky names; each pool ordered by
    a hash of `salt` + URL, never by what an extractor makes of it."""
    corpora = shared / "corpora"
    chosen: list[Record] = []
    seen = set(exclude)

    def take(pool: list[Record], n: int, keep: Callable[[Record], bool] = lambda r: True) -> None:
        for record in sorted(pool, key=lambda r: _rank(salt + r["link"])):
            if n == 0:
                return
            if record["link"] not in seen and _fits(record) and keep(record):
                chosen.append(record)
                seen.add(record["link"])
                n -= 1

    tricky_pool: list[Record] = []
    for i, month in enumerate(MONTHS):
        dawn = list(records(corpora / "dawn-2025-xai", "dawn", month))
        app = list(records(corpora / "app-2025-xai", "app", month))
        for k in range(dawn_a_month):
            section = DAWN_SECTIONS[(i * dawn_a_month + k) % len(DAWN_SECTIONS)]
            take(dawn, 1, _in_section(section))
        take(app, app_a_month)
        tricky_pool.extend(r for r in dawn + app if TRICKY.search(r.get("content") or ""))
    take(tricky_pool, tricky)
    return chosen


def _in_section(section: str) -> Callable[[Record], bool]:
    return lambda record: dawn_section(record["title"]) == section


def _fits(record: Record) -> bool:
    return MIN_WORDS <= len((record.get("content") or "").split()) <= MAX_WORDS


def _rank(url: str) -> int:
    return int.from_bytes(hashlib.blake2b(url.encode("utf-8"), digest_size=8).digest(), "big")
