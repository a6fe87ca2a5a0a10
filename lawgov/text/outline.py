"""Clean text → outline: sections (with their two-line headings), paragraphs, lead sentences, sentences.

Every piece is a :class:`Span` with ``start``/``end`` offsets into the report text, so any later
finding can be placed in its section and paragraph with :meth:`Outline.locate`.

Headings are recognised by form, not by content: a short paragraph with no sentence-ending
punctuation, or one numbered in the usual styles (``一、``, ``（一）``, ``1.``, ``（1）``); a numbered
heading run into its paragraph (``一、坚持党的领导。全面加强……``) is split into the heading and the
paragraph. Two unnumbered headings in a row are a title and its subtitle. Datelines, subtitles
(——…会议上), salutations (各位代表：), speakers, signatures, dates and short statistic lines are
paragraphs, never headings. Paragraphs before the first heading (the news lead) form section 0.
Enumerations inside a paragraph (一是…二是…) are its items.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cached_property
from typing import TYPE_CHECKING

from ..genre import lexicon as lx
from ..schema import frame
from .numerals import parse_chinese

if TYPE_CHECKING:
    import pandas as pd

    from ..report import Report

# Numbering styles, from the outermost level in; the level of a numbered heading is its index + 1.
NUMBERING = tuple(re.compile(f"^{pattern}") for pattern in lx.HEADING_NUMBERS)
_SENTENCE = re.compile(r"[^。！？!?]*(?:[。！？!?]+|……|$)[”’」』）)]*")
_TOPIC = re.compile(r"^[^，。：；]{2,30}?方面(?=[，：])")
# A first sentence this long is a finding, not a lead; its short opening clause is the lead.
_LEAD_MAX_CHARS = 40
_LEAD_CLAUSE = re.compile(r"^[^，。：；]{2,12}(?=，)")
HEADING_MAX_CHARS = 40


@dataclass(frozen=True)
class Span:
    """A piece of the text with its offsets: ``text[start:end] == span.text``."""

    start: int
    end: int
    text: str


@dataclass(frozen=True)
class Paragraph:
    """A paragraph: its lead, its sentences and the items of an enumeration it holds (一是…二是…)."""

    id: int
    section: int
    start: int
    end: int
    text: str
    lead: Span
    sentences: tuple[Span, ...]
    items: tuple[Span, ...] = ()


@dataclass(frozen=True)
class Section:
    """A section: its heading (``title`` and optional ``subtitle``), level, numbering and paragraphs.

    Section 0 is the text before the first heading and has no title.
    """

    id: int
    level: int
    number: str | None
    title: Span | None
    subtitle: Span | None
    paragraphs: tuple[Paragraph, ...]


@dataclass(frozen=True)
class Outline:
    text: str
    sections: tuple[Section, ...]

    def paragraphs(self) -> Iterator[Paragraph]:
        for section in self.sections:
            yield from section.paragraphs

    @cached_property
    def _starts(self) -> tuple[list[int], list[Paragraph]]:
        paragraphs = list(self.paragraphs())
        return [p.start for p in paragraphs], paragraphs

    def locate(self, offset: int) -> tuple[int | None, int | None]:
        """``(section id, paragraph id)`` of the paragraph holding ``offset``; ``None`` outside paragraphs."""
        starts, paragraphs = self._starts
        i = bisect.bisect_right(starts, offset) - 1
        if i >= 0 and offset < paragraphs[i].end:
            return paragraphs[i].section, paragraphs[i].id
        return None, None

    def rows(self) -> Iterator[tuple]:
        """One tuple per title, subtitle, paragraph, lead, sentence and item: the columns of the ``outline`` table."""
        for s in self.sections:
            for kind, span in (("title", s.title), ("subtitle", s.subtitle)):
                if span:
                    yield kind, s.id, None, None, None, s.level, span.start, span.end, span.text
            for p in s.paragraphs:
                yield "paragraph", s.id, p.id, None, None, s.level, p.start, p.end, p.text
                yield "lead", s.id, p.id, None, None, s.level, p.lead.start, p.lead.end, p.lead.text
                for k, sent in enumerate(p.sentences):
                    yield "sentence", s.id, p.id, k, None, s.level, sent.start, sent.end, sent.text
                for k, item in enumerate(p.items, start=1):
                    yield "item", s.id, p.id, None, k, s.level, item.start, item.end, item.text

    def table(self) -> pd.DataFrame:
        """The ``outline`` table: :meth:`rows` with offsets into the text (see :data:`lawgov.schema.SCHEMAS`)."""
        return frame("outline", self.rows())


def numbering_level(text: str) -> tuple[int, str] | None:
    """``(level, number)`` when ``text`` starts with a heading number.

    >>> numbering_level("（二）严格规范执法")
    (2, '（二）')
    >>> numbering_level("2023年") is None
    True
    """
    for level, pattern in enumerate(NUMBERING, start=1):
        m = pattern.match(text)
        if m:
            return level, m.group(0)
    return None


_NOT_HEADINGS = tuple(re.compile(p) for p in (lx.DATELINE, lx.SUBTITLE, lx.DATE_ALONE, r"[：:]$"))
_SPEAKER = re.compile(lx.SPEAKER)
_COUNTED = re.compile(lx.COUNTED)
_DATE_ALONE = re.compile(lx.DATE_ALONE)
_FIGURE_ALONE = re.compile(rf"^(?:{lx.COUNTED}|[0-9０-９][0-9０-９,.，．]*\s*(?:万|亿)?\S{{0,3}})$")
_INLINE_HEADING = re.compile(rf"[^。！？!?；;]{{1,{HEADING_MAX_CHARS}}}(?=。)")


def is_heading(text: str) -> bool:
    """A paragraph that is a heading: short, not a sentence, and none of the short lines that are not headings
    (datelines, subtitles, salutations, speakers, dates, statistics: 全年新增12.3万户).

    >>> is_heading("深化“放管服”改革"), is_heading("持续简政放权，大力精减事项。"), is_heading("各位代表：")
    (True, False, False)
    >>> is_heading("本报讯（记者 张三）"), is_heading("二、2024年工作安排"), is_heading("全年新增经营主体12.3万户")
    (False, True, False)
    """
    if not 0 < len(text) <= HEADING_MAX_CHARS or re.search(r"[。！？!?；;]|……$", text):
        return False
    if any(p.search(text) for p in _NOT_HEADINGS) or _SPEAKER.match(text):
        return False
    return numbering_level(text) is not None or not _COUNTED.search(text)


def inline_heading(text: str) -> int | None:
    """Where a numbered heading run into its paragraph ends (``一、坚持党的领导。全面加强……`` → before the
    first 。), or None: the heading is numbered, at most :data:`HEADING_MAX_CHARS` long, and text follows it.

    >>> t = "（一）强化组织领导。县政府常务会议全年学法6次。"
    >>> t[: inline_heading(t)]
    '（一）强化组织领导'
    >>> inline_heading("1. 清理文件35件。") is None, inline_heading("加强领导。全年开会。") is None
    (True, True)
    """
    if numbering_level(text) is None:
        return None
    m = _INLINE_HEADING.match(text)
    if not m or not text[m.end() + 1 :].strip():
        return None
    return m.end()


def split_sentences(text: str, offset: int = 0) -> list[Span]:
    """Sentences of one paragraph, each ending at 。！？ (closing quotes stay with their sentence).

    >>> [s.text for s in split_sentences("他说：“好。”然后走了。尾巴")]
    ['他说：“好。”', '然后走了。', '尾巴']
    """
    spans = []
    for m in _SENTENCE.finditer(text):
        raw = m.group(0)
        stripped = raw.strip()
        if stripped:
            start = offset + m.start() + (len(raw) - len(raw.lstrip()))
            spans.append(Span(start, start + len(stripped), stripped))
    return spans


def lead_sentence(text: str, offset: int = 0) -> Span:
    """The paragraph's lead: its first sentence, or a short opening clause when that sentence runs on.

    Reports open paragraphs with a topic: a short sentence, a clause ending in 方面, or a short
    clause before a long sentence of findings.

    >>> lead_sentence("加强宣传方面，我市开展活动。").text
    '加强宣传方面'
    >>> lead_sentence("持续简政放权，大力精减事项。动态调整。").text
    '持续简政放权，大力精减事项。'
    >>> lead_sentence("加强重点执法，组织开展食品、药品、特种设备等领域12个专项执法检查，查处违法案件300件。").text
    '加强重点执法'
    """
    m = _TOPIC.match(text)
    if m:
        return Span(offset, offset + m.end(), m.group(0))
    sentences = split_sentences(text, offset)
    if not sentences:
        return Span(offset, offset + len(text), text)
    first = sentences[0]
    clause = _LEAD_CLAUSE.match(first.text)
    if len(first.text) > _LEAD_MAX_CHARS and clause:
        return Span(first.start, first.start + clause.end(), clause.group(0))
    return first


def paragraph_spans(text: str) -> list[Span]:
    """The blank-line separated paragraphs of clean text, with offsets."""
    return [Span(m.start(), m.end(), m.group(0)) for m in re.finditer(r"[^\n]+(?:\n[^\n]+)*", text)]


def outline(report: Report | str) -> Outline:
    """Split a report (or clean text) into sections, paragraphs and sentences.

    >>> o = outline("导语，开头。\\n\\n一、总体情况\\n\\n（一）加强领导。全年开会。")
    >>> [(s.id, s.level, s.number, s.title and s.title.text) for s in o.sections]
    [(0, 0, None, None), (1, 1, '一、', '一、总体情况'), (2, 2, '（一）', '（一）加强领导')]
    >>> [p.lead.text for p in o.paragraphs()]
    ['导语，开头。', '全年开会。']
    """
    text = report if isinstance(report, str) else report.text
    sections: list[Section] = []
    current = Section(0, 0, None, None, None, ())
    paragraphs: list[Paragraph] = []

    def close() -> None:
        if current.id or paragraphs:
            sections.append(_with_paragraphs(current, paragraphs))

    for is_title, span in _pieces(paragraph_spans(text)):
        if not is_title:
            paragraphs.append(_paragraph(span, current.id, sum(len(s.paragraphs) for s in sections) + len(paragraphs)))
            continue
        numbered = numbering_level(span.text)
        if current.id and not paragraphs and current.subtitle is None and current.number is None and not numbered:
            current = Section(current.id, current.level, None, current.title, span, ())
            continue
        close()
        paragraphs = []
        level, number = numbered or (1, None)
        current = Section(current.id + 1, level, number, span, None, ())
    close()
    return Outline(text, tuple(sections))


def _pieces(spans: list[Span]) -> Iterator[tuple[bool, Span]]:
    """(is a heading, span) for the paragraphs of a text: inline headings split off, signatures not headings."""
    for i, span in enumerate(spans):
        cut = inline_heading(span.text)
        if cut is not None:
            rest = span.start + cut + 1  # after the heading's 。
            yield True, Span(span.start, span.start + cut, span.text[:cut])
            yield False, Span(rest, span.end, span.text[cut + 1 :])
            continue
        # An organisation above a date is a signature; a label above a figure (新收案件 / 8,326件) is a statistic.
        below = spans[i + 1].text if i + 1 < len(spans) else ""
        label = bool(_DATE_ALONE.search(below) or _FIGURE_ALONE.match(below)) and not numbering_level(span.text)
        yield is_heading(span.text) and not label, span


def _with_paragraphs(section: Section, paragraphs: list[Paragraph]) -> Section:
    return Section(section.id, section.level, section.number, section.title, section.subtitle, tuple(paragraphs))


def _paragraph(span: Span, section: int, pid: int) -> Paragraph:
    return Paragraph(
        id=pid,
        section=section,
        start=span.start,
        end=span.end,
        text=span.text,
        lead=lead_sentence(span.text, span.start),
        sentences=tuple(split_sentences(span.text, span.start)),
        items=tuple(enumeration(span.text, span.start)),
    )


# The lookahead (whitespace or the numeral a match opens with) lets re skip every other position at once.
_ENUMERATION = re.compile(rf"(?=[\s{lx.ENUMERATION_NUMERALS}])(?:^|(?<=[。；，：;,:]))\s*{lx.ENUMERATION}")
_ITEM_END = "。；;，,"


def enumeration(text: str, offset: int = 0) -> list[Span]:
    """The items of an enumeration in a paragraph (一是…二是…, 一要…二要…), numbered from 一 without a gap.

    >>> [s.text for s in enumeration("主要做法：一是抓督察，通报问题64个；二是抓考核。另有三是不算。")]
    ['一是抓督察，通报问题64个', '二是抓考核']
    """
    markers = []
    for m in _ENUMERATION.finditer(text):
        try:
            n = parse_chinese(m.group("n"))
        except ValueError:
            continue
        if n == len(markers) + 1:
            markers.append(m.start("n"))
    if len(markers) < 2:
        return []
    spans = []
    for start, nxt in zip(markers, [*markers[1:], None], strict=True):
        end = nxt if nxt is not None else _sentence_end(text, start)
        chunk = text[start:end].rstrip(_ITEM_END + " ")
        spans.append(Span(offset + start, offset + start + len(chunk), chunk))
    return spans


def _sentence_end(text: str, start: int) -> int:
    m = re.search(r"[。！？!?]", text[start:])
    return start + m.start() if m else len(text)
