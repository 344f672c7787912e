"""Country extraction: one canonical name per country, ambiguous words resolved by context."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from indexer.extract.countries import find_countries
from indexer.extract.places import places
from search.models import Article

SEED = Path("seed/000_0a7961073fb3a83a.txt")


def article(body: str, **fields: object) -> Article:
    return Article(id="t", title="", body=body, **fields)  # type: ignore[arg-type]


def test_seed_article_gives_its_dateline_country_then_the_rest(shared_dir: Path) -> None:
    text = (shared_dir / SEED).read_text(encoding="utf-8")
    seed = article(text.split("Published in Dawn")[0].strip(), dateline="ISLAMABAD")
    assert find_countries(seed) == ("Pakistan", "Iran", "Afghanistan")


def test_variants_fold_into_one_country_counted_together() -> None:
    body = "The US said U.S. troops would stay. The United States and America agree. Britain and the UK too."
    assert find_countries(article(body)) == ("United States", "United Kingdom")


def test_demonyms_capitals_and_cities_locate_a_country() -> None:
    body = "Iranian leaders met Afghan refugees. Talks in Beijing and Lahore followed; Malians watched."
    body += " Beijing and Lahore hosted more talks."
    assert set(find_countries(article(body))) == {"Iran", "Afghanistan", "China", "Pakistan", "Mali"}
    assert find_countries(article("Talks in Beijing and Lahore followed.")) == ("China", "Pakistan")


def test_a_city_abroad_named_once_in_a_story_placed_elsewhere_gives_no_country() -> None:
    """The story is where its dateline and the countries it names put it; a city it passes
    through once (a flight from Dubai, talks in Geneva, King's College London) is no country of it."""
    body = "A Pakistani man who travelled to Peshawar from Dubai tested positive."
    assert find_countries(article(body)) == ("Pakistan",)
    body = "A man who travelled to Peshawar from Dubai was taken to a hospital in Peshawar."
    assert find_countries(article(body)) == ("Pakistan",)
    body = "Russia hopes the intra-Syrian talks in Geneva go on, Syrian officials said."
    assert find_countries(article(body)) == ("Syria", "Russia")


@pytest.mark.parametrize(
    "dateline, body, expected",
    [
        ("ISLAMABAD", "The cabinet met on Monday.", ("Pakistan",)),
        ("ALEXANDRIA, Va., March 12 - ", "The company said profits rose.", ("United States",)),
        (None, "KARACHI: The city's traders protested.", ("Pakistan",)),
        (None, "TOBA TEK SINGH: A woman was found on Thursday.", ("Pakistan",)),
    ],
)
def test_the_dateline_gives_a_country(dateline: str | None, body: str, expected: tuple[str, ...]) -> None:
    assert find_countries(article(body, dateline=dateline)) == expected


@pytest.mark.parametrize(
    "body",
    [
        "Michael Jordan scored 30 points.",
        "We roasted a turkey and set out the china for dinner.",
        "Atlanta, Georgia, voted on Tuesday.",
        "Chad Smith played the drums.",
        "Trade with Latin America and across the Indian Ocean grew.",
        "Justice Naeem Akhtar Afghan heard the case.",
    ],
)
def test_ambiguous_words_are_left_out_by_context(body: str) -> None:
    assert find_countries(article(body)) == ()


def test_ambiguous_words_count_where_context_allows() -> None:
    body = "Jordan and Chad signed a deal in Tbilisi, the capital of Georgia."
    assert set(find_countries(article(body))) == {"Jordan", "Chad", "Georgia"}


def test_russian_forms_name_the_soviet_union_before_1992() -> None:
    body = "Moscow said Soviet grain imports would rise."
    assert find_countries(article(body, date=dt.date(1987, 3, 1))) == ("Soviet Union",)
    assert find_countries(article("Moscow said imports would rise.", date=dt.date(2025, 3, 1))) == ("Russia",)


def test_every_gazetteer_row_names_a_country_or_is_a_block() -> None:
    kinds = {"name", "variant", "demonym", "capital", "city", "dateline", "ambiguous", "block", "soviet"}
    assert all(place.kind in kinds and place.country for place in places().values())
    assert all(place.kind == "block" for place in places().values() if place.country == "-")


def test_the_generated_gazetteer_is_in_sync_with_its_sources() -> None:
    from indexer.extract import gazetteer

    shipped = (gazetteer.DATA / "places.tsv").read_text(encoding="utf-8").splitlines()[1:]
    assert shipped == ["\t".join(row) for row in gazetteer.build()]


def test_states_and_provinces_locate_their_country_but_jammu_and_kashmir_does_not() -> None:
    assert find_countries(article("Floods hit Texas and Ontario.")) == ("United States", "Canada")
    assert find_countries(article("Voting was held in Jammu and Kashmir.")) == ()


def test_holy_cities_locate_saudi_arabia_only_with_a_saudi_context() -> None:
    assert find_countries(article("The Prophet migrated from Makkah to Madinah.")) == ()
    assert find_countries(article("Pilgrims reached Makkah for Hajj on Monday.")) == ("Saudi Arabia",)


def test_word_cities_count_in_datelines_only() -> None:
    assert find_countries(article("Charlotte said she would stay.")) == ()
    assert find_countries(article("The bank said profits rose.", dateline="Charlotte")) == ("United States",)
    assert find_countries(article("Call money eased.", dateline="Frankfurt")) == ("Germany",)


def test_a_state_that_has_ended_counts_only_before_its_end_and_a_territory_never() -> None:
    """The labelling rules count sovereign countries: "the former Soviet Union" in a 2017 article
    names none, nor do Hong Kong, Macau or Greenland (a Hong Kong dateline included)."""
    body = "The Soviet Union and Yugoslavia signed it, and Czechoslovakia objected."
    assert find_countries(article(body, date=dt.date(1987, 3, 1))) == (
        "Soviet Union",
        "Yugoslavia",
        "Czechoslovakia",
    )
    assert find_countries(article(body, date=dt.date(2017, 3, 1))) == ()
    assert find_countries(article("HONG KONG — Traders in Hong Kong and Macau watched China.")) == ("China",)
    greenland = "Denmark said Greenland and Puerto Rico were not for sale."
    assert find_countries(article(greenland)) == ("Denmark",)


def test_a_place_inside_a_persons_name_names_no_country() -> None:
    """ "de Lima" is a senator's surname, not Peru's capital; "Jordan Davis" a boy, though Davis
    is a Californian town the gazetteer knows for datelines."""
    assert find_countries(article("Philippine Senator Leila de Lima was arrested.")) == ("Philippines",)
    assert find_countries(article("Manila police held her. De Lima denied it.")) == ("Philippines",)
    assert find_countries(article("Her son Jordan Davis was shot in Florida.")) == ("United States",)
    assert find_countries(article("King Abdullah of Jordan met officials in Amman.")) == ("Jordan",)


def test_a_new_place_the_gazetteer_lacks_and_a_name_made_with_a_city_are_no_mentions() -> None:
    body = "The New England Patriots played near New London, Connecticut, and sold Aab-e-Dubai water."
    assert find_countries(Article(id="x", title="", body=body)) == ("United States",)
    assert find_countries(Article(id="y", title="", body="He flew from New Delhi to London.")) == (
        "India",
        "United Kingdom",
    )


def test_a_countrys_code_before_a_currency_sign_is_the_currency() -> None:
    body = "The import bill was US$8.40 billion, against US $ 50 million. Pakistan paid it."
    assert find_countries(Article(id="x", title="", body=body)) == ("Pakistan",)
    assert find_countries(Article(id="y", title="", body="The US said so.")) == ("United States",)


def test_a_city_naming_a_treaty_or_a_company_base_locates_no_story_there() -> None:
    body = "Holyrood voted against triggering Article 50 of the Lisbon Treaty and the Paris Agreement."
    assert find_countries(Article(id="x", url="u", title="t", body=body)) == ()
    body = "A Dubai-based driver was screened. The plane landed at Amsterdam's Schiphol Airport."
    assert find_countries(Article(id="x", url="u", title="t", body=body)) == ("Netherlands",)


def test_a_city_naming_a_street_locates_no_story_there() -> None:
    body = "KARACHI: Work on Old Queens Road and Lahore Road goes on, the mayor said."
    assert find_countries(Article(id="x", url="u", title="t", body=body)) == ("Pakistan",)


def test_the_white_house_alone_locates_no_story_in_the_united_states() -> None:
    body = "Trump told reporters at the White House on Thursday that the report was fake."
    assert find_countries(Article(id="x", url="u", title="t", body=body)) == ()
    body = "The White House said US troops would stay."
    assert find_countries(Article(id="x", url="u", title="t", body=body)) == ("United States",)


def test_a_city_naming_an_agreement_or_a_tournament_and_a_breed_give_no_country() -> None:
    body = "Russia and Ukraine discussed the Minsk agreements and the Minsk-2 package."
    assert find_countries(Article(id="x", url="u", title="t", body=body)) == ("Russia", "Ukraine")
    body = "Sabalenka beat the Kazakh in the Wuhan quarter-finals. The dog is a German shepherd mix."
    assert find_countries(Article(id="x", url="u", title="t", body=body)) == ("Kazakhstan",)
