"""Any search as CSV (`/search.csv`, every match up to EXPORT_LIMIT) or as an Atom feed
(`/search.atom`, newest first), so it can be kept in a spreadsheet or followed in a reader."""

from __future__ import annotations

import csv
import dataclasses
import datetime as dt
import io
import re
from collections.abc import Iterator
from xml.etree import ElementTree as ET

from flask import Blueprint, Response, current_app, request, stream_with_context, url_for

from search.models import MAX_PER_PAGE, Hit, SearchRequest, Sort
from web.context import archive
from web.params import parse_search
from web.urls import search_url

bp = Blueprint("exports", __name__)

CSV_COLUMNS = (
    "id",
    "title",
    "date",
    "url",
    "source",
    "section",
    "dateline",
    "byline",
    "people",
    "countries",
    "topics",
)
FEED_ENTRIES = 50
ATOM = "http://www.w3.org/2005/Atom"
#: Characters XML 1.0 cannot hold; corpus text occasionally has them.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
#: Cells a spreadsheet would run as a formula.
_FORMULA = ("=", "+", "-", "@", "\t", "\r")


@bp.get("/search.csv")
def search_csv() -> Response:
    """Every matching article (up to EXPORT_LIMIT), in the requested order."""
    req = parse_search(request.args)
    explicit_page = "page" in request.args
    limit = current_app.config["EXPORT_LIMIT"]

    def rows() -> Iterator[str]:
        out = io.StringIO()
        writer = csv.writer(out)
        writer.writerow(CSV_COLUMNS)
        for hit in _hits(req, explicit_page, limit):
            writer.writerow(_csv_row(hit))
            yield out.getvalue()
            out.seek(0)
            out.truncate()
        yield out.getvalue()

    response = Response(stream_with_context(rows()), mimetype="text/csv")
    response.headers["Content-Disposition"] = 'attachment; filename="broadsheet-search.csv"'
    return response


@bp.get("/search.atom")
def search_atom() -> Response:
    """The newest matches as an Atom feed; the sort parameter is ignored, feeds run newest first."""
    req = dataclasses.replace(parse_search(request.args, default_per_page=FEED_ENTRIES), sort=Sort.NEWEST)
    results = archive().search(req)
    root = url_for("pages.home", _external=True).rstrip("/")
    page_url = root + search_url(req)
    ET.register_namespace("", ATOM)
    feed = ET.Element(f"{{{ATOM}}}feed")
    title = f"Broadsheet: {req.query}" if req.query else "Broadsheet: newest articles"
    _text(feed, "title", title)
    _text(feed, "id", page_url)
    ET.SubElement(feed, f"{{{ATOM}}}link", rel="alternate", type="text/html", href=page_url)
    ET.SubElement(feed, f"{{{ATOM}}}link", rel="self", href=root + search_url(req, "/search.atom"))
    newest = max((hit.date for hit in results.hits if hit.date), default=None)
    _text(feed, "updated", _stamp(newest))
    author = ET.SubElement(feed, f"{{{ATOM}}}author")
    _text(author, "name", "Broadsheet")
    for hit in results.hits:
        entry = ET.SubElement(feed, f"{{{ATOM}}}entry")
        link = root + url_for("pages.article", article_id=hit.id)
        _text(entry, "title", hit.title)
        _text(entry, "id", link)
        _text(entry, "updated", _stamp(hit.date))
        ET.SubElement(entry, f"{{{ATOM}}}link", rel="alternate", type="text/html", href=link)
        if hit.url:
            ET.SubElement(entry, f"{{{ATOM}}}link", rel="related", href=hit.url)
        _text(entry, "summary", hit.snippet, type="html")
        for category in (*hit.topics, *hit.countries, *hit.people):
            ET.SubElement(entry, f"{{{ATOM}}}category", term=_clean(category))
    body = ET.tostring(feed, encoding="unicode", xml_declaration=True)
    return Response(body, mimetype="application/atom+xml")


def _hits(req: SearchRequest, explicit_page: bool, limit: int) -> Iterator[Hit]:
    """One page when the URL names a page, else every match a page at a time."""
    if explicit_page:
        yield from archive().search(req).hits
        return
    page = dataclasses.replace(req, page=1, per_page=MAX_PER_PAGE)
    sent = 0
    while sent < limit:
        results = archive().search(page)
        yield from results.hits[: limit - sent]
        sent += len(results.hits)
        if not results.hits or page.offset + len(results.hits) >= results.total:
            return
        page = dataclasses.replace(page, page=page.page + 1)


def _csv_row(hit: Hit) -> list[str]:
    cells = [
        hit.id,
        hit.title,
        hit.date.isoformat() if hit.date else "",
        hit.url or "",
        hit.source,
        hit.section or "",
        hit.dateline or "",
        hit.byline or "",
        "; ".join(hit.people),
        "; ".join(hit.countries),
        "; ".join(hit.topics),
    ]
    return ["'" + cell if cell.startswith(_FORMULA) else cell for cell in cells]


def _text(parent: ET.Element, tag: str, text: str, **attrs: str) -> None:
    ET.SubElement(parent, f"{{{ATOM}}}{tag}", dict(attrs)).text = _clean(text)


def _clean(text: str) -> str:
    return _NOT_XML.sub("", text)


def _stamp(day: dt.date | None) -> str:
    when = day or dt.date(1970, 1, 1)
    return f"{when.isoformat()}T00:00:00Z"
