"""Outline: sections with two-line headings, paragraphs, leads and sentences, all with offsets."""

from __future__ import annotations

import pytest

from lawgov import outline, parse


@pytest.fixture(scope="module")
def seed_outline(seed_report):
    return outline(seed_report)


def test_seed_has_a_lead_and_six_sections(seed_outline) -> None:
    sections = seed_outline.sections
    assert [s.id for s in sections] == list(range(7))
    assert sections[0].title is None and len(sections[0].paragraphs) == 1
    assert sections[0].paragraphs[0].text.startswith("本网讯")
    assert sections[1].title.text == "深化“放管服”改革"
    assert sections[1].subtitle.text == "职能履行更加精准有效"
    assert all(s.title and s.subtitle for s in sections[1:])
    assert [len(s.paragraphs) for s in sections[1:]] == [4, 4, 3, 4, 4, 4]


def test_seed_leads(seed_outline) -> None:
    paragraphs = list(seed_outline.paragraphs())
    assert len(paragraphs) == 24
    assert [p.id for p in paragraphs] == list(range(24))
    assert paragraphs[1].lead.text == "持续简政放权，大力精减事项。"
    leads = [p.lead.text for p in paragraphs[1:]]
    assert "加强诚信宣传教育方面" in leads
    assert "加强重点执法" in leads
    assert all(len(lead) <= 25 for lead in leads)


def test_every_span_slices_back(seed_report, seed_outline) -> None:
    text = seed_report.text
    table = seed_outline.table()
    for row in table.itertuples():
        assert text[row.start : row.end] == row.text
    # the sentences tile their paragraphs: nothing but the text between them is lost
    for p in seed_outline.paragraphs():
        assert "".join(s.text for s in p.sentences) == p.text


def test_locate(seed_report, seed_outline) -> None:
    offset = seed_report.text.index("持续简政放权")
    assert seed_outline.locate(offset) == (1, 1)
    assert seed_outline.locate(seed_report.text.index("职能履行")) == (None, None)


NUMBERED = """某区2022年法治政府建设年度报告

一、主要成效

（一）加强组织领导。区政府常务会议专题研究法治工作4次。

（二）完善制度体系

1. 制定规范性文件12件。

2. 清理文件35件，废止8件。

二、存在的不足

一些部门依法行政意识不强。"""


def test_numbered_headings() -> None:
    report = parse(NUMBERED)
    assert report.title == "某区2022年法治政府建设年度报告"
    o = outline(report)
    heads = [(s.id, s.level, s.number, s.title.text) for s in o.sections]
    assert heads == [
        (1, 1, "一、", "一、主要成效"),
        (2, 2, "（二）", "（二）完善制度体系"),
        (3, 1, "二、", "二、存在的不足"),
    ]
    leads = [[p.lead.text for p in s.paragraphs] for s in o.sections]
    assert leads == [
        ["（一）加强组织领导。"],
        ["1. 制定规范性文件12件。", "2. 清理文件35件，废止8件。"],
        ["一些部门依法行政意识不强。"],
    ]


def test_text_without_headings_is_all_section_zero() -> None:
    o = outline("第一段，内容。\n\n第二段，内容。")
    assert [(s.id, len(s.paragraphs)) for s in o.sections] == [(0, 2)]
