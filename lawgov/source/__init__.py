"""Stage 1 — source: bytes of a page → a :class:`~lawgov.report.Report`.

:mod:`~lawgov.source.reading` decodes the bytes and tells HTML from text; a reader turns the page into
a :class:`~lawgov.report.Page` (:mod:`~lawgov.source.plain` for text files, :mod:`~lawgov.source.html`
for web pages), both with the steps of :mod:`~lawgov.source.cleaning`; :mod:`~lawgov.source.loading`
builds the report from the page with the parsers of :mod:`~lawgov.source.metadata`.
"""
