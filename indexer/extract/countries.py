"""Countries an article names or locates itself in, by common English short name.

One pass of an Aho-Corasick automaton over the body finds every gazetteer form
(names, variants, demonyms, capitals, big cities), longest match first, so blocked
phrases ("Latin America", "Indian Ocean") hide the words inside them. Ambiguous
words (Jordan, Chad, Georgia) count only away from person names. The dateline adds
its country, smaller cities included there, since a dateline is always a place.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter

from search.models import Article

from . import names
from .places import Place, automaton, dateline_index, places

#: Before this day, Russia's forms name the Soviet Union.
SOVIET_END = dt.date(1991, 12, 26)
#: States that no longer exist count only in articles dated before they ended ("the former
#: Soviet Union" in a 2017 article names no country today); the labelling rules count sovereign
#: countries only.
FORMER_STATES = {
    "Soviet Union": SOVIET_END,
    "Yugoslavia": dt.date(2003, 2, 4),
    "Czechoslovakia": dt.date(1993, 1, 1),
}
#: Territories the gazetteer lists (ISO 3166 gives them codes) that are not sovereign countries:
#: Hong Kong, Greenland or Guam name no country of their own, and the labelling rules do not
#: count them as their sovereign's either.
TERRITORIES = frozenset(
    {"American Samoa", "Anguilla", "Aruba", "Bermuda", "British Virgin Islands", "Caribbean Netherlands"}
    | {"Cayman Islands", "Christmas Island", "Cocos Islands", "Cook Islands", "Curaçao", "Falkland Islands"}
    | {"Faroe Islands", "French Guiana", "French Polynesia", "Gibraltar", "Greenland", "Guadeloupe", "Guam"}
    | {"Hong Kong", "Isle of Man", "Macau", "Martinique", "Mayotte", "Montserrat", "New Caledonia", "Niue"}
    | {"Norfolk Island", "Northern Mariana Islands", "Puerto Rico", "Réunion", "Saint Barthélemy"}
    | {"Saint Helena", "Saint Martin", "Saint Pierre and Miquelon", "Sint Maarten", "Tokelau"}
    | {"Turks and Caicos Islands", "US Virgin Islands", "Wallis and Futuna", "Western Sahara"}
)
#: Gazetteer kinds that name a country itself, never a person's surname ("Chad Smith" may be a
#: person, "Jordan Davis" too, Davis being only a Californian town; "Jordan Amman" is no name).
COUNTRY_LEVEL = frozenset({"name", "variant", "demonym", "capital", "block"})
#: Ambiguous words that count only when the article also has one of these: Georgia may be the US
#: state; Makkah and Madinah in a sermon or a history do not locate the story in Saudi Arabia.
SUPPORT = {
    "Georgia": ("Tbilisi", "Caucasus", "Abkhazia", "Ossetia", "Georgian Dream", "Saakashvili"),
    "Saudi Arabia": ("Saudi", "Riyadh", "Jeddah", "Hajj", "Haj ", "Umrah", "pilgrim", "Kingdom"),
}
#: A dateline's state or province abbreviations that place it in the United States.
US_STATES = frozenset(
    {
        "Ala",
        "Ariz",
        "Ark",
        "Calif",
        "Colo",
        "Conn",
        "Del",
        "Fla",
        "Ga",
        "Ill",
        "Ind",
        "Kan",
        "Ky",
        "La",
        "Md",
        "Mass",
        "Mich",
        "Minn",
        "Miss",
        "Mo",
        "Mont",
        "Neb",
        "Nev",
        "N.H",
        "N.J",
        "N.M",
        "N.Y",
        "N.C",
        "N.D",
        "Okla",
        "Ore",
        "Pa",
        "R.I",
        "S.C",
        "S.D",
        "Tenn",
        "Tex",
        "Texas",
        "Vt",
        "Va",
        "Wash",
        "W.Va",
        "Wis",
        "Wyo",
        "D.C",
        "California",
        "New York",
        "Florida",
        "Ohio",
        "Illinois",
        "Michigan",
        "Virginia",
    }
)

US_STATES_UPPER = frozenset(state.upper() for state in US_STATES)

_DATELINE = re.compile(r"^\s*([A-Z][A-Za-z .'’-]{1,40}?)\s*(?:,|:|\(|—|–| - )")
_WORD = re.compile(r"[\w’']+")


def find_countries(article: Article) -> tuple[str, ...]:
    """Countries: the dateline's first (where the story is filed), then the most
    mentioned (ties: the first mentioned). A city abroad named once in a story the
    article places elsewhere is no country of it (`_passing_cities`)."""
    counts: Counter[str] = Counter()
    first: dict[str, int] = {}
    named: set[str] = set()  # countries the dateline, a name or a demonym gives, not only a city

    def add(country: str, position: int, city: bool = False) -> None:
        if _sovereign(country, article.date):
            counts[country] += 1
            first.setdefault(country, position)
            if not city:
                named.add(country)

    dateline = _dateline_country(article)
    if dateline:
        add(dateline, -1)
    body = article.body.replace("\u00ad", "")
    for end, place in automaton().iter_long(body):
        start = end - len(place.form) + 1
        if not _bounded(body, start, end + 1):
            continue
        country = _resolve(place, body, start, end + 1, article.date)
        if country:
            add(country, start, city=place.kind in ("city", "capital"))
    for country in _passing_cities(counts, named):
        del counts[country]
    return tuple(sorted(counts, key=lambda c: (c != dateline, -counts[c], first[c])))


def _passing_cities(counts: Counter[str], named: set[str]) -> list[str]:
    """Countries only one mention of one of their cities gives, in an article placed elsewhere
    (a country its dateline, its name or a demonym gives, or any named twice): "talks starting
    in Geneva", "travelled to Peshawar from Dubai", "King's College London" pass through a city;
    the story is where the rest of the article puts it. A city named twice, or the only place
    an article names, still places the story."""
    home = named | {country for country, count in counts.items() if count > 1}
    if not home:
        return []
    return [country for country, count in counts.items() if count == 1 and country not in home]


def _sovereign(country: str, date: dt.date | None) -> bool:
    """Is `country` a sovereign country on the article's date (any date when it has none)?"""
    if country in TERRITORIES:
        return False
    ended = FORMER_STATES.get(country)
    return ended is None or date is None or date < ended


def _bounded(text: str, start: int, end: int) -> bool:
    """Whole words only: "Oman" is not in "Romania", but "Pak-India" holds India."""
    before = text[start - 1] if start > 0 else " "
    after = text[end] if end < len(text) else " "
    return not before.isalnum() and not after.isalnum()


def _resolve(place: Place, text: str, start: int, end: int, date: dt.date | None) -> str | None:
    if place.country == "-":
        return None
    if place.kind == "soviet":
        return "Soviet Union" if date is not None and date < SOVIET_END else place.country
    if place.kind in ("ambiguous", "city", "capital") and _next_to_name(text, start, end):
        return None
    if text[end : end + 1] == "$" or text[end : end + 2] == " $":
        return None  # "US$8.4 billion", "A$ 50": a currency, not the country
    if text[max(0, start - 4) : start] == "New ":
        return None  # "New London, Connecticut": a "New" place the gazetteer would have matched whole
    if place.kind in ("city", "capital") and text[max(0, start - 3) : start] in ("-e-", "-i-"):
        return None  # "Aab-e-Dubai" (a brand), "Naqsh-e-Lahore": a name made with the city's
    if place.kind in ("city", "capital") and (
        _NAMED_AFTER_CITY.match(text, end) or text.startswith("-based", end)
    ):
        return None  # "the Lisbon Treaty", "a Dubai-based driver": no city the story is in
    if place.kind == "demonym" and (_after_name(text, start) or _demonym_thing(text, end)):
        return None
    support = SUPPORT.get(place.country) if place.kind == "ambiguous" else None
    if support and not any(word in text for word in support):
        return None
    return place.country


#: What a city names when it names a treaty, a process, a tournament or a street, not a place the
#: story is in ("the Lisbon Treaty", "the Minsk agreements", "the Minsk-2 package", "the Wuhan
#: quarter-finals", Karachi's "Old Queens Road", "Lahore Road" out of Sheikhupura); an airport is
#: one ("landed at Amsterdam's Schiphol").
_NAMED_AFTER_CITY = re.compile(
    r"(?:-\d)? (?:Treaty|Agreements?|Accords?|Conventions?|Protocol|Declaration|Process|Format|Principles"
    r"|Charter|Consensus|Road|Street|Avenue|Lane|Open|Masters|Olympics|Marathon"
    r"|treaty|agreements?|accords?|protocol|process|format|package|quarter-finals?|semi-finals?|final)\b"
)
#: Words after a demonym that make a thing of it, not a country: "a German shepherd mix".
DEMONYM_THINGS = frozenset({"shepherd", "shepherds", "fries", "toast", "roulette", "delight", "sprouts"})


def _demonym_thing(text: str, end: int) -> bool:
    """Does a word for a thing follow the demonym ending at `end` ("German shepherd")?"""
    after = _WORD.match(text, end + 1) if text[end : end + 1] == " " else None
    return after is not None and after.group() in DEMONYM_THINGS


def _next_to_name(text: str, start: int, end: int) -> bool:
    """Is the match part of a person's name ("Michael Jordan", "Mr Houston", "Chad Smith")?"""
    before = _WORD.findall(text[max(0, start - 30) : start])
    if before and text[start - 1 : start] == " ":
        word = before[-1]
        if word in names.given_names() or word in names.titles() or word.lower() in names.PARTICLES:
            return True  # "Michael Jordan", "Mr Houston", "Leila de Lima"
    after = _WORD.match(text[end + 1 : end + 30]) if text[end : end + 1] == " " else None
    if after:
        word = after.group()
        if (
            word[0].isupper()
            and ((place := places().get(word)) is None or place.kind not in COUNTRY_LEVEL)  # "Jordan Davis"
            and word not in names.not_people()
            and word.casefold() not in names.common_words()
        ):
            return True
    return False


def _after_name(text: str, start: int) -> bool:
    """Is a demonym the last word of a person's name ("Justice Naeem Akhtar Afghan")?"""
    before = _WORD.findall(text[max(0, start - 30) : start])
    if not before or text[start - 1 : start] != " ":
        return False
    word = before[-1]
    return (
        word[0].isupper()
        and not word.isupper()
        and word not in places()
        and word not in names.titles()
        and word not in names.not_people()
        and word.casefold() not in names.common_words()
    )


def _dateline_country(article: Article) -> str | None:
    """The country of the dateline field, or of a capitalised place opening the body."""
    text = article.dateline or ""
    match = _DATELINE.match(text + ",") if text else _DATELINE.match(article.body[:60])
    if not match:
        return None
    head = match.group(1).strip()
    if not article.dateline and not head.isupper():
        return None
    state = text[match.end() :].split(",")[0].strip(" .")
    if state in US_STATES or state.upper() in US_STATES_UPPER:
        return "United States"
    place = dateline_index().get(head.casefold())
    if place:
        return _resolve(place, head, 0, len(head), article.date) if place.kind == "soviet" else place.country
    return None
