"""The two segmentation engines: rjieba (through JiebaCompat) gives jieba's tokens exactly, so no table depends on
which one runs; LAWGOV_SEGMENTER chooses, and a missing rjieba falls back to jieba."""

from __future__ import annotations

import importlib.util
import platform
import random
import re
import sys
from pathlib import Path

import pandas as pd
import pytest

import lawgov
from lawgov.extract.entities import find_entities
from lawgov.genre.resources import parse_dictionary
from lawgov.genre.vocabulary import vocabulary
from lawgov.text import segment
from lawgov.text.segment import ENGINE_VARIABLE, tokenizer, tokens

from .conftest import ROOT, SEED

# where pyproject.toml requires rjieba its absence is a failure, not a skip
if platform.machine() not in segment.RJIEBA_MACHINES and segment._rjieba_problem() is not None:
    pytest.skip(f"rjieba is not available on {platform.machine()}", allow_module_level=True)

VOCAB = vocabulary()
# a dictionary that adds words jieba already has (jieba then counts their frequency twice in its total)
COMMON = parse_dictionary("政府 80000 n\n改革 50000 vn\n执法 20000 v\n法治政府 3000 nz\n执法 25000 v\n放管服 3000 nz")


@pytest.fixture(scope="module")
def engines() -> tuple[segment.Tokenizer, segment.Tokenizer]:
    return tokenizer(VOCAB, "jieba"), tokenizer(VOCAB, "rjieba")


def both(engines, text: str) -> tuple[list, list]:
    jieba_tk, rjieba_tk = engines
    return list(jieba_tk.tokenize(text)), list(rjieba_tk.tokenize(text))


# ---------------------------------------------------------------- corpora


def generated_reports(count: int, seed: int = 14) -> list[str]:
    """Reports from the seed's paragraphs, shuffled; every other one with its digits replaced and its numbers
    rewritten as ranges, dotted and ISO dates, codes, decimals and full-width digits (what rjieba cuts its own way)."""
    paragraphs = lawgov.load(SEED).text.split("\n\n")
    forms = ("{a}-{b}", "{a}.{b}.{c}", "2021-{a}-{b}", "COVID-{a}", "{a}_{b}", "{a}.{b}%", "{a}%-{b}%", "ＡＢ{a}",
             "V{a}.{b}", "{a}~{b}", "{a}—{b}", "{a}+{b}")  # fmt: skip
    rng = random.Random(seed)
    reports = []
    for i in range(count):
        body = "\n\n".join(rng.sample(paragraphs, len(paragraphs)))
        if i % 2:
            body = re.sub(r"[0-9]", lambda _: str(rng.randrange(10)), body)
            body = re.sub(
                r"\d+",
                lambda m: rng.choice(forms).format(a=m.group(), b=rng.randrange(100), c=rng.randrange(10)),
                body,
            )
        reports.append(body)
    return reports


def random_strings(count: int, seed: int = 14) -> list[str]:
    """Strings from alphabets that stress each part of the segmenter: the route, the HMM, letters and digits
    with separators, whitespace, rare and private-use characters."""
    alphabets = [
        "服快办庆州",  # characters that are rarely words together: long runs for the HMM, near ties
        "甲乙丙丁戊己庚辛",
        "政府改革执法案件年月日元项个万亿放管服渝快办重庆万州区",
        "aZ09.-_+#&%—~",
        "0123456789.-%万亿个件元年月日",
        " \t\r\n\u3000，、。（）“”《》",
        "\u3400\u4dbf\u9fd6\u9fff\uf900\U00020000\ue000\ue001😀é·",
    ]
    rng = random.Random(seed)
    out = []
    for i in range(count):
        pool = "".join(rng.sample(alphabets, rng.randrange(1, 4))) if i % 3 else alphabets[i % len(alphabets)]
        out.append("".join(rng.choice(pool) for _ in range(rng.randrange(1, 40))))
    return out


def pages() -> list[Path]:
    """Every page the tests carry: the seed, tests/pages and the genre corpus (dev and held-out)."""
    found = [SEED, *sorted((ROOT / "tests" / "pages").iterdir())]
    return found + sorted(p for p in (ROOT / "tests" / "genre").glob("*/*") if p.suffix in {".txt", ".html"})


# ---------------------------------------------------------------- the tokens


def test_raw_rjieba_differs_from_jieba_where_the_wrapper_works(engines) -> None:
    """The tests below are meaningful: rjieba alone does not give jieba's tokens."""
    raw = engines[1].rj
    for text, jieba_words in [
        ("10月12-19日", ["10", "月", "12", "-", "19", "日"]),
        ("2021.10.12发布", ["2021.10", ".", "12", "发布"]),
        ("\u3400\u3401", ["\u3400", "\u3401"]),
        ("庆快办快办办服服办服庆服", ["庆快", "办快", "办", "办服", "服办", "服庆服"]),  # an HMM near tie
        ("#服服服服服", ["#", "服服", "服服服"]),  # an exact tie, decided by rounding
    ]:
        assert [w for w, _, _ in raw.tokenize(text)] != jieba_words
        assert [[w for w, _, _ in found] for found in both(engines, text)] == [jieba_words, jieba_words]


def test_the_same_tokens_on_the_seed(engines) -> None:
    text = lawgov.load(SEED).text
    jieba_tokens, rjieba_tokens = both(engines, text)
    assert len(jieba_tokens) > 2000
    assert rjieba_tokens == jieba_tokens


def test_the_same_tokens_on_generated_reports(engines) -> None:
    for text in generated_reports(40):
        jieba_tokens, rjieba_tokens = both(engines, text)
        assert rjieba_tokens == jieba_tokens


@pytest.mark.parametrize("count", [5_000, pytest.param(60_000, marks=pytest.mark.slow)])
def test_the_same_tokens_on_random_strings(engines, count: int) -> None:
    differ = [
        (text, *found) for text in random_strings(count, seed=count) if (found := both(engines, text))[0] != found[1]
    ]
    assert differ == []


def test_the_same_tokens_with_another_dictionary_and_places() -> None:
    """Words jieba already has, listed twice: rjieba's dictionary total is made jieba's, so routes agree."""
    other = vocabulary(places=lawgov.read_places(ROOT / "lawgov" / "genre" / "data" / "places_chongqing.csv"),
                       dictionary=COMMON)  # fmt: skip
    engines = tokenizer(other, "jieba"), tokenizer(other, "rjieba")
    for text in [lawgov.load(SEED).text, *generated_reports(6, seed=3), *random_strings(3000, seed=3)]:
        jieba_tokens, rjieba_tokens = both(engines, text)
        assert rjieba_tokens == jieba_tokens


@pytest.mark.parametrize("vocab", [VOCAB, vocabulary(dictionary=COMMON)], ids=["lawgov", "common words again"])
def test_rjieba_has_jiebas_dictionary_total(vocab) -> None:
    jieba_tk, rjieba_tk = tokenizer(vocab, "jieba"), tokenizer(vocab, "rjieba")
    assert segment._dictionary_total(rjieba_tk.rj) == jieba_tk.total
    import rjieba

    plain = rjieba.Jieba()
    for word in segment._words(vocab):
        plain.add_word(*word)
    assert segment._dictionary_total(plain) < jieba_tk.total  # what the compensation is for


def test_jiebas_dictionary_total_is_the_one_lawgov_knows() -> None:
    folder = Path(importlib.util.find_spec("jieba").submodule_search_locations[0])
    lines = (folder / "dict.txt").read_text(encoding="utf-8").splitlines()
    assert sum(int(line.split(" ")[1]) for line in lines) == segment.JIEBA_DICTIONARY_TOTAL


def test_lawgov_tokens_are_the_same_with_protected_spans(engines, monkeypatch: pytest.MonkeyPatch) -> None:
    text = lawgov.load(SEED).text
    keep = [(e.start, e.end) for e in find_entities(text, VOCAB) if e.type != "law"]
    found = {}
    for name in ("jieba", "rjieba"):
        monkeypatch.setenv(ENGINE_VARIABLE, name)
        found[name] = tokens(text, VOCAB, keep)
    assert found["rjieba"] == found["jieba"]


# ---------------------------------------------------------------- the tables


def tables_with(engine: str, monkeypatch: pytest.MonkeyPatch, report: lawgov.Report) -> dict[str, pd.DataFrame]:
    monkeypatch.setenv(ENGINE_VARIABLE, engine)
    assert segment.engine() == engine
    return lawgov.report_tables(report)


@pytest.mark.slow
def test_every_table_is_the_same_with_either_engine(monkeypatch: pytest.MonkeyPatch) -> None:
    reports = [lawgov.load(path) for path in pages()]
    reports += [lawgov.parse(text, name=f"generated{i}") for i, text in enumerate(generated_reports(6, seed=5))]
    for report in reports:
        by_jieba = tables_with("jieba", monkeypatch, report)
        by_rjieba = tables_with("rjieba", monkeypatch, report)
        assert by_jieba.keys() == by_rjieba.keys()
        for name, table in by_jieba.items():
            pd.testing.assert_frame_equal(by_rjieba[name], table, obj=f"{report.name} {name}")


def test_the_seeds_tables_are_the_same_with_either_engine(monkeypatch: pytest.MonkeyPatch) -> None:
    report = lawgov.load(SEED)
    by_jieba = tables_with("jieba", monkeypatch, report)
    by_rjieba = tables_with("rjieba", monkeypatch, report)
    for name, table in by_jieba.items():
        assert by_rjieba[name].to_csv(index=False) == table.to_csv(index=False), name
    assert len(by_jieba["keywords"]) > 0


# ---------------------------------------------------------------- choosing the engine


@pytest.mark.parametrize(("value", "chosen"), [("", "rjieba"), ("auto", "rjieba"), (" RJIEBA ", "rjieba"),
                                               ("jieba", "jieba"), ("Jieba", "jieba")])  # fmt: skip
def test_the_variable_chooses_the_engine(monkeypatch: pytest.MonkeyPatch, value: str, chosen: str) -> None:
    monkeypatch.setenv(ENGINE_VARIABLE, value)
    assert segment.engine() == chosen
    assert isinstance(tokenizer(VOCAB), segment.JiebaCompat) == (chosen == "rjieba")


def test_an_unknown_engine_is_named(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(ENGINE_VARIABLE, "pkuseg")
    with pytest.raises(lawgov.LawgovError, match=f"{ENGINE_VARIABLE}: unknown segmenter 'pkuseg'"):
        lawgov.segment("推进放管服改革")


@pytest.fixture
def no_rjieba(monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setitem(sys.modules, "rjieba", None)  # makes the import fail
    segment._rjieba_problem.cache_clear()
    yield
    segment._rjieba_problem.cache_clear()


def test_without_rjieba_auto_falls_back_to_jieba(no_rjieba, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(ENGINE_VARIABLE, raising=False)
    assert segment.engine() == "jieba"
    assert "放管服" in lawgov.segment("推进放管服改革")


def test_without_rjieba_asking_for_it_is_an_error(no_rjieba, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(ENGINE_VARIABLE, "rjieba")
    with pytest.raises(lawgov.LawgovError, match=r"rjieba was asked for, but it is not installed \(pip install"):
        segment.engine()


def test_an_unsupported_rjieba_version_is_not_used(monkeypatch: pytest.MonkeyPatch) -> None:
    from importlib import metadata

    monkeypatch.setattr(metadata, "version", lambda name: "0.3.1")
    segment._rjieba_problem.cache_clear()
    try:
        monkeypatch.setenv(ENGINE_VARIABLE, "auto")
        assert segment.engine() == "jieba"
        monkeypatch.setenv(ENGINE_VARIABLE, "rjieba")
        with pytest.raises(
            lawgov.LawgovError, match=r"version 0\.3\.1 is installed and lawgov needs rjieba>=0\.2\.2,<0\.3"
        ):
            segment.engine()
    finally:
        segment._rjieba_problem.cache_clear()
