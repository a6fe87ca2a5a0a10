"""From→to changes (由260个减少至35个, 从1.5次压缩至0.4次) built from pairs of quantities.

When the text changes unit (由2小时缩短至30分钟) the values are compared, and reported, in the unit the
change goes to (120 → 30 分钟).

>>> from lawgov.extract.quantities import find_quantities
>>> from lawgov.genre.vocabulary import vocabulary
>>> text = "全市机关由260个减少至35个。"
>>> [(c.raw, str(c.from_value), str(c.to_value), c.direction, str(c.percent_change))
...  for c in find_changes(text, find_quantities(text, vocab=vocabulary()))]
[('由260个减少至35个', '260', '35', 'down', '-86.54')]
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from decimal import Decimal

from ..genre import lexicon as lx
from ..text.numerals import EXACT, normalize
from .quantities import Quantity

_FROM = ("由", "从")
_CENT = Decimal("0.01")
_SIX_PLACES = Decimal("0.000001")
_STOPS = "，。；！？,;!?\n"


@dataclass(frozen=True)
class Change:
    raw: str
    start: int
    end: int
    measure: str
    from_value: Decimal
    to_value: Decimal
    unit: str
    direction: str
    absolute_change: Decimal
    percent_change: Decimal | None


def _pairs(text: str, quantities: list[Quantity]):
    for a, b in itertools.pairwise(quantities):
        marks_a, marks_b = a.qualifier.split(";"), b.qualifier.split(";")
        if any(m in _FROM for m in marks_a) and "至" in marks_b and not any(c in _STOPS for c in text[a.end : b.start]):
            yield a, b


def in_unit(value: Decimal, unit: str, target: str) -> Decimal | None:
    """``value`` in ``unit`` expressed in ``target`` (2小时 → 120 分钟), or None when the units measure
    different things; a missing unit is taken to be the other's.

    >>> in_unit(Decimal(2), "小时", "分钟"), in_unit(Decimal(3), "件", "元"), in_unit(Decimal(5), "件", "")
    (Decimal('120'), None, Decimal('5'))
    """
    if unit == target or not unit or not target:
        return value
    factors = lx.UNIT_FACTORS
    if unit in factors and target in factors and factors[unit][0] == factors[target][0]:
        (_, num, den), (_, target_num, target_den) = factors[unit], factors[target]
        converted = EXACT.divide(EXACT.multiply(value, num * target_den), den * target_num)
        return normalize(EXACT.quantize(converted, _SIX_PLACES))
    if lx.UNITS.get(unit) == lx.UNITS.get(target) == "count":
        return value  # 由260个减少至35家: counts in two classifiers of the same things
    return None


def find_changes(text: str, quantities: list[Quantity]) -> list[Change]:
    """Every from→to change in ``text``: a pair of its ``quantities`` marked 由/从 … 至 within one clause."""
    changes = []
    for a, b in _pairs(text, quantities):
        start = max(text.rfind(word, 0, a.start) for word in _FROM)
        from_value = in_unit(a.value, a.unit, b.unit)
        if from_value is None:
            continue  # 由3家增至2亿元: two different things, no change of one
        between = text[a.end : b.start]
        if any(w in between for w in lx.DOWN):
            direction = "down"
        elif any(w in between for w in lx.UP):
            direction = "up"
        else:
            direction = "down" if b.value < from_value else "up" if b.value > from_value else "same"
        delta = EXACT.subtract(b.value, from_value)
        percent = EXACT.quantize(EXACT.multiply(EXACT.divide(delta, from_value), 100), _CENT) if from_value else None
        changes.append(
            Change(
                text[start : b.end],
                start,
                b.end,
                a.measure or b.measure,
                from_value,
                b.value,
                b.unit or a.unit,
                direction,
                delta,
                percent,
            )
        )
    return changes
