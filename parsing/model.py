"""The parsed report: cells that keep their source text, and the record of the spec."""

from dataclasses import dataclass, field
from typing import Any

Number = int | float


@dataclass(frozen=True)
class Cell:
    """One table cell: its value, and the text it was read from ('' for a blank)."""

    value: Number | None
    raw: str = ""


Rows = dict[str, dict[str, Cell]]
"""Cells of one table keyed by row, then by column or metric."""


@dataclass(frozen=True)
class Table:
    """A decoded table 二 or 三: the form it follows and its cells."""

    format: str | None
    rows: Rows = field(default_factory=dict)

    def value(self, row: str, col: str) -> Number | None:
        """Given a row and a column key, return the cell's value (None when absent)."""
        cell = self.rows.get(row, {}).get(col)
        return cell.value if cell else None

    def values(self, row: str, cols: list[str]) -> list[Number | None]:
        """Given a row and column keys, return the cells' values (None where absent)."""
        cells = self.rows.get(row, {})
        return [cells[c].value if c in cells else None for c in cols]

    def to_dict(self) -> dict[str, Any]:
        return {
            "format": self.format,
            "rows": {r: {c: cell.value for c, cell in cols.items()} for r, cols in self.rows.items()},
        }


@dataclass(frozen=True)
class Check:
    """The outcome of one arithmetic rule: ok is None when the cells cannot decide it."""

    rule: str
    ok: bool | None
    detail: str

    def to_dict(self) -> dict[str, Any]:
        return {"rule": self.rule, "ok": self.ok, "detail": self.detail}


@dataclass(frozen=True)
class Region:
    """The jurisdiction a report belongs to; None where a level does not apply."""

    province: str | None = None
    city: str | None = None
    county: str | None = None

    def to_dict(self) -> dict[str, str | None]:
        return {"province": self.province, "city": self.city, "county": self.county}


@dataclass(frozen=True)
class Report:
    """One annual report as parsed; ``to_dict()`` is the record of the spec."""

    year: int | None
    agency: str | None
    region: Region
    published: str | None
    script: str
    active: Table
    requests: Table
    appeals: Rows
    info_processing_fee_yuan: Number | None
    checks: tuple[Check, ...] = ()
    level: str | None = None
    ambiguous: dict[str, list[Number]] = field(default_factory=dict)
    source_format: str = "text"
    text: str = ""

    def to_dict(self) -> dict[str, Any]:
        record = {
            "year": self.year,
            "agency": self.agency,
            "region": self.region.to_dict(),
            "published": self.published,
            "script": self.script,
            "active": self.active.to_dict(),
            "requests": self.requests.to_dict(),
            "appeals": {b: {m: c.value for m, c in cells.items()} for b, cells in self.appeals.items()},
            "info_processing_fee_yuan": self.info_processing_fee_yuan,
            "checks": [c.to_dict() for c in self.checks],
        }
        if self.ambiguous:
            record["ambiguous_cells"] = self.ambiguous
        return record
