"""``lawgov build``: a report → every dataset of the project, written atomically into one folder.

All tables are computed in memory first and written only when every one of them succeeded, each
file through a temporary file and a rename; a failed build leaves the previous outputs untouched.
"""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path

from .. import schema
from ..extract.tables import Analysis
from ..genre.seed import default_seed
from ..genre.vocabulary import DictionaryArg, PlacesArg, Vocabulary, vocabulary
from ..report import Report
from ..source.loading import from_bytes
from ..source.reading import MAX_SIZE, read_file
from .files import write_atomic
from .writers import table_csv

FIGURES = "figures"


def outputs(
    report: Report, vocab: Vocabulary, sha256: str | None = None, figures: bool = True
) -> dict[str, str | bytes]:
    """File name → content of every output for one report (nothing is written)."""
    analysis = Analysis(report, vocab)
    tables = {name: analysis.table(name) for name in schema.TABLES}
    meta = dict(report.metadata(), sha256=sha256)
    files: dict[str, str | bytes] = {
        "clean.txt": report.text + "\n",
        "metadata.json": json.dumps(meta, ensure_ascii=False, indent=2) + "\n",
    }
    for name, df in tables.items():
        files[f"{name}.csv"] = table_csv(df)
    package = {
        "name": "lawgov-report",
        "title": report.title or report.name or "report",
        "description": "Datasets extracted by lawgov from one government progress report; offsets index clean.txt.",
        "licenses": [schema.LICENSE],
        "sources": [{"title": report.name or "report", "sha256": sha256}],
        "resources": [schema.resource(name, len(df)) for name, df in tables.items()],
    }
    files["datapackage.json"] = json.dumps(package, ensure_ascii=False, indent=2) + "\n"
    if figures:
        from .plots import render_figures

        for name, png in render_figures(tables, report.source_note()).items():
            files[f"{FIGURES}/{name}"] = png
    return files


def report_files(
    path: str | os.PathLike[str], vocab: Vocabulary, figures: bool = True, max_size: int = MAX_SIZE
) -> dict[str, str | bytes]:
    """Every output file of the report at ``path`` (read once; nothing is written)."""
    data = read_file(path, max_size)
    return outputs(from_bytes(path, data), vocab, hashlib.sha256(data).hexdigest(), figures)


def write_files(files: dict[str, str | bytes], out: str | os.PathLike[str]) -> list[Path]:
    """Write one report's files into ``out``, each atomically, and drop figures it no longer has."""
    written = [write_atomic(Path(out) / name, content) for name, content in files.items()]
    # Figures a previous build drew but this report has nothing for (no changes, say) would mislead.
    for stale in sorted((Path(out) / FIGURES).glob("*.png")):
        if stale not in written:
            stale.unlink()
    return written


def build(
    source: str | os.PathLike[str] | None = None,
    out: str | os.PathLike[str] = "data",
    *,
    figures: bool = True,
    places: PlacesArg = None,
    dictionary: DictionaryArg = None,
) -> list[Path]:
    """Read ``source`` (the seed by default) and write its datasets into ``out``; return the paths written.

    ``places`` and ``dictionary`` replace Chongqing's place list and lawgov's governance dictionary.
    """
    vocab = vocabulary(places, dictionary)
    return write_files(report_files(source if source is not None else default_seed(), vocab, figures), out)
