"""Segmentation: policy terms stay whole; jieba and rjieba stay silent and untouched, and load lazily."""

from __future__ import annotations

import os
import platform
import subprocess
import sys

import pytest

from lawgov import segment
from lawgov.text import segment as segment_engine
from lawgov.text.segment import ENGINE_VARIABLE, RJIEBA_MACHINES

TERMS = ["放管服", "双随机、一公开", "一网通办", "跨省通办", "川渝通办", "渝快办", "无证明城市", "两法衔接", "法律明白人",
         "出庭应诉", "告知承诺制", "互联网+监管"]  # fmt: skip


@pytest.mark.parametrize("term", TERMS)
def test_policy_terms_segment_whole(term: str) -> None:
    assert term in segment(f"全市深入推进{term}工作，成效明显。")


def test_entities_segment_whole() -> None:
    words = segment("市市场监管局会同市检察院在万州区分水镇检查。")
    assert {"市市场监管局", "市检察院", "万州区", "分水镇"} <= set(words)


def test_plain_jieba_would_split_them() -> None:
    """The test above is meaningful: jieba's own dictionary does not know these terms."""
    import jieba

    plain = jieba.Tokenizer()
    assert "渝快办" not in plain.lcut("推广渝快办平台")


# rjieba is required where it has wheels; elsewhere only jieba is tested
needs_rjieba = pytest.mark.skipif(
    platform.machine() not in RJIEBA_MACHINES and segment_engine._rjieba_problem() is not None,
    reason="rjieba has no wheel for this machine",
)
ENGINES = ["jieba", pytest.param("rjieba", marks=needs_rjieba)]


def run(code: str, engine: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, ENGINE_VARIABLE: engine}
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, env=env)


@pytest.mark.parametrize("engine", ENGINES)
def test_segmentation_prints_nothing_and_loads_on_first_use_only(engine: str) -> None:
    code = (
        "import sys, lawgov\n"
        "assert not {'jieba', 'rjieba'} & set(sys.modules)\n"
        "print(lawgov.segment('推进放管服改革'))\n"
        f"assert {engine!r} in sys.modules\n"
        f"assert ('rjieba' in sys.modules) == {engine == 'rjieba'}\n"
    )
    result = run(code, engine)
    assert result.stderr == ""
    assert "放管服" in result.stdout


@pytest.mark.parametrize("engine", ENGINES)
def test_jieba_global_state_is_left_alone(engine: str) -> None:
    code = (
        "import logging, jieba, lawgov\n"
        "lawgov.segment('推广渝快办')\n"
        "print(logging.getLogger('jieba').level, '渝快办' in jieba.lcut('推广渝快办平台'))\n"
    )
    result = run(code, engine)
    assert result.stdout.split() == [str(10), "False"]  # DEBUG, as jieba sets it; its dictionary unchanged


@needs_rjieba
def test_rjiebas_module_tokenizer_is_left_alone() -> None:
    code = "import rjieba, lawgov\nlawgov.segment('推广渝快办')\nprint('渝快办' in rjieba.cut('推广渝快办平台'))\n"
    assert run(code, "rjieba").stdout.split() == ["False"]
