"""Stage 4 — check: what the extracted tables must satisfy, and how they score against hand annotations.

:mod:`~lawgov.check.validate` checks a data folder (or tables in memory) and lists every violation;
:mod:`~lawgov.check.coverage` accounts for every number of the text; :mod:`~lawgov.check.evaluation`
scores quantities against a gold set. Checks import no output code and read no test files: the seed's
gold set ships with the package (:mod:`lawgov.genre.seed`).
"""
