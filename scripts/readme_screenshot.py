"""Take the README's screenshot: the real app, on the bundled corpus, in Debian's Chromium.

    python scripts/readme_screenshot.py [--query "border security"] [--out docs/screenshot-results.png]

Builds a throwaway index of the bundled corpus, serves it on a free loopback port with
the production server, and photographs the results page at desktop width.
"""

from __future__ import annotations

import argparse
import socket
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request
from pathlib import Path

from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parents[1]
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--query", default="border security")
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "screenshot-results.png")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as index:
        port = _free_port()
        server = subprocess.Popen(
            [sys.executable, "-m", "broadsheet", "serve", "--index", index, "--port", str(port)],
            cwd=ROOT,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        try:
            url = f"http://127.0.0.1:{port}"
            _wait_for(url)
            with sync_playwright() as p:
                browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
                page = browser.new_page(viewport={"width": 1280, "height": 900})
                page.goto(f"{url}/search?{urllib.parse.urlencode({'q': args.query})}")
                page.screenshot(path=str(args.out))
                browser.close()
        finally:
            server.terminate()
            server.wait()
    print(f"wrote {args.out}")


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _wait_for(url: str, seconds: float = 120) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=2):
                return
        except OSError:
            time.sleep(0.5)
    raise SystemExit(f"the server at {url} did not answer within {seconds:.0f}s")


if __name__ == "__main__":
    main()
