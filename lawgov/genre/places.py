"""Place lists: the districts, counties and zones a report may name, as a CSV with ``name``, ``short``, ``kind``.

lawgov ships Chongqing's 38 districts and counties and its functional zones; another province's list
plugs in as a file of the same form.
"""

from __future__ import annotations

import csv
import io
import os
from dataclasses import dataclass
from functools import cache

from .resources import read_text

DEFAULT_FILES = ("places_chongqing.csv", "zones_chongqing.csv")


@dataclass(frozen=True)
class Place:
    """One place: its full ``name`` (万州区), the ``short`` form prose uses (万州) and its ``kind`` (区, 县 …)."""

    name: str
    short: str
    kind: str


def parse_places(text: str) -> tuple[Place, ...]:
    """Places from CSV text with a header row; ``short`` defaults to the name, ``kind`` to empty.

    >>> parse_places("name,short,kind\\n万州区,万州,区\\n某县,,县")
    (Place(name='万州区', short='万州', kind='区'), Place(name='某县', short='某县', kind='县'))
    """
    return tuple(
        Place(row["name"], row.get("short") or row["name"], row.get("kind") or "")
        for row in csv.DictReader(io.StringIO(text))
    )


@cache
def chongqing() -> tuple[Place, ...]:
    """The default place list: Chongqing's districts, counties and functional zones."""
    return tuple(p for name in DEFAULT_FILES for p in parse_places(read_text(name)))


def read_places(source: str | os.PathLike[str] | None = None) -> tuple[Place, ...]:
    """A place list from a CSV file (columns ``name``, ``short``, ``kind``); Chongqing's without a file."""
    if source is None:
        return chongqing()
    with open(source, encoding="utf-8") as f:
        return parse_places(f.read())
