"""Facet extraction: people, countries, organisations and topics from one article, as a pure function.

`extract` runs in indexing worker processes. Word lists and gazetteers load once per
process on first use; nothing here reads the network or other articles. Archive-wide
person merging is `merge_names`, which the pipeline runs over all names it indexed.
"""

from __future__ import annotations

import dataclasses
import hashlib
from pathlib import Path
from typing import NamedTuple

from search.analysis import ANALYSIS_VERSION
from search.models import Article

from . import topics
from .aliases import DEFAULT_PATH, Aliases, default_aliases
from .aliases import load as _load
from .countries import find_countries
from .merging import merge_names
from .names import DATA
from .organisations import find_organisations
from .overlaps import settle
from .people import find_people, read_people

__all__ = [
    "EXTRACTOR_VERSION",
    "Aliases",
    "Named",
    "extract",
    "find_countries",
    "find_organisations",
    "find_people",
    "load_aliases",
    "merge_names",
    "organisations_of",
    "people_of",
    "read_names",
    "version_for",
]

#: Bump when extraction logic changes; data-file changes bump the hash part by themselves.
LOGIC_VERSION = "20"


def _data_digest() -> str:
    digest = hashlib.blake2b(digest_size=4)
    for path in sorted(DATA.rglob("*")):
        if path.is_file() and path != DEFAULT_PATH:
            digest.update(path.relative_to(DATA).as_posix().encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()


#: Logic version plus a fingerprint of every data file (the alias file excepted: see `version_for`),
#: and how the index cuts text into words: an article written with other words is stale too.
EXTRACTOR_VERSION = f"{LOGIC_VERSION}.{_data_digest()}.a{ANALYSIS_VERSION}"


def load_aliases(path: Path | None = None) -> Aliases:
    """The keeper's alias file at `path` (e.g. `<index>/aliases.txt`), or the shipped
    default when `path` is None or names no file."""
    return _load(path if path is not None and path.is_file() else None)


def version_for(aliases: Aliases) -> str:
    """The `extractor_version` an article gets: code and data, plus the alias file in use."""
    return f"{EXTRACTOR_VERSION}+{aliases.digest}"


class Named(NamedTuple):
    """The people and organisations an article names, each span read as one or the other."""

    people: tuple[str, ...]
    unconfirmed_people: tuple[str, ...]
    organisations: tuple[str, ...]


def read_names(article: Article, aliases: Aliases | None = None) -> Named:
    """The article's people and organisations, their overlaps settled (`overlaps.settle`)."""
    found = read_people(article, aliases)
    people, organisations = settle(
        f"{article.title}\n{article.body}", found.people, find_organisations(article)
    )
    return Named(people, found.unconfirmed, organisations)


def people_of(article: Article) -> tuple[str, ...]:
    """The people `extract` gives the article."""
    return read_names(article).people


def organisations_of(article: Article) -> tuple[str, ...]:
    """The organisations `extract` gives the article."""
    return read_names(article).organisations


def extract(article: Article, aliases: Aliases | None = None) -> Article:
    """`article` with its people, countries, organisations, topics and extractor version filled in."""
    aliases = aliases or default_aliases()
    named = read_names(article, aliases)
    return dataclasses.replace(
        article,
        people=named.people,
        unconfirmed_people=named.unconfirmed_people,
        countries=find_countries(article),
        organisations=named.organisations,
        topics=topics.classify(article),
        extractor_version=version_for(aliases),
    )
