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
from decimal import Context, Decimal

DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_SMALL_UNITS = {"十": 10, "百": 100, "千": 1000}
_BIG_UNITS = {"万": 10**4, "亿": 10**8}
SCALES = {"万亿": 10**12, "千万": 10**7, "百万": 10**6, "万": 10**4, "亿": 10**8, "千": 10**3}
CN_NUMERAL_CHARS = "".join(DIGITS) + "十百千万亿"
#: Numbers with more digits than this are not read (a code or a run of digits, not a count); with them and
#: the largest scale (万亿) every value fits :data:`EXACT`, so no value is ever rounded.
MAX_DIGITS = 24
#: Chinese numerals longer than this are not read (十二万三千四百五十六 has 10 characters).
MAX_NUMERAL_CHARS = 20
#: The arithmetic context of every value: wide enough that nothing within the limits is rounded or raises.
EXACT = Context(prec=80, Emax=999, Emin=-999)
_FULLWIDTH = str.maketrans("０１２３４５６７８９．，", "0123456789.,")
_ARABIC = re.compile(r"\d+(?:,\d{3})*(?:\.\d+)?")


def parse_chinese(text: str) -> int:
    """The integer a Chinese numeral writes, positional (``二〇二一``) or with units (``一万二千``).

    >>> parse_chinese("一百零五"), parse_chinese("十二"), parse_chinese("两"), parse_chinese("三千万")
    (105, 12, 2, 30000000)
    """
    if not text or any(c not in CN_NUMERAL_CHARS for c in text):
        raise ValueError(f"not a Chinese numeral: {text!r}")
    if len(text) > MAX_NUMERAL_CHARS:
        raise ValueError(f"a Chinese numeral of {len(text)} characters is not a number")
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

    More than :data:`MAX_DIGITS` digits raise ``ValueError``: such a run is not a count.
    """
    s = text.strip().translate(_FULLWIDTH)
    scale = 1
    for suffix, factor in SCALES.items():
        if s.endswith(suffix) and _ARABIC.fullmatch(s[: -len(suffix)]):
            s, scale = s[: -len(suffix)], factor
            break
    if _ARABIC.fullmatch(s):
        digits = s.replace(",", "")
        if len(digits) - ("." in digits) > MAX_DIGITS:
            raise ValueError(f"{len(digits)} digits are not a number")
        value = scaled(Decimal(digits), scale)
    else:
        value = Decimal(parse_chinese(s))
    return normalize(value)


def scaled(value: Decimal, scale: int) -> Decimal:
    """``value × scale`` exactly (in :data:`EXACT`), never rounded: ``scaled(Decimal("16.4"), 10**8)`` is 1640000000."""
    return normalize(EXACT.multiply(value, Decimal(scale)))


def normalize(value: Decimal) -> Decimal:
    """Drop trailing zeros without going to exponent form: 261400.00 → 261400, 99.90 → 99.9."""
    if value == value.to_integral_value():
        return value.quantize(Decimal(1), context=EXACT)
    return value.normalize(EXACT)
