"""The ``lawgov`` command line: it parses the arguments and dispatches to the library; nothing else.

Bad input and operating-system errors give a one-line message naming the file and the problem, never
a traceback (unless ``--debug``); in a batch the other reports still complete. Exit status: 0 all
went well, 1 some report, path or check failed (or was skipped for a fault), 2 a usage error.
"""

from __future__ import annotations

import argparse
import io
import os
import re
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from . import __version__
from .errors import LawgovError
from .schema import TABLES

if TYPE_CHECKING:
    from .output.batch import Found, Source
    from .output.build import Written

SIZE_UNITS = {"": 1, "K": 2**10, "M": 2**20, "G": 2**30}


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="lawgov", description="Turn Chinese government progress reports into data.")
    parser.add_argument("--version", action="version", version=f"lawgov {__version__}")
    parser.add_argument("--debug", action="store_true", help="show the full traceback on errors")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    build = commands.add_parser(
        "build",
        help="write every table and figure for reports (the seed by default)",
        description="Without a source, the seed shipped with lawgov is written into data/ (or --out). A source "
        "needs --out: one file is written into it as it is; several reports (or a folder) get a folder each, "
        "plus every table for all of them with a 'report' column and an index, reports.csv. The output folder "
        "changes all at once when the build is complete; one build per folder at a time.",
    )
    build.add_argument("sources", nargs="*", metavar="SOURCE", help="report files or folders (searched recursively)")
    build.add_argument("--out", help="output folder (needed with a SOURCE; the seed's default is data)")
    build.add_argument("--no-figures", dest="figures", action="store_false", help="write tables only, no charts")
    build.add_argument(
        "--dask", metavar="ADDRESS", help="send the reports to the workers of a Dask scheduler (tcp://host:8786); "
        "needs pip install 'lawgov[dask]' here and on the workers, and paths the workers can read",
    )  # fmt: skip
    build.add_argument(
        "--parquet", action="store_true", help="also write the combined tables as partitioned Parquet (out/parquet/)"
    )
    build.set_defaults(usage=build.error)
    _common(build)

    extract = commands.add_parser(
        "extract",
        help="print one table for reports, for shell pipelines",
        description="One table for all the reports given, with a 'report' column first.",
    )
    extract.add_argument("sources", nargs="+", metavar="SOURCE", help="report files or folders (searched recursively)")
    extract.add_argument("--table", choices=TABLES, default="quantities", help="which table (default: quantities)")
    extract.add_argument("--format", choices=("csv", "json"), default="csv", help="output format (default: csv)")
    extract.add_argument("-o", "--output", metavar="FILE", help="write to FILE (atomically) instead of stdout")
    _common(extract)

    check = commands.add_parser(
        "validate",
        help="check a data folder written by build; exit 1 if any check fails",
        description="Check a report's data folder, or a batch folder: each report's folder, the combined "
        "tables and the index reports.csv.",
    )
    check.add_argument("folder", nargs="?", default="data", help="the data folder (default: data)")
    return parser


def _common(parser: argparse.ArgumentParser) -> None:
    def positive(value: str) -> int:
        if not value.isdigit() or int(value) < 1:
            raise argparse.ArgumentTypeError(f"must be a whole number ≥ 1, not {value!r}")
        return int(value)

    def size(value: str) -> int:
        m = re.fullmatch(r"([0-9]+)\s*([kKmMgG]?)[bB]?", value.strip())
        if not m or int(m[1]) < 1:
            raise argparse.ArgumentTypeError(f"must be a size such as 50MB, 200KB or 1000000 (bytes), not {value!r}")
        return int(m[1]) * SIZE_UNITS[m[2].upper()]

    parser.add_argument("-j", "--jobs", type=positive, default=1, metavar="N", help="spread reports over N processes")
    parser.add_argument(
        "--max-size", type=size, default=None, metavar="SIZE", help="refuse inputs larger than SIZE (default: 50MB)"
    )


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
    except BrokenPipeError:  # `lawgov extract … | head`: the reader has all it wanted
        sys.stdout = open(os.devnull, "w")  # replaces the broken stream, which Python flushes at exit
        return 1
    except OSError as exc:  # one the library did not name: still one line
        if args.debug:
            raise
        _error(f"{exc.filename or 'lawgov'}: {exc.strerror or exc}")
        return 1
    except KeyboardInterrupt:
        _error("interrupted")
        return 130


def _error(message: str) -> None:
    print(f"lawgov: error: {message}", file=sys.stderr)


def _say(message: str) -> None:
    print(f"lawgov: {message}", file=sys.stderr)


def _max_size(args: argparse.Namespace) -> int:
    from .source.reading import MAX_SIZE

    return args.max_size or MAX_SIZE


def _build(args: argparse.Namespace) -> int:
    from .genre.seed import default_seed
    from .genre.vocabulary import vocabulary
    from .output.batch import build_many
    from .output.build import report_files, write_files

    if not args.sources:
        out = args.out or "data"
        written = write_files(report_files(default_seed(), vocabulary(), args.figures, _max_size(args)), out)
        _say(f"wrote {len(written.paths)} files to {out}{_removals(written, args.figures)}")
        return 0
    if args.out is None:
        args.usage("a SOURCE needs --out (only the seed, built without a SOURCE, is written to data/)")
    found = _discover(args.sources, args.out)
    if not found.sources:
        return 1
    if len(args.sources) == 1 and not Path(args.sources[0]).is_dir() and not (args.dask or args.parquet):
        files = report_files(found.sources[0].path, vocabulary(), args.figures, _max_size(args))
        written = write_files(files, args.out)
        _say(f"wrote {len(written.paths)} files to {args.out}{_removals(written, args.figures)}")
        return 0
    written = build_many(
        found.sources, Path(args.out), vocab=vocabulary(), figures=args.figures, jobs=_jobs(args, found.sources),
        max_size=_max_size(args), debug=args.debug, on_error=_error, scheduler=args.dask, parquet=args.parquet,
    )  # fmt: skip
    skipped = f", {len(found.skipped)} skipped" if found.skipped else ""
    summary = f"{len(found.sources) - written.failed} reports written to {args.out}, {written.failed} failed{skipped}"
    _say(summary + _removals(written, args.figures))
    return 1 if written.failed or _faults(found) else 0


def _discover(sources: list[str], *skip: str | None) -> Found:
    """The reports of ``sources``, every error and skipped path said in one line."""
    from .output.batch import discover

    found = discover(sources, [s for s in skip if s])
    for error in found.errors:
        _error(str(error))
    for skipped in found.skipped:
        (_error if skipped.fault else _say)(str(skipped))
    return found


def _faults(found: Found) -> bool:
    return bool(found.errors) or any(s.fault for s in found.skipped)


def _jobs(args: argparse.Namespace, sources: list[Source]) -> int:
    from .output.batch import worker_count

    jobs = worker_count(args.jobs, len(sources))
    if jobs < min(args.jobs, len(sources)):
        _say(f"--jobs {args.jobs} is more than this machine can use: running {jobs} processes")
    return jobs


def _removals(written: Written, figures: bool) -> str:
    """What became of the previous build's files, for the summary line."""
    figures_removed = [r for r in written.removed if r.rpartition("/")[0].endswith("figures")]
    note = ""
    if written.kept:
        note += f"; kept the {len(written.kept)} figures of the previous build (its tables are unchanged)"
    if figures_removed and not figures:
        note += f"; removed the {len(figures_removed)} figures of the previous build (they showed other tables)"
    others = len(written.removed) - (len(figures_removed) if not figures else 0)
    if others:
        note += f"; removed {others} file{'s' if others > 1 else ''} of the previous build it no longer has"
    return note


def _extract(args: argparse.Namespace) -> int:
    from .genre.vocabulary import vocabulary
    from .output.batch import extract_many

    if args.output and Path(args.output).is_dir():
        raise LawgovError("is a folder: -o needs a file name", args.output)
    found = _discover(args.sources, args.output)
    sink = io.StringIO() if args.output else sys.stdout
    failed = extract_many(
        found.sources, args.table, sink, vocab=vocabulary(), format=args.format, jobs=_jobs(args, found.sources),
        max_size=_max_size(args), debug=args.debug, on_error=_error,
    )  # fmt: skip
    if args.output and failed < len(found.sources):  # nothing extracted: leave the previous file as it was
        from .output.files import write_atomic

        write_atomic(args.output, sink.getvalue())
    return 1 if failed or _faults(found) or not found.sources else 0


def _validate(folder: str) -> int:
    from .check.validate import validate

    checks = validate(folder)
    if "report" not in checks:
        for row in checks.itertuples():
            print(_check_line(row))
    else:  # a batch: one line per report that passed, every failed check in full
        for report, group in checks.groupby("report", sort=False):
            if report and group["passed"].all():
                print(f"ok   {report}: {len(group)} checks")
                continue
            for row in group.itertuples():
                print(_check_line(row, f"{report}: " if report else ""))
    failed = int((~checks["passed"]).sum())
    print(f"{len(checks) - failed} passed, {failed} failed")
    return 1 if failed else 0


def _check_line(row: tuple, prefix: str = "") -> str:
    mark = "ok  " if row.passed else "FAIL"
    return f"{mark} {prefix}{row.name} [{row.table}]" + ("" if row.passed else f": {row.violations} — {row.detail}")


if __name__ == "__main__":
    sys.exit(main())
