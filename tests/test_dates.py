"""Publication dates in every form the readers meet, and no date rather than a wrong one."""

from __future__ import annotations

import datetime as dt

import pytest

from indexer.dates import date_in_text, find_print_footer, parse_date


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2025-03-01T06:54:00.000Z", dt.date(2025, 3, 1)),
        ("2017-10-11T05:12:42+05:00", dt.date(2017, 10, 11)),
        ("2019-11-20", dt.date(2019, 11, 20)),
        ("26-FEB-1987 15:01:01.79", dt.date(1987, 2, 26)),
        (" 3-APR-1987 07:09:06.48", dt.date(1987, 4, 3)),
        ("2017/2/7", dt.date(2017, 2, 7)),
        ("2016/12/30 7:11", dt.date(2016, 12, 30)),
        ("November 20th, 2019", dt.date(2019, 11, 20)),
        ("20 Nov 2019", dt.date(2019, 11, 20)),
        ("Sept 3, 2018", dt.date(2018, 9, 3)),
        ("20190131", dt.date(2019, 1, 31)),
    ],
)
def test_parses_every_archive_form(text: str, expected: dt.date) -> None:
    assert parse_date(text) == expected


@pytest.mark.parametrize(
    "text", ["", "   ", None, "yesterday", "2019-02-30", "0001-01-01T00:00:00Z", "31-XYZ-1987"]
)
def test_unknown_or_impossible_dates_are_none_never_today(text: str | None) -> None:
    assert parse_date(text) is None


def test_print_footer_gives_the_print_date_and_where_the_article_ends() -> None:
    text = "Para one.\n\nPublished in Dawn, November 20th, 2019\n\nOpinion\n26 Sep, 2023"
    found = find_print_footer(text)
    assert found is not None
    match, day = found
    assert day == dt.date(2019, 11, 20)
    assert match["paper"] == "Dawn"
    assert text[: match.start()].strip() == "Para one."


def test_the_last_footer_wins_and_other_papers_count() -> None:
    text = (
        "Published in Dawn, May 1st, 2010\nquoted\nPublished in The Frontier Ledger, June 2nd, 2019\nchrome"
    )
    match, day = find_print_footer(text)  # type: ignore[misc]
    assert day == dt.date(2019, 6, 2)
    assert match["paper"] == "The Frontier Ledger"


def test_footer_with_a_supplement() -> None:
    match, day = find_print_footer("x\nPublished in Dawn, The Business and Finance Weekly, January 6th, 2025")  # type: ignore[misc]
    assert day == dt.date(2025, 1, 6)
    assert (match["paper"], match["edition"]) == ("Dawn", "The Business and Finance Weekly")


def test_footer_ending_the_last_paragraph() -> None:
    text = "He left next month. Published in Dawn, March 5th, 2025"
    match, day = find_print_footer(text)  # type: ignore[misc]
    assert day == dt.date(2025, 3, 5) and text[: match.start()] == "He left next month."
    assert find_print_footer("Published in 2010, the book is dated.") is None


def test_a_footer_in_capitals_or_lower_case_is_found() -> None:
    """The footer is matched in any case (a page set in capitals, a careless paste)."""
    for text in (
        "Text.\nPUBLISHED IN DAWN, NOVEMBER 20TH, 2019",
        "Text.\npublished in dawn, november 20th, 2019",
    ):
        found = find_print_footer(text)
        assert found is not None and found[1] == dt.date(2019, 11, 20), text


def test_no_footer_is_none() -> None:
    assert find_print_footer("Nothing was published here in 2019.") is None


def test_date_in_visible_text() -> None:
    assert date_in_text("Updated March 3, 2018 at 10:00 PKT") == dt.date(2018, 3, 3)
    assert date_in_text("no date here") is None


def test_a_wire_datelines_day_wins_over_a_later_republication_stamp() -> None:
    from indexer.dates import dateline_day

    stamped = dt.date(2025, 8, 10)
    assert dateline_day("ISLAMABAD, Aug 07 (APP): The cabinet met.", stamped) == dt.date(2025, 8, 7)
    assert dateline_day("ISLAMABAD, Aug 10 (APP): Same day.", stamped) == dt.date(2025, 8, 10)
    assert dateline_day("KARACHI, Dec 30 (APP): Across the new year.", dt.date(2026, 1, 2)) == dt.date(
        2025, 12, 30
    )
    assert dateline_day("ISLAMABAD, Jul 07 (APP): A month earlier.", stamped) is None
    assert dateline_day("ISLAMABAD, Aug 12 (APP): After the stamp.", stamped) is None
    assert dateline_day("ISLAMABAD: No day in it.", stamped) is None


def test_a_datelines_day_after_a_utc_stamp_is_the_local_day() -> None:
    from indexer.dates import dateline_day

    stamped = dt.date(2025, 5, 6)  # 21:40 UTC, 02:40 on 7 May in Islamabad
    assert dateline_day("ISLAMABAD, May 7 (APP): Jets were shot down.", stamped) == dt.date(2025, 5, 7)
    assert dateline_day("KARACHI, Jan 1 (APP): The new year.", dt.date(2025, 12, 31)) == dt.date(2026, 1, 1)
    assert dateline_day("ISLAMABAD, May 8 (APP): Two days on.", stamped) is None


def test_a_sister_sites_originally_published_footer_is_the_print_footer() -> None:
    found = find_print_footer("The exhibition stays open.\n\nOriginally published in Dawn, March 17th, 2016")
    assert found is not None and found[1] == dt.date(2016, 3, 17)
    assert found[0].group().strip().startswith("Originally published in Dawn")
