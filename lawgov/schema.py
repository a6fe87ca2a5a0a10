"""The table contract: every table lawgov writes, its columns, types, constraints and descriptions, once.

The schemas are Frictionless Table Schemas. The same dictionaries describe ``data/datapackage.json``,
drive validation (:mod:`lawgov.check.validate`) and build every DataFrame (:func:`frame`), so the
documented tables, the checked ones and the ones in memory cannot drift apart.

>>> columns("changes")[:6]
['id', 'section', 'paragraph', 'raw', 'start', 'end']
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import pandas as pd

#: The tables of one report, in the order they are written and listed in ``datapackage.json``.
TABLES = ("outline", "quantities", "changes", "dates", "entities", "keywords")

LICENSE = {"name": "CC-BY-4.0", "title": "Creative Commons Attribution 4.0"}


def _offset(name: str, what: str) -> dict[str, Any]:
    return {"name": name, "type": "integer", "description": what, "constraints": {"required": True, "minimum": 0}}


SECTION = {
    "name": "section",
    "type": "integer",
    "description": "Section id from the outline (0 = the text before the first heading).",
    "constraints": {"minimum": 0},
}
PARAGRAPH = {
    "name": "paragraph",
    "type": "integer",
    "description": "Paragraph id from the outline, numbered through the report from 0.",
    "constraints": {"minimum": 0},
}
START = _offset("start", "Offset of the first character in clean.txt (Python string index, characters not bytes).")
END = _offset("end", "Offset one past the last character: clean_text[start:end] is the span's text.")

ID = {"name": "id", "type": "integer", "description": "Row number in reading order, from 1.",
      "constraints": {"required": True, "unique": True, "minimum": 1}}  # fmt: skip
RAW = {"name": "raw", "type": "string", "description": "The exact text: clean_text[start:end] == raw.",
       "constraints": {"required": True}}  # fmt: skip
# The columns every extracted table of spans starts with: its row, where it sits in the outline
# (added by :func:`lawgov.extract.tables.placed`), and its text.
PLACED = [ID, SECTION, PARAGRAPH, RAW, START, END]
KINDS = ["count", "money", "percent", "percentage_points", "multiple", "area", "weight", "length", "volume", "energy",
         "duration"]  # fmt: skip


def _field(name: str, type_: str, description: str, **constraints: Any) -> dict[str, Any]:
    field = {"name": name, "type": type_, "description": description}
    if constraints:
        field["constraints"] = constraints
    return field


SCHEMAS: dict[str, dict[str, Any]] = {
    "outline": {
        "title": "Outline",
        "description": "Section headings, paragraphs, lead sentences and sentences of the clean text, with offsets.",
        "fields": [
            {
                "name": "kind",
                "type": "string",
                "description": "title / subtitle of a section heading, a paragraph, its lead, one sentence, or one "
                "item of an enumeration in the paragraph (一是…二是…).",
                "constraints": {
                    "required": True,
                    "enum": ["title", "subtitle", "paragraph", "lead", "sentence", "item"],
                },
            },
            dict(SECTION, constraints={"required": True, "minimum": 0}),
            PARAGRAPH,
            {
                "name": "sentence",
                "type": "integer",
                "description": "Sentence number within its paragraph, from 0 (sentence rows only).",
                "constraints": {"minimum": 0},
            },
            {
                "name": "item",
                "type": "integer",
                "description": "Item number within the paragraph's enumeration: 1 for 一是, 2 for 二是 … "
                "(item rows only).",
                "constraints": {"minimum": 1},
            },
            {
                "name": "level",
                "type": "integer",
                "description": (
                    "Heading level of the section: 0 for the lead, 1 for 一、 or unnumbered headings, "
                    "2 for （一）, 3 for 1., 4 for （1）."
                ),
                "constraints": {"required": True, "minimum": 0, "maximum": 4},
            },
            START,
            END,
            {"name": "text", "type": "string", "description": "The span's text.", "constraints": {"required": True}},
        ],
        "primaryKey": ["kind", "start", "end"],
    },
    "quantities": {
        "title": "Quantities",
        "description": "Every quantitative claim of the report: exact value, unit, qualifier and what it counts.",
        "fields": [
            *PLACED,
            _field(
                "value",
                "number",
                "The number fully scaled, exact (3.62万户 → 36200; 97.5% → 97.5); negative only where the text "
                "writes a sign (同比增长-3.2% → -3.2).",
                required=True,
            ),
            _field("value_max", "number", "Upper end of a range (10-20个 → 20); empty otherwise.", minimum=0),
            _field(
                "unit",
                "string",
                "Counting unit without the scale (项, 件, 户, 元, %, 百分点 …); empty when the text has none.",
            ),
            _field(
                "scale",
                "integer",
                "The scale word's factor (万 → 10000, 亿 → 100000000; 1 without one).",
                required=True,
                minimum=1,
            ),
            _field(
                "qualifier",
                "string",
                "Precision and direction words of the text (余, 近, 超过, 累计, 至, 由 …), ';'-joined.",
            ),
            _field("measure", "string", "What the number counts, a noun phrase of the text (市级部门, 违法案件)."),
            _field(
                "scope",
                "string",
                "Which part of a measure that several numbers share the number is about, when a 分别 list names "
                "scopes of one head (市级部门、区县政务服务事项“一网通办”比例分别达81.5%、76% → 市级部门, 区县), "
                "or the field its sentence names when numbers of one measure would read alike (安全生产领域); "
                "empty otherwise.",
            ),
            _field(
                "kind",
                "string",
                "count, money, percent, percentage_points, multiple, area, weight, …",
                required=True,
                enum=KINDS,
            ),
            _field(
                "direction",
                "string",
                "up/down when a change verb precedes the number (增长, 减少至).",
                enum=["", "up", "down"],
            ),
        ],
        "primaryKey": ["id"],
    },
    "changes": {
        "title": "Changes",
        "description": "From→to changes (由260个减少至35个): both values, their unit and the change.",
        "fields": [
            *PLACED,
            _field("measure", "string", "What changed."),
            _field("from_value", "number", "The value before.", required=True, minimum=0),
            _field("to_value", "number", "The value after.", required=True, minimum=0),
            _field("unit", "string", "Unit of both values."),
            _field(
                "direction",
                "string",
                "down or up, from the verb (减少, 压缩, 提高) or else the values.",
                required=True,
                enum=["up", "down", "same"],
            ),
            _field("absolute_change", "number", "to_value − from_value, in the unit.", required=True),
            _field("percent_change", "number", "(to − from) / from × 100, two decimals.", minimum=-100),
        ],
        "primaryKey": ["id"],
    },
    "dates": {
        "title": "Dates",
        "description": "Dates and periods named in the report, with ISO values (a missing year from the report date).",
        "fields": [
            *PLACED,
            _field(
                "iso", "string", "ISO 8601 date, month, year or interval (2021-10-12/2021-10-19); empty if unknown."
            ),
            _field(
                "precision",
                "string",
                "day, day_range, month, month_range, year, half_year or quarter.",
                required=True,
                enum=["day", "day_range", "month", "month_range", "year", "half_year", "quarter"],
            ),
            _field(
                "year_inferred",
                "boolean",
                "True when the text gives no year and it was taken from the report's date.",
                required=True,
            ),
        ],
        "primaryKey": ["id"],
    },
    "entities": {
        "title": "Entities",
        "description": "Bodies, places, laws and documents, and programmes the report names, one row per mention.",
        "fields": [
            ID,
            SECTION,
            PARAGRAPH,
            _field(
                "type",
                "string",
                "body, place, law (any 《…》 title) or programme (a quoted platform or campaign).",
                required=True,
                enum=["body", "place", "law", "programme"],
            ),
            _field("name", "string", "The mention as written: clean_text[start:end] == name.", required=True),
            _field(
                "normalized",
                "string",
                "One name per entity: 万州 → 万州区, 市五届人大常委会 → 市人大常委会.",
                required=True,
            ),
            _field(
                "subtype",
                "string",
                "A body's kind (court, procuratorate, congress, government, department, system, party, media …), "
                "a document's kind from its ending (regulation, measure, opinion, notice, list, norm, minutes, "
                "article …) or a place's kind (区, 县, 自治县, 镇 …).",
            ),
            START,
            END,
        ],
        "primaryKey": ["id"],
    },
    "keywords": {
        "title": "Keywords",
        "description": "Top terms of the whole report (section empty) and of each section, after removing stop words.",
        "fields": [
            _field("section", "integer", "Section id; empty for the whole report.", minimum=0),
            _field("rank", "integer", "1 = the top term of its section.", required=True, minimum=1),
            _field("term", "string", "A word from lawgov.segment.", required=True),
            _field("count", "integer", "Occurrences in the section (or report).", required=True, minimum=1),
            _field(
                "weight",
                "number",
                "TF-IDF: sections weighted against each other; the report against jieba's IDF.",
                required=True,
                minimum=0,
            ),
            _field(
                "textrank",
                "number",
                "TextRank score in the same scope, scaled so the top term is 1.",
                required=True,
                minimum=0,
                maximum=1,
            ),
        ],
        "primaryKey": ["section", "rank"],
    },
}


#: The ``number`` columns held as binary floats (scores rounded to 6 places); every other number is an exact Decimal.
FLOATS = frozenset({("keywords", "weight"), ("keywords", "textrank")})


def resource(name: str, rows: int) -> dict[str, Any]:
    """The datapackage resource entry for table ``name`` written as ``name.csv``."""
    schema = SCHEMAS[name]
    fields = schema["fields"]
    body = {"fields": fields}
    if "primaryKey" in schema:
        body["primaryKey"] = schema["primaryKey"]
    return {
        "name": name,
        "path": f"{name}.csv",
        "title": schema["title"],
        "description": schema["description"],
        "format": "csv",
        "mediatype": "text/csv",
        "encoding": "utf-8",
        "dialect": {"delimiter": ",", "header": True},
        "rows": rows,
        "schema": body,
    }


# Cells a spreadsheet would run. Text that starts with =, +, @, a tab, a carriage return, or a - not
# followed by a digit is a formula to Excel, LibreOffice and Google Sheets (=cmd|' /C calc'!A0). lawgov's
# CSV files carry such a cell with one ' before it, which spreadsheets show as text; a cell that already
# starts with quotes and then a trigger gets one more, so the rule reverses exactly. JSON keeps the raw text.

_FORMULA = re.compile(r"'*(?:[=+@\t\r]|-(?![0-9]))")


def formula_safe(cell: str) -> str:
    """The cell as lawgov writes it in CSV: a formula-like cell (or one that looks already made safe) gets a ``'``.

    >>> formula_safe("=SUM(A1)"), formula_safe("'=x"), formula_safe("-3.2%"), formula_safe("-x"), formula_safe("重庆")
    ("'=SUM(A1)", "''=x", '-3.2%', "'-x", '重庆')
    """
    return "'" + cell if _FORMULA.match(cell) else cell


def formula_raw(cell: str) -> str:
    """The raw text of a CSV cell written by :func:`formula_safe` (its inverse).

    >>> formula_raw("'=SUM(A1)"), formula_raw("''=x"), formula_raw("'quoted"), formula_raw("-3.2%")
    ('=SUM(A1)', "'=x", "'quoted", '-3.2%')
    """
    return cell[1:] if cell.startswith("'") and _FORMULA.match(cell, 1) else cell


def runs_as_formula(cell: str) -> bool:
    """True for a CSV cell a spreadsheet would run: formula-like and not made safe.

    >>> runs_as_formula("=1+1"), runs_as_formula("'=1+1"), runs_as_formula("-5")
    (True, False, False)
    """
    return not cell.startswith("'") and _FORMULA.match(cell) is not None


def columns(name: str) -> list[str]:
    """The column names of table ``name``, in order."""
    return [f["name"] for f in SCHEMAS[name]["fields"]]


def dtypes(name: str) -> dict[str, str]:
    """pandas dtypes the schema fixes: integers (``Int64`` where a cell may be empty) and booleans.

    Numbers stay as Python objects (exact ``Decimal`` values) and strings as pandas' text dtype.
    """
    out = {}
    for f in SCHEMAS[name]["fields"]:
        required = f.get("constraints", {}).get("required", False)
        if f["type"] == "integer":
            out[f["name"]] = "int64" if required else "Int64"
        elif f["type"] == "boolean":
            out[f["name"]] = "bool"
    return out


def frame(name: str, rows: Iterable[Mapping[str, Any] | tuple]) -> pd.DataFrame:
    """Table ``name`` as a DataFrame with its declared columns and dtypes, from dicts or tuples in column order.

    This is the one place a table's DataFrame is made.

    >>> frame("dates", [(1, 0, 0, "9月3日", 0, 4, "2023-09-03", "day", True)]).dtypes["section"]
    Int64Dtype()
    """
    import pandas as pd

    names, types = columns(name), dtypes(name)
    records = [tuple(r[c] for c in names) if isinstance(r, Mapping) else r for r in rows]
    if not records:
        return pd.DataFrame(columns=names).astype(types)
    # Built from columns, each given its dtype at once: a frame of rows re-cast column by column costs 5× more.
    cells = zip(names, zip(*records, strict=True), strict=True)
    return pd.DataFrame({c: pd.array(col, dtype=types[c]) if c in types else list(col) for c, col in cells})
