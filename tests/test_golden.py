"""Every golden record, cell by cell: the seeds and the real reports with their hand-read records."""

import json

import pytest

from golden_compare import golden_differences
from parsing import parse_report
from conftest import GOLDEN

CASES = sorted(p for p in GOLDEN.iterdir() if p.suffix != ".json")

PENDING: dict[str, str] = {}
"""Goldens the parser does not yet read, with the reason; each is a strict xfail until it does."""


def _param(path):
    marks = [pytest.mark.xfail(reason=PENDING[path.stem], strict=True)] if path.stem in PENDING else []
    return pytest.param(path, id=path.stem, marks=marks)


@pytest.mark.parametrize("source", [_param(p) for p in CASES])
def test_golden(source):
    golden = json.loads(source.with_suffix(".json").read_text(encoding="utf-8"))
    record = parse_report(source).to_dict()
    assert golden_differences(record, golden) == []


def test_a_pre_2019_report_is_recognised_and_only_its_metadata_read():
    from conftest import REPORTS

    record = parse_report(REPORTS / "pingtan-2018.txt").to_dict()
    assert (record["year"], record["agency"], record["published"]) == (2018, "平潭综合实验区", "2019-01-10")
    assert record["requests"] == {"format": "pre-2019", "rows": {}}
    assert [c["rule"] for c in record["checks"] if c["ok"] is False] == ["national_form"]
