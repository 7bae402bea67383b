"""Render a record into every layout the parser reads: three text layouts, an HTML page and a DOCX file."""

import html
import io
import random
from collections.abc import Callable

import docx
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls

from synth.document import Document, Grid, Heading, grid_origins, grid_positions, record_to_document
from synth.form import Span

LAYOUTS: dict[str, str] = {
    "pipe_lines": ".txt",
    "pipe_one_line": ".txt",
    "tabs": ".txt",
    "html": ".html",
    "docx": ".docx",
}
"""Every layout ``render`` writes, with the file suffix it is saved under."""

DECLARED_CHARSET: dict[str, str] = {"utf-8": "utf-8", "gb18030": "gb2312", "gbk": "gbk"}
"""The charset an HTML page declares for the encoding it is written in: GB18030 pages say gb2312, as portals do."""


def render(record: dict, layout: str, seed: int = 0, encoding: str = "utf-8") -> bytes:
    """Given a record, a layout of ``LAYOUTS`` and a seed, return the bytes of a report file that states it."""
    if layout not in LAYOUTS:
        raise ValueError(f"unknown layout {layout!r}; choose one of {', '.join(LAYOUTS)}")
    rng = random.Random(seed)
    document = record_to_document(record, rng)
    if layout == "docx":
        return document_to_docx(document)
    if layout == "html":
        return document_to_html(document, record, rng, encoding).encode(encoding)
    return TEXT_LAYOUTS[layout](document).encode(encoding)


def document_to_pipe_lines(document: Document) -> str:
    """Given a document, return it with one table cell per line ending in ' |' (seed 000)."""
    lines = [document.title]
    for block in document.blocks:
        if isinstance(block, Grid):
            for row in block.rows:
                lines += _pipe_cells([span.text for span in row] + [""] * (block.width - len(row)))
        else:
            lines.append(block.text if isinstance(block, Heading) else block)
    return "\n".join(lines + document.signature) + "\n"


def _pipe_cells(texts: list[str]) -> list[str]:
    """Given a row's cell texts, return its lines: each filled cell alone, runs of empty cells as '||…'."""
    lines, empties = [], ""
    for text in texts:
        if text:
            lines += [empties] if empties else []
            lines.append(f"{text} |")
            empties = ""
        else:
            empties += "|"
    return lines + ([empties] if empties else [])


def document_to_one_line(document: Document) -> str:
    """Given a document, return each section on one line, table cells joined by ' | ' (seed 001)."""
    lines, current = [document.title], []
    for block in document.blocks:
        if isinstance(block, Heading):
            lines.append(" ".join(current))
            current = [block.text]
        elif isinstance(block, Grid):
            current.append(" ".join(f"{span.text} |" for row in block.rows for span in row if span.text))
        else:
            current.append(block)
    return "\n".join([*lines, " ".join(current), *document.signature]) + "\n"


def document_to_tabs(document: Document) -> str:
    """Given a document, return it with table rows as tab-separated lines, merged positions empty (seed 004)."""
    lines = [document.title, ""]
    for block in document.blocks:
        if isinstance(block, Grid):
            lines += ["\t".join(text or "" for text in row) for row in grid_positions(block)]
            lines.append("")
        else:
            lines += [block.text if isinstance(block, Heading) else block, ""]
    return "\n".join(lines + document.signature) + "\n"


TEXT_LAYOUTS: dict[str, Callable[[Document], str]] = {
    "pipe_lines": document_to_pipe_lines,
    "pipe_one_line": document_to_one_line,
    "tabs": document_to_tabs,
}


def grid_to_html(grid: Grid, rng: random.Random) -> str:
    """Given a grid, return an HTML table with rowspan and colspan, cell text wrapped as portal editors do."""
    wrap = rng.choice(("{}", "<p>{}</p>", '<p style="text-align:center"><span style="font-family:宋体">{}</span></p>'))
    rows = []
    for row in grid.rows:
        cells = []
        for span in row:
            attrs = (f' rowspan="{span.rows}"' if span.rows > 1 else "") + (f' colspan="{span.cols}"' if span.cols > 1 else "")
            cells.append(f"<td{attrs}>{wrap.format(html.escape(span.text)) if span.text else '&nbsp;'}</td>")
        rows.append("<tr>" + "".join(cells) + "</tr>")
    return '<table border="1" cellspacing="0" cellpadding="0" width="100%"><tbody>\n' + "\n".join(rows) + "\n</tbody></table>"


def document_to_html(document: Document, record: dict, rng: random.Random, encoding: str = "utf-8") -> str:
    """Given a document, return a portal page: header, menu, breadcrumb, the article, share bar, footer, scripts."""
    region = record["region"]
    site = "".join(p for p in (region.get("city") or region.get("province"), region.get("county")) if p) + "人民政府"
    body = []
    for block in document.blocks:
        if isinstance(block, Heading):
            body.append(f"<p><strong>{html.escape(block.text)}</strong></p>")
        elif isinstance(block, Grid):
            body.append(grid_to_html(block, rng))
        else:
            body.append(f'<p style="text-indent:2em">{html.escape(block)}</p>')
    body += [f'<p style="text-align:right">{html.escape(line)}</p>' for line in document.signature]
    published = f"<span>发布时间：{record['published']}</span>" if record["published"] else ""
    title = heading = html.escape(document.title)
    if document.title.startswith(record["agency"]) and len(document.title) > 28:
        # Long titles are set on two lines, agency above, as portal editors break them.
        heading = html.escape(record["agency"]) + "<br>" + html.escape(document.title[len(record["agency"]):])
    return f"""<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="{DECLARED_CHARSET.get(encoding, encoding)}">
<title>{title}</title>
<link rel="stylesheet" href="/static/css/article.css">
<style>h1 {{ font-size: 22px; text-align: center; }} td {{ border: 1px solid #000; }}
@media print {{ header, nav, .breadcrumb, .info, .share, footer {{ display: none; }} }}</style>
<script src="/static/js/jquery-1.12.4.min.js"></script>
<script>var _hmt = _hmt || []; (function() {{ var hm = document.createElement("script"); hm.src = "https://hm.baidu.com/hm.js?{rng.getrandbits(64):016x}"; document.head.appendChild(hm); }})();</script>
</head>
<body>
<header class="top"><div class="logo">{html.escape(site)}门户网站</div>
<form class="search" action="/search"><input name="q" placeholder="请输入关键词"><button type="submit">搜索</button></form></header>
<nav class="menu"><ul><li><a href="/">首页</a></li><li><a href="/zwgk/">政务公开</a></li><li><a href="/zwfw/">政务服务</a></li><li><a href="/hdjl/">互动交流</a></li></ul></nav>
<div class="breadcrumb">当前位置：<a href="/">首页</a> &gt; <a href="/zwgk/">政务公开</a> &gt; 政府信息公开年报</div>
<div class="article">
<h1>{heading}</h1>
<div class="info">{published}<span>来源：{html.escape(record['agency'])}</span><span>浏览次数：<span id="hits"></span></span></div>
<div class="content" id="zoom">
{chr(10).join(body)}
</div>
</div>
<div class="share">分享到：<a class="wx">微信</a><a class="wb">微博</a></div>
<footer><p>主办单位：{html.escape(site)}办公室　网站标识码：{rng.randint(10**9, 10**10 - 1)}</p>
<p>地址：人民路{rng.randint(1, 300)}号　联系电话：0{rng.randint(100, 999)}-{rng.randint(2000000, 8999999)}</p></footer>
<script>document.getElementById("hits").innerText = "{rng.randint(10, 9999)}";</script>
</body>
</html>
"""


def document_to_docx(document: Document) -> bytes:
    """Given a document, return a .docx file: paragraphs, and tables whose group labels are merged cells."""
    out = docx.Document()
    out.add_paragraph(document.title).alignment = WD_ALIGN_PARAGRAPH.CENTER
    for block in document.blocks:
        if isinstance(block, Heading):
            out.add_paragraph().add_run(block.text).bold = True
        elif isinstance(block, Grid):
            out.element.body.sectPr.addprevious(parse_xml(grid_to_docx_xml(block)))
        else:
            out.add_paragraph(block)
    for line in document.signature:
        out.add_paragraph(line).alignment = WD_ALIGN_PARAGRAPH.RIGHT
    buffer = io.BytesIO()
    out.save(buffer)
    return buffer.getvalue()


def grid_to_docx_xml(grid: Grid) -> str:
    """Given a grid, return a WordprocessingML table, merged as Word stores it: gridSpan across, vMerge down.

    Written as XML rather than with ``Table.cell().merge()``, which re-walks the table for every
    merge and takes half a second a report.
    """
    starts: dict[tuple[int, int], tuple[str, Span]] = {}
    for r, c, span in grid_origins(grid):
        for dr in range(span.rows):
            starts[(r + dr, c)] = ("restart" if dr == 0 else "continue", span)
    rows = []
    for r in range(len(grid.rows)):
        cells = []
        for c in range(grid.width):
            if (r, c) not in starts:
                continue
            merge, span = starts[(r, c)]
            props = (f'<w:gridSpan w:val="{span.cols}"/>' if span.cols > 1 else "") + (
                f'<w:vMerge w:val="{merge}"/>' if span.rows > 1 else "")
            text = f"<w:r><w:t>{html.escape(span.text, quote=False)}</w:t></w:r>" if merge == "restart" and span.text else ""
            cells.append(f"<w:tc><w:tcPr>{props}</w:tcPr><w:p>{text}</w:p></w:tc>")
        rows.append("<w:tr>" + "".join(cells) + "</w:tr>")
    columns = '<w:gridCol w:w="800"/>' * grid.width
    return (f'<w:tbl {nsdecls("w")}><w:tblPr><w:tblStyle w:val="TableGrid"/><w:tblW w:w="0" w:type="auto"/>'
            f"</w:tblPr><w:tblGrid>{columns}</w:tblGrid>{''.join(rows)}</w:tbl>")
