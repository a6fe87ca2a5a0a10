"""Read a page's metadata: byline fields, dates, names, view counts, the reporter, the site and the title.

Every reader returns ``None`` when the page does not say, so a report from another site simply has
fewer fields. Readers of :mod:`lawgov.source.plain` and :mod:`lawgov.source.html` find the byline;
:func:`lawgov.source.loading.to_report` interprets it with the parsers here.
"""

from __future__ import annotations

import datetime as dt
import re

_HAN_SPACE = re.compile(r"(?<=[\u4e00-\u9fff])\s+(?=[\u4e00-\u9fff])")
# Field → the labels pages give it in their byline (时间: … 来源: … 编辑: …).
FIELD_KEYS = {
    "date": ("时间", "发布时间", "发布日期", "日期", "发表时间", "更新时间"),
    "source": ("来源", "稿件来源", "信息来源", "文章来源"),
    "author": ("作者",),
    "editor": ("编辑", "责任编辑", "责编"),
    "views": ("阅读量", "浏览量", "浏览次数", "点击数", "点击量", "阅读", "浏览", "访问量"),
}
# Labels that end a byline value without being a field of their own.
STOP_KEYS = ("记者", "通讯员", "摄影", "摄像", "字号", "字体", "打印", "分享", "关闭", "收藏", "纠错", "审核", "校对")


def _alternation(keys) -> str:
    return "|".join(sorted(set(keys), key=len, reverse=True))


_FIELD_KEY = _alternation(k for keys in FIELD_KEYS.values() for k in keys)
_ANY_KEY = _alternation([*(k for keys in FIELD_KEYS.values() for k in keys), *STOP_KEYS])
# A byline: two labelled fields on one line.
META_LINE = re.compile(rf"(?:{_FIELD_KEY})\s*[:：].*(?:{_FIELD_KEY})\s*[:：]")
_BYLINE_FIELD = re.compile(rf"({_ANY_KEY})\s*[:：]\s*(.*?)\s*(?=(?:{_ANY_KEY})\s*[:：]|[【\[|｜]|$)")
_KEY_LINE = re.compile(rf"^[（(【\[]?\s*(?:{_ANY_KEY})\s*[:：]")
KEY_ONLY = re.compile(rf"(?:{_ANY_KEY})\s*[:：]?")
BYLINE_MAX_CHARS = 200
_FIELD_OF = {k: f for f, keys in FIELD_KEYS.items() for k in keys}
_DATE = re.compile(r"(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?")
_REPORTER = re.compile(r"^[^。，,]{0,20}?[（(]\s*(?:记者|通讯员)\s*([^（）()]+?)\s*[）)]")
_SITE = (re.compile(r"©\s*(?:\d{4}\s*)?([^\s©|｜]+)"), re.compile(r"版权归(.{2,20}?)所有"))
_COUNT = re.compile(r"\d[\d,，]*")


def byline_fields(line: str) -> dict[str, str]:
    """``key: value`` pairs of one byline line, keyed by field; stop labels and empty values are skipped.

    >>> byline_fields("时间: 2021-11-26 来源: 某某报 编辑: 张 三 阅读量:15")
    {'date': '2021-11-26', 'source': '某某报', 'editor': '张 三', 'views': '15'}
    >>> byline_fields("来源：重庆日报 记者：张三 发布时间：2021年11月26日 10:05 【字号：大 中 小】")
    {'source': '重庆日报', 'date': '2021年11月26日 10:05'}
    """
    found: dict[str, str] = {}
    for key, value in _BYLINE_FIELD.findall(line):
        name = _FIELD_OF.get(key)
        value = value.strip(" ·|｜()（）")
        if name and value and name not in found:
            found[name] = value
    return found


def is_byline(line: str) -> bool:
    """A short line that is a byline: two labelled fields, or one line starting with a label.

    >>> is_byline("（责任编辑：张三）"), is_byline("全年办理案件12件。")
    (True, False)
    """
    return len(line) <= BYLINE_MAX_CHARS and bool(_KEY_LINE.match(line) or META_LINE.search(line))


def meta_fields(lines: list[str]) -> dict[str, str]:
    """The byline fields of the first meta line (two labelled fields) among ``lines``.

    >>> meta_fields(["标题", "时间: 2021-11-26 来源: 某某报 编辑: 张 三 阅读量:15"])
    {'date': '2021-11-26', 'source': '某某报', 'editor': '张 三', 'views': '15'}
    """
    for line in lines:
        if META_LINE.search(line):
            return byline_fields(line)
    return {}


def parse_date(value: str | None) -> dt.date | None:
    """The first ``YYYY-MM-DD``-like date in ``value`` (also 2021年11月26日, 2021/11/26).

    >>> parse_date("2021年11月26日 10:05")
    datetime.date(2021, 11, 26)
    """
    m = _DATE.search(value or "")
    if not m:
        return None
    try:
        return dt.date(*(int(g) for g in m.groups()))
    except ValueError:
        return None


def parse_int(value: str | None) -> int | None:
    """The counter a value starts with (``3456``, ``1,234``, ``15215 次``); None if it has none.

    >>> parse_int("1,234 次"), parse_int("未知")
    (1234, None)
    """
    m = _COUNT.match((value or "").strip())
    return int(re.sub(r"[,，]", "", m.group(0))) if m else None


def join_name(value: str | None) -> str | None:
    """A Chinese name without the spaces pages put inside it (``张 三丰`` → ``张三丰``)."""
    return _HAN_SPACE.sub("", value.strip()) if value and value.strip() else None


def reporter(first_paragraph: str) -> str | None:
    """The reporter named in a dateline such as ``本网讯（记者 张三）``; several are joined by 、.

    >>> reporter("本网讯(记者 张三 李四)今天")
    '张三、李四'
    """
    m = _REPORTER.search(first_paragraph)
    if not m:
        return None
    names = [n for n in re.split(r"[\s、,，]+", m.group(1)) if n]
    return "、".join(names) or None


def site(lines: list[str]) -> str | None:
    """The website's name from its copyright line (``Copyright 2020 © 某某网``)."""
    for line in lines:
        for pattern in _SITE:
            m = pattern.search(line)
            if m:
                return m.group(1)
    return None


def looks_like_title(line: str) -> bool:
    """A headline: short, and not a sentence (no full stop at its end)."""
    return 0 < len(line) <= 80 and not line.endswith(("。", "！", "？", ".", "!", "?"))
