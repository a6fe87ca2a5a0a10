"""Raw page text → clean report text, one small named step at a time.

Each step is a plain ``str -> str`` (or list) function so it can be tested from a table of cases,
and :func:`clean` composes them; both readers (text files and HTML pages) run the same composition.
Cleaning clean text changes nothing.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass

from ..genre import lexicon as lx
from ..genre.resources import furniture_rules
from .metadata import META_LINE, looks_like_title, states_byline
from .reading import HAN

FURNITURE_MAX_CHARS = 200

_SPACES = "[ \t\u00a0\u3000]"
# Separators of the items of a navigation bar or a breadcrumb trail.
_NAV_SEPARATORS = re.compile(r"\s*(?:[|｜/]|>>|>|＞|»|›)\s*|[ \t\u00a0\u3000]{2,}")
_BREADCRUMB = re.compile(r">|＞|»|›")
_SENTENCE_PUNCTUATION = re.compile(r"[。，；！？、,;!?]")
_NAV_ITEM_CHARS = 12
_SPACED = re.compile(r"(?<=[\u4e00-\u9fff])[ \u3000](?=[\u4e00-\u9fff])")


def is_navigation(line: str) -> bool:
    """A menu bar or a breadcrumb trail: three or more short items between separators, or a trail of two.

    >>> is_navigation("首页 | 政务公开 | 政务服务 | 互动交流"), is_navigation("人民网 >> 四川频道 >> 本网原创")
    (True, True)
    >>> is_navigation("首页 法院动态 司法公开 诉讼服务 法治宣传"), is_navigation("一、深化改革 优化服务")
    (True, False)
    """
    if len(line) > 100 or _SENTENCE_PUNCTUATION.search(line):
        return False
    items = [i for i in _NAV_SEPARATORS.split(line) if i]
    if len(items) < 2 or any(len(i) > _NAV_ITEM_CHARS for i in items):
        words = line.split()  # one space between menu items: four or more words of a few characters
        return len(words) >= 4 and all(len(w) <= 6 for w in words) and not numbered_heading(line)
    return (len(items) >= 3 or bool(_BREADCRUMB.search(line))) and not numbered_heading(line)


def is_mojibake(line: str) -> bool:
    """Text decoded with the wrong encoding: replacement characters, or UTF-8 bytes read as GBK.

    >>> is_mojibake("鐐瑰嚮鏌ョ湅"), is_mojibake("点击查看全文")
    (True, False)
    """
    if "\ufffd" in line:
        return True
    if len(line) < 4 or line.isascii():
        return False
    try:
        repaired = line.encode("gb18030").decode("utf-8")
    except UnicodeError:
        return False
    return repaired != line and len(HAN.findall(repaired)) >= 2


def furniture_role(line: str) -> str | None:
    """``"end"`` for furniture that ends an article (a copyright line, an editor line …), ``"line"`` for
    other furniture (bylines, menus, buttons, widgets …), ``None`` for a line of the article.

    The rules are data: ``lawgov/genre/data/furniture.txt``.

    >>> furniture_role("京ICP备05012345号"), furniture_role("（责任编辑：张三）"), furniture_role("受理群众举报58条。")
    ('line', 'end', None)
    """
    line = line.strip()
    if not line or len(line) > FURNITURE_MAX_CHARS:
        return None  # site furniture is short; a long line is content, whatever it mentions
    role = None
    # A table row (| 索 引 号：… |) and a label spaced out to align (索 引 号) are read as written plainly.
    probe = _SPACED.sub("", line.strip(" |｜"))
    for rule, pattern in furniture_rules():
        if pattern.search(line) or (probe != line and pattern.search(probe)):
            if rule == "end":
                return "end"
            role = "line"
    if role or META_LINE.search(line) or is_navigation(line) or is_mojibake(line):
        return "line"
    return None


def is_furniture(line: str) -> bool:
    """True for a line of site furniture (see :func:`furniture_role`).

    >>> is_furniture("京ICP备05012345号"), is_furniture("受理群众举报58条。")
    (True, False)
    """
    return furniture_role(line) is not None


def numbered_heading(line: str) -> bool:
    """A line that starts with a heading number (一、 （二） 3. （4）)."""
    return any(p.match(line) for p in _HEADING_NUMBERS)


_HEADING_NUMBERS = tuple(re.compile(f"^{p}") for p in lx.HEADING_NUMBERS)


# Format characters (Unicode category Cf: zero-width spaces and joiners, BOM, direction marks) are invisible
# but split what a reader sees as one number (3\u200b276件); combining marks after a digit or a decimal point
# likewise. Neither belongs in a report's text.
_FORMAT = re.compile(  # category Cf as of Unicode 14.0.0 (tested against unicodedata)
    "[\u00ad\u0600-\u0605\u061c\u06dd\u070f\u0890-\u0891\u08e2\u180e\u200b-\u200f\u202a-\u202e"
    "\u2060-\u2064\u2066-\u206f\ufeff\ufff9-\ufffb\U000110bd\U000110cd\U00013430-\U00013438\U0001bca0-\U0001bca3\U0001d173-\U0001d17a\U000e0001\U000e0020-\U000e007f]"
)
_MARK_IN_NUMBER = re.compile(r"(?<=[0-9０-９.．])[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]+")


def drop_invisible(line: str) -> str:
    """Remove format characters everywhere and combining marks inside numbers.

    >>> drop_invisible("查处案件3\u200b276件，\u200f同比增长1\u0301.2%")
    '查处案件3276件，同比增长1.2%'
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
# What normalize_punctuation changes: an ASCII mark, or spaces next to a full-width one (most lines have neither)
_TO_NORMALIZE = re.compile(rf"[,:;!?()]|{_SPACES}[，：；！？（）]|[，：；！？（）]{_SPACES}")


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

    if not _TO_NORMALIZE.search(text):
        return text
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
    """A page after cleanup: the kept copy's paragraphs, its headline, the furniture removed, the copies found.

    ``headline`` is the article's title line when the page shows one above its body (a text page saved
    from a browser); it is not among the paragraphs.
    """

    paragraphs: list[str]
    furniture: tuple[str, ...]
    copies: int
    identical: bool
    headline: str | None = None


# A paragraph of prose: the body has begun. Headings, bylines, menus and captions are shorter or unpunctuated.
_PROSE = re.compile(r"[。；！？;!?]|[，,].*[，,。]")
_PROSE_CHARS = 20
# A long paragraph after the article's end starts a copy of it again (mirror pages repeat the body).
_COPY_CHARS = 60
# Lines that stand between a headline and its body without being either.
_DATELINE = re.compile(r"(讯|电)\s*[（(][^（）()]{0,40}[）)]\s*$|^[（(]?\s*(总台|本报|本台)?记者\s*\S")
_SUBTITLE = re.compile(r"^[—─－-]{1,2}")
_SPEAKER = re.compile(lx.SPEAKER)


def is_prose(line: str) -> bool:
    """A line of running text (sentences), as opposed to a heading, a label or a menu."""
    return len(line) >= _PROSE_CHARS and bool(_PROSE.search(line))


def headline_before(lines: list[str], roles: list[str | None], body: int) -> tuple[int | None, bool]:
    """The index of the headline above the body's first paragraph ``body``, and whether a byline confirms it.

    Candidates are the lines above it that read as a title, passing over furniture, datelines,
    subtitles (——…会议上), speakers, salutations and numbered headings. The headline is the nearest
    candidate directly above a byline (its date, its source); without one, the nearest candidate that
    is not a site's name above its menu.
    """
    candidates = []
    for i in range(body - 1, -1, -1):
        line = lines[i]
        if roles[i] or _DATELINE.search(line) or _SUBTITLE.match(line) or _SPEAKER.match(line):
            continue
        if line.endswith(("：", ":")) or numbered_heading(line):
            continue
        if is_prose(line) or not looks_like_title(line) or len(HAN.findall(line)) < 2:
            break
        candidates.append(i)
    for i in candidates:
        if i + 1 < len(lines) and states_byline(lines[i + 1]):
            return i, True
    for i in candidates:
        if not (i + 1 < len(lines) and _is_menu(lines[i + 1])):
            return i, False
    return None, False


def _is_menu(line: str) -> bool:
    """A bar of links (首页 | 政务公开 | …), not a row of page tools (【打印】 【关闭】) that a rule names."""
    return is_navigation(line) and not any(pattern.search(line) for _, pattern in furniture_rules())


def article_mask(lines: list[str], roles: list[str | None], title: str | None = None) -> tuple[list[bool], int | None]:
    """Which lines belong to the article: not furniture, not the site's header, not after its end.

    The article starts at its headline (``title`` when the page marks it, else found by
    :func:`headline_before`). Above a headline that a byline confirms, every line that is not prose is the
    site's header; otherwise only the lines that stand right above furniture (a site's name above its
    menu) are. Once the body has begun, an ``end`` furniture line (a copyright line, the editor's name …)
    ends the article; what follows is furniture until the headline comes again or a long paragraph of
    prose starts a copy. Returns the mask and the index of the headline (None when none was found).

    Cleaning clean text changes nothing: a clean text has no furniture left to decide differently by.
    """
    keep = [role is None for role in roles]
    body = next((i for i, line in enumerate(lines) if keep[i] and is_prose(line)), None)
    if body is None:
        return keep, None
    if title is not None:
        head = next((i for i in range(body) if _same_line(lines[i], title)), None)
        confirmed = head is not None
    else:
        head, confirmed = headline_before(lines, roles, body)
    headline = lines[head] if head is not None else title
    for i in range(head or 0):
        header = confirmed or roles[i + 1] is not None
        keep[i] = keep[i] and not (header and not is_prose(lines[i]))
    started, ended = False, False
    for i in range(head or 0, len(lines)):
        line = lines[i]
        if ended:
            again = headline is not None and _same_line(line, headline)
            if again or (keep[i] and len(line) >= _COPY_CHARS and is_prose(line)):
                ended, started = False, not again
            else:
                keep[i] = False
                continue
        if keep[i] and is_prose(line):
            started = True
        elif started and roles[i] == "end":
            ended = True
    return keep, head


def _same_line(a: str, b: str) -> bool:
    return re.sub(r"\s+", "", a).translate(_HALF_TO_FULL) == re.sub(r"\s+", "", b).translate(_HALF_TO_FULL)


_HALF_TO_FULL = str.maketrans(",:;()!?", "，：；（）！？")


def clean(lines: list[str], title: str | None = None) -> Cleaned:
    """The whole cleanup of a page's stripped lines: drop invisible characters → find the article (headline,
    body, end; :func:`article_mask`) → drop furniture → normalise punctuation → keep one copy.

    ``title`` is the headline when the page marks it (an HTML page); a text page's is found.
    """
    lines = [line for line in (drop_invisible(line) for line in lines) if line]
    roles = [furniture_role(line) for line in lines]
    keep, head = article_mask(lines, roles, title)
    first = next((i for i, k in enumerate(keep) if k), None)
    headline = normalize_punctuation(lines[head]) if head is not None and head == first and title is None else None
    furniture = tuple(line for line, k in zip(lines, keep, strict=True) if not k)
    copies = dedupe_copies([normalize_punctuation(line) for line, k in zip(lines, keep, strict=True) if k])
    return Cleaned(copies.kept, furniture, copies.count, copies.identical, headline)


def clean_text(text: str) -> str:
    """:func:`clean` as text, one blank line between paragraphs; ``clean_text(clean_text(t)) == clean_text(t)``.

    >>> clean_text("  第一段,内容。\\n\\n\\n第二段(附)。")
    '第一段，内容。\\n\\n第二段（附）。'
    """
    return join_paragraphs(clean(split_lines(text)).paragraphs)
