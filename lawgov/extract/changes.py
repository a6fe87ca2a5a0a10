"""From→to changes (由375个减少至42个, 从1.01次压缩至0.28次) built from pairs of quantities.

>>> from lawgov.extract.quantities import find_quantities
>>> from lawgov.genre.vocabulary import vocabulary
>>> text = "全市机关由375个减少至42个。"
>>> [(c.raw, str(c.from_value), str(c.to_value), c.direction, str(c.percent_change))
...  for c in find_changes(text, find_quantities(text, vocab=vocabulary()))]
[('由375个减少至42个', '375', '42', 'down', '-88.80')]
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from decimal import Decimal

from ..genre import lexicon as lx
from ..text.numerals import EXACT
from .quantities import Quantity

_FROM = ("由", "从")
_CENT = Decimal("0.01")
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


def find_changes(text: str, quantities: list[Quantity]) -> list[Change]:
    """Every from→to change in ``text``: a pair of its ``quantities`` marked 由/从 … 至 within one clause."""
    changes = []
    for a, b in _pairs(text, quantities):
        start = max(text.rfind(word, 0, a.start) for word in _FROM)
        between = text[a.end : b.start]
        if any(w in between for w in lx.DOWN):
            direction = "down"
        elif any(w in between for w in lx.UP):
            direction = "up"
        else:
            direction = "down" if b.value < a.value else "up" if b.value > a.value else "same"
        delta = EXACT.subtract(b.value, a.value)
        percent = EXACT.quantize(EXACT.multiply(EXACT.divide(delta, a.value), 100), _CENT) if a.value else None
        changes.append(
            Change(
                text[start : b.end],
                start,
                b.end,
                a.measure or b.measure,
                a.value,
                b.value,
                a.unit or b.unit,
                direction,
                delta,
                percent,
            )
        )
    return changes
