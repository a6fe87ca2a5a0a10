"""From→to changes in the forms reports use."""

from __future__ import annotations

from decimal import Decimal

import pytest

from lawgov.extract.changes import find_changes
from lawgov.extract.quantities import find_quantities
from lawgov.genre.vocabulary import vocabulary

VOCAB = vocabulary()


@pytest.mark.parametrize(
    "text, measure, start, end, direction, percent",
    [
        ("全市行政复议机关由375个减少至42个。", "行政复议机关", "375", "42", "down", "-88.80"),
        ("平均跑动次数从1.01次压缩至0.28次。", "平均跑动次数", "1.01", "0.28", "down", "-72.28"),
        ("即办件比例由35.2%提高到61.8%。", "即办件比例", "35.2", "61.8", "up", "75.57"),
        ("行政诉讼败诉率从13.4%降至9.7%。", "行政诉讼败诉率", "13.4", "9.7", "down", "-27.61"),
        ("高新技术企业由6200家增至1.12万家。", "高新技术企业", "6200", "11200", "up", "80.65"),
    ],
)
def test_changes(text, measure, start, end, direction, percent) -> None:
    (c,) = find_changes(text, find_quantities(text, vocab=VOCAB))
    assert (c.measure, c.from_value, c.to_value, c.direction) == (measure, Decimal(start), Decimal(end), direction)
    assert c.percent_change == Decimal(percent)
    assert c.absolute_change == Decimal(end) - Decimal(start)
    assert text[c.start : c.end] == c.raw and c.raw[0] in "由从"


def test_two_numbers_in_different_clauses_are_no_change() -> None:
    text = "由市政府牵头办理12件，其中提高到6件。"
    assert find_changes(text, find_quantities(text, vocab=VOCAB)) == []
