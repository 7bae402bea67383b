"""The printed tables of the national forms (二, 三, 四) as grids of spanning cells, filled from a record."""

import random
from dataclasses import dataclass

from parsing.vocab import (
    ACTIVE_METRICS, ACTIVE_ROWS, APPEAL_BLOCKS, APPEAL_METRICS, APPLICANTS, METRIC_LABELS, REQUEST_ROWS,
    outcome_rows, request_rows,
)

SECTION_HEADINGS: tuple[str, ...] = (
    "一、总体情况", "二、主动公开政府信息情况", "三、收到和处理政府信息公开申请情况",
    "四、政府信息公开行政复议、行政诉讼情况", "五、存在的主要问题及改进情况", "六、其他需要报告的事项",
)
"""The six headings, exactly as both forms print them (forms.md §1.2)."""

ACTIVE_BLOCKS: dict[str, dict[str, tuple[str, ...]]] = {
    "2021": {"一": ("regulations", "normative_documents"), "五": ("administrative_licensing",),
             "六": ("administrative_penalty", "administrative_coercion"), "八": ("administrative_fees",)},
    "2019": {"一": ("regulations", "normative_documents"), "五": ("administrative_licensing", "other_services"),
             "六": ("administrative_penalty", "administrative_coercion"), "八": ("administrative_fees",),
             "九": ("centralized_procurement",)},
}
"""Table 二's blocks per form: the 第二十条 item each caption names, and its rows (forms.md §1.3, §2.3)."""

PRINTED_METRICS: dict[str, dict[str, str]] = {
    "2021": {"decisions": "本年处理决定数量", "amount_10k_yuan": "本年收费金额(单位:万元)"},
    "2019": {"amount_yuan": "采购总金额"},
}
"""Column headers the form prints differently from ``METRIC_LABELS``."""

PRINTED_ACTIVE_ROWS: dict[str, dict[str, str]] = {"2019": {"normative_documents": "规范性文件"}}
"""Row labels of table 二 the 2019 form prints differently from ``ACTIVE_ROWS``."""

PRINTED_REQUEST_LABELS: dict[str, str] = {
    "partially_granted": "部分公开(区分处理的,只计这一情形,不计其他情形)",
    "other_no_correction": "申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
    "other_fee_unpaid": "申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请",
}
"""Row labels of table 三 the form prints in full where ``REQUEST_ROWS`` abbreviates them."""

REQUESTS_NOTE = "(本列数据的勾稽关系为:第一项加第二项之和,等于第三项加第四项之和)"
OUTCOMES_LABEL = "三、本年度办理结果"
APPLICANT_HEADERS = {**APPLICANTS, "other_org": "其他"}
"""Table 三's column headers as printed: the organisations' 其他 is just 其他."""


@dataclass(frozen=True)
class Span:
    """One printed cell: its text and how many rows and columns it covers."""

    text: str
    rows: int = 1
    cols: int = 1


@dataclass(frozen=True)
class Grid:
    """A printed table: each row lists the cells that start in it, left to right, as HTML does."""

    width: int
    rows: list[list[Span]]


@dataclass(frozen=True)
class Style:
    """How one document prints labels: bracket width, the mark after a sub-row number, a space after either."""

    fullwidth: bool = False
    number_mark: str = "."
    space: str = ""

    @classmethod
    def draw(cls, rng: random.Random) -> "Style":
        return cls(rng.random() < 0.5, rng.choice((".", ".", "．", "、")), rng.choice(("", "", " ")))

    def label(self, text: str) -> str:
        """Given a label as vocab writes it, return it in this document's style ((一)予以公开 → （一） 予以公开)."""
        if text.startswith("("):
            text = text.replace(")", ")" + self.space, 1)
        return text.replace("(", "（").replace(")", "）") if self.fullwidth else text


def decimal_text(value: float) -> str:
    """Given an amount, return it as printed: its decimals, no trailing zeros, never an exponent."""
    return f"{value:.6f}".rstrip("0").rstrip(".")


def value_text(value: int | float, metric: str, rng: random.Random) -> str:
    """Given a table 二 value and its metric, return one of the ways reports print it."""
    if metric == "change" and value:
        return rng.choice(((f"+{value}", f"增{value}", str(value)) if value > 0 else (str(value), f"减{-value}")))
    if metric == "amount_yuan" and value:
        if isinstance(value, int) and rng.random() < 0.3:
            return decimal_text(value / 10000) + "万元"
        return decimal_text(value) + rng.choice(("元", "元", ""))
    if isinstance(value, float):
        return decimal_text(value)
    return f"{value:,}" if value >= 1000 and rng.random() < 0.1 else str(value)


def active_grid(table: dict, style: Style, rng: random.Random) -> Grid:
    """Given a record's table 二, return it as the form prints it: four columns, a caption per block."""
    form, rows = table["format"], table["rows"]
    headers = {**METRIC_LABELS, **PRINTED_METRICS.get(form, {})}
    labels = {**ACTIVE_ROWS, **PRINTED_ACTIVE_ROWS.get(form, {})}
    grid = []
    for item_number, items in ACTIVE_BLOCKS[form].items():
        metrics = ACTIVE_METRICS[form][items[0]]
        grid.append([Span(style.label(f"第二十条第({item_number})项"), cols=4)])
        grid.append([Span("信息内容"), *_fill([headers[m] for m in metrics])])
        for item in items:
            values = rows[item]
            # A blank row is printed blank or marked in every cell; a single blank cell is always marked,
            # since layouts that drop empty cells (seed 001) would otherwise lose its place.
            blank_row = all(values[m] is None for m in metrics)
            mark = rng.choice(("", "", "/", "-") if blank_row else ("/", "-", "—"))
            cells = [mark if values[m] is None else value_text(values[m], m, rng) for m in metrics]
            grid.append([Span(labels[item]), *_fill(cells)])
    return Grid(4, grid)


def _fill(texts: list[str]) -> list[Span]:
    """Given one to three cell texts, return them with the last spanning the rest of the four columns."""
    return [Span(t) for t in texts[:-1]] + [Span(texts[-1], cols=4 - len(texts))]


def request_labels(form: str, style: Style) -> dict[str, tuple[str | None, str]]:
    """Given a form, return each table 三 row's (group label or None, own label) as printed."""
    labels, number = {}, {}
    for key in request_rows(form):
        group, _, own = REQUEST_ROWS[key].partition("·")
        if own:
            number[group] = number.get(group, 0) + 1
            own = PRINTED_REQUEST_LABELS.get(key, own)
            labels[key] = (style.label(group), f"{number[group]}{style.number_mark}{style.space}{own}")
        else:
            # A row of its own, as (二)部分公开(区分处理的…): its number, then its printed name.
            group_number = group.partition(")")[0] + ")"
            printed = group_number + PRINTED_REQUEST_LABELS[key] if key in PRINTED_REQUEST_LABELS else group
            labels[key] = (None, style.label(printed))
    return labels


def requests_grid(table: dict, style: Style) -> Grid:
    """Given a record's table 三, return it as the form prints it, merged group labels and all."""
    form, rows = table["format"], table["rows"]
    outcomes = outcome_rows(form) + ["processed_total"]
    labels = request_labels(form, style)
    grid = [
        [Span(REQUESTS_NOTE, rows=3, cols=3), Span("申请人情况", cols=7)],
        [Span(APPLICANT_HEADERS["natural_person"], rows=2), Span("法人或其他组织", cols=5),
         Span(APPLICANT_HEADERS["total"], rows=2)],
        [Span(APPLICANT_HEADERS[c]) for c in list(APPLICANTS)[1:-1]],
    ]
    groups_started = set()
    for key in request_rows(form):
        numbers = [Span(str(rows[key][c])) for c in APPLICANTS]
        group, own = labels[key]
        row = []
        if key == outcomes[0]:
            row.append(Span(OUTCOMES_LABEL, rows=len(outcomes)))
        if key not in outcomes:
            row.append(Span(own, cols=3))
        elif group is None:
            row.append(Span(own, cols=2))
        else:
            if group not in groups_started:
                groups_started.add(group)
                row.append(Span(group, rows=sum(labels[k][0] == group for k in outcomes)))
            row.append(Span(own))
        grid.append(row + numbers)
    return Grid(10, grid)


def appeals_grid(appeals: dict) -> Grid:
    """Given a record's table 四, return it as the form prints it: two header bands over fifteen numbers."""
    metrics = list(APPEAL_METRICS.values())
    blocks = [label.partition("·")[2] for label in list(APPEAL_BLOCKS.values())[1:]]
    return Grid(15, [
        [Span(APPEAL_BLOCKS["review"], cols=5), Span("行政诉讼", cols=10)],
        [*(Span(m, rows=2) for m in metrics), *(Span(b, cols=5) for b in blocks)],
        [Span(m) for m in metrics * 2],
        [Span(str(appeals[b][m])) for b in APPEAL_BLOCKS for m in APPEAL_METRICS],
    ])
