"""The combined tables of a batch as partitioned Parquet: one dataset folder per table, beside the CSV.

``parquet/<table>/part-00000.parquet``, ``part-00001.parquet`` …: each part holds the rows of up to
:data:`REPORTS_PER_PART` reports, in the batch's order, with the ``report`` column first, so pandas
(``pd.read_parquet("out/parquet/quantities")``), DuckDB (``read_parquet('out/parquet/quantities/*.parquet')``)
or Spark (``spark.read.parquet``) read a table whole. Column types come from the table contract
(:mod:`lawgov.schema`): integers as int64, flags as booleans, text as strings, exact values as
``decimal128(38, 6)`` (floats, such as the keyword scores, stay float64). The CSV files stay the
reference: a value beyond what that decimal holds (more than 32 digits before the point — no real
figure) is left empty here and counted.

pyarrow comes with the ``dask`` extra (``pip install lawgov[dask]``) and is imported only here.
"""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from .. import schema
from ..errors import LawgovError

FOLDER = "parquet"  # the same name as lawgov.output.build.PARQUET, which a later build removes parts from
REPORTS_PER_PART = 500
_PLACES = Decimal("0.000001")
_LIMIT = Decimal(10) ** 32


def _pyarrow() -> Any:
    try:
        import pyarrow
        import pyarrow.parquet  # the submodule is what writes
    except ImportError:
        raise LawgovError("writing Parquet needs pyarrow: pip install 'lawgov[dask]'", "pyarrow") from None
    return pyarrow


def arrow_type(table: str, column: str, values: list[Any]) -> Any:
    """The Arrow type of a column of ``table`` under the table contract (``values`` tell floats from exact values)."""
    pa = _pyarrow()
    if column == "report":
        return pa.string()
    field = next(f for f in schema.SCHEMAS[table]["fields"] if f["name"] == column)
    if field["type"] == "integer":
        return pa.int64()
    if field["type"] == "boolean":
        return pa.bool_()
    if field["type"] == "number":
        return pa.float64() if any(isinstance(v, float) for v in values) else pa.decimal128(38, 6)
    return pa.string()


def _exact(value: object) -> tuple[Decimal | None, bool]:
    """A value as the Parquet decimal holds it, and whether it had to be left out (too large)."""
    if value is None or (isinstance(value, float) and value != value):
        return None, False
    try:
        number = Decimal(str(value))
    except InvalidOperation:
        return None, True
    if number.is_nan() or abs(number) >= _LIMIT:
        return None, True
    return number.quantize(_PLACES), False


class ParquetTables:
    """Every table of a batch collected report by report and written as part files into ``folder``."""

    def __init__(self, folder: Path, reports_per_part: int | None = None) -> None:
        self.folder = folder / FOLDER
        self.per_part = reports_per_part or REPORTS_PER_PART
        self.pending: dict[str, list[tuple]] = {name: [] for name in schema.TABLES}
        self.reports = 0
        self.parts = 0
        self.left_out = 0  # values too large for the decimal type (the CSV has them)
        _pyarrow()

    def add(self, report: str, tables: dict[str, list[tuple]]) -> None:
        """Add one report's tables (rows in column order) under the id ``report``; a part file is written every
        few hundred reports."""
        for name in schema.TABLES:
            self.pending[name] += [(report, *row) for row in tables[name]]
        self.reports += 1
        if self.reports % self.per_part == 0:
            self.flush()

    def flush(self) -> None:
        """Write the pending rows of every table as the next part file."""
        if not any(self.pending.values()):
            return
        pa = _pyarrow()
        for name, rows in self.pending.items():
            names = ["report", *schema.columns(name)]
            cells = [list(col) for col in zip(*rows, strict=True)] if rows else [[] for _ in names]
            arrays, fields = [], []
            for column, values in zip(names, cells, strict=True):
                kind = arrow_type(name, column, values)
                if pa.types.is_decimal(kind):
                    exact = [_exact(v) for v in values]
                    self.left_out += sum(out for _, out in exact)
                    values = [v for v, _ in exact]
                arrays.append(pa.array(values, type=kind))
                fields.append(pa.field(column, kind))
            folder = self.folder / name
            folder.mkdir(parents=True, exist_ok=True)
            pa.parquet.write_table(pa.Table.from_arrays(arrays, schema=pa.schema(fields)),
                                   folder / f"part-{self.parts:05d}.parquet")  # fmt: skip
        self.pending = {name: [] for name in schema.TABLES}
        self.parts += 1

    def files(self) -> list[str]:
        """The part files written, relative to the batch folder."""
        return sorted(str(p.relative_to(self.folder.parent)) for p in self.folder.rglob("*.parquet"))
