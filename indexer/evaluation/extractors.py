"""The extractors under evaluation, found at run time.

People and countries are written by another engineer and may land after this
package; until then their rows are reported as not evaluated rather than failing the
whole evaluation. Only a missing module is tolerated: an import error inside an
existing extractor is a bug and propagates.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable

from search.models import Article

Extractor = Callable[[Article], tuple[str, ...]]


def people() -> Extractor | None:
    """The people `extract` stores: the people extractor's, less names only ever inside a body's."""
    return _find("indexer.extract", "people_of")


def countries() -> Extractor | None:
    return _find("indexer.extract.countries", "find_countries")


def organisations() -> Extractor | None:
    """The organisations `extract` stores, each cut before a person who ends its name."""
    return _find("indexer.extract", "organisations_of")


def _find(module: str, name: str) -> Extractor | None:
    try:
        found: Extractor = getattr(importlib.import_module(module), name)
        return found
    except ModuleNotFoundError as error:
        if error.name != module:
            raise
        return None
