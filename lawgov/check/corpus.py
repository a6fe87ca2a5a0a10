"""Score lawgov on a corpus of annotated pages: cleanup, metadata, outline and quantities, page by page.

A corpus is a folder of pages (``.txt`` / ``.html``), each with a ``.json`` annotation of the same
stem: the metadata the page states, snippets of furniture that must go and of body text that must
stay, the headings, lines that are not headings, and every quantity in the gold form of
:mod:`lawgov.check.evaluation` (``raw`` and ``occurrence``). The format is described in the README of
lawgov's own corpora.
"""

from __future__ import annotations

import json
import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import LawgovError
from ..extract.tables import Analysis
from ..genre.vocabulary import Vocabulary
from ..source.loading import load
from .evaluation import locate, measure_agrees, norm_measure
from .validate import validate_tables

if TYPE_CHECKING:
    import pandas as pd

PAGE_SUFFIXES = (".txt", ".html", ".htm")
METADATA_FIELDS = ("title", "date", "delivered", "source", "editor", "reporter", "author")
_PUNCTUATION = str.maketrans(",:;()!?", "，：；（）！？")


def comparable(text: str) -> str:
    """``text`` without whitespace, ASCII punctuation in its full-width form: how snippets are compared."""
    return re.sub(r"\s+", "", text).translate(_PUNCTUATION)


@dataclass
class PageScore:
    """What one page scored; counts, so that a corpus total is a sum."""

    page: str
    error: str = ""
    gold: int = 0
    predicted: int = 0
    matched: int = 0
    value_agree: int = 0
    measure_agree: int = 0
    measure_exact: int = 0
    fields: int = 0
    fields_right: int = 0
    fields_spurious: int = 0
    furniture: int = 0
    furniture_removed: int = 0
    body: int = 0
    body_kept: int = 0
    headings: int = 0
    headings_found: int = 0
    headings_predicted: int = 0
    headings_right: int = 0
    not_headings_taken: int = 0
    validate_failed: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)


def pages(folder: str | os.PathLike[str]) -> list[tuple[Path, dict]]:
    """(page path, annotation) for every annotated page in ``folder``, sorted by name."""
    found = []
    for path in sorted(Path(folder).iterdir()):
        if path.suffix.lower() in PAGE_SUFFIXES and path.with_suffix(".json").is_file():
            found.append((path, json.loads(path.with_suffix(".json").read_text(encoding="utf-8"))))
    return found


def _metadata_value(report: object, name: str) -> str | None:
    value = getattr(report, name, None)
    if value is None:
        return None
    return value.isoformat() if hasattr(value, "isoformat") else str(value)


def score_page(path: Path, annotation: dict, vocab: Vocabulary) -> PageScore:
    """Read ``path`` with lawgov and compare what it gives with the ``annotation``."""
    result = PageScore(path.name)
    gold_quantities = annotation.get("quantities", [])
    result.gold = len(gold_quantities)
    try:
        report = load(path)
    except LawgovError as exc:
        result.error = str(exc)
        return result
    analysis = Analysis(report, vocab)
    text = report.text
    flat = comparable(text)

    for name in METADATA_FIELDS:
        want = annotation.get("metadata", {}).get(name)
        got = _metadata_value(report, name)
        if want:
            result.fields += 1
            if got is not None and comparable(got) == comparable(want):
                result.fields_right += 1
            else:
                result.problems.append(f"metadata {name}: {got!r} ≠ {want!r}")
        elif got:
            result.fields_spurious += 1
            result.problems.append(f"metadata {name}: {got!r} but the page states none")

    for snippet in annotation.get("furniture", []):
        result.furniture += 1
        if comparable(snippet) in flat:
            result.problems.append(f"furniture left: {snippet!r}")
        else:
            result.furniture_removed += 1
    for snippet in annotation.get("body", []):
        result.body += 1
        if comparable(snippet) in flat:
            result.body_kept += 1
        else:
            result.problems.append(f"body lost: {snippet!r}")

    headings = {
        comparable(span.text).rstrip("。")
        for s in analysis.outline.sections
        for span in (s.title, s.subtitle)
        if span is not None
    }
    gold_headings = {comparable(h).rstrip("。") for h in annotation.get("headings", [])}
    result.headings = len(gold_headings)
    result.headings_found = len(gold_headings & headings)
    result.headings_predicted = len(headings)
    result.headings_right = len(headings & gold_headings)
    result.problems += [f"heading missed: {h}" for h in sorted(gold_headings - headings)]
    result.problems += [f"not a heading: {h}" for h in sorted(headings - gold_headings)]
    taken = {comparable(h).rstrip("。：:") for h in annotation.get("not_headings", [])} & {
        h.rstrip("：:") for h in headings
    }
    result.not_headings_taken = len(taken)

    predicted = {(q.start, q.end): q for q in analysis.quantities}
    result.predicted = len(predicted)
    gold_spans = set()
    for g in gold_quantities:
        try:
            start = locate(text, g["raw"], int(g["occurrence"]))
        except ValueError:
            result.problems.append(f"gold quantity not in the text: {g['raw']} #{g['occurrence']}")
            continue
        span = (start, start + len(g["raw"]))
        gold_spans.add(span)
        q = predicted.get(span)
        if q is None:
            result.problems.append(f"quantity missed: {g['raw']}")
            continue
        result.matched += 1
        result.value_agree += str(q.value) == str(g["value"]) or _same_number(q.value, g["value"])
        result.measure_agree += measure_agrees(q.measure, g["measure"])
        result.measure_exact += norm_measure(q.measure) == norm_measure(g["measure"])
        if not measure_agrees(q.measure, g["measure"]):
            result.problems.append(f"measure of {g['raw']}: {q.measure!r} ≠ {g['measure']!r}")
    result.problems += [
        f"spurious quantity: {q.raw} ({q.measure})" for s, q in predicted.items() if s not in gold_spans
    ]

    checks = validate_tables({n: analysis.table(n) for n in ("outline", "quantities", "changes", "dates", "entities")},
                             text, report.metadata(), places=vocab)  # fmt: skip
    result.validate_failed = [f"{r.name}: {r.detail[:200]}" for r in checks.itertuples() if not r.passed]
    return result


def _same_number(value: object, gold: str) -> bool:
    from decimal import Decimal, InvalidOperation

    try:
        return Decimal(str(value)) == Decimal(str(gold))
    except InvalidOperation:
        return False


def score_corpus(folder: str | os.PathLike[str], vocab: Vocabulary) -> tuple[pd.DataFrame, dict[str, float]]:
    """Per-page scores of every annotated page in ``folder``, and the corpus totals as rates."""
    import pandas as pd

    scores = [score_page(path, annotation, vocab) for path, annotation in pages(folder)]
    table = pd.DataFrame([vars(s) for s in scores])
    total = table.drop(columns=["page", "error", "validate_failed", "problems"]).sum()

    def rate(a: str, b: str) -> float:
        return float(total[a] / total[b]) if total[b] else 1.0

    summary = {
        "pages": len(scores),
        "errors": int((table["error"] != "").sum()),
        "quantities": int(total["gold"]),
        "recall": rate("matched", "gold"),
        "precision": rate("matched", "predicted"),
        "false_positive_share": 1 - rate("matched", "predicted"),
        "value": rate("value_agree", "matched"),
        "measure": rate("measure_agree", "matched"),
        "measure_exact": rate("measure_exact", "matched"),
        "metadata": rate("fields_right", "fields"),
        "metadata_spurious": int(total["fields_spurious"]),
        "furniture_removed": rate("furniture_removed", "furniture"),
        "body_kept": rate("body_kept", "body"),
        "heading_recall": rate("headings_found", "headings"),
        "heading_precision": rate("headings_right", "headings_predicted"),
        "not_headings_taken": int(total["not_headings_taken"]),
        "validate_pass": float((table["validate_failed"].map(len) == 0).mean()) if len(table) else 1.0,
    }
    return table, summary
