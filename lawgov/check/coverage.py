"""Coverage: every number of the text is accounted for — a quantity, a date, an ordinal, a name or a word.

A digit run or Chinese-numeral run that no table and no rule explains is either a quantity the
extractor missed or a name it should know: validation reports it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import TYPE_CHECKING

from ..extract.quantities import name_spans
from ..genre import lexicon as lx
from ..genre.vocabulary import DictionaryArg, PlacesArg, Vocabulary, vocabulary
from ..text.numerals import CN_NUMERAL_CHARS
from ..text.outline import NUMBERING
from ..text.segment import tokens
from ..text.spans import SpanSet

if TYPE_CHECKING:
    import pandas as pd

_DIGITS = re.compile(r"[0-9０-９]+(?:[.,．][0-9０-９]+)*")
_NUMERALS = re.compile(rf"[{CN_NUMERAL_CHARS}]+")
_ORDINAL_AFTER = re.compile(r"届|次会议|次全会|次全体会议|周年")
# 一是…二是…, 一要…: the numbers of an enumeration's items.
_ENUMERATION = re.compile(rf"{lx.ENUMERATION}")


def coverage(
    text: str,
    tables: dict[str, pd.DataFrame],
    *,
    places: PlacesArg | Vocabulary = None,
    dictionary: DictionaryArg = None,
    people: Iterable[str] = (),
) -> pd.DataFrame:
    """Every digit run and Chinese-numeral run of ``text`` with what accounts for it.

    ``accounted_as`` is quantity, date, ordinal (a heading number, 第…, 一是…, 颁布30周年), name (inside a
    quote, title, entity, policy term, phone number, hotline, address or postcode, or a person of
    ``people``: 万一鸣) or word (a dictionary word such as 统一 or 一体化); an empty value is a violation.
    ``places`` and ``dictionary`` are those the tables were extracted with (Chongqing's and lawgov's by
    default); ``people`` the names the page's byline gives (reporter, editor, author).
    """
    import pandas as pd

    vocab = vocabulary(places, dictionary)
    spans: dict[str, list[tuple[int, int]]] = {"quantity": [], "date": [], "name": [], "ordinal": []}
    for table, label in (("quantities", "quantity"), ("dates", "date"), ("entities", "name")):
        df = tables.get(table)
        if df is not None:
            spans[label] += [(int(s), int(e)) for s, e in zip(df["start"], df["end"], strict=True)]
    spans["name"] += name_spans(text, vocab)
    for person in {p for p in people if p}:
        spans["name"] += [m.span() for m in re.finditer(re.escape(person), text)]
    spans["ordinal"] += _heading_numbers(text)
    sets = {label: SpanSet(found) for label, found in spans.items()}  # checked in this order
    words = SpanSet(_numeral_words(text, tokens(text, vocab, _named(tables.get("entities")))))
    rows = []
    for m in [*_DIGITS.finditer(text), *_NUMERALS.finditer(text)]:
        s, e = m.span()
        label = next((lab for lab, found in sets.items() if found.contains(s, e)), "")
        if not label and (text[s - 1 : s] == "第" or _ORDINAL_AFTER.match(text, e) or _ENUMERATION.match(text, s)):
            label = "ordinal"
        if not label and words.contains(s, e):
            label = "word"
        rows.append((m.group(0), s, e, label, text[max(0, s - 8) : e + 8]))
    df = pd.DataFrame(rows, columns=["run", "start", "end", "accounted_as", "context"])
    return df.sort_values(["start", "end"], kind="stable").reset_index(drop=True)


def _heading_numbers(text: str) -> list[tuple[int, int]]:
    """Spans of the numbers that open headings and items (一、 （二） 3. （4）): ordinals, not quantities."""
    spans = []
    for line in re.finditer(r"(?m)^", text):
        head = text[line.start() : line.start() + 8]  # the patterns are anchored with ^
        for pattern in NUMBERING:
            m = pattern.match(head)
            if m:
                spans.append((line.start(), line.start() + m.end()))
                break
    return spans


def _named(entities: pd.DataFrame | None) -> list[tuple[int, int]]:
    """Spans of the bodies, places and programmes named: segmentation keeps them whole, as extraction did."""
    if entities is None:
        return []
    named = entities[entities["type"] != "law"]
    return [(int(s), int(e)) for s, e in zip(named["start"], named["end"], strict=True)]


def _numeral_words(text: str, words: list[tuple[int, str]]) -> list[tuple[int, int]]:
    """Spans of segmented words that hold a numeral inside a longer word (统一, 一体化, 进一步)."""
    return [
        (start, start + len(w))
        for start, w in words
        if len(w) > 1 and _NUMERALS.search(w) and not _NUMERALS.fullmatch(w) and not _DIGITS.search(w)
    ]
