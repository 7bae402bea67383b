"""Table decoding cases the goldens do not cover on their own."""

from parsing.forms import Problems, decode_active

SHORT_ROWS = """第二十条第(一)项
{loose}
第二十条第(五)项
信息内容本年处理决定数量
行政许可 0
| 信息内容 | 本年制发件数 | 本年废止件数 | 现行有效件数 |
| 规章 | 4 | 235 |
| 行政规范性文件 | 3 | 3 | 7 |
"""


def test_a_loose_cell_with_a_remark_is_seated_in_its_column():
    table = decode_active(SHORT_ROWS.format(loose="9\n(含自然失效 2 件)"), Problems())
    assert table.to_dict()["rows"]["regulations"] == {"issued": 4, "repealed": 9, "in_force": 235}


def test_a_loose_cell_without_a_remark_keeps_only_what_every_position_agrees_on():
    table = decode_active(SHORT_ROWS.format(loose="9"), Problems())
    # 9 could be 制发, 废止 or 现行有效: only nothing is certain.
    assert table.to_dict()["rows"]["regulations"] == {"issued": None, "repealed": None, "in_force": None}
    assert table.to_dict()["rows"]["normative_documents"] == {"issued": 3, "repealed": 3, "in_force": 7}
