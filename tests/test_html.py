"""HTML pages: the article's text and metadata come out exactly as from the seed saved as text.

The pages under ``tests/pages/`` wrap the seed's article in site furniture: ``portal.html`` (navigation,
a sidebar of other headlines, a byline block, a footer), ``portal_gbk.html`` (an older table layout in
GBK bytes with ``<h3>`` section headings) and ``gov_meta.html`` (a bare government page whose date
and source are only in ``<meta>`` tags, with ``<br>`` inside the two-line headings).
"""

from __future__ import annotations

import datetime as dt
import re
import subprocess
import sys
from pathlib import Path

import pytest

import lawgov
from lawgov.errors import LawgovError
from lawgov.report import Report
from lawgov.source.html import read_html_page
from lawgov.source.loading import read_page, to_report
from lawgov.source.reading import declared_charset, decode, looks_like_html

from .conftest import ROOT, SEED

PAGES = Path(__file__).resolve().parent / "pages"
TITLE = "深化“放管服”改革、聚焦重点难点……落实市人大常委会审议意见，重庆进一步推进法治政府建设"
SIDEBAR = [
    "某区市场监管局今年查处案件120件",
    "全市新增人民调解组织36个",
    "法律援助中心受理案件8900余件",
    "某县开展安全检查450次",
    "全市培训基层干部7300人次",
    "63名新任干部宪法宣誓",
    "今年查处案件120件",
    "新建社区警务室48个",
    "化解矛盾纠纷2600余件",
]
SIDEBAR_NUMBERS = ["120件", "36个", "8900", "450次", "7300", "63名", "48个", "2600"]

FULL_BYLINE = {
    "title": TITLE,
    "date": dt.date(2021, 11, 26),
    "source": "重庆法治报",
    "site": "重庆长安网",
    "editor": "万先觉",
    "author": None,
    "reporter": "唐孝忠",
    "views": 15215,
}
# Each page → the metadata it gives; a field the page does not give must come out as None.
EXPECTED = {
    "portal.html": FULL_BYLINE,
    "portal_gbk.html": FULL_BYLINE,
    "gov_meta.html": FULL_BYLINE | {"editor": None, "views": None},
}
FIELDS = tuple(FULL_BYLINE)


@pytest.fixture(scope="module")
def seed() -> Report:
    return lawgov.load(SEED)


def page_html(name: str) -> str:
    data = (PAGES / name).read_bytes()
    return data.decode(declared_charset(data) or "utf-8")


def report_of(html: str, name: str = "page.html") -> Report:
    """What ``lawgov.parse`` does with an HTML page: read its Page, then build the Report."""
    return to_report(read_html_page(html, name))


def fields(report: Report) -> dict[str, object]:
    return {f: getattr(report, f) for f in FIELDS}


def swap(html: str, old: str, new: str) -> str:
    assert old in html, old
    return html.replace(old, new)


@pytest.mark.parametrize("page", sorted(EXPECTED))
def test_page_gives_the_seed_text(seed: Report, page: str) -> None:
    report = report_of(page_html(page), page)
    assert report.text == seed.text


@pytest.mark.parametrize("page", sorted(EXPECTED))
def test_page_gives_the_metadata_it_shows(seed: Report, page: str) -> None:
    report = report_of(page_html(page), page)
    assert fields(report) == EXPECTED[page]
    shown = {f: v for f, v in EXPECTED[page].items() if v is not None}
    assert shown == {f: getattr(seed, f) for f in shown}


@pytest.mark.parametrize("page", sorted(EXPECTED))
def test_sidebar_headlines_stay_out(seed: Report, page: str) -> None:
    html = page_html(page)
    assert any(h in html for h in SIDEBAR) or page == "gov_meta.html"
    page_record = read_html_page(html, page)
    report = to_report(page_record)
    for headline in SIDEBAR:
        assert not any(headline in p for p in page_record.paragraphs)
    for number in SIDEBAR_NUMBERS:
        assert number not in seed.text  # so its absence below means something
        assert number not in report.text


def test_the_page_record_holds_the_byline_as_written() -> None:
    page = read_html_page(page_html("portal.html"), "portal.html")
    assert page.title == TITLE  # punctuation normalised like the body
    assert dict(page.byline) == {
        "date": "2021-11-26", "source": "重庆法治报", "editor": "万 先觉", "views": "15215", "reporter": "唐孝忠"
    }  # fmt: skip
    assert page.site == "重庆长安网"
    assert page.paragraphs[0].startswith("本网讯（记者 唐孝忠）")
    assert page.paragraphs[1:3] == ("深化“放管服”改革", "职能履行更加精准有效")
    assert all(p and "\n" not in p for p in page.paragraphs)
    assert "Copyright 2020 © 重庆长安网 中共重庆市委政法委员会 主办 重庆法治报社 承办" in page.furniture
    assert "渝公网安备50011202500163号 渝ICP备15010797号 电话 023-88196826" in page.furniture


def test_gbk_page_is_gbk_bytes_and_decodes_either_way() -> None:
    data = (PAGES / "portal_gbk.html").read_bytes()
    with pytest.raises(UnicodeDecodeError):
        data.decode("utf-8")
    assert declared_charset(data) == "gb18030"
    text, encoding = decode(data, "portal_gbk.html")
    assert encoding == "gb18030"
    assert looks_like_html(text)
    assert text == page_html("portal_gbk.html")


@pytest.mark.parametrize("page", sorted(EXPECTED))
def test_the_way_parse_runs_it(seed: Report, page: str) -> None:
    # lawgov.parse: bytes → decode → looks_like_html → read_html_page → to_report
    report = lawgov.parse((PAGES / page).read_bytes(), page)
    assert report.text == seed.text
    assert fields(report) == EXPECTED[page]
    data = (PAGES / page).read_bytes()
    assert report.encoding == read_page(data, page).encoding == decode(data, page, declared_charset(data))[1]


@pytest.mark.parametrize("page", sorted(EXPECTED))
def test_fixtures_are_small_pages(page: str) -> None:
    data = (PAGES / page).read_bytes()
    assert len(data) < 60_000
    assert looks_like_html(decode(data, page)[0])


def test_the_seed_text_is_not_html() -> None:
    assert not looks_like_html(SEED.read_text(encoding="utf-8"))


# Variants of the portal page, built from it, for layouts trafilatura handles differently.
BYLINE = (
    '<div class="article-info"><span>时间: 2021-11-26</span> <span>来源: 重庆法治报</span> '
    '<span>编辑: 万 先觉</span> <span>阅读量:<em id="hits">15215</em></span></div>'
)
CONTENT_OPEN = '<div class="article-content" id="zoom">\n'


def headline_inside_content(html: str) -> str:
    # trafilatura then returns the headline as the first line of the text
    html = swap(html, CONTENT_OPEN, "")
    return swap(html, '<h1 class="article-title">', CONTENT_OPEN + '<h1 class="article-title">')


def paragraphs_as_line_breaks(html: str) -> str:
    # one block of <br><br>-separated paragraphs: trafilatura appends the headline after the article
    body = re.search(rf"{CONTENT_OPEN}(.*?)\n</div>", html, re.DOTALL)
    assert body
    paragraphs = re.findall(r"<p[^>]*>(.*?)</p>", body.group(1))
    return swap(html, body.group(1), "<br><br>\n".join(paragraphs))


def wrapped_source_lines(html: str) -> str:
    # the page source wraps Chinese lines; a browser shows no space there, nor must the text
    html = swap(html, "形成了审议意见。", "形成了审议意见。\n      ")
    return swap(html, "市五届人大常委会第二十九次", "市五届\n人大常委会第二十九次")


def minified(html: str) -> str:
    return re.sub(r">\s+<", "><", html)


def byline_in_content(html: str) -> str:
    return swap(html, BYLINE + "\n" + CONTENT_OPEN, CONTENT_OPEN + BYLINE + "\n")


def editor_at_the_end(html: str) -> str:
    html = swap(html, "<span>编辑: 万 先觉</span>", "")
    return swap(
        html,
        '\n</div>\n<div class="article-share">',
        '\n<p>（责任编辑：万 先觉）</p>\n</div>\n<div class="article-share">',
    )


def site_only_in_meta(html: str) -> str:
    html = swap(html, "Copyright 2020 © 重庆长安网", "")
    html = swap(html, "版权归重庆长安网所有", "")
    return swap(
        html, '<meta charset="utf-8">', '<meta charset="utf-8"><meta property="og:site_name" content="重庆长安网">'
    )


def byline_on_two_lines(html: str) -> str:
    return swap(html, BYLINE, '<div class="info"><p>来源：重庆法治报</p><p>发布时间：2021年11月26日 09:30</p></div>')


def date_only(html: str) -> str:
    return swap(html, BYLINE, '<div class="info">发布时间：2021-11-26 09:30</div>')


def xml_declaration(html: str) -> str:
    return '<?xml version="1.0" encoding="gb2312"?>\n' + swap(html, "<!DOCTYPE html>\n", "")


def headline_only_in_title_tag(html: str) -> str:
    # trafilatura then takes "标题-重庆长安网" from <title>; the site's name is cut off again
    return re.sub(r'<h1 class="article-title">.*?</h1>', "", html)


def undated(html: str) -> str:
    # htmldate's extensive search would read the copyright year as 2020-01-01: no date is better
    return swap(html, "<span>时间: 2021-11-26</span>", "")


def site_name_as_author_meta(html: str) -> str:
    return swap(html, '<meta charset="utf-8">', '<meta charset="utf-8"><meta name="author" content="重庆长安网">')


def author_meta(html: str) -> str:
    return swap(html, '<meta charset="utf-8">', '<meta charset="utf-8"><meta name="author" content="王小明">')


def reporters_as_author_meta(html: str) -> str:
    # people.cn writes its reporters into <meta name="author">: they are the reporters, not an author
    return swap(html, '<meta charset="utf-8">', '<meta charset="utf-8"><meta name="author" content="唐孝忠">')


VARIANTS = {
    headline_only_in_title_tag: FULL_BYLINE,
    undated: FULL_BYLINE | {"date": None},
    site_name_as_author_meta: FULL_BYLINE,
    author_meta: FULL_BYLINE | {"author": "王小明"},
    reporters_as_author_meta: FULL_BYLINE,
    headline_inside_content: FULL_BYLINE,
    paragraphs_as_line_breaks: FULL_BYLINE,
    wrapped_source_lines: FULL_BYLINE,
    minified: FULL_BYLINE,
    byline_in_content: FULL_BYLINE,
    editor_at_the_end: FULL_BYLINE,
    site_only_in_meta: FULL_BYLINE,
    byline_on_two_lines: FULL_BYLINE | {"editor": None, "views": None},
    date_only: FULL_BYLINE | {"source": None, "editor": None, "views": None},
    xml_declaration: FULL_BYLINE,
}


@pytest.mark.parametrize("variant", list(VARIANTS), ids=lambda v: v.__name__)
def test_layout_variants_give_the_seed_text(seed: Report, variant) -> None:
    report = report_of(variant(page_html("portal.html")))
    assert report.text == seed.text
    assert fields(report) == VARIANTS[variant]


GOV_META_DATE = '<meta name="publishdate" content="2021-11-26">'
GOV_VARIANTS = {
    "no date anywhere": ([(GOV_META_DATE, "")], {"date": None}),
    "PubDate and ContentSource": (
        [
            (GOV_META_DATE, '<meta name="PubDate" content="2021-11-26 10:05">'),
            ('name="source"', 'name="ContentSource"'),
        ],
        {},
    ),
    "article:published_time": (
        [(GOV_META_DATE, '<meta property="article:published_time" content="2021-11-26T10:05:00+08:00">')],
        {},
    ),
}


@pytest.mark.parametrize("name", list(GOV_VARIANTS))
def test_gov_page_meta_variants(seed: Report, name: str) -> None:
    html = page_html("gov_meta.html")
    swaps, changed = GOV_VARIANTS[name]
    for old, new in swaps:
        html = swap(html, old, new)
    report = report_of(html)
    assert report.text == seed.text
    assert fields(report) == EXPECTED["gov_meta.html"] | changed


def seed_body_lines() -> list[str]:
    """The first copy's body lines as the seed writes them."""
    lines = [line.strip() for line in SEED.read_text(encoding="utf-8").splitlines() if line.strip()]
    start = next(i for i, line in enumerate(lines) if line.startswith("本网讯"))
    end = next(i for i, line in enumerate(lines) if line.startswith("Copyright"))
    return lines[start:end]


def test_a_bare_fragment_still_gives_the_text(seed: Report) -> None:
    fragment = "\n".join(f"<p>{line}</p>" for line in seed_body_lines())
    assert looks_like_html(fragment)
    report = report_of(fragment)
    assert report.text == seed.text
    assert report.title is None


NO_ARTICLE = {
    "empty body": "<!DOCTYPE html><html><head><title>标题</title></head><body></body></html>",
    "one word": "<html><head><title>重庆长安网</title></head><body><p>短</p></body></html>",
    "doctype only": "<!DOCTYPE html>",
    "menus only": "<html><body><ul><li>首页</li><li>政法要闻</li><li>法治建设</li></ul><p>Copyright © 某网</p></body></html>",
}


@pytest.mark.parametrize("html", list(NO_ARTICLE.values()), ids=list(NO_ARTICLE))
def test_page_without_article_is_an_error_naming_the_file(html: str) -> None:
    with pytest.raises(LawgovError, match="no article text found in the HTML page") as info:
        read_html_page(html, "empty.html")
    assert info.value.name == "empty.html"
    assert str(info.value).startswith("empty.html: ")


def test_portal_without_its_article_is_an_error() -> None:
    # trafilatura falls back to the whole page (menus, sidebar headlines): that is not an article
    html = re.sub(
        r'<div class="article">.*?<div class="right-box', '<div class="right-box', page_html("portal.html"), flags=re.S
    )
    assert "本网讯" not in html and "今年查处案件120件" in html
    with pytest.raises(LawgovError, match="no article text found"):
        read_html_page(html, "portal-stub.html")


LOOKS_LIKE_HTML = [
    ("<!DOCTYPE html>\n<html><body>正文</body></html>", True),
    ('\ufeff  <!doctype HTML PUBLIC "-//W3C//DTD HTML 4.01//EN">', True),
    ('<?xml version="1.0" encoding="utf-8"?>\n<html xmlns="http://www.w3.org/1999/xhtml">', True),
    ("<!-- saved from url=(0042)http://example.org/ -->\n<html>", True),
    ("<HTML><HEAD><TITLE>标题</TITLE></HEAD>", True),
    ("<head><meta charset=utf-8></head>", True),
    ("<body>\n正文", True),
    ('<div class="content"><p>第一段。</p><p>第二段。</p></div>', True),
    ("<p>第一段。<br>第二段。<br>第三段。</p>", True),
    ("标题\n\n时间: 2021-11-26 来源: 某报\n\n正文。", False),
    ("正文提到<p>标签一次。", False),
    ("<br><br><br>", False),  # three tags, but all of one kind
    ("市场主体<100户的区县有3个，>500户的有2个。", False),
    ("", False),
    ("《重庆市物业管理条例》〈配套规定〉", False),
]


@pytest.mark.parametrize(("text", "expected"), LOOKS_LIKE_HTML)
def test_looks_like_html(text: str, expected: bool) -> None:
    assert looks_like_html(text) is expected


def test_looks_like_html_only_looks_near_the_start() -> None:
    assert not looks_like_html("正文。" * 3000 + "<div><p>late</p></div>")


DECLARED_CHARSET = [
    (b'<meta charset="gbk">', "gb18030"),
    (b"<meta charset=GB2312>", "gb18030"),
    (b"<META CHARSET='gb18030' />", "gb18030"),
    (b'<meta http-equiv="Content-Type" content="text/html; charset=gb2312" />', "gb18030"),
    (b'<meta content="text/html;charset=x-gbk" http-equiv="content-type">', "gb18030"),
    (b'<meta http-equiv="Content-Type" content="text/html; charset=cp936">', "gb18030"),
    (b'<meta charset="utf-8">', "utf-8"),
    (b'<meta charset="UTF8">', "utf-8"),
    (b'<meta charset="utf-16">', "utf-8"),  # an ASCII-readable tag cannot be UTF-16: browsers read UTF-8
    (b'<meta charset="big5">', "big5hkscs"),
    (b'<meta charset="iso-8859-1">', "cp1252"),  # browsers read Latin-1 labels as windows-1252
    (b'<meta charset="Shift_JIS">', "cp932"),
    (b"<meta charset=punycode>", None),  # a codec Python has, but no browser label: found from the bytes
    (b'<meta charset="no-such-charset">', None),
    (b"<html><head><title>t</title></head></html>", None),
    (b"", None),
    (b"<p>charset=gbk in prose</p>", None),
    (b"<html><head>" + b" " * 5000 + b'<meta charset="gbk"></head>', None),  # beyond the first 4 KB
    ("<title>重庆</title><meta charset='gbk'>".encode("gbk"), "gb18030"),
]


@pytest.mark.parametrize(("data", "expected"), DECLARED_CHARSET)
def test_declared_charset(data: bytes, expected: str | None) -> None:
    assert declared_charset(data) == expected


def test_declared_charset_decodes_the_gbk_page() -> None:
    data = (PAGES / "portal_gbk.html").read_bytes()
    assert TITLE.replace("，", ",") in data.decode(declared_charset(data) or "ascii")


@pytest.mark.parametrize("page", sorted(EXPECTED))
def test_nothing_printed(capfd, page: str) -> None:
    read_html_page(page_html(page), page)
    for html in NO_ARTICLE.values():
        with pytest.raises(LawgovError):
            read_html_page(html, "empty.html")
    out, err = capfd.readouterr()
    assert (out, err) == ("", "")


def test_nothing_printed_without_pytest_logging() -> None:
    # pytest installs its own log handler; a plain interpreter shows what a user of lawgov would see.
    # The empty page makes trafilatura log "discarding data" at WARNING; unconfigured, that goes nowhere.
    page = str(PAGES / "portal.html")
    code = (
        "import pathlib, lawgov, lawgov.source.html as h\n"
        f"h.read_html_page(pathlib.Path({page!r}).read_text(encoding='utf-8'), 'p.html')\n"
        "try:\n"
        f"    h.read_html_page({NO_ARTICLE['empty body']!r}, 'e.html')\n"
        "    raise SystemExit('no error')\n"
        "except lawgov.LawgovError:\n"
        "    pass\n"
    )
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT)
    assert (run.stdout, run.stderr) == ("", "")


def test_import_does_not_load_trafilatura() -> None:
    code = "import sys, lawgov.source.html; print(sorted(m for m in ('trafilatura', 'lxml', 'htmldate') if m in sys.modules))"
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT)
    assert run.stdout.strip() == "[]"
