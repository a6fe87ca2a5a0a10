"""Stage 5 — output: what lawgov writes and draws.

:mod:`~lawgov.output.build` (one report → its files), :mod:`~lawgov.output.batch` (many reports, in
parallel), :mod:`~lawgov.output.writers` (CSV and JSON of tables, combined tables of a batch),
:mod:`~lawgov.output.files` (atomic writes), :mod:`~lawgov.output.selections` (which rows each chart
shows), :mod:`~lawgov.output.plots` (the charts) and :mod:`~lawgov.output.fonts` (the Chinese font).
"""
