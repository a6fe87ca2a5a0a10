"""Many reports at once: find them in files and folders, process them in parallel, report progress.

A source is a file or a folder (searched recursively for text and HTML files). Each report is
processed on its own, so one bad file costs only itself: its error is collected and the others
complete. Results come back in the order of the sources, whatever ``jobs`` is, so output is the
same for any number of processes.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING, Any, TextIO

if TYPE_CHECKING:
    import pandas as pd

    from ..genre.vocabulary import Vocabulary

from ..errors import LawgovError

REPORT_SUFFIXES = (".txt", ".text", ".htm", ".html", ".shtml", ".xhtml")


@dataclass(frozen=True)
class Source:
    """One report to read: its path and the id it gets in tables (its path inside the folder given)."""

    path: Path
    id: str


def discover(sources: Iterable[str | os.PathLike[str]]) -> tuple[list[Source], list[LawgovError]]:
    """The reports named by ``sources`` (files, or folders searched recursively) and the errors met.

    A missing path or a folder with no reports is an error of its own; the other sources still count.
    """
    found: list[Source] = []
    errors: list[LawgovError] = []
    for source in sources:
        path = Path(source)
        if path.is_dir():
            files = sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in REPORT_SUFFIXES)
            if not files:
                errors.append(
                    LawgovError(f"no reports found in folder (looked for {', '.join(REPORT_SUFFIXES)})", str(path))
                )
            found += [Source(p, p.relative_to(path).as_posix()) for p in files]
        elif path.exists():
            found.append(Source(path, path.name))
        else:
            errors.append(LawgovError("no such file or folder", str(path)))
    return _unique_ids(found), errors


def _unique_ids(sources: list[Source]) -> list[Source]:
    seen: dict[str, int] = {}
    unique = []
    for s in sources:
        n = seen.get(s.id, 0)
        seen[s.id] = n + 1
        unique.append(s if n == 0 else Source(s.path, f"{s.id}~{n + 1}"))
    return unique


@dataclass(frozen=True)
class Outcome:
    """What processing one report gave: a result, or the one-line error that stopped it."""

    source: Source
    result: Any = None
    error: str | None = None


def _run_one(task: Callable[[Source], Any], source: Source, debug: bool) -> Outcome:
    try:
        return Outcome(source, task(source))
    except LawgovError as exc:
        return Outcome(source, error=str(exc))
    except Exception as exc:  # a bug must not cost the other reports; --debug shows the traceback
        if debug:
            raise
        return Outcome(source, error=f"{source.path}: internal error: {type(exc).__name__}: {exc} (rerun with --debug)")


def run(task: Callable[[Source], Any], sources: list[Source], jobs: int = 1, debug: bool = False) -> Iterator[Outcome]:
    """``task`` applied to every source, in order; ``jobs`` > 1 spreads the reports over processes."""
    if jobs <= 1 or len(sources) <= 1:
        for source in sources:
            yield _run_one(task, source, debug)
        return
    from concurrent.futures import ProcessPoolExecutor
    from functools import partial

    with ProcessPoolExecutor(max_workers=jobs) as pool:
        yield from pool.map(partial(_run_one, task, debug=debug), sources, chunksize=4)


class Progress:
    """A one-line progress bar on a terminal's stderr; silent when stderr is not a terminal or the batch is small."""

    def __init__(self, total: int, stream: TextIO | None = None, minimum: int = 4) -> None:
        self.total, self.done = total, 0
        self.stream = stream or sys.stderr
        self.active = total >= minimum and self.stream.isatty()

    def step(self, label: str = "") -> None:
        self.done += 1
        if self.active:
            width = 30
            filled = width * self.done // self.total
            self.stream.write(f"\r[{'#' * filled}{'.' * (width - filled)}] {self.done}/{self.total} {label[:40]:<40}")
            self.stream.flush()

    def close(self) -> None:
        if self.active:
            self.stream.write("\n")
            self.stream.flush()


def report_folder(source_id: str) -> str:
    """The output folder of a report: its id without the file suffix (a/b/x.html → a/b/x)."""
    path = PurePosixPath(source_id)
    return str(path.with_suffix("")) if path.suffix else str(path)


def _build_task(vocab: Vocabulary, figures: bool, source: Source) -> dict[str, str | bytes]:
    from .build import report_files

    return report_files(source.path, vocab, figures)


def build_many(
    sources: list[Source],
    out: Path,
    *,
    vocab: Vocabulary,
    figures: bool = True,
    jobs: int = 1,
    debug: bool = False,
    on_error: Callable[[str], None] = print,
) -> int:
    """Build every report into its own folder under ``out``, plus every table for all of them with a
    ``report`` column and the index ``reports.csv``; return how many reports failed."""
    from functools import partial

    import pandas as pd

    from .build import write_files
    from .files import write_atomic
    from .writers import CombinedTables, table_csv

    progress = Progress(len(sources))
    combined = CombinedTables(out)
    index, failed = [], 0
    try:
        for outcome in run(partial(_build_task, vocab, figures), sources, jobs, debug):
            sid = outcome.source.id
            if outcome.error:
                failed += 1
                on_error(outcome.error)
                index.append((sid, "", "error", outcome.error))
            else:
                folder = report_folder(sid)
                write_files(outcome.result, out / folder)
                combined.add(sid, outcome.result)
                index.append((sid, folder, "ok", ""))
            progress.step(sid)
        progress.close()
        combined.commit()
    finally:
        combined.discard()
    table = pd.DataFrame(index, columns=["report", "folder", "status", "message"])
    write_atomic(out / "reports.csv", table_csv(table))
    return failed


def _table_task(table: str, vocab: Vocabulary, source: Source) -> pd.DataFrame:
    from ..extract.tables import Analysis
    from ..source.loading import load

    df = Analysis(load(source.path), vocab).table(table)
    df.insert(0, "report", source.id)
    return df


def extract_many(
    sources: list[Source],
    table: str,
    sink: TextIO,
    *,
    vocab: Vocabulary,
    format: str = "csv",
    jobs: int = 1,
    debug: bool = False,
    on_error: Callable[[str], None] = print,
) -> int:
    """Write table ``table`` of every report to ``sink`` as CSV or JSON, a ``report`` column first;
    return how many reports failed."""
    from functools import partial

    from .writers import json_records, table_csv

    progress = Progress(len(sources))
    failed, first = 0, True
    if format == "json":
        sink.write("[")
    for outcome in run(partial(_table_task, table, vocab), sources, jobs, debug):
        if outcome.error:
            failed += 1
            on_error(outcome.error)
        elif format == "csv":
            sink.write(table_csv(outcome.result, header=first))
            first = False
        else:
            for record in json_records(outcome.result):
                sink.write(("\n" if first else ",\n") + record)
                first = False
        progress.step(outcome.source.id)
    progress.close()
    if format == "json":
        sink.write("\n]\n" if not first else "]\n")
    return failed
