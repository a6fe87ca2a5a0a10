"""Gold sets: the seed annotated by hand, and a development set in the forms of other reports.

Floors are pinned: the seed's recall and precision stay at 100% and its measure agreement at
≥ 95%; the development and held-out sets' recall ≥ 95% and precision ≥ 97%. The held-out set was
written by someone who had not seen the extractor, after the rules were tuned on the others.
"""

from __future__ import annotations

import pandas as pd
import pytest

from lawgov import extract_changes, extract_dates, extract_quantities
from lawgov.check.evaluation import differences, gold_spans, score
from lawgov.genre.seed import seed_gold

from .conftest import GOLD


def read(name: str) -> pd.DataFrame:
    return pd.read_csv(GOLD / name, dtype=str, keep_default_na=False)


@pytest.fixture(scope="module")
def seed_scores(seed_report):
    gold = gold_spans(seed_report.text, seed_gold("quantities"))
    predicted = extract_quantities(seed_report)
    return score(predicted, gold), differences(predicted, gold)


def test_seed_recall_and_precision_are_total(seed_scores) -> None:
    scores, diff = seed_scores
    assert (scores["recall"], scores["precision"]) == (1.0, 1.0), diff.to_string()
    assert scores["gold"] >= 100


def test_seed_values_units_and_qualifiers_agree(seed_scores) -> None:
    scores, _ = seed_scores
    assert (scores["value"], scores["unit"], scores["qualifier"]) == (1.0, 1.0, 1.0)


def test_seed_measure_agreement(seed_scores) -> None:
    scores, diff = seed_scores
    assert scores["measure"] >= 0.95, diff.to_string()


def test_seed_changes(seed_report) -> None:
    gold = gold_spans(seed_report.text, seed_gold("changes"))
    found = extract_changes(seed_report)
    assert list(zip(found["start"], found["end"], strict=True)) == list(zip(gold["start"], gold["end"], strict=True))
    assert [str(v) for v in found["from_value"]] == gold["from_value"].tolist()
    assert [str(v) for v in found["to_value"]] == gold["to_value"].tolist()
    assert found["direction"].tolist() == gold["direction"].tolist()


def test_seed_dates(seed_report) -> None:
    gold = gold_spans(seed_report.text, seed_gold("dates"))
    found = extract_dates(seed_report)
    columns = ["raw", "start", "iso", "precision"]
    assert found[columns].values.tolist() == gold[columns].values.tolist()


def test_no_date_or_ordinal_in_quantities(seed_report) -> None:
    q = extract_quantities(seed_report)
    dates = extract_dates(seed_report)
    spans = list(zip(dates["start"], dates["end"], strict=True))
    assert not any(s < de and ds < e for s, e in zip(q["start"], q["end"], strict=True) for ds, de in spans)
    assert not any(seed_report.text[s - 1] == "第" for s in q["start"])


def development_scores(name: str) -> tuple[dict, pd.DataFrame]:
    """Score a sentence set as one text, each sentence on its own line."""
    sentences = read(f"{name}_sentences.csv")
    gold = read(f"{name}_quantities.csv")
    predicted, expected, offset = [], [], 0
    for sid, sentence in zip(sentences["id"], sentences["sentence"], strict=True):
        g = gold_spans(sentence, gold[gold["id"] == sid])
        p = extract_quantities(sentence)
        expected.append(g.assign(start=g["start"] + offset, end=g["end"] + offset))
        predicted.append(p.assign(start=p["start"] + offset, end=p["end"] + offset))
        offset += len(sentence) + 1
    p, g = pd.concat(predicted, ignore_index=True), pd.concat(expected, ignore_index=True)
    return score(p, g), differences(p, g)


@pytest.mark.parametrize("name", ["dev", "heldout"])
def test_development_sets(name: str) -> None:
    scores, diff = development_scores(name)
    styles = read(f"{name}_sentences.csv")["style"].nunique()
    assert scores["gold"] >= 80 and styles >= 5
    assert scores["recall"] >= 0.95, diff.to_string()
    assert scores["precision"] >= 0.97, diff.to_string()
    assert scores["value"] == 1.0
