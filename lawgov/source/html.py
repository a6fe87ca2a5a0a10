"""HTML pages → a :class:`~lawgov.report.Page`: the article's paragraphs, its headline, byline and site.

The article's paragraphs come from trafilatura's main-text extraction, never from stripping tags here;
they then go through the same cleanup as a text file (:func:`lawgov.source.cleaning.clean`).
Metadata is read, most explicit first, from the page's visible byline (the ``key: value`` block under
the headline), then its ``<meta>`` tags, then trafilatura's own title/date/author/site detection; the
values are kept as the page writes them and interpreted once, by :func:`lawgov.source.loading.to_report`.

trafilatura and lxml are imported inside the functions that need them so ``import lawgov`` stays light.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from ..errors import LawgovError
from ..report import Page
from . import metadata
from .cleaning import clean, is_furniture, normalize_punctuation
from .metadata import is_byline
from .reading import HAN

if TYPE_CHECKING:  # pragma: no cover
    from lxml.html import HtmlElement

__all__ = ["read_html_page"]

# ---------------------------------------------------------------------------------------------------
# Metadata: the visible byline, <meta> tags, trafilatura.

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

# Title decorations: "标题_某省长安网", "标题 - 某某市人民政府". A known site name is cut after any
# separator; an unknown one only after the separators <title>s use (not a headline's own dash).
_TITLE_SEPARATOR = r"\s*[-_|｜–—]+\s*"
_GENERIC_SITE_SUFFIX = re.compile(r"(?:\s*[_|｜]\s*|\s+-\s+)[^-_|｜–—\s]{2,30}?(?:网|网站|门户网站|政府)$")


@dataclass
class _Meta:
    """The page's metadata as found: byline field → value as written, plus title and site."""

    title: str | None = None
    site: str | None = None
    fields: dict[str, str] = field(default_factory=dict)

    def fill(self, name: str, value: str | None) -> None:
        """Set ``name`` from the first source that gives a usable value (a date or count must parse)."""
        value = _squash(value or "")
        usable = {"date": metadata.parse_date, "views": metadata.parse_int}.get(name, bool)(value)
        if value and usable is not None and usable is not False and name not in self.fields:
            self.fields[name] = value


def _squash(text: str) -> str:
    """Collapse runs of whitespace (no-break and ideographic spaces too) into one space."""
    return " ".join(text.split())


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
    """A field from the ``<meta>`` tags, without a label the site wrote into it (来源：人民网 → 人民网)."""
    value = next((tags[n] for n in _META_NAMES[name] if tags.get(n)), None)
    return metadata.KEY_ONLY.sub("", value, count=1).strip() if value and metadata.KEY_ONLY.match(value) else value


def _plausible_person(value: str | None, meta: _Meta) -> str | None:
    """An author/editor value, or None for what is clearly not a name: a label, a URL, the site or source."""
    value = _squash(value or "").strip(" :：,，;；")
    if not value or len(value) > 40 or "://" in value or "www." in value or not HAN.search(value):
        return None  # a name has Chinese in it: not an id (104731) or a URL
    if metadata.KEY_ONLY.fullmatch(value) or is_byline(value):  # trafilatura took the label "时间：" for the author
        return None
    if value in {meta.site, meta.fields.get("source")}:
        return None
    return value


def _strip_site_suffix(title: str, sites: list[str | None]) -> str:
    """Drop a site name the ``<title>`` appends (``标题_某省长安网``); the headline itself stays whole.

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


_LAYOUT_CELL_CHARS = 150


def _unwrap_layout_tables(tree: HtmlElement) -> None:
    """Turn the tables that lay a page out (old portal templates put the whole page in one) into plain blocks.

    trafilatura keeps a table as a table, so a layout table would come out as one row holding the whole
    article. A table is layout when its cells hold paragraphs or other blocks, a long text, or when no row
    has two cells; a table of data (rows of short cells) stays a table.
    """
    for table in list(tree.iter("table")):
        cells = table.xpath(".//td|.//th")
        rows = table.xpath(".//tr")
        blocks = table.xpath(".//td//p|.//td//div|.//td//table|.//td//br|.//td//ul")
        long_cell = any(len("".join(cell.itertext())) > _LAYOUT_CELL_CHARS for cell in cells)
        if blocks or long_cell or all(len(row.xpath("./td|./th")) <= 1 for row in rows):
            for element in [table, *table.iter("tbody", "thead", "tfoot", "tr", "td", "th")]:
                element.tag = "div"


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


def read_html_page(html: str, name: str | None = None, encoding: str | None = None) -> Page:
    """The :class:`~lawgov.report.Page` of an HTML page: its article's paragraphs, headline, byline and site.

    Raises :class:`LawgovError` naming ``name`` when the page holds no article text.
    """
    try:
        import trafilatura
        from trafilatura.settings import set_date_params
    except ImportError as exc:  # pragma: no cover - trafilatura is a dependency of HTML input
        raise LawgovError(f"reading HTML pages needs trafilatura, which failed to import: {exc}", name) from None
    _silence_library_loggers()

    tree = _load_tree(html, name)
    _join_wrapped_lines(tree)
    _unwrap_layout_tables(tree)
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
    cleaned = clean(body, meta.title)
    title = normalize_punctuation(meta.title) if meta.title and metadata.looks_like_title(meta.title) else None
    return Page(
        paragraphs=tuple(cleaned.paragraphs),
        title=title,
        byline=meta.fields,
        site=meta.site,
        name=name,
        encoding=encoding,
        copies=cleaned.copies,
        copies_identical=cleaned.identical,
        furniture=cleaned.furniture + tuple(_footer_lines(visible, body)),
    )


def _page_meta(tree: HtmlElement, visible: list[str], body: list[str], document: object) -> _Meta:
    """Title, site and byline fields: visible byline first, then ``<meta>`` tags, then trafilatura."""
    tags = _meta_tags(tree)
    byline = metadata.byline(visible)

    meta = _Meta()
    meta.site = _site_from_footer(visible) or _from_meta_tags(tags, "site") or getattr(document, "sitename", None)
    meta.site = _squash(meta.site or "") or None

    meta.fill("date", byline.get("date"))
    meta.fill("date", _from_meta_tags(tags, "date"))
    meta.fill("date", getattr(document, "date", None))
    meta.fill("source", byline.get("source"))
    meta.fill("source", _from_meta_tags(tags, "source"))
    for name in ("views", "reporter", "delivered"):
        meta.fill(name, byline.get(name))
    for person in ("author", "editor"):
        meta.fill(person, _plausible_person(byline.get(person), meta))
    # Only the visible byline's 作者 is an author: a <meta> or trafilatura author that is the editor or the
    # reporters (people.cn writes its reporters there) is no author of its own.
    named = {metadata.names(meta.fields.get(f)) for f in ("editor", "reporter")} - {None}
    for person, found in (
        ("editor", _from_meta_tags(tags, "editor")),
        ("author", _from_meta_tags(tags, "author")),
        ("author", getattr(document, "author", None)),
    ):
        value = _plausible_person(found, meta)
        if person == "author" and metadata.names(value) in named:
            continue
        meta.fill(person, value)

    # The headline: the one the page's <meta> names, else the <title> as the page shows it, else trafilatura's
    # (which may take a site logo in an <h1> for it), else the <title> without its site's name.
    sites = [meta.site, tags.get("og:site_name")]
    page_title = _squash(tree.findtext(".//title") or "")
    named = _squash(_from_meta_tags(tags, "title") or "")
    found = _squash(getattr(document, "title", None) or "")
    meta.title = (
        (_strip_site_suffix(named, sites) if named else None)
        or _visible_headline(page_title, visible)
        or (_visible_headline(found, visible) if found and found not in sites else None)
        or (_strip_site_suffix(page_title or found, sites) if page_title or found else None)
    )
    return meta


def _visible_headline(title: str, visible: list[str]) -> str | None:
    """The headline as the page shows it: a visible line that is the ``<title>``, or the ``<title>`` without
    a site name appended after a separator (``标题--某某网站`` shows ``标题``), so no suffix needs guessing."""
    shown = [
        line
        for line in visible
        if 5 <= len(line) <= 80 and title.startswith(line) and _SUFFIX.fullmatch(title[len(line) :])
    ]
    return max(shown, key=len) if shown else None


# What a <title> appends to the headline: a separator and a site's name.
_SUFFIX = re.compile(r"(?:\s*[-_|｜–—]+\s*[^，。、；]{2,30})?")


def _site_from_footer(lines: list[str]) -> str | None:
    """The site named by a copyright line among ``lines``."""
    return metadata.site([line for line in lines if is_furniture(line)])


def _drop_repeats(body: list[str], title: str | None) -> list[str]:
    """Drop what trafilatura keeps besides the paragraphs: the headline again (at the top, or at the end
    when it recovers stray elements after the article) and byline lines above the first paragraph."""
    wanted = _comparable(title) if title else None
    start = 0
    while start < len(body) and (_comparable(body[start]) == wanted or is_byline(body[start])):
        start += 1
    kept = [line for line in body[start:] if _comparable(line) != wanted]
    return kept or body


def _footer_lines(visible: list[str], body: list[str]) -> list[str]:
    """The page's furniture lines outside the article (copyright, licence, phone …), in page order."""
    seen = {_comparable(line) for line in body}
    footer: list[str] = []
    for line in visible:
        key = _comparable(line)
        if key not in seen and is_furniture(line) and not is_byline(line):
            seen.add(key)
            footer.append(line)
    return footer
