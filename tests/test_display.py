"""Notebook display helpers: stable text forms, HTML that escapes the text, charts as PNG (never SVG)."""

from __future__ import annotations

import base64
import logging
import re
from decimal import Decimal

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


class FakeFormatter:
    def __init__(self) -> None:
        self.printers: dict[type, object] = {}

    def for_type(self, type_: type, printer: object) -> None:
        self.printers[type_] = printer


def test_setup_in_a_notebook_shows_tables_with_text_columns_left_aligned(pandas_options, monkeypatch) -> None:
    import IPython

    html = FakeFormatter()
    shell = type("Shell", (), {"display_formatter": type("Formatters", (), {"formatters": {"text/html": html}})()})()
    monkeypatch.setattr(IPython, "get_ipython", lambda: shell)
    display.setup()
    assert html.printers == {pd.DataFrame: display.table_html}


def test_table_html_left_aligns_text_columns_only(pandas_options) -> None:
    display.setup()
    df = pd.DataFrame(
        {"名称": ["市政府", None], "n": [11, 2], "value": [Decimal("1.5"), None], "kind": ["body", "law"]}
    )
    df.index.name = "row"
    assert display.text_columns(df) == [0, 3]
    html = display.table_html(df)
    assert html.replace(' style="text-align: left;"', "") == df._repr_html_()  # pandas' table, nothing else changed
    rows = re.findall(r"<tr[^>]*>(.*?)</tr>", html, re.S)
    header, index_names, first, second = rows
    left = lambda row: [bool(re.search('style="text-align: left;"', c)) for c in re.findall(r"<t[hd][^>]*>", row)]  # noqa: E731
    assert left(header) == left(index_names) == [False, True, False, False, True]  # index corner, four columns
    assert left(first) == left(second) == [False, True, False, False, True]  # the index cell, then the cells


def test_table_html_leaves_wide_and_multi_level_tables_as_pandas_draws_them(pandas_options) -> None:
    display.setup(max_columns=3)
    wide = pd.DataFrame({f"c{i}": ["字"] for i in range(5)})
    assert display.table_html(wide) == wide._repr_html_()
    levels = pd.DataFrame([["甲", 1]], columns=pd.MultiIndex.from_tuples([("a", "名称"), ("a", "n")]))
    assert display.table_html(levels) == levels._repr_html_()
    assert display.table_html(pd.DataFrame({"n": [1]})) == pd.DataFrame({"n": [1]})._repr_html_()


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
    assert plain.count("【") == len(quantities) > 0
    assert plain.replace("【", "").replace("】", "") == text
    assert "查处违法案件【4599件】" in plain
    html = marked._repr_html_()
    assert html.count("<mark") == len(quantities)
    row = quantities[quantities["raw"] == "4599件"].iloc[0]
    assert f'title="{display.quantity_tooltip(row)}"' in html
    assert marked.legend[0][0] == "count"  # the known kinds first


def test_highlight_quantities_of_a_stretch(seed_report, seed_tables) -> None:
    doc = lawgov.outline(seed_report)
    p = next(p for p in doc.paragraphs() if "行政复议机关由375个减少至42个" in p.text)
    marked = display.highlight_quantities(seed_report.text, seed_tables["quantities"], p.start, p.end)
    assert marked.text == seed_report.text[p.start : p.end]
    assert "全市行政复议机关由【375个】减少至【42个】。" in repr(marked)


def test_a_range_shows_both_ends_in_its_tooltip() -> None:
    text = "培训10-20人。"
    q = lawgov.extract_quantities(text)
    assert display.quantity_tooltip(q.iloc[0]).startswith("10人–20人 · ")


def bar_figure():
    """A small chart of our own: a title, three labelled bars, the values written at their ends, a note."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    from lawgov.output.fonts import use_chinese_font

    use_chinese_font()
    fig = Figure(figsize=(6, 3), dpi=100)
    FigureCanvasAgg(fig)
    ax = fig.add_subplot()
    bars = ax.barh([0, 1, 2], [12, 7, 3])
    ax.bar_label(bars, labels=["12件", "7件", "3件"])
    ax.set_yticks([0, 1, 2], ["受理案件", "办结案件", "调解案件"])
    ax.set_title("案件办理情况")
    ax.set_xlabel("件")
    fig.text(0.01, 0.01, "来源：测试")
    return fig


def test_show_renders_a_chart_as_png_with_its_titles_and_alternative_text() -> None:
    fig = bar_figure()
    chart = display.show(fig)
    assert chart.png.startswith(PNG_SIGNATURE)
    assert chart.size == (900, 450)  # saved at 150 dpi: 6 × 3 inches
    assert chart.display_width == 600
    assert repr(chart) == "<chart 900×450 px> 案件办理情况"
    assert chart.alt == "图表：案件办理情况；受理案件（12件）、办结案件（7件）、调解案件（3件）（件）。来源：测试"
    assert not fig.axes  # the figure was cleared
    data, metadata = chart._repr_mimebundle_()
    assert set(data) == {"image/png", "text/plain"}  # PNG, never SVG
    assert base64.b64decode(data["image/png"]) == chart.png
    assert metadata == {"image/png": {"width": 600, "alt": chart.alt}}
    assert not re.search(r"0x[0-9a-f]{6,}|Figure size", data["text/plain"])


def test_every_chart_of_the_seed_has_alternative_text_naming_its_title(seed_report, seed_tables) -> None:
    charts = display.charts(seed_tables, seed_report.source_note())
    assert charts
    for chart in charts:
        assert chart.alt.startswith(f"图表：{chart.titles[0]}")
        assert chart.alt.endswith(f"来源：{seed_report.source_note()}；lawgov 提取")
        assert "\n" not in chart.alt


def test_alternative_text_names_at_most_twelve_categories() -> None:
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    fig = Figure()
    FigureCanvasAgg(fig)
    ax = fig.add_subplot()
    ax.bar(range(15), range(1, 16))
    ax.set_xticks(range(15), [f"第{i}项" for i in range(15)])
    fig.canvas.draw()
    alt = display.describe(fig)
    assert alt.startswith("图表：（无标题）；第0项、第1项") and "第11项 等 15 项" in alt and "第12项" not in alt


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


# ---------------------------------------------------------------- exercises


def test_an_unanswered_exercise_says_so() -> None:
    verdict = display.check(answer=(..., 3))
    assert repr(verdict) == "not answered yet: replace each ... with your answer and run the cell again"
    assert not verdict.answered and not verdict.correct
    assert repr(display.check(a=(..., 1), b=(..., 2))) == repr(verdict)


def test_a_right_answer_says_correct_whatever_the_number_type() -> None:
    import numpy as np

    assert repr(display.check(answer=(Decimal("520000000"), 520000000))) == "correct"
    assert repr(display.check(total=(13200, np.int64(13200)), share=(0.1 + 0.2, 0.3))) == "correct (total, share)"
    assert display.check(rate=(-91.67, Decimal("-91.67"))).correct


@pytest.mark.parametrize(
    ("answer", "expected", "message"),
    [
        (4, 3, "4 is too high"),
        (2.5, Decimal("3"), "2.5 is too low"),
        ("12", 12, "expected a number, not a text (str): '12'"),
        (1, True, "expected True or False, not a number: 1"),
        (True, False, "it is the other way round"),
        ("万州", "万州区", "too short: part of the right text is missing"),
        ("万州区分水镇", "万州区", "too long: the right text is inside it, with more around it"),
        (" 万州区", "万州区", "the right text, but with spaces at its ends"),
        ("渝北区", "万州区", "not the right text"),
        ({1, 2}, {2, 4}, "1 of the 2 items is right; not in the answer: 1; 1 is missing"),
        ({2}, {2, 4}, "1 of the 2 items is right; 1 is missing"),
        ([2, 1], [1, 2], "the right items, in the wrong order"),
        ([1, 3], (1, 2), "item 2: 3 is too high"),
        ([1], [1, 2], "expected 2 items, not 1"),
        ({"a": 1}, {"a": 2}, "'a': 1 is too low"),
        (None, "gb18030", "expected a text (str), not None: None"),
    ],
)
def test_a_wrong_answer_says_what_is_wrong(answer, expected, message) -> None:
    verdict = display.check(answer=(answer, expected))
    assert repr(verdict) == message
    assert verdict.answered and not verdict.correct


def test_parts_are_reported_one_line_each_when_they_differ() -> None:
    verdict = display.check(encoding=("gb18030", "gb18030"), sections=(..., 2), quantities=(4, 5))
    assert repr(verdict).splitlines() == ["encoding: correct", "sections: not answered yet", "quantities: 4 is too low"]
    html = verdict._repr_html_()
    assert html.count("<div") == 3 and "#dcfce7" in html and "#fef9c3" in html and "#fee2e2" in html


def test_a_check_function_decides_and_explains_and_never_raises() -> None:
    is_even = lambda n: n % 2 == 0 or f"{n} is odd"  # noqa: E731
    assert repr(display.check(n=(4, is_even))) == "correct"
    assert repr(display.check(n=(3, is_even))) == "3 is odd"
    assert (
        repr(display.check(n=("x", is_even)))
        == "that does not work: TypeError: not all arguments converted during string formatting"
    )
    assert repr(display.check(n=(3, lambda n: False))) == "not right yet"
    assert (
        repr(display.check(n=(..., lambda n: 1 / 0)))
        == "not answered yet: replace each ... with your answer and run the cell again"
    )


def test_a_malformed_check_is_reported_not_raised() -> None:
    assert (
        repr(display.check(answer=(1,)))
        == "could not be checked (ValueError: not enough values to unpack (expected 2, got 1))"
    )
