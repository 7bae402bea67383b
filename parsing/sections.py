"""Locate the numbered sections of a report (二 … 六) in its normalised text."""

import re

HEADINGS: dict[str, str] = {
    "active": r"二\s*[、.]\s*主动公开",
    "requests": r"三\s*[、.]\s*收到和处理",
    "appeals": r"四\s*[、.][^\n|]{0,20}?复议",
    "problems": r"五\s*[、.][^\n|]{0,20}?(?:问题|改进)",
    "other": r"六\s*[、.]\s*其他",
}
"""Heading of each section: its number plus keywords, since the wording varies (forms.md §1.2)."""
HEADING_PATTERNS = {name: re.compile(pattern) for name, pattern in HEADINGS.items()}
FORM_CAPTION = re.compile(r"第二十条第\s*\(\s*[一五六八九]\s*\)\s*项")
"""Caption of a table 二 block; only reports in the 2019 or 2021 national form have it."""


def text_to_sections(text: str) -> dict[str, str]:
    """Given normalised text, return each section's text keyed by section name ('' when absent).

    Each heading is searched after the previous one found, so that a table of contents or a row
    label such as 四、结转下年度继续办理 is not taken for a heading.
    """
    starts: dict[str, tuple[int, int]] = {}
    pos = 0
    for name, pattern in HEADING_PATTERNS.items():
        m = pattern.search(text, pos)
        if m:
            starts[name] = (m.start(), m.end())
            pos = m.end()
    order = sorted(starts.items(), key=lambda kv: kv[1][0])
    sections = {name: "" for name in HEADINGS}
    for i, (name, (_, end)) in enumerate(order):
        stop = order[i + 1][1][0] if i + 1 < len(order) else len(text)
        sections[name] = text[end:stop]
    sections["intro"] = text[: order[0][1][0]] if order else text
    return sections
