"""People named in an article's body, each under the fullest name the article gives.

No statistical model: a capitalised run of name-like words is a person when something
in the sentence says so (a title or role before it, "Gen", "Prime Minister", "PTI
founder"; a known given name first; a speech verb after it). Titles are stripped, a
bare surname or given name later in the article ("Gen Bajwa", "Imran's") folds into
the full name it belongs to, and the keeper's alias file has the last word.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, replace
from functools import cache
from typing import NamedTuple

from search.models import Article

from . import names
from .aliases import Aliases, default_aliases
from .organisations import HEADS as BODY_HEADS
from .organisations import names_a_body
from .places import demonyms, place_words, places

#: Honorifics after which even an ordinary word is a surname ("Mr Young", "Dr Rose").
HONORIFICS = frozenset(
    {
        "Mr",
        "Mrs",
        "Ms",
        "Miss",
        "Dr",
        "Prof",
        "Sir",
        "Dame",
        "Lord",
        "Lady",
        "Mr.",
        "Mrs.",
        "Ms.",
        "Dr.",
        "Prof.",
    }
)
#: Title words that are also surnames, read as names when they close a name ("Travis Head said").
SURNAME_TITLES = frozenset(
    {
        "Head",
        "King",
        "Judge",
        "Major",
        "Marshal",
        "Bishop",
        "Prince",
        "Chancellor",
        "Sheriff",
        "Dean",
        "Chairman",
        "Speaker",
        "Sergeant",
        "Syed",  # "Tahira Syed said"
        "Shah",
        "Sardar",
    }
)
#: Words between a thing and its name ("a TV play named Adhuri Aurat").
NAMING_WORDS = frozenset(
    {"named", "called", "titled", "entitled", "dubbed", "codenamed", "code-named", "nicknamed"}
)
#: Number words that open a sentence a lost line break glued to a heading ("The MIA: Michael
#: Flynn One of the most ..."): never a name's last word.
NUMBER_WORDS = frozenset({"One", "Two", "Three", "Four", "Five", "Six", "Seven", "Eight", "Nine", "Ten"})
#: Capitalised words that open a sentence, never close a name ("Philip Sim This was").
SENTENCE_OPENERS = frozenset({"This", "The", "He", "She", "It", "They", "We", "But", "And", "In", "On", "At"})
#: Who writes a story, in a byline ("By BBC Scotland political reporter Philip Sim").
BYLINE_ROLES = frozenset({"reporter", "correspondent", "editor", "writer", "journalist"})
#: What a title's holder heads: "the Jacksonville Sheriff's office" names no person.
OFFICE_WORDS = frozenset({"office", "department", "ruling", "chamber", "secretariat"})
#: Months that are also surnames or given names, read as names right after a given name.
MONTH_NAMES = frozenset({"May", "June", "April", "August"})
#: Verbs after a name that mark it as a person speaking or acting.
SPEECH_VERBS = frozenset(
    {
        "said",
        "says",
        "told",
        "added",
        "stated",
        "noted",
        "remarked",
        "claimed",
        "urged",
        "asked",
        "announced",
        "wrote",
        "tweeted",
        "posted",
        "explained",
        "stressed",
        "maintained",
        "insisted",
        "alleged",
        "argued",
        "warned",
        "recalled",
        "replied",
        "responded",
        "observed",
        "emphasised",
        "emphasized",
        "underlined",
        "reiterated",
        "expressed",
        "believes",
        "thinks",
        "died",
        "resigned",
    }
)
#: Words after a name that make the run an institution named after someone ("Jinnah Hospital").
ORG_TAILS = frozenset(
    {
        "Bank",
        "University",
        "Hospital",
        "Road",
        "Stadium",
        "Trust",
        "Foundation",
        "Airport",
        "Institute",
        "College",
        "School",
        "Centre",
        "Center",
        "Street",
        "Avenue",
        "Park",
        "Town",
        "Colony",
        "Chowk",
        "Mosque",
        "Award",
        "Awards",
        "Trophy",
        "Cup",
        "Programme",
        "Program",
        "Group",
        "Company",
        "Corp",
        "Corporation",
        "Ltd",
        "Inc",
        "Co",
        "Plc",
        "Bridge",
        "Medical",
        "Memorial",
        "International",
        "Library",
        "Museum",
        "Hall",
        "Complex",
        "Block",
        "Scheme",
        "Society",
        "Associates",
        "Sons",
        "Brothers",
        "Motors",
        "Textile",
        "Mills",
        "Industries",
        "Enterprises",
        "Holdings",
        "Securities",
        "Partners",
        "Capital",
        "Fund",
        "Labs",
        "Express",
        "Line",
        "Lines",
        "Tower",
        "Academy",
        "Stakes",
        "Prize",
        "Lecture",
        "Doctrine",
        "Report",
        "Commission",
        "Canal",
        "Barrage",
        "Dam",
        "Garden",
        "Gardens",
        "Square",
        "Market",
        "Bazaar",
        "Plaza",
        "Hotel",
        "Club",
        "Ground",
        "Station",
        "Village",
        "Fibres",
        "Channel",
        "Textiles",
        "Cement",
        "Steel",
        "Sugar",
        "Foods",
        "Pharma",
        "Pharmaceuticals",
        "Chemicals",
        "Oil",
        "Gas",
        "Petroleum",
        "Energy",
        "Power",
        "Refinery",
        "Fertiliser",
        "Fertilizer",
        "Bancorp",
        "Investments",
        "Technologies",
        "Systems",
        "Solutions",
        "Services",
        "Communications",
        "Airlines",
        "Interchange",
        "Flyover",
        "Underpass",
        "Expressway",
        "Highway",
        "Motorway",
        "Consultancy",
        "House",
    }
)

#: Last words that make a capitalised run an institution or prize named after someone, even
#: when the run opens with a given name ("Fazal Mahmood Cap", "Shaukat Khanum Hospital"). Only
#: words that are never surnames: "Power" or "Hall" close real names.
INSTITUTION_TAILS = frozenset(
    {
        "Cap",
        "Cup",
        "Trophy",
        "Award",
        "Awards",
        "Medal",
        "Prize",
        "Shield",
        "Hospital",
        "University",
        "Stadium",
        "Road",
        "Airport",
        "Airbase",
        "Zeitung",
        "Bakery",
        "Agreement",
        "Chowk",
        "Mosque",
        "Colony",
        "Institute",
        "College",
        "School",
        "Centre",
        "Center",
        "Avenue",
        "Memorial",
        "Library",
        "Museum",
        "Lecture",
        "Complex",
        "Scheme",
        "Programme",
        "Program",
        "Foundation",
        "Trust",
        "Bazaar",
        "Plaza",
        "Market",
        "Auditorium",
        "Barrage",
        "Dam",
        "Canal",
        "Interchange",
        "Flyover",
        "Underpass",
        "Expressway",
        "Motorway",
        "Highway",
        "Industries",
        "Ltd",
        "Limited",
        "Inc",
        "Corp",
        "Corporation",
        "Company",
        "Companies",
        "Group",
        "Bank",
        "House",
        "Tower",
        "Towers",
        "Conference",
        "Camp",
        "Jail",
        "Prison",
        # companies, think-tanks and a government's organs named after someone
        "Securities",
        "Holdings",
        "Investments",
        "Technologies",
        "Solutions",
        "Enterprises",
        "Associates",
        "Pharmaceuticals",
        "Bancorp",
        "Consultancy",
        "Traders",
        "Network",
        "Forum",
        "Chamber",
        "Division",
        "Committee",
        "Secretariat",
        "Brigade",
        "Unit",
        # places, works and games named after someone ("Iqbal Studies", "Rose Bowl")
        "Studies",
        "Photography",
        "Bowl",
        # eras, realms, theatres, streets and firms named after someone ("Han Dynasty", "Roman
        # Empire", "Albert Meyer Drive", "Roland Berger Strategy")
        "Dynasty",
        "Empire",
        "Theatre",
        "Theater",
        "Accords",
        "Accord",
        "Drive",
        "Strategy",
        "Exchange",
        "Advisory",
        "International",
        "Chocolate",
    }
)
#: Lower-case words after a name that make it an organisation's ("the Hafiz Gul Bahadur group").
FOLLOWERS = frozenset({"group", "faction", "gang", "clan"})
#: Last words that make a capitalised run a place ("Scarborough Shoal", "Himachal Pradesh", "Loha Pul",
#: "Angoori Bagh", "Bilal Ganj"), and first words that do ("Pind Begwal", "Basti Lang").
GEO_TAILS = frozenset(
    {
        "Parbat",  # a mountain ("Nanga Parbat")
        "Shoal",
        "Reef",
        "Strait",
        "Straits",
        "Peninsula",
        "Gulf",
        "Glacier",
        "Pass",
        "Pradesh",
        "Pul",
        "Atoll",
        "Desert",
        "Plateau",
        "Mountains",
        "Hills",
        "Island",
        "Islands",
        "Isles",
        "Sea",
        "Ocean",
        "Valley",
        "Lake",
        "River",
        "Bagh",
        "Ganj",
        "Nala",
        "Nagar",
        "Pura",
        "Mandi",
        "Goth",
        "Town",
        "County",
        "Parish",
        "Borough",
        "Township",
        # Russian regions' kinds ("Primorsky Krai", "Khanty-Mansi Okrug", "Moscow Oblast")
        "Krai",
        "Kray",
        "Oblast",
        "Okrug",
        # Punjabi village names' "small" and "big" halves and a road crossing ("Jahan Khurd",
        # "Pirwadhai Mor")
        "Khurd",
        "Kalan",
        "Mor",
        # South Asian place names' last parts written apart ("Ali Pur", "Musa Khel", "Noorpur Thal")
        "Pur",
        "Khel",
        "Thal",
        "Abad",
        "Garh",
        "Port",
    }
)
GEO_HEADS = frozenset(
    {
        "Pind",
        "Chak",
        "Basti",
        "Goth",
        "Mohalla",
        "Kotla",
        "Mouza",
        "Kot",
        "Chowk",
        "Qilla",
        "Killa",
        "Dera",
        "Dhok",
        # a French estate or palace, and Spanish places opened by their article ("Château Cheval
        # Blanc", "Los Cabos", "Las Vegas")
        "Château",
        "Chateau",
        "Los",
        "Las",
    }
)
#: Ordinals after a monarch's or pope's name ("Abdullah II", "Charles III", "Leo XIV").
REGNAL = frozenset({"II", "III", "IV", "VI", "VII", "VIII", "IX", "XI", "XII", "XIII", "XIV", "XV", "XVI"})
#: One-letter words that open no name: "A Lahore court", "I think". Other letters are initials
#: ("M Afrasyab", "S Jaishankar").
NOT_INITIALS = frozenset({"A", "I", "O"})
#: Month abbreviations that are also name words ("Jan Muhammad Jamali"); a date has a number after them.
#: Not "Sep": before a name it is a sepoy's rank ("Sep Abdul Karim").
MONTH_ABBREVIATIONS = frozenset({"Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Oct", "Nov", "Dec"})
#: Words that make a place's name a region's a post covers ("DIG Hazara Region ...").
REGION_WORDS = frozenset({"Region", "Division", "Range", "Zone", "Circle", "Sector", "District"})
#: Words after a name that show it goes on being the subject ("Justice Naeem Akhtar Afghan and ...").
SUBJECT_FOLLOWERS = frozenset({"and", "will", "was", "is", "has", "had", "who", "would", "also"})
#: Plain nouns for people, which an apposition uses like a role ("Haseeb, a recovery agent", "the
#: victim, Naeem,").
PERSON_NOUNS = frozenset(
    {
        "man",
        "woman",
        "boy",
        "girl",
        "child",
        "teenager",
        "youth",
        "student",
        "agent",
        "worker",
        "labourer",
        "laborer",
        "employee",
        "guard",
        "shopkeeper",
        "vendor",
        "passenger",
        "pilgrim",
        "patient",
        "citizen",
        "villager",
        "survivor",
        "mourner",
        "relative",
        "friend",
        "neighbour",
        "colleague",
        "grandson",
        "granddaughter",
        # Mined from appositions after full names in the shared archive ("Nadeem Jan, an
        # internationally acclaimed polio expert,"), words a company or a place is not called.
        "expert",
        "fellow",
        "specialist",
        "strategist",
        "consultant",
        "elder",
        "graduate",
        "visitor",
        "tourist",
        "coordinator",
        "schoolteacher",
        "complainant",
        "petitioner",
        "enthusiast",
        "assistant",
        "astrophysicist",
        "physicist",
        "mechanic",
        "advocate",
        "organiser",
        "caretaker",
        "meteorologist",
        "industrialist",
        "confidant",
        "educator",
        "academician",
        "commuter",
        "parent",
        "educationist",
        "dean",
        "chair",
        # Mined from appositions after two- or three-word names over the whole 60k shared
        # archive (", a senior representative,", ", a close ally,"), 7 December 2026: the heads
        # that name a person and never a company or a place.
        "representative",
        "commander",
        "servant",
        "professional",
        "critic",
        "appointee",
        "academic",
        "confidante",
        "housewife",
        "homemaker",
        "technocrat",
        "counsellor",
        "councillor",
        "councilor",
        "councilman",
        "councilwoman",
        "alderman",
        "disciple",
        "chef",
        "intellectual",
        "butcher",
        "practitioner",
        "traveller",
        "traveler",
        "tailor",
        "grandfather",
        "grandmother",
        "monk",
        "nun",
        "landlord",
        "landowner",
    }
)
#: Heads of an apposition that name a person after a full name ("Amir Aziz, an exporter,",
#: "Dana White, a close ally,") but a company or a country after one word ("Webuild, the main
#: contractor") and before a list ("oil producers Gazprom Neft and Surgutneftegas").
AGENT_NOUNS = frozenset(
    {
        "ally",
        "associate",
        "partner",
        "producer",
        "contractor",
        "exporter",
        "seller",
        "grower",
        "customer",
        "patron",
        "participant",
        "tenant",
    }
)

#: Bodies whose name may run straight into their officer's ("... Netball Federation Mudassir Arian").
BODIES = frozenset(
    {
        "Federation",
        "Council",
        "Committee",
        "Association",
        "Board",
        "Authority",
        "Commission",
        "Union",
        "Society",
        "Chamber",
        "Institute",
        "Foundation",
        "Bureau",
        "Agency",
        "Party",
    }
)

#: Words before a capitalised pair that make it a place, not a person ("in Palo Alto").
PLACE_WORDS = frozenset(
    {
        "in",
        "at",
        "near",
        "from",
        "of",
        "on",
        "into",
        "across",
        "outside",
        "inside",
        "towards",
        "toward",
        "via",
        "around",
        "the",
        "to",
        "through",
        "along",
        "off",
        "over",
    }
)

#: Words before a capitalised run that make it a thing, not a person ("the newspaper Le Parisien").
THING_WORDS = frozenset(
    {
        "newspaper",
        "channel",
        "magazine",
        "company",
        "firm",
        "group",
        "party",
        "brand",
        "team",
        "club",
        "agency",
        "website",
        "app",
        "ship",
        "vessel",
        "warship",
        "frigate",
        "destroyer",
        "cruiser",
        "battlecruiser",
        "carrier",
        "corvette",
        "submarine",
        "hotel",
        "village",
        "town",
        "city",
        "district",
        "province",
        "tehsil",
        "area",
        "outlet",
        "daily",
        "broadcaster",
        "operation",
        "exercise",
        "organisation",
        "organization",
        "network",
        "platform",
        "band",
        "film",
        "movie",
        "novel",
        "book",
        "song",
        "album",
        "series",
        "show",
        "programme",
        "drama",
        "serial",
        "play",
        "sitcom",
        "hospital",
    }
)

#: Words for ships and works: a name written right after one (not quoted: "the film "Neo Rauch
#: - ..."" names the painter) is the thing's, not a person's, anywhere in the article ("the
#: spy ship Viktor Leonov ... the Viktor Leonov is able").
NAMED_THINGS = frozenset(
    {"ship", "vessel", "warship", "frigate", "destroyer", "submarine", "tanker", "yacht", "icebreaker"}
    | {"carrier", "cruiser", "battlecruiser", "corvette"}
    | {"film", "movie", "novel", "song", "album", "drama", "serial", "sitcom", "telefilm", "book", "poem"}
)
#: Capitalised words after a name that make it a law's, not a person's: "the General Takaful
#: Accounting Regulations", "the Sharif Trust Act". (Kept with places: a name so used once is no
#: person anywhere in the article.)
LAW_WORDS = frozenset({"Act", "Regulations", "Rules", "Ordinance", "Code"})
#: A weather reading after a name makes it a place: "Malam Jabba 23mm", "Sibi 45C".
_READING = re.compile(r"^\d+(?:\.\d+)?(?:mm|cm|C|°C|°)$")
#: Words after a capitalised pair that make it a place ("Mir Ali area") or a structure named
#: after someone ("the Amir Kabir dam", "the Gaddafi stadium"); not after a possessive ("Queen
#: Elizabeth II's state visit", "Ali's village").
PLACE_NOUNS = frozenset(
    {
        "dam",
        "barrage",
        "canal",
        "bridge",
        "tunnel",
        "stadium",
        "motorway",
        "expressway",
        "highway",
        "area",
        "district",
        "village",
        "tehsil",
        "town",
        "city",
        "region",
        "province",
        "valley",
        "road",
        "bazaar",
        "sector",
        "chowk",
        "market",
        "camp",
        "border",
        "airport",
        "station",
        "island",
        "islands",
        "river",
        "lake",
        "mountain",
        "peak",
        "county",
        "state",
        "street",
    }
)

#: Words, numbers and single marks. A number ends in a digit, a letter or a word joined by a
#: dash ("12,000", "1.5", "12:30pm", "2024-25", "43-year-old"), never in the comma or full stop
#: after it: "Rakesh, 12, from" gives an age between two commas, "on Jan 4. Feng" a sentence end.
_TOKEN = re.compile(
    r"(?:[A-Z]\.){2,}|[^\W\d_](?:[\w'’-]*[\w’'])?|\d(?:[\d,.:/-]*\d)?[^\W_]*(?:-[^\W\d_][\w-]*[^\W_])?|[^\w\s]"
)
#: The same where an export lost letters inside words, written "?" or U+FFFD, which stay in the
#: word ("Jose Mu?oz", "Thomas M\ufffd\ufffdller", the garbled forms the labels keep beside the
#: proper spelling): slower, so only for a paragraph `_LOST_LETTER` finds such a letter in.
_TOKEN_LOST_LETTERS = re.compile(
    r"(?:[A-Z]\.){2,}|[^\W\d_](?:[\w'’\ufffd-]*[\w’'\ufffd])?(?:\?[a-zà-ÿ](?:[\w'’\ufffd-]*[\w’'])?)*"
    r"|\d(?:[\d,.:/-]*\d)?[^\W_]*(?:-[^\W\d_][\w-]*[^\W_])?|[^\w\s]"
)
_LOST_LETTER = re.compile(r"\w\?[a-zà-ÿ]")
_SENTENCE_END = frozenset({".", "!", "?", ":", ";", "•", "*", "|"})


@dataclass(frozen=True, slots=True)
class _Token:
    """A word or mark of a paragraph, classified. Frozen: equal words in equal places are
    one shared object (`_token`), and a pass that reclassifies one replaces it."""

    text: str
    base: str
    possessive: bool
    kind: str  # "name", "common", "title", "particle", "stop", "lower", "punct"
    sentence_start: bool


@dataclass(slots=True)
class _Mention:
    words: tuple[str, ...]
    position: int
    cued: bool
    place: bool = False
    honorific: tuple[str, ...] = ()  # dropped from the front ("Makhdoom" of "Makhdoom Ali Khan")
    surname: tuple[str, ...] = ()  # shared with the next name ("Donald" of "Donald and Melania Trump")
    called: bool = False  # a lone word a speech verb or an apposition calls a person's ("Merdas, who")
    kin_of: str = ""  # the surname of the person whose relative it is ("Nunes" of "his wife, Elizabeth")
    thing: bool = False  # the name of a thing named after someone ("Ben Taub" of "Ben Taub Hospital")
    titled: bool = False  # a title, a role or an honorific stands before it ("Dr", "minister", "Allama")


#: Tokens made so far, by sentence start (False, True) then text: a token depends on
#: nothing else, and a paragraph's words are mostly ones seen before.
_TOKENS: tuple[dict[str, _Token], dict[str, _Token]] = ({}, {})
_MAX_TOKENS = 200_000


def _tokens(paragraph: str) -> list[_Token]:
    titles = names.titles()
    cached = _TOKENS
    out: list[_Token] = []
    append = out.append
    # Where the capitalised words are: the only tokens the passes below look at or change
    # (they test title, month, regnal and stop words), so they skip the lower-case bulk.
    caps: list[int] = []
    start = True
    previous = ""
    lost = "\ufffd" in paragraph or "?" in paragraph and _LOST_LETTER.search(paragraph) is not None
    texts = (_TOKEN_LOST_LETTERS if lost else _TOKEN).findall(paragraph)
    for text in _split_led(texts) if "-" in paragraph else texts:
        token = cached[start].get(text) or _token(text, start)
        if token.kind == "punct":
            if text in _SENTENCE_END and not (
                previous in titles or (len(previous) == 1 and previous.isupper())
            ):
                start = True
        else:
            if text[0].isupper():
                caps.append(len(out))
            start = False
        append(token)
        previous = token.base
    last = len(out) - 1
    given = names.given_names()
    for k in caps:
        if not 0 < k < last:
            continue
        if (
            out[k].base in SURNAME_TITLES
            and out[k - 1].kind == "name"
            and out[k + 1].kind in ("lower", "punct")
            and out[k + 1].text != "."
            and not (out[k].possessive and out[k + 1].base in OFFICE_WORDS)
        ):
            out[k] = _named(out[k])  # "Travis Head are": a surname that is also a title word
        elif (
            out[k].base in MONTH_NAMES
            and out[k - 1].base in given
            or out[k].base == "Jan"
            and out[k - 1].kind == "name"
        ) and out[k + 1].kind in ("lower", "punct"):
            out[k] = _named(out[k])  # "Theresa May said", "Zafarullah Jan, the deputy commissioner"
        elif (
            out[k].base in MONTH_NAMES
            and out[k - 1].kind == "lower"
            and out[k - 1].base not in TIME_WORDS
            and out[k + 1].kind == "name"
            and (k + 2 > last or out[k + 2].kind in ("lower", "punct"))
        ):
            out[k] = _named(out[k])  # "Trump asked April Ryan, the correspondent": a given name
    for k in caps:
        if k == last:
            break
        if (
            out[k].kind == "stop"
            and out[k + 1].kind == "name"
            and (out[k].base in given or len(out[k].base) <= 5 and _korean(out[k + 1].base))
        ):
            # "Virginia Woolf", "Paris Hilton": a place word used as a given name; "President Park
            # Geun-hye": a Korean surname that is also a word, before a Korean given name
            out[k] = _named(out[k])
        elif out[k].base == "Bill" and _bill_opens_a_name(out, k):
            out[k] = _named(out[k])
        elif out[k].base in CHINESE_SURNAMES and out[k + 1].kind == "name" and _pinyin(out[k + 1].base):
            out[k] = _named(out[k])  # "Fu Hongyu, deputy director": a Chinese surname that is also a word
        elif out[k].base in MONTH_ABBREVIATIONS and out[k + 1].kind == "name":
            # "Sana Jan Jamali": a month abbreviation before a name word is a name word
            out[k] = _named(out[k])
    for k in caps:
        if k >= 2 and out[k].kind == "stop" and out[k - 1].kind == "name" and _place_surname(out, k):
            out[k] = _named(out[k])
    for k in sorted({*caps, *(k - 1 for k in caps)}):
        if not 0 <= k < last:
            continue
        if out[k].kind == "stop" and out[k + 1].kind == "name" and _initials(out, k):
            out[k] = _named(out[k])  # "JD Vance", "MS Dhoni": two initials written as one word
        elif out[k + 1].base in REGNAL and out[k].kind == "name":
            out[k + 1] = _named(out[k + 1])  # "Abdullah II", "Charles III": the ordinal is part of the name
    return out


def _bill_opens_a_name(out: list[_Token], k: int) -> bool:
    """Is "Bill" at `k` a given name, not a legislature's bill: no capitalised word but a title
    before it ("Finance Bill"), no number after it ("Bill No. 25"), and after it a particle and
    a name ("Mayor Bill de Blasio") or one ordinary word that closes the name ("Bill Gates was",
    not "Bill Passes Senate")?"""
    if k > 0 and out[k - 1].kind not in ("lower", "punct", "title"):
        return False
    after = out[k + 1 : k + 4]
    if any(token.text[:1].isdigit() for token in after):
        return False  # "Bill Nos. 25, 43 and 45"
    if len(after) >= 2 and after[0].kind == "particle":
        return after[1].kind == "name"
    return (
        len(after) >= 1
        and after[0].kind == "common"
        and not after[0].possessive
        and (len(after) == 1 or after[1].kind in ("lower", "punct"))
    )


#: Words a month after them is the month of: "in April", "since May", "last June".
TIME_WORDS = frozenset(
    {"in", "on", "since", "by", "until", "till", "from", "of", "last", "next", "this", "early", "late"}
    | {"mid", "during", "before", "after", "through", "between", "and", "or", "to", "that", "each"}
)


def forget_tokens() -> None:
    """Drop the remembered tokens, after a word list they were classified by has changed."""
    for remembered in _TOKENS:
        remembered.clear()


def _named(token: _Token) -> _Token:
    return replace(token, kind="name")


def _token(text: str, start: bool) -> _Token:
    """`text` classified on its own, at a sentence's start or not (and remembered)."""
    first = text[0]
    if not first.isalnum():
        token = _Token(text, text, False, "punct", False)
    elif not first.isupper():
        kind = "particle" if text in names.PARTICLES else "lower"
        base, possessive = text, False
        if "-" in text:
            prefix, _, rest = text.partition("-")
            if prefix in names.PARTICLES and rest[:1].isupper():
                kind = "name"  # "al-Assad", "bin-Salman"
                base, possessive = names.strip_possessive(text)  # "al-Assad's government"
            elif prefix in ("ex", "then") and rest in names.titles():
                kind = "title"  # "ex-President Mubarak"
            elif prefix in ("ex", "then") and rest in names.cue_words():
                base = rest  # "his then-girlfriend Tasya van Ree": the role a name follows
        token = _Token(text, base, possessive, kind, start)
    else:
        base, possessive = names.strip_possessive(text) if ("'" in text or "’" in text) else (text, False)
        token = _Token(text, base, possessive, _capitalised_kind(base, start), start)
    if len(_TOKENS[start]) < _MAX_TOKENS:
        _TOKENS[start][text] = token
    return token


def _capitalised_kind(base: str, start: bool) -> str:
    titles = names.titles()
    if (
        base in titles
        or ("-" in base and all(part in titles for part in base.split("-")))  # "Colonel-General"
        or (base.casefold() in names.cue_words() and not start)
        or len(base) > 4
        and base[-1] == "s"
        and base[:-1] in titles
        or _demonym_noun(base)  # "Irishwoman Danielle McLaughlin"
    ):  # "Head Constables Shahid Ali"
        return "title"
    if len(base) == 1:
        return "name"
    if names.HYPHENATED_MODIFIER.search(base) and not _korean(base):
        return "lower"
    if (
        _DIGIT.search(base)
        or _CAMEL.search(base)
        or base.isupper()
        or base in place_words()
        or base in names.not_people()
    ):
        return "stop"
    if base.casefold() in names.common_words() and base not in names.given_names():
        return "common"
    return "name"


#: Title words that also open a double-barrelled name or a place's ("La Grand-Combe",
#: "Gina Prince-Bythewood", "High-Ridge"): a dash after them is the name's own.
_NAME_PARTS = frozenset(
    {"Grand", "High", "Field", "Air", "Crown", "Head", "Joint", "Senior", "Star", "Rear", "Prime"}
    | {"King", "Queen", "Lady", "Lord", "Prince", "Dame", "Sir", "St.", "Father", "Sister", "Leader"}
)


def _split_led(texts: list[str]) -> Iterator[str]:
    """ "Mohammad Rizwan-led side": the name ends before "-led" (and "-backed", "-born" ...,
    and a word a spaceless dash glued on: "Philip Hammond-said"); and it starts after a title, a
    role or a small word a dash glued to it ("President-Jean-Claude Juncker", "Mr-Mathews",
    "engineer-Arjen Beltman", "with-Darren Lehane": some exports write a non-breaking space as
    a dash)."""
    titles, cue_words = names.titles(), names.cue_words()
    for text in texts:
        if "-" in text:
            name, _, suffix = text.rpartition("-")
            glued_after = suffix.islower() and (
                name.endswith(("'s", "’s"))
                or len(name) > 4  # not a Korean given name's first syllable ("Sang-mok", "Soon-sil")
                and " " not in name
                and name.casefold() in names.common_words()
            )
            if (suffix in LED_SUFFIXES or suffix in GLUED_WORDS or glued_after) and name[:1].isupper():
                # "May's-own party", "Supreme Court-ruled": a dash for a space after a possessive or a word
                yield name
                yield suffix
                continue
            title, _, name = text.partition("-")
            first = name.partition("-")[0]
            glued = (
                title in titles
                and title not in _NAME_PARTS
                or title.lower() in names.GLUED_BEFORE  # "But-Dave Chappelle" opening a sentence too
                or title.removesuffix("s") in cue_words
            ) and first not in places()  # not "DIG-Traffic", "President-Elect", "SHO-Mauripur"
            given = (
                title.isalpha()
                and title.islower()
                and title not in HYPHEN_PREFIXES
                and title not in names.PARTICLES
                and first in names.given_names()
            )  # "political newcomer-Hassan Ali Khaire"
            if (glued or given) and first[:1].isupper() and _capitalised_kind(first, False) == "name":
                yield title
                yield from _split_led([name])  # "widow-Marie-said"
                continue
        yield text


#: Two initials written with full stops, and the initials, with or without them, that are no
#: person's: countries and bodies, "H.E." (His Excellency), "D.C.", "D.I. Khan" and "DG Khan"
#: (towns), "D.G." (a director general).
_DOTTED = re.compile(r"(?:[A-Z]\.){2}")
NOT_INITIALS_OF_A_NAME = frozenset({"US", "UK", "UN", "EU", "HE", "DC", "DI", "DG"})
#: A token of two or three initials with full stops inside a name ("George H.W. Bush").
_DOTTED_WHOLE = re.compile(r"(?:[A-Z]\.){2,3}")


def _initials(out: list[_Token], k: int) -> bool:
    """Is token `k` a person's two initials ("JD" of "JD Vance"), not an acronym before a name?
    Only two capitals, not after another name word, and neither a place nor a known non-name."""
    base = out[k].base
    if _DOTTED.fullmatch(base):  # "Brig F.B. Ali", "J.K. Rowling"; not "U.S.", "U.N."
        base = base.replace(".", "")
    if base in NOT_INITIALS_OF_A_NAME:  # "DI Khan" too, written without the full stops
        return False
    return (
        len(base) == 2
        and base.isalpha()
        and base.isupper()
        and base not in place_words()
        and base not in names.not_people()
        and not (k > 0 and out[k - 1].kind == "name")
        and not out[k].possessive
    )


def _place_surname(out: list[_Token], k: int) -> bool:
    """A nationality or city word that closes two or more name words after a title, with the
    sentence going on as if a name had ended, is the surname ("Justice Naeem Akhtar Afghan and")."""
    token = out[k]
    place = places().get(token.base)
    if (
        token.kind != "stop"
        or place is None
        or place.kind in ("name", "variant")
        or out[k - 1].kind != "name"
        or out[k - 2].kind != "name"
        or out[k - 1].possessive
    ):
        return False
    after = out[k + 1] if k + 1 < len(out) else None
    goes_on = (
        after is None
        or after.kind == "punct"
        and after.text != "-"
        or after.base in SUBJECT_FOLLOWERS
        or after.base in SPEECH_VERBS
    )
    if not goes_on:
        return False
    start = k - 1
    while start > 0 and out[start - 1].kind in ("name", "particle"):
        start -= 1
    return start > 0 and out[start - 1].kind == "title"


_UPPER = re.compile(r"[A-Z]")
_SCORE = re.compile(r"^(?:1?\d{1,2}|\d{1,3}-\d{1,3})$")
_DIGIT = re.compile(r"\d")
#: "ByteDance", "CNNMoney": a capital inside a word, not after Mc/Mac/O'/De/a hyphen, is a brand.
_CAMEL = re.compile(r"^(?!Mc|Mac|O['’]|D['’]|De|Di|Da|Du|La|Le)[^-'’]*[a-z][A-Z]|^[A-Z]{2,}[a-z]")
#: A hyphenated modifier ("Hamas-run", `names.HYPHENATED_MODIFIER`) is no name word, except a
#: Korean given name's second syllable ("Kim Jong-un", "Ri Jong-chol"): two to five letters, not
#: one of `LED_SUFFIXES` nor of these.
_SYLLABLE = re.compile(r"[a-z]{2,5}")
#: Words a dash written without spaces glues to a name ("Philip Hammond-said", "Penelope
#: Fillon-was"): split off like "-led".
GLUED_WORDS = frozenset(
    {"said", "says", "was", "were", "is", "are", "for", "and", "but", "the", "with", "from"}
    | {"might", "will", "would", "could", "has", "had", "have", "who", "told", "added", "also"}
    | {"paid", "gave", "took", "urged", "noted", "stressed", "asked", "called", "visited", "announced"}
    | {"when", "where", "which"}  # not "in", "on": Korean syllables ("Moon Jae-in")
)
NOT_SYLLABLES = frozenset({"made", "style", "like", "wide", "free", "bound", "day", "year", "time"})
#: Prefixes a hyphen joins to a capitalised word in ordinary English ("anti-Trump", "pro-Imran");
#: a name's particles ("al-Assad", "ul-Haq") are `names.PARTICLES`.
HYPHEN_PREFIXES = frozenset(
    {"anti", "pro", "non", "ex", "post", "pre", "mid", "then", "un", "neo", "pan", "trans", "sub"}
    | {"intra", "inter", "abu"}
)
#: Words a title's portfolio may take before the name ("Minister for Information and Broadcasting").
PORTFOLIO_WORDS = 8
#: Words glued to a name by a hyphen that are no part of it: "the Rizwan-led side".
LED_SUFFIXES = frozenset({"led", "backed", "born", "based", "era", "owned", "run", "linked", "affiliated"})
_LOWER = re.compile(r"[a-z]")
_OPEN_QUOTES = frozenset({"“", '"', "‘", "'"})
_CLOSE_QUOTES = frozenset({"”", '"', "’", "'"})
_AGE = re.compile(r"^\d{1,2}$")
#: A US legislator's party and state after the name ("Emanuel Cleaver, D-Missouri,").
_PARTY_STATE = re.compile(r"^[DRI]-[A-Z][a-z]")
#: A closing line that credits reporters ("With input from APP and Bakhtawar Mian in Islamabad"):
#: they wrote the story, the story does not name them.
_CREDIT = re.compile(
    r"\s*[(\[]?\s*(?:with (?:additional )?inputs? (?:from|by)"
    r"|additional (?:reporting|input) by|(?:reporting|writing|editing) by"
    r"|compiled by|edited by|written by)\b",
    re.IGNORECASE,
)


#: Credits inside a paragraph: "(Reporting by Colleen Jenkins; Editing by Leslie Adler)", or a
#: sentence closing it: "... fake news. Additional reporting by John Santucci."
_CREDITS_INSIDE = re.compile(
    r"[(\[]\s*(?:additional )?(?:reporting|writing|editing) by\b[^)\]]*[)\]]"
    r"|(?<=[.!?”\"] )(?:Additional r|R)eporting by [^.;]*[.;]?\s*$",
    re.IGNORECASE,
)
#: A photograph's or a compilation's credit inside a paragraph: "Xu Jingxing / China Daily",
#: "Lu Yao / For China Daily", "Compiled by Sherie Ryder, BBC UGC and Social News team".
_PHOTO_CREDIT = re.compile(r"(?:[A-Z][\w'’-]+ ){1,3}(?=/ (?:For )?[A-Z])")
#: A reporter's line inside a wire story: "Syed Irfan Raza adds from Islamabad:".
_ADDS_FROM = re.compile(r"(?:[A-Z][\w'’-]+ ){1,4}(?=adds? from [A-Z][\w-]*(?: [A-Z][\w-]*)?:)")
_CREDITED_BY = re.compile(r"\b(?:[Cc]ompiled|[Pp]hotographs?|[Pp]hotos?) by (?:[A-Z][\w'’-]+ ?){1,3}")
#: An outlet's lines inviting the reader, with a person in them: "How will Donald Trump's first
#: 100 days impact YOU? Subscribe, ... throughout Trump's first 100 days in office. Learn more".
_PROMOTION = re.compile(r"How will [^?]{1,60}? impact you\?(?:.{0,400}?(?-i:Learn more))?", re.IGNORECASE)
#: A sentence saying who "contributed to this report", found by its end.
_CONTRIBUTED = re.compile(r"\bcontributed (?:to )?(?:this|the) (?:report|story)\b", re.IGNORECASE)


#: A name word an editor put in square brackets inside a quotation ("Secretary [Tom] Price",
#: "denigrate Secretary [Hillary] Clinton"), or around a title ("[Health] Secretary").
_BRACKETED_WORD = re.compile(r"\[([A-Z][\w'’-]*)\](?= [A-Z])")
#: A given name, then a one-word nickname in double quotes before the next name word.
_NICKNAME = re.compile(r'\b([A-Z][a-z]+) ["“][A-Z][a-z]+["”] (?=[A-Z][a-z])')


class _Epithets(NamedTuple):
    """The epithets of `data/epithets.txt`: one pattern (longest first), whom each names, and
    words one of which a paragraph must hold for the pattern to be tried: each epithet's first
    word, unless it holds another's ("Holy Prophet" holds "Prophet", "Quaid-e-Azam" "Quaid")."""

    pattern: re.Pattern[str]
    persons: dict[str, tuple[str, ...]]
    needles: frozenset[str]


@cache
def _epithets() -> _Epithets:
    persons: dict[str, tuple[str, ...]] = {}
    for line in names.read_words("epithets.txt"):
        epithet, _, person = line.partition("=>")
        persons[epithet.strip()] = tuple(person.split())
    forms = "|".join(re.escape(form) for form in sorted(persons, key=len, reverse=True))
    # standing alone: not inside a word, and no capitalised word after it but its person's name
    pattern = re.compile(rf"(?<![\w-])(?P<form>{forms})(?:['’]s)?(?![\w-])(?! +[A-Z])")
    firsts = {form.split()[0] for form in persons}
    needles = {
        form.split()[0]
        for form in persons
        if not any(first in form for first in firsts if first != form.split()[0])
    }
    return _Epithets(pattern, persons, frozenset(needles))


def _without_epithets(paragraph: str) -> tuple[str, list[tuple[int, tuple[str, ...]]]]:
    """`paragraph` with each epithet that stands for one person blanked out, and where each was
    with the person it names ("the Quaid's vision" is Muhammad Ali Jinnah's, "the Holy Prophet
    (PBUH)" the Prophet Muhammad; `data/epithets.txt`): blanked, it makes no other name, such
    as a bare "Muhammad" after the title "Prophet"."""
    epithets = _epithets()
    if not any(word in paragraph for word in epithets.needles):
        return paragraph, []  # the cheap test first
    found = [
        (match.start(), epithets.persons[match["form"]]) for match in epithets.pattern.finditer(paragraph)
    ]
    return (epithets.pattern.sub(_blank, paragraph), found) if found else (paragraph, [])


def _unbracketed(paragraph: str) -> str:
    """`paragraph` with square brackets around a capitalised word before another read as spaces,
    its length unchanged, so that "Secretary [Tom] Price" is one name."""
    if "[" not in paragraph:
        return paragraph
    return _BRACKETED_WORD.sub(lambda match: f" {match.group(1)} ", paragraph)


def _without_nicknames(paragraph: str) -> str:
    """`paragraph` with a quoted nickname between a given name and the next name word blanked,
    its length unchanged, so that 'Navy SEAL William "Ryan" Owens' is William Owens."""
    if '"' not in paragraph and "“" not in paragraph:
        return paragraph
    given = names.given_names()
    return _NICKNAME.sub(
        lambda match: match[1].ljust(len(match[0])) if match[1] in given else match[0], paragraph
    )


def _blank(match: re.Match[str]) -> str:
    """As many spaces as `match` is long: what is taken out keeps every position after it."""
    return " " * len(match.group())


def _without_credits(paragraph: str) -> str:
    """`paragraph` with the journalists it credits blanked out (as many spaces, so that
    positions stay): they wrote the report, it does not name them."""
    if "eporting by" in paragraph or "diting by" in paragraph or "riting by" in paragraph:
        paragraph = _CREDITS_INSIDE.sub(_blank, paragraph)
    if " / " in paragraph:
        paragraph = _PHOTO_CREDIT.sub(_blank, paragraph)
    if "dds from" in paragraph:
        paragraph = _ADDS_FROM.sub(_blank, paragraph)
    if "ompiled by" in paragraph or "hoto" in paragraph:
        paragraph = _CREDITED_BY.sub(_blank, paragraph)
    if "mpact YOU" in paragraph or "mpact you" in paragraph:
        paragraph = _PROMOTION.sub(_blank, paragraph)
    if "contributed" in paragraph:
        for match in reversed(list(_CONTRIBUTED.finditer(paragraph))):
            start = max(paragraph.rfind(mark, 0, match.start()) for mark in ".!?\n") + 1
            paragraph = paragraph[:start] + " " * (match.end() - start) + paragraph[match.end() :]
    return paragraph


def _all_caps(paragraph: str) -> bool:
    upper = len(_UPPER.findall(paragraph))
    return upper > 20 and upper > 1.5 * len(_LOWER.findall(paragraph))


#: The kinds of token a name may start with.
_OPENERS = frozenset({"name", "common"})


def _segments(tokens: list[_Token]) -> Iterator[tuple[int, int]]:
    """Spans [i, j) of name words; particles and initials may sit inside, not at the ends."""
    after = 0  # spans never overlap: the next one starts after the last one's end
    for i in [
        k for k, token in enumerate(tokens) if token.kind in _OPENERS or _place_named_person(tokens, k)
    ]:
        if i < after:
            continue
        if tokens[i].kind == "name" or _may_start(tokens, i):
            j = i + 1
            while j < len(tokens) and not tokens[j - 1].possessive:
                if not _continues(tokens, j):
                    break
                j += 1
            while j > i + 1 and _common_tail(tokens, j):
                j -= 1
            yield i, j
            after = j


def _place_named_person(tokens: list[_Token], k: int) -> bool:
    """Is token `k`, a place's name, a person's first name after an honorific, a name word after
    it ("Ms Sofia Saeed Shah", "Mr Paris Hilton")?"""
    return (
        tokens[k].kind == "stop"
        and 0 < k < len(tokens) - 1
        and tokens[k - 1].base in HONORIFICS
        and tokens[k + 1].kind == "name"
    )


def _common_tail(tokens: list[_Token], j: int) -> bool:
    """Is the span's last word an ordinary word that is no part of it: after another ordinary
    word, a number word ("Michael Flynn One of"), or a label before a colon ("Presenter: Jane
    Dutton Guests: Alex Awiti")? After a name word it may be a surname ("Neil Young")."""
    last = tokens[j - 1]
    if last.kind != "common" or last.possessive:
        return False
    label = j < len(tokens) and tokens[j].text == ":"
    return tokens[j - 2].kind != "name" or last.base in NUMBER_WORDS or label


def _continues(tokens: list[_Token], j: int) -> bool:
    """Does token `j` carry on the name before it (a name word, a particle, an initial's dot)?
    Not a word repeating the one before it (a heading glued to the sentence under it: "The
    enigma: James Comey Comey's ..."), unless the two make the whole name ("Li Li, energy
    research director", "Haid Haid, an associate fellow")."""
    token = tokens[j]
    if token.kind in ("name", "common"):
        return token.base != tokens[j - 1].base or _doubled_name(tokens, j)
    if token.kind == "particle":
        return _particles_then_name(tokens, j)
    if _place_after_particle(tokens, j):
        return True  # "Leila de Lima"
    if _middle_initials(tokens, j):
        return True  # "George H.W. Bush"
    return (
        token.text == "."
        and len(tokens[j - 1].base) == 1
        and j + 1 < len(tokens)
        and tokens[j + 1].kind == "name"
    )


def _doubled_name(tokens: list[_Token], j: int) -> bool:
    """Is token `j`, the same word as the one before it, a name's second half: the first
    opens the span and a comma or a speech verb follows ("Li Li, ..." and "Haid Haid says"; not
    a heading glued on, "... accommodating Trump Trump has")?"""
    opens = j < 2 or tokens[j - 2].kind not in ("name", "common", "particle", "stop")
    after = tokens[j + 1] if j + 1 < len(tokens) else None
    ends = after is not None and (after.text == "," or after.kind == "lower" and after.base in SPEECH_VERBS)
    return opens and ends and not tokens[j].possessive and tokens[j].kind == "name"


def _middle_initials(tokens: list[_Token], j: int) -> bool:
    """Is token `j` initials with full stops between a name word and the next ("George H.W.
    Bush"), not a country's or a body's ("the U.S. Army")?"""
    token = tokens[j]
    return (
        bool(_DOTTED_WHOLE.fullmatch(token.text))
        and token.text.replace(".", "") not in NOT_INITIALS_OF_A_NAME
        and tokens[j - 1].kind == "name"
        and j + 1 < len(tokens)
        and tokens[j + 1].kind == "name"
    )


def _particles_then_name(tokens: list[_Token], j: int) -> bool:
    """Do particles starting at `j` lead to a name word ("von der Leyen")?"""
    while j < len(tokens) and tokens[j].kind == "particle":
        j += 1
    return j < len(tokens) and (tokens[j].kind == "name" or _place_after_particle(tokens, j))


def _place_after_particle(tokens: list[_Token], j: int) -> bool:
    """Is token `j` a place's name that a particle makes a surname ("de Lima", "van Bergen")?"""
    return (
        0 < j < len(tokens)
        and tokens[j].kind == "stop"
        and tokens[j - 1].kind == "particle"
        and tokens[j].base in place_words()
    )


def _may_start(tokens: list[_Token], i: int) -> bool:
    """An ordinary word opens a name after an honorific ("Mr Young"), or after a title, a
    lower-case role or a quote's speech verb when a name word follows ("President Barber
    Conable", "union organiser Con Casey", "..., said Mahir Binici", not "General Headquarters")."""
    if i == 0:
        return False
    before = tokens[i - 1].base
    following = tokens[i + 1].kind if i + 1 < len(tokens) else ""
    role = tokens[i - 1].kind == "lower" and before in names.cue_words()  # "organiser Con Casey"
    return (
        before in HONORIFICS
        or following == "name"
        and (tokens[i - 1].kind == "title" or role or _quoted(tokens, i))
    )


def _quoted(tokens: list[_Token], i: int) -> bool:
    """Does the span follow a quote's speech verb ("...,” said Phil Flynn")?"""
    return (
        i >= 2
        and tokens[i - 1].kind == "lower"
        and tokens[i - 1].base in SPEECH_VERBS
        and tokens[i - 2].kind == "punct"
    )


def _titled(tokens: list[_Token], i: int) -> bool:
    """Is the span at `i` right after a title ("Gen", "Mr.")?"""
    before = tokens[i - 1] if i > 0 else None
    if before is not None and before.text == "." and i > 1:
        before = tokens[i - 2]
    return before is not None and before.kind == "title" and not before.possessive


def _after_portfolio(tokens: list[_Token], i: int) -> bool:
    """Is the span at `i` right after a title and the body or portfolio it holds, written
    without a comma: "Federal Minister for Commerce Jam Kamal", "Chief Executive of TDAP Faiz
    Ahmed", "Member OPF Muhammad Kamran Khan", "Ambassador to the United Nations Nikki Haley"?
    At most `PORTFOLIO_WORDS` words between. Past an "in", only before a known given name
    ("Leader of the Opposition in the National Assembly Omar Ayub Khan", not "President in
    the US Capitol Rotunda")."""
    k = i - 1
    capitalised = 0
    where = False
    while k >= 0 and i - k <= PORTFOLIO_WORDS:
        token = tokens[k]
        if token.kind == "title" and not token.possessive:
            return capitalised > 0 and (not where or tokens[i].base in names.given_names())
        if token.kind in ("stop", "common") and not token.possessive:
            capitalised += 1
        elif token.kind == "lower" and token.base == "in":
            where = True
        elif token.kind != "lower" or token.base not in ("for", "of", "and", "the", "to"):
            return False
        k -= 1
    return False


def _role_before(tokens: list[_Token], i: int) -> bool:
    """A lower-case role word right before the span ("energy minister Subroto"), or before
    "of" and the place the role is held for ("chief justice of Pakistan Qazi Faez Isa"), or a
    relative's before "of" ("the mother of Tiffany Trump", "the widow of William Owens")."""
    if i > 0 and tokens[i - 1].kind == "lower" and tokens[i - 1].base in names.cue_words():
        return True
    for held in (1, 2):  # "of Pakistan", "of Khyber Pakhtunkhwa"
        k = i - held
        if (
            k > 1
            and tokens[k - 1].base == "of"
            and tokens[k - 2].kind == "lower"
            and tokens[k - 2].base in names.cue_words()
            and all(token.kind == "stop" and not token.possessive for token in tokens[k:i])
            and " ".join(token.base for token in tokens[k:i]) in places()
        ):
            return True
    # not before an adjective: "wife of Kashmiri separatist leader Yasin Malik"
    return (
        i > 1
        and tokens[i - 1].base == "of"
        and tokens[i - 2].base in KIN
        and tokens[i].base not in demonyms()
        and not (i + 1 < len(tokens) and tokens[i + 1].kind == "lower")
    )


#: Endings of words for what a person is or does, which an apposition may end with though no
#: list holds them: "a plant breeder and geneticist at", "a retired physician from".
PERSON_SUFFIXES = ("ist", "ian")


def _person_word(word: str, suffixes: bool = False) -> bool:
    """Is `word` (lower case) a word for what a person is or does: a cue word or a person noun,
    or with `suffixes`, any word ending as such words do ("geneticist", "physician")?"""
    return word in names.cue_words() or word in PERSON_NOUNS or suffixes and word.endswith(PERSON_SUFFIXES)


#: Relatives, who are someone's: "the mother of", "the widow of".
KIN = frozenset(
    {"mother", "father", "son", "daughter", "wife", "husband", "brother", "sister", "widow", "widower"}
    | {"uncle", "aunt", "cousin", "nephew", "niece", "grandson", "granddaughter"}
    | {"grandfather", "grandmother"}
)


def _scored(tokens: list[_Token], i: int, j: int) -> bool:
    """A scorecard entry beside another: "(Naqeebullah 3-16, Ibtisam Azhar 3-25)", not one
    name and number alone ("the new reactor, Flamanville 3, began", "rocket, Falcon 9, which")."""
    if not (
        i > 0
        and tokens[i - 1].text in ("(", ";", ",")
        and j < len(tokens)
        and _SCORE.match(tokens[j].text)
        and (j + 1 == len(tokens) or tokens[j + 1].text in (",", ";", ")", "*"))
    ):
        return False
    scored_before = i > 1 and bool(_SCORE.match(tokens[i - 2].text))
    after = tokens[j + 2 : j + 6]
    scored_after = (
        bool(after) and after[0].text[:1].isupper() and any(_SCORE.match(t.text) for t in after[1:])
    )
    bowled = tokens[i - 1].text in ("(", ";") and "-" in tokens[j].text  # "; Jomel Warrican 2-23)"
    return scored_before or scored_after or bowled


def _weak_cue(tokens: list[_Token], i: int, j: int) -> bool:
    """A nationality before the span ("Australian Tim David"), a speech verb after it or after
    a quote before it, or an apposition ("Ali, 45," / ", who" / ", a spokesman" / "his lawyer,
    Antonin Levy,")."""
    before = tokens[i - 1] if i > 0 else None
    if j < len(tokens) and tokens[j].kind == "lower" and tokens[j].base in SPEECH_VERBS or _quoted(tokens, i):
        return True
    if _identified_as(tokens, i):
        return True
    if before is not None and before.base in demonyms():
        return True
    if _apposed_to(tokens, i, j) in names.cue_words():  # "Fillon's lawyer, Antonin Levy, told"
        return True
    if _role_after_dash(tokens, j):
        return True
    after = tokens[j : j + 8]
    if len(after) >= 2 and after[0].text == ",":
        second = after[1]
        if second.base in ("who", "whose") or second.text[0].isdigit() or second.base in names.cue_words():
            return True
        if second.kind == "title" and not second.possessive and _role_ends(tokens, j + 1):
            return True  # "Farha Ather, Deputy Director, Punjab Food Authority"
        if second.base in ("a", "an", "the") or second.possessive and second.base not in places():
            # ", a spokesman", ", PCCC's press secretary" (not ", Japan's largest brewer")
            for k, token in enumerate(after[2:], start=j + 2):
                if token.kind == "punct":
                    break
                if token.base.casefold() in names.cue_words() or _apposition_head(tokens, k, agents=True):
                    return True
        if second.kind in ("lower", "stop", "common"):
            return _bare_role(tokens, j + 1)
    return False


#: Dashes that set a guest's role after the name in a programme's credits.
_DASHES = frozenset({"-", "–", "—"})


def _role_after_dash(tokens: list[_Token], j: int) -> bool:
    """Does a role follow a dash after the span, as in a programme's list of guests ("Saida
    Derrazi - Member of the Collective", "Matthijs Rooduijn - Political Sociologist at Utrecht
    University")?"""
    if j + 1 >= len(tokens) or tokens[j].text not in _DASHES:
        return False
    for k in range(j + 1, min(j + 4, len(tokens) - 1)):
        word = tokens[k].base.casefold().rpartition("-")[2]
        if _person_word(word, suffixes=True) and tokens[k + 1].base in ("at", "of", "in", "for"):
            return True
    return False


def _bare_role(tokens: list[_Token], start: int) -> bool:
    """Does a role without an article follow the comma after a name, its head ending the noun
    phrase ("Li Li, energy research director at ICIS China", "Honson To, chairman of KPMG",
    "Geng Shuang, Foreign Ministry spokesman,")? Only lower-case words and capitalised ordinary
    words lead to it: ", along with", ", one of" and ", who" are no roles, nor is a name."""
    for k in range(start, min(start + 4, len(tokens))):
        if tokens[k].kind in ("stop", "common") and not tokens[k].possessive:
            continue  # "Foreign Ministry", "Punjab Police"
        if tokens[k].kind != "lower":
            return False
        if _apposition_head(tokens, k):
            return True
    return False


def _role_ends(tokens: list[_Token], k: int) -> bool:
    """Do the titles from `k` on end the clause, as a role set off after a name does ("Ather,
    Deputy Director, ...", "BuxSomro, Director of PSQCA"), rather than open the next person's
    name (", Engr Amir Muqam") or the next clause (", DIG listened")?"""
    while k < len(tokens) and tokens[k].kind == "title":
        k += 1
    return k == len(tokens) or tokens[k].base in _ROLE_ENDS


#: What follows a role set off after a name.
_ROLE_ENDS = frozenset({",", ";", ")", ".", "of", "at", "for", "in"})


def _demonym_noun(word: str) -> bool:
    """A nationality made a noun for a person ("Irishwoman", "Englishman", "Frenchmen")."""
    for suffix in ("woman", "man", "women", "men"):
        if word.endswith(suffix) and len(word) > len(suffix) + 2:
            stem = word[: -len(suffix)]
            return stem in demonyms() or stem.rstrip("s") in demonyms() or f"{stem}h" in demonyms()
    return False


def _byline(tokens: list[_Token], i: int) -> bool:
    """Is the span a byline left in the text: "Author: Mara Bierbach", "By BBC Scotland
    political reporter Philip Sim"?"""
    if i >= 2 and tokens[i - 1].text == ":" and tokens[i - 2].base in ("Author", "Authors"):
        return True
    before = tokens[max(0, i - 7) : i]
    return bool(before) and before[-1].base in BYLINE_ROLES and any(t.text == "By" for t in before)


def _thing_after(tokens: list[_Token], j: int) -> bool:
    """Does a word for a thing follow the span, straight or after a closing quote
    ("the satirical "Canard Enchaine" newspaper")?"""
    k = j + 1 if j < len(tokens) and tokens[j].text in _CLOSE_QUOTES else j
    if k + 1 < len(tokens) and tokens[k].base == "Shaheed":
        k += 1  # "the Benazir Bhutto Shaheed Hospital": "martyr" after a man a thing is named after
    if k >= len(tokens):
        return False
    word = tokens[k].base
    if word == "police" and k + 1 < len(tokens) and tokens[k + 1].base in ("station", "post"):
        return True  # "Yaqoob Khan Shaheed police station": a station named after a man
    # not a place noun ("Mir Ali area"): that makes the span a place, which `_resolve` needs to know
    return (word in THING_WORDS or word.removesuffix("s") in THING_WORDS) and word not in PLACE_NOUNS


def _quoted_title(tokens: list[_Token], i: int, j: int) -> bool:
    """Does the span fill a pair of double quotation marks by itself, as a film's, a book's or
    a song's title does ("Best film ... "Toni Erdmann"", ""Florence Foster Jenkins" Natalie
    Portman")? Single quotes are left alone: they close possessives and quote nicknames."""
    return i > 0 and j < len(tokens) and tokens[i - 1].text in ("“", '"') and tokens[j].text in ("”", '"')


def _after_thing_word(tokens: list[_Token], i: int) -> bool:
    """Does the span follow a word for a thing, straight, through an opening quote or through
    "named" ("the newspaper Le Parisien", "the book “Haale Safar: ...”", "a TV play named
    Adhuri Aurat", "an operation dubbed Linebacker II"), or open the examples of things
    ("operations such as Bunyanum Marsoos", "films like Maula Jatt")?"""
    k = i - 1 if i > 0 and tokens[i - 1].text in _OPEN_QUOTES else i
    if k > 1 and tokens[k - 1].base in NAMING_WORDS:
        k -= 1
    if k > 0 and tokens[k - 1].base in THING_WORDS:
        return True
    if k > 1 and tokens[k - 1].base == "like":
        kind = tokens[k - 2].base.casefold()
    elif k > 2 and tokens[k - 1].base == "as" and tokens[k - 2].base == "such":
        kind = tokens[k - 3].base.casefold()
    else:
        return False
    return kind.endswith("s") and kind[:-1] in THING_WORDS


def _single_cue(tokens: list[_Token], i: int, j: int, given: bool) -> bool:
    """A lone name described as a person ("Aryan, a young boy", "Awais, 3,", "the victim,
    Naeem,"), or a known given name acting as one ("Haseeb told", "Masood, a police official")."""
    after = tokens[j : j + 6]
    after_place_word = i > 0 and tokens[i - 1].base in ("in", "at", "near", "from")
    if len(after) >= 3 and after[0].text == ",":
        if after[1].base in ("a", "an", "the"):
            # not "a 23-year-old from Nazimabad, a 24-year-old from Orangi"
            if not after_place_word and _described_after(tokens, j):
                return True
        elif _AGE.match(after[1].text) and after[2].text in (",", ";", "and", ")"):
            return True  # "Awais, 3, was", "Rafiullah, 25; Hamaima, 5;", "Jahanzeb, 70 and"
    elif len(after) == 2 and after[0].text == "," and _AGE.match(after[1].text):
        return True  # "... and Jahanzeb, 70" closing the paragraph
    role = _apposed_to(tokens, i, j)
    if role is not None and _person_word(role):
        return True
    if _identified_as(tokens, i):
        return True
    return given and _weak_cue(tokens, i, j)


def _described_after(tokens: list[_Token], j: int) -> bool:
    """Does an apposition after the span at `j` say what person it is, with or without an
    article ("Aryan, a young boy", "Zayna, a British Bangladeshi administrator", "Li Hongpeng,
    senior executive vice-president of", "Saviour Kasukuwere, minister of local government")?"""
    if j + 2 >= len(tokens) or tokens[j].text != ",":
        return False
    article = tokens[j + 1].base if tokens[j + 1].base in ("a", "an", "the") else ""
    for k in range(j + (2 if article else 1), min(j + 7, len(tokens))):
        if tokens[k].kind == "punct" or not article and tokens[k].kind != "lower":
            return False  # without an article, lower-case words only: not "Karachi, Pakistan"
        if _apposition_head(tokens, k) and (article != "the" or tokens[k].base in PERSON_NOUNS):
            return True
    return False


def _identified_as(tokens: list[_Token], i: int) -> bool:
    """Is the span at `i` whom a report identifies someone as ("a driver identified as Wajid",
    "a woman identified as Rutayba Abdul Kareem Jabra")?"""
    return i >= 2 and tokens[i - 2].base == "identified" and tokens[i - 1].base == "as"


def _apposition_head(tokens: list[_Token], k: int, agents: bool = False) -> bool:
    """Is token `k` of an apposition a word for a person or an age, where the apposition's
    noun phrase ends ("Zayna, a British Bangladeshi administrator,", "Saad, a 30-year-old from
    Iraq"), not a modifier ("Bait-ul-Mal, a premier social safety net")? With `agents`, the
    apposition follows a full name, where a word for a person or a company counts too."""
    token = tokens[k]
    word = token.base.rpartition("-")[2]  # "vice-president", "co-founder"
    if not (
        _person_word(word, suffixes=token.kind == "lower")  # "geneticist", "physician"
        or agents
        and word in AGENT_NOUNS
        or token.base.endswith("year-old")
    ):
        return False
    ends = k + 1 == len(tokens) or tokens[k + 1].kind == "punct"
    return ends or tokens[k + 1].base in ("who", "from", "at", "of", "in", "with", "whose")


def _apposed_to(tokens: list[_Token], i: int, j: int) -> str | None:
    """The word before a span set off by commas ("the victim, Naeem,", "his lawyer, Antonin
    Levy,"), which may say the span is a person; None when it is not set off."""
    if i >= 2 and tokens[i - 1].text == "," and j < len(tokens) and tokens[j].text == ",":
        return tokens[i - 2].base
    return None


def _name_shaped(tokens: list[_Token], i: int, j: int) -> bool:
    """Two or three unknown capitalised words, none an ordinary word: a name. At a sentence
    start only after a nationality or when the last word is a known surname ("Rohit Sharma")."""
    words = [t for t in tokens[i:j] if t.kind != "particle" and t.text != "."]
    opens = i > 0 and tokens[i - 1].base in demonyms() or words[-1].base in names.surnames()
    owns = (
        tokens[j - 1].possessive and j < len(tokens) and tokens[j].kind == "lower"
    )  # "from Erling Haaland's knockdown"
    if (
        (tokens[i].sentence_start and not opens)
        or not 2 <= len(words) <= 3
        or (i > 0 and tokens[i - 1].base in PLACE_WORDS and not owns)
    ):
        return False
    return all(t.kind == "name" and ("-" not in t.base or _korean(t.base)) for t in tokens[i:j])


#: Words after which a capitalised run is where something happens or a thing ("from Karan Khan
#: Shoro", "around Tal Hadid", "the Kola Bay"): a world given name opens no person there. Not
#: the place words a person's name follows as often ("lost out to Viola Davis", "the party of
#: Geert Wilders", "through Mathias Jensen", "took on Steve King").
_PLACE_BEFORE = PLACE_WORDS - {"to", "of", "through", "on", "off", "over"}


@cache
def world_given_names() -> frozenset[str]:
    """Given names of 105 countries (`world_names.py`) the mined lists lack, less everyday
    words, places and nationalities ("Hope", "Tal", "Muslim" are given names somewhere)."""
    words = names.read_words("world_given_names.txt") - names.given_names()
    return frozenset(
        word
        for word in words
        if word.casefold() not in names.common_words() and word not in places() and word not in demonyms()
    )


def _world_named(tokens: list[_Token], i: int, j: int, words: tuple[str, ...]) -> bool:
    """A given name of the world's lists and one or two unknown capitalised words after it
    ("Kristian Midtgard", "Ravindra Jadeja"): not a firm's ("Hyundai Elantra"), a place's
    after "in" or "from", anything after "the" ("on the Victoria Nile", "the Kerem Shalom
    crossing"), or a thing's ("Chandra X-ray")."""
    return (
        2 <= len(words) <= 3
        and words[0] in world_given_names()
        and all(token.kind == "name" and "-" not in token.base for token in tokens[i + 1 : j])
        and not (i > 0 and tokens[i - 1].base in _PLACE_BEFORE)
        and not names_a_body(words[0])
    )


#: Chinese surnames that are also English words or abbreviations, which open a name before a
#: given name written in pinyin ("Fu Hongyu", "Tu Youyou", "He Yafei", "Ma Kai").
CHINESE_SURNAMES = frozenset(
    {"Fu", "Tu", "He", "Ma", "Hu", "Yu", "Lu", "Gu", "Su", "Ye", "Li", "Du", "Ge"}
    | {"Fan", "Sun", "Song", "Long"}
)
#: A pinyin given name: one or two syllables, written without tones ("Hongyu", "Youyou", "Liang").
_PINYIN = re.compile(
    r"(?:(?:zh|ch|sh|[bpmfdtnlgkhjqxrzcsyw])?(?:iang|iong|uang|ang|eng|ing|ong|ian|iao|uai|uan"
    r"|ai|ei|ao|ou|an|en|in|un|ia|ie|iu|ua|uo|ui|ue|a|o|e|i|u)){1,2}"
)


def _pinyin(word: str) -> bool:
    """Is `word` shaped as a pinyin given name, and no English word ("Hongyu", not "Said")?"""
    return bool(_PINYIN.fullmatch(word.lower())) and word.casefold() not in names.common_words()


def _korean(word: str) -> bool:
    """A name word with a given name's second syllable after a hyphen ("Jong-nam")."""
    suffix = names.HYPHENATED_MODIFIER.search(word)
    if suffix is None or not word[: suffix.start()].isalpha():
        return False
    syllable = suffix.group()[1:]
    return bool(_SYLLABLE.fullmatch(syllable)) and syllable not in LED_SUFFIXES | NOT_SYLLABLES


_PHASE = re.compile(r"^Phase(?:-[IVX\d]+)?$")


def _course_or_phase(span: list[_Token]) -> bool:
    """Is the capitalised run a field of study or a project's phase ("BS Zoology", "Marine
    Biology", "Network Phase-IV"), which a person's name never is?"""
    return span[-1].base.endswith("ology") or any(
        token.base.startswith("Phase") and _PHASE.match(token.base) for token in span
    )


#: Ranks a warship is named with: "the Admiral Kuznetsov", "the Vice-Admiral Kulakov".
NAVAL_RANKS = frozenset({"Admiral", "Vice-Admiral", "Rear-Admiral", "Marshal"})


def _ship_named_for_an_officer(tokens: list[_Token], i: int) -> bool:
    """Does "the" stand right before a naval rank and the span ("the aircraft carrier The
    Admiral Kuznetsov", "the Vice-Admiral Kulakov")? A person's rank takes no article before it;
    a warship named after an officer does."""
    k = i - 1
    while k >= 0 and tokens[k].kind == "title" and not tokens[k].possessive:
        k -= 1
    ranks = {token.base for token in tokens[k + 1 : i]}
    return 0 <= k < i - 1 and tokens[k].base.casefold() == "the" and bool(ranks & NAVAL_RANKS)


def _named_thing(tokens: list[_Token], j: int) -> bool:
    """Does the capitalised run go on into an institution word ("Benazir Income Support Programme")?"""
    for token in tokens[j : j + 4]:
        if token.base in ORG_TAILS:
            return True
        if token.kind not in ("name", "common", "stop") or token.possessive:
            return False
    return False


def _mentions(paragraph: str, offset: int) -> list[_Mention]:
    if _all_caps(paragraph):
        return []
    tokens = _tokens(paragraph)
    given = names.given_names()
    found: list[tuple[int, int, _Mention]] = []
    things: list[_Mention] = []
    for i, j in _segments(tokens):
        if not tokens[j - 1].possessive:
            named = _named_thing(tokens, j)
            if named or _thing_after(tokens, j):
                # "Ben Taub Hospital", "the Pyotr Veliki battlecruiser": the name alone later is it too
                if j - i >= 2 and (named or tokens[j].base in NAMED_THINGS):
                    words = tuple(token.base for token in tokens[i:j] if token.kind != "particle")
                    things.append(_Mention(words, offset + i, False, thing=True))
                continue
        if _quoted_title(tokens, i, j):
            continue
        if _byline(tokens, i):
            continue
        if _course_or_phase(tokens[i:j]):
            continue
        if _ship_named_for_an_officer(tokens, i):
            things.append(_Mention(tuple(t.base for t in tokens[i:j]), offset + i, False, thing=True))
            continue
        words = _join_initials(tuple(t.base if t.text != "." else "." for t in tokens[i:j]))
        while len(words) > 2 and words[-1] in SENTENCE_OPENERS:
            words = words[:-1]  # "reporter Philip Sim This was", a lost full stop
        half = len(words) // 2
        if len(words) >= 4 and len(words) % 2 == 0 and words[:half] == words[half:]:
            words = words[:half]  # "Tamara Beckwith Tamara Beckwith, a good friend": a heading glued on
        elif len(words) >= 3 and words[0] == words[-1] and words[0] not in given and not _titled(tokens, i):
            words = words[1:]  # "Unstoppable Semenyo Antoine Semenyo is": a heading's surname glued on
        if len(words) >= 2 and i > 0 and f"{tokens[i - 1].base} {words[0]}" in places():
            # "Saudi Arabia Mohammed bin Salman", "New Jersey Turnpike": a place's last word
            words = words[1:]
        if (
            len(words) > 2
            and words[0] not in given
            and (_titled(tokens, i) or _role_before(tokens, i))
            and tokens[i - 1].base not in HONORIFICS  # "Ms Sofia Saeed Shah": no post before
        ):
            # "Deputy Commissioner Nankana Sahib Muhammad Tasleem Akhtar Rao": the post's place
            held = next((k for k in (2, 1) if len(words) > k + 1 and " ".join(words[:k]) in places()), 0)
            if not held and words[0].casefold() in names.common_words():
                held = 1  # "Controller Examinations Zahid Mian": the post's field
            if words[held] in given:  # not "Stanley L. Brown"
                words = words[held:]
        elif len(words) > 3 and words[1] in REGION_WORDS and words[2] in given:
            words = words[2:]  # "Inspector General of Police Hazara Region Nasir Mehmood Satti"
        elif (
            len(words) > 2
            and i >= 2
            and tokens[i - 1].base == "of"
            and (tokens[i - 2].kind == "title" or tokens[i - 2].base.casefold() in names.cue_words())
            and words[0] not in given
            and words[0] not in names.surnames()
            and words[1] in given
        ):
            words = words[1:]  # "head of Karelia Alexander Khudilainen": the post's place
        while (
            len(words) > 2
            and words[0].isupper()
            and words[0].isalpha()
            and len(words[0]) > 1
            and words[1][:1].isupper()
        ):
            words = words[1:]  # "Ambassador to the UN Ri Tong Il", "Minister for IT Shaza ...": not the name
        if words and (
            words[-1].casefold() in THING_WORDS
            or names_a_body(" ".join((*words, tokens[j].base if j < len(tokens) else "")))
            or _body_closes(tokens, j)
        ):
            continue  # "The Brian Kilmeade Show"; "told The Huffington Post"
        while words and len(words[-1].rstrip(".")) == 1:
            words = words[:-1]
        while words and len(words[0]) == 1 and (words[0] in NOT_INITIALS or len(words) == 1):
            words = words[1:]  # "A Lahore court", "I": a one-letter word opens no name
        honorific: tuple[str, ...] = ()
        while (
            len(words) > 2 and words[0] in names.honorifics() and (len(words) > 3 or words[-1] not in given)
        ):
            # "Makhdoom Shah Mahmood Qureshi"; "Makhdoom Ali Khan" keeps it, "Ali Khan" names nobody
            honorific, words = honorific + words[:1], words[1:]
        if (
            not words
            or (len(words) == 1 and (len(words[0]) < 2 or _PARTY_STATE.match(words[0])))
            or len(words) > 1
            and " ".join(words) in places()
        ):
            continue
        if (
            len(words) >= 2
            and words[-1] in INSTITUTION_TAILS
            or j < len(tokens)
            and tokens[j].base in FOLLOWERS
        ):
            continue
        titled = bool(honorific) or _titled(tokens, i) or _role_before(tokens, i)
        cued = (
            titled
            or _scored(tokens, i, j)
            or len(words) >= 2
            and (words[0] in given or words[-1] in names.surnames() or _name_shaped(tokens, i, j))
            and _after_portfolio(tokens, i)
        )
        if len(words) >= 2 and not cued:
            before = tokens[i - 1] if i > 0 else None
            glued_to_stop = (
                before is not None
                and before.kind == "stop"
                and not before.possessive
                and before.base not in demonyms()
                and before.base not in BODIES
            )
            thing = _after_thing_word(tokens, i)
            cued = not thing and (
                _weak_cue(tokens, i, j)
                or _described_after(tokens, j)
                or not glued_to_stop
                and (words[0] in given or _name_shaped(tokens, i, j) or _world_named(tokens, i, j, words))
                or words[-1] in names.known_surnames()  # "the election of Barack Obama"
                and words[0].casefold() not in names.common_words()
                and not words[0].endswith("ing")  # not "Filibustering Gorsuch" in a headline
                or words[0] in given
                and words[-1] in names.surnames()  # "chief of the HRCP Akbar Khan"
            )
        elif len(words) == 1 and words[0] in names.known_surnames():
            cued = True  # the hand-kept list wins over a gazetteer's town ("Obama", a city in Japan)
        elif (
            len(words) == 1
            and words[0] in places()
            and not (cued and words[0] in given and places()[words[0]].kind == "dateline")
        ):
            # a gazetteer's village or district, unless a list of people says otherwise; a title
            # and a given name win over a town known only for datelines ("Brig Zafar", in Uzbekistan)
            cued = False
        elif len(words) == 1 and not cued:
            cued = _single_cue(tokens, i, j, words[0] in given)
        place = (
            j < len(tokens)
            and (
                tokens[j].base in PLACE_NOUNS and not tokens[j - 1].possessive or tokens[j].base in LAW_WORDS
            )
            or i > 0
            and f"{tokens[i - 1].base} {' '.join(words)}" in places()  # "Dera Ismail Khan"
            or not _titled(tokens, i)
            and (
                words[-1] in GEO_TAILS
                or len(words) > 1
                and words[0] in GEO_HEADS
                or _reading_after(tokens, j)
                or _region_after(tokens, j)
            )
            or _named_after_thing(tokens, i)
        )
        mention = _Mention(words, offset + i, cued and not place, place, honorific)
        mention.called = len(words) == 1 and not cued and not place and _weak_cue(tokens, i, j)
        mention.titled = titled
        found.append((i, j, mention))
    _listed_names(tokens, found)
    _shared_surnames(tokens, found)
    _relatives(tokens, found)
    return [mention for _, _, mention in found] + things


#: What ends the phrase after a town and its region ("Cape Cod, Massachusetts -- its").
_PHRASE_ENDS = frozenset({",", ".", ";", ")", "and", "-", "--", "–", "—"})


def _region_after(tokens: list[_Token], j: int) -> bool:
    """Is the span followed by a comma and a state, province or town that ends the phrase
    ("Aspen, Colorado and Cape Cod, Massachusetts", "Sharjah, Al Ain, Muscat")? Then it is a
    town there. Not before a country: squads list players with the country they play for
    ("Babar Azam, Pakistan")."""
    if j >= len(tokens) or tokens[j].text != ",":
        return False
    for size in (1, 2):
        after = j + 1 + size
        region = places().get(" ".join(token.base for token in tokens[j + 1 : after]))
        if after <= len(tokens) and region is not None and region.kind == "city" and region.country != "-":
            return after == len(tokens) or tokens[after].text in _PHRASE_ENDS
    return False


def _body_closes(tokens: list[_Token], j: int) -> bool:
    """Do the capitalised words right after the span end in a body's head word ("Pashtoonkhwa
    Milli Awami Party")? Then the span is the start of the body's name, unless it is the
    body's owner ("Elon Musk's Department of Government Efficiency") or a post in the body
    follows ("Irfan Siddiqui Parliamentary Party Leader")."""
    if j == 0 or tokens[j - 1].possessive:
        return False
    for k in range(j, min(j + 3, len(tokens))):
        token = tokens[k]
        if token.base in BODY_HEADS:
            return k + 1 == len(tokens) or tokens[k + 1].kind != "title"
        if token.kind not in ("stop", "common") or not token.base[:1].isupper():
            return False
    return False


def _named_after_thing(tokens: list[_Token], i: int) -> bool:
    """Does the word for a ship or a work come right before the name, maybe set off by a comma
    ("the spy ship Viktor Leonov", "TV drama Mann Mayal", "the drama, Andhera Ujala")? Then the
    name is no person's anywhere in the article. Not after "of": "the composer of the film, Sahir
    Ali Bagga" names the composer."""
    if i > 1 and tokens[i - 1].text == ",":
        if any(token.base == "of" for token in tokens[max(0, i - 4) : i - 2]):
            return False
        i -= 1
    elif i > 1 and tokens[i - 1].base.casefold() == "the":
        i -= 1  # "the battle cruiser The Pyotr Veliki"
    return i > 0 and tokens[i - 1].base in NAMED_THINGS


def _reading_after(tokens: list[_Token], j: int) -> bool:
    """Does a weather reading follow the span ending at `j` ("Malam Jabba 23mm", "Sibi 45C")?
    Then it is a place. (A name's neighbours in a comma list are no such sign: squads and
    panels list people beside the towns they come from.)"""
    return j < len(tokens) and bool(_READING.match(tokens[j].text))


def _shared_surnames(tokens: list[_Token], found: list[_Found]) -> None:
    """ "Donald and Melania Trump", "Nawaz and Shehbaz Sharif": a known given name alone, "and",
    then a person's full name: the first may share the second's surname
    (`_resolve` decides, once it knows whether the article gives the first another one)."""
    given = names.given_names()
    for (begin, end, first), (start, _, second) in zip(found, found[1:], strict=False):
        if (
            [t.text for t in tokens[end:start]] == ["and"]
            and len(first.words) == 1
            and first.words[0] in given
            and len(second.words) >= 2
            and second.cued
            and not _after_plural_role(tokens, begin)
        ):
            first.surname = second.words[1:]


def _after_plural_role(tokens: list[_Token], i: int) -> bool:
    """Does a role in the plural come before the span at `i`, past its titles ("federal
    ministers Sardar Yusuf and Ahsan Iqbal")? Then the names listed are of two people, each
    named in full; relatives in the plural ("brothers Nawaz and Shehbaz Sharif") share one."""
    k = i - 1
    while k >= 0 and tokens[k].kind == "title":
        k -= 1
    if k < 0:
        return False
    word = tokens[k].base.casefold()
    return word.endswith("s") and word[:-1] in names.cue_words() and word not in KIN_PLURAL


#: Relatives in the plural, before a list of them: "three daughters -- Margaret, Evelyn and Julia".
KIN_PLURAL = frozenset({f"{kin}s" for kin in KIN} | {"children", "wives"})
#: Words between a relative and the person they are of: "his two sons", "her late husband".
KIN_BETWEEN = frozenset(
    {"one", "two", "three", "four", "five", "late", "only", "eldest", "youngest", "elder"}
)
_AGED = re.compile(r"^(?:\w+-)?year-old$|^\d+$")


def _relatives(tokens: list[_Token], found: list[_Found]) -> None:
    """ "Nunes and his wife, Elizabeth", "Owens' father, Bill", "his two sons, Naveed and Usman":
    a lone name the article introduces as a named person's relative, with the names listed
    with it, may take that person's surname (`_resolve` decides, once it knows the surname is a
    full name's in the article)."""
    for n, (i, _, mention) in enumerate(found):
        if len(mention.words) != 1 or mention.kin_of or mention.place:
            continue
        family = _family_of(tokens, i, found[n - 1] if n else None)
        if not family:
            continue
        mention.kin_of = family
        end = found[n][1]
        for start, next_end, listed in found[n + 1 :]:
            if [t.text for t in tokens[end:start]] not in ([","], ["and"], [",", "and"]) or len(
                listed.words
            ) != 1:
                break
            listed.kin_of, end = family, next_end


def _family_of(tokens: list[_Token], i: int, previous: _Found | None) -> str:
    """The surname of the person whose relative the lone name at `i` is said to be: the owner's
    in "Owens' father, Bill", the person named just before in the same sentence in "Nunes and
    his wife, Elizabeth"; "" when the words before it name no relative."""
    k = i - 1
    while k >= 0 and (tokens[k].kind == "punct" and tokens[k].text in ",-–—:" or _AGED.match(tokens[k].base)):
        k -= 1  # "his wife, Elizabeth", "daughters -- Margaret", "her two-year-old daughter Paris"
    if k < 1 or tokens[k].base not in KIN and tokens[k].base not in KIN_PLURAL:
        return ""
    k -= 1
    while k > 0 and tokens[k].base.casefold() in KIN_BETWEEN:
        k -= 1
    owner = tokens[k]
    if owner.possessive and owner.kind == "name":
        return owner.base
    if owner.base.casefold() in ("his", "her", "their") and previous is not None:
        _, end, person = previous
        if not person.place and not any(token.text in _SENTENCE_END for token in tokens[end:k]):
            return person.words[-1]
    return ""


def _listed_names(tokens: list[_Token], found: list[tuple[int, int, _Mention]]) -> None:
    """A name in a list of people is a person: "Sumayya Kouser, Haleema, Jasmine Farooq, Alina,
    Amani, Parisa and Farah Rasheed", "Rohit Sharma (capt), Shubman Gill, Virat Kohli". In a
    list with two or more full names that look like people's (a known given name first or
    surname last), or made two-thirds of full names, a full name with no evidence of
    its own counts anywhere and a lone name word inside it; elsewhere only a known given name
    next to a full name does. A name without a title listed among known places is a place no
    gazetteer knows (`_among_places`)."""
    given = names.given_names()
    for i, j, mention in found:
        if not mention.titled and _among_places(tokens, i, j):
            mention.cued, mention.place = False, True
        elif not mention.titled and _among_bodies(tokens, i):
            mention.cued = False
    for run in _lists(tokens, found):
        if len(run) >= 2 and (_places_listed(tokens, run[0][0]) or _places_listed_after(tokens, run[-1][1])):
            for _, _, mention in run:  # "camps in tehsil Ravi including Shahdara, Jia Musa and Harbo Jabbo"
                mention.cued, mention.place = False, True
            continue
        if any(m.place for _, _, m in run):
            continue  # "Pind Begwal, Dana, Athal": a list of villages
        if len(run) >= 2 and _people_listed(tokens, run[0][0]):
            for _, _, mention in run:  # "his friends, Rizwanullah and Feroz", "Doctors Adeel, Mahnoor"
                first = mention.words[0]
                mention.cued = mention.cued or not (
                    first.casefold() in names.NAME_PREFIXES
                    or first in places()
                    or first in demonyms()
                    or first in ("Jr", "Sr")
                )
            continue
        full = [len(m.words) >= 2 and m.cued for _, _, m in run]
        named = sum(
            len(m.words) >= 2 and m.cued and (m.words[0] in given or m.words[-1] in names.surnames())
            for _, _, m in run
        )
        if sum(full) >= 3 and 3 * sum(full) >= 2 * len(run):
            named = max(named, 2)  # a line-up: mostly full names
        for n, (_, _, mention) in enumerate(run):
            if mention.cued or mention.place:
                continue
            if len(mention.words) > 1:
                mention.cued = named >= 2 and len(mention.words) <= 3
                continue
            if mention.words[0].casefold() in names.NAME_PREFIXES:
                continue  # "Muhammad" alone names nobody
            inside = 0 < n < len(run) - 1 and named >= 2
            beside = (n > 0 and full[n - 1]) or (n + 1 < len(run) and full[n + 1])
            if inside or (mention.words[0] in given and mention.words[0] not in places() and beside):
                mention.cued = True


_Found = tuple[int, int, _Mention]

#: What separates the names of a list.
_SEPARATORS = frozenset({",", "and"})


def _among_places(tokens: list[_Token], i: int, j: int) -> bool:
    """Is the name `tokens[i:j]` listed between known places ("free plots in Jhelum, Pattoki,
    Mamun Kanjan, Lodhran and Renala Khurd")? Places on one side only are often an apposition's
    ("the Ambassador of Bosnia and Herzegovina, Emin Cohodrevica")."""
    return _place_beside(tokens, i - 1, -1) and _place_beside(tokens, j, 1)


def _place_beside(tokens: list[_Token], k: int, step: int) -> bool:
    """Does a comma or "and" at `k` set off a known place listed next, towards `step`?"""
    if not (0 <= k < len(tokens) and tokens[k].text in _SEPARATORS):
        return False
    first = k = k + step
    while 0 <= k < len(tokens) and tokens[k].text[:1].isupper() and tokens[k].kind != "punct":
        k += step
    words = tokens[k + 1 : first + 1] if step < 0 else tokens[first:k]
    if not words or " ".join(token.text for token in words) not in places():
        return False
    return not (step < 0 and k >= 0 and tokens[k].text == "of")  # "University of Cape Town and Sean Gossel"


#: Plural words for people sent by bodies, before the list of the bodies ("representatives
#: from PIA, British Airways, ... Ras Menzies").
SENT_BY = frozenset({"representatives", "officials", "delegates", "delegations", "executives"})


def _among_bodies(tokens: list[_Token], i: int) -> bool:
    """Is the name at `i` one of a list of capitalised names that opens "representatives from"
    or "officials of": a list of the bodies that sent them, not of people?"""
    k = _list_edge(tokens, i - 1, -1)
    return k >= 1 and tokens[k].base in ("from", "of") and tokens[k - 1].base.casefold() in SENT_BY


def _list_edge(tokens: list[_Token], k: int, step: int, reach: int | None = None) -> int:
    """The first token from `k` towards `step` (at most `reach` on) that is neither a
    capitalised word nor the "," or "and" between a list's names: where the list ends."""
    end = -1 if step < 0 else len(tokens)
    if reach is not None:
        end = max(end, k + step * reach) if step < 0 else min(end, k + step * reach)
    while k != end and (tokens[k].text in (",", "and") or tokens[k].text[:1].isupper()):
        k += step
    return k


def _people_listed(tokens: list[_Token], start: int) -> bool:
    """Does a plural word for people come right before the list at `start`, maybe set off by a
    comma ("friends, Rizwanullah and Feroz", "Doctors Adeel, Mahnoor, Ayesha")?"""
    k = start - 1
    if k >= 0 and tokens[k].text == ",":
        k -= 1
    if k < 0:
        return False
    word = tokens[k].base.casefold()
    return word in PEOPLE_PLURAL or word in KIN_PLURAL


#: Plural words for people only, before a list of their names (not "rivals", "partners" or
#: "brands", which a list of clubs or companies follows as often, nor the people a list of
#: bodies sent, `SENT_BY`).
PEOPLE_PLURAL = (
    frozenset(
        {f"{noun}s" for noun in PERSON_NOUNS if not noun.endswith(("man", "child", "youth", "specialist"))}
        | {"men", "women", "children", "youths", "doctors", "nurses", "teachers", "lawyers", "journalists"}
    )
    - SENT_BY
)

#: Kinds of places named several at a time: a list of names right after one is a list of places.
PLACES_LISTED = frozenset(
    {"areas", "villages", "camps", "localities", "towns", "cities", "districts", "tehsils", "sectors"}
    | {"markets", "neighbourhoods", "neighborhoods", "suburbs", "settlements", "locations", "mohallas"}
)
#: How far before a list its kind of places may be named ("camps in tehsil Ravi including").
PLACES_REACH = 8


def _places_listed(tokens: list[_Token], start: int) -> bool:
    """Does a kind of places named several at a time come shortly before the list at `start`
    ("five camps in the areas including Sanda, Babu Sabu and Sherakot")?"""
    return any(token.base in PLACES_LISTED for token in tokens[max(0, start - PLACES_REACH) : start])


def _places_listed_after(tokens: list[_Token], end: int) -> bool:
    """Does the list ending at `end` close on its kind of places, maybe after its last item ("in
    Humai, Mashki Chah, Nok Chah and Durban Chah villages")?"""
    k = _list_edge(tokens, end, 1, reach=5)
    return k < len(tokens) and tokens[k].base in PLACES_LISTED


def _lists(tokens: list[_Token], found: list[_Found]) -> Iterator[list[_Found]]:
    """Runs of mentions separated only by ",", "and" or ", and", after a player's role in
    brackets too ("Mohammad Rizwan (capt, wk), Salman Agha")."""
    run = found[:1]
    for item in found[1:]:
        between = [t.text for t in tokens[run[-1][1] : item[0]]]
        if between[:1] == ["("] and ")" in between and between.index(")") <= 5:
            between = between[between.index(")") + 1 :]
        if between in ([","], ["and"], [",", "and"]):
            run.append(item)
        else:
            yield run
            run = [item]
    if run:
        yield run


def _join_initials(words: tuple[str, ...]) -> tuple[str, ...]:
    out: list[str] = []
    for word in words:
        if word == "." and out:
            out[-1] += "."
        else:
            out.append(word)
    return tuple(out)


class PeopleFound(NamedTuple):
    """What the body says of people: the names it gives as people's, and the full names it
    writes bare, with nothing to say whose they are (`unconfirmed`)."""

    people: tuple[str, ...]
    #: Names of two or more words shaped like a person's, but with no title, role, speech verb
    #: or given name the article ties to them ("talk to Kim Jong Un", "over Hillary Clinton's
    #: loss"), and never used as a place or a thing. The indexing run makes them people where
    #: the archive names them as a person elsewhere (`indexer.names_merge`).
    unconfirmed: tuple[str, ...]


def find_people(article: Article, aliases: Aliases | None = None) -> tuple[str, ...]:
    """Canonical names of the people the body names, in order of first mention, after the
    alias file (the shipped default when `aliases` is None; pass `Aliases()` for none)."""
    return read_people(article, aliases).people


def read_people(article: Article, aliases: Aliases | None = None) -> PeopleFound:
    """`find_people`'s names, and the full names the article leaves unconfirmed."""
    mentions: list[_Mention] = []
    offset = 0
    for paragraph in article.paragraphs:
        if not _CREDIT.match(paragraph):
            text, titled = _without_epithets(
                _without_nicknames(_unbracketed(_without_credits(paragraph.replace("\u00ad", ""))))
            )
            mentions.extend(_mentions(text, offset))
            mentions.extend(
                _Mention(person, offset + len(_tokens(text[:start])), cued=True) for start, person in titled
            )
        offset += 10_000
    people, unconfirmed = _resolve(mentions)
    return PeopleFound((aliases or default_aliases()).apply(people), unconfirmed)


def _resolve(mentions: list[_Mention]) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """Fold every mention into the fullest name it belongs to; order by first mention.
    A name the article once uses as a place ("Mir Ali area") is no person anywhere in it,
    nor is a name on the organisations list. Second, the full names no mention confirms."""
    places = {mention.words for mention in mentions if mention.place}
    # a thing's name ("taken to Ben Taub" after "Ben Taub Hospital") is no person's without a title
    things = {mention.words for mention in mentions if mention.thing}
    # a listed organisation's name ("Bharti Airtel", "Fine Gael") is no person's
    mentions = [
        m
        for m in mentions
        if not m.thing
        and m.words not in places
        and (m.words not in things or m.titled)
        and not names_a_body(" ".join(m.words))
    ]
    alone = {mention.words[0] for mention in mentions if len(mention.words) == 1}
    for mention in mentions:
        if alone.intersection(mention.honorific):
            mention.words = mention.honorific + mention.words  # "Makhdoom Ali Khan ... Mr Makhdoom"
    firsts = {mention.words[0] for mention in mentions if len(mention.words) >= 2 and mention.cued}
    families = {mention.words[-1] for mention in mentions if len(mention.words) >= 2 and mention.cued}
    given = names.given_names()  # "Iqra" of "Imtiaz's daughter, Iqra" takes no father's name
    for mention in mentions:
        if (
            mention.kin_of in families - given
            and len(mention.words) == 1
            and mention.words[0] not in families  # "Gael Monfils ... his wife Svitolina": Elina's
            and not mention.surname
        ):
            mention.surname = (mention.kin_of,)  # "Devin Nunes ... Nunes and his wife, Elizabeth"
        if mention.surname and mention.words[0] not in firsts:  # "Nawaz and Shehbaz Sharif"
            mention.words, mention.cued = mention.words + mention.surname, True
    # "Peter Mathews ... Mr Mathews", "Abdellatif Merdas ... Merdas, who": a lone surname the article
    # gives a person's cue confirms the bare full name it ends, unless a confirmed name ends with it
    surnames = {m.words[-1] for m in mentions if len(m.words) >= 2 and m.cued}
    called = {m.words[0] for m in mentions if len(m.words) == 1 and (m.cued or m.called)} - surnames
    for mention in mentions:
        if len(mention.words) >= 2 and mention.words[-1] in called and not _holds_place(mention.words):
            mention.cued = True
    full: list[tuple[str, ...]] = []
    for mention in mentions:
        if len(mention.words) >= 2 and mention.cued and mention.words not in full:
            full.append(mention.words)
    keys = {words: names.name_key(" ".join(words)) for words in full}
    # "Hafiz Naeem" after "Hafiz Naeem ur Rehman": a stripped honorific with the first name it stood before
    # and "Nawab Bugti" after "Nawab Aali Bugti": the honorific with the surname
    honoured: dict[tuple[str, ...], tuple[str, ...]] = {
        (m.honorific[-1], word): m.words
        for m in mentions
        if m.honorific and m.words in keys
        for word in (m.words[0], m.words[-1])
    }
    fullest: dict[tuple[str, ...], tuple[str, ...]] = {}
    for words in full:
        longer = [
            other
            for other in full
            if names.is_contraction(keys[words], keys[other]) or honoured.get(words) == other
        ]
        fullest[words] = max(longer, key=len) if longer else words
    first_seen: dict[tuple[str, ...], int] = {}
    for mention in mentions:
        if mention.words in fullest and mention.cued:
            person: tuple[str, ...] | None = fullest[mention.words]
        else:
            person = _link(mention, mentions, fullest)
            if person is None and mention.cued and len(mention.words) == 1:
                person = mention.words
        if person is not None:
            first_seen[person] = min(first_seen.get(person, mention.position), mention.position)
    ordered = sorted(first_seen, key=first_seen.__getitem__)
    known = [keys.get(person) or names.name_key(" ".join(person)) for person in first_seen]
    unconfirmed: dict[str, None] = {}
    for mention in mentions:
        if len(mention.words) < 2 or mention.cued or mention.words in first_seen:
            continue
        name = " ".join(mention.words)
        key = names.name_key(name)
        if not any(names.is_contraction(key, other) for other in known):
            unconfirmed.setdefault(name)
    return tuple(dict.fromkeys(" ".join(person) for person in ordered)), tuple(unconfirmed)


def _holds_place(words: tuple[str, ...]) -> bool:
    """Is a part of a hyphenated word of the name a place ("Pakistan-Saudi Arabia")?"""
    return any(part in places() for word in words if "-" in word for part in word.split("-"))


def _link(
    mention: _Mention, mentions: list[_Mention], fullest: dict[tuple[str, ...], tuple[str, ...]]
) -> tuple[str, ...] | None:
    """The full name a partial mention belongs to: the nearest earlier one sharing its
    last word (or its first word), else the first later one."""
    if len(mention.words) != 1:
        return None
    word = mention.words[0]
    before = [m for m in mentions if m.position < mention.position and m.words in fullest]
    after = [m for m in mentions if m.position > mention.position and m.words in fullest]
    for pool in (before[::-1], after):
        for test in (lambda p: p[-1] == word, lambda p: word in p):
            for m in pool:
                person = fullest[m.words]
                if test(person):
                    return person
    return None
