"""Stage 2 — text: the clean text of a report as structure and words.

:mod:`~lawgov.text.outline` (sections, paragraphs, sentences), :mod:`~lawgov.text.segment` (words, with
jieba and the genre's dictionary), :mod:`~lawgov.text.numerals` (number strings → exact values),
:mod:`~lawgov.text.marks` (the punctuation that marks names) and :mod:`~lawgov.text.spans` (span sets).
Everything here works on a string and returns records with offsets into it.
"""
