"""Bytes → text: encodings decided from the bytes, and our error for what is not a Chinese text."""

from __future__ import annotations

import codecs

import pytest

from lawgov import LawgovError, load, parse
from lawgov.source.reading import declared_charset, decode

TEXT = "重庆市法治政府建设，取得12项成果。"


@pytest.mark.parametrize(
    "data, encoding",
    [
        (TEXT.encode("utf-8"), "utf-8"),
        (codecs.BOM_UTF8 + TEXT.encode("utf-8"), "utf-8-sig"),
        (TEXT.encode("gb18030"), "gb18030"),
        (TEXT.encode("gbk"), "gb18030"),
        (TEXT.encode("gb2312"), "gb18030"),
        (TEXT.encode("utf-16"), "utf-16"),  # with BOM, platform byte order
        (codecs.BOM_UTF16_BE + TEXT.encode("utf-16-be"), "utf-16"),
        (codecs.BOM_UTF16_LE + TEXT.encode("utf-16-le"), "utf-16"),
    ],
)
def test_decode_finds_the_encoding_from_the_bytes(data: bytes, encoding: str) -> None:
    assert decode(data) == (TEXT, encoding)


@pytest.mark.parametrize(
    "data, problem",
    [
        (b"", "file is empty"),
        (b"  \n\t\n", "file is empty"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary"),
        (b"PK\x03\x04\x14\x00\x06\x00", "binary"),
        ("重庆".encode() + b"\x01\x02\x03", "binary"),
        (b"Just an English page, no Chinese at all.", "no Chinese text"),
        (TEXT.encode("utf-8")[:-1], "ends inside a multi-byte UTF-8 character"),
        (TEXT.encode("gb18030")[:-1], "ends inside a multi-byte GB18030 character"),
    ],
)
def test_bad_bytes_raise_our_error_with_the_problem(data: bytes, problem: str) -> None:
    with pytest.raises(LawgovError, match=problem) as info:
        decode(data, "report.txt")
    assert str(info.value).startswith("report.txt: ")


@pytest.mark.parametrize(
    "content, problem",
    [(b"", "file is empty"), (b"\x00\x01\x02\x03binary", "binary"), (b"plain ascii text", "no Chinese")],
)
def test_load_names_the_file(tmp_path, content: bytes, problem: str) -> None:
    path = tmp_path / "bad.txt"
    path.write_bytes(content)
    with pytest.raises(LawgovError, match=problem) as info:
        load(path)
    assert "bad.txt" in str(info.value)


def test_load_missing_file_and_folder(tmp_path) -> None:
    with pytest.raises(LawgovError, match="no such file"):
        load(tmp_path / "missing.txt")
    with pytest.raises(LawgovError, match="is a folder"):
        load(tmp_path)


def test_parse_accepts_str_and_bytes_alike() -> None:
    assert parse(TEXT).text == parse(TEXT.encode("gb18030")).text == TEXT
    with pytest.raises(LawgovError, match="<memory>: file is empty"):
        parse("")


def test_an_html_page_without_an_article_raises_our_error() -> None:
    with pytest.raises(LawgovError, match="no article text found in the HTML page"):
        parse("<!DOCTYPE html><html><body>重庆</body></html>", name="empty.html")


BIG5_TEXT = "臺北市政府推動法治政府建設，全年辦理訴願案件一千二百件，較上年增加百分之五。"


def test_big5_is_detected_not_read_as_gb18030_mojibake() -> None:
    data = BIG5_TEXT.encode("big5")
    data.decode("gb18030")  # it would decode, as nonsense
    assert decode(data) == (BIG5_TEXT, "big5hkscs")
    assert decode(TEXT.encode("gbk"))[1] == "gb18030"  # simplified text stays GB


def test_a_wrong_latin1_label_does_not_hide_utf8_chinese() -> None:
    page = f'<html><head><meta charset="iso-8859-1"></head><body><p>{TEXT * 3}</p></body></html>'
    data = page.encode("utf-8")
    assert decode(data, "p.html", declared_charset(data)) == (page, "utf-8")
    assert TEXT in parse(data, "p.html").text


def test_chinese_written_as_character_references_is_read() -> None:
    escaped = "".join(f"&#{ord(c)};" if ord(c) > 127 else c for c in TEXT * 3)
    page = f'<html><head><meta charset="iso-8859-1"></head><body><p>{escaped}</p></body></html>'
    assert TEXT in parse(page.encode("ascii"), "entities.html").text


@pytest.mark.parametrize("label", ["punycode", "no-such-charset", "utf-7", "x-user-defined"])
def test_unknown_or_odd_charset_labels_fall_back_to_the_bytes(label: str) -> None:
    data = f"<html><head><meta charset={label}></head><body><p>{TEXT * 3}</p></body></html>".encode()
    assert declared_charset(data) is None
    assert TEXT in parse(data, "odd.html").text


def test_a_declared_codec_that_raises_unicode_error_is_our_error() -> None:
    with pytest.raises(LawgovError, match="no Chinese"):
        decode(b"xn--abc", "p.html", declared="punycode")


def test_reading_is_capped_before_and_while_reading(tmp_path) -> None:
    from lawgov.source.reading import read_file

    big = tmp_path / "big.txt"
    with open(big, "wb") as f:
        f.truncate(3 * 2**20)  # sparse: refused by its size, not read
    with pytest.raises(LawgovError, match="over the limit of 2 MB"):
        read_file(big, max_size=2 * 2**20)
    with pytest.raises(LawgovError, match=r"more than 1000 bytes \(a stream that does not end\?\)"):
        read_file("/dev/zero", max_size=1000)
    assert len(read_file(big, max_size=4 * 2**20)) == 3 * 2**20
