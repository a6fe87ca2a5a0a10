"""The ``lawgov`` command line.

Bad input gives a one-line message naming the file and the problem, never a traceback (unless
``--debug``); in a batch the other reports still complete. Exit status: 0 all went well, 1 some
report or check failed, 2 a usage error.
"""

from __future__ import annotations

import argparse
import io
import json
import os
import sys
from decimal import Decimal
from pathlib import Path, PurePosixPath
from typing import Any

from . import __version__
from .errors import LawgovError

TABLE_NAMES = ("quantities", "changes", "dates", "entities", "outline", "keywords")


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
    extract.add_argument("--table", choices=TABLE_NAMES, default="quantities", help="which table (default: quantities)")
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
    from .batch import discover
    from .build import build

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
    failed = _build_many(sources, Path(args.out), args)
    return 1 if errors or failed or not sources else 0


def _report_folder(source_id: str) -> str:
    """The output folder of a report: its id without the file suffix (a/b/x.html → a/b/x)."""
    path = PurePosixPath(source_id)
    return str(path.with_suffix("")) if path.suffix else str(path)


def _build_task(figures: bool, source: Any) -> dict[str, str | bytes]:
    from .build import report_files

    return report_files(source.path, figures)


def _build_many(sources: list, out: Path, args: argparse.Namespace) -> int:
    """Build every report into its own folder and every table for all of them; return how many failed."""
    from functools import partial

    import pandas as pd

    from .batch import Progress, run
    from .build import write_files
    from .files import write_atomic

    progress = Progress(len(sources))
    combined = _CombinedTables(out)
    index, failed = [], 0
    try:
        for outcome in run(partial(_build_task, args.figures), sources, args.jobs, args.debug):
            sid = outcome.source.id
            if outcome.error:
                failed += 1
                _error(outcome.error)
                index.append((sid, "", "error", outcome.error))
            else:
                folder = _report_folder(sid)
                write_files(outcome.result, out / folder)
                combined.add(sid, outcome.result)
                index.append((sid, folder, "ok", ""))
            progress.step(sid)
        progress.close()
        combined.commit()
    finally:
        combined.discard()
    table = pd.DataFrame(index, columns=["report", "folder", "status", "message"])
    write_atomic(out / "reports.csv", table.to_csv(index=False, lineterminator="\n"))
    print(f"lawgov: {len(sources) - failed} reports written to {out}, {failed} failed", file=sys.stderr)
    return failed


class _CombinedTables:
    """Tables of all reports with a 'report' column, streamed to temporary files and renamed at the end."""

    def __init__(self, out: Path) -> None:
        self.out = out
        self.files: dict[str, tuple[Path, Any]] = {}

    def add(self, report: str, files: dict[str, str | bytes]) -> None:
        import csv

        for name in TABLE_NAMES:
            text = files.get(f"{name}.csv")
            if not isinstance(text, str):
                continue
            header, _, body = text.partition("\n")
            if name not in self.files:
                self.out.mkdir(parents=True, exist_ok=True)
                tmp = self.out / f".{name}.csv.tmp"
                handle = open(tmp, "w", encoding="utf-8", newline="")
                handle.write("report," + header + "\n")
                self.files[name] = (tmp, handle)
            handle = self.files[name][1]
            quoted = io.StringIO()
            csv.writer(quoted, lineterminator="").writerow([report])
            prefix = quoted.getvalue() + ","
            for line in _csv_records(body):
                handle.write(prefix + line + "\n")

    def commit(self) -> None:
        for name, (tmp, handle) in self.files.items():
            handle.close()
            os.replace(tmp, self.out / f"{name}.csv")
        self.files = {}

    def discard(self) -> None:
        for tmp, handle in self.files.values():
            handle.close()
            tmp.unlink(missing_ok=True)
        self.files = {}


def _csv_records(body: str) -> list[str]:
    """The records of CSV text without its header, each as one string (quoted newlines stay inside)."""
    import csv

    records, out = csv.reader(io.StringIO(body)), []
    for row in records:
        buffer = io.StringIO()
        csv.writer(buffer, lineterminator="").writerow(row)
        out.append(buffer.getvalue())
    return out


def _table_task(table: str, source: Any) -> Any:
    from .report import load
    from .tables import report_tables

    df = report_tables(load(source.path), [table])[table]
    df.insert(0, "report", source.id)
    return df


def _extract(args: argparse.Namespace) -> int:
    from functools import partial

    from .batch import Progress, discover, run

    sources, errors = discover(args.sources)
    for error in errors:
        _error(str(error))
    sink = io.StringIO() if args.output else sys.stdout
    progress = Progress(len(sources))
    failed, first = 0, True
    if args.format == "json":
        sink.write("[")
    for outcome in run(partial(_table_task, args.table), sources, args.jobs, args.debug):
        if outcome.error:
            failed += 1
            _error(outcome.error)
        else:
            df = outcome.result
            if args.format == "csv":
                sink.write(df.to_csv(index=False, header=first, lineterminator="\n"))
                first = False
            else:
                for record in df.to_dict("records"):
                    sink.write(("\n" if first else ",\n") + json.dumps(record, ensure_ascii=False, default=_json_value))
                    first = False
        progress.step(outcome.source.id)
    progress.close()
    if args.format == "json":
        sink.write("\n]\n" if not first else "]\n")
    if args.output and failed < len(sources):  # nothing extracted: leave the previous file as it was
        from .files import write_atomic

        write_atomic(args.output, sink.getvalue())
    return 1 if failed or errors or not sources else 0


def _json_value(value: Any) -> Any:
    """Decimals as JSON numbers when a float holds them exactly, else as strings; missing as null."""
    if isinstance(value, Decimal):
        if value == value.to_integral_value() and abs(value) < 2**53:
            return int(value)
        as_float = float(value)
        return as_float if Decimal(repr(as_float)) == value else str(value)
    if value is None or value != value:
        return None
    if hasattr(value, "item"):
        return value.item()
    return str(value)


def _validate(folder: str) -> int:
    from .validate import validate

    checks = validate(folder)
    for row in checks.itertuples():
        mark = "ok  " if row.passed else "FAIL"
        print(f"{mark} {row.name} [{row.table}]" + ("" if row.passed else f": {row.violations} — {row.detail}"))
    failed = int((~checks["passed"]).sum())
    print(f"{len(checks) - failed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
