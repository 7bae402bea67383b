"""Decode a located section into cells: find the row labels, then read the numbers between them."""

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import chain

from parsing.digits import NULL_MARKS, Piece, agree, piece_to_cell, split_pieces, text_to_pieces
from parsing.model import Cell, Number

HEADER_NOISE = re.compile(
    # The look-ahead holds at the start of every pattern (a pattern added needs to hold it too): positions
    # where it fails are passed over at once instead of tried with each pattern, half the time of the search.
    r"(?=[第数#本现对上处采单]|[|\s:]*---)(?:" + "|".join([
        r"第二十条第\s*\([^)]*\)\s*项", r"数据\s*\d+", r"\|?\s*:?-{3,}:?\s*(?=\|)", r"^#+ .*$",
        r"本年制发件数", r"本年废止件数", r"现行有效件数", r"本年处理决定数量", r"本年收费金额",
        r"本年新制作数量", r"本年新公开数量", r"对外公开总数量", r"上一年项目数量", r"本年增\s*/\s*减",
        r"处理决定数量", r"采购项目数量", r"采购总金额", r"单位\s*:\s*万元",
    ]) + ")",
    re.M,
)
"""Captions and column headers that sit between row labels and carry no cell of their own."""

PARENTHETICAL = re.compile(r"\([^()]*\)")
"""Remarks in brackets: label tails like (区分处理的…) and notes like (其中修订 16 件)."""

LABEL_NUMBER = re.compile(r"\d\s*[.、](?=\s*[\u4e00-\u9fff]|\s*$)")
"""The '2.' that numbers a sub-row label; it sits right after the previous row's digits."""

HAS_WORDS = re.compile(r"[\u4e00-\u9fff(#]")
"""Most row segments are digits and separators only; the noise patterns need not run on those."""

NOISE_HINT = re.compile(r"[数第本采单#-]")
"""A character every ``HEADER_NOISE`` pattern holds (a pattern added there needs one too): most row
segments have none, and one search for it costs a tenth of trying the patterns."""

CHUNK_SEPARATOR = re.compile(r"[|\t\n ]+")
"""What separates cells in every text layout seen (pipes, tabs, lines, spaces)."""

CELL_SEPARATOR = re.compile(r"[|\t]")
"""An explicit cell boundary; where there is none, digits may have run together."""


@dataclass
class RowRead:
    """What the text says for one row: candidate cell lists (several when digits ran together)."""

    candidates: list[list[Cell]]
    ambiguous: dict[int, list[Number]] = field(default_factory=dict)

    @property
    def cells(self) -> list[Cell]:
        return self.candidates[0] if len(self.candidates) == 1 else agree(self.candidates)[0]


def locate_labels(text: str, patterns: dict[str, re.Pattern], keys: list[str], in_order: bool) -> list[tuple[str, int, int]]:
    """Given text and label patterns, return (key, start, end) of each label found, in text order.

    ``in_order`` searches each label after the previous one found (table 三, whose labels repeat
    words of one another); otherwise each label's first occurrence is taken (table 二).
    """
    found, pos = [], 0
    for key in keys:
        m = patterns[key].search(text, pos if in_order else 0)
        if m:
            found.append((key, m.start(), m.end()))
            if in_order:
                pos = m.end()
    return found if in_order else sorted(found, key=lambda f: f[1])  # in order, each is found after the last


def text_to_tokens(text: str) -> list[Cell | Piece]:
    """Given the text between two row labels, return its cell tokens: numbers and null marks."""
    return list(_text_to_tokens(text))


@lru_cache(maxsize=4096)  # most rows of table 三 read the same "| 0 | 0 | 0 …" report after report
def _text_to_tokens(text: str) -> tuple[Cell | Piece, ...]:
    # The last two patterns run only where their character is (looked for at C speed), and chain/map spare
    # a generator per chunk: a row read the first time costs ~13% less.
    if HAS_WORDS.search(text):
        if NOISE_HINT.search(text):
            text = HEADER_NOISE.sub(" ", text)
        if "(" in text:
            text = PARENTHETICAL.sub(" ", text)
    if "." in text or "、" in text:
        text = LABEL_NUMBER.sub(" ", text)
    return tuple(chain.from_iterable(map(_chunk_to_tokens, CHUNK_SEPARATOR.split(text))))


@lru_cache(maxsize=4096)  # cells hold the same few texts ("0", "/", "12") report after report
def _chunk_to_tokens(chunk: str) -> tuple[Cell | Piece, ...]:
    if NULL_MARKS.match(chunk):
        return (Cell(None, chunk),)
    return tuple(text_to_pieces(chunk))


def tokens_to_cells(tokens: Sequence[Cell | Piece]) -> list[Cell]:
    return list(_tokens_to_cells(tuple(tokens)))


@lru_cache(maxsize=4096)  # rows of zeros and small counts recur report after report
def _tokens_to_cells(tokens: tuple[Cell | Piece, ...]) -> tuple[Cell, ...]:
    return tuple(t if isinstance(t, Cell) else piece_to_cell(t) for t in tokens)


def read_row(tokens: Sequence[Cell | Piece], rules: list[tuple[bool, bool]], splittable: bool,
             accept=lambda cells: True) -> RowRead | None:
    """Given a row's tokens and its cells' (signed, decimal) rules, return what can be read.

    As many tokens as cells: one reading. None at all: every cell blank. Fewer numbers than
    cells with no separator in the text: every split the rules and ``accept`` allow. Otherwise
    the row cannot be read (None).
    """
    n = len(rules)
    if len(tokens) == n:
        return RowRead([tokens_to_cells(tokens)])
    if not tokens:
        return RowRead([[Cell(None, "") for _ in rules]])
    if splittable and len(tokens) < n and all(isinstance(t, Piece) for t in tokens):
        try:
            candidates = list(split_pieces(tokens, rules, accept))
        except OverflowError:
            return None
        if candidates:
            cells, open_ = agree(candidates)
            return RowRead(candidates, open_)
    return None


def line_to_cells(segment: str, n: int) -> list[Cell] | None:
    """Given the rest of a one-line row after its label, return its ``n`` cells by position, blanks included.

    Only a row printed on one line with tabs or pipes has positions to go by; there the separator right
    after the label, the pipe that closes the row and the grid's padding are not cells.
    """
    line = segment.split("\n", 1)[0]
    if not CELL_SEPARATOR.search(line):
        return None
    separator = "\t" if "\t" in line else "|"
    cells = [c.strip() for c in line.split(separator)]
    if cells and cells[0] == "":
        cells = cells[1:]
    # Trailing empties beyond the row's own cells are the closing pipe and the padding of a grid
    # whose widest block has more columns (table 二's two-cell 收费 row in a four-column grid).
    while len(cells) > n and cells[-1] == "":
        cells = cells[:-1]
    if len(cells) != n:
        return None
    out = []
    for cell in cells:
        tokens = text_to_tokens(cell) if cell else [Cell(None, "")]
        if len(tokens) != 1:
            return None
        out.extend(tokens_to_cells(tokens))
    return out


def row_segments(text: str, patterns: dict[str, re.Pattern], keys: list[str], in_order: bool) -> dict[str, str]:
    """Given a section, return the text after each label found up to the next one, in text order."""
    found = locate_labels(text, patterns, keys, in_order)
    return {
        key: text[end: found[i + 1][1] if i + 1 < len(found) else len(text)]
        for i, (key, _, end) in enumerate(found)
    }


def segments_to_row_tokens(segments: dict[str, str]) -> list[tuple[str, tuple[Cell | Piece, ...], bool]]:
    """Given the text after each row label, return (key, tokens, splittable) per row, in text order."""
    return [(key, *segment_to_row(segment)) for key, segment in segments.items()]


@lru_cache(maxsize=4096)  # most rows recur report after report: their separator is looked for once too
def segment_to_row(segment: str) -> tuple[tuple[Cell | Piece, ...], bool]:
    """Given the text after a row label, return its tokens and whether they may be split (no cell separator)."""
    return _text_to_tokens(segment), not CELL_SEPARATOR.search(segment)
