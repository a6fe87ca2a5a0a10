"""Comparing reports (lawgov.output.compare): one row per report and question, sorted, rounded, in memory."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pandas as pd
import pytest

import lawgov
from lawgov.cli import main
from lawgov.output import compare

from .conftest import ROOT

SAMPLES = ROOT / "notebooks" / "sample-reports"

# Three small reports of our own: a county on time, a bureau late, a news article on no particular year.
COUNTY = (
    "某县人民政府关于2023年度法治政府建设情况的报告\n\n发布日期：2024-03-31 来源：某县司法局\n\n"
    "一、严格规范执法\n\n全年查处违法案件120件，办结率达98.5%。\n\n"
    "二、化解矛盾纠纷\n\n办理行政复议案件12件，依照《中华人民共和国行政复议法》审理。\n\n"
    "三、存在的不足\n\n普法宣传还不够深入。"
)
BUREAU = (
    "某市市场监督管理局2023年法治政府建设工作报告\n\n发布时间：2024-04-01 来源：市市场监管局\n\n"
    "局党组把法治建设摆在突出位置，依照《中华人民共和国行政复议法》和《优化营商环境条例》开展工作。"
)
ARTICLE = "某地推进法治政府建设\n\n时间: 2021-11-26 来源: 某某报\n\n全市各部门持续推进依法行政，工作取得新进展。"


def entry(name: str, text: str) -> compare.Entry:
    report = lawgov.parse(text, name=f"{name}.txt")
    return compare.Entry(name, report, lawgov.report_tables(report))


@pytest.fixture(scope="module")
def entries() -> list[compare.Entry]:
    return [entry("county", COUNTY), entry("bureau", BUREAU), entry("article", ARTICLE)]


def test_year_and_issuer_come_from_the_title(entries) -> None:
    county, bureau, article = (e.report for e in entries)
    assert [compare.year_reported(r) for r in (county, bureau, article)] == [2023, 2023, None]
    assert [compare.issuer(r) for r in (county, bureau, article)] == ["某县人民政府", "某市市场监督管理局", ""]


def test_overview_has_one_row_per_report_sorted_by_name(entries) -> None:
    table = compare.overview(entries)
    assert table["report"].tolist() == ["article", "bureau", "county"]
    county = table.set_index("report").loc["county"]
    assert (county["year"], county["published"], county["sections"], county["paragraphs"]) == (2023, "2024-03-31", 3, 3)
    assert county["characters"] == len(entries[0].report.text)
    assert county["quantities"] == len(entries[0].tables["quantities"]) == 3
    assert county["per_1000"] == round(3000 / county["characters"], 1)
    assert pd.isna(table.set_index("report").loc["article", "year"])


def test_per_thousand_rounds_and_survives_an_empty_text() -> None:
    assert compare.per_thousand(3, 70) == 42.9
    assert compare.per_thousand(0, 0) == 0.0


def test_quantified_counts_kinds_and_paragraphs_with_numbers(entries) -> None:
    table = compare.quantified(entries)
    assert table["report"].tolist() == ["county", "article", "bureau"]  # most quantified first, ties by name
    county = table.iloc[0]
    assert (county["count"], county["percent"]) == (2, 1)
    assert (county["paragraphs"], county["with_numbers"]) == (3, 0.67)
    assert list(table.columns) == ["report", "characters", "quantities", "per_1000", "count", "percent",
                                   "paragraphs", "with_numbers"]  # fmt: skip


def test_timeliness_applies_the_first_of_april_deadline(entries) -> None:
    table = compare.timeliness(entries).set_index("report")
    assert table.loc["county", ["deadline", "days_after", "days_late"]].tolist() == ["2024-03-31", 91, 0]
    assert bool(table.loc["county", "on_time"]) is True  # the last day allowed
    assert table.loc["bureau", "days_late"] == 1 and bool(table.loc["bureau", "on_time"]) is False
    assert pd.isna(table.loc["article", "on_time"]) and pd.isna(table.loc["article", "days_late"])
    assert compare.timeliness(entries)["report"].tolist() == ["article", "county", "bureau"]  # by publication


def test_timeliness_takes_another_deadline(entries) -> None:
    table = compare.timeliness(entries, deadline=(2, 28)).set_index("report")
    assert table.loc["county", ["deadline", "days_late"]].tolist() == ["2024-02-28", 32]


def test_topic_coverage_counts_paragraphs_and_their_claims(entries) -> None:
    table = compare.topic_coverage(entries, {"执法": ("执法", "违法"), "复议": ("复议",), "信用": ("信用",)})
    assert len(table) == 3 * 3  # every report and every topic
    county = table[table["report"] == "county"].set_index("topic")
    assert county.loc["执法"].tolist() == ["county", 1, 0.33, 2]
    assert county.loc["复议"].tolist() == ["county", 1, 0.33, 1]
    assert county.loc["信用", "paragraphs"] == 0
    assert set(compare.topic_coverage(entries)["topic"]) == set(compare.TOPICS)


def test_section_topics_reads_the_headings(entries) -> None:
    table = compare.section_topics(entries, {"执法": ("执法",), "问题": ("不足",)})
    county = table[table["report"] == "county"]
    assert county[["section", "title", "topics", "paragraphs", "quantities"]].values.tolist() == [
        [1, "一、严格规范执法", "执法", 1, 2],
        [2, "二、化解矛盾纠纷", "", 1, 1],
        [3, "三、存在的不足", "问题", 1, 0],
    ]
    assert set(table["report"]) == {"county"}  # the others have no headed section


def test_recurring_laws_are_counted_per_report(entries) -> None:
    table = compare.recurring(entries, "law")
    assert table.values.tolist() == [["中华人民共和国行政复议法", 2, 2, "bureau、county"]]
    assert compare.recurring(entries, "law", min_reports=1)["normalized"].tolist() == [
        "中华人民共和国行政复议法", "优化营商环境条例"]  # fmt: skip


def test_report_files_and_analyse_skip_what_cannot_be_read(tmp_path: Path) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "county.txt").write_text(COUNTY, encoding="utf-8")
    (tmp_path / "county.txt").write_text(COUNTY, encoding="gb18030")
    (tmp_path / "empty.html").write_bytes(b"")
    (tmp_path / "notes.md").write_text("不是报告", encoding="utf-8")
    files = compare.report_files(tmp_path)
    assert [p.relative_to(tmp_path).as_posix() for p in files] == ["a/county.txt", "county.txt", "empty.html"]
    entries, problems = compare.analyse(files)
    assert [e.name for e in entries] == ["county", f"{tmp_path.name}/county"]  # a second stem gets its folder
    assert len(problems) == 1 and "empty.html" in problems[0]
    assert entries[0].tables["quantities"]["raw"].tolist() == entries[1].tables["quantities"]["raw"].tolist()


def test_report_files_name_the_folder_when_there_is_nothing(tmp_path: Path) -> None:
    with pytest.raises(lawgov.LawgovError, match="no reports"):
        compare.report_files(tmp_path)
    with pytest.raises(lawgov.LawgovError, match="no such folder"):
        compare.report_files(tmp_path / "missing")


def test_charts_draw_every_table(entries) -> None:
    from lawgov import display

    charts = [
        compare.density_chart(compare.quantified(entries)),
        compare.length_chart(compare.overview(entries)),
        compare.topics_chart(compare.topic_coverage(entries)),
        compare.recurring_chart(compare.recurring(entries, "law"), len(entries)),
        compare.timeliness_chart(compare.timeliness(entries)),
    ]
    shown = [display.show(fig) for fig in charts]
    assert [c.titles[0] for c in shown] == ["每千字的数量型表述", "报告篇幅与数量化程度", "各报告涉及的主题（段落占比）",
                                           "多份报告提及的法律法规", "发布日期与公开期限（次年3月31日）"]  # fmt: skip
    assert "county" in shown[0].alt and "3 份报告" in shown[0].alt
    timeliness = shown[-1].alt
    assert "county" in timeliness and "bureau" in timeliness and "article" not in timeliness.split("。")[0]


@pytest.mark.slow
def test_the_sample_corpus_reads_whole_and_as_its_readme_says() -> None:
    files = compare.report_files(SAMPLES)
    entries, problems = compare.analyse(files)
    assert problems == [] and len(entries) == len(files) == 8
    timeliness = compare.timeliness(entries).set_index("report")
    assert timeliness["year"].notna().all() and timeliness["published"].notna().all()
    readme = (SAMPLES / "README.md").read_text(encoding="utf-8")
    for name, row in timeliness.iterrows():  # the README gives each file's year, date and whether it was late
        line = next(line for line in readme.splitlines() if f"`{name}.txt`" in line)
        assert f"reports on {row['year']}" in line and f"published {row['published']}" in line, line
        assert ("late" in line.split("published")[1].split(")")[0]) == (not row["on_time"]), line
    overview = compare.overview(entries)
    assert (overview["quantities"] > 0).all()
    assert overview["per_1000"].tolist() == [round(1000 * q / c, 1) for q, c in zip(overview["quantities"],
                                                                                   overview["characters"], strict=True)]  # fmt: skip
    assert dt.date.fromisoformat(overview["published"].min()) == dt.date(2023, 4, 20)


def test_report_files_skip_lawgov_outputs_and_names_stay_unique(tmp_path: Path) -> None:
    for name in ("x.htm", "x.text", "x.txt"):
        (tmp_path / name).write_text(COUNTY, encoding="utf-8")
    assert main(["build", str(tmp_path / "x.txt"), "--no-figures", "--out", str(tmp_path / "out")]) == 0
    files = compare.report_files(tmp_path)  # not out/clean.txt: that is lawgov's own output
    assert [p.name for p in files] == ["x.htm", "x.text", "x.txt"]
    entries, _ = compare.analyse([*files, files[0]])
    names = [e.name for e in entries]
    assert names[:3] == ["x", f"{tmp_path.name}/x", f"{tmp_path.name}/x.txt"] and len(set(names)) == 4
