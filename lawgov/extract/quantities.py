"""Quantities: every number in a report as a typed claim (value, unit, qualifier, measure, kind) that
slices back to its text.

Per report: mask what is not a quantity (dates, quoted names and titles, document and phone
numbers, policy terms with numerals) → one regex pass for number + scale + unit → for each match
the qualifier words around it and the noun it counts, read from its clause → a last pass fills the
nouns that lists, 分别 and comparisons leave implicit.

>>> from lawgov.genre.vocabulary import vocabulary
>>> q = find_quantities("全市行政复议机关由375个减少至42个，处罚金额1234.56万元。", vocab=vocabulary())
>>> [(x.raw, str(x.value), x.unit, x.qualifier, x.measure, x.kind) for x in q]
[('375个', '375', '个', '由', '行政复议机关', 'count'), ('42个', '42', '个', '至', '行政复议机关', 'count'), \
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
from ..text.marks import TITLE
from ..text.numerals import CN_NUMERAL_CHARS, SCALES, parse_number, scaled
from ..text.spans import SpanSet
from .dates import DATE, DateMention, find_dates

if TYPE_CHECKING:
    from ..genre.vocabulary import Vocabulary


def _alt(words) -> str:
    return "|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True))


_ARABIC = r"[0-9０-９]{1,3}(?:,[0-9]{3})+(?![0-9])(?:\.[0-9]+)?|[0-9０-９]+(?:[.．][0-9０-９]+)?"
# Numbers start only where a run of digits or numerals starts (the lookbehinds in QUANTITY) and
# are possessive, so a 20 MB run of 万 is read once, not once per character.
_CHINESE = rf"[{CN_NUMERAL_CHARS}]++"
_RANGE_SEP = r"[-－—~～至到]"
_APPROX = _alt(lx.APPROX_INSIDE)
_BIG = ["大类", "大项", "大"]  # 5大类 (大 intensifies the classifier), 三大平台 (three platforms)

QUANTITY = re.compile(
    rf"""
    (?=[0-9０-９{CN_NUMERAL_CHARS}])  # skip, in one test, the positions where no number can start
    (?:
        # a range of percentages: 30%-45%
        (?<![0-9０-９.．]) (?P<p1>{_ARABIC}) [%％] (?P<psep>{_RANGE_SEP}) (?P<p2>{_ARABIC}) (?P<punit>[%％])
    |   # a percentage in words: 百分之三十, 百分之30
        (?P<pct> 百分之 (?P<pctnum>{_CHINESE}|{_ARABIC}) )
    |   # digits, or a range of them, then approximation, scale and unit: 1600余个, 3万多户, 26.14万户, 10-20个
        (?<![0-9０-９.．]) (?P<num>{_ARABIC}) (?: (?P<sep>{_RANGE_SEP}) (?P<num2>{_ARABIC}) )?
        (?P<ap1>{_APPROX})? (?P<scale>{_alt(lx.SCALE_WORDS)})? (?P<ap2>{_APPROX})?
        (?P<unit>{_alt([*lx.UNITS, *_BIG])})?
    |   # a Chinese numeral and its classifier: 二十九项, 两轮, 三大平台
        (?<![{CN_NUMERAL_CHARS}]) (?P<cn>{_CHINESE}) (?P<cnunit>{_alt([*lx.CHINESE_NUMERAL_UNITS, *_BIG])})
    |   # a round number and its approximation: 百余个, 千余名
        (?P<round>[百千万]) (?P<roundap>余|多) (?P<roundunit>{_alt(lx.CHINESE_NUMERAL_UNITS)})
    )
    """,
    re.VERBOSE,
)
# 十四届人大二次会议: a session number, written without 第.
_SESSION = re.compile(r"会议|全会|全体会议|常委会")
# Spans whose digits are names, not quantities.
NAMES = re.compile(
    rf"""
    (?=[“「『《〈〔\[［【(（A-Za-z0-9二十])  # skip the positions where no name can start
    (?:
        “[^“”\n，。；！？]{{0,40}}”          # a quoted name or slogan (“八五”普法, “一网通办”), not quoted speech
    |   「[^「」\n，。；！？]{{0,40}}」 | 『[^『』\n，。；！？]{{0,40}}』    # the same in corner brackets
    |   {TITLE}                              # a title: 《某某条例》, one nested title allowed
    |   〈[^〈〉\n]*〉                        # a title inside a title written 〈…〉
    |   [〔\[［【(（] [0-9０-９]{{4}} [〕\]］】)）] [0-9０-９]+ 号  # a document number: 〔2019〕28号
    |   [A-Za-z]{{1,4}} [0-9０-９]+ (?:\.[0-9]+)?                # a code: PM2.5, G75
    |   (?<![0-9]) 0[0-9]{{2,3}} \s* [-－] \s* [0-9]{{7,8}} (?![0-9])  # a landline: 023-88196826
    |   (?<![0-9]) 1[3-9][0-9]{{9}} (?![0-9])                     # a mobile number
    |   (?<![0-9一二三四五六七八九十]) (?:二十[一二三四五六七八九]?|十[一二三四五六七八九]) 大  # a congress: 二十大
    |   (?<![0-9]) [0-9]{{1,2}} 时 (?: [0-9]{{1,2}} 分 )?                # a time of day: 15时, 9时30分
    )
    """,
    re.VERBOSE,
)
_CLAUSE_END = "，。；！？、,;!?\n"
_SENTENCE_END = "。；！？;!?\n"
# 为 links (比重为55.2%) except as the end of a noun (违法行为48起).
_LINK_TAIL = re.compile(rf"(?:{_alt(w for w in lx.LINKS if w != '为')}|(?<![行作成认因以])为)$")
_PREFIX_TAIL = re.compile(rf"(?:{_alt(lx.PREFIX_QUALIFIERS)})$")
_POSTFIX_HEAD = re.compile(_alt(lx.POSTFIX_QUALIFIERS))
_CHANGE_HEAD = re.compile(rf"{_alt(lx.UP)}|{_alt(lx.DOWN)}")
_CHANGE_TAIL = re.compile(rf"(?:{_alt(lx.UP)}|{_alt(lx.DOWN)})(?:到|至|了)?$")
_TRAILING = re.compile(rf"(?:{lx.COMPARISON}|{_alt(lx.TRAILING_ADVERBS)}|[:：\s])+$")
_VERB = re.compile(_alt(lx.VERBS_BEFORE))
_STOP_AFTER = re.compile(_alt(lx.STOPS_AFTER))
# A noun written after its number: characters up to punctuation, a digit or a title, with short
# parentheticals (市（州）) inside and a quoted name (“惠民购物季”促消费活动) allowed at its start.
_NOUN_AFTER = re.compile(r"(?:“[^”\n]{0,20}”)?(?:[^，。；：！？、,;:!?\n（(“《0-9０-９%％]|[（(][^）)\n]{0,12}[）)])+")
_LOCATIVE = re.compile(r"(?<=..)[中内里]$")  # 290个事项中: the noun without its locative
_SCOPE_HEAD = re.compile(rf"^(?:{_alt(lx.SCOPE_PREFIXES)})+")
_NAMED_LIST = re.compile(r"^(?:“[^”]*”|《[^》]*》)+等?")
_METRIC_END = re.compile(rf"(?:{_alt(lx.METRIC_ENDINGS)})$")
_SPLITTERS = re.compile(r"累计|共计|合计|已经|已|先后|分别|依法|同比|环比|其中")
_DISTRIBUTE = re.compile(
    rf"^(?P<subject>.*?)分别(?:为|是|达到|达|增长|下降|提高|降低|减少|增加|上升)?了?(?:{_alt(lx.PREFIX_QUALIFIERS)})?$"
)
_LIST_SEP = re.compile(r"、|和|及|与")


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


@cache
def _numeral_terms(vocab: Vocabulary) -> re.Pattern[str] | None:
    """Dictionary terms that contain a numeral (三项制度, 一网通办): their numerals are names, not counts."""
    terms = [t for t in vocab.words if any(c in CN_NUMERAL_CHARS for c in t)]
    return re.compile(_alt(terms)) if terms else None


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
        return None  # 2021年 is a year, not a duration
    after = m.string[m.end() : m.end() + 2]
    if (
        (unit == "周" and after[:1] == "年")
        or (unit == "日" and after[:1] != "内")
        or (unit == "分" and before == "时")
    ):
        return None  # 颁布30周年 is an anniversary; 15日 a day of the month, 7日内 a span; 15时30分 a time
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
        qualifier=";".join(qualifiers), measure=_measure(text, clause, link, end), kind=kind,
        direction=direction, link=link,
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
    pre = text[clause:start].rstrip(":： ")
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


def _measure(text: str, clause: int, link: int, end: int) -> str:
    """What a number counts: the noun after it (19个市级部门) or else the one before it (违法案件300件)."""
    tail = _POSTFIX_HEAD.match(text, end)
    end = tail.end() if tail else end
    if text[end : end + 1].isdigit():
        return ""  # 5大类21个具体问题: nested counts take the next one's noun later
    after = _measure_after(text, end)
    if len(after) >= 2:
        return after
    return _measure_before(text[clause:link])


def _measure_after(text: str, pos: int) -> str:
    """The counted noun written right after a quantity (19个市级部门参与 → 市级部门), or ''."""
    m = _NOUN_AFTER.match(text, pos)
    segment = _NAMED_LIST.sub("", m.group(0)) if m else ""
    if segment[:1] in "（(":
        return ""  # 3.5万套（间）: a parenthetical unit, not the noun
    if not segment or _CHANGE_HEAD.match(segment) or segment[0] in "至到":
        return ""  # 375个减少至…: a change follows, so the noun came before the number
    stop = _STOP_AFTER.search(segment)
    if stop:
        segment = segment[: stop.start()]
    # An action verb with an object after it ends the noun (306项区县级行政权力赋予万州区…).
    for verb in _VERB.finditer(segment, 2):
        if len(segment) - verb.end() >= 2:
            segment = segment[: verb.start()]
            break
    return _strip_scope(_LOCATIVE.sub("", segment))


def _strip_scope(phrase: str) -> str:
    """Drop words that open a noun phrase without naming it: 全市, 各类, “两品一械”等 …"""
    phrase = _SCOPE_HEAD.sub("", _NAMED_LIST.sub("", phrase) if "等" in phrase else phrase)
    if phrase.startswith("《") and phrase.endswith("》"):
        phrase = phrase[1:-1]
    return phrase


def _measure_before(chunk: str) -> str:
    """The counted noun in the clause before a number (查处违法案件 → 违法案件), or ''.

    Change verbs, comparisons (较上年), adverbs and dates are dropped first. A metric (调解成功率,
    注册用户数) is kept whole. Otherwise the noun starts after the last action verb, unless that
    leaves two characters after a verb inside the phrase (随机抽取检查|对象): the verb is then part
    of the noun, so the cut moves one verb left.
    """
    previous = None
    while chunk != previous:  # 比上年末减少 → 比上年末 → ''
        previous = chunk
        chunk = _LINK_TAIL.sub("", _CHANGE_TAIL.sub("", _TRAILING.sub("", chunk)))
    chunk = DATE.sub("", chunk)
    parts = [part for part in _SPLITTERS.split(chunk) if part]
    chunk = parts[-1] if parts else ""
    if "等" in chunk.rstrip("等"):  # A、B等C: what is counted is C
        chunk = chunk[chunk.rstrip("等").rindex("等") + 1 :]
    chunk = _strip_scope(chunk)
    if len(chunk) < 2 or _METRIC_END.search(chunk):
        return chunk if len(chunk) >= 2 else ""
    for verb in reversed(list(_VERB.finditer(chunk))):
        rest = chunk[verb.end() :]
        if len(rest) >= 3 or (len(rest) == 2 and verb.start() == 0 and not _VERB.fullmatch(rest)):
            return _strip_scope(rest)
    return chunk if len(_VERB.sub("", chunk)) >= 2 else VERB_ONLY + chunk


# Marks a measure that is only a verb (查询340批次, 废止6件): used when nothing better is found.
VERB_ONLY = "\0"


def _fill_implicit_measures(text: str, found: list[Quantity]) -> None:
    """Fill the nouns a report leaves implicit, in the order a reader resolves them.

    1. 5大类21个具体问题: a count glued to the next one counts the same things.
    2. 纠错量和调解量分别增长23.5%和41.2%: 分别 pairs a list of nouns with a list of numbers.
    3. 规范性文件41件，清理废止17件: a bare verb before a number defers to the sentence's
       previous noun, and is kept only when there is none (累计查询340批次 → 查询).
    4. 132项高频事项…、210项… / 由375个减少至42个 / 地区生产总值2.18万亿元，增长6.3%: a
       number with no noun of its own is about the previous number of its sentence.
    """
    for i in range(len(found) - 2, -1, -1):
        if not found[i].measure and found[i + 1].start == found[i].end:
            found[i].measure = found[i + 1].measure
    _distribute(text, found)
    for i, q in enumerate(found):
        if q.measure.startswith(VERB_ONLY):
            prev = found[i - 1] if i else None
            if prev and prev.measure and not prev.measure.startswith(VERB_ONLY) and _same_sentence(text, prev, q):
                q.measure = prev.measure
            else:
                q.measure = q.measure.removeprefix(VERB_ONLY)
    for i in range(1, len(found)):
        if not found[i].measure and _same_sentence(text, found[i - 1], found[i]):
            found[i].measure = found[i - 1].measure


def _same_sentence(text: str, a: Quantity, b: Quantity) -> bool:
    return not any(c in _SENTENCE_END for c in text[a.end : b.start])


def _distribute(text: str, found: list[Quantity]) -> None:
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
        subject = m.group("subject")
        parts = [p for p in _LIST_SEP.split(subject) if p] if subject else []
        if subject and len(parts) == len(group) > 1:
            # 市级部门、区县行政许可事项“全程网办”比例分别达…: short scopes before one long phrase are
            # modifiers of its head, not a list of nouns, so every number keeps the whole phrase.
            modifiers = max(len(p) for p in parts[:-1]) <= 4 and len(parts[-1]) >= 2 * max(len(p) for p in parts[:-1])
            if not modifiers:
                nouns = [_measure_before(part).removeprefix(VERB_ONLY) for part in parts]
                if len(set(nouns)) < len(nouns):  # 受理案件和办结案件: the verbs are what tell them apart
                    nouns = [_strip_scope(part) for part in parts]
                for member, noun in zip(group, nouns, strict=True):
                    member.measure = noun or member.measure
        elif not subject and i >= len(group):  # 游客…、收入…，分别增长8.3%和11.6%
            for member, earlier in zip(group, found[i - len(group) : i], strict=True):
                member.measure = member.measure or earlier.measure
        for member in group[1:]:  # 分别增长23.5%和41.2%: the verb before the list is said of every member
            member.direction = member.direction or q.direction
        i += len(group)
