from __future__ import annotations

from pathlib import Path

import pytest

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
