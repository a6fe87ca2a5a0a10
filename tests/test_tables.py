"""One report, its tables: every step computed once, the same table from every entry point, and the
options given at the API edge reaching every step."""

from __future__ import annotations

import pandas as pd
import pytest

import lawgov
from lawgov.extract import tables
from lawgov.schema import TABLES, columns

OTHER_PROVINCE = (
    "成都市龙泉驿区推行柔性执法。龙泉驿区市场监管局查处案件12件，龙泉驿创新监管方式，"
    "青白江区同步推进。青白江区开展专项整治。"
)


@pytest.fixture
def places_csv(tmp_path):
    path = tmp_path / "places_chengdu.csv"
    path.write_text("name,short,kind\n龙泉驿区,龙泉驿,区\n青白江区,青白江,区\n", encoding="utf-8")
    return path


def test_a_custom_place_list_reaches_entities_segmentation_and_keywords(places_csv) -> None:
    report = lawgov.parse("某区报告\n\n一、主要工作\n\n" + OTHER_PROVINCE)
    default = lawgov.report_tables(report)
    custom = lawgov.report_tables(report, places=places_csv)
    assert "龙泉驿区市场监管局" not in lawgov.segment(OTHER_PROVINCE)  # Chongqing's list: 龙泉驿 | 区市场监管局
    assert "龙泉驿区市场监管局" in lawgov.segment(OTHER_PROVINCE, places=places_csv)
    assert "龙泉驿区市场监管局" in set(custom["keywords"]["term"]) - set(default["keywords"]["term"])
    assert set(custom["entities"]["normalized"]) - set(default["entities"]["normalized"]) >= {"龙泉驿区", "青白江区"}


def test_a_custom_dictionary_reaches_segmentation(tmp_path) -> None:
    dictionary = tmp_path / "terms.txt"
    dictionary.write_text("柔性执法方式 5000 nz\n", encoding="utf-8")
    text = "推行柔性执法方式。"
    assert "柔性执法方式" not in lawgov.segment(text)
    assert "柔性执法方式" in lawgov.segment(text, dictionary=dictionary)


def count_calls(monkeypatch, name: str) -> list[int]:
    calls: list[int] = []
    real = getattr(tables, name)

    def counted(*args, **kwargs):
        calls.append(1)
        return real(*args, **kwargs)

    monkeypatch.setattr(tables, name, counted)
    return calls


@pytest.mark.parametrize("step", ["outline", "find_dates", "find_entities", "find_quantities"])
def test_each_step_runs_once_per_report(monkeypatch, seed_report, step: str) -> None:
    calls = count_calls(monkeypatch, step)
    lawgov.report_tables(seed_report)
    assert len(calls) == 1


def test_the_build_runs_each_step_once(monkeypatch, seed_report) -> None:
    from lawgov.genre.vocabulary import vocabulary
    from lawgov.output.build import outputs

    calls = {name: count_calls(monkeypatch, name) for name in ("outline", "find_dates", "find_entities")}
    outputs(seed_report, vocabulary(), figures=False)
    assert {name: len(c) for name, c in calls.items()} == {"outline": 1, "find_dates": 1, "find_entities": 1}


def test_only_what_is_asked_for_is_computed(monkeypatch, seed_report) -> None:
    entities = count_calls(monkeypatch, "find_entities")
    lawgov.report_tables(seed_report, ["quantities", "changes"])
    assert entities == []


@pytest.mark.parametrize(
    "name, extract",
    [
        ("quantities", lawgov.extract_quantities),
        ("changes", lawgov.extract_changes),
        ("dates", lawgov.extract_dates),
        ("entities", lawgov.extract_entities),
        ("keywords", lawgov.extract_keywords),
    ],
)
def test_extract_functions_give_the_report_tables(seed_report, name, extract) -> None:
    table = lawgov.report_tables(seed_report, [name])[name]
    pd.testing.assert_frame_equal(extract(seed_report), table)
    assert list(table.columns) == columns(name)


def test_text_and_report_give_the_same_rows_given_the_date(seed_report) -> None:
    from_text = lawgov.extract_quantities(seed_report.text, date=seed_report.date)
    pd.testing.assert_frame_equal(from_text, lawgov.extract_quantities(seed_report))


def test_every_table_has_its_schema_columns_and_dtypes(seed_report) -> None:
    from lawgov.schema import dtypes

    for name, df in lawgov.report_tables(seed_report).items():
        assert list(df.columns) == columns(name), name
        assert {c: str(df[c].dtype) for c in dtypes(name)} == dtypes(name), name
    assert set(lawgov.report_tables(seed_report)) == set(TABLES)


def test_unknown_tables_are_named() -> None:
    with pytest.raises(ValueError, match="nope"):
        lawgov.report_tables(lawgov.parse("正文。"), ["nope"])
