"""Organisations an article names: parties, government bodies, courts, armed forces and
agencies, companies, international bodies and militant groups, by canonical name.

Four sources, one pass each over the headline and body:
- the curated list `data/organisations.tsv` (names, spellings and acronyms, found with one
  Aho-Corasick automaton, longest match first, whole words only);
- the article's own acronym definitions ("the National Accountability Bureau (NAB)"), whose
  expansion is kept when it is an organisation's name or the list knows it;
- capitalised names ending in a word that names a body ("Federal Board of Revenue",
  "Lahore High Court", "Ministry of Foreign Affairs", "Engro Fertilisers Ltd");
- capitalised names a word for their kind introduces ("bike-sharing startup Mobike",
  "Conergy, a German PV company", "an analyst at Changjiang Securities").

Each value is canonical within the article: a listed form becomes the list's name, an
acronym the article defines becomes its expansion. Across the archive, an acronym defined
elsewhere and a second spelling of the same expansion are merged at indexing time from the
archive's acronym table (`indexer.orgs_merge`).
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass
from functools import cache, lru_cache
from itertools import accumulate, takewhile

import ahocorasick

from search.acronyms import fold
from search.models import Article

from . import names
from .acronyms import definitions, find_acronyms, spells
from .names import DATA, HYPHENATED_MODIFIER, _lines, surnames, titles
from .places import demonyms, places

#: Last words that make a capitalised name an organisation's ("... Revenue Board" is not one:
#: "Board" is, and the name is "Federal Board of Revenue" by the "of" that follows).
HEADS = frozenset(
    {
        "Party",
        "Bureau",
        "Caucus",
        "Agency",
        "Authority",
        "Commission",
        "Council",
        "Court",
        "Bank",
        "Fund",
        "Ministry",
        "Department",
        "Directorate",
        "Corporation",
        "Company",
        "Limited",
        "Ltd",
        "Inc",
        "Organisation",
        "Organization",
        "Association",
        "Federation",
        "League",
        "Movement",
        "Front",
        "Army",
        "Navy",
        "Force",
        "Forces",
        "Corps",
        "Police",
        "Assembly",
        "Board",
        "Institute",
        "Exchange",
        "Alliance",
        "Tribunal",
        "Office",
        "University",
        # think-tanks, NGOs and associations
        "Foundation",
        "International",  # "Nutrition International", "Transparency International Pakistan"
        "Centre",
        "Center",
        "Trust",
        "Society",
        "Network",
        "Forum",
        "Union",
        "Chamber",
        "Institution",
        "Academy",
        "College",
        # where people are treated or taught: bodies where they act, places where things happen
        "Hospital",
        "School",
        "Group",
        # organs of a government and named units of a force
        "Committee",
        "Secretariat",
        "Division",
        "Unit",
        "Fleet",
        "Regiment",
        "Brigade",
        "Command",
        # companies and outlets
        "Airlines",
        "Airways",
        "News",
        "Times",
        "Tribune",
        "Herald",
        "Chronicle",
        "Zeitung",
        "Post",
        "Journal",
        "Television",
        "Radio",
        # missions abroad, guards, institutions and clubs
        "Embassy",
        "Consulate",
        "Guard",
        "Guards",
        "Museum",
        "Gallery",
        "Mint",
        "Club",
        "Service",
        "Observatory",
        "Conservatory",
        # companies named by their trade
        "Associates",
        "Enterprises",
        "Holdings",
        "Partners",
        "Consultancy",
        "Consultants",
        "Motors",
        "Pharmaceuticals",
        "Electronics",
        "Laboratories",
        "Laboratory",
        "Lab",
        # a body's named part: "the FIA's Immigration Wing", "Rescue and Training Wing"
        "Wing",
    }
)
#: Head words that "General" may follow as a part of them ("Directorate General of Immigration").
GENERAL_HEADS = frozenset({"Directorate", "Inspectorate", "Secretariat"})
#: Head words of companies only where they close the run: "AKD Securities", "Adamjee
#: Insurance", but "Securities and Exchange Commission" goes on to its head; and the legal forms
#: of companies abroad ("JBS SA", "Barclays plc", "Volkswagen AG", "Acme LLC").
LEGAL_FORMS_ABROAD = ("SA", "AG", "plc", "PLC", "LLC", "LLP", "GmbH", "NV", "SpA", "ASA")
#: An outlet's closing word after its own name ("BFM TV", "Foreign Policy Magazine"), not after
#: a place's or an everyday word ("Indian TV", "local TV", "a Web TV").
OUTLET_WORDS = frozenset({"TV", "Magazine"})
CLOSING_HEADS = frozenset(
    {"Securities", "Insurance", "Studios", "Pictures", "Publishing", "Publishers", "Industries", "Corp", "Co"}
    | OUTLET_WORDS
    | set(LEGAL_FORMS_ABROAD)
)
#: Head words of bodies that are often only where something happens ("taken to Lady Reading Hospital").
PLACE_HEADS = frozenset(
    {"Hospital", "School", "Embassy", "Consulate", "Museum", "Gallery", "Club", "Unit", "Complex"}
)
#: A hospital's head word after "Medical" or "Teaching" only ("Hayatabad Medical Complex"; a
#: "Sports Complex" is a place).
MEDICAL_COMPLEX = "Complex"
MEDICAL_KINDS = ("Medical", "Teaching")
#: Words before "Service" that make it an event: "a Memorial Service", "the Funeral Service".
SERVICE_EVENTS = frozenset(
    {"Memorial", "Funeral", "Prayer", "Church", "Thanksgiving", "Remembrance", "Wedding"}
)
#: An office holder's possessive before a head names the office's staff: "Chief Minister's
#: Secretariat", "the President's Office", "UN Secretary General's Office".
OFFICE_POSSESSIVES = frozenset(
    {"Minister's", "Minister’s", "President's", "President’s", "Governor's", "Governor’s"}
    | {"General's", "General’s", "Speaker's", "Speaker’s", "Mayor's", "Mayor’s"}
)
#: Words of an office holder's title before the possessive ("Chief", "Prime", "Secretary").
OFFICE_TITLES = frozenset({"Chief", "Prime", "Deputy", "Secretary", "Attorney", "Vice", "Inspector"})
#: Possessives that are part of a body's name: "Supreme People's Court", "Jacksonville
#: Sheriff's Office", "Pakistan Workers' Federation".
NAME_POSSESSIVES = frozenset(
    {"People's", "People’s", "Sheriff's", "Sheriff’s", "Prosecutor's", "Prosecutor’s", "Women's", "Women’s"}
    | {
        "Children's",
        "Children’s",
        "Workers'",
        "Workers’",
        "Farmers'",
        "Farmers’",
        "Journalists'",
        "Journalists’",
    }
    | {"Correspondents'", "Correspondents’", "Lawyers'", "Lawyers’", "Traders'", "Traders’", "Veterans'"}
    | {"Attorney's", "Attorney’s", "Teachers'", "Teachers’", "Commanders'", "Commanders’"}
    | {"Coroner's", "Coroner’s", "Sheriffs'", "Parents'", "Students'", "Employers'"}
    | {"King's", "King’s", "Queen's", "Queen’s"}  # "King's College London"
    | OFFICE_POSSESSIVES
)
#: Words that make a name a post, not a body: "Senior Superintendent of Police (SSP)",
#: "Inspector General of Police", "Chief Election Commissioner".
ROLES = frozenset(
    {
        "Superintendent",
        "Inspector",
        "Officer",
        "Minister",
        "Secretary",
        "Director",
        "Chairman",
        "Chairperson",
        "Governor",
        "Commissioner",
        "Registrar",
        "Senior",
        "Member",
        "Deputy",
        "Members",
        "Chief",
        "Judge",
        "Advocate",
        "Attorney",
        "Ambassador",
        "Spokesman",
        "Spokesperson",
        "President",
    }
)
#: Capitalised words that end a name: "the Senate Committee on Monday".
DAYS = frozenset(
    {"Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday", "Today", "Tomorrow"}
    | {"January", "February", "March", "April", "June", "July", "August", "September", "October"}
    | {"November", "December", "Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sep", "Sept", "Oct"}
    | {"Nov", "Dec"}
)
#: Portfolios whose ministry's own name says more: the "Foreign Ministry" is the Ministry of
#: Foreign Affairs.
MINISTRY_OF = {"Foreign": "Foreign Affairs", "Home": "Home Affairs"}
#: Words that may join the capitalised words of a name.
JOINERS = frozenset({"of", "and", "for", "on", "the", "&"})
#: Capitalised words that are not part of the organisation they stand before: roles and
#: titles ("Chief Justice of the Supreme Court"), and sentence openers.
NOT_NAME = frozenset(
    {
        "Commandant",
        # numbers counting a body's members: "Two Pakistan Coast Guards personnel"
        "Two",
        "Three",
        "Four",
        "Five",
        "Six",
        "Seven",
        "Eight",
        "Nine",
        "Ten",
        "The",
        "A",
        "An",
        "This",
        "That",
        "Chief",
        "Justice",
        "Minister",
        "Chairman",
        "Chairperson",
        "Governor",
        "President",
        "Secretary",
        "Director",
        "Spokesman",
        "Spokesperson",
        "Judge",
        "Member",
        "Members",
        "Leader",
        "Officer",
        "Head",
        "Deputy",
        "Senator",
        "Mr",
        "Ms",
        "Mrs",
        "Dr",
        "Former",
        "General",
        "Gen",
        "Both",
        "But",
        "And",
        "While",
        "In",
        "On",
        "At",
        "By",
        "For",
        "From",
        "With",
        "Under",
        "After",
        "Before",
        "When",
        "Meanwhile",
        "However",
        "Earlier",
        # sentence openers and seasons ("During Home Office talks", "the Spring European Union summit")
        "During",
        "Since",
        "Despite",
        "Following",
        "Amid",
        "Also",
        "Spring",
        "Summer",
        "Autumn",
        "Winter",
    }
)
#: Names the patterns find that name no one body in particular.
GENERIC = frozenset(
    {"high court", "district court", "sessions court", "federal court", "national bank", "central bank"}
    | {"board of governors", "board of directors", "board of trustees", "board of management"}
    | {"security forces", "air force", "central government", "federal government", "district administration"}
    | {"small and medium enterprises", "state owned enterprises", "government holdings"}
)
#: Rooms and wings named with a body's head word: "met Trump in the Oval Office", "an Oval Office
#: meeting", "in the West Wing" (a place, never the body that acts).
ROOMS = frozenset({"oval office", "west wing", "east wing"})
#: Names with a head word that name no body.
_NO_BODY = GENERIC | ROOMS
#: ... and their acronyms: "the BOG chairman" is some body's board.
GENERIC_ACRONYMS = frozenset({"BOG", "BOD", "BOT", "BOM"})
#: Words before "League" that name a competition, not a body: "Premier League", "Champions
#: League", "Pakistan Super League" (the rules count competitions as events).
COMPETITIONS = frozenset({"Premier", "Super", "Champions", "Europa", "Nations", "Bash", "Conference"})
#: A company's legal form after its name: "Baidu Inc" is the list's "Baidu".
LEGAL_FORMS = (
    " Inc",
    " Inc.",
    " Ltd",
    " Ltd.",
    " Limited",
    " Corp",
    " Corp.",
    " Co",
    " Group",
    *(f" {form}" for form in LEGAL_FORMS_ABROAD),
)
#: Legal forms a town may be glued to with a dash ("Company Ltd-Muzaffargarh"); not "Co" or
#: "Group", which open words of their own ("Co-Chair", "Group-A").
GLUED_LEGAL_FORMS = frozenset({"Ltd", "Limited", "Inc", "Corp", "plc", "PLC"})
#: Words that make a place's name a body: "Punjab government", "Islamabad police", "Iranian
#: parliament", "Welsh Government".
PLACE_BODIES = ("government", "administration", "police", "military", "parliament", "assembly", "court")
#: ... capitalised too, except "Police", a head word already.
PLACE_BODIES_CAPITALISED = ("Government", "Administration", "Military", "Parliament")
#: A nation's missions abroad, bodies where they act and places where things happen.
MISSIONS = ("embassy", "consulate")
#: ... as the head words of their names ("Pakistan Embassy", "Embassy of Ireland").
MISSION_HEADS = tuple(mission.capitalize() for mission in MISSIONS)
#: ... and a nationality's: "Russian defence ministry", "Romanian navy".
NATIONAL_BODIES = (
    *MISSIONS,
    "defence ministry",
    "defense ministry",
    "foreign ministry",
    "interior ministry",
    "navy",
    "army",
    "military",
    "air force",
    "forces",
    "armed forces",
)
#: The halves of a divided country, whose nationality words are not the country's own.
HALVES = ("West ", "East ")
#: Provinces and regions the country gazetteer keeps only as datelines.
REGIONS = frozenset({"Punjab", "Sindh", "Balochistan", "Khyber Pakhtunkhwa", "KP", "Gilgit-Baltistan", "AJK"})
#: Portfolios a ministry is named after in lower case ("the finance ministry said"): one
#: government's ministry, named as its own name gives it (`one_form`).
PORTFOLIOS = (
    "home",
    "hajj",
    "tourism",
    "transport",
    "environment",
    "finance",
    "interior",
    "foreign",
    "defence",
    "defense",
    "commerce",
    "health",
    "education",
    "energy",
    "petroleum",
    "power",
    "railways",
    "information",
    "law",
    "planning",
    "water",
    "climate",
    "culture",
    "industries",
    "labour",
    "agriculture",
    "housing",
    "communications",
    "maritime",
    "textile",
    "justice",
    "trade",
    "economy",
    "information technology",
)
#: Portfolios in the ministries' names written in lower case, and "IT" as written.
_PORTFOLIO = "|".join((*PORTFOLIOS, "IT"))
#: One ministry of a list: a portfolio, maybe "affairs" ("foreign affairs", "Maritime Affairs"),
#: in any case, and not before a capital ("Planning Commission").
_ITEM = rf"(?i:(?:{'|'.join(PORTFOLIOS)}|science and technology)(?: affairs)?)(?! [A-Z])"
#: "the power division", "a cabinet division official": a Pakistani ministry's division, by
#: its portfolio in lower case ("Sukkur division", a region, has a place before it).
_PORTFOLIO_DIVISION = re.compile(
    rf"\b(?:[Tt]he|[Aa]n?|[Ff]ederal) ((?:{_PORTFOLIO}|cabinet|establishment|aviation)) division\b"
)
#: Kinds of listed bodies that are no company, so that a legal form after their name or
#: acronym makes another body ("MCI Inc" is not the Metropolitan Corporation Islamabad).
STATE_KINDS = frozenset({"government", "court", "military", "party", "seat"})
#: A country's initials written with full stops ("U.S. Navy", "U.K. government"), read without
#: them so that "US Navy" and "U.S. Navy" are one body.
_INITIALISM = re.compile(r"(?<![\w.])(?:U\.S\.|U\.K\.|U\.N\.|U\.A\.E\.)(?= [A-Za-z])")
#: A number after a name: "Unit 2", "Unit-IV".
_NUMBERED = re.compile(r"[ -](?:\d|[IVX]+\b)")
#: A part of a body named with the body as its modifier: "a Senate panel", "the NA committee";
#: with what it does in lower case between, a named committee of the body's ("the Senate armed
#: services committee", "the PFF disciplinary committee"), but not a verb and its object ("the
#: Senate passed the committee's report").
_DETERMINERS = "the|a|an|its|his|her|their|this|that"
_PART_AFTER = re.compile(
    rf" ((?:(?!(?:{_DETERMINERS}|to|of|and|or|with|by|in|on|at|for|from|is|was|has|had|will)\b)"
    r"[a-z]+ ){1,3})?(?:panel|committee|sub-?committee|floor)s?\b"
)
#: A named committee's remit after it: "the Senate standing committee on communications".
_REMIT = re.compile(rf" on (?!(?:{_DETERMINERS})\b)[a-z]+(?: and [a-z]+)?\b")
#: A party family's word before a party's short name makes another party: "Social Democrats",
#: "Christian Democrats", "Free Democrats", "New Democrats" are none of the US Democrats.
_PARTY_FAMILY_BEFORE = re.compile(r"\b(?:Social|Christian|Free|New)[ -]$")
#: A government named after the party that leads it, right after the party's name: "the PTI
#: government", "the then PML-N government", "the PML-N-led federal and PTI-led provincial
#: government", "PMLN Govt" (named after its leader, "the Trump administration", it is no mention
#: of him either).
_PARTYS_GOVERNMENT = re.compile(
    r"(?:-led)?(?: (?:federal|provincial|coalition|caretaker|interim|previous|ruling|incumbent))?"
    r"(?: and [\w-]+(?:-led)?(?: (?:federal|provincial|coalition))?)? (?:[Gg]overnment|[Gg]ovt)\b"
)
#: Words after "court" that make it a modifier of what the court holds or decides, not a body
#: named (as "a Senate panel" names no Senate).
_COURT_AS_MODIFIER = re.compile(
    r"[ -](?:cases?|complex|premises|buildings?|rooms?|hearings?|proceedings|orders?|rulings?"
    r"|verdicts?|battles?|dates?|documents?|papers|records?|appearances?|fees?|decisions?|staff)\b"
)
#: What "military" describes after a place's or a nation's name when it names what is done, not
#: who does it: "US military action", "joint US-South Korea military drills", "Sweden military
#: service", "under Syrian military control" (but "the US military said", "US military officials").
_MILITARY_AS_ADJECTIVE = re.compile(
    r"[ -](?:actions?|operations?|drills?|exercises?|service|control|presence|spending|expenditures?"
    r"|capabilit(?:y|ies)|aid|assistance|interventions?|strikes?|options?|equipment|hardware|bases?"
    r"|installations?|activit(?:y|ies)|cooperation|ties|build-?up|campaign|offensive|pressure"
    r"|threats?|power|might|solution|escalation|deployments?|budget|training|technology|sites?"
    r"|targets?|facilit(?:y|ies)|aircraft|posture|response|means|involvement|engagement"
    r"|superiority|parade|conscription|muscle)\b"
)
#: People a government is the modifier of ("senior US government officials", "a Syria
#: government source", "US government hackers"): who works for it is not it acting.
_STAFF_AFTER = re.compile(
    r" (?:officials?|personnel|sources?|employees?|workers|staff(?:ers)?|contractors|hackers|scientists"
    r"|lawyers|insiders)\b"
)
#: What a place's body is the modifier of, word by word: what is done ("US military action"),
#: what a court holds or decides ("a Maine court case"), who works for a government ("senior US
#: government officials"); none is the body acting.
_AS_MODIFIER = {"military": _MILITARY_AS_ADJECTIVE, "court": _COURT_AS_MODIFIER, "government": _STAFF_AFTER}
#: A law named after the body it sets up or governs, inside a name: "... Act", "... Ordinance
#: Amendment Bill".
_LAW_AFTER = re.compile(r" (?:\(Amendment\) )?(?:Act|Ordinance|Bill)\b")
#: An acronym right before a word: "PFF Congress".
_ACRONYM_BEFORE = re.compile(r"\b([A-Z]{2,6}) $")
#: A place named after a body, right after its name: "NADRA Chowk", "PIA Road", "LDA Avenue".
_PLACE_AFTER = re.compile(r" (?:Chowk|Road|Avenue|Colony|Interchange|Flyover|Underpass|Street|Square)\b")
#: A company's legal form right after a name: "MCI Inc", "UBS Group".
_LEGAL_FORM_AFTER = re.compile(rf" (?:Inc|Ltd|Limited|Corp|Co|Group|{'|'.join(LEGAL_FORMS_ABROAD)})\b(?!-)")
#: A nation's ministry named by its portfolio in lower case: "the Ukrainian energy ministry",
#: "India's commerce ministry" (the nation checked where it matches).
_NATIONS_MINISTRY = re.compile(
    rf"\b([A-Z][a-z]+(?:’s|'s)?) ((?:{_PORTFOLIO})(?: and (?:{_PORTFOLIO}))?) ministry\b"
)
#: A ministry's full name in lower case: "ministry of petroleum and natural resources".
_MINISTRY_OF = re.compile(rf"\bministry of ((?:{_PORTFOLIO})(?: and (?:{_PORTFOLIO}|natural resources))?)\b")
#: Several ministries at once: "the Ministries of Finance and Energy", "ministries of petroleum,
#: energy, railways and finance".
_ITEMS = re.compile(rf"\b{_ITEM}\b")
_MINISTRIES_OF = re.compile(rf"\b[Mm]inistries of ({_ITEM}(?:(?:,| and|, and) {_ITEM})+)\b")
#: Two places' governments at once: "Khyber Pakhtunkhwa and Sindh governments".
_GOVERNMENTS = re.compile(
    r"\b([A-Z][\w-]*(?: [A-Z][\w-]*)?) and ([A-Z][\w-]*(?: [A-Z][\w-]*)?) governments\b"
)
#: "the Government of Pakistan", "government of Khyber Pakhtunkhwa", "Parliament of Pakistan".
_BODY_OF_PLACE = re.compile(
    r"\b([Gg]overnment|[Pp]arliament) of (?:the )?([A-Z][\w’'-]*(?: [A-Z][\w’'-]*){0,3})"
)
#: A country's or a region's possessive before its body: "India's foreign ministry".
_POSSESSIVE = re.compile(r"(?:’s|'s)$")
#: Bodies whose owner is named by its place ("India's government" -> "India Government"); the
#: others by its nationality ("India's foreign ministry" -> "Indian Foreign Ministry").
PLACE_NAMED = ("Government", "Administration", "Police", "Military", "Parliament")
#: Capitalised bodies a country's possessive before them makes that country's.
OWNED = (*PLACE_NAMED, "Ministry", "Army", "Navy", "Force", "Forces")
#: A network's affiliate named after it: "CNN affiliate KARK", "ABC News affiliate WEWS".
_AFFILIATE_AFTER = re.compile(r" affiliates? ")
#: A broadcaster's call sign named as one: "CNN affiliate KFSM", "local station KTLA", "told KABC-TV".
_CALL_SIGN = re.compile(
    r"\b(?:affiliate|station)\s+([KW][A-Z]{2,3}(?:-(?:TV|DT|FM|AM))?)\b|\b([KW][A-Z]{2,3}-(?:TV|DT|FM|AM))\b"
)
#: An outlet or a body named by its site: "PennLive.com reported", "according to DataEthics.eu"
#: (not inside an address: "www.dawn.com/news", "info@Example.com").
SITE_SUFFIXES = (".com", ".org", ".net", ".eu", ".co.uk", ".pk", ".in")
_SITE = re.compile(
    rf"(?<![\w./@-])([A-Z][\w-]*)(?:{'|'.join(map(re.escape, SITE_SUFFIXES))})\b(?![/@\w-]|\.\w)"
)
#: Participles (and "member") after a hyphen that keep an organisation's name a mention:
#: "Microsoft-backed OpenAI", "World Bank-funded project", "IMF-mandated tax", "a Nato-member
#: country", "PSX-listed firms".
_MENTIONING_MODIFIER = re.compile(
    r"-(?:backed|funded|supported|led|owned|run|linked|affiliated|sponsored|brokered|controlled|"
    r"appointed|financed|operated|designated|allied|aligned|organised|organized|approved|mandated|member|"
    r"imposed|listed|dominated|chaired|hosted|administered|managed|trained|authori[sz]ed|accredited|"
    r"registered|certified|proposed|ordered|recommended|commissioned|endorsed|negotiated|established)\b"
)
#: The provinces' and regions' own names for their short forms.
REGION_NAMES = {"KP": "Khyber Pakhtunkhwa", "AJK": "Azad Jammu and Kashmir", "GB": "Gilgit-Baltistan"}
#: Up to three capitalised words right before a body word (matched backwards from it).
_BEFORE = re.compile(r"((?:[A-Z][\w’'-]* ){1,3})$")
#: Words after "police" that make it a place, not the body: "Sangjani police station".
STATION_WORDS = (" station", " post")
#: Words that make an article one about football, where a club named after its town is the club.
FOOTBALL = (
    "Premier League",
    "Champions League",
    "Europa League",
    "FA Cup",
    "League Cup",
    "Bundesliga",
    "La Liga",
    "Serie A",
    "Ligue 1",
    "footballer",
    "striker",
    "midfielder",
    "goalkeeper",
    "football club",
)
#: What a party's bare name is the adjective of: "the Labour government".
PARTYS_GOVERNMENT = frozenset({"government", "governments", "administration"})
#: A party's posts that a person's name follows: "Labour leader Jeremy Corbyn".
PARTY_POSTS = frozenset({"leader", "spokesman", "spokeswoman", "spokesperson", "chairman", "candidate"})
#: A party's elected members after its bare name, which make it the party: "Labour MP Nick Smith".
MEMBERS_OF = frozenset({"MP", "MPs", "MEP", "MEPs", "MSP", "MSPs", "TD", "TDs", "peer", "peers"})
#: Verbs after a bare name opening a sentence that make it the body acting: "Labour called ...".
ACTS = frozenset(
    {"said", "says", "has", "had", "is", "was", "will", "would", "called", "wants", "accused", "won", "lost"}
)
#: Prepositions that make a seat of government a place: "at the White House", "to Downing Street".
_PLACE_BEFORE = re.compile(
    r"\b(?:at|in|inside|outside|to|into|from|near|on|toward|towards|entering|leaving)(?: the)? $",
    re.IGNORECASE,
)
#: Initials right before a run of capitalised words, which they belong to ("D.I. Khan").
_INITIALS_BEFORE = re.compile(r"(?:^|\s)(?:[A-Z]\.)+\s?$")
#: A capital after a small letter: twice in one word is a link's code ("gBkQWbzhlx"), not a name.
_INNER_CAPS = re.compile(r"(?<=[a-z])[A-Z]")
#: What comes before an outlet credited, not mentioned: "Source:-Al Jazeera News", "Lyu Jia /
#: For China Daily", "Provided to China Daily", "The views do not necessarily reflect those of".
_CREDIT_BEFORE = re.compile(r"(?:Source:[\s-]*(?:[A-Z]\w* )?|\w / |Provided to |reflect those of )$")
#: How far before a name `_CREDIT_BEFORE` is looked for.
_CREDIT_REACH = 20
#: A print edition's credit after an outlet: "(China Daily European Weekly 03/03/2017 page27)".
_EDITION_AFTER = re.compile(r"[^()\n]{0,30}\d{1,2}/\d{1,2}/\d{4}[^()\n]{0,12}\)")
#: The rest of a sentence crediting an outlet or its reporter with a part of the story: "'s
#: Jordyn Phelps contributed to this report", " contributed reporting".
_CONTRIBUTED = re.compile(
    r"[^.!?\n]{0,60}?\bcontributed (?:reporting|(?:to )?(?:this|the) (?:report|story))\b"
)
#: Two or more agencies credited in brackets: "(dpa, AFP)", "(AFP, AP)".
_CREDITS = re.compile(r"[A-Za-z]{2,10}(?:, ?[A-Za-z]{2,10})+")
#: Characters either side of a head word a name is looked for in.
WINDOW = 160
#: A run of capitalised words, with joiners between them, on one line.
_RUN = re.compile(r"(?<![\w-])[A-Z][\w’'&-]*(?: (?:(?:of|and|for|on|the|&) )*[A-Z][\w’'&-]*)*")


@dataclass(frozen=True, slots=True)
class Listed:
    """One organisation of the curated list."""

    name: str
    kind: str
    forms: tuple[str, ...]
    #: Forms that are also a town's name, a surname or an everyday word ("Liverpool", "Forbes",
    #: "Labour"; written "~Labour" in the list): they name the body only standing alone
    #: (`_bare_mention`), and a club's only in an article about football.
    bare: frozenset[str] = frozenset()

    def names_body(self, form: str) -> bool:
        """Does `form` name this body wherever it is written (not a bare form)?"""
        return form not in self.bare


@cache
def listed() -> dict[str, Listed]:
    """Every form of every listed organisation (its name, spellings, acronyms) -> the entry."""
    table: dict[str, Listed] = {}
    for line in _lines(DATA / "organisations.tsv"):
        name, kind, *rest = line.split("\t")
        written = [form.strip() for form in (rest[0] if rest else "").split("|") if form.strip()]
        forms = tuple(form.removeprefix("~") for form in written)
        bare = frozenset(form.removeprefix("~") for form in written if form.startswith("~"))
        entry = Listed(name, kind, forms, bare)
        for form in (name, *forms):
            for written_as in (form, *_damaged(form)):
                table.setdefault(written_as, entry)
    return table


def _damaged(form: str) -> tuple[str, ...]:
    """How an export that lost a form's accented letters writes it: each as the replacement
    characters of its UTF-8 bytes ("Fianna F\ufffd\ufffdil"), or as "?" ("Bus ?ireann")."""
    if form.isascii():
        return ()
    return (
        "".join(c if c.isascii() else "\ufffd" * len(c.encode()) for c in form),
        "".join(c if c.isascii() else "?" for c in form),
    )


def names_a_body(name: str) -> bool:
    """Is `name` a listed form that names its body wherever it is written ("Fine Gael", not
    the surname "Forbes")?"""
    entry = listed().get(name)
    return entry is not None and entry.names_body(name)


@cache
def listed_by_key() -> dict[str, Listed]:
    """The list's forms matched by `fold` (names only: an acronym keeps its capitals)."""
    return {fold(form): entry for form, entry in listed().items() if not _is_acronym(form)}


@cache
def _automaton() -> ahocorasick.Automaton:
    machine = ahocorasick.Automaton()
    for form, entry in listed().items():
        machine.add_word(form, (form, entry))
    machine.make_automaton()
    return machine


def _is_acronym(form: str) -> bool:
    letters = [c for c in form if c.isalpha()]
    return sum(c.isupper() for c in letters) >= 2 and " " not in form


def canonical(name: str) -> str:
    """The list's name for `name` when the list knows it, else one written form of it
    (`one_form`), so that one body is one facet value however an article writes it."""
    entry = listed().get(name) or listed_by_key().get(fold(name))
    if entry is None:
        name = one_form(name)
        entry = listed().get(name) or listed_by_key().get(fold(name))
    if entry is None and (form := next((f for f in LEGAL_FORMS if name.endswith(f)), None)):
        entry = listed().get(name.removesuffix(form))  # "Baidu Inc", "Alibaba Group"
        if entry is not None and entry.kind in STATE_KINDS:
            entry = None  # "MCI Inc" is a company, not the listed MCI
        if entry is None:
            entry = _listed_company_opening(name.removesuffix(form))
    return entry.name if entry else name


def _listed_company_opening(name: str) -> Listed | None:
    """The listed company whose name opens a company's written with its trade ("Huawei" of
    "Huawei Technologies Co", "Toyota" of "Toyota Motor Corp"): one facet value for both."""
    words = name.split()
    for end in range(len(words) - 1, 0, -1):
        entry = listed().get(" ".join(words[:end]))
        if (
            entry is not None
            and entry.kind == "company"
            and all(w in TRADE_WORDS or w == "&" for w in words[end:])
        ):
            return entry  # not "Citi Pharma Ltd", a company of its own
    return None


def one_form(name: str) -> str:
    """One form for a body the list does not know: a lower-case word of its name capitalised
    ("Russian foreign ministry" -> "Russian Foreign Ministry", "Hazro police" -> "Hazro
    Police"), and a ministry named by its portfolio alone in the order of the ministries'
    own names ("Finance Ministry" -> "Ministry of Finance", "Foreign Ministry" -> "Ministry of
    Foreign Affairs"); not one named after a nation or a place ("Japanese Finance Ministry").
    A nation's armed forces are its military. A government, administration, police, military
    or parliament named after a country or a province takes its name ("Pakistani government" ->
    "Pakistan Government", "KP police" -> "Khyber Pakhtunkhwa Police"), a country's possessive
    its name or nationality ("India's government" -> "India Government", "India's foreign
    ministry" -> "Indian Foreign Ministry"), and a country's embassy or consulate its
    nationality ("US Embassy" -> "American Embassy")."""
    words = [
        word if word in JOINERS or not word[:1].islower() else word[:1].upper() + word[1:]
        for word in name.split()
    ]
    if len(words) > 2 and words[-2:] == ["Armed", "Forces"] and _nation(" ".join(words[:-2])):
        words = [*words[:-2], "Military"]  # "Iran's armed forces" are Iran's military
    elif len(words) > 3 and words[:3] == ["Armed", "Forces", "of"]:
        words = ["Military", *words[2:]]  # "Armed Forces of Pakistan"
    if len(words) >= 3 and words[0] in (*PLACE_NAMED, *MISSION_HEADS) and words[1] == "of":
        place = _place_at_start(" ".join(words[2:]).removeprefix("the "))
        if place and len(place.split()) == len(words[2:]) - (words[2] == "the"):
            words = [*place.split(), words[0]]  # "Government of Pakistan" -> "Pakistan Government"
    owned = next(
        ((n, owner) for n in (3, 2, 1) if len(words) > n and (owner := _owner(" ".join(words[:n])))), None
    )
    if owned:
        n, owner = owned
        words = [*(owner if words[-1] in PLACE_NAMED else _nationality(owner)).split(), *words[n:]]
    if len(words) >= 2 and words[-1] in MISSION_HEADS:  # "Pakistan Embassy" -> "Pakistani Embassy"
        country = places().get(" ".join(words[:-1]))
        if country is not None and country.kind in ("name", "variant") and country.country != "-":
            words = [*_nationality(country.country).split(), words[-1]]
    if len(words) >= 2 and words[-1] in PLACE_NAMED or len(words) == 2 and words[-1] == "Court":
        # "Pakistani government" and "a US court" are "Pakistan Government" and "United States
        # Court"; a court with a name of its own ("Supreme Court") keeps it
        words = [*_place_name(" ".join(words[:-1])).split(), words[-1]]
    if len(words) >= 3 and words[-1] == "Department" and words[0] in REGION_NAMES:
        words = [*REGION_NAMES[words[0]].split(), *words[1:]]  # "KP health department", as its government
    if len(words) >= 2 and words[-2:] == ["Defense", "Ministry"]:
        words[-2] = "Defence"  # "Russian defense ministry" and "Russian defence ministry" are one
    if len(words) >= 2 and words[-1] == "Ministry" and words[0] not in JOINERS:
        portfolio = words[:-1]
        if not any(word in demonyms() or _place_in(word) for word in portfolio):
            words = ["Ministry", "of", *MINISTRY_OF.get(" ".join(portfolio), " ".join(portfolio)).split()]
    return " ".join(words)


def is_organisation(name: str) -> bool:
    """Whether a name (an acronym's expansion, a capitalised run) names a body: the list
    knows it, or its last word is a head word, or a head word comes before "of" ("State
    Bank of Pakistan")."""
    if name in listed() or fold(name) in listed_by_key():
        return True
    words = name.replace("-", " ").split()
    words = [
        word
        for k, word in enumerate(words)
        if not (k and word == "General" and words[k - 1] in GENERAL_HEADS)
    ]
    # an office holder's title is no post when the office is the body: "Chief Minister's Secretariat"
    office = next((at + 1 for at, word in enumerate(words) if word in OFFICE_POSSESSIVES), 0)
    if len(words) < 2 or fold(name) in _NO_BODY or any(word in ROLES for word in words[office:]):
        return False
    place = places().get(name)
    if place is not None and place.country != "-":
        return False  # "Soviet Union", "West Bank"
    if any(word == "Division" and _place_in(" ".join(words[:at])) for at, word in enumerate(words)):
        return False  # "Sukkur Division" is a region, "Finance Division" a body
    if words[-1] == "League" and words[-2] in COMPETITIONS:
        return False
    if words[-1] == "Service" and words[-2] in SERVICE_EVENTS:
        return False
    if _event_or_field(name):
        return False
    if words[-1] in OUTLET_WORDS and _kind_of_outlet(words[-2], words[-1]):
        return False
    if words[-1] in HEADS or words[-1] in CLOSING_HEADS:
        return True
    if words[-1] == MEDICAL_COMPLEX and words[-2] in MEDICAL_KINDS:
        return True  # "Hayatabad Medical Complex"
    return any(
        word in HEADS and following in ("of", "for", "on")
        for word, following in zip(words, words[1:], strict=False)
    )


def _kind_of_outlet(word: str, outlet: str) -> bool:
    """Is "<word> TV" or "<word> Magazine" a kind of outlet, not one by its name: a nation's or
    a place's ("Indian TV", "Karachi TV"), or before "TV" an everyday word ("local TV"; but
    "Foreign Policy Magazine" is a title)?"""
    return (
        word in demonyms()
        or word in _nationalities().values()
        or bool(_place_in(word))
        or (outlet == "TV" and word.casefold() in names.common_words())
    )


def find_organisations(article: Article) -> tuple[str, ...]:
    """Canonical organisation names in `article`, in order of first mention."""
    text = names.unglued(f"{article.title}\n{article.body}")
    if "U." in text:  # "U.S. Navy" is read as "US Navy"
        text = _INITIALISM.sub(lambda match: match.group().replace(".", ""), text)
    found: dict[str, int] = {}
    spans: dict[str, list[tuple[int, int]]] = {}

    def add(name: str, position: int) -> None:
        key = canonical(name)
        if key not in found or position < found[key]:
            found[key] = position
        spans.setdefault(key, []).append((position, position + len(name)))

    for end, (form, entry) in _longest(text):
        start = end - len(form) + 1
        if not entry.names_body(form) and not _bare_mention(text, start, end + 1, entry.kind):
            continue
        part = _PART_AFTER.match(text, end + 1)
        if part and not part.group(1):
            continue  # "a Senate panel": a part of the body
        if part and text[part.end() - 1] != "s" and not text.startswith("floor", part.end(1)):
            remit = _REMIT.match(text, part.end())  # "the Senate armed services committee": the committee
            add(text[start : remit.end() if remit else part.end()], start)
            continue  # (but "five Commons select committees" is the body's own mention)
        if _PLACE_AFTER.match(text, end + 1):
            continue
        before = _ACRONYM_BEFORE.search(text, max(0, start - 8), start) if form == "Congress" else None
        if before and before.group(1) not in ("US", "USA"):
            continue  # "the PFF Congress", "the FIFA Congress": an association's, not the US one
        if entry.kind == "party" and (
            _PARTYS_GOVERNMENT.match(text, end + 1)
            or _PARTY_FAMILY_BEFORE.search(text, max(0, start - 12), start)
        ):
            continue  # "the PTI government"; "Social Democrats" are no (US) Democrats
        if entry.kind in STATE_KINDS and _LEGAL_FORM_AFTER.match(text, end + 1):
            continue  # "MCI Inc": a company of its own, not the listed body (but "UBS Group" is UBS)
        # only an outlet or a company is credited in brackets: "(APP)", but "(UKAD)" is a mention
        # ... and a network before its affiliate is the station's mention: "told CNN affiliate KARK"
        credited = entry.kind in ("company", "media") and (
            is_credit(text, start, end + 1)
            or _promoted(text, start)
            or bool(_AFFILIATE_AFTER.match(text, end + 1))
        )
        if not credited and not (
            entry.kind == "seat" and (_as_place(text, start) or _SEAT_AS_MODIFIER.match(text, end + 1))
        ):
            add(form, start)
    # A definition lies within one line, so the title's and the body's are found apart.
    for acronym, expansion in (*find_acronyms(article.title), *definitions(article.body)):
        if is_organisation(expansion):
            add(expansion, text.find(expansion))
        elif acronym in listed():
            add(acronym, text.find(acronym))
    words_found = _words(text)
    for start, run in _runs_with_heads(text, words_found):
        for offset, name in _names_in(run):
            at = start + offset
            if _place_headed(name) and _as_place(text, at):
                continue
            if name.endswith(" Unit") and _NUMBERED.match(text, at + len(name)):
                continue  # "Chashma Nuclear Power Plant Unit 2": a reactor, not a body
            if _CREDIT_BEFORE.search(text, max(0, at - _CREDIT_REACH), at):  # "Source:-Al Jazeera News"
                continue
            if _CONTRIBUTED.match(text, at + len(name)):  # "ABC News' ... contributed to this report"
                continue
            if _AFFILIATE_AFTER.match(text, at + len(name)):  # "ABC News affiliate WEWS reported"
                continue
            if _promoted(text, at):  # "Chris Peterson is managing editor of China Daily European Bureau"
                continue
            law = _LAW_AFTER.search(name)
            if law and is_organisation(name[: law.start()]):
                name = name[: law.start()]  # "National Commission for Human Rights Act": the body it sets up
            add(_with_more_portfolios(text, at, name), at)
    for told in _TOLD_TITLE.finditer(text):
        if title := _titled_outlet(told.group(1).split()):
            add(title, told.start(1))
    for start, kind, word in words_found:
        if kind == "head":
            continue
        if word in OUTLETS_AFTER_NAMES and (named := _outlet_before(text, start, word)):
            add(named[1], named[0])
        if kind in ("kind", "role"):  # "bike-sharing startup Mobike", "an analyst at Changjiang Securities"
            if described := _introduced_name(text, start, kind, word):
                add(described[1], described[0])
            continue
        if kind == "outlet":
            continue
        if kind == "kinds":  # "French companies - including Colisee, Sodexo, Legrand and Air Liquide"
            for at, name in _listed_after(text, start + len(word)):
                add(name, at)
            continue
        if kind == "place" and (unit := _UNIT_BEFORE.search(text, max(0, start - 16), start)):
            # "Islamabad district administration", "Guangzhou city government"
            before = _BEFORE.search(text, max(0, unit.start() - 60), unit.start())
            if before and (place := _place_in(before.group(1).strip(), towns=True)):
                # "the Sindh provincial government" is the Sindh government
                level = "" if unit.group(1) == "provincial" else f" {unit.group(1)}"
                add(f"{place}{level} {word}", unit.start() - len(place) - 1)
            continue
        if (modified := _AS_MODIFIER.get(word)) and modified.match(text, start + len(word)):
            continue  # "US military action", "a Maine court case", "senior US government officials"
        before = _BEFORE.search(text, max(0, start - 60), start)
        if before is None:
            continue
        words = before.group(1).split()
        place = _place_in(" ".join(words)) if kind == "place" else None
        if place and word[:1].isupper() and not _nation_or_region(place):
            place = None  # "in Lima Government response", "by the Federal Government"
        if owned := _owner_words(words):  # "India's foreign ministry", "Lebanon's parliament"
            owner = " ".join(words[-owned:])
            add(f"{owner} {word}", start - len(owner) - 1)
        elif place:
            add(f"{place} {word}", start - len(place) - 1)
        elif (
            word == "police"
            and not text.startswith(STATION_WORDS, start + len(word))
            and not _cut(text, before.start())
            and (station := _station(words))
        ):
            add(f"{station} police", start - len(station) - 1)
        elif (
            kind == "nation"
            and (words[-1] in demonyms() or words[-1].endswith(("an", "ese", "ish", "i")))
            and not (word in MISSIONS and _as_place(text, start - len(words[-1]) - 1))
        ):
            add(f"{words[-1]} {word}", start - len(words[-1]) - 1)
    # Each pattern is tried only where its words are, a substring test being far cheaper.
    if " ministry" in text:
        for match in _NATIONS_MINISTRY.finditer(text):  # "the Ukrainian energy ministry"
            nation, portfolio = match.groups()
            if nation in demonyms() or _owner(nation):
                add(f"{nation} {portfolio} ministry", match.start())
    if " department" in text:
        for match in _PLACE_DEPARTMENT.finditer(text):  # "the Sindh irrigation department"
            if (place := _place_in(match.group(1))) and match.group(2) not in _NOT_FIELDS:
                add(f"{place} {match.group(2)} department", match.end(1) - len(place))
    if " and " in text:
        for match in _PLACES_SHARING_A_HEAD.finditer(text):  # "the Sindh and Lahore High Courts"
            first, second, plural = match.groups()
            if _place_in(first) == first and _place_in(second) == second:
                head = _SINGULAR_HEADS[plural.casefold()]
                add(f"{first} {head}", match.start(1))
                add(f"{second} {head}", match.start(2))
    if " division" in text:
        for match in _PORTFOLIO_DIVISION.finditer(text):
            portfolio = match.group(1)
            add(f"{portfolio if portfolio.isupper() else portfolio.capitalize()} Division", match.start(1))
    if "ministry of " in text:
        for match in _MINISTRY_OF.finditer(text):  # "ministry of finance"
            add(f"ministry of {match.group(1)}", match.start())
    if "inistries of " in text:
        for match in _MINISTRIES_OF.finditer(text):  # "the Ministries of Finance and Energy"
            for item in _ITEMS.finditer(match.group(1)):
                add(f"{item.group()} ministry", match.start(1) + item.start())
    if " governments" in text:
        for match in _GOVERNMENTS.finditer(text):  # "Khyber Pakhtunkhwa and Sindh governments"
            for group in (1, 2):
                place = _place_in(match.group(group))
                if place and _nation_or_region(place):
                    add(f"{place} government", match.start(group))
    if any(word in text for word in ("affiliate", "station", "-TV", "-DT", "-FM", "-AM")):
        for match in _CALL_SIGN.finditer(text):  # "CNN affiliate KFSM"
            sign = match.group(1) or match.group(2)
            add(sign, match.start(1) if match.group(1) else match.start(2))
    if any(suffix in text for suffix in SITE_SUFFIXES):
        for match in _SITE.finditer(text):  # "PennLive.com", but "Dawn.com" is the listed Dawn
            if match.group(1) not in listed():
                add(match.group(), match.start())
    if "overnment of" in text or "arliament of" in text:
        for match in _BODY_OF_PLACE.finditer(text):  # "the Government of Pakistan"
            if place := _place_at_start(match.group(2)):
                add(f"{place} {match.group(1).lower()}", match.start())
    for match in _CAPITALS.finditer(text):  # "HCBA president", "Chairman PQA", "told WNEP"
        acronym = match.group()
        if acronym in found or acronym in listed():
            continue  # found already, or the list's own (most capitals an article writes)
        end = match.end()
        post_after = text[end + 1 : end + 2] in _POST_INITIALS and _POST_AFTER.match(text, end)
        if (
            (post_after or _names_before(text, match.start(), end))
            and acronym not in titles()
            and acronym not in ROLES
            and acronym not in GENERIC_ACRONYMS
            and _place_in(acronym) is None
        ):
            add(acronym, match.start())
    if len(found) >= 2 and ", " in text:
        for at, name in _listed_with_bodies(text, spans):
            add(name, at)
    kept = _without_short_forms(_outside_others(spans, text), found, spans, text)
    return tuple(sorted(kept, key=found.__getitem__))


#: Last words of an event's name, which a list of bodies may hold ("the D-8 Summit").
EVENT_WORDS = frozenset({"Summit", "Conference", "Festival", "Games", "Cup", "Expo", "Day"})
#: A share's move between two names of a market report's list: " (15.1pc), ", " fell 8.3pc, ",
#: " 5.7pc and ", " (+2.4%), ".
_MOVE_THEN_SEPARATOR = re.compile(
    r" (?:[a-z]+ ){0,2}\(?[+-]?\d+(?:\.\d+)? ?(?:pc|%|per ?cent)\)?(?:, (?:and |or )?| and | or )"
)
#: What stands between the names of a list: a comma, or "and" / "or" / "&" inside a run.
_ITEM_BREAK = re.compile(r", (?:and |or )?| (?:and|or|&) ")


def _listed_with_bodies(text: str, spans: dict[str, list[tuple[int, int]]]) -> list[tuple[int, str]]:
    """The other names of a list of three or more names that holds two bodies already found
    ("PIA, British Airways, Air Blue, Kitchen Cuisine, Ras Menzies and others"; "gains in Engro
    Fertiliser, Fauji Fertiliser, Hub Power and Mari Energies"): a list holds names of one kind.
    Not a person's (a given name or a title in it), a place's, an event's or only everyday words
    (`_listed_name`). Lists are looked for only around two bodies found close together."""
    starts = {start: end for held in spans.values() for start, end in held}
    out: list[tuple[int, str]] = []
    for items, priced in (found for window in _list_windows(starts, text) for found in _lists(text, *window)):
        if _roll_of_officials(text, items):
            continue
        bodies = 0
        others: list[tuple[int, str]] = []
        k = 0
        while k < len(items):
            start, end = items[k]
            lead = 4 if text.startswith(("the ", "The "), start) else 0
            span_end = starts.get(start + lead) or starts.get(start)
            if span_end is not None:
                bodies += 1
                while k + 1 < len(items) and items[k + 1][0] < span_end:
                    k += 1  # "Marks and Spencer": one body over two pieces of the list
            elif not _NAME_PARTICLE_BEFORE.search(text, max(0, start - 4), start):
                others.append((start + lead, text[start + lead : end]))
            k += 1
        if bodies >= (1 if priced else 2):  # a market report's list names companies by itself
            places = {item for _, item in others if _place_in(item, towns=True)}
            out += [
                (start, item)
                for start, item in others
                if item not in places
                # "University of Sindh, Jamshoro, University of Swat, Sheringal": where a list
                # gives bodies their towns, a word alone may be a town no gazetteer knows
                and not (places and " " not in item)
                and _listed_name(text, item, priced)
            ]
    return out


#: Posts that open a name of a roll of officials: "Nasir Salim, CEO Fauji Fertilizer, ...".
_ROLL_POSTS = frozenset({"CEO", "President", "Chairman", "Chairperson", "Chairwoman", "MD", "Founder"})


def _roll_of_officials(text: str, items: list[tuple[int, int]]) -> bool:
    """Does a name of the list open with a post ("Nasir Salim, CEO Fauji Fertilizer, Jehangir
    Piracha, ...")? Then it is a roll of officials and their bodies, whose other names are people's."""
    return any(text[start:end].split(" ", 1)[0] in _ROLL_POSTS for start, end in items)


def _listed_name(text: str, item: str, priced: bool = False) -> bool:
    """Can `item`, listed beside bodies and no known place, be a body's name: no person's (a
    given name or a title in it, or a surname closing a short name), no event's, and not only
    everyday words (a portfolio of a ministry's list: "Health Services")? In a market report's
    list (`priced`) a given name is its founder's ("Yousuf Weaving", "First Habib Modaraba"):
    people's shares do not move, though a poll's candidates may ("Macron (24pc)": a surname)."""
    words = item.split(" ")
    return (
        (words[0] not in _NOT_DESCRIBED and words[0] not in DAYS if priced else _company_name(words) == item)
        and not titles().intersection(words)
        and (priced or not names.given_names().intersection(words))
        and not any(character.isdigit() for character in item)  # "Zaraj-1", "B-17 Multi Garden"
        and (len(words) <= 3 or bool(HEADS.intersection(words)))  # not "ICIMOD Specialist Sonam Wangchuk"
        and words[-1] not in EVENT_WORDS
        and not (len(words) <= 2 and words[-1] in names.surnames() and not HEADS.intersection(words))
        and not all(word.casefold() in names.common_words() for word in words)
        and not _surname_in(text, item)
    )


#: What stands before a person's last name, never before a body's: "de Mistura", "Ahsan H. Mansur".
_NAME_PARTICLE_BEFORE = re.compile(r"(?:\b(?:de|da|di|du|van|von|bin|ibn|al|el)|\b[A-Z]\.) $")


#: How far apart two bodies of one list may be, and how far a list may reach past them.
LIST_GAP = 120
LIST_REACH = 300


def _list_windows(starts: dict[int, int], text: str) -> list[tuple[int, int]]:
    """The stretches of `text` around two bodies found at most `LIST_GAP` apart with a comma
    between them, overlapping stretches joined: the only places a list of bodies can be."""
    windows: list[tuple[int, int]] = []
    ordered = sorted(starts.items())
    for (start, end), (after, after_end) in zip(ordered, ordered[1:], strict=False):
        if 0 <= after - end <= LIST_GAP and "," in text[end:after]:
            window = (max(0, start - LIST_REACH), min(len(text), after_end + LIST_REACH))
            if windows and window[0] <= windows[-1][1]:
                windows[-1] = (windows[-1][0], window[1])
            else:
                windows.append(window)
    return windows


def _lists(text: str, begin: int, end: int) -> list[tuple[list[tuple[int, int]], bool]]:
    """Lists of three or more capitalised names in `text[begin:end]`, each name's start and end:
    runs joined by commas, split where "and", "or" or a comma stands between two names. With
    each, whether a share's move follows every name but the last (a market report's list:
    "Yousuf Weaving (15.1pc), Faysal Bank (8.7pc) and ...", "Unity Modaraba fell 8.3pc, ...")."""
    lists: list[tuple[list[tuple[int, int]], bool]] = []
    chain: list[tuple[int, int]] = []
    priced = True
    last = -1
    for run in _RUN.finditer(text, begin, end):
        start = run.start()
        # the separator before the name, past its article (", the Body Shop")
        gap_end = start - 4 if text[max(0, start - 4) : start] in ("the ", "The ") else start
        if chain:
            gap = text[last:gap_end]
            moved = _MOVE_THEN_SEPARATOR.fullmatch(gap) is not None
            if gap not in (", ", ", and ", ", or ") and not moved:
                if len(chain) >= 3:
                    lists.append((chain, priced))
                chain, priced = [], True
            else:
                priced = priced and moved
        at = start
        for piece in _ITEM_BREAK.finditer(text, start, run.end()):
            chain.append((at, piece.start()))
            priced = False  # names split inside one run had no move between them
            at = piece.end()
        chain.append((at, run.end()))
        last = run.end()
    if len(chain) >= 3:
        lists.append((chain, priced))
    return lists


#: Acronyms neither the list nor the article spells out, which a post in them makes a body's
#: ("HCBA president", "the MMA chief", "BYC Chief Organiser", "Chairman PQA") or a person
#: speaking to them an outlet ("told WNEP", "Speaking with CBC").
_CAPITALS = re.compile(r"\b[A-Z]{3,6}\b")
_POST_AFTER = re.compile(
    r"(?:’s|'s)? (?:[Cc]hief|[Pp]resident|[Cc]hairman|[Cc]hairperson|[Dd]irector"
    r"|[Ss]pokes(?:man|woman|person)|[Ll]eader|[Hh]ead)\b"
)
#: The letter after the space or the apostrophe that follows an acronym, when a post comes next
#: ("HCBA president", "HCBA's chief": the "s"): a cheap test before `_POST_AFTER`.
_POST_INITIALS = frozenset("CcPpDdSsLlHh")
_POST_BEFORE = ("Chairman ", "Chairperson ", "Coordinator ", "Director General ", "Managing Director ")
_SPOKEN_TO_BEFORE = ("told ", "telling ", "peaking to ", "peaking with ", "interview with ")


def _names_before(text: str, start: int, end: int) -> bool:
    """Does a post or a person speaking to it stand right before the acronym at `start`
    ("Chairman PQA", "told WNEP", but not "told SHO Ahmed": a title before a name)?"""
    before = text[max(0, start - 20) : start]
    if before.endswith(_POST_BEFORE):
        return True
    return before.endswith(_SPOKEN_TO_BEFORE) and not (
        end + 1 < len(text) and text[end] == " " and text[end + 1].isupper()
    )


#: A body's portfolio named last in its name, then the rest of the list the run stopped at the
#: comma of: "Ministry of Planning[, Development and Special Initiatives]".
_PORTFOLIO_LAST = re.compile(r" (?:of|on|for) ((?:[A-Z][a-z]+ ){0,2}[A-Z][a-z]+)$")
_MORE_PORTFOLIOS = re.compile(r", ((?:[A-Z][a-z]+ )*[A-Z][a-z]+) and ((?:[A-Z][a-z]+ )*[A-Z][a-z]+)\b")


def _with_more_portfolios(text: str, at: int, name: str) -> str:
    """`name` with the other portfolios its list names after a comma ("the Senate Standing
    Committee on Planning, Development and Special Initiatives"), when none of them is a place
    or a body's head word ("Ministry of Interior, National Database and Registration Authority"
    names two bodies)."""
    last = _PORTFOLIO_LAST.search(name)
    if last is None or _place_in(last.group(1)):
        return name
    more = _MORE_PORTFOLIOS.match(text, at + len(name))
    if more is None:
        return name
    items = (last.group(1), more.group(1), more.group(2))
    if last.group(1).endswith(" Affairs"):
        return name  # "Ministry of Foreign Affairs, Information and Broadcasting": two ministries
    if any(_place_in(item) or names_a_body(item) for item in items) or any(
        word in HEADS or word in CLOSING_HEADS for item in items for word in item.split()
    ):
        return name
    return name + more.group()


def _without_short_forms(
    names: list[str], found: dict[str, int], spans: dict[str, list[tuple[int, int]]], text: str
) -> list[str]:
    """`names` without those the article also gives in full with "of" and a country or province
    after them, which name the same body: "the State Bank" of an article naming the "State Bank
    of Pakistan", "the Election Commission" beside the "Election Commission of Pakistan" (330
    articles of the 60k archive had both). A listed name stays ("Associated Press" is not the
    "Associated Press of Pakistan"); the full name takes the first mention's place."""
    with_of = {
        name: forms
        for name in names
        if (
            forms := [
                form for form in {name, *(text[start:end] for start, end in spans[name])} if " of " in form
            ]
        )
    }
    if not with_of:
        return names
    short = set()
    for name in names:
        if name in listed():
            continue
        for other, forms in with_of.items():
            if any(
                form.startswith(f"{name} of ") and _names_region(form[len(name) + 4 :].removeprefix("the "))
                for form in forms
            ):
                found[other] = min(found[other], found[name])
                short.add(name)
                break
    return [name for name in names if name not in short]


def _ends_listed(words: list[str]) -> bool:
    """Do `words` end with a listed body's name of up to three words ("SDPI", "White House")?"""
    return any(" ".join(words[-n:]) in listed() for n in (1, 2, 3) if len(words) >= n)


def _names_region(words: str) -> bool:
    """Are `words` exactly a country's or a province's name ("Pakistan", "Punjab")?"""
    return _place_in(words) == words and _nation_or_region(words)


#: Words for a kind of company or outlet, which a name right after them is one of ("Chinese
#: bike-sharing startup Mobike", "the journal Oncotarget", "state broadcaster Radio Muqdisho"),
#: mined from the archive: each is mostly followed by a body's name, seldom by a person's.
KINDS_BEFORE_NAMES = (
    "company",
    "firm",
    "startup",
    "start-up",
    "retailer",
    "airline",
    "publisher",
    "broadcaster",
    "website",
    "newspaper",
    "magazine",
    "tabloid",
    "journal",
    "insurer",
    "lender",
    "brokerage",
    "conglomerate",
    "manufacturer",
    "maker",
    "automaker",
    "carmaker",
    "car-maker",
    "chipmaker",
    "drugmaker",
    "consultancy",
    "watchdog",
    "regulator",
    "charity",
    "NGO",
    "think-tank",
    "club",
    "union",
    "outlet",
    "giant",
    "agency",
    "body",
    "channel",
    "news site",
    "group",
)
#: What makes a group a band: "country music group Little Big Town", "pop group", "boy band".
_MUSIC_BEFORE = re.compile(r"\b(?:music|pop|rock|country|rap|folk|band|vocal|girl|boy|singing|K-pop) $")
#: Words for a kind that a comma never sets off from the name ("the award body, Kristian Berg
#: Harpviken", "the group, CHRS"), unlike "the journal, Oncotarget".
UNSET_KINDS = frozenset({"agency", "body", "channel", "news site", "group"})
#: Words for an outlet that may stand after its name ("the Globo newspaper", "Turkiye's NTV
#: television", "the official MENA news agency").
OUTLETS_AFTER_NAMES = frozenset(
    {
        "newspaper",
        "daily",
        "television",
        "radio",
        "news agency",
        "news website",
        "news site",
        "tabloid",
        "magazine",
        "broadcaster",
        "weekly",
    }
)
#: Languages a paper or a channel is named for ("an Urdu newspaper", "the English daily").
LANGUAGES = frozenset(
    {
        "English",
        "Urdu",
        "Sindhi",
        "Punjabi",
        "Pashto",
        "Balochi",
        "Arabic",
        "Persian",
        "Farsi",
        "Dari",
        "Hindi",
        "Bengali",
        "Bangla",
        "Hebrew",
        "Kurdish",
        "Tamil",
        "Spanish",
        "Portuguese",
        "Swahili",
    }
)
#: A title a person speaks to or a report cites: "told The Oklahoman", "according to The Hill".
_TOLD_TITLE = re.compile(
    r"\b(?:told|telling|[Aa]ccording to|interview with|[Ss]peaking to|reported by|wrote in|quoted by)"
    r" (The(?: [A-Z][\w’'&.-]*)+(?: (?:of|and|&)(?: [A-Z][\w’'&.-]*)+)*)"
)
#: What makes a word for an outlet a programme's: "DW's AfricaLink radio program".
_PROGRAMME_AFTER = re.compile(r" (?:program|programme|show|series|host|presenter|documentary|interview)s?\b")
#: Where a sentence ends, so that a "The" after it is the sentence's, not a title's.
_SENTENCE_END = re.compile(r"(?:^|[.!?\n][\"”’']?\s*)$")
#: Words for an outlet whose name may open with "The" ("the website The Daily Stormer").
OUTLET_KINDS = frozenset(
    {
        "newspaper",
        "daily",
        "website",
        "news site",
        "magazine",
        "tabloid",
        "journal",
        "channel",
        "broadcaster",
        "outlet",
        "publisher",
    }
)
#: Words for several companies that a list of their names may follow ("platforms such as Wego and
#: Google Flights", "rivals Meta and Snap", "investors, BlackRock and State Street").
KINDS_BEFORE_LISTS = (
    "companies",
    "firms",
    "startups",
    "start-ups",
    "retailers",
    "airlines",
    "publishers",
    "broadcasters",
    "newspapers",
    "insurers",
    "lenders",
    "banks",
    "platforms",
    "investors",
    "operators",
    "chains",
    "carmakers",
    "automakers",
    "manufacturers",
    "conglomerates",
    "giants",
    "rivals",
    "charities",
    "consultancies",
    "institutions",
    "subsidiaries",
    "affiliates",
    "outlets",
    "channels",
    "universities",
)
#: What may stand between such a word and the list: "companies such as", "brands including",
#: "companies - including", "operators ... namely", a comma, or nothing.
_LIST_OPENS = re.compile(r"(?: [-–—]|,)? (?:(?:such as|like|including|namely|notably|especially) )?(?=[A-Z])")
#: What stands between two names of such a list.
_LIST_SEPARATOR = re.compile(r", (?:and |or )?| (?:and|or|&) (?=[A-Z])")
_PLURAL_INITIALS = re.compile(r"^[A-Z]{2,}s$")
#: Ordinary words a sentence may go on with after a kind of company ("the firm Monday said").
_NOT_DESCRIBED = frozenset(
    {"The", "It", "Its", "This", "That", "We", "He", "She", "They", "In", "On", "But", "And"}
)


#: Words for what a person does at a company or an institute, which "at" or "with" and the
#: body's name follow ("an analyst at Changjiang Securities", "a fellow with Chatham House").
AFFILIATED_ROLES = (
    "analyst",
    "director",
    "economist",
    "professor",
    "researcher",
    "fellow",
    "strategist",
    "partner",
    "consultant",
    "scientist",
    "lecturer",
    "expert",
    "meteorologist",
    "teacher",
)
_AFFILIATION = (" at ", " with ")
#: What shows a name cut short: an initial's dot ("Harvard T.H. Chan") or a head word in lower case.
_CUT_NAME_AFTER = re.compile(
    r"\.\w| (?:school|college|university|hospital|institute|academy|centre|center|office|branch)\b"
)
#: A remit in lower case between such a word and "at": "director of energy futures at Mizuho".
_REMIT_OF = re.compile(r" of [a-z]+(?: [a-z]+){0,3}(?= at )")
#: Posts that lead a company or a body, which "of" and its name follow ("Faisal Mamsa, CEO of
#: Tresmark", "chairman of Sotheby's Europe", "founder of Dastak").
LEADING_ROLES = (
    "CEO",
    "chief executive",
    "chairman",
    "chairperson",
    "chairwoman",
    "founder",
    "co-founder",
    "managing director",
)
_LEADING = (" of ",)
#: Local bodies named in lower case after their place: "chairman of Bala Paras village council".
_LOCAL_BODY_AFTER = re.compile(r" (?:village|union|neighbourhood|tehsil|district|town|municipal|city) ")


def _introduced_name(text: str, start: int, kind: str, word: str) -> tuple[int, str] | None:
    """The body a word for a kind of company (`kind` "kind") or for what a person does there
    (`kind` "role") at `start` introduces, with its offset: the name right after the kind
    ("lender VTB24") or set off before it ("Conergy, a German PV company"), or the name after
    the role and "at" or "with" ("energy research director at ICIS China"), or after a post
    that leads it and "of" ("CEO of Tresmark")."""
    if kind == "role":
        after = start + len(word)
        leading = word in LEADING_ROLES
        if not leading and (remit := _REMIT_OF.match(text, after)):
            after = remit.end()  # "director of energy futures at Mizuho"
        joiners = _LEADING if leading else _AFFILIATION
        joiner = next((joiner for joiner in joiners if text.startswith(joiner, after)), "")
        if joiner and text.startswith("the ", after + len(joiner)) and not leading:
            joiner += "the "  # "a researcher at the China Institutes of Contemporary International Relations"
        at = after + len(joiner)
        name = _described_name(text, at, leading) if joiner else None
        if name is None or _surname_in(text, name) or _CUT_NAME_AFTER.match(text, at + len(name)):
            return None  # "at the Army Public school", "at the Harvard T.H. Chan School"
        if not leading and _POSSESSIVE.search(name.split(" ", 1)[0]):
            return None  # "at Britain's University of Bristol": the owner's, found with the head word
        return at, name
    if (after := _kind_before(text, start, word)) and (name := _described_name(text, after)):
        return after, name
    if (
        after
        and word in OUTLET_KINDS
        and text.startswith("The ", after)
        and (name := _described_name(text, after + 4))
    ):
        return after, f"The {name}"
    return None if word == "giant" else _apposed_name(text, start, word)


def _listed_after(text: str, end: int) -> list[tuple[int, str]]:
    """The companies' names listed right after a word for several of them that ends at `end`,
    with their offsets: up to the first name that is a person's, a place's or an everyday word's,
    since a list of them is no list of companies."""
    opens = _LIST_OPENS.match(text, end)
    found: list[tuple[int, str]] = []
    at = opens.end() if opens else -1
    while at >= 0 and (run := _RUN.match(text, at)):
        words = run.group().split(" ")
        items: list[tuple[int, list[str]]] = [(at, [])]
        offset = at
        for word in words:
            if word in ("and", "&"):
                items.append((offset + len(word) + 1, []))
            else:
                items[-1][1].append(word)
            offset += len(word) + 1
        for start, item in items:
            name = _company_name(item)
            if (
                name is None
                or titles().intersection(item)
                or _surname_in(text, name)
                or name.casefold() in GENERIC
                or any(character.isdigit() for character in name)
            ):
                return found  # "its companies, Agriculture Minister ...", "investors Musk", "Rs2m"
            found.append((text.find(name, start), name))
        separator = _LIST_SEPARATOR.match(text, run.end())
        at = separator.end() if separator else -1
    return found


def _titled_outlet(words: list[str]) -> str | None:
    """The outlet a title names that a person speaks to or a report cites ("told The Oklahoman",
    "according to The Hollywood Reporter"): no place's ("The Hague") nor a body's kind alone."""
    words = words[: next((k for k, word in enumerate(words) if _POSSESSIVE.search(word)), len(words))]
    ended = next((k for k, word in enumerate(words) if word.endswith(".") and word[:-1].isalpha()), None)
    if ended is not None:
        words = [*words[:ended], words[ended].rstrip(".")]  # "told The Guardian. With ..."
    while words and words[-1] in JOINERS:
        words.pop()
    if len(words) > 2 and spells(words[-1], " ".join(words[1:-1])):
        words.pop()  # "according to The Associated Press of Pakistan APP"
    rest = " ".join(words[1:])
    if not rest or fold(rest) in _NO_BODY or _place_in(" ".join(words[:2])) or _place_in(rest):
        return None
    if names.given_names().intersection(words) or words[1] in titles() or words[1] in DAYS:
        return None
    return rest if rest in listed() else f"The {rest}"  # "told The Associated Press"


def _outlet_before(text: str, start: int, word: str) -> tuple[int, str] | None:
    """The outlet named right before a word for its kind at `start` ("the Globo newspaper"), not
    one of its programmes' ("DW's AfricaLink radio program") nor a credit ("Source: AFP news agency")."""
    before = _BEFORE.search(text, max(0, start - 60), start)
    if before is None or before.end() != start or _PROGRAMME_AFTER.match(text, start + len(word)):
        return None
    if _CREDIT_BEFORE.search(text, max(0, before.start() - _CREDIT_REACH), before.start()):
        return None
    words = before.group(1).split()
    owned = [k for k, word in enumerate(words) if _POSSESSIVE.search(word)]
    words = words[owned[-1] + 1 :] if owned else words  # "Turkiye's NTV television"
    the = len(words) > 1 and words[0] == "The"
    first = start - len(" ".join(words)) - 1
    titled = the and not _SENTENCE_END.search(text, max(0, first - 3), first)
    rest = words[1:] if the else words
    name = _company_name(rest)
    if name is None and titled and len(rest) == 1 and rest[0].isalpha() and rest[0] not in DAYS:
        name = rest[0]  # "told The Herald newspaper": a title, though "herald" is an everyday word
    if name is None or names.given_names().intersection(name.split()) or name in LANGUAGES:
        return None
    if any(character.isdigit() for character in name):
        return None  # "a Rs20m daily loss"
    opens = text.rfind(name, 0, start)
    return (opens - 4, f"The {name}") if titled else (opens, name)


def _surname_in(text: str, name: str) -> bool:
    """Does `text` name a person whose surname is the one-word `name` ("Elon Musk")?"""
    return " " not in name and any(
        word in names.given_names() for word in re.findall(rf"\b([A-Z]\w+) {re.escape(name)}\b", text)
    )


def _kind_before(text: str, start: int, word: str) -> int:
    """Where the name starts that the word for a kind of company at `start` stands before, as a
    noun ("tech giant Google", "bike-sharing startup Mobike", "the journal, Oncotarget"; not "a
    giant Taoist sculpture"), or 0."""
    set_off = word not in UNSET_KINDS and text.startswith(", ", start + len(word))
    after = start + len(word) + (2 if set_off else 1)
    named = (
        after < len(text)
        and text[after - 1] == " "
        and text[after].isupper()
        and (start == 0 or text[start - 1] != "-")
        and not (word == "giant" and text.endswith((" a ", " A ", "\na "), 0, start))
        and not (word == "group" and _MUSIC_BEFORE.search(text, max(0, start - 12), start))
    )
    return after if named else 0


def _described_name(text: str, start: int, led: bool = False) -> str | None:
    """The name of a company or an outlet right after a word for its kind, at `start`: a run of
    capitalised words, cut before "and" unless an everyday word closes it ("Soma Oil and Gas"), not a
    person's (a known given name or title first), a place's, a weekday's or one everyday word.
    After a post that leads it (`led`) the run is also cut before a person's name or title that
    follows ("CEO of Aspire Pakistan Hassan Syed said"), names no body in general ("chairman of
    Board of Governors") and is no local council's place."""
    run = _RUN.match(text, start)
    if run is None:
        return None
    words = run.group().split()
    if led:
        if _LOCAL_BODY_AFTER.match(text, run.end()):
            return None  # "chairman of Bala Paras village council": the council's place
        cut = (at for at in range(1, len(words)) if _person_starts(words, at) or words[at] in titles())
        words = words[: next(cut, len(words))]
    name = _company_name(words)
    return None if name is None or led and (fold(name) in _NO_BODY or name in titles()) else name


def _apposed_name(text: str, start: int, word: str) -> tuple[int, str] | None:
    """The name a word for a kind of company at `start` describes in an apposition, with its
    offset ("Conergy, a German PV company,", "Alarm Phone, an NGO that"), the word ending the
    description and nothing but modifiers between ("Li Hao, an analyst at consultancy" is not)."""
    end = start + len(word)
    if not (end == len(text) or text[end] in ",.;:)" or text.startswith(_DESCRIPTION_ENDS, end)):
        return None
    match = _APPOSED.search(text, max(0, start - 120), start)
    if match is None or _NOT_MODIFIERS.intersection(match.group(2).split()):
        return None
    words = match.group(1).split()
    ended = [k for k, word in enumerate(words) if word.endswith(".") and not word.isupper()]
    words = words[ended[-1] + 1 :] if ended else words  # "last March. PRO ASYL, a rights group"
    if "of" in words and names.given_names().intersection(words):
        words = words[len(words) - words[::-1].index("of") :]  # "... Madeleine Berg of Fidra, a charity"
    if words and words[0] == "The":
        words = words[1:]
    name = _company_name(words)
    return None if name is None else (match.start(1), name)


def _company_name(words: list[str]) -> str | None:
    """The words of a company's or an outlet's name out of a capitalised run, or None when the run
    names a person, a place, a day or an everyday thing."""
    based = [k for k, word in enumerate(words) if word.endswith("-based")]
    if based:
        words = words[based[-1] + 1 :]  # "New York-based SkyBridge Capital"
    for k, word in enumerate(words):
        if _POSSESSIVE.search(word) and not (k + 1 < len(words) and words[k + 1] in HEADS):
            words = [*words[:k], _POSSESSIVE.sub("", word)]  # "PTV News's X", not "Foster's Group"
            break
        if word in ("on", "for", "the") or word == "and" and not _closing_and(words, k):
            words = words[:k]
            break
    while words and words[-1] in JOINERS:
        words.pop()
    if words and HYPHENATED_MODIFIER.search(words[-1]):
        words[-1] = HYPHENATED_MODIFIER.sub("", words[-1])  # "Pladis Group-established"
    if not words or len(words[0]) < 2 or words[0] in _NOT_DESCRIBED or words[0] in DAYS:
        return None
    name = " ".join(words)
    first = words[0]
    if (
        first in names.given_names()
        or first in titles()
        or name in places()
        or first in demonyms()
        or words[-1] in demonyms()
        or _PLURAL_INITIALS.match(words[-1])  # "LCDs", "CEOs"
        or len(words) == 1
        and first.casefold() in names.common_words()
    ):
        return None
    return name


#: A capitalised run, a comma, "a" or "an" and up to four modifiers, before a kind of company.
_APPOSED = re.compile(r"((?:[A-Z][\w’'&.-]*(?: (?:of|and|&))? )*[A-Z][\w’'&-]*), an? ((?:[\w’'-]+ ){0,4})$")
#: Words that make a description before a kind of company something else's ("an analyst at ...").
_NOT_MODIFIERS = frozenset(
    {"at", "of", "for", "in", "with", "and", "or", "who", "whose", "to", "from", "by", "as"}
)
#: Words after a kind of company that end its description ("an NGO that", "a startup based in").
_DESCRIPTION_ENDS = tuple(
    f" {word} " for word in ("that", "which", "based", "in", "with", "owned", "founded", "whose")
)


def _closing_and(words: list[str], k: int) -> bool:
    """Is "and" at `k` inside a name, an everyday word closing it ("Soma Oil and Gas"), rather
    than between two names ("VTB24 and Promsvyazbank")?"""
    last = words[-1]
    return k == len(words) - 2 and last[1:].islower() and last.casefold() in names.common_words()


def _outside_others(spans: dict[str, list[tuple[int, int]]], text: str) -> list[str]:
    """The names found at least once outside every other name found: not "Exchange Commission of
    Pakistan" read off "PDA and Securities and Exchange Commission of Pakistan", nor "Senate" read
    off "Senate Standing Committee on Finance", where the longer name was found too; nor a name
    written only inside a longer one found ("Space and Upper Atmosphere Research Commission",
    also found as "SUPARCO", in "Pakistan Space and Upper Atmosphere Research Commission")."""
    starts = sorted({start for found in spans.values() for start, _ in found})
    longest_from = dict.fromkeys(starts, 0)  # the furthest end of a name found at each start
    for found in spans.values():
        for start, end in found:
            longest_from[start] = max(longest_from[start], end)
    reach = list(accumulate((longest_from[start] for start in starts), max))  # ends up to a start

    def inside_another(start: int, end: int) -> bool:
        earlier = bisect_left(starts, start)  # names starting before this one
        return (earlier > 0 and reach[earlier - 1] >= end) or longest_from[start] > end

    def written_inside_another(name: str) -> bool:
        return any(
            name != other and name in other and 0 < text.count(name) == text.count(other) for other in spans
        )

    return [
        name
        for name, found in spans.items()
        if not all(inside_another(*span) for span in found) and not written_inside_another(name)
    ]


@cache
def _word_automaton() -> ahocorasick.Automaton:
    """Head words, and the lower-case words that make a place's or a nation's body."""
    machine = ahocorasick.Automaton()
    for head in (*HEADS, *CLOSING_HEADS, MEDICAL_COMPLEX):
        machine.add_word(head, ("head", head))
    for word in NATIONAL_BODIES:
        machine.add_word(word, ("nation", word))
    for word in (*PLACE_BODIES, *PLACE_BODIES_CAPITALISED):  # "military" is both: a place's and a nation's
        machine.add_word(word, ("place", word))
    for word in OUTLETS_AFTER_NAMES.difference(KINDS_BEFORE_NAMES):  # the others are "kind" words
        machine.add_word(word, ("outlet", word))
    for word in KINDS_BEFORE_NAMES:
        machine.add_word(word, ("kind", word))
    for word in (*AFFILIATED_ROLES, *LEADING_ROLES):
        machine.add_word(word, ("role", word))
    for word in KINDS_BEFORE_LISTS:
        machine.add_word(word, ("kinds", word))
    machine.make_automaton()
    return machine


def _words(text: str) -> list[tuple[int, str, str]]:
    """(offset, kind, word) of every whole head word and body word in `text`."""
    found = []
    for end, (kind, word) in _word_automaton().iter(text):
        start = end - len(word) + 1
        if (start == 0 or not text[start - 1].isalnum()) and (
            end + 1 == len(text) or not text[end + 1].isalnum()
        ):
            found.append((start, kind, word))
    return found


def _runs_with_heads(text: str, words_found: list[tuple[int, str, str]]) -> list[tuple[int, str]]:
    """The runs of capitalised words that hold a head word (`words_found` is `_words(text)`),
    with their offsets: found around each head word rather than by reading every
    capitalised word of the text."""
    runs: dict[int, str] = {}
    for head_start, kind, head in words_found:
        if kind != "head":
            continue
        line_start = text.rfind("\n", 0, head_start) + 1
        line_end = text.find("\n", head_start)
        low = max(line_start, head_start - WINDOW)
        high = min(len(text) if line_end < 0 else line_end, head_start + len(head) + WINDOW)
        for run in _RUN.finditer(text, low, high):
            if run.start() <= head_start < run.end():
                runs.setdefault(run.start(), run.group())
    return sorted(runs.items())


def _place_name(words: str) -> str:
    """A country's or a province's own name for a form of it ("Pakistani", "US", "KP"), else
    `words`."""
    if words in REGION_NAMES:
        return REGION_NAMES[words]
    place = places().get(words)
    if place is None or place.kind not in ("demonym", "variant", "soviet"):
        return words
    if place.kind in ("demonym", "soviet") and _nationality(place.country) != words:
        return words  # "Scottish Government", "Welsh Government": not the United Kingdom's
    return place.country  # "Russian government" is Russia's, as "Russia's government" is


def _nation_or_region(place: str) -> bool:
    """Is `place` a country (by a form of its name or its nationality) or a province?"""
    return place in REGIONS or places()[place].kind in ("name", "demonym", "variant")


def _owned_generically(name: str) -> bool:
    """Is `name` a body every country has, whose owner's possessive says whose it is ("Foreign
    Ministry", "Army", "Air Force"), not a body with its own name ("Border Security Force")?"""
    words = name.split()
    if words[-1] not in OWNED or len(words) > 2:
        return False
    return len(words) == 1 or words[0].casefold() in (*PORTFOLIOS, "air", "armed", "security")


def _owner_words(words: list[str]) -> int:
    """How many words at the end of `words` are a country's or a region's possessive ("South
    Sudan's" is two), 0 when none are."""
    return next((n for n in (3, 2, 1) if len(words) >= n and _owner(" ".join(words[-n:]))), 0)


def _nation(words: str) -> bool:
    """Do `words` name a country, by its name, its nationality or its possessive?"""
    place = places().get(words)
    return _owner(words) is not None or place is not None and place.kind in ("name", "variant", "demonym")


def _owner(word: str) -> str | None:
    """The country or region a possessive names ("India's" -> "India"), else None."""
    if not _POSSESSIVE.search(word):
        return None
    stem = word[:-2]
    if stem in REGIONS:
        return REGION_NAMES.get(stem, stem)
    place = places().get(stem)
    return (
        place.country
        if place is not None
        and (place.kind in ("name", "variant") or place.kind == "soviet" and stem == place.country)
        and place.country != "-"
        else None  # "soviet": Russia, whose forms also name the Soviet Union in old articles
    )


@cache
def _nationalities() -> dict[str, str]:
    """Each country's first nationality word in the gazetteer ("India" -> "Indian"), not a
    divided country's halves ("West German", which the gazetteer lists before "German")."""
    first: dict[str, str] = {}
    for form, place in places().items():
        # "Russian" is of the kind "soviet", kept apart for the Soviet Union before 1992
        if (place.kind == "demonym" and not form.endswith("s") and not form.startswith(HALVES)) or (
            place.kind == "soviet" and form.endswith("ian")
        ):
            first.setdefault(place.country, form)
    return first


def _nationality(country: str) -> str:
    """The word for `country`'s bodies ("Indian Foreign Ministry"), or its name when the
    gazetteer gives none."""
    return _nationalities().get(country, country)


def _place_at_start(words: str) -> str | None:
    """The longest head of `words` that names a country or a region ("Pakistan Today" ->
    "Pakistan"), by the place's own name."""
    parts = words.split(" ")
    for end in range(len(parts), 0, -1):
        head = _POSSESSIVE.sub("", " ".join(parts[:end]))  # "the Government of Pakistan’s agenda"
        if head in REGIONS or (head in places() and places()[head].country != "-"):
            return _place_name(head)
    return None


def _cut(text: str, start: int) -> bool:
    """Does a run of capitalised words at `start` go on to the left, inside a longer word or
    after initials ("D.I. Khan")?"""
    window = max(0, start - 16)  # a few initials and the space before them
    return start > 0 and (text[start - 1].isalnum() or bool(_INITIALS_BEFORE.search(text, window, start)))


def _station(words: list[str]) -> str | None:
    """The police station or town a lower-case "police" belongs to when the gazetteer does not
    list it ("Hazro police", "Gojra City police", "Kot Shakir police", "Saddar police"): the
    capitalised words before it from the first that news writes capitalised ("The police",
    "Traffic police" name none), after any owner ("Karachi’s Preedy police"). None for a day, a
    month, a nationality or a title ("Pakistani police", "the IG police")."""
    owners = [at for at, word in enumerate(words) if word.endswith(("’s", "'s"))]
    if owners:  # "Karachi’s Preedy police": Preedy's; "Tuesday’s police": none
        words = words[owners[-1] + 1 :]
    common = names.common_words()
    while words and (words[0].casefold() in common or words[0] in DAYS):
        words = words[1:]
    if not words or words[0] in demonyms() or words[0] in names.titles() or not words[0][0].isupper():
        return None
    return " ".join(words)


#: A unit of local government between a place's name and its body's word.
_UNIT_BEFORE = re.compile(r"(?<= )(district|city|region|county|municipal|provincial|metropolitan|capital) $")


#: A province's or a city's department named by its field in lower case ("the Sindh irrigation
#: department", "the Punjab wildlife department"): the body a labeller names in that form.
_PLACE_DEPARTMENT = re.compile(r"\b((?:[A-Z][a-z]+ )?[A-Z][a-z]+|[A-Z]{2,3}) ([a-z]+) department\b")
#: Lower-case words before "department" that are no field: "Punjab's own department".
_NOT_FIELDS = frozenset({"own", "the", "a", "new", "concerned", "relevant", "said", "same", "whole"})


#: Two places sharing one body's kind in the plural: "the Sindh and Lahore High Courts", "the
#: Punjab and Sindh governments", "the Balochistan and KP assemblies".
_SINGULAR_HEADS = {
    "high courts": "High Court",
    "assemblies": "Assembly",
    "governments": "government",
    "police": "police",
    "administrations": "administration",
}
_PLACES_SHARING_A_HEAD = re.compile(
    r"\b([A-Z][\w-]+(?: [A-Z][\w-]+)?) and ([A-Z][\w-]+(?: [A-Z][\w-]+)?) "
    r"(High Courts|[Aa]ssemblies|[Gg]overnments|police|administrations)\b"
)


def _place_in(words: str, towns: bool = False) -> str | None:
    """The longest tail of `words` that names a place ("the Punjab" -> "Punjab"); not a town the
    gazetteer knows only for datelines, whose name is more often a person's or a word's ("the
    Obama administration", "the Federal Government"), unless `towns` (a unit after the name
    says it is a place: "the Murmansk region administration")."""
    parts = words.split(" ")
    for start in range(len(parts)):
        tail = " ".join(parts[start:])
        place = places().get(tail)
        if tail in REGIONS or (
            place is not None and place.country != "-" and (towns or place.kind != "dateline")
        ):
            return tail
    return None


def _longest(text: str) -> list[tuple[int, tuple[str, Listed]]]:
    """Listed forms in `text` as whole words, longest first where two overlap."""
    hits = [
        (end, value)
        for end, value in _automaton().iter(text)
        if _whole(text, end - len(value[0]) + 1, end + 1)
    ]
    hits.sort(key=lambda hit: -len(hit[1][0]))
    taken: list[tuple[int, int]] = []
    kept = []
    for end, value in hits:
        start = end - len(value[0]) + 1
        if any(start <= other_end and other_start <= end for other_start, other_end in taken):
            continue
        taken.append((start, end))
        kept.append((end, value))
    return kept


def _bare_mention(text: str, start: int, end: int, kind: str) -> bool:
    """Is a bare form ("Labour", "Liverpool", "Forbes") the body at `text[start:end]`: a word
    standing alone, not part of a longer name ("Labour Day", "Liverpool Street", "Ministry of
    Labour", "Ms Forbes"; a nationality may come first: "Scottish Labour"), nor a party named
    as an adjective ("the Labour government"); a sentence's first word only before a verb that
    says the body acted ("Labour called", not "Labour laws"), unless it is a club; and a
    club's name only in an article about football ("Liverpool beat Arsenal", not "a ferry to
    Liverpool")?"""
    before = text[max(0, start - 40) : start].split()
    after = text[end : end + 40].split()
    following = after[0].strip('.,;:!?”"') if after else ""
    if kind == "party" and following in MEMBERS_OF:
        return True  # "Labour MP Nick Smith", wherever it stands
    if following[:1].isupper() or (kind == "party" and following in PARTYS_GOVERNMENT):
        return False
    if kind == "club" and not _about_football(text):
        return False
    initial = not before or text[:start].rstrip(" ").endswith(("\n", ".", "!", "?", ":", "“", '"'))
    if initial:  # "Labour leader Brendan Howlin has said", not "Labour laws" or "Labour leaders"
        led = kind == "party" and following in PARTY_POSTS and len(after) > 1 and after[1][:1].isupper()
        return kind == "club" or following in ACTS or led
    previous = before[-1]
    if kind == "company" and previous.lower() == "the":
        return False  # "the Emirates' capital"
    if previous == "of" or (previous in ("and", "&") and kind != "club"):
        return False  # "Ministry of Labour", "Employment and Labour"; but "Liverpool and Chelsea"
    return not previous[:1].isupper() or previous in demonyms()


@lru_cache(maxsize=1)
def _about_football(text: str) -> bool:
    """Does the article name a football competition or position? Asked once per article, not
    once per club it names."""
    return any(cue in text for cue in FOOTBALL)


#: What a seat of power names as a modifier, a place's or an office's: "on White House grounds",
#: "a White House news conference", "White House Press Secretary Sean Spicer", "Kremlin press
#: corps", "White House chief strategist", "the Kremlin spokesman", "a White House checkpoint"
#: (an office a person holds is not labelled, nor a place).
_SEAT_AS_MODIFIER = re.compile(
    r"\]? (?:[Pp]ress(?! [Ss]ervice)|news|grounds|lawn|briefing|dinner|[Cc]orrespondents?|communications"
    r"|event|[Ss]pokes(?:man|woman|person)|officials?|advis[eo]rs?|aides?|[Cc]hief|counsel|security"
    r"|checkpoint|fence|staff(?:ers?)?|rivalr(?:y|ies)|envoy|lawyers?|residence|gates?|physician)\b"
)


#: Who said it, not where: "according to the Air Accident Investigation Unit".
_SOURCE_BEFORE = re.compile(r"\baccording to (?:the )?$", re.IGNORECASE)


def _as_place(text: str, start: int) -> bool:
    """Is the name at `start` where something happens ("at the White House", "outside the
    Kremlin"), not who acts ("the White House said")?"""
    window = text[max(0, start - 24) : start]
    return bool(_PLACE_BEFORE.search(window)) and not _SOURCE_BEFORE.search(window)


def is_credit(text: str, start: int, end: int) -> bool:
    """Whether `text[start:end]` is a news agency's credit, not a mention: "(APP)", "KARACHI
    (Reuters) -", "MOSCOW, March 30. /TASS/", or "— AFP" at the end."""
    if (text[start - 1 : start], text[end : end + 1]) in (("(", ")"), ("/", "/")):
        return True
    if _CREDIT_BEFORE.search(text, max(0, start - _CREDIT_REACH), start):
        return True
    if text[end : end + 1] == ")" and text[max(0, start - 3) : start].rstrip().endswith(("-", "–", "—")):
        return True  # an editor's note: "(between Damascus and its neighbours - TASS)"
    if text[max(0, start - 2) : start].rstrip().endswith("(") and _EDITION_AFTER.match(text, end):
        return True  # "(China Daily European Weekly 01/13/2017 page16)", "( China Daily ..."
    if text.startswith(" (", end) and _EDITION_AFTER.match(text, end + 2):
        return True  # a photograph's agency before the edition's credit: "Xinhua (China Daily ... page25)"
    if text[max(0, start - 3) : start] == "By ":
        return True  # a byline: "By BBC Scotland political reporter Philip Sim"
    opened, closed = text.rfind("(", max(0, start - 40), start), text.find(")", end, end + 40)
    if opened >= 0 and closed >= 0 and _CREDITS.fullmatch(text[opened + 1 : closed]):
        # "hg/nz (dpa, AFP)" closing the text or a paragraph: the agencies that supplied it
        after = text[closed + 1 :].lstrip(" -–—")
        return not after or after[:1] == "\n"
    if _CONTRIBUTED.match(text, end):
        return True  # "ABC News' Jordyn Phelps contributed to this report."
    if len(text) - end > 3 or text[end:].strip(" .\n"):  # only the last words can be a sign-off
        return False
    return text[max(0, start - 3) : start].rstrip().endswith(("—", "-", "–"))


#: An outlet's own lines around a story, inviting the reader: "Do you have information you want
#: to share with the Huffington Post?", "Watch ... on BBC Two", "Please include a contact number
#: if you are willing to speak to a BBC journalist", "Chris Peterson is managing editor of China
#: Daily European Bureau", "Lu Yao / For China Daily".
_PROMOTION = re.compile(
    r"(?:\bshare (?:it )?with|\b(?:[Ww]atch|[Ll]isten|[Ff]ollow)\b.*\bon\b.*|\bsubscribe to|"
    r"\bsign up|\bcontact (?:number|us)\b.*|\bis (?:\w+ )?(?:editor|correspondent|reporter|writer|columnist) "
    r"(?:of|for|at)|/ [Ff]or) (?:the )?$"
)


def _promoted(text: str, start: int) -> bool:
    """Is the outlet at `start` named in one of its own lines inviting the reader or crediting
    its writer (`_PROMOTION`), not as a source of the story?"""
    if not _PROMOTION_TAIL.search(text, max(0, start - 12), start):
        return False  # the words right before the name end no such line: the cheap test first
    low = max(0, start - 200)
    opens = max(text.rfind(". ", low, start), text.rfind("\n", low, start), text.rfind("? ", low, start), low)
    window = text[opens:start]
    return any(word in window for word in _PROMOTION_WORDS) and bool(_PROMOTION.search(window))


#: How every line `_PROMOTION` matches ends, right before the outlet's name.
_PROMOTION_TAIL = re.compile(r"(?:with|on|to|up|number|us|of|for|at|and|,|/|For|a) (?:the )?$")
#: Words one of which every line `_PROMOTION` matches holds: tested next, being far cheaper.
_PROMOTION_WORDS = (
    *("share", "atch", "isten", "ollow", "ubscribe", "ign up", "ontact", "/ "),
    *("editor", "correspondent", "reporter", "writer", "columnist"),
)


#: Officers' ranks written before the force they command ("IG Islamabad Police Ali Nasir Rizvi").
POLICE_RANKS = frozenset(
    {"IG", "IGP", "DIG", "AIG", "SSP", "SP", "ASP", "DSP", "DPO", "CPO", "CCPO", "RPO", "SHO"}
)
#: A company's officers written by their initials before its name: "CEO Bank of Khyber".
EXECUTIVES = frozenset({"CEO", "CFO", "COO", "CTO", "MD"})


def _may_lead(word: str) -> bool:
    """Can `word` open a body's name? Not a possessive ("Pakistan's Ministry of ..."), a police
    officer's rank ("IG Islamabad Police"), an executive's initials ("CEO Bank of Khyber") or a
    hyphenated modifier ("US-based National Hockey
    League", "Five-day World Economic Forum")."""
    return (
        (word in NAME_POSSESSIVES or not word.endswith(("’s", "'s")))
        and word not in POLICE_RANKS
        and word not in EXECUTIVES
        and not HYPHENATED_MODIFIER.search(word)
        and len(_INNER_CAPS.findall(word)) < 2
    )


def _and_more(words: list[str], at: int) -> bool:
    """Whether `words[at]` is "and" joining the capitalised words of one body's field, not two
    bodies: "of Computer and Emerging Sciences", not "of Pakistan and Ministry of Finance"."""
    if at + 1 >= len(words) or words[at] not in ("and", "&") or not words[at + 1][:1].isupper():
        return False
    rest = words[at + 1 :]
    run = rest[: next((n for n, word in enumerate(rest) if not word[:1].isupper()), len(rest))]
    place = _POSSESSIVE.sub("", " ".join(run))
    if place == _place_in(place):
        return False  # "of Pakistan and Punjab", "of ... Congress and China's": two places, not one field
    if any(word in ROLES for word in run):
        return False  # "the Ministry of Interior and Law Minister Tarar": a person's office follows
    if run[0] in names.titles() and len(run) > 1 or _person_starts(run, 0):
        return False  # "the Caucus on Special Children and Sardar Ahmed Khan": a person follows
    last = run[-1].rstrip("’'")
    # "Film and Television Arts", not "and Ministry (of)", "and State Administration of ..."
    return last not in HEADS and last != "Administration"


#: Posts a body's name may come right before ("Belfast City Council Chief Executive ...").
POSTS = frozenset({"Chief", "Secretary", "Chairman", "Chairperson", "Director", "Spokesman", "Spokesperson"})


#: Words of a state's own name: "of the Islamic Emirate of Afghanistan", "of the United States".
STATES = frozenset({"Republic", "Kingdom", "Emirate", "Emirates", "State", "States", "Union"})


def _of_the_more(words: list[str], at: int) -> bool:
    """Does "of the" or "for the" at `at` go on with more of the same name ("Commission on the
    Limits of the Continental Shelf"), not name another body, a place or a post after it ("of
    the University of Karachi", "of the People's Republic of China", "of the Secretary General")?"""
    if at + 2 >= len(words) or words[at] not in ("of", "for") or words[at + 1] != "the":
        return False
    more = list(takewhile(lambda word: word[:1].isupper(), words[at + 2 :]))
    return (
        bool(more)
        and not STATES.intersection(more)
        and not any(
            word.rstrip("’'") in HEADS or _POSSESSIVE.search(word) or word in ROLES or word in titles()
            for word in more
        )
        and not _place_in(" ".join(more))
    )


def _post_starts(words: list[str], at: int) -> bool:
    """Does a post held in the body start at `at`, a title before a capitalised word
    ("Belfast City Council Chief Executive Suzanne Wylie", "Higher Education Department
    Secretary Dr Farrukh Naveed") or closing the run ("Kazakhstan's Foreign Ministry Spokesman,
    Anuar Zhainakov")?"""
    return words[at] in POSTS and (at + 1 == len(words) or words[at + 1][:1].isupper())


#: Words that open a post with its rank ("Joint Education Advisor", "Additional Secretary").
POST_RANKS = frozenset(
    {"Joint", "Additional", "Deputy", "Assistant", "Special", "Senior", "Principal", "General"}
)
#: The posts a rank opens: `POSTS` and advisers and officers.
RANKED_POSTS = POSTS | {"Advisor", "Adviser", "Officer"}


def _ranked_post_starts(words: list[str], at: int) -> bool:
    """Does a ranked post start at `at`: a rank, then its post within three words ("Ministry of
    Education Joint Education Advisor", "Ministry of Finance Additional Secretary")?"""
    return words[at] in POST_RANKS and any(word in RANKED_POSTS for word in words[at + 1 : at + 4])


def _person_starts(words: list[str], at: int) -> bool:
    """Do a known given name and another capitalised word start at `at` (a person's name)?"""
    return (
        at + 1 < len(words)
        and words[at] in names.given_names()
        and words[at + 1][:1].isupper()
        and words[at] not in HEADS
    )


def _whole(text: str, start: int, end: int) -> bool:
    """Is `text[start:end]` whole words: not part of a longer word, nor of a hyphenated one
    unless a participle follows ("Microsoft-backed")?"""
    before = text[start - 1] if start > 0 else " "
    after = text[end] if end < len(text) else " "
    if after == "-" and _MENTIONING_MODIFIER.match(text, end):
        after = " "
    return not (before.isalnum() or before in "-’'") and not (after.isalnum() or after in "-")


#: Matches a format names, not a body: "One-Day International", "T20 International" (a
#: hyphenated word by its last part).
_FORMATS = frozenset({"Day", "T20", "Twenty20", "Test", "T20I", "One"})


def _event_or_field(name: str) -> bool:
    """Is a name ending in "International" a place's tournament or airport ("Sydney
    International", "Changi International"), a match's format ("One-Day International") or a
    field ("Long-Distance and International"), not a body ("Nutrition International")?"""
    words = name.split()
    if words[-1] != "International" or len(words) < 2:
        return False
    before = " ".join(words[:-1])
    return (
        before in places()
        or before in REGIONS
        or words[-2] in ("and", "&")
        or words[-2].split("-")[-1] in _FORMATS
    )


def _place_headed(name: str) -> bool:
    """Is `name` headed by a word of a place where things happen ("Lady Reading Hospital"),
    its town after it or not ("Services Hospital Lahore")?"""
    words = name.split()
    return words[-1] in PLACE_HEADS or any(
        len(words) > size and words[-size - 1] in PLACE_HEADS and " ".join(words[-size:]) in places()
        for size in (1, 2)
    )


def _closes(words: list[str], at: int) -> bool:
    """Does the company's trade word at `at` close a name: last in the run (a day may follow:
    "BFM TV on Monday"), or before "and" after a name that is not a place's ("AKD Securities
    and ...", not "US Securities and Exchange Commission", whose field goes on)?"""
    if all(word in DAYS or word in JOINERS for word in words[at + 1 :]):
        return True  # last in the run, or only "on Monday" after it
    return (
        words[at + 1] in ("and", "&")
        and at > 0
        and words[at - 1][:1].isupper()
        and words[at - 1] not in NOT_NAME
        and not _place_in(words[at - 1])
    )


#: Head words of institutions whose town may close their name: "Trinity College Dublin".
TOWN_NAMED = frozenset({"University", "College", "School", "Hospital", "Institute", "Academy"})


def _town_after(words: list[str], head: str, at: int) -> int:
    """How many words after an institution's head word name its town and end the run
    ("Services Hospital Lahore", "King's College London"): 0 when none do."""
    if head not in TOWN_NAMED:
        return 0
    for size in (2, 1):
        if at + size > len(words):
            continue
        town = places().get(" ".join(words[at : at + size]))
        closes = at + size == len(words) or words[at + size] in ("and", "&")
        if closes and town is not None and town.country != "-":
            return size if town.kind in ("city", "capital", "dateline") else 0
    return 0


#: Legal forms that close a company's name as a trade word does ("China Railway Corp").
CLOSING_FORMS = frozenset({"Corp", "Co"})
#: Words that say what a company does or owns, between its own name and its legal form
#: ("Huawei Technologies Co", "Toyota Motor Corp", "Tencent Holdings Ltd").
TRADE_WORDS = frozenset(
    {"Group", "Holding", "Holdings", "Technology", "Technologies", "Motor", "Motors", "Electric"}
    | {"Electronics", "International", "Pakistan", "Company", "Corporation", "Pvt", "Private"}
)


def _cut_company(name: str) -> bool:
    """Is `name` a company's name cut from its first words, ordinary words and a legal form
    ("Motors Co" of "General Motors Co", "Technology Co" of "Qihoo 360 Technology Co")?"""
    *words, form = name.split()
    return form in CLOSING_FORMS and all(
        word.casefold() in names.common_words() or word in TRADE_WORDS for word in words
    )


def _names_in(run: str) -> list[tuple[int, str]]:
    """Organisation names inside one run of capitalised words, with their offsets."""
    words = run.split(" ")
    for k, word in enumerate(words):
        glued = HYPHENATED_MODIFIER.search(word)
        if glued and word[: glued.start()] in HEADS:  # "Cork County Council-workers", "Council-led"
            words = [*words[:k], word[: glued.start()]]
            break
        head, dash, place = word.partition("-")
        if (
            dash
            and place[:1].isupper()
            and (head in GLUED_LEGAL_FORMS or (head in HEADS and _place_in(place)))
        ):
            words = [*words[:k], head]  # "... Generation Company Ltd-Muzaffargarh": the plant's town
            break
    offsets = [0]
    for word in words[:-1]:
        offsets.append(offsets[-1] + len(word) + 1)
    names: list[tuple[int, str]] = []
    index = 0
    while index < len(words):
        # "the Senate Intelligence Committee's inquiry", "Libyan Armed Forces’ Commander"
        owns = bool(_POSSESSIVE.search(words[index])) or words[index].endswith(("s’", "s'"))
        word = _POSSESSIVE.sub("", words[index]).rstrip("’'")
        medical = word == MEDICAL_COMPLEX and index > 0 and words[index - 1] in MEDICAL_KINDS
        if word not in HEADS and not medical and not (word in CLOSING_HEADS and _closes(words, index)):
            index += 1
            continue
        start = index
        while start > 0:
            before = words[start - 1]
            office = before in OFFICE_TITLES and any(
                word in OFFICE_POSSESSIVES for word in words[start:index]
            )
            if before[:1].isupper() and (before not in NOT_NAME or office) and _may_lead(before):
                start -= 1
            elif (
                words[start - 1] in ("and", "&")
                and not (
                    words[start - 1] == "and" and word in CLOSING_HEADS
                )  # "Home Depot and Koch Industries"
                and start > 1
                and words[start - 2][:1].isupper()
                and (start < 3 or words[start - 3] not in JOINERS)  # not "Board of Revenue and Lahore ..."
                and words[start - 2].rstrip("’'") not in HEADS  # not "Planning Commission and Pakistan ..."
                and not (words[start - 2] in CLOSING_HEADS and _closes(words, start - 2))  # "AKD Securities"
                and not _ends_listed(words[: start - 1])  # not "SDPI and ...", "White House and ..."
                and " ".join(words[start : index + 1]) not in listed()  # not "... and Pakistan Army"
                and words[start - 2] not in surnames()  # not "Dr Farrukh Naveed and District ..."
                and not (start == index and word in GENERAL_HEADS)  # "Customs and Directorate General of ..."
                and not _place_in(" ".join(words[: start - 1]))  # not "United Kingdom and European Union"
            ):
                start -= 1  # "Securities and Exchange Commission": the capital before it is taken next
            else:
                break
        if words[start] in ("and", "&"):
            start += 1
        end = index + 1
        if not owns and word in GENERAL_HEADS and end < len(words) and words[end] == "General":
            end += 1  # "Directorate General of Special Education": "General" is the head's
        town = 0 if owns else _town_after(words, word, end)
        if (
            town
            and (
                " ".join(words[start:end]) in listed()  # "Aga Khan University Karachi" is the listed body
                or any(word in titles() for word in words[start:end])  # "Vice Chancellor X University Lahore"
            )
        ):
            town = 0
        if town:
            end += town  # "University College Dublin": the body's town closes its name
        elif (
            not owns
            and end < len(words)
            and words[end][:1].isupper()
            and not _person_starts(words, end)
            and not _post_starts(words, end)
        ):
            index += 1  # "Extended Fund Facility": the name goes on past the head word
            continue
        while end > start + 1 and words[end - 1] in DAYS:
            end -= 1  # "the Committee on Railways Friday"
        if (
            not owns
            and end + 1 < len(words)
            and words[end] in ("of", "for", "on")
            and words[end + 1] not in DAYS
        ):
            stop = end + 1
            if words[stop] == "the" and stop + 1 < len(words):
                stop += 1
            while stop < len(words) and words[stop][:1].isupper():
                if stop > end + 1 and (
                    _person_starts(words, stop)
                    or _post_starts(words, stop)
                    or _ranked_post_starts(words, stop)
                ):
                    # "Ministry of Human Rights Abdul Khaliq Shaikh", "Ministry of Education Joint
                    # Education Advisor": a person or a post after the body
                    break
                stop += 1
                if stop + 1 < len(words) and words[stop] in ("of", "for") and words[stop + 1][:1].isupper():
                    # "Committee on Problems of Less Developed Areas", "Centre of Excellence for ..."
                    stop += 1
                elif _of_the_more(words, stop):
                    stop += 2  # "Commission on the Limits of the Continental Shelf"
                if words[stop - 1].endswith(("’s", "'s")) and words[stop - 1] not in NAME_POSSESSIVES:
                    break  # "Department of Agriculture's Rural Development section", not "People's"
                if _and_more(words, stop):
                    stop += 1  # "Institute of Democracy and Transparency"
            of = words[end + 1 : stop]
            whole = " ".join(words[index:stop])  # "Department of Homeland Security" is one body
            if names_a_body(" ".join(of).removeprefix("the ")) and whole not in listed():
                stop = end  # "Sajna Group of the Tehreek-i-Taliban Pakistan": two bodies
            while stop > end + 2 and words[stop - 1] in DAYS:
                stop -= 1  # "the District and Sessions Court of Islamabad Thursday"
            if stop > end + 1 and words[stop - 1][:1].isupper():
                end = stop
        name = " ".join(words[start:end]).removesuffix("’s").removesuffix("'s").rstrip("’'")
        body = " ".join(words[start : end - town]) if town else name  # without its town
        if is_organisation(body) and name.split()[-1] not in JOINERS and not _cut_company(name):
            if _owned_generically(name) and (owned := _owner_words(words[:start])):
                start -= owned  # "Kazakhstan's Foreign Ministry": Kazakhstan's, not the home country's
                name = f"{' '.join(words[start : start + owned])} {name}"
            names.append((offsets[start], name))
        index = max(end, index + 1)
    return names
