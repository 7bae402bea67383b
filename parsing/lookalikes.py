"""Names an OCR misread by one character (沐阳县 for 沭阳县), matched by how alike the two characters look."""

import glob
from functools import cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # imported on the first comparison of glyphs: most reports name a known division and never
    # need one, and numpy and PIL take ~0.1 s and ~14 000 objects (which every full garbage collection walks).
    import numpy as np
    from PIL import ImageFont

FONT_FILES = ("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc", "/usr/share/fonts/**/NotoSansCJK*.tt[cf]")
"""Where the CJK font the project installs (scripts/install-system.sh) is; without it no name is matched."""

SIMPLIFIED_CHINESE_FACE = 2
"""Index of the Simplified Chinese face in the Noto Sans CJK collection."""

ALIKE = 0.6
"""Share of ink two glyphs must have in common to count as an OCR confusion (沐/沭 0.73; 沐/泗 0.32)."""

SIZE = 64


@cache
def _font() -> "ImageFont.FreeTypeFont | None":
    from PIL import ImageFont

    for pattern in FONT_FILES:
        for path in glob.glob(pattern, recursive=True):
            try:
                return ImageFont.truetype(path, SIZE, index=SIMPLIFIED_CHINESE_FACE if path.endswith(".ttc") else 0)
            except OSError:
                continue
    return None


@cache
def _ink(char: str) -> "np.ndarray":
    import numpy as np
    from PIL import Image, ImageDraw

    image = Image.new("L", (SIZE + 8, SIZE + 8), 0)
    ImageDraw.Draw(image).text((4, 0), char, fill=255, font=_font())
    return np.asarray(image) > 128


def likeness(a: str, b: str) -> float:
    """Given two characters, return the share of their ink they have in common (1.0: the same glyph)."""
    if _font() is None:
        return 1.0 if a == b else 0.0
    ink_a, ink_b = _ink(a), _ink(b)
    union = (ink_a | ink_b).sum()
    return float((ink_a & ink_b).sum() / union) if union else 0.0


def misread_of(word: str, names: list[str]) -> str | None:
    """Given a word and known names, return the one name it could be an OCR misreading of, or None.

    A candidate has the word's length and differs in one character, and that character looks like
    the printed one; where several do, none is chosen.
    """
    hits = []
    for name in names:
        if len(name) != len(word):
            continue
        diffs = [(x, y) for x, y in zip(word, name) if x != y]
        if len(diffs) == 1 and likeness(*diffs[0]) >= ALIKE:
            hits.append(name)
    return hits[0] if len(hits) == 1 else None
