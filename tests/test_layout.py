"""The layout a newcomer reads: stages as folders, imports only from earlier stages, checks free of
output code and of test files, and every folder named in the README."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from .conftest import ROOT

PACKAGE = ROOT / "lawgov"
# Stage of each top-level name under lawgov/, in data-flow order; a module may import only from
# its own stage or an earlier one.
STAGES = {
    "errors": 0, "report": 0, "schema": 0,
    "genre": 1, "source": 2, "text": 3, "extract": 4, "check": 5, "output": 6,
    "display": 7, "cli": 8,
}  # fmt: skip


def module_name(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imported(path: Path) -> set[str]:
    """Every lawgov module ``path`` imports, at any depth of the file (function-level imports too)."""
    name = module_name(path)
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found |= {a.name for a in node.names if a.name.startswith("lawgov")}
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - node.level + 1]
                target = ".".join([*base, node.module] if node.module else base)
            else:
                target = node.module or ""
            if target.startswith("lawgov"):
                found.add(target)
                found |= {
                    f"{target}.{a.name}"
                    for a in node.names
                    if (PACKAGE.parent / f"{target}.{a.name}".replace(".", "/")).exists()
                    or (PACKAGE.parent / (f"{target}.{a.name}".replace(".", "/") + ".py")).exists()
                }
    return found


def stage(module: str) -> int | None:
    parts = module.split(".")
    return STAGES.get(parts[1]) if len(parts) > 1 else None


MODULES = sorted(p for p in PACKAGE.rglob("*.py"))


def test_every_module_belongs_to_a_stage() -> None:
    unplaced = [module_name(p) for p in MODULES if p.name != "__init__.py" or p.parent != PACKAGE]
    assert [m for m in unplaced if stage(m) is None] == []


@pytest.mark.parametrize("path", [p for p in MODULES if p != PACKAGE / "__init__.py"], ids=module_name)
def test_imports_go_only_to_earlier_stages(path: Path) -> None:
    own = stage(module_name(path))
    backward = sorted(m for m in imported(path) if (s := stage(m)) is not None and s > own)
    assert backward == [], f"{module_name(path)} (stage {own}) imports a later stage"


def test_the_import_walker_sees_relative_and_late_imports() -> None:
    found = imported(PACKAGE / "output" / "build.py")
    assert {"lawgov.extract.tables", "lawgov.output.plots", "lawgov.schema"} <= found  # `from .. import schema`
    assert stage("lawgov.output.plots") > stage("lawgov.check.validate")  # so such an import would fail


def test_checks_import_no_output_code_and_read_no_test_files() -> None:
    for path in (PACKAGE / "check").rglob("*.py"):
        assert not [m for m in imported(path) if m.startswith("lawgov.output")], path.name
    for path in MODULES:
        source = path.read_text(encoding="utf-8")
        assert '"tests"' not in source and "'tests'" not in source and "tests/" not in source, path.name


def test_no_function_shadows_a_module() -> None:
    import importlib
    import pkgutil

    import lawgov

    for info in pkgutil.walk_packages(lawgov.__path__, "lawgov."):
        parent, _, leaf = info.name.rpartition(".")
        module = importlib.import_module(info.name)
        assert getattr(importlib.import_module(parent), leaf) is module, info.name
    for name in lawgov.__all__:
        getattr(lawgov, name)  # every public name resolves


def test_readme_names_every_stage_folder() -> None:
    layout = (ROOT / "README.md").read_text(encoding="utf-8").split("## Layout", 1)[1].split("\n## ", 1)[0]
    folders = sorted(p.name for p in PACKAGE.iterdir() if p.is_dir() and (p / "__init__.py").exists())
    assert [f for f in folders if f"{f}/" not in layout] == []
