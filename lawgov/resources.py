"""Genre resources shipped in ``lawgov/resources/``, read once on first use."""

from __future__ import annotations

from functools import cache
from importlib import resources

from .numerals import CN_NUMERAL_CHARS


def read_lines(name: str) -> list[str]:
    """Non-empty, non-comment lines of a resource file."""
    text = resources.files(__package__).joinpath("resources", name).read_text(encoding="utf-8")
    return [line.strip() for line in text.splitlines() if line.strip() and not line.startswith("#")]


@cache
def governance_terms() -> tuple[str, ...]:
    """Policy terms of the genre (the first field of each line of the jieba user dictionary)."""
    return tuple(line.split()[0] for line in read_lines("governance_terms.txt"))


@cache
def numeral_terms() -> tuple[str, ...]:
    """Policy terms that contain a numeral (三项制度, 一网通办): their numerals are names, not counts."""
    return tuple(t for t in governance_terms() if any(c in CN_NUMERAL_CHARS for c in t))


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
