"""A corpus past one machine: the batch sent to a Dask distributed scheduler gives the same files as
``--jobs``, and the combined tables come out as partitioned Parquet beside the CSV."""

from __future__ import annotations

import shutil
from decimal import Decimal

import pandas as pd
import pytest

from lawgov.cli import main
from lawgov.output import parquet

from .conftest import ROOT

pytest.importorskip("distributed", reason="the dask extra is not installed")
SAMPLES = ROOT / "notebooks" / "sample-reports"


def snapshot(folder, skip=("parquet",)) -> dict[str, bytes]:
    return {
        str(p.relative_to(folder)): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file() and p.relative_to(folder).parts[0] not in skip
    }


@pytest.fixture(scope="module")
def cluster():
    from distributed import LocalCluster

    with LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1", dashboard_address=None
    ) as local:
        yield local.scheduler_address


@pytest.mark.slow
def test_a_dask_cluster_builds_what_jobs_build(tmp_path, cluster, capsys) -> None:
    source = tmp_path / "reports"
    shutil.copytree(SAMPLES, source, ignore=shutil.ignore_patterns("*.md"))
    args = ["build", str(source), "--no-figures"]
    assert main([*args, "--out", str(tmp_path / "local"), "--jobs", "2"]) == 0
    assert main([*args, "--out", str(tmp_path / "dask"), "--dask", cluster]) == 0
    assert snapshot(tmp_path / "dask") == snapshot(tmp_path / "local")
    for table in ("quantities", "entities", "outline", "keywords"):
        from_parquet = pd.read_parquet(tmp_path / "dask" / "parquet" / table)
        from_csv = pd.read_csv(tmp_path / "dask" / f"{table}.csv", keep_default_na=False, dtype=str)
        assert list(from_parquet.columns) == list(from_csv.columns)
        assert len(from_parquet) == len(from_csv) > 0
        assert from_parquet["report"].tolist() == from_csv["report"].tolist()


def test_parquet_parts_hold_exact_values_and_every_report(tmp_path) -> None:
    source = tmp_path / "reports"
    shutil.copytree(SAMPLES, source, ignore=shutil.ignore_patterns("*.md"))
    assert main(["build", str(source), "--no-figures", "--parquet", "--out", str(tmp_path / "out")]) == 0
    q = pd.read_parquet(tmp_path / "out" / "parquet" / "quantities")
    c = pd.read_csv(tmp_path / "out" / "quantities.csv", keep_default_na=False, dtype=str)
    assert list(q["value"]) == [Decimal(v) for v in c["value"]]  # exact: decimal128(38, 6), not floats
    assert set(q["report"]) == set(c["report"]) and len(set(q["report"])) == 8


def test_a_later_batch_removes_the_parts_it_no_longer_writes(tmp_path, monkeypatch) -> None:
    source = tmp_path / "reports"
    shutil.copytree(SAMPLES, source, ignore=shutil.ignore_patterns("*.md"))
    monkeypatch.setattr(parquet, "REPORTS_PER_PART", 3)  # 8 reports → 3 parts
    out = tmp_path / "out"
    assert main(["build", str(source), "--no-figures", "--parquet", "--out", str(out)]) == 0
    assert len(list((out / "parquet" / "quantities").glob("part-*.parquet"))) == 3
    for extra in sorted(source.glob("*.txt"))[3:]:
        extra.unlink()
    assert main(["build", str(source), "--no-figures", "--parquet", "--out", str(out)]) == 0
    assert len(list((out / "parquet" / "quantities").glob("part-*.parquet"))) == 1


def test_an_unreachable_scheduler_is_one_line(tmp_path, capsys) -> None:
    source = tmp_path / "reports"
    shutil.copytree(SAMPLES, source, ignore=shutil.ignore_patterns("*.md"))
    code = main(["build", str(source), "--no-figures", "--out", str(tmp_path / "out"), "--dask", "tcp://127.0.0.1:9"])
    err = capsys.readouterr().err
    assert code == 1 and "cannot reach the Dask scheduler" in err and "Traceback" not in err
    assert not (tmp_path / "out" / "reports.csv").exists()


def test_parquet_holds_values_of_every_size_a_report_can_give(tmp_path, capsys) -> None:
    # 24 digits (the most a number may have) fit decimal128(38, 6) exactly; times 万亿 they are past it
    source = tmp_path / "reports"
    source.mkdir()
    (source / "big.txt").write_text(
        "全年受理案件123456789012345678901234件，涉及金额123456789012345678901234万亿元。", "utf-8"
    )
    assert main(["build", str(source), "--no-figures", "--parquet", "--out", str(tmp_path / "out")]) == 0
    values = pd.read_parquet(tmp_path / "out" / "parquet" / "quantities")["value"].tolist()
    assert values[0] == Decimal("123456789012345678901234") and pd.isna(values[1])
    assert "1 values too large for Parquet's decimal left empty" in capsys.readouterr().err
