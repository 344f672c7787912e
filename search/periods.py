"""A time written among a query's words ("floods march 2024", "budget last year") as a period
the ranking prefers, not a word the text must hold.

People remember roughly when a story ran and type it with the words, but the article rarely
says "March 2024": that is its date, not its text. So the date words become a `Period`:
articles from then rank higher, articles from other times still match (`date:` stays the
hard filter). The words stay in the query as optional (`Maybe`) words, because some articles
do give the date in their text (an exam day, a forecast month).

Read: a year (1900-2099), a month name with or without a year or a day ("5 march",
"march 5th 2024", "the fifth of march"), "last/this year|month|week".
"March" and "May" count only beside a day or a year: alone they are too often a word
("long march", "may visit").
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass

from search.analysis import tokens
from search.models import DAY_SLACK, Period
from search.query import TEXT, And, Maybe, Node, Term

MONTHS: dict[str, int] = {
    **{name.lower(): i for i, name in enumerate(calendar.month_name) if name},
    **{name.lower(): i for i, name in enumerate(calendar.month_abbr) if name and name != "May"},
    "sept": 9,
}
#: Month names that are also everyday words: a period only beside a day or a year.
AMBIGUOUS = frozenset({"march", "may", "mar", "jan", "dec"})
ORDINALS: dict[str, int] = {
    word: i
    for i, word in enumerate(
        [
            "first",
            "second",
            "third",
            "fourth",
            "fifth",
            "sixth",
            "seventh",
            "eighth",
            "ninth",
            "tenth",
            "eleventh",
            "twelfth",
            "thirteenth",
            "fourteenth",
            "fifteenth",
            "sixteenth",
            "seventeenth",
            "eighteenth",
            "nineteenth",
            "twentieth",
        ],
        1,
    )
} | {"thirtieth": 30}
_DAY = re.compile(r"(\d{1,2})(?:st|nd|rd|th)?$")
_YEAR = re.compile(r"(19|20)\d\d$")
_QUOTED_OR_FIELDED = re.compile(r'"[^"]*"?|\S+:\S+|\(|\)|\||\bOR\b|\bAND\b|\bNOT\b|(?<!\S)-\S+')


@dataclass(frozen=True, slots=True)
class _Found:
    period: Period
    words: tuple[str, ...]  # the query words it was read from (those the query tree holds)


def read_period(text: str, node: Node | None, today: dt.date) -> tuple[Node | None, Period | None]:
    """The query tree with the words of the first period its plain words name made optional
    (`Maybe`: no article needs them; one whose text gives that date still scores them), and the
    period; (node, None) when there is none, or when its words are all the query has."""
    if node is None:
        return node, None
    plain = _plain_words(node)
    for segment in _QUOTED_OR_FIELDED.split(text):
        words = [t.text for t in tokens(segment)]
        for i in range(len(words)):
            found = _period_at(words, i, today)
            if found is None:
                continue
            kept = _optional(node, found.words)
            if kept is None or not all(w in plain for w in found.words):
                return node, None
            return kept, found.period
    return node, None


def _plain_words(node: Node) -> set[str]:
    children = node.children if isinstance(node, And) else (node,)
    return {_text(c) for c in children if _is_plain(c)}


def _is_plain(node: Node) -> bool:
    return isinstance(node, Term) and node.field == TEXT and not (node.prefix or node.fuzzy)


def _text(node: Node) -> str:
    return node.text.lower() if isinstance(node, Term) else ""


def _optional(node: Node, words: tuple[str, ...]) -> Node | None:
    """`node` with one top-level plain term per word made a `Maybe`; None when nothing else is left."""
    children = list(node.children) if isinstance(node, And) else [node]
    for word in words:
        at = next((i for i, c in enumerate(children) if _is_plain(c) and _text(c) == word), None)
        if at is not None:
            children[at] = Maybe(children[at])
    if all(isinstance(c, Maybe) for c in children):
        return None
    return And(tuple(children))


def _period_at(words: list[str], i: int, today: dt.date) -> _Found | None:
    """A period starting at `words[i]`, longest reading first."""
    word = words[i]
    after = words[i + 1] if i + 1 < len(words) else ""
    if word in ("last", "this", "past") and after in ("year", "month", "week"):
        return _relative(word, after, today)
    # [the] DAY [of] MONTH [YEAR]
    j = i + 1 if word == "the" else i
    day = _day(words[j]) if j < len(words) else None
    if day is not None:
        k = j + 1
        if k < len(words) and words[k] == "of":
            k += 1
        if k < len(words) and words[k] in MONTHS:
            year = _year(words[k + 1]) if k + 1 < len(words) else None
            used = words[j : k + 1] + ([words[k + 1]] if year else [])
            return _dated(MONTHS[words[k]], day, year, used)
    if word in MONTHS:
        month = MONTHS[word]
        nxt = [*words[i + 1 : i + 4], "", "", ""]
        j = 1 if nxt[0] == "the" else 0
        day = _day(nxt[j])
        if day is not None:
            year = _year(nxt[j + 1])
            used = words[i : i + j + 2] + ([nxt[j + 1]] if year else [])
            return _dated(month, day, year, used)
        year = _year(nxt[0])
        if year is not None:
            first = dt.date(year, month, 1)
            end = dt.date(year, month, calendar.monthrange(year, month)[1])
            return _Found(Period(f"{first:%B} {year}", first, end), (word, nxt[0]))
        if word not in AMBIGUOUS:
            return _Found(Period(f"{calendar.month_name[month]}, any year", month=month), (word,))
    year = _year(word)
    if year is not None:
        return _Found(Period(str(year), dt.date(year, 1, 1), dt.date(year, 12, 31)), (word,))
    return None


def _dated(month: int, day: int, year: int | None, used: list[str]) -> _Found | None:
    """A day of a month, of one year or of any year; None when no such day exists."""
    try:
        start = dt.date(year or 2000, month, day)  # 2000 is a leap year: 29 February exists
    except ValueError:
        return None
    words = tuple(w for w in used if w not in ("the", "of"))
    if year is None:
        return _Found(Period(f"{day} {calendar.month_name[month]}, any year", month=month, day=day), words)
    label = f"{day} {calendar.month_name[month]} {year}"
    return _Found(Period(label, start, start + dt.timedelta(days=DAY_SLACK)), words)


def _relative(which: str, unit: str, today: dt.date) -> _Found:
    words = (which, unit) if which != "this" else (unit,)  # "this" is a stop word: not in the tree
    if unit == "year":
        year = today.year - (which != "this")
        return _Found(Period(f"{which} year ({year})", dt.date(year, 1, 1), dt.date(year, 12, 31)), words)
    if unit == "month":
        first = today.replace(day=1)
        if which != "this":
            first = (first - dt.timedelta(days=1)).replace(day=1)
        end = first.replace(day=calendar.monthrange(first.year, first.month)[1])
        return _Found(Period(f"{which} month ({first:%B %Y})", first, end), words)
    monday = today - dt.timedelta(days=today.weekday())
    if which != "this":
        monday -= dt.timedelta(days=7)
    sunday = monday + dt.timedelta(days=6)
    return _Found(Period(f"{which} week ({monday:%-d %b}–{sunday:%-d %b %Y})", monday, sunday), words)


def _day(word: str) -> int | None:
    match = _DAY.match(word)
    if match:
        number = int(match.group(1))
        return number if 1 <= number <= 31 else None
    return ORDINALS.get(word)


def _year(word: str) -> int | None:
    return int(word) if _YEAR.match(word) else None
