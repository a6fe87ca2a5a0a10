"""Word segmentation with jieba plus the genre's dictionary: 放管服, 渝快办, 双随机、一公开 stay whole.

lawgov uses a ``jieba.Tokenizer`` of its own per vocabulary, built on first use with jieba's log
silenced (jieba writes its dictionary load to stderr, which breaks notebook tests), so other users of
jieba in the same process see neither our words nor a changed log level. Terms jieba cannot hold
(they contain 、, · or +) and the spans a caller asks to keep (the entities a text names) are cut
out first and kept whole.

>>> from lawgov.genre.vocabulary import vocabulary
>>> [w for _, w in tokens("完善“双随机、一公开”监管，推广“渝快办”", vocabulary())]
['完善', '“', '双随机、一公开', '”', '监管', '，', '推广', '“', '渝快办', '”']
"""

from __future__ import annotations

import logging
import re
import warnings
from collections.abc import Iterable
from functools import cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import jieba

    from ..genre.vocabulary import Vocabulary

_HAN_WORD = re.compile(r"[\u4e00-\u9fffA-Za-z0-9]+")
PLACE_FREQUENCY = 2000


@cache
def tokenizer(vocab: Vocabulary) -> jieba.Tokenizer:
    """A jieba tokenizer of lawgov's own with the vocabulary's terms and place names loaded."""
    with warnings.catch_warnings():  # jieba imports pkg_resources, which newer setuptools warns about
        warnings.simplefilter("ignore")
        import jieba

    logger = logging.getLogger("jieba")
    level = logger.level
    logger.setLevel(logging.WARNING)  # only around our own load: jieba's global setting is left as it was
    try:
        tk = jieba.Tokenizer()
        tk.initialize()
    finally:
        logger.setLevel(level)
    for term, freq, tag in vocab.terms:
        if _HAN_WORD.fullmatch(term):
            tk.add_word(term, freq, tag)
    for place in vocab.places:
        for name in {place.name, place.short}:
            tk.add_word(name, PLACE_FREQUENCY, "ns")
    return tk


@cache
def _protected_terms(vocab: Vocabulary) -> re.Pattern[str] | None:
    terms = [t for t in vocab.words if not _HAN_WORD.fullmatch(t)]
    return re.compile("|".join(re.escape(t) for t in sorted(terms, key=len, reverse=True))) if terms else None


def _protected_spans(text: str, vocab: Vocabulary, keep: Iterable[tuple[int, int]]) -> list[tuple[int, int]]:
    """Spans to keep whole, non-overlapping (the longest first): terms with punctuation, and ``keep``."""
    pattern = _protected_terms(vocab)
    spans = [m.span() for m in pattern.finditer(text)] if pattern else []
    spans += list(keep)
    kept: list[tuple[int, int]] = []
    for s, e in sorted(spans, key=lambda span: (span[0], -span[1])):
        if not kept or s >= kept[-1][1]:
            kept.append((s, e))
    return kept


def tokens(text: str, vocab: Vocabulary, keep: Iterable[tuple[int, int]] = ()) -> list[tuple[int, str]]:
    """``(offset, word)`` for every word of ``text`` (whitespace dropped), the spans in ``keep`` whole."""
    tk = tokenizer(vocab)
    found: list[tuple[int, str]] = []
    pos = 0
    for start, end in [*_protected_spans(text, vocab, keep), (len(text), len(text))]:
        found += [(pos + s, w) for w, s, _ in tk.tokenize(text[pos:start])]
        if end > start:
            found.append((start, text[start:end]))
        pos = end
    return [(s, w) for s, w in found if w.strip()]
