"""Read a page's metadata: byline fields, dates, names, view counts, the reporter, the site and the title.

Every reader returns ``None`` when the page does not say, so a report from another site simply has
fewer fields. Readers of :mod:`lawgov.source.plain` and :mod:`lawgov.source.html` find the byline;
:func:`lawgov.source.loading.to_report` interprets it with the parsers here.
"""

from __future__ import annotations

import datetime as dt
import re

from ..genre.lexicon import alternation

_HAN_SPACE = re.compile(r"(?<=[\u4e00-\u9fff])\s+(?=[\u4e00-\u9fff])")
# Field → the labels pages give it in their byline (时间: … 来源: … 编辑: …). A page may state several dates:
# the labels of ``date`` are listed from the most to the least telling of publication (发布日期 over the
# index table's 发文日期, 成文日期 and 生成日期).
FIELD_KEYS = {
    "date": (
        "发布日期", "发布时间", "公开日期", "时间", "日期", "发表时间", "更新时间", "发文日期", "成文日期", "生成日期",
    ),
    "source": ("来源", "稿件来源", "信息来源", "文章来源"),
    "author": ("作者",),
    "editor": ("编辑", "责任编辑", "责编"),
    "views": ("阅读量", "浏览量", "浏览次数", "阅读次数", "访问次数", "点击次数", "点击数", "点击量", "阅读", "浏览",
              "访问量", "点击"),
}  # fmt: skip
# Labels that end a byline value without being a field of their own.
STOP_KEYS = (
    "记者", "通讯员", "摄影", "摄像", "字号", "字体", "打印", "分享到", "分享", "关闭", "收藏", "纠错", "审核", "校对",
    "终审", "索引号", "发布机构", "文号", "主题分类", "分类", "有效性", "发文机关",
)  # fmt: skip
# An unnamed author (anonymous), which is no name.
NO_NAME = ("佚名", "未知", "无", "本网", "网络")


_FIELD_KEY = alternation(k for keys in FIELD_KEYS.values() for k in keys)
_ANY_KEY = alternation([*(k for keys in FIELD_KEYS.values() for k in keys), *STOP_KEYS])
# A byline: two labelled fields on one line.
META_LINE = re.compile(rf"(?:{_FIELD_KEY})\s*[:：].*(?:{_FIELD_KEY})\s*[:：]")
_BYLINE_FIELD = re.compile(rf"({_ANY_KEY})\s*[:：]\s*(.*?)\s*(?=(?:{_ANY_KEY})\s*[:：]|[【\[|｜]|$)")
_KEY_LINE = re.compile(rf"^[（(【\[]?\s*(?:{_ANY_KEY})\s*[:：]")
KEY_ONLY = re.compile(rf"(?:{_ANY_KEY})\s*[:：]?")
BYLINE_MAX_CHARS = 200
_FIELD_OF = {k: f for f, keys in FIELD_KEYS.items() for k in keys}
_DATE = re.compile(r"(\d{4})\s*(?:[-/.年]|\s+)\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?")
# A date without a label in a byline line: one with its time (2024-01-29 06:58:03, 来源：央视网 | 2024年03月06日
# 19:38, 亭湖司法 2024-03-18 08:30 发表于江苏) or one that opens the line before a field (2024年03月12日 | 来源：…).
_UNLABELLED = re.compile(
    r"(\d{4}\s*(?:[-/.年]|\s+)\s*\d{1,2}\s*[-/.月]\s*\d{1,2}\s*日?)\s*\d{1,2}[:：]\d{2}"
    r"|^(\d{4}\s*(?:[-/.年]|\s+)\s*\d{1,2}\s*[-/.月]\s*\d{1,2}\s*日?)\s*(?:[|｜]|来源)"
)
# The reporters of a dateline (本网讯（记者 张三 通讯员 李四）, 新华社长沙3月5日电（记者 王五）) or of a closing line
# （记者 赵六 整理）, 本报记者 钱七 孙八: the names after 记者, up to 通讯员 or a trailing verb.
_REPORTER = re.compile(r"^[^。，,]{0,24}?[（(]\s*(?:总台|本报|本台)?记者\s*([^（）()]+?)\s*[）)]")
_REPORTER_LINE = re.compile(r"^[（(]?\s*(?:总台|本报|本台)?记者[\s\u3000]*([^（）()。，]{2,30}?)\s*[）)]?$")
_NOT_REPORTERS = re.compile(r"\s*(?:通讯员|实习生|摄影|摄像|见习记者).*$")
_REPORTED = ("整理", "报道", "采写", "摄", "文", "发", "摄影")
# A work report's subtitle: ——2024年1月25日在…会议上, the day it was delivered.
_DELIVERED = re.compile(r"^[—─－-]{1,2}\s*(\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日)\s*在")
_SITE = (re.compile(r"©\s*(?:\d{4}\s*)?([^\s©|｜]+)"), re.compile(r"版权归(.{2,20}?)所有"))
_COUNT = re.compile(r"\d[\d,，]*")


def is_byline(line: str) -> bool:
    """A short line that is a byline: two labelled fields, or one line starting with a label.

    >>> is_byline("（责任编辑：张三）"), is_byline("全年办理案件12件。")
    (True, False)
    """
    return len(line) <= BYLINE_MAX_CHARS and bool(_KEY_LINE.match(line) or META_LINE.search(line))


def parse_date(value: str | None) -> dt.date | None:
    """The first ``YYYY-MM-DD``-like date in ``value`` (also 2023年12月20日, 2023/12/20).

    >>> parse_date("2023年12月20日 10:05")
    datetime.date(2023, 12, 20)
    """
    m = _DATE.search(value or "")
    if not m:
        return None
    try:
        return dt.date(*(int(g) for g in m.groups()))
    except ValueError:
        return None


def parse_int(value: str | None) -> int | None:
    """The counter a value starts with (``3456``, ``1,234``, ``8642 次``); None if it has none.

    >>> parse_int("1,234 次"), parse_int("未知")
    (1234, None)
    """
    m = _COUNT.match((value or "").strip())
    return int(re.sub(r"[,，]", "", m.group(0))) if m else None


def join_name(value: str | None) -> str | None:
    """A Chinese name without the spaces pages put inside it (``张 三丰`` → ``张三丰``)."""
    return _HAN_SPACE.sub("", value.strip()) if value and value.strip() else None


def reporter(line: str) -> str | None:
    """The reporters a dateline or a closing line names; several are joined by 、, 通讯员 are not reporters.

    >>> reporter("本网讯(记者 张三 李四)今天"), reporter("本报讯（记者 王五 通讯员 赵六）")
    ('张三、李四', '王五')
    >>> reporter("（记者 钱七 整理）"), reporter("本报记者 孙八 周九")
    ('钱七', '孙八、周九')
    """
    m = _REPORTER.search(line) or _REPORTER_LINE.match(line.strip())
    if not m:
        return None
    names = _NOT_REPORTERS.sub("", m.group(1))
    return "、".join(n for n in re.split(r"[\s、,，\u3000]+", names) if n and n not in _REPORTED) or None


def names(value: str | None) -> str | None:
    """The people a byline value names, joined by 、: ``张 三丰`` → ``张三丰``, ``陈卓 刘思`` → ``陈卓、刘思``.

    A value of two-to-four-character names separated by spaces is a list; a name the page spells with a
    space inside it (林 晓峰) is one name.

    >>> names("林 晓峰"), names("陈卓 刘思"), names("罗昱、章华维"), names("佚名")
    ('林晓峰', '陈卓、刘思', '罗昱、章华维', None)
    """
    if not value or not value.strip():
        return None
    parts = [p for p in re.split(r"[、,，;；\s\u3000]+", value.strip(" 【】[]（）()")) if p]
    if parts and all(2 <= len(p) <= 4 for p in parts):
        found = parts
    else:
        found = [_HAN_SPACE.sub("", value.strip(" 【】[]（）()"))]
    found = [p for p in found if p not in NO_NAME]
    return "、".join(dict.fromkeys(found)) or None


def delivered(line: str) -> str | None:
    """The date a work report was delivered, from its subtitle (——2024年1月25日在…会议上), as written."""
    m = _DELIVERED.match(line.strip())
    return m.group(1) if m else None


def states_byline(line: str) -> bool:
    """A line that gives a byline field (a date, a source, an author, an editor, a view count).

    >>> states_byline("2024-01-29 06:58:03　来源：黑龙江日报"), states_byline("一、主要工作")
    (True, False)
    """
    return any(field in _PUBLISHED for field in byline([line]))


def byline(lines: list[str]) -> dict[str, str]:
    """The byline fields a page states, as written, from its lines in page order.

    Labelled fields (时间, 来源, 作者, 编辑 …) come from short lines that are not prose; of several dates
    the best label wins (:data:`FIELD_KEYS`), a date-time without a label ranking just above the index
    table's dates; every editor is kept, in page order; the reporters come from the first dateline or
    closing line that names them; ``delivered`` from a work report's subtitle.

    >>> byline(["时间：2024-02-27 10:08　来源：湖北日报　编辑：龚静", "湖北日报讯（记者 陈卓 通讯员 刘思）"])
    {'date': '2024-02-27 10:08', 'source': '湖北日报', 'editor': '龚静', 'reporter': '陈卓'}
    """
    found: dict[str, str] = {}
    dates: list[tuple[int, str]] = []
    editors: list[str] = []
    for line in lines:
        line = line.strip()
        if not line:
            continue
        if "reporter" not in found and (names_ := reporter(line)):
            found["reporter"] = names_
        if "delivered" not in found and (when := delivered(line)):
            found["delivered"] = when
        if len(line) > BYLINE_MAX_CHARS or "。" in line:
            continue  # prose: a label inside a sentence is not a byline
        unlabelled = _UNLABELLED.search(line)
        if unlabelled:
            dates.append((_UNLABELLED_DATE, (unlabelled.group(1) or unlabelled.group(2)).strip()))
        for key, value in _BYLINE_FIELD.findall(line):
            field = _FIELD_OF.get(key)
            value = value.strip(" ·|｜()（）【】[]")
            if not field or not value:
                continue
            if field == "date":
                dates.append((FIELD_KEYS["date"].index(key), value))
            elif field == "editor":
                editors.append(value)
            else:
                found.setdefault(field, value)
    if dates:
        found["date"] = min(dates, key=lambda d: d[0])[1]
    if editors:
        found["editor"] = "、".join(editors)
    return dict(sorted(found.items(), key=lambda kv: _ORDER.index(kv[0])))


_UNLABELLED_DATE = FIELD_KEYS["date"].index("发文日期") - 0.5
_ORDER = ("date", "source", "author", "editor", "views", "reporter", "delivered")
_PUBLISHED = ("date", "source", "author", "editor", "views")


def site(lines: list[str]) -> str | None:
    """The website's name from its copyright line (``Copyright 2020 © 某某网``)."""
    for line in lines:
        for pattern in _SITE:
            m = pattern.search(line)
            if m:
                return m.group(1)
    return None


def looks_like_title(line: str) -> bool:
    """A headline: short, and not a sentence (no full stop at its end; a short exclamation or question
    with no full stop inside is a headline too: 这份“成绩单”，请查收！).

    >>> looks_like_title("深化“放管服”改革"), looks_like_title("全年办理案件12件。"), looks_like_title("请查收！")
    (True, False, True)
    """
    if not 0 < len(line) <= 80 or line.endswith(("。", ".")):
        return False
    return not line.endswith(("！", "？", "!", "?")) or (len(line) <= 40 and "。" not in line)
