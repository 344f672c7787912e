"""Trend charts, on this day and self-zooming date bars in a real Chromium.

Run alone with `pytest -m browser`. Screenshots land in test-artifacts/screenshots/.
"""

from __future__ import annotations

import datetime as dt
import re
from urllib.parse import parse_qs, urlsplit

import pytest
from playwright.sync_api import Page, expect

pytestmark = pytest.mark.browser

COMPARISON = "/trends?q=budget&q=pakistan"
SCREENS = {
    "trends": COMPARISON,
    "trends-empty": "/trends",
    "on-this-day": "/on-this-day/03-14",
    "results-one-year": "/search?q=assembly",
}


@pytest.mark.parametrize("name", list(SCREENS))
def test_trend_pages_render_at_both_widths(sized_page: Page, screenshot, name: str) -> None:  # type: ignore[no-untyped-def]
    response = sized_page.goto(SCREENS[name])
    assert response is not None and response.status == 200
    expect(sized_page.locator("h1").first).to_be_visible()
    width = sized_page.evaluate("document.documentElement.scrollWidth")
    assert width <= sized_page.viewport_size["width"], "the page scrolls sideways"
    screenshot(sized_page, name)


def test_a_two_line_comparison_renders(page: Page) -> None:
    page.goto(COMPARISON)
    lines = page.locator("svg g.series")
    expect(lines).to_have_count(2)
    for i in range(2):
        box = lines.nth(i).locator(".trend-line").bounding_box()
        assert box is not None and box["width"] > 200  # drawn across the chart
        expect(lines.nth(i).locator("a.point").first).to_be_visible()
    strokes = page.evaluate(
        "[...document.querySelectorAll('g.series .trend-line')].map(p => getComputedStyle(p).stroke)"
    )
    assert len(set(strokes)) == 2
    expect(page.locator(".trend-legend > li")).to_have_count(2)
    expect(page.locator("#trend-caption")).to_contain_text("Share of all articles")


def test_a_point_is_reached_by_keyboard_and_opens_its_search(page: Page) -> None:
    page.goto(COMPARISON)
    page.locator(".trend-options button").focus()
    for _ in range(6):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.matches('a.point')"):
            break
    focused = page.evaluate(
        "({label: document.activeElement.getAttribute('aria-label'),"
        " href: document.activeElement.getAttribute('href'),"
        " point: document.activeElement.matches('a.point')})"
    )
    assert focused["point"], "no chart point is reachable with the Tab key"
    match = re.match(r"“budget”, (.+?): (\d+) articles?, ", focused["label"])
    assert match, focused["label"]
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"/search\?q=budget&from=\d{4}-\d\d-\d\d&to=\d{4}-\d\d-\d\d$"))
    query = parse_qs(urlsplit(page.url).query)
    first, last = (dt.date.fromisoformat(query[k][0]) for k in ("from", "to"))
    assert first.weekday() == 0 and (last - first).days == 6  # 2018 to 2019: weeks
    shown = page.locator("[data-total]")
    expect(shown).to_have_count(1 if int(match.group(2)) else 0)
    if int(match.group(2)):
        assert int(shown.get_attribute("data-total") or 0) == int(match.group(2))
    else:
        expect(page.locator("h1")).to_contain_text("No articles match")


def test_a_one_year_search_shows_month_bars_that_narrow(page: Page) -> None:
    page.goto("/search?q=assembly")
    expect(page.locator("#facet-date")).to_have_text("Months")
    bars = page.locator(".facet-date svg a")
    expect(bars).to_have_count(7)  # March to September 2019
    expect(bars.first).to_have_attribute("aria-label", re.compile(r"^Mar 2019: 1 article"))
    bars.first.click()
    expect(page).to_have_url(re.compile(r"from=2019-03-01&to=2019-03-31"))
    expect(page.locator("#facet-date")).to_have_text("Days")


def test_compare_from_a_results_page_then_add_a_search(page: Page) -> None:
    page.goto("/search?q=budget")
    page.locator("a.compare").click()
    expect(page.locator("svg g.series")).to_have_count(1)
    page.locator("#q-new").fill("cricket")
    page.locator("#q-new").press("Enter")
    expect(page.locator("svg g.series")).to_have_count(2)
    expect(page.locator(".trend-legend > li").nth(1)).to_contain_text("“cricket”")
