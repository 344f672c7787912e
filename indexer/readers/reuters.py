"""Reuters-21578 SGML: 1,000 `<REUTERS>` stories per `.sgm` file.

The files are not well-formed XML (raw latin-1 bytes, control-character entities),
so stories are cut out with regular expressions rather than a parser, which is also
what makes this reader fast. The human-assigned PLACES, PEOPLE and TOPICS codes are
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

_STORY_RE = re.compile(r"<REUTERS\b(?P<attrs>[^>]*)>(?P<story>.*?)</REUTERS>", re.DOTALL | re.IGNORECASE)
_NEWID_RE = re.compile(r'NEWID="(\d+)"', re.IGNORECASE)
_FIELD_RES = {
    name: re.compile(rf"<{name}\b[^>]*>(.*?)</{name}>", re.DOTALL | re.IGNORECASE)
    for name in ("DATE", "TITLE", "DATELINE", "BODY", "TEXT", "TOPICS", "PLACES", "PEOPLE")
}
_D_RE = re.compile(r"<D>(.*?)</D>", re.IGNORECASE)
_TAG_RE = re.compile(r"<[^>]+>")
_PARAGRAPH_START_RE = re.compile(r"\n(?=[ \t]{2,}\S)")
_SIGNATURE_RE = re.compile(r"\s*\bReuter\s*(?:&#3;|\x03)?\s*$")
#: BRIEF stories carry only a headline; their body is this placeholder.
_PLACEHOLDER = "Blah blah blah."


@dataclass(frozen=True, slots=True)
class ReutersLabels:
    """The human-assigned codes of one story (lower-case, e.g. `west-germany`), for evaluation only."""

    places: tuple[str, ...]
    people: tuple[str, ...]
    topics: tuple[str, ...]


def _field(name: str, story: str) -> str | None:
    found = _FIELD_RES[name].search(story)
    return found.group(1) if found else None


def _codes(name: str, story: str) -> tuple[str, ...]:
    return tuple(clean_line(code) for code in _D_RE.findall(_field(name, story) or ""))


def _paragraphs(body: str) -> list[str]:
    """Stories are hard-wrapped at ~70 columns; an indented line starts a new paragraph."""
    body = _SIGNATURE_RE.sub("", body)
    if body.strip() == _PLACEHOLDER:
        return []
    return [p for p in (clean_line(block) for block in _PARAGRAPH_START_RE.split(body)) if p]


def _unprocessed(text: str) -> list[str]:
    """UNPROC stories (tables, raw wire copy) keep one paragraph per line."""
    text = _SIGNATURE_RE.sub("", _TAG_RE.sub(" ", text))
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
    for match in _STORY_RE.finditer(text):
        found = True
        article_and_labels = _story(match["attrs"], match["story"], origin)
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
