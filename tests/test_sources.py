"""Tests for parsing.sources: every format read_source accepts, and every way it refuses a file."""

import io
import random
import shutil
import sys
import zipfile
from pathlib import Path

import docx
import pytest

from parsing.errors import FileTooLarge, NotAReport, UnreadableFile, UnsupportedFormat
from parsing.sources import grid_to_lines, read_source

FIXTURES = Path(__file__).parent / "fixtures"
SAMPLE = "政府信息公开工作年度报告\n一、总体情况\n2023年，本机关主动公开政府信息 1136 条，行政许可 550 件。\n"


def write(tmp_path: Path, name: str, data: bytes) -> Path:
    """Given a directory, a file name and bytes, return the path of the file written with them."""
    path = tmp_path / name
    path.write_bytes(data)
    return path


def make_pdf(pages: list[list[tuple[int, str]]]) -> bytes:
    """Given pages of (height, ASCII text) lines, return a minimal PDF that draws them in Helvetica."""
    objects = ["<< /Type /Catalog /Pages 2 0 R >>", "", "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"]
    kids = []
    for lines in pages:
        stream = "".join(f"BT /F1 12 Tf 72 {y} Td ({text}) Tj ET\n" for y, text in lines)
        objects.append(f"<< /Length {len(stream)} >>\nstream\n{stream}endstream")
        objects.append(
            "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
            f"/Resources << /Font << /F1 3 0 R >> >> /Contents {len(objects)} 0 R >>"
        )
        kids.append(f"{len(objects)} 0 R")
    objects[1] = f"<< /Type /Pages /Kids [{' '.join(kids)}] /Count {len(kids)} >>"
    body = "".join(f"{number} 0 obj\n{obj}\nendobj\n" for number, obj in enumerate(objects, 1))
    return f"%PDF-1.4\n{body}trailer\n<< /Root 1 0 R >>\n%%EOF\n".encode("latin-1")


@pytest.mark.parametrize(
    "data",
    [
        pytest.param(SAMPLE.encode("utf-8"), id="utf-8"),
        pytest.param(SAMPLE.encode("utf-8-sig"), id="utf-8-bom"),
        pytest.param(SAMPLE.encode("gb18030"), id="gb18030"),
        pytest.param(SAMPLE.encode("gbk"), id="gbk"),
        pytest.param(SAMPLE.encode("utf-16"), id="utf-16-bom"),
        pytest.param(b"\xfe\xff" + SAMPLE.encode("utf-16-be"), id="utf-16-be-bom"),
        pytest.param(SAMPLE.encode("utf-16-le"), id="utf-16-le-no-bom"),
        pytest.param(SAMPLE.replace("\n", "\r\n").encode("gbk"), id="gbk-crlf"),
    ],
)
def test_every_text_encoding_gives_the_same_text(tmp_path, data):
    assert read_source(write(tmp_path, "report.txt", data)) == (SAMPLE, "text")


def test_big5_is_not_silently_misread_as_gbk(tmp_path):
    # Big5 bytes also decode as GB18030, but into private-use junk; the next detector must get them right.
    traditional = "政府資訊公開工作年度報告\n一、總體情況\n本年度主動公開政府資訊1136條。\n"
    assert read_source(write(tmp_path, "report.txt", traditional.encode("big5"))) == (traditional, "text")


@pytest.mark.parametrize(
    "name, fmt",
    [
        pytest.param("report.md", "markdown", id="md"),
        pytest.param("report.txt", "text", id="txt"),
        pytest.param("report", "text", id="no-extension"),
    ],
)
def test_format_of_plain_text_follows_the_extension(tmp_path, name, fmt):
    assert read_source(write(tmp_path, name, SAMPLE.encode())) == (SAMPLE, fmt)


@pytest.mark.parametrize(
    "data, expected",
    [
        pytest.param(b"", "empty file", id="zero-bytes"),
        pytest.param(b" \n\t\r\n ", "empty file", id="whitespace"),
        pytest.param("\ufeff \n\u3000\n".encode("utf-8"), "empty file", id="bom-and-spaces"),
        pytest.param(random.Random(7).randbytes(4096), "not text in a known encoding", id="random-binary"),
    ],
)
def test_unreadable_bytes_are_refused(tmp_path, data, expected):
    with pytest.raises(UnreadableFile) as error:
        read_source(write(tmp_path, "report.txt", data))
    assert str(error.value).startswith("report.txt: ")
    assert expected in str(error.value)


def test_missing_file_is_unreadable(tmp_path):
    with pytest.raises(UnreadableFile, match=r"^gone\.pdf: the file cannot be opened"):
        read_source(tmp_path / "gone.pdf")


def test_file_over_20_mb_is_too_large(tmp_path):
    path = tmp_path / "huge.pdf"
    with path.open("wb") as file:
        file.truncate(21 * 1024 * 1024)  # sparse: nothing is written, and the size check must not read it
    with pytest.raises(FileTooLarge) as error:
        read_source(path)
    assert str(error.value).startswith("huge.pdf: the file is 21.0 MB, over the 20 MB limit")


GBK_PAGE = """<!DOCTYPE html>
<html><head><meta http-equiv="Content-Type" content="text/html; charset=gb2312">
<title>某县2023年政府信息公开工作年度报告</title>
<script>var nav = "菜单脚本";</script><style>.x { color: red }</style></head>
<body>
<div class="top-nav"><a href="/">首页</a> <a href="/zwgk">政务公开</a></div>
<div class="breadcrumb">当前位置：首页 &gt; 年报</div>
<div class="info">发布时间：2024-1-5 09:30</div>
<!-- 注释不是正文 -->
<div class="content">
<p>一、总体情况</p>
<p>本年度主动公开政府信息
   1136 条。</p>
<table border="1">
<tr><td rowspan="2">信息内容</td><td colspan="2">本年处理<br/>决定数量</td></tr>
<tr><td>结果<br>维持</td><td>其他</td></tr>
<tr><td>行政许可</td><td>550</td><td></td></tr>
<tr><td colspan="3">第二十条第（八）项</td></tr>
</table>
<p>二、其他需要报告的事项</p>
</div>
<footer>版权所有 某县人民政府</footer>
<div id="share-bar">分享到微信</div>
</body></html>"""


def test_html_page_gives_header_text_and_pipe_rows(tmp_path):
    text, fmt = read_source(write(tmp_path, "page.html", GBK_PAGE.encode("gbk")))
    assert fmt == "html"
    assert text.splitlines() == [
        "标题: 某县2023年政府信息公开工作年度报告",
        "发布时间: 2024-01-05",
        "发布时间：2024-1-5 09:30",
        "一、总体情况",
        "本年度主动公开政府信息 1136 条。",
        "信息内容 | 本年处理决定数量 |  |",
        " | 结果维持 | 其他 |",
        "行政许可 | 550 |  |",
        "第二十条第（八）项",
        "二、其他需要报告的事项",
    ]


def test_html_is_sniffed_from_content_whatever_the_extension(tmp_path):
    page = "<html><body><p>一、总体情况</p><p>正文</p></body></html>"
    assert read_source(write(tmp_path, "page.txt", page.encode())) == ("一、总体情况\n正文", "html")


def test_html_layout_table_stays_text_and_only_inner_table_becomes_rows(tmp_path):
    page = (
        '<html><body><form id="form1"><table><tr><td><div class="menu">首页 导航</div></td></tr>'
        "<tr><td><p>一、总体情况</p><table><tr><td>规章</td><td>0</td></tr></table>"
        "<p>本年度主动公开政府信息一千一百三十六条。</p></td></tr></table></form></body></html>"
    )
    text, fmt = read_source(write(tmp_path, "page.htm", page.encode()))
    assert (text, fmt) == ("一、总体情况\n规章 | 0 |\n本年度主动公开政府信息一千一百三十六条。", "html")


def test_docx_paragraphs_and_merged_cells_come_out_in_order(tmp_path):
    document = docx.Document()
    document.add_paragraph("二、主动公开政府信息情况")
    table = document.add_table(rows=5, cols=3)
    table.cell(0, 0).merge(table.cell(0, 2)).text = "第二十条第（五）项"
    table.cell(1, 0).text = "信息内容"
    table.cell(1, 1).merge(table.cell(1, 2)).text = "本年处理决定数量"
    table.cell(2, 0).text, table.cell(2, 1).text = "行政许可", "550"
    table.cell(3, 0).merge(table.cell(4, 0)).text = "结果\n维持"
    for row, values in ((3, ("1", "2")), (4, ("3", "4"))):
        table.cell(row, 1).text, table.cell(row, 2).text = values
    document.add_paragraph("三、收到和处理政府信息公开申请情况")
    document.save(tmp_path / "report.docx")
    text, fmt = read_source(tmp_path / "report.docx")
    assert fmt == "docx"
    assert text.splitlines() == [
        "二、主动公开政府信息情况",
        "第二十条第（五）项",
        "信息内容 | 本年处理决定数量 |  |",
        "行政许可 | 550 |  |",
        "结果维持 | 1 | 2 |",
        " | 3 | 4 |",
        "三、收到和处理政府信息公开申请情况",
    ]


@pytest.mark.parametrize(
    "grid, expected",
    [
        pytest.param([["一段\n正文"], ["第二段"]], ["一段", "正文", "第二段"], id="one-column-is-running-text"),
        pytest.param([["标题", None], ["规章", "0"]], ["标题", "规章 | 0 |"], id="full-width-cell-is-caption"),
        pytest.param([["", None], [None, "5"]], [" | 5 |"], id="empty-rows-dropped"),
    ],
)
def test_grid_to_lines(grid, expected):
    assert grid_to_lines(grid) == expected


@pytest.fixture(scope="module")
def hongze_lines() -> list[str]:
    """Return the lines read from the real 洪泽区 2023 report PDF."""
    text, fmt = read_source(FIXTURES / "hongze-2023.pdf")
    assert fmt == "pdf"
    return text.splitlines()


@pytest.mark.parametrize(
    "row",
    [
        pytest.param("规章 | 0 | 0 | 0 |", id="table-2-rule"),
        pytest.param("行政许可 | 550 |  |  |", id="table-2-licence"),
        pytest.param("信息内容 | 本年处理决定数量 |", id="table-2-borderless-cell-recovered"),
        pytest.param("行政事业性收费 | 7730.28 |", id="table-2-fees"),
        pytest.param("一、本年新收政府信息公开申请数量 |  |  | 21 | 0 | 0 | 0 | 0 | 0 | 21 |", id="table-3-new"),
        pytest.param("三、本年度办理结果 | （一）予以公开 |  | 0 | 0 | 0 | 0 | 0 | 0 | 0 |", id="table-3-disclosed"),
        pytest.param(" | （三）不予公开 | 1.属于国家秘密 | 1 | 0 | 0 | 0 | 0 | 0 | 1 |", id="table-3-secret"),
        pytest.param(" | （七）总计 |  | 21 | 0 | 0 | 0 | 0 | 0 | 21 |", id="table-3-total-after-page-break"),
        pytest.param("10 | 1 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 5 | 0 | 0 | 0 | 0 |", id="table-4-numbers"),
    ],
)
def test_pdf_table_rows_come_out_exactly(hongze_lines, row):
    assert row in hongze_lines


def test_pdf_keeps_reading_order_and_drops_page_numbers(hongze_lines):
    order = [
        "二、主动公开政府信息情况",
        "规章 | 0 | 0 | 0 |",
        "三、收到和处理政府信息公开申请情况",
        " | （七）总计 |  | 21 | 0 | 0 | 0 | 0 | 0 | 21 |",
        "四、政府信息公开行政复议、行政诉讼情况",
        "10 | 1 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 5 | 0 | 0 | 0 | 0 |",
        "五、存在的主要问题及改进情况",
    ]
    assert [hongze_lines.index(line) for line in order] == sorted(hongze_lines.index(line) for line in order)
    assert not [line for line in hongze_lines if line.strip() in ("- 1 -", "- 3 -", "- 5 -")]


def test_pdf_text_framed_as_a_one_column_table_stays_running_text(hongze_lines):
    # The trailing 、 hangs outside the frame; read as a table it would end up on a line of its own.
    assert "政务公开工作摆在重要位置，推进政府信息公开工作规范、有序、" in hongze_lines
    assert "、" not in hongze_lines


def test_pdf_drops_running_headers_and_page_numbers(tmp_path):
    pages = [[(800, "Huaian Gazette 2023"), (700, body), (40, f"- {n} -")] for n, body in enumerate("ABC", 1)]
    assert read_source(write(tmp_path, "report.pdf", make_pdf(pages))) == ("A\nB\nC", "pdf")


@pytest.mark.parametrize(
    "data, expected",
    [
        pytest.param(make_pdf([[], []]), "report.pdf: has no text layer (a scanned PDF); run OCR first", id="scan"),
        pytest.param(b"%PDF-1.4\nnot really a pdf", "report.pdf: is a PDF that cannot be opened (", id="damaged"),
    ],
)
def test_pdf_without_text_is_unreadable(tmp_path, data, expected):
    with pytest.raises(UnreadableFile) as error:
        read_source(write(tmp_path, "report.pdf", data))
    assert str(error.value).startswith(expected)


@pytest.mark.parametrize(
    "name, data, expected",
    [
        pytest.param("jinhu.json", (FIXTURES / "jinhu-2023-broken.json").read_bytes(),
                     "not even valid JSON (line 1, column 1813", id="real-broken-json"),
        pytest.param("data.json", '{"新收": 21}'.encode(), "it is valid JSON", id="valid-json"),
        pytest.param("data.txt", b'[{"a": 1}, ', "not even valid JSON (line 1, column 12", id="json-sniffed"),
    ],
)
def test_json_is_not_a_report(tmp_path, name, data, expected):
    with pytest.raises(NotAReport) as error:
        read_source(write(tmp_path, name, data))
    assert str(error.value).startswith(f"{name}: is a JSON data file, not the text of a report")
    assert expected in str(error.value)


def test_doc_without_libreoffice_says_how_to_get_it(tmp_path, monkeypatch):
    monkeypatch.setattr(shutil, "which", lambda name: None)
    with pytest.raises(UnsupportedFormat) as error:
        read_source(write(tmp_path, "report.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504)))
    assert str(error.value) == (
        "report.doc: is a legacy Word .doc file; install LibreOffice (apt-get install libreoffice-writer) "
        "or save it as .docx"
    )


def test_doc_is_converted_with_libreoffice_when_present(tmp_path, monkeypatch):
    document = docx.Document()
    document.add_paragraph("一、总体情况")
    document.save(tmp_path / "converted.docx")
    # A stand-in for soffice: copies the prepared .docx to where --convert-to would write it.
    fake = tmp_path / "soffice"
    fake.write_text(
        f"#!{sys.executable}\nimport shutil, sys\nargs = sys.argv\n"
        f"outdir = args[args.index('--outdir') + 1]\n"
        f"shutil.copy({str(tmp_path / 'converted.docx')!r}, outdir + '/report.docx')\n"
    )
    fake.chmod(0o755)
    monkeypatch.setattr(shutil, "which", lambda name: str(fake) if name == "soffice" else None)
    assert read_source(write(tmp_path, "old.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504))) == ("一、总体情况", "doc")


def zip_with(*names: str) -> bytes:
    """Given member names, return the bytes of a zip archive holding those (empty) members."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name in names:
            archive.writestr(name, "")
    return buffer.getvalue()


@pytest.mark.parametrize(
    "name, data, kind",
    [
        pytest.param("scan.png", b"\x89PNG\r\n\x1a\n" + bytes(64), "a PNG image", id="png"),
        pytest.param("photo.jpg", b"\xff\xd8\xff\xe0" + bytes(64), "a JPEG image", id="jpeg"),
        pytest.param("tool", b"\x7fELF\x02\x01\x01" + bytes(64), "a Linux executable", id="elf"),
        pytest.param("report.xlsx", zip_with("xl/workbook.xml"), "an Excel .xlsx workbook", id="xlsx"),
        pytest.param("bundle.zip", zip_with("a.txt"), "a zip archive", id="zip"),
    ],
)
def test_other_binary_types_are_unsupported(tmp_path, name, data, kind):
    with pytest.raises(UnsupportedFormat) as error:
        read_source(write(tmp_path, name, data))
    assert str(error.value) == f"{name}: looks like {kind}, not a report; supported types are .txt .md .html .pdf .docx .doc"
