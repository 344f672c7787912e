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
from dataclasses import dataclass

from search.models import Article

from . import names
from .aliases import Aliases, default_aliases
from .places import demonyms, place_words, places

#: Honorifics after which even an ordinary word is a surname ("Mr Young", "Dr Rose").
HONORIFICS = frozenset({"Mr", "Mrs", "Ms", "Miss", "Dr", "Prof", "Sir", "Dame", "Lord", "Lady", "Mr.",
                        "Mrs.", "Ms.", "Dr.", "Prof."})
#: Title words that are also surnames, read as names when they close a name ("Travis Head said").
SURNAME_TITLES = frozenset({"Head", "King", "Judge", "Major", "Marshal", "Bishop", "Prince", "Chancellor",
                            "Sheriff", "Dean", "Chairman", "Speaker", "Sergeant"})
#: Months that are also surnames or given names, read as names right after a given name.
MONTH_NAMES = frozenset({"May", "June", "April", "August"})
#: Verbs after a name that mark it as a person speaking or acting.
SPEECH_VERBS = frozenset(
    {"said", "says", "told", "added", "stated", "noted", "remarked", "claimed", "urged", "asked",
     "announced", "wrote", "tweeted", "posted", "explained", "stressed", "maintained", "insisted",
     "alleged", "argued", "warned", "recalled", "replied", "responded", "observed", "emphasised",
     "emphasized", "underlined", "reiterated", "expressed", "believes", "thinks", "died", "resigned"}
)
#: Words after a name that make the run an institution named after someone ("Jinnah Hospital").
ORG_TAILS = frozenset(
    {"Bank", "University", "Hospital", "Road", "Stadium", "Trust", "Foundation", "Airport", "Institute",
     "College", "School", "Centre", "Center", "Street", "Avenue", "Park", "Town", "Colony", "Chowk",
     "Mosque", "Award", "Awards", "Trophy", "Cup", "Programme", "Program", "Group", "Company", "Corp",
     "Corporation", "Ltd", "Inc", "Co", "Plc", "Bridge", "Medical", "Memorial", "International",
     "Library", "Museum", "Hall", "Complex", "Block", "Scheme", "Society", "Associates", "Sons",
     "Brothers", "Motors", "Textile", "Mills", "Industries", "Enterprises", "Holdings", "Securities",
     "Partners", "Capital", "Fund", "Labs", "Express", "Line", "Lines", "Tower", "Academy", "Stakes",
     "Prize", "Lecture", "Doctrine", "Report", "Commission", "Canal", "Barrage", "Dam", "Garden",
     "Gardens", "Square", "Market", "Bazaar", "Plaza", "Hotel", "Club", "Ground", "Station", "Village",
     "Fibres", "Textiles", "Cement", "Steel", "Sugar", "Foods", "Pharma", "Pharmaceuticals", "Chemicals",
     "Oil", "Gas", "Petroleum", "Energy", "Power", "Refinery", "Fertiliser", "Fertilizer", "Bancorp",
     "Investments", "Technologies", "Systems", "Solutions", "Services", "Communications", "Airlines",
     "Interchange", "Flyover", "Underpass", "Expressway", "Highway", "Motorway", "Consultancy"}
)

#: Bodies whose name may run straight into their officer's ("... Netball Federation Mudassir Arian").
BODIES = frozenset({"Federation", "Council", "Committee", "Association", "Board", "Authority", "Commission",
                    "Union", "Society", "Chamber", "Institute", "Foundation", "Bureau", "Agency", "Party"})

#: Words before a capitalised pair that make it a place, not a person ("in Palo Alto").
PLACE_WORDS = frozenset({"in", "at", "near", "from", "of", "on", "into", "across", "outside", "inside", "towards",
                         "toward", "via", "around", "the", "to", "through", "along", "off", "over"})

#: Words before a capitalised run that make it a thing, not a person ("the newspaper Le Parisien").
THING_WORDS = frozenset({"newspaper", "channel", "magazine", "company", "firm", "group", "party", "brand", "team",
                         "club", "agency", "website", "app", "ship", "vessel", "hotel", "village", "town", "city",
                         "district", "province", "tehsil", "area", "outlet", "daily", "broadcaster", "operation",
                         "exercise", "organisation", "organization", "network", "platform", "band", "film", "movie",
                         "novel", "book", "song", "album", "series", "show", "programme", "drama", "hospital"})

#: Words after a capitalised pair that make it a place ("Mir Ali area").
PLACE_NOUNS = frozenset({"area", "district", "village", "tehsil", "town", "city", "region", "province", "valley",
                         "road", "bazaar", "sector", "chowk", "market", "camp", "border", "airport", "station",
                         "island", "islands", "river", "lake", "mountain", "peak", "county", "state", "street"})

_TOKEN = re.compile(r"(?:[A-Z]\.){2,}|[^\W\d_](?:[\w'’-]*[\w’'])?|\d[\d,.:/-]*\w*|[^\w\s]")
_SENTENCE_END = frozenset({".", "!", "?", ":", ";", "•", "*", "|"})


@dataclass(slots=True)
class _Token:
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


def _tokens(paragraph: str) -> list[_Token]:
    titles, stop, given = names.titles(), names.not_people(), names.given_names()
    common, places, cues = names.common_words(), place_words(), names.cue_words()
    out: list[_Token] = []
    start = True
    previous = ""
    for text in _TOKEN.findall(paragraph):
        first = text[0]
        if not first.isalnum():
            out.append(_Token(text, text, False, "punct", False))
            if text in _SENTENCE_END and not (previous in titles or (len(previous) == 1 and previous.isupper())):
                start = True
            previous = text
            continue
        if not first.isupper():
            prefix, _, rest = text.partition("-")
            if prefix in names.PARTICLES and rest[:1].isupper():
                kind = "name"  # "al-Assad", "bin-Salman"
            else:
                kind = "particle" if text in names.PARTICLES else "lower"
            out.append(_Token(text, text, False, kind, start))
            start = False
            previous = text
            continue
        base, possessive = names.strip_possessive(text) if ("'" in text or "’" in text) else (text, False)
        if base in titles or (base.casefold() in cues and not start):
            kind = "title"
        elif len(base) == 1:
            kind = "name"
        elif _LOWER_SUFFIX.search(base):
            kind = "lower"
        elif _DIGIT.search(base) or _CAMEL.search(base) or base.isupper() or base in places or base in stop:
            kind = "stop"
        elif base.casefold() in common and base not in given:
            kind = "common"
        else:
            kind = "name"
        out.append(_Token(text, base, possessive, kind, start))
        start = False
        previous = base
    for k in range(1, len(out) - 1):
        if out[k].base in SURNAME_TITLES and out[k - 1].kind == "name" and out[k + 1].kind in ("lower", "punct") \
                and out[k + 1].text != ".":
            out[k].kind = "name"  # "Travis Head are": a surname that is also a title word
        elif out[k].base in MONTH_NAMES and out[k - 1].base in given and out[k + 1].kind in ("lower", "punct"):
            out[k].kind = "name"  # "Theresa May said"
    for k in range(len(out) - 1):
        if out[k].kind == "stop" and out[k].base in given and out[k + 1].kind == "name":
            out[k].kind = "name"  # "Virginia Woolf", "Paris Hilton": a place word used as a given name
    return out


_UPPER = re.compile(r"[A-Z]")
_SCORE = re.compile(r"^\d{1,3}(?:-\d{1,3})?$")
_DIGIT = re.compile(r"\d")
#: "ByteDance", "CNNMoney": a capital inside a word, not after Mc/Mac/O'/De/a hyphen, is a brand.
_CAMEL = re.compile(r"^(?!Mc|Mac|O['’]|D['’]|De|Di|Da|Du|La|Le)[^-'’]*[a-z][A-Z]|^[A-Z]{2,}[a-z]")
#: "Hamas-run", "Islamabad-based": a hyphenated modifier, not a name.
_LOWER_SUFFIX = re.compile(r"-[a-z]+$")
_LOWER = re.compile(r"[a-z]")


def _all_caps(paragraph: str) -> bool:
    upper = len(_UPPER.findall(paragraph))
    return upper > 20 and upper > 1.5 * len(_LOWER.findall(paragraph))


def _segments(tokens: list[_Token]) -> Iterator[tuple[int, int]]:
    """Spans [i, j) of name words; particles and initials may sit inside, not at the ends."""
    i = 0
    while i < len(tokens):
        token = tokens[i]
        if token.kind == "name" or (token.kind == "common" and _may_start(tokens, i)):
            j = i + 1
            while j < len(tokens) and not tokens[j - 1].possessive:
                if not _continues(tokens, j):
                    break
                j += 1
            while j > i + 1 and tokens[j - 1].kind == "common" and not tokens[j - 1].possessive \
                    and tokens[j - 2].kind != "name":
                j -= 1
            yield i, j
            i = j
        else:
            i += 1


def _continues(tokens: list[_Token], j: int) -> bool:
    """Does token `j` carry on the name before it (a name word, a particle, an initial's dot)?"""
    token = tokens[j]
    if token.kind in ("name", "common"):
        return True
    if token.kind == "particle":
        return _particles_then_name(tokens, j)
    return token.text == "." and len(tokens[j - 1].base) == 1 and j + 1 < len(tokens) \
        and tokens[j + 1].kind == "name"


def _particles_then_name(tokens: list[_Token], j: int) -> bool:
    """Do particles starting at `j` lead to a name word ("von der Leyen")?"""
    while j < len(tokens) and tokens[j].kind == "particle":
        j += 1
    return j < len(tokens) and tokens[j].kind == "name"


def _may_start(tokens: list[_Token], i: int) -> bool:
    """An ordinary word opens a name after an honorific ("Mr Young"), or after a title when a
    name word follows ("President Barber Conable", not "General Headquarters")."""
    if i == 0:
        return False
    before = tokens[i - 1].base
    following = tokens[i + 1].kind if i + 1 < len(tokens) else ""
    return before in HONORIFICS or (tokens[i - 1].kind == "title" and following == "name")


def _titled(tokens: list[_Token], i: int) -> bool:
    """Is the span at `i` right after a title ("Gen", "Mr.")?"""
    before = tokens[i - 1] if i > 0 else None
    if before is not None and before.text == "." and i > 1:
        before = tokens[i - 2]
    return before is not None and before.kind == "title" and not before.possessive


def _role_before(tokens: list[_Token], i: int) -> bool:
    """A lower-case role word right before the span ("energy minister Subroto")."""
    return i > 0 and tokens[i - 1].kind == "lower" and tokens[i - 1].base in names.cue_words()


def _scored(tokens: list[_Token], i: int, j: int) -> bool:
    """A scorecard entry: "(Naqeebullah 3-16, Ibtisam Azhar 3-25)"."""
    return i > 0 and tokens[i - 1].text in ("(", ";", ",") and j < len(tokens) and bool(_SCORE.match(tokens[j].text)) \
        and (j + 1 == len(tokens) or tokens[j + 1].text in (",", ";", ")", "*"))


def _weak_cue(tokens: list[_Token], i: int, j: int) -> bool:
    """A nationality before the span ("Australian Tim David"), a speech verb after it, or an
    apposition ("Ali, 45," / ", who" / ", a spokesman")."""
    before = tokens[i - 1] if i > 0 else None
    if j < len(tokens) and tokens[j].kind == "lower" and tokens[j].base in SPEECH_VERBS:
        return True
    if before is not None and before.base in demonyms():
        return True
    after = tokens[j:j + 8]
    if len(after) >= 2 and after[0].text == ",":
        second = after[1]
        if second.base in ("who", "whose") or second.text[0].isdigit() or second.base in names.cue_words():
            return True
        if second.base in ("a", "an", "the"):
            for token in after[2:]:
                if token.kind == "punct":
                    break
                if token.base.casefold() in names.cue_words():
                    return True
    return False


def _name_shaped(tokens: list[_Token], i: int, j: int) -> bool:
    """Two or three unknown capitalised words, none an ordinary word: a name. At a sentence
    start only after a nationality or when the last word is a known surname ("Rohit Sharma")."""
    words = [t for t in tokens[i:j] if t.kind != "particle" and t.text != "."]
    opens = i > 0 and tokens[i - 1].base in demonyms() or words[-1].base in names.surnames()
    if (tokens[i].sentence_start and not opens) or not 2 <= len(words) <= 3 \
            or (i > 0 and tokens[i - 1].base in PLACE_WORDS):
        return False
    return all(t.kind == "name" and "-" not in t.base for t in tokens[i:j])


def _named_thing(tokens: list[_Token], j: int) -> bool:
    """Does the capitalised run go on into an institution word ("Benazir Income Support Programme")?"""
    for token in tokens[j:j + 4]:
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
    for i, j in _segments(tokens):
        if not tokens[j - 1].possessive and _named_thing(tokens, j):
            continue
        words = _join_initials(tuple(t.base if t.text != "." else "." for t in tokens[i:j]))
        while words and len(words[-1].rstrip(".")) == 1:
            words = words[:-1]
        while words and len(words[0]) == 1:
            words = words[1:]  # "A Lahore court", "I": a one-letter word opens no name
        if not words or (len(words) == 1 and len(words[0]) < 2) or " ".join(words) in places():
            continue
        cued = _titled(tokens, i) or _role_before(tokens, i) or _scored(tokens, i, j)
        if len(words) >= 2 and not cued:
            before = tokens[i - 1] if i > 0 else None
            glued_to_stop = before is not None and before.kind == "stop" and not before.possessive \
                and before.base not in demonyms() and before.base not in BODIES
            thing = i > 0 and tokens[i - 1].base in THING_WORDS
            cued = not thing and (_weak_cue(tokens, i, j) or not glued_to_stop and (
                words[0] in given or _name_shaped(tokens, i, j)))
        place = j < len(tokens) and tokens[j].base in PLACE_NOUNS
        found.append((i, j, _Mention(words, offset + i, cued and not place, place)))
    _listed_given_names(tokens, found)
    return [mention for _, _, mention in found]


def _listed_given_names(tokens: list[_Token], found: list[tuple[int, int, _Mention]]) -> None:
    """A lone given name in a list of people is a person: "Alisha Naveed, Haleema, Jasmine Farooq"."""
    given = names.given_names()
    for k, (i, j, mention) in enumerate(found):
        if mention.cued or len(mention.words) != 1 or mention.words[0] not in given \
                or mention.words[0].casefold() in names.NAME_PREFIXES:
            continue
        before = found[k - 1] if k > 0 else None
        after = found[k + 1] if k + 1 < len(found) else None
        listed_before = before is not None and before[1] == i - 1 and tokens[i - 1].text in (",", "and") \
            and len(before[2].words) >= 2 and before[2].cued
        listed_after = after is not None and after[0] == j + 1 and tokens[j].text in (",", "and") \
            and len(after[2].words) >= 2 and after[2].cued
        if listed_before or listed_after:
            mention.cued = True


def _join_initials(words: tuple[str, ...]) -> tuple[str, ...]:
    out: list[str] = []
    for word in words:
        if word == "." and out:
            out[-1] += "."
        else:
            out.append(word)
    return tuple(out)


def find_people(article: Article, aliases: Aliases | None = None) -> tuple[str, ...]:
    """Canonical names of the people the body names, in order of first mention, after the
    alias file (the shipped default when `aliases` is None; pass `Aliases()` for none)."""
    mentions: list[_Mention] = []
    offset = 0
    for paragraph in article.paragraphs:
        mentions.extend(_mentions(paragraph.replace("\u00ad", ""), offset))
        offset += 10_000
    return (aliases or default_aliases()).apply(_resolve(mentions))


def _resolve(mentions: list[_Mention]) -> tuple[str, ...]:
    """Fold every mention into the fullest name it belongs to; order by first mention.
    A name the article once uses as a place ("Mir Ali area") is no person anywhere in it."""
    places = {mention.words for mention in mentions if mention.place}
    mentions = [mention for mention in mentions if mention.words not in places]
    full: list[tuple[str, ...]] = []
    for mention in mentions:
        if len(mention.words) >= 2 and mention.cued and mention.words not in full:
            full.append(mention.words)
    keys = {words: names.name_key(" ".join(words)) for words in full}
    fullest: dict[tuple[str, ...], tuple[str, ...]] = {}
    for words in full:
        longer = [other for other in full if names.is_contraction(keys[words], keys[other])]
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
    return tuple(dict.fromkeys(" ".join(person) for person in ordered))


def _link(mention: _Mention, mentions: list[_Mention],
          fullest: dict[tuple[str, ...], tuple[str, ...]]) -> tuple[str, ...] | None:
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
