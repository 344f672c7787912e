"""A live Broadsheet over the test articles, and Debian's Chromium driven by Playwright."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

CHROMIUM = Path("/usr/bin/chromium")
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "screenshots"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 390, "height": 844}


@pytest.fixture(scope="session")
def base_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The app served by waitress, the production server, on a free local port, in a thread."""
    from waitress.server import create_server
    from webindex import build_app

    app = build_app(tmp_path_factory.mktemp("web-browser"))
    server = create_server(app, host="127.0.0.1", port=0, threads=4)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.effective_port}"
    server.close()
    thread.join(5)


@pytest.fixture(scope="session")
def chromium() -> Iterator[object]:
    if not CHROMIUM.exists():
        pytest.skip(f"browser tests need Debian's Chromium at {CHROMIUM} (installed by .ci/run)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture(params=[DESKTOP, PHONE], ids=["desktop", "phone"])
def viewport(request: pytest.FixtureRequest) -> dict[str, int]:
    return request.param


@pytest.fixture
def page(chromium, base_url: str):  # type: ignore[no-untyped-def]
    """A desktop-sized page that fails the test on any console error or page error."""
    yield from _page(chromium, base_url, DESKTOP)


@pytest.fixture
def sized_page(chromium, base_url: str, viewport: dict[str, int]):  # type: ignore[no-untyped-def]
    yield from _page(chromium, base_url, viewport)


def _page(chromium, base_url: str, viewport: dict[str, int]):  # type: ignore[no-untyped-def]
    context = chromium.new_context(viewport=viewport, base_url=base_url, java_script_enabled=True)
    page = context.new_page()
    errors: list[str] = []

    def console(message):  # type: ignore[no-untyped-def]
        # An error page's own 4xx status is reported as a console error; it is what the test asked for.
        own_status = (
            message.text.startswith("Failed to load resource") and message.location.get("url") == page.url
        )
        if message.type == "error" and not own_status:
            errors.append(message.text)

    page.on("console", console)
    page.on("pageerror", lambda error: errors.append(str(error)))

    def failed(request):  # type: ignore[no-untyped-def]
        # A request cut short because the test navigated on (net::ERR_ABORTED) is not a fault.
        if request.failure != "net::ERR_ABORTED":
            errors.append(f"failed: {request.url} ({request.failure})")

    page.on("requestfailed", failed)

    def local_only(route):  # type: ignore[no-untyped-def]
        if route.request.url.startswith(base_url):
            route.continue_()
        else:
            errors.append(f"asset from another host: {route.request.url}")
            route.abort()

    page.route("**/*", local_only)
    yield page
    context.close()
    assert not errors, errors


@pytest.fixture(scope="session")
def screenshot():  # type: ignore[no-untyped-def]
    """Keeps a full-page screenshot as a test artifact, named by page and width."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)

    def take(page, name: str) -> None:  # type: ignore[no-untyped-def]
        width = page.viewport_size["width"]
        page.screenshot(path=str(ARTIFACTS / f"{name}-{width}.png"), full_page=True)

    return take
