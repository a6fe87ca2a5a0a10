"""Bytes → str: decide the encoding from the bytes themselves, reject what is not a Chinese text,
and tell an HTML page from a text file.

Order of evidence: a byte-order mark wins; then the charset a page declares, when its bytes decode
with it; then strict UTF-8; then GB18030 (a superset of GBK and GB2312). Anything that is binary,
empty or free of Chinese raises :class:`LawgovError`.
"""

from __future__ import annotations

import codecs
import os
import re
import stat

from ..errors import LawgovError

#: The largest input read by default (bytes); a government report is rarely over 1 MB.
MAX_SIZE = 50 * 2**20

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


def read_file(path: str | os.PathLike[str], max_size: int = MAX_SIZE) -> bytes:
    """The bytes of the file at ``path``, at most ``max_size`` of them.

    A regular file is refused by its size before anything is read; a stream (a pipe, a device) is
    read up to the limit and refused as soon as it passes it. Every failure is a :class:`LawgovError`
    naming the file.
    """
    name = str(path)
    try:
        with open(path, "rb") as f:
            mode = os.fstat(f.fileno())
            if stat.S_ISREG(mode.st_mode) and mode.st_size > max_size:
                raise LawgovError(f"file is {_size(mode.st_size)}, over the limit of {_size(max_size)}", name)
            data = f.read(max_size + 1)
    except FileNotFoundError:
        raise LawgovError("no such file", name) from None
    except IsADirectoryError:
        raise LawgovError("is a folder, not a file", name) from None
    except OSError as exc:
        raise LawgovError(f"cannot read: {exc.strerror or exc}", name) from None
    if len(data) > max_size:
        raise LawgovError(f"more than {_size(max_size)} (a stream that does not end?)", name)
    return data


def _size(n: int) -> str:
    """A byte count for people: 52428800 → '50 MB'.

    >>> _size(52428800), _size(1500)
    ('50 MB', '1500 bytes')
    """
    return f"{n / 2**20:.3g} MB" if n >= 2**20 else f"{n} bytes"


def decode(data: bytes, name: str | None = None, declared: str | None = None) -> tuple[str, str]:
    """Return ``(text, encoding)`` for the bytes of a report.

    ``declared`` is the charset a page names for itself (:func:`declared_charset`); it is used when the
    bytes really decode with it into Chinese, after a byte-order mark and before guessing. A page whose
    label is wrong (UTF-8 bytes labelled ``iso-8859-1``) is read by what its bytes are.

    >>> decode("重庆".encode("gb18030"))
    ('重庆', 'gb18030')
    >>> decode(codecs.BOM_UTF8 + "重庆".encode())
    ('重庆', 'utf-8-sig')
    >>> decode("重慶市政府".encode("big5"))
    ('重慶市政府', 'big5hkscs')
    """
    if not data.strip():
        raise LawgovError("file is empty", name)
    encoding = _bom_encoding(data)
    if encoding is None and declared:
        text = _try_decode(data, declared)
        encoding = declared if text is not None and has_chinese(text) else None
    if encoding is None:
        if b"\x00" in data:
            raise LawgovError("binary data (NUL bytes), not a text file", name)
        encoding = _guess_encoding(data, name)
    try:
        text = data.decode(encoding)
    except (UnicodeError, LookupError) as exc:
        raise LawgovError(f"cannot decode as {encoding}: {getattr(exc, 'reason', exc)}", name) from None
    return check_text(text, name), encoding


def _try_decode(data: bytes, encoding: str) -> str | None:
    try:
        return data.decode(encoding)
    except (UnicodeError, LookupError):  # UnicodeError: codecs such as punycode raise it, not a subclass
        return None


# A character reference to a CJK character, as pages that escape all non-ASCII text write them.
_HAN_REFERENCE = re.compile(r"&#(?:(\d{5})|[xX](\w{4,5}));")


def has_chinese(text: str) -> bool:
    """True when ``text`` holds a Chinese character, written out or as an HTML character reference (&#28145;).

    >>> has_chinese("abc"), has_chinese("&#28145;&#x5733;")
    (False, True)
    """
    if HAN.search(text):
        return True
    for m in _HAN_REFERENCE.finditer(text, 0, 100_000):
        try:
            if HAN.match(chr(int(m.group(1)) if m.group(1) else int(m.group(2), 16))):
                return True
        except (ValueError, OverflowError):
            continue
    return False


def check_text(text: str, name: str | None = None) -> str:
    """``text`` itself when it can be a report: not empty, no binary control characters, some Chinese.

    >>> check_text("no Chinese")
    Traceback (most recent call last):
    lawgov.errors.LawgovError: <memory>: no Chinese text found
    """
    if not text.strip():
        raise LawgovError("file is empty", name)
    if _CONTROL.search(text, 0, 100_000):
        raise LawgovError("binary data (control characters), not a text file", name)
    if not has_chinese(text):
        raise LawgovError("no Chinese text found", name)
    return text


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
    if _looks_like_big5(data):
        return "big5hkscs"
    try:
        data.decode("gb18030")
        return "gb18030"
    except UnicodeDecodeError as exc:
        if exc.start >= len(data) - 3 and "incomplete" in exc.reason:
            raise LawgovError("file ends inside a multi-byte GB18030 character (truncated?)", name) from None
        raise LawgovError(f"not UTF-8, GB18030 or UTF-16 text ({exc.reason} at byte {exc.start})", name) from None


# A double-byte character: a lead byte and its trail byte.
_DOUBLE_BYTE = re.compile(rb"[\x81-\xfe][\x40-\x7e\x80-\xfe]")
# Share of double-byte characters whose trail byte is ASCII-range (0x40-0x7E) above which the text is Big5:
# GB2312 characters, which simplified Chinese text is made of, never have one; about 40% of Big5's do.
_BIG5_LOW_TRAILS = 0.2


def _looks_like_big5(data: bytes) -> bool:
    """Big5 bytes (traditional Chinese, Taiwan and Hong Kong) that would also decode, as mojibake, as GB18030."""
    pairs = [m.group(0)[1] for m in _DOUBLE_BYTE.finditer(data, 0, 200_000)]
    if len(pairs) < 4 or sum(t < 0x80 for t in pairs) < _BIG5_LOW_TRAILS * len(pairs):
        return False
    return _try_decode(data, "big5hkscs") is not None


def _has_multibyte(data: bytes) -> bool:
    return any(b >= 0x80 for b in data[:4096])


# ---------------------------------------------------------------------------------------------------
# Is it HTML, and which charset does it declare?

_HTML_START = re.compile(
    r"^\ufeff?\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*(?:<!doctype\s+html|<html[\s>]|<head[\s>]|<body[\s>])",
    re.IGNORECASE | re.DOTALL,
)
_COMMON_TAG = re.compile(
    r"</?(html|head|body|title|meta|link|script|style|div|span|p|br|hr|a|img|table|tbody|tr|td|th|ul|ol|li"
    r"|h[1-6]|font|strong|b|em|center|form|input|iframe|section|article|header|footer|nav)(?=[\s/>])[^<>]*>",
    re.IGNORECASE,
)
_SNIFF_CHARS = 4096


def looks_like_html(text: str) -> bool:
    """True when ``text`` is an HTML page rather than a text file.

    A doctype, ``<html>``, ``<head>`` or ``<body>`` at the start (after an XML declaration or comments)
    decides it; otherwise at least three common tags in the first 4096 characters, not all the same
    (an opening and a closing tag differ).

    >>> looks_like_html("<!DOCTYPE html><html><body><p>正文</p></body></html>")
    True
    >>> looks_like_html("标题\\n\\n正文提到<p>标签一次。")
    False
    """
    head = text[:_SNIFF_CHARS]
    if _HTML_START.match(head):
        return True
    tags = [m.group(1).lower() + ("/" if m.group(0).startswith("</") else "") for m in _COMMON_TAG.finditer(head)]
    return len(tags) >= 3 and len(set(tags)) >= 2  # "<p>…</p>" counts as two kinds, "<br><br><br>" as one


_META_CHARSET = re.compile(rb"<meta\b[^>]*?charset\s*=\s*[\"']?\s*([A-Za-z0-9._:\-]+)", re.IGNORECASE)

# Charset labels → the Python codec that decodes what a browser would, after the WHATWG Encoding
# standard's label table (https://encoding.spec.whatwg.org/#names-and-labels), for the encodings a
# Chinese page may carry. GB2312 and GBK labels decode as GB18030, their superset (as browsers do); a
# UTF-16 label in an ASCII-readable tag cannot be true, so it means UTF-8; Latin-1 labels mean windows-1252.
_WHATWG = {
    **dict.fromkeys(["unicode-1-1-utf-8", "unicode11utf8", "unicode20utf8", "utf-8", "utf8", "x-unicode20utf8"],
                    "utf-8"),
    **dict.fromkeys(["chinese", "csgb2312", "csiso58gb231280", "gb2312", "gb_2312", "gb_2312-80", "gbk", "iso-ir-58",
                     "x-gbk", "gb18030", "cp936", "windows-936", "x-euc-cn", "euc-cn"], "gb18030"),
    **dict.fromkeys(["big5", "big5-hkscs", "cn-big5", "csbig5", "x-x-big5"], "big5hkscs"),
    **dict.fromkeys(["csunicode", "iso-10646-ucs-2", "ucs-2", "unicode", "unicodefeff", "utf-16", "utf-16le",
                     "unicodefffe", "utf-16be"], "utf-8"),
    **dict.fromkeys(["ansi_x3.4-1968", "ascii", "cp1252", "cp819", "csisolatin1", "ibm819", "iso-8859-1",
                     "iso-ir-100", "iso8859-1", "iso88591", "iso_8859-1", "iso_8859-1:1987", "l1", "latin1",
                     "us-ascii", "windows-1252", "x-cp1252"], "cp1252"),
    **dict.fromkeys(["csshiftjis", "ms932", "ms_kanji", "shift-jis", "shift_jis", "sjis", "windows-31j", "x-sjis"],
                    "cp932"),
    **dict.fromkeys(["cseucpkdfmtjapanese", "euc-jp", "x-euc-jp"], "euc_jp"),
    **dict.fromkeys(["cseuckr", "csksc56011987", "euc-kr", "iso-ir-149", "korean", "ks_c_5601-1987",
                     "ks_c_5601-1989", "ksc5601", "ksc_5601", "windows-949"], "cp949"),
    **dict.fromkeys(["csiso2022jp", "iso-2022-jp"], "iso2022_jp"),
}  # fmt: skip


def declared_charset(data: bytes) -> str | None:
    """The charset a page declares in a ``<meta>`` tag within its first 4 KB, as a Python codec name.

    Reads ``<meta charset="…">`` and ``<meta http-equiv="Content-Type" content="…; charset=…">`` and
    maps the label as a browser does (see ``_WHATWG``). An unknown label gives ``None``: the encoding
    is then found from the bytes.

    >>> declared_charset(b'<meta http-equiv="Content-Type" content="text/html; charset=GB2312">')
    'gb18030'
    >>> declared_charset(b"<meta charset=utf8>"), declared_charset(b"<meta charset=punycode>")
    ('utf-8', None)
    """
    m = _META_CHARSET.search(data[:_SNIFF_CHARS])
    if not m:
        return None
    return _WHATWG.get(m.group(1).decode("ascii").strip().lower())
