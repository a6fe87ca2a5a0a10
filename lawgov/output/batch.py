"""Many reports at once: find them in files and folders, name them, process them in parallel, report progress.

A source is a file or a folder (searched recursively for text and HTML files). Each report is
processed on its own, so one bad file costs only itself: its error is collected and the others
complete. Results come back in the order of the sources, whatever ``jobs`` is, so output is the
same for any number of processes.

Names: a report's id (its ``report`` value in tables) is its path relative to the folder it was
found in (its file name when given as a file); its output folder is that path without the suffix,
each part made safe to create. Both are unique: a clash gets ``~`` and eight hex digits of a hash of
the report's path, so the same inputs give the same names on every run.
"""

from __future__ import annotations

import errno
import hashlib
import os
import re
import stat
import sys
import unicodedata
from collections.abc import Callable, Iterable, Iterator
from contextlib import closing, contextmanager
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

if TYPE_CHECKING:
    import pandas as pd

    from ..genre.vocabulary import Vocabulary
    from .build import Written

from ..check.validate import INDEX, INDEX_COLUMNS, REPORT_FILES
from ..errors import LawgovError
from ..schema import TABLES
from ..source.reading import MAX_SIZE
from .files import STAGING
from .parquet import ArrowTables, ParquetTables, arrow_tables

REPORT_SUFFIXES = (".txt", ".text", ".htm", ".html", ".shtml", ".xhtml")


@dataclass(frozen=True)
class Source:
    """One report to read: its path, its id in tables and its folder under ``--out``."""

    path: Path
    id: str
    folder: str = ""


@dataclass(frozen=True)
class Skipped:
    """A path discovery passed over and why; ``fault`` when it is something wrong (not a lawgov output)."""

    path: Path
    why: str
    fault: bool = True

    def __str__(self) -> str:
        return f"{self.path}: skipped, {self.why}"


@dataclass
class Found:
    """What :func:`discover` found: the reports, the sources that gave none, the paths passed over."""

    sources: list[Source] = field(default_factory=list)
    errors: list[LawgovError] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)


# ---------------------------------------------------------------------------------------------------
# Discovery


def discover(sources: Iterable[str | os.PathLike[str]], skip: Iterable[str | os.PathLike[str]] = ()) -> Found:
    """The reports named by ``sources`` (files, or folders searched recursively), named and unique.

    A missing path or a folder with no reports is an error of its own; the other sources still count.
    In folders, lawgov's own outputs (a folder with lawgov's datapackage.json, a staging folder, the
    folders in ``skip`` such as ``--out``) are never read; links are followed; a dangling link, a FIFO
    or device with a report's suffix, an unreadable folder and a link loop are skipped as faults.
    """
    found = Found()
    never = {_real(p) for p in skip}
    reports: list[tuple[Path, str]] = []
    for source in sources:
        path = Path(source)
        if path.is_dir():
            before = len(reports)
            _walk(path, "", frozenset(), never, reports, found.skipped)
            if len(reports) == before and not any(s.path == path for s in found.skipped):
                suffixes = ", ".join(REPORT_SUFFIXES)
                found.errors.append(LawgovError(f"no reports found in folder (looked for {suffixes})", str(path)))
        elif path.exists():
            reports.append((path, path.name))
        elif path.is_symlink():
            found.errors.append(LawgovError("a link to nothing", str(path)))
        else:
            found.errors.append(LawgovError("no such file or folder", str(path)))
    found.sources = name_reports(reports)
    return found


def _real(path: str | os.PathLike[str]) -> Path:
    return Path(os.path.realpath(path))


def _walk(
    folder: Path, rel: str, above: frozenset, never: set[Path], reports: list[tuple[Path, str]], skipped: list[Skipped]
) -> None:
    """Add the reports under ``folder`` (``rel`` is its path from the source) in name order."""
    from .build import is_output_folder

    if rel and _real(folder) in never:
        skipped.append(Skipped(folder, "the output folder of this run", fault=False))
        return
    if is_output_folder(folder) or folder.name.startswith(STAGING):
        skipped.append(Skipped(folder, "a lawgov output folder", fault=False))
        return
    try:
        info = folder.stat()
        identity = (info.st_dev, info.st_ino)
        entries = sorted(os.scandir(folder), key=lambda e: e.name)
    except OSError as exc:
        skipped.append(Skipped(folder, f"cannot read the folder: {exc.strerror or exc}"))
        return
    if identity in above:
        skipped.append(Skipped(folder, "a link back to a folder it is in (a loop)"))
        return
    for entry in entries:
        path, name = Path(entry.path), rel + entry.name
        try:
            mode = os.stat(path).st_mode  # follows links
        except OSError as exc:
            if _is_report_name(entry.name) or exc.errno == errno.ELOOP:
                why = {errno.ENOENT: "a link to nothing", errno.ELOOP: "a link loop"}.get(exc.errno, exc.strerror)
                skipped.append(Skipped(path, why or str(exc)))
            continue
        if stat.S_ISDIR(mode):
            _walk(path, name + "/", above | {identity}, never, reports, skipped)
        elif _is_report_name(entry.name):
            if stat.S_ISREG(mode):
                reports.append((path, name))
            else:
                skipped.append(Skipped(path, f"not a regular file ({_kind(mode)})"))


def _is_report_name(name: str) -> bool:
    return name.lower().endswith(REPORT_SUFFIXES)


def _kind(mode: int) -> str:
    kinds = ((stat.S_ISFIFO, "a FIFO"), (stat.S_ISSOCK, "a socket"), (stat.S_ISCHR, "a character device"))
    return next((label for test, label in kinds if test(mode)), "a device")


# ---------------------------------------------------------------------------------------------------
# Names

#: Names lawgov writes inside an output folder: a report's folder never takes one of them.
RESERVED = {name.casefold() for name in (*REPORT_FILES, "figures", INDEX)}
MAX_PART = 100  # bytes of one part of a folder name (file systems allow 255)
MAX_ID = 600  # bytes of a report id
_UNSAFE = re.compile(r'[\\/:*?"<>|]')


def name_reports(found: list[tuple[Path, str]]) -> list[Source]:
    """Sources with ids and folders for (path, path relative to its source) pairs, each unique.

    >>> [(s.id, s.folder) for s in name_reports([(Path("a/r.txt"), "r.txt"), (Path("b/r.html"), "r.html")])]
    [('r.txt', 'r'), ('r.html', 'r~3b08ac21')]
    """
    ids: set[str] = set()
    folders: set[str] = set()
    named = []
    for path, rel in found:
        report = _unique(_bounded(_visible(rel), MAX_ID), path, ids, str)
        folder = _unique(report_folder(rel), path, folders, _folded)
        named.append(Source(path, report, folder))
    return named


def report_folder(rel: str) -> str:
    """The output folder of a report found at ``rel``: the path without its suffix, every part safe.

    >>> report_folder("a/b/x.html"), report_folder("...txt"), report_folder("reports.csv.txt")
    ('a/b/x', '_', 'reports.csv_')
    """
    *parents, name = rel.split("/")
    suffix = next((s for s in REPORT_SUFFIXES if name.lower().endswith(s) and len(name) > len(s)), "")
    return "/".join(safe_part(part) for part in [*parents, name[: len(name) - len(suffix)]])


def safe_part(part: str) -> str:
    """One part of a folder name, safe to create anywhere: no control, format or separator characters,
    not empty, ``.`` or ``..``, not hidden, not a name lawgov writes, at most :data:`MAX_PART` bytes.

    >>> safe_part(".."), safe_part(".hidden"), safe_part("figures"), safe_part("a:b\\u202e")
    ('_', '_hidden', 'figures_', 'a_b_')
    """
    cleaned = _UNSAFE.sub("_", _visible(unicodedata.normalize("NFC", part))).rstrip(" .")
    if cleaned.startswith("."):  # hidden, and lawgov's own .lawgov-* names
        cleaned = "_" + cleaned[1:]
    cleaned = cleaned or "_"
    if cleaned.casefold() in RESERVED:
        cleaned += "_"
    return _bounded(cleaned, MAX_PART)


def _visible(text: str) -> str:
    """``text`` with control and format characters and line separators as ``_``."""
    return "".join("_" if unicodedata.category(c) in ("Cc", "Cf", "Zl", "Zp") else c for c in text)


def _bounded(text: str, limit: int) -> str:
    """``text`` if it fits in ``limit`` bytes of UTF-8, else cut and ended with a hash of the whole.

    >>> _bounded("名" * 40, 60)
    '名名名名名名名名名名名名名名名名~f25cc71c'
    """
    data = text.encode("utf-8", "surrogateescape")
    if len(data) <= limit:
        return text
    return f"{data[: limit - 10].decode('utf-8', 'ignore')}~{_digest(text)}"


def _unique(name: str, path: Path, taken: set[str], key: Callable[[str], str]) -> str:
    candidate, n = name, 0
    while key(candidate) in taken:
        n += 1
        candidate = f"{name}~{_digest(f'{path}#{n}' if n > 1 else str(path))}"
    taken.add(key(candidate))
    return candidate


def _digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8", "surrogateescape")).hexdigest()[:8]


def _folded(folder: str) -> str:
    """Folders that one file system could not tell apart (case, Unicode form) are the same folder."""
    return unicodedata.normalize("NFC", folder).casefold()


# ---------------------------------------------------------------------------------------------------
# Running in parallel


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


def worker_count(jobs: int, reports: int) -> int:
    """Processes for a batch: ``jobs``, but at most one per report and two per CPU this process may use."""
    try:
        cpus = len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        cpus = os.cpu_count() or 1
    return max(1, min(jobs, reports, 2 * cpus))


def run(
    task: Callable[[Source], Any],
    sources: list[Source],
    jobs: int = 1,
    debug: bool = False,
    scheduler: str | None = None,
) -> Iterator[Outcome]:
    """``task`` applied to every source, in order; ``jobs`` > 1 spreads the reports over processes
    (see :func:`worker_count`), and a Dask ``scheduler`` address sends them to a cluster's workers
    instead (:func:`run_on_dask`). Stopping early (an error, Ctrl-C) kills the local workers."""
    if scheduler is not None:
        yield from run_on_dask(task, sources, scheduler, debug)
        return
    jobs = worker_count(jobs, len(sources))
    if jobs <= 1:
        for source in sources:
            yield _run_one(task, source, debug)
        return
    from concurrent.futures import ProcessPoolExecutor
    from concurrent.futures.process import BrokenProcessPool

    pool = ProcessPoolExecutor(max_workers=jobs, initializer=_watch_parent, initargs=(os.getpid(),))
    finished = False
    try:
        chunk = max(1, min(8, len(sources) // (jobs * 4)))
        with _ctrl_c_held_back():  # the workers start now (map submits every task): none dies of a Ctrl-C
            results = pool.map(partial(_run_one, task, debug=debug), sources, chunksize=chunk)
        yield from results
        finished = True
    except BrokenProcessPool:
        raise LawgovError("died (out of memory?); nothing was written", "a worker process") from None
    finally:
        workers = list((getattr(pool, "_processes", None) or {}).values())  # gone from the pool after shutdown
        if not finished:
            for process in workers:
                process.kill()
        pool.shutdown(wait=finished, cancel_futures=True)


def run_on_dask(
    task: Callable[[Source], Any], sources: list[Source], scheduler: str, debug: bool = False
) -> Iterator[Outcome]:
    """``task`` applied to every source on the workers of a Dask distributed scheduler (``tcp://host:8786``),
    the outcomes in the order of the sources whatever order the workers finish in.

    The workers must have lawgov installed and read the sources' paths: on a cluster, a shared
    filesystem. Each result leaves the cluster as soon as it has been taken.
    """
    try:
        from distributed import Client
    except ImportError:
        raise LawgovError(
            "running on a Dask cluster needs dask[distributed]: pip install 'lawgov[dask]'", "dask"
        ) from None
    try:
        client = Client(scheduler, timeout="10s", set_as_default=False)
    except (OSError, TimeoutError, ValueError) as exc:
        raise LawgovError(f"cannot reach the Dask scheduler: {exc}", scheduler) from None
    from distributed import as_completed

    with client:
        futures = client.map(partial(_run_one, task, debug=debug), sources, pure=False)
        order = {future.key: i for i, future in enumerate(futures)}
        done: dict[int, Outcome] = {}  # finished ahead of their turn
        turn = 0
        try:
            # Results are taken as they finish (one wait for many, not a round trip each) and given out in order.
            for future, outcome in as_completed(futures, loop=client.loop, with_results=True):
                done[order[future.key]] = outcome
                futures[order[future.key]] = None  # let the cluster forget it
                while turn in done:
                    yield done.pop(turn)
                    turn += 1
        finally:
            client.cancel([f for f in futures if f is not None])


@contextmanager
def _ctrl_c_held_back() -> Iterator[None]:
    """Hold back Ctrl-C while worker processes are forked: a worker forked now only takes note of it in
    its copy of the handler (until its initializer ignores it), and the parent gets it right after."""
    import signal
    import threading

    if threading.current_thread() is not threading.main_thread():
        yield
        return
    caught: list[int] = []
    previous = signal.signal(signal.SIGINT, lambda signum, frame: caught.append(signum))
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)
    if caught:
        raise KeyboardInterrupt


def _watch_parent(parent: int) -> None:
    """Worker initializer: leave Ctrl-C to the parent, and exit as soon as the parent is gone, so a
    killed build leaves no orphaned workers."""
    import signal
    import threading
    import time

    signal.signal(signal.SIGINT, signal.SIG_IGN)

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(0.2)
        os._exit(1)

    threading.Thread(target=watch, name="lawgov-watch-parent", daemon=True).start()


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


# ---------------------------------------------------------------------------------------------------
# Batches


@dataclass(frozen=True)
class Built:
    """One report built in a worker: its files, its rows of each combined table, and its tables for Parquet."""

    files: dict[str, str | bytes]
    combined: dict[str, str]
    arrow: ArrowTables | None


def _build_task(vocab: Vocabulary, figures: bool, max_size: int, parquet: bool, source: Source) -> Built:
    """One report's outputs, all made in the worker, so the parent only writes (nothing is parsed twice)."""
    from .build import files_of, read_source, table_rows
    from .writers import report_rows_csv

    report, sha256 = read_source(source.path, max_size)
    tables = table_rows(report, vocab)
    combined = {name: report_rows_csv(source.id, rows) for name, rows in tables.items()}
    arrow = arrow_tables(source.id, tables) if parquet else None
    return Built(files_of(report, tables, sha256, figures), combined, arrow)


def build_many(
    sources: list[Source],
    out: Path,
    *,
    vocab: Vocabulary,
    figures: bool = True,
    jobs: int = 1,
    max_size: int = MAX_SIZE,
    debug: bool = False,
    on_error: Callable[[str], None] = print,
    scheduler: str | None = None,
    parquet: bool = False,
) -> Written:
    """Build every report into its own folder under ``out``, plus every table for all of them with a
    ``report`` column and the index ``reports.csv``, as one transaction; with ``parquet`` (always with a
    Dask ``scheduler``) the combined tables also as partitioned Parquet (:mod:`lawgov.output.parquet`).

    When every report fails nothing is written (a :class:`LawgovError`); otherwise the files of the
    previous build that this one does not write are removed (figures as :func:`~.build.kept_figures` says).
    """
    from .build import Written, kept_figures, previous_files
    from .files import commit, transaction, write_file
    from .writers import CombinedTables, csv_text

    progress = Progress(len(sources))
    index, written, kept, failed = [], set(), [], 0
    parquet = parquet or scheduler is not None
    with transaction(out) as staging:
        combined = CombinedTables(staging)
        columnar = ParquetTables(staging) if parquet else None
        task = partial(_build_task, vocab, figures, max_size, parquet)
        try:
            with closing(run(task, sources, jobs, debug, scheduler)) as outcomes:
                for outcome in outcomes:
                    source = outcome.source
                    if outcome.error:
                        failed += 1
                        on_error(outcome.error)
                        index.append((source.id, "", str(source.path), "error", outcome.error))
                    else:
                        built = outcome.result
                        for name, content in built.files.items():
                            write_file(staging / source.folder / name, content)
                            written.add(f"{source.folder}/{name}")
                        combined.add(built.combined)
                        if columnar is not None:
                            columnar.add(built.arrow)
                        kept += [f"{source.folder}/{n}" for n in kept_figures(out / source.folder, built.files)]
                        index.append((source.id, source.folder, str(source.path), "ok", ""))
                    progress.step(source.id)
        finally:
            progress.close()
            combined.close()
        if failed == len(sources):
            raise LawgovError("no report could be built; the folder is as it was", str(out))
        write_file(staging / INDEX, csv_text(INDEX_COLUMNS, index))
        written |= {INDEX, *(f"{t}.csv" for t in TABLES)}
        if columnar is not None:
            columnar.flush()
            written |= set(columnar.files())
            if columnar.left_out:
                on_error(
                    f"{out}: {columnar.left_out} values too large for Parquet's decimal left empty (the CSV has them)"
                )
        removed = sorted(previous_files(out) - written - set(kept))
        commit(staging, out, removed)
    return Written(sorted(out / rel for rel in written), kept, removed, failed)


def _table_task(table: str, vocab: Vocabulary, max_size: int, source: Source) -> pd.DataFrame:
    from ..extract.tables import Analysis
    from ..source.loading import load

    df = Analysis(load(source.path, max_size=max_size), vocab).table(table)
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
    max_size: int = MAX_SIZE,
    debug: bool = False,
    on_error: Callable[[str], None] = print,
) -> int:
    """Write table ``table`` of every report to ``sink`` as CSV or JSON, a ``report`` column first;
    return how many reports failed."""
    from .writers import json_records, table_csv

    progress = Progress(len(sources))
    failed, first = 0, True
    if format == "json":
        sink.write("[")
    with closing(run(partial(_table_task, table, vocab, max_size), sources, jobs, debug)) as outcomes:
        for outcome in outcomes:
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
