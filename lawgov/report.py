"""The :class:`Report` record and the two ways to get one: :func:`load` a file, :func:`parse` content.

bytes → text (:mod:`lawgov.reading`) → lines without site furniture and repeated copies
(:mod:`lawgov.cleaning`) → metadata (:mod:`lawgov.metadata`) and the clean body.
"""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass, field, replace
from pathlib import Path

from . import cleaning, html, metadata
from .errors import LawgovError
from .reading import decode


@dataclass(frozen=True)
class Report:
    """One report: its clean body ``text`` plus the page's metadata and how the text was recovered.

    Fields the page does not give are ``None``. ``copies`` counts the copies of the article found on
    the page (the first is kept) and ``copies_identical`` says whether they all agreed.
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
            "name": self.name,
            "encoding": self.encoding,
            "copies": self.copies,
            "copies_identical": self.copies_identical,
            "characters": len(self.text),
        }


def load(path: str | os.PathLike[str]) -> Report:
    """Read a report file in any common encoding.

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

    Plain text and HTML pages are both accepted: a page's article and metadata are found by
    :mod:`lawgov.html` and then cleaned like a text file.

    >>> r = parse("标题一则\\n\\n时间: 2021-11-26 来源: 某报\\n\\n  本网讯(记者 张三)今天,会议召开。")
    >>> r.title, r.date, r.source, r.reporter, r.text
    ('标题一则', datetime.date(2021, 11, 26), '某报', '张三', '本网讯（记者 张三）今天，会议召开。')
    """
    if isinstance(content, bytes):
        text, encoding = decode(content, name, declared=html.declared_charset(content))
    else:
        text, encoding = decode(content.encode("utf-8", "surrogatepass"), name)[0], None
    if html.looks_like_html(text):
        text = html.page_text(text, name)
    return _from_text(text, name, encoding)


def _from_text(text: str, name: str | None, encoding: str | None) -> Report:
    lines = cleaning.split_lines(text)
    fields = metadata.meta_fields(lines[:10])
    cleaned = cleaning.clean(text)
    kept = cleaned.paragraphs
    title = None
    if len(kept) > 1 and metadata.looks_like_title(kept[0]):
        title, kept = kept[0], kept[1:]
    body = cleaning.join_paragraphs(kept)
    return Report(
        text=body,
        title=title,
        date=metadata.parse_date(fields.get("date")),
        source=fields.get("source"),
        site=metadata.site(cleaned.furniture),
        editor=metadata.join_name(fields.get("editor")),
        author=metadata.join_name(fields.get("author")),
        reporter=metadata.reporter(kept[0] if kept else ""),
        views=metadata.parse_int(fields.get("views")),
        name=name,
        encoding=encoding,
        copies=cleaned.copies,
        copies_identical=cleaned.identical,
        furniture=cleaned.furniture,
    )
