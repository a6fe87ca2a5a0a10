"""Entities: bodies, places, laws and programmes, from rules checked on several reports' forms and a
hand-annotated gold list of the seed."""

from __future__ import annotations

import pytest

from lawgov import extract_entities
from lawgov.extract.entities import document_kind, find_entities
from lawgov.genre.places import read_places
from lawgov.genre.seed import seed_gold as read_seed_gold
from lawgov.genre.vocabulary import vocabulary


def kinds(text: str, type_: str) -> list[tuple[str, str]]:
    return [(e.name, e.normalized) for e in find_entities(text, vocabulary()) if e.type == type_]


@pytest.mark.parametrize(
    "text, bodies",
    [
        ("市发展改革委、市市场监管局等19个市级部门参与。", [("市发展改革委", "市发展改革委"), ("市市场监管局", "市市场监管局")]),
        ("以市政府办公厅名义印发方案。", [("市政府办公厅", "市政府办公厅")]),
        ("在市五届人大常委会第二十九次会议上。", [("市五届人大常委会", "市人大常委会")]),
        ("区司法局会同区人民法院开展培训。", [("区司法局", "区司法局"), ("区人民法院", "区人民法院")]),
        ("省十四届人大常委会听取报告，省政府作出部署。", [("省十四届人大常委会", "省人大常委会"), ("省政府", "省政府")]),
        ("中央依法治国办第七督察组进驻。", [("中央依法治国办第七督察组", "中央依法治国办第七督察组")]),
        ("市公安、交通、经济信息等部门修改基准。", [("市公安", "市公安"), ("交通", "市交通"), ("经济信息", "市经济信息")]),
        ("全市生态环境部门开展检查，人力社保系统与法院建立机制。",
         [("生态环境部门", "生态环境部门"), ("人力社保系统", "人力社保系统"), ("法院", "法院")]),
        ("区县全面规范委托执法，市级部门完成改革，我市开展法治政府建设。", []),
        ("推进“西南五省通办”，全市行政复议职责统一至市政府。", [("市政府", "市政府")]),
    ],
)  # fmt: skip
def test_bodies(text: str, bodies) -> None:
    assert kinds(text, "body") == bodies


@pytest.mark.parametrize(
    "text, places",
    [
        ("在北碚、江津试点。", [("北碚", "北碚区"), ("江津", "江津区")]),
        ("赋予万州区分水镇等经济发达镇。", [("万州区", "万州区"), ("分水镇", "万州区分水镇")]),
        ("石柱、酉阳两县和重庆经开区。", [("石柱", "石柱土家族自治县"), ("酉阳", "酉阳土家族苗族自治县"), ("重庆经开区", "重庆经济技术开发区")]),
    ],
)  # fmt: skip
def test_places(text: str, places) -> None:
    assert kinds(text, "place") == places


def test_another_provinces_places_plug_in(tmp_path) -> None:
    path = tmp_path / "places.csv"
    path.write_text("name,short,kind\n武侯区,武侯,区\n双流区,双流,区\n", encoding="utf-8")
    found = extract_entities("成都市武侯、双流两区试点。", places=path)
    assert found[found.type == "place"][["name", "normalized"]].values.tolist() == [
        ["武侯", "武侯区"],
        ["双流", "双流区"],
    ]
    assert len(read_places(path)) == 2 and len(read_places()) == 38 + 5


@pytest.mark.parametrize(
    "title, before, kind",
    [
        ("重庆市社会信用条例", "", "regulation"),
        ("行政执法信息公示办法", "", "measure"),
        ("关于加强基层治理体系和治理能力现代化建设的实施意见", "", "opinion"),
        ("关于加强行政机关负责人出庭应诉工作的通知", "", "notice"),
        ("全市行政执法工作问题及整改措施清单", "", "list"),
        ("劳动争议案件法律适用问题会议纪要", "", "minutes"),
        ("中华人民共和国行政处罚法", "", "law"),
        ("法治政府建设实施纲要（2021—2025年）", "", "document"),
        ("某市推进依法行政", "新华社刊登", "article"),
    ],
)
def test_document_kinds(title: str, before: str, kind: str) -> None:
    assert document_kind(title, before) == kind


def test_nested_titles_and_programmes() -> None:
    text = "关于《某市人大常委会对〈某市政府工作报告〉的审议意见》，推广“渝快办”，“两头跑”要避免，出台“八五”普法规划，推进跨省通办和“跨省通办”。"
    found = find_entities(text, vocabulary())
    laws = [e.name for e in found if e.type == "law"]
    assert laws == ["某市人大常委会对〈某市政府工作报告〉的审议意见"]
    assert [e.name for e in found if e.type == "programme"] == ["渝快办", "八五", "跨省通办", "跨省通办"]
    assert all(text[e.start : e.end] == e.name for e in found)


def nth(text: str, name: str, n: int) -> int:
    pos = -1
    for _ in range(n):
        pos = text.find(name, pos + 1)
    assert pos >= 0, name
    return pos


@pytest.fixture(scope="module")
def seed_gold(seed_report):
    gold = read_seed_gold("entities")
    text = seed_report.text
    spans = {}
    for type_, name, normalized, occurrence in gold.values:
        start = nth(text, name, int(occurrence))
        spans[(type_, start, start + len(name))] = normalized
    found = {(e.type, e.start, e.end): e for e in find_entities(text, vocabulary())}
    return spans, found


@pytest.mark.parametrize("type_", ["body", "place", "law", "programme"])
def test_seed_gold_recall_and_precision(seed_gold, type_: str) -> None:
    gold, found = seed_gold
    g = {k for k in gold if k[0] == type_}
    p = {k for k in found if k[0] == type_}
    assert len(g & p) / len(g) >= 0.95, sorted(g - p)
    assert len(g & p) / len(p) >= 0.95, sorted(p - g)


def test_seed_laws_all_sixteen_typed(seed_gold) -> None:
    gold, found = seed_gold
    laws = [k for k in found if k[0] == "law"]
    assert len(laws) == 16
    assert all(found[k].subtype == gold[k] for k in laws)
    assert sum(found[k].subtype == "article" for k in laws) == 1
    assert sum("〈" in found[k].name for k in laws) == 1


def test_seed_places_normalised(seed_gold) -> None:
    gold, found = seed_gold
    places = [k for k in gold if k[0] == "place"]
    assert all(found[k].normalized == gold[k] for k in places)


@pytest.mark.parametrize(
    "text, subtype",
    [
        ("区人民检察院开展监督。", "procuratorate"),
        ("县人民法院审结案件。", "court"),
        ("省十四届人大常委会审议。", "congress"),
        ("市政府办公厅印发方案。", "government"),
        ("市司法局部署工作。", "department"),
        ("新华社刊登报道。", "media"),
        ("全市生态环境部门开展检查。", "system"),
    ],
)
def test_body_kinds(text: str, subtype: str) -> None:
    (body,) = [e for e in find_entities(text, vocabulary()) if e.type == "body"]
    assert body.subtype == subtype
