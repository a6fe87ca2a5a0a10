"""Validation: check the datasets of a report and report every violation, not only the first.

Checks: every table against its schema (types, required, unique, ranges, enums); percentages of
levels in 0–100; units from the known set; offsets that slice back to their text; values that
agree with their own text; coverage (every digit run and Chinese-numeral run of the text is a
quantity, a date, an ordinal or a named exception); the page's copies agree; changes go the way
their verb says; and, where a gold set exists, recall/precision/measure agreement against it.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import LawgovError
from ..genre import lexicon as lx
from ..genre.seed import is_seed, seed_gold
from ..genre.vocabulary import DictionaryArg, PlacesArg, Vocabulary, vocabulary
from ..schema import SCHEMAS
from .coverage import coverage

if TYPE_CHECKING:
    import pandas as pd

KNOWN_UNITS = {"", "%", "百分点"} | {u[1:] if len(u) > 1 and u[0] == "个" else u for u in lx.UNITS if u != "％"}
FLOORS = {"recall": 1.0, "precision": 1.0, "measure": 0.95}


@dataclass(frozen=True)
class Check:
    name: str
    table: str
    violations: list[str]

    @property
    def passed(self) -> bool:
        return not self.violations


def _is_missing(value: object) -> bool:
    import pandas as pd

    return value is None or (isinstance(value, str) and value == "") or bool(pd.isna(value))


def _typed(value: object, type_: str) -> bool:
    if type_ == "string":
        return isinstance(value, str)
    if type_ == "boolean":
        return isinstance(value, bool) or str(value) in ("True", "False", "true", "false")
    try:
        number = Decimal(str(value))
    except InvalidOperation:
        return False
    return type_ == "number" or number == number.to_integral_value()


def check_schema(name: str, df: pd.DataFrame) -> Check:
    """Fields, types and Frictionless constraints of one table."""
    schema = SCHEMAS[name]
    out = []
    expected = [f["name"] for f in schema["fields"]]
    if list(df.columns) != expected:
        out.append(f"columns {list(df.columns)} ≠ {expected}")
    for field in schema["fields"]:
        col, constraints = field["name"], field.get("constraints", {})
        if col not in df:
            continue
        for row, value in zip(_row_ids(df), df[col], strict=True):
            where = f"row {row} {col}"
            if _is_missing(value):
                if constraints.get("required"):
                    out.append(f"{where}: missing")
                continue
            if not _typed(value, field["type"]):
                out.append(f"{where}: {value!r} is not {field['type']}")
                continue
            if "enum" in constraints and value not in constraints["enum"]:
                out.append(f"{where}: {value!r} not in {constraints['enum']}")
            if field["type"] in ("integer", "number"):
                number = Decimal(str(value))
                if "minimum" in constraints and number < constraints["minimum"]:
                    out.append(f"{where}: {value} < {constraints['minimum']}")
                if "maximum" in constraints and number > constraints["maximum"]:
                    out.append(f"{where}: {value} > {constraints['maximum']}")
        if constraints.get("unique") and df[col].duplicated().any():
            out.append(f"{col}: duplicated values {sorted(set(df[col][df[col].duplicated()].astype(str)))[:5]}")
    return Check("schema", name, out)


def _row_ids(df: pd.DataFrame) -> list[object]:
    return list(df["id"]) if "id" in df else [i + 1 for i in range(len(df))]


def check_offsets(name: str, df: pd.DataFrame, text: str) -> Check:
    """``text[start:end]`` is the row's own text."""
    column = next((c for c in ("raw", "name", "text") if c in df), None)
    out = []
    if column and "start" in df:
        for row, s, e, value in zip(_row_ids(df), df["start"], df["end"], df[column], strict=True):
            if text[int(s) : int(e)] != value:
                out.append(f"row {row}: text[{s}:{e}] is {text[int(s) : int(e)]!r}, not {value!r}")
    return Check("offsets slice to their text", name, out)


def check_quantities(df: pd.DataFrame, vocab: Vocabulary) -> list[Check]:
    """Units known, percentages of levels in 0–100, and each value equal to what its raw text says."""
    from ..extract.quantities import find_quantities

    units, percents, values = [], [], []
    for row in df.to_dict("records"):
        rid, raw = row["id"], row["raw"]
        unit = "" if _is_missing(row["unit"]) else row["unit"]
        if unit not in KNOWN_UNITS:
            units.append(f"row {rid} ({raw}): unknown unit {unit!r}")
        value = Decimal(str(row["value"]))
        if row["kind"] == "percent" and _is_missing(row["direction"]) and not 0 <= value <= 100:
            percents.append(f"row {rid} ({raw}): {value}% outside 0–100")
        parsed = find_quantities(raw, vocab=vocab)
        if not parsed or parsed[0].raw != raw:
            values.append(f"row {rid}: {raw!r} does not read as one quantity")
        elif parsed[0].value != value:
            values.append(f"row {rid} ({raw}): value {value} ≠ {parsed[0].value} from its text")
    return [
        Check("units from the known set", "quantities", units),
        Check("percentages in 0–100", "quantities", percents),
        Check("values agree with their text", "quantities", values),
    ]


def check_changes(df: pd.DataFrame) -> Check:
    """A change goes the way its verb says (减少/压缩 → down, 提高/增加 → up)."""
    out = []
    for row in df.to_dict("records"):
        a, b = Decimal(str(row["from_value"])), Decimal(str(row["to_value"]))
        raw = row["raw"]
        says = "down" if any(w in raw for w in lx.DOWN) else "up" if any(w in raw for w in lx.UP) else None
        actual = "down" if b < a else "up" if b > a else "same"
        if says and says != actual:
            out.append(f"row {row['id']} ({raw}): the verb says {says} but {a} → {b} is {actual}")
        if row["direction"] != actual:
            out.append(f"row {row['id']} ({raw}): direction {row['direction']} but {a} → {b} is {actual}")
    return Check("changes go the way their verb says", "changes", out)


def check_coverage(text: str, tables: dict[str, pd.DataFrame], vocab: Vocabulary) -> Check:
    """Every number of the text is a quantity, a date, an ordinal, a name or a word (see :func:`coverage`)."""
    runs = coverage(text, tables, places=vocab)
    missing = runs[runs["accounted_as"] == ""]
    return Check(
        "coverage: every number is accounted for",
        "clean.txt",
        [f"{r.run!r} at {r.start} ({r.context})" for r in missing.itertuples()],
    )


def check_gold(quantities: pd.DataFrame, text: str, gold: pd.DataFrame) -> Check:
    """Recall, precision and measure agreement against a hand-annotated gold set, with pinned floors."""
    from .evaluation import differences, gold_spans, score

    g = gold_spans(text, gold)
    scores = score(quantities, g)
    out = [f"{k} {scores[k]:.3f} below {floor}" for k, floor in FLOORS.items() if scores[k] < floor]
    if scores["value"] < 1:
        out.append(f"value agreement {scores['value']:.3f} below 1.0")
    if out:
        diff = differences(quantities, g)
        out += [f"{r.problem}: {r.raw if r.raw == r.raw else r.raw_gold} at {r.start}" for r in diff.itertuples()]
        merged = quantities.merge(g, on=["start", "end"], suffixes=("", "_gold"))
        bad = merged[
            [Decimal(str(a)) != Decimal(str(b)) for a, b in zip(merged["value"], merged["value_gold"], strict=True)]
        ]
        out += [f"row {r.id} ({r.raw}): value {r.value} ≠ gold {r.value_gold}" for r in bad.itertuples()]
    return Check("quantities against the gold set", "quantities", out)


def validate_tables(
    tables: dict[str, pd.DataFrame],
    text: str,
    metadata: dict | None = None,
    gold: pd.DataFrame | None = None,
    *,
    places: PlacesArg | Vocabulary = None,
    dictionary: DictionaryArg = None,
) -> pd.DataFrame:
    """Run every check; one row per check: name, table, passed, violations (count), detail (all of them).

    ``places`` and ``dictionary`` are those the tables were extracted with (Chongqing's and lawgov's
    by default): they decide which numerals are names. ``gold`` is a gold set of quantities
    (:func:`lawgov.genre.seed.seed_gold` for the seed).
    """
    import pandas as pd

    vocab = vocabulary(places, dictionary)
    checks: list[Check] = []
    for name, df in tables.items():
        if name in SCHEMAS:
            checks.append(check_schema(name, df))
            checks.append(check_offsets(name, df, text))
    if "quantities" in tables:
        checks += check_quantities(tables["quantities"], vocab)
    if "changes" in tables:
        checks.append(check_changes(tables["changes"]))
    checks.append(check_coverage(text, tables, vocab))
    if metadata is not None:
        copies = metadata.get("copies", 1)
        agree = [] if metadata.get("copies_identical", True) else [f"{copies} copies of the article differ"]
        checks.append(Check("the copies of the article agree", "metadata.json", agree))
    if gold is not None and "quantities" in tables:
        checks.append(check_gold(tables["quantities"], text, gold))
    rows = [(c.name, c.table, c.passed, len(c.violations), "; ".join(c.violations)) for c in checks]
    return pd.DataFrame(rows, columns=["name", "table", "passed", "violations", "detail"])


def read_data(folder: str | os.PathLike[str]) -> tuple[dict[str, pd.DataFrame], str, dict]:
    """The tables, clean text and metadata that ``lawgov build`` wrote into ``folder``."""
    import pandas as pd

    folder = Path(folder)
    try:
        text = (folder / "clean.txt").read_text(encoding="utf-8").removesuffix("\n")
        metadata = json.loads((folder / "metadata.json").read_text(encoding="utf-8"))
        package = json.loads((folder / "datapackage.json").read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise LawgovError(f"not a lawgov data folder: {Path(exc.filename).name} is missing", str(folder)) from None
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise LawgovError(f"unreadable data file: {exc}", str(folder)) from None
    tables = {}
    for resource in package.get("resources", []):
        fields = resource["schema"]["fields"]
        # Numbers are read as text and made Decimals, so a value is checked exactly as written.
        dtypes = {f["name"]: "Int64" if f["type"] == "integer" else str for f in fields}
        try:
            df = pd.read_csv(folder / resource["path"], dtype=dtypes, keep_default_na=False, na_values={
                f["name"]: [""] for f in fields if f["type"] == "integer"})  # fmt: skip
        except (FileNotFoundError, ValueError, pd.errors.ParserError) as exc:
            raise LawgovError(f"cannot read {resource['path']}: {exc}", str(folder)) from None
        for f in fields:
            if f["type"] == "number" and f["name"] in df:
                df[f["name"]] = [_decimal(v) for v in df[f["name"]]]
        tables[resource["name"]] = df
    return tables, text, metadata


def _decimal(value: str) -> Decimal | str | None:
    if value == "":
        return None
    try:
        return Decimal(value)
    except InvalidOperation:
        return value  # left as text for the schema check to report


def validate(
    folder: str | os.PathLike[str] = "data", *, places: PlacesArg = None, dictionary: DictionaryArg = None
) -> pd.DataFrame:
    """Validate a folder written by ``lawgov build`` (see :func:`validate_tables`).

    ``places`` and ``dictionary`` are those the folder was built with (Chongqing's and lawgov's by
    default). Data built from the unchanged seed is also scored against the seed's gold set.
    """
    tables, text, metadata = read_data(folder)
    gold = seed_gold("quantities") if is_seed(metadata) else None
    return validate_tables(tables, text, metadata, gold, places=places, dictionary=dictionary)
