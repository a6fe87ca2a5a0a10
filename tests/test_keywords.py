"""Keywords per section differ the way a reader expects, and stop words never rank."""

from __future__ import annotations

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
