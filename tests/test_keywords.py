"""Keywords per section differ the way a reader expects, and stop words never rank."""

from __future__ import annotations

import random
from collections import Counter

import pytest

from lawgov import keywords
from lawgov.extract.keywords import textrank


@pytest.fixture(scope="module")
def seed_keywords(seed_report):
    return keywords(seed_report, top=8)


def top_terms(table, section) -> list[str]:
    rows = table[table["section"].isna()] if section is None else table[table["section"] == section]
    return rows.sort_values("rank")["term"].tolist()


def test_sections_surface_their_subjects(seed_report, seed_keywords) -> None:
    from lawgov import outline

    titles = {s.id: s.subtitle.text for s in outline(seed_report).sections if s.subtitle}
    enforcement = next(i for i, t in titles.items() if "执法" in t)
    credit = next(i for i, t in titles.items() if "信用" in t)
    assert "执法" in top_terms(seed_keywords, enforcement)[:3]
    assert "信用" in top_terms(seed_keywords, credit)[:3]
    assert top_terms(seed_keywords, enforcement)[:5] != top_terms(seed_keywords, credit)[:5]


def test_stop_words_never_rank(seed_keywords) -> None:
    assert not {"全市", "开展", "进一步", "推进", "加强", "完善"} & set(seed_keywords["term"])


def test_table_shape(seed_keywords) -> None:
    assert list(seed_keywords.columns) == ["section", "rank", "term", "count", "weight", "textrank"]
    assert seed_keywords["section"].isna().sum() == 8
    assert seed_keywords.groupby("section", dropna=False)["rank"].apply(list).map(lambda r: r == sorted(r)).all()
    assert (seed_keywords["textrank"].between(0, 1)).all()


def test_content_words_drop_numbers_and_stop_words() -> None:
    from lawgov.extract.keywords import content_words
    from lawgov.extract.tables import Analysis
    from lawgov.genre.vocabulary import vocabulary

    words = Analysis("全市开展执法检查1.6万次，进一步加强监管。", vocabulary()).words
    assert [w for _, w in content_words(words)] == ["执法检查", "监管"]


def test_textrank_ranks_the_hub_first() -> None:
    scores = textrank(["执法", "检查", "执法", "案件", "执法", "处罚"], window=2)
    assert max(scores, key=scores.get) == "执法"


def textrank_by_loop(words: list[str], window: int = 5, iterations: int = 40, damping: float = 0.85) -> dict:
    """TextRank as first written: edges counted pair by pair, then iterated over the sorted edges (the oracle)."""
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
    share = weight / np.bincount(src, weights=weight, minlength=len(nodes))[src]
    scores = np.ones(len(nodes))
    for _ in range(iterations):
        scores = (1 - damping) + damping * np.bincount(dst, weights=scores[src] * share, minlength=len(nodes))
    top = scores.max() or 1.0
    return {w: float(s / top) for w, s in zip(nodes, scores, strict=True)}


def test_textrank_gives_the_loops_scores_to_the_last_bit(seed_report) -> None:
    from lawgov.extract.keywords import content_words
    from lawgov.extract.tables import Analysis
    from lawgov.genre.vocabulary import vocabulary

    words = [w for _, w in content_words(Analysis(seed_report, vocabulary()).words)]
    assert len(words) > 1000
    assert textrank(words) == textrank_by_loop(words)
    rng = random.Random(14)
    for _ in range(500):
        alphabet = "执法检查案件处罚监管信用改革"[: rng.randrange(1, 12)]
        sample = [rng.choice(alphabet) for _ in range(rng.randrange(0, 80))]
        for window in (0, 1, 2, 3, 5, 9):
            assert textrank(sample, window=window) == textrank_by_loop(sample, window=window), (sample, window)


def test_textranks_of_many_lists_are_each_lists_own() -> None:
    """Iterated as the parts of one graph, every list still gets exactly the scores it gets alone."""
    from lawgov.extract.keywords import textranks

    rng = random.Random(7)
    alphabet = "执法检查案件处罚监管信用改革"
    for _ in range(100):
        lists = [[rng.choice(alphabet[: rng.randrange(1, 12)]) for _ in range(rng.randrange(0, 60))] for _ in range(5)]
        assert textranks(lists, window=4) == [textrank_by_loop(words, window=4) for words in lists]


def test_general_idf_is_jiebas_table() -> None:
    import importlib.util
    from pathlib import Path

    from lawgov.extract.keywords import general_idf

    folder = Path(importlib.util.find_spec("jieba").submodule_search_locations[0])
    lines = (folder / "analyse" / "idf.txt").read_text(encoding="utf-8").splitlines()
    table = {word: float(value) for word, _, value in (line.partition(" ") for line in lines)}
    idf, median = general_idf()
    assert idf == table
    assert median == sorted(table.values())[len(table) // 2]
