"""The HTML pages: home, results, facet lists, articles, profiles, status, duplicates and help."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, abort, current_app, redirect, render_template, request, url_for
from werkzeug.wrappers import Response

from search import duplicates as duplicate_record
from search.compare import word_diff
from search.models import SearchRequest, Sort
from search.runs import load_runs
from web.charts import histogram
from web.context import archive
from web.metrics import counted
from web.params import parse_search
from web.results_view import ResultsView
from web.urls import LIST_FIELDS, search_url, toggle_url

bp = Blueprint("pages", __name__)

#: How many values the "more ..." page lists before the filter box has to narrow them.
FACET_PAGE_LIMIT = 500
#: Skipped files /status lists (with `SHOW_PATHS`); the rest are counted.
STATUS_SKIPPED = 100
#: Duplicate decisions listed on one page of /duplicates.
DUPLICATES_PER_PAGE = 100


@bp.get("/")
def home() -> str:
    stats = archive().stats()
    years = histogram(stats.per_year, lambda y: toggle_url(SearchRequest(), "year", y))
    return render_template("home.html", stats=stats, years=years)


@bp.get("/search")
def search() -> str:
    req = parse_search(request.args)
    results = counted(archive().search(req, others=True))
    days = archive().dates(req) if ResultsView.may_need_days(results) else None
    view = ResultsView(results, days)
    return render_template("search.html", view=view, results=view.results, req=req)


@bp.get("/facet/<facet>")
def facet_list(facet: str) -> str:
    if facet not in LIST_FIELDS:
        abort(404, description=f"There is no facet called {facet!r}.")
    req = parse_search(request.args)
    prefix = " ".join((request.args.get("prefix") or "").split())[:100]
    values = archive().facet_values(facet, prefix, FACET_PAGE_LIMIT)
    selected = set(req.selected(facet))
    return render_template(
        "facet_list.html",
        facet=facet,
        req=req,
        prefix=prefix,
        values=values,
        selected=selected,
        limit=FACET_PAGE_LIMIT,
    )


@bp.get("/article/<path:article_id>")
def article(article_id: str) -> str:
    found = archive().article(article_id)
    if found is None:
        abort(404, description="No article in the archive has that id.")
    query = " ".join((request.args.get("q") or "").split())
    paragraphs = archive().highlight(found, query) if query else None
    related = archive().related(found.id)
    versions = [v for v in archive().versions(found) if v.id != found.id]
    return render_template(
        "article.html", article=found, query=query, paragraphs=paragraphs, related=related, versions=versions
    )


@bp.get("/compare")
def compare() -> str:
    """Two versions of a story side by side as one text: what `b` deleted from `a` and added."""
    first_id, second_id = (" ".join((request.args.get(name) or "").split()) for name in ("a", "b"))
    if not first_id or not second_id:
        abort(400, description="Name the two articles to compare: /compare?a=ID&b=ID.")
    first, second = archive().article(first_id), archive().article(second_id)
    if first is None or second is None:
        abort(404, description="No article in the archive has that id.")
    return render_template(
        "compare.html", first=first, second=second, paragraphs=word_diff(first.body, second.body)
    )


@bp.get("/person/<path:name>", defaults={"facet": "person"})
@bp.get("/country/<path:name>", defaults={"facet": "country"})
@bp.get("/organisation/<path:name>", defaults={"facet": "organisation"})
@bp.get("/topic/<path:name>", defaults={"facet": "topic"})
def profile(facet: str, name: str) -> str | Response:
    found = archive().profile(facet, name)
    if found is None:
        # A link made before the archive renamed the value ("Finance Ministry").
        other = archive().same_value(facet, name)
        if other is not None:
            return redirect(url_for("pages.profile", facet=facet, name=other))
        abort(404, description=f"No article in the archive mentions {name!r}.")
    only: dict[str, Any] = {LIST_FIELDS[facet]: (found.value,)}
    base = SearchRequest(**only)
    months = histogram(found.per_month, lambda m: toggle_url(base, "month", m), unit="month")
    return render_template(
        "profile.html",
        profile=found,
        months=months,
        all_url=search_url(base, sort=Sort.NEWEST),
    )


@bp.get("/status")
def status() -> str:
    """The archive and its last runs for anyone; where it lives on disk (paths, skipped
    files, error messages) only when `SHOW_PATHS` is set, since the page is public."""
    runs = load_runs(current_app.config["INDEX_DIR"], archive().engine)
    last = runs[0] if runs else None
    show_paths = bool(current_app.config.get("SHOW_PATHS"))
    return render_template(
        "status.html",
        stats=archive().stats(),
        runs=runs,
        last=last,
        show_paths=show_paths,
        skipped=list(last.skipped.items())[:STATUS_SKIPPED] if last and show_paths else [],
        corpus_paths=current_app.config["CORPUS_PATHS"],
        index_dir=current_app.config["INDEX_DIR"],
        duplicates=len(_live_duplicates()),
    )


@bp.get("/duplicates")
def duplicates() -> str:
    found = _live_duplicates()
    pages = max(1, -(-len(found) // DUPLICATES_PER_PAGE))
    raw = request.args.get("page", "1").strip()
    if not (raw.isascii() and raw.isdigit() and len(raw) <= 9 and 1 <= int(raw) <= pages):
        abort(404, description=f"There are {pages} pages of duplicates; 'page' must be 1 to {pages}.")
    page = int(raw)
    start = (page - 1) * DUPLICATES_PER_PAGE
    return render_template(
        "duplicates.html",
        duplicates=found[start : start + DUPLICATES_PER_PAGE],
        total=len(found),
        first=start + 1,
        page=page,
        pages=pages,
        show_paths=bool(current_app.config.get("SHOW_PATHS")),
    )


def _live_duplicates() -> list[duplicate_record.Duplicate]:
    """Every record the live generation's run counted as a repeat, in the order decided."""
    live, _ = archive().engine.generation_names()
    return duplicate_record.load(current_app.config["INDEX_DIR"], live)


@bp.get("/help")
def help_page() -> str:
    return render_template("help.html")
