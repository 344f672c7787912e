"""The per-file time limit: a runaway pattern is stopped, and a slow file is skipped through
the real worker pool while the rest of the run goes on."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from broadsheet.cli import EXIT_OK, main
from indexer.timelimit import TimeLimitExceeded, limit_for, time_limit
from search.runs import load_runs

STORY = (
    "KARACHI: Hina Rashid won the national squash title on Sunday, beating the top seed in five games "
    "before a packed gallery.\n\nRashid, 19, said she would now aim for the world junior championship "
    "in Cairo.\n\nPublished in The Frontier Ledger, October 9th, 2014\n"
)


def test_the_limit_stops_a_pattern_inside_the_regex_engine() -> None:
    runaway = re.compile(r"(a+)+$")  # exponential on a run of a's that does not end the text
    with pytest.raises(TimeLimitExceeded), time_limit(0.2):
        runaway.search("a" * 32 + "!")


def test_no_limit_lets_the_block_finish() -> None:
    with time_limit(None):
        assert re.search(r"(a+)+$", "a" * 12 + "!") is None


def test_the_limit_grows_with_the_file() -> None:
    assert limit_for(1_000, 60) == 60
    assert limit_for(50_000_000, 60) == 3_000


def test_a_slow_file_is_skipped_and_the_run_goes_on(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for place in ("karachi", "lahore", "quetta"):
        (corpus / f"{place}.txt").write_text(STORY.replace("Cairo", place.title()), encoding="utf-8")
    # A table of thousands of rows: the HTML cleaner's line breaks around each row take
    # time that grows with the rows times their number (seconds here; the limit is 0.5 s).
    rows = "<tr><td>Alpha beta</td><td>gamma delta</td></tr>" * 8_000
    (corpus / "slow.html").write_text(
        "<html><head><title>Long table</title><meta property='og:type' content='article'></head>"
        f"<body><article><table>{rows}</table></article></body></html>",
        encoding="utf-8",
    )
    index = tmp_path / "index"
    argv = ["index", "--index", str(index), "--quiet", "--workers", "2", "--file-time-limit", "0.5"]
    assert main([*argv, str(corpus)]) == EXIT_OK
    run = load_runs(index)[0]
    assert run.added == 3
    assert run.skipped == {"slow.html": "took longer than its time limit (0.5 CPU seconds); not read"}
    log = next((index / "logs").iterdir()).read_text(encoding="utf-8")
    assert "skipped slow.html: took longer than its time limit" in log
