"""Stage 3 — extract: a report's claims and names as records, and its tables.

:mod:`~lawgov.extract.dates`, :mod:`~lawgov.extract.quantities`, :mod:`~lawgov.extract.changes`,
:mod:`~lawgov.extract.entities` and :mod:`~lawgov.extract.keywords` each find one kind of record with
offsets into the text; :mod:`~lawgov.extract.tables` runs them once per report, in order, and makes the
tables of :data:`lawgov.schema.TABLES` from them.
"""
