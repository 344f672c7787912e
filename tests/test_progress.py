"""The progress of a run as a user sees it: a bar on a terminal, log lines elsewhere."""

from __future__ import annotations

import io

import pytest

from indexer import progress as progress_module
from indexer.progress import Progress


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


@pytest.fixture(autouse=True)
def _show_every_step(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(progress_module, "LOG_EVERY_SECONDS", 0.0)
    monkeypatch.setattr(progress_module, "BAR_EVERY_SECONDS", 0.0)


def _run(progress: Progress) -> None:
    progress.start(total_bytes=1000, files=4)
    progress.advance(500, 12)
    progress.advance(500, 8)
    progress.finish()
    progress.writing(20)
    progress.wrote(5)
    progress.wrote(20)
    progress.finish()


def test_log_lines_when_output_is_not_a_terminal() -> None:
    out = io.StringIO()
    _run(Progress(out))
    lines = out.getvalue().splitlines()
    assert lines[0] == "reading 4 files (0.0 MB)"
    assert lines[1].startswith("progress: 12 articles, ") and " 50% of input, about " in lines[1]
    assert lines[2].startswith("progress: 20 articles, ") and "100% of input" in lines[2]
    assert lines[3] == "writing 20 articles"
    assert lines[4].startswith("progress: 5 of 20 articles written, ") and lines[4].endswith(" left")
    assert lines[5].startswith("progress: 20 of 20 articles written, ") and "about 0s left" in lines[5]
    assert "\r" not in out.getvalue()


def test_a_bar_redrawn_in_place_on_a_terminal() -> None:
    out = _Terminal()
    _run(Progress(out))
    text = out.getvalue()
    assert "\r\x1b[K[############------------] 12 articles" in text
    assert "\r\x1b[K[######------------------] 5 of 20 articles written" in text
    assert "\r\x1b[K[########################] 20 of 20 articles written" in text


def test_no_time_left_is_guessed_before_anything_is_done() -> None:
    out = io.StringIO()
    progress = Progress(out)
    progress.writing(20)
    progress.wrote(0)
    assert out.getvalue().splitlines()[-1] == "progress: 0 of 20 articles written, 0/s"


def test_quiet_prints_nothing() -> None:
    out = _Terminal()
    _run(Progress(out, quiet=True))
    assert out.getvalue() == ""
