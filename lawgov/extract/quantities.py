"""Quantities: every number in a report as a typed claim (value, unit, qualifier, measure, kind) that
slices back to its text.

Per report: mask what is not a quantity (dates, quoted names and titles, document and phone
numbers, policy terms with numerals) → one regex pass for number + scale + unit → for each match
the qualifier words around it and the noun it counts, read from its clause → a last pass fills the
nouns that lists, 分别 and comparisons leave implicit.

>>> from lawgov.genre.vocabulary import vocabulary
>>> q = find_quantities("全市行政复议机关由260个减少至35个，处罚金额1234.56万元。", vocab=vocabulary())
>>> [(x.raw, str(x.value), x.unit, x.qualifier, x.measure, x.kind) for x in q]
[('260个', '260', '个', '由', '行政复议机关', 'count'), ('35个', '35', '个', '至', '行政复议机关', 'count'), \
('1234.56万元', '12345600', '元', '', '处罚金额', 'money')]
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from decimal import Decimal
from functools import cache
from typing import TYPE_CHECKING

from ..genre import lexicon as lx
from ..genre.lexicon import alternation
from ..text.marks import TITLE
from ..text.numerals import CN_NUMERAL_CHARS, SCALES, parse_number, scaled
from ..text.spans import SpanSet
from .dates import DATE, DateMention, find_dates

if TYPE_CHECKING:
    from ..genre.vocabulary import Vocabulary


_ARABIC = r"[0-9０-９]{1,3}(?:,[0-9]{3})+(?![0-9])(?:\.[0-9]+)?|[0-9０-９]+(?:[.．][0-9０-９]+)?"
# Numbers start only where a run of digits or numerals starts (the lookbehinds in QUANTITY) and
# are possessive, so a 20 MB run of 万 is read once, not once per character.
_CHINESE = rf"[{CN_NUMERAL_CHARS}]++"
_RANGE_SEP = r"[-－—~～至到]"
_APPROX = alternation(lx.APPROX_INSIDE)
_BIG = ["大类", "大项", "大"]  # 5大类 (大 intensifies the classifier), 三大平台 (three platforms)
# 长沙、株洲、湘潭3市: a count of places, but not the start of a word (市民, 市场, 区县, 县级 …).
_PLACE_UNIT = rf"(?:{'|'.join(lx.PLACE_UNITS)})(?![民场级长委政属直辖区县域内外镇])"

QUANTITY = re.compile(
    rf"""
    (?=[0-9０-９{CN_NUMERAL_CHARS}])  # skip, in one test, the positions where no number can start
    (?:
        # a range of percentages: 30%-45%
        (?<![0-9０-９.．]) (?P<p1>{_ARABIC}) [%％] (?P<psep>{_RANGE_SEP}) (?P<p2>{_ARABIC}) (?P<punit>[%％])
    |   # a percentage in words: 百分之三十, 百分之30
        (?P<pct> 百分之 (?P<pctnum>{_CHINESE}|{_ARABIC}) )
    |   # digits, or a range of them, then approximation, scale and unit: 2300余个, 3万多户, 18.52万户, 10-20个
        (?<![0-9０-９.．]) (?P<num>{_ARABIC}) (?: (?P<sep>{_RANGE_SEP}) (?P<num2>{_ARABIC}) )?
        (?P<ap1>{_APPROX})? (?P<scale>{alternation(lx.SCALE_WORDS)})? (?P<ap2>{_APPROX})?
        (?P<unit>{alternation([*(u for u in lx.UNITS if u not in lx.PLACE_UNITS), *_BIG])}|{_PLACE_UNIT})?
    |   # a Chinese numeral and its classifier: 二十九项, 两轮, 三大平台
        (?<![{CN_NUMERAL_CHARS}]) (?P<cn>{_CHINESE}) (?P<cnunit>{alternation([*lx.CHINESE_NUMERAL_UNITS, *_BIG])})
    |   # a round number and its approximation: 百余个, 千余名
        (?P<round>[百千万]) (?P<roundap>余|多) (?P<roundunit>{alternation(lx.CHINESE_NUMERAL_UNITS)})
    )
    """,
    re.VERBOSE,
)
# 十四届人大二次会议: a session number, written without 第.
_SESSION = re.compile(r"会议|全会|全体会议|常委会")
# Spans whose digits are names, not quantities.
NAMES = re.compile(
    rf"""
    (?=[“「『《〈〔\[［【(（A-Za-z0-9０-９二十])  # skip the positions where no name can start
    (?:
        “[^“”\n，。；！？]{{0,40}}”          # a quoted name or slogan (“八五”普法, “一网通办”), not quoted speech
    |   「[^「」\n，。；！？]{{0,40}}」 | 『[^『』\n，。；！？]{{0,40}}』    # the same in corner brackets
    |   {TITLE}                              # a title: 《某某条例》, one nested title allowed
    |   〈[^〈〉\n]*〉                        # a title inside a title written 〈…〉
    |   [〔\[［【(（] [0-9０-９]{{4}} [〕\]］】)）] [0-9０-９]+ 号  # a document number: 〔2019〕28号
    |   [A-Za-z]{{1,8}} [-－]? [0-9０-９]+ (?:\.[0-9]+)?       # a code: PM2.5, G75, COVID-19
    |   (?<![0-9０-９.]) [0-9] [A-Za-z] (?![A-Za-z])              # a code: 5G, 3D
    |   (?<![0-9]) 0[0-9]{{2,3}} \s* [-－] \s* [0-9]{{7,8}} (?![0-9])  # a landline: 0571-87654321
    |   (?<![0-9]) 1[3-9][0-9]{{9}} (?![0-9])                     # a mobile number
    |   (?<![0-9一二三四五六七八九十]) (?:二十[一二三四五六七八九]?|十[一二三四五六七八九]) 大  # a congress: 二十大
    |   (?<![0-9０-９]) [0-9０-９]{{1,2}} 时 (?: [0-9０-９]{{1,2}} 分 )?     # a time of day: 15时, 9时30分
    |   (?:0[0-9]{{2,3}}\s*[-－]\s*)? 12[0-9]{{3}} (?![0-9]) (?={alternation(lx.HOTLINE_AFTER)})  # a hotline: 12345热线
    |   (?<![0-9]) (?:0[0-9]{{2,3}}\s*[-－]\s*) 12[0-9]{{3}} (?![0-9])        # 028-12348
    |   (?<=[路街道巷弄村]) [0-9０-９]+ (?:[-－][0-9０-９]+)? 号               # an address: 湖滨北路88号
    |   (?:(?<=邮编)|(?<=编码)|(?<=邮编：)|(?<=编码：)|(?<=邮编:)) [0-9]{{6}} (?![0-9])  # a postcode
    )
    """,
    re.VERBOSE,
)
_CLAUSE_END = "，。；！？、,;!?\n"
_SENTENCE_END = "。；！？;!?\n"
# 为 links (比重为55.2%) except as the end of a noun (违法行为48起).
_LINK_TAIL = re.compile(rf"(?:{alternation(w for w in lx.LINKS if w != '为')}|(?<![行作成认因以])为)$")
_PREFIX_TAIL = re.compile(rf"(?:{alternation(lx.PREFIX_QUALIFIERS)})$")
_POSTFIX_HEAD = re.compile(alternation(lx.POSTFIX_QUALIFIERS))
_CHANGE_HEAD = re.compile(rf"{alternation(lx.UP)}|{alternation(lx.DOWN)}")
_CHANGE_TAIL = re.compile(rf"(?:{alternation(lx.UP)}|{alternation(lx.DOWN)})(?:到|至|了)?$")
_TRAILING = re.compile(rf"(?:{lx.COMPARISON}|{alternation(lx.TRAILING_ADVERBS)}|[:：\s])+$")
_VERB = re.compile(alternation(lx.VERBS_BEFORE))
_STOP_AFTER = re.compile(alternation(lx.STOPS_AFTER))
# A noun written after its number: characters up to punctuation, a digit or a title, with short
# parentheticals (市（州）) inside and a quoted name (“惠民购物季”促消费活动) allowed at its start.
_NOUN_AFTER = re.compile(
    r"(?:“[^”\n]{0,20}”)(?:[^，。；：！？、,;:!?\n（(“《0-9０-９%％…—]|[（(][^）)\n]{0,12}[）)])*"
    r"|(?:[^，。；：！？、,;:!?\n（(“《0-9０-９%％…—]|[（(][^）)\n]{0,12}[）)])+"
)
_QUOTED_ONLY = re.compile(r"“[^”\n]{1,20}”")
_LOCATIVE = re.compile(r"(?<=..)[中内里]$")  # 180个事项中: the noun without its locative
_SCOPE_HEAD = re.compile(rf"^(?:{alternation(lx.SCOPE_PREFIXES)})+")
_NAMED_LIST = re.compile(r"^(?:“[^”]*”|《[^》]*》)+等?")
_METRIC_END = re.compile(rf"(?:{alternation(lx.METRIC_ENDINGS)})$")
_SPLITTERS = re.compile(r"累计|共计|合计|已经|已|先后|分别|依法|同比|环比|其中")
_DISTRIBUTE = re.compile(
    rf"^(?P<subject>.*?)分别(?:为|是|达到|达|增长|下降|提高|降低|减少|增加|上升)?了?(?:{alternation(lx.PREFIX_QUALIFIERS)})?$"
)
_LIST_SEP = re.compile(r"、|和|及|与")
_SHARED_SCOPE = re.compile(rf"^(?:{alternation(lx.SCOPE_WORDS)})")


@dataclass
class Quantity:
    """One quantitative claim; ``text[start:end] == raw``."""

    raw: str
    start: int
    end: int
    value: Decimal
    value_max: Decimal | None
    unit: str
    scale: int
    qualifier: str
    measure: str
    kind: str
    direction: str
    link: int  # where the words before the number's qualifiers end: the measure is read up to here
    clause: int  # where the number's clause starts: the measure before it is read from here
    scope: str = ""  # what of a shared measure the number is about (市级部门、区县…比例分别达…: 市级部门)


@cache
def _numeral_terms(vocab: Vocabulary) -> re.Pattern[str] | None:
    """Dictionary terms that contain a numeral (三项制度, 一网通办): their numerals are names, not counts."""
    terms = [t for t in vocab.words if any(c in CN_NUMERAL_CHARS for c in t)]
    return re.compile(alternation(terms)) if terms else None


def name_spans(text: str, vocab: Vocabulary) -> list[tuple[int, int]]:
    """Spans whose numbers are names: quotes, titles, document numbers, codes, phones, numeral policy terms."""
    spans = [m.span() for m in NAMES.finditer(text)]
    terms = _numeral_terms(vocab)
    if terms is not None:
        spans += [m.span() for m in terms.finditer(text)]
    return spans


# How far back a clause is looked for: real clauses are far shorter, and a bound keeps text with no
# punctuation at all (a 20 MB line of digits) linear.
_CLAUSE_REACH = 200


# The last clause end before a position, found by one greedy match (backtracking in C, not a loop here).
_LAST_CLAUSE_END = re.compile(rf"(?s).*[{_CLAUSE_END}]")
_LAST_COMMA_OR_STOP = re.compile(r"(?s).*[，。；！？,;!?\n]")  # 、 does not end a 分别 subject
_LAST_SENTENCE_END = re.compile(r"(?s).*[。；！？;!?\n]")


def _clause_start(text: str, pos: int, last_end: re.Pattern[str] = _LAST_CLAUSE_END) -> int:
    floor = max(0, pos - _CLAUSE_REACH)
    m = last_end.match(text, floor, pos)
    return m.end() if m else floor


def find_quantities(
    text: str, report_date: dt.date | None = None, *, vocab: Vocabulary, dates: list[DateMention] | None = None
) -> list[Quantity]:
    """Every quantity in ``text`` in reading order (see :func:`lawgov.extract_quantities` for the fields).

    Dates (``dates``, found from ``report_date`` when not given) and :func:`name_spans` are masked first.
    """
    if dates is None:
        dates = find_dates(text, report_date)
    mask = SpanSet(name_spans(text, vocab) + [(d.start, d.end) for d in dates])
    found: list[Quantity] = []
    for m in QUANTITY.finditer(text):
        q = _quantity(text, m, mask, found[-1].end if found else 0)
        if q is not None:
            found.append(q)
    _fill_implicit_measures(text, found)
    _scope_alike(text, found)
    return found


def _value(m: re.Match[str]) -> tuple[Decimal, Decimal | None, str, int, str] | None:
    """(value, value_max, unit, scale, approximation word) of a match, or None if it is no quantity."""
    g = m.groupdict()
    start = m.start()
    before = m.string[start - 1] if start else ""
    if g["p1"]:
        low, high = parse_number(g["p1"]), parse_number(g["p2"])
        return (low, high, "%", 1, "") if high > low else None
    if g["pct"]:
        return parse_number(g["pctnum"]), None, "%", 1, ""
    if g["round"]:  # 百余个, 千余名: a round number with its approximation
        return Decimal(SCALES.get(g["round"], 100)), None, g["roundunit"], 1, g["roundap"]
    if g["cn"]:
        return _chinese_count(m, g["cn"], g["cnunit"], before)
    unit, scale_word = g["unit"] or "", g["scale"] or ""
    if before and (before.isdigit() or before in ".．" or (before.isascii() and before.isalpha())):
        return None
    if not unit and not scale_word:
        return None  # a bare number says nothing about what it counts
    if unit == "年" and (scale_word or len(g["num"]) >= 3):
        return None  # 2023年 is a year, not a duration
    after = m.string[m.end() : m.end() + 2]
    if (
        (unit == "周" and after[:1] == "年")
        or (unit == "日" and not after.startswith(("内", "以上", "以内", "之内")))
        or (unit == "分" and before == "时")
    ):
        return None  # 颁布30周年 is an anniversary; 15日 a day of the month, 7日内 a span; 15时30分 a time
    if unit in lx.PLACE_UNITS:
        head = m.string[max(0, m.start() - 12) : m.start()]
        if "、" not in head and not head.endswith(lx.PLACE_GROUPS):
            return None  # 长沙、株洲、湘潭3市, 山区26县: a count of places listed or named as a group, only then
    scale = SCALES.get(scale_word, 1)
    value = scaled(parse_number(g["num"]), scale)
    high = scaled(parse_number(g["num2"]), scale) if g["num2"] else None
    if high is not None and (high <= value or not unit):
        return None  # 12-3 is no range, and 10至20 with no unit may be a date or a code
    return value, high, unit, scale, g["ap1"] or g["ap2"] or ""


def _chinese_count(
    m: re.Match[str], numeral: str, unit: str, before: str
) -> tuple[Decimal, Decimal | None, str, int, str] | None:
    """(value, value_max, unit, scale, '') of a Chinese numeral and its classifier, or None when it is no count.

    Not counts: a lone 一 before a classifier (一项重要制度, an article) but not before a span of time
    (一个月); 千/万 alone (千家万户) unless a qualifier makes them a round number (近千项); idioms (四处奔波);
    a session (二次会议), a rank (前三位), a period (过去五年) or a plan (三年行动). 五六次 is a range.
    """
    text, end = m.string, m.end()
    after = text[end : end + 2]
    head = text[max(0, m.start() - 3) : m.start()]
    if unit == "次" and _SESSION.match(text, end):
        return None
    if (
        numeral[0] in "零〇"
        or numeral + unit[:1] in lx.NUMERAL_IDIOMS
        or (before and before in CN_NUMERAL_CHARS + "周星初")
    ):
        return None
    if before == "前" and unit in ("位", "名"):
        return None  # 居前三位: a rank
    if unit in lx.TIME_UNITS:
        if (
            head.endswith(lx.PERIOD_BEFORE)
            or after.startswith(lx.PLAN_AFTER)
            or (numeral == "一" and after[:1] == "来")
        ):
            return None
    elif numeral == "一":
        return None
    if numeral[0] in "百千万亿":
        if len(numeral) > 1 or not head.endswith(lx.ROUND_BEFORE):
            return None
        return Decimal(SCALES.get(numeral, 100)), None, unit, 1, ""
    pair = _CONSECUTIVE.get(numeral)
    if pair:
        return Decimal(pair[0]), Decimal(pair[1]), unit, 1, ""
    return parse_number(numeral), None, unit, 1, ""


# 五六次, 两三个: two neighbouring numerals are a range.
_CONSECUTIVE = {
    a + b: (i, i + 1) for i, (a, b) in enumerate(zip("一两三四五六七八", "二三四五六七八九", strict=True), 1)
}


def _quantity(text: str, m: re.Match[str], mask: SpanSet, floor: int) -> Quantity | None:
    start, end = m.span()
    if (start and text[start - 1] == "第") or mask.overlaps(start, end):
        return None  # ordinals (第二十九次) and names
    try:
        parsed = _value(m)
    except ValueError:  # more digits than any count has (text.numerals.MAX_DIGITS)
        return None
    if parsed is None:
        return None
    value, value_max, unit, scale, approx = parsed
    negative = _signed(text, start) and m.group("num") is not None
    if negative:  # 同比增长-3.2%: the sign is part of the number
        start, value = start - 1, -value
    if unit.startswith("大"):
        unit = unit[1:] or "个"
    kind = lx.UNITS.get(unit, "count")
    if unit == "％":
        unit = "%"
    elif len(unit) > 1 and unit[0] == "个":  # 个百分点, 个工作日, 个月: 个 is only the classifier
        unit = unit[1:]
    clause = max(_clause_start(text, start), floor)
    qualifiers, link = _prefix_qualifiers(text, clause, start)
    if approx:
        qualifiers.append(approx)
    tail = _POSTFIX_HEAD.match(text, end)
    if tail:
        qualifiers.append(tail.group(0))
    direction = _direction(text[clause:link])
    if negative:  # 增长-3.2% went down; 下降-1.5% went up
        direction = {"up": "down", "down": "up"}.get(direction, direction)
    return Quantity(
        raw=text[start:end], start=start, end=end, value=value, value_max=value_max, unit=unit, scale=scale,
        qualifier=";".join(qualifiers), measure=_measure(text, clause, link, end, kind), kind=kind,
        direction=direction, link=link, clause=clause,
    )  # fmt: skip


_MINUS = "-－−"


def _signed(text: str, start: int) -> bool:
    """A minus sign right before the number at ``start`` that is a sign, not a dash: the sign follows
    prose or punctuation, not a digit, a Latin letter or a closing bracket (12-19, A-3, (2)-5)."""
    if not start or text[start - 1] not in _MINUS:
        return False
    before = text[start - 2] if start >= 2 else ""
    return not (before.isdigit() or (before.isascii() and before.isalnum()) or before in ")）]】")


def _prefix_qualifiers(text: str, clause: int, start: int) -> tuple[list[str], int]:
    """Qualifier words before a number, and where the text before them (noun, verb) ends."""
    pre = _EARLIER_TAIL.sub("", text[clause:start].rstrip(":： "))  # 由过去的45天: 由 is the qualifier
    qualifiers = []
    link = _LINK_TAIL.search(pre)
    if link and (link.group(0) not in ("为", "是") or _PREFIX_TAIL.search(pre[: link.start()])):
        pre = pre[: link.start()]
    word = _PREFIX_TAIL.search(pre)
    if word and not (word.group(0) == "到" and pre[: word.start()].endswith("达")):
        qualifiers.append("至" if word.group(0) == "到" else word.group(0))
        pre = pre[: word.start()]
        link = _LINK_TAIL.search(pre)
        if link:
            pre = pre[: link.start()]
    if "累计" in text[clause:start]:
        qualifiers.insert(0, "累计")
    return qualifiers, clause + len(pre)


def _direction(before: str) -> str:
    """up/down when a change verb comes right before the number (同比增长, 减少至)."""
    m = _CHANGE_TAIL.search(_TRAILING.sub("", before))
    if not m:
        return ""
    return "up" if any(m.group(0).startswith(u) for u in lx.UP) else "down"


def _measure(text: str, clause: int, link: int, end: int, kind: str) -> str:
    """What a number counts: the noun after it (26个市级部门) or else the one before it (违法案件300件).

    A span of time has no noun after it (20天内促成和解: 内促成… is what happened within it).
    """
    tail = _POSTFIX_HEAD.match(text, end)
    end = tail.end() if tail else end
    if text[end : end + 1].isdigit():
        return ""  # 4大类17个具体问题: nested counts take the next one's noun later
    if kind == "duration":  # 7日内程序性回复: what is done within it; 三年的纠纷: what lasted it
        within = _WITHIN.match(text, end)
        after = _measure_after(text, within.end()) if within else ""
    else:
        after = _measure_after(text, end)
    if len(after) >= 2:
        return after
    return _measure_before(text[clause:link])


_WITHIN = re.compile(r"(?:以内|之内|内|的)")
_UNOPENED = re.compile(r"^[，。；：！？、,;:!?…—·”’）)》〉」』\]］】\s]+")
_EARLIER_TAIL = re.compile(r"(?:过去|原来|原先|此前|以往|最初|改革前|以前)的?$")
_VERB_DONE = re.compile(rf"(?:{alternation(lx.VERBS_BEFORE)})[了过着]")


def _measure_after(text: str, pos: int) -> str:
    """The counted noun written right after a quantity (26个市级部门参与 → 市级部门), or ''."""
    if text.startswith("的", pos):
        pos += 1  # 90%的矛盾纠纷: the noun after 的
    m = _NOUN_AFTER.match(text, pos)
    written = m.group(0) if m else ""
    if _QUOTED_ONLY.fullmatch(written):
        return written  # 3名“法律明白人”: the quoted name is the noun
    segment = _NAMED_LIST.sub("", written)
    if segment[:1] in "（(":
        return ""  # 3.5万套（间）: a parenthetical unit, not the noun
    if not segment or _CHANGE_HEAD.match(segment) or segment[0] in "至到" or segment.startswith(lx.NOT_NOUN_AFTER):
        return ""  # 260个减少至… / 两个月就解决了: what follows is no noun, so the noun came before the number
    if _VERB_DONE.match(segment):
        return ""  # 1.3万亿斤以上作出了…: what was done follows, so the noun came before the number
    stop = next((m for m in _STOP_AFTER.finditer(segment) if not _inside_word(segment, m.start(), m.end())), None)
    if stop:
        segment = segment[: stop.start()]
    # An action verb with an object after it ends the noun (215项市级行政权力赋予开发区…).
    for verb in _VERB.finditer(segment, 2):
        if len(segment) - verb.end() >= 2:
            segment = segment[: verb.start()]
            break
    return _strip_scope(_LOCATIVE.sub("", segment))


def _inside_word(text: str, start: int, end: int) -> bool:
    """True when ``text[start:end]`` is part of a word it would wrongly cut (共 of 公共, 为 of 违法行为)."""
    return any(k <= start and text.startswith(word, start - k) for word, k in _compounds_holding(text[start:end]))


@cache
def _compounds_holding(part: str) -> tuple[tuple[str, int], ...]:
    """(word, offset) for each place ``part`` stands in a word of :data:`lexicon.STOP_COMPOUNDS`.

    >>> _compounds_holding("为")
    (('行为', 1), ('作为', 1), ('认为', 1), ('成为', 1), ('为民', 0))
    """
    return tuple(
        (word, k) for word in lx.STOP_COMPOUNDS for k in range(len(word) - max(1, len(part)) + 1)
        if word.startswith(part, k)
    )  # fmt: skip


def _strip_scope(phrase: str) -> str:
    """Drop words that open a noun phrase without naming it: 全市, 各类, “两品一械”等 …"""
    phrase = _SCOPE_HEAD.sub("", _NAMED_LIST.sub("", phrase) if "等" in phrase else phrase)
    if phrase.startswith("《") and phrase.endswith("》"):
        phrase = phrase[1:-1]
    return phrase


def _measure_before(chunk: str) -> str:
    """The counted noun in the clause before a number (查处违法案件 → 违法案件), or ''.

    Change verbs, comparisons (较上年), adverbs, dates and words that name nothing (力争把, 并于, 仅)
    are dropped first. A metric (调解成功率, 注册用户数) is kept whole. A noun followed by its verb
    (行政复议案件新收) is that noun. Otherwise the noun starts after the last action verb, unless that
    leaves two characters after a verb inside the phrase (随机抽取检查|对象): the verb is then part of
    the noun, so the cut moves one verb left. A clause that is only a verb is marked :data:`VERB_ONLY`.
    """
    previous = None
    while chunk != previous:  # 比上年末减少 → 比上年末 → ''
        previous = chunk
        chunk = _LINK_TAIL.sub("", _CHANGE_TAIL.sub("", _TRAILING.sub("", chunk)))
        chunk = _FILLER_TAIL.sub("", _FILLER_HEAD.sub("", chunk))
    chunk = DATE.sub("", chunk)
    parts = [part for part in _SPLITTERS.split(chunk) if part]
    chunk = parts[-1] if parts else ""
    if "等" in chunk.rstrip("等"):  # A、B等C: what is counted is C
        chunk = chunk[chunk.rstrip("等").rindex("等") + 1 :]
    chunk = _strip_scope(_FILLER_HEAD.sub("", chunk).lstrip(_PUNCTUATION))
    if len(chunk) < 2 or _METRIC_END.search(chunk):
        return chunk if len(chunk) >= 2 else ""
    ending = _VERB_END.search(chunk)
    if ending and ending.start() > 0:  # 行政复议案件新收, 县级保留: the noun (if any) is before its verb
        noun = _strip_scope(_LEVEL_HEAD.sub("", chunk[: ending.start()]).rstrip("的"))
        if len(noun) < 2:
            return VERB_ONLY + chunk
        chunk = noun
    for verb in reversed(list(_VERB.finditer(chunk))):
        rest = chunk[verb.end() :]
        if len(rest) >= 3 or (len(rest) == 2 and verb.start() == 0 and not _VERB.fullmatch(rest)):
            return _strip_scope(rest)
    return chunk if len(_VERB.sub("", chunk)) >= 2 else VERB_ONLY + chunk


_PUNCTUATION = "，。；：！？、,;:!?…—·“”‘’（）()《》 "
_FILLER_HEAD = re.compile(rf"^(?:{alternation(lx.NOT_NOUN_BEFORE)})+")
_FILLER_TAIL = re.compile(r"(?:的|仅|不|和|及|与|、)+$")
_VERB_END = re.compile(rf"(?:{alternation(lx.VERBS_AFTER_NOUN)})$")
_LEVEL_HEAD = re.compile(r"^(?:省|市|县|区|乡镇|乡|镇|村)(?:级|本级)?")


# Marks a measure that is only a verb (查询120批次, 废止6件): used when nothing better is found.
VERB_ONLY = "\0"


def _fill_implicit_measures(text: str, found: list[Quantity]) -> None:
    """Fill the nouns a report leaves implicit, in the order a reader resolves them.

    1. 4大类17个具体问题: a count glued to the next one counts the same things.
    2. 纠错量和调解量分别增长23.5%和41.2%: 分别 pairs a list of nouns with a list of numbers.
    3. 规范性文件41件，清理废止17件: a bare verb before a number defers to the sentence's
       previous noun, and is kept only when there is none (累计查询120批次 → 查询).
    4. 85项高频事项…、160项… / 由260个减少至35个 / 地区生产总值2.18万亿元，增长6.3%: a
       number with no noun of its own is about the previous number of its sentence.
    """
    for i in range(len(found) - 2, -1, -1):
        first, second = found[i], found[i + 1]
        if not first.measure and second.start == first.end:
            if not second.measure:  # 审结…案件35件82人: the noun is before the pair, and both count it
                second.measure = _measure_before(text[first.clause : first.link])
            first.measure = second.measure
    _distribute(text, found)
    for i, q in enumerate(found):
        prev = found[i - 1] if i else None
        earlier = prev.measure if prev and _same_sentence(text, prev, q) else ""
        earlier = "" if earlier.startswith(VERB_ONLY) else earlier
        if q.measure.startswith(VERB_ONLY):
            q.measure = earlier or _object_before(text, q) or q.measure.removeprefix(VERB_ONLY)
        elif not q.measure:
            q.measure = earlier
        q.measure = _UNOPENED.sub("", q.measure)  # ”抽查 → 抽查: a measure never starts with punctuation


_FIELD = re.compile(rf"[\u4e00-\u9fff]{{2,8}}(?:{alternation(lx.FIELD_WORDS)})")
_FIELD_STOP = re.compile(rf"(?s).*(?:{alternation(lx.FIELD_STOPS)})")


def _scope_alike(text: str, found: list[Quantity]) -> None:
    """Numbers that count the same measure in different fields (作出行政处罚决定1530件 … 980件) get the field
    their sentence names before them (安全生产领域, 生态环境领域) as their scope, so they never read alike."""
    alike: dict[tuple[str, str], list[Quantity]] = {}
    for q in found:
        if q.measure and not q.scope:
            alike.setdefault((q.measure, q.unit), []).append(q)
    for group in alike.values():
        if len(group) < 2:
            continue
        fields = [_field_before(text, q) for q in group]
        if len(set(fields)) == len(fields) and all(fields):
            for q, field in zip(group, fields, strict=True):
                q.scope = field


def _field_before(text: str, q: Quantity) -> str:
    """The last field (X领域, X行业, X系统) named in ``q``'s sentence before it, or ''."""
    start = _clause_start(text, q.start, _LAST_SENTENCE_END)
    fields = _FIELD.findall(text, start, q.start)
    if not fields:
        return ""
    field = fields[-1]
    stop = _FIELD_STOP.match(field, 0, len(field) - 2)  # 加强生态环境领域 → 生态环境领域
    field = field[stop.end() :] if stop else field
    return field if len(field) > 3 else ""


def _object_before(text: str, q: Quantity) -> str:
    """The noun of the clause before ``q``'s in its sentence, for a number that has only a verb
    (开展行政争议实质性化解，促成化解641件 → 行政争议实质性化解), or ''."""
    if q.clause == 0 or text[q.clause - 1] in _SENTENCE_END:
        return ""
    noun = _measure_before(text[_clause_start(text, q.clause - 1) : q.clause - 1])
    # 建立…查询机制，累计查询120批次: a mechanism is not what the number counts; its verb says more
    return "" if noun.startswith(VERB_ONLY) or noun.endswith(lx.INSTITUTION_ENDINGS) else noun


def _same_sentence(text: str, a: Quantity, b: Quantity) -> bool:
    return not any(c in _SENTENCE_END for c in text[a.end : b.start])


def _distribute(text: str, found: list[Quantity]) -> None:
    """Pair the nouns of a 分别 list with its numbers, in order (纠错量和调解量分别增长23.5%和41.2%).

    The list stands before 分别 in its clause, or in the clause before (涉及公安、市场监管和自然资源领域的案件
    数量居前三位，分别为…); with no list at all, the numbers are about the previous list of numbers
    (收案、结案分别为…，同比分别上升…). Short scopes before one long phrase (市级部门、区县行政许可事项“全程网办”
    比例分别达…) are modifiers of its head: every number counts the head, and each keeps its scope.
    """
    i = 0
    while i < len(found):
        q = found[i]
        start = _clause_start(text, q.link, _LAST_COMMA_OR_STOP)
        m = _DISTRIBUTE.match(text[start : q.start])
        if not m:
            i += 1
            continue
        group = [q]
        while i + len(group) < len(found):
            nxt = found[i + len(group)]
            between = _POSTFIX_HEAD.sub("", text[group[-1].end : nxt.start])
            if not _LIST_SEP.fullmatch(between):
                break
            group.append(nxt)
        subject = _TRAILING.sub("", m.group("subject"))
        parts = [p for p in _LIST_SEP.split(subject) if p] if subject else []
        if len(group) > 1 and len(parts) < len(group):
            listed = _list_before(text, start, len(group))
            if listed:
                parts, subject = listed, "、".join(listed)
        if subject and len(parts) == len(group) > 1:
            _pair(group, parts)
        elif not subject and i >= len(group):  # 游客…、收入…，分别增长8.3%和11.6%
            for member, earlier in zip(group, found[i - len(group) : i], strict=True):
                member.measure = member.measure or earlier.measure
                member.scope = member.scope or earlier.scope
        for member in group[1:]:  # 分别增长23.5%和41.2%: the verb before the list is said of every member
            member.direction = member.direction or q.direction
        i += len(group)


def _pair(group: list[Quantity], parts: list[str]) -> None:
    """Give each number of a 分别 group its part of the list: its own noun, or its scope of a shared head."""
    longest = max(len(p) for p in parts[:-1])
    if longest <= 4 and len(parts[-1]) >= 2 * longest:  # modifiers of one head
        # The last part is its scope and the head: a scope word (区县), else as long as the first scope.
        scope = _SHARED_SCOPE.match(parts[-1])
        cut = scope.end() if scope else len(parts[0])
        head = parts[-1][cut:] if len(parts[-1]) - cut >= 2 else parts[-1]
        scopes = [*parts[:-1], parts[-1][:cut] if head != parts[-1] else ""]
        for member, member_scope in zip(group, scopes, strict=True):
            member.measure, member.scope = head, member_scope
        return
    nouns = [_measure_before(part).removeprefix(VERB_ONLY) for part in parts]
    if len(set(nouns)) < len(nouns):  # 受理案件和办结案件: the verbs are what tell them apart
        nouns = [_strip_scope(part) for part in parts]
    for member, noun in zip(group, nouns, strict=True):
        member.measure = noun or member.measure


_LIST_ITEM = r"(?:(?![和及与的])[\u4e00-\u9fff（）]){2,8}"
_LIST = re.compile(rf"{_LIST_ITEM}(?:、{_LIST_ITEM})*(?:(?:和|及|与){_LIST_ITEM})?")


def _list_before(text: str, clause: int, size: int) -> list[str] | None:
    """The last list of ``size`` nouns (A、B和C) in the clause before ``clause``, within its sentence."""
    if clause == 0 or text[clause - 1] in _SENTENCE_END:
        return None
    previous = text[_clause_start(text, clause - 1, _LAST_COMMA_OR_STOP) : clause - 1]
    for m in reversed(list(_LIST.finditer(previous))):
        items = [item for item in _LIST_SEP.split(m.group(0)) if item]
        if len(items) == size and all(len(item) >= 2 for item in items):
            return items
    return None
