"""Notebook display helpers: pandas options, quantities highlighted in the text, charts shown as PNG, exercises.

The notebooks in ``notebooks/`` store their outputs and ``pytest --nbval`` re-runs them and compares
every text output with the stored one, so everything here is stable by construction: no object
addresses, no timings, no paths, explicit stable sorts with tie-breakers, and every rich object has
a plain-text form (``repr``) that says what it shows, because that form is what nbval compares
(images are not compared).

>>> from lawgov import extract_quantities
>>> text = "查办案件3.18万件，办结率达98.6%。"
>>> marked = highlight_quantities(text, extract_quantities(text))
>>> marked
查办案件【3.18万件】，办结率达【98.6%】。
>>> marked._repr_html_().count("<mark")
2

Exercises end with :func:`check`, which says "not answered yet", what is wrong, or "correct", and never
raises, so Run All in JupyterLab always reaches the last cell.

Nothing heavy is imported at module level: pandas and matplotlib load inside the functions.
"""

from __future__ import annotations

import base64
import html
import logging
import math
import numbers
import re
import struct
import warnings
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import pandas as pd
    from matplotlib.figure import Figure

    from .text.outline import Outline

#: The pandas display options the notebooks use: aligned Chinese columns, room for wide tables. With
#: ``east_asian_width`` pandas measures ``max_colwidth`` in display columns (a Chinese character is two)
#: and pads an over-wide cell with dots, so long text is best shortened first with :func:`clip`.
PANDAS_OPTIONS: dict[str, object] = {
    "display.unicode.east_asian_width": True,
    "display.width": 160,
    "display.max_columns": 30,
    "display.max_colwidth": 80,
    "display.max_rows": 40,
    "display.min_rows": 20,
    "display.precision": 6,
}

#: Background colour of a highlighted quantity, by its kind; other kinds get :data:`OTHER_COLOUR`.
KIND_COLOURS = {
    "count": "#fde68a",
    "money": "#bbf7d0",
    "percent": "#bfdbfe",
    "percentage_points": "#c7d2fe",
    "multiple": "#fbcfe8",
}
OTHER_COLOUR = "#e5e7eb"

#: The quantity columns a reader looks at first (the table has offsets and placement too).
QUANTITY_VIEW = ["raw", "value", "unit", "qualifier", "measure", "kind", "direction"]


def setup(**options: object) -> None:
    """Set the notebooks' pandas options (:data:`PANDAS_OPTIONS`, overridden by ``options``), show tables with
    their text columns left-aligned, and keep stderr quiet.

    A keyword names a ``display.`` option: ``setup(max_rows=100)`` sets ``display.max_rows``.

    In IPython (a notebook kernel), DataFrames are then shown as HTML by :func:`table_html`: pandas' own
    table, whose text columns (Chinese as a rule) read from the left like the text they quote, while
    numbers stay right-aligned; their text form is pandas' as before.

    Library notices would otherwise reach stderr on a fresh machine, and nbval reports a stored or new
    stderr output as a difference: matplotlib logs a one-off "building the font cache" notice (and
    cache-folder warnings), so its logger is set to ERROR before matplotlib is imported; Python
    warnings (a missing glyph, say) still show. The ``pkg_resources`` deprecation warning that
    ``import jieba`` triggers with setuptools 67.5 and later is filtered out.
    """
    import pandas as pd

    settings = dict(PANDAS_OPTIONS)
    settings.update({"display." + k.removeprefix("display_"): v for k, v in options.items()})
    for key, value in settings.items():
        pd.set_option(key, value)
    logging.getLogger("matplotlib").setLevel(logging.ERROR)
    warnings.filterwarnings("ignore", message="pkg_resources is deprecated", category=UserWarning)
    warnings.filterwarnings("ignore", message="pkg_resources is deprecated", category=DeprecationWarning)
    try:
        from IPython import get_ipython
    except ImportError:  # not in a notebook: nothing to format
        return
    shell = get_ipython()
    if shell is not None:
        shell.display_formatter.formatters["text/html"].for_type(pd.DataFrame, table_html)


_TD = re.compile(r"<td>")
_TH = re.compile(r"<th(?=[ >])")


def text_columns(df: pd.DataFrame) -> list[int]:
    """Positions of the columns whose cells are all text (missing cells aside), at least one of them present.

    >>> import pandas as pd
    >>> text_columns(pd.DataFrame({"n": [1], "名称": ["市政府"], "empty": [None], "v": [1.5]}))
    [1]
    """
    import pandas as pd

    positions = []
    for i in range(df.shape[1]):
        column = df.iloc[:, i]
        if column.dtype != object and not isinstance(column.dtype, pd.StringDtype):
            continue
        present = column.dropna()
        if len(present) and all(isinstance(v, str) for v in present):
            positions.append(i)
    return positions


def table_html(df: pd.DataFrame) -> str | None:
    """pandas' HTML table of ``df`` (with the display options' truncation) with its text columns left-aligned.

    Each cell of a text column (:func:`text_columns`) gets an inline ``text-align: left``, which JupyterLab's
    sanitiser keeps and no other table's style can override. A table whose columns pandas truncates, or
    with several levels of column labels, is left as pandas draws it.

    >>> import pandas as pd
    >>> html = table_html(pd.DataFrame({"名称": ["市政府"], "n": [11]}))
    >>> html.count('<td style="text-align: left;">'), html.count("<td>")
    (1, 1)
    """
    import pandas as pd

    table = df._repr_html_()
    max_columns = pd.get_option("display.max_columns")
    left = set(text_columns(df))
    if table is None or not left or df.columns.nlevels > 1 or (max_columns and df.shape[1] > max_columns):
        return table
    head, _, body = table.partition("<tbody>")
    index_levels = df.index.nlevels

    def align(row: re.Match[str], cell: re.Pattern[str], first: int) -> str:
        count = iter(range(-first, df.shape[1] + 1))
        return cell.sub(lambda m: m.group(0)[:3] + (' style="text-align: left;"' if next(count, None) in left else "")
                        + m.group(0)[3:], row.group(0))  # fmt: skip

    head = re.sub(r"<tr[^>]*>.*?</tr>", lambda r: align(r, _TH, index_levels), head, flags=re.S)
    body = re.sub(r"<tr>.*?</tr>", lambda r: align(r, _TD, 0), body, flags=re.S)
    return f"{head}<tbody>{body}" if body else table


def clip(df: pd.DataFrame, chars: int = 36) -> pd.DataFrame:
    """A copy of ``df`` whose text cells longer than ``chars`` characters end in ``…`` after ``chars - 1``.

    Long Chinese cells (sentences, document titles) otherwise make pandas wrap or dot-pad the table.

    >>> import pandas as pd
    >>> clip(pd.DataFrame({"text": ["深化“放管服”改革", "短"], "n": [1, 2]}), 5)["text"].tolist()
    ['深化“放…', '短']
    """
    out = df.copy()
    for column in out.columns:
        values = list(out[column])
        if any(isinstance(v, str) and len(v) > chars for v in values):
            out[column] = [v[: chars - 1] + "…" if isinstance(v, str) and len(v) > chars else v for v in values]
    return out


# ---------------------------------------------------------------- text with marked spans


@dataclass(frozen=True)
class Mark:
    """One marked span of the text: offsets, a background colour and a tooltip."""

    start: int
    end: int
    colour: str = "#fde68a"
    title: str = ""


@dataclass(frozen=True)
class Marked:
    """A stretch of a report's text with spans marked.

    In a notebook it shows as HTML (``<mark>`` with a tooltip per span, paragraphs kept); as text
    (its ``repr``, which nbval compares) the marked spans are put in 【】.
    """

    text: str
    offset: int
    marks: tuple[Mark, ...]
    legend: tuple[tuple[str, str], ...] = ()

    def _pieces(self) -> list[tuple[str, Mark | None]]:
        pieces, pos = [], 0
        for m in self.marks:
            s, e = m.start - self.offset, m.end - self.offset
            pieces += [(self.text[pos:s], None), (self.text[s:e], m)]
            pos = e
        pieces.append((self.text[pos:], None))
        return [(t, m) for t, m in pieces if t]

    def __repr__(self) -> str:
        return "".join(f"【{t}】" if m else t for t, m in self._pieces())

    def _repr_html_(self) -> str:
        body = "".join(
            f'<mark style="background:{m.colour};padding:0 1px" title="{html.escape(m.title)}">{html.escape(t)}</mark>'
            if m
            else html.escape(t)
            for t, m in self._pieces()
        )
        legend = "".join(
            f'<span style="background:{colour};padding:0 4px;margin-right:6px">{html.escape(label)}</span>'
            for label, colour in self.legend
        )
        legend = f'<div style="font-size:85%;margin-bottom:4px">{legend}</div>' if legend else ""
        return f'{legend}<div style="white-space:pre-wrap;line-height:1.9">{body}</div>'


def highlight(text: str, spans: list[Mark], start: int = 0, end: int | None = None, legend=()) -> Marked:
    """``text[start:end]`` with ``spans`` marked (offsets into ``text``).

    Spans not wholly inside the stretch, and spans overlapping an earlier one, are left out.

    >>> highlight("在万州区和渝北区", [Mark(1, 4), Mark(5, 8), Mark(6, 7)])
    在【万州区】和【渝北区】
    """
    end = len(text) if end is None else end
    kept: list[Mark] = []
    for m in sorted(spans, key=lambda m: (m.start, -m.end)):
        if start <= m.start < m.end <= end and (not kept or m.start >= kept[-1].end):
            kept.append(m)
    return Marked(text[start:end], start, tuple(kept), tuple(legend))


def _plain(value: Any) -> str:
    """A cell as text: missing values (None, NaN, NA) become ``""``."""
    if value is None or (isinstance(value, float) and value != value):
        return ""
    try:
        import pandas as pd

        if pd.isna(value):
            return ""
    except (TypeError, ValueError):
        pass
    return str(value)


def quantity_tooltip(row: Any) -> str:
    """``value unit · measure · kind`` (and qualifier, direction when there are any) for one quantity row."""
    parts = [f"{_plain(row['value'])}{_plain(row['unit'])}"]
    if _plain(row.get("value_max")):
        parts[0] += f"–{_plain(row['value_max'])}{_plain(row['unit'])}"
    parts += [f"measure: {_plain(row['measure']) or '—'}", f"kind: {_plain(row['kind'])}"]
    for column in ("qualifier", "direction"):
        if _plain(row.get(column)):
            parts.append(f"{column}: {_plain(row[column])}")
    return " · ".join(parts)


def highlight_quantities(text: str, quantities: pd.DataFrame, start: int = 0, end: int | None = None) -> Marked:
    """``text[start:end]`` with every quantity of ``quantities`` marked, coloured by kind.

    ``quantities`` is :func:`lawgov.extract_quantities` (or the ``quantities`` table of
    :func:`lawgov.report_tables`) of the same ``text``. Hovering a mark shows the value, unit,
    measure and kind that lawgov read.
    """
    rows = quantities.to_dict("records")
    marks = [
        Mark(int(r["start"]), int(r["end"]), KIND_COLOURS.get(_plain(r["kind"]), OTHER_COLOUR), quantity_tooltip(r))
        for r in rows
    ]
    kinds = sorted({_plain(r["kind"]) for r in rows}, key=lambda k: (k not in KIND_COLOURS, k))
    legend = [(k, KIND_COLOURS.get(k, OTHER_COLOUR)) for k in kinds]
    return highlight(text, marks, start, end, legend)


# ---------------------------------------------------------------- charts as PNG


def _png_size(data: bytes) -> tuple[int, int]:
    """Width and height in pixels from a PNG's IHDR chunk."""
    if data[:8] != b"\x89PNG\r\n\x1a\n":
        raise ValueError("not a PNG file")
    width, height = struct.unpack(">II", data[16:24])
    return width, height


@dataclass(frozen=True)
class Chart:
    """A rendered chart: PNG in a notebook, and as text (``repr``) its size and the titles it shows.

    ``display_width`` is the width (in CSS pixels) the notebook shows it at; the PNG itself has more
    pixels, so it stays sharp on high-resolution screens. ``alt`` is the alternative text for readers who
    cannot see the image (:func:`describe`); it travels in the output's ``image/png`` metadata, where
    nbconvert's classic template, nbsphinx and Jupyter's proposed convention read it.
    """

    png: bytes
    titles: tuple[str, ...]
    display_width: int | None = None
    alt: str = ""

    @property
    def size(self) -> tuple[int, int]:
        return _png_size(self.png)

    def __repr__(self) -> str:
        width, height = self.size
        head, *panels = self.titles or ("(untitled)",)
        return "\n".join([f"<chart {width}×{height} px> {head}", *(f"  · {t}" for t in panels)])

    def _repr_mimebundle_(self, include=None, exclude=None) -> tuple[dict[str, str], dict]:
        """PNG and text only (never SVG), the PNG base64-encoded as notebooks store it."""
        data = {"image/png": base64.b64encode(self.png).decode("ascii"), "text/plain": repr(self)}
        image = {"width": self.display_width} if self.display_width else {}
        if self.alt:
            image["alt"] = self.alt
        return data, {"image/png": image} if image else {}


def figure_titles(fig: Figure) -> tuple[str, ...]:
    """The figure's title (suptitle) and then every panel's title, in drawing order; empty ones left out."""
    titles = []
    suptitle = getattr(fig, "_suptitle", None)
    if suptitle is not None and suptitle.get_text():
        titles.append(suptitle.get_text())
    titles += [ax.get_title() for ax in fig.axes if ax.get_title()]
    return tuple(titles)


_MATHTEXT = re.compile(r"\\mathdefault|[${}]")  # how matplotlib writes log-scale ticks: $\mathdefault{10^{3}}$
_NUMBER = re.compile(r"[-+−]?[\d.,]+(?:\^[-+−]?\d+)?%?")
_ALT_ITEMS = 12  # categories named per panel in alternative text


def _categories(ax: Any) -> list[str]:
    """The labels of an axes' category axis (the one whose tick labels are words, not numbers)."""
    for labels in (ax.get_yticklabels(), ax.get_xticklabels()):
        words = [t.get_text() for t in labels if t.get_text()]
        if words and not all(_NUMBER.fullmatch(_MATHTEXT.sub("", w).strip()) for w in words):
            return words
    return []


def describe(fig: Figure) -> str:
    """Alternative text for a drawn chart: its title, and for each panel its title and what it lists.

    A panel's categories (the tick labels that are words) are named with the value written at their bar
    when every bar has one, at most :data:`_ALT_ITEMS` of them; then the axis labels and the source note.
    Call it after the figure has been drawn (:func:`show` does), when every tick label is known.
    """
    titles = figure_titles(fig)
    head = titles[0] if titles else "（无标题）"
    parts = [f"图表：{head}"]
    for ax in fig.axes:
        categories = _categories(ax)
        if not categories and not ax.get_title():
            continue  # a colour bar, or an empty panel
        values = [t.get_text().strip() for t in ax.texts if t.get_text().strip()]
        items = [f"{c}（{v}）" for c, v in zip(categories, values, strict=True)] if len(values) == len(categories) \
            else categories  # fmt: skip
        listed = "、".join(items[:_ALT_ITEMS]) + (f" 等 {len(items)} 项" if len(items) > _ALT_ITEMS else "")
        axes = "，".join(label for label in (ax.get_xlabel(), ax.get_ylabel()) if label)
        panel = ax.get_title() if ax.get_title() != head else ""
        parts.append("：".join(x for x in (panel, listed) if x) + (f"（{axes}）" if axes else ""))
    notes = [t.get_text() for t in fig.texts if t.get_text() and t.get_text() not in titles]
    return "；".join(p for p in parts if p) + "。" + "".join(notes)


def show(fig: Figure, *, close: bool = True) -> Chart:
    """A :class:`Chart` of a matplotlib figure (a chart of :mod:`lawgov.plots`), rendered as in ``lawgov build``.

    End a notebook cell with ``lawgov.display.show(fig)``: the cell shows the PNG and stores, as its
    text, the chart's size and titles (no ``<Figure size …>`` repr), with :func:`describe` as its
    alternative text. The figure is cleared afterwards unless ``close`` is false.
    """
    from .output.plots import figure_png

    try:
        png = figure_png(fig)  # draws the figure, so every tick label is known to describe()
        chart = Chart(png, figure_titles(fig), round(fig.get_figwidth() * fig.dpi), describe(fig))
    finally:
        if close:
            fig.clear()
    return chart


def charts(tables: dict[str, pd.DataFrame], source: str | None = None) -> list[Chart]:
    """Every chart of :func:`lawgov.output.plots.drawable` as :class:`Chart` objects, in the order of ``lawgov build``.

    ``source`` is the source note (:meth:`lawgov.Report.source_note`).
    """
    from .output.plots import drawable

    return [show(draw(tables, source or "")) for _name, draw in drawable(tables)]


# ---------------------------------------------------------------- tables for reading


def sections(doc: Outline) -> pd.DataFrame:
    """One row per section of an outline: number, title, subtitle, counts and offsets.

    >>> from lawgov import outline
    >>> table = sections(outline("导语，开头。\\n\\n一、总体情况\\n\\n全年开会。会议两次。"))
    >>> for row in table[["section", "title", "paragraphs", "sentences"]].itertuples(index=False):
    ...     print(tuple(row))
    (0, '', 1, 1)
    (1, '一、总体情况', 1, 2)
    """
    import pandas as pd

    rows = []
    for s in doc.sections:
        paragraphs = s.paragraphs
        first = s.title or paragraphs[0]
        last = paragraphs[-1] if paragraphs else (s.subtitle or s.title)
        rows.append(
            {
                "section": s.id,
                "level": s.level,
                "number": s.number or "",
                "title": s.title.text if s.title else "",
                "subtitle": s.subtitle.text if s.subtitle else "",
                "paragraphs": len(paragraphs),
                "sentences": sum(len(p.sentences) for p in paragraphs),
                "characters": sum(len(p.text) for p in paragraphs),
                "start": first.start,
                "end": last.end,
            }
        )
    return pd.DataFrame(rows)


def paragraphs(doc: Outline, section: int | None = None) -> pd.DataFrame:
    """One row per paragraph (of one ``section``, or of all): its lead, sentence and character counts, offsets.

    >>> from lawgov import outline
    >>> paragraphs(outline("导语，开头。\\n\\n一、总体情况\\n\\n全年开会。会议两次。"), 1)["lead"].tolist()
    ['全年开会。']
    """
    import pandas as pd

    rows = [
        {"section": s.id, "paragraph": p.id, "lead": p.lead.text, "sentences": len(p.sentences),
         "characters": len(p.text), "start": p.start, "end": p.end}
        for s in doc.sections if section is None or s.id == section
        for p in s.paragraphs
    ]  # fmt: skip
    return pd.DataFrame(rows, columns=["section", "paragraph", "lead", "sentences", "characters", "start", "end"])


def keywords_by_section(keywords: pd.DataFrame, doc: Outline | None = None, top: int = 5) -> pd.DataFrame:
    """The ``top`` terms of the whole report and of each section side by side: one row per section.

    ``keywords`` is :func:`lawgov.keywords`; with ``doc`` (the outline) each row is labelled with its
    section's title. Terms are ordered by ``rank``.
    """
    import pandas as pd

    titles = {s.id: (s.title.text if s.title else "（导语）") for s in doc.sections} if doc is not None else {}
    df = keywords.copy()
    df["key"] = [-1 if pd.isna(s) else int(s) for s in df["section"]]
    df = df.sort_values(["key", "rank", "term"], kind="stable")
    rows = []
    for key, group in df.groupby("key", sort=True):
        terms = list(group["term"].head(top))
        label = "全文" if key == -1 else titles.get(key, f"第{key}部分")
        rows.append({"section": "" if key == -1 else str(key), "title": label, **{
            str(i): t for i, t in enumerate(terms + [""] * (top - len(terms)), start=1)}})  # fmt: skip
    return pd.DataFrame(rows)


def top_entities(entities: pd.DataFrame, type_: str | None = None, top: int = 10) -> pd.DataFrame:
    """The ``top`` most mentioned entities (see :func:`lawgov.output.selections.mention_counts`)."""
    from .output.selections import mention_counts

    return mention_counts(entities, type_).head(top)


# ---------------------------------------------------------------- exercises

NOT_ANSWERED = "not answered yet"
CORRECT = "correct"

#: What a status looks like in the HTML view: (label colour, background).
_STATUS_STYLE = {CORRECT: ("#166534", "#dcfce7"), NOT_ANSWERED: ("#854d0e", "#fef9c3"), "wrong": ("#991b1b", "#fee2e2")}


@dataclass(frozen=True)
class Verdict:
    """What :func:`check` found: one (part, status, message) per part of the answer.

    Its text form is one line when every part agrees (``correct``, ``not answered yet``) and one line per
    part otherwise; in a notebook it shows as the same lines, coloured.
    """

    parts: tuple[tuple[str, str, str], ...]

    @property
    def correct(self) -> bool:
        return all(status == CORRECT for _, status, _ in self.parts)

    @property
    def answered(self) -> bool:
        return all(status != NOT_ANSWERED for _, status, _ in self.parts)

    def lines(self) -> list[tuple[str, str]]:
        """(status, line) pairs: one line for a single part or parts that all agree, else one per part."""
        statuses = {status for _, status, _ in self.parts}
        if statuses == {NOT_ANSWERED}:
            return [(NOT_ANSWERED, f"{NOT_ANSWERED}: replace each ... with your answer and run the cell again")]
        if statuses == {CORRECT}:
            names = ", ".join(part for part, _, _ in self.parts)
            return [(CORRECT, CORRECT if len(self.parts) == 1 else f"{CORRECT} ({names})")]
        if len(self.parts) == 1:
            return [(self.parts[0][1], self.parts[0][2])]
        return [(status, f"{part}: {message}") for part, status, message in self.parts]

    def __repr__(self) -> str:
        return "\n".join(line for _, line in self.lines())

    def _repr_html_(self) -> str:
        rows = []
        for status, line in self.lines():
            colour, background = _STATUS_STYLE.get(status, _STATUS_STYLE["wrong"])
            rows.append(f'<div style="color:{colour};background:{background};padding:2px 6px;margin:1px 0">'
                        f"{html.escape(line)}</div>")  # fmt: skip
        return "".join(rows)


def check(**parts: tuple[Any, Any]) -> Verdict:
    """Check an exercise: each keyword is one part of the answer, ``name=(answer, expected)``.

    ``expected`` is the right value, computed from the library in the exercise cell, or a function of the
    answer that returns True (right), False or a message saying what is wrong. An answer still ``...`` is
    "not answered yet"; a wrong one gets a message saying what is wrong (the kind of value, too high or too
    low, which items do not belong …) without giving the answer away. Nothing raises, whatever the answer,
    so Run All goes on to the next cell.

    >>> check(answer=(..., 3))
    not answered yet: replace each ... with your answer and run the cell again
    >>> check(answer=(4, 3))
    4 is too high
    >>> check(places=(12, 12), top=("万州", "万州区"))
    places: correct
    top: too short: part of the right text is missing
    >>> check(answer=({1, 2}, {2, 4}))
    1 of the 2 items is right; not in the answer: 1; 1 is missing
    """
    verdicts = []
    for name, value in parts.items():
        try:
            answer, expected = value
            status, message = _judge(answer, expected)
        except Exception as error:  # a broken check must not stop Run All either
            status, message = "wrong", f"could not be checked ({type(error).__name__}: {error})"
        verdicts.append((name, status, message))
    return Verdict(tuple(verdicts))


def _judge(answer: Any, expected: Any) -> tuple[str, str]:
    if answer is Ellipsis or (isinstance(answer, tuple) and Ellipsis in answer):
        return NOT_ANSWERED, NOT_ANSWERED
    if callable(expected) and not isinstance(expected, type):
        try:
            result = expected(answer)
        except Exception as error:  # the answer made the check fail: that is what is wrong with it
            return "wrong", f"that does not work: {type(error).__name__}: {error}"
        if isinstance(result, str):  # a message: what is wrong
            return "wrong", result or "not right yet"
        return (CORRECT, CORRECT) if result else ("wrong", "not right yet")
    wrong = what_is_wrong(answer, expected)
    return (CORRECT, CORRECT) if wrong is None else ("wrong", wrong)


def _is_bool(value: Any) -> bool:
    return type(value).__name__ in ("bool", "bool_")


def _is_number(value: Any) -> bool:
    return isinstance(value, numbers.Number) and not _is_bool(value)


def _kind(value: Any) -> str:
    if _is_bool(value):
        return "True or False"
    if _is_number(value):
        return "a number"
    names = {str: "a text (str)", set: "a set", frozenset: "a set", list: "a list", tuple: "a tuple", dict: "a dict"}
    return names.get(type(value), "None" if value is None else f"a {type(value).__name__}")


def what_is_wrong(answer: Any, expected: Any) -> str | None:
    """None when ``answer`` is right, else a short message saying what is wrong with it.

    Numbers compare by value whatever their type (``Decimal("5.2")``, ``5.2``, a NumPy integer), to a relative
    tolerance of 1e-9; texts exactly; sets, lists and tuples item by item (a list in another order says so).

    >>> what_is_wrong(12, 12.0) is None, what_is_wrong("12", 12)
    (True, "expected a number, not a text (str): '12'")
    >>> what_is_wrong([2, 1], [1, 2])
    'the right items, in the wrong order'
    """
    if _is_number(expected) and _is_number(answer):
        a, e = float(answer), float(expected)
        if math.isclose(a, e, rel_tol=1e-9, abs_tol=1e-12) or (math.isnan(a) and math.isnan(e)):
            return None
        return f"{answer} is too {'high' if a > e else 'low'}"
    if _is_bool(expected) or _is_bool(answer):
        if _is_bool(expected) and _is_bool(answer):
            return None if bool(answer) == bool(expected) else "it is the other way round"
        return f"expected {_kind(expected)}, not {_kind(answer)}: {answer!r:.60}"
    sequences = isinstance(answer, (list, tuple)) and isinstance(expected, (list, tuple))
    if _kind(answer) != _kind(expected) and not sequences:
        return f"expected {_kind(expected)}, not {_kind(answer)}: {answer!r:.60}"
    if isinstance(expected, str):
        return _text_is_wrong(answer, expected)
    if isinstance(expected, (set, frozenset)):
        return _set_is_wrong(set(answer), set(expected))
    if isinstance(expected, (list, tuple)):
        return _sequence_is_wrong(list(answer), list(expected))
    if isinstance(expected, dict):
        if set(answer) != set(expected):
            return f"the keys differ: {_set_is_wrong(set(answer), set(expected))}"
        wrong = {key: what_is_wrong(answer[key], expected[key]) for key in expected}
        first = next(((k, w) for k, w in wrong.items() if w), None)
        return None if first is None else f"{first[0]!r}: {first[1]}"
    return None if answer == expected else "not right yet"


def _text_is_wrong(answer: str, expected: str) -> str | None:
    if answer == expected:
        return None
    if answer.strip() == expected.strip():
        return "the right text, but with spaces at its ends"
    if answer and answer in expected:
        return "too short: part of the right text is missing"
    if expected in answer:
        return "too long: the right text is inside it, with more around it"
    return "not the right text"


def _set_is_wrong(answer: set, expected: set) -> str | None:
    if answer == expected:
        return None
    extra = sorted(answer - expected, key=repr)
    right, missing = len(answer) - len(extra), len(expected - answer)
    message = [f"{right} of the {len(expected)} items {'is' if right == 1 else 'are'} right"]
    if extra:
        message.append(f"not in the answer: {', '.join(map(str, extra[:5]))}{' …' if len(extra) > 5 else ''}")
    if missing:
        message.append(f"{missing} {'is' if missing == 1 else 'are'} missing")
    return "; ".join(message)


def _sequence_is_wrong(answer: list, expected: list) -> str | None:
    if len(answer) != len(expected):
        return f"expected {len(expected)} items, not {len(answer)}"
    wrong = [(i, what_is_wrong(a, e)) for i, (a, e) in enumerate(zip(answer, expected, strict=True))]
    wrong = [(i, w) for i, w in wrong if w]
    if not wrong:
        return None
    if len(wrong) > 1 and sorted(map(repr, answer)) == sorted(map(repr, expected)):
        return "the right items, in the wrong order"
    i, message = wrong[0]
    return f"item {i + 1}: {message}"
