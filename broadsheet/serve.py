"""`broadsheet serve`: the web app in N worker processes behind one listening socket.

gunicorn's master binds the socket, forks the workers and replaces any that dies; each
worker runs `--threads` request threads (the gthread worker). A worker opens the index
itself, after the fork, and follows new generations on its own: no open file, lock or
cache is shared across a fork. What can be shared is, through the page cache: Whoosh
reads its segments through mmap, and the column arrays are memory-mapped files of the
generation (`search.whoosh.columns`).

Metrics are counted per worker into files in `PROMETHEUS_MULTIPROC_DIR` (prometheus_client's
multiprocess mode), which serve creates or cleans before the first worker starts; a dead
worker's live gauges are dropped when the master notices its exit. The variable is set
before prometheus_client is first imported, which is why this module imports `web` late.
"""

from __future__ import annotations

import atexit
import os
import shutil
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from flask import Flask

MULTIPROC_ENV = "PROMETHEUS_MULTIPROC_DIR"
#: One line per request: method, path without its query string, status, bytes, time, worker.
ACCESS_FORMAT = 'worker=%(p)s "%(m)s %(U)s" %(s)s %(B)s bytes %(M)s ms'
#: The same with the query string, only when `--log-queries` asks for it.
ACCESS_FORMAT_WITH_QUERY = 'worker=%(p)s "%(m)s %(U)s?%(q)s" %(s)s %(B)s bytes %(M)s ms'
#: Seconds a worker may go without a heartbeat before the master replaces it; the gthread
#: worker beats from its main loop, so a long request does not count against it.
WORKER_TIMEOUT = 60


@dataclass(frozen=True, slots=True)
class ServeOptions:
    host: str
    port: int
    workers: int
    threads: int
    log_queries: bool


def default_workers() -> int:
    """One worker per core this process may run on."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def prepare_metrics_dir() -> Path:
    """The multiprocess metrics folder, emptied of a previous run's files, named in the
    environment before prometheus_client is imported. Made here (and removed at exit)
    unless the operator named one."""
    given = os.environ.get(MULTIPROC_ENV)
    if given:
        folder = Path(given)
        folder.mkdir(parents=True, exist_ok=True)
        for stale in folder.glob("*.db"):
            stale.unlink()
    else:
        folder = Path(tempfile.mkdtemp(prefix="broadsheet-metrics-"))
        atexit.register(shutil.rmtree, folder, ignore_errors=True)
        os.environ[MULTIPROC_ENV] = str(folder)
    return folder


def run(options: ServeOptions, make_app: Callable[[], Flask]) -> None:
    """Serve until stopped. `make_app` runs in each worker, after the fork."""
    if os.name != "posix":  # gunicorn forks; one process with threads is what Windows gets
        import waitress

        waitress.serve(make_app(), host=options.host, port=options.port, threads=options.threads)
        return
    from gunicorn.app.base import BaseApplication  # type: ignore[import-untyped]  # gunicorn ships no types

    class Broadsheet(BaseApplication):  # type: ignore[misc]  # an untyped base, see the import above
        def load_config(self) -> None:
            for key, value in _settings(options).items():
                self.cfg.set(key, value)

        def load(self) -> Flask:
            return make_app()

    Broadsheet().run()


def _settings(options: ServeOptions) -> dict[str, Any]:
    return {
        "bind": [
            f"[{options.host}]:{options.port}" if ":" in options.host else f"{options.host}:{options.port}"
        ],
        "workers": options.workers,
        "worker_class": "gthread",
        "threads": options.threads,
        "timeout": WORKER_TIMEOUT,
        "proc_name": "broadsheet",
        "accesslog": "-",
        "errorlog": "-",
        "access_log_format": ACCESS_FORMAT_WITH_QUERY if options.log_queries else ACCESS_FORMAT,
        "child_exit": _child_exit,
        # gunicorn's control socket would be one fixed path shared by every server on the host.
        "control_socket_disable": True,
    }


def _child_exit(server: object, worker: Any) -> None:
    """A worker is gone: its live gauges no longer count."""
    from prometheus_client import multiprocess

    multiprocess.mark_process_dead(worker.pid)  # type: ignore[no-untyped-call]  # unannotated upstream
