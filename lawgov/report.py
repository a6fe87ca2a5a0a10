"""The two records a report passes through before extraction: a :class:`Page` and a :class:`Report`.

A reader (:mod:`lawgov.source.plain` for text files, :mod:`lawgov.source.html` for web pages) turns
bytes into a :class:`Page`: the article's paragraphs after cleanup and the byline fields as the page
writes them. One builder (:func:`lawgov.source.loading.to_report`) turns any page into a
:class:`Report`, interpreting those fields once (dates, view counts, names).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType

# Byline fields a reader may find, as the page writes them.
BYLINE_FIELDS = ("date", "source", "editor", "author", "reporter", "views", "delivered")


@dataclass(frozen=True)
class Page:
    """What a reader found on a page: the article (one copy, no site furniture, punctuation normalised)
    and what the page says about it.

    ``title`` is the headline when the page marks it (an HTML page's ``<title>``/``<h1>``); a text page
    leaves it ``None`` and the builder takes the first paragraph when it reads as a headline.
    ``byline`` maps the fields of :data:`BYLINE_FIELDS` the page gives to their text as written
    (``{"date": "2023-12-20", "editor": "林 晓峰"}``). ``furniture`` is every line removed as site furniture.
    """

    paragraphs: tuple[str, ...]
    title: str | None = None
    byline: Mapping[str, str] = field(default_factory=lambda: MappingProxyType({}))
    site: str | None = None
    name: str | None = None
    encoding: str | None = None
    copies: int = 1
    copies_identical: bool = True
    furniture: tuple[str, ...] = field(default=(), repr=False)


@dataclass(frozen=True)
class Report:
    """One report: its clean body ``text`` plus the page's metadata and how the text was recovered.

    Fields the page does not give are ``None``. ``date`` is the publication date; ``delivered`` the day a
    work report was delivered, when its subtitle says (——2024年1月25日在…会议上). ``copies`` counts the
    copies of the article found on the page (the first is kept) and ``copies_identical`` says whether they
    all agreed.
    """

    text: str
    title: str | None = None
    date: dt.date | None = None
    source: str | None = None
    site: str | None = None
    editor: str | None = None
    author: str | None = None
    reporter: str | None = None
    views: int | None = None
    delivered: dt.date | None = None
    name: str | None = None
    encoding: str | None = None
    copies: int = 1
    copies_identical: bool = True
    furniture: tuple[str, ...] = field(default=(), repr=False)

    def metadata(self) -> dict[str, object]:
        """The metadata as JSON-ready values (dates in ISO form), without the text."""
        return {
            "title": self.title,
            "date": self.date.isoformat() if self.date else None,
            "source": self.source,
            "site": self.site,
            "editor": self.editor,
            "author": self.author,
            "reporter": self.reporter,
            "views": self.views,
            "delivered": self.delivered.isoformat() if self.delivered else None,
            "name": self.name,
            "encoding": self.encoding,
            "copies": self.copies,
            "copies_identical": self.copies_identical,
            "characters": len(self.text),
        }

    def source_note(self) -> str:
        """Where a chart's figures come from: the newspaper or site, and the title (某某日报《title》)."""
        return f"{self.source or self.site or self.name or ''}《{self.title or self.name or ''}》"
