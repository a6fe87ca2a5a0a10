"""Tables → text: one table as CSV or JSON records, and the combined tables of a batch.

One CSV dialect for everything lawgov writes: comma-separated, a header row, ``\\n`` line ends, UTF-8,
fields holding a comma, a quote or a line break quoted, and a cell a spreadsheet would run as a
formula written with a leading ``'`` (:func:`lawgov.schema.formula_safe`; JSON keeps the raw text).
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Iterable, Sequence
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

from ..schema import TABLES, columns, formula_safe

if TYPE_CHECKING:
    import pandas as pd


def table_csv(df: pd.DataFrame, header: bool = True) -> str:
    """A table as CSV text, the form of every ``.csv`` file lawgov writes (formula cells made safe)."""
    cells = [df[c].astype(object).where(df[c].notna(), None).tolist() for c in df.columns]
    return csv_text(list(df.columns) if header else None, list(zip(*cells, strict=True)))


def csv_text(header: Sequence[str] | None, rows: Sequence[Sequence[Any]]) -> str:
    """Rows (tuples of Python values, ``None`` for a missing cell) as CSV text in lawgov's dialect.

    The csv module writes every cell, so no Python runs per cell in the usual case; only when a cell
    may start like a formula are the text cells passed through :func:`lawgov.schema.formula_safe`.

    >>> print(csv_text(["a", "b"], [(1, None), ("=1+1", "x, y")]), end="")
    a,b
    1,
    '=1+1,"x, y"
    """
    text = _rows_text(header, rows)
    if _FIRST_MAYBE_FORMULA.match(text) or _MAYBE_FORMULA.search(text):
        rows = [[_safe_cell(cell) for cell in row] for row in rows]
        text = _rows_text(header, rows)
    if "\r" in text:  # the csv module quotes a carriage return only when it ends lines: quote every field
        text = _rows_text(header, rows, csv.QUOTE_ALL)
    return text


def _rows_text(header: Sequence[str] | None, rows: Iterable[Sequence[Any]], quoting: int = csv.QUOTE_MINIMAL) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n", quoting=quoting)
    if header is not None:
        writer.writerow(header)
    writer.writerows(rows)
    return buffer.getvalue()


#: Where a cell :func:`formula_safe` may change can start: after a comma or a line end (the text's first
#: cell is matched apart: a pattern opening with a character class is scanned for much faster than ``^``),
#: inside a quote. A match elsewhere (a comma inside a quoted cell) costs only the slower path, never a wrong cell.
_MAYBE_FORMULA = re.compile(r"""[,\n]"?['=+\-@\t\r]""")
_FIRST_MAYBE_FORMULA = re.compile(r""""?['=+\-@\t\r]""")


def _safe_cell(value: Any) -> Any:
    return formula_safe(value) if isinstance(value, str) else value


def json_value(value: Any) -> Any:
    """What ``json.dumps`` cannot write itself: decimals as JSON numbers when a float holds them exactly,
    else as strings; numpy scalars as their Python values; pandas' missing values as null.

    >>> json_value(Decimal("261400")), json_value(Decimal("99.9")), json_value(Decimal("0.1000000000000000055"))
    (261400, 99.9, '0.1000000000000000055')
    """
    import pandas as pd

    if isinstance(value, Decimal):
        if value == value.to_integral_value() and abs(value) < 2**53:
            return int(value)
        as_float = float(value)
        return as_float if Decimal(repr(as_float)) == value else str(value)
    if hasattr(value, "item"):
        return value.item()
    if pd.isna(value):  # pd.NA, pd.NaT
        return None
    return str(value)


def json_records(df: pd.DataFrame) -> list[str]:
    """Each row of a table as one JSON object, exact values kept (see :func:`json_value`), missing cells
    (a float NaN too, which JSON has no word for) as null.

    >>> import pandas as pd
    >>> json_records(pd.DataFrame({"a": pd.array([1, None], dtype="Int64"), "b": [0.5, float("nan")]}))
    ['{"a": 1, "b": 0.5}', '{"a": null, "b": null}']
    """
    return [
        json.dumps(
            {k: None if isinstance(v, float) and v != v else v for k, v in record.items()},
            ensure_ascii=False, allow_nan=False, default=json_value,
        )
        for record in df.to_dict("records")
    ]  # fmt: skip


def report_rows_csv(report: str, rows: Iterable[Sequence[Any]]) -> str:
    """One report's rows of a batch's combined table: its id ``report`` first, no header.

    >>> print(report_rows_csv("a.txt", [(1, "=x")]), end="")
    a.txt,1,'=x
    """
    return csv_text(None, [(report, *row) for row in rows])


class CombinedTables:
    """Every table of all reports with a 'report' column first, streamed into ``folder`` (a staging folder)."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.handles: dict[str, TextIO] = {}

    def add(self, parts: dict[str, str]) -> None:
        """Append one report's rows of each table, as :func:`report_rows_csv` wrote them."""
        for name in TABLES:
            if name not in self.handles:
                self.handles[name] = open(self.folder / f"{name}.csv", "w", encoding="utf-8", newline="")
                self.handles[name].write(csv_text(["report", *columns(name)], []))
            self.handles[name].write(parts[name])

    def close(self) -> None:
        """Close every file, ready for the commit (which flushes them to disk)."""
        for handle in self.handles.values():
            handle.close()
        self.handles = {}
