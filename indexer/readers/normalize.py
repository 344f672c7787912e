"""Text normalisation shared by every reader: bytes to clean Unicode paragraphs.

Archives arrive as UTF-8, UTF-8 with a BOM, cp1252 or latin-1, with HTML entities
left in scraped text and all kinds of Unicode spaces. Every reader funnels its text
through here so the index sees one form: NFC, entities decoded, one space between
words, paragraphs separated by a blank line.
"""

from __future__ import annotations

import codecs
import datetime as dt
import html
import re
import unicodedata
from urllib.parse import urlsplit

from indexer.identity import article_id
from indexer.readers.notes import note
from search.models import Article, content_hash

_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)

# Control characters (except tab/newline), zero-width marks and soft hyphens carry no text.
_INVISIBLE_RE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\u00ad\u200b-\u200d\u2060\ufeff\ufffe]")
#: Half of a UTF-16 pair with no other half, as a JSON escape like "\ud83d" gives; it cannot
#: be written as UTF-8, so it becomes the replacement character.
_SURROGATE_RE = re.compile("[\ud800-\udfff]")
_SPACES_RE = re.compile(r"[ \t\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]+")
_BLANK_LINE_RE = re.compile(r"\n[ \t\u00a0]*\n\s*")
_SENTENCE_END_RE = re.compile(r"(?<=[.!?…])[\"'”’)]*\s+(?=[\"“‘'(]?[A-Z0-9])")

#: A web page's share buttons read as text, mid-body in some exports: "Send Facebook Twitter
#: Google+ Whatsapp Tumblr linkedin stumble Digg reddit Newsvine Permalink http://dw.com/p/2VtOa".
_SHARE_BAR_RE = re.compile(
    r"(?:\b(?:Send|Share)\s+)?(?:(?:Facebook|Twitter|Google\+|WhatsApp|Tumblr|LinkedIn|StumbleUpon|stumble"
    r"|Digg|reddit|Newsvine|Pinterest|Telegram|XING|VK|Email|E-mail)(?:\s+|$)){4,}(?:Permalink\s+\S+\s*)?",
    re.IGNORECASE,
)

#: The sentence that ends an outlet's call to action after an article: "... Learn more",
#: "Sign up for our newsletter.", "Do you have information you want to share? Here's how."
_CALL_TO_ACTION_RE = re.compile(r"(?:Learn more|Here's how|(?:Sign up|Subscribe)\b.*)[.!]?", re.IGNORECASE)
_CALL_TO_ACTION_WORDS = ("learn more", "here's how", "sign up", "subscribe")
#: Where a sentence of such a closing may start: after a sentence's end (exports glue the next
#: one on with a dash, or with no space: 'said."?Do you have information'), after a colon or
#: a link, or where a call to action opens.
_PROMOTION_SENTENCE_END_RE = re.compile(
    r"(?<=[.!?…])[\"'”’)?]*(?:\s*-+)?(?:\s+|(?=[\"“‘'(]?[A-Z]))(?=[\"“‘'(]?[A-Z0-9])"
    r"|(?:https?://|pic\.twitter\.com/)\S+\s+|(?<=:)-?\s+(?=[A-Z])"
    r"|\s(?=(?:Share this slide|Do you have information|Sign up|Subscribe|Learn more)\b)"
)
#: A longer "sentence" is article text the export ran into the closing, and is kept.
PROMOTION_SENTENCE_MAX = 300
#: A sentence of that call to action: it sells a newsletter, a slide show or a tip line.
_PROMOTION_RE = re.compile(
    r"\b(?:newsletters?|subscribe|sign up|share this slide|impact you\?|learn more|here's how"
    r"|information you want to share|(?:to|in) your inbox|email helps you|one email at a time)",
    re.IGNORECASE,
)

#: A writer's contact card closing an article: a short last paragraph with an e-mail address
#: and a handle or an invitation to write ("Ishtiaq Ahmed, APP’s Foreign Editor, leads coverage
#: of ... Reach out at 0333.../ ...@gmail.com/ X: ...", closing 57 APP stories; "Email: ...,
#: X:@..."). It is about the writer, not the story: its outlet, offices and name are no facet
#: values of the article, and its words no match.
_CONTACT_CARD_RE = re.compile(r"(?i)\breach (?:out|me|him|her|them) at\b|\b(?:X|Twitter):\s?@?\w")
_EMAIL_RE = re.compile(r"[\w.+-]+@[\w-]+\.\w")
CONTACT_CARD_MAX = 400

#: A derived headline is a fragment of the lead of at most this many characters.
DERIVED_TITLE_MAX = 90


class BinaryFile(ValueError):
    """The bytes are not text in any encoding a news archive uses."""


def looks_binary(data: bytes) -> bool:
    """NUL bytes or many control bytes in the first 8 KB mean an image, PDF or executable."""
    head = data[:8192]
    if any(head.startswith(bom) for bom, _ in _BOMS):
        return False
    if b"\x00" in head:
        return True
    controls = sum(1 for byte in head if byte < 32 and byte not in (9, 10, 12, 13))
    return controls > len(head) // 20


def decode(data: bytes, declared: str | None = None) -> str:
    """Bytes to str: a BOM wins, then strict UTF-8, then the declared charset, then cp1252.

    cp1252 rather than latin-1 as the fallback because Windows-made files put curly
    quotes in 0x91-0x94; the five bytes cp1252 leaves undefined fall back to latin-1.
    """
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return data.decode(encoding, errors="replace")
    if looks_binary(data):
        raise BinaryFile("binary file")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    if declared:
        try:
            codec = codecs.lookup(declared).name
            if codec not in ("utf-8", "ascii"):
                return data.decode(codec)
        except (LookupError, UnicodeDecodeError):
            pass
    try:
        return data.decode("cp1252")
    except UnicodeDecodeError:
        return data.decode("latin-1")


def clean_line(text: str) -> str:
    """One line of text: entities decoded, NFC, invisible characters gone, spaces collapsed."""
    if "&" in text:
        text = html.unescape(text)
    if text.isascii() and text.isprintable():  # most lines: nothing to remove or normalise
        return (_SPACES_RE.sub(" ", text) if "  " in text else text).strip()
    text = _SURROGATE_RE.sub("\ufffd", _INVISIBLE_RE.sub("", text))
    text = _SPACES_RE.sub(" ", text.replace("\r", " ").replace("\n", " "))
    return unicodedata.normalize("NFC", text).strip()


def _without_share_bars(paragraph: str) -> str:
    """`paragraph` without the share buttons a saved page put in its text (they name Facebook,
    Google and the rest as if the article did)."""
    return _SPACES_RE.sub(" ", _SHARE_BAR_RE.sub(" ", paragraph)).strip()


def _without_closing_promotion(paragraphs: list[str]) -> list[str]:
    """`paragraphs` without the outlet's call to action that closes some pages' text ("Share
    this slide: How will Trump's first 100 days impact you? Learn more": 363 of the 3,823
    articles of one export end with such lines), whose words every such article would match.
    Only short sentences at the very end go, and only when the last of them is a call to action."""
    paragraphs = list(paragraphs)
    while paragraphs:
        paragraph = paragraphs[-1]
        if not any(words in paragraph[-120:].casefold() for words in _CALL_TO_ACTION_WORDS):
            break
        starts = [0, *(boundary.end() for boundary in _PROMOTION_SENTENCE_END_RE.finditer(paragraph))]
        if not _CALL_TO_ACTION_RE.fullmatch(paragraph[starts[-1] :].strip()):
            break
        cut = len(paragraph)
        for start in reversed(starts):
            sentence = paragraph[start:cut]
            if len(sentence) > PROMOTION_SENTENCE_MAX or not _PROMOTION_RE.search(sentence):
                break
            cut = start
        kept = paragraph[:cut].rstrip(" -")
        if kept:
            paragraphs[-1] = kept
            break
        paragraphs.pop()
    return paragraphs


def _without_contact_card(paragraphs: list[str]) -> list[str]:
    """`paragraphs` without the writer's contact card that closes some outlets' stories."""
    last = paragraphs[-1] if paragraphs else ""
    if (
        len(last) <= CONTACT_CARD_MAX
        and "@" in last
        and _EMAIL_RE.search(last)
        and _CONTACT_CARD_RE.search(last)
    ):
        return paragraphs[:-1]
    return paragraphs


def split_paragraphs(text: str, *, lines_are_paragraphs: bool = True) -> list[str]:
    """Clean paragraphs from plain text.

    With `lines_are_paragraphs` every non-blank line is a paragraph (scraped text:
    Dawn separates paragraphs with blank lines, APP with single newlines). Without it,
    blank lines separate paragraphs and the lines inside are re-joined (hard-wrapped text).
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    blocks = text.split("\n") if lines_are_paragraphs else _BLANK_LINE_RE.split(text)
    return [line for line in (clean_line(block) for block in blocks) if line]


def is_hard_wrapped(text: str) -> bool:
    """True when lines were broken at a fixed width (old agency feeds, e-mailed copy)."""
    lines = [line for line in text.splitlines() if line.strip()]
    if len(lines) < 6:
        return False
    longest = max(len(line) for line in lines)
    return longest <= 100 and sum(len(line) >= 0.6 * longest for line in lines) >= 0.6 * len(lines)


def join_paragraphs(paragraphs: list[str]) -> str:
    return "\n\n".join(paragraphs)


# A match starts at a comma or at the first of a run of spaces (where the leftmost match
# starts anyway): starting again from every space of a long run is quadratic.
_WHEN_RE = re.compile(
    r"(?:,|(?<!\s))\s++(?:(?:on|last|this|early|late|on the)\s++"
    r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday"
    r"|week|weekend|month|year|night|morning|afternoon|evening)|yesterday|today)\b"
)
# Commas inside numbers ("2,300") are not clause boundaries.
_CLAUSE_RE = re.compile(r"(?<!\d),|,(?!\d)|[;:–—(]| - ")
_DANGLING_RE = re.compile(
    r"\s+(?:\S+['’]s|a|an|the|and|or|but|of|to|in|on|at|for|with|by|from|as|that|which|who|when|while|"
    r"after|before|than|into|over|under|about|its|their|his|her|our|this|these|those|was|were|is|are|has|have)$",
    re.IGNORECASE,
)


def derive_title(paragraphs: list[str]) -> str:
    """A short headline-like fragment of the lead, for files that carry no headline.

    The lead's first sentence, shortened the way a sub-editor would: drop the "on
    Tuesday" and what follows, then cut at a clause boundary, and only then at a word
    boundary (never ending on "the", "after" or a possessive), under `DERIVED_TITLE_MAX`.
    """
    lead = next((p for p in paragraphs if len(p.split()) >= 4), paragraphs[0] if paragraphs else "")
    sentence = _SENTENCE_END_RE.split(lead.lstrip(" .-–—*•"), maxsplit=1)[0].strip()
    if len(sentence) > DERIVED_TITLE_MAX:
        when = _WHEN_RE.search(sentence)
        if when and when.start() >= 30:
            sentence = sentence[: when.start()]
    if len(sentence) > DERIVED_TITLE_MAX:
        clause = _CLAUSE_RE.split(sentence)[0].strip()
        if 30 <= len(clause) <= DERIVED_TITLE_MAX:
            sentence = clause
        else:
            cut = sentence[: DERIVED_TITLE_MAX + 1]
            sentence = cut[: cut.rfind(" ")] if " " in cut else cut[:DERIVED_TITLE_MAX]
            while (trimmed := _DANGLING_RE.sub("", sentence)) != sentence and len(trimmed) >= 30:
                sentence = trimmed
    return sentence.rstrip(" .,;:–—-\"'“‘")


def title_case_place(name: str) -> str:
    """`DERA ISMAIL KHAN` -> `Dera Ismail Khan`, `MUZAFFARABAD/LAHORE` keeps both parts."""
    name = clean_line(name).strip(" ,:-–—")
    return re.sub(r"[A-Za-z\u00c0-\u024f']+", lambda m: m[0][:1].upper() + m[0][1:].lower(), name)


# Dawn "ISLAMABAD: ", APP "ISLAMABAD, Mar 01 (APP): ", wires "PESHAWAR (Reuters) - ".
_DATELINE_RE = re.compile(
    r"^(?P<place>[A-Z][A-Z.'’\- ]{1,30}[A-Z.](?:\s*/\s*[A-Z][A-Z.'’\- ]{1,30}[A-Z.])*)"
    r"(?:,\s*(?:[A-Z][a-z]{2,8}\.?\s+\d{1,2}|\d{1,2}\s+[A-Z][a-z]{2,8}\.?))?"
    r"(?:,?\s*\((?:[A-Za-z]{2,10})\))?"
    r"\s*(?::|\s[-–—])\s+"
)
_NOT_PLACES = frozenset(
    {
        "NOTE",
        "UPDATE",
        "EDITOR",
        "EDITORIAL",
        "WARNING",
        "CORRECTION",
        "BREAKING",
        "FILE",
        "PHOTO",
        "VIDEO",
        "Q",
        "A",
        "PS",
        "TV",
        "OP-ED",
        "LIVE",
        "WATCH",
        "READ",
        "ALSO READ",
    }
)


def split_dateline(paragraph: str) -> tuple[str | None, str]:
    """The dateline city of a lead paragraph, and the paragraph without it."""
    found = _DATELINE_RE.match(paragraph)
    if not found or found["place"].strip() in _NOT_PLACES or found.end() >= len(paragraph):
        return None, paragraph
    return title_case_place(found["place"]), paragraph[found.end() :].lstrip()


# "Headline - Section - DAWN.COM", "Headline - Daily Times", "Headline | The Friday Times"
_TITLE_SEPARATOR_RE = re.compile(r"(?<!\s)\s++[-|–—]\s+")


def split_site_title(title: str, site_names: tuple[str, ...] = ()) -> tuple[str, str | None]:
    """A page title without its site suffix, plus the section between them if any.

    `Headline - Pakistan - DAWN.COM` gives ("Headline", "Pakistan"). The suffix is
    dropped only when it names the site (a domain, or one of `site_names`), so a
    headline that merely contains a dash is left whole.
    """
    title = clean_line(title)
    parts = _TITLE_SEPARATOR_RE.split(title)
    if len(parts) < 2:
        return title, None
    suffix = parts[-1].strip().lower()
    known = {name.lower() for name in site_names if name}
    if not (re.search(r"\.(com|pk|tv|org|net|co\.uk)$", suffix) or suffix in known):
        return title, None
    parts = parts[:-1]
    section = None
    if len(parts) >= 2 and _looks_like_section(parts[-1]):
        section = parts.pop()
    separator_spans = [m.span() for m in _TITLE_SEPARATOR_RE.finditer(title)]
    end = separator_spans[len(parts) - 1][0]
    return title[:end].strip(), section


def _looks_like_section(text: str) -> bool:
    words = text.split()
    return 1 <= len(words) <= 3 and all(w[:1].isupper() or w[:1].isdigit() or w == "&" for w in words)


#: The schemes of a web address: anything else (`javascript:`, `data:`, `file:`) is never a link.
WEB_SCHEMES = ("http", "https")


def web_address(url: str | None, origin: str) -> str | None:
    """`url` when it is an http or https address; else None, with a note for the run log.

    The scheme is read as a browser reads it (`urlsplit` drops leading spaces and
    control characters, and tabs and newlines inside), so ` JavaScript:` is caught."""
    if not url:
        return None
    try:
        scheme = urlsplit(url).scheme.lower()
    except ValueError:  # an unclosed IPv6 bracket
        scheme = ""
    if scheme in WEB_SCHEMES:
        return url
    shown = url if len(url) <= 60 else url[:57] + "..."
    note(origin, f"link dropped: {shown!r} is not a web address (http or https)")
    return None


def build_article(
    *,
    title: str | None,
    paragraphs: list[str],
    source: str = "",
    url: str | None = None,
    section: str | None = None,
    byline: str | None = None,
    dateline: str | None = None,
    date: dt.date | None = None,
    origin: str = "",
) -> Article:
    """An `Article` with its id (`indexer.identity.article_id`: the canonical URL, else the
    origin), a derived title when it has none, and its content hash."""
    title = clean_line(title or "")
    # Every share bar seen names Facebook: the pattern runs only on paragraphs that do.
    paragraphs = [_without_share_bars(p) if "acebook" in p else p for p in paragraphs]
    paragraphs = _without_contact_card(_without_closing_promotion([p for p in paragraphs if p]))
    derived = not title
    if derived:
        title = derive_title(paragraphs)
    body = join_paragraphs(paragraphs)
    section = clean_line(section) or None if section else None
    byline = clean_line(byline) or None if byline else None
    url = _SURROGATE_RE.sub("\ufffd", url) if url else None
    return Article(
        id=article_id(url, _SURROGATE_RE.sub("\ufffd", origin)),
        title=title,
        body=body,
        source=source,
        url=url,
        title_derived=derived,
        section=section,
        byline=byline,
        dateline=dateline,
        date=date,
        origin=origin,
        content_hash=content_hash(title, date.isoformat() if date else None, dateline, byline, section, body),
    )
