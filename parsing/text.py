"""Normalisation of a report's text before anything reads it: one script, one width, no glosses."""

import re
import unicodedata
from functools import cache
from importlib import resources

PINYIN_GLOSS = re.compile(r"(?<=[\u4e00-\u9fff])\([a-zA-Zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜüńňǹḿ]{1,7}\)")
"""Pinyin some mirror sites inject after characters: 公開(kāi) → 公開; see forms.md §4."""

PAGE_FOOTER = re.compile(r"^[ \t]*(?:[-—–]+[ \t]*\d{1,3}[ \t]*[-—–]+|第[ \t]*\d{1,3}[ \t]*页(?:[ \t]*共[ \t]*\d+[ \t]*页)?|Page \d+)[ \t]*$", re.M)
"""Page numbers left in the text by PDF extraction ("- 3 -", "— 5 —", "第 3 页")."""

RADICALS = str.maketrans(
    "⺟⺠⺩⻄⻅⻆⻉⻋⻓⻔⻘⻙⻚⻛⻜⻢⻣⻥⻦⻧⻨⻩⻪⻬⻮⻰⻳",
    "母民王西见角贝车长门青韦页风飞马骨鱼鸟卤麦黄黾齐齿龙龟",
)
"""CJK Radicals Supplement characters that PDF text layers use for whole characters (人⺠政府), and the
ideographs Unicode's EquivalentUnifiedIdeograph.txt gives for them; NFKC leaves this block alone."""

TRADITIONAL_SHARE = 0.04
"""Share of traditional-only characters above which a text counts as traditional script."""


@cache
def _t2s():
    from opencc import OpenCC

    return OpenCC("t2s")


@cache
def traditional_chars() -> frozenset[str]:
    """Return the characters that only traditional script uses (from OpenCC's own dictionary)."""
    listing = resources.files("opencc").joinpath("dictionary/TSCharacters.txt").read_text(encoding="utf-8")
    simplified = set()
    chars = set()
    for line in listing.splitlines():
        trad, _, simp = line.partition("\t")
        if len(trad) == 1:
            chars.add(trad)
            simplified.update(simp.split())
    return frozenset(chars - simplified)


CJK = re.compile(r"[\u4e00-\u9fff]")


@cache
def _without_traditional() -> dict[int, None]:
    return dict.fromkeys(map(ord, traditional_chars()))


def detect_script(text: str) -> str:
    """Given text, return "traditional" or "simplified" by its share of traditional-only characters."""
    cjk = len(CJK.findall(text))
    if not cjk:
        return "simplified"
    # str.translate deletes in C; counting with a regex class of 2 500 characters is ten times slower.
    share = (len(text) - len(text.translate(_without_traditional()))) / cjk
    return "traditional" if share > TRADITIONAL_SHARE else "simplified"


def normalize(raw: str) -> tuple[str, str]:
    """Given a report's raw text, return it normalised and the script it was found in.

    NFKC first (full-width digits and brackets, and the Kangxi radicals PDF extraction yields; the
    radicals NFKC does not cover by ``RADICALS``),
    then pinyin glosses out, then traditional → simplified, then page footers and stray blanks.
    """
    text = unicodedata.normalize("NFKC", raw).translate(RADICALS).replace("\r\n", "\n").replace("\r", "\n")
    text = text.replace("\u00a0", " ").replace("\u3000", " ").replace("\ufeff", "")
    text = PINYIN_GLOSS.sub("", text)
    script = detect_script(text)
    if script == "traditional":
        text = _t2s().convert(text)
    text = PAGE_FOOTER.sub("", text)
    return text, script
