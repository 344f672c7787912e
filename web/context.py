"""The one `Archive` an app serves, opened on first use and shared by all requests.

`Archive.open` notices a newly switched-in index generation by itself, so the app
keeps one instance for its lifetime.
"""

from __future__ import annotations

import threading
from typing import TYPE_CHECKING

from flask import current_app

if TYPE_CHECKING:
    from search.archive import Archive

_lock = threading.Lock()


def archive() -> Archive:
    config = current_app.config
    if config.get("ARCHIVE") is None:
        with _lock:
            if config.get("ARCHIVE") is None:
                from search.archive import Archive
                from search.budget import DEFAULT_SECONDS

                budget = config.get("SEARCH_BUDGET", DEFAULT_SECONDS)
                config["ARCHIVE"] = Archive.open(config["INDEX_DIR"], budget=budget)
    opened: Archive = config["ARCHIVE"]
    return opened
