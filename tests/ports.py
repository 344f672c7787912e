"""A free loopback port for a test's own server, from the range the test keeps to."""

from __future__ import annotations

import socket

import pytest


def free_port(ports: range) -> int:
    """The first port of `ports` nothing listens on; the test is skipped when none is free."""
    for port in ports:
        with socket.socket() as sock:
            try:
                sock.bind(("127.0.0.1", port))
            except OSError:
                continue
            return port
    pytest.skip(f"no free port in {ports.start}-{ports.stop - 1}")
