"""Number strings → exact :class:`~decimal.Decimal` values: Arabic and full-width digits, thousands
separators, decimals, Chinese numerals and the scales 万/亿.

Scaling is done in ``Decimal`` so that ``16.4亿`` is 1640000000, not the 1639999999 a float gives.

>>> parse_number("3.62万")
Decimal('36200')
>>> parse_number("二十九")
Decimal('29')
>>> parse_number("16.4亿")
Decimal('1640000000')
"""

from __future__ import annotations

import re
from decimal import Decimal

DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_SMALL_UNITS = {"十": 10, "百": 100, "千": 1000}
_BIG_UNITS = {"万": 10**4, "亿": 10**8}
SCALES = {"万亿": 10**12, "千万": 10**7, "百万": 10**6, "万": 10**4, "亿": 10**8, "千": 10**3}
CN_NUMERAL_CHARS = "".join(DIGITS) + "十百千万亿"
_FULLWIDTH = str.maketrans("０１２３４５６７８９．，", "0123456789.,")
_ARABIC = re.compile(r"\d+(?:,\d{3})*(?:\.\d+)?")


def parse_chinese(text: str) -> int:
    """The integer a Chinese numeral writes, positional (``二〇二一``) or with units (``一万二千``).

    >>> parse_chinese("一百零五"), parse_chinese("十二"), parse_chinese("两"), parse_chinese("三千万")
    (105, 12, 2, 30000000)
    """
    if not text or any(c not in CN_NUMERAL_CHARS for c in text):
        raise ValueError(f"not a Chinese numeral: {text!r}")
    if all(c in DIGITS for c in text):  # digit by digit, as in years: 二〇二一
        return int("".join(str(DIGITS[c]) for c in text))
    total, section, digit = 0, 0, None
    for c in text:
        if c in DIGITS:
            digit = DIGITS[c]
        elif c in _SMALL_UNITS:
            section += (1 if digit is None else digit) * _SMALL_UNITS[c]
            digit = None
        else:  # 万 or 亿 closes a section
            section += digit or 0
            total = (total + section) * _BIG_UNITS[c] if c == "亿" else total + section * _BIG_UNITS[c]
            section, digit = 0, None
    return total + section + (digit or 0)


def parse_number(text: str) -> Decimal:
    """An exact value for a number with an optional scale suffix (万, 亿, 万亿, 千万, 百万, 千).

    >>> parse_number("1,234"), parse_number("１２３"), parse_number("5.2亿"), parse_number("3千万")
    (Decimal('1234'), Decimal('123'), Decimal('520000000'), Decimal('30000000'))
    """
    s = text.strip().translate(_FULLWIDTH)
    scale = 1
    for suffix, factor in SCALES.items():
        if s.endswith(suffix) and _ARABIC.fullmatch(s[: -len(suffix)]):
            s, scale = s[: -len(suffix)], factor
            break
    if _ARABIC.fullmatch(s):
        value = Decimal(s.replace(",", "")) * scale
    else:
        value = Decimal(parse_chinese(s))
    return normalize(value)


def normalize(value: Decimal) -> Decimal:
    """Drop trailing zeros without going to exponent form: 261400.00 → 261400, 99.90 → 99.9."""
    if value == value.to_integral_value():
        return value.quantize(Decimal(1))
    return value.normalize()
