"""lawgov: turn a Chinese government progress report into clean text, an outline and tables you can trust.

>>> import lawgov
>>> report = lawgov.parse("标题一则\\n\\n正文，第一句。")
>>> report.title, report.text
('标题一则', '正文，第一句。')

Submodules load on first use (``lawgov.outline`` imports nothing heavy until called), so
``import lawgov`` stays cheap.
"""

from __future__ import annotations

import importlib
from typing import Any

__version__ = "0.1.0"

# Public name → the module that defines it; resolved lazily by __getattr__.
_EXPORTS = {
    "LawgovError": "errors",
    "Report": "report",
    "load": "report",
    "parse": "report",
    "Outline": "outline",
    "extract_quantities": "quantities",
    "extract_changes": "changes",
    "extract_dates": "dates",
    "report_tables": "tables",
    "extract_entities": "entities",
    "read_places": "entities",
    "default_seed": "build",
}

__all__ = [
    "LawgovError", "Outline", "Report", "default_seed", "extract_changes", "extract_dates", "extract_entities",
    "extract_quantities", "keywords", "load", "outline", "parse", "read_places", "report_tables", "segment",
    "validate",
]  # fmt: skip

# These functions share their name with their module; bind them now (the modules import nothing
# heavy), or a later ``import lawgov.outline`` would leave the module where the function should be.
from .keywords import keywords  # noqa: E402
from .outline import outline  # noqa: E402
from .segment import segment  # noqa: E402
from .validate import validate  # noqa: E402


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'lawgov' has no attribute {name!r}")
    value = getattr(importlib.import_module(f".{module}", __name__), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(list(globals()) + __all__)
