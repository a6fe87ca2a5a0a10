"""Tables → text: one table as CSV or JSON records, and the combined tables of a batch.

One CSV dialect for everything lawgov writes: comma-separated, a header row, ``\\n`` line ends, UTF-8.
"""

from __future__ import annotations

import csv
import io
import json
import os
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

from ..schema import TABLES

if TYPE_CHECKING:
    import pandas as pd


def table_csv(df: pd.DataFrame, header: bool = True) -> str:
    """A table as CSV text, the form of every ``.csv`` file lawgov writes."""
    return df.to_csv(index=False, header=header, lineterminator="\n")


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


def csv_records(body: str) -> list[str]:
    """The records of CSV text without its header, each as one string (quoted newlines stay inside)."""
    out = []
    for row in csv.reader(io.StringIO(body)):
        buffer = io.StringIO()
        csv.writer(buffer, lineterminator="").writerow(row)
        out.append(buffer.getvalue())
    return out


class CombinedTables:
    """Tables of all reports with a 'report' column, streamed to temporary files and renamed at the end."""

    def __init__(self, out: Path) -> None:
        self.out = out
        self.files: dict[str, tuple[Path, TextIO]] = {}

    def add(self, report: str, files: dict[str, str | bytes]) -> None:
        """Append one report's tables (its ``name.csv`` texts) under the id ``report``."""
        for name in TABLES:
            text = files.get(f"{name}.csv")
            if not isinstance(text, str):
                continue
            header, _, body = text.partition("\n")
            if name not in self.files:
                self.out.mkdir(parents=True, exist_ok=True)
                tmp = self.out / f".{name}.csv.tmp"
                handle = open(tmp, "w", encoding="utf-8", newline="")
                handle.write("report," + header + "\n")
                self.files[name] = (tmp, handle)
            handle = self.files[name][1]
            quoted = io.StringIO()
            csv.writer(quoted, lineterminator="").writerow([report])
            prefix = quoted.getvalue() + ","
            for line in csv_records(body):
                handle.write(prefix + line + "\n")

    def commit(self) -> None:
        for name, (tmp, handle) in self.files.items():
            handle.close()
            os.replace(tmp, self.out / f"{name}.csv")
        self.files = {}

    def discard(self) -> None:
        for tmp, handle in self.files.values():
            handle.close()
            tmp.unlink(missing_ok=True)
        self.files = {}
