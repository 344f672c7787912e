"""Security headers on every response, and refusal of query strings that are not UTF-8."""

from __future__ import annotations

from flask import Flask, Response, request

from web.params import check_utf8

#: No inline script or style, nothing from another host, no framing.
CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
)


def register(app: Flask) -> None:
    app.before_request(_check_query_string)
    app.after_request(_secure)


def _check_query_string() -> None:
    check_utf8(request.query_string)


def _secure(response: Response) -> Response:
    response.headers["Content-Security-Policy"] = CSP
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["Referrer-Policy"] = "same-origin"
    response.headers["X-Frame-Options"] = "DENY"
    return response
