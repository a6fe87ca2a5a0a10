"""The ways to get a :class:`~lawgov.report.Report`: :func:`load` a file, :func:`parse` content, or
build one from a :class:`~lawgov.report.Page` with :func:`to_report`.

bytes → text (:mod:`lawgov.source.reading`) → a page (:mod:`lawgov.source.plain` or
:mod:`lawgov.source.html`) → the report, its byline interpreted once here.
"""

from __future__ import annotations

import os
from dataclasses import replace
from pathlib import Path

from ..report import Page, Report
from . import metadata
from .cleaning import join_paragraphs
from .reading import MAX_SIZE, check_text, declared_charset, decode, looks_like_html, read_file


def load(path: str | os.PathLike[str], *, max_size: int = MAX_SIZE) -> Report:
    """Read a report file in any common encoding, text or a saved HTML page (at most ``max_size`` bytes).

    Raises :class:`LawgovError` naming the file for a missing, unreadable, too large, empty, binary
    or non-Chinese file.
    """
    return from_bytes(path, read_file(path, max_size))


def from_bytes(path: str | os.PathLike[str], data: bytes) -> Report:
    """The report of a file's bytes already read; errors name ``path``, the report is named by its file name."""
    return replace(parse(data, name=str(path)), name=Path(path).name)


def parse(content: str | bytes, name: str | None = None) -> Report:
    """Build a :class:`Report` from a page already in memory (``str``, or ``bytes`` in any common encoding).

    Plain text and HTML pages are both accepted.

    >>> r = parse("标题一则\\n\\n时间: 2021-11-26 来源: 某报\\n\\n  本网讯(记者 张三)今天,会议召开。")
    >>> r.title, r.date, r.source, r.reporter, r.text
    ('标题一则', datetime.date(2021, 11, 26), '某报', '张三', '本网讯（记者 张三）今天，会议召开。')
    """
    return to_report(read_page(content, name))


def read_page(content: str | bytes, name: str | None = None) -> Page:
    """The :class:`Page` of a text file or HTML page, from its bytes (any common encoding) or its text."""
    if isinstance(content, bytes):
        text, encoding = decode(content, name, declared=declared_charset(content))
    else:
        text, encoding = check_text(content, name), None
    if looks_like_html(text):
        from .html import read_html_page  # brings trafilatura and lxml: only for HTML

        return read_html_page(text, name, encoding)
    from .plain import read_text_page

    return read_text_page(text, name, encoding)


def to_report(page: Page) -> Report:
    """The report of a page: its headline (the page's, or a first paragraph that reads as one), the
    byline's values interpreted (dates, names, view counts), the reporter from the dateline."""
    paragraphs, title = list(page.paragraphs), page.title
    if title is None and len(paragraphs) > 1 and metadata.looks_like_title(paragraphs[0]):
        title, paragraphs = paragraphs[0], paragraphs[1:]
    byline = page.byline
    return Report(
        text=join_paragraphs(paragraphs),
        title=title,
        date=metadata.parse_date(byline.get("date")),
        source=byline.get("source"),
        site=page.site,
        editor=metadata.names(byline.get("editor")),
        author=metadata.names(byline.get("author")),
        reporter=byline.get("reporter") or metadata.reporter(paragraphs[0] if paragraphs else ""),
        views=metadata.parse_int(byline.get("views")),
        delivered=metadata.parse_date(byline.get("delivered")),
        name=page.name,
        encoding=page.encoding,
        copies=page.copies,
        copies_identical=page.copies_identical,
        furniture=page.furniture,
    )
