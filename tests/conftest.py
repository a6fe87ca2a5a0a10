from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import settings

import lawgov

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "seeds" / "000_7ebdfd7d4a39a005.txt"
GOLD = Path(__file__).resolve().parent / "gold"


@pytest.fixture(scope="session")
def seed_bytes() -> bytes:
    return SEED.read_bytes()


@pytest.fixture(scope="session")
def seed_report() -> lawgov.Report:
    return lawgov.load(SEED)


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Notebook cells run under nbval are slow: mark them so ``pytest -m "not slow"`` leaves them out."""
    for item in items:
        if item.nodeid.startswith("notebooks/"):
            item.add_marker(pytest.mark.slow)


# On CI, property tests replay the same examples every run: a red build then means a change broke
# something, not that the dice found an old bug. Locally they keep exploring.
settings.register_profile("ci", derandomize=True, database=None)
if os.environ.get("CI"):
    settings.load_profile("ci")
