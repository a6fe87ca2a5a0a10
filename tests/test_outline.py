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
        (2, 2, "（一）", "（一）加强组织领导"),  # run into its paragraph: split off
        (3, 2, "（二）", "（二）完善制度体系"),
        (4, 1, "二、", "二、存在的不足"),
    ]
    leads = [[p.lead.text for p in s.paragraphs] for s in o.sections]
    assert leads == [
        [],
        ["区政府常务会议专题研究法治工作4次。"],
        ["1. 制定规范性文件12件。", "2. 清理文件35件，废止8件。"],
        ["一些部门依法行政意识不强。"],
    ]
    for s in o.sections:  # split or not, every span still slices back
        assert report.text[s.title.start : s.title.end] == s.title.text


NOT_HEADINGS = """某市中级人民法院工作报告

——2024年1月10日在某市第十六届人民代表大会第三次会议上

某市中级人民法院院长 张三

各位代表：

现在，我代表市中级人民法院向大会报告工作，请予审议。

本报讯（记者 李四）

全年新收案件36.8万件

一、2023年主要工作

一是坚持能动司法，审结案件35.1万件；二是坚持司法为民，结案率95.4%。

某市中级人民法院

2024年1月10日"""


def test_short_lines_that_are_not_headings() -> None:
    o = outline(NOT_HEADINGS.split("\n\n", 1)[1])
    assert [s.title.text for s in o.sections if s.title] == ["一、2023年主要工作"]
    lead = [p.text for p in o.sections[0].paragraphs]
    assert lead[:3] == [
        "——2024年1月10日在某市第十六届人民代表大会第三次会议上",
        "某市中级人民法院院长 张三",
        "各位代表：",
    ]
    last = [p.text for p in o.sections[-1].paragraphs]
    assert last[-2:] == ["某市中级人民法院", "2024年1月10日"]  # a signature


def test_enumerations_are_items_of_their_paragraph() -> None:
    o = outline(NOT_HEADINGS.split("\n\n", 1)[1])
    (paragraph,) = [p for p in o.paragraphs() if p.items]
    assert [i.text for i in paragraph.items] == ["一是坚持能动司法，审结案件35.1万件", "二是坚持司法为民，结案率95.4%"]
    items = o.table().query("kind == 'item'")
    assert items["item"].tolist() == [1, 2]
    assert all(o.text[r.start : r.end] == r.text for r in items.itertuples())


def test_text_without_headings_is_all_section_zero() -> None:
    o = outline("第一段，内容。\n\n第二段，内容。")
    assert [(s.id, len(s.paragraphs)) for s in o.sections] == [(0, 2)]
