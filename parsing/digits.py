"""Numbers as printed in table cells, and the splitting of digit runs whose separators were lost."""

import re
from collections.abc import Callable, Iterator
from functools import lru_cache
from typing import NamedTuple

from parsing.model import Cell, Number

NULL_MARKS = re.compile(r"^(?:/|／|-{1,2}|—{1,2}|－|–|无|空)$")
"""A whole cell that says 'nothing here' rather than a number."""

PIECE = re.compile(
    r"(?P<word>[增减])?\s*(?P<sign>[+\-−]{1,2})?(?P<int>\d{1,3}(?:,\d{3})+|\d+)(?:\.(?P<dec>\d+))?\s*(?P<unit>万元|元)?"
)
"""A signed number with optional decimals and unit; '增1' and '减21' are signed changes."""


class Piece(NamedTuple):
    """A run of digits read from the text: it may hold one cell, or several run together.

    A named tuple rather than a frozen dataclass: built and hashed in C, for the hundreds read per report.
    """

    sign: int
    digits: str
    decimals: str | None
    unit: str | None
    raw: str


def text_to_pieces(chunk: str) -> list[Piece]:
    """Given one cell's text, return the numbers in it (several when cells ran together)."""
    if chunk.isascii() and chunk.isdigit():  # the common case, without the regular expression
        return [Piece(1, chunk, None, None, chunk)]
    pieces = []
    for m in PIECE.finditer(chunk):
        negative = m["word"] == "减" or (m["sign"] or "").startswith(("-", "−"))
        pieces.append(Piece(-1 if negative else 1, m["int"].replace(",", ""), m["dec"], m["unit"], m[0].strip()))
    return pieces


@lru_cache(maxsize=4096)  # the same few numbers fill most cells, and a frozen Cell is slow to build
def piece_to_cell(piece: Piece, signed: bool = True, decimal: bool = True) -> Cell | None:
    """Given a piece that is exactly one cell, return its cell (None if it breaks the column's rules)."""
    return _cell(piece.sign, piece.digits, piece.decimals, piece.unit, piece.raw, signed, decimal)


def _cell(sign: int, digits: str, decimals: str | None, unit: str | None, raw: str,
          signed: bool, decimal: bool) -> Cell | None:
    if sign < 0 and not signed:
        return None
    if decimals is not None and not decimal:
        return None
    value: Number = int(digits) if decimals is None else float(f"{digits}.{decimals}")
    if unit == "万元" and decimal:
        value = round(value * 10000, 6)
    return Cell(sign * value if value else value, raw)


def split_pieces(
    pieces: list[Piece],
    rules: list[tuple[bool, bool]],
    accept: Callable[[list[Cell]], bool] = lambda cells: True,
    check_at: dict[int, Callable[[list[Cell]], bool]] | None = None,
    limit: int = 200_000,
) -> Iterator[list[Cell]]:
    """Given pieces and per-cell (signed, decimal) rules, yield every split into len(rules) cells.

    A piece of several digits may hold several cells; cells have no leading zeros ("0" itself
    aside), a sign belongs to the first cell of its piece, decimals and unit to the last.
    ``check_at[i]`` prunes as soon as the first i cells are known; ``accept`` judges a full split.
    Raises OverflowError past ``limit`` steps rather than run for ever on a long digit run.
    """
    n = len(rules)
    check_at = check_at or {}
    digits_after = [sum(len(p.digits) for p in pieces[i + 1:]) for i in range(len(pieces))]
    steps = [limit]

    def walk(i: int, offset: int, cells: list[Cell]) -> Iterator[list[Cell]]:
        steps[0] -= 1
        if steps[0] < 0:
            raise OverflowError("too many ways to split")
        if i == len(pieces):
            if len(cells) == n and accept(cells):
                yield cells
            return
        piece, left = pieces[i], n - len(cells)
        rest = piece.digits[offset:]
        # Every later piece needs at least one cell, and no cell can be empty.
        if left < len(pieces) - i or left > len(rest) + digits_after[i]:
            return
        for cut in range(1, len(rest) + 1):
            text = rest[:cut]
            if text != "0" and text.startswith("0"):
                break
            last = cut == len(rest)
            signed, decimal = rules[len(cells)]
            cell = _cell(piece.sign if offset == 0 else 1, text, piece.decimals if last else None,
                         piece.unit if last else None, text, signed, decimal)
            if cell is None:
                continue
            full = cells + [cell]
            check = check_at.get(len(full))
            if check and not check(full):
                continue
            yield from walk(i + 1, 0, full) if last else walk(i, offset + cut, full)

    yield from walk(0, 0, [])


def agree(candidates: list[list[Cell]]) -> tuple[list[Cell], dict[int, list[Number]]]:
    """Given candidate splits of one row, return the cells all agree on and the others' choices."""
    if len(candidates) == 1:
        return candidates[0], {}
    cells, open_ = [], {}
    for j in range(len(candidates[0])):
        values = sorted({c[j].value for c in candidates})
        if len(values) == 1:
            cells.append(candidates[0][j])
        else:
            cells.append(Cell(None, "?"))
            open_[j] = values
    return cells, open_
