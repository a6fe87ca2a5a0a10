"""Table schemas of the datasets lawgov writes, in Frictionless Table Schema form.

The same dictionaries describe ``data/datapackage.json`` and drive validation, so the documented
schema and the enforced one cannot drift apart.
"""

from __future__ import annotations

from typing import Any

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

SCHEMAS: dict[str, dict[str, Any]] = {
    "outline": {
        "title": "Outline",
        "description": "Section headings, paragraphs, lead sentences and sentences of the clean text, with offsets.",
        "fields": [
            {
                "name": "kind",
                "type": "string",
                "description": "title / subtitle of a section heading, a paragraph, its lead, or one sentence.",
                "constraints": {"required": True, "enum": ["title", "subtitle", "paragraph", "lead", "sentence"]},
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
}


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
