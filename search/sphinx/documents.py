"""An article as a row of a Sphinx real-time index, analysed here rather than by Sphinx.

Sphinx and the embedded engine must agree on what a word is, or the same query would
find different articles. So every field is analysed by `search.analysis` (folded,
stemmed, stop words dropped, as the Whoosh engine indexes it) and Sphinx only splits the
result on spaces. A term that is not plain `[a-z0-9]` (a word in another script) is
spelled in hex, since Sphinx 2.2's charset tables cannot name every Unicode letter;
query words are spelled the same way, so they still match, prefixes too.

Ids and facet values become 63-bit hashes: Sphinx document ids must be integers, and
multi-valued attributes hold integers; the names index holds the value of each hash
(`search.sphinx.meta`). The article itself rides along as a string attribute
(`search.sphinx.stored`).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
from collections.abc import Iterator
from dataclasses import asdict

from search.models import Article, month_end
from search.sphinx.config import BIGINT_ATTRS, FIELDS, MVA_ATTRS, STRING_ATTRS, UINT_ATTRS
from search.whoosh.schema import LEAD_WORDS, terms, words

#: The one token every article carries in `present`, so `-word` alone is computable.
EVERYTHING = "xall"
#: Between paragraphs of the body: no query word spells it (`keyword` hex never has "p").
PARAGRAPH = "zqp"
_PLAIN = re.compile(r"[a-z0-9]+")
#: Columns of an insert, in order.
COLUMNS: tuple[str, ...] = ("id", *FIELDS, *UINT_ATTRS, *BIGINT_ATTRS, *STRING_ATTRS, *MVA_ATTRS)
_MASK = (1 << 63) - 1
#: The `oldest` attribute of an undated article: after every date.
UNDATED_LAST = 4_294_967_295


def hash63(text: str) -> int:
    """A stable positive 63-bit number for a string (never 0, which Sphinx rejects as an id)."""
    value = int.from_bytes(hashlib.blake2b(text.encode("utf-8"), digest_size=8).digest(), "big") & _MASK
    return value or 1


def keyword(term: str) -> str:
    """A term as the Sphinx index holds it: itself when plain, else hex-spelled."""
    return term if _PLAIN.fullmatch(term) else "zq" + term.encode("utf-8").hex()


def text_terms(text: str) -> str:
    """Headline or body: stemmed, stop-word-free terms, as the Whoosh engine indexes them,
    with `PARAGRAPH` between paragraphs so no phrase spans two (as no Whoosh pair does)."""
    return f" {PARAGRAPH} ".join(" ".join(keyword(t) for t in terms(part)) for part in text.split("\n\n"))


def text_words(text: str) -> str:
    """Names and labels: folded words, stop words kept."""
    return " ".join(keyword(w) for w in words(text))


def lead_text(article: Article) -> str:
    """The headline and the body's first `LEAD_WORDS` words (the embedded engine's lead),
    paragraph breaks kept so that no phrase spans two here either."""
    parts = [article.title]
    left = LEAD_WORDS
    for paragraph in article.body.split("\n\n"):
        if left <= 0:
            break
        taken = paragraph.split()[:left]
        parts.append(" ".join(taken))
        left -= len(taken)
    return "\n\n".join(parts)


def day_number(day: dt.date | None) -> int:
    """The `day` attribute: the proleptic ordinal (always > 0), or 0 when undated."""
    return day.toordinal() if day else 0


def month_number(day: dt.date) -> int:
    return day.year * 100 + day.month


def date_tokens(day: dt.date | None) -> str:
    """Century, decade, year, month and day tokens, so a date range in the query tree is
    an OR of a few tokens (see `cover`) wherever it sits in the tree."""
    if day is None:
        return ""
    y = day.year
    return f"c{y // 100} e{y // 10} y{y} m{month_number(day)} d{y * 10000 + day.month * 100 + day.day}"


def to_row(article: Article) -> list[object]:
    """Values for `COLUMNS`; multi-valued attributes as tuples of value hashes."""
    return [
        hash63(article.id),
        text_terms(article.title),
        text_terms(article.body),
        text_words(" ".join(article.people)),
        text_words(" ".join(article.countries)),
        text_words(" ".join(article.organisations)),
        text_words(" ".join(article.topics)),
        text_words(article.section or ""),
        text_words(article.source),
        text_words(article.dateline or ""),
        text_words(article.byline or ""),
        date_tokens(article.date),
        EVERYTHING,
        text_terms(lead_text(article)),
        day_number(article.date),
        day_number(article.date) or UNDATED_LAST,
        article.date.year if article.date else 0,
        month_number(article.date) if article.date else 0,
        article.date.month * 100 + article.date.day if article.date else 0,
        story_hash(article),
        encode(article),
        fingerprint(article),
        tuple(sorted({hash63(v) for v in article.people})),
        tuple(sorted({hash63(v) for v in article.countries})),
        tuple(sorted({hash63(v) for v in article.organisations})),
        tuple(sorted({hash63(v) for v in article.topics})),
    ]


def story_hash(article: Article) -> int:
    """The `story` attribute: an article not yet grouped is a story of its own."""
    return hash63(article.story or article.id)


def encode(article: Article) -> str:
    data = asdict(article)
    del data["unconfirmed_people"]  # the indexing run's working list, never stored
    data["date"] = article.date.isoformat() if article.date else None
    return json.dumps(data, ensure_ascii=False)


def decode(text: str) -> Article:
    data = json.loads(text)
    data["date"] = dt.date.fromisoformat(data["date"]) if data["date"] else None
    for key in ("people", "countries", "organisations", "topics"):
        data[key] = tuple(data.get(key, ()))
    return Article(**data)


def fingerprint(article: Article) -> str:
    return json.dumps(
        [article.id, article.content_hash, article.extractor_version, article.origin], ensure_ascii=False
    )


def facet_values(article: Article) -> Iterator[tuple[int, str]]:
    """(hash, value) for every facet value of an article, for the names index."""
    for value in (*article.people, *article.countries, *article.organisations, *article.topics):
        yield hash63(value), value


# -- date ranges as tokens -----------------------------------------------------------------

_FIRST = dt.date(1, 1, 1)
_LAST = dt.date(9999, 12, 31)


def cover(start: dt.date | None, end: dt.date | None) -> list[str]:
    """The fewest date tokens whose days are exactly [start, end] (open ends: all time)."""
    day: dt.date | None = start or _FIRST
    last = end or _LAST
    out: list[str] = []
    while day is not None and day <= last:
        token, day = _block(day, last)
        out.append(token)
    return out


def _block(day: dt.date, last: dt.date) -> tuple[str, dt.date | None]:
    """The biggest century, decade, year or month that starts on `day` and ends by `last`,
    else the day itself; with the day after it (None past the calendar's end)."""
    if day.month == 1 and day.day == 1:
        for span, prefix in ((100, "c"), (10, "e"), (1, "y")):
            final_year = day.year + span - 1
            if day.year % span == 0 and final_year <= _LAST.year and dt.date(final_year, 12, 31) <= last:
                return f"{prefix}{day.year // span}", _after(dt.date(final_year, 12, 31))
    if day.day == 1 and month_end(day) <= last:
        return f"m{month_number(day)}", _after(month_end(day))
    return f"d{day.year * 10000 + day.month * 100 + day.day}", _after(day)


def _after(day: dt.date) -> dt.date | None:
    return None if day == _LAST else day + dt.timedelta(days=1)
