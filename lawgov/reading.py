"""Bytes → str: decide the encoding from the bytes themselves and reject what is not a Chinese text.

Order of evidence: a byte-order mark wins; then strict UTF-8; then GB18030 (a superset of GBK and
GB2312). Anything that is binary, empty or free of Chinese raises :class:`LawgovError`.
"""

from __future__ import annotations

import codecs
import re

from .errors import LawgovError

_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32"),  # checked before UTF-16 LE: its BOM starts with FF FE too
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)

# C0 controls other than tab, newline, form feed and carriage return never occur in a text file.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")
HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")


def decode(data: bytes, name: str | None = None, declared: str | None = None) -> tuple[str, str]:
    """Return ``(text, encoding)`` for the bytes of a report.

    ``declared`` is the charset a page names for itself (``<meta charset>``); it is used when the
    bytes really decode with it, after a byte-order mark and before guessing.

    >>> decode("重庆".encode("gb18030"))
    ('重庆', 'gb18030')
    >>> decode(codecs.BOM_UTF8 + "重庆".encode())
    ('重庆', 'utf-8-sig')
    """
    if not data.strip():
        raise LawgovError("file is empty", name)
    encoding = _bom_encoding(data)
    if encoding is None and declared:
        try:
            data.decode(declared)
            encoding = declared
        except (UnicodeDecodeError, LookupError):
            encoding = None
    if encoding is None:
        if b"\x00" in data:
            raise LawgovError("binary data (NUL bytes), not a text file", name)
        encoding = _guess_encoding(data, name)
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError as exc:
        raise LawgovError(f"cannot decode as {encoding}: {exc.reason} at byte {exc.start}", name) from None
    if len(_CONTROL.findall(text[:100_000])) > 0:
        raise LawgovError("binary data (control characters), not a text file", name)
    if not HAN.search(text):
        raise LawgovError("no Chinese text found", name)
    return text, encoding


def _bom_encoding(data: bytes) -> str | None:
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return encoding
    return None


def _guess_encoding(data: bytes, name: str | None) -> str:
    try:
        data.decode("utf-8")
        return "utf-8"
    except UnicodeDecodeError as exc:
        # UTF-8 that breaks only in its last few bytes is a file cut inside a character,
        # not a GB18030 file: say so rather than decoding it as mojibake.
        if exc.reason == "unexpected end of data" and exc.start >= len(data) - 3 and _has_multibyte(data[: exc.start]):
            raise LawgovError("file ends inside a multi-byte UTF-8 character (truncated?)", name) from None
    try:
        data.decode("gb18030")
        return "gb18030"
    except UnicodeDecodeError as exc:
        if exc.start >= len(data) - 3 and "incomplete" in exc.reason:
            raise LawgovError("file ends inside a multi-byte GB18030 character (truncated?)", name) from None
        raise LawgovError(f"not UTF-8, GB18030 or UTF-16 text ({exc.reason} at byte {exc.start})", name) from None


def _has_multibyte(data: bytes) -> bool:
    return any(b >= 0x80 for b in data[:4096])
