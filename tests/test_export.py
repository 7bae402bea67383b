"""Briefing exports rendered for the bundled database: pixel sizes, not blank, Chinese drawn in a CJK font."""

import io
import subprocess
import sys

import pandas as pd
import pdfplumber
import plotly.graph_objects as go
import pytest
from openpyxl import load_workbook
from PIL import Image, ImageChops

from dashboard import briefing, export
from dashboard.charts import LAYOUT
from dashboard.selection import Selection

pytestmark = pytest.mark.skipif(not export.can_render(), reason="needs Chromium: run scripts/install-system.sh")


@pytest.fixture(autouse=True)
def bundled_db(built_db, monkeypatch):
    monkeypatch.setenv("DISCLOSURE_DB", str(built_db))


def image(data: bytes) -> Image.Image:
    return Image.open(io.BytesIO(data)).convert("RGB")


def inked(img: Image.Image) -> int:
    """How many pixels are not white: a blank image has none."""
    return sum(n for value, n in enumerate(img.convert("L").histogram()) if value < 200)


def title_only(text: str) -> go.Figure:
    fig = go.Figure(layout=LAYOUT)
    fig.update_layout(title_text=text, xaxis_visible=False, yaxis_visible=False, font_size=40)
    return fig


def test_chinese_is_drawn_in_a_cjk_font_not_as_boxes():
    # Without a CJK font each character is drawn as the same empty box ("tofu"): two different titles
    # of equal length then render identically. With the font, they differ glyph by glyph.
    a = image(export.figure_bytes(title_only("依申请公开"), width=600, height=200))
    b = image(export.figure_bytes(title_only("复议纠错率"), width=600, height=200))
    boxes = image(export.figure_bytes(title_only("\u25a1" * 5), width=600, height=200))
    assert ImageChops.difference(a, b).getbbox() is not None
    assert ImageChops.difference(a, boxes).getbbox() is not None
    assert inked(a) > 500


def test_a_chart_png_is_twice_its_layout_size_with_a_source_line():
    fig = export.with_source(title_only("2023年 · 四川省 · 申请量"), export.source_line(1, [2023]))
    data = export.figure_bytes(fig)
    img = image(data)
    assert img.size == (export.WIDTH * export.SCALE, export.HEIGHT * export.SCALE)
    assert inked(img) > 2000
    assert "1 份政府信息公开工作年度报告 · 统计年度 2023" in fig.layout.annotations[-1].text


def test_the_briefing_states_the_selection_and_its_figures():
    page = briefing.build(Selection(years=(2023,), province="四川省"))
    assert "2023年 · 四川省" in page.figure.layout.title.text
    table = page.figure.data[0].cells.values
    assert list(table[0][:4]) == ["报告数", "本年新收申请", "公开率", "复议纠错率"]
    assert list(table[1][:4]) == ["1 份", "72 件", "48.6%", "40.0%"]
    assert "2 / 5 件" in table[2][3]
    png = image(page.png())
    assert png.size == (briefing.PAGE[0] * export.SCALE, briefing.PAGE[1] * export.SCALE)
    assert inked(png) > 100_000


def test_the_briefing_pdf_embeds_a_cjk_font():
    pdf = briefing.build(Selection(years=(2023,), province="四川省")).pdf()
    with pdfplumber.open(io.BytesIO(pdf)) as doc:
        fonts = {c["fontname"] for c in doc.pages[0].chars if "\u4e00" <= c["text"] <= "\u9fff" or "\u2f00" <= c["text"] <= "\u2fdf"}
    assert fonts and all("CJK" in f for f in fonts)


def test_a_table_exports_to_excel_with_chinese_headers():
    data = pd.DataFrame({"机关": ["广元市利州区人民政府"], "本年新收(件)": pd.array([72], dtype="Int64"),
                         "公开率(%)": pd.array([None], dtype="Float64")})
    sheet = load_workbook(io.BytesIO(export.table_xlsx(data, "2023年 · 四川省 · 申请量"))).active
    assert sheet["A1"].value == "2023年 · 四川省 · 申请量"
    assert [c.value for c in sheet[3]] == ["机关", "本年新收(件)", "公开率(%)"]
    assert [c.value for c in sheet[4]] == ["广元市利州区人民政府", 72, None]


def test_the_command_line_writes_one_briefing_per_province(tmp_path, built_db):
    result = subprocess.run(
        [sys.executable, "-m", "dashboard", "brief", "--province", "四川省", "--province", "江苏省", "--year", "2023",
         "--out", str(tmp_path), "--db", str(built_db)],
        capture_output=True, text=True, timeout=300,
    )
    assert result.returncode == 0, result.stderr
    names = sorted(p.name for p in tmp_path.iterdir())
    assert names == ["简报_2023年_四川省.pdf", "简报_2023年_四川省.png", "简报_2023年_江苏省.pdf", "简报_2023年_江苏省.png"]
    assert image((tmp_path / "简报_2023年_江苏省.png").read_bytes()).size == (2480, 3508)


def test_without_chromium_the_export_says_what_to_install(monkeypatch):
    monkeypatch.setattr(export.shutil, "which", lambda name: None)
    with pytest.raises(export.ExportUnavailable, match="apt-get install chromium fonts-noto-cjk"):
        export.figure_bytes(title_only("x"))
