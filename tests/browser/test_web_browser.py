"""Broadsheet in a real Chromium: searching, facets, dates, articles, profiles, keyboard use.

Run alone with `pytest -m browser`. Screenshots land in test-artifacts/screenshots/.
"""

from __future__ import annotations

import re
from urllib.parse import quote

import pytest
from playwright.sync_api import Page, expect

pytestmark = pytest.mark.browser

SCREENS = {
    "home": "/",
    "results": "/search?q=budget",
    "results-explained": "/search?q=budget+assembly+january+2020&explain=1",
    "results-filtered": "/search?q=budget&person=Asad+Umar",
    "no-results": "/search?q=budget+cricket&person=Yasir+Shah",
    "article": "/article/https://news.example.org/2019/03/budget-vote?q=budget",
    "person": "/person/" + quote("Imran Khan"),
    "country": "/country/Pakistan",
    "facet-list": "/facet/person",
    "status": "/status",
    "help": "/help",
    "error": "/search?page=0",
}


def total(page: Page) -> int:
    return int(page.locator("[data-total]").get_attribute("data-total") or 0)


@pytest.mark.parametrize("name", list(SCREENS))
def test_every_page_renders_without_console_errors(sized_page: Page, screenshot, name: str) -> None:  # type: ignore[no-untyped-def]
    response = sized_page.goto(SCREENS[name])
    assert response is not None and response.status == (400 if name == "error" else 200)
    expect(sized_page.locator("h1").first).to_be_visible()
    width = sized_page.evaluate("document.documentElement.scrollWidth")
    assert width <= sized_page.viewport_size["width"], "the page scrolls sideways"
    screenshot(sized_page, name)


def test_type_a_query_and_press_enter(page: Page) -> None:
    page.goto("/")
    page.locator("#q").fill("budget")
    page.locator("#q").press("Enter")
    expect(page).to_have_url(re.compile(r"/search\?q=budget$"))
    expect(page.locator("#q-top")).to_have_value("budget")
    assert total(page) == 4
    expect(page.locator("li.hit")).to_have_count(4)


def test_person_facet_narrows_then_is_removed_and_back_works(page: Page) -> None:
    page.goto("/search?q=budget")
    facet = page.locator(".facet-person li").filter(has_text="Asad Umar")
    count = int(facet.locator(".count").inner_text())
    facet.locator("a").click()
    expect(page).to_have_url(re.compile(r"person=Asad\+Umar"))
    assert total(page) == count == 2
    expect(page.locator("li.hit")).to_have_count(2)
    chip = page.locator(".active-filters .chip-person")
    expect(chip).to_contain_text("Asad Umar")
    chip.get_by_role("link", name="Remove filter person: Asad Umar").click()
    expect(page.locator(".active-filters")).to_have_count(0)
    assert total(page) == 4
    page.go_back()
    expect(page.locator(".active-filters .chip-person")).to_contain_text("Asad Umar")


def test_year_bar_then_month_bar(page: Page) -> None:
    page.goto("/search")
    page.locator(".facet-date svg a[aria-label^='2019:']").click()
    expect(page.locator("#facet-date")).to_have_text("Months")
    assert total(page) == 5
    page.locator(".facet-date svg a[aria-label^='Mar 2019:']").click()
    expect(page).to_have_url(re.compile(r"from=2019-03-01&to=2019-03-31"))
    assert total(page) == 2
    expect(page.locator(".chip-date")).to_contain_text("2019-03")
    page.get_by_role("link", name="← All years").click()
    expect(page.locator("#facet-date")).to_have_text("Years")


def test_open_an_article_and_see_highlighted_words(page: Page) -> None:
    page.goto("/search?q=budget")
    page.locator("li.hit h2 a", has_text="Assembly passes budget").click()
    expect(page.locator("h1")).to_have_text("Assembly passes budget after long night")
    marks = page.locator(".body mark")
    expect(marks.first).to_be_visible()
    assert marks.count() == 3


def test_open_a_person_page_from_an_article(page: Page) -> None:
    page.goto("/article/https://news.example.org/2019/03/budget-vote")
    page.locator(".tag-person", has_text="Shehbaz Sharif").click()
    expect(page.locator("h1")).to_have_text("Shehbaz Sharif")
    expect(page.locator(".profile-head")).to_contain_text("2 articles")
    expect(page.locator(".chart svg a")).not_to_have_count(0)


def test_more_list_narrows_as_you_type(page: Page) -> None:
    page.goto("/facet/country")
    page.locator("#prefix").press_sequentially("new")
    visible = page.locator("#facet-all li:visible")
    expect(visible).to_have_count(1)
    expect(visible.first).to_contain_text("New Zealand")


def test_instant_results_as_you_type(page: Page) -> None:
    page.goto("/search?q=budget")
    page.locator("#q-top").fill("floods")
    expect(page.locator("li.hit h2 a")).to_have_text(["Early monsoon floods hit Sindh villages"])
    expect(page).to_have_url(re.compile(r"q=floods"))


def test_keyboard_only_search(page: Page) -> None:
    page.goto("/help")
    page.keyboard.press("Tab")
    skip = page.locator("a.skip")
    expect(skip).to_be_focused()
    assert page.evaluate("getComputedStyle(document.activeElement).outlineStyle") != "none"
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")
    expect(page.locator("#q-top")).to_be_focused()
    page.keyboard.type("election")
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"q=election"))
    for _ in range(60):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.closest('li.hit h2') !== null"):
            break
    else:
        pytest.fail("never reached a result by Tab")
    assert page.evaluate("getComputedStyle(document.activeElement).outlineStyle") != "none"
    page.keyboard.press("Enter")
    expect(page.locator(".body mark").first).to_be_visible()


def test_works_with_javascript_disabled(chromium, base_url: str) -> None:  # type: ignore[no-untyped-def]
    context = chromium.new_context(base_url=base_url, java_script_enabled=False)
    page = context.new_page()
    page.goto("/facet/person")
    page.locator("#prefix").fill("sh")
    page.locator("#prefix").press("Enter")
    expect(page.locator("#facet-all li")).to_have_count(3)
    page.locator("#facet-all li a", has_text="Shehbaz Sharif").first.click()
    assert total(page) == 2
    context.close()


def test_why_this_result_opens_a_table_of_parts_without_script(chromium, base_url: str) -> None:  # type: ignore[no-untyped-def]
    context = chromium.new_context(base_url=base_url, java_script_enabled=False)
    page = context.new_page()
    try:
        page.goto("/search?q=budget+assembly+january+2020")
        expect(page.locator(".notice.period")).to_contain_text("Showing articles from January 2020 first")
        page.locator("li.hit").nth(1).get_by_role("link", name="why this result?").click()
        expect(page).to_have_url(re.compile(r"explain=1#why-2$"))
        table = page.locator("table#why-2")
        expect(table).to_be_visible()
        expect(table.locator("caption")).to_contain_text("Why this result: score")
        expect(table.locator("th").first).to_have_text(re.compile(r"^(title|body): "))
        page.locator(".notice.period").get_by_role("link", name="search everywhere").click()
        expect(page).to_have_url(re.compile(r"anytime=1"))
        expect(page.locator(".notice.period")).to_have_count(0)
    finally:
        context.close()
