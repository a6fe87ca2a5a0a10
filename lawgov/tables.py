"""A report → its datasets as DataFrames, each row placed in the outline (section, paragraph).

This is the one place that decides which tables a report has; ``lawgov build`` writes them and the
notebooks read them.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import fields
from typing import TYPE_CHECKING

from .changes import Change, find_changes
from .dates import DateMention, find_dates
from .entities import COLUMNS as ENTITY_COLUMNS
from .entities import Place, find_entities
from .keywords import keywords
from .outline import Outline, outline
from .quantities import COLUMNS as QUANTITY_COLUMNS
from .quantities import find_quantities

if TYPE_CHECKING:
    import pandas as pd

    from .report import Report

TABLES = ("outline", "quantities", "changes", "dates", "entities", "keywords")


CHANGE_COLUMNS = [f.name for f in fields(Change)]
DATE_COLUMNS = [f.name for f in fields(DateMention)]


def _placed(items: list, columns: list[str], doc: Outline) -> pd.DataFrame:
    """The items' ``columns`` as a table, each row placed in its outline section and paragraph."""
    import pandas as pd

    df = pd.DataFrame([{c: getattr(item, c) for c in columns} for item in items], columns=columns)
    where = [doc.locate(start) for start in df["start"]]
    df.insert(0, "paragraph", pd.array([p for _, p in where], dtype="Int64"))
    df.insert(0, "section", pd.array([s for s, _ in where], dtype="Int64"))
    df.insert(0, "id", pd.array(range(1, len(df) + 1), dtype="int64"))
    return df.astype({"start": "int64", "end": "int64"})


def report_tables(
    report: Report, names: Iterable[str] = TABLES, places: tuple[Place, ...] | None = None
) -> dict[str, pd.DataFrame]:
    """The tables ``names`` (all of :data:`TABLES` by default) of one report, computing only what they need.

    ``places`` is another province's place list (see :func:`lawgov.read_places`); Chongqing's by default.
    """
    wanted = list(names)
    unknown = set(wanted) - set(TABLES)
    if unknown:
        raise ValueError(f"unknown tables {sorted(unknown)}; choose from {TABLES}")
    text, doc = report.text, outline(report)
    quantities = find_quantities(text, report.date) if {"quantities", "changes"} & set(wanted) else []
    makers: dict[str, Callable[[], pd.DataFrame]] = {
        "outline": doc.table,
        "quantities": lambda: _placed(quantities, QUANTITY_COLUMNS, doc),
        "changes": lambda: _placed(find_changes(text, report.date, quantities), CHANGE_COLUMNS, doc),
        "dates": lambda: _placed(find_dates(text, report.date), DATE_COLUMNS, doc),
        "entities": lambda: _placed(find_entities(text, places), ENTITY_COLUMNS, doc),
        "keywords": lambda: keywords(report),
    }
    return {name: makers[name]() for name in TABLES if name in wanted}
