"""Score extracted quantities against a hand-annotated gold set (recall, precision, agreement).

Gold rows name a quantity by its ``raw`` text and ``occurrence`` (the n-th time that text appears
not glued to a preceding digit, point or Chinese numeral), so annotators never count offsets.
"""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING

from ..text.numerals import CN_NUMERAL_CHARS

if TYPE_CHECKING:
    import pandas as pd

_GLUE = set("0123456789０１２３４５６７８９.．" + CN_NUMERAL_CHARS)


def locate(text: str, raw: str, occurrence: int) -> int:
    """Start offset of the ``occurrence``-th free-standing appearance of ``raw`` in ``text``.

    >>> locate("共320个，其中20个", "20个", 1)
    8
    """
    seen, pos = 0, text.find(raw)
    while pos >= 0:
        if pos == 0 or text[pos - 1] not in _GLUE:
            seen += 1
            if seen == occurrence:
                return pos
        pos = text.find(raw, pos + 1)
    raise ValueError(f"{raw!r} occurs fewer than {occurrence} times")


def gold_spans(text: str, gold: pd.DataFrame) -> pd.DataFrame:
    """The gold table with ``start``/``end`` offsets into ``text`` added."""
    starts = [locate(text, raw, int(n)) for raw, n in zip(gold["raw"], gold["occurrence"], strict=True)]
    return gold.assign(start=starts, end=[s + len(r) for s, r in zip(starts, gold["raw"], strict=True)])


def norm_measure(measure: object) -> str:
    """A measure for comparison: text, ASCII parentheses full-width, no quotes or title marks around it."""
    s = "" if measure is None or measure != measure else str(measure)
    return s.translate(str.maketrans("()", "（）")).strip("“”《》")


def measure_agrees(predicted: object, gold: object) -> bool:
    """Same noun phrase, or one inside the other (市级部门 / 市级部门业务系统): the head and its modifiers.

    >>> measure_agrees("对象", "检查对象"), measure_agrees("企业", "案件")
    (True, False)
    """
    p, g = norm_measure(predicted), norm_measure(gold)
    return bool(p and g) and (p in g or g in p)


def score(predicted: pd.DataFrame, gold: pd.DataFrame) -> dict[str, float]:
    """Recall, precision and agreement of ``predicted`` against ``gold`` (both with start/end).

    A predicted row matches a gold row when their spans are identical. Agreement figures are over
    matched rows: ``value`` exact, ``unit`` equal, ``measure`` equal or nested (``measure_exact``
    counts equality only), ``qualifier`` equal.
    """
    p_rows = {
        (int(s), int(e)): r
        for s, e, r in zip(predicted["start"], predicted["end"], predicted.to_dict("records"), strict=True)
    }
    g_rows = {(int(s), int(e)): r for s, e, r in zip(gold["start"], gold["end"], gold.to_dict("records"), strict=True)}
    matched = sorted(set(p_rows) & set(g_rows))
    n = len(matched) or 1

    def share(agree) -> float:
        return sum(agree(p_rows[k], g_rows[k]) for k in matched) / n

    return {
        "gold": len(g_rows),
        "predicted": len(p_rows),
        "matched": len(matched),
        "recall": len(matched) / (len(g_rows) or 1),
        "precision": len(matched) / (len(p_rows) or 1),
        "value": share(lambda p, g: Decimal(str(p["value"])) == Decimal(str(g["value"]))),
        "unit": share(lambda p, g: _str(p["unit"]) == _str(g["unit"])),
        "measure": share(lambda p, g: measure_agrees(p["measure"], g["measure"])),
        "measure_exact": share(lambda p, g: norm_measure(p["measure"]) == norm_measure(g["measure"])),
        "qualifier": share(lambda p, g: _str(p["qualifier"]) == _str(g["qualifier"])),
    }


def differences(predicted: pd.DataFrame, gold: pd.DataFrame) -> pd.DataFrame:
    """Rows missed, rows spurious and matched rows whose measure disagrees, for reading."""
    import pandas as pd

    merged = pd.merge(
        predicted[["start", "end", "raw", "measure"]],
        gold[["start", "end", "raw", "measure"]],
        on=["start", "end"],
        how="outer",
        suffixes=("", "_gold"),
        indicator=True,
    )
    merged["problem"] = merged["_merge"].astype(str).map({"left_only": "spurious", "right_only": "missed", "both": ""})
    disagree = (merged["_merge"] == "both") & ~merged.apply(
        lambda r: measure_agrees(r["measure"], r["measure_gold"]), axis=1
    )
    merged.loc[disagree, "problem"] = "measure"
    out = merged[merged["problem"] != ""].drop(columns="_merge")
    return out.sort_values(["start", "end"], kind="stable").reset_index(drop=True)


def _str(value: object) -> str:
    return "" if value is None or value != value else str(value)
