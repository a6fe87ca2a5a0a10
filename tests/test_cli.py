"""``lawgov build``: files written from the seed, atomically; bad input is one line and exit 1."""

from __future__ import annotations

import json
import subprocess
import sys

import pandas as pd

from lawgov.cli import main

TABLES = ["outline", "quantities", "changes", "dates", "entities", "keywords"]
FILES = {"clean.txt", "metadata.json", "datapackage.json", "figures"} | {f"{t}.csv" for t in TABLES}


def snapshot(folder) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_build_writes_every_file(tmp_path, seed_report) -> None:
    assert main(["build", "--out", str(tmp_path)]) == 0
    assert {p.name for p in tmp_path.iterdir()} == FILES
    assert (tmp_path / "clean.txt").read_text(encoding="utf-8") == seed_report.text + "\n"
    figures = sorted((tmp_path / "figures").iterdir())
    assert len(figures) == 7 and all(f.read_bytes().startswith(b"\x89PNG") for f in figures)
    meta = json.loads((tmp_path / "metadata.json").read_text(encoding="utf-8"))
    assert meta["date"] == "2021-11-26" and meta["views"] == 15215 and meta["copies"] == 2
    text = seed_report.text
    package = json.loads((tmp_path / "datapackage.json").read_text(encoding="utf-8"))
    assert [r["path"] for r in package["resources"]] == [f"{t}.csv" for t in TABLES]
    for resource in package["resources"]:
        table = pd.read_csv(tmp_path / resource["path"], dtype={"raw": str, "text": str, "name": str})
        assert resource["rows"] == len(table)
        assert [f["name"] for f in resource["schema"]["fields"]] == list(table.columns)
        if "start" not in table:
            continue
        spans = next(table[c] for c in ("text", "raw", "name") if c in table)
        assert all(text[s:e] == t for s, e, t in zip(table["start"], table["end"], spans, strict=True))


def test_build_is_deterministic(tmp_path) -> None:
    a, b = tmp_path / "a", tmp_path / "b"
    main(["build", "--out", str(a)])
    main(["build", "--out", str(b)])
    assert snapshot(a) == snapshot(b)


def test_bad_input_leaves_previous_outputs(tmp_path, capsys) -> None:
    out = tmp_path / "out"
    main(["build", "--out", str(out)])
    capsys.readouterr()
    before = snapshot(out)
    bad = tmp_path / "empty.txt"
    bad.write_bytes(b"")
    assert main(["build", str(bad), "--out", str(out)]) == 1
    err = capsys.readouterr().err
    assert err.strip() == f"lawgov: error: {bad}: file is empty"
    assert snapshot(out) == before


def test_console_script_has_no_traceback(tmp_path) -> None:
    bad = tmp_path / "notes.txt"
    bad.write_text("no chinese here", encoding="utf-8")
    run = subprocess.run(
        [sys.executable, "-m", "lawgov.cli", "build", str(bad), "--out", str(tmp_path / "o")],
        capture_output=True,
        text=True,
        check=False,
    )
    assert run.returncode == 1
    assert "Traceback" not in run.stderr and "no Chinese text" in run.stderr
    assert not (tmp_path / "o").exists()
    usage = subprocess.run([sys.executable, "-m", "lawgov.cli", "nope"], capture_output=True, text=True, check=False)
    assert usage.returncode == 2
