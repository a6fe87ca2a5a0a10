"""Notebook display helpers: stable text forms, HTML that escapes the text, charts as PNG (never SVG)."""

from __future__ import annotations

import base64
import logging
import re

import pandas as pd
import pytest

import lawgov
from lawgov import display
from lawgov.output import plots

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


@pytest.fixture(scope="module")
def seed_tables(seed_report) -> dict[str, pd.DataFrame]:
    return lawgov.report_tables(seed_report)


@pytest.fixture
def pandas_options():
    """Restore every pandas option :func:`display.setup` touches."""
    saved = {key: pd.get_option(key) for key in display.PANDAS_OPTIONS}
    level = logging.getLogger("matplotlib").level
    yield
    for key, value in saved.items():
        pd.set_option(key, value)
    logging.getLogger("matplotlib").setLevel(level)


def test_setup_sets_the_pandas_options_and_quiets_matplotlib_logging(pandas_options) -> None:
    assert display.setup(max_rows=7) is None  # nothing for a notebook cell to show
    assert pd.get_option("display.unicode.east_asian_width") is True
    assert pd.get_option("display.max_rows") == 7
    assert pd.get_option("display.max_colwidth") == display.PANDAS_OPTIONS["display.max_colwidth"]
    assert logging.getLogger("matplotlib").level == logging.ERROR


def test_clip_shortens_long_text_only() -> None:
    df = pd.DataFrame({"text": ["一二三四五六", "短", None], "n": [1, 2, 3]})
    out = display.clip(df, 4)
    assert out["text"].tolist()[:2] == ["一二三…", "短"]
    assert pd.isna(out["text"].iloc[2])
    assert out["n"].tolist() == [1, 2, 3]
    assert df["text"].iloc[0] == "一二三四五六"  # the original is untouched


def test_highlight_keeps_spans_inside_the_stretch_and_drops_overlaps() -> None:
    text = "在万州区和渝北区开展检查"
    marks = [display.Mark(1, 4, title="a"), display.Mark(2, 3), display.Mark(5, 8), display.Mark(8, 20)]
    marked = display.highlight(text, marks, 0, 10)
    assert repr(marked) == "在【万州区】和【渝北区】开展"
    assert [(m.start, m.end) for m in marked.marks] == [(1, 4), (5, 8)]


def test_highlight_offsets_index_the_whole_text() -> None:
    marked = display.highlight("甲乙丙丁戊", [display.Mark(3, 4)], 2, 5)
    assert (marked.text, repr(marked)) == ("丙丁戊", "丙【丁】戊")


def test_highlight_html_escapes_text_and_tooltips() -> None:
    marked = display.highlight("<b>&“渝快办”", [display.Mark(5, 8, title='say "hi" <x>')])
    html = marked._repr_html_()
    assert "&lt;b&gt;&amp;" in html and "<b>" not in html
    assert 'title="say &quot;hi&quot; &lt;x&gt;"' in html
    assert html.count("<mark") == 1


def test_highlight_quantities_of_the_seed(seed_report, seed_tables) -> None:
    text, quantities = seed_report.text, seed_tables["quantities"]
    marked = display.highlight_quantities(text, quantities)
    plain = repr(marked)
    assert plain.count("【") == len(quantities) == 101
    assert plain.replace("【", "").replace("】", "") == text
    assert "查处违法案件【4599件】" in plain
    html = marked._repr_html_()
    assert html.count("<mark") == 101
    assert 'title="4599件 · measure: 违法案件 · kind: count"' in html
    assert 'title="4700名 · measure: 新提任领导干部 · kind: count · qualifier: 余"' in html
    assert [label for label, _ in marked.legend] == ["count", "money", "percent"]


def test_highlight_quantities_of_a_stretch(seed_report, seed_tables) -> None:
    doc = lawgov.outline(seed_report)
    p = doc.sections[5].paragraphs[0]
    marked = display.highlight_quantities(seed_report.text, seed_tables["quantities"], p.start, p.end)
    assert repr(marked).endswith(
        "全市行政复议机关由【375个】减少至【42个】。完善行政复议制度规范，在全国率先出台《行政复议案件受理审查规范》，健全行政复议立案、审理、听证、决定等办案制度。加快推进行政复议信息化建设，基本实现全覆盖、全流程在线办案。"
    )


def test_a_range_shows_both_ends_in_its_tooltip() -> None:
    text = "培训10-20人。"
    q = lawgov.extract_quantities(text)
    assert display.quantity_tooltip(q.iloc[0]).startswith("10人–20人 · ")


def test_show_renders_a_chart_as_png_with_its_titles(seed_tables) -> None:
    fig = plots.changes_chart(seed_tables["changes"])
    chart = display.show(fig)
    assert chart.png.startswith(PNG_SIGNATURE)
    assert chart.size == (1200, 495)
    assert chart.display_width == 800
    assert repr(chart) == (
        "<chart 1200×495 px> 报告中的前后变化\n"
        "  · 群众办事平均跑动次数：1.01次 → 0.28次（-72.3%）\n"
        "  · 行政复议机关：375个 → 42个（-88.8%）"
    )
    assert not fig.axes  # the figure was cleared
    data, metadata = chart._repr_mimebundle_()
    assert set(data) == {"image/png", "text/plain"}  # PNG, never SVG
    assert base64.b64decode(data["image/png"]) == chart.png
    assert metadata == {"image/png": {"width": 800}}
    assert not re.search(r"0x[0-9a-f]{6,}|Figure size", data["text/plain"])


def test_show_is_deterministic(seed_tables) -> None:
    draw = lambda: display.show(plots.rates_chart(seed_tables["quantities"]))  # noqa: E731
    assert draw().png == draw().png


def test_charts_draw_only_what_has_data(seed_tables) -> None:
    only_keywords = {"outline": seed_tables["outline"], "keywords": seed_tables["keywords"]}
    charts = display.charts(only_keywords, "来源")
    assert [c.titles[0] for c in charts] == ["各部分的关键词（按权重，前 8 个）"]
    assert display.charts({"changes": seed_tables["changes"].iloc[0:0]}) == []


def test_source_note_names_the_paper_and_the_title(seed_report) -> None:
    assert seed_report.source_note() == f"重庆法治报《{seed_report.title}》"


def test_sections_of_the_seed(seed_report) -> None:
    table = display.sections(lawgov.outline(seed_report))
    assert table["title"].tolist()[:3] == ["", "深化“放管服”改革", "践行为民宗旨"]
    assert table["subtitle"].tolist()[1] == "职能履行更加精准有效"
    assert table["paragraphs"].sum() == 24
    assert (table["start"].iloc[1], table["end"].iloc[-1]) == (278, len(seed_report.text))


def test_paragraphs_of_one_section(seed_report) -> None:
    table = display.paragraphs(lawgov.outline(seed_report), section=3)
    assert table["lead"].tolist() == ["加强诚信宣传教育方面", "规范信用监管评价方面", "推进政务诚信建设方面"]
    assert len(display.paragraphs(lawgov.outline(seed_report))) == 24


def test_keywords_by_section_puts_the_whole_report_first(seed_report, seed_tables) -> None:
    table = display.keywords_by_section(seed_tables["keywords"], lawgov.outline(seed_report), top=3)
    assert list(table.columns) == ["section", "title", "1", "2", "3"]
    assert table.iloc[0][["section", "title", "1"]].tolist() == ["", "全文", "执法"]
    assert table.iloc[2][["section", "title", "1"]].tolist() == ["1", "深化“放管服”改革", "监管"]
    assert len(table) == 8


def test_top_entities_breaks_ties_by_name() -> None:
    df = pd.DataFrame(
        {"type": ["place", "place", "body", "body"], "name": ["渝北", "万州", "市政府", "市政府"],
         "normalized": ["渝北区", "万州区", "市政府", "市政府"]}
    )  # fmt: skip
    assert display.top_entities(df)[["type", "normalized", "mentions"]].values.tolist() == [
        ["body", "市政府", 2],
        ["place", "万州区", 1],
        ["place", "渝北区", 1],
    ]
    assert display.top_entities(df, "place", top=1)["normalized"].tolist() == ["万州区"]


def test_importing_display_is_light() -> None:
    import subprocess
    import sys

    code = "import sys, lawgov.display; print(sorted(m for m in ('pandas', 'matplotlib') if m in sys.modules))"
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert run.stdout.strip() == "[]"
