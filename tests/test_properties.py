"""Property tests: exact values for any generated quantity, offsets that always slice back, cleaning
that is idempotent, and loading that never fails with anything but our error."""

from __future__ import annotations

from decimal import Decimal

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from lawgov import LawgovError, parse
from lawgov.extract.changes import find_changes
from lawgov.extract.dates import find_dates
from lawgov.extract.quantities import find_quantities
from lawgov.genre.vocabulary import vocabulary
from lawgov.source.cleaning import clean_text, normalize_punctuation

from .conftest import SEED

VOCAB = vocabulary()

SAFE = "的工作推进全面建设管理服务市场群众部门平台企业制度机构"
UNITS = ["件", "项", "个", "人次", "元", "户", "名", "家", "条", "吨", "亩", "公里"]
PROSE = st.text(alphabet=SAFE, min_size=2, max_size=12)

numbers = st.one_of(
    st.integers(min_value=1, max_value=99_999).map(str),
    st.builds(lambda i, f: f"{i}.{f}", st.integers(0, 9_999), st.integers(1, 99).map(lambda n: f"{n:02d}".rstrip("0"))),
)


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow])
@given(prefix=PROSE, number=numbers, scale=st.sampled_from(["", "万", "亿"]), unit=st.sampled_from(["", *UNITS]),
       suffix=PROSE)  # fmt: skip
def test_any_inserted_quantity_is_found_with_its_exact_value(prefix, number, scale, unit, suffix) -> None:
    if not (scale or unit):
        unit = "件"
    raw = f"{number}{scale}{unit}"
    text = f"{prefix}，{raw}，{suffix}。"
    found = find_quantities(text, vocab=VOCAB)
    assert [q.raw for q in found] == [raw]
    factor = {"": 1, "万": 10**4, "亿": 10**8}[scale]
    assert found[0].value == Decimal(number) * factor
    assert found[0].unit == unit


@settings(max_examples=300)
@given(number=numbers)
def test_percentages_keep_their_value(number) -> None:
    (q,) = find_quantities(f"办结率达{number}%。", vocab=VOCAB)
    assert (q.value, q.unit, q.kind) == (Decimal(number), "%", "percent")


MIXED = st.text(
    alphabet="0123456789０１２３.,-~至到由从余多近约万亿千百十一二三两第个项件%％年月日季度上半“”《》（）()，。、；:"
    + SAFE,
    max_size=80,
)


@settings(max_examples=500)
@given(text=MIXED)
def test_every_row_slices_back_to_its_raw(text) -> None:
    for q in find_quantities(text, vocab=VOCAB):
        assert text[q.start : q.end] == q.raw
        signed = q.raw.startswith(("-", "－", "−"))  # a value is negative only when written so (−0 is 0)
        assert (q.value < 0) if signed and q.value else (q.value >= 0)
    for c in find_changes(text, find_quantities(text, vocab=VOCAB)):
        assert text[c.start : c.end] == c.raw
    for d in find_dates(text):
        assert text[d.start : d.end] == d.raw


@settings(max_examples=300)
@given(text=st.text(max_size=60))
def test_normalising_punctuation_is_idempotent(text) -> None:
    once = normalize_punctuation(text)
    assert normalize_punctuation(once) == once


@settings(max_examples=200)
@given(lines=st.lists(st.text(alphabet=SAFE + " ,:;()!?.0123456789\u3000", min_size=1, max_size=40), max_size=6))
def test_cleaning_clean_text_changes_nothing(lines) -> None:
    once = clean_text("\n".join(lines))
    assert clean_text(once) == once


@settings(max_examples=300)
@given(data=st.binary(max_size=200))
def test_loading_any_bytes_succeeds_or_raises_our_error(data) -> None:
    try:
        report = parse(data, name="random.bin")
    except LawgovError as exc:
        assert str(exc).startswith("random.bin: ")
    else:
        assert isinstance(report.text, str)


PARAGRAPHS = [p for p in SEED.read_text(encoding="utf-8").split("Copyright")[0].splitlines() if len(p) > 60]


@settings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(picked=st.lists(st.sampled_from(PARAGRAPHS), min_size=1, max_size=4))
def test_building_a_report_twice_gives_identical_files(tmp_path_factory, picked) -> None:
    from lawgov.output.build import report_files

    path = tmp_path_factory.mktemp("report") / "report.txt"
    path.write_text("某地法治政府建设报告\n\n" + "\n\n".join(picked), encoding="utf-8")
    assert report_files(path, VOCAB, figures=False) == report_files(path, VOCAB, figures=False)
