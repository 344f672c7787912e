"""The Whoosh schema: which article parts are indexed how, and the one-pass analysis behind it.

Whoosh's own analyzer chain costs a Python call per token per filter; here each field's
terms come from one function over the whole text (fold once, one regex pass, cached
stems), which is what keeps indexing near Whoosh's write ceiling. The terms are the same
as `search.analysis.terms`, so snippets mark what the index matched.

Quoted phrases are answered from `pairs`: every two consecutive terms of the headline
and body as one (hashed) term. A phrase becomes a conjunction of its words and its pair
terms, so no positions are stored or checked at query time (see docs/search.md).
"""

from __future__ import annotations

import datetime as dt
import itertools
import re
import zlib
from collections.abc import Iterator, Mapping, Sequence
from typing import NamedTuple

from whoosh import fields, formats

from search.analysis import _WORD, GROUPED, STOP_WORDS, fold, stem
from search.models import Article

#: Separates the headline from the body so no pair straddles them.
BREAK = "\n\n"


_NON_ASCII = re.compile(r"[^\x00-\x7f]+")


def _fold_run(match: re.Match[str]) -> str:
    return fold(match.group())


def words(text: str) -> list[str]:
    """Folded words in order, stop words kept: how names and datelines are indexed."""
    low = text.casefold() if text.isascii() else _NON_ASCII.sub(_fold_run, text).casefold()
    found = _WORD.findall(low)
    if GROUPED.search(low):
        found = [word.replace(",", "") for word in found]
    if "'" not in low:
        return found
    out: list[str] = []
    for word in found:
        if "'" in word:
            word = word.removesuffix("'s")
            word = word.replace("'", "")
            if not word:
                continue
        out.append(word)
    return out


#: Stems seen so far; a dict lookup is cheaper than `stem`'s LRU bookkeeping per token.
_STEMS: dict[str, str] = {}
_MAX_STEMS = 500_000


def _stem(word: str) -> str:
    found = _STEMS.get(word)
    if found is None:
        found = stem(word)
        if len(_STEMS) < _MAX_STEMS:
            _STEMS[word] = found
    return found


def _terms_of(found: list[str]) -> list[str]:
    get = _STEMS.get
    return [get(word) or _stem(word) for word in found if word not in STOP_WORDS]


def terms(text: str) -> list[str]:
    """Stemmed, stop-word-free words: equal to `search.analysis.terms`, computed faster."""
    return _terms_of(words(text))


#: Word pairs are hashed into this many terms. Whoosh pays per distinct term when it
#: commits, and an archive has millions of distinct pairs; a phrase match also needs every
#: word of the phrase, so a collision alone never makes a false match (see docs/search.md).
PAIR_BUCKETS = 1 << 20


def pair_code(first: str, second: str) -> int:
    """The bucket of two consecutive terms, below `PAIR_BUCKETS`."""
    return zlib.crc32(f"{first} {second}".encode()) & (PAIR_BUCKETS - 1)


def pair_text(code: int) -> str:
    """The `pairs` term that stands for a bucket."""
    return format(code, "x")


def pair_term(first: str, second: str) -> str:
    """The `pairs` term of two consecutive terms."""
    return pair_text(pair_code(first, second))


def pairs(text: str) -> list[str]:
    """Every two consecutive terms of each part of `text` (parts split by a blank line
    between headline and body), as pair terms."""
    return [pair_text(code) for code in _text_pair_codes(text)]


def _text_pair_codes(text: str) -> list[int]:
    """`pairs` of `text` as codes."""
    return [code for part in text.split(BREAK) for code in _pair_codes(terms(part))]


def _pair_codes(seq: list[str]) -> list[int]:
    crc, mask = zlib.crc32, PAIR_BUCKETS - 1
    return [crc(f"{a} {b}".encode()) & mask for a, b in itertools.pairwise(seq)]


class Analysed(NamedTuple):
    """A document's indexed fields read once: `terms` by field (as `Analyzed.index` gives
    them), the pair fields' terms as their codes (`pair_text` names them), and the
    headline and body words, which the spelling cache counts."""

    terms: dict[str, list[str]]
    pairs: dict[str, list[int]]
    surface: list[str]


def analyse(doc: Mapping[str, object]) -> Analysed:
    """Every indexed field's terms for a `to_document` dict, equal to what `Analyzed.index`
    gives field by field, with the headline and body read once (not three times: `title`,
    `body`, `pairs`). Pairs stay numbers: a segment writer groups them as numbers, which
    costs a fraction of looking up millions of distinct strings."""
    title = str(doc["title"])
    title_words = words(title)
    body_parts = [words(part) for part in str(doc["body"]).split(BREAK)]
    title_terms = _terms_of(title_words)
    body_terms_parts = [_terms_of(part) for part in body_parts]
    title_pairs = _text_pair_codes(title) if BREAK in title else _pair_codes(title_terms)
    all_pairs = list(title_pairs)
    for part in body_terms_parts:
        all_pairs += _pair_codes(part)
    out: dict[str, list[str]] = {
        "title": title_terms,
        "body": [term for part in body_terms_parts for term in part],
    }
    for name, value in doc.items():
        if name in _KINDS:
            out[name] = field_terms(name, value)
    surface = title_words + [word for part in body_parts for word in part]
    return Analysed(out, {"pairs": all_pairs, "title_pairs": title_pairs}, surface)


def field_terms(name: str, value: object) -> list[str]:
    """The terms of one of a `to_document` dict's fields other than the headline, body and
    pairs (`analyse` reads those together), as its `Analyzed` field indexes them."""
    return ANALYZERS[_KINDS[name]](value)  # type: ignore[arg-type]  # a list where exact, else str


def _exact(values: str | Sequence[str]) -> list[str]:
    return [values] if isinstance(values, str) else list(values)


#: How each kind of field turns its value into terms.
ANALYZERS = {"terms": terms, "words": words, "pairs": pairs, "exact": _exact}


class Analyzed(fields.FieldType):  # type: ignore[misc]  # Whoosh ships no types: Any to mypy
    """A field whose terms come from one of `ANALYZERS`, named so the schema pickles."""

    def __init__(
        self, kind: str, *, stored: bool = False, unique: bool = False, scorable: bool = True
    ) -> None:
        fmt = formats.Frequency() if scorable else formats.Existence()
        super().__init__(fmt, None, scorable=scorable, stored=stored, unique=unique)
        self.kind = kind

    def index(
        self, value: str | Sequence[str], **kwargs: object
    ) -> Iterator[tuple[bytes, int, float, bytes]]:
        found = ANALYZERS[self.kind](value)  # type: ignore[arg-type]  # a list where exact, else str
        kwargs.setdefault("mode", "index")
        for text, freq, weight, vbytes in self.format.word_values(found, None, **kwargs):
            yield text.encode("utf-8"), freq, weight, vbytes

    def process_text(self, qstring: str, mode: str = "", **kwargs: object) -> Iterator[str]:
        return iter(ANALYZERS[self.kind](qstring))


#: Facet name (as in `search.models.FACETS`, and the story an article belongs to) -> the
#: exact-valued field holding it: each gets a per-document column (`search.whoosh.columns`).
FACET_FIELDS = {
    "person": "person",
    "country": "country",
    "organisation": "organisation",
    "topic": "topic",
    "story": "story",
}

#: Query-language field -> the searchable word field behind it (`text` is handled apart).
WORD_FIELDS = {
    "person": "person_words",
    "country": "country_words",
    "organisation": "organisation_words",
    "topic": "topic_words",
    "section": "section",
    "source": "source",
    "dateline": "dateline",
    "byline": "byline",
}


def build_schema() -> fields.Schema:
    """The fields every generation is written with."""
    return fields.Schema(
        id=fields.ID(stored=True, unique=True),
        title=Analyzed("terms", stored=True),
        body=Analyzed("terms", stored=True),
        pairs=Analyzed("pairs"),
        title_pairs=Analyzed("pairs", scorable=False),
        lead=Analyzed("terms", scorable=False),
        person=Analyzed("exact", stored=True, scorable=False),
        country=Analyzed("exact", stored=True, scorable=False),
        organisation=Analyzed("exact", stored=True, scorable=False),
        topic=Analyzed("exact", stored=True, scorable=False),
        story=Analyzed("exact", stored=True, scorable=False),
        person_words=Analyzed("words", scorable=False),
        country_words=Analyzed("words", scorable=False),
        organisation_words=Analyzed("words", scorable=False),
        topic_words=Analyzed("words", scorable=False),
        section=Analyzed("words", stored=True, scorable=False),
        source=Analyzed("words", stored=True, scorable=False),
        dateline=Analyzed("words", stored=True, scorable=False),
        byline=Analyzed("words", stored=True, scorable=False),
        url=fields.STORED(),
        date=fields.STORED(),
        title_derived=fields.STORED(),
        origin=fields.STORED(),
        content_hash=fields.STORED(),
        extractor_version=fields.STORED(),
    )


#: How each indexed field other than the headline and body ones is analysed (`id`, a plain
#: Whoosh ID field, is its value as one term).
_KINDS = {
    name: getattr(field, "kind", "exact")
    for name, field in build_schema().items()
    if field.indexed and name not in ("title", "body", "pairs", "title_pairs")
}

#: How many words of the body, after the headline, make an article's lead.
LEAD_WORDS = 30


def lead(article: Article) -> str:
    """The headline and the body's first words: where a news story states what it is about."""
    return article.title + BREAK + " ".join(article.body.split()[:LEAD_WORDS])


#: Article attribute -> the facet field holding it.
_FACET_ATTRS = {
    "people": "person",
    "countries": "country",
    "organisations": "organisation",
    "topics": "topic",
}


def to_document(article: Article) -> dict[str, object]:
    """The Whoosh document for an article; empty optional parts are left out."""
    doc: dict[str, object] = {
        "id": article.id,
        "title": article.title,
        "body": article.body,
        "pairs": article.title + BREAK + article.body,
        "title_pairs": article.title,
        "lead": lead(article),
        "title_derived": article.title_derived,
        "origin": article.origin,
        "content_hash": article.content_hash,
        "extractor_version": article.extractor_version,
    }
    for facet, name in _FACET_ATTRS.items():
        values = getattr(article, facet)
        if values:
            doc[name] = tuple(values)
            doc[f"{name}_words"] = " ".join(values)
    for name in ("section", "source", "dateline", "byline", "url"):
        value = getattr(article, name)
        if value:
            doc[name] = value
    if article.date:
        doc["date"] = article.date.isoformat()
    if article.story:
        doc["story"] = (article.story,)
    return doc


def to_article(stored: dict[str, object]) -> Article:
    """Rebuild the article from its stored fields."""
    date = stored.get("date")
    return Article(
        id=str(stored["id"]),
        title=str(stored.get("title", "")),
        body=str(stored.get("body", "")),
        source=str(stored.get("source", "")),
        url=_opt(stored.get("url")),
        title_derived=bool(stored.get("title_derived", False)),
        section=_opt(stored.get("section")),
        byline=_opt(stored.get("byline")),
        dateline=_opt(stored.get("dateline")),
        date=dt.date.fromisoformat(str(date)) if date else None,
        people=_names(stored.get("person")),
        countries=_names(stored.get("country")),
        topics=_names(stored.get("topic")),
        organisations=_names(stored.get("organisation")),
        origin=str(stored.get("origin", "")),
        content_hash=str(stored.get("content_hash", "")),
        extractor_version=str(stored.get("extractor_version", "")),
        story="".join(_names(stored.get("story"))),
    )


def _names(value: object) -> tuple[str, ...]:
    """A stored facet field: the list of names `to_document` stored, or nothing."""
    return tuple(map(str, value)) if isinstance(value, list | tuple) else ()


def _opt(value: object) -> str | None:
    return str(value) if value else None
