"""Choosing the engine: the embedded Whoosh index, or a SphinxQL cluster named by a URL.

The only place that maps an engine URL to an implementation, so the command line and
the web app select engines the same way and nothing above `search/` imports one.
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlsplit

from search.engine import Engine

SCHEMES = ("sphinx",)


class UnknownEngine(ValueError):
    """An engine URL no implementation answers to."""


def open_engine(index_dir: Path, url: str | None = None) -> Engine:
    """The Whoosh index in `index_dir` when `url` is empty; else the engine the URL names,
    which keeps everything on the cluster (`index_dir` then holds only the indexer's own
    files: its manifests, lock and logs)."""
    if not url:
        from search.whoosh.engine import WhooshEngine

        return WhooshEngine(Path(index_dir))
    scheme = urlsplit(url).scheme
    if scheme == "sphinx":
        from search.sphinx.engine import SphinxEngine

        return SphinxEngine.from_url(url)
    raise UnknownEngine(
        f"unknown engine {url!r}: give a sphinx://HOST:PORT/?shard=HOST:PORT&... URL "
        "(see docs/scale-out.md), or none for the embedded index"
    )
