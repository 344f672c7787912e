"""Friendly error pages (HTML) and error objects (JSON for the API), never a stack trace."""

from __future__ import annotations

from flask import Flask, Response, current_app, jsonify, render_template, request
from werkzeug.exceptions import HTTPException, InternalServerError

from web.params import ParamError

MACHINE_PREFIXES = ("/api/",)
MACHINE_SUFFIXES = (".csv", ".atom")


def register(app: Flask) -> None:
    app.register_error_handler(ParamError, _bad_param)
    app.register_error_handler(HTTPException, _http_error)
    app.register_error_handler(Exception, _unexpected)


def _bad_param(error: ParamError) -> tuple[Response | str, int]:
    return _render(400, "That search address cannot be read", str(error))


def _http_error(error: HTTPException) -> tuple[Response | str, int]:
    code = error.code or 500
    if code == 404:
        return _render(404, "Not found", error.description or "There is nothing at this address.")
    return _render(code, error.name, error.description or "")


def _unexpected(error: Exception) -> tuple[Response | str, int]:
    if isinstance(error, HTTPException):
        return _http_error(error)
    current_app.logger.exception("unhandled error on %s", request.path)
    return _render(500, "Something went wrong", InternalServerError.description or "")


def _render(code: int, title: str, message: str) -> tuple[Response | str, int]:
    if request.path.startswith(MACHINE_PREFIXES) or request.path.endswith(MACHINE_SUFFIXES):
        return jsonify({"error": {"status": code, "title": title, "message": message}}), code
    return render_template("error.html", code=code, title=title, message=message), code
