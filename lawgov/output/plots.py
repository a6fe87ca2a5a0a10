"""Charts of one report's tables: the figures a reader of a 法治政府建设 report would draw first.

Every function takes the DataFrames of :func:`lawgov.report_tables` (or the same tables read back from
the CSV files of ``lawgov build``) and returns a :class:`matplotlib.figure.Figure`, titled and labelled
in Chinese, with a small source note in the lower-left corner. :func:`write_figures` renders all of
them into PNG files.

The figures are built as plain :class:`~matplotlib.figure.Figure` objects on the Agg canvas (no
pyplot, no display, no global figure registry) and are deterministic: fixed sizes and resolution,
stable sorts with explicit tie-breakers, no timestamps in the PNG files. Text is drawn with the
Noto Sans SC font of :func:`lawgov.fonts.use_chinese_font`, never with a system font. Panels are
placed by hand from the sizes of their texts, each measured once (:func:`_figure`); no layout engine
measures the figure again on every draw, so saving a chart draws it once.

matplotlib and pandas are imported inside the functions, so importing this module is cheap and
works (for ``--doctest-modules``) even where matplotlib is not installed.
"""

from __future__ import annotations

import functools
import io
import math
import os
from collections.abc import Callable, Iterable
from dataclasses import dataclass
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
_PAD = 0.04  # inches between the figure's edge, or a neighbouring panel, and a panel's outermost text
_PALETTE = ("#3b6ea5", "#e07b39", "#5a9e6f", "#c44e52", "#8172b3", "#937860", "#da8bc3", "#8c8c8c", "#ccb974")
_MAIN = _PALETTE[0]
_UP, _DOWN, _FLAT = "#c44e52", "#3b6ea5", "#8c8c8c"
_LABEL_CHARS = 22  # longer axis labels are shortened with …
_TITLE_SIZE = 12.0  # matplotlib's "large": the default size of panel and figure titles
_TEXT_SIZE = 10.0  # matplotlib's default size of tick and axis labels
# matplotlib's defaults for the space around an axes' texts, in points: tick length, tick label pad, axis label
# pad, title pad; and a legend's paddings, in font sizes
_TICK, _TICK_PAD, _LABEL_PAD, _TITLE_PAD = 3.5, 3.5, 4.0, 6.0
_LEGEND_PADS = 2 * 0.4 + 2.0 + 0.8  # borderpad on both sides, handle length, handle-text pad
_LEGEND_GAP = 0.5  # borderaxespad


# ---------------------------------------------------------------- helpers


def _short(text: str, limit: int = _LABEL_CHARS) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _fmt(number: float) -> str:
    """375.0 → '375', 1.01 → '1.01', 261400 → '261400' (no exponent, no needless zeros)."""
    return f"{number:.12g}" if abs(number) < 1e12 else f"{number:.0f}"


def _note(source: str | None) -> str:
    return f"来源：{source}；lawgov 提取" if source else "来源：lawgov 提取"


@functools.cache
def _renderer() -> Any:
    """One Agg renderer at the figures' dpi, kept to measure text: the font is found and loaded once."""
    from matplotlib.backends.backend_agg import RendererAgg

    return RendererAgg(1, 1, _DPI)


@functools.lru_cache(maxsize=4096)
def _extent(text: str, size: float, math: bool = False) -> tuple[float, float]:
    """Width and height in inches of ``text`` at ``size`` points in lawgov's font (no shorter than a line of it).

    Charts are laid out from these sizes, measured once per text, instead of by a layout engine that
    measures every text of the figure again on each draw.
    """
    from matplotlib.font_manager import FontProperties

    use_chinese_font()
    width, height, _ = _renderer().get_text_width_height_descent(text, FontProperties(size=size), ismath=math)
    line = _extent("lp法", size)[1] if text != "lp法" else 0.0  # Latin ascender and descender, a Chinese glyph
    return float(width) / _DPI, max(float(height) / _DPI, line)


def _inches(points: float) -> float:
    return points / 72


def _widest(texts: Iterable[str], size: float) -> float:
    return max((_extent(t, size)[0] for t in texts), default=0.0)


@dataclass(frozen=True)
class _Panel:
    """The texts around one panel, which decide how much room it needs outside its axes (in inches)."""

    yticks: tuple[str, ...] = ()
    ytick_size: float = _TEXT_SIZE
    title: str = ""
    title_size: float = _TITLE_SIZE
    xtick_size: float = _TEXT_SIZE
    xlabel: str = ""
    log: bool = False  # log-scale tick labels (10⁵) are taller than a line of text

    def left(self) -> float:
        return _widest(self.yticks, self.ytick_size) + _inches(_TICK_PAD) if self.yticks else 0.0

    def top(self) -> float:
        return _extent(self.title, self.title_size)[1] + _inches(_TITLE_PAD) if self.title else 0.0

    def bottom(self) -> float:
        tick = (
            _extent(r"$\mathdefault{10^{5}}$", self.xtick_size, True)[1]
            if self.log
            else _extent("0", self.xtick_size)[1]
        )
        label = _extent(self.xlabel, _TEXT_SIZE)[1] + _inches(_LABEL_PAD) if self.xlabel else 0.0
        return _inches(_TICK + _TICK_PAD) + tick + label


def _figure(
    width: float, height: float, panels: list[_Panel], columns: int = 1, *, suptitle: str = "", right: float = 0.0
) -> tuple[Figure, list[Axes]]:
    """A fixed-size figure on the Agg canvas with one axes per panel, ``columns`` to a row, placed by hand.

    Every panel of the grid gets the room its texts need (the widest of them, so the panels line up),
    the figure ``right`` inches more on the right (a legend), a ``suptitle`` at the top and room at the
    bottom for the source note. No layout engine runs, so drawing measures nothing again.
    """
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    use_chinese_font()
    fig = Figure(figsize=(width, height), dpi=_DPI)
    FigureCanvasAgg(fig)
    left = max(p.left() for p in panels)
    top = max(p.top() for p in panels)
    bottom = max(p.bottom() for p in panels)
    head = _PAD
    if suptitle:
        fig.suptitle(suptitle, fontsize=_TITLE_SIZE, y=1 - _PAD / height, va="top")
        head += _extent(suptitle, _TITLE_SIZE)[1] + _PAD
    rows = math.ceil(len(panels) / columns)
    gap_x, gap_y = left + 2 * _PAD, bottom + top + 2 * _PAD
    cell_w = (width - left - 2 * _PAD - right - gap_x * (columns - 1)) / columns
    cell_h = (height - head - top - bottom - _NOTE_INCHES - _PAD - gap_y * (rows - 1)) / rows
    axes = []
    for i in range(len(panels)):
        row, column = divmod(i, columns)
        x = _PAD + left + column * (cell_w + gap_x)
        y = _NOTE_INCHES + _PAD + bottom + (rows - 1 - row) * (cell_h + gap_y)
        axes.append(fig.add_axes((x / width, y / height, cell_w / width, cell_h / height)))
    return fig, axes


def _finish(fig: Figure, source: str | None) -> Figure:
    fig.text(0.01, 0.01, _note(source), fontsize=7, color="0.4", ha="left", va="bottom")
    return fig


def _no_data(ax: Axes, message: str = "（无可绘制的数据）") -> None:
    ax.text(0.5, 0.5, message, ha="center", va="center", fontsize=10, color="0.4", transform=ax.transAxes)
    ax.set_axis_off()


def _plain_axes(ax: Axes) -> None:
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)


def _bar_chart(
    title: str,
    labels: list[str],
    draw: Callable[[Axes], None],
    *,
    source: str | None,
    row_inches: float,
    min_rows: int = 3,
    xlabel: str,
    log: bool = False,
    legend: tuple[str, list[str]] | None = None,
) -> Figure:
    """One panel of horizontal bars, one row per label (shortened), first on top, 8 inches wide, or a
    "no data" note when there are no labels; ``draw`` draws the bars, ``legend`` (title, entries) sizes
    the room kept on the right for the legend ``draw`` puts there."""
    short = [_short(label) for label in labels]
    right = 0.0
    if legend:
        size = 8
        entries = max(_widest(legend[1], size) + _inches(size * _LEGEND_PADS), _widest(legend[:1], size))
        right = entries + _inches(size * _LEGEND_GAP)
    panel = _Panel(yticks=tuple(short), ytick_size=9, title=title, xlabel=xlabel if labels else "", log=log)
    fig, (ax,) = _figure(8, 1.3 + row_inches * max(len(labels), min_rows), [panel], right=right)
    ax.set_title(title)
    if not labels:
        _no_data(ax)
        return _finish(fig, source)
    draw(ax)
    positions = list(range(len(labels)))
    ax.set_yticks(positions, short, fontsize=9)
    ax.set_ylim(len(labels) - 0.5, -0.5)  # first row on top
    ax.tick_params(axis="y", length=0)
    ax.set_xlabel(xlabel)
    _plain_axes(ax)
    return _finish(fig, source)


def _hbars(ax: Axes, values: list[float], notes: list[str], *, log: bool, color: str) -> None:
    """Horizontal bars, one per row, each annotated at its end; a log x axis when ``log``."""
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


def _section_label(titles: dict[int, str], section: int) -> str:
    return titles.get(section) or f"第{section}部分"


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
    names = [KIND_NAMES.get(kind, kind) for kind in kind_order]

    def draw(ax: Axes) -> None:
        positions = list(range(len(order)))
        left = [0] * len(order)
        for i, (kind, name) in enumerate(zip(kind_order, names, strict=True)):
            widths = [tally.get((s, kind), 0) for s in order]
            ax.barh(positions, widths, left=left, color=_PALETTE[i % len(_PALETTE)], height=0.7, label=name)
            left = [a + b for a, b in zip(left, widths, strict=True)]
        for y, total in zip(positions, left, strict=True):
            ax.text(total, y, f" {total}", va="center", ha="left", fontsize=8)
        ax.set_xlim(0, max([*left, 1]) * 1.15)
        if names:
            ax.legend(
                title="类型", fontsize=8, title_fontsize=8, loc="upper left", bbox_to_anchor=(1.0, 1.0), frameon=False
            )

    labels = [_section_label(titles, s) for s in order]
    legend = ("类型", names) if names else None
    return _bar_chart("各部分的数量型表述", labels, draw, source=source, row_inches=0.42, min_rows=0,
                      xlabel="数量型表述（条）", legend=legend)  # fmt: skip


def largest_counts(quantities: pd.DataFrame, per_unit: int = 1, top: int = 15, *, source: str | None = None) -> Figure:
    """The largest counts (kind ``count``) on a log scale, each bar labelled "scope measure（raw）".

    Counts of different things (项, 件, 户, 次 …) are not comparable, so at most ``per_unit`` counts of
    each unit are kept (the largest), and of those the ``top`` largest are drawn, largest on top.
    """
    rows = sel.largest_counts(quantities, per_unit, top)
    labels = [f"{sel.label(r)}（{r.raw}）" if r.measure else r.raw for r in rows.itertuples()]
    values = list(rows["v"])
    return _bar_chart(
        f"数值最大的计数（每种单位最多 {per_unit} 项）",
        labels,
        lambda ax: _hbars(ax, values, ["" for _ in labels], log=True, color=_MAIN),
        source=source,
        row_inches=0.36,
        xlabel="数值（对数刻度）",
        log=True,
    )


def changes_chart(changes: pd.DataFrame, *, source: str | None = None) -> Figure:
    """Each from→to change as a dumbbell in its own panel: before (grey) → after, with unit and % change.

    The values of different changes differ by orders of magnitude (1.5次 vs 260个), so every change
    gets its own x axis including 0; the panel title names the measure and the percent change (for
    rates, unit %, the change in percentage points).
    """
    rows = sel.changes(changes)
    headings = []
    for row in rows.itertuples():
        if row.unit == "%":  # a change of a rate reads in percentage points, not as a percent of a percent
            change = f"（{row.t - row.f:+.4g} 个百分点）"
        else:
            change = "" if math.isnan(row.p) else f"（{row.p:+.1f}%）"
        headings.append(f"{_short(sel.label(row), 30)}：{_fmt(row.f)}{row.unit} → {_fmt(row.t)}{row.unit}{change}")
    panels = [_Panel(title=h, title_size=10, xtick_size=8) for h in headings] or [_Panel(title="前后变化")]
    fig, axes = _figure(8, 1.0 + 1.15 * len(panels), panels, suptitle="报告中的前后变化")
    if rows.empty:
        axes[0].set_title("前后变化")
        _no_data(axes[0])
        return _finish(fig, source)
    for ax, row, heading in zip(axes, rows.itertuples(), headings, strict=True):
        color = {"up": _UP, "down": _DOWN}.get(row.direction, _FLAT)
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
    values = list(rows["v"])

    def draw(ax: Axes) -> None:
        positions = list(range(len(values)))
        ax.barh(positions, [100.0] * len(values), color="0.92", height=0.7)
        bars = ax.barh(positions, values, color=_MAIN, height=0.7)
        ax.bar_label(bars, labels=[f"{_fmt(v)}%" for v in values], padding=3, fontsize=8)
        ax.axvline(100, color="0.4", linewidth=0.8, linestyle="--")
        ax.set_xlim(min(0.0, min(values)), max(100.0, max(values)) * 1.12)

    labels = sel.labels(rows)
    return _bar_chart("比率类指标（以 100% 为参照）", labels, draw, source=source, row_inches=0.42, xlabel="%")


def enforcement_chart(
    quantities: pd.DataFrame, outline: pd.DataFrame, top: int = 20, *, source: str | None = None
) -> Figure:
    """Counts of enforcement outcomes: cases, penalties, violations, inspections, clean-ups.

    The counts are those of :func:`lawgov.output.selections.enforcement_outcomes`. The ``top`` largest are drawn,
    labelled by scope and measure (:func:`~lawgov.output.selections.labels`: never two alike) with the raw
    text at the bar's end; the x axis is logarithmic when the largest
    is more than 100 times the smallest.
    """
    rows = sel.enforcement_outcomes(quantities, outline, top)
    values = list(rows["v"])
    log = bool(values) and max(values) > 100 * min(values)
    return _bar_chart(
        "执法与监管成果",
        sel.labels(rows),
        lambda ax: _hbars(ax, values, list(rows["raw"]), log=log, color=_PALETTE[3]),
        source=source,
        row_inches=0.36,
        xlabel="数量（对数刻度）" if log else "数量",
        log=log,
    )


def keywords_chart(keywords: pd.DataFrame, outline: pd.DataFrame, top: int = 8, *, source: str | None = None) -> Figure:
    """Small multiples: the ``top`` terms of each section by ``weight``, one panel per section.

    Panels are titled with the section's title (导语 for section 0). Whole-report rows (section
    <NA>) are used only when the table has no per-section rows.
    """
    titles = sel.section_titles(outline)
    panels = sel.keyword_panels(keywords, top)
    columns = min(3, max(len(panels), 1))
    lines = math.ceil(max(len(panels), 1) / columns)
    headings = [_short("全文" if section is None else _section_label(titles, section), 14) for section, _ in panels]
    terms = [[_short(t, 10) for t in rows["term"]] for _, rows in panels]
    frames = [_Panel(yticks=tuple(t), ytick_size=8, title=h, title_size=10, xtick_size=7) for h, t in
              zip(headings, terms, strict=True)] or [_Panel(title="关键词")]  # fmt: skip
    size = (11 if columns == 3 else 4 + 3.5 * columns, 0.9 + lines * (0.5 + 0.24 * top))
    fig, axes = _figure(*size, frames, columns, suptitle=f"各部分的关键词（按权重，前 {top} 个）")
    if not panels:
        axes[0].set_title("关键词")
        _no_data(axes[0])
        return _finish(fig, source)
    for ax, heading, labels, (_, rows) in zip(axes, headings, terms, panels, strict=True):
        ax.set_title(heading, fontsize=10)
        positions = list(range(len(rows)))
        ax.barh(positions, list(rows["w"]), color=_PALETTE[0], height=0.7)
        ax.set_yticks(positions, labels, fontsize=8)
        ax.set_ylim(top - 0.5, -0.5)
        ax.tick_params(axis="y", length=0)
        ax.tick_params(axis="x", labelsize=7)
        _plain_axes(ax)
    return _finish(fig, source)


def entities_chart(entities: pd.DataFrame, top: int = 15, *, source: str | None = None) -> Figure:
    """The most mentioned bodies (机构) and places (地方), counted by normalized name, in two panels."""
    from matplotlib.ticker import MaxNLocator

    panels = [(title, sel.mention_counts(entities, type_).head(top)) for type_, title in ENTITY_PANELS]
    rows = max([len(counts) for _, counts in panels] + [3])
    names = [[_short(n, 16) for n in counts["normalized"]] for _, counts in panels]
    frames = [_Panel(yticks=tuple(n), ytick_size=9, title=title, xlabel="提及次数" if len(n) else "") for n, (title, _)
              in zip(names, panels, strict=True)]  # fmt: skip
    fig, axes = _figure(11, 1.4 + 0.32 * rows, frames, 2, suptitle="报告提及的机构与地方")
    for ax, (title, counts), labels, color in zip(axes, panels, names, (_PALETTE[0], _PALETTE[2]), strict=True):
        ax.set_title(title)
        if counts.empty:
            _no_data(ax)
            continue
        positions = list(range(len(counts)))
        bars = ax.barh(positions, list(counts["mentions"]), color=color, height=0.7)
        ax.bar_label(bars, padding=3, fontsize=8)
        ax.set_yticks(positions, labels, fontsize=9)
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
