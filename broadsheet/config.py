"""Where things are: the index folder, the bundled corpus, the engine to use.

Every subcommand resolves these the same way: a command-line option wins, then the
environment (`BROADSHEET_INDEX`, `BROADSHEET_ENGINE`, ...), then a per-user default that
is neither the current directory nor inside the installed package.
"""

from __future__ import annotations

import ipaddress
import os
from pathlib import Path
from urllib.parse import urlsplit

from search.budget import DEFAULT_SECONDS

INDEX_ENV = "BROADSHEET_INDEX"
ENGINE_ENV = "BROADSHEET_ENGINE"
BUDGET_ENV = "BROADSHEET_SEARCH_BUDGET"
BASE_URL_ENV = "BROADSHEET_BASE_URL"
SHOW_PATHS_ENV = "BROADSHEET_SHOW_PATHS"


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


def search_budget(option: float | None = None) -> float:
    """Seconds one search may take before it stops and answers with what it has."""
    if option is not None:
        seconds = option
    elif os.environ.get(BUDGET_ENV):
        try:
            seconds = float(os.environ[BUDGET_ENV])
        except ValueError:
            raise ValueError(
                f"{BUDGET_ENV} must be a number of seconds, not {os.environ[BUDGET_ENV]!r}"
            ) from None
    else:
        return DEFAULT_SECONDS
    if not 0 < seconds <= 600:
        raise ValueError(f"the search budget must be more than 0 and at most 600 seconds, not {seconds:g}")
    return seconds


def base_url(option: str | None = None) -> str | None:
    """Where readers reach the app, for absolute links (feeds); None to take it from each request."""
    url = (option or os.environ.get(BASE_URL_ENV) or "").strip().rstrip("/")
    if not url:
        return None
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.netloc or parts.query or parts.fragment:
        raise ValueError(f"the base URL must look like https://news.example.org/archive, not {url!r}")
    return url


def show_paths(option: bool = False) -> bool:
    """Whether /status shows the index and corpus paths and the skipped files."""
    return option or os.environ.get(SHOW_PATHS_ENV, "").strip().lower() in ("1", "true", "yes", "on")


def is_loopback(host: str) -> bool:
    """Whether `host` only accepts connections from this machine."""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False
