"""The command line over files and folders: re-encoded and HTML copies of the seed give the same
tables, a batch survives a bad file, and every bad input is one line, the right exit status and no
partial output."""

from __future__ import annotations

import codecs
import io
import json
import random
import subprocess
import sys

import pandas as pd
import pytest

from lawgov.cli import main
from lawgov.output.batch import Progress, discover
from lawgov.schema import TABLES as TABLE_NAMES

from .conftest import ROOT, SEED

PAGES = ROOT / "tests" / "pages"


def extract(capsys, *args: str) -> tuple[int, str, str]:
    code = main(["extract", *args])
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture(scope="module")
def copies(tmp_path_factory):
    """The seed re-encoded, and the HTML page built around it."""
    folder = tmp_path_factory.mktemp("copies")
    text = SEED.read_text(encoding="utf-8")
    (folder / "utf8-bom.txt").write_bytes(codecs.BOM_UTF8 + text.encode("utf-8"))
    (folder / "gb18030.txt").write_bytes(text.encode("gb18030"))
    (folder / "utf16.txt").write_bytes(text.encode("utf-16"))
    (folder / "portal.html").write_bytes((PAGES / "portal.html").read_bytes())
    (folder / "portal_gbk.html").write_bytes((PAGES / "portal_gbk.html").read_bytes())
    return folder


@pytest.mark.parametrize("table", TABLE_NAMES)
def test_encodings_and_html_give_the_seeds_tables(capsys, copies, table: str) -> None:
    code, expected, _ = extract(capsys, str(SEED), "--table", table)
    assert code == 0
    expected_rows = expected.splitlines()[1:]
    for path in sorted(copies.iterdir()):
        code, out, err = extract(capsys, str(path), "--table", table)
        assert (code, err) == (0, ""), path.name
        rows = [line.replace(path.name, SEED.name, 1) for line in out.splitlines()[1:]]
        assert rows == expected_rows, path.name


def test_build_outputs_are_byte_identical_across_encodings(tmp_path, copies) -> None:
    assert main(["build", str(SEED), "--out", str(tmp_path / "seed"), "--no-figures"]) == 0
    assert main(["build", str(copies / "gb18030.txt"), "--out", str(tmp_path / "gb"), "--no-figures"]) == 0
    for name in [f"{t}.csv" for t in TABLE_NAMES] + ["clean.txt"]:
        assert (tmp_path / "seed" / name).read_bytes() == (tmp_path / "gb" / name).read_bytes(), name


def small_reports(folder, count: int, seed: int = 7) -> list[str]:
    """Reports made from the seed's paragraphs in shuffled order, two or three paragraphs each."""
    paragraphs = [p for p in SEED.read_text(encoding="utf-8").split("Copyright")[0].splitlines() if len(p) > 60]
    rng = random.Random(seed)
    names = []
    for i in range(count):
        picked = rng.sample(paragraphs, rng.choice([2, 3]))
        name = f"r{i:03d}.txt"
        (folder / name).write_text(f"第{i}号测试报告\n\n" + "\n\n".join(picked), encoding="utf-8")
        names.append(name)
    return names


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


@pytest.mark.slow
def test_a_folder_of_200_reports_with_one_bad_file(tmp_path, monkeypatch) -> None:
    reports = tmp_path / "reports"
    reports.mkdir()
    small_reports(reports, 199)
    (reports / "r100-bad.txt").write_bytes(b"\x00\x01binary\x02")
    terminal = Terminal()
    monkeypatch.setattr(sys, "stderr", terminal)
    code = main(["build", str(reports), "--out", str(tmp_path / "out"), "--no-figures", "--jobs", "2"])
    assert code == 1
    err = terminal.getvalue()
    assert "200/200" in err and "\r[" in err  # the progress bar was drawn
    assert f"lawgov: error: {reports / 'r100-bad.txt'}: binary data" in err
    index = pd.read_csv(tmp_path / "out" / "reports.csv", keep_default_na=False)
    assert len(index) == 200 and (index["status"] == "ok").sum() == 199
    assert index.loc[index["status"] == "error", "report"].tolist() == ["r100-bad.txt"]
    q = pd.read_csv(tmp_path / "out" / "quantities.csv")
    assert q["report"].nunique() > 150 and "r100-bad.txt" not in set(q["report"])
    assert (tmp_path / "out" / "r000" / "quantities.csv").is_file()


def test_jobs_do_not_change_the_output(tmp_path, capsys) -> None:
    reports = tmp_path / "reports"
    reports.mkdir()
    small_reports(reports, 12)
    one = extract(capsys, str(reports), "--table", "entities")
    two = extract(capsys, str(reports), "--table", "entities", "--jobs", "2")
    assert one == two and one[0] == 0


def test_progress_is_silent_off_a_terminal() -> None:
    stream = io.StringIO()
    progress = Progress(100, stream)
    for _ in range(100):
        progress.step()
    progress.close()
    assert stream.getvalue() == ""


def test_json_output_is_exact(capsys) -> None:
    code, out, _ = extract(capsys, str(SEED), "--format", "json")
    rows = json.loads(out)
    by_raw = {r["raw"]: r for r in rows}
    assert by_raw["26.14万户"]["value"] == 261400 and by_raw["99.9%"]["value"] == 99.9
    assert by_raw["5大类"]["report"] == SEED.name and code == 0


def test_output_file_is_written_atomically(tmp_path, capsys) -> None:
    target = tmp_path / "q.csv"
    assert main(["extract", str(SEED), "-o", str(target)]) == 0
    assert target.read_text(encoding="utf-8").startswith("report,id,section")
    before = target.read_bytes()
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    assert main(["extract", str(tmp_path / "missing.txt"), str(empty), "-o", str(target)]) == 1
    assert target.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["empty.txt", "q.csv"]


BAD = {
    "empty.txt": (b"", "file is empty"),
    "binary.bin.txt": (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary data"),
    "truncated.txt": ("重庆法治政府建设".encode()[:-1], "ends inside a multi-byte UTF-8 character"),
    "english.txt": (b"A report without a single Chinese character.", "no Chinese text"),
}


@pytest.mark.parametrize("name", sorted(BAD))
def test_bad_files_are_one_line_exit_1_and_leave_outputs(tmp_path, capsys, name: str) -> None:
    content, problem = BAD[name]
    bad = tmp_path / name
    bad.write_bytes(content)
    out = tmp_path / "out"
    assert main(["build", str(SEED), "--out", str(out), "--no-figures"]) == 0
    before = {p.name: p.read_bytes() for p in out.iterdir()}
    capsys.readouterr()
    assert main(["build", str(bad), "--out", str(out), "--no-figures"]) == 1
    err = capsys.readouterr().err
    assert err == f"lawgov: error: {bad}: {err.split(': ', 3)[-1]}" and problem in err and err.count("\n") == 1
    assert {p.name: p.read_bytes() for p in out.iterdir()} == before
    assert not list(out.glob(".*.tmp"))


def test_missing_path_and_empty_folder(tmp_path, capsys) -> None:
    empty = tmp_path / "empty"
    empty.mkdir()
    (empty / "notes.docx").write_bytes(b"PK")
    code, out, err = extract(capsys, str(tmp_path / "nope.txt"), str(empty))
    assert code == 1 and out == ""
    assert f"{tmp_path / 'nope.txt'}: no such file or folder" in err
    assert f"{empty}: no reports found in folder" in err


def test_unreadable_file(tmp_path, capsys, monkeypatch) -> None:
    from lawgov.source import reading

    locked = tmp_path / "locked.txt"
    locked.write_text("重庆", encoding="utf-8")

    def deny(path, *args, **kwargs):  # CI runs as root, where chmod cannot make a file unreadable
        if str(path) == str(locked):
            raise PermissionError(13, "Permission denied")
        return open(path, *args, **kwargs)

    monkeypatch.setattr(reading, "open", deny, raising=False)
    code, out, err = extract(capsys, str(locked), str(SEED))
    assert code == 1
    assert err == f"lawgov: error: {locked}: cannot read: Permission denied\n"
    assert out.count(SEED.name) > 50  # the other report still completed


def test_reports_with_no_headings_or_no_numbers_are_valid(tmp_path, capsys) -> None:
    plain = tmp_path / "plain.txt"
    plain.write_text("某区法治政府建设持续推进，各部门认真履职尽责。\n\n全面落实行政执法责任制。", encoding="utf-8")
    out = tmp_path / "out"
    assert main(["build", str(plain), "--out", str(out), "--no-figures"]) == 0
    assert pd.read_csv(out / "quantities.csv").empty
    assert len(pd.read_csv(out / "outline.csv")) > 0


@pytest.mark.slow
def test_a_20_mb_one_line_file(tmp_path, capsys) -> None:
    body = SEED.read_text(encoding="utf-8").split("Copyright")[0].replace("\n", "")
    filler = "法治政府建设工作持续推进，全市各级部门认真落实各项措施，" * 40 + body
    line = filler * (20_000_000 // len(filler.encode("utf-8")) + 1)
    big = tmp_path / "big.txt"
    big.write_text(line, encoding="utf-8")
    assert big.stat().st_size >= 20_000_000
    code, out, err = extract(capsys, str(big), "--table", "quantities")
    assert (code, err) == (0, "")
    assert out.count("\n") > 100_000


def test_usage_errors_exit_2() -> None:
    for args in (["extract"], ["build", "--jobs", "0"], ["extract", "x", "--table", "nope"], ["frobnicate"]):
        run = subprocess.run([sys.executable, "-m", "lawgov.cli", *args], capture_output=True, text=True, check=False)
        assert run.returncode == 2 and "Traceback" not in run.stderr, args


def test_every_command_has_help() -> None:
    for args in (["--help"], ["build", "--help"], ["extract", "--help"], ["validate", "--help"], ["--version"]):
        run = subprocess.run([sys.executable, "-m", "lawgov.cli", *args], capture_output=True, text=True, check=False)
        assert run.returncode == 0 and run.stdout, args


def test_discover_recurses_and_keeps_ids_unique(tmp_path) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "x.txt").write_text("重庆", encoding="utf-8")
    (tmp_path / "a" / "y.html").write_text("重庆", encoding="utf-8")
    (tmp_path / "a" / "z.pdf").write_bytes(b"%PDF")
    found = discover([tmp_path, tmp_path / "a" / "x.txt"])
    assert (found.errors, found.skipped) == ([], [])
    assert [(s.id, s.folder) for s in found.sources] == [("a/x.txt", "a/x"), ("a/y.html", "a/y"), ("x.txt", "x")]
