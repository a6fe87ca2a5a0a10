"""Word segmentation with jieba's algorithm plus the genre's dictionary: 放管服, 渝快办, 双随机、一公开 stay whole.

Two engines give the same tokens. ``rjieba`` (jieba's algorithm and dictionary in Rust) is used where it
is installed: lawgov takes its route through the dictionary (the slow part of jieba, about 20 times faster
there) and runs jieba's own HMM over the runs of single characters, which makes segmentation about 4 times
faster and the dictionary load twice as fast. ``jieba``, the reference, is the fallback. The environment
variable ``LAWGOV_SEGMENTER`` (``auto``, the default, ``rjieba`` or ``jieba``) forces one. rjieba alone
differs from jieba in four ways, all undone by :class:`JiebaCompat`: it keeps ``8-12``, ``2022.6.8``
and ``COVID-19`` whole; it groups CJK characters outside U+4E00–U+9FD5; its HMM's probabilities are
rounded, so near ties can fall the other way; and its dictionary total differs (set to jieba's here).
Every table is the same whichever engine runs (tested).

lawgov builds a tokenizer of its own per vocabulary and engine, on first use: jieba's log is silenced
only while lawgov loads its dictionary (jieba writes it to stderr, which breaks notebook tests), and
neither jieba's nor rjieba's module-level tokenizer is touched, so other users of either library in the
same process see neither our words nor a changed log level. Terms no tokenizer can hold (they contain
、, · or +) and the spans a caller asks to keep (the entities a text names) are cut out first and kept whole.

>>> from lawgov.genre.vocabulary import vocabulary
>>> [w for _, w in tokens("完善“双随机、一公开”监管，推广“渝快办”", vocabulary())]
['完善', '“', '双随机、一公开', '”', '监管', '，', '推广', '“', '渝快办', '”']
"""

from __future__ import annotations

import logging
import os
import re
import warnings
from collections.abc import Iterable
from functools import cache, lru_cache
from typing import TYPE_CHECKING, Protocol

from ..errors import LawgovError

if TYPE_CHECKING:
    from ..genre.vocabulary import Vocabulary

_HAN_WORD = re.compile(r"[\u4e00-\u9fffA-Za-z0-9]+")
PLACE_FREQUENCY = 2000

#: The environment variable that chooses the engine, and the values it takes.
ENGINE_VARIABLE = "LAWGOV_SEGMENTER"
ENGINES = ("auto", "rjieba", "jieba")
RJIEBA_VERSIONS = ((0, 2, 2), (0, 3, 0))  # [first, last): 0.2.2 adds add_word; a new minor may change the rules
#: The machines (platform.machine()) where pyproject.toml requires rjieba: those it has wheels for.
RJIEBA_MACHINES = frozenset({"x86_64", "AMD64", "aarch64", "arm64"})

# The sum of the frequencies in jieba 0.42.1's dict.txt (it lists "B超 3 n" twice, and jieba counts both);
# the test suite recomputes it from the file.
JIEBA_DICTIONARY_TOTAL = 60_101_967
# Private-use characters: no engine ever looks them up (they are not in its Chinese or alphanumeric runs), so
# "words" made of them change nothing but the dictionary total.
_TOTAL_WORD, _PROBE_WORD = "\ue000", "\ue001"


class Tokenizer(Protocol):
    """What :func:`tokens` needs of an engine: jieba's ``tokenize`` (default mode, HMM on)."""

    def tokenize(self, text: str) -> Iterable[tuple[str, int, int]]: ...


def engine() -> str:
    """The engine that segments now: ``"rjieba"`` or ``"jieba"``, as ``LAWGOV_SEGMENTER`` asks.

    ``auto`` (or unset) takes rjieba when a supported version is installed and jieba otherwise; ``rjieba``
    without a usable rjieba, or an unknown value, raises :class:`~lawgov.errors.LawgovError` naming the variable.
    """
    choice = os.environ.get(ENGINE_VARIABLE, "").strip().lower() or "auto"
    if choice not in ENGINES:
        raise LawgovError(f"unknown segmenter {choice!r}: use one of {', '.join(ENGINES)}", ENGINE_VARIABLE)
    if choice == "jieba":
        return "jieba"
    problem = _rjieba_problem()
    if problem is None:
        return "rjieba"
    if choice == "rjieba":
        raise LawgovError(f"rjieba was asked for, but {problem}", ENGINE_VARIABLE)
    return "jieba"


@cache
def _rjieba_problem() -> str | None:
    """Why rjieba cannot be used here (None when it can)."""
    from importlib import metadata

    first, last = RJIEBA_VERSIONS
    wanted = f"rjieba>={'.'.join(map(str, first))},<{'.'.join(map(str, last))}"
    try:
        import rjieba

        installed = metadata.version("rjieba")
    except ImportError:  # also metadata.PackageNotFoundError
        return f"it is not installed (pip install '{wanted}')"
    parts = tuple(int(p) for p in re.findall(r"\d+", installed)[:3])
    if not first <= parts < last or not hasattr(rjieba.Jieba, "add_word"):
        return f"version {installed} is installed and lawgov needs {wanted}"
    return None


def tokenizer(vocab: Vocabulary, name: str | None = None) -> Tokenizer:
    """A tokenizer of lawgov's own with the vocabulary's terms and place names loaded, built once per process.

    ``name`` is ``"rjieba"`` or ``"jieba"``; by default the one :func:`engine` chooses.
    """
    return _tokenizer(vocab, name or engine())


@cache
def _tokenizer(vocab: Vocabulary, name: str) -> Tokenizer:
    if name == "jieba":
        return _jieba(vocab)
    if name == "rjieba":
        return JiebaCompat(_rjieba(vocab))
    raise ValueError(f"unknown segmenter {name!r}")


def _words(vocab: Vocabulary) -> list[tuple[str, int, str]]:
    """(word, frequency, tag) in the order both engines add them: the terms they can hold, then the places."""
    words = [term for term in vocab.terms if _HAN_WORD.fullmatch(term[0])]
    for place in vocab.places:
        words += [(name, PLACE_FREQUENCY, "ns") for name in {place.name: None, place.short: None}]
    return words


def _jieba(vocab: Vocabulary):  # -> jieba.Tokenizer
    with warnings.catch_warnings():  # jieba imports pkg_resources, which newer setuptools warns about
        warnings.simplefilter("ignore")
        import jieba

    logger = logging.getLogger("jieba")
    level = logger.level
    logger.setLevel(logging.WARNING)  # only around our own load: jieba's global setting is left as it was
    try:
        tk = jieba.Tokenizer()
        tk.initialize()
    finally:
        logger.setLevel(level)
    for word, freq, tag in _words(vocab):
        tk.add_word(word, freq, tag)
    return tk


def _rjieba(vocab: Vocabulary):  # -> rjieba.Jieba
    """An rjieba tokenizer with jieba's dictionary, the vocabulary's words and jieba's dictionary total.

    jieba adds an added word's frequency to its total even when it already has the word, while rjieba
    replaces the old frequency (and its copy of dict.txt holds jieba's one duplicated line once); the
    difference goes to a word no text can contain, so every word's probability is the same as in jieba.
    """
    import rjieba

    tk = rjieba.Jieba()  # our own instance: rjieba's module-level one is left alone
    words = _words(vocab)
    for word, freq, tag in words:
        tk.add_word(word, freq, tag)
    jieba_total = JIEBA_DICTIONARY_TOTAL + sum(freq for _, freq, _ in words)
    tk.add_word(_TOTAL_WORD, max(0, jieba_total - _dictionary_total(tk)), "x")
    return tk  # complete before anyone tokenizes with it: add_word during tokenize raises "Already borrowed"


def _dictionary_total(tk) -> int:
    """The dictionary total of an rjieba tokenizer (its words' frequencies summed), which rjieba does not expose.

    It is read back through ``suggest_freq``, jieba's ``int(T * Π f_i / T) + 1`` over a segment's pieces:
    ten copies of a probe word of frequency F give ``F**10 / (T + F)**9``, which pins T to a ninth of a
    unit. The probe word is left in the dictionary at frequency 0. Not while another thread tokenizes.
    """
    probe = 10**12
    tk.add_word(_PROBE_WORD, probe, "x")
    below = tk.suggest_freq(_PROBE_WORD * 10) - 1  # F**10 / (T + F)**9 rounded down
    tk.add_word(_PROBE_WORD, 0, "x")
    return round((probe**10 / (below + 0.5)) ** (1 / 9)) - probe


# jieba 0.42.1's own patterns (jieba/__init__.py): the blocks it segments, and the whitespace between them
_JIEBA_BLOCK = re.compile("([\u4e00-\u9fd5a-zA-Z0-9+#&\\._%\\-]+)")
_JIEBA_SPACE = re.compile("(\r\n|\\s)")
# CJK characters rjieba puts in its blocks and jieba does not (extension A, B …, U+9FD6–U+9FFF, compatibility)
_RARE_HAN = re.compile("[\u3400-\u4dbf\u9fd6-\u9fff\uf900-\ufaff\U00020000-\U0002ebef\U0002f800-\U0002fa1f]")
_ALNUM = re.compile("[A-Za-z0-9]+")
# The characters of _JIEBA_BLOCK outside its Chinese range, to test a one-character step without a regex
_BLOCK_ASCII = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789+#&._%-")


class JiebaCompat:
    """rjieba's route through the dictionary, jieba's own HMM: ``tokenize`` is ``jieba.Tokenizer.tokenize``, exactly.

    jieba segments a block in two steps: the most probable route through the dictionary's words, then its
    HMM (``jieba.finalseg``) over each run of single characters that is not itself a word. rjieba does the
    first step in Rust (``hmm=False``: the same route, tested); the runs are then handed to jieba's own
    ``finalseg.cut``, because rjieba's HMM rounds its emission probabilities to 6 decimals (so near ties can
    fall the other way) and splits letters and digits its own way (it keeps ``8-12`` and ``COVID-19`` whole).
    A text holding CJK characters that jieba does not count as Chinese (``_RARE_HAN``: rjieba does) is first
    cut into jieba's blocks, so that those characters stand alone as in jieba.
    """

    def __init__(self, rj) -> None:
        self.rj = rj
        with warnings.catch_warnings():  # jieba imports pkg_resources, which newer setuptools warns about
            warnings.simplefilter("ignore")
            from jieba import finalseg  # jieba's HMM: no dictionary, no log

        self.hmm = finalseg.cut
        # A run's pieces depend on the run alone, and the same runs come back (一是, 2023年, 等9个): cached,
        # bounded for long batches.
        self._pieces = lru_cache(maxsize=1 << 15)(self._cut_run)

    def tokenize(self, text: str) -> list[tuple[str, int, int]]:
        if not _RARE_HAN.search(text):
            return self._segment(text)
        found: list[tuple[str, int, int]] = []
        pos = 0
        for i, block in enumerate(_JIEBA_BLOCK.split(text)):
            if i % 2:  # a block jieba segments
                found += [(w, pos + s, pos + e) for w, s, e in self._segment(block)]
            else:  # between blocks: each whitespace (\r\n as one) and every other character alone
                at = pos
                for piece in _JIEBA_SPACE.split(block):
                    if _JIEBA_SPACE.fullmatch(piece):
                        found.append((piece, at, at + len(piece)))
                    else:
                        found += [(ch, at + k, at + k + 1) for k, ch in enumerate(piece)]
                    at += len(piece)
            pos += len(block)
        return found

    def _segment(self, text: str) -> list[tuple[str, int, int]]:
        """jieba's ``__cut_DAG`` on rjieba's route: runs of one-character steps go to jieba's HMM."""
        found: list[tuple[str, int, int]] = []
        has_word = self.rj.has_word
        run = -1  # start of the current run of one-character steps
        for token in self.rj.tokenize(text, hmm=False):
            word = token[0]
            # a step of one block character, or steps of letters and digits that the route without HMM joins
            if (
                ("\u4e00" <= word <= "\u9fd5" or word in _BLOCK_ASCII)
                if len(word) == 1
                else word[0] < "\x80" and _ALNUM.fullmatch(word) and not has_word(word)
            ):
                if run < 0:
                    run = token[1]
                continue
            if run >= 0:
                self._run(text, run, token[1], found)
                run = -1
            found.append(token)
        if run >= 0:
            self._run(text, run, len(text), found)
        return found

    def _run(self, text: str, start: int, end: int, found: list[tuple[str, int, int]]) -> None:
        """A run of one-character steps as jieba yields it: alone, through the HMM, or (a word) one by one."""
        run = text[start:end]
        if len(run) == 1:
            found.append((run, start, end))
            return
        for piece in self._pieces(run):
            found.append((piece, start, start + len(piece)))
            start += len(piece)

    def _cut_run(self, run: str) -> tuple[str, ...]:
        return tuple(run if self.rj.has_word(run) else self.hmm(run))


@cache
def _protected_terms(vocab: Vocabulary) -> re.Pattern[str] | None:
    terms = [t for t in vocab.words if not _HAN_WORD.fullmatch(t)]
    return re.compile("|".join(re.escape(t) for t in sorted(terms, key=len, reverse=True))) if terms else None


def _protected_spans(text: str, vocab: Vocabulary, keep: Iterable[tuple[int, int]]) -> list[tuple[int, int]]:
    """Spans to keep whole, non-overlapping (the longest first): terms with punctuation, and ``keep``."""
    pattern = _protected_terms(vocab)
    spans = [m.span() for m in pattern.finditer(text)] if pattern else []
    spans += list(keep)
    kept: list[tuple[int, int]] = []
    for s, e in sorted(spans, key=lambda span: (span[0], -span[1])):
        if not kept or s >= kept[-1][1]:
            kept.append((s, e))
    return kept


def tokens(text: str, vocab: Vocabulary, keep: Iterable[tuple[int, int]] = ()) -> list[tuple[int, str]]:
    """``(offset, word)`` for every word of ``text`` (whitespace dropped), the spans in ``keep`` whole."""
    tk = tokenizer(vocab)
    found: list[tuple[int, str]] = []
    pos = 0
    for start, end in [*_protected_spans(text, vocab, keep), (len(text), len(text))]:
        if start > pos:
            found += [(pos + s, w) for w, s, _ in tk.tokenize(text[pos:start]) if not w.isspace()]
        if end > start:
            found.append((start, text[start:end]))
        pos = end
    return found
