"""The one exception lawgov raises for bad input."""

from __future__ import annotations


class LawgovError(Exception):
    """Bad input: names the file (or ``<memory>``) and the problem.

    >>> str(LawgovError("file is empty", "a.txt"))
    'a.txt: file is empty'
    """

    def __init__(self, problem: str, name: str | None = None) -> None:
        self.problem = problem
        self.name = name or "<memory>"
        super().__init__(f"{self.name}: {problem}")
