"""A report → its datasets as DataFrames, each row placed in the outline (section, paragraph).

This is the one place that decides which tables a report has; ``lawgov build`` writes them and the
notebooks read them.
"""

from __future__ import annotations

from dataclasses import fields
from typing import TYPE_CHECKING

from .changes import Change, find_changes
from .dates import DateMention, find_dates
from .entities import COLUMNS as ENTITY_COLUMNS
from .entities import find_entities
from .keywords import keywords
from .outline import Outline, outline
from .quantities import COLUMNS as QUANTITY_COLUMNS
from .quantities import find_quantities

if TYPE_CHECKING:
    import pandas as pd

    from .report import Report

TABLES = ("outline", "quantities", "changes", "dates", "entities", "keywords")


def _placed(rows: list[dict], columns: list[str], doc: Outline) -> pd.DataFrame:
    import pandas as pd

    df = pd.DataFrame(rows, columns=columns)
    where = [doc.locate(start) for start in df["start"]]
    df.insert(0, "paragraph", pd.array([p for _, p in where], dtype="Int64"))
    df.insert(0, "section", pd.array([s for s, _ in where], dtype="Int64"))
    df.insert(0, "id", pd.array(range(1, len(df) + 1), dtype="int64"))
    return df.astype({"start": "int64", "end": "int64"})


def report_tables(report: Report) -> dict[str, pd.DataFrame]:
    """Every table of one report, keyed by name (see :data:`TABLES`)."""
    text, doc = report.text, outline(report)
    quantities = find_quantities(text, report.date)
    changes = find_changes(text, report.date, quantities)
    dates = find_dates(text, report.date)
    return {
        "outline": doc.table(),
        "quantities": _placed(
            [{c: getattr(q, c) for c in QUANTITY_COLUMNS} for q in quantities], QUANTITY_COLUMNS, doc
        ),
        "changes": _placed([vars(c) for c in changes], [f.name for f in fields(Change)], doc),
        "dates": _placed([vars(d) for d in dates], [f.name for f in fields(DateMention)], doc),
        "entities": _placed([vars(e) for e in find_entities(text)], ENTITY_COLUMNS, doc),
        "keywords": keywords(report),
    }
