"""``lawgov build``: a report → every dataset of the project, written into one folder as a transaction.

All tables are computed in memory first; the files are then written into a staging folder and moved
into place only when every one of them is complete (:func:`lawgov.output.files.transaction`), so a
failed or killed build leaves the previous outputs as they were. A build deletes only files lawgov
wrote itself — its manifest is the fixed set of names a build writes, in a folder whose
``datapackage.json`` is lawgov's, and for a batch the folders its index ``reports.csv`` lists; every
other file in the output folder is the user's and stays.
"""

from __future__ import annotations

import csv
import hashlib
import json
import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from .. import schema
from ..check.validate import INDEX, INDEX_COLUMNS, REPORT_FILES, read_index
from ..extract.tables import Analysis
from ..genre.seed import default_seed
from ..genre.vocabulary import DictionaryArg, PlacesArg, Vocabulary, vocabulary
from ..report import Report
from ..source.loading import from_bytes
from ..source.reading import MAX_SIZE, read_file
from . import parquet
from .files import commit, transaction, write_file
from .writers import csv_text

FIGURES = "figures"
#: The ``name`` of the datapackage.json lawgov writes: how a folder is known to be a lawgov output.
PACKAGE_NAME = "lawgov-report"


def table_rows(report: Report, vocab: Vocabulary) -> dict[str, list[tuple]]:
    """Every table of :data:`lawgov.schema.TABLES` for one report as rows in column order, each step computed once."""
    analysis = Analysis(report, vocab)
    return {name: analysis.rows(name) for name in schema.TABLES}


def files_of(
    report: Report, tables: Mapping[str, list[tuple]], sha256: str | None = None, figures: bool = True
) -> dict[str, str | bytes]:
    """File name → content of every output of a report whose tables (as :func:`table_rows`) are ``tables``.

    Nothing is written, and no DataFrame is made unless figures are drawn.
    """
    meta = dict(report.metadata(), sha256=sha256)
    files: dict[str, str | bytes] = {
        "clean.txt": report.text + "\n",
        "metadata.json": json.dumps(meta, ensure_ascii=False, indent=2) + "\n",
    }
    for name, rows in tables.items():
        files[f"{name}.csv"] = csv_text(schema.columns(name), rows)
    package = {
        "name": PACKAGE_NAME,
        "title": report.title or report.name or "report",
        "description": "Datasets extracted by lawgov from one government progress report; offsets index clean.txt.",
        "licenses": [schema.LICENSE],
        "sources": [{"title": report.name or "report", "sha256": sha256}],
        "resources": [schema.resource(name, len(rows)) for name, rows in tables.items()],
    }
    files["datapackage.json"] = json.dumps(package, ensure_ascii=False, indent=2) + "\n"
    if figures:
        from .plots import render_figures

        frames = {name: schema.frame(name, rows) for name, rows in tables.items()}
        for name, png in render_figures(frames, report.source_note()).items():
            files[f"{FIGURES}/{name}"] = png
    return files


def outputs(
    report: Report, vocab: Vocabulary, sha256: str | None = None, figures: bool = True
) -> dict[str, str | bytes]:
    """File name → content of every output for one report (nothing is written)."""
    return files_of(report, table_rows(report, vocab), sha256, figures)


def read_source(path: str | os.PathLike[str], max_size: int = MAX_SIZE) -> tuple[Report, str]:
    """The report at ``path`` and the SHA-256 of its bytes (read once)."""
    data = read_file(path, max_size)
    return from_bytes(path, data), hashlib.sha256(data).hexdigest()


def report_files(
    path: str | os.PathLike[str], vocab: Vocabulary, figures: bool = True, max_size: int = MAX_SIZE
) -> dict[str, str | bytes]:
    """Every output file of the report at ``path`` (read once; nothing is written)."""
    report, sha256 = read_source(path, max_size)
    return outputs(report, vocab, sha256, figures)


@dataclass(frozen=True)
class Written:
    """What a build did: the files it wrote, the earlier figures it kept, the earlier files it removed."""

    paths: list[Path]
    kept: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    failed: int = 0  # reports of a batch that failed


def is_output_folder(folder: Path) -> bool:
    """True when lawgov wrote ``folder``: a report's data (its datapackage.json says so) or a batch (its index)."""
    return is_report_folder(folder) or _first_row(folder / INDEX) == INDEX_COLUMNS


def is_report_folder(folder: Path) -> bool:
    """True when ``folder`` holds a report's data written by lawgov (its datapackage.json says so)."""
    try:
        package = json.loads((folder / "datapackage.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    return isinstance(package, dict) and package.get("name") == PACKAGE_NAME


def _first_row(path: Path) -> list[str] | None:
    try:
        with open(path, encoding="utf-8", newline="") as f:
            return next(csv.reader(f), None)
    except (OSError, ValueError, csv.Error):
        return None


def report_manifest(folder: Path) -> set[str]:
    """The files of a report's folder that lawgov wrote (relative names): those a build writes, present
    in a folder that is lawgov's; none in any other folder."""
    if not is_report_folder(folder):
        return set()
    from .plots import CHARTS

    names = [*REPORT_FILES, *(f"{FIGURES}/{chart[0]}" for chart in CHARTS)]
    return {name for name in names if (folder / name).is_file()}


def previous_files(out: Path) -> set[str]:
    """Every file an earlier build wrote into ``out`` (relative to it): a report's files, or a batch's
    index, combined tables and the files of each report folder its index lists."""
    files = report_manifest(out)
    if (out / INDEX).is_file():
        entries, _ = read_index(out)
        if entries:
            files |= {INDEX} | {f"{t}.csv" for t in schema.TABLES if (out / f"{t}.csv").is_file()}
            files |= {
                str(p.relative_to(out))
                for t in schema.TABLES
                for p in (out / parquet.FOLDER / t).glob("part-*.parquet")
            }
        for entry in (e for e in entries if e["listed"]):
            files |= {f"{entry['folder']}/{name}" for name in report_manifest(out / entry["folder"])}
    return files


def kept_figures(folder: Path, files: Mapping[str, str | bytes]) -> list[str]:
    """The earlier figures in ``folder`` a build without figures leaves in place: all of them when every
    other file it writes is byte for byte what is there (the figures still show these tables), else none."""
    if any(name.startswith(f"{FIGURES}/") for name in files) or not (folder / FIGURES).is_dir():
        return []
    old = sorted(name for name in report_manifest(folder) if name.startswith(f"{FIGURES}/"))
    if not old:
        return []
    try:
        same = all((folder / name).read_bytes() == _bytes(content) for name, content in files.items())
    except OSError:
        same = False
    return old if same else []


def _bytes(content: str | bytes) -> bytes:
    return content.encode("utf-8") if isinstance(content, str) else content


def write_files(files: Mapping[str, str | bytes], out: str | os.PathLike[str]) -> Written:
    """Write one report's files into ``out`` as one transaction; remove the files of the previous build
    that this one does not write (see :func:`kept_figures` for figures when none are drawn)."""
    out = Path(out)
    with transaction(out) as staging:
        for name, content in files.items():
            write_file(staging / name, content)
        kept = kept_figures(out, files)
        removed = sorted(previous_files(out) - set(files) - set(kept))
        commit(staging, out, removed)
    return Written([out / name for name in files], kept, removed)


def build(
    source: str | os.PathLike[str] | None = None,
    out: str | os.PathLike[str] = "data",
    *,
    figures: bool = True,
    places: PlacesArg = None,
    dictionary: DictionaryArg = None,
    max_size: int = MAX_SIZE,
) -> list[Path]:
    """Read ``source`` (the seed by default) and write its datasets into ``out``; return the paths written.

    ``places`` and ``dictionary`` replace Chongqing's place list and lawgov's governance dictionary;
    a source larger than ``max_size`` bytes is refused.
    """
    vocab = vocabulary(places, dictionary)
    files = report_files(source if source is not None else default_seed(), vocab, figures, max_size)
    return write_files(files, out).paths
