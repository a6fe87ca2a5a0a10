"""The README's promises: two Quick start commands, .ci/run runs the second, and its code runs."""

from __future__ import annotations

import os
import re

from .conftest import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")


def test_quick_start_is_exactly_two_commands_and_ci_runs_the_test_one() -> None:
    quick = README.split("## Quick start", 1)[1].split("\n## ", 1)[0]
    commands = re.findall(r"```bash\n(.*?)\n```", quick, re.S)
    assert len(commands) == 2 and all("\n" not in c for c in commands)
    assert "lawgov build" in commands[0] and "pytest" in commands[1]
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert "Install and run every test:" in README and "Install and run every test:" in ci


def test_the_library_example_runs(monkeypatch) -> None:
    example = re.search(r"## Using the library\n\n```python\n(.*?)\n```", README, re.S).group(1)
    monkeypatch.chdir(ROOT)
    exec(compile(example, "README.md", "exec"), {})


def test_every_module_is_in_the_layout() -> None:
    layout = README.split("## Layout", 1)[1]
    modules = sorted({p.stem for p in (ROOT / "lawgov").rglob("*.py") if not p.stem.startswith("_")})
    assert [m for m in modules if not re.search(rf"\b{m}\b", layout)] == []
    assert os.path.isfile(ROOT / "benchmarks" / "run.py")
