"""Read a page's metadata: title, date, newspaper, site, editor, reporter and view count.

Every reader takes the page's lines (or its first body paragraph) and returns ``None`` when the
page does not say, so a report from another site simply has fewer fields.
"""

from __future__ import annotations

import datetime as dt
import re

_HAN_SPACE = re.compile(r"(?<=[\u4e00-\u9fff])\s+(?=[\u4e00-\u9fff])")
# Field → the labels pages give it in their byline (时间: … 来源: … 编辑: …); shared with lawgov.html.
FIELD_KEYS = {
    "date": ("时间", "发布时间", "发布日期", "日期", "发表时间", "更新时间"),
    "source": ("来源", "稿件来源", "信息来源", "文章来源"),
    "author": ("作者",),
    "editor": ("编辑", "责任编辑", "责编"),
    "views": ("阅读量", "浏览量", "浏览次数", "点击数", "点击量", "阅读", "浏览", "访问量"),
}
_ANY_KEY = "|".join(sorted({k for keys in FIELD_KEYS.values() for k in keys}, key=len, reverse=True))
# A byline: two labelled fields on one line.
META_LINE = re.compile(rf"(?:{_ANY_KEY})\s*[:：].*(?:{_ANY_KEY})\s*[:：]")
_META_FIELD = re.compile(rf"({_ANY_KEY})\s*[:：]\s*(.*?)\s*(?=(?:{_ANY_KEY})\s*[:：]|$)")
_DATE = re.compile(r"(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?")
_REPORTER = re.compile(r"^[^。，,]{0,20}?[（(]\s*(?:记者|通讯员)\s*([^（）()]+?)\s*[）)]")
_SITE = (re.compile(r"©\s*(?:\d{4}\s*)?([^\s©|｜]+)"), re.compile(r"版权归(.{2,20}?)所有"))


def meta_fields(lines: list[str]) -> dict[str, str]:
    """Key → value pairs of the first meta line among ``lines``.

    >>> meta_fields(["标题", "时间: 2021-11-26 来源: 某某报 编辑: 张 三 阅读量:15"])
    {'date': '2021-11-26', 'source': '某某报', 'editor': '张 三', 'views': '15'}
    """
    for line in lines:
        if META_LINE.search(line):
            found: dict[str, str] = {}
            for key, value in _META_FIELD.findall(line):
                field = next(f for f, keys in FIELD_KEYS.items() if key in keys)
                if value and field not in found:
                    found[field] = value
            return found
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
    """An integer from a counter such as ``3456`` or ``1,234``; None if there is none."""
    digits = re.sub(r"[,，\s]", "", value or "")
    return int(digits) if digits.isdigit() else None


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
