"""Charts: Chinese glyphs from the shipped Noto Sans SC (never boxes), one figure per chart, reproducible PNG files."""

from __future__ import annotations

import io
import re
import sys
import warnings
from collections.abc import Callable
from pathlib import Path

import pandas as pd
import pytest
from matplotlib.figure import Figure

import lawgov
from lawgov.output import fonts, plots

from .conftest import SEED

CJK = re.compile(r"[\u4e00-\u9fff]")
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
ALL_FILES = [
    "01-quantities-per-section.png",
    "02-largest-counts.png",
    "03-changes.png",
    "04-rates.png",
    "05-enforcement.png",
    "06-keywords.png",
    "07-entities.png",
]


def fake_keywords() -> pd.DataFrame:
    """A keywords table in the agreed format: per-section rows and whole-report rows (section <NA>)."""
    terms = ["执法", "改革", "信用", "公开", "调解", "法治", "监管", "审批", "复议"]
    rows = [
        {"section": section, "rank": rank, "term": term, "count": 20 - rank, "weight": round(1 - rank / 20, 3)}
        for section in range(7)
        for rank, term in enumerate(terms[section:] + terms[:section], start=1)
    ]
    rows += [{"section": pd.NA, "rank": 1, "term": "法治政府", "count": 40, "weight": 1.0}]
    return pd.DataFrame(rows).astype({"section": "Int64", "rank": "int64", "count": "int64"})


def fake_entities() -> pd.DataFrame:
    """An entities table in the agreed format; 重庆市政府 is normalized to 重庆市人民政府."""
    mentions = (
        [("body", "重庆市人民政府", "重庆市人民政府")] * 3
        + [("body", "重庆市政府", "重庆市人民政府")] * 2
        + [("body", "市人大常委会", "重庆市人民代表大会常务委员会")] * 3
        + [("body", "市司法局", "重庆市司法局")]
        + [("place", "重庆", "重庆市")] * 4
        + [("place", "北碚区", "北碚区")] * 2
        + [("place", "四川", "四川省")]
        + [("law", "行政处罚法", "中华人民共和国行政处罚法")]
        + [("programme", "放管服", "放管服")]
    )
    rows = [
        {
            "id": i,
            "section": 1,
            "paragraph": 1,
            "type": type_,
            "name": name,
            "normalized": normalized,
            "subtype": "",
            "start": 10 * i,
            "end": 10 * i + len(name),
        }
        for i, (type_, name, normalized) in enumerate(mentions, start=1)
    ]
    return pd.DataFrame(rows)


@pytest.fixture(scope="module")
def tables() -> dict[str, pd.DataFrame]:
    found = lawgov.report_tables(lawgov.load(SEED))
    return {**found, "keywords": fake_keywords(), "entities": fake_entities()}


def render_strictly(fig: Figure) -> bytes:
    """Draw and save the figure with every warning an error: a missing glyph fails the test (low dpi: fast)."""
    buffer = io.BytesIO()
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        fig.savefig(buffer, format="png", dpi=40)
    return buffer.getvalue()


def ytick_labels(fig: Figure, panel: int = 0) -> list[str]:
    return [label.get_text() for label in fig.axes[panel].get_yticklabels()]


# ---------------------------------------------------------------- the font


def test_use_chinese_font_registers_noto_sans_sc_and_is_idempotent() -> None:
    import matplotlib
    from matplotlib import font_manager

    assert fonts.use_chinese_font() == "Noto Sans SC"
    registered = len(font_manager.fontManager.ttflist)
    assert fonts.use_chinese_font() == "Noto Sans SC"
    assert len(font_manager.fontManager.ttflist) == registered  # the file is added once
    assert matplotlib.rcParams["font.family"] == ["sans-serif"]
    assert matplotlib.rcParams["font.sans-serif"][:2] == ["Noto Sans SC", "DejaVu Sans"]
    assert matplotlib.rcParams["axes.unicode_minus"] is False
    found = font_manager.findfont(font_manager.FontProperties(family=["sans-serif"]), fallback_to_default=False)
    assert Path(found) == fonts.font_path()
    assert fonts.font_path().name == "NotoSansSC-Regular.otf"


def test_missing_font_package_is_named(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "pylopdf_fonts_zh_cn", None)  # makes the import fail
    with pytest.raises(lawgov.LawgovError, match="pylopdf-fonts-zh-cn"):
        fonts.font_path()


def test_chinese_title_renders_without_missing_glyphs() -> None:
    fonts.use_chinese_font()
    fig = Figure(figsize=(4, 2), dpi=72)
    ax = fig.add_subplot()
    ax.set_title("法治政府建设：行政复议机关由375个减少至42个（-88.8%）→ “放管服”")
    ax.set_xlabel("数量（件）")
    ax.plot([-1, 1], [-2, 2])  # negative tick labels
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        fig.savefig(io.BytesIO(), format="png")


def test_the_glyph_check_catches_a_font_without_chinese() -> None:
    # the strict rendering above means something: a Latin-only font does warn
    fig = Figure(figsize=(2, 1), dpi=72)
    fig.text(0.1, 0.5, "法治", family="DejaVu Sans")
    with pytest.warns(UserWarning, match="missing from font"):
        fig.savefig(io.BytesIO(), format="png")


# ---------------------------------------------------------------- the charts

CHARTS: dict[str, Callable[[dict[str, pd.DataFrame]], Figure]] = {
    "quantities_per_section": lambda t: plots.quantities_per_section(t["quantities"], t["outline"], source="测试"),
    "largest_counts": lambda t: plots.largest_counts(t["quantities"]),
    "changes_chart": lambda t: plots.changes_chart(t["changes"]),
    "rates_chart": lambda t: plots.rates_chart(t["quantities"]),
    "enforcement_chart": lambda t: plots.enforcement_chart(t["quantities"], t["outline"]),
    "keywords_chart": lambda t: plots.keywords_chart(t["keywords"], t["outline"]),
    "entities_chart": lambda t: plots.entities_chart(t["entities"]),
}


@pytest.mark.parametrize("name", CHARTS)
def test_chart_has_a_chinese_title_and_renders_every_glyph(tables: dict[str, pd.DataFrame], name: str) -> None:
    fig = CHARTS[name](tables)
    assert isinstance(fig, Figure)
    assert CJK.search(fig.axes[0].get_title())
    note = [t.get_text() for t in fig.texts if t.get_text().startswith("来源：")]
    assert len(note) == 1 and note[0].endswith("lawgov 提取")
    assert render_strictly(fig).startswith(PNG_SIGNATURE)


def test_sections_are_labelled_with_their_titles(tables: dict[str, pd.DataFrame]) -> None:
    fig = plots.quantities_per_section(tables["quantities"], tables["outline"])
    labels = ytick_labels(fig)
    assert labels[0] == "导语"
    assert labels[1:3] == ["深化“放管服”改革", "践行为民宗旨"]
    assert len(labels) == 7


def test_largest_counts_keeps_one_per_unit_largest_first(tables: dict[str, pd.DataFrame]) -> None:
    labels = ytick_labels(plots.largest_counts(tables["quantities"], per_unit=1, top=5))
    assert labels == [
        "办件量（1.95亿件）",
        "注册用户数（2000万）",
        "市场主体（100万户）",
        "交通违法（42万余起）",
        "联合奖惩（32.1万次）",
    ]
    assert len(ytick_labels(plots.largest_counts(tables["quantities"], per_unit=2, top=40))) > 20


def test_changes_are_annotated_with_units_and_percent(tables: dict[str, pd.DataFrame]) -> None:
    fig = plots.changes_chart(tables["changes"])
    titles = [ax.get_title() for ax in fig.axes]
    assert titles == ["群众办事平均跑动次数：1.01次 → 0.28次（-72.3%）", "行政复议机关：375个 → 42个（-88.8%）"]


def test_rates_are_drawn_against_100_percent(tables: dict[str, pd.DataFrame]) -> None:
    fig = plots.rates_chart(tables["quantities"])
    assert ytick_labels(fig)[0] == "网上服务事项按时办结率"
    # the two 全程网办 rates differ by scope (分别 list), and the labels say which is which
    assert {"区县行政许可事项“全程网办”比例", "市级部门行政许可事项“全程网办”比例"} <= set(ytick_labels(fig))
    assert any(list(line.get_xdata()) == [100, 100] for line in fig.axes[0].get_lines())
    assert fig.axes[0].get_xlim()[1] > 100


def test_enforcement_counts_are_outcomes_on_a_log_axis(tables: dict[str, pd.DataFrame]) -> None:
    fig = plots.enforcement_chart(tables["quantities"], tables["outline"])
    labels = ytick_labels(fig)
    assert labels[:2] == ["交通违法", "检查对象"]
    # labelled with their scope, so the two sectors' 行政处罚决定 are two labels (企业 via the section about 执法)
    assert {"违法案件", "安全生产领域行政处罚决定", "生态环境领域行政处罚决定", "执法检查", "安全生产领域企业"} <= set(
        labels
    )
    assert len(set(labels)) == len(labels)
    assert not any("培训" in label or "骨干" in label for label in labels)  # training is not an outcome
    assert fig.axes[0].get_xscale() == "log"


def test_keywords_have_one_panel_per_section(tables: dict[str, pd.DataFrame]) -> None:
    fig = plots.keywords_chart(tables["keywords"], tables["outline"], top=3)
    assert [ax.get_title() for ax in fig.axes][:2] == ["导语", "深化“放管服”改革"]
    assert len(fig.axes) == 7  # sections 0-6; the whole-report rows and the empty grid cells are not panels
    assert ytick_labels(fig, 1) == ["改革", "信用", "公开"]


def test_keywords_of_the_whole_report_only() -> None:
    keywords = fake_keywords()
    fig = plots.keywords_chart(
        keywords[keywords["section"].isna()], pd.DataFrame(columns=["kind", "section", "start", "text"])
    )
    assert [ax.get_title() for ax in fig.axes] == ["全文"]


def test_entities_are_counted_by_normalized_name(tables: dict[str, pd.DataFrame]) -> None:
    fig = plots.entities_chart(tables["entities"])
    assert ytick_labels(fig, 0)[0] == "重庆市人民政府"  # 3 + 2 mentions under one normalized name
    assert ytick_labels(fig, 1) == ["重庆市", "北碚区", "四川省"]
    assert [ax.get_title() for ax in fig.axes] == ["提及最多的机构", "提及最多的地方"]


def test_a_chart_without_data_says_so(tables: dict[str, pd.DataFrame]) -> None:
    no_percent = tables["quantities"][tables["quantities"]["kind"] != "percent"]
    fig = plots.rates_chart(no_percent)
    assert any("无可绘制的数据" in t.get_text() for t in fig.axes[0].texts)
    render_strictly(fig)


# ---------------------------------------------------------------- layout


def drawn_tick_labels(axis) -> list:
    """The tick labels matplotlib draws: those of the ticks inside the axis's limits."""
    low, high = sorted(axis.get_view_interval())
    slack = (high - low) * 1e-9
    return [t.label1 for t in axis.get_major_ticks() if low - slack <= t.get_loc() <= high + slack]


def text_boxes(fig: Figure) -> list[tuple[str, object, object]]:
    """(what, bounding box, axes it belongs to or None) of every visible text of a drawn figure."""
    renderer = fig.canvas.get_renderer()
    boxes = [(t.get_text(), t.get_window_extent(renderer), None) for t in fig.texts if t.get_text()]
    for ax in fig.axes:
        ticks = [*drawn_tick_labels(ax.xaxis), *drawn_tick_labels(ax.yaxis)] if ax.axison else []
        own = [ax.title, ax.xaxis.label, *ticks, *ax.texts]
        legend = ax.get_legend()
        own += [legend.get_title(), *legend.get_texts()] if legend else []
        boxes += [
            ("text of a panel", t.get_window_extent(renderer), ax) for t in own if t.get_visible() and t.get_text()
        ]
    return boxes


def overlap(a, b, tolerance: float = 1.0) -> bool:
    return min(a.x1, b.x1) - max(a.x0, b.x0) > tolerance and min(a.y1, b.y1) - max(a.y0, b.y0) > tolerance


LONG = "市人民政府办公厅关于进一步深化法治政府建设示范创建活动的实施意见"


def crowded(tables: dict[str, pd.DataFrame]) -> dict[str, pd.DataFrame]:
    """The seed's tables with the longest labels a chart shortens to, and many sections and kinds."""
    quantities = tables["quantities"].copy()
    quantities["measure"] = [LONG[: 8 + i % 20] for i in range(len(quantities))]
    quantities.loc[quantities.index[::7], "kind"] = "energy"
    keywords = fake_keywords()
    keywords["term"] = [LONG[: 4 + i % 9] for i in range(len(keywords))]
    entities = fake_entities()
    entities["normalized"] = [LONG[: 6 + i % 14] for i in range(len(entities))]
    return {**tables, "quantities": quantities, "keywords": keywords, "entities": entities}


@pytest.mark.parametrize("variant", ["seed", "crowded"])
@pytest.mark.parametrize("name", CHARTS)
def test_texts_stay_inside_the_figure_and_off_other_panels(tables, name: str, variant: str) -> None:
    """Charts are laid out by hand (no layout engine re-measures them on every draw): no text may leave the
    figure, enter the source note's band, cover a panel it does not belong to, or a text of another panel."""
    fig = CHARTS[name](crowded(tables) if variant == "crowded" else tables)
    assert fig.get_layout_engine() is None
    fig.canvas.draw()
    frame = fig.bbox
    boxes = text_boxes(fig)
    for what, box, _ in boxes:
        assert (
            frame.x0 - 1 <= box.x0 and box.x1 <= frame.x1 + 1 and frame.y0 - 1 <= box.y0 and box.y1 <= frame.y1 + 1
        ), what
    note_band = plots._NOTE_INCHES * fig.dpi
    for what, box, owner in boxes:
        assert owner is None or box.y0 >= note_band - 1, what  # the bottom band is the source note's
        for ax in fig.axes:
            if ax is not owner:
                assert not overlap(box, ax.bbox), (what, ax.get_title())
    for i, (what, box, owner) in enumerate(boxes):
        for other, other_box, other_owner in boxes[i + 1 :]:
            if owner is None or other_owner is None or owner is not other_owner:
                assert not overlap(box, other_box), (what, other)


# ---------------------------------------------------------------- PNG files


@pytest.mark.slow
def test_write_figures_writes_every_chart_reproducibly(tables: dict[str, pd.DataFrame], tmp_path: Path) -> None:
    first = plots.write_figures(tables, tmp_path / "a", "重庆法治报")
    second = plots.write_figures(tables, tmp_path / "b", "重庆法治报")
    assert [p.name for p in first] == ALL_FILES
    assert sorted(p.name for p in (tmp_path / "a").iterdir()) == ALL_FILES  # no temporary files left behind
    for a, b in zip(first, second, strict=True):
        data = a.read_bytes()
        assert data.startswith(PNG_SIGNATURE)
        assert data == b.read_bytes()
        assert b"Software" not in data and b"matplotlib" not in data


def test_write_figures_skips_absent_and_empty_tables(
    tables: dict[str, pd.DataFrame], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(plots, "SAVE_DPI", 40)  # only which files are written matters here
    rates_only = tables["quantities"][tables["quantities"]["kind"] == "percent"]
    some = {"outline": tables["outline"], "quantities": rates_only, "changes": tables["changes"].iloc[0:0]}
    written = plots.write_figures(some, tmp_path, "测试")
    assert [p.name for p in written] == ["01-quantities-per-section.png", "04-rates.png"]
    assert plots.write_figures({}, tmp_path / "none", "测试") == []
    assert not (tmp_path / "none").exists()


def test_write_figures_reads_tables_back_from_csv(
    tables: dict[str, pd.DataFrame], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(plots, "SAVE_DPI", 40)
    # as in the notebooks: numbers are floats, empty strings are NaN
    names = ("outline", "quantities", "changes")
    read = {name: pd.read_csv(io.StringIO(tables[name].to_csv(index=False))) for name in names}
    written = plots.write_figures(read, tmp_path, "重庆法治报")
    assert [p.name for p in written] == ALL_FILES[:5]
