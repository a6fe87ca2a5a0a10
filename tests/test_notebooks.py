"""The notebooks: stored outputs that nbval really compares, and nothing stored that could not be stable.

``python -m pytest`` runs every notebook under nbval (see ``[tool.pytest.ini_options]``); these tests make
sure that run means something: each notebook has stored outputs to compare, the comparison fails when a
stored output is edited, and no stored output holds what differs between runs or machines (stderr,
absolute paths, timings, memory addresses, figure reprs).
"""

from __future__ import annotations

import copy
import json
import os
import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from .conftest import ROOT

NOTEBOOK_DIR = ROOT / "notebooks"
NOTEBOOKS = sorted(NOTEBOOK_DIR.glob("[0-9][0-9]-*.ipynb"))
EXPECTED = [
    "01-raw-page-and-cleanup.ipynb",
    "02-outline-and-entities.ipynb",
    "03-quantities-and-changes.ipynb",
    "04-validation.ipynb",
    "05-visualisation.ipynb",
    "06-your-own-report.ipynb",
]
# What would make a stored output differ between runs or machines.
UNSTABLE = {
    "an absolute path": re.compile(
        r"(?<![\w.])/(?:home|Users|root|tmp|var|private|usr|opt|work|mnt)/|[A-Za-z]:\\\\|" + re.escape(str(ROOT))
    ),
    "a memory address": re.compile(r"\bat 0x[0-9a-fA-F]{4,}"),
    "a figure repr": re.compile(r"<(?:Figure|matplotlib\.figure\.Figure) size"),
    "a timing": re.compile(r"\b(?:CPU times|Wall time|\d+(?:\.\d+)? ?(?:ms|µs) ± )"),
}


def load(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


def source(cell: dict) -> str:
    return "".join(cell["source"]) if isinstance(cell["source"], list) else cell["source"]


def is_exercise(cell: dict) -> bool:
    return "exercise" in cell.get("metadata", {}).get("tags", [])


def output_texts(cell: dict) -> list[str]:
    texts = []
    for output in cell.get("outputs", []):
        if "text" in output:
            texts.append("".join(output["text"]))
        for mime, value in output.get("data", {}).items():
            if mime.startswith("text/") or mime == "application/json":
                texts.append(value if isinstance(value, str) else "".join(value) if isinstance(value, list) else "")
    return texts


def test_the_notebooks_are_the_six_named_ones() -> None:
    assert [p.name for p in NOTEBOOKS] == EXPECTED


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_notebook_is_stored_executed_and_stable(path: Path) -> None:
    nb = load(path)
    assert nb["nbformat"] == 4
    assert nb["metadata"]["kernelspec"]["name"] == "python3"
    cells = nb["cells"]
    assert cells[0]["cell_type"] == "markdown" and source(cells[0]).startswith("# "), "opens with a title cell"

    code = [c for c in cells if c["cell_type"] == "code" and not is_exercise(c)]
    assert code, "no code"
    counts = [c["execution_count"] for c in code]
    assert counts == list(range(1, len(code) + 1)), f"not executed top to bottom in one run: {counts}"
    assert sum(bool(c["outputs"]) for c in code) >= len(code) // 2, "too few stored outputs for nbval to compare"
    for i, cell in enumerate(code):
        where = f"code cell {i} ({source(cell)[:40]!r})"
        assert "execution" not in cell["metadata"], f"{where}: execution timings stored in its metadata"
        for output in cell["outputs"]:
            assert output["output_type"] != "error", f"{where}: stores an error"
            assert output.get("name") != "stderr", f"{where}: stores stderr: {''.join(output['text'])[:200]}"
            assert "image/svg+xml" not in output.get("data", {}), f"{where}: SVG (charts are stored as PNG)"
        for text in output_texts(cell):
            for what, pattern in UNSTABLE.items():
                assert not pattern.search(text), f"{where}: {what} in a stored output: {pattern.search(text)[0]!r}"
        for what in ("an absolute path",):
            assert not UNSTABLE[what].search(source(cell)), f"{where}: {what} in the code"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_notebook_ends_with_what_comes_next_and_exercises(path: Path) -> None:
    cells = load(path)["cells"]
    headings = [line for c in cells if c["cell_type"] == "markdown" for line in source(c).splitlines()]
    assert any(re.match(r"#+ What comes next", h) for h in headings)
    assert any(re.match(r"#+ Exercises", h) for h in headings)
    exercises = [c for c in cells if is_exercise(c)]
    assert 2 <= len(exercises) <= 3
    for cell in exercises:
        text = source(cell)
        assert text.startswith("# NBVAL_SKIP"), "nbval must skip the exercise (it fails until it is filled in)"
        assert "skip-execution" in cell["metadata"]["tags"], "executing the notebook must skip the exercise too"
        assert "..." in text and "assert" in text, "an exercise is an assert to fill in"
        assert cell["outputs"] == [] and cell["execution_count"] is None
    solutions = [c for c in cells if c["cell_type"] == "markdown" and "<details>" in source(c)]
    assert len(solutions) == len(exercises), "each exercise has a collapsed solution"


def test_the_last_notebook_takes_papermill_parameters() -> None:
    cells = load(NOTEBOOK_DIR / "06-your-own-report.ipynb")["cells"]
    first_code = next(c for c in cells if c["cell_type"] == "code")
    assert first_code["metadata"].get("tags") == ["parameters"]
    assert re.search(r"^REPORT = None\b", source(first_code), re.M)
    assert re.search(r"^PLACES = None\b", source(first_code), re.M)


def run_nbval(folder: Path, *notebooks: str) -> dict[tuple[str, str], str]:
    """Run nbval on notebooks in ``folder`` in a fresh pytest; (file, test name) → passed / failed / skipped."""
    (folder / "pytest.ini").write_text("[pytest]\n", encoding="utf-8")  # keep any outer configuration out
    report = folder / "report.xml"
    env = {k: v for k, v in os.environ.items() if k != "PYTEST_ADDOPTS"}
    command = [sys.executable, "-m", "pytest", "-p", "no:cacheprovider", "--nbval", "--nbval-current-env", "-q",
               f"--junitxml={report}", *notebooks]  # fmt: skip
    run = subprocess.run(command, cwd=folder, capture_output=True, text=True, env=env, timeout=300, check=False)
    assert report.is_file(), run.stdout + run.stderr
    results = {}
    for case in ET.parse(report).getroot().iter("testcase"):
        outcome = next((child.tag for child in case if child.tag in ("failure", "error", "skipped")), "passed")
        results[case.get("classname", "").split(".")[0], case.get("name")] = {
            "failure": "failed", "error": "failed", "skipped": "skipped"}.get(outcome, outcome)  # fmt: skip
    return results


@pytest.mark.slow
def test_nbval_fails_when_a_stored_output_is_edited(tmp_path: Path) -> None:
    """Copy notebook 01 twice, edit one stored text output of one copy: nbval fails that cell and only that one."""
    original = load(NOTEBOOK_DIR / "01-raw-page-and-cleanup.ipynb")
    edited = copy.deepcopy(original)
    code_cells = [c for c in edited["cells"] if c["cell_type"] == "code"]
    index, cell = next((i, c) for i, c in enumerate(code_cells) if c["outputs"] and not is_exercise(c))
    output = cell["outputs"][0]
    if "text" in output:
        output["text"] = "".join(output["text"]) + "edited by hand\n"
    else:
        output["data"]["text/plain"] = "".join(output["data"]["text/plain"]) + " (edited by hand)"
    (tmp_path / "unedited.ipynb").write_text(json.dumps(original, ensure_ascii=False), encoding="utf-8")
    (tmp_path / "edited.ipynb").write_text(json.dumps(edited, ensure_ascii=False), encoding="utf-8")

    results = run_nbval(tmp_path, "unedited.ipynb", "edited.ipynb")

    for name in ("unedited", "edited"):
        cells = {test: outcome for (file, test), outcome in results.items() if file == name}
        assert len(cells) == len(code_cells), results
        failed = sorted(test for test, outcome in cells.items() if outcome == "failed")
        assert failed == ([] if name == "unedited" else [f"Cell {index}"]), (name, results)
        assert sum(outcome == "passed" for outcome in cells.values()) >= len(code_cells) - 3 - (name == "edited")
