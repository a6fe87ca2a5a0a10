"""The seed: the report lawgov analyses when given none, and its hand annotations.

The seed file lives in ``seeds/`` of a checkout and is copied into the wheel beside this module;
its gold sets (quantities, changes, dates, entities, annotated by hand) ship in ``seed/`` so that
``lawgov validate`` can score the seed's data wherever lawgov is installed.
"""

from __future__ import annotations

import hashlib
from functools import cache
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import pandas as pd

SEED_NAME = "000_7ebdfd7d4a39a005.txt"
GOLD_SETS = ("quantities", "changes", "dates", "entities")


def default_seed() -> Path:
    """The seed's path: inside the installed package, or in ``seeds/`` of a checkout."""
    here = Path(__file__).resolve().parent
    for candidate in (here / "seed" / SEED_NAME, here.parent.parent / "seeds" / SEED_NAME):
        if candidate.is_file():
            return candidate
    raise FileNotFoundError(f"the default seed {SEED_NAME} is not installed with lawgov")


@cache
def seed_sha256() -> str:
    """SHA-256 of the seed's bytes: how a data folder is known to come from the seed."""
    return hashlib.sha256(default_seed().read_bytes()).hexdigest()


def is_seed(metadata: dict) -> bool:
    """True when a report's metadata (``metadata.json``) says it was read from the unchanged seed."""
    return metadata.get("name") == SEED_NAME and metadata.get("sha256") == seed_sha256()


def seed_gold(name: str) -> pd.DataFrame:
    """The seed's hand-annotated gold set ``name`` (one of :data:`GOLD_SETS`), every cell as text.

    Rows name their span by ``raw`` and ``occurrence`` (see :func:`lawgov.check.evaluation.locate`).
    """
    import pandas as pd

    if name not in GOLD_SETS:
        raise ValueError(f"no gold set {name!r}; choose from {GOLD_SETS}")
    with resources.files(__package__).joinpath("seed", f"seed_{name}.csv").open(encoding="utf-8") as f:
        return pd.read_csv(f, dtype=str, keep_default_na=False)
