"""What an operator's monitor asks: is the index open and answering, which generation is
live, how many articles it holds and how old it is. Read fresh on every call, from the
worker's own `Archive`, so it reports what this worker serves."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from search.archive import Archive
from search.engine import EngineQuery, Filters
from search.runs import RunSummary, load_runs


class Unhealthy(Exception):
    """The index cannot serve searches; the message says why, without paths."""


@dataclass(frozen=True, slots=True)
class IndexHealth:
    generation: str
    articles: int
    #: Seconds since the run that built the live generation finished; None when no run
    #: recorded it (an index copied from elsewhere).
    age_seconds: float | None
    last_run: RunSummary | None


def check(archive: Archive, index_dir: Path) -> IndexHealth:
    """The live generation's figures after a trivial query; `Unhealthy` when any step fails."""
    try:
        generation, _ = archive.engine.generation_names()
    except OSError as error:
        raise Unhealthy(f"the index folder cannot be read ({error.strerror})") from error
    if generation is None:
        raise Unhealthy("the index folder has no live generation")
    try:
        answer = archive.engine.query(EngineQuery(None, Filters(), limit=1, facet_limit=1))
    except Exception as error:  # any engine failure is a reason to be taken out of rotation
        raise Unhealthy(f"a trivial query failed ({type(error).__name__})") from error
    runs = load_runs(index_dir, archive.engine)
    built = next((r for r in runs if r.generation == generation and r.ok), None)
    age = None
    if built is not None and built.started:
        age = (dt.datetime.now(dt.UTC) - finished_at(built)).total_seconds()
    return IndexHealth(generation, answer.total, age, runs[0] if runs else None)


def finished_at(run: RunSummary) -> dt.datetime:
    started = dt.datetime.fromisoformat(run.started)
    if started.tzinfo is None:
        started = started.replace(tzinfo=dt.UTC)
    return started + dt.timedelta(seconds=run.seconds)
