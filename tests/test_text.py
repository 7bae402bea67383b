"""Normalisation: script, pinyin glosses, widths, page footers."""

import pytest
from hypothesis import given, strategies as st

from parsing.text import detect_script, normalize


@pytest.mark.parametrize("raw, expected, script", [
    pytest.param("政府信息公開(kāi)工作年度報(bào)告", "政府信息公开工作年度报告", "traditional", id="pinyin and traditional"),
    pytest.param("（一）予以公开　１２", "(一)予以公开 12", "simplified", id="full width"),
    pytest.param("⼀、总体情况", "一、总体情况", "simplified", id="kangxi radical from PDF"),
    pytest.param("人⺠政府办公⻔户⽹站⾸⻚", "人民政府办公门户网站首页", "simplified", id="radicals supplement from PDF"),
    pytest.param("表格\n— 5 —\n下一页", "表格\n\n下一页", "simplified", id="page footer"),
    pytest.param("规章 |\n- 3 -\n0 |", "规章 |\n\n0 |", "simplified", id="dash footer"),
])
def test_normalize(raw, expected, script):
    assert normalize(raw) == (expected, script)


def test_simplified_text_is_not_called_traditional():
    assert detect_script("广元市利州区人民政府2023年政府信息公开工作年度报告") == "simplified"


@given(st.text(alphabet=st.sampled_from("政府信息公開开(kāi)报報告１２ \n—-|0123"), max_size=60))
def test_normalize_is_idempotent(s):
    once, _ = normalize(s)
    assert normalize(once)[0] == once
