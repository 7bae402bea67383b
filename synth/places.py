"""Real jurisdictions from the division table, and the names of the bodies that report for them."""

import random
from collections import Counter
from dataclasses import dataclass
from functools import cache

from parsing.regions import divisions

DEPARTMENTS: tuple[str, ...] = (
    "财政局", "教育局", "民政局", "司法局", "审计局", "统计局", "水利局", "自然资源局", "农业农村局",
    "卫生健康局", "交通运输局", "市场监督管理局", "住房和城乡建设局", "人力资源和社会保障局", "应急管理局",
    "文化广电和旅游局", "退役军人事务局", "医疗保障局", "林业局", "商务局",
)
"""County-level departments that publish their own reports."""

TOWN_NAMES: tuple[str, ...] = (
    "城关", "新集", "太平", "永安", "三合", "龙泉", "石桥", "马坊", "李庄", "王集", "黄土", "红旗", "大营",
    "东关", "西关", "双河", "白马", "高桥", "杨柳", "张集", "刘集", "陈庄", "赵庄", "孙集", "周庄", "吴店",
    "郑集", "花园", "梅林", "竹林", "官庄", "大桥", "新店", "白石", "黄岗", "土桥", "马集", "柳林", "金山",
    "沙河", "清水", "桃源", "古城", "小店", "石门", "长岭", "龙门", "凤凰",
)
"""Common township names; several (城关, 小店, 太平 …) are also the short names of districts elsewhere."""

KINDS: dict[str, float] = {"government": 0.25, "office": 0.1, "department": 0.45, "township": 0.2}
"""Kinds of reporting body and how often each is drawn."""


@dataclass(frozen=True)
class Place:
    """A county-level division with its province and city (city None when it is directly under the province)."""

    province: str
    city: str | None
    county: str

    def region(self) -> dict[str, str | None]:
        return {"province": self.province, "city": self.city, "county": self.county}


@cache
def places() -> tuple[Place, ...]:
    """Return every county-level division of the table with its parents, by code."""
    table = divisions()
    found = []
    for code, division in sorted(table.items()):
        if division.level != "county":
            continue
        province, city = table[code[:2] + "0000"], table.get(code[:4] + "00")
        found.append(Place(province.name, city.name if city else None, division.name))
    return tuple(found)


@cache
def shared_county_names() -> frozenset[str]:
    """Return the county names that more than one division bears (鼓楼区 is in four cities)."""
    counts = Counter(p.county for p in places())
    return frozenset(name for name, n in counts.items() if n > 1)


def government_prefix(place: Place) -> str:
    """Given a place, return what precedes its county in a government's name (利州区 → 广元市利州区)."""
    if place.city:
        return place.city
    # Districts of the four municipalities carry the municipality (北京市东城区); 省直辖 cities stand alone.
    return place.province if place.province.endswith("市") else ""


def agency_name(place: Place, kind: str, rng: random.Random) -> str:
    """Given a place and a kind of body, return a realistic name for that body."""
    county = place.county
    if kind == "government":
        return f"{government_prefix(place)}{county}人民政府"
    if kind == "office":
        return f"{government_prefix(place)}{county}人民政府办公室"
    if kind == "department":
        # Departments of a county whose name repeats elsewhere often say their city as well.
        prefix = government_prefix(place) if county in shared_county_names() and rng.random() < 0.5 else ""
        return f"{prefix}{county}{rng.choice(DEPARTMENTS)}"
    town = rng.choice(TOWN_NAMES)
    if county.endswith("区") and rng.random() < 0.5:
        return f"{county}{town}街道办事处"
    return f"{county}{town}{rng.choice(('镇', '镇', '乡'))}人民政府"
