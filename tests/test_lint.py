"""The code base stays ruff-clean (the configuration is in pyproject.toml)."""

from __future__ import annotations

import subprocess
import sys

from .conftest import ROOT


def test_ruff_check_passes() -> None:
    command = [sys.executable, "-m", "ruff", "check", "lawgov", "tests"]
    run = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, check=False)
    assert run.returncode == 0, run.stdout + run.stderr


def test_import_lawgov_is_light() -> None:
    """Importing lawgov (and its chart and HTML modules) and reading a text loads nothing heavy."""
    code = (
        "import sys, lawgov, lawgov.output.fonts, lawgov.output.plots, lawgov.source.html, lawgov.output.batch;"
        "lawgov.parse('重庆'); lawgov.outline('重庆。');"
        "heavy = ('pandas', 'numpy', 'jieba', 'rjieba', 'matplotlib', 'trafilatura', 'lxml', 'pyarrow', 'dask', 'distributed');"
        "print(sorted(m for m in heavy if m in sys.modules))"
    )
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert run.stdout.strip() == "[]"
