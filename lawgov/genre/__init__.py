"""Stage 0 — the genre: what lawgov knows about government progress reports before reading one.

Word lists (:mod:`~lawgov.genre.lexicon`), the resource files in ``data/`` and their readers
(:mod:`~lawgov.genre.resources`), place lists (:mod:`~lawgov.genre.places`), the vocabulary a report is
read with (:mod:`~lawgov.genre.vocabulary`) and the shipped seed with its hand annotations
(:mod:`~lawgov.genre.seed`). Nothing here reads a report; every later stage may import from here.
"""
