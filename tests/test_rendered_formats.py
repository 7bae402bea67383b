"""Issue 3: the golden records rendered as HTML (UTF-8 and GB18030), DOCX, GBK text and PDF read back cell for cell."""

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from conftest import GOLDEN
from golden_compare import golden_differences
from parsing import parse_report
from synth import render

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
                  "--disable-component-update", "--disable-sync"]

SEEDS = sorted(p for p in GOLDEN.glob("00*.json"))
"""The five seed goldens (the real reports' goldens have their own source files)."""

def golden_record(path: Path) -> dict:
    """Given a golden file, return it as a record to render: the first accepted agency spelling is the one printed."""
    golden = json.loads(path.read_text(encoding="utf-8"))
    return dict(golden, agency=golden["agency_any"][0])


def write_html(record: dict, folder: Path, encoding: str = "utf-8") -> Path:
    path = folder / f"report-{encoding}.html"
    path.write_bytes(render(record, "html", seed=3, encoding=encoding))
    return path


def write_pdf(record: dict, folder: Path) -> Path:
    """Given a record, return a PDF that headless Chromium printed from its HTML page."""
    if not CHROMIUM.exists():
        pytest.skip(f"{CHROMIUM} is absent: run scripts/install-system.sh to render PDFs")
    html, pdf = write_html(record, folder), folder / "report.pdf"
    command = [str(CHROMIUM), *CHROMIUM_FLAGS, f"--user-data-dir={folder / 'chromium'}", f"--print-to-pdf={pdf}",
               html.as_uri()]
    done = subprocess.run(command, capture_output=True, timeout=120)
    assert pdf.exists(), done.stderr.decode("utf-8", "replace")[-2000:]
    shutil.rmtree(folder / "chromium", ignore_errors=True)
    return pdf


WRITERS = {
    "html": lambda record, folder: write_html(record, folder),
    "html-gb18030": lambda record, folder: write_html(record, folder, "gb18030"),
    "docx": lambda record, folder: _write(folder / "report.docx", render(record, "docx", seed=3)),
    "txt-gbk": lambda record, folder: _write(folder / "report.txt", render(record, "pipe_lines", seed=3, encoding="gbk")),
    "pdf": write_pdf,
}
"""How each format of issue 3 is written from a golden record."""


def _write(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path


CASES = [pytest.param(golden, fmt, id=f"{golden.stem[:3]}-{fmt}") for golden in SEEDS for fmt in WRITERS]


@pytest.mark.parametrize(("golden", "fmt"), CASES)
def test_rendered_golden_reads_back(golden, fmt, tmp_path):
    record = golden_record(golden)
    path = WRITERS[fmt](record, tmp_path)
    assert golden_differences(parse_report(path).to_dict(), record) == []


def test_gb18030_page_declares_gb2312(tmp_path):
    page = write_html(golden_record(SEEDS[0]), tmp_path, "gb18030").read_bytes()
    assert b'<meta charset="gb2312">' in page
    assert "人民政府".encode("gb18030") in page and "人民政府".encode("utf-8") not in page


def test_gbk_text_is_not_utf8(tmp_path):
    path = WRITERS["txt-gbk"](golden_record(SEEDS[3]), tmp_path)
    with pytest.raises(UnicodeDecodeError):
        path.read_bytes().decode("utf-8")
    assert "臨湘市文旅廣電局" in path.read_bytes().decode("gbk")
