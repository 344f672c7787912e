"""SphinxQL connections: one per server per thread, reopened when a server drops them.

pymysql connections are not thread-safe and the web app answers on several threads, so
each thread keeps its own. `autocommit=True` matters: with pymysql's default a real-time
insert stays invisible until an explicit COMMIT.
"""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Sequence
from typing import Any

import pymysql

from search.sphinx.url import Address

#: One result row as pymysql decodes it: each value's type is the server's (pymysql's own
#: stubs say Any), so readers convert with int()/str() where they use it.
Row = tuple[Any, ...]

CONNECT_TIMEOUT_S = 2
READ_TIMEOUT_S = 30


class Unavailable(ConnectionError):
    """The server, or every shard behind it, did not answer."""


class Server:
    """Per-thread connections to one searchd's SphinxQL port."""

    def __init__(
        self,
        address: Address,
        *,
        connect_timeout: float = CONNECT_TIMEOUT_S,
        read_timeout: float = READ_TIMEOUT_S,
    ) -> None:
        self.address = address
        self.connect_timeout = connect_timeout
        self.read_timeout = read_timeout
        self._local = threading.local()
        self._lock = threading.Lock()
        #: Every thread's connection, so `close_all` can end them (searchd waits for open
        #: client connections when it is stopped).
        self._open: list[pymysql.connections.Connection] = []

    def _connection(self) -> pymysql.connections.Connection:
        conn = getattr(self._local, "conn", None)
        if conn is None:
            try:
                conn = pymysql.connect(
                    host=self.address.host,
                    port=self.address.port,
                    autocommit=True,
                    connect_timeout=self.connect_timeout,
                    read_timeout=self.read_timeout,
                    charset="utf8",
                )
            except pymysql.err.OperationalError as error:
                raise Unavailable(f"{self.address}: {error}") from error
            self._local.conn = conn
            with self._lock:
                self._open.append(conn)
        return conn

    def run(
        self, sql: str, args: tuple[object, ...] = (), meta: bool = False
    ) -> tuple[list[Sequence[Row]], dict[str, str]]:
        """Every result set of one statement, and SHOW META's rows when asked.

        A dropped connection (a server restarted) is reopened once; a server that does
        not answer, or whose every agent failed, raises `Unavailable`."""
        for attempt in (1, 2):
            conn = self._connection()
            try:
                with conn.cursor() as cursor:
                    cursor.execute(sql, args or None)
                    sets: list[Sequence[Row]] = [cursor.fetchall()]
                    while cursor.nextset():
                        sets.append(cursor.fetchall())
                    info: dict[str, str] = {}
                    if meta:
                        cursor.execute("SHOW META")
                        for key, value in cursor.fetchall():
                            info[key] = f"{info[key]}; {value}" if key in info else value
                    return sets, info
            except pymysql.err.OperationalError as error:
                self.close()
                if attempt == 2:
                    raise Unavailable(f"{self.address}: {error}") from error
            except pymysql.err.MySQLError as error:
                # Every agent failing is an outage; an agent refusing the query is a bug.
                if "agent" in str(error) and "remote query error" not in str(error):
                    raise Unavailable(f"{self.address}: {error}") from error
                raise
        raise AssertionError("unreachable")

    def version(self) -> str:
        """The version the server announced when this thread connected."""
        return str(self._connection().get_server_info())  # type: ignore[no-untyped-call]  # unannotated in the stubs

    def close(self) -> None:
        """Close this thread's connection (the next statement opens a new one)."""
        conn = getattr(self._local, "conn", None)
        self._local.conn = None
        if conn is not None:
            with self._lock:
                if conn in self._open:
                    self._open.remove(conn)
            _quietly_close(conn)

    def close_all(self) -> None:
        """Close every thread's connection; for shutting down."""
        with self._lock:
            conns, self._open = self._open, []
        for conn in conns:
            _quietly_close(conn)
        self._local = threading.local()


def _quietly_close(conn: pymysql.connections.Connection) -> None:
    with contextlib.suppress(pymysql.err.Error):  # already closed by the server
        conn.close()
