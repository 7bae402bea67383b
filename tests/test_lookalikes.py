"""OCR misreadings of division names, matched by glyph likeness."""

import pytest

from parsing.lookalikes import _font, likeness, misread_of
from parsing.regions import resolve

pytestmark = pytest.mark.skipif(_font() is None, reason="needs the CJK font: run scripts/install-system.sh")


def test_a_dot_apart_is_alike_and_a_different_component_is_not():
    assert likeness("沐", "沭") > 0.6
    assert all(likeness("沐", other) < 0.45 for other in "泗涡泌汝沁洛")


def test_one_lookalike_name_is_taken_and_several_are_not():
    assert misread_of("沐阳县", ["沭阳县", "泗阳县", "涡阳县"]) == "沭阳县"
    assert misread_of("沐阳县", ["泗阳县", "涡阳县"]) is None
    assert misread_of("沐阳县", ["沭阳县", "沭阳县"]) is None  # two candidates (namesakes): neither


def test_shuyang_is_resolved_although_the_ocr_printed_mu():
    assert resolve("沐阳县人民政府").county == "沭阳县"
    assert resolve("沐阳县人民政府").city == "宿迁市"
