"""Show why an article matched: its best passages, with the query's words in `<mark>`.

Words are matched the way the index matched them (`search.analysis`: folded, then
stemmed), so a query for "elections" marks "Election" too. The output is safe HTML: the
article's text is escaped piece by piece and the only tags are the `<mark>`s added here.
"""

from __future__ import annotations

import html
import re
from collections.abc import Sequence
from dataclasses import dataclass

from search.analysis import STOP_WORDS, Token, fold, stem, tokens

ELLIPSIS = "\u2026"
#: Matches considered as passage starts; enough for any article, bounded for huge ones.
MAX_ANCHORS = 200
_SPACE = re.compile(r"\s+")


@dataclass(frozen=True, slots=True)
class _Matcher:
    """Decides which body words a query's terms match: same stem, or a `word*` prefix."""

    stems: frozenset[str]
    prefixes: tuple[str, ...]
    #: First letters of the terms: stemming keeps a word's first letter, so a word that
    #: starts otherwise cannot match and need not be stemmed.
    initials: frozenset[str]

    @classmethod
    def of(cls, terms: Sequence[str]) -> _Matcher:
        words = [fold(t).strip() for t in terms if t and t.strip()]
        content = [w for w in words if w.rstrip("*") not in STOP_WORDS]
        chosen = [w for w in (content or words) if w.rstrip("*")]
        stems = frozenset(stem(w) for w in chosen if not w.endswith("*"))
        prefixes = tuple(w.rstrip("*") for w in chosen if w.endswith("*"))
        return cls(stems, prefixes, frozenset(w[0] for w in chosen))

    def keys(self, words: Sequence[Token]) -> list[str | None]:
        """For each body word, the term it matches (its stem or the prefix), or None."""
        table = {w: self._key(w) for w in {t.text for t in words}}
        return [table[t.text] for t in words]

    def _key(self, word: str) -> str | None:
        if word[0] not in self.initials:
            return None
        root = stem(word)
        if root in self.stems:
            return root
        for prefix in self.prefixes:
            if word.startswith(prefix):
                return prefix + "*"
        return None


def snippet(body: str, terms: Sequence[str], *, max_chars: int = 260, passages: int = 2) -> str:
    """Up to `passages` passages of `body` (about `max_chars` in all) that hold the most
    distinct matched terms, in text order, joined by "…", as escaped HTML with `<mark>`."""
    words = tokens(body)
    if not words:
        return ""
    matcher = _Matcher.of(terms)
    keys = matcher.keys(words)
    hits = [i for i, k in enumerate(keys) if k is not None][:MAX_ANCHORS]
    if not hits:
        return _render(body, words, keys, [_window(body, words, 0, max_chars)])
    chosen: list[tuple[int, int]] = []
    seen: set[str] = set()
    budget = max_chars
    for count in range(passages, 0, -1):
        width = budget // count
        best = _best(body, words, keys, hits, width, chosen, seen)
        if best is None:
            break
        chosen.append(best)
        seen.update(k for k in keys[best[0] : best[1] + 1] if k)
        budget -= _span(words, best)
    if len(chosen) == 1:  # one passage holds everything: let it use the whole budget
        first = chosen[0]
        chosen = [_window(body, words, _lead_in(body, words, first[0], max_chars), max_chars)]
    return _render(body, words, keys, sorted(chosen))


def highlight_paragraphs(body: str, terms: Sequence[str]) -> list[str]:
    """Every paragraph of `body` as escaped HTML with the matched words in `<mark>`."""
    matcher = _Matcher.of(terms)
    out = []
    for paragraph in body.split("\n\n"):
        if not paragraph.strip():
            continue
        words = tokens(paragraph)
        keys = matcher.keys(words)
        out.append(_marked(paragraph, words, keys, 0, len(paragraph)).strip())
    return out


def _span(words: list[Token], window: tuple[int, int]) -> int:
    """How many characters of text a window of token indexes covers."""
    return words[window[1]].end - words[window[0]].start


def _best(
    body: str,
    words: list[Token],
    keys: list[str | None],
    hits: list[int],
    width: int,
    taken: list[tuple[int, int]],
    seen: set[str],
) -> tuple[int, int] | None:
    """The window of about `width` characters, starting a little before a match, with the
    most distinct new terms, then the most distinct terms, then the most matches."""
    best: tuple[tuple[int, int, int, int], tuple[int, int]] | None = None
    for hit in hits:
        window = _window(body, words, _lead_in(body, words, hit, width), width)
        if any(window[0] <= b and a <= window[1] for a, b in taken):
            continue
        found = [k for k in keys[window[0] : window[1] + 1] if k]
        distinct = set(found)
        score = (len(distinct - seen), len(distinct), len(found), -window[0])
        if best is None or score > best[0]:
            best = (score, window)
    if best is None or (taken and best[0][0] == 0):
        return None
    return best[1]


def _lead_in(body: str, words: list[Token], hit: int, width: int) -> int:
    """Where a window for the match at `hit` starts: its sentence's start when close
    enough, else a few words before it, so the match is read in context."""
    limit = words[hit].start - width // 4
    start = hit
    while start > 0 and words[start - 1].start >= limit:
        between = body[words[start - 1].end : words[start].start]
        if any(p in between for p in ".!?\n"):
            break
        start -= 1
    return start


def _window(body: str, words: list[Token], first: int, width: int) -> tuple[int, int]:
    """Token indexes [first, last] covering at most `width` characters (at least one word)."""
    last = first
    while last + 1 < len(words) and words[last + 1].end - words[first].start <= width:
        last += 1
    return first, last


def _render(body: str, words: list[Token], keys: list[str | None], windows: list[tuple[int, int]]) -> str:
    parts = []
    for first, last in windows:
        start, end = words[first].start, _close(body, words[last].end)
        text = _marked(body, words[first : last + 1], keys[first : last + 1], start, end)
        lead = ELLIPSIS if first > 0 else ""
        tail = ELLIPSIS if last < len(words) - 1 else ""
        parts.append(lead + text + tail)
    joined = " ".join(parts)
    return joined.replace(ELLIPSIS + " " + ELLIPSIS, ELLIPSIS + " ")


def _close(body: str, end: int) -> int:
    """Keep a sentence's closing punctuation after the last word."""
    while end < len(body) and body[end] in ".!?,;:)\"'\u201d\u2019":
        end += 1
    return end


def _marked(text: str, words: Sequence[Token], keys: Sequence[str | None], start: int, end: int) -> str:
    """`text[start:end]` escaped, whitespace collapsed, runs of matched words in one `<mark>`."""
    out: list[str] = []
    cursor = start
    open_mark = False
    for i, (word, key) in enumerate(zip(words, keys, strict=True)):
        if key is None:
            continue
        gap = text[cursor : word.start]
        if open_mark and gap.strip() == "":
            out.append(_escape(gap))
        else:
            if open_mark:
                out.append("</mark>")
            out.append(_escape(gap) + "<mark>")
        out.append(_escape(text[word.start : word.end]))
        cursor = word.end
        nxt = i + 1
        open_mark = nxt < len(keys) and keys[nxt] is not None
        if not open_mark:
            out.append("</mark>")
    if open_mark:
        out.append("</mark>")
    out.append(_escape(text[cursor:end]))
    return "".join(out)


def _escape(text: str) -> str:
    return html.escape(_SPACE.sub(" ", text), quote=False)
