"""Charts of one report's tables: the figures a reader of a 法治政府建设 report would draw first.

Every function takes the DataFrames of :func:`lawgov.report_tables` (or the same tables read back from
the CSV files of ``lawgov build``) and returns a :class:`matplotlib.figure.Figure`, titled and labelled
in Chinese, with a small source note in the lower-left corner. :func:`write_figures` renders all of
them into PNG files.

The figures are built as plain :class:`~matplotlib.figure.Figure` objects on the Agg canvas (no
pyplot, no display, no global figure registry) and are deterministic: fixed sizes and resolution,
stable sorts with explicit tie-breakers, no timestamps in the PNG files. Text is drawn with the
Noto Sans SC font of :func:`lawgov.fonts.use_chinese_font`, never with a system font.

matplotlib and pandas are imported inside the functions, so importing this module is cheap and
works (for ``--doctest-modules``) even where matplotlib is not installed.
"""

from __future__ import annotations

import io
import math
import os
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from . import selections as sel
from .files import write_atomic
from .fonts import use_chinese_font

if TYPE_CHECKING:
    import pandas as pd
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure


#: Chinese names of the quantity kinds, in the order the legend lists them.
KIND_NAMES = {
    "count": "计数",
    "money": "金额",
    "percent": "百分比",
    "percentage_points": "百分点",
    "multiple": "倍数",
    "area": "面积",
    "weight": "重量",
    "volume": "体积",
    "length": "长度",
    "duration": "时长",
    "energy": "能耗",
}

ENTITY_PANELS = (("body", "提及最多的机构"), ("place", "提及最多的地方"))

_DPI = 100  # the figure's own dpi; files are saved at SAVE_DPI
SAVE_DPI = 150
_NOTE_INCHES = 0.28  # space kept at the bottom of every figure for the source note
_PALETTE = ("#3b6ea5", "#e07b39", "#5a9e6f", "#c44e52", "#8172b3", "#937860", "#da8bc3", "#8c8c8c", "#ccb974")
_MAIN = _PALETTE[0]
_UP, _DOWN, _FLAT = "#c44e52", "#3b6ea5", "#8c8c8c"
_LABEL_CHARS = 22  # longer axis labels are shortened with …


# ---------------------------------------------------------------- helpers


def _short(text: str, limit: int = _LABEL_CHARS) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _fmt(number: float) -> str:
    """375.0 → '375', 1.01 → '1.01', 261400 → '261400' (no exponent, no needless zeros)."""
    return f"{number:.12g}" if abs(number) < 1e12 else f"{number:.0f}"


def _note(source: str | None) -> str:
    return f"来源：{source}；lawgov 提取" if source else "来源：lawgov 提取"


def _new_figure(width: float, height: float) -> Figure:
    """A fixed-size figure on the Agg canvas, constrained layout, room at the bottom for the note."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    use_chinese_font()
    fig = Figure(figsize=(width, height), dpi=_DPI, layout="constrained")
    FigureCanvasAgg(fig)
    bottom = _NOTE_INCHES / height
    fig.get_layout_engine().set(rect=(0, bottom, 1, 1 - bottom))
    return fig


def _finish(fig: Figure, source: str | None) -> Figure:
    fig.text(0.01, 0.01, _note(source), fontsize=7, color="0.4", ha="left", va="bottom")
    return fig


def _no_data(ax: Axes, message: str = "（无可绘制的数据）") -> None:
    ax.text(0.5, 0.5, message, ha="center", va="center", fontsize=10, color="0.4", transform=ax.transAxes)
    ax.set_axis_off()


def _plain_axes(ax: Axes) -> None:
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)


def _hbars(ax: Axes, labels: list[str], values: list[float], notes: list[str], *, log: bool, color: str) -> None:
    """Horizontal bars, first row on top, each annotated at its end; a log x axis when ``log``."""
    from matplotlib.ticker import NullFormatter

    positions = list(range(len(values)))
    if log:
        ax.set_xscale("log")
        low = 10 ** math.floor(math.log10(min(values)))
        span = max(1.0, math.log10(max(values) / low))  # decades drawn; the notes need about a fifth more
        high = 10 ** (math.log10(max(values)) + (0.2 * span + 0.2 if any(notes) else 0.05 * span))
        bars = ax.barh(positions, [v - low for v in values], left=low, color=color, height=0.7)
        ax.set_xlim(low, high)
        ax.xaxis.set_minor_formatter(NullFormatter())
    else:
        bars = ax.barh(positions, values, color=color, height=0.7)
        ax.set_xlim(0, max(values) * 1.22 if max(values) > 0 else 1)
    ax.bar_label(bars, labels=notes, padding=3, fontsize=8)
    ax.set_yticks(positions, [_short(label) for label in labels], fontsize=9)
    ax.set_ylim(len(values) - 0.5, -0.5)  # first row on top
    ax.tick_params(axis="y", length=0)
    _plain_axes(ax)


def _section_label(titles: dict[int, str], section: int) -> str:
    return titles.get(section) or f"第{section}部分"


def _label(row: Any) -> str:
    return row.measure or row.raw


# ---------------------------------------------------------------- charts


def quantities_per_section(quantities: pd.DataFrame, outline: pd.DataFrame, *, source: str | None = None) -> Figure:
    """How many quantities (numeric claims) each section makes, stacked by kind (计数, 金额, 百分比 …).

    One bar per section of the outline, labelled with the section's title (导语 for section 0), in
    reading order; sections without a number get an empty bar, so a thin section shows as such.
    """
    titles = sel.section_titles(outline)
    sections = [sel.integer(s) for s in quantities["section"]]
    kinds = [sel.text(k) or "其他" for k in quantities["kind"]]
    order = sorted(set(titles) | {s for s in sections if s is not None})
    tally: dict[tuple[int, str], int] = {}
    for section, kind in zip(sections, kinds, strict=True):
        if section is not None:
            tally[section, kind] = tally.get((section, kind), 0) + 1
    known = [k for k in KIND_NAMES if k in kinds]
    kind_order = known + sorted(set(kinds) - set(known))

    fig = _new_figure(8, 1.3 + 0.42 * len(order))
    ax = fig.add_subplot()
    positions = list(range(len(order)))
    left = [0] * len(order)
    for i, kind in enumerate(kind_order):
        widths = [tally.get((s, kind), 0) for s in order]
        color = _PALETTE[i % len(_PALETTE)]
        ax.barh(positions, widths, left=left, color=color, height=0.7, label=KIND_NAMES.get(kind, kind))
        left = [a + b for a, b in zip(left, widths, strict=True)]
    for y, total in zip(positions, left, strict=True):
        ax.text(total, y, f" {total}", va="center", ha="left", fontsize=8)
    ax.set_yticks(positions, [_short(_section_label(titles, s)) for s in order], fontsize=9)
    ax.set_ylim(len(order) - 0.5, -0.5)
    ax.set_xlim(0, max([*left, 1]) * 1.15)
    ax.tick_params(axis="y", length=0)
    ax.set_xlabel("数量型表述（条）")
    ax.set_title("各部分的数量型表述")
    if kind_order:
        ax.legend(
            title="类型", fontsize=8, title_fontsize=8, loc="upper left", bbox_to_anchor=(1.0, 1.0), frameon=False
        )
    _plain_axes(ax)
    return _finish(fig, source)


def largest_counts(quantities: pd.DataFrame, per_unit: int = 1, top: int = 15, *, source: str | None = None) -> Figure:
    """The largest counts (kind ``count``) on a log scale, each bar labelled "measure（raw）".

    Counts of different things (项, 件, 户, 次 …) are not comparable, so at most ``per_unit`` counts of
    each unit are kept (the largest), and of those the ``top`` largest are drawn, largest on top.
    """
    rows = sel.largest_counts(quantities, per_unit, top)
    fig = _new_figure(8, 1.3 + 0.36 * max(len(rows), 3))
    ax = fig.add_subplot()
    ax.set_title(f"数值最大的计数（每种单位最多 {per_unit} 项）")
    if rows.empty:
        _no_data(ax)
        return _finish(fig, source)
    labels = [f"{r.measure}（{r.raw}）" if r.measure else r.raw for r in rows.itertuples()]
    _hbars(ax, labels, list(rows["v"]), ["" for _ in labels], log=True, color=_MAIN)
    ax.set_xlabel("数值（对数刻度）")
    return _finish(fig, source)


def changes_chart(changes: pd.DataFrame, *, source: str | None = None) -> Figure:
    """Each from→to change as a dumbbell in its own panel: before (grey) → after, with unit and % change.

    The values of different changes differ by orders of magnitude (1.01次 vs 375个), so every change
    gets its own x axis including 0; the panel title names the measure and the percent change (for
    rates, unit %, the change in percentage points).
    """
    rows = sel.changes(changes)
    n = max(len(rows), 1)
    fig = _new_figure(8, 1.0 + 1.15 * n)
    fig.suptitle("报告中的前后变化", fontsize=12)
    if rows.empty:
        ax = fig.add_subplot()
        ax.set_title("前后变化")
        _no_data(ax)
        return _finish(fig, source)
    axes = fig.subplots(n, 1, squeeze=False)[:, 0]
    for ax, row in zip(axes, rows.itertuples(), strict=True):
        color = {"up": _UP, "down": _DOWN}.get(row.direction, _FLAT)
        if row.unit == "%":  # a change of a rate reads in percentage points, not as a percent of a percent
            change = f"（{row.t - row.f:+.4g} 个百分点）"
        else:
            change = "" if math.isnan(row.p) else f"（{row.p:+.1f}%）"
        heading = f"{_short(row.measure or row.raw, 30)}：{_fmt(row.f)}{row.unit} → {_fmt(row.t)}{row.unit}{change}"
        ax.set_title(heading, fontsize=10)
        ax.plot([row.f, row.t], [0, 0], color="0.85", linewidth=6, solid_capstyle="round", zorder=1)
        ax.annotate(
            "",
            xy=(row.t, 0),
            xytext=(row.f, 0),
            arrowprops={"arrowstyle": "-|>", "color": color, "linewidth": 1.5, "shrinkA": 6, "shrinkB": 6},
            zorder=2,
        )
        ax.scatter([row.f], [0], s=70, color="0.55", zorder=3)
        ax.scatter([row.t], [0], s=70, color=color, zorder=3)
        ax.text(row.f, 0.45, f"之前 {_fmt(row.f)}{row.unit}", ha="center", va="bottom", fontsize=8, color="0.35")
        ax.text(row.t, -0.45, f"之后 {_fmt(row.t)}{row.unit}", ha="center", va="top", fontsize=8, color=color)
        high = max(row.f, row.t, 0.0)
        low = min(row.f, row.t, 0.0)
        pad = (high - low) * 0.12 or 1.0
        ax.set_xlim(low - pad, high + pad)
        ax.set_ylim(-1.3, 1.3)
        ax.set_yticks([])
        for side in ("left", "top", "right"):
            ax.spines[side].set_visible(False)
        ax.tick_params(axis="x", labelsize=8)
    return _finish(fig, source)


def rates_chart(quantities: pd.DataFrame, *, source: str | None = None) -> Figure:
    """Percent quantities (办结率, 调解成功率 …) as bars against a 100% reference, value annotated."""
    rows = sel.rates(quantities)
    fig = _new_figure(8, 1.3 + 0.42 * max(len(rows), 3))
    ax = fig.add_subplot()
    ax.set_title("比率类指标（以 100% 为参照）")
    if rows.empty:
        _no_data(ax)
        return _finish(fig, source)
    positions = list(range(len(rows)))
    high = max(100.0, float(rows["v"].max()))
    ax.barh(positions, [100.0] * len(rows), color="0.92", height=0.7)
    bars = ax.barh(positions, list(rows["v"]), color=_MAIN, height=0.7)
    ax.bar_label(bars, labels=[f"{_fmt(v)}%" for v in rows["v"]], padding=3, fontsize=8)
    ax.axvline(100, color="0.4", linewidth=0.8, linestyle="--")
    ax.set_yticks(positions, [_short(_label(r)) for r in rows.itertuples()], fontsize=9)
    ax.set_ylim(len(rows) - 0.5, -0.5)
    ax.set_xlim(min(0.0, float(rows["v"].min())), high * 1.12)
    ax.tick_params(axis="y", length=0)
    ax.set_xlabel("%")
    _plain_axes(ax)
    return _finish(fig, source)


def enforcement_chart(
    quantities: pd.DataFrame, outline: pd.DataFrame, top: int = 20, *, source: str | None = None
) -> Figure:
    """Counts of enforcement outcomes: cases, penalties, violations, inspections, clean-ups.

    The counts are those of :func:`lawgov.output.selections.enforcement_outcomes`. The ``top`` largest are drawn,
    labelled by measure with the raw text at the bar's end; the x axis is logarithmic when the largest
    is more than 100 times the smallest.
    """
    rows = sel.enforcement_outcomes(quantities, outline, top)
    fig = _new_figure(8, 1.3 + 0.36 * max(len(rows), 3))
    ax = fig.add_subplot()
    ax.set_title("执法与监管成果")
    if rows.empty:
        _no_data(ax)
        return _finish(fig, source)
    values = list(rows["v"])
    log = max(values) > 100 * min(values)
    _hbars(ax, [_label(r) for r in rows.itertuples()], values, list(rows["raw"]), log=log, color=_PALETTE[3])
    ax.set_xlabel("数量（对数刻度）" if log else "数量")
    return _finish(fig, source)


def keywords_chart(keywords: pd.DataFrame, outline: pd.DataFrame, top: int = 8, *, source: str | None = None) -> Figure:
    """Small multiples: the ``top`` terms of each section by ``weight``, one panel per section.

    Panels are titled with the section's title (导语 for section 0). Whole-report rows (section
    <NA>) are used only when the table has no per-section rows.
    """
    titles = sel.section_titles(outline)
    panels = sel.keyword_panels(keywords, top)
    columns = min(3, max(len(panels), 1))
    lines = math.ceil(max(len(panels), 1) / columns)
    fig = _new_figure(11 if columns == 3 else 4 + 3.5 * columns, 0.9 + lines * (0.5 + 0.24 * top))
    fig.suptitle(f"各部分的关键词（按权重，前 {top} 个）", fontsize=12)
    if not panels:
        ax = fig.add_subplot()
        ax.set_title("关键词")
        _no_data(ax)
        return _finish(fig, source)
    grid = fig.subplots(lines, columns, squeeze=False)
    cells = [ax for line in grid for ax in line]
    for ax, (section, rows) in zip(cells, panels, strict=False):
        ax.set_title(_short("全文" if section is None else _section_label(titles, section), 14), fontsize=10)
        positions = list(range(len(rows)))
        ax.barh(positions, list(rows["w"]), color=_PALETTE[0], height=0.7)
        ax.set_yticks(positions, [_short(t, 10) for t in rows["term"]], fontsize=8)
        ax.set_ylim(top - 0.5, -0.5)
        ax.tick_params(axis="y", length=0)
        ax.tick_params(axis="x", labelsize=7)
        _plain_axes(ax)
    for ax in cells[len(panels) :]:
        ax.remove()
    return _finish(fig, source)


def entities_chart(entities: pd.DataFrame, top: int = 15, *, source: str | None = None) -> Figure:
    """The most mentioned bodies (机构) and places (地方), counted by normalized name, in two panels."""
    from matplotlib.ticker import MaxNLocator

    panels = [(title, sel.mention_counts(entities, type_).head(top)) for type_, title in ENTITY_PANELS]
    rows = max([len(counts) for _, counts in panels] + [3])
    fig = _new_figure(11, 1.4 + 0.32 * rows)
    fig.suptitle("报告提及的机构与地方", fontsize=12)
    for ax, (title, counts), color in zip(fig.subplots(1, 2), panels, (_PALETTE[0], _PALETTE[2]), strict=True):
        ax.set_title(title)
        if counts.empty:
            _no_data(ax)
            continue
        positions = list(range(len(counts)))
        bars = ax.barh(positions, list(counts["mentions"]), color=color, height=0.7)
        ax.bar_label(bars, padding=3, fontsize=8)
        ax.set_yticks(positions, [_short(n, 16) for n in counts["normalized"]], fontsize=9)
        ax.set_ylim(rows - 0.5, -0.5)
        ax.set_xlim(0, float(counts["mentions"].max()) * 1.15)
        ax.xaxis.set_major_locator(MaxNLocator(integer=True))
        ax.tick_params(axis="y", length=0)
        ax.set_xlabel("提及次数")
        _plain_axes(ax)
    return _finish(fig, source)


# ---------------------------------------------------------------- all charts → PNG files


def _has(tables: dict[str, pd.DataFrame], names: Iterable[str]) -> bool:
    return all(tables.get(name) is not None and len(tables[name]) > 0 for name in names)


_Tables = dict[str, "pd.DataFrame"]
#: The charts of :func:`write_figures`: (file name, tables it needs, has it anything to draw, draw it).
CHARTS: tuple[tuple[str, tuple[str, ...], Callable[[_Tables], bool], Callable[[_Tables, str], Figure]], ...] = (
    (
        "01-quantities-per-section.png",
        ("quantities", "outline"),
        lambda t: True,
        lambda t, s: quantities_per_section(t["quantities"], t["outline"], source=s),
    ),
    (
        "02-largest-counts.png",
        ("quantities",),
        lambda t: not sel.largest_counts(t["quantities"]).empty,
        lambda t, s: largest_counts(t["quantities"], source=s),
    ),
    (
        "03-changes.png",
        ("changes",),
        lambda t: not sel.changes(t["changes"]).empty,
        lambda t, s: changes_chart(t["changes"], source=s),
    ),
    (
        "04-rates.png",
        ("quantities",),
        lambda t: not sel.rates(t["quantities"]).empty,
        lambda t, s: rates_chart(t["quantities"], source=s),
    ),
    (
        "05-enforcement.png",
        ("quantities", "outline"),
        lambda t: not sel.enforcement_outcomes(t["quantities"], t["outline"]).empty,
        lambda t, s: enforcement_chart(t["quantities"], t["outline"], source=s),
    ),
    (
        "06-keywords.png",
        ("keywords", "outline"),
        lambda t: bool(sel.keyword_panels(t["keywords"], 8)),
        lambda t, s: keywords_chart(t["keywords"], t["outline"], source=s),
    ),
    (
        "07-entities.png",
        ("entities",),
        lambda t: any(not sel.mention_counts(t["entities"], type_).empty for type_, _ in ENTITY_PANELS),
        lambda t, s: entities_chart(t["entities"], source=s),
    ),
)


def figure_png(fig: Figure) -> bytes:
    """The figure as PNG bytes at :data:`SAVE_DPI`, without the Software tag, so equal figures give equal bytes."""
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=SAVE_DPI, metadata={"Software": None})
    return buffer.getvalue()


def drawable(tables: dict[str, pd.DataFrame]) -> list[tuple[str, Callable[[_Tables, str], Figure]]]:
    """(file name, draw) of every chart of :data:`CHARTS` whose tables are present and have something to draw.

    A report without changes gets no ``03-changes.png``; ``lawgov build`` and the notebooks both use this list.
    """
    return [(name, draw) for name, needs, has_data, draw in CHARTS if _has(tables, needs) and has_data(tables)]


def render_figures(tables: dict[str, pd.DataFrame], source: str) -> dict[str, bytes]:
    """File name → PNG bytes of every chart of :func:`drawable`; ``source`` goes into every source note.

    ``tables`` is what :func:`lawgov.report_tables` returns (or the same tables read back from CSV).
    """
    rendered = {}
    for name, draw in drawable(tables):
        fig = draw(tables, source)
        try:
            rendered[name] = figure_png(fig)
        finally:
            fig.clear()
    return rendered


def write_figures(tables: dict[str, pd.DataFrame], out_dir: str | os.PathLike[str], source: str) -> list[Path]:
    """Render the charts of :func:`render_figures` into ``out_dir`` (each file atomically); return the paths."""
    return [write_atomic(Path(out_dir) / name, data) for name, data in render_figures(tables, source).items()]
