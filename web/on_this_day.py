"""`/on-this-day` (today) and `/on-this-day/MM-DD`: the archive on one day of every year."""

from __future__ import annotations

import datetime as dt

from flask import Blueprint, abort, render_template

from search.models import SearchRequest, Sort, valid_month_day
from search.on_this_day import neighbours, on_this_day
from web.charts import month_day_name
from web.context import archive
from web.urls import search_url

bp = Blueprint("on_this_day", __name__)


@bp.get("/on-this-day")
def today() -> str:
    return _page(dt.date.today().strftime("%m-%d"))


@bp.get("/on-this-day/<day>")
def on_day(day: str) -> str:
    if not valid_month_day(day):
        abort(404, description=f"{day[:20]!r} is not a day of the year: write it MM-DD, like 08-25.")
    return _page(day)


def _page(day: str) -> str:
    found = on_this_day(archive().engine, day)
    before, after = neighbours(day)
    base = SearchRequest(day=day, sort=Sort.NEWEST)
    return render_template(
        "on_this_day.html",
        found=found,
        name=month_day_name(day),
        before=(before, month_day_name(before)),
        after=(after, month_day_name(after)),
        base=base,
        all_url=search_url(base),
    )
