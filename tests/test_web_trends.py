"""Trend lines, on this day and significant terms, through real HTTP over the bundled demo
archive (`corpus/`), indexed by the command line and served by waitress."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import threading
import urllib.error
import urllib.request
from collections.abc import Iterator
from urllib.parse import parse_qs, unquote, urlsplit

import pytest
from bs4 import BeautifulSoup
from testdata import CORPUS, bundled_articles

from broadsheet.cli import EXIT_OK, main
from search.analysis import STOP_WORDS
from search.archive import RELAXED_NOTICE
from search.models import Article
from search.trends import Interval, choose_interval, periods
from web import create_app


@pytest.fixture(scope="module")
def corpus_articles() -> list[Article]:
    """The demo archive as the indexer reads it: what the pages must agree with."""
    return bundled_articles()


@pytest.fixture(scope="module")
def base(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    from waitress.server import create_server

    index = tmp_path_factory.mktemp("trends") / "index"
    assert main(["index", "--index", str(index), "--quiet", str(CORPUS)]) == EXIT_OK
    server = create_server(create_app({"INDEX_DIR": index}), host="127.0.0.1", port=0, threads=4)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.effective_port}"
    server.close()
    thread.join(5)


def get(base: str, path: str, status: int = 200) -> str:
    try:
        with urllib.request.urlopen(base + path, timeout=30) as response:
            assert response.status == status
            return response.read().decode("utf-8")
    except urllib.error.HTTPError as error:
        assert error.code == status, error.read()[:300]
        return error.read().decode("utf-8")


def get_json(base: str, path: str, status: int = 200) -> dict:  # type: ignore[type-arg]
    return json.loads(get(base, path, status))


# -- counts and shares ----------------------------------------------------------------------------


def test_every_period_counts_what_the_search_api_counts(base: str) -> None:
    body = get_json(base, "/api/trends?q=floods&q=cricket&country2=Pakistan")
    assert body["interval"] == "month" and body["interval_chosen"] == "automatically"
    floods, cricket = body["searches"]
    assert floods["total"] == get_json(base, "/api/search?q=floods")["total"] > 5
    assert cricket["total"] == get_json(base, "/api/search?q=cricket&country=Pakistan")["total"] > 2
    checked = 0
    for point in floods["series"]:  # every period of the series, empty ones included
        answer = get_json(base, point["api_url"])
        assert RELAXED_NOTICE not in answer["notices"]
        assert answer["total"] == point["count"], point
        checked += 1
    assert checked == len(body["periods"]) > 100
    for point in cricket["series"]:
        if point["count"]:
            assert get_json(base, point["api_url"])["total"] == point["count"]
    for series in (floods, cricket):
        assert sum(p["count"] for p in series["series"]) + series["undated"] == series["total"]


def test_shares_divide_by_the_archive_count_of_the_period(base: str) -> None:
    body = get_json(base, "/api/trends?q=election&interval=year")
    archive = body["archive"]["counts"]
    for period, whole in zip(body["periods"], archive, strict=True):
        narrowed = get_json(base, f"/api/search?from={period['from']}&to={period['to']}&per_page=1")
        assert narrowed["total"] == whole["count"] > 0
    for point, whole in zip(body["searches"][0]["series"], archive, strict=True):
        assert point["share"] == pytest.approx(point["count"] / whole["count"])
    assert any(p["share"] > 0 for p in body["searches"][0]["series"])


def test_the_csv_holds_the_same_figures(base: str) -> None:
    body = get_json(base, "/api/trends?q=floods&q=cricket&interval=year")
    rows = list(csv.reader(io.StringIO(get(base, "/trends.csv?q=floods&q=cricket&interval=year"))))
    assert rows[0] == ["period", "from", "to", "archive articles", "count: “floods”", "share: “floods”",
                       "count: “cricket”", "share: “cricket”"]  # fmt: skip
    assert len(rows) == 1 + len(body["periods"]) + 1 and rows[-1][0] == "undated"
    for row, point, whole in zip(
        rows[1:], body["searches"][0]["series"], body["archive"]["counts"], strict=False
    ):
        assert (row[0], int(row[3]), int(row[4])) == (point["period"], whole["count"], point["count"])


# -- the interval rule ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("first", "last", "interval"),
    [
        ("2019-01-01", "2019-03-31", Interval.DAY),  # 90 days
        ("2019-01-01", "2019-04-01", Interval.WEEK),  # 91 days
        ("2018-01-01", "2019-12-31", Interval.WEEK),  # 2 years
        ("2018-01-01", "2020-01-01", Interval.MONTH),  # 2 years and a day
        ("2000-01-01", "2019-12-31", Interval.MONTH),  # 20 years
        ("2000-01-01", "2020-01-01", Interval.YEAR),  # 20 years and a day
    ],
)
def test_the_interval_follows_the_span(base: str, first: str, last: str, interval: Interval) -> None:
    assert choose_interval(dt.date.fromisoformat(first), dt.date.fromisoformat(last)) is interval
    body = get_json(base, f"/api/trends?q=&from1={first}&to1={last}")
    assert body["interval"] == interval.value
    assert body["periods"][0]["from"] <= first and body["periods"][-1]["to"] >= last
    assert body["periods"][1]["from"] > first and body["periods"][-2]["to"] < last


def test_weeks_run_monday_to_sunday_and_the_interval_can_be_asked_for(base: str) -> None:
    weeks = periods(dt.date(2019, 1, 2), dt.date(2019, 1, 20), Interval.WEEK)
    assert [(p.start, p.end, p.name) for p in weeks] == [
        (dt.date(2018, 12, 31), dt.date(2019, 1, 6), "2019-W01"),
        (dt.date(2019, 1, 7), dt.date(2019, 1, 13), "2019-W02"),
        (dt.date(2019, 1, 14), dt.date(2019, 1, 20), "2019-W03"),
    ]
    body = get_json(base, "/api/trends?q=floods&interval=year")
    assert body["interval"] == "year" and body["interval_chosen"] == "as asked"
    assert body["periods"][0] == {"period": "2012", "from": "2012-01-01", "to": "2012-12-31"}


def test_bad_trend_addresses_get_a_message(base: str) -> None:
    assert "interval" in get_json(base, "/api/trends?q=floods&interval=fortnight", 400)["error"]["message"]
    many = "&".join(f"q=w{i}" for i in range(7))
    assert "at most 6" in get_json(base, f"/api/trends?{many}", 400)["error"]["message"]
    assert "at least one search" in get_json(base, "/api/trends", 400)["error"]["message"]
    message = get_json(base, "/api/trends?q=floods&interval=day", 400)["error"]["message"]
    assert "more than 2000 points" in message


# -- the page -------------------------------------------------------------------------------------


def test_the_chart_is_svg_with_a_link_per_point_and_a_text_legend(base: str) -> None:
    soup = BeautifulSoup(get(base, "/trends?q=floods&q=cricket&interval=year"), "lxml")
    caption = soup.select_one("#trend-caption").get_text(" ", strip=True)
    assert caption.startswith("Share of all articles published each year")
    lines = soup.select("svg g.series")
    assert len(lines) == 2
    assert lines[0]["aria-label"] == "“floods”" and lines[1]["aria-label"] == "“cricket”"
    dashes = {line.select_one(".trend-line")["stroke-dasharray"] for line in lines}
    assert len(dashes) == 2  # told apart without colour
    points = lines[0].select("a.point")
    assert len(points) == 14  # 2012 to 2025
    first = points[0]
    assert first["aria-label"].startswith("“floods”, 2012: 1 article, ")
    assert parse_qs(urlsplit(first["href"]).query) == {
        "q": ["floods"],
        "from": ["2012-01-01"],
        "to": ["2012-12-31"],
    }
    legend = [li.get_text(" ", strip=True) for li in soup.select(".trend-legend > li")]
    assert legend[0].startswith("“floods” ") and "articles" in legend[0]
    assert soup.select_one(".trend-table table")  # the figures, for readers without the chart
    counts = get(base, "/trends?q=floods&measure=count")
    assert "Number of articles" in counts


def test_the_empty_trend_page_offers_a_form(base: str) -> None:
    soup = BeautifulSoup(get(base, "/trends"), "lxml")
    assert soup.select_one("form.trend-form input[name=q]")
    assert not soup.select("svg g.series")


def test_results_and_profiles_lead_to_comparisons(base: str) -> None:
    soup = BeautifulSoup(get(base, "/search?q=floods&country=Pakistan"), "lxml")
    link = soup.select_one("a.compare")["href"]
    assert parse_qs(urlsplit(link).query) == {"q": ["floods"], "country1": ["Pakistan"]}
    trend = BeautifulSoup(get(base, link), "lxml")
    assert trend.select_one("svg g.series")["aria-label"] == "“floods”, country: Pakistan"
    profile = BeautifulSoup(get(base, "/country/Pakistan"), "lxml")
    form = profile.select_one("form.compare-with")
    hidden = {i["name"]: i["value"] for i in form.select("input[type=hidden]")}
    assert hidden == {"q": "", "country1": "Pakistan"}
    assert form.select_one("input[type=search][name=q]")
    both = get_json(base, "/api/trends?q=&country1=Pakistan&q=India")
    assert [s["label"] for s in both["searches"]] == ["all articles, country: Pakistan", "“India”"]


# -- on this day ----------------------------------------------------------------------------------


def test_on_this_day_lists_that_day_of_every_year_and_nothing_else(
    base: str, corpus_articles: list[Article]
) -> None:
    day = "08-30"
    expected = [a for a in corpus_articles if a.date and a.date.strftime("%m-%d") == day]
    assert len({a.date.year for a in expected}) >= 2  # type: ignore[union-attr]
    soup = BeautifulSoup(get(base, f"/on-this-day/{day}"), "lxml")
    listed = [unquote(a["href"].removeprefix("/article/")) for a in soup.select(".otd-year .hitlist li > a")]
    assert sorted(listed) == sorted(a.id for a in expected)
    years = [int(h["id"].removeprefix("year-")) for h in soup.select(".otd-year h2")]
    assert years == sorted({a.date.year for a in expected}, reverse=True)  # type: ignore[union-attr]
    assert soup.select_one("a[rel=prev]")["href"] == "/on-this-day/08-29"
    assert soup.select_one("a[rel=next]")["href"] == "/on-this-day/08-31"
    api = get_json(base, f"/api/search?day={day}&per_page=100")
    assert sorted(r["id"] for r in api["results"]) == sorted(a.id for a in expected)
    people = {a.get_text() for a in soup.select("#otd-person ~ ol a")}
    assert people and people <= {p for r in api["results"] for p in r["people"]}


def test_on_this_day_edges(base: str) -> None:
    soup = BeautifulSoup(get(base, "/on-this-day/01-01"), "lxml")
    assert soup.select_one("a[rel=prev]")["href"] == "/on-this-day/12-31"
    leap = BeautifulSoup(get(base, "/on-this-day/02-28"), "lxml")
    assert leap.select_one("a[rel=next]")["href"] == "/on-this-day/02-29"
    get(base, "/on-this-day/02-30", 404)
    today = BeautifulSoup(get(base, "/on-this-day"), "lxml")
    assert dt.date.today().strftime("%b") in today.select_one("h1").get_text()
    assert "MM-DD" in get_json(base, "/api/search?day=2019-08-30", 400)["error"]["message"]


def test_the_day_filter_joins_a_search(base: str, corpus_articles: list[Article]) -> None:
    with_day = get_json(base, "/api/search?day=08-30&q=pakistan&per_page=100")
    alone = {r["id"] for r in get_json(base, "/api/search?q=pakistan&per_page=100")["results"]}
    on_day = {a.id for a in corpus_articles if a.date and a.date.strftime("%m-%d") == "08-30"}
    assert {r["id"] for r in with_day["results"]} == alone & on_day


# -- what people were saying ----------------------------------------------------------------------


def test_significant_terms_of_a_flood_search(base: str) -> None:
    body = get_json(base, "/api/trends?q=floods")
    significant = body["searches"][0]["significant"]
    words = [w["text"] for w in significant["words"]]
    assert {"floods", "water", "river", "disaster"} & set(words) >= {"water", "river"}
    assert not set(words) & STOP_WORDS
    assert not set(words) & {"said", "also", "would", "about", "after", "there", "this"}
    for word in significant["words"]:
        assert word["count"] >= 3 and word["count"] > word["expected"]
    assert significant["sampled"] == significant["matches"] == body["searches"][0]["total"]
    soup = BeautifulSoup(get(base, "/trends?q=floods"), "lxml")
    shown = [a.get_text() for a in soup.select(".significant .sig-words a")]
    assert shown == words
