"""Text files → a :class:`~lawgov.report.Page`: a page as a user saved it from the browser (the seed's layout).

The byline is read from the page's lines (:func:`lawgov.source.metadata.byline`), the site from its
copyright line, and the cleanup of :func:`lawgov.source.cleaning.clean` finds the article (headline,
body, end) and removes the rest: the site's header, menus, bylines, buttons, footers.

>>> page = read_text_page("标题一则\\n\\n时间: 2021-11-26 来源: 某报\\n\\n正文,第一句。\\n\\nCopyright © 某某网")
>>> page.paragraphs, dict(page.byline), page.site
(('标题一则', '正文，第一句。'), {'date': '2021-11-26', 'source': '某报'}, '某某网')
"""

from __future__ import annotations

from ..report import Page
from .cleaning import clean, split_lines
from .metadata import byline, site


def read_text_page(text: str, name: str | None = None, encoding: str | None = None) -> Page:
    """The page of a text file: paragraphs after cleanup, byline fields as written, the site."""
    lines = split_lines(text)
    cleaned = clean(lines)
    paragraphs = cleaned.paragraphs
    if cleaned.headline is not None and paragraphs[:1] == [cleaned.headline]:
        paragraphs = paragraphs[1:]
    return Page(
        paragraphs=tuple(paragraphs),
        title=cleaned.headline if paragraphs is not cleaned.paragraphs else None,
        byline=byline(lines),
        site=site(list(cleaned.furniture)),
        name=name,
        encoding=encoding,
        copies=cleaned.copies,
        copies_identical=cleaned.identical,
        furniture=cleaned.furniture,
    )
