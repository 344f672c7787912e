"""What a person typed -> the engine-neutral query tree, never an exception.

The grammar (docs/query-syntax.md) is the one the page, the JSON API and the command line
share. Precedence, loosest first: juxtaposition or `AND`, then `OR` / `|`, then `-` / `NOT`,
then a field prefix, a phrase, a word or a parenthesised group. So `imran OR nawaz khan`
reads `(imran OR nawaz) AND khan`, the way web search engines read it.

Whatever cannot be read as written is read the nearest sensible way and explained in a
notice: an unclosed quote runs to the end, an unknown field is searched as words, a lone
operator is ignored, very long input is cut, and words with `*` or `~` beyond
`MAX_EXPANDED_TERMS` are left out (each stands for dozens of index terms).
"""

from __future__ import annotations

import calendar
import datetime as dt
import itertools
import math
import re
import unicodedata
from dataclasses import dataclass, field

from search import ranking
from search.analysis import STOP_WORDS, normalize_punctuation, tokens
from search.budget import MAX_EXPANDED_TERMS
from search.query import FIELDS, TEXT, And, DateRange, Node, Not, Or, Phrase, Soft, Term

#: Field prefixes people type, beyond the query tree's own names.
ALIASES: dict[str, str] = {
    "headline": "title",
    "people": "person",
    "author": "byline",
    "topics": "topic",
    "countries": "country",
    "org": "organisation",
    "orgs": "organisation",
    "organisations": "organisation",
    "organization": "organisation",
    "organizations": "organisation",
}
DATE_FIELD = "date"
#: Plain words from which a query is read softly (most of the words, not all); shorter
#: queries keep "all the words", as do quoted phrases and an explicit AND (docs/search.md).
SOFT_FROM = 3
MIN_PREFIX = 2  # characters before a trailing `*`
MAX_RELAX_BRANCHES = 32

_FIELD = re.compile(r"([A-Za-z]+):(?=\S)")
_FUZZY = re.compile(r"~\d*$")
_PROXIMITY = re.compile(r"~\d*")
_DATE = re.compile(r"(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?$")
_RANGE = re.compile(r"\[\s*(\S+)\s+TO\s+(\S+?)\s*\]?$", re.IGNORECASE)
_STOPS = frozenset(' \t\n\r\f\v()"|')


@dataclass(frozen=True)
class ParsedQuery:
    """The tree (None when nothing searchable is left), what was guessed, and the
    positive words a snippet should mark. `text` is the cleaned input that was read;
    `strict` says the person asked for every word (an explicit AND)."""

    node: Node | None
    notices: tuple[str, ...] = ()
    terms: tuple[str, ...] = ()
    text: str = ""
    strict: bool = False


def parse(text: str | bytes, *, max_length: int = 1000, max_terms: int = 64) -> ParsedQuery:
    """Read a query; every problem becomes a notice and a best-effort reading."""
    notices: list[str] = []
    clean = _clean(text, max_length, notices)
    reader = _Reader(_lex(clean, notices), notices, max_terms)
    node = reader.query()
    if reader.dropped:
        shown = ", ".join(f"'{_show(w)}'" for w in reader.dropped[:10])
        more = f" and {len(reader.dropped) - 10} more" if len(reader.dropped) > 10 else ""
        notices.append(
            f"Only {MAX_EXPANDED_TERMS} words with * or ~ are searched at once; "
            f"these were left out: {shown}{more}."
        )
    marks = tuple(dict.fromkeys(reader.marks))
    return ParsedQuery(node, tuple(dict.fromkeys(notices)), marks, clean, reader.strict)


def soften(parsed: ParsedQuery) -> Node | None:
    """The query as ranking reads it: the plain words of a query of `SOFT_FROM` or more become
    a `Soft` node (an article may lack some; holding more, and rarer, ranks higher), while
    quoted phrases, fielded words, `*` and `~` words, exclusions and dates stay required.
    Queries with an explicit AND, and shorter ones, are left as typed."""
    node = parsed.node
    if not isinstance(node, And) or parsed.strict or not ranking.enabled("soft"):
        return node
    loose = [c for c in node.children if isinstance(c, Term) and _plain(c)]
    if len(loose) < SOFT_FROM:
        return node
    fixed = [c for c in node.children if c not in loose]
    return _conjoin([*fixed, Soft(tuple(loose), quorum(len(loose)))])


def quorum(words: int) -> int:
    """How many of a soft query's words an article must hold: half, rounded up."""
    return max(1, math.ceil(words / 2))


def relax(node: Node) -> Node | None:
    """The same query where a few of its words may be missing: "all of these words" becomes
    "most of them", for when all of them together match little.

    Words and phrases of the top-level conjunction become optional beyond a quorum (all but
    a third, at least one missing), spelled with the existing nodes as an OR of the
    conjunctions of each quorum-sized subset; exclusions, dates, fielded terms and `*` and
    `~` words stay required (an expanded word repeated in every subset would multiply the
    costliest part of the query). Returns None when there is nothing to relax (fewer than
    two plain words)."""
    if not isinstance(node, And):
        return None
    loose = [c for c in node.children if _plain(c)]
    fixed = [c for c in node.children if c not in loose]
    if len(loose) < 2:
        return None
    quorum = len(loose) - max(1, len(loose) // 3)
    if math.comb(len(loose), quorum) > MAX_RELAX_BRANCHES:
        quorum = 1
    branches = [_conjoin(list(subset)) for subset in itertools.combinations(loose, quorum)]
    return _conjoin(fixed + [Or(tuple(branches))])


def _plain(node: Node) -> bool:
    """An unfielded word or phrase, neither a prefix nor fuzzy."""
    if isinstance(node, Term):
        return node.field == TEXT and not (node.prefix or node.fuzzy)
    return isinstance(node, Phrase) and node.field == TEXT


# -- cleaning ---------------------------------------------------------------------------


def _clean(text: str | bytes, max_length: int, notices: list[str]) -> str:
    """Valid, printable text of at most `max_length` characters, cut at a space."""
    if isinstance(text, bytes):
        decoded = text[: max_length * 4].decode("utf-8", errors="replace")
        if "\ufffd" in decoded:
            notices.append("Some bytes of the query were not valid UTF-8 and were skipped.")
        text = decoded.replace("\ufffd", " ")
    too_long = len(text) > max_length
    kept = []
    dropped = False
    for char in text[: max_length * 2]:  # no need to look at what will be cut anyway
        category = unicodedata.category(char)
        if category in ("Cs", "Co", "Cn") or char == "\ufffd":
            dropped = True
        elif category == "Cc":
            kept.append(" ")
            dropped = dropped or not char.isspace()
        elif category != "Cf":  # soft hyphens and zero-width marks vanish silently
            kept.append(char)
    if dropped:
        notices.append("Control characters and invalid text in the query were ignored.")
    text = normalize_punctuation("".join(kept)).strip()
    if too_long or len(text) > max_length:
        cut = text.rfind(" ", 0, max_length + 1)
        text = text[: cut if cut > max_length // 2 else max_length].rstrip()
        notices.append(f"The query was too long; only its first {max_length} characters were used.")
    return text


# -- lexing -----------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Lexeme:
    """One piece of query text: an operator, a bracket, a word chunk or a phrase."""

    kind: str  # "(" ")" "AND" "OR" "NOT" "-" "word" "phrase" "range"
    value: str = ""
    field: str | None = None
    raw_field: str | None = None


def _lex(text: str, notices: list[str]) -> list[_Lexeme]:
    out: list[_Lexeme] = []
    i, n = 0, len(text)
    while i < n:
        char = text[i]
        if char.isspace():
            i += 1
        elif char in "()":
            out.append(_Lexeme(char))
            i += 1
        elif char == "|":
            out.append(_Lexeme("OR"))
            i += 1
        elif char == '"':
            value, i = _phrase(text, i, notices)
            out.append(_Lexeme("phrase", value))
        elif (
            char == "-"
            and i + 1 < n
            and not text[i + 1].isspace()
            and text[i + 1] != "-"
            and (i == 0 or text[i - 1].isspace() or text[i - 1] in "(|")
        ):
            out.append(_Lexeme("-"))
            i += 1
        else:
            i = _chunk(text, i, out, notices)
    return out


def _phrase(text: str, i: int, notices: list[str]) -> tuple[str, int]:
    """The phrase opening at `text[i]`; an unclosed one runs to the end of the query."""
    end = text.find('"', i + 1)
    if end < 0:
        notices.append("A quote was not closed; the phrase was read to the end of the query.")
        return text[i + 1 :], len(text)
    proximity = _PROXIMITY.match(text, end + 1)
    return text[i + 1 : end], proximity.end() if proximity else end + 1


def _chunk(text: str, i: int, out: list[_Lexeme], notices: list[str]) -> int:
    """A word, an operator or a `field:value`, starting at `text[i]`; returns where it ends."""
    prefix = _FIELD.match(text, i)
    if prefix:
        raw = prefix.group(1)
        name = ALIASES.get(raw.lower(), raw.lower())
        j = prefix.end()
        if name == DATE_FIELD or (name in FIELDS and name != TEXT):
            if name == DATE_FIELD and text[j] == "[":
                end = text.find("]", j)
                stop = len(text) if end < 0 else end + 1
                if end < 0:
                    notices.append("A date range was not closed with ']'; it was read to the end.")
                out.append(_Lexeme("range", text[j:stop]))
                return stop
            if text[j] == '"':
                value, stop = _phrase(text, j, notices)
                out.append(_Lexeme("phrase", value, name, raw))
                return stop
            if text[j] == "(" and name != DATE_FIELD:
                out.append(_Lexeme("(", field=name, raw_field=raw))
                return j + 1
            stop = _word_end(text, j)
            if stop == j:
                notices.append(f"'{_show(raw)}:' was followed by nothing to search for and was ignored.")
                return j
            out.append(_Lexeme("word", text[j:stop], name, raw))
            return stop
        notices.append(f"There is no field '{_show(raw)}:'; it was searched as ordinary words.")
        out.append(_Lexeme("word", raw))
        return j
    stop = _word_end(text, i)
    if stop == i:  # a lone "-" or similar; consume it as a word so the reader can decide
        stop = i + 1
    word = text[i:stop]
    out.append(_Lexeme(word) if word in ("AND", "OR", "NOT", "&&") else _Lexeme("word", word))
    if word == "&&":
        out[-1] = _Lexeme("AND")
    return stop


def _word_end(text: str, i: int) -> int:
    j = i
    while j < len(text) and text[j] not in _STOPS:
        j += 1
    return j


# -- reading ----------------------------------------------------------------------------


@dataclass
class _Reader:
    """A recursive-descent reader over lexemes that repairs instead of failing."""

    lexemes: list[_Lexeme]
    notices: list[str]
    max_terms: int
    pos: int = 0
    depth: int = 0
    used: int = 0
    marks: list[str] = field(default_factory=list)
    keep_stops: bool = False
    expanded: int = 0
    #: `*` and `~` words beyond `MAX_EXPANDED_TERMS`, as typed.
    dropped: list[str] = field(default_factory=list)
    #: An explicit AND was typed: every word is wanted.
    strict: bool = False

    def __post_init__(self) -> None:
        words = [
            t.text for lx in self.lexemes if lx.kind == "word" and lx.field is None for t in tokens(lx.value)
        ]
        self.keep_stops = bool(words) and all(w in STOP_WORDS for w in words)

    def peek(self) -> _Lexeme | None:
        return self.lexemes[self.pos] if self.pos < len(self.lexemes) else None

    def query(self) -> Node | None:
        node = self.conjunction(field=None, positive=True)
        while self.pos < len(self.lexemes):  # a stray ")" stopped the conjunction
            self.pos += 1
            self.notices.append("A closing parenthesis had no opening one and was ignored.")
            more = self.conjunction(field=None, positive=True)
            parts = [n for n in (node, more) if n is not None]
            node = _conjoin(parts) if parts else None
        return node

    def conjunction(self, field: str | None, positive: bool) -> Node | None:
        parts: list[Node] = []
        while (lx := self.peek()) is not None and lx.kind != ")":
            if lx.kind == "AND":
                self.pos += 1
                self.strict = True
                nxt = self.peek()
                if not parts or nxt is None or nxt.kind in (")", "AND", "OR"):
                    self.notices.append("'AND' needs a word on each side; it was ignored.")
                continue
            if lx.kind == "OR":
                self.pos += 1
                self.notices.append("'OR' needs a word on each side; it was ignored.")
                continue
            node = self.disjunction(field, positive)
            if node is not None:
                parts.append(node)
        return _conjoin(parts) if parts else None

    def disjunction(self, field: str | None, positive: bool) -> Node | None:
        options = [self.unary(field, positive)]
        while (lx := self.peek()) is not None and lx.kind == "OR":
            self.pos += 1
            nxt = self.peek()
            if nxt is None or nxt.kind in (")", "OR", "AND"):
                self.notices.append("'OR' needs a word on each side; it was ignored.")
                break
            options.append(self.unary(field, positive))
        kept = [o for o in options if o is not None]
        if not kept:
            return None
        if len(kept) == 1:
            return kept[0]
        flat: list[Node] = []
        for option in kept:
            flat.extend(option.children if isinstance(option, Or) else (option,))
        return Or(tuple(dict.fromkeys(flat)))

    def unary(self, field: str | None, positive: bool) -> Node | None:
        lx = self.peek()
        if lx is not None and lx.kind in ("-", "NOT"):
            self.pos += 1
            nxt = self.peek()
            if nxt is None or nxt.kind in (")", "AND", "OR"):
                self.notices.append(
                    f"'{'-' if lx.kind == '-' else 'NOT'}' needs something to exclude; it was ignored."
                )
                return None
            child = self.unary(field, not positive)
            if isinstance(child, Not):
                return child.child
            return Not(child) if child is not None else None
        return self.primary(field, positive)

    def primary(self, field: str | None, positive: bool) -> Node | None:
        lx = self.peek()
        if lx is None:
            return None
        self.pos += 1
        if lx.kind == "(":
            if self.depth >= 20:
                self.notices.append("Parentheses were nested too deeply; the inner ones were ignored.")
                return None
            self.depth += 1
            node = self.conjunction(lx.field or field, positive)
            self.depth -= 1
            if self.peek() is None:
                self.notices.append("A parenthesis was not closed; it was closed at the end of the query.")
            else:
                self.pos += 1
            return node
        if lx.kind == "phrase":
            return self.phrase(lx.value, lx.field or field, positive)
        if lx.kind == "range":
            return self.date_range(lx.value)
        if lx.kind == "word":
            if lx.field == DATE_FIELD:
                return self.date(lx.value)
            return self.word(lx.value, lx.field or field, positive)
        return None  # operators are handled by the callers

    def take(self, count: int) -> bool:
        """Count words against `max_terms`; False once the budget is spent."""
        if self.used + count > self.max_terms:
            self.notices.append(f"The query had more than {self.max_terms} words; the rest were ignored.")
            return False
        self.used += count
        return True

    def mark(self, words: list[str], positive: bool) -> None:
        if positive:
            self.marks.extend(words)

    def phrase(self, value: str, field: str | None, positive: bool) -> Node | None:
        words = [t.text for t in tokens(value)]
        if not words or not self.take(len(words)):
            return None
        self.mark(words, positive)
        if len(words) == 1:
            return Term(words[0], field or TEXT)
        return Phrase(tuple(words), field or TEXT)

    def word(self, value: str, field: str | None, positive: bool) -> Node | None:
        typed = value
        fuzzy = bool(_FUZZY.search(value))
        value = _FUZZY.sub("", value)
        prefix = value.endswith("*")
        value = value.rstrip("*")
        words = [t.text for t in tokens(value)]
        if not words:
            if prefix:
                self.notices.append("'*' needs at least two letters before it; it was ignored.")
            elif value and not value.strip("-+!&~^"):
                self.notices.append(f"'{_show(value)}' on its own has nothing to act on; it was ignored.")
            return None
        if prefix and len(words[-1]) < MIN_PREFIX:
            self.notices.append(
                f"'{_show(value)}*' is too short for a prefix search; it was searched as a word."
            )
            prefix = False
        if field is None and not self.keep_stops and not prefix and not fuzzy:
            words = [w for w in words if w not in STOP_WORDS]
        if (prefix or fuzzy) and self.expanded >= MAX_EXPANDED_TERMS:
            self.dropped.append(typed)
            return None
        if not words or not self.take(len(words)):
            return None
        self.expanded += prefix or fuzzy
        self.mark([w + "*" if prefix and i == len(words) - 1 else w for i, w in enumerate(words)], positive)
        target = field or TEXT
        if len(words) > 1 and not prefix and not fuzzy:  # "al-Qaeda", "covid-19": adjacent words
            return Phrase(tuple(words), target)
        last = len(words) - 1
        return _conjoin(
            [Term(w, target, prefix=prefix and i == last, fuzzy=fuzzy) for i, w in enumerate(words)]
        )

    def date(self, value: str) -> Node | None:
        span = _period(value)
        if span is None:
            self.notices.append(
                f"'date:{_show(value)}' is not a date like 2019, 2019-11 or 2019-11-20; it was ignored."
            )
            return None
        return DateRange(*span)

    def date_range(self, value: str) -> Node | None:
        match = _RANGE.match(value.strip())
        if not match:
            self.notices.append(
                f"'date:{_show(value)}' is not a range like [2019-01 TO 2019-06]; it was ignored."
            )
            return None
        start = None if match.group(1) == "*" else _period(match.group(1))
        end = None if match.group(2) == "*" else _period(match.group(2))
        if (match.group(1) != "*" and start is None) or (match.group(2) != "*" and end is None):
            self.notices.append(f"'date:{_show(value)}' has a date that could not be read; it was ignored.")
            return None
        low = start[0] if start else None
        high = end[1] if end else None
        if low and high and low > high:
            self.notices.append("The date range ran backwards; its ends were swapped.")
            low, high = (end[0] if end else None), (start[1] if start else None)
        if low is None and high is None:
            return None
        return DateRange(low, high)


def _show(value: str, limit: int = 30) -> str:
    """User text quoted in a notice, shortened so a notice stays one line."""
    return value if len(value) <= limit else value[: limit - 1] + "\u2026"


def _period(value: str) -> tuple[dt.date, dt.date] | None:
    """The first and last day of `2019`, `2019-11` or `2019-11-20`; None when not a date."""
    match = _DATE.match(value)
    if not match:
        return None
    year = int(match.group(1))
    month = int(match.group(2)) if match.group(2) else None
    day = int(match.group(3)) if match.group(3) else None
    try:
        if month is None:
            return dt.date(year, 1, 1), dt.date(year, 12, 31)
        if day is None:
            return dt.date(year, month, 1), dt.date(year, month, calendar.monthrange(year, month)[1])
        return dt.date(year, month, day), dt.date(year, month, day)
    except ValueError:
        return None


def _conjoin(parts: list[Node]) -> Node:
    flat: list[Node] = []
    for part in parts:
        flat.extend(part.children if isinstance(part, And) else (part,))
    unique = tuple(dict.fromkeys(flat))
    return unique[0] if len(unique) == 1 else And(unique)
