"""Validation: the seed's data passes; a changed value, a broken offset or a wrong direction fails
and is named; every violation is listed."""

from __future__ import annotations

import json
import shutil

import pandas as pd
import pytest

from lawgov.check.coverage import coverage
from lawgov.check.validate import read_data, validate
from lawgov.cli import main
from lawgov.schema import TABLES as TABLE_NAMES

from .conftest import ROOT


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    out = tmp_path_factory.mktemp("data")
    assert main(["build", "--out", str(out), "--no-figures"]) == 0
    return out


def copy(built, tmp_path):
    target = tmp_path / "data"
    shutil.copytree(built, target)
    return target


def test_seed_data_passes_every_check(built) -> None:
    checks = validate(built)
    assert checks["passed"].all(), checks[~checks["passed"]].to_string()
    assert "quantities against the gold set" in set(checks["name"])
    assert len(checks) >= 15


def test_committed_data_passes(capsys) -> None:
    assert main(["validate", str(ROOT / "data")]) == 0
    assert "0 failed" in capsys.readouterr().out


def test_a_changed_value_fails_and_names_the_row(built, tmp_path, capsys) -> None:
    data = copy(built, tmp_path)
    q = pd.read_csv(data / "quantities.csv", dtype=str, keep_default_na=False)
    q.loc[q["raw"] == "26.14万户", "value"] = "261401"
    row = q.loc[q["raw"] == "26.14万户", "id"].item()
    q.to_csv(data / "quantities.csv", index=False)
    assert main(["validate", str(data)]) == 1
    out = capsys.readouterr().out
    assert f"row {row} (26.14万户): value 261401 ≠ 261400 from its text" in out
    assert "FAIL quantities against the gold set" in out


def test_every_violation_is_reported(built, tmp_path) -> None:
    data = copy(built, tmp_path)
    q = pd.read_csv(data / "quantities.csv", dtype=str, keep_default_na=False)
    q.loc[0, "start"] = "0"
    q.loc[1, "start"] = "1"
    q.loc[2, "unit"] = "斤两"
    q.loc[3, "kind"] = "weight?"
    q.to_csv(data / "quantities.csv", index=False)
    c = pd.read_csv(data / "changes.csv", dtype=str, keep_default_na=False)
    c.loc[0, "direction"] = "up"
    c.to_csv(data / "changes.csv", index=False)
    checks = validate(data).set_index(["name", "table"])
    assert checks.loc[("offsets slice to their text", "quantities"), "violations"] == 2
    assert "row 3" in checks.loc[("units from the known set", "quantities"), "detail"]
    assert "row 4 kind" in checks.loc[("schema", "quantities"), "detail"]
    assert "direction up" in checks.loc[("changes go the way their verb says", "changes"), "detail"]


def test_coverage_accounts_for_every_number(built) -> None:
    tables, text, _ = read_data(built)
    runs = coverage(text, tables)
    assert (runs["accounted_as"] != "").all(), runs[runs["accounted_as"] == ""].to_string()
    assert {"quantity", "date", "ordinal", "name", "word"} <= set(runs["accounted_as"])


def test_coverage_flags_an_unexplained_number(built, tmp_path) -> None:
    data = copy(built, tmp_path)
    q = pd.read_csv(data / "quantities.csv", dtype=str, keep_default_na=False)
    q.drop(index=5).to_csv(data / "quantities.csv", index=False)
    checks = validate(data).set_index("name")
    assert not checks.loc["coverage: every number is accounted for", "passed"]


def test_not_a_data_folder(tmp_path, capsys) -> None:
    assert main(["validate", str(tmp_path)]) == 1
    assert "not a lawgov data folder" in capsys.readouterr().err


def test_numbered_headings_are_ordinals() -> None:
    import lawgov

    report = lawgov.parse(
        "某区2022年法治政府建设报告\n\n一、主要成效\n\n（一）加强领导。全年办理案件12件。\n\n1. 清理文件35件。"
    )
    runs = coverage(report.text, lawgov.report_tables(report, ["quantities", "dates", "entities"]))
    assert list(zip(runs["run"], runs["accounted_as"], strict=True)) == [
        ("一", "ordinal"),
        ("一", "ordinal"),
        ("12", "quantity"),
        ("1", "ordinal"),
        ("35", "quantity"),
    ]


def edit(folder, table, change) -> None:
    df = pd.read_csv(folder / f"{table}.csv", dtype=str, keep_default_na=False)
    change(df).to_csv(folder / f"{table}.csv", index=False)


def first(column: str, value: str):
    return lambda df: df.assign(**{column: [value, *df[column][1:]]})


# Each way of tampering a folder (issue 11, reproduction 16) → the check that reports it and what it says.
TAMPERED = {
    "a removed column": (lambda d: edit(d, "quantities", lambda q: q.drop(columns=["raw"])), "schema", "quantities",
                         "columns ["),
    "a formula in value": (lambda d: edit(d, "quantities", first("value", "=1+1")), "schema", "quantities",
                           "row 1 value: '=1+1' would run as a formula"),
    "sNaN in value": (lambda d: edit(d, "quantities", first("value", "sNaN")), "values agree with their text",
                      "quantities", "value 'sNaN' is not a number"),
    "a huge start": (lambda d: edit(d, "quantities", first("start", "9" * 30)), "offsets slice to their text",
                     "quantities", "row 1: text[999999999999999999999999999999:"),
    "datapackage.json a list": (lambda d: (d / "datapackage.json").write_text("[]"), "schema", "outline",
                                "datapackage.json has no list of resources"),
    "datapackage.json without schemas": (
        lambda d: (d / "datapackage.json").write_text(json.dumps({"resources": [{"name": "outline"}]})),
        "schema", "outline", "datapackage.json describes outline unlike"),
    "metadata.json a list": (lambda d: (d / "metadata.json").write_text("[1, 2]"), "the copies of the article agree",
                             "metadata.json", "metadata.json is not a JSON object"),
    "an edited clean.txt": (lambda d: (d / "clean.txt").write_text("改写过的正文。\n", encoding="utf-8"),
                            "quantities against the gold set", "quantities", "the gold set does not fit clean.txt"),
    "text in from_value": (lambda d: edit(d, "changes", first("from_value", "abc")),
                           "changes go the way their verb says", "changes", "from 'abc'"),
    "no clean.txt": (lambda d: (d / "clean.txt").unlink(), "offsets slice to their text", "entities",
                     "clean.txt is missing"),
    "no dates.csv": (lambda d: (d / "dates.csv").unlink(), "schema", "dates", "dates.csv is missing"),
    "binary quantities.csv": (lambda d: (d / "quantities.csv").write_bytes(b"\xff\xfe\x00"), "schema", "quantities",
                              "quantities.csv cannot be read"),
    "no type column": (lambda d: edit(d, "entities", lambda e: e.drop(columns=["type"])),
                       "coverage: every number is accounted for", "clean.txt", "could not be checked"),
}  # fmt: skip


@pytest.mark.parametrize("case", sorted(TAMPERED))
def test_a_tampered_folder_is_violations_never_an_exception(built, tmp_path, capsys, case: str) -> None:
    tamper, name, table, says = TAMPERED[case]
    data = copy(built, tmp_path)
    tamper(data)
    checks = validate(data).set_index(["name", "table"])
    assert not checks.loc[(name, table), "passed"] and says in checks.loc[(name, table), "detail"]
    assert main(["validate", str(data)]) == 1
    assert capsys.readouterr().err == ""


@pytest.fixture(scope="module")
def batch(tmp_path_factory):
    folder = tmp_path_factory.mktemp("batch")
    for i in range(3):
        (folder / "src" / f"r{i}.txt").parent.mkdir(exist_ok=True)
        (folder / "src" / f"r{i}.txt").write_text(
            f"某县第{i}号报告\n\n全年共受理行政复议案件{20 + i}件，办结率达9{i}%。", encoding="utf-8"
        )
    assert main(["build", str(folder / "src"), "--out", str(folder / "out"), "--no-figures"]) == 0
    return folder / "out"


def test_a_batch_folder_is_validated_report_by_report(batch, capsys) -> None:
    checks = validate(batch)
    assert checks["passed"].all(), checks[~checks["passed"]].to_string()
    assert set(checks["report"]) == {"r0.txt", "r1.txt", "r2.txt", ""}
    assert set(checks.loc[checks["report"] == "", "table"]) == {"reports.csv", *(f"{t}.csv" for t in TABLE_NAMES)}
    assert main(["validate", str(batch)]) == 0
    out = capsys.readouterr().out
    assert (
        "ok   r1.txt: " in out and "ok   each report's rows appear once in the combined table [quantities.csv]" in out
    )


def test_a_tampered_batch_names_the_report(batch, tmp_path) -> None:
    data = tmp_path / "out"
    shutil.copytree(batch, data)
    combined = (data / "quantities.csv").read_text(encoding="utf-8").splitlines(keepends=True)
    twice = next(line for line in combined if line.startswith("r1.txt,"))
    (data / "quantities.csv").write_text("".join([*combined, twice]), encoding="utf-8")
    edit(data / "r2", "quantities", first("value", "999"))
    shutil.rmtree(data / "r0")
    checks = validate(data)
    failed = checks[~checks["passed"]].set_index("table")["detail"]
    assert "r1.txt: its rows differ from r1/quantities.csv" in failed["quantities.csv"]
    assert "r0.txt: its folder 'r0' is missing" in failed["reports.csv"]
    assert "value 999 ≠ 22" in failed["r2/quantities"] and "r2.txt: its rows differ" in failed["quantities.csv"]
    assert "does not list" not in failed["quantities.csv"]
