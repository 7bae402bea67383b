"""Turn a report file (text, Markdown, HTML, PDF, DOCX, DOC) into plain text with tables as pipe rows."""

import codecs
import io
import json
import logging
import re
import shutil
import subprocess
import tempfile
import zipfile
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

# The libraries for HTML, DOCX and PDF files and for guessing an encoding are imported where a file needs them:
# a text report never does, and they take ~0.27 s and ~23 000 objects (which every full garbage collection walks).
from parsing.errors import FileTooLarge, NotAReport, ParseError, UnreadableFile, UnsupportedFormat

# pdfminer logs a warning for every glyph of a font with a malformed descriptor; the text still reads fine.
logging.getLogger("pdfminer").setLevel(logging.ERROR)

MAX_BYTES = 20 * 1024 * 1024
SUPPORTED = ".txt .md .html .pdf .docx .doc"

# Signatures of files that are certainly not reports; checked before any attempt to decode text.
BINARY_MAGIC = {
    b"\x89PNG": "a PNG image", b"\xff\xd8\xff": "a JPEG image", b"GIF8": "a GIF image",
    b"II*\x00": "a TIFF image", b"MM\x00*": "a TIFF image", b"\x7fELF": "a Linux executable",
    b"MZ": "a Windows executable", b"\x1f\x8b": "a gzip archive", b"Rar!": "a RAR archive",
    b"7z\xbc\xaf": "a 7-Zip archive", b"{\\rtf": "an RTF document (save it as .docx)",
}
ZIP_KINDS = [("xl/", "an Excel .xlsx workbook"), ("ppt/", "a PowerPoint .pptx file"), ("mimetype", "an OpenDocument file")]

# Control, C1 and replacement characters: real text has almost none, binary decoded as text is full of them.
JUNK = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f\ufffd]")
# Private-use characters are what a legacy code page produces from bytes in another encoding (Big5 read as GBK).
PRIVATE_USE = re.compile(r"[\ue000-\uf8ff]")
# JUNK's C0 controls as UTF-8 bytes; its C1 controls are \xc2\x80-\xc2\x9f there, and U+FFFD is \xef\xbf\xbd.
UTF8_CONTROL_BYTES = bytes([*range(0x09), 0x0B, *range(0x0E, 0x20), 0x7F])

HTML_START = re.compile(r"\s*<(!doctype\s+html|html)", re.I)
META_CHARSET = re.compile(rb"<meta[^>]+charset\s*=\s*[\"']?\s*([A-Za-z0-9_\-]+)", re.I)
JSON_START = re.compile(r"\s*[\[{]\s*[\"\[{\]}\d-]")
ALWAYS_CHROME = ["script", "style", "title"]  # the title is re-emitted in the header, not left in the body
CHROME_TAGS = ALWAYS_CHROME + ["noscript", "iframe", "nav", "header", "footer", "form", "button"]
CHROME_NAME = re.compile(r"nav|menu|footer|share|breadcrumb", re.I)
BLOCK_TAGS = "p div li tr td th table ul ol dl dt dd section article blockquote pre h1 h2 h3 h4 h5 h6".split()
PUBLISHED = re.compile(r"发布(?:时间|日期)\s*[:：]?\s*(\d{4})\s*[-年/.]\s*(\d{1,2})\s*[-月/.]\s*(\d{1,2})")
TABLE_SLOT = re.compile(r"\x00T(\d+)\x00")

PAGE_NUMBER = re.compile(r"[-—–－―~]+\s*\d+\s*[-—–－―~]+|第\s*\d+\s*页(?:\s*[/，,]?\s*共\s*\d+\s*页)?"
                         r"|共\s*\d+\s*页\s*第\s*\d+\s*页|page\s*\d+(?:\s*(?:of|/)\s*\d+)?|\d+\s*/\s*\d+", re.I)


def read_source(path: Path) -> tuple[str, str]:
    """Given a report file, return its text and the format it was read as ("text", "markdown", "html", "pdf", "docx", "doc")."""
    return source_text(read_file(path), path)


def read_file(path: Path) -> bytes:
    """Given a report file, return its bytes, refusing a file too large to be a report before reading it."""
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise FileTooLarge(
                f"{path.name}: the file is {size / 2**20:.1f} MB, over the {MAX_BYTES // 2**20} MB limit; "
                "no annual report is that large, so check that this is the right file"
            )
        return path.read_bytes()
    except OSError as exc:
        raise UnreadableFile(f"{path.name}: the file cannot be opened ({exc.strerror or exc})") from None


def source_text(data: bytes, path: Path) -> tuple[str, str]:
    """Given a report file's bytes and its path (for the extension and errors), return its text and format."""
    try:
        text, fmt = bytes_to_source(data, path.suffix.lower())
    except ParseError as exc:
        raise type(exc)(f"{path.name}: {exc}") from None
    except Exception as exc:  # parsing libraries raise many unrelated types on malformed input
        raise UnreadableFile(f"{path.name}: the file is damaged and cannot be read ({type(exc).__name__}: {exc})") from None
    if not text.strip():
        raise UnreadableFile(f"{path.name}: empty file (no text was found in it)")
    return text, fmt


def bytes_to_source(data: bytes, suffix: str) -> tuple[str, str]:
    """Given a file's bytes and lower-case extension, return its text and format name."""
    if not data.strip():
        raise UnreadableFile("empty file")
    if b"%PDF" in data[:1024]:
        return pdf_to_text(data), "pdf"
    if data.startswith(b"\xd0\xcf\x11\xe0"):
        return doc_to_text(data), "doc"
    if data.startswith(b"PK\x03\x04"):
        return docx_to_text(data), "docx"
    if data.startswith(tuple(BINARY_MAGIC)):  # one call for all: a text file is not tried signature by signature
        kind = next(kind for magic, kind in BINARY_MAGIC.items() if data.startswith(magic))
        raise UnsupportedFormat(f"looks like {kind}, not a report; supported types are {SUPPORTED}")
    head = data[:4096].lstrip(b"\xef\xbb\xbf\xff\xfe").replace(b"\x00", b"")
    if suffix in (".html", ".htm", ".shtml", ".xhtml") or HTML_START.match(head.decode("latin-1")):
        return html_to_text(html_bytes_to_text(data)), "html"
    text = bytes_to_text(data)
    if HTML_START.match(text):
        return html_to_text(text), "html"
    if suffix == ".json" or JSON_START.match(text):
        raise NotAReport(json_verdict(text))
    return text, "markdown" if suffix in (".md", ".markdown") else "text"


def bytes_to_text(data: bytes) -> str:
    """Given the bytes of a text file, return them decoded in the one encoding they are cleanly valid in."""
    for encoding in candidate_encodings(data):
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        if encoding.startswith("utf-8") and utf8_has_no_junk(data):
            junk = 0
        else:
            junk = len(JUNK.findall(text)) + (0 if encoding.startswith("utf") else len(PRIVATE_USE.findall(text)))
        if junk <= max(2, len(text) // 100):
            return text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    raise UnreadableFile(
        "is not text in a known encoding (tried UTF-8, UTF-16, GB18030/GBK); it may be a binary file. "
        f"Supported types are {SUPPORTED}"
    )


def utf8_has_no_junk(data: bytes) -> bool:
    """Given bytes valid as UTF-8, return whether their text surely holds no ``JUNK`` character.

    Told from the bytes in ~60% of the time ``JUNK`` takes over the text (which was half of reading a text file);
    False also for text with other characters after \\xc2 (©, °, ·), which ``JUNK`` then counts.
    """
    no_controls = len(data.translate(None, UTF8_CONTROL_BYTES)) == len(data)
    return no_controls and b"\xc2" not in data and b"\xef\xbf\xbd" not in data


def candidate_encodings(data: bytes) -> Iterator[str]:
    """Given raw bytes, yield the encodings to try, most specific first."""
    if data.startswith(codecs.BOM_UTF8):
        yield "utf-8-sig"
    elif data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        yield "utf-16"
    else:
        yield "utf-8"
        sample = data[:4096]
        even, odd = sample[0::2].count(0), sample[1::2].count(0)
        # ASCII in UTF-16 leaves a NUL in every other byte; on one side only, unlike random binary.
        if max(even, odd) > len(sample) // 8 and min(even, odd) * 4 < max(even, odd):
            yield "utf-16-le" if odd > even else "utf-16-be"
        yield "gb18030"
        from charset_normalizer import from_bytes

        best = from_bytes(data).best()  # slow, so only reached when nothing above decoded cleanly
        if best is not None and best.chaos <= 0.1:
            yield best.encoding


def json_verdict(text: str) -> str:
    """Given text that looks like JSON, return the message explaining why it is not a report."""
    try:
        json.loads(text)
    except json.JSONDecodeError as exc:
        validity = f"it is not even valid JSON (line {exc.lineno}, column {exc.colno}: {exc.msg})"
    else:
        validity = "it is valid JSON"
    return f"is a JSON data file, not the text of a report; {validity}. Give the original report ({SUPPORTED}) instead"


def html_bytes_to_text(data: bytes) -> str:
    """Given the bytes of an HTML page, return them decoded with the charset the page declares, else as detected."""
    declared = META_CHARSET.search(data[:4096])
    if declared:
        name = declared.group(1).decode("ascii").lower()
        # Pages that say GB2312 or GBK routinely contain characters only GB18030, their superset, can decode.
        name = "gb18030" if name in ("gb2312", "gbk", "x-gbk", "gb_2312-80") else name
        try:
            return data.decode(name).lstrip("\ufeff")
        except (LookupError, UnicodeDecodeError):
            pass
    return bytes_to_text(data)


def html_to_text(html: str) -> str:
    """Given an HTML page, return its title and date header, then its main text with tables as pipe rows."""
    from bs4 import BeautifulSoup, NavigableString

    soup = BeautifulSoup(html, "lxml")
    header = html_header(soup)
    remove_chrome(soup)
    tables = []
    # A table that holds other tables is page layout, so only innermost tables become pipe rows.
    for table in [table for table in soup.find_all("table") if table.find("table") is None]:
        tables.append(grid_to_lines(html_table_to_grid(table)))
        table.replace_with(f"\x00T{len(tables) - 1}\x00")
    for string in soup.find_all(string=True):
        # Collapse source-code whitespace as a browser does (ASCII only: U+3000 and &nbsp; are real spacing).
        if type(string) is NavigableString:
            string.replace_with(re.sub(r"[ \t\r\n\f]+", " ", str(string)))
    for br in soup.find_all("br"):
        br.replace_with("\n")
    for tag in soup.find_all(BLOCK_TAGS):
        tag.insert_before("\n")
        tag.append("\n")
    lines = header
    for line in soup.get_text().splitlines():
        for i, part in enumerate(TABLE_SLOT.split(line.strip())):
            lines += tables[int(part)] if i % 2 else [part.strip()] if part.strip() else []
    return "\n".join(lines)


def html_header(soup) -> list[str]:
    """Given a parsed page, return its 标题 and 发布时间 lines in the crawler-header shape."""
    lines = []
    if soup.title and soup.title.get_text(strip=True):
        lines.append(f"标题: {soup.title.get_text(strip=True)}")
    published = PUBLISHED.search(soup.get_text(" "))
    if published:
        year, month, day = published.groups()
        lines.append(f"发布时间: {year}-{int(month):02d}-{int(day):02d}")
    return lines


def remove_chrome(soup) -> None:
    """Given a parsed page, remove navigation, scripts and other site chrome from it in place."""
    body_length = len((soup.body or soup).get_text())
    named = soup.find_all(lambda t: CHROME_NAME.search(" ".join(t.get("class", [])) + " " + t.get("id", "")))
    for tag in soup.find_all(CHROME_TAGS) + named:
        if tag.decomposed:
            continue
        # Some sites wrap the whole page in a <form> or a "nav" div; removing that would remove the report.
        if tag.name not in ALWAYS_CHROME and len(tag.get_text()) * 2 > body_length:
            continue
        tag.decompose()


def html_table_to_grid(table) -> list[list[str | None]]:
    """Given an HTML table, return its cell grid with spanned positions as None."""
    grid: dict[tuple[int, int], str | None] = {}
    rows = table.find_all("tr")
    for r, tr in enumerate(rows):
        c = 0
        for cell in tr.find_all(["td", "th"], recursive=False):
            while (r, c) in grid:
                c += 1
            rowspan, colspan = span(cell.get("rowspan")), span(cell.get("colspan"))
            for dr in range(rowspan):
                for dc in range(colspan):
                    grid[(r + dr, c + dc)] = None
            grid[(r, c)] = join_cell_lines(cell.get_text("\n"))
            c += colspan
    width = max((c for _, c in grid), default=-1) + 1
    return [[grid.get((r, c), "") for c in range(width)] for r in range(len(rows))]


def span(value: str | None) -> int:
    """Given a rowspan/colspan attribute, return it as a sane count."""
    return min(int(value), 100) if value and value.strip().isdigit() and int(value) > 0 else 1


def join_cell_lines(text: str) -> str:
    """Given a cell's text, return it on one line (CJK labels break anywhere, so lines join with nothing)."""
    return "".join(line.strip() for line in text.splitlines())


def grid_to_lines(grid: list[list[str | None]]) -> list[str]:
    """Given table rows of cell texts (None where a merged cell covers the position), return its text lines."""
    width = max((len(row) for row in grid), default=0)
    lines = []
    for row in grid:
        cells = [join_cell_lines(cell) if cell else cell for cell in row]
        if not any(cells):
            continue
        # A lone cell across the whole table is a caption or running text that the PDF framed, not a data row.
        if width == 1 or (cells[0] and all(cell is None for cell in cells[1:])):
            lines += [line.strip() for line in (row[0] or "").splitlines() if line.strip()]
        else:
            lines.append(" | ".join(cell or "" for cell in cells) + " |")
    return lines


def docx_to_text(data: bytes) -> str:
    """Given the bytes of a .docx file, return its paragraphs and tables in document order."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        names = archive.namelist()
    if "word/document.xml" not in names:
        kind = next((kind for prefix, kind in ZIP_KINDS if any(n.startswith(prefix) for n in names)), "a zip archive")
        raise UnsupportedFormat(f"looks like {kind}, not a report; supported types are {SUPPORTED}")
    import docx

    document = docx.Document(io.BytesIO(data))
    return "\n".join(docx_block_to_lines(document.element.body, document))


def docx_block_to_lines(container, document) -> list[str]:
    """Given a DOCX body (or content-control) element, return the lines of its paragraphs and tables."""
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    lines = []
    for child in container.iterchildren():
        kind = child.tag.rsplit("}", 1)[-1]
        if kind == "p":
            text = Paragraph(child, document).text.strip()
            lines += [text] if text else []
        elif kind == "tbl":
            lines += grid_to_lines(docx_table_to_grid(Table(child, document)))
        elif kind == "sdt":
            for content in child.iterchildren("{*}sdtContent"):
                lines += docx_block_to_lines(content, document)
    return lines


def docx_table_to_grid(table) -> list[list[str | None]]:
    """Given a python-docx table, return its cell grid with merged positions after the first as None."""
    seen = []  # holding the elements keeps their lxml proxies alive, so identity comparison is reliable
    grid = []
    for row in table.rows:
        cells = []
        for cell in row.cells:
            if any(cell._tc is tc for tc in seen):
                cells.append(None)
            else:
                seen.append(cell._tc)
                cells.append(cell.text.strip())
        grid.append(cells)
    return grid


def doc_to_text(data: bytes) -> str:
    """Given the bytes of a legacy .doc file, return its text by converting it to .docx with LibreOffice."""
    office = shutil.which("soffice") or shutil.which("libreoffice")
    if office is None:
        raise UnsupportedFormat(
            "is a legacy Word .doc file; install LibreOffice (apt-get install libreoffice-writer) or save it as .docx"
        )
    with tempfile.TemporaryDirectory() as tmp:
        source = Path(tmp, "report.doc")
        source.write_bytes(data)
        # A private profile lets the conversion run while another LibreOffice instance is open.
        command = [office, f"-env:UserInstallation=file://{tmp}/profile", "--headless", "--convert-to", "docx",
                   "--outdir", tmp, str(source)]
        try:
            done = subprocess.run(command, capture_output=True, timeout=180)
        except subprocess.TimeoutExpired:
            raise UnreadableFile("LibreOffice did not finish converting this .doc file within 3 minutes") from None
        converted = source.with_suffix(".docx")
        if not converted.exists():
            reason = done.stderr.decode("utf-8", "replace").strip() or f"exit code {done.returncode}"
            raise UnreadableFile(f"LibreOffice could not convert this .doc file ({reason})")
        return docx_to_text(converted.read_bytes())


def pdf_to_text(data: bytes) -> str:
    """Given the bytes of a PDF, return its text in reading order with tables as pipe rows and page furniture removed."""
    import pdfplumber
    from pdfminer.pdfdocument import PDFPasswordIncorrect

    try:
        pdf = pdfplumber.open(io.BytesIO(data))
        pages = pdf.pages  # the page tree is parsed lazily, so a damaged one fails here rather than later
    except PDFPasswordIncorrect:
        raise UnreadableFile("is a password-protected PDF; save an unprotected copy") from None
    except Exception as exc:  # pdfminer raises many types for damaged files
        raise UnreadableFile(f"is a PDF that cannot be opened ({type(exc).__name__}: {exc})") from None
    with pdf:
        if not any(page.chars for page in pages):
            raise UnreadableFile("has no text layer (a scanned PDF); run OCR first")
        return "\n".join(drop_page_furniture([pdf_page_to_lines(page) for page in pages]))


def pdf_page_to_lines(page) -> list[str]:
    """Given a pdfplumber page, return its running-text lines and table rows from top to bottom."""
    blocks, used = [], set()
    for table in page.find_tables():
        grid, chars = pdf_table_to_grid(table, page.chars)
        if len(grid[0]) < 2:
            continue  # a one-column "table" is a frame drawn around running text, read below as text
        used |= {id(char) for char in chars}
        blocks.append((table.bbox[1], grid_to_lines(grid)))
    outside = page.filter(lambda obj: obj.get("object_type") != "char" or id(obj) not in used)
    blocks += [(line["top"], [line["text"]]) for line in outside.extract_text_lines(return_chars=False)]
    return [line for _, lines in sorted(blocks, key=lambda block: block[0]) for line in lines]


def pdf_table_to_grid(table, chars: list[dict]) -> tuple[list[list[str | None]], list[dict]]:
    """Given a pdfplumber table and the page's chars, return its cell grid and the chars it used."""
    from pdfplumber.utils import extract_text

    grid = table.extract()
    cells = [cell for row in table.rows for cell in row.cells if cell]
    used, orphans = [], []
    for char in chars:
        if inside(char, table.bbox):
            (used if any(inside(char, cell) for cell in cells) else orphans).append(char)
    # A cell whose border is missing (often where a table breaks across pages) is not detected,
    # so its text is recovered from the characters lying in its row and column.
    xs = sorted({cell[0] for cell in cells}) + [table.bbox[2]]
    for r, row in enumerate(table.rows):
        for c, cell in enumerate(row.cells):
            if cell is None:
                found = [char for char in orphans if inside(char, (xs[c], row.bbox[1], xs[c + 1], row.bbox[3]))]
                grid[r][c] = extract_text(found) if found else None
                used += found
    return grid, used


def inside(char: dict, box: tuple[float, float, float, float]) -> bool:
    """Given a pdfplumber char and an (x0, top, x1, bottom) box, return whether the char's centre lies in the box."""
    x, y = (char["x0"] + char["x1"]) / 2, (char["top"] + char["bottom"]) / 2
    return box[0] <= x <= box[2] and box[1] <= y <= box[3]


def drop_page_furniture(pages: list[list[str]]) -> list[str]:
    """Given each page's lines, return all lines without page numbers and headers/footers repeated across pages."""
    pages = [[line for line in page if not PAGE_NUMBER.fullmatch(line.strip())] for page in pages]
    # Table rows (ending " |") are never furniture, even a header row repeated on each page.
    edges = [{furniture_key(line) for line in page[:1] + page[-1:] if not line.endswith(" |")} for page in pages]
    counts = Counter(key for keys in edges for key in keys)
    repeated = {key for key, count in counts.items() if count >= 2 and count * 2 > len(pages)}
    return [line for page in pages for i, line in enumerate(page)
            if not (i in (0, len(page) - 1) and furniture_key(line) in repeated)]


def furniture_key(text: str) -> str:
    """Given a page's edge line, return it with digits masked so running headers that carry numbers still match."""
    return re.sub(r"\d+", "#", text.strip())
