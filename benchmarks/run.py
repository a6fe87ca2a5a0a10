"""lawgov benchmark: where a report's time goes, against one plain jieba pass of it; the segmentation
engines (speed and how their tokens differ); the charts; import time; the seed build; the test command;
batch builds with memory. Figures and ratios from one run on this machine, with its load; nothing here
is a pass/fail test (machines are shared and noisy: compare ratios within one run).

    python benchmarks/run.py            # everything (about 25 minutes: 10,000-report builds, the full test suite)
    python benchmarks/run.py --quick    # smaller corpora, no 10,000-report build, no full test suite (a few minutes)

Batch builds go through the command line (``python -m lawgov.cli build``) as a black box, each in its
own process tree, whose peak memory is that of its largest process.
"""

from __future__ import annotations

import argparse
import os
import platform
import random
import re
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import lawgov
from lawgov.extract.tables import Analysis
from lawgov.genre.vocabulary import vocabulary
from lawgov.schema import TABLES, columns
from lawgov.text import segment

ROOT = Path(__file__).resolve().parent.parent
SEED = lawgov.default_seed()
VOCAB = vocabulary()


class Table:
    """The rows printed at the end: what, figure, target, verdict, and the machine's 1-minute load then."""

    def __init__(self) -> None:
        self.rows: list[tuple[str, str, str, str, str]] = []

    def add(self, what: str, figure: str, target: str = "", verdict: str = "") -> None:
        self.rows.append((what, figure, target, verdict, f"{os.getloadavg()[0]:.2f}"))
        print(f"  {what}: {figure}" + (f"  [{target}: {verdict}]" if target else ""), flush=True)

    def section(self, title: str) -> None:
        self.rows.append((f"**{title}**", "", "", "", ""))
        print(f"\n{title}", flush=True)

    def markdown(self) -> str:
        lines = ["| measure | figure | target | | load |", "|---|---|---|---|---|"]
        return "\n".join(lines + [f"| {' | '.join(row)} |" for row in self.rows])


def met(ok: bool) -> str:
    return "met" if ok else "**missed**"


def uptime() -> str:
    try:
        return subprocess.run(["uptime"], capture_output=True, text=True, check=True).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return "load average: " + ", ".join(f"{x:.2f}" for x in os.getloadavg())


def best(runs: int, fn: Callable[[], object]) -> float:
    """The fastest of ``runs`` timings of ``fn()``: the least disturbed by other work on the machine."""
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return min(times)


def python(code: str, env: dict[str, str] | None = None) -> str:
    """stdout of ``code`` run in a fresh interpreter."""
    full_env = {**os.environ, **(env or {})}
    return subprocess.run([sys.executable, "-c", code], check=True, capture_output=True, text=True, env=full_env).stdout


# ---------------------------------------------------------------- corpora


def generated(count: int, seed: int = 2021) -> list[str]:
    """``count`` distinct reports from the seed: its paragraphs shuffled, every other one with new digits."""
    report = lawgov.load(SEED)
    paragraphs = report.text.split("\n\n")
    rng = random.Random(seed)
    texts = []
    for i in range(count):
        body = "\n\n".join(rng.sample(paragraphs, len(paragraphs)))
        if i % 2:
            body = re.sub(r"[0-9]", lambda _: str(rng.randrange(10)), body)
        texts.append(f"{report.title}\n\n时间: 2021-11-26 来源: 测试\n\n{body}")
    return texts


def write_reports(folder: Path, count: int) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for i, text in enumerate(generated(count, seed=count)):
        (folder / f"report{i:05d}.txt").write_text(text, encoding="utf-8")


#: The folders of pages we carry (besides the seed), by their name in the tables.
REAL_FOLDERS = ("tests/genre/dev", "tests/genre/heldout", "tests/pages", "notebooks/sample-reports")


def real_pages(folder: str) -> list[Path]:
    """The page files of one of :data:`REAL_FOLDERS`."""
    path = ROOT / folder
    return [p for p in sorted(path.glob("*")) if p.suffix in {".txt", ".html", ".htm"}] if path.is_dir() else []


def real_corpora() -> dict[str, list[str]]:
    """Clean texts of the pages we carry: the seed, the genre corpus (dev, held-out), tests/pages, sample reports."""
    corpora = {"seed": [lawgov.load(SEED).text]}
    for name in REAL_FOLDERS:
        texts = []
        for path in real_pages(name):
            try:
                texts.append(lawgov.load(path).text)
            except lawgov.LawgovError:
                pass  # a page a test expects to be rejected
        if texts:
            corpora[name] = texts
    return corpora


# ---------------------------------------------------------------- a report's steps


def steps(table: Table, count: int, runs: int) -> None:
    """ms per report of each step, on ``count`` distinct reports (the fastest of ``runs`` passes)."""
    from lawgov.output import files, writers

    table.section(f"Per report: ms of each step ({count} distinct generated reports, fastest of {runs} passes)")
    raw = [text.encode("utf-8") for text in generated(count)]
    jieba_tk = segment.tokenizer(VOCAB, "jieba")
    lawgov.report_tables(lawgov.parse(raw[0]))  # dictionaries, IDF table, patterns: loaded once per process
    order = ["parse", "outline", "dates", "quantities", "entities", "segmentation", "keywords"]
    output = ["table rows", "CSV formatting", "file writing"]
    totals = {name: [] for name in [*order, *output, "jieba.lcut"]}
    with tempfile.TemporaryDirectory() as tmp:
        for _ in range(runs):
            spent = dict.fromkeys(totals, 0.0)
            for i, data in enumerate(raw):
                start = time.perf_counter()
                report = lawgov.parse(data)
                spent["parse"] += time.perf_counter() - start
                analysis = Analysis(report, VOCAB)
                for name, attribute in zip(
                    order[1:], ["outline", "dates", "quantities", "entities", "words", "keywords"], strict=True
                ):
                    start = time.perf_counter()
                    getattr(analysis, attribute)
                    if name == "quantities":
                        analysis.changes  # noqa: B018 (changes are read from the quantities)
                    spent[name] += time.perf_counter() - start
                start = time.perf_counter()
                rows = {name: analysis.rows(name) for name in TABLES}
                spent["table rows"] += time.perf_counter() - start
                start = time.perf_counter()
                texts = {f"{name}.csv": writers.csv_text(columns(name), r) for name, r in rows.items()}
                spent["CSV formatting"] += time.perf_counter() - start
                folder = Path(tmp) / f"r{i}"
                folder.mkdir(exist_ok=True)
                start = time.perf_counter()
                for name, text in texts.items():  # as a build writes into its staging folder (one sync per build)
                    files.write_file(folder / name, text)
                spent["file writing"] += time.perf_counter() - start
                start = time.perf_counter()
                jieba_tk.lcut(report.text)
                spent["jieba.lcut"] += time.perf_counter() - start
            for name, seconds in spent.items():
                totals[name].append(seconds)
    ms = {name: 1e3 * min(values) / count for name, values in totals.items()}
    for name in [*order, *output]:
        table.add(name, f"{ms[name]:.2f} ms")
    whole = sum(v for k, v in ms.items() if k != "jieba.lcut")
    table.add("whole `build --no-figures` work per report (the steps above)", f"{whole:.1f} ms")
    table.add("one plain `jieba.lcut` pass with lawgov's dictionary", f"{ms['jieba.lcut']:.1f} ms")
    ratio = whole / ms["jieba.lcut"]
    table.add("pipeline ÷ one jieba pass", f"{ratio:.2f}", "≤ 1.0", met(ratio <= 1.0))
    from lawgov.output.build import outputs

    reports = [lawgov.parse(data) for data in raw]
    in_memory = best(runs, lambda: [outputs(r, VOCAB, figures=False) for r in reports])
    table.add(
        "… cross-check: `lawgov.output.build.outputs(report, figures=False)`, parsed, in memory",
        f"{1e3 * in_memory / count:.1f} ms",
    )
    by_engine = {}
    for name in ("rjieba", "jieba"):
        os.environ[segment.ENGINE_VARIABLE] = name
        try:
            by_engine[name] = best(runs, lambda: [segment.tokens(r.text, VOCAB) for r in reports]) / count
        finally:
            del os.environ[segment.ENGINE_VARIABLE]
    table.add(
        "segmentation (lawgov's tokens, no entities kept) with rjieba / with jieba",
        f"{1e3 * by_engine['rjieba']:.2f} / {1e3 * by_engine['jieba']:.2f} ms",
        "",
        f"{by_engine['jieba'] / by_engine['rjieba']:.1f}×",
    )


def first_pass(table: Table) -> None:
    """The ratio on the pages we carry, text and HTML apart, read once in a fresh process: every cache of
    words and runs starts empty (only the dictionaries are loaded first), unlike the fastest of several
    passes above; an HTML page's time includes extracting its text (trafilatura, then lawgov's cleanup)."""
    paths = [str(p) for name in REAL_FOLDERS for p in real_pages(name)]
    code = f"""
import time, lawgov
from lawgov.genre.vocabulary import vocabulary
from lawgov.output.build import outputs
from lawgov.text import segment
vocab = vocabulary()
outputs(lawgov.parse("某某报告\\n\\n全市查处案件12件。"), vocab, figures=False)  # dictionaries, patterns
jieba_tk = segment.tokenizer(vocab, "jieba")
found = {{}}
for path in {paths!r}:
    data = open(path, "rb").read()
    start = time.perf_counter()
    try:
        report = lawgov.parse(data)
    except lawgov.LawgovError:
        continue  # a page a test expects to be rejected
    outputs(report, vocab, figures=False)
    pipeline = time.perf_counter() - start
    start = time.perf_counter()
    jieba_tk.lcut(report.text)
    plain = time.perf_counter() - start
    kind = "HTML" if path.endswith((".html", ".htm")) else "text"
    count, chars, p, j = found.get(kind, (0, 0, 0.0, 0.0))
    found[kind] = (count + 1, chars + len(report.text), p + pipeline, j + plain)
for kind, (count, chars, p, j) in sorted(found.items(), reverse=True):
    print(kind, count, chars // count, p, j)
"""
    for line in python(code).splitlines():
        kind, count, chars, pipeline, plain = line.split()
        ratio = float(pipeline) / float(plain)
        table.add(
            f"… on the {count} {kind} pages we carry (clean text {int(chars):,} characters on average), one pass "
            "in a fresh process, caches cold: parse and `outputs` in memory / one jieba pass",
            f"{1e3 * float(pipeline) / int(count):.1f} / {1e3 * float(plain) / int(count):.1f} ms = {ratio:.2f}",
            "≤ 1.0",
            met(ratio <= 1.0),
        )


# ---------------------------------------------------------------- the engines


def tokens_differing(reference: list[tuple[str, int, int]], other: list[tuple[str, int, int]]) -> int:
    """How many of the reference's tokens the other engine does not give (same word at the same offsets)."""
    given = set(other)
    return sum(1 for t in reference if t not in given)


def engines(table: Table, quick: bool) -> None:
    table.section(f"Segmentation engines: jieba {_version('jieba')}, rjieba {_version('rjieba')}")
    if segment._rjieba_problem() is not None:
        table.add("rjieba", f"not usable: {segment._rjieba_problem()}")
        return
    text = lawgov.load(SEED).text
    jieba_tk, compat = segment.tokenizer(VOCAB, "jieba"), segment.tokenizer(VOCAB, "rjieba")
    raw = compat.rj
    runs = 10 if quick else 30
    t_jieba = best(runs, lambda: list(jieba_tk.tokenize(text)))
    t_compat = best(runs, lambda: compat.tokenize(text))
    t_raw = best(runs, lambda: raw.tokenize(text))
    table.add("tokenize the seed (15 KB): jieba", f"{1e3 * t_jieba:.2f} ms")
    table.add(
        "… rjieba through JiebaCompat (jieba's tokens)",
        f"{1e3 * t_compat:.2f} ms",
        "",
        f"{t_jieba / t_compat:.1f}× faster",
    )
    table.add("… rjieba alone (its own HMM)", f"{1e3 * t_raw:.2f} ms", "", f"{t_jieba / t_raw:.1f}× faster")
    load = {}
    for name in ("jieba", "rjieba"):
        code = (
            "import time; t = time.perf_counter(); from lawgov.genre.vocabulary import vocabulary; "
            "from lawgov.text.segment import tokenizer; tk = tokenizer(vocabulary()); tk.tokenize('推进放管服改革'); "
            "print(time.perf_counter() - t)"
        )
        load[name] = min(float(python(code, {segment.ENGINE_VARIABLE: name})) for _ in range(3))
        table.add(f"{name}: import and build lawgov's tokenizer, fresh process (best of 3)", f"{load[name]:.2f} s")
    corpora = real_corpora()
    corpora[f"{200 if not quick else 40} generated reports"] = generated(200 if not quick else 40, seed=7)
    from tests.test_engines import random_strings  # the same seeded strings the tests use

    corpora["random strings (the tests' alphabets)"] = random_strings(20_000 if not quick else 4_000, seed=99)
    for name, texts in corpora.items():
        counted = differing_raw = differing_compat = 0
        classes: dict[str, int] = {}
        for t in texts:
            reference = list(jieba_tk.tokenize(t))
            own = raw.tokenize(t)
            counted += len(reference)
            differing_raw += tokens_differing(reference, own)
            differing_compat += tokens_differing(reference, compat.tokenize(t))
            for word, _, _ in set(own) - set(reference):
                kind = (
                    "letters/digits joined"
                    if re.search(r"[A-Za-z0-9][._\-][A-Za-z0-9]", word)
                    else ("rare CJK grouped" if segment._RARE_HAN.search(word) else "HMM near tie")
                )
                classes[kind] = classes.get(kind, 0) + 1
        kinds = ", ".join(f"{k} {v}" for k, v in sorted(classes.items())) or "none"
        table.add(
            f"{name} ({len(texts)} texts, {counted:,} jieba tokens): tokens rjieba alone gives otherwise",
            f"{differing_raw} ({100 * differing_raw / max(counted, 1):.3f}%)",
            "",
            f"{kinds}; through JiebaCompat: {differing_compat}",
        )


def _version(name: str) -> str:
    from importlib import metadata

    try:
        return metadata.version(name)
    except metadata.PackageNotFoundError:
        return "not installed"


# ---------------------------------------------------------------- figures, imports, the seed build


def figures(table: Table, runs: int) -> None:
    table.section("Charts")
    code = (
        "import time, lawgov\nfrom lawgov.output import plots\n"
        "t = lawgov.report_tables(lawgov.load(lawgov.default_seed()))\n"
        "s = time.perf_counter(); import matplotlib.figure; i = time.perf_counter() - s\n"
        "s = time.perf_counter(); out = plots.render_figures(t, 'x'); first = time.perf_counter() - s\n"
        "s = time.perf_counter(); plots.render_figures(t, 'x'); again = time.perf_counter() - s\n"
        "print(i, first, again, len(out))"
    )
    results = [tuple(float(x) for x in python(code).split()) for _ in range(runs)]
    imported, first, again, count = (min(r[i] for r in results) for i in range(4))
    table.add("import matplotlib (fresh process)", f"{imported:.2f} s")
    table.add(
        f"the seed's {int(count)} charts, first in a process (font and glyphs load)",
        f"{first:.2f} s",
        "≤ 1.5 s",
        met(first <= 1.5),
    )
    table.add(
        f"the seed's {int(count)} charts again in the same process", f"{again:.2f} s", "≤ 1.5 s", met(again <= 1.5)
    )


def imports(table: Table) -> None:
    table.section("Import")
    code = "import time; t = time.perf_counter(); import lawgov; print(time.perf_counter() - t)"
    seconds = min(float(python(code)) for _ in range(5))
    heavy = python(
        "import sys, lawgov; print([m for m in ('pandas', 'numpy', 'jieba', 'rjieba', 'matplotlib', 'trafilatura') "
        "if m in sys.modules])"
    ).strip()
    table.add("`import lawgov`, fresh process (best of 5)", f"{seconds:.3f} s", "≤ 0.35 s", met(seconds <= 0.35))
    table.add("… modules it loads of pandas, numpy, jieba, rjieba, matplotlib, trafilatura", heavy)


def cli(args: list[str]) -> tuple[float, float, float]:
    """Wall and CPU seconds and peak RSS (MB, the largest process) of ``lawgov`` with ``args``, in a process tree
    of its own (CPU: user and system time of every process of the tree)."""
    code = (
        "import resource, subprocess, sys, time\n"
        "t = time.perf_counter()\n"
        f"subprocess.run([sys.executable, '-m', 'lawgov.cli', *{args!r}], check=True, capture_output=True)\n"
        "r = resource.getrusage(resource.RUSAGE_CHILDREN)\n"
        "print(time.perf_counter() - t, r.ru_utime + r.ru_stime, r.ru_maxrss / 1024)"
    )
    wall, cpu, peak = python(code).split()
    return float(wall), float(cpu), float(peak)


def seed_build(table: Table, tmp: Path, runs: int) -> None:
    table.section("The seed")
    for name, extra, target in (("with figures", [], 2.5), ("with `--no-figures`", ["--no-figures"], None)):
        timed = [cli(["build", "--out", str(tmp / f"seed{len(extra)}-{i}"), *extra]) for i in range(runs)]
        wall = min(t[0] for t in timed)
        cpu = min(t[1] for t in timed)
        table.add(
            f"`lawgov build` of the seed {name}, cold (fresh process; best of {runs})",
            f"{wall:.2f} s (CPU {cpu:.2f} s)",
            f"≤ {target} s" if target else "",
            met(wall <= target) if target else "",
        )


def batches(table: Table, tmp: Path, sizes: list[int]) -> None:
    table.section("Batches (`lawgov build FOLDER --out DIR --no-figures`)")
    for size in sizes:
        folder = tmp / f"reports{size}"
        write_reports(folder, size)
        seconds = {}
        for jobs in (1, 2):
            seconds[jobs], cpu, peak = cli(
                ["build", str(folder), "--out", str(tmp / f"out{size}-{jobs}"), "--no-figures", "--jobs", str(jobs)]
            )
            table.add(
                f"{size:,} reports, `--jobs {jobs}`",
                f"{seconds[jobs]:.1f} s (CPU {cpu:.1f} s)",
                "",
                f"{1e3 * seconds[jobs] / size:.1f} ms a report; peak RSS of a process {peak:.0f} MB",
            )
        speedup = seconds[1] / seconds[2]
        target = "≥ 1.8× (90% of 2×)" if size >= 10_000 else ""
        table.add(
            f"{size:,} reports: `--jobs 2` speed-up over `--jobs 1`",
            f"{speedup:.2f}×",
            target,
            met(speedup >= 1.8) if target else "",
        )
        dask_hook(table, folder, tmp / f"dask{size}", size)


def dask_hook(table: Table, folder: Path, out: Path, size: int) -> None:
    """The same build through a local 2-worker Dask cluster (``--dask ADDRESS``), when ``lawgov build`` has it.

    The cluster is started before the build and closed after it; its start is timed on its own row. The
    peak memory is the client's (the workers are the cluster's processes).
    """
    help_text = subprocess.run(
        [sys.executable, "-m", "lawgov.cli", "build", "--help"], capture_output=True, text=True
    ).stdout
    if "--dask" not in help_text:
        table.add(
            f"{size:,} reports through a 2-worker Dask cluster", "not measured", "", "`lawgov build` has no `--dask`"
        )
        return
    import logging

    from distributed import LocalCluster

    start = time.perf_counter()
    with LocalCluster(
        n_workers=2,
        threads_per_worker=1,
        processes=True,
        host="127.0.0.1",
        dashboard_address="127.0.0.1:0",
        silence_logs=logging.CRITICAL,
    ) as cluster:
        started = time.perf_counter() - start
        seconds, _, peak = cli(
            ["build", str(folder), "--out", str(out), "--no-figures", "--dask", cluster.scheduler_address]
        )
    table.add("start a local 2-worker Dask cluster", f"{started:.1f} s")
    table.add(
        f"{size:,} reports through it (`--dask ADDRESS`)",
        f"{seconds:.1f} s",
        "",
        f"{1e3 * seconds / size:.1f} ms a report; peak RSS of the client process {peak:.0f} MB",
    )


# ---------------------------------------------------------------- the test command, robustness


def tests(table: Table, quick: bool) -> None:
    table.section("The test command")
    commands = [('`python -m pytest -m "not slow"`', ["-m", "not slow"])]
    if not quick:
        commands.append(("`python -m pytest` (unit tests and every notebook under nbval)", []))
    for name, extra in commands:
        start = time.perf_counter()
        done = subprocess.run(
            [sys.executable, "-m", "pytest", "-q", "-rf", *extra], cwd=ROOT, capture_output=True, text=True
        )
        seconds = time.perf_counter() - start
        lines = done.stdout.strip().splitlines() or ["no output"]
        summary = "; ".join([lines[-1].strip("= "), *(line for line in lines if line.startswith("FAILED"))])
        if extra:
            table.add(name, f"{seconds:.0f} s", "", summary)
        else:  # the README's test command
            table.add(name, f"{seconds:.0f} s", "≤ 60 s", f"{met(seconds <= 60)}; {summary}")
    if quick:
        table.add("`python -m pytest` (everything)", "not run", "", "--quick")


def robustness(table: Table, tmp: Path) -> None:
    from lawgov.extract.quantities import find_quantities

    table.section("Linear in the input")
    body = lawgov.load(SEED).text.replace("\n", "")
    one = (body * (350_000 // len(body) + 1))[:350_000]  # about 1 MB of UTF-8 on one line
    for name, text in (("1 MB", one), ("20 MB", one * 20)):
        (tmp / f"{name}.txt").write_text(text, encoding="utf-8")
    t1 = cli(["extract", str(tmp / "1 MB.txt"), "-o", str(tmp / "a.csv")])[0]
    t20 = cli(["extract", str(tmp / "20 MB.txt"), "-o", str(tmp / "b.csv")])[0]
    table.add(
        "`lawgov extract` on 1 MB / 20 MB one-line inputs",
        f"{t1:.2f} s / {t20:.2f} s",
        "≤ 40× for 20×",
        met(t20 / t1 <= 40),
    )
    for name, text in (
        ("digits", "1" * 1_000_000),
        ("万万万…", "万" * 1_000_000),
        ("《《…》》", "《" * 500_000 + "》" * 500_000),
        ("12万12万…", "12万" * 333_333),
    ):
        seconds = best(1, lambda text=text: (find_quantities(text, vocab=VOCAB), lawgov.extract_entities(text)))
        table.add(f"1 M characters of {name}: quantities and entities", f"{seconds:.2f} s")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="smaller corpora, no 10,000 build, no full test suite")
    args = parser.parse_args()
    sys.path.insert(0, str(ROOT))  # for tests.test_engines
    quick = args.quick
    started = uptime()
    print(
        f"lawgov {lawgov.__version__} · Python {platform.python_version()} · {platform.machine()} · "
        f"{os.cpu_count()} cores · segmenter {segment.engine()}\nstart: {started}",
        flush=True,
    )
    table = Table()
    steps(table, 50 if quick else 200, 2 if quick else 5)
    first_pass(table)
    engines(table, quick)
    figures(table, 2 if quick else 3)
    imports(table)
    with tempfile.TemporaryDirectory() as tmp:
        tmp_path = Path(tmp)
        seed_build(table, tmp_path, 2 if quick else 3)
        batches(table, tmp_path, [200] if quick else [1_000, 10_000])
        robustness(table, tmp_path)
    tests(table, quick)
    print(
        f"\nlawgov {lawgov.__version__} · Python {platform.python_version()} · {platform.machine()} · "
        f"{os.cpu_count()} cores · {platform.platform()}"
    )
    print(f"start: {started}\nend:   {uptime()}\n")
    print(table.markdown())


if __name__ == "__main__":
    main()
