"""Metadata readers, each from a table of page forms."""

from __future__ import annotations

import datetime as dt

import pytest

from lawgov.source.metadata import join_name, looks_like_title, meta_fields, parse_date, reporter, site


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
def test_meta_fields(line: str, fields: dict) -> None:
    assert meta_fields(["一个标题", line]) == fields


def test_meta_fields_absent() -> None:
    assert meta_fields(["标题", "正文没有元数据。"]) == {}


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
        ("本报讯（通讯员 赵六）", "赵六"),
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


def test_join_name_and_title() -> None:
    assert join_name(" 万 先觉 ") == "万先觉"
    assert join_name("") is None
    assert looks_like_title("重庆进一步推进法治政府建设")
    assert not looks_like_title("会议召开。")
