"""A report → its records, each step computed once, → its tables; and the public ``extract_*`` functions.

:class:`Analysis` holds one report's steps as lazily computed attributes (outline, dates,
quantities, changes, entities, words, keywords), each built from the steps before it, so nothing is
computed twice and nothing that is not asked for is computed at all. Its tables are made by
:func:`lawgov.schema.frame` from the records, so :func:`extract_quantities` and
``report_tables(report)["quantities"]`` are the same table.

The Chongqing defaults (place list, dictionary) are chosen here, at the API edge, by
:func:`lawgov.genre.vocabulary.vocabulary`; every step below takes the vocabulary explicitly.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import is_dataclass
from functools import cached_property
from typing import TYPE_CHECKING

from ..genre.vocabulary import DictionaryArg, PlacesArg, Vocabulary, vocabulary
from ..report import Report
from ..schema import TABLES, columns, frame
from ..text.outline import Outline, outline
from ..text.segment import tokens
from .changes import Change, find_changes
from .dates import DateMention, find_dates
from .entities import Entity, find_entities
from .keywords import Keyword, find_keywords
from .quantities import Quantity, find_quantities

if TYPE_CHECKING:
    import pandas as pd


class Analysis:
    """One report's extraction: every step an attribute, computed on first use from the ones before it.

    >>> a = Analysis("全市查处案件120件，同比增长8.5%。", vocabulary())
    >>> [q.raw for q in a.quantities], a.table("quantities")["section"].tolist()
    (['120件', '8.5%'], [0, 0])
    """

    def __init__(self, report: Report | str, vocab: Vocabulary, date: dt.date | None = None) -> None:
        self.text = report if isinstance(report, str) else report.text
        self.date = date if date is not None else None if isinstance(report, str) else report.date
        self.vocab = vocab

    @cached_property
    def outline(self) -> Outline:
        return outline(self.text)

    @cached_property
    def dates(self) -> list[DateMention]:
        return find_dates(self.text, self.date)

    @cached_property
    def quantities(self) -> list[Quantity]:
        return find_quantities(self.text, self.date, vocab=self.vocab, dates=self.dates)

    @cached_property
    def changes(self) -> list[Change]:
        return find_changes(self.text, self.quantities)

    @cached_property
    def entities(self) -> list[Entity]:
        return find_entities(self.text, self.vocab)

    @cached_property
    def words(self) -> list[tuple[int, str]]:
        """``(offset, word)`` of the segmented text, every body, place and programme named kept whole."""
        keep = [(e.start, e.end) for e in self.entities if e.type != "law"]
        return tokens(self.text, self.vocab, keep)

    @cached_property
    def keywords(self) -> list[Keyword]:
        return find_keywords(self.outline, self.words)

    def rows(self, name: str) -> list[tuple]:
        """Table ``name`` of :data:`lawgov.schema.TABLES` as tuples in column order, missing cells ``None``:
        what CSV files and Parquet parts are written from, with no DataFrame in between."""
        if name == "outline":
            return list(self.outline.rows())
        if name == "keywords":
            return field_rows(self.keywords, columns(name))
        if name not in TABLES:
            raise ValueError(f"unknown table {name!r}; choose from {TABLES}")
        return placed(getattr(self, name), self.outline, columns(name))

    def table(self, name: str) -> pd.DataFrame:
        """Table ``name`` of :data:`lawgov.schema.TABLES` as a DataFrame."""
        return frame(name, self.rows(name))


def field_rows(items: Iterable[object], names: list[str]) -> list[tuple]:
    """The fields ``names`` of each dataclass record, as tuples."""
    return [tuple(item.__dict__[c] for c in names) for item in items]


def placed(items: Iterable[object], doc: Outline, names: list[str]) -> list[tuple]:
    """Rows of span records placed in the outline, as tuples of the columns ``names``: ``id`` (reading
    order, from 1), ``section`` and ``paragraph`` (of the paragraph holding the span's start; empty
    outside paragraphs), then the record's own fields."""
    rows = []
    for i, item in enumerate(items, start=1):
        record = item.__dict__ if is_dataclass(item) else dict(item)
        section, paragraph = doc.locate(record["start"])
        placing = {"id": i, "section": section, "paragraph": paragraph}
        rows.append(tuple(placing[c] if c in placing else record[c] for c in names))
    return rows


def report_tables(
    report: Report,
    names: Iterable[str] = TABLES,
    *,
    places: PlacesArg = None,
    dictionary: DictionaryArg = None,
) -> dict[str, pd.DataFrame]:
    """The tables ``names`` (all of :data:`lawgov.schema.TABLES` by default) of one report.

    Each step runs once, and only when a table asked for needs it. ``places`` (a CSV path or
    :func:`lawgov.read_places`) and ``dictionary`` (a jieba-format user dictionary) replace the
    defaults, Chongqing's places and lawgov's governance dictionary, for entities, segmentation and
    keywords alike.
    """
    wanted = list(names)
    unknown = set(wanted) - set(TABLES)
    if unknown:
        raise ValueError(f"unknown tables {sorted(unknown)}; choose from {TABLES}")
    analysis = Analysis(report, vocabulary(places, dictionary))
    return {name: analysis.table(name) for name in TABLES if name in wanted}


def _analysis(report: Report | str, date: dt.date | None, places: PlacesArg, dictionary: DictionaryArg) -> Analysis:
    return Analysis(report, vocabulary(places, dictionary), date)


def extract_quantities(
    report: Report | str, *, date: dt.date | None = None, places: PlacesArg = None, dictionary: DictionaryArg = None
) -> pd.DataFrame:
    """Every quantitative claim of a report (or clean text), one row each, in reading order.

    Columns (see ``data/datapackage.json``): ``id``, ``section``, ``paragraph``, ``raw`` (exact text),
    ``start``/``end`` (``text[start:end] == raw``), ``value`` (exact, fully scaled, a Decimal),
    ``value_max`` (ranges), ``unit`` (without the scale), ``scale``, ``qualifier`` (余/多/近/约/超过/
    以上/累计/至/由/从 … joined by ';'), ``measure`` (what is counted), ``kind`` (count, money, percent,
    percentage_points, multiple, area, …) and ``direction`` (up/down when a change verb precedes the
    number). ``date`` (a report's own date by default) lets dates without a year be recognised as dates.
    """
    return _analysis(report, date, places, dictionary).table("quantities")


def extract_changes(
    report: Report | str, *, date: dt.date | None = None, places: PlacesArg = None, dictionary: DictionaryArg = None
) -> pd.DataFrame:
    """One row per from→to change: measure, from, to, unit, direction, absolute and percent change, span."""
    return _analysis(report, date, places, dictionary).table("changes")


def extract_dates(
    report: Report | str, *, date: dt.date | None = None, places: PlacesArg = None, dictionary: DictionaryArg = None
) -> pd.DataFrame:
    """Dates and periods with ISO values; a missing year comes from ``date`` (the report's own by default)."""
    return _analysis(report, date, places, dictionary).table("dates")


def extract_entities(
    report: Report | str, *, date: dt.date | None = None, places: PlacesArg = None, dictionary: DictionaryArg = None
) -> pd.DataFrame:
    """Bodies, places, laws and documents, and programmes: type, name, normalized, subtype, offsets.

    ``places`` is a CSV path (name, short, kind) or the result of :func:`lawgov.read_places`; the
    default is Chongqing's districts, counties and zones.
    """
    return _analysis(report, date, places, dictionary).table("entities")


def extract_keywords(
    report: Report | str,
    *,
    top: int = 10,
    date: dt.date | None = None,
    places: PlacesArg = None,
    dictionary: DictionaryArg = None,
) -> pd.DataFrame:
    """The ``top`` terms of the whole report (``section`` empty) and of each section: rank, count,
    TF-IDF weight and TextRank score."""
    analysis = _analysis(report, date, places, dictionary)
    return frame("keywords", field_rows(find_keywords(analysis.outline, analysis.words, top), columns("keywords")))


keywords = extract_keywords  # the name of lawgov 0.1


def segment(text: str, *, places: PlacesArg = None, dictionary: DictionaryArg = None) -> list[str]:
    """The words of ``text``: jieba's cut with the governance dictionary, named things kept whole.

    >>> segment("完善“双随机、一公开”监管，推广“渝快办”")
    ['完善', '“', '双随机、一公开', '”', '监管', '，', '推广', '“', '渝快办', '”']
    """
    return [w for _, w in _analysis(text, None, places, dictionary).words]
