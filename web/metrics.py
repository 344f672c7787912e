"""Prometheus metrics: requests by route and status, their latency, searches cut short by
their time budget, and the index's state.

Request figures are counted where the request is answered. Under `broadsheet serve` each
worker process writes them to files in `PROMETHEUS_MULTIPROC_DIR` and /metrics sums the
files of all workers (prometheus_client's multiprocess mode); without that variable (tests,
another WSGI server) they live in this process. The index's state is read when scraped.
"""

from __future__ import annotations

import os
import time
from collections.abc import Iterator
from typing import Protocol, TypeVar

from flask import Flask, Response, g, request
from prometheus_client import (
    CONTENT_TYPE_LATEST,
    REGISTRY,
    CollectorRegistry,
    Counter,
    Histogram,
    generate_latest,
    multiprocess,
)
from prometheus_client.core import GaugeMetricFamily, InfoMetricFamily
from prometheus_client.metrics_core import Metric
from prometheus_client.registry import Collector

from web.health import IndexHealth, finished_at

REQUESTS = Counter(
    "broadsheet_http_requests", "HTTP requests answered, by route and status.", ["route", "status"]
)
LATENCY = Histogram(
    "broadsheet_http_request_duration_seconds",
    "Time from a request's arrival in the app to its response, by route.",
    ["route"],
    buckets=(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0),
)
SEARCH_TIMEOUTS = Counter(
    "broadsheet_search_timeouts",
    "Searches that ran out of their time budget and answered with what they had found.",
)
#: The route label of a request that matched no route (a 404 for an unknown address).
UNMATCHED = "(unmatched)"


class _Bounded(Protocol):
    @property
    def timed_out(self) -> bool: ...


Answer = TypeVar("Answer", bound=_Bounded)


def counted(answer: Answer) -> Answer:
    """`answer`, counted in `broadsheet_search_timeouts_total` when its time budget ran out."""
    if answer.timed_out:
        SEARCH_TIMEOUTS.inc()
    return answer


def register(app: Flask) -> None:
    app.before_request(_start_clock)
    app.after_request(_count)


def _start_clock() -> None:
    g.metrics_started = time.perf_counter()


def _count(response: Response) -> Response:
    route = request.url_rule.rule if request.url_rule is not None else UNMATCHED
    REQUESTS.labels(route, str(response.status_code)).inc()
    started = g.get("metrics_started")
    if started is not None:
        LATENCY.labels(route).observe(time.perf_counter() - started)
    return response


def exposition(health: IndexHealth | None) -> Response:
    """Every worker's request figures plus this worker's view of the index, in the text format."""
    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        counted = CollectorRegistry()
        multiprocess.MultiProcessCollector(counted)  # type: ignore[no-untyped-call]  # unannotated upstream
    else:
        counted = REGISTRY
    index = CollectorRegistry()
    index.register(_IndexCollector(health))
    return Response(generate_latest(counted) + generate_latest(index), mimetype=CONTENT_TYPE_LATEST)


class _IndexCollector(Collector):
    """The live generation, its size and age, and the last indexing run, as gauges."""

    def __init__(self, health: IndexHealth | None) -> None:
        self.health = health

    def collect(self) -> Iterator[Metric]:
        health = self.health
        up = GaugeMetricFamily("broadsheet_index_up", "1 when the index is open and answers a trivial query.")
        up.add_metric([], 1 if health else 0)
        yield up
        if health is None:
            return
        info = InfoMetricFamily("broadsheet_index_generation", "The live index generation.")
        info.add_metric([], {"generation": health.generation})
        yield info
        yield GaugeMetricFamily(
            "broadsheet_index_articles", "Articles in the live generation.", value=health.articles
        )
        if health.age_seconds is not None:
            yield GaugeMetricFamily(
                "broadsheet_index_age_seconds",
                "Seconds since the run that built the live generation finished.",
                value=health.age_seconds,
            )
        run = health.last_run
        if run is None:
            return
        ok = GaugeMetricFamily(
            "broadsheet_last_run_success", "1 when the last indexing run succeeded, else 0.", labels=["kind"]
        )
        ok.add_metric([run.kind], 1 if run.ok else 0)
        yield ok
        if run.started:
            yield GaugeMetricFamily(
                "broadsheet_last_run_finished_timestamp_seconds",
                "When the last indexing run finished (Unix time).",
                value=finished_at(run).timestamp(),
            )
        yield GaugeMetricFamily(
            "broadsheet_last_run_duration_seconds", "How long the last indexing run took.", value=run.seconds
        )
