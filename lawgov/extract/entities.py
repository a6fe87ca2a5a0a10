"""Entities: the bodies that act, the places, the laws and documents, and the programmes a report names.

Each mention is a row with ``type`` (body, place, law, programme), the ``name`` as written, a
``normalized`` name (万州 → 万州区, 市五届人大常委会 → 市人大常委会), a ``subtype`` (a body's kind:
court, congress, government, department, media …; a document's kind from its ending: regulation,
measure, opinion …; a place's kind: 区, 县, 镇 …) and offsets.

>>> from lawgov.genre.vocabulary import vocabulary
>>> for e in find_entities("市市场监管局在万州检查，落实《某某条例》。", vocabulary()):
...     print(e.type, e.name, e.normalized, e.subtype or "-")
body 市市场监管局 市市场监管局 department
place 万州 万州区 区
law 某某条例 某某条例 regulation
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING

from ..genre.lexicon import alternation
from ..genre.resources import curated_bodies
from ..text.marks import TITLE_BODY
from ..text.spans import SpanSet

if TYPE_CHECKING:
    from ..genre.places import Place
    from ..genre.vocabulary import Vocabulary


def _first(words: Iterable[str], more: str = "") -> str:
    """A lookahead for the first characters of ``words`` (and ``more``), for a pattern that opens with a
    lookbehind: ``re`` then skips the positions where no word starts at once, instead of trying every
    alternative there (6 times faster). A plain alternation of words is skipped that way already."""
    chars = "".join(re.escape(c) for c in sorted({w[0] for w in words if w} | set(more)))
    return f"(?=[{chars}])" if chars else ""


@dataclass(frozen=True)
class Entity:
    type: str
    name: str
    normalized: str
    subtype: str
    start: int
    end: int


# A document's kind from the last words of its title.
DOCUMENT_KINDS = (
    ("实施细则", "measure"), ("细则", "measure"), ("条例", "regulation"), ("规定", "measure"), ("办法", "measure"),
    ("规则", "measure"), ("规划", "plan"), ("纲要", "plan"), ("计划", "plan"), ("方案", "plan"), ("要点", "plan"),
    ("意见", "opinion"), ("通知", "notice"), ("公告", "notice"), ("通告", "notice"), ("决定", "decision"),
    ("清单", "list"), ("目录", "list"), ("规范", "norm"), ("标准", "norm"), ("指引", "norm"), ("指南", "norm"),
    ("纪要", "minutes"), ("报告", "report"), ("法典", "law"), ("法", "law"),
)  # fmt: skip
_NEWS_VERBS = re.compile(r"(?:刊登|刊发|发表|报道|播出|播发|转载|推出)了?$")

_TITLE = re.compile(rf"《({TITLE_BODY})》")
_QUOTE = re.compile(r"“([^“”\n]{2,24})”")
# Bodies: 市/区/县 (or 中央, 国务院, a place) + (人民)政府, or + a short name + the kind of body. The
# name may not hold another body's ending, a joining word or a verb phrase, and the ending may not
# start a longer word (委托, 办理, 院校).
_PREFIX = r"(?<![省市区县乡])(?:{places}|中央|国务院|省|市|区|县)"
_PREFIX_FIRST = "中国省市区县"  # the first characters of its words after the places
_GOVERNMENT = r"(?:人民)?政府(?:办公厅|办公室)?"
_ORGAN = (
    r"[^\s，。、；：！？“”《》（）()局委院厅办署等和与及各级的在对向将从并由为至0-9]{1,10}?"
    r"(?:人大常委会|常委会|委员会|办公室|局(?![面势长])|委(?![托员屈会])|办(?![理事案件学公好]|法(?!治))|院(?![校士线])|厅|署)"
)
_TEAM = r"(?:第[一二三四五六七八九十]+)?(?:督察组|督导组|巡视组|巡察组|工作组|检查组)"
_NOT_A_NAME = re.compile(r"开展|全面|推进|法治政府|统一|职责|建设|工作|加强|规范|实施|通办")
# 市公安、交通、经济信息等部门: a list of bodies by their short names.
_BODY_LIST = re.compile(r"(?=[市区县])(?<![省市区县])([市区县])((?:[\u4e00-\u9fff]{2,6}、)+[\u4e00-\u9fff]{2,6})等部门")
_SESSION = re.compile(r"[一二三四五六七八九十0-9]+届")


@cache
def _patterns(places: tuple[Place, ...]):
    place_names = [p.name for p in places]
    prefix = _PREFIX.format(places=alternation(place_names))
    body = re.compile(rf"{_first(place_names, _PREFIX_FIRST)}{prefix}(?:{_GOVERNMENT}|{_ORGAN})(?:{_TEAM})?")
    curated = re.compile(alternation(curated_bodies()))
    by_name = {p.name: p for p in places} | {p.short: p for p in places}
    place = re.compile(alternation(by_name))
    town = re.compile(r"[\u4e00-\u9fff]{2,3}?(?:镇|乡|街道)(?![\u4e00-\u9fff]{0,1}(?:政府|党委))")
    return body, curated, place, by_name, town


# A body's kind from its ending, checked in order.
BODY_KINDS = (
    ("检察院", "procuratorate"), ("法院", "court"), ("常委会", "congress"), ("政府", "government"),
    ("政府办公厅", "government"), ("政府办公室", "government"), ("组", "inspection team"),
)  # fmt: skip


def body_kind(name: str) -> str:
    """court, procuratorate, congress, government, inspection team, or department (局, 委, 办, 厅 …).

    >>> body_kind("市检察院"), body_kind("市五届人大常委会"), body_kind("市政府办公厅"), body_kind("市公安局")
    ('procuratorate', 'congress', 'government', 'department')
    """
    return next((kind for ending, kind in BODY_KINDS if name.endswith(ending)), "department")


def document_kind(title: str, before: str = "") -> str:
    """The kind of a 《…》 title from its ending; a title a news outlet 刊登 is an article.

    >>> document_kind("重庆市社会信用条例"), document_kind("某某宗旨——某某情况", "新华社刊登")
    ('regulation', 'article')
    """
    if _NEWS_VERBS.search(before) or "——" in title:
        return "article"
    for ending, kind in DOCUMENT_KINDS:
        if title.endswith(ending):
            return kind
    return "document"


def find_entities(text: str, vocab: Vocabulary) -> list[Entity]:
    """Every body, place, law/document and programme mention in ``text``, in reading order."""
    body_rule, curated, place_rule, by_name, town = _patterns(vocab.places)
    found: list[Entity] = []
    names = SpanSet([m.span() for m in (*_TITLE.finditer(text), *_QUOTE.finditer(text))])
    for m in _TITLE.finditer(text):
        name = m.group(1)
        found.append(
            Entity("law", name, name, document_kind(name, text[max(0, m.start() - 6) : m.start()]), *m.span(1))
        )
    found += _programmes(text, vocab)

    def free(start: int) -> bool:  # not inside a title or a quoted name
        return not names.overlaps(start, start + 1)

    bodies = [m for m in (*body_rule.finditer(text), *curated.finditer(text)) if free(m.start())]
    bodies = [m for m in bodies if not _NOT_A_NAME.search(m.group(0))]
    kinds = curated_bodies()
    for m in _longest_first(bodies):
        name = m.group(0)
        found.append(Entity("body", name, _SESSION.sub("", name), kinds.get(name) or body_kind(name), *m.span()))
    for m in _BODY_LIST.finditer(text):
        level, pos = m.group(1), m.start(2)
        for i, short in enumerate(m.group(2).split("、")):
            name = level + short if i == 0 else short
            start = m.start(1) if i == 0 else pos
            found.append(Entity("body", name, level + short, "department", start, start + len(name)))
            pos += len(short) + 1
    for m in place_rule.finditer(text):
        if not free(m.start()):
            continue
        p = by_name[m.group(0)]
        found.append(Entity("place", m.group(0), p.name, p.kind, *m.span()))
        if m.group(0) == p.name:  # a town right after its district: 万州区分水镇
            t = town.match(text, m.end())
            if t:
                kind = "街道" if t.group(0).endswith("街道") else t.group(0)[-1]
                found.append(Entity("place", t.group(0), p.name + t.group(0), kind, *t.span()))
    found.sort(key=lambda e: (e.start, -e.end, e.type))
    return found


def _longest_first(matches: list[re.Match[str]]) -> list[re.Match[str]]:
    """Keep the longest of overlapping matches (市五届人大常委会 over 人大常委会)."""
    kept: list[re.Match[str]] = []
    for m in sorted(matches, key=lambda m: (m.start(), -m.end())):
        if not kept or m.start() >= kept[-1].end():
            kept.append(m)
    return kept


@cache
def _word_set(vocab: Vocabulary) -> frozenset[str]:
    return frozenset(vocab.words)


def _programmes(text: str, vocab: Vocabulary) -> list[Entity]:
    """Quoted platforms and programmes (“渝快办”), and unquoted mentions of the same names."""
    terms = _word_set(vocab)
    names: list[tuple[str, int, int]] = []
    for m in _QUOTE.finditer(text):
        name = m.group(1)
        # A short quote names a programme only as part of a known term (“八五”普法), not as a
        # nickname (“两头跑”, “四新”经济).
        if len(name) <= 3 and not any(name + text[m.end() : m.end() + k] in terms for k in range(0, 4)):
            continue
        names.append((name, m.start(1), m.end(1)))
    quoted = {n for n, _, _ in names}
    spans = {(s, e) for _, s, e in names}
    if quoted:
        for m in re.finditer(alternation(quoted), text):
            if (m.start(), m.end()) not in spans and text[m.start() - 1 : m.start()] != "“":
                names.append((m.group(0), m.start(), m.end()))
    return [Entity("programme", n, n, "", s, e) for n, s, e in names]
