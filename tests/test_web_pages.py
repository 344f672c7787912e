"""The HTML pages over a real index of the invented articles in tests/data/web."""

from __future__ import annotations

from urllib.parse import parse_qs, quote, urlsplit

import pytest
from browser.webindex import build_app
from bs4 import BeautifulSoup
from flask.testing import FlaskClient

from search.runs import RunSummary, record_run
from web.pages import STATUS_SKIPPED

BUDGET_ID = "https://news.example.org/2019/03/budget-vote"


@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory) -> FlaskClient:
    return build_app(tmp_path_factory.mktemp("web-pages")).test_client()


def page(client: FlaskClient, url: str, status: int = 200) -> BeautifulSoup:
    response = client.get(url)
    assert response.status_code == status, response.text[:500]
    return BeautifulSoup(response.text, "lxml")


def total(soup: BeautifulSoup) -> int:
    strong = soup.select_one("[data-total]")
    return int(strong["data-total"]) if strong else 0


def params(href: str) -> dict[str, list[str]]:
    return parse_qs(urlsplit(href).query)


def test_home_shows_holdings_ways_in_and_a_timeline(client: FlaskClient) -> None:
    soup = page(client, "/")
    holdings = soup.select_one(".holdings").get_text(" ", strip=True)
    assert "12 articles" in holdings and "30 May 2017" in holdings and "13 Mar 2020" in holdings
    people = [a.get_text() for a in soup.select("#top-person ~ ol a")]
    assert people[0] == "Imran Khan"
    assert soup.select_one("#top-person ~ ol a")["href"] == "/person/Imran%20Khan"
    years = soup.select(".timeline svg a")
    assert [a.select_one("title").get_text() for a in years] == ["2017: 1", "2018: 2", "2019: 5", "2020: 3"]
    assert params(years[2]["href"]) == {"from": ["2019-01-01"], "to": ["2019-12-31"]}


def test_results_keep_the_query_and_show_each_hit(client: FlaskClient) -> None:
    soup = page(client, "/search?q=budget")
    assert soup.select_one("#q-top")["value"] == "budget"
    assert total(soup) == 4
    hits = soup.select("li.hit")
    assert len(hits) == 4
    first = hits[0]
    assert first.select_one("h2 a")["href"].startswith("/article/")
    assert first.select_one(".snippet mark").get_text().lower() == "budget"
    for hit in hits:
        for tag in hit.select(".tag-person"):
            assert params(tag["href"])["person"] == [tag.get_text()]
    assert {a.get_text() for a in soup.select(".exports a")} == {"JSON", "CSV", "Atom feed"}


def test_a_person_facet_narrows_and_can_be_removed(client: FlaskClient) -> None:
    soup = page(client, "/search?q=budget")
    link = next(a for a in soup.select(".facet-person a") if a.get_text(strip=True) == "Asad Umar")
    count = int(link.find_next_sibling(class_="count").get_text())
    narrowed = page(client, link["href"])
    assert total(narrowed) == count == 2
    chip = narrowed.select_one(".active-filters .chip-person")
    assert "Asad Umar" in chip.get_text()
    assert (
        narrowed.select_one(".facet-person li.selected").get_text(" ", strip=True).startswith("✓ Asad Umar")
    )
    back = page(client, chip.select_one("a.remove")["href"])
    assert total(back) == 4 and back.select_one(".active-filters") is None


def test_sort_and_pages(client: FlaskClient) -> None:
    newest = page(client, "/search?sort=newest&per_page=5")
    dates = [t["datetime"] for t in newest.select("li.hit time")]
    assert dates == sorted(dates, reverse=True) and len(dates) == 5
    assert newest.select_one(".sortbar strong").get_text() == "newest"
    pager = newest.select_one("nav.pager")
    assert [a.get_text() for a in pager.select("a")][:2] == ["2", "3"]
    second = page(client, pager.select_one("a[rel=next]")["href"])
    assert second.select_one("ol.hits")["start"] == "6"
    oldest = page(client, "/search?sort=oldest&per_page=3")
    assert [t["datetime"] for t in oldest.select("li.hit time")] == ["2017-05-30", "2018-07-25", "2018-11-19"]


def test_a_page_past_the_end_is_empty_not_an_error(client: FlaskClient) -> None:
    soup = page(client, "/search?q=budget&page=50")
    assert not soup.select("li.hit")
    assert "past the last page" in soup.get_text()


def test_year_then_month_narrowing(client: FlaskClient) -> None:
    soup = page(client, "/search")
    year = next(
        a for a in soup.select(".facet-date svg a") if a.select_one("title").get_text().startswith("2019")
    )
    in_year = page(client, year["href"])
    assert total(in_year) == 5
    assert in_year.select_one("#facet-date").get_text() == "Months"
    months = {a.select_one("title").get_text() for a in in_year.select(".facet-date svg a")}
    assert {"Mar 2019: 2", "Apr 2019: 1", "Aug 2019: 1", "Sep 2019: 1"} <= months
    march = next(
        a for a in in_year.select(".facet-date svg a") if a.select_one("title").get_text() == "Mar 2019: 2"
    )
    assert params(march["href"])["from"] == ["2019-03-01"] and params(march["href"])["to"] == ["2019-03-31"]
    in_march = page(client, march["href"])
    assert total(in_march) == 2
    assert in_march.select_one(".chip-date").get_text(" ", strip=True).startswith("date 2019-03")


def test_date_range_form_keeps_the_other_filters(client: FlaskClient) -> None:
    soup = page(client, "/search?q=budget&person=Asad+Umar")
    form = soup.select_one("form.daterange")
    hidden = {(i["name"], i["value"]) for i in form.select("input[type=hidden]")}
    assert hidden == {("q", "budget"), ("person", "Asad Umar")}
    assert {i["name"] for i in form.select("input[type=date]")} == {"from", "to"}


def test_nothing_matches_offers_ways_out(client: FlaskClient) -> None:
    soup = page(client, "/search?q=budget+cricket&person=Yasir+Shah")
    assert "Nothing in the archive matches" in soup.select_one(".nothing").get_text()
    ways = {a.get_text(): a["href"] for a in soup.select(".ways-out a")}
    assert "Remove the filter Yasir Shah" in ways
    assert params(ways["Match any of the words: budget OR cricket"])["q"] == ["budget OR cricket"]


def test_did_you_mean(client: FlaskClient) -> None:
    soup = page(client, "/search?q=budgett")
    links = [a for a in soup.select(".ways-out a, .didyoumean a") if "budget" in a.get_text()]
    assert links and params(links[0]["href"])["q"] == ["budget"]


def test_article_with_a_url_id_is_highlighted_and_linked(client: FlaskClient) -> None:
    soup = page(client, f"/article/{BUDGET_ID}?q=budget")
    assert soup.select_one("h1").get_text() == "Assembly passes budget after long night"
    assert [m.get_text().lower() for m in soup.select(".body mark")][:1] == ["budget"]
    assert len(soup.select(".body p")) == 3
    assert soup.select_one(".original a")["href"] == BUDGET_ID
    assert soup.select_one(".byline").get_text() == "By Sara Malik"
    people = {a.get_text(): a["href"] for a in soup.select(".tag-person")}
    assert people["Shehbaz Sharif"] == "/person/Shehbaz%20Sharif"
    related = [a["href"] for a in soup.select(".related li > a")]
    assert related and f"/article/{BUDGET_ID}" not in related
    plain = page(client, f"/article/{BUDGET_ID}")
    assert not plain.select(".body mark")


def test_result_links_reach_their_article(client: FlaskClient) -> None:
    soup = page(client, "/search?q=budget")
    for link in soup.select("li.hit h2 a"):
        article = page(client, link["href"])
        assert article.select_one("h1").get_text() == link.get_text()


def test_person_page(client: FlaskClient) -> None:
    soup = page(client, "/person/" + quote("Imran Khan"))
    head = soup.select_one(".profile-head").get_text(" ", strip=True)
    assert "4 articles" in head and "25 Jul 2018" in head and "13 Mar 2020" in head
    bars = soup.select(".chart svg a")
    assert len(bars) == 21  # Jul 2018 .. Mar 2020, empty months included
    assert sum(int(b.select_one("title").get_text().split(": ")[1]) for b in bars) == 4
    with_people = {
        li.a.get_text(): li.select_one(".count").get_text() for li in soup.select("#with-person ~ ol li")
    }
    assert with_people == {"Shehbaz Sharif": "1"}
    latest = [a.get_text() for a in soup.select("#list-1 ~ ul li > a")]
    assert latest[0] == "Schools close as virus cases rise"
    assert params(soup.select_one(".more a")["href"])["person"] == ["Imran Khan"]


@pytest.mark.parametrize("url", ["/country/Pakistan", "/topic/" + quote("economy, business and finance")])
def test_country_and_topic_pages(client: FlaskClient, url: str) -> None:
    soup = page(client, url)
    assert soup.select_one(".profile-head .holdings strong")


def test_more_values_page_filters_by_prefix_without_javascript(client: FlaskClient) -> None:
    soup = page(client, "/facet/person?q=budget&prefix=sh")
    names = [li.a.get_text() for li in soup.select("#facet-all li")]
    assert set(names) == {
        "Shehbaz Sharif",
        "Shah Mahmood Qureshi",
        "Yasir Shah",
    }  # any word may start with it
    link = soup.select_one("#facet-all li a")
    assert params(link["href"])["q"] == ["budget"]
    assert {(i["name"], i["value"]) for i in soup.select("form.facet-filter input[type=hidden]")} == {
        ("q", "budget")
    }
    page(client, "/facet/nonsense", 404)


def test_status_shows_the_last_run(client: FlaskClient) -> None:
    app = client.application
    record_run(
        app.config["INDEX_DIR"],
        RunSummary(
            kind="reindex",
            started="2026-11-27T17:00:00+00:00",
            seconds=12.5,
            paths=("corpus/",),
            generation="g1",
            added=12,
            skipped={"corpus/broken.html": "no article text"},
            articles=12,
            phases={"read and extract": 8.25, "write": 3.0},
        ),
    )
    app.config["SHOW_PATHS"] = True
    try:
        text = page(client, "/status").get_text(" ", strip=True)
    finally:
        app.config["SHOW_PATHS"] = False
    assert "read and extract 8.2 s, write 3.0 s" in text
    assert "12.5 s" in text and "corpus/broken.html" in text and "no article text" in text
    assert "tests/data/web" in text and str(app.config["INDEX_DIR"]) in text


def test_status_keeps_paths_to_itself_unless_told(client: FlaskClient) -> None:
    """The page is public: the summary is shown, where the archive lives on disk is not."""
    app = client.application
    skipped = {f"/srv/private/archive/file-{i:03d}.html": "no article text" for i in range(150)}
    record_run(
        app.config["INDEX_DIR"],
        RunSummary(
            kind="index",
            started="2026-11-28T09:00:00+00:00",
            seconds=3.0,
            paths=("/srv/private/archive",),
            generation="g2",
            skipped=skipped,
            articles=12,
            ok=False,
            error="cannot read /srv/private/archive/secret.json",
        ),
    )
    text = page(client, "/status").get_text(" ", strip=True)
    assert "Skipped files 150" in text and "failed" in text
    assert "/srv/private" not in text and str(app.config["INDEX_DIR"]) not in text
    assert "tests/data/web" not in text
    app.config["SHOW_PATHS"] = True
    try:
        soup = page(client, "/status")
    finally:
        app.config["SHOW_PATHS"] = False
    rows = soup.select("table.skipped tbody tr")
    assert len(rows) == STATUS_SKIPPED
    assert "the first 100 of 150" in soup.select_one("table.skipped caption").get_text()
    assert "secret.json" in soup.get_text()


def test_help_page(client: FlaskClient) -> None:
    soup = page(client, "/help")
    assert "date:[2019-01 TO 2019-06]" in soup.get_text()


def test_date_bars_zoom_to_the_span_of_the_matches(client: FlaskClient) -> None:
    years = page(client, "/search")
    assert years.select_one("#facet-date").get_text() == "Years"
    one_year = page(client, "/search?q=assembly")  # March and September 2019
    assert one_year.select_one("#facet-date").get_text() == "Months"
    bars = one_year.select(".facet-date svg a")
    assert [b.select_one("title").get_text() for b in bars][0] == "Mar 2019: 1"
    assert params(bars[0]["href"])["from"] == ["2019-03-01"]
    quarter = page(client, "/search?from=2020-01-01&to=2020-03-31")  # 3 Jan, 11 Feb, 13 Mar
    assert quarter.select_one("#facet-date").get_text() == "Days"
    days = quarter.select(".facet-date svg a")
    assert len(days) == 71 and days[0].select_one("title").get_text() == "3 Jan 2020: 1"
    narrowed = page(client, days[0]["href"])
    assert params(days[0]["href"])["from"] == params(days[0]["href"])["to"] == ["2020-01-03"]
    assert total(narrowed) == 1
    chosen = narrowed.select_one(".facet-date svg a.selected")
    assert params(chosen["href"]) == {"from": ["2020-01-01"], "to": ["2020-01-31"]}
