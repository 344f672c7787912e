"""Reuters-21578 SGML: 1,000 `<REUTERS>` stories per `.sgm` file.

The files are not well-formed XML (raw latin-1 bytes, control-character entities),
so stories are cut out by scanning for their tags rather than with a parser, which is
also what makes this reader fast. The human-assigned PLACES, PEOPLE and TOPICS codes are
evaluation gold, not Broadsheet facets: `read_labelled` returns them beside the
article, and `read` (via `parse`) leaves them out of the article.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from indexer.dates import parse_date
from indexer.readers.normalize import build_article, clean_line, decode, title_case_place
from indexer.readers.skipped import Skipped
from search.models import Article

_NAMES = ("REUTERS", "DATE", "TITLE", "DATELINE", "BODY", "TEXT", "TOPICS", "PLACES", "PEOPLE", "D")
_OPEN_RES = {name: re.compile(rf"<{name}\b", re.IGNORECASE) for name in _NAMES}
_CLOSE_RES = {name: re.compile(rf"</{name}>", re.IGNORECASE) for name in _NAMES}
_NEWID_RE = re.compile(r'NEWID="(\d+)"', re.IGNORECASE)
_TAG_RE = re.compile(r"<[^>]+>")
_PARAGRAPH_START_RE = re.compile(r"\n(?=[ \t]{2,}\S)")
# Possessive: two spans of spaces around an optional mark must not trade spaces (quadratic).
_SIGNATURE_RE = re.compile(r"\bReuter\s*+(?:&#3;|\x03)?\s*+$")
#: BRIEF stories carry only a headline; their body is this placeholder.
_PLACEHOLDER = "Blah blah blah."


@dataclass(frozen=True, slots=True)
class ReutersLabels:
    """The human-assigned codes of one story (lower-case, e.g. `west-germany`), for evaluation only."""

    places: tuple[str, ...]
    people: tuple[str, ...]
    topics: tuple[str, ...]


def _elements(name: str, text: str) -> Iterator[tuple[str, str]]:
    """The attributes and content of each `<name ...>...</name>` in `text`, in order.

    What the pattern `<name\b([^>]*)>(.*?)</name>` finds, in linear time: that pattern
    retries from every unclosed tag to the end of the text (5.9 s on 72 KB of them),
    but once one tag finds no closing tag after it, no later tag can."""
    opening, closing = _OPEN_RES[name], _CLOSE_RES[name]
    at = 0
    while (start := opening.search(text, at)) is not None:
        attrs_end = text.find(">", start.end())
        end = closing.search(text, attrs_end + 1) if attrs_end >= 0 else None
        if end is None:
            return
        yield text[start.end() : attrs_end], text[attrs_end + 1 : end.start()]
        at = end.end()


def _field(name: str, story: str) -> str | None:
    return next((content for _, content in _elements(name, story)), None)


def _codes(name: str, story: str) -> tuple[str, ...]:
    return tuple(clean_line(code) for _, code in _elements("D", _field(name, story) or ""))


def _without_signature(text: str) -> str:
    """The text without the closing "Reuter" (and the spaces before it)."""
    found = _SIGNATURE_RE.search(text)
    return text[: found.start()].rstrip() if found else text


def _without_tags(text: str) -> str:
    """Tags replaced by a space. A tag ends at a `>`, so only the text up to the last one is
    searched: from an unclosed `<` after it, `<[^>]+>` would scan to the end every time."""
    cut = text.rfind(">") + 1
    return _TAG_RE.sub(" ", text[:cut]) + text[cut:]


def _paragraphs(body: str) -> list[str]:
    """Stories are hard-wrapped at ~70 columns; an indented line starts a new paragraph."""
    body = _without_signature(body)
    if body.strip() == _PLACEHOLDER:
        return []
    return [p for p in (clean_line(block) for block in _PARAGRAPH_START_RE.split(body)) if p]


def _unprocessed(text: str) -> list[str]:
    """UNPROC stories (tables, raw wire copy) keep one paragraph per line."""
    text = _without_signature(_without_tags(text))
    return [line for line in (clean_line(line) for line in text.splitlines()) if line]


def _story(attrs: str, story: str, origin: str) -> tuple[Article, ReutersLabels]:
    newid = _NEWID_RE.search(attrs)
    record_origin = f"{origin}#{newid.group(1) if newid else '?'}"
    body = _field("BODY", story)
    paragraphs = _paragraphs(body) if body is not None else []
    title = _field("TITLE", story)
    if body is None and title is None:
        paragraphs = _unprocessed(_field("TEXT", story) or "")
    place = (_field("DATELINE", story) or "").strip().split(",")[0]
    article = build_article(
        title=clean_line(title or "").strip("* ") or None,
        paragraphs=paragraphs,
        source="Reuters",
        dateline=title_case_place(place) if place else None,
        date=parse_date(_field("DATE", story)),
        origin=record_origin,
    )
    return article, ReutersLabels(_codes("PLACES", story), _codes("PEOPLE", story), _codes("TOPICS", story))


def parse_stories(text: str, origin: str) -> Iterator[tuple[Article, ReutersLabels] | Skipped]:
    """Every story in the text of one `.sgm` file, with its labels."""
    found = False
    for attrs, story in _elements("REUTERS", text):
        found = True
        article_and_labels = _story(attrs, story, origin)
        if article_and_labels[0].title or article_and_labels[0].body:
            yield article_and_labels
        else:
            yield Skipped(article_and_labels[0].origin, "no article text")
    if not found:
        yield Skipped(origin, "no <REUTERS> story in the file")


def parse(text: str, origin: str) -> Iterator[Article | Skipped]:
    """The articles of one `.sgm` file, as the indexer reads them."""
    for item in parse_stories(text, origin):
        yield item if isinstance(item, Skipped) else item[0]


def read_labelled(path: Path) -> Iterator[tuple[Article, ReutersLabels]]:
    """Each article of one `.sgm` file with its human PLACES, PEOPLE and TOPICS codes."""
    for item in parse_stories(decode(path.read_bytes()), path.name):
        if not isinstance(item, Skipped):
            yield item
