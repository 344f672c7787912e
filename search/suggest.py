"""Did you mean: a misspelled query rewritten with the archive's own words and names.

Pure: the archive's vocabulary arrives through a `candidates(word)` callback (the engine's
`spelling_candidates`) and its names as a list (people and countries from the facets),
so the rules are testable without an index. Names are tried first and as a whole
("imrna khan" -> "imran khan"), then single words. The Archive shows the result only
when running it finds more than the original did.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Sequence
from functools import lru_cache

from search.analysis import STOP_WORDS, Token, fold, tokens
from search.parser import ParsedQuery, parse

MAX_NAME_WORDS = 4


def suggest(
    query: ParsedQuery | str,
    candidates: Callable[[str], Sequence[str]],
    names: Sequence[str] = (),
) -> str | None:
    """The query with its misspellings corrected, or None when nothing needs correcting.

    `candidates(word)` returns index terms close to a folded word, best first, and
    includes the word itself when the index has it (so known words are left alone)."""
    parsed = parse(query) if isinstance(query, str) else query
    text = parsed.text
    wanted = {t for t in parsed.terms if not t.endswith("*")}
    words = [t for t in tokens(text) if t.text in wanted]
    if not words:
        return None
    options = {w.text: list(candidates(w.text)) for w in words if _checkable(w.text)}
    unknown = {word for word, found in options.items() if word not in found}
    if not unknown:
        return None
    fixes: dict[int, tuple[int, str]] = {}  # first token index -> (last token index, replacement)
    settled = _names(text, words, unknown, names, fixes)
    for i, word in enumerate(words):
        if i not in settled and word.text in unknown:
            better = _closest(word.text, options[word.text])
            if better is not None:
                fixes[i] = (i, better)
    if not fixes:
        return None
    out, cursor = [], 0
    for first in sorted(fixes):
        last, replacement = fixes[first]
        out.append(text[cursor : words[first].start])
        out.append(_cased(text[words[first].start : words[last].end], replacement))
        cursor = words[last].end
    out.append(text[cursor:])
    suggestion = "".join(out)
    return suggestion if fold(suggestion) != fold(text) else None


def _names(
    text: str, words: list[Token], unknown: set[str], names: Sequence[str], fixes: dict[int, tuple[int, str]]
) -> set[int]:
    """Match runs of adjacent query words that hold an unknown word against known names,
    longest runs first; record corrections in `fixes` and return the settled token indexes."""
    known, buckets = _name_index(tuple(names))
    settled: set[int] = set()
    for size in range(min(MAX_NAME_WORDS, len(words)), 0, -1):
        for first in range(len(words) - size + 1):
            span = range(first, first + size)
            run = words[first : first + size]
            if settled.intersection(span) or not unknown.intersection(w.text for w in run):
                continue
            if not _adjacent(text, run):
                continue
            typed = " ".join(w.text for w in run)
            if typed in known:
                settled.update(span)
                continue
            if size == 1 and len(typed) < 5:  # short single words are left to the vocabulary
                continue
            near = buckets.get((size, typed[0]), []) + buckets.get((size, typed[1:3]), [])
            best = _closest(typed, near, limit=_budget(typed))
            if best is not None:
                fixes[first] = (first + size - 1, known[best])
                settled.update(span)
    return settled


@lru_cache(maxsize=4)
def _name_index(names: tuple[str, ...]) -> tuple[dict[str, str], dict[tuple[int, str], list[str]]]:
    """Folded name -> name as given, and folded names bucketed by word count and by their
    first letter or their second and third (a typo rarely hits both), so a query word is
    compared with a few hundred names, not thousands. Cached: the Archive passes the same
    facet values on every search."""
    known: dict[str, str] = {}
    buckets: dict[tuple[int, str], list[str]] = {}
    for name in names:
        key = " ".join(t.text for t in tokens(name))
        if key and key not in known:
            known[key] = name
            size = key.count(" ") + 1
            buckets.setdefault((size, key[0]), []).append(key)
            if key[1:3]:
                buckets.setdefault((size, key[1:3]), []).append(key)
    return known, buckets


def _checkable(word: str) -> bool:
    """Words worth looking up: not numbers, stop words or one- and two-letter words."""
    return len(word) >= 3 and not word.isdigit() and word not in STOP_WORDS


def _adjacent(text: str, run: list[Token]) -> bool:
    return all(not text[a.end : b.start].strip() for a, b in itertools.pairwise(run))


def _budget(word: str) -> int:
    """Edits allowed for a word of this length: 1 up to 5 letters, 2 up to 10, then 3."""
    return 1 if len(word) <= 5 else 2 if len(word) <= 10 else 3


def _closest(word: str, options: Sequence[str], limit: int | None = None) -> str | None:
    """The option nearest to `word` within its edit budget; earlier options win ties.
    None when `word` itself is among the options (it is known) or none is close."""
    limit = _budget(word) if limit is None else limit
    best: tuple[int, int] | None = None
    chosen = None
    for rank, option in enumerate(options):
        option_key = option.lower() if option.isascii() else fold(option)
        if option_key == word:
            return None
        if abs(len(option_key) - len(word)) > limit:
            continue
        distance = edit_distance(word, option_key, limit)
        if distance <= limit and (best is None or (distance, rank) < best):
            best, chosen = (distance, rank), option_key
    return chosen


def edit_distance(a: str, b: str, limit: int) -> int:
    """Optimal string alignment distance (a swap of two neighbours is one edit);
    anything above `limit` is reported as `limit + 1`."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    previous2: list[int] = []
    previous = list(range(len(b) + 1))
    for i in range(1, len(a) + 1):
        current = [i] + [0] * len(b)
        for j in range(1, len(b) + 1):
            cost = 0 if a[i - 1] == b[j - 1] else 1
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                current[j] = min(current[j], previous2[j - 2] + 1)
        if min(current) > limit:
            return limit + 1
        previous2, previous = previous, current
    return min(previous[-1], limit + 1)


def _cased(typed: str, replacement: str) -> str:
    """The replacement in the user's case: lowercase if they typed lowercase."""
    return replacement.lower() if typed == typed.lower() else replacement
