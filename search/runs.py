"""The record of indexing runs, kept beside the index for `broadsheet status` and /status.

The indexer writes one `RunSummary` per run; the web app and the command line read
them. It lives on the ground floor so that neither reader has to import the indexer.
An engine that keeps run records itself (a cluster, read by web servers on other hosts)
is given each one too, and readers that name the engine read them from it.
"""

from __future__ import annotations

import json
import os
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from search.engine import Engine

RUNS_FILE = "runs.jsonl"
KEEP_RUNS = 50


@dataclass(frozen=True, slots=True)
class RunSummary:
    """What one `index` or `reindex` run did. `skipped` maps origin to reason."""

    kind: str  # "index", "reindex" or "rollback"
    started: str  # ISO 8601, UTC
    seconds: float
    paths: tuple[str, ...]
    generation: str
    added: int = 0
    updated: int = 0
    deleted: int = 0
    unchanged: int = 0
    duplicates: int = 0
    #: Articles stored before under another id (the identity rules changed), now under their new one.
    renamed: int = 0
    skipped: dict[str, str] = field(default_factory=dict)
    articles: int = 0
    ok: bool = True
    error: str | None = None
    #: Seconds spent in each step, in order ("read and extract", "write", ...): where a
    #: slow run spends its time.
    phases: dict[str, float] = field(default_factory=dict)
    #: What readers left out of articles they still indexed (a link that is not a web
    #: address), origin to message; listed in the run's log.
    notes: dict[str, str] = field(default_factory=dict)
    #: Records extracted (the others were unchanged, known by their content hash) and
    #: articles written to the new generation: what a run's cost follows.
    extracted: int = 0
    written: int = 0

    @property
    def rate(self) -> float:
        """Articles read per second."""
        seen = self.added + self.updated + self.unchanged + self.duplicates + self.renamed
        return seen / self.seconds if self.seconds > 0 else 0.0

    def line(self) -> str:
        """The one-line summary the command line prints."""
        return (
            f"{self.kind}: {self.added} added, {self.updated} updated, {self.deleted} deleted, "
            f"{self.unchanged} unchanged, {self.duplicates} duplicates, "
            + (f"{self.renamed} renamed, " if self.renamed else "")
            + f"{len(self.skipped)} skipped"
            + (f", {len(self.notes)} noted" if self.notes else "")
            + f" in {self.seconds:.1f}s ({self.rate:.0f} articles/s); {self.articles} articles live"
        )


def record_run(state_dir: Path, summary: RunSummary, engine: Engine | None = None) -> None:
    """Append a run, keeping the newest `KEEP_RUNS`; written atomically. Given to the
    engine as well when it keeps run records."""
    if engine is not None:
        engine.record_run(json.dumps(asdict(summary), ensure_ascii=False))
    runs = load_runs(state_dir)[: KEEP_RUNS - 1]
    runs.insert(0, summary)
    state_dir.mkdir(parents=True, exist_ok=True)
    tmp = state_dir / f".{RUNS_FILE}.{os.getpid()}"
    with tmp.open("w", encoding="utf-8") as out:
        for run in reversed(runs):
            out.write(json.dumps(asdict(run), ensure_ascii=False) + "\n")
        out.flush()
        os.fsync(out.fileno())
    os.replace(tmp, state_dir / RUNS_FILE)


def load_runs(state_dir: Path, engine: Engine | None = None) -> list[RunSummary]:
    """Recorded runs, newest first; a damaged line is passed over. The engine's own
    records when it keeps them, else those beside the index in `state_dir`."""
    kept = engine.run_records(KEEP_RUNS) if engine is not None else None
    if kept is not None:
        return _parsed(kept)
    path = state_dir / RUNS_FILE
    if not path.exists():
        return []
    return _parsed(path.read_text(encoding="utf-8").splitlines())[::-1]


def _parsed(lines: list[str]) -> list[RunSummary]:
    runs: list[RunSummary] = []
    for line in lines:
        try:
            data = json.loads(line)
            data["paths"] = tuple(data.get("paths", ()))
            runs.append(RunSummary(**data))
        except (ValueError, TypeError):
            continue
    return runs
