"""The combined tables of a batch as partitioned Parquet: one dataset folder per table, beside the CSV.

``parquet/<table>/part-00000.parquet``, ``part-00001.parquet`` …: each part holds the rows of up to
:data:`REPORTS_PER_PART` reports, in the batch's order, with the ``report`` column first, so pandas
(``pd.read_parquet("out/parquet/quantities")``), DuckDB (``read_parquet('out/parquet/quantities/*.parquet')``)
or Spark (``spark.read.parquet``) read a table whole. Column types come from the table contract
(:mod:`lawgov.schema`): integers as int64, flags as booleans, text as strings, exact values as
``decimal128(38, 6)`` (the keyword scores, floats by the contract's ``FLOATS``, stay float64). The CSV files stay the
reference: a value beyond what that decimal holds (more than 32 digits before the point — no real
figure) is left empty here and counted.

pyarrow comes with the ``dask`` extra (``pip install lawgov[dask]``) and is imported only here.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Context, Decimal, InvalidOperation
from functools import cache
from pathlib import Path
from typing import Any

from .. import schema
from ..errors import LawgovError

FOLDER = "parquet"  # lawgov.output.build removes a previous build's parts from it
REPORTS_PER_PART = 500
_PLACES = Decimal("0.000001")
_LIMIT = Decimal(10) ** 32
# decimal128(38, 6) holds 38 digits: the quantize below needs that precision (Python's default has 28)
_DIGITS = Context(prec=38)


def _pyarrow() -> Any:
    try:
        import pyarrow
        import pyarrow.parquet  # the submodule is what writes
    except ImportError:
        raise LawgovError("writing Parquet needs pyarrow: pip install 'lawgov[dask]'", "pyarrow") from None
    return pyarrow


@cache
def arrow_schema(table: str) -> Any:
    """The Arrow schema of ``table`` under the table contract, with the ``report`` column first."""
    pa = _pyarrow()
    types = {"integer": pa.int64(), "boolean": pa.bool_(), "string": pa.string()}
    fields = [pa.field("report", pa.string())]
    for f in schema.SCHEMAS[table]["fields"]:
        if f["type"] == "number":
            kind = pa.float64() if (table, f["name"]) in schema.FLOATS else pa.decimal128(38, 6)
        else:
            kind = types.get(f["type"], pa.string())
        fields.append(pa.field(f["name"], kind))
    return pa.schema(fields)


def _exact(value: object) -> tuple[Decimal | None, bool]:
    """A value as the Parquet decimal holds it, and whether it had to be left out (too large)."""
    if value is None or (isinstance(value, float) and value != value):
        return None, False
    try:
        number = value if isinstance(value, Decimal) else Decimal(str(value))
    except InvalidOperation:
        return None, True
    if number.is_nan() or abs(number) >= _LIMIT:
        return None, True
    return number.quantize(_PLACES, context=_DIGITS), False


@dataclass(frozen=True)
class ArrowTables:
    """One report's tables as Arrow tables (the ``report`` column first) and how many values were left out."""

    tables: dict[str, Any]
    left_out: int = 0


def arrow_tables(report: str, tables: dict[str, list[tuple]]) -> ArrowTables:
    """One report's tables (rows in column order) as Arrow tables typed by the contract, made where the report
    is built (a worker), so the process that writes the parts only joins them."""
    pa = _pyarrow()
    out, left_out = {}, 0
    for name in schema.TABLES:
        rows = tables[name]
        shape = arrow_schema(name)
        cells = [list(col) for col in zip(*rows, strict=True)] if rows else [[] for _ in schema.columns(name)]
        arrays = [pa.array([report] * len(rows), type=pa.string())]
        for values, field in zip(cells, list(shape)[1:], strict=True):
            if pa.types.is_decimal(field.type):
                exact = [_exact(v) for v in values]
                left_out += sum(dropped for _, dropped in exact)
                values = [v for v, _ in exact]
            arrays.append(pa.array(values, type=field.type))
        out[name] = pa.Table.from_arrays(arrays, schema=shape)
    return ArrowTables(out, left_out)


class ParquetTables:
    """Every table of a batch collected report by report and written as part files into ``folder``."""

    def __init__(self, folder: Path, reports_per_part: int | None = None) -> None:
        self.folder = folder / FOLDER
        self.per_part = reports_per_part or REPORTS_PER_PART
        self.pending: dict[str, list[Any]] = {name: [] for name in schema.TABLES}
        self.reports = 0
        self.parts = 0
        self.left_out = 0  # values too large for the decimal type (the CSV has them)
        _pyarrow()

    def add(self, report: ArrowTables) -> None:
        """Add one report's tables (see :func:`arrow_tables`); a part file is written every few hundred reports."""
        for name in schema.TABLES:
            self.pending[name].append(report.tables[name])
        self.left_out += report.left_out
        self.reports += 1
        if self.reports % self.per_part == 0:
            self.flush()

    def flush(self) -> None:
        """Write the pending rows of every table as the next part file."""
        if not any(self.pending.values()):
            return
        pa = _pyarrow()
        for name, parts in self.pending.items():
            folder = self.folder / name
            folder.mkdir(parents=True, exist_ok=True)
            joined = pa.concat_tables(parts) if parts else arrow_schema(name).empty_table()
            pa.parquet.write_table(joined, folder / f"part-{self.parts:05d}.parquet")
        self.pending = {name: [] for name in schema.TABLES}
        self.parts += 1

    def files(self) -> list[str]:
        """The part files written, relative to the batch folder."""
        return sorted(str(p.relative_to(self.folder.parent)) for p in self.folder.rglob("*.parquet"))
