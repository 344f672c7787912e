"""Which page a URL names, and so which article a record is.

Two records are one article when their URLs differ only in what does not identify a page:
the scheme, a `www.` host prefix, a default port, the letter case of scheme and host, a
fragment, a trailing slash, the order and percent-encoding of the query's parameters, and
the parameters that trackers, mailing lists and web servers add (`utm_*`, `fbclid`,
`PHPSESSID`, ...). Everything else is kept, the whole query included: many sites name an
article by a parameter (`story.php?id=101`, WordPress `?p=`, Joomla `&id=`), and dropping
it would merge every story of the site into one.

Percent-encoding, IDNA hosts, query sorting and `..` segments are left to w3lib's
`canonicalize_url` (Scrapy's request fingerprinting, the most used and tested rules of
this kind); the rules of what identifies a page are ours. `IDENTITY_VERSION` names these
rules, so an index built under other rules is migrated by the next run.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from functools import lru_cache
from pathlib import Path
from typing import Protocol
from urllib.parse import parse_qsl, urlencode, urlsplit

from w3lib.url import canonicalize_url

from search.models import Fingerprint


class Record(Protocol):
    """What identity and duplicate decisions read of a record: an extracted `Article`, or a
    record known unchanged and not extracted again (`indexer.pipeline.Unchanged`)."""

    @property
    def id(self) -> str: ...
    @property
    def url(self) -> str | None: ...
    @property
    def origin(self) -> str: ...


#: Changes whenever `canonical_url` or `article_id` would give another answer for some input,
#: or the duplicate rules (`indexer.readers.dedup`) another verdict: every file is read again.
IDENTITY_VERSION = "identity-2"

#: Query parameters that say how a reader came to a page, never which page it is (matched
#: without regard to case). `ref` and `cmp` are generic-looking names, but every news
#: site that uses them uses them for the referrer or campaign.
TRACKING_PARAMS = frozenset(
    {
        # Ad networks and social sites.
        "fbclid",
        "gclid",
        "dclid",
        "gbraid",
        "wbraid",
        "msclkid",
        "yclid",
        "twclid",
        "ttclid",
        "igshid",
        "li_fat_id",
        "_ga",
        "_gl",
        "fb_action_ids",
        "fb_action_types",
        "fb_ref",
        "fb_source",
        "__twitter_impression",
        # Mailing lists and marketing automation.
        "mc_cid",
        "mc_eid",
        "_hsenc",
        "_hsmi",
        "mkt_tok",
        "vero_id",
        # News sites' own campaign and referrer tags.
        "ref",
        "ref_src",
        "ref_url",
        "cmpid",
        "cmp",
        "ocid",
        "icid",
        "ncid",
        "s_cid",
        "smid",
        "smtyp",
        "ito",
        "xtor",
        "hpt",
        "feedtype",
        "feedname",
        "guccounter",
        "guce_referrer",
        "guce_referrer_sig",
        "at_medium",
        "at_campaign",
        "at_link_id",
        "at_link_origin",
        "at_link_type",
        "at_format",
        "at_ptr_name",
        "at_bbc_team",
        "at_campaign_type",
        # Server sessions.
        "phpsessid",
        "jsessionid",
        "aspsessionid",
        "sessionid",
        "session_id",
        "sessid",
        "oscsid",
        "zenid",
        "cfid",
        "cftoken",
    }
)
_TRACKING_PREFIXES = ("utm_", "at_custom", "hsa_", "aspsessionid")

#: `sid` is a session id on some sites and the story's id on others (PHP-Nuke's
#: `modules.php?name=News&file=article&sid=123`): only a long token is a session.
_SESSION_TOKEN_RE = re.compile(r"[0-9A-Za-z]{16,}")
_PATH_SESSION_RE = re.compile(r";(?:jsessionid|phpsessid|sid)=[^/?#;]*", re.IGNORECASE)
_DEFAULT_PORTS = frozenset({80, 443})


@lru_cache(maxsize=1024)  # a record's address is asked for by its id and then by its duplicate keys
def canonical_url(url: str | None) -> str | None:
    """The page a web address names, as `host[:port]/path[?sorted query]`, or None when
    `url` is not an http(s) address (a scheme-relative `//host/path` is one).

    >>> canonical_url("HTTPS://WWW.Dawn.com:443/news/1/x/?utm_source=fb&b=2&a=1#top")
    'dawn.com/news/1/x?a=1&b=2'
    """
    text = (url or "").strip()
    if text.startswith("//"):
        text = "http:" + text
    try:
        parts = urlsplit(text)
        if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
            return None
        fragment = parts.fragment if parts.fragment.startswith("!") else ""
        query = urlencode(
            [pair for pair in parse_qsl(parts.query, keep_blank_values=True) if _identifies(*pair)]
        )
        path = _PATH_SESSION_RE.sub("", parts.path)
        cleaned = parts._replace(path=path, query=query, fragment=fragment).geturl()
        canonical = urlsplit(canonicalize_url(cleaned, keep_fragments=bool(fragment)))
        port = canonical.port
    except ValueError:  # an invalid port or host: not an address that names a page
        return None
    host = (canonical.hostname or "").removeprefix("www.")
    if port is not None and port not in _DEFAULT_PORTS:
        host = f"{host}:{port}"
    path = canonical.path.rstrip("/")
    query = f"?{canonical.query}" if canonical.query else ""
    fragment = f"#{canonical.fragment}" if canonical.fragment else ""
    return f"{host}{path}{query}{fragment}"


def _identifies(name: str, value: str) -> bool:
    """Whether a query parameter can tell one page from another."""
    folded = name.casefold()
    if folded in TRACKING_PARAMS or folded.startswith(_TRACKING_PREFIXES):
        return False
    return not (folded == "sid" and _SESSION_TOKEN_RE.fullmatch(value))


def article_id(url: str | None, origin: str) -> str:
    """An article's id: its canonical URL when it has a web address, else where it was read
    (`<path under the indexed folder>#<record>`)."""
    return canonical_url(url) or origin


class Ids:
    """The ids one run hands out: two different records never share one, and a record
    stored under another id before (the rules changed) is reported as renamed.

    A record whose id another record already took gets `<id>~2` (then `~3`, ...): two
    Reuters stories without a NEWID in one file, two corpus roots with the same relative
    paths. Ids from origins are also kept apart from stored articles read from a file
    outside this run's folders that is still there (another corpus; a file that is gone
    was moved, and its article is the same); a stored article under the same URL is the
    same page, replaced.
    """

    def __init__(self, stored: Mapping[str, Fingerprint], in_run: Callable[[str], bool]) -> None:
        self._stored = stored
        self._in_run = in_run
        self._taken: set[str] = set()
        self._stored_at = {fingerprint.origin: stored_id for stored_id, fingerprint in stored.items()}
        #: (old id, new id) of every record stored under another id before this run.
        self.renamed: list[tuple[str, str]] = []

    @property
    def taken(self) -> set[str]:
        """Every id of this run's articles (read or kept unread): the run's live ids."""
        return self._taken

    def take(self, article_id: str) -> None:
        """Count an id as taken without assigning it (an unchanged file's article)."""
        self._taken.add(article_id)

    def assign(self, article: Record) -> tuple[str, str | None]:
        """The id `article` is stored under (its own unless another record holds it), and the
        id its record was stored under before when that differs."""
        from_origin = canonical_url(article.url) is None
        candidate, number = article.id, 1
        while candidate in self._taken or (from_origin and self._held_outside(candidate, article.origin)):
            number += 1
            candidate = f"{article.id}~{number}"
        self._taken.add(candidate)
        old = self._stored_at.get(article.origin)
        if old is None or old == candidate or candidate in self._stored:
            return candidate, None
        self.renamed.append((old, candidate))
        return candidate, old

    def _held_outside(self, candidate: str, origin: str) -> bool:
        stored = self._stored.get(candidate)
        return (
            stored is not None
            and stored.origin != origin
            and not self._in_run(stored.origin)
            and _still_there(stored.origin)
        )


def _still_there(origin: str) -> bool:
    """Whether the file an origin was read from still exists (`/a/x.zip/y.csv#3` lies in
    the file `/a/x.zip`; a folder is not the file)."""
    path = Path(origin.split("#", 1)[0])
    while not path.exists() and path != path.parent:
        path = path.parent
    return path.is_file()
