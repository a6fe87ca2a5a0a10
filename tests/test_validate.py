"""Validation: the seed's data passes; a changed value, a broken offset or a wrong direction fails
and is named; every violation is listed."""

from __future__ import annotations

import shutil

import pandas as pd
import pytest

from lawgov.check.coverage import coverage
from lawgov.check.validate import read_data, validate
from lawgov.cli import main

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
