"""Word segmentation with jieba plus the genre's dictionary: 放管服, 渝快办, 双随机、一公开 stay whole.

lawgov uses a ``jieba.Tokenizer`` of its own, built on first use with jieba's log silenced (jieba
writes its dictionary load to stderr, which breaks notebook tests), so other users of jieba in the
same process see neither our words nor a changed log level. Terms jieba cannot hold (they contain
、, · or +) and the entities a text names are cut out first and kept whole.

>>> segment("完善“双随机、一公开”监管，推广“渝快办”")
['完善', '“', '双随机、一公开', '”', '监管', '，', '推广', '“', '渝快办', '”']
"""

from __future__ import annotations

import logging
import re
import warnings
from functools import cache
from typing import TYPE_CHECKING

from .resources import read_lines

if TYPE_CHECKING:
    import jieba

_HAN_WORD = re.compile(r"[\u4e00-\u9fffA-Za-z0-9]+")


@cache
def user_dictionary() -> tuple[tuple[str, int, str], ...]:
    """(term, frequency, tag) of the governance dictionary shipped in ``resources/governance_terms.txt``."""
    entries = []
    for line in read_lines("governance_terms.txt"):
        parts = line.split()
        entries.append((parts[0], int(parts[1]) if len(parts) > 1 else 1000, parts[2] if len(parts) > 2 else "nz"))
    return tuple(entries)


@cache
def tokenizer() -> jieba.Tokenizer:
    """lawgov's own jieba tokenizer with the governance dictionary and the place names loaded."""
    with warnings.catch_warnings():  # jieba imports pkg_resources, which newer setuptools warns about
        warnings.simplefilter("ignore")
        import jieba

    from .entities import read_places

    logger = logging.getLogger("jieba")
    level = logger.level
    logger.setLevel(logging.WARNING)  # only around our own load: jieba's global setting is left as it was
    try:
        tk = jieba.Tokenizer()
        tk.initialize()
    finally:
        logger.setLevel(level)
    for term, freq, tag in user_dictionary():
        if _HAN_WORD.fullmatch(term):
            tk.add_word(term, freq, tag)
    for place in read_places():
        for name in {place.name, place.short}:
            tk.add_word(name, 2000, "ns")
    return tk


@cache
def _protected_terms() -> re.Pattern[str]:
    terms = [t for t, _, _ in user_dictionary() if not _HAN_WORD.fullmatch(t)]
    return re.compile("|".join(re.escape(t) for t in sorted(terms, key=len, reverse=True)))


def _protected_spans(text: str) -> list[tuple[int, int]]:
    """Spans to keep whole: dictionary terms with punctuation, and the bodies, places and programmes named."""
    from .entities import find_entities

    spans = [m.span() for m in _protected_terms().finditer(text)]
    spans += [(e.start, e.end) for e in find_entities(text) if e.type != "law"]
    kept: list[tuple[int, int]] = []
    for s, e in sorted(spans, key=lambda span: (span[0], -span[1])):
        if not kept or s >= kept[-1][1]:
            kept.append((s, e))
    return kept


def tokens(text: str) -> list[tuple[int, str]]:
    """``(offset, word)`` for every word of ``text`` (whitespace dropped); see :func:`segment`."""
    tk = tokenizer()
    found: list[tuple[int, str]] = []
    pos = 0
    for start, end in [*_protected_spans(text), (len(text), len(text))]:
        found += [(pos + s, w) for w, s, _ in tk.tokenize(text[pos:start])]
        if end > start:
            found.append((start, text[start:end]))
        pos = end
    return [(s, w) for s, w in found if w.strip()]


def segment(text: str) -> list[str]:
    """The words of ``text``: jieba's cut with the governance dictionary, named things kept whole."""
    return [w for _, w in tokens(text)]
