"""The notebooks: stored outputs that nbval really compares, nothing stored that could not be stable, exercises
that a teacher can hand out, and a refresh command that gives the same bytes twice.

``python -m pytest`` runs every notebook under nbval (see ``[tool.pytest.ini_options]``); these tests make
sure that run means something: each notebook has stored outputs to compare, the comparison fails when a
stored output is edited, and no stored output holds what differs between runs or machines (stderr,
absolute paths, timings, memory addresses, figure reprs). The exercises are skipped by nbval and by
papermill/nbclient through cell tags, answer through :func:`lawgov.display.check` and are right when filled in
with their own solutions. tests/test_browser.py runs them as a reader does, in JupyterLab.
"""

from __future__ import annotations

import copy
import json
import os
import re
import shlex
import shutil
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
    "07-many-reports.ipynb",
]
EXERCISE_TAGS = {"exercise", "nbval-skip", "skip-execution"}  # ours, nbval's, and nbclient's and papermill's
# What would make a stored output differ between runs or machines.
UNSTABLE = {
    "an absolute path": re.compile(
        r"(?<![\w.])/(?:home|Users|root|tmp|var|private|usr|opt|work|mnt)/|[A-Za-z]:\\\\|" + re.escape(str(ROOT))
    ),
    "a memory address": re.compile(r"\bat 0x[0-9a-fA-F]{4,}"),
    "a figure repr": re.compile(r"<(?:Figure|matplotlib\.figure\.Figure) size"),
    "a timing": re.compile(r"\b(?:CPU times|Wall time|\d+(?:\.\d+)? ?(?:ms|µs) ± )"),
}
# An answer line of an exercise: names set to ..., the only thing a student edits.
ANSWER_LINE = re.compile(r"^[A-Za-z_][\w, ]* = \.\.\.(?:, \.\.\.)*(?:\s+#.*)?$")
SOLUTION = re.compile(r"```python\n(.*?)\n```", re.S)


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


def exercises_with_solutions(nb: dict) -> list[tuple[int, str]]:
    """(index of the exercise cell, its solution's code) for every exercise, from the <details> cell after it."""
    found = []
    cells = nb["cells"]
    for i, cell in enumerate(cells):
        if is_exercise(cell):
            details = next(c for c in cells[i + 1 :] if c["cell_type"] == "markdown" and "<details>" in source(c))
            found.append((i, SOLUTION.search(source(details)).group(1)))
    return found


def answered(exercise: str, solution: str) -> str:
    """The exercise's code with its answer lines replaced by the solution, placed just before the check."""
    lines = [line for line in exercise.splitlines() if not ANSWER_LINE.match(line)]
    at = next(i for i, line in enumerate(lines) if line.startswith("lawgov.display.check("))
    return "\n".join([*lines[:at], solution, *lines[at:]])


def test_the_notebooks_are_the_seven_named_ones() -> None:
    assert [p.name for p in NOTEBOOKS] == EXPECTED


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_notebook_is_stored_executed_and_stable(path: Path) -> None:
    nb = load(path)
    assert nb["nbformat"] == 4 and nb["nbformat_minor"] >= 5
    assert nb["metadata"]["kernelspec"]["name"] == "python3"
    cells = nb["cells"]
    assert cells[0]["cell_type"] == "markdown" and source(cells[0]).startswith("# "), "opens with a title cell"
    ids = [c.get("id") for c in cells]
    assert all(ids) and len(set(ids)) == len(ids), "every cell has an id of its own (else nbformat invents one)"

    code = [c for c in cells if c["cell_type"] == "code" and not is_exercise(c)]
    assert code, "no code"
    counts = [c["execution_count"] for c in code]
    assert counts == list(range(1, len(code) + 1)), f"not executed top to bottom in one run: {counts}"
    assert sum(bool(c["outputs"]) for c in code) >= len(code) // 2, "too few stored outputs for nbval to compare"
    for i, cell in enumerate(code):
        where = f"code cell {i} ({source(cell)[:40]!r})"
        assert "execution" not in cell["metadata"], f"{where}: execution timings stored in its metadata"
        streams = [o.get("name") for o in cell["outputs"] if o["output_type"] == "stream"]
        assert len(streams) == len(set(streams)), f"{where}: a stream stored in pieces (refresh with coalesce_streams)"
        for output in cell["outputs"]:
            assert output["output_type"] != "error", f"{where}: stores an error"
            assert output.get("name") != "stderr", f"{where}: stores stderr: {''.join(output['text'])[:200]}"
            data = output.get("data", {})
            assert "image/svg+xml" not in data, f"{where}: SVG (charts are stored as PNG)"
            if "image/png" in data:
                assert output["metadata"]["image/png"].get("alt"), f"{where}: a figure without alternative text"
        for text in output_texts(cell):
            for what, pattern in UNSTABLE.items():
                assert not pattern.search(text), f"{where}: {what} in a stored output: {pattern.search(text)[0]!r}"
        assert not UNSTABLE["an absolute path"].search(source(cell)), f"{where}: an absolute path in the code"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_notebook_uses_the_public_api_only(path: Path) -> None:
    code = "\n".join(source(c) for c in load(path)["cells"] if c["cell_type"] == "code")
    private = re.findall(r"\blawgov(?:\.\w+)*\._\w+|from lawgov[\w.]* import [^\n]*\b_\w+|\._repr_\w+", code)
    assert private == [], "notebooks call the public API only"
    assert not re.search(r"\.\./tests|\btests/", code), "notebooks read nothing from the test suite"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_notebook_ends_with_what_comes_next_and_exercises(path: Path) -> None:
    nb = load(path)
    cells = nb["cells"]
    headings = [line for c in cells if c["cell_type"] == "markdown" for line in source(c).splitlines()]
    assert any(re.match(r"#+ What comes next", h) for h in headings)
    assert any(re.match(r"#+ Exercises", h) for h in headings)
    exercises = [c for c in cells if is_exercise(c)]
    assert 2 <= len(exercises) <= 3
    for cell in exercises:
        text = source(cell)
        assert EXERCISE_TAGS <= set(cell["metadata"]["tags"]), "nbval and papermill skip exercises by their tags"
        assert "NBVAL" not in text, "no test-runner markers in a student's cell"
        assert "assert" not in text, "an exercise says what is wrong; it never raises"
        assert any(ANSWER_LINE.match(line) for line in text.splitlines()), "an answer to fill in: name = ..."
        assert re.search(r"^lawgov\.display\.check\((?:.|\n)*\)$", text, re.M), "it ends by checking the answer"
        assert cell["outputs"] == [] and cell["execution_count"] is None
    solutions = [c for c in cells if c["cell_type"] == "markdown" and "<details>" in source(c)]
    assert len(solutions) == len(exercises), "each exercise has a collapsed solution"
    assert len(exercises_with_solutions(nb)) == len(exercises), "each solution shows its code"


@pytest.mark.parametrize(("name", "parameters"), [("06-your-own-report.ipynb", ("REPORT", "PLACES")),
                                                  ("07-many-reports.ipynb", ("REPORTS", "PLACES"))])  # fmt: skip
def test_the_last_notebooks_take_papermill_parameters(name: str, parameters: tuple[str, ...]) -> None:
    cells = load(NOTEBOOK_DIR / name)["cells"]
    first_code = next(c for c in cells if c["cell_type"] == "code")
    assert first_code["metadata"].get("tags") == ["parameters"]
    for parameter in parameters:
        assert re.search(rf"^{parameter} = None\b", source(first_code), re.M)


def test_the_sample_corpus_ships_with_its_readme() -> None:
    samples = sorted((NOTEBOOK_DIR / "sample-reports").glob("*.txt"))
    readme = (NOTEBOOK_DIR / "sample-reports" / "README.md").read_text(encoding="utf-8")
    assert len(samples) == 8
    assert all(f"`{p.name}`" in readme for p in samples), "the README describes every sample"


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
def test_nbval_fails_when_a_stored_output_is_edited_and_skips_the_exercises(tmp_path: Path) -> None:
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

    exercises = {f"Cell {i}" for i, c in enumerate(code_cells) if is_exercise(c)}
    for name in ("unedited", "edited"):
        cells = {test: outcome for (file, test), outcome in results.items() if file == name}
        assert len(cells) == len(code_cells), results
        failed = sorted(test for test, outcome in cells.items() if outcome == "failed")
        assert failed == ([] if name == "unedited" else [f"Cell {index}"]), (name, results)
        assert {test for test, outcome in cells.items() if outcome == "skipped"} == exercises, (name, results)


def execute(nb: dict, cwd: Path) -> dict:
    import nbclient
    import nbformat

    node = nbformat.reads(json.dumps(nb), as_version=4)  # sources as strings, as nbclient wants them
    return nbclient.execute(node, cwd=str(cwd), kernel_name="python3", record_timing=False, coalesce_streams=True)


@pytest.mark.slow
@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_exercises_say_not_answered_yet_and_their_solutions_are_correct(path: Path) -> None:
    """Each exercise run as handed out says "not answered yet"; filled in with its solution, "correct"."""
    nb = load(path)
    solutions = exercises_with_solutions(nb)
    for i, solution in reversed(solutions):  # an answered copy right after each exercise, skip tags dropped
        nb["cells"][i]["metadata"]["tags"] = ["exercise"]
        solved = copy.deepcopy(nb["cells"][i])
        solved["id"] = f"{solved['id']}-solved"
        solved["source"] = answered(source(solved), solution)
        nb["cells"].insert(i + 1, solved)

    executed = execute(nb, NOTEBOOK_DIR)

    verdicts = [verdict(c) for c in executed["cells"] if is_exercise(c)]
    assert len(verdicts) == 2 * len(solutions)
    for k, (asked, solved) in enumerate(zip(verdicts[::2], verdicts[1::2], strict=True), start=1):
        assert asked.startswith("not answered yet"), f"exercise {k} as handed out: {asked!r}"
        assert solved.startswith("correct"), f"exercise {k} with its solution: {solved!r}"


def verdict(cell: dict) -> str:
    """The text of the cell's result: what ``lawgov.display.check`` said (its last line)."""
    results = [o for o in cell["outputs"] if o["output_type"] == "execute_result"]
    return "".join(results[-1]["data"]["text/plain"]) if results else ""


def refresh_command() -> str:
    """The README's command that re-executes the notebooks in place, run with this interpreter."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    command = next(line for line in re.findall(r"```bash\n(.*?)\n```", readme, re.S) if "nbformat.write(" in line)
    assert command.startswith(".venv/bin/python -c ")
    return command


@pytest.mark.slow
def test_the_refresh_command_gives_the_same_bytes_twice(tmp_path: Path) -> None:
    """Run the README's refresh command twice on a copy of the notebooks: the second run changes nothing."""
    shutil.copytree(NOTEBOOK_DIR, tmp_path / "notebooks", ignore=shutil.ignore_patterns(".ipynb_checkpoints"))
    argv = [sys.executable, *shlex.split(refresh_command())[1:]]
    runs = []
    for _ in range(2):
        run = subprocess.run(argv, cwd=tmp_path, capture_output=True, text=True, timeout=900, check=False)
        assert run.returncode == 0, run.stderr[-3000:]
        runs.append({p.name: p.read_bytes() for p in sorted((tmp_path / "notebooks").glob("[0-9]*.ipynb"))})
    assert list(runs[0]) == EXPECTED
    changed = [name for name in runs[0] if runs[0][name] != runs[1][name]]
    assert changed == [], f"the refresh command is not byte-stable: {changed} changed on the second run"
