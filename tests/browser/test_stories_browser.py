"""Stories in a real Chromium: a wire copy and its republication are one entry with
"1 other version", which opens (a <details>, so without JavaScript too) to both; an
article's other version opens as a marked word diff.

Run alone with `pytest -m browser`. Screenshots land in test-artifacts/screenshots/.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator

import pytest
from playwright.sync_api import Page, expect
from storyindex import C, R, W, article_id, build_story_app

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def story_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The wire copy, its republication and an unrelated report, indexed by `broadsheet
    index` and served by waitress on a free local port."""
    from waitress.server import create_server

    app = build_story_app(tmp_path_factory.mktemp("stories-browser"), W, R, C)
    server = create_server(app, host="127.0.0.1", port=0, threads=2)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.effective_port}"
    server.close()
    thread.join(5)


@pytest.fixture(params=[True, False], ids=["js", "no-js"])
def story_page(chromium, story_url: str, request: pytest.FixtureRequest) -> Iterator[Page]:  # type: ignore[no-untyped-def]
    """A desktop page on the story app that fails the test on any console or page error."""
    context = chromium.new_context(
        viewport={"width": 1280, "height": 900}, base_url=story_url, java_script_enabled=request.param
    )
    page = context.new_page()
    errors: list[str] = []
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    page.on("pageerror", lambda error: errors.append(str(error)))
    yield page
    context.close()
    assert not errors, errors


def test_a_wire_copy_and_its_republication_are_one_entry(story_page: Page, screenshot) -> None:  # type: ignore[no-untyped-def]
    story_page.goto("/search?q=flood+plan")
    expect(story_page.locator("#results-heading")).to_contain_text("3 articles in 2 stories")
    entry = story_page.locator("li.hit", has=story_page.locator("details.versions"))
    expect(entry).to_have_count(1)
    summary = entry.locator("details.versions summary")
    expect(summary).to_have_text("1 other version")
    listed = entry.locator("details.versions li")
    expect(listed.first).to_be_hidden()

    summary.click()
    expect(listed).to_have_count(2)
    expect(listed.nth(0)).to_be_visible()
    expect(listed.nth(1)).to_be_visible()
    titles = sorted(listed.locator("a").all_inner_texts())
    assert titles == sorted([W["title"], R["title"]])
    screenshot(story_page, "stories-results-expanded")

    story_page.locator("form.collapse-toggle input[name=collapse]").check()
    story_page.locator("form.collapse-toggle button").click()
    expect(story_page.locator("li.hit")).to_have_count(3)
    expect(story_page.locator("details.versions")).to_have_count(0)
    assert "collapse=0" in story_page.url


def test_the_compare_view_marks_what_a_republication_changed(story_page: Page, screenshot) -> None:  # type: ignore[no-untyped-def]
    story_page.goto(f"/article/{article_id(W)}")
    versions = story_page.locator("section.versions li")
    expect(versions).to_have_count(1)
    expect(versions.first).to_contain_text(R["title"])
    versions.first.locator("a.compare-with").click()

    expect(story_page.locator("h1")).to_have_text("What changed between two versions")
    expect(story_page.locator(".diff del").first).to_be_visible()
    expect(story_page.locator(".diff ins").first).to_be_visible()
    expect(story_page.locator(".diff ins", has_text="opposition")).to_have_count(1)
    expect(story_page.locator(".diff del", has_text="monsoon")).to_have_count(1)
    screenshot(story_page, "stories-compare")
