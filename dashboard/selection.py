"""The selection every page shows: years, jurisdiction, level and agency, as one hashable value."""

from dataclasses import dataclass

DRILL_LEVELS: tuple[str, ...] = ("province", "city", "county", "agency", "report")
"""The steps of a drill-down, from the widest to one report."""

LEVELS: dict[str, str] = {"省": "省级", "市": "市级", "县": "县级", "乡": "乡级"}
"""Values of ``reports.level`` and how the sidebar names them."""


@dataclass(frozen=True)
class Selection:
    """What the user has narrowed the data to; ``None`` or an empty tuple means no restriction."""

    years: tuple[int, ...] = ()
    province: str | None = None
    city: str | None = None
    county: str | None = None
    level: str | None = None
    agency: str | None = None
    q: str | None = None

    @property
    def drill_level(self) -> str:
        """The level a jurisdiction chart breaks the selection down by: the first one not yet chosen."""
        chosen = (self.province, self.city, self.county, self.agency)
        return next((lvl for lvl, value in zip(DRILL_LEVELS, chosen) if value is None), "report")

    def params(self) -> dict[str, object]:
        """The SQL parameters of the selection, named as in ``queries.SELECTED``."""
        return {
            "years": list(self.years),
            "province": self.province,
            "city": self.city,
            "county": self.county,
            "level": self.level,
            "agency": self.agency,
            "q": self.q,
        }

    def describe(self) -> str:
        """Given the selection, return the Chinese phrase a chart title states it with."""
        years = "、".join(f"{y}年" for y in sorted(self.years)) or "全部年度"
        places = [p for p in (self.province, self.city, self.county, self.agency) if p] or ["全部地区"]
        parts = [years, *places]
        if self.level:
            parts.append(LEVELS.get(self.level, self.level))
        if self.q:
            parts.append(f"名称含“{self.q}”")
        return " · ".join(parts)
