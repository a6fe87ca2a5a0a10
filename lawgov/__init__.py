"""lawgov: turn a Chinese government progress report into clean text, an outline and tables you can trust.

>>> import lawgov
>>> report = lawgov.parse("标题一则\\n\\n正文，第一句。")
>>> report.title, report.text
('标题一则', '正文，第一句。')

The package is laid out by stage, each importing only from the ones before it:
``genre`` (word lists, resources, the seed) → ``source`` (bytes → :class:`Report`) → ``text`` (outline,
segmentation) → ``extract`` (quantities, dates, entities, keywords → tables) → ``check`` (validation)
→ ``output`` (files, batches, charts); ``display`` helps notebooks and ``cli`` is the command line.
The names below load their stage on first use, so ``import lawgov`` stays cheap.
"""

from __future__ import annotations

import importlib
from typing import Any

__version__ = "0.2.0"

# Public name → the module that defines it; resolved lazily by __getattr__.
_EXPORTS = {
    "LawgovError": "errors",
    "Page": "report",
    "Report": "report",
    "load": "source.loading",
    "parse": "source.loading",
    "Outline": "text.outline",
    "outline": "text.outline",
    "extract_quantities": "extract.tables",
    "extract_changes": "extract.tables",
    "extract_dates": "extract.tables",
    "extract_entities": "extract.tables",
    "extract_keywords": "extract.tables",
    "keywords": "extract.tables",
    "segment": "extract.tables",
    "report_tables": "extract.tables",
    "read_places": "genre.places",
    "default_seed": "genre.seed",
    "validate": "check.validate",
    "build": "output.build",
}

__all__ = sorted(_EXPORTS)


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'lawgov' has no attribute {name!r}")
    value = getattr(importlib.import_module(f".{module}", __name__), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(list(globals()) + __all__)
