"""Dates and periods in report prose → ISO values, inferring a missing year from the report's own date.

Dates are found before quantities so that ``9月3日`` or ``2023年`` never count as quantities.

>>> import datetime as dt
>>> [(d.raw, d.iso, d.precision) for d in find_dates("9月3日，今年上半年", dt.date(2023, 12, 20))]
[('9月3日', '2023-09-03', 'day'), ('今年上半年', '2023-01-01/2023-06-30', 'half_year')]
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass

from ..text.numerals import parse_chinese

_D = r"[0-9０-９]"
_CN_MONTH = r"十[一二]?|[一二三四五六七八九]"
_SEP = r"[-－—~～至到]"
_RELATIVE = {"今年": 0, "本年": 0, "本年度": 0, "当年": 0, "去年": -1, "上年": -1, "上年度": -1, "前年": -2, "明年": 1}
_PERIODS = {
    "上半年": ("half_year", 1, 6),
    "下半年": ("half_year", 7, 12),
    "前三季度": ("quarter", 1, 9),
    "一季度": ("quarter", 1, 3),
    "二季度": ("quarter", 4, 6),
    "三季度": ("quarter", 7, 9),
    "四季度": ("quarter", 10, 12),
}
_PERIOD = "|".join(sorted((re.escape(p) for p in _PERIODS), key=len, reverse=True))
_REL = "|".join(sorted(_RELATIVE, key=len, reverse=True))

DATE = re.compile(
    rf"""
    (?=[0-9０-９〇零一二三四五六七八九十今本当去上前明下第])  # skip the positions where no date can start
    (?:
        # a year, then a month and a day or a range of days, or a period of it: 2022年6月8-12日, 2022年上半年
        (?<![0-9０-９.]) (?P<y>{_D}{{4}}|[〇零一二三四五六七八九]{{4}}) 年度?
        (?: (?P<m>{_D}{{1,2}}|{_CN_MONTH}) 月 (?: (?P<d>{_D}{{1,2}}) (?: {_SEP} (?P<d2>{_D}{{1,2}}) )? [日号] )? )?
        (?: 第? (?P<yp>{_PERIOD}) )?
    |   # a range of months without their year: 1至5月, 1-9月份
        (?<![0-9０-９.个第]) (?P<mr1>{_D}{{1,2}}) \s* {_SEP} \s* (?P<mr2>{_D}{{1,2}}) 月 份? (?![0-9０-９])
    |   # a month without its year, with a day or a range of days: 9月3日, 3月份
        (?<![0-9０-９.个第]) (?P<m2>{_D}{{1,2}}|{_CN_MONTH}) 月
        (?: (?P<dd>{_D}{{1,2}}) (?: {_SEP} (?P<dd2>{_D}{{1,2}}) )? [日号] | 份? (?![0-9０-９]) )
    |   # a day without its month, in news of the report's month: 8日联合通报 (not 7日内, a span of days)
        (?<![0-9０-９.个第月]) (?P<day>{_D}{{1,2}}) 日 (?![内前后以之0-9０-９])
    |   # a year named relative to the report's: 今年, 去年上半年
        (?P<rel>{_REL}) (?: 第? (?P<rp>{_PERIOD}) )?
    |   # a period of the report's year: 上半年, 第三季度
        (?<![年季]) 第? (?P<p>{_PERIOD})
    )
    """,
    re.VERBOSE,
)


@dataclass(frozen=True)
class DateMention:
    raw: str
    start: int
    end: int
    iso: str | None
    precision: str
    year_inferred: bool


def _int(s: str) -> int:
    s = s.translate(str.maketrans("０１２３４５６７８９", "0123456789"))
    return int(s) if s.isdigit() else parse_chinese(s)


def _infer_year(month: int, base: dt.date | None) -> int | None:
    """The year of a month named without one: the report's year, or the year before for a later month."""
    if base is None:
        return None
    return base.year - 1 if month > base.month + 1 else base.year


def _period(year: int | None, name: str) -> tuple[str | None, str]:
    precision, first, last = _PERIODS[name]
    if year is None:
        return None, precision
    end_day = calendar.monthrange(year, last)[1]
    return f"{year}-{first:02d}-01/{year}-{last:02d}-{end_day:02d}", precision


def _resolve(m: re.Match[str], base: dt.date | None) -> tuple[str | None, str, bool]:
    g = m.groupdict()
    if g["y"]:
        year = _int(g["y"])
        if g["yp"]:
            return (*_period(year, g["yp"]), False)
        return (*_day_or_month(year, g["m"], g["d"], g["d2"]), False)
    if g["m2"]:
        month = _int(g["m2"])
        year = _infer_year(month, base)
        return (*_day_or_month(year, g["m2"], g["dd"], g["dd2"]), True)
    if g["mr1"]:
        first, last = _int(g["mr1"]), _int(g["mr2"])
        year = _infer_year(last, base)
        if not (1 <= first < last <= 12) or year is None:
            return None, "month_range", True
        return f"{year}-{first:02d}/{year}-{last:02d}", "month_range", True
    if g["day"]:
        day = _int(g["day"])
        if base is None or not 1 <= day <= calendar.monthrange(base.year, base.month)[1]:
            return None, "day", True
        return dt.date(base.year, base.month, day).isoformat(), "day", True
    if g["rel"]:
        year = base.year + _RELATIVE[g["rel"]] if base else None
        if g["rp"]:
            return (*_period(year, g["rp"]), True)
        return (str(year) if year else None), "year", True
    year = base.year if base else None
    return (*_period(year, g["p"]), True)


def _day_or_month(year: int | None, m: str | None, d: str | None, d2: str | None) -> tuple[str | None, str]:
    if m is None:
        return (str(year) if year else None), "year"
    month = _int(m)
    if not 1 <= month <= 12:
        return None, "month"
    if d is None:
        return (f"{year}-{month:02d}" if year else None), "month"
    try:
        first = dt.date(year, month, _int(d)) if year else None
        last = dt.date(year, month, _int(d2)) if year and d2 else None
    except ValueError:
        return None, "day"
    if d2:
        return (f"{first.isoformat()}/{last.isoformat()}" if first and last else None), "day_range"
    return (first.isoformat() if first else None), "day"


def find_dates(text: str, report_date: dt.date | None = None) -> list[DateMention]:
    """Every date or period mention in ``text``, in reading order."""
    found = []
    for m in DATE.finditer(text):
        iso, precision, inferred = _resolve(m, report_date)
        found.append(DateMention(m.group(0), m.start(), m.end(), iso, precision, inferred))
    return found
