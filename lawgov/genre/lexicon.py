"""Word lists of the government-report genre that the quantity extractor relies on.

These are facts about how Chinese progress reports write numbers (which units, which verbs come
before a counted noun), not about any one report. Each list is a tuple of strings; patterns are
built from them longest first.
"""

from __future__ import annotations

import re
from collections.abc import Iterable


def alternation(words: Iterable[str]) -> str:
    r"""A regex alternative of ``words``, longest first (so 个百分点 wins over 个), each taken literally.

    >>> print(alternation(["个", "个百分点", "a+b"]))
    个百分点|a\+b|个
    """
    return "|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True))


# unit → kind. Counting classifiers are "count"; the rest say what is measured.
UNITS: dict[str, str] = {
    **dict.fromkeys(["元", "美元", "欧元"], "money"),
    **dict.fromkeys(["%", "％", "‰"], "percent"),
    **dict.fromkeys(["个百分点", "百分点"], "percentage_points"),
    "倍": "multiple",
    **dict.fromkeys(["平方公里", "平方千米", "平方米", "亩", "公顷"], "area"),
    **dict.fromkeys(["吨", "公斤", "千克", "斤"], "weight"),
    **dict.fromkeys(["公里", "千米", "米"], "length"),
    **dict.fromkeys(["立方米"], "volume"),
    **dict.fromkeys(["千瓦时", "千瓦"], "energy"),
    **dict.fromkeys(
        ["个工作日", "工作日", "个小时", "小时", "分钟", "个月", "天", "周", "年", "学时", "日"], "duration"
    ),
    **dict.fromkeys(
        [
            "人次", "批次", "户次", "件次", "车次", "场次", "架次", "家次", "个", "项", "件", "名", "人", "户",
            "家", "条", "次", "起", "所", "套", "份", "期", "类", "批", "轮", "场", "篇", "部", "支", "本",
            "册", "宗", "笔", "座", "处", "间", "位", "例", "台", "辆", "种", "张", "封", "单", "栋", "艘",
            "块", "片", "首", "门", "堂", "款", "股", "只", "头", "株", "棵", "组", "队", "列", "卷",
            "通", "台套", "台次", "辆次", "级", "分", "市", "县", "区",
        ],
        "count",
    ),
}  # fmt: skip

# Places counted after a list of them (长沙、株洲、湘潭3市).
PLACE_UNITS = ("市", "县", "区")
# Groups of places named before their count (山区26县, 脱贫县).
PLACE_GROUPS = ("山区", "贫困", "脱贫", "沿海", "沿边", "边境", "民族", "重点", "海岛", "革命老区", "试点")

# Units a Chinese numeral may take: counting classifiers (三大平台, 两轮, 二十九项) and spans of time
# (三年, 两个月). Measurement units and single characters that start idioms (千方百计, 五湖四海) are left out
# on purpose.
CHINESE_NUMERAL_UNITS = (
    "人次", "批次", "个", "项", "件", "名", "家", "次", "轮", "批", "类", "支", "期", "条", "场", "位",
    "所", "部", "种", "起", "户", "篇", "座", "处", "级", "组", "队", "大", "个月", "年", "天",
)  # fmt: skip
# Spans of time among them: a lone 一 may count them (一个月), and some are periods or names, not claims.
TIME_UNITS = ("个月", "年", "天")
# Before a span of time, a period of the report (过去五年, 未来三年, 上一个五年) rather than a claim.
PERIOD_BEFORE = ("过去", "未来", "今后", "此前", "上一个", "下一个", "新的", "这", "那", "每")
# After a span of time, the name of a plan (提升行政执法质量三年行动, 五年规划), not a duration.
PLAN_AFTER = ("行动", "规划", "计划", "攻坚", "工程", "专项")
# Numerals with a classifier that are idioms, not counts (四处奔波, 一线执法, 两手抓).
NUMERAL_IDIOMS = ("四处", "两手", "五湖", "千家", "万户", "三番", "两岸")
# Words before a lone round numeral that make it a count: 近千项, 逾百家.
ROUND_BEFORE = ("近", "逾", "超", "上", "约", "达")

# Scales between a number and its unit.
SCALE_WORDS = ("万亿", "千万", "百万", "万", "亿")

# Said of a number's precision or direction; kept as data in the qualifier column.
APPROX_INSIDE = ("余", "多")  # 2300余个, 30多万户
POSTFIX_QUALIFIERS = ("以上", "左右", "多", "余", "以内", "以下")
PREFIX_QUALIFIERS = ("将近", "接近", "大约", "超过", "不到", "不足", "近", "约", "逾", "至", "到", "由", "从")
# Words between the counted noun and its number that are neither (达 98.6%, 分别为 12件).
LINKS = (
    "保持在",
    "稳定在",
    "控制在",
    "分别达到",
    "分别达",
    "分别为",
    "分别是",
    "分别",
    "达到",
    "共计",
    "合计",
    "总计",
    "同比",
    "环比",
    "达",
    "为",
    "是",
    "共",
)
UP = ("提高", "提升", "增长", "增加", "上升", "扩大", "增至", "升至", "突破", "新增", "升")
DOWN = ("下降", "减少", "降低", "压减", "压缩", "缩短", "精简", "减至", "降至", "削减", "缩减", "降")

# Action verbs that come before the noun a number counts (查处违法案件300件): the measure starts
# after the last of them.
VERBS_BEFORE = (
    "查处", "查办", "办理", "处理", "发现", "移送", "受理", "约谈", "整改", "立案", "核验", "备案", "发布",
    "获取", "抽取", "压减", "取消", "调整", "清理", "制定", "出台", "修订", "修改", "废止", "培训", "调训",
    "举办", "组织", "开展", "建立", "建成", "选聘", "调解", "新建", "命名", "创建", "检查", "作出", "做出",
    "公开", "提供", "实施", "触发", "查询", "清偿", "列席", "审核", "下放", "赋予", "梳理", "提出", "印发",
    "推出", "推进", "化解", "审结", "办结", "收到", "接到", "接听", "回访", "审查", "纠正", "撤销", "罚没",
    "追回", "挽回", "减免", "发放", "兑现", "培育", "聘请", "聘任", "招录", "录用", "新增", "设立", "成立",
    "认定", "评选", "表彰", "征集", "收集", "采纳", "吸纳", "答复", "回复", "办件", "开通", "上线", "接入",
    "归集", "共享", "公示", "推送", "报送", "审议", "通过", "讨论", "听取", "出具", "提交", "转办", "交办",
    "督办", "排查", "摸排", "走访", "覆盖", "帮助", "完善", "救助", "援助", "解答", "解决", "挽救",
    "清退", "退还", "返还", "拨付", "投入", "安排", "筹集", "下达", "落实", "完成", "实现", "保留", "精简",
    "减少", "削减", "压缩", "缩减", "承接", "承办", "参与", "参加", "签订", "签署", "出动", "派出", "检测",
    "抽检", "监测", "巡查", "督查", "核查", "核实", "处置", "关停", "取缔", "吊销", "注销", "责令", "警告",
    "罚款", "没收", "拘留", "起诉", "判处", "审理", "裁决", "复议", "应诉", "旁听", "考核", "考试", "举行",
    "召开", "编制", "起草", "审定", "颁布", "清查", "评估", "评审", "验收", "确定", "明确", "列入", "纳入",
    "对接", "整合", "优化", "精减", "提升", "提高", "增加", "增长", "扩大", "降低", "下降", "新创建", "受益",
    "惠及", "帮扶", "调处", "查获", "破获", "抓获", "打掉", "捣毁", "发出", "制发", "送达", "执行", "兑付",
    "取得", "接待", "评出", "抽查", "审执结", "执结", "新收", "参考", "促成", "不予处罚", "评查", "审（执）结",
)  # fmt: skip

# Words that end a counted noun written after its number (26个市级部门参与): verbs of what the
# counted things did, and joining words.
STOPS_AFTER = (
    "参与", "参加", "旁听", "开展", "受益", "进行", "对接", "融合", "纳入", "获得", "实现", "完成", "通过",
    "签订", "推行", "覆盖", "入驻", "接入", "上线", "建成", "落地", "出台", "印发", "得到", "受到", "被",
    "以及", "予以", "和", "与", "及", "并", "等", "的", "在", "为", "是", "将", "对", "向", "从",
    "已", "均", "共", "累计", "全部", "实行", "提供", "办理", "达到", "同比", "较", "赋予", "交由", "移交",
    "取得", "实施", "具备", "保持", "位居", "位列", "列入", "获评", "被评为",
)  # fmt: skip

# Words that hold a stop word of STOPS_AFTER without ending a noun there (公共法律服务, 违法行为, 调解和解率).
STOP_COMPOUNDS = (
    "公共", "和解", "及时", "存在", "现在", "所在", "行为", "作为", "认为", "成为", "对接", "针对", "相对", "目的",
    "等级", "平等", "共享", "共建", "共治", "均衡", "平均", "被告", "被执行人", "将来", "在线", "为民", "对象",
    "与会", "从业", "已决",
)  # fmt: skip

# Scope words that open a noun phrase without naming what is counted (全市近80万户市场主体).
SCOPE_PREFIXES = (
    "全市", "全省", "全区", "全县", "全国", "各类", "各级", "相关", "有关", "所有", "全部", "其中", "同时",
    "累计", "共计", "合计", "共", "等", "已", "均", "今年", "全年", "当年", "分别", "先后",
)  # fmt: skip

# A measure ending like this is a metric named as a whole (调解成功率, 注册用户数, 办件量): it keeps
# the verb inside it.
METRIC_ENDINGS = (
    "率",
    "量",
    "数",
    "额",
    "款",
    "费",
    "资金",
    "比例",
    "比重",
    "占比",
    "规模",
    "总值",
    "指数",
    "强度",
    "降幅",
    "增幅",
    "时限",
    "时间",
    "期限",
)

# Adverbs and comparisons that end the text before a number without being part of the noun
# (省级保留事项进一步减少到418项, 较上年增加87名, 是上年的2倍).
TRAILING_ADVERBS = (
    "进一步", "持续", "不断", "大幅度", "大幅", "稳步", "有效", "逐步", "明显", "显著", "再", "又", "还",
    "也", "均", "已经", "已", "分别", "同比", "环比", "当年", "全年", "累计", "共", "总共", "保持", "连续", "年均",
    "平均",
)  # fmt: skip
# A comparison base before a number (较上年, 比上一个五年, 比条例实施前, 低于全省平均水平): never the measure.
COMPARISON = (
    r"(?:(?:(?<!占)比(?![例重率])|较|相比|相较于?|低于|高于)"
    r"(?:[^，。；、比较]{0,12}?(?:年|年度|年末|年底|同期|前|以前|水平|平均值?|均值|标准)|“[^”]*”)"
    r"|(?:是|为|相当于)(?:上年|去年|前年|上年度|上一年|同期|上年同期|“[^”]*”)[末底]?)(?:同期)?的?"
)

# What counts as an enforcement outcome (cases, penalties, violations, inspections …), for the charts.
# Words of a measure that mark an enforcement outcome.
ENFORCEMENT_WORDS = ("案件", "处罚", "违法", "执法", "检查", "整治")
# Words of a section heading (title or subtitle) that make its counts of cases, firms and acts
# (OUTCOME_UNITS) enforcement counts; its counts of fields and items (9个领域, 7个方面) are not.
ENFORCEMENT_SECTION_WORDS = ("执法",)
OUTCOME_UNITS = ("件", "起", "家", "户", "次", "条", "所", "宗", "人次", "批次")
# Counts that mention enforcement but are not outcomes of it: training of enforcement staff, minutes of
# meetings; and the units of such counts: sessions of a course (期), head-counts of staff (名, 人).
NOT_OUTCOME_WORDS = ("培训", "纪要")
NOT_OUTCOME_UNITS = ("期", "名", "人")

# How report headings are numbered, from the outermost level in (一、 （一） 1. （1）): regex fragments
# matched at a line's start; the level of a numbered heading is its index + 1.
CN_ORDINAL_DIGITS = "一二三四五六七八九十百零〇"
HEADING_NUMBERS = (
    rf"[{CN_ORDINAL_DIGITS}]+[、．.]|0[1-9](?=[\s\u3000])",
    rf"[（(][{CN_ORDINAL_DIGITS}]+[）)]",
    r"[0-9０-９]{1,2}[.．、](?![0-9０-９])",
    r"[（(][0-9０-９]{1,2}[）)]",
)

# Lines between a report's title and its body, and at its end, that are neither headings nor prose (regex
# fragments): the dateline of a news report (本网讯（记者 张三）, 新华社北京3月5日电（记者 李四）) or its closing
# reporter line （记者 王五 整理）; a work report's subtitle (——2024年1月25日在…会议上); a date alone (the date
# under a signature, 二〇二四年三月).
DATELINE = r"(?:讯|电)\s*[（(][^（）()]{0,40}[）)]\s*$|^[（(]?\s*(?:总台|本报|本台)?记者\s*\S"
SUBTITLE = r"^[—─－-]{1,2}"
DATE_ALONE = (
    r"^(?:\d{4}|[〇零一二三四五六七八九]{4})\s*年\s*[\d一二三四五六七八九十]{1,2}\s*月"
    r"(?:\s*[\d一二三四五六七八九十]{1,3}\s*日)?$"
)

# Offices of the people who deliver work reports (河南省高级人民法院院长 周振华): a line of an office and a
# name under a report's title is its speaker, not a heading.
OFFICE_TITLES = (
    "院长", "检察长", "省长", "市长", "县长", "区长", "州长", "旗长", "主任", "局长", "厅长", "书记", "主席",
    "部长", "委员长", "秘书长", "审计长", "镇长", "乡长",
)  # fmt: skip
# A line of an office and a name (河南省高级人民法院院长 周振华): a speaker, neither a heading nor the article's text
SPEAKER = rf"^\S{{2,40}}(?:{'|'.join(OFFICE_TITLES)})[\s\u3000]+\S{{2,4}}$"
# A counted figure in a line (12件, 3.5万户, 98%): a short line holding one is a statistic, not a heading.
COUNTED = r"[0-9０-９][0-9０-９,.，．]*\s*(?:万|亿)?\s*(?:个|项|件|名|人次|人|户|家|条|次|起|%|％|元|亩|吨|所|批)"
# An enumeration inside a paragraph: 一是…二是…, 一要…二要…
ENUMERATION_NUMERALS = "一二三四五六七八九十"
ENUMERATION = rf"(?P<n>[{ENUMERATION_NUMERALS}]{{1,2}})(?:是|要)"

# Words that open what follows a number without being its noun: adverbs and conjunctions (两个月就解决了,
# 6次研究…), a locative (20天内), a comparison (2.4倍于).
NOT_NOUN_AFTER = (
    "就", "便", "即", "才", "都", "也", "还", "又", "再", "或", "并", "且", "而", "内", "后", "前", "以来", "左右",
    "研究", "于", "即可", "以上", "以下",
)  # fmt: skip
# Words that open the text before a number without naming what it counts (力争把…90%, 并于六个月内): dropped.
NOT_NOUN_BEFORE = (
    "力争", "确保", "努力", "争取", "计划", "预计", "并于", "于", "把", "将", "对", "向", "并", "或", "仅", "至少有",
    "共有", "有", "占", "成功", "依法", "连续", "过去的", "原来的", "此前的", "以往的",
)  # fmt: skip
# Verbs written after the noun whose number follows them (行政复议案件新收1.54万件, 县级保留181项).
VERBS_AFTER_NOUN = ("新收", "保留", "新增", "净增", "现有", "实有")
# Scopes that share one measure in a 分别 list (市级部门、区县行政许可事项…比例分别达…; 城镇、农村居民收入…).
SCOPE_WORDS = (
    "市级部门", "区县级", "市级", "县级", "省级", "区级", "乡镇级", "区县", "县区", "市县", "乡镇", "街道", "城镇",
    "农村", "城市", "城乡", "市直", "县直", "省直", "中央", "地方",
)  # fmt: skip
# Endings of nouns that name an arrangement, not what is counted (查询机制, 监管平台, 工作方案).
INSTITUTION_ENDINGS = ("机制", "制度", "平台", "系统", "体系", "模式", "办法", "方案", "工作", "活动", "行动", "格局")
# Words that end the name of a field of government work (生态环境领域, 道路运输行业, 公安系统), and words a
# field's name does not run across.
FIELD_WORDS = ("领域", "行业", "系统")
FIELD_STOPS = ("，", "、", "等", "和", "及", "与", "的", "加强", "加大", "开展", "推进", "深化", "在")
# What follows a service hotline's number (12345政务服务便民热线, 12309检察服务中心): a name, not a count.
HOTLINE_AFTER = ("热线", "诉讼", "检察", "政务", "服务", "平台", "便民", "投诉", "举报", "电话", "公共法律", "”")
# Units that convert into each other: unit → (what it measures, numerator, denominator): how many of the
# smallest unit one holds, as a fraction (a 亩 is 2000/3 平方米).
UNIT_FACTORS = {
    "分钟": ("time", 1, 1), "小时": ("time", 60, 1), "天": ("time", 1440, 1), "日": ("time", 1440, 1),
    "工作日": ("time", 1440, 1), "周": ("time", 10080, 1), "月": ("time", 43200, 1), "年": ("time", 525600, 1),
    "斤": ("weight", 500, 1), "公斤": ("weight", 1000, 1), "千克": ("weight", 1000, 1), "吨": ("weight", 1000000, 1),
    "平方米": ("area", 1, 1), "亩": ("area", 2000, 3), "公顷": ("area", 10000, 1), "平方公里": ("area", 1000000, 1),
    "平方千米": ("area", 1000000, 1), "米": ("length", 1, 1), "公里": ("length", 1000, 1), "千米": ("length", 1000, 1),
}  # fmt: skip
