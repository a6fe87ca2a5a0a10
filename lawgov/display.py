"""Notebook display helpers: pandas options, quantities highlighted in the text, charts shown as PNG.

The notebooks in ``notebooks/`` store their outputs and ``pytest --nbval`` re-runs them and compares
every text output with the stored one, so everything here is stable by construction: no object
addresses, no timings, no paths, explicit stable sorts with tie-breakers, and every rich object has
a plain-text form (``repr``) that says what it shows, because that form is what nbval compares
(images are not compared).

>>> from lawgov import extract_quantities
>>> text = "查办案件4.29万件，办结率达99.9%。"
>>> marked = highlight_quantities(text, extract_quantities(text))
>>> marked
查办案件【4.29万件】，办结率达【99.9%】。
>>> marked._repr_html_().count("<mark")
2

Nothing heavy is imported at module level: pandas and matplotlib load inside the functions.
"""

from __future__ import annotations

import base64
import html
import logging
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
    """Set the notebooks' pandas options (:data:`PANDAS_OPTIONS`, overridden by ``options``) and keep stderr quiet.

    A keyword names a ``display.`` option: ``setup(max_rows=100)`` sets ``display.max_rows``.

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
    pixels, so it stays sharp on high-resolution screens.
    """

    png: bytes
    titles: tuple[str, ...]
    display_width: int | None = None

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
        metadata = {"image/png": {"width": self.display_width}} if self.display_width else {}
        return data, metadata


def figure_titles(fig: Figure) -> tuple[str, ...]:
    """The figure's title (suptitle) and then every panel's title, in drawing order; empty ones left out."""
    titles = []
    suptitle = getattr(fig, "_suptitle", None)
    if suptitle is not None and suptitle.get_text():
        titles.append(suptitle.get_text())
    titles += [ax.get_title() for ax in fig.axes if ax.get_title()]
    return tuple(titles)


def show(fig: Figure, *, close: bool = True) -> Chart:
    """A :class:`Chart` of a matplotlib figure (a chart of :mod:`lawgov.plots`), rendered as in ``lawgov build``.

    End a notebook cell with ``lawgov.display.show(fig)``: the cell shows the PNG and stores, as its
    text, the chart's size and titles (no ``<Figure size …>`` repr). The figure is cleared afterwards
    unless ``close`` is false.
    """
    from .output.plots import figure_png

    try:
        png = figure_png(fig)
        chart = Chart(png, figure_titles(fig), round(fig.get_figwidth() * fig.dpi))
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
    >>> table = sections(outline("导语，开头。\\n\\n一、总体情况\\n\\n（一）加强领导。全年开会。"))
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
    >>> paragraphs(outline("导语，开头。\\n\\n一、总体情况\\n\\n（一）加强领导。全年开会。"), 1)["lead"].tolist()
    ['（一）加强领导。']
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
