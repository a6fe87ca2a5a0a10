"""Keywords of a report and of each section: term counts, TF-IDF and TextRank scores.

Sections are weighted against each other (a term frequent in one section and rare in the others
ranks high there), so the enforcement section surfaces 执法 and the credit section 信用; the whole
report is weighted against jieba's general-language IDF table. Stop words of government prose
(全市, 开展, 进一步 …) and numbers are dropped first.
"""

from __future__ import annotations

import bisect
import heapq
import importlib.util
import math
import re
from collections import Counter
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import LawgovError
from ..genre.resources import stopwords

if TYPE_CHECKING:
    from ..text.outline import Outline

_SCALE_HEADS = "万亿千百十余多"
_HAN_ONLY = re.compile(r"[\u4e00-\u9fff]+")


@dataclass(frozen=True)
class Keyword:
    """One ranked term of a section (``section`` None: of the whole report)."""

    section: int | None
    rank: int
    term: str
    count: int
    weight: float
    textrank: float


def content_words(words: list[tuple[int, str]]) -> list[tuple[int, str]]:
    """The content words of segmented text: two or more Chinese characters, not a stop word, not part of a number.

    >>> content_words([(0, "全市"), (2, "开展"), (4, "执法检查"), (8, "12"), (10, "万次"), (12, "案件")])
    [(4, '执法检查'), (12, '案件')]
    """
    content = _content_word
    return [
        (s, w) for i, (s, w) in enumerate(words)
        if content(w) and not (i and w[0] in _SCALE_HEADS and words[i - 1][1][-1:].isdigit())  # 1.6|万次: a number
    ]  # fmt: skip


@lru_cache(maxsize=1 << 16)  # bounded: a long batch meets ever more words
def _content_word(word: str) -> bool:
    """Two or more Chinese characters and not a stop word (cached: a report repeats its words many times)."""
    return len(word) >= 2 and word not in stopwords() and _HAN_ONLY.fullmatch(word) is not None


@cache
def general_idf() -> tuple[dict[str, float], float]:
    """jieba's general-language IDF table and its median (used for words it does not list).

    Read from jieba's package folder without importing jieba, split in one pass (``word value`` lines;
    jieba's words hold no whitespace) with the values parsed by numpy: half the time of a loop over lines.
    """
    import numpy as np

    spec = importlib.util.find_spec("jieba")
    if spec is None or not spec.submodule_search_locations:
        raise LawgovError("jieba is not installed; keywords need its IDF table: pip install jieba", "jieba")
    path = Path(spec.submodule_search_locations[0]) / "analyse" / "idf.txt"
    fields = path.read_text(encoding="utf-8").split()
    if len(fields) % 2:
        raise LawgovError("not a list of 'word value' lines", str(path))
    idf = dict(zip(fields[0::2], np.array(fields[1::2], dtype=float).tolist(), strict=True))  # repeated: the last
    values = np.fromiter(idf.values(), dtype=float, count=len(idf))
    middle = len(values) // 2
    return idf, float(np.partition(values, middle)[middle])


def textrank(words: list[str], window: int = 5, iterations: int = 40, damping: float = 0.85) -> dict[str, float]:
    """TextRank over a co-occurrence graph of ``words`` (scores scaled so the top term is 1).

    Words within ``window`` of each other are linked, weighted by how often; see :func:`textranks`.

    >>> {w: round(s, 3) for w, s in textrank(["执法", "检查", "执法", "案件"], window=2).items()}
    {'执法': 1.0, '案件': 0.386, '检查': 0.67}
    """
    return textranks([words], window, iterations, damping)[0]


def textranks(
    lists: list[list[str]], window: int = 5, iterations: int = 40, damping: float = 0.85
) -> list[dict[str, float]]:
    """:func:`textrank` of each word list, all iterated at once as the parts of one graph.

    The edges are counted with numpy: each offset below ``window`` pairs a list with itself shifted,
    both ways, and ``unique`` sums the pairs, sorted by source then target. Each list's words are
    numbered after the previous list's, so the graphs stay apart and every ``bincount`` adds the same
    numbers in the same order as a loop over one graph's sorted edges: the scores are the same to the
    last bit as one graph at a time, and a report costs 40 small array passes, not 40 per section.
    """
    import numpy as np

    vocabularies: list[list[str]] = []
    sources, targets = [], []
    n = 0
    for words in lists:
        nodes = sorted(set(words))
        index = {w: n + i for i, w in enumerate(nodes)}
        ids = np.fromiter((index[w] for w in words), dtype=np.int64, count=len(words))
        for k in range(1, min(window, len(ids))):
            sources.append(ids[:-k])
            targets.append(ids[k:])
        vocabularies.append(nodes)
        n += len(nodes)
    a = np.concatenate(sources) if sources else np.zeros(0, dtype=np.int64)
    b = np.concatenate(targets) if targets else np.zeros(0, dtype=np.int64)
    linked = a != b
    a, b = a[linked], b[linked]
    edges, counts = np.unique(np.concatenate([a * n + b, b * n + a]), return_counts=True)
    src, dst = edges // n, edges % n
    weight = counts.astype(float)
    share = weight / np.bincount(src, weights=weight, minlength=n)[src]  # of each source's weight
    scores = np.ones(n)
    for _ in range(iterations):
        scores = (1 - damping) + damping * np.bincount(dst, weights=scores[src] * share, minlength=n)
    linked_nodes = np.bincount(src, minlength=n) > 0
    found = []
    start = 0
    for nodes in vocabularies:
        end = start + len(nodes)
        if not linked_nodes[start:end].any():  # no edges (also no words): every word alike
            found.append(dict.fromkeys(nodes, 1.0))
        else:
            part = scores[start:end]
            found.append(dict(zip(nodes, (part / (part.max() or 1.0)).tolist(), strict=True)))
        start = end
    return found


def _ranked(section: int | None, counts: Counter[str], idf, ranks: dict[str, float], top: int) -> list[Keyword]:
    total = sum(counts.values()) or 1
    # Sorted on (−weight, −count, term): ties broken by count, then by the term itself, compared as tuples in C.
    scored = heapq.nsmallest(top, [(-(c / total * idf(t)), -c, t) for t, c in counts.items()])
    return [Keyword(section, rank, t, -c, round(-w, 6), round(ranks.get(t, 0.0), 6)) for rank, (w, c, t) in
            enumerate(scored, start=1)]  # fmt: skip


def _starts(doc: Outline) -> list[int]:
    """Where each section begins: its heading, or its first paragraph (the preamble, section 0, at 0)."""
    return [(s.title or s.paragraphs[0]).start if s.id else 0 for s in doc.sections]


def find_keywords(doc: Outline, words: list[tuple[int, str]], top: int = 10) -> list[Keyword]:
    """Top ``top`` terms of the whole report and of each section of ``doc``, from its segmented ``words``.

    Each word belongs to the section whose heading (or first paragraph) starts at or before it.
    """
    content = content_words(words)
    all_words = [w for _, w in content]
    # Sections are in reading order, so each one's words are a slice: from the first at or after its start
    # (the first section's from the beginning) to the next section's first.
    offsets = [s for s, _ in content]
    cuts = [0, *(bisect.bisect_left(offsets, start) for start in _starts(doc)[1:]), len(all_words)]
    per_section = {s.id: all_words[cuts[i] : cuts[i + 1]] for i, s in enumerate(doc.sections)}
    general, median = general_idf()
    ranks = textranks([all_words, *per_section.values()])
    rows = _ranked(None, Counter(all_words), lambda t: general.get(t, median), ranks[0], top)
    n = len(per_section)
    df = Counter(t for words in per_section.values() for t in set(words))
    idf = {t: math.log((1 + n) / (1 + d)) + 1 for t, d in df.items()}  # each section's terms are all in df
    for (sid, section_words), section_ranks in zip(per_section.items(), ranks[1:], strict=True):
        rows += _ranked(sid, Counter(section_words), idf.__getitem__, section_ranks, top)
    return rows
