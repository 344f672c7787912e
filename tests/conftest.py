"""Fixtures shared by every test module."""

from __future__ import annotations

from pathlib import Path

import pytest

from search.sphinx import cluster

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
TEST_DATA = Path(__file__).resolve().parent / "data"


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    """The real corpora in ../shared; tests that need them skip when it is absent."""
    if not (SHARED / "corpora").is_dir():
        pytest.skip(f"needs the shared corpora at {SHARED} (present in CI, absent here)")
    return SHARED


@pytest.fixture(scope="session")
def test_data() -> Path:
    return TEST_DATA


@pytest.fixture(scope="session")
def searchd() -> str:
    """Debian's Sphinx `searchd`, for tests that start a cluster; they skip without it."""
    binary = cluster.searchd_binary()
    if binary is None:
        pytest.skip("searchd is not installed (apt-get install sphinxsearch)")
    return binary
