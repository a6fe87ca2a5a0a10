"""Dates and periods, with a missing year taken from the report's date."""

from __future__ import annotations

import datetime as dt

import pytest

from lawgov.extract.dates import find_dates

REPORT_DATE = dt.date(2021, 11, 26)


@pytest.mark.parametrize(
    "text, expected",
    [
        ("2022年3月15日召开", [("2022年3月15日", "2022-03-15", "day")]),
        ("2021年10月12-19日督察", [("2021年10月12-19日", "2021-10-12/2021-10-19", "day_range")]),
        ("11月1日刊登", [("11月1日", "2021-11-01", "day")]),
        ("12月20日前完成", [("12月20日", "2021-12-20", "day")]),  # a deadline just after the report
        ("3月10-15日", [("3月10-15日", "2021-03-10/2021-03-15", "day_range")]),
        ("2023年", [("2023年", "2023", "year")]),
        ("2021年度报告", [("2021年度", "2021", "year")]),
        ("二〇二一年十一月", [("二〇二一年十一月", "2021-11", "month")]),
        ("今年上半年", [("今年上半年", "2021-01-01/2021-06-30", "half_year")]),
        ("去年一季度", [("去年一季度", "2020-01-01/2020-03-31", "quarter")]),
        ("前三季度", [("前三季度", "2021-01-01/2021-09-30", "quarter")]),
        ("2022年上半年", [("2022年上半年", "2022-01-01/2022-06-30", "half_year")]),
        ("3个月内办结", []),
        ("增长3.5个百分点", []),
    ],
)
def test_find_dates(text: str, expected) -> None:
    assert [(d.raw, d.iso, d.precision) for d in find_dates(text, REPORT_DATE)] == expected


def test_without_a_report_date_the_year_stays_unknown() -> None:
    (d,) = find_dates("11月1日")
    assert (d.iso, d.precision, d.year_inferred) == (None, "day", True)


def test_a_month_well_after_the_report_date_is_last_year() -> None:
    (d,) = find_dates("去年12月20日起施行", dt.date(2022, 3, 1))[1:]
    assert (d.raw, d.iso) == ("12月20日", "2021-12-20")
