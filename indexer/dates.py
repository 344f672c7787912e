"""Publication dates from the many ways archives write them, to day precision.

Every parser returns a `datetime.date` or None. None means "unknown": the indexer
never substitutes today's date, because a wrong date is worse than a missing one
in a date-faceted archive. Timestamps keep the calendar day they were written in
(`2017-10-11T05:12:42+05:00` is 11 October), not the UTC day.
"""

from __future__ import annotations

import datetime as dt
import re

MONTHS: dict[str, int] = {
    name: number
    for number, names in enumerate(
        (
            ("jan", "january"),
            ("feb", "february"),
            ("mar", "march"),
            ("apr", "april"),
            ("may",),
            ("jun", "june"),
            ("jul", "july"),
            ("aug", "august"),
            ("sep", "sept", "september"),
            ("oct", "october"),
            ("nov", "november"),
            ("dec", "december"),
        ),
        start=1,
    )
    for name in names
}

#: Dates outside this range are scraper noise (0001-01-01, 1970 epochs, far futures).
EARLIEST_YEAR = 1800
LATEST_YEAR = 2100

_MONTH = (
    r"(?P<month>Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?"
    r"|Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
)
_DAY = r"(?P<day>\d{1,2})(?:\s?(?:st|nd|rd|th)\b)?"
_YEAR = r"(?P<year>\d{4})"

#: "Published in Dawn, November 20th, 2019" (or "Published in Dawn, EOS, January 5th, 2025", with
#: the supplement; "Originally published in Dawn, ..." on a copy a sister site ran): the
#: print-edition footer of Dawn-style text, on its own line or ending the last one.
#: Written so that no two runs of spaces can trade characters: that is quadratic in the run.
FOOTER_RE = re.compile(
    r"(?:^[ \t]*+|(?<=[.!?\"”’)])[ \t]++)(?:Originally )?Published in (?P<paper>[A-Z][\w.&' -]{0,40}?)"
    r"(?:,\s*(?P<edition>[A-Z][\w.&' -]{0,60}?))?,?\s+"
    + _MONTH
    + r"\s+"
    + _DAY
    + r",?\s+"
    + _YEAR
    + r"\s*(?:\.\s*)?$",
    re.IGNORECASE | re.MULTILINE,
)

#: The words every footer holds, found far faster than `FOOTER_RE` fails to match.
_FOOTER_WORDS = re.compile(r"Published in ", re.IGNORECASE)

_ISO_RE = re.compile(r"^\s*(?P<year>\d{4})-(?P<month>\d{1,2})-(?P<day>\d{1,2})(?:[T ]|$)")
_SLASH_YMD_RE = re.compile(r"^\s*(?P<year>\d{4})/(?P<month>\d{1,2})/(?P<day>\d{1,2})(?:\s|$)")
_REUTERS_RE = re.compile(r"^\s*(?P<day>\d{1,2})-(?P<month>[A-Za-z]{3})-(?P<year>\d{4})\b")
_MONTH_FIRST_RE = re.compile(r"\b" + _MONTH + r"\s+" + _DAY + r",?\s+" + _YEAR + r"\b", re.IGNORECASE)
_DAY_FIRST_RE = re.compile(r"\b" + _DAY + r"\s+(?:of\s+)?" + _MONTH + r",?\s+" + _YEAR + r"\b", re.IGNORECASE)
_COMPACT_RE = re.compile(r"^\s*(?P<year>\d{4})(?P<month>\d{2})(?P<day>\d{2})\s*$")


def make_date(year: int | str, month: int | str, day: int | str) -> dt.date | None:
    """A plausible calendar date, or None (31 February, year 0001, 2999)."""
    try:
        month_number = int(month) if str(month).isdigit() else MONTHS[str(month).lower().rstrip(".")]
        value = dt.date(int(year), month_number, int(day))
    except (KeyError, ValueError):
        return None
    return value if EARLIEST_YEAR <= value.year <= LATEST_YEAR else None


def _from_match(match: re.Match[str] | None) -> dt.date | None:
    return make_date(match["year"], match["month"], match["day"]) if match else None


def parse_date(text: str | None) -> dt.date | None:
    """Any single date value: ISO 8601, Reuters `26-FEB-1987 15:01:01.79`, CSV
    `2017/2/7` or `2016/12/30 7:11`, `20240131`, `November 20th, 2019`, `20 Nov 2019`."""
    if not text or not text.strip():
        return None
    for pattern in (_ISO_RE, _SLASH_YMD_RE, _REUTERS_RE, _COMPACT_RE, _MONTH_FIRST_RE, _DAY_FIRST_RE):
        found = pattern.search(text)
        if found:
            return _from_match(found)
    return None


def find_print_footer(text: str) -> tuple[re.Match[str], dt.date | None] | None:
    """The last "Published in <paper>, <Month> <day>th, <year>" line and its date.

    The last one, because quoted or syndicated text may carry an earlier footer, and
    what follows the last one is page chrome.
    """
    if not _FOOTER_WORDS.search(text):  # most texts: the footer pattern is tried at every position
        return None
    matches = list(FOOTER_RE.finditer(text))
    if not matches:
        return None
    return matches[-1], _from_match(matches[-1])


#: A print edition's credit closing a syndicated body, its date written month first:
#: "(China Daily European Weekly 03/10/2017 page27)", "(China Daily 12/09/2016 page5)".
_EDITION_RE = re.compile(
    r"\(China Daily(?: [A-Z][\w ]{0,40}?)? (?P<month>\d{1,2})/(?P<day>\d{1,2})/(?P<year>\d{4})"
    r" ?page ?\d+\)\s*$"
)


def edition_date(text: str) -> dt.date | None:
    """The date of the print edition a body's closing credit names, which a web copy's own
    timestamp may trail by days (a weekly's Friday issue put online on Monday)."""
    if not text.rstrip().endswith(")"):
        return None
    return _from_match(_EDITION_RE.search(text, max(0, len(text) - 200)))


def date_in_text(text: str) -> dt.date | None:
    """The first written-out date in visible text ("Updated March 3, 2018 at 10:00")."""
    for pattern in (_MONTH_FIRST_RE, _DAY_FIRST_RE):
        found = pattern.search(text)
        if found:
            day = _from_match(found)
            if day:
                return day
    return None


#: An agency dateline's day: "ISLAMABAD, Aug 07 (APP):", "SAN FRANCISCO, March 13 -".
_DATELINE_DAY_RE = re.compile(r"^[A-Z][A-Z .'’/-]{1,40},\s*(?P<month>[A-Za-z]{3,9})\.?\s+(?P<day>\d{1,2})\b")
#: How long after its dateline day a record may carry a later timestamp (a re-publication).
REPUBLISHED_WITHIN = dt.timedelta(days=7)
#: How far a record's timestamp, often kept in UTC, may fall before the dateline's local day
#: ("ISLAMABAD, May 7 (APP):" stamped 2025-05-06 at 21:40 UTC, 02:40 in Pakistan).
AHEAD_OF_UTC = dt.timedelta(days=1)


def dateline_day(lead: str, stamped: dt.date) -> dt.date | None:
    """The day a wire dateline names, when it falls in the week up to a record's own
    timestamp: then the story was filed that day and the timestamp is a later
    re-publication (a bulk upload, an archive move), so the dateline is the better date; or
    the day after the timestamp, the local day of a place ahead of UTC."""
    found = _DATELINE_DAY_RE.match(lead)
    if not found or found["month"].lower().rstrip(".") not in MONTHS:
        return None
    for year in (stamped.year + 1, stamped.year, stamped.year - 1):
        day = make_date(year, found["month"], found["day"])
        if day and -AHEAD_OF_UTC <= stamped - day <= REPUBLISHED_WITHIN:
            return day
    return None
