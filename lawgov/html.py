"""HTML pages → the plain-text layout the rest of lawgov reads.

A news or government page saved from a browser is rendered as the text a reader would have saved
by hand (the seed's layout)::

    title
    (blank line)
    时间: 2022-03-01 来源: 某某日报 编辑: 张 三丰 阅读量: 3456
    (blank line)
    paragraph, one per line, blank lines between
    …
    footer lines (copyright, ICP …) that the cleaning step drops again

The article's paragraphs come from trafilatura's main-text extraction, never from stripping tags here.
Metadata is read, most explicit first, from the page's visible byline (the ``key: value`` block under
the headline), then its ``<meta>`` tags, then trafilatura's own title/date/author/site detection.

trafilatura and lxml are imported inside the functions that need them so ``import lawgov`` stays light.
"""

from __future__ import annotations

import codecs
import logging
import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from . import metadata
from .cleaning import is_furniture
from .errors import LawgovError
from .metadata import META_LINE
from .reading import HAN

if TYPE_CHECKING:  # pragma: no cover
    from lxml.html import HtmlElement

__all__ = ["declared_charset", "looks_like_html", "page_text"]

# ---------------------------------------------------------------------------------------------------
# Is it HTML, and which charset does it declare?

_HTML_START = re.compile(
    r"^\ufeff?\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*(?:<!doctype\s+html|<html[\s>]|<head[\s>]|<body[\s>])",
    re.IGNORECASE | re.DOTALL,
)
_COMMON_TAG = re.compile(
    r"</?(html|head|body|title|meta|link|script|style|div|span|p|br|hr|a|img|table|tbody|tr|td|th|ul|ol|li"
    r"|h[1-6]|font|strong|b|em|center|form|input|iframe|section|article|header|footer|nav)(?=[\s/>])[^<>]*>",
    re.IGNORECASE,
)
_SNIFF_CHARS = 4096


def looks_like_html(text: str) -> bool:
    """True when ``text`` is an HTML page rather than a text file.

    A doctype, ``<html>``, ``<head>`` or ``<body>`` at the start (after an XML declaration or comments)
    decides it; otherwise at least three common tags in the first 4096 characters, not all the same
    (an opening and a closing tag differ).

    >>> looks_like_html("<!DOCTYPE html><html><body><p>正文</p></body></html>")
    True
    >>> looks_like_html("标题\\n\\n正文提到<p>标签一次。")
    False
    """
    head = text[:_SNIFF_CHARS]
    if _HTML_START.match(head):
        return True
    tags = [m.group(1).lower() + ("/" if m.group(0).startswith("</") else "") for m in _COMMON_TAG.finditer(head)]
    return len(tags) >= 3 and len(set(tags)) >= 2  # "<p>…</p>" counts as two kinds, "<br><br><br>" as one


_META_CHARSET = re.compile(rb"<meta\b[^>]*?charset\s*=\s*[\"']?\s*([A-Za-z0-9._:\-]+)", re.IGNORECASE)
# Every GB-family label is read as GB18030, the superset that decodes GB2312 and GBK pages alike.
_GB_FAMILY = {"gb2312", "gbk", "gb18030"}
_GB_LABELS = {"x-gbk", "csgb2312", "gb_2312", "gb_2312-80", "iso-ir-58", "csiso58gb231280", "x-euc-cn", "windows-936"}


def declared_charset(data: bytes) -> str | None:
    """The charset a page declares in a ``<meta>`` tag within its first 4 KB, as a Python codec name.

    Reads ``<meta charset="…">`` and ``<meta http-equiv="Content-Type" content="…; charset=…">``.
    GB2312 and GBK (and their aliases) become ``gb18030``; a UTF-16/32 label, which an ASCII-readable
    tag cannot truthfully carry, becomes ``utf-8`` (as browsers do). Unknown labels give ``None``.

    >>> declared_charset(b'<meta http-equiv="Content-Type" content="text/html; charset=GB2312">')
    'gb18030'
    >>> declared_charset(b"<meta charset=utf8>"), declared_charset(b"<p>no meta</p>")
    ('utf-8', None)
    """
    m = _META_CHARSET.search(data[:_SNIFF_CHARS])
    if not m:
        return None
    label = m.group(1).decode("ascii").strip().lower()
    if label in _GB_LABELS:
        return "gb18030"
    try:
        name = codecs.lookup(label).name
    except LookupError:
        return None
    if name in _GB_FAMILY:
        return "gb18030"
    if name.startswith(("utf-16", "utf-32")):
        return "utf-8"
    return name


# ---------------------------------------------------------------------------------------------------
# Metadata: the visible byline, <meta> tags, trafilatura.

# Byline keys → the field they fill; the rendered meta line uses the first key of each field, the
# spelling the seed uses and :func:`lawgov.metadata.meta_fields` reads.
_BYLINE_KEYS = metadata.FIELD_KEYS
_FIELDS = tuple(_BYLINE_KEYS)
# Labels that end a byline value without being a field of their own.
_STOP_KEYS = ("记者", "通讯员", "摄影", "摄像", "字号", "字体", "打印", "分享", "关闭", "收藏", "纠错", "审核", "校对")
_KEY = "|".join(sorted({k for keys in _BYLINE_KEYS.values() for k in keys} | set(_STOP_KEYS), key=len, reverse=True))
_BYLINE_FIELD = re.compile(rf"({_KEY})\s*[:：]\s*(.*?)\s*(?=(?:{_KEY})\s*[:：]|[【\[|｜]|$)")
_KEY_LINE = re.compile(rf"^[（(【\[]?\s*(?:{_KEY})\s*[:：]")
_BYLINE_MAX_CHARS = 200

# <meta name=… / property=…> → field, most specific first.
_META_NAMES = {
    "title": ("articletitle", "og:title", "twitter:title"),
    "date": (
        "publishdate",
        "pubdate",
        "publish_date",
        "publishtime",
        "pubtime",
        "firstpublishedtime",
        "article:published_time",
        "og:article:published_time",
        "og:release_date",
        "dc.date.issued",
        "dcterms.issued",
        "dc.date",
        "date",
    ),
    "source": ("contentsource", "source", "articlesource", "og:article:source"),
    "author": ("author", "article:author", "dc.creator"),
    "editor": ("editor", "responsibleeditor"),
    "site": ("sitename", "og:site_name", "site_name", "application-name"),
}

# Title decorations: "标题_重庆长安网", "标题 - 某某市人民政府". A known site name is cut after any
# separator; an unknown one only after the separators <title>s use (not a headline's own dash).
_TITLE_SEPARATOR = r"\s*[-_|｜–—]+\s*"
_GENERIC_SITE_SUFFIX = re.compile(r"(?:\s*[_|｜]\s*|\s+-\s+)[^-_|｜–—\s]{2,30}?(?:网|网站|门户网站|政府)$")


@dataclass
class _Meta:
    """The page's metadata as rendered into the text: field → value, plus title and site."""

    title: str | None = None
    site: str | None = None
    fields: dict[str, str] = field(default_factory=dict)

    def fill(self, name: str, value: str | None) -> None:
        value = _squash(value or "")
        if value and name not in self.fields:
            self.fields[name] = value


def _squash(text: str) -> str:
    """Collapse runs of whitespace (no-break and ideographic spaces too) into one space."""
    return " ".join(text.split())


def _byline_fields(line: str) -> dict[str, str]:
    """``key: value`` pairs of one byline line, keyed by field; stop labels and empty values are skipped.

    >>> _byline_fields("来源：重庆日报 记者：张三 发布时间：2021年11月26日 10:05 【字号：大 中 小】")
    {'source': '重庆日报', 'date': '2021年11月26日 10:05'}
    """
    found: dict[str, str] = {}
    for key, value in _BYLINE_FIELD.findall(line):
        name = next((f for f, keys in _BYLINE_KEYS.items() if key in keys), None)
        value = value.strip(" ·|｜()（）")
        if name and value and name not in found:
            found[name] = value
    return found


def _is_key_line(line: str) -> bool:
    return len(line) <= _BYLINE_MAX_CHARS and bool(_KEY_LINE.match(line) or META_LINE.search(line))


def _visible_byline(lines: list[str]) -> dict[str, str]:
    """Fields of the page's byline: the first run of consecutive ``key: value`` lines giving two fields or
    more, else the first run giving one; a lone ``（责任编辑：张三）`` line still supplies the editor."""
    runs: list[dict[str, str]] = []
    current: dict[str, str] | None = None
    for line in lines:
        if _is_key_line(line) and (fields := _byline_fields(line)):
            if current is None:
                current = {}
                runs.append(current)
            for name, value in fields.items():
                current.setdefault(name, value)
        else:
            current = None
    chosen = next((r for r in runs if len(r) >= 2), runs[0] if runs else {})
    if "editor" not in chosen:
        for run in runs:
            if set(run) == {"editor"}:
                chosen = {**chosen, "editor": run["editor"]}
                break
    return chosen


def _meta_tags(tree: HtmlElement) -> dict[str, str]:
    """``<meta name|property|itemprop=… content=…>`` values by lower-cased name; the first one wins."""
    found: dict[str, str] = {}
    for meta in tree.iter("meta"):
        name = (meta.get("name") or meta.get("property") or meta.get("itemprop") or "").strip().lower()
        content = _squash(meta.get("content") or "")
        if name and content and name not in found:
            found[name] = content
    return found


def _from_meta_tags(tags: dict[str, str], name: str) -> str | None:
    return next((tags[n] for n in _META_NAMES[name] if tags.get(n)), None)


def _clean_views(value: str | None) -> str | None:
    m = re.match(r"\d[\d,，]*", value or "")
    return m.group(0).replace(",", "").replace("，", "") if m else None


def _iso_date(value: str | None) -> str | None:
    date = metadata.parse_date(value)
    return date.isoformat() if date else None


def _plausible_person(value: str | None, meta: _Meta) -> str | None:
    """An author/editor value, or None for what is clearly not a name: a label, a URL, the site or source."""
    value = _squash(value or "").strip(" :：,，;；")
    if not value or len(value) > 40 or "://" in value or "www." in value:
        return None
    if re.fullmatch(_KEY, value) or _KEY_LINE.match(value):  # trafilatura took the label "时间：" for the author
        return None
    if value in {meta.site, meta.fields.get("source")}:
        return None
    return value


def _strip_site_suffix(title: str, sites: list[str | None]) -> str:
    """Drop a site name the ``<title>`` appends (``标题_重庆长安网``); the headline itself stays whole.

    >>> _strip_site_suffix("某区召开法治政府建设推进会_某某网", [])
    '某区召开法治政府建设推进会'
    >>> _strip_site_suffix("深化改革——建设人民满意的服务型政府", [])
    '深化改革——建设人民满意的服务型政府'
    """
    for site in filter(None, sites):
        stripped = re.sub(rf"{_TITLE_SEPARATOR}{re.escape(site)}$", "", title)
        if stripped != title and len(stripped) >= 5:
            return stripped
    stripped = _GENERIC_SITE_SUFFIX.sub("", title)
    return stripped if len(stripped) >= 5 else title


# ---------------------------------------------------------------------------------------------------
# The page's visible lines (for the byline and the footer only; the article comes from trafilatura).

_BLOCK_TAGS = frozenset(
    "address article aside blockquote br center dd div dl dt fieldset figcaption figure footer form "
    "h1 h2 h3 h4 h5 h6 header hr li main nav ol p pre section summary table tbody td tfoot th thead tr ul".split()
)
_INVISIBLE_TAGS = frozenset({"script", "style", "noscript", "template", "head", "title", "select", "option"})

# CSS Text 3 §4.1.2: a line break between two East Asian wide characters renders as nothing, so the
# source's line wrapping inside a Chinese paragraph must not become a space in the text.
_WIDE = "\u2e80-\u9fff\uf900-\ufaff\ufe30-\ufe4f\uff00-\uffef“”‘’…—·"
_WRAP_BETWEEN_WIDE = re.compile(rf"(?<=[{_WIDE}])[ \t\r\f]*\n\s*(?=[{_WIDE}])")
_PREFORMATTED = frozenset({"pre", "textarea", "script", "style"})


def _join_wrapped_lines(tree: HtmlElement) -> None:
    """Remove source line breaks between Chinese characters in every text node, as a browser renders them."""
    for el in tree.iter():
        if not isinstance(el.tag, str) or el.tag in _PREFORMATTED:
            continue
        if el.text and "\n" in el.text:
            el.text = _WRAP_BETWEEN_WIDE.sub("", el.text)
        if el.tail and "\n" in el.tail and (el.getparent() is None or el.getparent().tag not in _PREFORMATTED):
            el.tail = _WRAP_BETWEEN_WIDE.sub("", el.tail)


def _visible_lines(tree: HtmlElement) -> list[str]:
    """The page's visible text, one line per block element, whitespace collapsed."""
    root = tree.find(".//body")
    if root is None:
        root = tree
    pieces: list[str] = []

    def walk(el: HtmlElement) -> None:
        tag = el.tag if isinstance(el.tag, str) else ""
        if tag.lower() not in _INVISIBLE_TAGS and tag:
            block = tag.lower() in _BLOCK_TAGS
            if block:
                pieces.append("\n")
            pieces.append(el.text or "")
            for child in el:
                walk(child)
            if block:
                pieces.append("\n")
        pieces.append(el.tail or "")

    walk(root)
    return [s for s in (_squash(line) for line in "".join(pieces).split("\n")) if s]


# ---------------------------------------------------------------------------------------------------
# The page → text.

# A prose line carries sentence punctuation; navigation, headline lists and labels do not.
_SENTENCE_MARK = re.compile(r"[。！？；，、,;!?]")
_MIN_PROSE_HAN = 10
_LOGGERS = ("trafilatura", "htmldate", "courlan", "justext")


def _comparable(line: str) -> str:
    """A line reduced for equality tests: no whitespace, ASCII punctuation in full-width form."""
    return re.sub(r"\s+", "", line).translate(str.maketrans(",:;()!?", "，：；（）！？"))


def _has_article(lines: list[str]) -> bool:
    """True when the extracted lines hold prose: enough Chinese in sentences, and most of the Chinese
    there is (a dump of menus and headline lists, which trafilatura returns for a page without an
    article, is mostly unpunctuated)."""
    content = [line for line in lines if not is_furniture(line)]
    total = sum(len(HAN.findall(line)) for line in content)
    prose = sum(len(HAN.findall(line)) for line in content if _SENTENCE_MARK.search(line))
    return prose >= _MIN_PROSE_HAN and 2 * prose >= total


def _silence_library_loggers() -> None:
    """Give the extraction libraries' loggers a NullHandler, so that with no logging configured their
    warnings go nowhere instead of to stderr (trafilatura and htmldate already do this themselves)."""
    for name in _LOGGERS:
        logger = logging.getLogger(name)
        if not any(isinstance(h, logging.NullHandler) for h in logger.handlers):
            logger.addHandler(logging.NullHandler())


def _load_tree(html: str, name: str | None) -> HtmlElement:
    from trafilatura import load_html

    tree = load_html(html)
    if tree is None:  # a bare fragment: trafilatura wants a whole document
        tree = load_html(f"<html><body><div>{html}</div></body></html>")
    if tree is None:
        raise LawgovError("cannot parse the HTML page", name)
    return tree


def page_text(html: str, name: str | None = None) -> str:
    """Render an HTML page as the plain text :func:`lawgov.report.parse` reads from a saved page.

    The first line is the headline, the second the byline as ``时间: … 来源: … 作者: … 编辑: … 阅读量: …``
    (only the fields the page gives), then the article's paragraphs, one per line with a blank line
    between them, then the page's footer lines (copyright, ICP licence …), which the cleaning step
    removes again but reads the site name from. Raises :class:`LawgovError` naming ``name`` when the
    page holds no article text.
    """
    try:
        import trafilatura
        from trafilatura.settings import set_date_params
    except ImportError as exc:  # pragma: no cover - trafilatura is a dependency of HTML input
        raise LawgovError(f"reading HTML pages needs trafilatura, which failed to import: {exc}", name) from None
    _silence_library_loggers()

    tree = _load_tree(html, name)
    _join_wrapped_lines(tree)
    document = trafilatura.bare_extraction(
        tree,
        include_comments=False,
        include_tables=True,
        include_formatting=False,
        with_metadata=True,
        # htmldate's extensive search reads dates out of free text: on these pages it turns the
        # copyright year into 2020-01-01. Structured markup only; the byline and <meta> come first anyway.
        date_extraction_params=set_date_params(extensive=False),
    )
    body = [s for s in (_squash(line) for line in (document.text or "").split("\n")) if s] if document else []
    if not _has_article(body):
        raise LawgovError("no article text found in the HTML page", name)

    visible = _visible_lines(tree)
    meta = _page_meta(tree, visible, body, document)
    body = _drop_repeats(body, meta.title)
    footer = _footer_lines(visible, body, meta)

    parts = [p for p in (meta.title, _meta_line(meta.fields)) if p]
    return "\n\n".join([*parts, *body, *footer]) + "\n"


def _page_meta(tree: HtmlElement, visible: list[str], body: list[str], document: object) -> _Meta:
    """Title, site and byline fields: visible byline first, then ``<meta>`` tags, then trafilatura."""
    tags = _meta_tags(tree)
    body_set = {_comparable(line) for line in body}
    # Byline lines are looked for outside the article, except a furniture line such as （责任编辑：张三）.
    candidates = [line for line in visible if _comparable(line) not in body_set or is_furniture(line)]
    byline = _visible_byline(candidates)

    meta = _Meta()
    meta.site = _site_from_footer(visible) or _from_meta_tags(tags, "site") or getattr(document, "sitename", None)
    meta.site = _squash(meta.site or "") or None

    meta.fill("date", _iso_date(byline.get("date")))
    meta.fill("date", _iso_date(_from_meta_tags(tags, "date")))
    meta.fill("date", _iso_date(getattr(document, "date", None)))
    meta.fill("source", byline.get("source"))
    meta.fill("source", _from_meta_tags(tags, "source"))
    for person in ("author", "editor"):
        meta.fill(person, _plausible_person(byline.get(person), meta))
        meta.fill(person, _plausible_person(_from_meta_tags(tags, person), meta))
    meta.fill("author", _plausible_person(getattr(document, "author", None), meta))
    if "author" in meta.fields and meta.fields["author"] == meta.fields.get("editor"):
        del meta.fields["author"]  # one name in two places is the editor, as the byline says
    meta.fill("views", _clean_views(byline.get("views")))

    title = getattr(document, "title", None) or _from_meta_tags(tags, "title") or tree.findtext(".//title")
    title = _squash(title or "")
    meta.title = _strip_site_suffix(title, [meta.site, tags.get("og:site_name")]) if title else None
    return meta


def _site_from_footer(lines: list[str]) -> str | None:
    """The site named by a copyright line among ``lines``, read as the cleaning step reads it."""
    return metadata.site([line for line in lines if is_furniture(line)])


def _meta_line(fields: dict[str, str]) -> str:
    """The byline as one ``key: value`` line. The reader needs two keys to see a meta line, so a lone
    field is followed by an empty key, which it ignores."""
    keys = [(name, _BYLINE_KEYS[name][0]) for name in _FIELDS if fields.get(name)]
    if not keys:
        return ""
    line = " ".join(f"{key}: {fields[name]}" for name, key in keys)
    if len(keys) == 1:
        spare = "来源" if keys[0][0] != "source" else "时间"
        line += f" {spare}:"
    return line


def _drop_repeats(body: list[str], title: str | None) -> list[str]:
    """Drop what trafilatura keeps besides the paragraphs: the headline again (at the top, or at the end
    when it recovers stray elements after the article) and byline lines above the first paragraph."""
    wanted = _comparable(title) if title else None
    start = 0
    while start < len(body) and (_comparable(body[start]) == wanted or _is_key_line(body[start])):
        start += 1
    kept = [line for line in body[start:] if _comparable(line) != wanted]
    return kept or body


def _footer_lines(visible: list[str], body: list[str], meta: _Meta) -> list[str]:
    """The page's furniture lines outside the article (copyright, licence, phone …), in page order.

    Each is a line :func:`lawgov.cleaning.is_furniture` accepts, so none can reach the clean text. A
    page whose site name appears only in its ``<meta>`` tags gets a ``Copyright © site`` line, the
    form the cleaning step reads the site from.
    """
    seen = {_comparable(line) for line in body}
    footer: list[str] = []
    for line in visible:
        key = _comparable(line)
        if key not in seen and is_furniture(line) and not _is_key_line(line):
            seen.add(key)
            footer.append(line)
    if meta.site and not _site_from_footer(footer + body):
        footer.append(f"Copyright © {meta.site}")
    return footer
