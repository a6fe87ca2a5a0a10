"""Each cleanup step from a table of cases; cleaning clean text changes nothing."""

from __future__ import annotations

import pytest

from lawgov import parse
from lawgov.source.cleaning import clean_text, dedupe_copies, is_furniture, normalize_punctuation, split_lines


@pytest.mark.parametrize(
    "line",
    [
        "时间: 2021-11-26 来源: 某某法治报 编辑: 李 四 阅读量:321",
        "发布时间：2022-03-01 10:20 来源：某省司法厅 浏览次数：88",
        "Copyright 2020 © 某某网 某某委员会 主办",
        "版权所有：某某市人民政府办公室",
        "某公网安备11010502030143号 某ICP备12345678号 电话 010-12345678",
        "某报社举报电话:010 - 66668888 本网刊发稿件,版权归某某网所有,未经授权,禁止复制",
        "违法和不良信息举报邮箱：jubao@example.cn",
        "在线投稿 请使用指定账号登录进行投稿。",
        "分享到：",
        "【字体：大 中 小】",
        "上一篇：关于开展普法活动的通知",
        "（完）",
        "(责任编辑：王五)",
    ],
)
def test_site_furniture_is_recognised(line: str) -> None:
    assert is_furniture(line)


@pytest.mark.parametrize(
    "line",
    [
        "受理群众举报73条，约谈整改相关企业15家。",
        "开通12345政务服务便民热线，接听来电120万个。",
        "全省公开征求意见稿30件，时间为2022年3月。",
        "深化“放管服”改革",
        "版权保护工作持续加强，查处侵权案件12件。",
        # a whole report on one line that happens to contain a byline and a copyright notice
        "时间: 2021-11-26 来源: 某报 " + "全市推进法治政府建设，成效明显。" * 20 + " Copyright © 某网",
    ],
)
def test_body_lines_are_kept(line: str) -> None:
    assert not is_furniture(line)


@pytest.mark.parametrize(
    "raw, clean",
    [
        ("本网讯(记者 张三)在会上,市政府提出:", "本网讯（记者 张三）在会上，市政府提出："),
        ("乡镇(街道)赋权;村(社区)治理!", "乡镇（街道）赋权；村（社区）治理！"),
        ("是否落实?已落实.", "是否落实？已落实."),  # a full stop is not in the table: '.' may be a decimal point
        ("增长2.5%,达到1,234件", "增长2.5%，达到1,234件"),
        ("会议于10:30召开, 时长2小时", "会议于10:30召开，时长2小时"),
        ("推出警务APP, 并上线", "推出警务APP，并上线"),
        ("Hello, world: (ok)", "Hello, world: (ok)"),
        ("(约300人)参加", "（约300人）参加"),
        ("达到: 45%", "达到：45%"),
        ("已经是，全角：（括号）", "已经是，全角：（括号）"),
    ],
)
def test_normalize_punctuation(raw: str, clean: str) -> None:
    assert normalize_punctuation(raw) == clean
    assert normalize_punctuation(clean) == clean


def test_split_lines_strips_indentation_of_every_kind() -> None:
    assert split_lines("  第一段\r\n\u3000\u3000第二段\t\n\n\u00a0第三段 \n") == ["第一段", "第二段", "第三段"]


def test_clean_text_is_one_blank_line_between_paragraphs() -> None:
    assert clean_text("  甲,乙。\n\n\n丙(丁)。  ") == "甲，乙。\n\n丙（丁）。"


TITLE = "某市持续推进法治政府建设取得新进展新成效新突破"
SLOGAN = "坚持以人民为中心的发展思想推进法治政府建设"
BODY = [
    "本报讯（记者 李四）某市日前召开会议，研究部署法治政府建设工作。",
    "强化制度保障",
    "完善制度体系，出台规章10件，修订规范性文件35件，清理文件120件。",
    "加强执法监督，全年办理行政复议案件1200件，纠错率达12.5%。",
]


@pytest.mark.parametrize(
    "paragraphs, count, identical, kept",
    [
        ([TITLE, *BODY], 1, True, [TITLE, *BODY]),
        ([TITLE, *BODY, TITLE, *BODY], 2, True, [TITLE, *BODY]),
        ([TITLE, *BODY, TITLE, *BODY, TITLE, *BODY], 3, True, [TITLE, *BODY]),
        # the second copy lacks the title: it starts at the recurring first body paragraph
        ([TITLE, *BODY, *BODY], 2, False, [TITLE, *BODY]),
        # a later copy edited in one paragraph: still two copies, not identical
        ([TITLE, *BODY, TITLE, *BODY[:3], BODY[3].replace("1200", "1300")], 2, False, [TITLE, *BODY]),
        # a slogan repeated twice is not a second copy of the article
        ([*BODY, SLOGAN, *BODY[1:2], SLOGAN], 1, True, [*BODY, SLOGAN, *BODY[1:2], SLOGAN]),
    ],
)
def test_dedupe_copies(paragraphs, count, identical, kept) -> None:
    copies = dedupe_copies(paragraphs)
    assert (copies.count, copies.identical, copies.kept) == (count, identical, kept)


def test_cleaning_clean_text_changes_nothing(seed_report) -> None:
    again = parse(seed_report.text)
    assert again.text == seed_report.text
    assert again.copies == 1


@pytest.mark.parametrize(
    "raw, number",
    [
        ("查处案件4\u200b599件。", "4599件"),  # zero-width space
        ("查处案件4\u200c599件。", "4599件"),  # zero-width non-joiner
        ("收入1\u200d.2亿元。", "1.2亿元"),  # zero-width joiner
        ("查处案件4\ufeff599件。", "4599件"),  # a BOM inside the text
        ("查处案件\u202e4599件。", "4599件"),  # a right-to-left override
        ("查处案件4\u0301599件。", "4599件"),  # a combining accent after a digit
    ],
)
def test_invisible_characters_never_split_a_number(raw: str, number: str) -> None:
    from lawgov import extract_quantities

    report = parse("某区报告\n\n" + raw)
    assert number in report.text
    assert extract_quantities(report)["raw"].tolist() == [number]


def test_the_format_character_class_is_unicodes() -> None:
    import unicodedata

    from lawgov.source.cleaning import _FORMAT

    cf = "".join(chr(c) for c in range(0x110000) if unicodedata.category(chr(c)) == "Cf")
    assert _FORMAT.sub("", cf) == ""
    assert _FORMAT.sub("", "正文，1.2%“”《》") == "正文，1.2%“”《》"
