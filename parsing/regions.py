"""Resolve an agency name to its province, city and county with the division table of the cpca package."""

import csv
import io
import re
from dataclasses import dataclass
from functools import cache
from importlib import resources

import ahocorasick

from parsing.lookalikes import misread_of
from parsing.model import Region

SUFFIXES = re.compile(r"(?:特别行政区|维吾尔自治区|壮族自治区|回族自治区|自治区|自治州|地区|盟|省|市|县|区|旗)$")
"""Suffixes a name may drop in running text (安顺市 → 安顺)."""


@dataclass(frozen=True)
class Division:
    code: str
    name: str

    @property
    def level(self) -> str:
        if self.code.endswith("0000"):
            return "province"
        if self.code.endswith("00"):
            return "city"
        return "county"


@cache
def divisions() -> dict[str, Division]:
    """Return every division of the table keyed by its six-digit code."""
    data = resources.files("cpca").joinpath("resources/adcodes.csv").read_text(encoding="utf-8")
    table = {}
    for row in csv.DictReader(io.StringIO(data)):
        code = row["adcode"][:6]
        if row["name"] in ("市辖区", "县", "省直辖县级行政区划", "自治区直辖县级行政区划"):
            continue
        table[code] = Division(code, row["name"])
    return table


@cache
def names_index() -> dict[str, list[Division]]:
    """Return divisions keyed by full name and by the name without its suffix (two characters or more)."""
    index: dict[str, list[Division]] = {}
    for d in divisions().values():
        index.setdefault(d.name, []).append(d)
        short = SUFFIXES.sub("", d.name)
        if len(short) >= 2 and short != d.name:
            index.setdefault(short, []).append(d)
    return index


def parents(d: Division) -> Region:
    """Given a division, return the region it makes with its parents."""
    table = divisions()
    province = table.get(d.code[:2] + "0000")
    city = table.get(d.code[:4] + "00") if d.level != "province" else None
    if d.level == "county" and city is None:
        # A county directly under a province (省直辖县级) has no city of its own.
        return Region(province.name if province else None, None, d.name)
    return Region(
        province.name if province else None,
        city.name if city and city.code != (province.code if province else None) else None,
        d.name if d.level == "county" else None,
    )


def _specificity(d: Division) -> int:
    return {"province": 0, "city": 1, "county": 2}[d.level]


@cache
def _automaton() -> ahocorasick.Automaton:
    """Return an Aho-Corasick automaton over every indexed name: one pass finds them all in a text."""
    automaton = ahocorasick.Automaton()
    for name in names_index():
        automaton.add_word(name, name)
    automaton.make_automaton()
    return automaton


TOWNSHIP_AFTER = re.compile(r"[镇乡村]|街道|社区")
"""A name followed by these is a township or village that shares a county's short name (小店镇 is not 小店区)."""


def find_divisions(text: str) -> list[Division]:
    """Given a name or text, return the divisions named in it, in order of position (longest match wins).

    A name without its suffix (安顺 for 安顺市) counts only at the start of the text or right after
    another division, and not before 镇/乡/街道: inside words it is mostly something else (自然资源局
    holds 资源, a county of 桂林).
    """
    index = names_index()
    hits = sorted(((end - len(name) + 1, -len(name), name) for end, name in _automaton().iter(text)))
    found, covered = [], 0
    for start, negative_length, name in hits:
        end = start - negative_length
        if start < covered:
            continue
        if name not in divisions_by_name() and (start not in (0, covered) or TOWNSHIP_AFTER.match(text, end)):
            continue
        found.extend(index[name])
        covered = end
    return found


@cache
def divisions_by_name() -> frozenset[str]:
    """Return the full names of every division (安顺市, not 安顺)."""
    return frozenset(d.name for d in divisions().values())


COUNTY_WORD = re.compile(r"^([\u4e00-\u9fff]{1,5}?(?:县|区|市|旗))")
"""The county-level name an agency name starts with (沐阳县人民政府 → 沐阳县)."""


def _misread_divisions(agency: str) -> list[Division]:
    """Given an agency whose name holds no known division, return the one its first name was OCR-misread from."""
    m = COUNTY_WORD.match(agency)
    if not m:
        return []
    word = m[1]
    name = misread_of(word, [n for n in divisions_by_name() if n.endswith(word[-1])])
    return names_index()[name] if name else []


def _settle(candidates: list[Division], named_codes: set[str]) -> list[Division] | None:
    """Given namesake divisions and the codes named beside them, return the one a named parent picks.

    The city settles a county more surely than the province (新华区 is in 石家庄 and in 沧州)."""
    for width in (4, 2):
        picked = [d for d in candidates if d.code[:width].ljust(6, "0") in named_codes]
        if len(picked) == 1:
            return picked
    return None


def resolve(agency: str | None, context: str = "") -> Region:
    """Given an agency name (and the report's text for tie-breaks), return its jurisdiction.

    A township or street office belongs to its county, a development zone to its city (it has
    no code of its own). A county name that several cities share is settled by the parent named
    in the agency or, failing that, in the text; where nothing settles it the county stays unknown.
    """
    if not agency:
        return Region()
    named = find_divisions(agency) or _misread_divisions(agency)
    if not named:
        return Region()
    best = max(_specificity(d) for d in named)
    candidates = [d for d in named if _specificity(d) == best]
    if len(candidates) > 1:
        settled = _settle(candidates, {d.code for d in named if _specificity(d) < best})
        if settled is None and context:
            # Searched only now: the automaton takes ~0.9 ms over 3 000 characters (it looks a character up
            # among the ~900 first characters of names one by one), and the agency settles half the cases.
            settled = _settle(candidates, {d.code for d in find_divisions(context[:3000])})
        candidates = settled or candidates
    if len(candidates) != 1:
        region = parents(candidates[0])
        shared = [parents(d) for d in candidates]
        province = region.province if all(r.province == region.province for r in shared) else None
        city = region.city if all(r.city == region.city for r in shared) else None
        return Region(province, city, None)
    return parents(candidates[0])


TOWNSHIP_AGENCY = re.compile(r"(?:镇|乡|街道)(?:人民政府|政府|办事处|党政办|$)")
"""An agency of a township or street office (小店镇人民政府, 城东街道办事处)."""


def level_of(agency: str | None, region: Region) -> str | None:
    """Given an agency and its region, return 省, 市, 县 or 乡 (the level of government it belongs to)."""
    if not agency or region.province is None:
        return None
    if TOWNSHIP_AGENCY.search(agency):
        return "乡"
    return region_level(region)


def region_level(region: Region) -> str | None:
    """Given a region, return the level of the deepest division it names (县, 市 or 省), None when it names none."""
    return "县" if region.county else "市" if region.city else "省" if region.province else None
