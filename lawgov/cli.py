"""The ``lawgov`` command line: it parses the arguments and dispatches to the library; nothing else.

Bad input gives a one-line message naming the file and the problem, never a traceback (unless
``--debug``); in a batch the other reports still complete. Exit status: 0 all went well, 1 some
report or check failed, 2 a usage error.
"""

from __future__ import annotations

import argparse
import io
import sys
from pathlib import Path

from . import __version__
from .errors import LawgovError
from .schema import TABLES


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="lawgov", description="Turn Chinese government progress reports into data.")
    parser.add_argument("--version", action="version", version=f"lawgov {__version__}")
    parser.add_argument("--debug", action="store_true", help="show the full traceback on errors")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    build = commands.add_parser(
        "build",
        help="write every table and figure for reports (the seed by default)",
        description="Without a source, the seed shipped with lawgov is written into data/. One file is written "
        "into --out as it is; several reports (or a folder) get a folder each under --out, plus every table "
        "for all of them with a 'report' column and an index, reports.csv.",
    )
    build.add_argument("sources", nargs="*", metavar="SOURCE", help="report files or folders (searched recursively)")
    build.add_argument("--out", default="data", help="output folder (default: data)")
    build.add_argument("--no-figures", dest="figures", action="store_false", help="write tables only, no charts")
    _jobs(build)

    extract = commands.add_parser(
        "extract",
        help="print one table for reports, for shell pipelines",
        description="One table for all the reports given, with a 'report' column first.",
    )
    extract.add_argument("sources", nargs="+", metavar="SOURCE", help="report files or folders (searched recursively)")
    extract.add_argument("--table", choices=TABLES, default="quantities", help="which table (default: quantities)")
    extract.add_argument("--format", choices=("csv", "json"), default="csv", help="output format (default: csv)")
    extract.add_argument("-o", "--output", metavar="FILE", help="write to FILE (atomically) instead of stdout")
    _jobs(extract)

    check = commands.add_parser("validate", help="check a data folder written by build; exit 1 if any check fails")
    check.add_argument("folder", nargs="?", default="data", help="the data folder (default: data)")
    return parser


def _jobs(parser: argparse.ArgumentParser) -> None:
    def positive(value: str) -> int:
        if not value.isdigit() or int(value) < 1:
            raise argparse.ArgumentTypeError(f"must be a whole number ≥ 1, not {value!r}")
        return int(value)

    parser.add_argument("-j", "--jobs", type=positive, default=1, metavar="N", help="spread reports over N processes")


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    try:
        if args.command == "build":
            return _build(args)
        if args.command == "extract":
            return _extract(args)
        return _validate(args.folder)
    except LawgovError as exc:
        if args.debug:
            raise
        _error(str(exc))
        return 1
    except KeyboardInterrupt:
        _error("interrupted")
        return 130


def _error(message: str) -> None:
    print(f"lawgov: error: {message}", file=sys.stderr)


def _build(args: argparse.Namespace) -> int:
    from .genre.vocabulary import vocabulary
    from .output.batch import build_many, discover
    from .output.build import build

    if not args.sources:
        written = build(out=args.out, figures=args.figures)
        print(f"lawgov: wrote {len(written)} files to {args.out}", file=sys.stderr)
        return 0
    sources, errors = discover(args.sources)
    for error in errors:
        _error(str(error))
    if len(args.sources) == 1 and len(sources) == 1 and not Path(args.sources[0]).is_dir():
        written = build(sources[0].path, args.out, figures=args.figures)
        print(f"lawgov: wrote {len(written)} files to {args.out}", file=sys.stderr)
        return 1 if errors else 0
    out = Path(args.out)
    failed = build_many(
        sources, out, vocab=vocabulary(), figures=args.figures, jobs=args.jobs, debug=args.debug, on_error=_error
    )
    print(f"lawgov: {len(sources) - failed} reports written to {out}, {failed} failed", file=sys.stderr)
    return 1 if errors or failed or not sources else 0


def _extract(args: argparse.Namespace) -> int:
    from .genre.vocabulary import vocabulary
    from .output.batch import discover, extract_many

    sources, errors = discover(args.sources)
    for error in errors:
        _error(str(error))
    sink = io.StringIO() if args.output else sys.stdout
    failed = extract_many(
        sources, args.table, sink, vocab=vocabulary(), format=args.format, jobs=args.jobs, debug=args.debug,
        on_error=_error,
    )  # fmt: skip
    if args.output and failed < len(sources):  # nothing extracted: leave the previous file as it was
        from .output.files import write_atomic

        write_atomic(args.output, sink.getvalue())
    return 1 if failed or errors or not sources else 0


def _validate(folder: str) -> int:
    from .check.validate import validate

    checks = validate(folder)
    for row in checks.itertuples():
        mark = "ok  " if row.passed else "FAIL"
        print(f"{mark} {row.name} [{row.table}]" + ("" if row.passed else f": {row.violations} — {row.detail}"))
    failed = int((~checks["passed"]).sum())
    print(f"{len(checks) - failed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
