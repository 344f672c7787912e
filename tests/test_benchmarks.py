"""Benchmarks refuse to measure corpora that are not there, instead of timing nothing."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

BENCHMARKS = Path(__file__).resolve().parents[1] / "benchmarks"


@pytest.mark.parametrize(
    ("script", "args"),
    [
        ("bench_search.py", ["--scale", "1000", "--work", "{tmp}/work", "--corpora", "{missing}"]),
        ("bench_cluster.py", ["--work", "{tmp}/work", "--corpora", "{missing}"]),
        ("bench_faults.py", ["--work", "{tmp}/work", "--corpora", "{missing}"]),
        ("bench_reindex.py", ["--work", "{tmp}/work", "{missing}"]),
        ("bench_readers.py", ["--shared", "{missing}"]),
        ("bench_extract.py", ["speed", "--corpora", "{missing}"]),
        ("bench_stories.py", ["--work", "{tmp}/work", "--corpora", "{missing}"]),
        ("story_pairs.py", ["--shared", "{missing}"]),
    ],
)
def test_a_benchmark_without_its_corpora_stops_and_says_where_it_looked(
    tmp_path: Path, script: str, args: list[str]
) -> None:
    missing = tmp_path / "no-corpora"
    argv = [a.format(tmp=tmp_path, missing=missing) for a in args]
    done = subprocess.run(
        [sys.executable, str(BENCHMARKS / script), *argv],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 1, done.stderr
    assert f"{script}: no corpus at {missing}" in done.stderr
    assert "Traceback" not in done.stderr
    assert not (tmp_path / "work" / "articles.pickle").exists()


def test_copying_a_missing_index_into_a_cluster_stops_before_starting_one(tmp_path: Path) -> None:
    done = subprocess.run(
        [sys.executable, str(BENCHMARKS / "cluster_from_index.py"), "--index", str(tmp_path / "none")]
        + ["--work", str(tmp_path / "work")],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 1 and f"no index at {tmp_path / 'none'}" in done.stderr
    assert "Traceback" not in done.stderr and not (tmp_path / "work").exists()


def test_an_empty_corpus_folder_is_refused_too(tmp_path: Path) -> None:
    empty = tmp_path / "corpora"
    (empty / "dawn").mkdir(parents=True)
    done = subprocess.run(
        [
            sys.executable,
            str(BENCHMARKS / "bench_search.py"),
            "--work",
            str(tmp_path / "w"),
            "--corpora",
            str(empty),
        ],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 1
    assert f"no corpus at {empty} (missing or empty)" in done.stderr


def test_the_cpu_benchmark_without_an_index_stops_and_says_where_it_looked(tmp_path: Path) -> None:
    missing = tmp_path / "no-index"
    done = subprocess.run(
        [sys.executable, str(BENCHMARKS / "bench_cpu.py"), "--index", str(missing)],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 1, done.stderr
    assert f"bench_cpu: no index at {missing}" in done.stderr
    assert "Traceback" not in done.stderr
