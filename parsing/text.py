"""Normalisation of a report's text before anything reads it: one script, one width, no glosses."""

import re
import unicodedata
from functools import cache
from importlib import resources

PINYIN_GLOSS = re.compile(r"\((?<=[\u4e00-\u9fff]\()[a-zA-Zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜüńňǹḿ]{1,7}\)")
"""Pinyin some mirror sites inject after characters: 公開(kāi) → 公開; see forms.md §4. The bracket comes
first and the character before it is looked behind for, so that the search can skip from bracket to bracket."""

PAGE_FOOTER = re.compile(r"\n[ \t]*(?:[-—–]+[ \t]*\d{1,3}[ \t]*[-—–]+|第[ \t]*\d{1,3}[ \t]*页(?:[ \t]*共[ \t]*\d+[ \t]*页)?|Page \d+)[ \t]*(?=\n|\Z)")
"""Page numbers left on a line of their own by PDF extraction ("- 3 -", "— 5 —", "第 3 页"), with the line break
before them: the search skips from break to break, where ``^`` is tried at every character (a third of the time)."""

FOOTER_MARKS = ("-", "—", "–", "页", "Page")
"""What every ``PAGE_FOOTER`` holds one of: three texts in four have none, and are not searched at all."""

RADICALS = str.maketrans(
    "⺟⺠⺩⻄⻅⻆⻉⻋⻓⻔⻘⻙⻚⻛⻜⻢⻣⻥⻦⻧⻨⻩⻪⻬⻮⻰⻳",
    "母民王西见角贝车长门青韦页风飞马骨鱼鸟卤麦黄黾齐齿龙龟",
)
"""CJK Radicals Supplement characters that PDF text layers use for whole characters (人⺠政府), and the
ideographs Unicode's EquivalentUnifiedIdeograph.txt gives for them; NFKC leaves this block alone."""

FULL_WIDTH_PUNCTUATION = {"，": ",", "（": "(", "）": ")", "．": ".", "；": ";", "：": ":"}
"""The full-width punctuation of almost every report, with its NFKC form. Put in first, it leaves most
texts already normal, and NFKC's quick check then spares decomposing every character (20 times faster)."""

RADICAL = re.compile("[" + "".join(map(chr, RADICALS)) + "]")
"""Any character ``RADICALS`` replaces: most texts have none, and a search costs far less than the translation."""

TRADITIONAL_SHARE = 0.04
"""Share of traditional-only characters above which a text counts as traditional script."""


@cache
def _t2s():
    from opencc import OpenCC

    return OpenCC("t2s")


@cache
def traditional_chars() -> frozenset[str]:
    """Return the characters that only traditional script uses.

    The list is the traditional side of OpenCC's TSCharacters less every character that is also a
    simplified one, as opencc-python-reimplemented 0.1.7 shipped it; it is kept in a file of its own
    so that which texts count as traditional does not move with the converter's dictionary.
    """
    listing = resources.files("parsing").joinpath("traditional_only.txt").read_text(encoding="utf-8")
    return frozenset(listing.replace("\n", ""))


@cache
def _may_hold_traditional(or_radical: bool = False) -> re.Pattern:
    """Return a class of the BMP's traditional-only characters and of every character beyond the BMP
    (and of the ``RADICALS``, with ``or_radical``: one scan then tells whether either pass is needed).

    sre tests a class of BMP characters with one table look-up, but the few hundred traditional-only
    characters beyond the BMP, listed in it, would make it compare item by item (a hundred times slower):
    the class takes the whole range out there instead, and the caller keeps the traditional-only ones.
    """
    bmp = "".join(c for c in traditional_chars() if c <= "\uffff") + ("".join(map(chr, RADICALS)) if or_radical else "")
    return re.compile("[" + re.escape(bmp) + "\U00010000-\U0010ffff]")


CJK_RUN = re.compile(r"[\u4e00-\u9fff]+")


def detect_script(text: str) -> str:
    """Given text, return "traditional" or "simplified" by its share of traditional-only characters."""
    traditional = traditional_chars()
    count = 0
    for m in _may_hold_traditional().finditer(text):
        count += m[0] in traditional
        # Their share of the whole text is at most their share of its CJK characters: past the threshold,
        # a text with any CJK character is traditional, and the rest is not read (60% less for such a text).
        if count / len(text) > TRADITIONAL_SHARE:
            return "traditional" if CJK_RUN.search(text) else "simplified"
    if not count:
        return "simplified"
    cjk = sum(map(len, CJK_RUN.findall(text)))
    return "traditional" if cjk and count / cjk > TRADITIONAL_SHARE else "simplified"


def normalize(raw: str) -> tuple[str, str]:
    """Given a report's raw text, return it normalised and the script it was found in.

    NFKC first (full-width digits and brackets, and the Kangxi radicals PDF extraction yields; the
    radicals NFKC does not cover by ``RADICALS``),
    then pinyin glosses out, then traditional → simplified, then page footers and stray blanks.
    """
    text = raw
    for wide, narrow in FULL_WIDTH_PUNCTUATION.items():
        text = text.replace(wide, narrow)
    text = unicodedata.normalize("NFKC", text)
    # One scan for the characters the radical and the script passes look for (the steps in between neither
    # add nor remove any): most texts have none, and are then not scanned a second time (~13 µs a report).
    rare = _may_hold_traditional(or_radical=True).search(text)
    if rare and RADICAL.search(text, rare.start()):
        text = text.translate(RADICALS)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = text.replace("\u00a0", " ").replace("\u3000", " ").replace("\ufeff", "")
    text = PINYIN_GLOSS.sub("", text)
    script = detect_script(text) if rare else "simplified"
    if script == "traditional":
        text = _t2s().convert(text)
    if any(mark in text for mark in FOOTER_MARKS):
        text = PAGE_FOOTER.sub("\n", "\n" + text)[1:]
    return text, script
