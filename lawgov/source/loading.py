"""The ways to get a :class:`~lawgov.report.Report`: :func:`load` a file, :func:`parse` content, or
build one from a :class:`~lawgov.report.Page` with :func:`to_report`.

bytes → text (:mod:`lawgov.source.reading`) → a page (:mod:`lawgov.source.plain` or
:mod:`lawgov.source.html`) → the report, its byline interpreted once here.
"""

from __future__ import annotations

import os
from dataclasses import replace
from pathlib import Path

from ..errors import LawgovError
from ..report import Page, Report
from . import metadata
from .cleaning import join_paragraphs
from .reading import check_text, declared_charset, decode, looks_like_html


def load(path: str | os.PathLike[str]) -> Report:
    """Read a report file in any common encoding, text or a saved HTML page.

    Raises :class:`LawgovError` naming the file for a missing, unreadable, empty, binary or
    non-Chinese file.
    """
    p = Path(path)
    name = str(path)
    try:
        data = p.read_bytes()
    except FileNotFoundError:
        raise LawgovError("no such file", name) from None
    except IsADirectoryError:
        raise LawgovError("is a folder, not a file", name) from None
    except OSError as exc:
        raise LawgovError(f"cannot read: {exc.strerror or exc}", name) from None
    return replace(parse(data, name=name), name=p.name)


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
        editor=metadata.join_name(byline.get("editor")),
        author=metadata.join_name(byline.get("author")),
        reporter=metadata.reporter(paragraphs[0] if paragraphs else ""),
        views=metadata.parse_int(byline.get("views")),
        name=page.name,
        encoding=page.encoding,
        copies=page.copies,
        copies_identical=page.copies_identical,
        furniture=page.furniture,
    )
