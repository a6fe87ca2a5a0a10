"""Tables → text: one table as CSV or JSON records, and the combined tables of a batch.

One CSV dialect for everything lawgov writes: comma-separated, a header row, ``\\n`` line ends, UTF-8,
fields holding a comma, a quote or a line break quoted, and a cell a spreadsheet would run as a
formula written with a leading ``'`` (:func:`lawgov.schema.formula_safe`; JSON keeps the raw text).
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

from ..schema import TABLES, formula_safe

if TYPE_CHECKING:
    import pandas as pd


def table_csv(df: pd.DataFrame, header: bool = True) -> str:
    """A table as CSV text, the form of every ``.csv`` file lawgov writes (formula cells made safe)."""
    safe = df
    for column in df.columns:
        if df[column].dtype.kind in "biufcmM":  # numbers, booleans, times: never text
            continue
        cells = df[column].tolist()
        if any(type(cell) is str and cell[:1] in _FORMULA_START for cell in cells):  # rare: copy only then
            safe = safe.copy() if safe is df else safe
            safe[column] = [formula_safe(cell) if type(cell) is str else cell for cell in cells]
    text = safe.to_csv(index=False, header=header, lineterminator="\n")
    if "\r" in text:  # the csv module quotes a carriage return only when it ends lines: quote every field
        text = safe.to_csv(index=False, header=header, lineterminator="\n", quoting=csv.QUOTE_ALL)
    return text


#: The first characters of a cell :func:`formula_safe` may change.
_FORMULA_START = frozenset("'=+-@\t\r")


def _safe_cell(value: Any) -> Any:
    return formula_safe(value) if isinstance(value, str) else value


def csv_line(fields: Iterable[Any]) -> str:
    """One CSV record ending in ``\\n``, its text cells made formula-safe and every line break quoted.

    >>> print(csv_line(["a, b", "=1+1", 3]), end="")
    "a, b",'=1+1,3
    """
    return _record([_safe_cell(f) for f in fields])


def _record(fields: list[Any]) -> str:
    buffer = io.StringIO()
    # With "\r\n" as the terminator the writer quotes fields holding either character; it is then cut off.
    csv.writer(buffer, lineterminator="\r\n").writerow(fields)
    return buffer.getvalue()[:-2] + "\n"


def json_value(value: Any) -> Any:
    """Decimals as JSON numbers when a float holds them exactly, else as strings; missing as null.

    >>> json_value(Decimal("261400")), json_value(Decimal("99.9")), json_value(Decimal("0.1000000000000000055"))
    (261400, 99.9, '0.1000000000000000055')
    """
    if isinstance(value, Decimal):
        if value == value.to_integral_value() and abs(value) < 2**53:
            return int(value)
        as_float = float(value)
        return as_float if Decimal(repr(as_float)) == value else str(value)
    if value is None or value != value:
        return None
    if hasattr(value, "item"):
        return value.item()
    return str(value)


def json_records(df: pd.DataFrame) -> list[str]:
    """Each row of a table as one JSON object, exact values kept (see :func:`json_value`)."""
    return [json.dumps(record, ensure_ascii=False, default=json_value) for record in df.to_dict("records")]


class CombinedTables:
    """Every table of all reports with a 'report' column first, streamed into ``folder`` (a staging folder)."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.handles: dict[str, TextIO] = {}

    def add(self, report: str, files: dict[str, str | bytes]) -> None:
        """Append one report's tables (its ``name.csv`` texts, as :func:`table_csv` wrote them) under ``report``."""
        for name in TABLES:
            text = files.get(f"{name}.csv")
            if not isinstance(text, str):
                continue
            rows = csv.reader(io.StringIO(text))
            header = next(rows)
            if name not in self.handles:
                self.handles[name] = open(self.folder / f"{name}.csv", "w", encoding="utf-8", newline="")
                self.handles[name].write(csv_line(["report", *header]))
            write, cell = self.handles[name].write, formula_safe(report)
            for row in rows:  # the report's cells are formula-safe already
                write(_record([cell, *row]))

    def close(self) -> None:
        """Close every file, ready for the commit (which flushes them to disk)."""
        for handle in self.handles.values():
            handle.close()
        self.handles = {}
