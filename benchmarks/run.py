"""lawgov benchmark: throughput against the regex floor and the peers, import time, batch builds,
memory and linearity, measured in one run on this machine. It prints figures and ratios; nothing
here is a pass/fail test (machines are shared and noisy: compare ratios within one run).

    python benchmarks/run.py            # everything (a few minutes)
    python benchmarks/run.py --quick    # smaller corpora

Peers are measured when installed (``pip install -e ".[bench]"``): JioNLP's money extractor and
cn2an's transform.
"""

from __future__ import annotations

import argparse
import os
import platform
import random
import re
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import lawgov
from lawgov.extract.quantities import find_quantities
from lawgov.genre.vocabulary import vocabulary

ROOT = Path(__file__).resolve().parent.parent
SEED = lawgov.default_seed()
VOCAB = vocabulary()
FLOOR = re.compile(r"\d+(?:\.\d+)?(?:万|亿)?(?:个|项|件|名|户|家|条|次|人次|元|%)")


def megabytes(texts: list[str]) -> float:
    return sum(len(t.encode("utf-8")) for t in texts) / 1e6


def best_of(runs: int, fn) -> float:
    """The fastest of ``runs`` timings of ``fn()``: the least disturbed by other work on the machine."""
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return min(times)


def corpus(size_mb: float) -> list[str]:
    """The seed's clean body repeated to ``size_mb``, one report per copy."""
    body = lawgov.load(SEED).text
    return [body] * max(1, int(size_mb * 1e6 / len(body.encode("utf-8"))))


def report_folder(folder: Path, count: int) -> None:
    """``count`` reports made from the seed's paragraphs in shuffled order."""
    report = lawgov.load(SEED)
    paragraphs = report.text.split("\n\n")
    rng = random.Random(2021)
    for i in range(count):
        rng.shuffle(paragraphs)
        text = f"{report.title}\n\n时间: 2021-11-26 来源: 测试\n\n" + "\n\n".join(paragraphs)
        (folder / f"report{i:04d}.txt").write_text(text, encoding="utf-8")


def peers(texts: list[str], seed_text: str, rows: list) -> None:
    try:
        import jionlp as jio
    except ImportError:
        rows.append(("JioNLP extract_money", "not installed", "pip install -e '.[bench]'"))
    else:
        seconds = best_of(1, lambda: [jio.ner.extract_money(t) for t in texts])
        found = len(jio.ner.extract_money(seed_text))
        rows.append(("JioNLP extract_money", f"{megabytes(texts) / seconds:.2f} MB/s", f"finds {found} in the seed"))
    try:
        import cn2an
    except ImportError:
        rows.append(("cn2an transform", "not installed", "pip install -e '.[bench]'"))
    else:
        seconds = best_of(1, lambda: [cn2an.transform(t, "cn2an") for t in texts])
        converted = cn2an.transform(seed_text, "cn2an")
        changed = sum(1 for a, b in zip(seed_text, converted, strict=False) if a != b)
        rows.append(
            (
                "cn2an transform cn2an",
                f"{megabytes(texts) / seconds:.2f} MB/s",
                f"rewrites numerals only ({changed} characters differ); no units or measures",
            )
        )


def import_seconds(module: str, runs: int = 5) -> float:
    """The fastest of ``runs`` imports of ``module``, each in a fresh process."""
    code = f"import time; t = time.perf_counter(); import {module}; print(time.perf_counter() - t)"
    return min(
        float(subprocess.run([sys.executable, "-c", code], check=True, capture_output=True, text=True).stdout)
        for _ in range(runs)
    )


def children_peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024


def run_cli(args: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run([sys.executable, "-m", "lawgov.cli", *args], check=True, capture_output=True)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="1 MB corpus and 200 reports instead of 5 MB and 1,000")
    args = parser.parse_args()
    size_mb, reports = (1.0, 200) if args.quick else (5.0, 1000)
    rows: list[tuple[str, str, str]] = []
    seed = lawgov.load(SEED)
    texts = corpus(size_mb)
    joined = "\n".join(texts)
    mb = megabytes(texts)

    floor = best_of(3, lambda: FLOOR.findall(joined))
    rows.append((f"floor: one regex findall over {mb:.1f} MB", f"{mb / floor:.1f} MB/s", "baseline"))
    q = best_of(3, lambda: [find_quantities(t, seed.date, vocab=VOCAB) for t in texts])
    rows.append(
        (
            "find_quantities, one call per report",
            f"{mb / q:.1f} MB/s",
            f"{floor / q:.3f} of the floor's throughput: {'meets' if floor / q >= 0.2 else 'misses'} the ≥ 0.2 target",
        )
    )
    eq = best_of(3, lambda: [lawgov.extract_quantities(t, date=seed.date) for t in texts])
    rows.append(
        (
            "extract_quantities (DataFrame), per report",
            f"{mb / eq:.1f} MB/s",
            f"{floor / eq:.3f} of the floor's throughput",
        )
    )
    sample = texts[: max(1, len(texts) // 10)]
    lawgov.report_tables(lawgov.parse(sample[0]))  # jieba's dictionary loads once per process: not per report
    whole = best_of(1, lambda: [lawgov.report_tables(lawgov.parse(t)) for t in sample])
    rows.append(
        (
            "whole pipeline per report (parse → every table)",
            f"{megabytes(sample) / whole:.2f} MB/s",
            f"{len(sample)} reports",
        )
    )
    peers(texts[:20], seed.text, rows)

    loaded = (
        "import sys, lawgov; print([m for m in ('jieba', 'matplotlib', 'pandas', 'trafilatura') if m in sys.modules])"
    )
    heavy = subprocess.run([sys.executable, "-c", loaded], check=True, capture_output=True, text=True)
    rows.append(("import lawgov (fresh process, best of 5)", f"{import_seconds('lawgov'):.3f} s",
                 f"loads {heavy.stdout.strip()}"))  # fmt: skip
    pandas_import = import_seconds("pandas")
    rows.append(("import pandas (for scale)", f"{pandas_import:.3f} s", ""))

    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        rows.append(
            (
                "lawgov build on the seed (tables + 7 figures)",
                f"{run_cli(['build', '--out', str(tmp / 'seed')]):.2f} s",
                "",
            )
        )
        folder = tmp / "reports"
        folder.mkdir()
        report_folder(folder, reports)
        for jobs in (1, 2):
            before = children_peak_mb()
            seconds = run_cli(
                ["build", str(folder), "--out", str(tmp / f"out{jobs}"), "--no-figures", "--jobs", str(jobs)]
            )
            rows.append(
                (
                    f"lawgov build {reports} reports --no-figures --jobs {jobs}",
                    f"{seconds:.1f} s",
                    f"peak RSS of a process {max(before, children_peak_mb()):.0f} MB",
                )
            )

        one_mb = "".join(texts)[:350_000]  # about 1 MB of UTF-8 on one line
        twenty = one_mb * 20
        for name, text in (("1 MB one line", one_mb), ("20 MB one line", twenty)):
            path = tmp / f"{name}.txt"
            path.write_text(text.replace("\n", ""), encoding="utf-8")
        t1 = run_cli(["extract", str(tmp / "1 MB one line.txt"), "-o", str(tmp / "a.csv")])
        t20 = run_cli(["extract", str(tmp / "20 MB one line.txt"), "-o", str(tmp / "b.csv")])
        rows.append(
            (
                "extract quantities, 1 MB one line / 20 MB one line",
                f"{t1:.2f} s / {t20:.2f} s",
                f"{t20 / t1:.1f}× for 20× the input (linear if ≤ 40×)",
            )
        )

    for name, text in (
        ("digits", "1" * 1_000_000),
        ("万万万…", "万" * 1_000_000),
        ("《《…》》", "《" * 500_000 + "》" * 500_000),
        ("12万12万…", "12万" * 333_333),
    ):
        seconds = best_of(1, lambda text=text: (find_quantities(text, vocab=VOCAB), lawgov.extract_entities(text)))
        rows.append((f"pathological 1M chars: {name}", f"{seconds:.2f} s", "quantities + entities"))

    print(
        f"lawgov {lawgov.__version__} · Python {platform.python_version()} · {platform.machine()} · "
        f"{os.cpu_count()} cores · {platform.platform()}"
    )
    width = max(len(r[0]) for r in rows)
    for name, figure, note in rows:
        print(f"{name:<{width}}  {figure:>16}  {note}")


if __name__ == "__main__":
    main()
