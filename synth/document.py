"""A report as a sequence of blocks (paragraphs, headings, tables), in either script, before any layout."""

import random
import re
from dataclasses import dataclass, replace
from functools import cache

from opencc import OpenCC

from synth.form import SECTION_HEADINGS, Grid, Span, Style, active_grid, appeals_grid, requests_grid
from synth.prose import PROBLEMS, fee_sentence, introduction, overview, signature, title

PINYIN: dict[str, str] = {
    "開": "kāi", "報": "bào", "請": "qǐng", "關": "guān", "國": "guó", "務": "wù", "號": "hào", "稱": "chēng",
    "辦": "bàn", "條": "tiáo", "動": "dòng", "處": "chǔ", "數": "shù", "結": "jié", "轉": "zhuǎn", "據": "jù",
    "項": "xiàng", "問": "wèn", "題": "tí", "進": "jìn", "況": "kuàng", "機": "jī", "構": "gòu", "議": "yì",
    "訴": "sù", "訟": "sòng", "復": "fù", "維": "wéi", "糾": "jiū", "審": "shěn", "費": "fèi", "計": "jì",
}
"""Glosses mirror sites inject after traditional characters: 公開(kāi) (forms.md §4, seed 003)."""

GLOSS_SHARE = 0.4
"""Share of glossable characters that get a gloss."""


@dataclass(frozen=True)
class Heading:
    """A section heading (一、总体情况 …)."""

    text: str


Block = str | Heading | Grid


@dataclass(frozen=True)
class Document:
    """A report ready for a layout: title line, body blocks in order, signature lines."""

    title: str
    blocks: list[Block]
    signature: list[str]


def record_to_document(record: dict, rng: random.Random) -> Document:
    """Given a record, return the report that states it, in the record's script."""
    style = Style.draw(rng)
    fee = fee_sentence(record["info_processing_fee_yuan"], record["year"], rng)
    sections: list[list[Block]] = [
        overview(record, rng),
        [active_grid(record["active"], style, rng)],
        [requests_grid(record["requests"], style)],
        [appeals_grid(record["appeals"])],
        rng.sample(PROBLEMS, k=rng.randint(1, len(PROBLEMS))),
        [fee],
    ]
    blocks: list[Block] = [introduction(record, rng)]
    for heading, body in zip(SECTION_HEADINGS, sections):
        blocks += [Heading(heading), *body]
    document = Document(title(record["agency"], record["year"], rng), blocks,
                        signature(record["agency"], record["published"], rng))
    return to_traditional(document, rng) if record["script"] == "traditional" else document


@cache
def _s2t() -> OpenCC:
    return OpenCC("s2t")


def text_to_traditional(text: str, rng: random.Random) -> str:
    """Given simplified text, return it in traditional script with a few pinyin glosses injected."""
    converted = _s2t().convert(text)
    return re.sub(
        "[" + "".join(PINYIN) + "]",
        lambda m: m[0] + (f"({PINYIN[m[0]]})" if rng.random() < GLOSS_SHARE else ""),
        converted,
    )


def to_traditional(document: Document, rng: random.Random) -> Document:
    """Given a document, return it as a traditional-script mirror site would republish it."""
    convert = lambda text: text_to_traditional(text, rng)  # noqa: E731

    def block(b: Block) -> Block:
        if isinstance(b, Heading):
            return Heading(convert(b.text))
        if isinstance(b, Grid):
            return Grid(b.width, [[replace(s, text=convert(s.text)) for s in row] for row in b.rows])
        return convert(b)

    return Document(convert(document.title), [block(b) for b in document.blocks],
                    [convert(line) for line in document.signature])


def grid_origins(grid: Grid) -> list[tuple[int, int, Span]]:
    """Given a grid, return each cell with the row and column of its top-left position."""
    taken: set[tuple[int, int]] = set()
    origins = []
    for r, row in enumerate(grid.rows):
        c = 0
        for span in row:
            while (r, c) in taken:
                c += 1
            taken |= {(r + dr, c + dc) for dr in range(span.rows) for dc in range(span.cols)}
            origins.append((r, c, span))
            c += span.cols
    return origins


def grid_positions(grid: Grid) -> list[list[str | None]]:
    """Given a grid, return its full matrix of cell texts, None where a merged cell covers the position."""
    matrix: dict[tuple[int, int], str | None] = {}
    for r, c, span in grid_origins(grid):
        matrix |= {(r + dr, c + dc): None for dr in range(span.rows) for dc in range(span.cols)}
        matrix[(r, c)] = span.text
    return [[matrix.get((r, c), "") for c in range(grid.width)] for r in range(len(grid.rows))]

