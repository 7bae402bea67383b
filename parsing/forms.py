"""The three tables of the national forms (二, 三, 四), decoded with the identities they obey."""

import itertools
import re
from functools import lru_cache

from parsing.digits import Piece, agree, split_pieces
from parsing.model import Cell, Number, Rows, Table
from parsing.tables import (
    CELL_SEPARATOR, RowRead, line_to_cells, read_row, row_segments, segment_to_row, segments_to_row_tokens,
    text_to_tokens, tokens_to_cells,
)
from parsing.vocab import (
    ACTIVE_METRICS, ACTIVE_PATTERNS, APPEAL_BLOCKS, APPEAL_METRICS, APPLICANTS, DECIMAL_METRICS,
    REQUEST_PATTERNS, SIGNED_METRICS, outcome_rows, request_rows,
)

ACTIVE_2019_CUES = re.compile(r"本年新制作|本年新公开|对外公开总数量|上一年项目数量|本年增\s*/\s*减|政府集中采购|其他对外管理服务")
"""Words only the 2019 form's table 二 has (forms.md §2.7)."""

REQUESTS_2021_WORDS = ("逾期不补正", "收费通知", "缴纳费用")
REQUESTS_2021_CUE = re.compile(r"3\s*[.、]\s*其他")
"""Sub-rows of (六)其他处理 that only the 2021 form's table 三 has: the words are looked for with ``in``,
a sixth of the time one pattern of all four takes to scan table 三."""

REQUESTS_2019_CUES = re.compile(r"\(六\)\s*其他处理[\s|]*\d")
"""(六)其他处理 followed directly by its numbers: the 2019 form's single row."""

PROSE_LINE = re.compile(r"^[^|\n]*[,。;:][^|\n]*$")
"""A line of running text (punctuated, no cell boundary): after the numbers, it ends table 四."""

LINE = re.compile(r"[^\n]*\n?")
"""One line with its line break (the last may have none)."""

HAN = re.compile(r"[\u4e00-\u9fff]")
DIGIT = re.compile(r"\d")

ACTIVE_LABELS = {key: re.compile(pattern) for key, pattern in ACTIVE_PATTERNS.items()}
REQUEST_LABELS = {key: re.compile(pattern) for key, pattern in REQUEST_PATTERNS.items()}
"""The row label patterns of tables 二 and 三, compiled once."""

APPLICANT_KEYS = list(APPLICANTS)
UNSIGNED_INTS = [(False, False)] * len(APPLICANT_KEYS)

ACTIVE_RULES = {form: {key: [(m in SIGNED_METRICS, m in DECIMAL_METRICS) for m in names] for key, names in rows.items()}
                for form, rows in ACTIVE_METRICS.items()}
"""The (signed, decimal) rule of each table 二 cell, per form and row."""


class Problems:
    """Cells the document cannot decide, and rows it printed but no position can be given."""

    def __init__(self) -> None:
        self.ambiguous: dict[str, list[Number]] = {}
        self.unplaced: list[str] = []


def active_format(section: str) -> str:
    return "2019" if ACTIVE_2019_CUES.search(section) else "2021"


def requests_format(section: str, year: int | None) -> str:
    """Given table 三's text, return its form: by its (六) rows, else by the report year."""
    if any(word in section for word in REQUESTS_2021_WORDS) or REQUESTS_2021_CUE.search(section):
        return "2021"
    if REQUESTS_2019_CUES.search(section):
        return "2019"
    return "2021" if (year or 0) >= 2021 else "2019"


LOOSE_CELL = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*\n?\s*(?:\(([^()]*)\))?\s*$", re.M)
"""A value on a line of its own, maybe with a remark in brackets: a cell that left its row."""

REMARK_COLUMNS: dict[str, str] = {"废止": "repealed", "失效": "repealed", "修订": "issued", "制发": "issued", "现行": "in_force"}
"""Words in a loose cell's remark that name its column (22(其中修订16件) is 制发, 55(含自然失效29件) 废止)."""


def _seat_loose_cells(section: str, rows_found: list, metrics: dict[str, tuple[str, ...]]) -> dict[str, list[list[Cell]]]:
    """Given table 二's rows, return readings for rows short of one cell whose cell stands loose.

    Some files print a multi-line cell apart from its row (shanghai-office-2025: '规章 | 22 | 235'
    with '22(其中修订 16 件)' under the caption). When the loose values before the first row label
    are exactly as many as the short rows, they are seated in order; the remark names the column,
    and without one every position is tried and only the cells all positions agree on are kept.
    """
    short = [(key, tokens) for key, tokens, splittable in rows_found
             if not splittable and len(tokens) == len(metrics[key]) - 1 and all(isinstance(t, Piece) for t in tokens)]
    if not short:
        return {}
    first_label = min((m.start() for k in metrics for m in [ACTIVE_LABELS[k].search(section)] if m), default=0)
    loose = [(m[1], m[2] or "") for m in LOOSE_CELL.finditer(section[:first_label])]
    if len(loose) != len(short):
        return {}
    seated = {}
    for (key, tokens), (value, remark) in zip(short, loose):
        names = metrics[key]
        columns = {REMARK_COLUMNS[w] for w in REMARK_COLUMNS if w in remark} & set(names)
        positions = [names.index(c) for c in columns] if len(columns) == 1 else range(len(names))
        cells = tokens_to_cells(tokens)
        seated[key] = [cells[:p] + [Cell(float(value) if "." in value else int(value), value)] + cells[p:] for p in positions]
    return seated


def decode_active(section: str, problems: Problems) -> Table:
    """Given section 二's text, return table 二 in the form it follows."""
    form = active_format(section)
    metrics = ACTIVE_METRICS[form]
    segments = row_segments(section, ACTIVE_LABELS, list(metrics), in_order=False)
    rows_found = segments_to_row_tokens(segments)
    seated = _seat_loose_cells(section, rows_found, metrics)
    rows: Rows = {}
    for key, tokens, splittable in rows_found:
        names, rules = metrics[key], ACTIVE_RULES[form][key]
        read = RowRead(seated[key]) if key in seated else read_row(
            tokens[: len(names)] if len(tokens) > len(names) and not splittable else tokens, rules, splittable)
        if read is None and (by_position := line_to_cells(segments[key], len(names))):
            read = RowRead([by_position])
        if read is None:
            rows[key] = {m: Cell(None, "?") for m in names}
            problems.unplaced.append(f"表二 · {key}")
            continue
        cells, open_ = agree(read.candidates)
        rows[key] = dict(zip(names, cells))
        for j, values in open_.items():
            problems.ambiguous[f"active.rows.{key}.{names[j]}"] = values
    for key, names in metrics.items():
        if key not in rows:  # not setdefault: building the blank row each time costs more than the rest
            rows[key] = {m: Cell(None, "") for m in names}
    return Table(form, {k: rows[k] for k in metrics})


def _row_sum_ok(cells: list[Cell]) -> bool:
    values = [c.value for c in cells]
    return None in values or sum(values[:-1]) == values[-1]


def decode_requests(section: str, year: int | None, problems: Problems) -> Table:
    """Given section 三's text, return table 三; digits run together are split by the identities."""
    form = requests_format(section, year)
    keys = request_rows(form)
    width = len(APPLICANT_KEYS)
    segments = row_segments(section, REQUEST_LABELS, keys, in_order=True)
    missing = [k for k in keys if k not in segments]
    gaps = _gaps(list(segments), missing, keys) if missing else {}
    reads: dict[str, RowRead] = {}
    laid_out: dict[str, tuple[RowRead, RowCells]] = {}  # the shared reads, with their cells laid out once
    for key, segment in segments.items():
        tokens, splittable, read, cells = _request_row(segment)
        gap = gaps.get(key)
        if gap and not splittable and len(tokens) == width * (1 + len(gap)):
            # Rows whose labels were lost sit between two labelled rows: placed by position when
            # their number matches the form's rows in between (issue 2, seed 003).
            for j, row_key in enumerate([key, *gap]):
                reads[row_key] = RowRead([tokens_to_cells(tokens[j * width:(j + 1) * width])])
            continue
        if gap and not splittable and len(tokens) > width:
            problems.unplaced.extend(f"表三 · {k}" for k in gap)
        if read is None:
            problems.unplaced.append(f"表三 · {key}")
            continue
        reads[key] = read
        laid_out[key] = (read, cells)
    _resolve_by_identities(reads, form)
    rows: Rows = {}
    for key in keys:
        read = reads.get(key)
        if read is None:
            rows[key] = {c: Cell(None, "?") for c in APPLICANT_KEYS}
            continue
        shared, cells = laid_out.get(key, (None, None))
        row, open_ = cells if read is shared else _request_cells(read)
        rows[key] = dict(row)
        for j, values in open_.items():
            problems.ambiguous[f"requests.rows.{key}.{APPLICANT_KEYS[j]}"] = list(values)
    return Table(form, rows)


def _gaps(found: list[str], missing: list[str], keys: list[str]) -> dict[str, list[str]]:
    """Given the rows found, in text order, and the form's rows not found, return per row found those right after it."""
    position = {k: i for i, k in enumerate(keys)}
    gaps = {}
    for i, key in enumerate(found):
        following = position[found[i + 1]] if i + 1 < len(found) else len(keys)
        gaps[key] = [k for k in missing if position[key] < position[k] < following]
    return gaps


RowCells = tuple[dict[str, Cell], dict[int, list[Number]]]
"""A table 三 row's cells by column, and the values still open where digits ran together."""


# One look-up by the row's text instead of one by it and one by its tokens (~15 µs a report), and most rows
# read the same "0 | 0 | 0 …" report after report: a copy of their cells laid out once costs a tenth of
# agree() and dict(zip()), ~1/3 of table 三.
@lru_cache(maxsize=4096)
def _request_row(segment: str) -> tuple[tuple[Cell | Piece, ...], bool, RowRead | None, RowCells | None]:
    """Given the text after a table 三 row label, return its tokens, whether they may be split, what it reads as
    and that read's cells."""
    tokens, splittable = segment_to_row(segment)
    width = len(APPLICANT_KEYS)
    read = _read_request_row(tokens[:width] if not splittable and len(tokens) > width else tokens, splittable)
    if read is None and (by_position := line_to_cells(segment, width)):
        read = RowRead([by_position])
    return tokens, splittable, read, _request_cells(read) if read else None


def _request_cells(read: RowRead) -> RowCells:
    """Given a table 三 row read, return its cells by column and the values left open."""
    cells, open_ = agree(read.candidates)
    return dict(zip(APPLICANT_KEYS, cells)), open_


@lru_cache(maxsize=4096)  # most rows of table 三 read the same "0 | 0 | 0 …" report after report
def _read_request_row(tokens: tuple[Cell | Piece, ...], splittable: bool) -> RowRead | None:
    """Given a table 三 row's tokens, return what can be read (shared between reports: never changed)."""
    return read_row(tokens, UNSIGNED_INTS, splittable, accept=_row_sum_ok)


def _resolve_by_identities(reads: dict[str, RowRead], form: str, limit: int = 100_000) -> None:
    """Keep only the combinations of row splits under which balance and outcome_sum hold.

    Where no combination satisfies them the report itself does not add up: the row splits stay
    as they are and the checks will say so.
    """
    open_rows = [k for k, r in reads.items() if len(r.candidates) > 1]
    if not open_rows:
        return
    total = 1
    for k in open_rows:
        total *= len(reads[k].candidates)
    if total > limit:
        return
    outcomes = outcome_rows(form)

    def value(choice: dict[str, list[Cell]], key: str, col: int) -> Number | None:
        if key in choice:
            return choice[key][col].value
        read = reads.get(key)
        return read.candidates[0][col].value if read and len(read.candidates) == 1 else None

    survivors: dict[str, list[list[Cell]]] = {k: [] for k in open_rows}
    for combo in itertools.product(*(reads[k].candidates for k in open_rows)):
        choice = dict(zip(open_rows, combo))
        ok = True
        for col in range(len(APPLICANT_KEYS)):
            v = lambda key: value(choice, key, col)  # noqa: E731
            sides = [v("new_received"), v("carried_over"), v("processed_total"), v("carried_forward")]
            if None not in sides and sides[0] + sides[1] != sides[2] + sides[3]:
                ok = False
                break
            parts = [v(k) for k in outcomes]
            if None not in parts and sides[2] is not None and sum(parts) != sides[2]:
                ok = False
                break
        if ok:
            for k, cells in choice.items():
                if cells not in survivors[k]:
                    survivors[k].append(cells)
    if all(survivors.values()):
        for k in open_rows:
            reads[k] = RowRead(survivors[k])


def _block_sums_ok(cells: list[Cell]) -> bool:
    values = [c.value for c in cells]
    return None in values or sum(values[:-1]) == values[-1]


def appeals_region(section: str) -> str:
    """Given section 四's text, return the part holding the table: up to the first prose line after a number."""
    seen_number = False
    for m in LINE.finditer(section):
        line = m.group(0)
        if not seen_number:
            seen_number = DIGIT.search(line) is not None
        elif PROSE_LINE.match(line.strip()) and len(HAN.findall(line)) >= 8:
            return section[: m.start()]
    return section


def decode_appeals(section: str, problems: Problems) -> Rows:
    """Given section 四's text, return its three blocks of five cells."""
    region = appeals_region(section)
    tokens = text_to_tokens(region)
    metrics = list(APPEAL_METRICS)
    n = len(APPEAL_BLOCKS) * len(metrics)
    cells: list[Cell] | None = None
    if len(tokens) == n:
        cells = tokens_to_cells(tokens)
    elif len(tokens) > n and CELL_SEPARATOR.search(region):
        cells = tokens_to_cells(tokens[:n])
    elif 0 < len(tokens) < n and all(isinstance(t, Piece) for t in tokens):
        block = len(metrics)
        checks = {block * (i + 1): (lambda cs, i=i: _block_sums_ok(cs[block * i: block * (i + 1)]))
                  for i in range(len(APPEAL_BLOCKS))}
        try:
            candidates = list(split_pieces(tokens, [(False, False)] * n, check_at=checks))
        except OverflowError:
            candidates = []
        if candidates:
            cells, open_ = agree(candidates)
            for j, values in open_.items():
                b, m = divmod(j, block)
                problems.ambiguous[f"appeals.{list(APPEAL_BLOCKS)[b]}.{metrics[m]}"] = values
    if cells is None:
        if tokens:
            problems.unplaced.append("表四")
        cells = [Cell(None, "?" if tokens else "") for _ in range(n)]
    return {
        block: dict(zip(metrics, cells[i * len(metrics):(i + 1) * len(metrics)]))
        for i, block in enumerate(APPEAL_BLOCKS)
    }
