"""Number parsing from a table of cases, cn2an-style; scaling is exact (no float rounding)."""

from __future__ import annotations

from decimal import Decimal

import pytest

from lawgov.text.numerals import parse_chinese, parse_number


@pytest.mark.parametrize(
    "text, value",
    [
        ("26.14万", "261400"),
        ("16.4亿", "1640000000"),  # cn2an's float bug gives 1639999999
        ("1.95亿", "195000000"),
        ("6802.24万", "68022400"),
        ("5.2亿", "520000000"),
        ("2.18万亿", "2180000000000"),
        ("3千万", "30000000"),
        ("1,234", "1234"),
        ("31,284.6", "31284.6"),
        ("１２３", "123"),
        ("０．５", "0.5"),
        ("99.90", "99.9"),
        ("0.28", "0.28"),
        ("二十九", "29"),
        ("两", "2"),
        ("十", "10"),
        ("十二", "12"),
        ("一百零五", "105"),
        ("三千五百", "3500"),
        ("一万二千", "12000"),
        ("三十五万", "350000"),
        ("一亿二千万", "120000000"),
        ("二〇二一", "2021"),
    ],
)
def test_parse_number(text: str, value: str) -> None:
    assert parse_number(text) == Decimal(value)
    assert str(parse_number(text)) == value  # no exponent, no trailing zeros


@pytest.mark.parametrize("text", ["", "abc", "十a", "万x"])
def test_parse_chinese_rejects_non_numerals(text: str) -> None:
    with pytest.raises(ValueError):
        parse_chinese(text)
