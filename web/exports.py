"""Any search as CSV (`/search.csv`, every match up to EXPORT_LIMIT) or as an Atom feed
(`/search.atom`, newest first), so it can be kept in a spreadsheet or followed in a reader.

Neither computes what it does not show: the CSV is one ranking pass for the articles (no
facets, snippets or spelling), the feed skips facets and spelling. Absolute links in the
feed start from `BASE_URL` when it is set (behind a proxy), else from the request."""

from __future__ import annotations

import csv
import dataclasses
import datetime as dt
import io
import re
from collections.abc import Iterator
from xml.etree import ElementTree as ET

from flask import Blueprint, Response, current_app, request, stream_with_context, url_for

from search.models import Article, Sort
from web.context import archive
from web.metrics import counted
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
    "organisations",
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
    """Every matching article (up to EXPORT_LIMIT) in the requested order, or one page
    when the URL names a page. When rows are left out, a last row says how many and why."""
    req = parse_search(request.args)
    limit = current_app.config["EXPORT_LIMIT"]
    if "page" in request.args:
        export = counted(archive().export(req, req.per_page, req.offset))
        wanted = min(req.per_page, max(0, export.entries - req.offset))
    else:
        export = counted(archive().export(req, limit))
        wanted = export.entries

    def rows() -> Iterator[str]:
        out = io.StringIO()
        writer = csv.writer(out)
        writer.writerow(CSV_COLUMNS)
        for article in export.articles:
            writer.writerow(_csv_row(article))
            yield out.getvalue()
            out.seek(0)
            out.truncate()
        note = _csv_note(
            len(export.articles), wanted, limit, export.timed_out, export.entries != export.total
        )
        if note:
            writer.writerow([note] + [""] * (len(CSV_COLUMNS) - 1))
        yield out.getvalue()

    response = Response(stream_with_context(rows()), mimetype="text/csv")
    response.headers["Content-Disposition"] = 'attachment; filename="broadsheet-search.csv"'
    return response


def _csv_note(written: int, wanted: int, limit: int, timed_out: bool, stories: bool = False) -> str | None:
    """The last row's text when the file does not hold every matching article (or story,
    when versions were collapsed into one row per story)."""
    if timed_out:
        return f"# The search took too long and was stopped: {written:,} rows; there may be more."
    if written < wanted:
        return (
            f"# {written:,} of {wanted:,} matching {'stories' if stories else 'articles'}:"
            f" an export holds at most {limit:,} rows."
            " Narrow the search (dates, people, topics) to export the rest."
        )
    return None


@bp.get("/search.atom")
def search_atom() -> Response:
    """The newest matches as an Atom feed; the sort parameter is ignored, feeds run newest first."""
    req = dataclasses.replace(parse_search(request.args, default_per_page=FEED_ENTRIES), sort=Sort.NEWEST)
    results = counted(archive().search(req, facets=False, spelling=False))
    # The app's own address: configured, else as this request reached it (Host header).
    root = current_app.config["BASE_URL"] or url_for("pages.home", _external=True).rstrip("/")
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
        link = root + url_for("pages.article", article_id=hit.id)[len(request.script_root) :]
        _text(entry, "title", hit.title)
        _text(entry, "id", link)
        _text(entry, "updated", _stamp(hit.date))
        ET.SubElement(entry, f"{{{ATOM}}}link", rel="alternate", type="text/html", href=link)
        if hit.url:
            ET.SubElement(entry, f"{{{ATOM}}}link", rel="related", href=hit.url)
        _text(entry, "summary", hit.snippet, type="html")
        for category in (*hit.topics, *hit.countries, *hit.organisations, *hit.people):
            ET.SubElement(entry, f"{{{ATOM}}}category", term=_clean(category))
    body = ET.tostring(feed, encoding="unicode", xml_declaration=True)
    return Response(body, mimetype="application/atom+xml")


def _csv_row(article: Article) -> list[str]:
    cells = [
        article.id,
        article.title,
        article.date.isoformat() if article.date else "",
        article.url or "",
        article.source,
        article.section or "",
        article.dateline or "",
        article.byline or "",
        "; ".join(article.people),
        "; ".join(article.countries),
        "; ".join(article.organisations),
        "; ".join(article.topics),
    ]
    return ["'" + cell if cell.startswith(_FORMULA) else cell for cell in cells]


def _text(parent: ET.Element, tag: str, text: str, **attrs: str) -> None:
    ET.SubElement(parent, f"{{{ATOM}}}{tag}", dict(attrs)).text = _clean(text)


def _clean(text: str) -> str:
    return _NOT_XML.sub("", text)


def _stamp(day: dt.date | None) -> str:
    when = day or dt.date(1970, 1, 1)
    return f"{when.isoformat()}T00:00:00Z"
