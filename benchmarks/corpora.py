"""Where the benchmarks find the shared corpora, and the one check that they are there.

A benchmark measured on no articles prints figures that mean nothing (and `--scale` on none
never ends), so each one that reads corpora stops first, with the path it looked in.
"""

from __future__ import annotations

import sys
from collections.abc import Iterable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
DEFAULT_CORPORA = SHARED / "corpora"


def require_corpora(*paths: Path) -> None:
    """Exit (status 1) with a message naming the first path that is missing or holds no file."""
    for path in paths:
        if not _holds_a_file(path):
            sys.exit(
                f"{Path(sys.argv[0]).name}: no corpus at {path} (missing or empty); this benchmark"
                " measures the shared corpora: put them there or name another folder"
            )


def _holds_a_file(path: Path) -> bool:
    if path.is_file():
        return True
    files: Iterable[Path] = path.rglob("*") if path.is_dir() else ()
    return any(p.is_file() for p in files)
