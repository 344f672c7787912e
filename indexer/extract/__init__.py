"""Facet extraction: people, countries, organisations and topics from one article, as a pure function.

`extract` runs in indexing worker processes. Word lists and gazetteers load once per
process on first use; nothing here reads the network or other articles. Archive-wide
person merging is `merge_names`, which the pipeline runs over all names it indexed.
"""

from __future__ import annotations

import dataclasses
import hashlib
from pathlib import Path

from search.models import Article

from . import topics
from .aliases import DEFAULT_PATH, Aliases, default_aliases
from .aliases import load as _load
from .countries import find_countries
from .merging import merge_names
from .names import DATA
from .organisations import find_organisations
from .people import find_people, read_people

__all__ = [
    "EXTRACTOR_VERSION",
    "Aliases",
    "extract",
    "find_countries",
    "find_organisations",
    "find_people",
    "load_aliases",
    "merge_names",
    "version_for",
]

#: Bump when extraction logic changes; data-file changes bump the hash part by themselves.
LOGIC_VERSION = "12"


def _data_digest() -> str:
    digest = hashlib.blake2b(digest_size=4)
    for path in sorted(DATA.rglob("*")):
        if path.is_file() and path != DEFAULT_PATH:
            digest.update(path.relative_to(DATA).as_posix().encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()


#: Logic version plus a fingerprint of every data file (the alias file excepted: see `version_for`).
EXTRACTOR_VERSION = f"{LOGIC_VERSION}.{_data_digest()}"


def load_aliases(path: Path | None = None) -> Aliases:
    """The keeper's alias file at `path` (e.g. `<index>/aliases.txt`), or the shipped
    default when `path` is None or names no file."""
    return _load(path if path is not None and path.is_file() else None)


def version_for(aliases: Aliases) -> str:
    """The `extractor_version` an article gets: code and data, plus the alias file in use."""
    return f"{EXTRACTOR_VERSION}+{aliases.digest}"


def extract(article: Article, aliases: Aliases | None = None) -> Article:
    """`article` with its people, countries, organisations, topics and extractor version filled in."""
    aliases = aliases or default_aliases()
    found = read_people(article, aliases)
    return dataclasses.replace(
        article,
        people=found.people,
        unconfirmed_people=found.unconfirmed,
        countries=find_countries(article),
        organisations=find_organisations(article),
        topics=topics.classify(article),
        extractor_version=version_for(aliases),
    )
