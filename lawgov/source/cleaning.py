"""Raw page text → clean report text, one small named step at a time.

Each step is a plain ``str -> str`` (or list) function so it can be tested from a table of cases,
and :func:`clean` composes them; both readers (text files and HTML pages) run the same composition.
Cleaning clean text changes nothing.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass

from .metadata import META_LINE
from .reading import HAN

# Lines that belong to the website, not to the article. Each pattern is matched against a whole
# stripped line; body sentences that merely mention 举报 or 电话 are not touched because every
# pattern needs a footer-specific cue (a phone number, a licence number, a copyright sign …).
FURNITURE = tuple(
    re.compile(p)
    for p in (
        r"^(?:Copyright|COPYRIGHT|版权所有)|©|\(c\)\s*\d{4}|版权归.{1,30}所有",
        r"公网安备|ICP备|ICP证|增值电信业务经营许可证",
        r"(?:电话|热线|传真|举报)[^。]{0,20}?[:：]?\s*\(?0\d{2,3}\)?\s*[-－—]?\s*\d{7,8}",
        r"举报(?:电话|邮箱|信箱|中心)",
        r"^(?:在线投稿|投稿邮箱|网站地图|联系我们|关于我们|设为首页|加入收藏)",
        r"^(?:分享到|打印本页|关闭窗口|返回顶部|扫一扫|【?字[体号][:：]?\s*[【\[]?大)",
        r"^(?:上一篇|下一篇)[:：]",
        r"^[（(]?(?:完|责任编辑[:：].{1,12})[）)]?$",
    )
)

FURNITURE_MAX_CHARS = 200

_SPACES = "[ \t\u00a0\u3000]"


def is_furniture(line: str) -> bool:
    """True for a line of site furniture: meta/byline, copyright, licence, phone, tip-off, submission lines.

    >>> is_furniture("渝ICP备15010797号")
    True
    >>> is_furniture("受理群众举报73条。")
    False
    """
    line = line.strip()
    if not line or len(line) > FURNITURE_MAX_CHARS:
        return False  # site furniture is short; a long line is content, whatever it mentions
    return bool(META_LINE.search(line)) or any(p.search(line) for p in FURNITURE)


def drop_furniture(lines: list[str]) -> list[str]:
    """Remove site-furniture lines, keeping everything else in order."""
    return [line for line in lines if not is_furniture(line)]


# Format characters (Unicode category Cf: zero-width spaces and joiners, BOM, direction marks) are invisible
# but split what a reader sees as one number (4\u200b599件); combining marks after a digit or a decimal point
# likewise. Neither belongs in a report's text.
_FORMAT = re.compile(  # category Cf as of Unicode 14.0.0 (tested against unicodedata)
    "[\u00ad\u0600-\u0605\u061c\u06dd\u070f\u0890-\u0891\u08e2\u180e\u200b-\u200f\u202a-\u202e"
    "\u2060-\u2064\u2066-\u206f\ufeff\ufff9-\ufffb\U000110bd\U000110cd\U00013430-\U00013438\U0001bca0-\U0001bca3\U0001d173-\U0001d17a\U000e0001\U000e0020-\U000e007f]"
)
_MARK_IN_NUMBER = re.compile(r"(?<=[0-9０-９.．])[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]+")


def drop_invisible(line: str) -> str:
    """Remove format characters everywhere and combining marks inside numbers.

    >>> drop_invisible("查处案件4\u200b599件，\u200f同比增长1\u0301.2%")
    '查处案件4599件，同比增长1.2%'
    """
    if line.isascii():
        return line
    return _MARK_IN_NUMBER.sub("", _FORMAT.sub("", line))


def strip_indentation(line: str) -> str:
    """Remove leading and trailing spaces, including full-width and no-break spaces."""
    return line.strip(" \t\u00a0\u3000\r\ufeff\u200b")


def _is_cjk(ch: str) -> bool:
    if not ch:
        return False
    return bool(HAN.match(ch)) or "\u3000" <= ch <= "\u303f" or "\uff00" <= ch <= "\uffef" or ch in "“”‘’…—·"


# ASCII punctuation and its full-width form in Chinese prose.
_FULL = {",": "，", ":": "：", ";": "；", "!": "！", "?": "？", "(": "（", ")": "）"}
_PARENS = re.compile(r"\(([^()\n]*)\)")
_MARKS = re.compile(r"[,:;!?]")
_NEXT_CHAR = re.compile(r"[ \t]*([^ \t])")
_AROUND_FULL = re.compile(rf"{_SPACES}*([，：；！？（）]){_SPACES}*")


def normalize_punctuation(text: str) -> str:
    """Turn ASCII , : ; ! ? ( ) into full-width forms where they sit in Chinese prose.

    Decimal points, thousands separators (``1,234``), clock times and punctuation between Latin
    words are left alone.

    >>> normalize_punctuation("本网讯(记者 张三)在会上, 提出: 1,234件, 10:30, Hello, world")
    '本网讯（记者 张三）在会上，提出：1,234件，10:30, Hello, world'
    """

    def paren(m: re.Match[str]) -> str:
        inner, s, e = m.group(1), m.start(), m.end()
        outside = (m.string[s - 1] if s else "") + (m.string[e] if e < len(m.string) else "")
        if HAN.search(inner) or any(_is_cjk(c) for c in outside):
            return f"（{inner}）"
        return m.group(0)

    def mark(m: re.Match[str]) -> str:
        s, string = m.start(), m.string
        before = string[s - 1] if s else ""
        after = string[s + 1 : s + 2]
        nxt = _NEXT_CHAR.match(string, s + 1)  # not a slice of the rest: lines can be megabytes long
        following = nxt.group(1) if nxt else ""
        if before.isdigit() and after.isdigit():
            return m.group(0)  # 1,234 · 10:30 · 3:1
        if _is_cjk(before) or _is_cjk(following):
            return _FULL[m.group(0)]
        return m.group(0)

    # A converted mark can make its neighbour convertible (``0::``), so repeat until nothing changes.
    previous = None
    while text != previous:
        previous = text
        text = _MARKS.sub(mark, _PARENS.sub(paren, text))
        # Full-width punctuation carries its own spacing: drop the spaces an ASCII habit left around it.
        text = _AROUND_FULL.sub(r"\1", text)
    return text


@dataclass(frozen=True)
class Copies:
    """The article copies found on a page: the one kept, how many there were, whether all agreed."""

    kept: list[str]
    count: int
    identical: bool


# A paragraph long enough that its recurrence means the article was repeated, not a slogan.
_ANCHOR_CHARS = 20


def dedupe_copies(paragraphs: list[str]) -> Copies:
    """Find repeated copies of the article in a list of paragraphs and keep the first.

    A new copy starts wherever the first long paragraph that recurs appears again; the page is
    treated as repeated only when most long paragraphs recur, so a repeated slogan is not a copy.

    >>> body = ["标题标题标题标题标题标题标题标题标题标题标题", "正文正文正文正文正文正文正文正文正文正文正文正文。"]
    >>> c = dedupe_copies(body + body)
    >>> (c.kept == body, c.count, c.identical)
    (True, 2, True)
    """
    positions: dict[str, list[int]] = {}
    for i, p in enumerate(paragraphs):
        if len(p) >= _ANCHOR_CHARS:
            positions.setdefault(p, []).append(i)
    repeated = [pos for pos in positions.values() if len(pos) > 1]
    if repeated and 2 * len(repeated) >= len(positions):
        anchor = min(repeated, key=lambda pos: pos[0])
        bounds = [0, *anchor[1:], len(paragraphs)]
        copies = [paragraphs[a:b] for a, b in itertools.pairwise(bounds)]
        first = [p for p in copies[0] if len(p) >= _ANCHOR_CHARS]
        # A real first copy repeats nothing itself, and every later copy shares most of it.
        if len(set(first)) == len(first) and all(2 * len(set(first) & set(c)) >= len(first) for c in copies[1:]):
            return Copies(copies[0], len(copies), all(c == copies[0] for c in copies[1:]))
    return Copies(list(paragraphs), 1, True)


def split_lines(text: str) -> list[str]:
    """Non-empty, stripped lines of ``text`` (newlines of any platform)."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u2028", "\n").replace("\u2029", "\n")
    return [s for s in (strip_indentation(line) for line in text.split("\n")) if s]


def join_paragraphs(paragraphs: list[str]) -> str:
    """One blank line between paragraphs, no trailing newline."""
    return "\n\n".join(paragraphs)


@dataclass(frozen=True)
class Cleaned:
    """A page after cleanup: the kept copy's paragraphs, the furniture removed, the copies found."""

    paragraphs: list[str]
    furniture: tuple[str, ...]
    copies: int
    identical: bool


def clean(lines: list[str]) -> Cleaned:
    """The whole cleanup of a page's stripped lines: drop invisible characters → drop furniture → normalise
    punctuation → keep one copy."""
    lines = [line for line in (drop_invisible(line) for line in lines) if line]
    furniture = tuple(line for line in lines if is_furniture(line))
    copies = dedupe_copies([normalize_punctuation(line) for line in drop_furniture(lines)])
    return Cleaned(copies.kept, furniture, copies.count, copies.identical)


def clean_text(text: str) -> str:
    """:func:`clean` as text, one blank line between paragraphs; ``clean_text(clean_text(t)) == clean_text(t)``.

    >>> clean_text("  第一段,内容。\\n\\n\\n第二段(附)。")
    '第一段，内容。\\n\\n第二段（附）。'
    """
    return join_paragraphs(clean(split_lines(text)).paragraphs)
