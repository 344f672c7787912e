"""The `broadsheet` command: the top floor that wires the indexer, search and web together."""

from __future__ import annotations

import argparse
import datetime as dt
import json
import re
import sys
from collections.abc import Callable, Sequence
from html import unescape
from pathlib import Path
from typing import TYPE_CHECKING, Any

from broadsheet import config
from broadsheet.cluster import add_cluster_commands
from indexer.timelimit import DEFAULT_SECONDS_PER_MB
from search.budget import DEFAULT_SECONDS
from search.engines import UnknownEngine, open_engine

if TYPE_CHECKING:
    from flask import Flask

    from search.engine import Engine
    from search.models import SearchResults

EXIT_OK = 0
EXIT_SKIPPED = 1
EXIT_ERROR = 2
EXIT_BUSY = 3


def main(argv: Sequence[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    if not getattr(args, "run", None):
        parser.print_help()
        return EXIT_ERROR
    command: Callable[[argparse.Namespace], int] = args.run
    try:
        return command(args)
    except KeyboardInterrupt:
        print("interrupted; the live index is unchanged", file=sys.stderr)
        return 130
    except UnknownEngine as error:
        print(f"broadsheet: {error}", file=sys.stderr)
        return EXIT_ERROR
    except BrokenPipeError:  # output piped into `head` and the like
        sys.stderr.close()
        return EXIT_OK


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="broadsheet",
        description="A search engine for news archives: index a folder of articles, then search it "
        "from the command line or in a browser.",
    )
    sub = parser.add_subparsers(title="commands", metavar="COMMAND")

    for name, full, text in (
        ("index", False, "Add new, update changed and delete vanished articles (incremental)."),
        ("reindex", True, "Rebuild the whole index into a new generation, then switch to it."),
    ):
        cmd = sub.add_parser(name, help=text, description=text)
        cmd.add_argument(
            "paths",
            nargs="*",
            metavar="PATH",
            help="files or folders to read (default: the bundled demo corpus)",
        )
        _index_option(cmd)
        cmd.add_argument("--workers", type=int, default=None, help="reader processes (default: one per core)")
        cmd.add_argument(
            "--file-time-limit",
            type=float,
            default=DEFAULT_SECONDS_PER_MB,
            metavar="SECONDS",
            help=f"CPU seconds per MB a file may take to read before it is skipped; 0 for no limit "
            f"(default {DEFAULT_SECONDS_PER_MB:g})",
        )
        cmd.add_argument("--quiet", action="store_true", help="print only the summary line")
        cmd.add_argument(
            "--strict", action="store_true", help="exit with status 1 when any file or record was skipped"
        )
        cmd.set_defaults(run=_run_index, full=full)

    cmd = sub.add_parser(
        "search",
        help="Search the index and print ranked results.",
        description="Search the index. An empty QUERY lists the archive, newest first. "
        "See docs/query-syntax.md for phrases, OR, -exclusion, field: prefixes and date: ranges.",
    )
    cmd.add_argument("query", nargs="?", default="", help="keywords, phrases and operators")
    cmd.add_argument(
        "--person",
        action="append",
        default=[],
        help="only articles naming this person (repeatable: all of them)",
    )
    cmd.add_argument(
        "--country",
        action="append",
        default=[],
        help="only articles about this country (repeatable: all of them)",
    )
    cmd.add_argument(
        "--organisation",
        action="append",
        default=[],
        help="only articles naming this organisation (repeatable: all of them)",
    )
    cmd.add_argument(
        "--topic", action="append", default=[], help="only articles on this topic (repeatable: any of them)"
    )
    cmd.add_argument("--from", dest="date_from", metavar="YYYY-MM-DD", help="published on or after this day")
    cmd.add_argument("--to", dest="date_to", metavar="YYYY-MM-DD", help="published on or before this day")
    cmd.add_argument(
        "--sort", choices=["relevance", "newest", "oldest"], default="relevance", help="result order"
    )
    cmd.add_argument("--page", type=int, default=1, help="page number, from 1")
    cmd.add_argument("--per-page", type=int, default=10, help="results per page (1 to 100)")
    cmd.add_argument(
        "--collapse",
        action=argparse.BooleanOptionalAction,
        default=True,
        help="one entry per story, its best-ranked version (the default); --no-collapse lists every "
        "article, as collapse=0 does in the API",
    )
    cmd.add_argument("--json", action="store_true", help="print exactly what GET /api/search returns")
    _index_option(cmd)
    cmd.set_defaults(run=_run_search)

    cmd = sub.add_parser(
        "serve",
        help="Run the web app (builds the index from the bundled corpus on first start).",
        description="Serve the web app in worker processes behind one socket (gunicorn). When the "
        "embedded index is empty, it is first built from the bundled demo corpus, once, before the workers "
        "start; a cluster (--engine) is never written to.",
    )
    cmd.add_argument("--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1)")
    cmd.add_argument("--port", type=int, default=5000, help="port to listen on (default 5000)")
    cmd.add_argument("--workers", type=int, default=None, help="worker processes (default: one per core)")
    cmd.add_argument("--threads", type=int, default=4, help="request threads per worker (default 4)")
    cmd.add_argument(
        "--log-queries",
        action="store_true",
        help="write query strings into the access log (left out by default: readers' searches are private)",
    )
    cmd.add_argument(
        "--debug",
        action="store_true",
        help="use Flask's development server with reloading (loopback hosts only)",
    )
    _bounds_options(cmd)
    _index_option(cmd)
    cmd.set_defaults(run=_run_serve)

    cmd = sub.add_parser("status", help="Show what the index holds and how the last runs went.")
    cmd.add_argument("--json", action="store_true", help="print the status as JSON")
    _index_option(cmd)
    cmd.set_defaults(run=_run_status)

    cmd = sub.add_parser(
        "duplicates",
        help="List every record counted as a duplicate, with the copy kept and the rule.",
        description="List every record the live generation counted as a repeat of another: the copy "
        "kept, the rule that matched (same URL or same text) and where each was read. Overrule a "
        "decision with a line in <index>/keep-apart.txt (docs/indexing.md).",
    )
    cmd.add_argument("--json", action="store_true", help="print the list as JSON")
    _index_option(cmd)
    cmd.set_defaults(run=_run_duplicates)

    cmd = sub.add_parser(
        "names",
        help="List the archive-wide person merges of the last run, with their evidence and counts.",
        description="List every person name the last indexing run merged into another across the "
        "archive (another spelling, a shorter form, a lone surname): the rule, both names' counts "
        "and the evidence; then the names left out as places, things or lone words, with the reason. "
        "Undo a merge with 'keep apart: A | B' in the alias file (docs/facets.md).",
    )
    cmd.add_argument("--json", action="store_true", help="print the merges as JSON")
    _index_option(cmd)
    cmd.set_defaults(run=_run_names)

    cmd = sub.add_parser(
        "audit",
        help="Account for every record of the corpus: indexed, a duplicate, or skipped.",
        description="Read the corpus (without extracting) and the live index, and account for every "
        "record: indexed, a duplicate of a named article, or skipped with a reason. Exits 1 naming "
        "the records that are none of these.",
    )
    cmd.add_argument(
        "paths", nargs="*", metavar="PATH", help="files or folders to audit (default: the bundled corpus)"
    )
    cmd.add_argument("--workers", type=int, default=None, help="reader processes (default: one per core)")
    cmd.add_argument(
        "--reread",
        action="store_true",
        help="parse every file again, even those whose bytes are as the index's manifest recorded them",
    )
    _index_option(cmd)
    cmd.set_defaults(run=_run_audit)

    cmd = sub.add_parser("rollback", help="Make the previous index generation live again.")
    _index_option(cmd)
    cmd.set_defaults(run=_run_rollback)

    cmd = sub.add_parser(
        "evaluate",
        help="Measure the extractors against gold labels (precision, recall, F1 per facet).",
        description="Evaluate people, country, organisation, topic and date extraction against the gold "
        "sets, Reuters-21578 and the BBC set found in the shared corpora folder.",
    )
    cmd.add_argument(
        "--shared", default=None, help="folder holding corpora/ (default: ../shared beside the project)"
    )
    cmd.add_argument(
        "--split", choices=["dev", "test", "all"], default="test", help="part of the gold set to report"
    )
    cmd.add_argument(
        "--name-pairs",
        nargs="?",
        const="",
        default=None,
        metavar="PATH",
        help="also score the archive-wide name merge on labelled name pairs (default file: "
        "indexer/evaluation/gold/name_pairs.jsonl), with evidence read from the index (--index)",
    )
    _index_option(cmd)
    cmd.set_defaults(run=_run_evaluate)

    add_cluster_commands(sub)
    return parser


def _index_option(cmd: argparse.ArgumentParser) -> None:
    cmd.add_argument(
        "--index",
        metavar="DIR",
        default=None,
        help=f"index folder (default: ${config.INDEX_ENV}, else ~/.local/share/broadsheet/index)",
    )
    cmd.add_argument(
        "--engine",
        metavar="URL",
        default=None,
        help=f"search engine: a sphinx://... cluster URL (default: ${config.ENGINE_ENV}, "
        "else the embedded index in the index folder)",
    )


def _engine(args: argparse.Namespace) -> Engine:
    return open_engine(config.index_dir(args.index), config.engine_url(args.engine))


def _run_index(args: argparse.Namespace) -> int:
    from indexer.lock import LockBusy
    from indexer.progress import Progress
    from indexer.reindex import IndexingFailed, run

    state_dir = config.index_dir(args.index)
    paths = config.corpus_paths(args.paths)
    missing = [str(p) for p in paths if not p.exists()]
    if missing:
        print(f"no such file or folder: {', '.join(missing)}", file=sys.stderr)
        return EXIT_ERROR
    engine = _engine(args)
    try:
        summary = run(
            engine,
            state_dir,
            paths,
            full=args.full,
            workers=args.workers,
            progress=Progress(quiet=args.quiet),
            seconds_per_mb=args.file_time_limit,
        )
    except LockBusy as busy:
        print(f"broadsheet: {busy}", file=sys.stderr)
        return EXIT_BUSY
    except IndexingFailed as failure:
        print(f"broadsheet: {failure}", file=sys.stderr)
        return EXIT_ERROR
    except ConnectionError as error:  # a cluster that stopped answering; nothing was switched
        print(
            f"broadsheet: the search engine did not answer ({error}); the live index is unchanged",
            file=sys.stderr,
        )
        return EXIT_ERROR
    finally:
        engine.close()
    if not args.quiet:
        for origin, reason in sorted(summary.skipped.items()):
            print(f"skipped {origin}: {reason}", file=sys.stderr)
        for origin, message in sorted(summary.notes.items()):
            print(f"note {origin}: {message}", file=sys.stderr)
    print(summary.line())
    return EXIT_SKIPPED if args.strict and summary.skipped else EXIT_OK


def _run_search(args: argparse.Namespace) -> int:
    from search.archive import Archive
    from search.models import SearchRequest, Sort
    from web.serialize import results_json

    try:
        request = SearchRequest(
            query=args.query,
            people=tuple(args.person),
            countries=tuple(args.country),
            organisations=tuple(args.organisation),
            topics=tuple(args.topic),
            date_from=_day(args.date_from, "--from"),
            date_to=_day(args.date_to, "--to"),
            sort=Sort(args.sort),
            page=args.page,
            per_page=args.per_page,
            collapse=args.collapse,
        )
    except ValueError as error:
        print(f"broadsheet: {error}", file=sys.stderr)
        return EXIT_ERROR
    archive = Archive(_engine(args))
    try:
        results = archive.search(request)
    finally:
        archive.close()
    if args.json:
        print(json.dumps(results_json(results), ensure_ascii=False, indent=2))
        return EXIT_OK
    _print_results(results)
    return EXIT_OK


def _print_results(results: SearchResults) -> None:
    for notice in results.notices:
        print(f"note: {notice}")
    if results.suggestion:
        print(f"did you mean: {results.suggestion}")
    first = results.request.offset + 1
    last = results.request.offset + len(results.hits)
    counted = f"{results.total:,} articles"
    if results.request.collapse and results.stories:
        counted += f" in {results.stories:,} stories"
    print(counted + (f", showing {first}-{last}" if results.hits else ""))
    for rank, hit in enumerate(results.hits, start=first):
        date = hit.date.isoformat() if hit.date else "undated"
        others = hit.versions - 1 if results.request.collapse else 0
        versions = f" · {others} other version{'s' if others > 1 else ''}" if others > 0 else ""
        print(f"\n{rank}. {hit.title}\n   {date} · {hit.source or ''} · {hit.id}{versions}")
        text = unescape(re.sub(r"</?mark>", "*", hit.snippet))
        print(f"   {text}")


def _day(value: str | None, option: str) -> dt.date | None:
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise ValueError(f"{option} needs a date as YYYY-MM-DD, not {value!r}") from None


def _bounds_options(cmd: argparse.ArgumentParser) -> None:
    """`serve` options that bound what one request may cost or reveal (docs/configuration.md)."""
    cmd.add_argument(
        "--search-budget",
        type=float,
        metavar="SECONDS",
        help=f"longest a search may run before it answers with what it has "
        f"(default {DEFAULT_SECONDS:g}; env {config.BUDGET_ENV})",
    )
    cmd.add_argument(
        "--base-url",
        metavar="URL",
        help=f"where readers reach the app, for absolute links in feeds (env {config.BASE_URL_ENV}; "
        "default: the address each request came to)",
    )
    cmd.add_argument(
        "--show-paths",
        action="store_true",
        help=f"list index and corpus paths and skipped files on /status (env {config.SHOW_PATHS_ENV})",
    )


def _serve_settings(args: argparse.Namespace) -> dict[str, Any]:
    """The app settings `_bounds_options` chose; ValueError says what is wrong with one."""
    if args.debug and not config.is_loopback(args.host):
        raise ValueError(
            f"--debug runs Flask's development server, which can run code sent to it: it listens "
            f"only on this machine (127.0.0.1, ::1 or localhost), not on {args.host!r}"
        )
    return {
        "SEARCH_BUDGET": config.search_budget(args.search_budget),
        "BASE_URL": config.base_url(args.base_url),
        "SHOW_PATHS": config.show_paths(args.show_paths),
    }


def _run_serve(args: argparse.Namespace) -> int:
    from search.archive import Archive

    try:
        settings = _serve_settings(args)
    except ValueError as error:
        print(f"broadsheet serve: {error}", file=sys.stderr)
        return EXIT_ERROR
    state_dir = config.index_dir(args.index)
    if args.workers is not None and args.workers < 1:
        print("broadsheet: --workers needs at least 1", file=sys.stderr)
        return EXIT_ERROR
    archive = Archive(_engine(args), budget=settings["SEARCH_BUDGET"])
    try:
        empty = archive.stats().articles == 0
    finally:
        archive.close()  # each worker opens its own, after the fork
    engine_url = config.engine_url(args.engine)
    if empty and engine_url:
        # Never into a cluster: an empty answer may be a cluster this host cannot reach
        # yet, or one another host fills; the demo corpus would replace what is there.
        print(
            f"the cluster at {engine_url} has no live articles (or does not answer): serving it as it "
            "is; fill it with `broadsheet reindex --engine URL PATH...`",
            file=sys.stderr,
        )
    elif empty:
        print(f"the index at {state_dir} is empty: building it from the bundled corpus", file=sys.stderr)
        built = _run_index(
            argparse.Namespace(
                index=args.index,
                engine=args.engine,
                paths=[],
                full=True,
                workers=None,
                file_time_limit=DEFAULT_SECONDS_PER_MB,
                quiet=False,
                strict=False,
            )
        )
        if built not in (EXIT_OK, EXIT_SKIPPED):
            return built
    from broadsheet import serve

    serve.prepare_metrics_dir()  # before `web` imports prometheus_client
    from web import create_app

    def make_app() -> Flask:
        return create_app(
            {
                "INDEX_DIR": state_dir,
                "ARCHIVE": Archive(_engine(args), budget=settings["SEARCH_BUDGET"]),
                "CORPUS_PATHS": [str(config.bundled_corpus())],
                **settings,
            }
        )

    url = f"http://{args.host}:{args.port}"
    print(f"Broadsheet is serving {state_dir} at {url}  (Ctrl+C stops it)", flush=True)
    if args.debug:
        make_app().run(host=args.host, port=args.port, debug=True)
        return EXIT_OK
    workers = args.workers or serve.default_workers()
    serve.run(serve.ServeOptions(args.host, args.port, workers, args.threads, args.log_queries), make_app)
    return EXIT_OK


def _run_status(args: argparse.Namespace) -> int:
    from indexer.lock import current_holder
    from search.archive import Archive
    from search.runs import load_runs

    state_dir = config.index_dir(args.index)
    archive = Archive(_engine(args))
    try:
        stats = archive.stats()
    finally:
        archive.close()
    engine = _engine(args)
    try:
        runs = load_runs(state_dir, engine)
    finally:
        engine.close()
    holder = current_holder(state_dir)
    skipped = runs[0].skipped if runs else {}
    phases = runs[0].phases if runs else {}
    status = {
        "index": str(state_dir),
        "articles": stats.articles,
        "first_date": stats.first_date.isoformat() if stats.first_date else None,
        "last_date": stats.last_date.isoformat() if stats.last_date else None,
        "undated": stats.undated,
        "writing": holder.describe() if holder else None,
        "last_run": runs[0].line() if runs else None,
        "last_run_skipped": skipped,
        "last_run_phases": phases,
    }
    if args.json:
        print(json.dumps(status, ensure_ascii=False, indent=2))
        return EXIT_OK
    print(f"index      {status['index']}")
    print(f"articles   {stats.articles:,} ({stats.undated:,} undated)")
    print(f"dates      {status['first_date'] or '-'} to {status['last_date'] or '-'}")
    print(f"writing    {status['writing'] or 'no'}")
    print(f"last run   {status['last_run'] or 'never'}")
    if phases:
        print("  time     " + ", ".join(f"{name} {sec:.1f}s" for name, sec in phases.items()))
    for origin, reason in sorted(skipped.items()):
        print(f"  skipped  {origin}: {reason}")
    return EXIT_OK


def _run_duplicates(args: argparse.Namespace) -> int:
    from dataclasses import asdict

    from search.duplicates import load

    engine = _engine(args)
    try:
        generation, _ = engine.generation_names()
    finally:
        engine.close()
    found = load(config.index_dir(args.index), generation)
    if args.json:
        listed = {"generation": generation, "count": len(found), "duplicates": [asdict(d) for d in found]}
        print(json.dumps(listed, ensure_ascii=False, indent=2))
        return EXIT_OK
    print(f"{len(found):,} duplicates in generation {generation or '(none)'}")
    for duplicate in found:
        print(f"\n{duplicate.rule}: {duplicate.title}")
        print(f"  dropped  {duplicate.id}\n           read from {duplicate.origin}")
        print(f"  kept     {duplicate.kept_id}\n           read from {duplicate.kept_origin or '?'}")
    return EXIT_OK


def _run_names(args: argparse.Namespace) -> int:
    from dataclasses import asdict

    from indexer.names_merge import load_record

    index = config.index_dir(args.index)
    record = load_record(index)
    merges = sorted(
        record.merges, key=lambda m: (-m.canonical_count, m.canonical, -m.variant_count, m.variant)
    )
    if args.json:
        listed = {
            "generation": record.generation,
            "merges": [asdict(merge) for merge in merges],
            "kept_apart": [list(pair) for pair in record.kept_apart],
            "dropped": record.dropped,
        }
        print(json.dumps(listed, ensure_ascii=False, indent=2))
        return EXIT_OK
    if record.generation is None:
        print(f"no name merges recorded in {index}: no indexing run has written it yet")
        return EXIT_OK
    print(f"{len(merges):,} names merged into another by the run that wrote generation {record.generation}")
    for merge in merges:
        print(f"\n{merge.canonical} ({merge.canonical_count:,}) <= {merge.variant} ({merge.variant_count:,})")
        print(f"  {merge.rule}: {merge.evidence}")
    for variant, canonical in record.kept_apart:
        print(f"\nkept apart by the alias file: {variant} | {canonical}")
    if record.dropped:
        print(f"\n{len(record.dropped):,} names dropped as no person:")
        for name, reason in sorted(record.dropped.items()):
            print(f"  {name}: {reason}")
    return EXIT_OK


def _run_audit(args: argparse.Namespace) -> int:
    from indexer.audit import audit

    paths = config.corpus_paths(args.paths)
    missing = [str(p) for p in paths if not p.exists()]
    if missing:
        print(f"no such file or folder: {', '.join(missing)}", file=sys.stderr)
        return EXIT_ERROR
    engine = _engine(args)
    try:
        result = audit(engine, config.index_dir(args.index), paths, args.workers, reread=args.reread)
    finally:
        engine.close()
    for record in result.unaccounted:
        print(f"not accounted for: {record.origin} ({record.id}): {record.why}")
    if result.orphans:
        print(f"note: {len(result.orphans)} live articles from these paths match no record read now")
    print(result.line())
    return EXIT_OK if result.ok else EXIT_SKIPPED


def _run_rollback(args: argparse.Namespace) -> int:
    from indexer.lock import LockBusy, WriteLock

    state_dir = config.index_dir(args.index)
    engine = _engine(args)
    try:
        with WriteLock(state_dir, "rollback"):
            name = engine.rollback()
    except LockBusy as busy:
        print(f"broadsheet: {busy}", file=sys.stderr)
        return EXIT_BUSY
    except (RuntimeError, FileNotFoundError) as error:
        print(f"broadsheet: cannot roll back: {error}", file=sys.stderr)
        return EXIT_ERROR
    print(f"generation {name} is live again")
    return EXIT_OK


def _run_evaluate(args: argparse.Namespace) -> int:
    from indexer.evaluation import evaluate, format_report

    shared = Path(args.shared) if args.shared else Path(__file__).resolve().parents[2] / "shared"
    if not shared.is_dir():
        print(f"broadsheet: no shared corpora at {shared}; pass --shared DIR", file=sys.stderr)
        return EXIT_ERROR
    pairs, archive = None, None
    if args.name_pairs is not None:
        from indexer.evaluation.name_pairs import DEFAULT_PATH

        pairs = Path(args.name_pairs) if args.name_pairs else DEFAULT_PATH
        if not pairs.is_file():
            print(f"broadsheet: no name pairs at {pairs}", file=sys.stderr)
            return EXIT_ERROR
    if pairs is not None or args.index is not None or args.engine is not None:
        # An index named on the command line is read for the organisations as stored too.
        archive = _engine(args)
    try:
        report = evaluate(shared, split=args.split, name_pairs=pairs, archive=archive)
    except ValueError as error:
        print(f"broadsheet: {error}", file=sys.stderr)
        return EXIT_ERROR
    finally:
        if archive is not None:
            archive.close()
    print(format_report(report))
    return EXIT_OK


if __name__ == "__main__":
    sys.exit(main())
