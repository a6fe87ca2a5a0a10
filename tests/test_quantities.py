"""The quantity extractor, rule by rule, on sentences written in the forms of several reports."""

from __future__ import annotations

from decimal import Decimal

import pytest

from lawgov import extract_quantities
from lawgov.extract.quantities import find_quantities
from lawgov.genre.vocabulary import vocabulary

VOCAB = vocabulary()


def one(text: str):
    found = find_quantities(text, vocab=VOCAB)
    assert len(found) == 1, [q.raw for q in found]
    return found[0]


@pytest.mark.parametrize(
    "text, raw, value, unit, kind",
    [
        ("核验房源13.36万套。", "13.36万套", "133600", "套", "count"),
        ("涉案金额12.5亿元。", "12.5亿元", "1250000000", "元", "money"),
        ("清偿账款3422.42万元。", "3422.42万元", "34224200", "元", "money"),
        ("办结率达99.2%。", "99.2%", "99.2", "%", "percent"),
        ("满意度为９８．５％。", "９８．５％", "98.5", "%", "percent"),
        ("败诉率下降3.1个百分点。", "3.1个百分点", "3.1", "百分点", "percentage_points"),
        ("企业数量是上年的1.8倍。", "1.8倍", "1.8", "倍", "multiple"),
        ("新增高标准农田12.6万亩。", "12.6万亩", "126000", "亩", "area"),
        ("粮食产量1,093.2万吨。", "1,093.2万吨", "10932000", "吨", "weight"),
        ("新建绿道320公里。", "320公里", "320", "公里", "length"),
        ("办理时限压缩至3个工作日。", "3个工作日", "3", "工作日", "duration"),
        ("受理案件1,234件。", "1,234件", "1234", "件", "count"),
        ("清理文件１２３项。", "１２３项", "123", "项", "count"),
        ("注册用户数超过2000万。", "2000万", "20000000", "", "count"),
        ("推出联办事项二十九项。", "二十九项", "29", "项", "count"),
        ("开展两轮专项检查。", "两轮", "2", "轮", "count"),
        ("两轮专项检查全部完成。", "两轮", "2", "轮", "count"),  # a numeral opening the text
        ("推进三大平台融合。", "三大", "3", "个", "count"),
        ("梳理出5大类问题。", "5大类", "5", "类", "count"),
        ("公开解读百分之三十的文件。", "百分之三十", "30", "%", "percent"),
    ],
)
def test_value_unit_kind(text: str, raw: str, value: str, unit: str, kind: str) -> None:
    q = one(text)
    assert (q.raw, q.value, q.unit, q.kind) == (raw, Decimal(value), unit, kind)
    assert text[q.start : q.end] == q.raw


@pytest.mark.parametrize(
    "text, raw, qualifier",
    [
        ("发现环境问题1600余个。", "1600余个", "余"),
        ("查处违法42万余起。", "42万余起", "余"),
        ("惠及市场主体30多万户。", "30多万户", "多"),
        ("对近100万户市场主体评价。", "100万户", "近"),
        ("约谈企业约300家。", "300家", "约"),
        ("办件量超过1.95亿件。", "1.95亿件", "超过"),
        ("化解争议逾9800件。", "9800件", "逾"),
        ("群众满意率在97%以上。", "97%", "以上"),
        ("粮食总产量230万吨左右。", "230万吨", "左右"),
        ("不满意率不到2%。", "2%", "不到"),
        ("平台累计注册用户数超过2000万。", "2000万", "累计;超过"),
        ("累计发布抽查任务91项。", "91项", "累计"),
        ("压减许可事项至563项。", "563项", "至"),
        ("事项进一步减少到418项。", "418项", "至"),
        ("覆盖率达到100%。", "100%", ""),
    ],
)
def test_qualifier(text: str, raw: str, qualifier: str) -> None:
    q = one(text)
    assert (q.raw, q.qualifier) == (raw, qualifier)


@pytest.mark.parametrize(
    "text, measures",
    [
        # noun before the number, after an action verb
        ("查处违法案件4599件。", ["违法案件"]),
        ("随机抽取检查对象26.14万户。", ["检查对象"]),
        ("开展执法检查1.6万次。", ["执法检查"]),
        ("建立各类调解组织1.2万个。", ["调解组织"]),
        # noun after the number
        ("市发展改革委等19个市级部门参与。", ["市级部门"]),
        ("组织4700余名新提任领导干部参加考试。", ["新提任领导干部"]),
        ("开展两轮“惠民购物季”促消费活动。", ["促消费活动"]),
        # metrics keep their verb
        ("调解成功率达97.2%。", ["调解成功率"]),
        ("全省行政机关负责人出庭应诉率达到96.3%。", ["行政机关负责人出庭应诉率"]),
        # lists share a pattern, 分别 distributes
        ("推进132项高频事项“跨省通办”、210项高频事项“川渝通办”。", ["高频事项", "高频事项"]),
        ("纠纷排查量、调解量和回访量分别为19.8万件、31.25万件和1.9万件。", ["纠纷排查量", "调解量", "回访量"]),
        ("游客人数、旅游收入分别增长8.3％和11.6％。", ["游客人数", "旅游收入"]),
        ("受理案件和办结案件分别为120件和98件。", ["受理案件", "办结案件"]),  # the verbs tell them apart
        # short scopes before one long phrase modify its head: both keep the phrase
        ("市级部门、区县许可事项网办比例分别达73.22%、87%。", ["许可事项网办比例", "许可事项网办比例"]),
        ("制定规范性文件41件，清理废止17件。", ["规范性文件", "规范性文件"]),
        # a comparison inherits the sentence's noun
        ("全市地区生产总值达到2.18万亿元，同比增长6.3%。", ["地区生产总值", "地区生产总值"]),
        ("常住人口3213.3万人，比上年末减少6.1万人。", ["常住人口", "常住人口"]),
        # nested counts
        ("梳理出5大类21个具体问题。", ["具体问题", "具体问题"]),
        ("全省二十一个市（州）、183个县（市、区）全部完成。", ["市（州）", "县（市、区）"]),
    ],
)
def test_measure(text: str, measures: list[str]) -> None:
    assert [q.measure for q in find_quantities(text, vocab=VOCAB)] == measures


@pytest.mark.parametrize(
    "text, ranges",
    [
        ("每村配备2-3名法律顾问。", [("2-3名", "2", "3")]),
        ("每镇培育3至5名法律明白人。", [("3至5名", "3", "5")]),
        ("新建口袋公园60～80个。", [("60～80个", "60", "80")]),
        ("收费降幅达30%-45%。", [("30%-45%", "30", "45")]),
    ],
)
def test_ranges(text: str, ranges) -> None:
    assert [(q.raw, str(q.value), str(q.value_max)) for q in find_quantities(text, vocab=VOCAB)] == ranges


@pytest.mark.parametrize(
    "text",
    [
        "在市五届人大常委会第二十九次会议上，第七督察组开展督察。",  # ordinals
        "2021年10月12-19日开展督察，11月1日刊登报道，今年上半年完成。",  # dates
        "出台实施“八五”普法规划，完善“双随机、一公开”监管，实现“一网通办”。",  # quoted names
        "“两品一械”等药品领域，三项制度全面落实，增强四个意识。",  # policy terms
        "印发《某市2022年法治政府建设工作要点》（某府办发〔2022〕15号）。",  # titles and document numbers
        "举报电话023-88196826，开通12345热线，PM2.5浓度下降。",  # phones, hotlines, codes
        "逐一分解任务，统一规范，一体化推进，多次征求意见。",  # numerals that are words
        "千方百计稳就业，千家万户受益，共有十余年经验。",  # idioms
    ],
)
def test_not_quantities(text: str) -> None:
    assert [q.raw for q in find_quantities(text, vocab=VOCAB)] == []


def test_full_width_comma_is_not_a_thousands_separator() -> None:
    assert [q.raw for q in find_quantities("位列第7，128个单位参评。", vocab=VOCAB)] == ["128个"]


def test_ascii_punctuation_around_numbers() -> None:
    found = find_quantities("参训人员(约300人),覆盖率达到:100%;另有12件。", vocab=VOCAB)
    assert [(q.raw, q.qualifier) for q in found] == [("300人", "约"), ("100%", ""), ("12件", "")]


def test_fenbie_lists_share_their_direction() -> None:
    found = find_quantities("受理量、纠错量和调解量分别增长23.5%、8.1%和41.2%。", vocab=VOCAB)
    assert [(q.measure, q.direction) for q in found] == [("受理量", "up"), ("纠错量", "up"), ("调解量", "up")]


def test_direction_of_change_words() -> None:
    found = find_quantities("受理量同比增长18.4%，败诉率下降2.8个百分点，处罚金额6802.24万元。", vocab=VOCAB)
    assert [q.direction for q in found] == ["up", "down", ""]


def test_dataframe_columns_and_types() -> None:
    df = extract_quantities("查处违法案件4599件，涉案金额5.2亿元。")
    assert list(df.columns) == [
        "id", "section", "paragraph", "raw", "start", "end", "value", "value_max", "unit", "scale", "qualifier",
        "measure", "scope", "kind", "direction",
    ]  # fmt: skip
    assert df["value"].tolist() == [Decimal("4599"), Decimal("520000000")]
    assert df["scale"].tolist() == [1, 10**8]
    assert str(df["start"].dtype) == "int64"


def test_empty_text_gives_an_empty_table() -> None:
    df = extract_quantities("本段没有任何数字。")
    assert df.empty and "measure" in df.columns


@pytest.mark.parametrize(
    "text",
    ["罚款" + "9" * 30 + "元。", "收入" + "1" * 17 + "万亿元。", "一" + "万" * 2000 + "件。", "9" * 100000 + "件。"],
)
def test_absurd_magnitudes_never_raise(text: str) -> None:
    found = find_quantities(text, vocab=VOCAB)
    assert all(len(q.raw) < 40 for q in found)


def test_the_largest_exact_values_are_not_rounded() -> None:
    (q,) = find_quantities("收入" + "9" * 24 + "万亿元。", vocab=VOCAB)
    assert q.value == Decimal("9" * 24 + "0" * 12)


@pytest.mark.parametrize(
    "text, raw, value, direction",
    [
        ("同比增长-3.2%。", "-3.2%", "-3.2", "down"),
        ("利润为-1.5亿元。", "-1.5亿元", "-150000000", ""),
        ("下降－0.8个百分点。", "－0.8个百分点", "-0.8", "up"),
        ("12-19件。", "12-19件", "12", ""),  # a range, not a sign
        ("编号A-3件。", None, None, None),  # a code
    ],
)
def test_signed_numbers_keep_their_sign(text: str, raw, value, direction) -> None:
    found = find_quantities(text, vocab=VOCAB)
    if raw is None:
        assert [q.raw for q in found if q.raw.startswith("-")] == []
        return
    (q,) = found
    assert (q.raw, str(q.value), q.direction) == (raw, value, direction)
    assert text[q.start : q.end] == raw


@pytest.mark.parametrize(
    "text, measures, scopes",
    [
        ("市级部门、区县许可事项网办比例分别达73.22%、87%。", ["许可事项网办比例"] * 2, ["市级部门", "区县"]),
        ("城镇、农村居民人均可支配收入分别增长4.8%、6.9%。", ["居民人均可支配收入"] * 2, ["城镇", "农村"]),
        ("甲市、乙市案件分别为12件、30件。", ["案件", "案件"], ["甲市", "乙市"]),
    ],
)
def test_fenbie_scopes_of_a_shared_measure(text: str, measures, scopes) -> None:
    found = find_quantities(text, vocab=VOCAB)
    assert [q.measure for q in found] == measures and [q.scope for q in found] == scopes


@pytest.mark.parametrize(
    "text, measures",
    [
        # 件…人: both numbers of a pair count the noun before them
        ("起诉侵犯知识产权犯罪案件35件82人。", ["侵犯知识产权犯罪案件", "侵犯知识产权犯罪案件"]),
        # a 分别 list whose nouns stand in the clause before it
        (
            "涉及公安、市场监管和自然资源领域的案件居前三位，分别为42件、20件和15件。",
            ["公安", "市场监管", "自然资源领域"],
        ),
        # a comparison base is never the measure: the claim's noun is
        ("固定资产投资8.6万亿元，比上一个五年增长35%。", ["固定资产投资", "固定资产投资"]),
        ("平均审批时间缩短至5天，比条例实施前缩短40%。", ["平均审批时间", "平均审批时间"]),
        ("一审败诉率为3.9%，低于全省平均水平1.2个百分点。", ["一审败诉率", "一审败诉率"]),
        # a noun before its verb; a verb alone defers to the sentence's noun
        ("全省行政复议案件新收1.54万件，审结1.4万件。", ["行政复议案件", "行政复议案件"]),
        ("市级保留行政许可事项276项，县级保留181项。", ["行政许可事项", "行政许可事项"]),
        # what follows a span of time is what is done within it; words that name nothing are dropped
        ("信访件7日内程序性回复。", ["程序性回复"]),
        ("力争把90%的矛盾纠纷化解在基层。", ["矛盾纠纷化解"]),
        ("平均处理时间由过去的45天缩短至12天。", ["平均处理时间", "平均处理时间"]),
        # single-character stop words inside words do not cut a noun
        ("新设立9个公共法律服务工作站，查处12起违法行为。", ["公共法律服务工作站", "违法行为"]),
        ("开展286次“双随机”抽查。", ["抽查"]),
    ],
)
def test_measures_of_real_report_forms(text: str, measures: list[str]) -> None:
    found = find_quantities(text, vocab=VOCAB)
    assert [q.measure for q in found] == measures
    assert not any(q.measure[:1] in "，。；：、”）" for q in found)
