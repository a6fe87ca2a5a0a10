"""The vocabulary a report is read with: its place list and the governance dictionary.

Every stage that depends on words (entities, segmentation, keywords, the masks of the quantity
extractor, validation's coverage check) takes one :class:`Vocabulary`, so a custom place list or
dictionary given at the API edge reaches all of them. :func:`vocabulary` is that edge: it chooses
the default (Chongqing's places, lawgov's dictionary) once, and nothing deeper has a default.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from .places import Place, read_places
from .resources import Term, governance_dictionary, parse_dictionary

PlacesArg = str | os.PathLike[str] | tuple[Place, ...] | None
DictionaryArg = str | os.PathLike[str] | tuple[Term, ...] | None


@dataclass(frozen=True)
class Vocabulary:
    """Places and dictionary terms; hashable, so readers cache their compiled patterns per vocabulary."""

    places: tuple[Place, ...]
    terms: tuple[Term, ...]

    @property
    def words(self) -> tuple[str, ...]:
        """The dictionary's terms without frequency and tag."""
        return tuple(t for t, _, _ in self.terms)


def vocabulary(places: PlacesArg | Vocabulary = None, dictionary: DictionaryArg = None) -> Vocabulary:
    """The vocabulary for ``places`` (a CSV path or :func:`~lawgov.genre.places.read_places`) and
    ``dictionary`` (a jieba-format user dictionary path, or its entries); ``None`` means Chongqing's
    places and lawgov's governance dictionary. A :class:`Vocabulary` is passed through unchanged.

    >>> v = vocabulary()
    >>> len(v.places) > 38, "放管服" in v.words
    (True, True)
    """
    if isinstance(places, Vocabulary):
        return places
    if places is None or isinstance(places, tuple):
        place_list = places if places is not None else read_places()
    else:
        place_list = read_places(places)
    if dictionary is None:
        terms = governance_dictionary()
    elif isinstance(dictionary, tuple):
        terms = dictionary
    else:
        terms = parse_dictionary(Path(dictionary).read_text(encoding="utf-8"))
    return Vocabulary(tuple(place_list), tuple(terms))
