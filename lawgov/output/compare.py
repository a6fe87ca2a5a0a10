"""Many reports side by side: the comparisons empirical studies of 法治政府建设 reports make.

Studies of these annual reports ask the same few questions of every corpus: how much of each report is
quantified, which tasks of the national outline it covers, which bodies and laws recur, and whether it was
published on time and at what length. Each function here answers one of them for a list of :class:`Entry`
records (a report and its :func:`lawgov.report_tables`, computed in memory by :func:`analyse`) and returns a
plain DataFrame, one row per report (or per report and topic), sorted and rounded so that a notebook shows
the same table on every run; the ``*_chart`` functions draw those tables.

pandas and matplotlib are imported inside the functions, so importing this module is cheap.
"""

from __future__ import annotations

import datetime as dt
import itertools
import os
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import LawgovError
from ..extract.tables import report_tables
from ..genre.vocabulary import DictionaryArg, PlacesArg
from ..report import Report
from ..source.loading import load
from . import selections as sel
from .batch import discover
from .fonts import use_chinese_font

if TYPE_CHECKING:
    import pandas as pd
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

#: The tasks of the national outline (《法治政府建设实施纲要（2021－2025年）》, chapters 2–10), legal education,
#: and the shortcomings and plans a report is asked to state, each with words that mark a paragraph (or a
#: heading) as being about it. A paragraph may touch several.
TOPICS: dict[str, tuple[str, ...]] = {
    "政府职能与营商环境": ("放管服", "营商环境", "审批", "许可", "权责清单", "证明事项", "政务服务", "简政放权"),
    "制度建设": ("立法", "规章", "规范性文件", "备案审查", "合法性审核", "地方性法规", "制度体系"),
    "行政决策": ("重大行政决策", "决策", "法律顾问", "公职律师", "听证"),
    "行政执法": ("执法", "处罚", "监管", "检查", "三项制度", "执法人员"),
    "突发事件应对": ("应急", "突发事件", "风险", "公共安全", "疫情", "防汛", "安全生产"),
    "矛盾纠纷化解": ("复议", "应诉", "诉讼", "调解", "信访", "纠纷", "仲裁"),
    "权力监督与公开": ("监督", "公开", "信用", "问责", "审计", "建议和提案"),
    "数字政府": ("数字", "信息化", "一网通办", "大数据", "平台", "网上", "智慧"),
    "普法": ("普法", "法治宣传", "宪法宣传", "法律明白人", "法治文化"),
    "组织领导": (
        "党的领导",
        "组织领导",
        "法治建设责任",
        "第一责任人",
        "推进机制",
        "述法",
        "学法",
        "考核",
        "督察",
        "示范创建",
        "培训",
    ),
    "问题与打算": ("存在的问题", "存在的不足", "不足", "短板", "下一步", "工作打算", "工作安排"),
}

#: Annual reports must be made public "before 1 April" of the next year (《法治政府建设与责任落实督察工作规定》,
#: 2019, art. 24): the last day allowed, as (month, day) of the year after the one reported on.
DEADLINE = (3, 31)

_YEAR = re.compile(r"((?:19|20)\d\d)\s*年")
_ISSUER = re.compile(r"^(.+?(?:人民政府|政府|厅|局|委员会|委|办公室|办))(?:关于)?\s*(?:19|20)\d\d")


@dataclass(frozen=True)
class Entry:
    """One report of a comparison: the name it is shown by, the report and its tables."""

    name: str
    report: Report
    tables: dict[str, pd.DataFrame]


def report_files(folder: str | os.PathLike[str]) -> list[Path]:
    """The report files in ``folder`` and its subfolders, in path order: what ``lawgov build`` reads there
    (:func:`lawgov.output.batch.discover`: text and saved web pages, never lawgov's own output folders).

    Raises :class:`LawgovError` naming the folder when it does not exist or holds no report.
    """
    root = Path(folder)
    if not root.is_dir():
        raise LawgovError("no such folder", str(root))
    found = discover([root])
    if found.errors:
        raise found.errors[0]
    return [source.path for source in found.sources]


def analyse(
    paths: Iterable[str | os.PathLike[str]], *, places: PlacesArg = None, dictionary: DictionaryArg = None
) -> tuple[list[Entry], list[str]]:
    """Load every path and compute its tables in memory: (entries, problems).

    An entry is named by its file's stem (with its folder when two files share one). A file lawgov cannot
    read costs only itself: its :class:`LawgovError` message goes into ``problems`` and the others go on.
    """
    entries: list[Entry] = []
    problems: list[str] = []
    names: set[str] = set()
    for path in map(Path, paths):
        try:
            report = load(path)
        except LawgovError as error:
            problems.append(str(error))
            continue
        name = _unique_name(path, names)
        names.add(name)
        entries.append(Entry(name, report, report_tables(report, places=places, dictionary=dictionary)))
    return entries, problems


def _unique_name(path: Path, taken: set[str]) -> str:
    """The shortest of stem, folder/stem, folder/file name and the whole path not yet ``taken`` (then numbered)."""
    for name in (path.stem, f"{path.parent.name}/{path.stem}", f"{path.parent.name}/{path.name}", str(path)):
        if name not in taken:
            return name
    return next(f"{path} ({n})" for n in itertools.count(2) if f"{path} ({n})" not in taken)


def year_reported(report: Report) -> int | None:
    """The year a report is about: the first year its title names (``关于2023年度法治政府建设…`` → 2023).

    >>> from lawgov import parse
    >>> year_reported(parse("某县人民政府关于2023年度法治政府建设工作的报告\\n\\n正文，一句。"))
    2023
    """
    match = _YEAR.search(report.title or "")
    return int(match.group(1)) if match else None


def issuer(report: Report) -> str:
    """Who reports, as the title names it before the year (浙江省人民政府, 山东省司法厅); ``""`` if it does not.

    >>> from lawgov import parse
    >>> issuer(parse("山东省司法厅2023年度法治政府建设情况报告\\n\\n正文，一句。"))
    '山东省司法厅'
    """
    match = _ISSUER.match(report.title or "")
    return match.group(1) if match else ""


def per_thousand(count: int, characters: int) -> float:
    """``count`` per 1,000 characters, rounded to 0.1 (0.0 for an empty text).

    >>> per_thousand(87, 5612)
    15.5
    """
    return round(1000 * count / characters, 1) if characters else 0.0


def _paragraph_count(entry: Entry) -> int:
    outline = entry.tables["outline"]
    return int((outline["kind"] == "paragraph").sum())


def overview(entries: Iterable[Entry]) -> pd.DataFrame:
    """One row per report: who reports, on which year, when published, and how long it is.

    Columns: ``report``, ``issuer``, ``year`` (reported on), ``published`` (the page's date), ``characters``,
    ``sections`` (headed sections, of every level), ``paragraphs``, ``quantities``, ``per_1000`` (quantities
    per 1,000 characters). Sorted by report name.
    """
    import pandas as pd

    rows = []
    for entry in entries:
        outline, characters = entry.tables["outline"], len(entry.report.text)
        quantities = len(entry.tables["quantities"])
        rows.append(
            {
                "report": entry.name,
                "issuer": issuer(entry.report),
                "year": year_reported(entry.report),
                "published": entry.report.date.isoformat() if entry.report.date else None,
                "characters": characters,
                "sections": int((outline["kind"] == "title").sum()),
                "paragraphs": _paragraph_count(entry),
                "quantities": quantities,
                "per_1000": per_thousand(quantities, characters),
            }
        )
    out = pd.DataFrame(rows, columns=["report", "issuer", "year", "published", "characters", "sections",
                                      "paragraphs", "quantities", "per_1000"])  # fmt: skip
    out["year"] = out["year"].astype("Int64")
    return out.sort_values("report", kind="stable").reset_index(drop=True)


def quantified(entries: Iterable[Entry]) -> pd.DataFrame:
    """How much of each report is quantified: claims per 1,000 characters, by kind, and where they sit.

    Columns: ``report``, ``characters``, ``quantities``, ``per_1000``, one column per kind found in any
    report (count, money, percent …, in the order of :data:`lawgov.output.plots.KIND_NAMES` where known),
    ``paragraphs`` and ``with_numbers`` (the share of paragraphs holding at least one quantity, 0–1,
    rounded to 0.01). Most quantified first; ties by name.
    """
    import pandas as pd

    from .plots import KIND_NAMES

    entries = list(entries)
    kinds = sorted(
        {sel.text(k) for e in entries for k in e.tables["quantities"]["kind"]} - {""},
        key=lambda k: (list(KIND_NAMES).index(k) if k in KIND_NAMES else len(KIND_NAMES), k),
    )
    rows = []
    for entry in entries:
        quantities, characters = entry.tables["quantities"], len(entry.report.text)
        paragraphs = _paragraph_count(entry)
        numbered = {sel.integer(p) for p in quantities["paragraph"]} - {None}  # paragraph ids run through the report
        by_kind = quantities["kind"].map(sel.text).value_counts()
        rows.append(
            {
                "report": entry.name,
                "characters": characters,
                "quantities": len(quantities),
                "per_1000": per_thousand(len(quantities), characters),
                **{kind: int(by_kind.get(kind, 0)) for kind in kinds},
                "paragraphs": paragraphs,
                "with_numbers": round(len(numbered) / paragraphs, 2) if paragraphs else 0.0,
            }
        )
    columns = ["report", "characters", "quantities", "per_1000", *kinds, "paragraphs", "with_numbers"]
    out = pd.DataFrame(rows, columns=columns)
    return out.sort_values(["per_1000", "report"], ascending=[False, True], kind="stable").reset_index(drop=True)


def timeliness(entries: Iterable[Entry], deadline: tuple[int, int] = DEADLINE) -> pd.DataFrame:
    """When each report was published against the deadline for the year it reports on (:data:`DEADLINE`).

    Columns: ``report``, ``year``, ``published``, ``deadline`` (the last day allowed), ``days_after``
    (days from the end of the year reported on to publication), ``days_late`` (days past the deadline,
    negative when early) and ``on_time`` (True/False; missing when the year or the date is unknown).
    Sorted by publication, unknown last.
    """
    import pandas as pd

    rows = []
    for entry in entries:
        year, published = year_reported(entry.report), entry.report.date
        due = dt.date(year + 1, *deadline) if year else None
        known = due is not None and published is not None
        rows.append(
            {
                "report": entry.name,
                "year": year,
                "published": published.isoformat() if published else None,
                "deadline": due.isoformat() if due else None,
                "days_after": (published - dt.date(year, 12, 31)).days if known else None,
                "days_late": (published - due).days if known else None,
                "on_time": published <= due if known else None,
            }
        )
    out = pd.DataFrame(rows, columns=["report", "year", "published", "deadline", "days_after", "days_late", "on_time"])
    for column in ("year", "days_after", "days_late"):
        out[column] = out[column].astype("Int64")
    out["on_time"] = out["on_time"].astype("boolean")
    return out.sort_values(["published", "report"], na_position="last", kind="stable").reset_index(drop=True)


def _topics_of(text: str, topics: Mapping[str, tuple[str, ...]]) -> list[str]:
    return [topic for topic, words in topics.items() if any(word in text for word in words)]


def topic_coverage(entries: Iterable[Entry], topics: Mapping[str, tuple[str, ...]] = TOPICS) -> pd.DataFrame:
    """Which topics each report covers: per report and topic, the paragraphs that mention one of its words.

    Columns: ``report``, ``topic``, ``paragraphs`` (mentioning it), ``share`` (of the report's paragraphs,
    0–1, rounded to 0.01) and ``quantities`` (claims in those paragraphs). One row for every report and
    every topic, covered or not, in the order of ``topics``; reports by name.
    """
    import pandas as pd

    rows = []
    for entry in sorted(entries, key=lambda e: e.name):
        outline, quantities = entry.tables["outline"], entry.tables["quantities"]
        claims = quantities["paragraph"].map(sel.integer).value_counts()
        paragraphs = outline[outline["kind"] == "paragraph"]
        tally = {topic: [0, 0] for topic in topics}
        for number, text in zip(paragraphs["paragraph"], paragraphs["text"], strict=True):
            for topic in _topics_of(sel.text(text), topics):
                tally[topic][0] += 1
                tally[topic][1] += int(claims.get(sel.integer(number), 0))
        total = len(paragraphs)
        for topic, (count, numbers) in tally.items():
            share = round(count / total, 2) if total else 0.0
            rows.append({"report": entry.name, "topic": topic, "paragraphs": count, "share": share,
                         "quantities": numbers})  # fmt: skip
    return pd.DataFrame(rows, columns=["report", "topic", "paragraphs", "share", "quantities"])


def section_topics(entries: Iterable[Entry], topics: Mapping[str, tuple[str, ...]] = TOPICS) -> pd.DataFrame:
    """Each report's headed sections with the topics their headings name (``、``-joined; ``""`` for none).

    Columns: ``report``, ``section``, ``title`` (title and subtitle), ``topics``, ``paragraphs``,
    ``quantities``. A report in which the outline finds no heading has no row.
    """
    import pandas as pd

    rows = []
    for entry in sorted(entries, key=lambda e: e.name):
        outline, quantities = entry.tables["outline"], entry.tables["quantities"]
        headings = sel.section_headings(outline)
        counts = outline[outline["kind"] == "paragraph"]["section"].map(sel.integer).value_counts()
        claims = quantities["section"].map(sel.integer).value_counts()
        for section, heading in sorted(headings.items()):
            rows.append(
                {
                    "report": entry.name,
                    "section": section,
                    "title": heading.strip(),
                    "topics": "、".join(_topics_of(heading, topics)),
                    "paragraphs": int(counts.get(section, 0)),
                    "quantities": int(claims.get(section, 0)),
                }
            )
    return pd.DataFrame(rows, columns=["report", "section", "title", "topics", "paragraphs", "quantities"])


def recurring(entries: Iterable[Entry], type_: str = "law", min_reports: int = 2) -> pd.DataFrame:
    """Entities of ``type_`` (law, body, programme, place) named by at least ``min_reports`` reports.

    Columns: ``normalized``, ``reports`` (how many name it), ``mentions`` (in all), ``named_by`` (the
    reports, ``、``-joined). Most widely named first; ties by mentions, then name.
    """
    import pandas as pd

    found: dict[str, dict[str, int]] = {}
    for entry in entries:
        for row in sel.mention_counts(entry.tables["entities"], type_).itertuples(index=False):
            found.setdefault(row.normalized, {})[entry.name] = int(row.mentions)
    rows = [
        {"normalized": name, "reports": len(by), "mentions": sum(by.values()), "named_by": "、".join(sorted(by))}
        for name, by in found.items()
        if len(by) >= min_reports
    ]
    out = pd.DataFrame(rows, columns=["normalized", "reports", "mentions", "named_by"])
    out = out.sort_values(["reports", "mentions", "normalized"], ascending=[False, False, True], kind="stable")
    return out.reset_index(drop=True)


# ---------------------------------------------------------------- charts

_BLUE, _GREY, _RED = "#3b6ea5", "#8c8c8c", "#c44e52"


def _figure(width: float, height: float, title: str, note: str) -> tuple[Figure, Axes]:
    """A fixed-size figure on the Agg canvas with one axes, a title and a source note; Chinese font set."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    use_chinese_font()
    fig = Figure(figsize=(width, height), dpi=100, layout="constrained")
    FigureCanvasAgg(fig)
    bottom = 0.28 / height  # room for the source note below the axes and their labels
    fig.get_layout_engine().set(rect=(0, bottom, 1, 1 - bottom))
    ax = fig.add_subplot()
    ax.set_title(title)
    fig.text(0.01, 0.005, f"来源：{note}；lawgov 提取", fontsize=7, color="0.4", ha="left", va="bottom")
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    return fig, ax


def _note(reports: int) -> str:
    return f"{reports} 份报告"


def density_chart(table: pd.DataFrame) -> Figure:
    """Bars of quantities per 1,000 characters, one per report of :func:`quantified`, as ordered there."""
    fig, ax = _figure(8, 1.4 + 0.4 * max(len(table), 3), "每千字的数量型表述", _note(len(table)))
    positions = list(range(len(table)))
    bars = ax.barh(positions, list(table["per_1000"]), color=_BLUE, height=0.7)
    ax.bar_label(bars, labels=[f"{v:g}（{n} 条）" for v, n in zip(table["per_1000"], table["quantities"],
                                                                 strict=True)], padding=3, fontsize=8)  # fmt: skip
    ax.set_yticks(positions, list(table["report"]), fontsize=9)
    ax.set_ylim(len(table) - 0.5, -0.5)
    ax.set_xlim(0, max([*table["per_1000"], 1.0]) * 1.3)
    ax.set_xlabel("数量型表述 / 千字")
    return fig


def length_chart(table: pd.DataFrame) -> Figure:
    """Length against quantification: one labelled point per report of :func:`overview`."""
    fig, ax = _figure(8, 5, "报告篇幅与数量化程度", _note(len(table)))
    ax.scatter(list(table["characters"]), list(table["per_1000"]), color=_BLUE, zorder=2)
    for x, y, name in zip(table["characters"], table["per_1000"], table["report"], strict=True):
        ax.annotate(name, (x, y), xytext=(4, 4), textcoords="offset points", fontsize=7)
    ax.set_xlim(0, max([*table["characters"], 1]) * 1.3)
    ax.set_ylim(0, max([*table["per_1000"], 1.0]) * 1.15)
    ax.set_xlabel("篇幅（字）")
    ax.set_ylabel("数量型表述 / 千字")
    return fig


def topics_chart(coverage: pd.DataFrame) -> Figure:
    """A report × topic grid of :func:`topic_coverage`: the share of each report's paragraphs on each topic."""
    reports = sorted(set(coverage["report"]))
    topics = list(dict.fromkeys(coverage["topic"]))
    share = {(r, t): s for r, t, s in zip(coverage["report"], coverage["topic"], coverage["share"], strict=True)}
    grid = [[share.get((r, t), 0.0) for t in topics] for r in reports]
    fig, ax = _figure(11, 1.8 + 0.45 * max(len(reports), 3), "各报告涉及的主题（段落占比）", _note(len(reports)))
    image = ax.imshow(grid, cmap="Blues", vmin=0, vmax=1, aspect="auto")
    for i, line in enumerate(grid):
        for j, value in enumerate(line):
            ax.text(j, i, f"{value:.0%}", ha="center", va="center", fontsize=7,
                    color="white" if value > 0.6 else "black")  # fmt: skip
    ax.set_xticks(range(len(topics)), topics, rotation=30, ha="right", fontsize=8)
    ax.set_yticks(range(len(reports)), reports, fontsize=8)
    ax.tick_params(length=0)
    fig.colorbar(image, ax=ax, shrink=0.8, label="段落占比")
    return fig


def recurring_chart(table: pd.DataFrame, reports: int, title: str = "多份报告提及的法律法规", top: int = 15) -> Figure:
    """Bars of how many of the ``reports`` name each entity of :func:`recurring` (the ``top`` first)."""
    from matplotlib.ticker import MaxNLocator

    rows = table.head(top)
    fig, ax = _figure(8, 1.4 + 0.4 * max(len(rows), 3), title, _note(reports))
    positions = list(range(len(rows)))
    bars = ax.barh(positions, list(rows["reports"]), color=_BLUE, height=0.7)
    ax.bar_label(bars, labels=[f"{n}/{reports}" for n in rows["reports"]], padding=3, fontsize=8)
    ax.set_yticks(positions, [n if len(n) <= 24 else n[:23] + "…" for n in rows["normalized"]], fontsize=9)
    ax.set_ylim(max(len(rows), 1) - 0.5, -0.5)
    ax.set_xlim(0, reports * 1.15)
    ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    ax.set_xlabel("提及它的报告（份）")
    return fig


def timeliness_chart(table: pd.DataFrame) -> Figure:
    """Days from the deadline to publication, per report of :func:`timeliness`: early to the left of the
    deadline line, late to the right; reports of unknown year or date are left out (they have no bar)."""
    rows = table[table["days_late"].notna()]
    month_days = sorted({(int(d[5:7]), int(d[8:10])) for d in rows["deadline"]})
    due = "、".join(f"次年{m}月{d}日" for m, d in month_days) or "次年3月31日"
    fig, ax = _figure(8, 1.4 + 0.4 * max(len(rows), 3), f"发布日期与公开期限（{due}）", _note(len(table)))
    positions = list(range(len(rows)))
    days = [int(d) for d in rows["days_late"]]
    ax.barh(positions, days, color=[_BLUE if d <= 0 else _RED for d in days], height=0.7)
    for y, published, d in zip(positions, rows["published"], days, strict=True):
        late = f"逾期 {d} 天" if d > 0 else f"提前 {-d} 天" if d < 0 else "当天"
        ax.text(max(d, 0), y, f"  {published}（{late}）", va="center", ha="left", fontsize=8)
    ax.axvline(0, color=_GREY, linewidth=1)
    ax.set_yticks(positions, list(rows["report"]), fontsize=9)
    ax.set_ylim(max(len(rows), 1) - 0.5, -0.5)
    ax.tick_params(axis="y", length=0)
    reach = max([abs(d) for d in days] + [30])
    ax.set_xlim(min([*days, 0]) - 0.1 * reach, max([*days, 0]) + 0.8 * reach)
    ax.set_xlabel("距公开期限的天数（负数为提前）")
    return fig
