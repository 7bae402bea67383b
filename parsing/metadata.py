"""Metadata of a report: statistics year, agency, publication date, and the 信息处理费 it charged."""

import re
from collections import Counter
from collections.abc import Iterator

from parsing.regions import find_divisions

YEAR = r"((?:19|20)\d\d)\s*年"
TITLE = re.compile(r"(?:(?:^|\n)[#\s]*(?:标题\s*:\s*)?)([^\n。,;:《》]{0,40}?)\s*" + YEAR + r"\s*度?\s*([^\n。,;:《》]{0,30}?)\s*政\s*府\s*信\s*息\s*公\s*开\s*(?:工\s*作)?\s*(?:\d{4}\s*年\s*)?(?:年\s*度)?\s*报\s*告")
"""A title line: '{机关}{YYYY}年(度)政府信息公开工作年度报告' or '{YYYY}年{机关}政府信息公开…报告'."""

QUOTED_TITLE = re.compile(r"《([^《》\n]{2,40}?)" + YEAR + r"度?政府信息公开工作(?:年度)?报告》")
"""The title as an intro sentence quotes it: 公布《广元市利州区2023年度政府信息公开工作年度报告》."""

PERIOD = re.compile(r"统计(?:期限|时间|期间|区间)[^。]{0,30}?" + YEAR + r"\s*1\s*月\s*1\s*日")
"""The statistics period sentence, whose start date gives the report year."""

DATE = re.compile(r"((?:19|20)\d\d)\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日")
PAGE_DATE = re.compile(r"(?:发布时间|发布日期|发文日期)\s*[:]?\s*((?:19|20)\d\d)[-/.年](\d{1,2})[-/.月](\d{1,2})")
"""The portal header's publication date, as saved pages and crawlers keep it."""

AGENCY_SUFFIX = r"(?:人民政府办公厅|人民政府办公室|人民政府|政府办公室|管理委员会办公室|管理委员会|管委会|办事处|办公厅|办公室|委员会|局|厅|委|院|署|政府|中心)"
SIGNATURE = re.compile(r"([\u4e00-\u9fff()]{2,40}" + AGENCY_SUFFIX + r")\s*\n?\s*\(?" + DATE.pattern + r"\)?\s*$")
"""The signature block at the end: the agency name, then the date."""

NOT_IN_SIGNATURE = re.compile(r"[^\u4e00-\u9fff()\s\d]")
"""A character ``SIGNATURE`` cannot hold: being anchored at the end, it can only start after the last one."""

FEE_AMOUNT = re.compile(r"(?:收取|处理费)[^。\n]*?(\d[\d,]*(?:\.\d+)?)\s*(万元|元)")
FEE_NONE = re.compile(r"(?:未|没有|无|不)\s*(?:收取|收|产生)")


BLANKS = re.compile(r"\s+")
LEAD_WORD = re.compile(r"^(?:标题|关于)")
"""Words before an agency's name in a title line (标题: …, 关于…)."""


def clean_agency(name: str) -> str:
    name = BLANKS.sub("", name).strip("#*-:·、 ")
    return LEAD_WORD.sub("", name)


def read_title(text: str) -> tuple[str | None, int | None]:
    """Given the opening of a report, return the agency and year of its title line."""
    head = text[:600]
    for m in TITLE.finditer(head):
        before, year, after = clean_agency(m[1]), int(m[2]), clean_agency(m[3])
        agency = after or before
        if not agency:
            # Title split over two lines: '洪泽区人民政府' / '2023 年政府信息公开工作年度报告'.
            previous = head[: m.start()].rstrip().rsplit("\n", 1)[-1]
            agency = clean_agency(previous) if re.search(AGENCY_SUFFIX + "$", previous.strip()) else ""
        return agency or None, year
    return None, None


def read_quoted_title(text: str) -> tuple[str | None, int | None]:
    """Given a report without a title line, return the agency and year of the title its intro quotes."""
    m = QUOTED_TITLE.search(text[:3000])
    return (clean_agency(m[1]) or None, int(m[2])) if m else (None, None)


def read_year(text: str, title_year: int | None, published: str | None) -> int | None:
    """Given the text, return the statistics year: 统计期限, else the title, else the year most talked about."""
    m = PERIOD.search(text)
    if m:
        return int(m[1])
    if title_year:
        return title_year
    ceiling = int(published[:4]) if published else 9999
    years = Counter(int(y) for y in re.findall(YEAR, text) if 2008 <= int(y) <= ceiling)
    if not years:
        return None
    top = max(years.values())
    return max(y for y, n in years.items() if n == top)


CHINESE_DATE = re.compile(r"([〇零一二三四五六七八九][〇零一二三四五六七八九]{3})\s*年\s*([一二三四五六七八九十]{1,3})\s*月\s*([一二三四五六七八九十]{1,3})\s*日")
"""A date written in Chinese numerals, as some signatures are: 二〇二四年二月十九日. The first numeral stands
apart from the other three so that sre skips to where one is instead of trying every position (a third of the time)."""

CHINESE_DIGITS = {c: i for i, c in enumerate("〇一二三四五六七八九")} | {"零": 0}


def _chinese_number(text: str) -> int:
    """Given 一 … 三十一 (or a run of digits like 二〇二四), return its value."""
    if "十" not in text:
        return int("".join(str(CHINESE_DIGITS[c]) for c in text))
    tens, _, units = text.partition("十")
    return (CHINESE_DIGITS[tens] if tens else 1) * 10 + (CHINESE_DIGITS[units] if units else 0)


def arabic_dates(text: str) -> str:
    """Given text, return it with dates in Chinese numerals written in digits (2024年2月19日)."""
    return CHINESE_DATE.sub(lambda m: f"{_chinese_number(m[1])}年{_chinese_number(m[2])}月{_chinese_number(m[3])}日", text)


CHROME_BUTTON = re.compile(r"打印本页|打印|关闭窗口|关闭|收藏|分享到?|返回顶部|附件下载|扫一扫")
PAGE_CHROME_LINE = re.compile(r"^[\s【】\[\]|]*(?:(?:" + CHROME_BUTTON.pattern + r")[\s【】\[\]|:]*)+$", re.M)
"""Portal buttons saved with the page after the report (【打印本页】【关闭窗口】). Tried at every position, the
pattern takes twice as long as a search for a button: most texts have none, and are spared it."""


def read_signature(text: str) -> tuple[str | None, str | None]:
    """Given the text, return the agency and date of the signature block at its end (portal buttons after it ignored)."""
    tail = text[-400:]
    if CHROME_BUTTON.search(tail):
        tail = PAGE_CHROME_LINE.sub("", tail)
    tail = arabic_dates(tail).rstrip()[-300:]
    # Searched from there rather than tried at every start of the tail: a quarter of the time.
    last_other = NOT_IN_SIGNATURE.search(tail[::-1])
    m = SIGNATURE.search(tail, len(tail) - last_other.start() if last_other else 0)
    if m:
        return clean_agency(m[1]), _iso(m[2], m[3], m[4])
    lines = [line.strip() for line in tail.splitlines() if line.strip()]
    if lines and DATE.fullmatch(lines[-1]):
        d = DATE.fullmatch(lines[-1])
        return None, _iso(d[1], d[2], d[3])
    return None, None


def read_published(text: str, signature_date: str | None) -> str | None:
    """Given the text, return the publication date: the signature's, a date under the title, or the page header's."""
    if signature_date:
        return signature_date
    m = re.search(r"^\s*\(\s*" + DATE.pattern + r"\s*\)\s*$", text[:600], re.M)
    if m:
        return _iso(m[1], m[2], m[3])
    m = PAGE_DATE.search(text[:1000])
    return _iso(m[1], m[2], m[3]) if m else None


def _iso(y: str, m: str, d: str) -> str | None:
    month, day = int(m), int(d)
    if not (1 <= month <= 12 and 1 <= day <= 31):
        return None
    return f"{int(y):04d}-{month:02d}-{day:02d}"


def agency_from_text(text: str) -> str | None:
    """Given a report without title or signature, return the body it names: a known county or city
    followed by a township, street office or government (001: 博野县小店镇政府)."""
    for d in find_divisions(text[:6000]):
        m = re.search(re.escape(d.name) + r"([\u4e00-\u9fff]{1,6}?(?:镇|乡|街道)(?:人民政府|政府|办事处)?|人民政府)", text)
        if m:
            return d.name + m[1]
    return None


def fee_sentences(text: str) -> Iterator[str]:
    """Given text, yield each sentence (up to 。 or a line break) that mentions 处理费."""
    start = text.find("处理费")
    while start != -1:
        left = max(text.rfind("。", 0, start), text.rfind("\n", 0, start)) + 1
        ends = [e for e in (text.find("。", start), text.find("\n", start)) if e != -1]
        right = min(ends) if ends else len(text)
        yield text[left:right]
        start = text.find("处理费", right)


def read_fee(section: str, text: str) -> float | int | None:
    """Given section 六 (or, failing that, the whole text), return the 信息处理费 charged in 元.

    An amount → that amount; a sentence saying none was charged → 0; no mention → None.
    """
    for source in (section, text):
        for sentence in fee_sentences(source):
            amount = FEE_AMOUNT.search(sentence)
            if amount:
                value = float(amount[1].replace(",", ""))
                value = value * 10000 if amount[2] == "万元" else value
                return int(value) if value.is_integer() else value
            if FEE_NONE.search(sentence):
                return 0
    return None
