"""``lawgov build``: a report → every dataset of the project, written atomically into one folder.

All tables are computed in memory first and written only when every one of them succeeded, each
file through a temporary file and a rename; a failed build leaves the previous outputs untouched.
"""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path

from . import schema
from .errors import LawgovError
from .files import write_atomic
from .report import Report, load
from .tables import report_tables

SEED_NAME = "000_7ebdfd7d4a39a005.txt"
FIGURES = "figures"


def default_seed() -> Path:
    """The report lawgov analyses when given none: the seed shipped in the package (or in ``seeds/`` of a checkout)."""
    here = Path(__file__).resolve().parent
    for candidate in (here / "_seed" / SEED_NAME, here.parent / "seeds" / SEED_NAME):
        if candidate.is_file():
            return candidate
    raise FileNotFoundError(f"the default seed {SEED_NAME} is not installed with lawgov")


def outputs(report: Report, sha256: str | None = None, figures: bool = True) -> dict[str, str | bytes]:
    """File name → content of every output for one report (nothing is written)."""
    tables = report_tables(report)
    meta = dict(report.metadata(), sha256=sha256)
    files = {
        "clean.txt": report.text + "\n",
        "metadata.json": json.dumps(meta, ensure_ascii=False, indent=2) + "\n",
    }
    for name, df in tables.items():
        files[f"{name}.csv"] = df.to_csv(index=False, lineterminator="\n")
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

        source = f"{report.source or report.site or report.name or ''}《{report.title or report.name or ''}》"
        for name, png in render_figures(tables, source).items():
            files[f"{FIGURES}/{name}"] = png
    return files


def report_files(path: str | os.PathLike[str], figures: bool = True) -> dict[str, str | bytes]:
    """Every output file of the report at ``path`` (read once; nothing is written)."""
    report = load(path)
    try:
        sha256 = hashlib.sha256(Path(path).read_bytes()).hexdigest()
    except OSError as exc:
        raise LawgovError(f"cannot read: {exc.strerror or exc}", str(path)) from None
    return outputs(report, sha256, figures)


def write_files(files: dict[str, str | bytes], out: str | os.PathLike[str]) -> list[Path]:
    """Write one report's files into ``out``, each atomically, and drop figures it no longer has."""
    written = [write_atomic(Path(out) / name, content) for name, content in files.items()]
    # Figures a previous build drew but this report has nothing for (no changes, say) would mislead.
    for stale in sorted((Path(out) / FIGURES).glob("*.png")):
        if stale not in written:
            stale.unlink()
    return written


def build(
    source: str | os.PathLike[str] | None = None, out: str | os.PathLike[str] = "data", figures: bool = True
) -> list[Path]:
    """Read ``source`` (the seed by default) and write its datasets into ``out``; return the paths written."""
    return write_files(report_files(source if source is not None else default_seed(), figures), out)
