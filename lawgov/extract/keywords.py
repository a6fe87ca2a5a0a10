"""Keywords of a report and of each section: term counts, TF-IDF and TextRank scores.

Sections are weighted against each other (a term frequent in one section and rare in the others
ranks high there), so the enforcement section surfaces 执法 and the credit section 信用; the whole
report is weighted against jieba's general-language IDF table. Stop words of government prose
(全市, 开展, 进一步 …) and numbers are dropped first.
"""

from __future__ import annotations

import bisect
import math
import re
from collections import Counter
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import TYPE_CHECKING

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
    stop = stopwords()
    return [
        (s, w) for i, (s, w) in enumerate(words)
        if len(w) >= 2 and w not in stop and _HAN_ONLY.fullmatch(w)
        and not (i and w[0] in _SCALE_HEADS and words[i - 1][1][-1:].isdigit())  # 1.6|万次: the rest of a number
    ]  # fmt: skip


@cache
def general_idf() -> tuple[dict[str, float], float]:
    """jieba's general-language IDF table and its median (used for words it does not list)."""
    text = resources.files("jieba").joinpath("analyse", "idf.txt").read_text(encoding="utf-8")
    idf = {}
    for line in text.splitlines():
        word, _, value = line.partition(" ")
        if value:
            idf[word] = float(value)
    values = sorted(idf.values())
    return idf, values[len(values) // 2]


def textrank(words: list[str], window: int = 5, iterations: int = 40, damping: float = 0.85) -> dict[str, float]:
    """TextRank over a co-occurrence graph of ``words`` (scores scaled so the top term is 1).

    Words within ``window`` of each other are linked, weighted by how often; scores are iterated
    with numpy over the edge list (``bincount``), so a long report costs time linear in its edges.
    """
    import numpy as np

    nodes = sorted(set(words))
    if not nodes:
        return {}
    index = {w: i for i, w in enumerate(nodes)}
    ids = [index[w] for w in words]
    pairs: Counter[tuple[int, int]] = Counter()
    for i, a in enumerate(ids):
        for b in ids[i + 1 : i + window]:
            if a != b:
                pairs[a, b] += 1
                pairs[b, a] += 1
    if not pairs:
        return dict.fromkeys(nodes, 1.0)
    edges = sorted(pairs.items())
    src = np.array([a for (a, _), _ in edges])
    dst = np.array([b for (_, b), _ in edges])
    weight = np.array([c for _, c in edges], dtype=float)
    share = weight / np.bincount(src, weights=weight, minlength=len(nodes))[src]  # of each source's weight
    scores = np.ones(len(nodes))
    for _ in range(iterations):
        scores = (1 - damping) + damping * np.bincount(dst, weights=scores[src] * share, minlength=len(nodes))
    top = scores.max() or 1.0
    return {w: float(s / top) for w, s in zip(nodes, scores, strict=True)}


def _ranked(section: int | None, counts: Counter[str], idf, textranks: dict[str, float], top: int) -> list[Keyword]:
    total = sum(counts.values()) or 1
    scored = [(t, c, c / total * idf(t)) for t, c in counts.items()]
    scored.sort(key=lambda x: (-x[2], -x[1], x[0]))  # ties broken by count, then by the term itself
    return [Keyword(section, rank, t, c, round(w, 6), round(textranks.get(t, 0.0), 6)) for rank, (t, c, w) in
            enumerate(scored[:top], start=1)]  # fmt: skip


def find_keywords(doc: Outline, words: list[tuple[int, str]], top: int = 10) -> list[Keyword]:
    """Top ``top`` terms of the whole report and of each section of ``doc``, from its segmented ``words``.

    Each word belongs to the section whose heading (or first paragraph) starts at or before it.
    """
    starts = [(s.title or s.paragraphs[0]).start if s.id else 0 for s in doc.sections]
    per_section: dict[int, list[str]] = {s.id: [] for s in doc.sections}
    all_words = []
    for start, word in content_words(words):
        all_words.append(word)
        if doc.sections:
            per_section[doc.sections[max(0, bisect.bisect_right(starts, start) - 1)].id].append(word)
    general, median = general_idf()
    rows = _ranked(None, Counter(all_words), lambda t: general.get(t, median), textrank(all_words), top)
    n = len(per_section)
    df = Counter(t for words in per_section.values() for t in set(words))
    for sid, section_words in per_section.items():
        rows += _ranked(sid, Counter(section_words), lambda t: math.log((1 + n) / (1 + df[t])) + 1,
                        textrank(section_words), top)  # fmt: skip
    return rows
