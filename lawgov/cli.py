"""The ``lawgov`` command line. Bad input gives a one-line message and exit status 1, usage errors 2."""

from __future__ import annotations

import argparse
import sys

from . import __version__
from .errors import LawgovError


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="lawgov", description="Turn a Chinese government progress report into data.")
    parser.add_argument("--version", action="version", version=f"lawgov {__version__}")
    parser.add_argument("--debug", action="store_true", help="show the full traceback on errors")
    commands = parser.add_subparsers(dest="command", required=True)
    build = commands.add_parser("build", help="write every dataset for a report (the seed by default)")
    build.add_argument("source", nargs="?", help="a report file (default: the seed shipped with lawgov)")
    build.add_argument("--out", default="data", help="output folder (default: data)")
    check = commands.add_parser("validate", help="check a data folder written by build; exit 1 if any check fails")
    check.add_argument("folder", nargs="?", default="data", help="the data folder (default: data)")
    return parser


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    try:
        if args.command == "build":
            from .build import build

            written = build(args.source, args.out)
            print(f"lawgov: wrote {len(written)} files to {args.out}", file=sys.stderr)
        elif args.command == "validate":
            return _validate(args.folder)
        return 0
    except LawgovError as exc:
        if args.debug:
            raise
        print(f"lawgov: error: {exc}", file=sys.stderr)
        return 1


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
