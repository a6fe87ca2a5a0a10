"""The seed, end to end: one clean copy of the body, exact metadata, same text from any encoding."""

from __future__ import annotations

import codecs
import datetime as dt
import re

import pytest

from lawgov import load, parse

from .conftest import SEED

ASCII_TO_FULL = str.maketrans({",": "，", ":": "：", ";": "；", "(": "（", ")": "）", "!": "！", "?": "？"})


def raw_body_lines() -> list[str]:
    """The first copy's body lines as the seed writes them, found independently of lawgov."""
    lines = [line.strip() for line in SEED.read_text(encoding="utf-8").splitlines() if line.strip()]
    start = next(i for i, line in enumerate(lines) if line.startswith("本网讯"))
    end = next(i for i, line in enumerate(lines) if line.startswith("Copyright"))
    return lines[start:end]


def test_metadata_is_exact(seed_report) -> None:
    r = seed_report
    assert r.title == "深化“放管服”改革、聚焦重点难点……落实市人大常委会审议意见，重庆进一步推进法治政府建设"
    assert r.date == dt.date(2021, 11, 26)
    assert (r.source, r.site, r.editor, r.reporter, r.views) == ("重庆法治报", "重庆长安网", "万先觉", "唐孝忠", 15215)
    assert r.author is None
    assert (r.copies, r.copies_identical) == (2, True)


def test_text_is_one_copy_of_every_body_line(seed_report) -> None:
    text = seed_report.text
    body = raw_body_lines()
    assert len(body) == 24 + 12  # 24 paragraphs and 6 two-line headings
    for line in body:
        assert text.count(line.translate(ASCII_TO_FULL)) == 1, line[:20]
    assert text.split("\n\n") == [line.translate(ASCII_TO_FULL) for line in body]


FURNITURE_MARKERS = ["Copyright", "©", "ICP", "公网安备", "023-", "举报电话", "在线投稿", "阅读量", "时间:"]


@pytest.mark.parametrize("marker", FURNITURE_MARKERS)
def test_no_site_furniture_in_text(seed_report, marker: str) -> None:
    assert marker not in seed_report.text


def test_no_ascii_punctuation_left_in_prose(seed_report) -> None:
    assert not re.search(r"[,:;()!?]", seed_report.text)


@pytest.mark.parametrize(
    "encode",
    [
        lambda s: s.encode("gb18030"),
        lambda s: codecs.BOM_UTF8 + s.encode("utf-8"),
        lambda s: s.encode("utf-16"),
        lambda s: s.replace("\n", "\r\n").encode("utf-8"),
    ],
    ids=["gb18030", "utf-8-bom", "utf-16", "crlf"],
)
def test_any_encoding_gives_the_same_text(tmp_path, seed_report, encode) -> None:
    path = tmp_path / "copy.txt"
    path.write_bytes(encode(SEED.read_text(encoding="utf-8")))
    other = load(path)
    assert other.text == seed_report.text
    ignore = {"encoding": None, "name": None}
    assert other.metadata() | ignore == seed_report.metadata() | ignore


def test_fields_absent_from_a_page_are_none() -> None:
    r = parse("某区法治政府建设情况报告\n\n一、主要成效\n\n全年办理案件12件。")
    assert r.title == "某区法治政府建设情况报告"
    assert (r.date, r.source, r.site, r.editor, r.reporter, r.views) == (None,) * 6
