"""Nothing lost, nothing overwritten (issue 11): hostile file names, concurrent and killed builds,
full disks, formula cells, links and FIFOs in source folders. Each test names the reproduction of
the issue it covers (r01 … r21)."""

from __future__ import annotations

import csv
import json
import os
import random
import resource
import signal
import subprocess
import sys
import time
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from lawgov.check.validate import INDEX, validate
from lawgov.cli import main
from lawgov.output import files
from lawgov.output.batch import worker_count
from lawgov.schema import TABLES, formula_raw, runs_as_formula

from .conftest import ROOT, SEED


def report(i: int, extra: str = "") -> str:
    """A small report of our own: a title, two sections, a few quantities."""
    return (
        f"某区第{i}号法治政府建设报告\n\n一、主要成效\n\n全区共办理行政复议案件{12 + i}件，同比增长{i % 7 + 1}.5%。{extra}"
        f"\n\n二、下一步工作\n\n推进“放管服”改革，培训执法人员{300 + i}人次。"
    )


def write_reports(folder: Path, names: list[str], extra: str = "") -> list[Path]:
    paths = []
    for i, name in enumerate(names):
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(report(i, extra), encoding="utf-8")
        paths.append(path)
    return paths


def snapshot(folder: Path, outside: Path | None = None) -> dict[str, bytes]:
    """Every file under ``folder`` (but not under ``outside``, nor lawgov's lock and staging) → its bytes."""
    found = {}
    for path in sorted(folder.rglob("*")):
        rel = path.relative_to(folder)
        if outside is not None and (path == outside or outside in path.parents):
            continue
        if any(part.startswith(".lawgov") for part in rel.parts) or not path.is_file() or path.is_symlink():
            continue
        found[rel.as_posix()] = path.read_bytes()
    return found


def index(out: Path) -> pd.DataFrame:
    return pd.read_csv(out / INDEX, dtype=str, keep_default_na=False)


def rows(path: Path) -> list[list[str]]:
    with open(path, encoding="utf-8", newline="") as f:
        return list(csv.reader(f))


def assert_every_report_once(out: Path) -> None:
    """Each report of the index has its own folder inside ``out``, and its rows appear exactly once in
    every combined table, as its folder's table has them."""
    ok = index(out)[lambda df: df["status"] == "ok"]
    folders = [formula_raw(f) for f in ok["folder"]]
    assert len(set(folders)) == len(folders)
    for folder in folders:
        assert out.resolve() in (out / folder).resolve().parents and (out / folder / "clean.txt").is_file()
    for table in TABLES:
        combined = rows(out / f"{table}.csv")
        by_report: dict[str, list[list[str]]] = {}
        for cells in combined[1:]:
            by_report.setdefault(formula_raw(cells[0]), []).append(cells[1:])
        for report_id, folder in zip(ok["report"], folders, strict=True):
            assert by_report.pop(formula_raw(report_id), []) == rows(out / folder / f"{table}.csv")[1:], (table, folder)
        assert by_report == {}, table


def lawgov(*args: str, **kwargs) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "lawgov.cli", *args], capture_output=True, text=True, check=False, **kwargs
    )


# ---------------------------------------------------------------------------------------------------
# Names


def test_r01_r02_dot_names_stay_inside_out(tmp_path) -> None:
    """`...txt` once wrote into the parent of --out and `..txt` into --out itself."""
    src = tmp_path / "src"
    write_reports(src, ["...txt", "..txt", "plain.txt"])
    parent = tmp_path / "parent"
    (parent / "figures").mkdir(parents=True)
    (parent / "clean.txt").write_text("the user's own file", encoding="utf-8")
    (parent / "figures" / "mine.png").write_bytes(b"not lawgov's")
    out = parent / "out"
    before = snapshot(tmp_path, outside=out)
    assert main(["build", str(src), "--out", str(out), "--no-figures"]) == 0
    assert snapshot(tmp_path, outside=out) == before
    assert len(index(out)) == 3
    assert_every_report_once(out)
    assert validate(out)["passed"].all()


def test_r03_same_stems_get_their_own_folders(tmp_path) -> None:
    src = tmp_path / "src"
    paths = write_reports(src, ["a/report.txt", "b/report.txt", "report.txt", "report.html"])
    out = tmp_path / "out"
    assert main(["build", str(src), "--out", str(out), "--no-figures"]) == 0
    first = index(out)
    assert len(set(first["folder"])) == 4 and sorted(first["path"]) == sorted(map(str, paths))
    for path, folder in zip(first["path"], first["folder"], strict=True):  # each folder holds its own report
        assert (out / folder / "clean.txt").read_text(encoding="utf-8").strip() in Path(path).read_text(
            encoding="utf-8"
        )
    assert_every_report_once(out)
    assert main(["build", str(src), "--out", str(out), "--no-figures"]) == 0
    pd.testing.assert_frame_equal(index(out), first)  # the same names on every run

    two = tmp_path / "two"
    assert main(["build", str(src / "a" / "report.txt"), str(src / "b" / "report.txt"), "--out", str(two)]) == 0
    assert index(two)["folder"].nunique() == 2 and index(two)["report"].nunique() == 2
    assert_every_report_once(two)


def test_r04_table_names_as_report_names(tmp_path) -> None:
    """`reports.csv.txt` once gave IsADirectoryError and `entities.csv.txt` FileExistsError."""
    src = tmp_path / "src"
    write_reports(src, ["reports.csv.txt", "entities.csv.txt", "figures.txt", "clean.txt.txt", "sub/figures.txt"])
    out = tmp_path / "out"
    assert main(["build", str(src), "--out", str(out), "--no-figures"]) == 0
    assert (out / "reports.csv").is_file() and (out / "entities.csv").is_file()
    assert (index(out)["status"] == "ok").all() and len(index(out)) == 5
    assert rows(out / "entities.csv")[0][0] == "report"
    assert_every_report_once(out)


def test_r05_line_breaks_in_names_do_not_split_rows(tmp_path) -> None:
    src = tmp_path / "src"
    write_reports(src, ["new\nline.txt", "carriage\rreturn.txt", "tab\there.txt", "plain.txt"])
    out = tmp_path / "out"
    assert main(["build", str(src), "--out", str(out), "--no-figures"]) == 0
    for table in TABLES:
        combined = rows(out / f"{table}.csv")
        own = sum(len(rows(out / folder / f"{table}.csv")) - 1 for folder in index(out)["folder"])
        assert len(combined) - 1 == own and {len(r) for r in combined} == {len(combined[0])}, table
        assert len(pd.read_csv(out / f"{table}.csv")) == own
    assert not any("\n" in r or "\r" in r for r in index(out)["report"])
    assert sorted(index(out)["path"]) == sorted(str(p) for p in src.iterdir())  # the raw path is kept, quoted
    assert_every_report_once(out)


# ---------------------------------------------------------------------------------------------------
# Transactions: concurrent, killed, interrupted, full disk


def test_r06_a_second_build_of_the_same_folder_fails_in_one_line(tmp_path, capsys) -> None:
    src = tmp_path / "src"
    write_reports(src, [f"r{i}.txt" for i in range(3)])
    out = tmp_path / "out"
    assert main(["build", str(src), "--out", str(out), "--no-figures"]) == 0
    before = snapshot(out)
    capsys.readouterr()
    with files._locked(out):  # another build holds the folder
        assert main(["build", str(src), "--out", str(out), "--no-figures"]) == 1
    err = capsys.readouterr().err
    assert (
        err
        == f"lawgov: error: {out}: another lawgov build is writing this folder; wait for it or choose another --out\n"
    )
    assert snapshot(out) == before


@pytest.mark.slow
def test_r06_builds_racing_for_one_folder(tmp_path) -> None:
    src = tmp_path / "src"
    write_reports(src, [f"r{i:02d}.txt" for i in range(8)])
    out = tmp_path / "out"
    command = [sys.executable, "-m", "lawgov.cli", "build", str(src), "--out", str(out), "--no-figures"]
    for _ in range(3):
        runs = [subprocess.Popen(command, stderr=subprocess.PIPE, text=True) for _ in range(2)]
        results = [(run.wait(), run.stderr.read()) for run in runs]
        assert 0 in {code for code, _ in results}
        for code, err in results:
            assert "Traceback" not in err
            assert code == 0 or "another lawgov build is writing this folder" in err
        assert validate(out)["passed"].all()
        assert_every_report_once(out)
        assert not [p for p in out.iterdir() if p.name.startswith(".lawgov")]


def children(pid: int) -> set[int]:
    """Processes whose parent is ``pid`` (Linux /proc)."""
    found = set()
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid:
            found.add(int(stat.parent.name))
    return found


def alive(pids: set[int]) -> set[int]:
    """The processes of ``pids`` still running (a zombie has exited)."""
    running = set()
    for pid in pids:
        try:
            state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
        except OSError:
            continue
        if state != "Z":
            running.add(pid)
    return running


def wait_gone(pids: set[int], seconds: float = 5.0) -> set[int]:
    deadline = time.monotonic() + seconds
    while alive(pids) and time.monotonic() < deadline:
        time.sleep(0.05)
    return alive(pids)


def start_and_wait_for_workers(command: list[str], out: Path, **kwargs) -> tuple[subprocess.Popen, set[int]]:
    """Start a build and return once its workers run and its staging folder exists."""
    run = subprocess.Popen(command, stderr=subprocess.PIPE, text=True, **kwargs)
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline and run.poll() is None:
        workers = children(run.pid)
        if len(workers) >= 2 and list(out.glob(".lawgov-staging-*")):
            return run, workers
        time.sleep(0.02)
    raise AssertionError("the build never started its workers")


def built_once(tmp_path) -> tuple[Path, Path, dict]:
    """40 reports built once without figures: their folder, the output folder and a snapshot of it."""
    src = tmp_path / "src"
    write_reports(src, [f"r{i:02d}.txt" for i in range(40)])
    out = tmp_path / "out"
    assert main(["build", str(src), "--out", str(out), "--no-figures"]) == 0
    return src, out, snapshot(out)


@pytest.mark.slow
def test_r07_kill_9_leaves_the_previous_output_and_no_workers(tmp_path) -> None:
    src, out, before = built_once(tmp_path)
    for path in src.iterdir():  # new inputs: a completed build would change every file
        path.write_text(path.read_text(encoding="utf-8") + "\n\n新增段落，共清理文件8件。", encoding="utf-8")
    command = [sys.executable, "-m", "lawgov.cli", "build", str(src), "--out", str(out), "--jobs", "2"]
    run, workers = start_and_wait_for_workers(command, out)
    run.kill()
    run.wait()
    assert wait_gone(workers) == set()
    assert snapshot(out) == before
    assert main(["build", str(src), "--out", str(out), "--no-figures"]) == 0
    assert not [p for p in out.iterdir() if p.name.startswith(".lawgov")]  # the stale staging folder is gone
    assert snapshot(out) != before and validate(out)["passed"].all()


@pytest.mark.slow
def test_ctrl_c_leaves_the_previous_output_and_no_workers(tmp_path) -> None:
    src, out, before = built_once(tmp_path)
    command = [sys.executable, "-m", "lawgov.cli", "build", str(src), "--out", str(out), "--jobs", "2", "--no-figures"]
    run, workers = start_and_wait_for_workers(command, out, start_new_session=True)
    os.killpg(run.pid, signal.SIGINT)  # what Ctrl-C does: every process of the group gets it
    assert run.wait(timeout=10) == 130
    assert run.stderr.read() == "lawgov: error: interrupted\n"
    assert wait_gone(workers) == set()
    assert snapshot(out) == before and not list(out.glob(".lawgov*"))


def test_ctrl_c_while_workers_are_forked_is_held_back_not_lost() -> None:
    from lawgov.output.batch import _ctrl_c_held_back

    reached = False
    with pytest.raises(KeyboardInterrupt):
        with _ctrl_c_held_back():
            os.kill(os.getpid(), signal.SIGINT)  # a worker forked now would not die of it …
            reached = True
    assert reached  # … and the parent gets it once the workers are started
    assert signal.getsignal(signal.SIGINT) is signal.default_int_handler


def test_a_build_stopped_while_moving_files_in_is_finished_by_the_next(tmp_path, monkeypatch) -> None:
    src, out = tmp_path / "src", tmp_path / "out"
    write_reports(src, ["a.txt", "b.txt"])
    assert main(["build", str(src), "--out", str(out), "--no-figures"]) == 0
    before = snapshot(out)
    write_reports(src, ["a.txt", "b.txt"], "新增段落，共清理文件8件。")
    assert main(["build", str(src), "--out", str(tmp_path / "new"), "--no-figures"]) == 0
    after = snapshot(tmp_path / "new")
    real, moves = os.replace, []

    def replace(source, target) -> None:  # the fifth move is where the build dies
        moves.append(target)
        if len(moves) == 5:
            raise KeyboardInterrupt
        real(source, target)

    monkeypatch.setattr(os, "replace", replace)
    assert main(["build", str(src), "--out", str(out), "--no-figures"]) == 130
    monkeypatch.undo()
    assert list(out.glob(f"{files.STAGING}*/{files.PLAN}")) and snapshot(out) not in (before, after)
    with files._locked(out):  # what the next build does first
        files.recover(out)
    assert snapshot(out) == after and not list(out.glob(".lawgov*"))


def _limit_file_size() -> None:
    """In the child: files may not grow past 20 kB, and writing more fails (EFBIG) instead of killing it."""
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    resource.setrlimit(resource.RLIMIT_FSIZE, (20_000, 20_000))


@pytest.mark.parametrize("batch", [False, True], ids=["one report", "batch"])
def test_r08_a_full_disk_leaves_the_previous_output(tmp_path, batch: bool) -> None:
    """Writing fails half way (the file size limit stands in for a full disk: the same OSError on write)."""
    src = tmp_path / "src"
    src.mkdir()
    big = src / "big.txt"
    big.write_text(report(1, "推进依法行政，全年清理规范性文件15件。" * 300), encoding="utf-8")
    source = str(src if batch else big)
    out = tmp_path / "out"
    assert main(["build", source, "--out", str(out), "--no-figures"]) == 0
    before = snapshot(out)
    big.write_text(report(2, "完善行政执法程序，全年开展执法检查27次。" * 300), encoding="utf-8")
    run = lawgov("build", source, "--out", str(out), "--no-figures", preexec_fn=_limit_file_size)
    assert run.returncode == 1 and "Traceback" not in run.stderr
    assert run.stderr.startswith(f"lawgov: error: {out}: cannot write: File too large") and run.stderr.count("\n") == 1
    assert run.stderr.endswith("; the folder is as it was\n")
    assert snapshot(out) == before and not list(out.glob(".lawgov*"))
    assert validate(out)["passed"].all()


def test_r09_an_empty_or_all_bad_folder_changes_nothing(tmp_path, capsys) -> None:
    src = tmp_path / "src"
    write_reports(src, ["a.txt", "b.txt"])
    out = tmp_path / "out"
    assert main(["build", str(src), "--out", str(out), "--no-figures"]) == 0
    before = snapshot(out)
    empty, bad = tmp_path / "empty", tmp_path / "bad"
    empty.mkdir()
    bad.mkdir()
    (bad / "x.txt").write_bytes(b"")
    (bad / "y.txt").write_bytes(b"no Chinese at all")
    capsys.readouterr()
    assert main(["build", str(empty), "--out", str(out)]) == 1
    assert main(["build", str(bad), "--out", str(out)]) == 1
    assert "no report could be built; the folder is as it was" in capsys.readouterr().err
    assert snapshot(out) == before


def test_r10_an_output_folder_inside_the_source_is_never_read_back(tmp_path, capsys) -> None:
    src = tmp_path / "reports"
    write_reports(src, ["a.txt", "b.txt", "c.txt"])
    out = src / "out"
    counts = []
    for _ in range(3):
        assert main(["build", str(src), "--out", str(out), "--no-figures"]) == 0
        counts.append((len(index(out)), len(pd.read_csv(out / "quantities.csv"))))
    assert counts[0] == counts[1] == counts[2] and counts[0][0] == 3
    assert f"lawgov: {out}: skipped, the output folder of this run\n" in capsys.readouterr().err
    # an older output folder, not this run's, is skipped too (named in one line), as is a report folder
    assert main(["build", str(src / "a.txt"), "--out", str(src / "single"), "--no-figures"]) == 0
    capsys.readouterr()
    assert main(["build", str(src), "--out", str(tmp_path / "elsewhere"), "--no-figures"]) == 0
    err = capsys.readouterr().err
    assert f"{out}: skipped, a lawgov output folder" in err and f"{src / 'single'}: skipped" in err
    assert "3 reports written" in err and "2 skipped" in err


def test_r11_user_files_survive_and_no_figures_says_what_it_did(tmp_path, capsys) -> None:
    one = tmp_path / "one.txt"
    one.write_text(report(1), encoding="utf-8")
    paper = tmp_path / "paper"
    (paper / "figures").mkdir(parents=True)
    (paper / "figures" / "my-chart.png").write_bytes(b"the user's own figure")
    (paper / "notes.txt").write_text("the user's notes", encoding="utf-8")
    assert main(["build", str(one), "--out", str(paper)]) == 0
    drawn = sorted(p.name for p in (paper / "figures").iterdir())
    assert "my-chart.png" in drawn and len(drawn) > 2
    capsys.readouterr()
    assert main(["build", str(one), "--out", str(paper), "--no-figures"]) == 0  # the same tables: figures still true
    assert f"kept the {len(drawn) - 1} figures of the previous build" in capsys.readouterr().err
    assert sorted(p.name for p in (paper / "figures").iterdir()) == drawn
    one.write_text(report(2), encoding="utf-8")
    assert main(["build", str(one), "--out", str(paper), "--no-figures"]) == 0  # other tables: figures would lie
    assert f"removed the {len(drawn) - 1} figures of the previous build" in capsys.readouterr().err
    assert [p.name for p in (paper / "figures").iterdir()] == ["my-chart.png"]
    assert (paper / "notes.txt").read_text(encoding="utf-8") == "the user's notes"


def test_r11_a_batch_removes_only_its_own_stale_files(tmp_path) -> None:
    src = tmp_path / "src"
    write_reports(src, ["a.txt", "b.txt"])
    out = tmp_path / "out"
    assert main(["build", str(src), "--out", str(out), "--no-figures"]) == 0
    (out / "b" / "my-notes.md").write_text("kept", encoding="utf-8")
    (out / "mine.csv").write_text("kept", encoding="utf-8")
    (src / "b.txt").unlink()
    assert main(["build", str(src), "--out", str(out), "--no-figures"]) == 0
    assert sorted(p.name for p in (out / "b").iterdir()) == ["my-notes.md"]  # lawgov's files of b are gone
    assert (out / "mine.csv").read_text(encoding="utf-8") == "kept"
    assert list(index(out)["report"]) == ["a.txt"]


def test_r12_a_source_without_out_never_writes_data(tmp_path) -> None:
    one = tmp_path / "my-report.txt"
    one.write_text(report(1), encoding="utf-8")
    committed = snapshot(ROOT / "data")
    run = lawgov("build", str(one), cwd=ROOT)
    assert run.returncode == 2 and "needs --out" in run.stderr and "Traceback" not in run.stderr
    assert snapshot(ROOT / "data") == committed
    run = lawgov("build", str(one), cwd=tmp_path)
    assert run.returncode == 2 and not (tmp_path / "data").exists()


# ---------------------------------------------------------------------------------------------------
# Operating-system errors, --jobs, links and FIFOs


OS_ERRORS = {
    "--out is a file": (["build", "{one}", "--out", "{file}"], "is a file, not a folder"),
    "--out under /proc": (["build", "{one}", "--out", "/proc/lawgov-out"], "cannot create the output folder"),
    "--out under /sys": (["build", "{one}", "--out", "/sys/lawgov-out"], "cannot create the output folder"),
    "-o a folder": (["extract", "{one}", "-o", "{tmp}"], "is a folder"),
    "-o a too long name": (["extract", "{one}", "-o", "{tmp}/" + "名" * 90], "File name too long"),
    "validate a file": (["validate", "{file}"], "is a file, not a data folder"),
    "validate nothing": (["validate", "{tmp}/nothing"], "no such folder"),
}


@pytest.mark.parametrize("case", sorted(OS_ERRORS))
def test_r14_os_errors_are_one_line_exit_1(tmp_path, capsys, case: str) -> None:
    args, problem = OS_ERRORS[case]
    (tmp_path / "file").write_text("x", encoding="utf-8")
    (tmp_path / "one.txt").write_text(report(1), encoding="utf-8")
    values = {"one": str(tmp_path / "one.txt"), "file": str(tmp_path / "file"), "tmp": str(tmp_path)}
    assert main([a.format(**values) for a in args]) == 1
    err = capsys.readouterr().err
    assert err.startswith("lawgov: error: ") and err.count("\n") == 1 and problem in err, err


def test_r14_a_name_near_the_limit_works(tmp_path) -> None:
    """A 250-byte name once failed: the temporary name added its prefix and passed 255 bytes."""
    target = tmp_path / ("x" * 250)
    assert main(["extract", str(SEED), "-o", str(target)]) == 0
    assert target.read_text(encoding="utf-8").startswith("report,") and list(tmp_path.iterdir()) == [target]


def test_r14_an_immutable_folder_is_one_line(tmp_path, capsys) -> None:
    locked = tmp_path / "locked"
    locked.mkdir()
    if subprocess.run(["chattr", "+i", str(locked)], capture_output=True, check=False).returncode:
        pytest.skip("chattr +i needs root on a file system that supports it")
    try:
        assert main(["build", str(SEED), "--out", str(locked), "--no-figures"]) == 1
    finally:
        subprocess.run(["chattr", "-i", str(locked)], check=True)
    err = capsys.readouterr().err
    assert err == f"lawgov: error: {locked}: cannot write in the output folder: Operation not permitted\n"


def test_r14_r21_jobs_are_capped(tmp_path, capsys, monkeypatch) -> None:
    import concurrent.futures

    used = []
    real = concurrent.futures.ProcessPoolExecutor

    def counting(max_workers: int, **kwargs):
        used.append(max_workers)
        return real(max_workers=max_workers, **kwargs)

    monkeypatch.setattr(concurrent.futures, "ProcessPoolExecutor", counting)
    src = tmp_path / "src"
    write_reports(src, [f"r{i}.txt" for i in range(10)])
    assert main(["build", str(src), "--out", str(tmp_path / "out"), "--no-figures", "--jobs", "1000"]) == 0
    assert main(["extract", str(src), "--jobs", "99999999999999999999"]) == 0
    assert used == [worker_count(1000, 10)] * 2 and used[0] <= min(10, 2 * os.cpu_count())
    if used[0] < 10:
        assert f"--jobs 1000 is more than this machine can use: running {used[0]} processes" in capsys.readouterr().err
    assert worker_count(1000, 3) == min(3, worker_count(1000, 1000)) and worker_count(5, 0) == 1


def test_r20_links_fifos_and_loops_are_named_counted_and_exit_1(tmp_path, capsys) -> None:
    src = tmp_path / "src"
    write_reports(src, ["a.txt"])
    elsewhere = tmp_path / "elsewhere"
    write_reports(elsewhere, ["linked.txt"])
    (src / "dangling.txt").symlink_to(tmp_path / "missing.txt")
    os.mkfifo(src / "pipe.txt")
    (src / "sub").symlink_to(elsewhere)  # a linked folder is read
    (src / "loop").symlink_to(src)  # a link back up is a loop
    (src / "self.txt").symlink_to(src / "self.txt")
    out = tmp_path / "out"
    assert main(["build", str(src), "--out", str(out), "--no-figures"]) == 1
    err = capsys.readouterr().err.splitlines()
    assert f"lawgov: error: {src / 'dangling.txt'}: skipped, a link to nothing" in err
    assert f"lawgov: error: {src / 'pipe.txt'}: skipped, not a regular file (a FIFO)" in err
    assert f"lawgov: error: {src / 'loop'}: skipped, a link back to a folder it is in (a loop)" in err
    assert f"lawgov: error: {src / 'self.txt'}: skipped, a link loop" in err
    assert err[-1] == f"lawgov: 2 reports written to {out}, 0 failed, 4 skipped"
    assert sorted(index(out)["report"]) == ["a.txt", "sub/linked.txt"]


def test_discovery_names_an_unreadable_folder_and_a_device(tmp_path, monkeypatch) -> None:
    from lawgov.output import batch

    src = tmp_path / "src"
    write_reports(src, ["a.txt", "locked/b.txt"])
    (src / "null.txt").symlink_to(os.devnull)
    real = os.scandir

    def scandir(path):  # the tests run as root, where chmod cannot make a folder unreadable
        if Path(path) == src / "locked":
            raise PermissionError(13, "Permission denied", str(path))
        return real(path)

    monkeypatch.setattr(batch.os, "scandir", scandir)
    found = batch.discover([src])
    assert [s.id for s in found.sources] == ["a.txt"] and found.errors == []
    assert [str(s) for s in found.skipped] == [
        f"{src / 'locked'}: skipped, cannot read the folder: Permission denied",
        f"{src / 'null.txt'}: skipped, not a regular file (a character device)",
    ]
    assert all(s.fault for s in found.skipped)


def test_max_size_reaches_builds_batches_and_extract(tmp_path, capsys) -> None:
    import lawgov

    src = tmp_path / "src"
    big, small = write_reports(src, ["big.txt", "small.txt"])
    big.write_text(report(0, "全面推进依法行政，共办理案件30件。" * 100), encoding="utf-8")
    assert main(["build", str(big), "--out", str(tmp_path / "one"), "--max-size", "2KB"]) == 1
    assert "over the limit of 2048 bytes" in capsys.readouterr().err
    assert main(["build", str(src), "--out", str(tmp_path / "many"), "--max-size", "2k", "--no-figures"]) == 1
    assert list(index(tmp_path / "many")["status"]) == ["error", "ok"]
    assert main(["extract", str(big), "--max-size", "2048"]) == 1
    assert main(["build", str(big), "--out", str(tmp_path / "fits"), "--max-size", "1MB", "--no-figures"]) == 0
    with pytest.raises(lawgov.LawgovError, match="over the limit of 100 bytes"):
        lawgov.build(small, tmp_path / "api", max_size=100)
    for bad in ("0", "lots", "5TB"):
        with pytest.raises(SystemExit) as usage:
            main(["build", str(big), "--out", str(tmp_path / "x"), "--max-size", bad])
        assert usage.value.code == 2


# ---------------------------------------------------------------------------------------------------
# Formula cells


FORMULAS = (
    "=HYPERLINK（“x”）全年办理案件12件。\n\n"
    "@SUM（A1）制定《=cmd|' /C calc'!A0条例》，推行“@SUM（A1）”和“+号服务”，抽查企业35家。\n\n"
    "-号文件共清理9件。"
)


def test_r15_formula_cells_are_written_safely_and_reversibly(tmp_path, capsys) -> None:
    src = tmp_path / "src"
    src.mkdir()
    (src / "=cmd.txt").write_text("某区法治政府建设报告\n\n" + FORMULAS, encoding="utf-8")
    (src / "plain.txt").write_text(report(1), encoding="utf-8")
    out = tmp_path / "out"
    assert main(["build", str(src), "--out", str(out), "--no-figures"]) == 0
    written = [out / f"{t}.csv" for t in TABLES] + [out / INDEX] + sorted(out.glob("*/*.csv"))
    cells = [cell for path in written for row in rows(path) for cell in row]
    assert not [cell for cell in cells if runs_as_formula(cell)]
    escaped = {cell for cell in cells if cell.startswith("'")}
    assert {"'=cmd.txt", "'=cmd|' /C calc'!A0条例", "'@SUM（A1）", "'+号服务"} <= escaped
    assert any(c.startswith("'=HYPERLINK") for c in escaped) and any(c.startswith("'-号文件") for c in escaped)
    assert validate(out)["passed"].all()  # offsets still slice: validation reverts the rule

    capsys.readouterr()
    assert main(["extract", str(src / "=cmd.txt"), "--table", "entities", "--format", "json"]) == 0
    names = {r["name"] for r in json.loads(capsys.readouterr().out)}
    assert {"=cmd|' /C calc'!A0条例", "@SUM（A1）", "+号服务"} <= names  # JSON keeps the raw text
    assert main(["extract", str(src / "=cmd.txt"), "--table", "entities"]) == 0
    extracted = list(csv.reader(capsys.readouterr().out.splitlines()))
    assert {formula_raw(r[5]) for r in extracted[1:]} == names and not any(
        runs_as_formula(c) for r in extracted for c in r
    )


def test_r15_validate_reports_a_cell_that_would_run(tmp_path) -> None:
    one = tmp_path / "one.txt"
    one.write_text("某区法治政府建设报告\n\n" + FORMULAS, encoding="utf-8")
    out = tmp_path / "out"
    assert main(["build", str(one), "--out", str(out), "--no-figures"]) == 0
    entities = (out / "entities.csv").read_text(encoding="utf-8")
    (out / "entities.csv").write_text(entities.replace(",'@SUM", ",@SUM"), encoding="utf-8")
    checks = validate(out).set_index(["name", "table"])
    detail = checks.loc[("schema", "entities"), "detail"]
    assert "name: '@SUM（A1）' would run as a formula in a spreadsheet" in detail
    assert checks.loc[("offsets slice to their text", "entities"), "passed"]  # the raw text still slices


# ---------------------------------------------------------------------------------------------------
# The property: any file names, every report's rows exactly once, nothing outside --out changes

#: Names that broke batches before, and any text a file name can hold (not "/" or NUL).
HOSTILE = ["reports.csv", "entities.csv", "figures", "clean.txt", "datapackage.json", "...", "=cmd", "@x", " ", "a b",
           "报告", "CON", "x" * 200]  # fmt: skip
ANY_TEXT = st.characters(
    codec="utf-8", exclude_characters="/\x00", categories=("L", "M", "N", "P", "S", "Z", "Cc", "Cf")
)
PART = st.one_of(st.sampled_from(HOSTILE), st.text(ANY_TEXT, min_size=1, max_size=12)).filter(
    lambda p: p not in (".", "..") and len(p.encode("utf-8")) <= 200
)
SUFFIX = st.sampled_from([".txt", ".TXT", ".html", ".htm", ".text", ".Txt"])
NAME = st.tuples(st.lists(st.sampled_from(["a", "b", "A", "..a", "报告集"]), max_size=2), PART, SUFFIX)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(names=st.lists(NAME, min_size=1, max_size=6, unique_by=lambda n: "/".join([*n[0], n[1] + n[2]])))
def test_any_names_give_every_report_once_and_touch_nothing_outside_out(tmp_path_factory, names) -> None:
    root = tmp_path_factory.mktemp("names")
    src, out = root / "src", root / "out"
    (root / "figures").mkdir()
    (root / "figures" / "keep.png").write_bytes(b"png")
    (root / "clean.txt").write_text("keep", encoding="utf-8")
    paths = write_reports(src, ["/".join([*folders, part + suffix]) for folders, part, suffix in names])
    before = snapshot(root, outside=out)
    assert main(["build", str(src), "--out", str(out), "--no-figures"]) == 0
    assert snapshot(root, outside=out) == before
    listed = index(out)
    assert sorted(listed["path"]) == sorted(map(str, paths)) and (listed["status"] == "ok").all()
    assert_every_report_once(out)


# ---------------------------------------------------------------------------------------------------
# Fault injection


@pytest.mark.slow
def test_kill_9_at_random_points_always_leaves_a_complete_output(tmp_path) -> None:
    """Builds of 50 reports with --jobs 2, killed at random moments, inputs alternating between two
    versions: afterwards the output is always one of the two complete outputs (a kill in the last
    milliseconds of moving files in leaves a plan, which the next build carries out first), it
    validates, and no worker is left running."""
    src, out = tmp_path / "src", tmp_path / "out"
    names = [f"r{i:02d}.txt" for i in range(50)]
    outputs = []
    for version, extra in enumerate(("", "新增段落，共清理文件8件。")):
        write_reports(src, names, extra)
        started = time.monotonic()
        assert main(["build", str(src), "--out", str(tmp_path / f"v{version}"), "--no-figures", "--jobs", "2"]) == 0
        outputs.append(snapshot(tmp_path / f"v{version}"))
        duration = time.monotonic() - started
    assert outputs[0] != outputs[1]
    assert main(["build", str(src), "--out", str(out), "--no-figures", "--jobs", "2"]) == 0
    rng = random.Random(11)
    command = [sys.executable, "-m", "lawgov.cli", "build", str(src), "--out", str(out), "--no-figures", "--jobs", "2"]
    for attempt in range(6):
        write_reports(src, names, ("", "新增段落，共清理文件8件。")[attempt % 2])
        run = subprocess.Popen(command, stderr=subprocess.PIPE)
        time.sleep(rng.uniform(0.3, duration + 1.0))
        workers = children(run.pid)
        run.kill()
        run.wait()
        assert wait_gone(workers) == set(), attempt
        if list(out.glob(f"{files.STAGING}*/{files.PLAN}")):  # killed while moving files in
            with files._locked(out):
                files.recover(out)
        assert snapshot(out) in outputs, attempt
        assert validate(out)["passed"].all(), attempt
