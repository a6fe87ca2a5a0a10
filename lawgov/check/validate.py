"""Validation: check the datasets of a report and report every violation, not only the first.

Checks: every table against its schema (types, required, unique, ranges, enums, its entry in
``datapackage.json``, no cell a spreadsheet would run); percentages of levels in 0–100; units from
the known set; offsets that slice back to their text; values that agree with their own text;
coverage (every digit run and Chinese-numeral run of the text is a quantity, a date, an ordinal or a
named exception); the page's copies agree; changes go the way their verb says; and, where a gold
set exists, recall/precision/measure agreement against it.

A tampered folder never makes validation raise: a missing file or column, a cell that is not a
number, a broken ``datapackage.json`` are violations of the check they stop. A batch folder (one
with ``reports.csv``) is validated report by report, plus its combined tables and its index.
"""

from __future__ import annotations

import csv
import json
import os
import re
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING, Any

from .. import schema
from ..errors import LawgovError
from ..genre import lexicon as lx
from ..genre.seed import is_seed, seed_gold
from ..genre.vocabulary import DictionaryArg, PlacesArg, Vocabulary, vocabulary
from ..schema import SCHEMAS, TABLES, formula_raw, runs_as_formula
from .coverage import coverage

if TYPE_CHECKING:
    import pandas as pd

KNOWN_UNITS = {"", "%", "百分点"} | {u[1:] if len(u) > 1 and u[0] == "个" else u for u in lx.UNITS if u != "％"}
FLOORS = {"recall": 1.0, "precision": 1.0, "measure": 0.95}
#: The index of a batch folder, and its columns.
INDEX = "reports.csv"
INDEX_COLUMNS = ["report", "folder", "path", "status", "message"]

# The checks of one report's tables


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


def _number(value: object) -> Decimal | None:
    """``value`` as a finite Decimal, or None when it is not one (text, NaN, sNaN, Infinity)."""
    try:
        number = value if isinstance(value, Decimal) else Decimal(str(value).strip())
    except (InvalidOperation, ValueError):
        return None
    return number if number.is_finite() else None


def _typed(value: object, type_: str) -> bool:
    if type_ == "string":
        return isinstance(value, str)
    if type_ == "boolean":
        return isinstance(value, bool) or str(value) in ("True", "False", "true", "false")
    number = _number(value)
    return number is not None and (type_ == "number" or number == number.to_integral_value())


def check_schema(name: str, df: pd.DataFrame) -> Check:
    """Fields, types and Frictionless constraints of one table."""
    schema_ = SCHEMAS[name]
    out = []
    expected = [f["name"] for f in schema_["fields"]]
    if list(df.columns) != expected:
        out.append(f"columns {list(df.columns)} ≠ {expected}")
    for field in schema_["fields"]:
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
                number = _number(value)
                if "minimum" in constraints and number < constraints["minimum"]:
                    out.append(f"{where}: {value} < {constraints['minimum']}")
                if "maximum" in constraints and number > constraints["maximum"]:
                    out.append(f"{where}: {value} > {constraints['maximum']}")
        if constraints.get("unique") and df[col].duplicated().any():
            out.append(f"{col}: duplicated values {sorted(set(df[col][df[col].duplicated()].astype(str)))[:5]}")
    return Check("schema", name, out)


def _row_ids(df: pd.DataFrame) -> list[object]:
    return list(df["id"]) if "id" in df else [i + 1 for i in range(len(df))]


def _offset(value: object) -> int | None:
    number = _number(value)
    return int(number) if number is not None and number == number.to_integral_value() and number >= 0 else None


def check_offsets(name: str, df: pd.DataFrame, text: str) -> Check:
    """``text[start:end]`` is the row's own text."""
    column = next((c for c in ("raw", "name", "text") if c in df), None)
    out = []
    if column and "start" in df and "end" in df:
        for row, s, e, value in zip(_row_ids(df), df["start"], df["end"], df[column], strict=True):
            start, end = _offset(s), _offset(e)
            if start is None or end is None:
                out.append(f"row {row}: offsets {s}:{e} are not positions in the text")
            elif text[start:end] != value:
                out.append(f"row {row}: text[{s}:{e}] is {text[start:end]!r}, not {value!r}")
    elif column or "start" in df:
        out.append("the columns start, end and the text they slice are needed to check the offsets")
    return Check("offsets slice to their text", name, out)


def _missing_columns(df: pd.DataFrame, needed: tuple[str, ...]) -> list[str]:
    missing = [c for c in needed if c not in df]
    return [f"cannot check without the column(s) {', '.join(missing)}"] if missing else []


def check_quantities(df: pd.DataFrame, vocab: Vocabulary, text: str | None = None) -> list[Check]:
    """Units known, percentages of levels in 0–100, and each value equal to what its raw text says.

    A raw text is read again where it stands in ``text`` when its offsets hold (what comes just before
    a number can decide it: 近千项, 山区26县), else on its own.
    """
    from ..extract.quantities import find_quantities

    units = _missing_columns(df, ("id", "raw", "unit"))
    percents = _missing_columns(df, ("id", "raw", "value", "kind", "direction"))
    values = _missing_columns(df, ("id", "raw", "value"))
    check_units, check_percents, check_values = not units, not percents, not values
    for row in df.to_dict("records"):
        rid, raw = row.get("id"), row.get("raw")
        if check_units:
            unit = "" if _is_missing(row["unit"]) else row["unit"]
            if unit not in KNOWN_UNITS:
                units.append(f"row {rid} ({raw}): unknown unit {unit!r}")
        if not check_values or not isinstance(raw, str):
            continue
        value = _number(row["value"])
        if value is None:
            values.append(f"row {rid} ({raw}): value {row['value']!r} is not a number")
            continue
        if check_percents and row["kind"] == "percent" and _is_missing(row["direction"]) and not 0 <= value <= 100:
            percents.append(f"row {rid} ({raw}): {value}% outside 0–100")
        parsed = _read_again(raw, row.get("start"), row.get("end"), text, vocab, find_quantities)
        if not parsed or parsed[0].raw != raw:
            values.append(f"row {rid}: {raw!r} does not read as one quantity")
        elif parsed[0].value != value:
            values.append(f"row {rid} ({raw}): value {value} ≠ {parsed[0].value} from its text")
    return [
        Check("units from the known set", "quantities", units),
        Check("percentages in 0–100", "quantities", percents),
        Check("values agree with their text", "quantities", values),
    ]


_CONTEXT = 12  # characters read before a quantity (enough for 长沙、株洲、湘潭3市) and after it (7日内)


def _read_again(raw: str, start: object, end: object, text: str | None, vocab: Vocabulary, find) -> list:
    """The quantities found in ``raw`` read again in its place in ``text`` (the one at its span first)."""
    try:
        s, e = int(start), int(end)
    except (TypeError, ValueError, OverflowError):
        s = e = -1
    if text is not None and 0 <= s < e <= len(text) and text[s:e] == raw:
        lo = max(0, s - _CONTEXT)
        window = find(text[lo : e + _CONTEXT], vocab=vocab)
        here = [q for q in window if (q.start + lo, q.end + lo) == (s, e)]
        if here:
            return here
    return find(raw, vocab=vocab)


def check_changes(df: pd.DataFrame) -> Check:
    """A change goes the way its verb says (减少/压缩 → down, 提高/增加 → up)."""
    out = _missing_columns(df, ("id", "raw", "from_value", "to_value", "direction"))
    for row in [] if out else df.to_dict("records"):
        a, b, raw = _number(row["from_value"]), _number(row["to_value"]), row["raw"]
        if a is None or b is None:
            out.append(f"row {row['id']} ({raw}): from {row['from_value']!r} → to {row['to_value']!r} are not numbers")
            continue
        raw = raw if isinstance(raw, str) else ""
        says = "down" if any(w in raw for w in lx.DOWN) else "up" if any(w in raw for w in lx.UP) else None
        actual = "down" if b < a else "up" if b > a else "same"
        if says and says != actual:
            out.append(f"row {row['id']} ({raw}): the verb says {says} but {a} → {b} is {actual}")
        if row["direction"] != actual:
            out.append(f"row {row['id']} ({raw}): direction {row['direction']} but {a} → {b} is {actual}")
    return Check("changes go the way their verb says", "changes", out)


def check_coverage(
    text: str, tables: dict[str, pd.DataFrame], vocab: Vocabulary, people: list[str] | None = None
) -> Check:
    """Every number of the text is a quantity, a date, an ordinal, a name or a word (see :func:`coverage`);
    ``people`` are the byline's names (a reporter surnamed 万 is no number)."""
    runs = coverage(text, {name: _located(df) for name, df in tables.items()}, places=vocab, people=people or ())
    missing = runs[runs["accounted_as"] == ""]
    return Check(
        "coverage: every number is accounted for",
        "clean.txt",
        [f"{r.run!r} at {r.start} ({r.context})" for r in missing.itertuples()],
    )


def _people(metadata: object) -> list[str]:
    """The names the byline gives (reporter, editor, author), each of them: 张三、李四 is two."""
    if not isinstance(metadata, dict):
        return []
    found = [metadata.get(field) for field in ("reporter", "editor", "author")]
    return [name for value in found if isinstance(value, str) for name in value.split("、") if name]


def _located(df: pd.DataFrame) -> pd.DataFrame:
    """The rows whose offsets are positions (a tampered row is reported by the offsets check, not here)."""
    if "start" not in df or "end" not in df:
        return df.iloc[0:0].assign(start=[], end=[])
    good = [_offset(s) is not None and _offset(e) is not None for s, e in zip(df["start"], df["end"], strict=True)]
    return df[good].astype({"start": "int64", "end": "int64"}) if not all(good) else df


def check_gold(quantities: pd.DataFrame, text: str, gold: pd.DataFrame) -> Check:
    """Recall, precision and measure agreement against a hand-annotated gold set, with pinned floors."""
    from .evaluation import differences, gold_spans, score

    try:
        g = gold_spans(text, gold)
    except ValueError as exc:
        return Check("quantities against the gold set", "quantities", [f"the gold set does not fit clean.txt: {exc}"])
    quantities = _located(quantities)
    scores = score(quantities, g)
    out = [f"{k} {scores[k]:.3f} below {floor}" for k, floor in FLOORS.items() if scores[k] < floor]
    if scores["value"] < 1:
        out.append(f"value agreement {scores['value']:.3f} below 1.0")
    if out:
        diff = differences(quantities, g)
        out += [f"{r.problem}: {r.raw if r.raw == r.raw else r.raw_gold} at {r.start}" for r in diff.itertuples()]
        merged = quantities.merge(g, on=["start", "end"], suffixes=("", "_gold"))
        bad = merged[[_number(a) != _number(b) for a, b in zip(merged["value"], merged["value_gold"], strict=True)]]
        out += [f"row {r.id} ({r.raw}): value {r.value} ≠ gold {r.value_gold}" for r in bad.itertuples()]
    return Check("quantities against the gold set", "quantities", out)


def _guarded(name: str, table: str, run: Callable[..., Check | list[Check]], *args: Any) -> list[Check]:
    """Run one check; a table too damaged to check is that check's violation, never an exception."""
    try:
        result = run(*args)
    except (KeyError, ValueError, TypeError, AttributeError, ArithmeticError) as exc:
        return [Check(name, table, [f"could not be checked: {type(exc).__name__}: {exc}"])]
    return result if isinstance(result, list) else [result]


def validate_tables(
    tables: dict[str, pd.DataFrame],
    text: str | None,
    metadata: dict | None = None,
    gold: pd.DataFrame | None = None,
    *,
    places: PlacesArg | Vocabulary = None,
    dictionary: DictionaryArg = None,
    problems: dict[str, list[str]] | None = None,
) -> pd.DataFrame:
    """Run every check; one row per check: name, table, passed, violations (count), detail (all of them).

    ``places`` and ``dictionary`` are those the tables were extracted with (Chongqing's and lawgov's
    by default): they decide which numerals are names. ``gold`` is a gold set of quantities
    (:func:`lawgov.genre.seed.seed_gold` for the seed). ``text`` is None when ``clean.txt`` could not
    be read; ``problems`` are what reading the files found, by table or file name (see :func:`validate`).
    """
    import pandas as pd

    vocab = vocabulary(places, dictionary)
    problems = problems or {}
    no_text = problems.get("clean.txt") or ["clean.txt is missing"]
    checks: list[Check] = []
    for name in dict.fromkeys(n for n in [*tables, *problems] if n in SCHEMAS):  # the tables' order, then the missing
        df = tables.get(name)
        found = problems.get(name, [])
        if df is None:
            checks.append(Check("schema", name, found))
            continue
        checks.append(Check("schema", name, found + check_schema(name, df).violations))
        offsets = "offsets slice to their text"
        checks += (
            [Check(offsets, name, no_text)] if text is None else _guarded(offsets, name, check_offsets, name, df, text)
        )
    if "quantities" in tables:
        checks += _guarded(
            "values agree with their text", "quantities", check_quantities, tables["quantities"], vocab, text
        )
    if "changes" in tables:
        checks += _guarded("changes go the way their verb says", "changes", check_changes, tables["changes"])
    coverage_name = "coverage: every number is accounted for"
    if text is None:
        checks.append(Check(coverage_name, "clean.txt", no_text))
    else:
        people = _people(metadata)
        checks += _guarded(coverage_name, "clean.txt", check_coverage, text, tables, vocab, people)
    if metadata is not None or "metadata.json" in problems:
        agree = list(problems.get("metadata.json", []))
        if isinstance(metadata, dict) and not metadata.get("copies_identical", True):
            agree.append(f"{metadata.get('copies', 1)} copies of the article differ")
        checks.append(Check("the copies of the article agree", "metadata.json", agree))
    if gold is not None and "quantities" in tables and text is not None:
        gold_name = "quantities against the gold set"
        checks += _guarded(gold_name, "quantities", check_gold, tables["quantities"], text, gold)
    rows = [(c.name, c.table, c.passed, len(c.violations), "; ".join(c.violations)) for c in checks]
    return pd.DataFrame(rows, columns=["name", "table", "passed", "violations", "detail"])


# ---------------------------------------------------------------------------------------------------
# Reading a folder back: every cell as written, formula cells reverted, problems collected


@dataclass
class Contents:
    """What a data folder holds: its tables (typed), clean text and metadata, and the problems met reading them."""

    tables: dict[str, pd.DataFrame]
    text: str | None
    metadata: dict | None
    problems: dict[str, list[str]]


REPORT_FILES = ("clean.txt", "metadata.json", "datapackage.json", *(f"{t}.csv" for t in TABLES))


def read_folder(folder: str | os.PathLike[str]) -> Contents:
    """Read a report's data folder without trusting it: a missing or broken file is a problem, not an error."""
    folder = Path(folder)
    problems: dict[str, list[str]] = {}
    text = _read_text(folder / "clean.txt", problems)
    metadata = _read_json(folder / "metadata.json", problems)
    if metadata is not None and not isinstance(metadata, dict):
        problems.setdefault("metadata.json", []).append("metadata.json is not a JSON object")
        metadata = None
    tables = {}
    for name in TABLES:
        df, found = read_table(folder / f"{name}.csv", name)
        if df is not None:
            tables[name] = df
        if found:
            problems.setdefault(name, []).extend(found)
    package = _read_json(folder / "datapackage.json", problems)
    for name, found in _package_problems(package, tables).items():
        problems.setdefault(name, []).extend(found)
    return Contents(tables, text, metadata, problems)


def _read_text(path: Path, problems: dict[str, list[str]]) -> str | None:
    try:
        return path.read_text(encoding="utf-8").removesuffix("\n")
    except FileNotFoundError:
        problems.setdefault(path.name, []).append(f"{path.name} is missing")
    except (OSError, UnicodeDecodeError) as exc:
        problems.setdefault(path.name, []).append(f"{path.name} cannot be read: {exc}")
    return None


def _read_json(path: Path, problems: dict[str, list[str]]) -> Any:
    text = _read_text(path, problems)
    if text is None:
        return None
    try:
        return json.loads(text)
    except ValueError as exc:
        problems.setdefault(path.name, []).append(f"{path.name} is not JSON: {exc}")
        return None


def read_table(path: Path, name: str) -> tuple[pd.DataFrame | None, list[str]]:
    """Table ``name`` from its CSV file: formula-safe cells reverted, numbers typed as its schema says
    (integers as ``Int64`` when they fit, numbers as exact Decimals); and the problems found reading it."""
    import pandas as pd

    try:
        raw = pd.read_csv(path, dtype=str, keep_default_na=False)
    except FileNotFoundError:
        return None, [f"{path.name} is missing"]
    except (OSError, ValueError, pd.errors.ParserError) as exc:
        return None, [f"{path.name} cannot be read: {exc}"]
    problems = []
    ids = list(raw["id"]) if "id" in raw else list(range(1, len(raw) + 1))
    for column in raw.columns:
        cells = list(raw[column])
        problems += [
            f"row {row} {column}: {cell[:30]!r} would run as a formula in a spreadsheet"
            for row, cell in zip(ids, cells, strict=True)
            if runs_as_formula(cell)
        ]
        raw[column] = [formula_raw(cell) for cell in cells]
    types = {f["name"]: f["type"] for f in SCHEMAS[name]["fields"]}
    for column in [c for c in raw.columns if types.get(c) in ("integer", "number")]:
        raw[column] = _integers(raw[column]) if types[column] == "integer" else [_decimal(v) for v in raw[column]]
    return raw, problems


def _integers(cells: pd.Series) -> pd.Series:
    import pandas as pd

    values = [None if v == "" else int(v) if re.fullmatch(r"-?[0-9]+", v) else v for v in cells]
    fits = all(v is None or (isinstance(v, int) and -(2**63) <= v < 2**63) for v in values)
    return pd.Series(values, index=cells.index, dtype="Int64" if fits else object)


def _decimal(value: str) -> Decimal | str | None:
    if value == "":
        return None
    number = _number(value)
    return number if number is not None else value  # left as text for the schema check to report


def _package_problems(package: Any, tables: dict[str, pd.DataFrame]) -> dict[str, list[str]]:
    """How ``datapackage.json`` fails to describe the tables lawgov wrote, by table."""
    if package is None:
        return {name: ["datapackage.json is missing or unreadable"] for name in tables}
    resources = package.get("resources") if isinstance(package, dict) else None
    if not isinstance(resources, list):
        return {name: ["datapackage.json has no list of resources"] for name in tables}
    described = {r.get("name"): r for r in resources if isinstance(r, dict)}
    out: dict[str, list[str]] = {}
    for name, df in tables.items():
        expected, found = schema.resource(name, len(df)), described.get(name)
        if found is None:
            out[name] = [f"datapackage.json does not describe {name}"]
        elif found != expected:
            keys = sorted(k for k in expected.keys() | found.keys() if expected.get(k) != found.get(k))
            out[name] = [f"datapackage.json describes {name} unlike the file and lawgov's schema ({', '.join(keys)})"]
    return out


def read_data(folder: str | os.PathLike[str]) -> tuple[dict[str, pd.DataFrame], str, dict]:
    """The tables, clean text and metadata that ``lawgov build`` wrote into ``folder`` (formula cells reverted)."""
    folder = _data_folder(folder)
    contents = read_folder(folder)
    if contents.text is None:
        raise LawgovError("not a lawgov data folder: clean.txt is missing or unreadable", str(folder))
    return contents.tables, contents.text, contents.metadata or {}


def _data_folder(folder: str | os.PathLike[str]) -> Path:
    folder = Path(folder)
    if not folder.exists():
        raise LawgovError("no such folder", str(folder))
    if not folder.is_dir():
        raise LawgovError("is a file, not a data folder", str(folder))
    return folder


def validate(
    folder: str | os.PathLike[str] = "data", *, places: PlacesArg = None, dictionary: DictionaryArg = None
) -> pd.DataFrame:
    """Validate a folder written by ``lawgov build`` (see :func:`validate_tables`).

    ``places`` and ``dictionary`` are those the folder was built with (Chongqing's and lawgov's by
    default). Data built from the unchanged seed is also scored against the seed's gold set. A batch
    folder (with ``reports.csv``) gives the checks of every report's folder, a ``report`` column first,
    and those of its combined tables and index (an empty ``report``).
    """
    folder = _data_folder(folder)
    vocab = vocabulary(places, dictionary)
    if (folder / INDEX).is_file() and not (folder / "clean.txt").exists():
        return validate_batch(folder, vocab)
    if not any((folder / name).exists() for name in REPORT_FILES):
        raise LawgovError(f"not a lawgov data folder: none of {', '.join(REPORT_FILES[:3])} … is there", str(folder))
    return _validate_report(folder, vocab)


def _validate_report(folder: Path, vocab: Vocabulary) -> pd.DataFrame:
    contents = read_folder(folder)
    metadata = contents.metadata
    gold = seed_gold("quantities") if metadata is not None and is_seed(metadata) else None
    return validate_tables(contents.tables, contents.text, metadata, gold, places=vocab, problems=contents.problems)


# ---------------------------------------------------------------------------------------------------
# A batch folder: each report's folder, the combined tables and the index


def validate_batch(folder: Path, vocab: Vocabulary) -> pd.DataFrame:
    """The checks of every report folder the index lists, then of the index and the combined tables."""
    import pandas as pd

    index, index_problems = read_index(folder)
    frames = []
    ok = [row for row in index if row["listed"]]
    for row in ok:
        report_folder = folder / row["folder"]
        if report_folder.is_dir():
            checks = _validate_report(report_folder, vocab)
            tables = [f"{row['folder']}/{t}" for t in checks["table"]]
            frames.append(checks.assign(table=tables, report=row["report"]))
        else:
            index_problems.append(f"{row['report']}: its folder {row['folder']!r} is missing")
    batch = [Check("the index lists every report once, each with its folder", INDEX, index_problems)]
    batch += [_check_combined(folder, name, ok) for name in TABLES]
    rows = [("", c.name, c.table, c.passed, len(c.violations), "; ".join(c.violations)) for c in batch]
    frames.append(pd.DataFrame(rows, columns=["report", "name", "table", "passed", "violations", "detail"]))
    columns = ["report", "name", "table", "passed", "violations", "detail"]
    return pd.concat([f[columns] for f in frames], ignore_index=True)


def read_index(folder: Path) -> tuple[list[dict[str, Any]], list[str]]:
    """The rows of ``reports.csv`` (cells reverted) and what is wrong with it."""
    rows = _csv_rows(folder / INDEX)
    if rows is None or not rows or rows[0] != INDEX_COLUMNS:
        header = rows[0] if rows else None
        return [], [f"{INDEX} cannot be read or its columns {header} are not {INDEX_COLUMNS}"]
    problems, entries, seen, folders = [], [], set(), set()
    for n, cells in enumerate(rows[1:], start=2):
        if len(cells) != len(INDEX_COLUMNS):
            problems.append(f"line {n}: {len(cells)} cells, not {len(INDEX_COLUMNS)}")
            continue
        problems += [f"line {n}: {c[:30]!r} would run as a formula" for c in cells if runs_as_formula(c)]
        entry = dict(zip(INDEX_COLUMNS, (formula_raw(c) for c in cells), strict=True))
        if entry["report"] in seen:
            problems.append(f"line {n}: report {entry['report']!r} is listed twice")
        seen.add(entry["report"])
        if entry["status"] not in ("ok", "error"):
            problems.append(f"line {n}: status {entry['status']!r} is not ok or error")
        entry["listed"] = False  # an ok report with a usable folder: its folder and rows are checked
        if entry["status"] == "ok":
            if not _safe_folder(entry["folder"]):
                problems.append(f"line {n}: folder {entry['folder']!r} is not a folder inside the batch")
            elif entry["folder"].casefold() in folders:
                problems.append(f"line {n}: folder {entry['folder']!r} is listed twice")
            else:
                entry["listed"] = True
                folders.add(entry["folder"].casefold())
        entries.append(entry)
    return entries, problems


def _safe_folder(folder: str) -> bool:
    """A relative folder of plain names (no '.', '..', hidden or empty parts): where a batch puts a report."""
    parts = PurePosixPath(folder).parts
    return bool(parts) and "\\" not in folder and all(p and not p.startswith(".") for p in parts) and folder[0] != "/"


def _csv_rows(path: Path) -> list[list[str]] | None:
    """Every record of a CSV file as written (None when it cannot be read)."""
    try:
        with open(path, encoding="utf-8", newline="") as f:
            return list(csv.reader(f))
    except (OSError, UnicodeDecodeError, csv.Error):
        return None


def _check_combined(folder: Path, name: str, reports: list[dict[str, Any]]) -> Check:
    """The combined table holds each report's rows exactly once, as its own folder's table has them."""
    check_name, table = "each report's rows appear once in the combined table", f"{name}.csv"
    rows = _csv_rows(folder / table)
    if rows is None:
        return Check(check_name, table, [f"{table} is missing or unreadable"])
    expected = ["report", *schema.columns(name)]
    if not rows or rows[0] != expected:
        return Check(check_name, table, [f"columns {rows[0] if rows else []} ≠ {expected}"])
    out = [f"line {n}: {c[:30]!r} would run as a formula in a spreadsheet"
           for n, cells in enumerate(rows[1:], start=2) for c in cells if runs_as_formula(c)]  # fmt: skip
    combined: dict[str, list[list[str]]] = {}
    for cells in rows[1:]:
        combined.setdefault(formula_raw(cells[0]) if cells else "", []).append(cells[1:])
    for entry in reports:
        own, rows_here = _csv_rows(folder / entry["folder"] / table), combined.pop(entry["report"], [])
        if own is not None and rows_here != own[1:]:  # a missing table is reported by the report's own checks
            out.append(f"{entry['report']}: its rows differ from {entry['folder']}/{table}")
    out += [f"{report!r}: rows of a report the index does not list as ok" for report in sorted(combined)]
    return Check(check_name, table, out)
