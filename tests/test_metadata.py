"""Metadata readers, each from a table of page forms."""

from __future__ import annotations

import datetime as dt

import pytest

from lawgov.source.metadata import byline, delivered, looks_like_title, names, parse_date, reporter, site


@pytest.mark.parametrize(
    "line, fields",
    [
        (
            "时间: 2021-11-26 来源: 某某法治报 编辑: 万 先觉 阅读量:15215",
            {"date": "2021-11-26", "source": "某某法治报", "editor": "万 先觉", "views": "15215"},
        ),
        (
            "发布时间：2022年03月01日 来源：某省司法厅 作者：王五 浏览次数：1,088",
            {"date": "2022年03月01日", "source": "某省司法厅", "author": "王五", "views": "1,088"},
        ),
        (
            "日期：2023/1/9  来源：某市人民政府网  责任编辑：赵六",
            {"date": "2023/1/9", "source": "某市人民政府网", "editor": "赵六"},
        ),
    ],
)
def test_byline_fields(line: str, fields: dict) -> None:
    assert byline(["一个标题", line]) == fields


def test_byline_absent_and_labels_inside_prose() -> None:
    assert byline(["标题", "正文没有元数据。"]) == {}
    assert byline(["会议指出，信息来源：各部门报送的材料要准确。"]) == {}


@pytest.mark.parametrize(
    "lines, date",
    [
        (
            ["索引号：X-2024-00036", "生成日期：2024-03-26", "发文日期：2024-03-25", "发布日期：2024-03-27"],
            "2024-03-27",
        ),
        (["生成日期：2024-03-26", "发文日期：2024-03-25"], "2024-03-25"),  # the document's date over the system's
        (["成文日期：2024-03-22", "2024-03-25 08:00 来源：本网"], "2024-03-25"),  # an unlabelled date-time
        (["来源：某某网 | 2024年03月06日 19:38"], "2024年03月06日"),
        (["某某司法 2024-03-18 08:30 发表于江苏"], "2024-03-18"),
        (["2024 03/05 15:42:07", "来源：某某网"], "2024 03/05"),
    ],
)
def test_of_several_dates_the_publication_date_wins(lines, date) -> None:
    assert byline(lines)["date"] == date
    assert parse_date(date) is not None


def test_every_editor_is_kept_in_page_order() -> None:
    found = byline(["编辑：王一　责任编辑：刘二", "正文。", "（责编：陈三、沈四）"])
    assert names(found["editor"]) == "王一、刘二、陈三、沈四"


def test_subtitle_gives_the_day_a_report_was_delivered() -> None:
    line = "——2024年1月25日在某省第十四届人民代表大会第二次会议上"
    assert delivered(line) == "2024年1月25日" and byline(["某某工作报告", line])["delivered"] == "2024年1月25日"
    assert delivered("——各地推进某项工作综述") is None


@pytest.mark.parametrize(
    "value, date",
    [
        ("2021-11-26", dt.date(2021, 11, 26)),
        ("2022年3月1日 10:20", dt.date(2022, 3, 1)),
        ("2023/01/09", dt.date(2023, 1, 9)),
        ("2023.1.9", dt.date(2023, 1, 9)),
        ("2023-02-30", None),
        ("昨天", None),
        (None, None),
    ],
)
def test_parse_date(value, date) -> None:
    assert parse_date(value) == date


@pytest.mark.parametrize(
    "paragraph, name",
    [
        ("本网讯(记者 唐一二)在会上", "唐一二"),
        ("本报讯（记者 张三 李四）近日", "张三、李四"),
        ("新华社北京3月1日电（记者王五）", "王五"),
        ("本报讯（通讯员 赵六）", None),  # a 通讯员 writes for the unit, not as the paper's reporter
        ("本报讯（记者 万晓 通讯员 陈立）", "万晓"),
        ("（记者 黄一 整理）", "黄一"),
        ("（总台记者 高二 王三）", "高二、王三"),
        ("本报记者 覃四 黄五", "覃四、黄五"),
        ("记者 蒋六", "蒋六"),
        ("会议指出，要加强（记者不在场）", None),
        ("某市司法局召开会议。", None),
    ],
)
def test_reporter(paragraph: str, name) -> None:
    assert reporter(paragraph) == name


@pytest.mark.parametrize(
    "lines, name",
    [
        (["Copyright 2020 © 某某长安网 某某委员会 主办"], "某某长安网"),
        (["本网刊发稿件,版权归某某网所有,未经授权"], "某某网"),
        (["无版权行"], None),
    ],
)
def test_site(lines, name) -> None:
    assert site(lines) == name


def test_names_and_titles() -> None:
    assert names(" 万 先觉 ") == "万先觉"
    assert names("陈卓 刘思") == "陈卓、刘思"
    assert names("【周晨】") == "周晨"
    assert names("") is None and names("佚名") is None
    assert looks_like_title("重庆进一步推进法治政府建设")
    assert looks_like_title("这份法治政府建设“成绩单”，请查收！")
    assert not looks_like_title("会议召开。")
