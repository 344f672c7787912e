"""Where things are: the index folder, the bundled corpus, the engine to use.

Every subcommand resolves these the same way: a command-line option wins, then the
environment (`BROADSHEET_INDEX`, `BROADSHEET_ENGINE`), then a per-user default that is
neither the current directory nor inside the installed package.
"""

from __future__ import annotations

import os
from pathlib import Path

INDEX_ENV = "BROADSHEET_INDEX"
ENGINE_ENV = "BROADSHEET_ENGINE"


def index_dir(option: str | None = None) -> Path:
    """The folder that holds the index generations, the lock, run records and logs."""
    if option:
        return Path(option).expanduser().resolve()
    if os.environ.get(INDEX_ENV):
        return Path(os.environ[INDEX_ENV]).expanduser().resolve()
    data_home = os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share"
    return Path(data_home) / "broadsheet" / "index"


def engine_url(option: str | None = None) -> str | None:
    """The search engine's URL, or None for the embedded index in the index folder."""
    return option or os.environ.get(ENGINE_ENV) or None


def bundled_corpus() -> Path:
    """The demo archive that ships with Broadsheet, so the first run has something to show."""
    import corpus  # a data-only namespace package, installed beside the code

    return Path(next(iter(corpus.__path__)))


def corpus_paths(paths: list[str] | None) -> list[Path]:
    """The paths a run reads: those given, or the bundled corpus."""
    return [Path(p).expanduser() for p in paths] if paths else [bundled_corpus()]
