"""Which rows of a report's tables answer a reader's first questions — the selections the charts draw.

Each function takes tables as :func:`lawgov.report_tables` returns them or as read back from the CSV
files of ``lawgov build`` (missing cells may be None, NaN or NA) and returns plain rows in a fixed,
stable order, so a chart, a notebook and a test all see the same claims.
"""

from __future__ import annotations

import math
from collections import Counter
from typing import TYPE_CHECKING, Any

from ..genre import lexicon as lx

if TYPE_CHECKING:
    import pandas as pd

#: Section 0 is the text before the first heading.
LEAD_TITLE = "导语"


def num(value: Any) -> float:
    """A float from a Decimal (in memory), a number (from CSV) or a string; NaN for None, NA and blanks."""
    try:
        return float(value)
    except (TypeError, ValueError):
        return math.nan


def text(value: Any) -> str:
    """A string cell as text; missing cells (None, NaN and NA from CSV) become ``""``."""
    return value if isinstance(value, str) else ""


def integer(value: Any) -> int | None:
    """An Int64 / float / int cell as ``int``, or None when missing."""
    number = num(value)
    return None if math.isnan(number) else int(number)


def section_titles(outline: pd.DataFrame) -> dict[int, str]:
    """Section number → its title (the first ``title`` row of the section); section 0 is 导语."""
    titles = {0: LEAD_TITLE}
    rows = outline[outline["kind"] == "title"].sort_values(["section", "start"], kind="stable")
    for section, title in zip(rows["section"], rows["text"], strict=True):
        number = integer(section)
        if number is not None and number not in titles:
            titles[number] = text(title)
    return titles


def section_headings(outline: pd.DataFrame) -> dict[int, str]:
    """Section number → its title and subtitle joined (what a section is about)."""
    rows = outline[outline["kind"].isin(["title", "subtitle"])].sort_values(["section", "start"], kind="stable")
    headings: dict[int, str] = {}
    for section, title in zip(rows["section"], rows["text"], strict=True):
        number = integer(section)
        if number is not None:
            headings[number] = headings.get(number, "") + " " + text(title)
    return headings


def with_values(df: pd.DataFrame, column: str = "value") -> pd.DataFrame:
    """``df`` with a float column ``v`` from ``column`` and text columns cleaned of missing cells."""
    df = df.copy()
    df["v"] = [num(x) for x in df[column]]
    for name in ("measure", "scope", "unit", "raw", "kind"):
        if name in df.columns:
            df[name] = [text(x) for x in df[name]]
    return df


def label(row: Any) -> str:
    """What a claim is about, as a chart labels it: its scope and measure (市级部门 + 行政许可事项“全程网办”比例),
    or its raw text when it has no measure."""
    measure, scope = text(getattr(row, "measure", "")), text(getattr(row, "scope", ""))
    return scope + measure if measure else text(getattr(row, "raw", ""))


def labels(rows: pd.DataFrame) -> list[str]:
    """:func:`label` of every row, made unique: two claims never share a label, so a label that would
    repeat carries the claim's own text (行政处罚决定（1530件）), and one that still repeats (办结率100%
    stated twice) its place among them (第2处).

    >>> import pandas as pd
    >>> labels(pd.DataFrame({"measure": ["案件", "案件", "企业", "企业"], "raw": ["12件", "30件", "5家", "5家"],
    ...                      "scope": ""}))
    ['案件（12件）', '案件（30件）', '企业（5家）', '企业（5家，第2处）']
    """
    base = [label(row) for row in rows.itertuples(index=False)]
    counts = Counter(base)
    with_raw = [
        f"{b}（{text(row.raw)}）" if counts[b] > 1 else b
        for b, row in zip(base, rows.itertuples(index=False), strict=True)
    ]
    seen: Counter[str] = Counter()
    unique = []
    for name in with_raw:
        seen[name] += 1
        if seen[name] > 1:
            place = f"第{seen[name]}处"
            name = f"{name[:-1]}，{place}）" if name.endswith("）") else f"{name}（{place}）"
        unique.append(name)
    return unique


def largest_first(df: pd.DataFrame) -> pd.DataFrame:
    """Rows by value, largest first; equal values keep their order in the report (by ``id``)."""
    return df.sort_values(["v", "id"], ascending=[False, True], kind="stable")


def largest_counts(quantities: pd.DataFrame, per_unit: int = 1, top: int = 15) -> pd.DataFrame:
    """The ``top`` largest counts, at most ``per_unit`` of each unit (counts of 项 and 件 are not comparable)."""
    df = with_values(quantities)
    df = largest_first(df[(df["kind"] == "count") & (df["v"] > 0)])
    return df.groupby("unit", sort=False).head(per_unit).head(top)


def rates(quantities: pd.DataFrame) -> pd.DataFrame:
    """Percent quantities (办结率, 调解成功率 …), largest first."""
    df = with_values(quantities)
    return largest_first(df[(df["kind"] == "percent") & df["v"].notna()])


def is_enforcement_outcome(measure: str, unit: str, heading: str) -> bool:
    """A count of cases, penalties, violations or inspections: its measure names one, or it counts cases,
    firms or acts in a section whose heading is about enforcement; training and staff counts are not.

    >>> is_enforcement_outcome("违法案件", "件", ""), is_enforcement_outcome("执法人员培训", "期", "")
    (True, False)
    """
    if any(word in measure for word in lx.NOT_OUTCOME_WORDS) or unit in lx.NOT_OUTCOME_UNITS:
        return False
    in_section = any(w in heading for w in lx.ENFORCEMENT_SECTION_WORDS) and unit in lx.OUTCOME_UNITS
    return any(w in measure for w in lx.ENFORCEMENT_WORDS) or in_section


def enforcement_outcomes(quantities: pd.DataFrame, outline: pd.DataFrame, top: int = 20) -> pd.DataFrame:
    """The ``top`` largest counts that are enforcement outcomes (:func:`is_enforcement_outcome`)."""
    headings = section_headings(outline)
    df = with_values(quantities)
    keep = [
        row.kind == "count"
        and row.v > 0
        and is_enforcement_outcome(row.measure, row.unit, headings.get(integer(row.section), ""))
        for row in df.itertuples(index=False)
    ]
    return largest_first(df[keep]).head(top)


def changes(changes: pd.DataFrame) -> pd.DataFrame:
    """The from→to changes with float columns ``f`` (from), ``t`` (to) and ``p`` (percent), in reading order."""
    df = changes.copy()
    df["f"] = [num(x) for x in df["from_value"]]
    df["t"] = [num(x) for x in df["to_value"]]
    df["p"] = [num(x) for x in df["percent_change"]]
    for name in ("measure", "unit", "direction", "raw"):
        df[name] = [text(x) for x in df[name]]
    df = df[df["f"].notna() & df["t"].notna()]
    return df.sort_values("id", kind="stable")


def keyword_panels(keywords: pd.DataFrame, top: int) -> list[tuple[int | None, pd.DataFrame]]:
    """The ``top`` terms of each section by weight, one (section, rows) panel each; the whole report's
    terms (section None) only when there are no per-section rows."""
    import pandas as pd

    df = keywords.copy()
    # object dtype: a float column would turn the whole-report rows' None into NaN
    df["section_no"] = pd.Series([integer(x) for x in df["section"]], index=df.index, dtype="object")
    df["w"] = [num(x) for x in df["weight"]]
    df["r"] = [num(x) for x in df["rank"]]
    df["term"] = [text(x) for x in df["term"]]
    df = df[df["term"] != ""].sort_values(["w", "r", "term"], ascending=[False, True, True], kind="stable")
    sections = sorted({s for s in df["section_no"] if s is not None})
    if sections:
        return [(s, df[[x == s for x in df["section_no"]]].head(top)) for s in sections]
    return [(None, df.head(top))] if len(df) else []


def mention_counts(entities: pd.DataFrame, type_: str | None = None) -> pd.DataFrame:
    """Mentions per entity (of one ``type_``, or all): type, normalized, mentions, and the forms written.

    Most mentioned first; ties by type, then name, so the order is the same on every run.

    >>> import pandas as pd
    >>> df = pd.DataFrame({"type": ["place"] * 3, "name": ["万州", "万州区", "渝北"],
    ...                    "normalized": ["万州区", "万州区", "渝北区"]})
    >>> mention_counts(df).to_dict("records")[0]
    {'type': 'place', 'normalized': '万州区', 'mentions': 2, 'written': '万州、万州区'}
    """
    import pandas as pd

    df = entities if type_ is None else entities[entities["type"] == type_]
    forms: dict[tuple[str, str], list[str]] = {}
    for t, name, normalized in zip(df["type"], df["name"], df["normalized"], strict=True):
        name, normalized = text(name), text(normalized)
        forms.setdefault((str(t), normalized or name), []).append(name)
    rows = [
        {"type": t, "normalized": n, "mentions": len(names), "written": "、".join(sorted(set(names)))}
        for (t, n), names in forms.items()
        if n
    ]
    out = pd.DataFrame(rows, columns=["type", "normalized", "mentions", "written"])
    out = out.sort_values(["mentions", "type", "normalized"], ascending=[False, True, True], kind="stable")
    return out.reset_index(drop=True)
