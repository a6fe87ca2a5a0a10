"""The genre's resource files in ``lawgov/genre/data/``, read once on first use.

Each reader returns plain tuples or dicts so callers can cache on them.
"""

from __future__ import annotations

import re
from functools import cache
from importlib import resources

# (term, jieba frequency, part-of-speech tag): one line of a jieba user dictionary.
Term = tuple[str, int, str]


def read_text(name: str) -> str:
    """The whole text of the resource file ``name``."""
    return resources.files(__package__).joinpath("data", name).read_text(encoding="utf-8")


def data_lines(text: str) -> list[str]:
    """Non-empty, non-comment lines of a resource text.

    >>> data_lines("# a comment\\n放管服 3000 nz\\n\\n渝快办")
    ['放管服 3000 nz', '渝快办']
    """
    return [line.strip() for line in text.splitlines() if line.strip() and not line.startswith("#")]


def read_lines(name: str) -> list[str]:
    """Non-empty, non-comment lines of the resource file ``name``."""
    return data_lines(read_text(name))


def parse_dictionary(text: str) -> tuple[Term, ...]:
    """Entries of a jieba-format user dictionary: ``term [frequency [tag]]`` per line.

    >>> parse_dictionary("放管服 3000 nz\\n渝快办")
    (('放管服', 3000, 'nz'), ('渝快办', 1000, 'nz'))
    """
    entries = []
    for line in data_lines(text):
        parts = line.split()
        entries.append((parts[0], int(parts[1]) if len(parts) > 1 else 1000, parts[2] if len(parts) > 2 else "nz"))
    return tuple(entries)


@cache
def governance_dictionary() -> tuple[Term, ...]:
    """lawgov's governance dictionary (``data/governance_terms.txt``): 放管服, 渝快办, 双随机、一公开 …"""
    return parse_dictionary(read_text("governance_terms.txt"))


@cache
def curated_bodies() -> dict[str, str]:
    """Government bodies that the 市/区/县 + 局/委/办 rule cannot see (法院, 新华社, 生态环境部门 …) → their kind."""
    return {
        parts[0]: parts[1] if len(parts) > 1 else "" for parts in (line.split() for line in read_lines("bodies.txt"))
    }


@cache
def stopwords() -> frozenset[str]:
    """Words of government prose that are not findings (全市, 开展, 进一步 …)."""
    return frozenset(read_lines("stopwords_gov.txt"))


@cache
def furniture_rules() -> tuple[tuple[str, re.Pattern[str]], ...]:
    """(role, pattern) of every rule in ``data/furniture.txt``: role ``line`` (furniture wherever it stands)
    or ``end`` (furniture that ends the article once its body has begun)."""
    rules = []
    for line in read_lines("furniture.txt"):
        role, _, pattern = line.partition(" ")
        if role not in ("line", "end"):
            raise ValueError(f"furniture.txt: unknown role {role!r} in {line!r}")
        rules.append((role, re.compile(pattern.strip())))
    return tuple(rules)
