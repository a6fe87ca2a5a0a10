"""Coverage: every number of a report's text is accounted for, including the numbers of real pages that
are neither quantities nor dates (hotlines, addresses, postcodes, times, anniversaries, enumerations,
people's names)."""

from __future__ import annotations

import pytest

import lawgov
from lawgov.check.coverage import coverage


def runs_of(text: str, people=()) -> dict[str, str]:
    report = lawgov.parse("某区法治政府建设报告\n\n" + text)
    tables = lawgov.report_tables(report, ["quantities", "dates", "entities"])
    found = coverage(report.text, tables, people=people)
    return dict(zip(found["run"], found["accounted_as"], strict=True))


@pytest.mark.parametrize(
    "sentence, run, accounted",
    [
        ("推动12345政务服务便民热线与部门对接，办理工单300件。", "12345", "name"),
        ("来信可寄至某某区湖滨北路88号（邮编：361012），共收到来信20封。", "88", "name"),
        ("来信可寄至某某区湖滨北路88号（邮编：361012），共收到来信20封。", "361012", "name"),
        ("咨询电话：028-12348，接听咨询500余次。", "12348", "name"),
        ("3月15日9时，区政府召开会议，部署任务12项。", "3", "date"),
        ("3月15日9时，区政府召开会议，部署任务12项。", "9", "name"),  # a time of day
        ("以行政复议法颁布30周年为契机，开展宣传活动13场。", "30", "ordinal"),
        ("主要做法有：一是抓督察，通报问题64个；二是抓考核，约谈12人。", "一", "ordinal"),
        ("自治区司法厅8日联合通报，全年办理案件12件。", "8", "date"),
        ("深入学习贯彻党的二十大精神，全年办理案件12件。", "二十", "name"),
        ("做好新冠肺炎（COVID-19）防控，查处违规行为15起。", "19", "name"),  # a code with a hyphen
    ],
)
def test_numbers_that_are_names_dates_and_ordinals(sentence: str, run: str, accounted: str) -> None:
    assert runs_of(sentence)[run] == accounted


def test_the_bylines_people_are_names() -> None:
    text = "（记者 万一鸣）全市查处案件12件。"
    assert runs_of(text)["万一"] == ""  # a surname 万 is not a number, but only the byline can say so
    assert runs_of(text, people=["万一鸣"])["万一"] == "name"
