"""Pages from many sites: the development corpus and the held-out set of tests/genre/, scored for cleanup,
metadata, outline, quantities and validation, with pinned floors (tests/genre/README.md has the format
and the first, untuned scores of the held-out set)."""

from __future__ import annotations

import pytest

from lawgov.check.corpus import pages, score_corpus
from lawgov.genre.vocabulary import vocabulary

from .conftest import ROOT

GENRE = ROOT / "tests" / "genre"
# The targets: quantity recall ≥ 98%, false positives ≤ 2% of hits, measure agreement ≥ 95% (nested),
# every furniture line removed, metadata right on ≥ 95% of the fields a page states, headings found.
FLOORS = {
    "recall": 0.98,
    "precision": 0.98,
    "measure": 0.95,
    "value": 1.0,
    "furniture_removed": 1.0,
    "body_kept": 1.0,
    "metadata": 0.95,
    "heading_recall": 0.95,
    "heading_precision": 0.95,
}


@pytest.fixture(scope="module", params=["dev", "heldout"])
def scored(request):
    return request.param, *score_corpus(GENRE / request.param, vocabulary())


def test_the_corpora_cover_the_families(scored) -> None:
    name, table, summary = scored
    families = {annotation["family"] for _, annotation in pages(GENRE / name)}
    assert summary["errors"] == 0, table.loc[table["error"] != "", ["page", "error"]].to_string()
    assert len(families) >= (15 if name == "dev" else 12) and summary["quantities"] >= 400


@pytest.mark.parametrize("measure", list(FLOORS))
def test_scores_stay_above_their_floors(scored, measure: str) -> None:
    name, table, summary = scored
    problems = [f"{r.page}: {p}" for r in table.itertuples() for p in r.problems]
    assert summary[measure] >= FLOORS[measure], (name, summary, problems[:40])


def test_no_short_line_becomes_a_heading(scored) -> None:
    _, _, summary = scored
    assert summary["not_headings_taken"] == 0


def test_validate_passes_on_every_page(scored) -> None:
    _, table, summary = scored
    failing = table[table["validate_failed"].map(len) > 0]
    assert summary["validate_pass"] == 1.0, failing[["page", "validate_failed"]].to_string()
