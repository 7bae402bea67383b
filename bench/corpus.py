"""A folder of synthetic report files, rendered in parallel, a fixed share of each layout."""

import random
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from synth import LAYOUTS, RULES, generate, render

PLANTED_SHARE = 0.1
"""Share of reports that carry an arithmetic error, as a real corpus does."""

SHARES: dict[str, float] = {"pipe_lines": 0.25, "pipe_one_line": 0.25, "tabs": 0.25, "html": 0.15, "docx": 0.1}
"""Share of each layout in a corpus: mostly text, whose ingest has a target; HTML and DOCX parse 10× slower."""


def _write(job: tuple[int, str, Path]) -> Path:
    """Given a seed, a layout and a folder, write the report file for that seed and return its path."""
    seed, layout, folder = job
    rng = random.Random(seed)
    plants = [rng.choice(RULES)] if rng.random() < PLANTED_SHARE else []
    path = folder / layout / f"report-{seed:07d}{LAYOUTS[layout]}"
    path.write_bytes(render(generate(seed, plants), layout, seed))
    return path


def write_corpus(folder: Path, reports: int, workers: int = 2) -> dict[str, list[Path]]:
    """Given a folder and a count, write that many reports into it, split over the layouts by ``SHARES``."""
    jobs = []
    for layout, share in SHARES.items():
        (folder / layout).mkdir(parents=True, exist_ok=True)
        jobs += [(len(jobs) + i, layout, folder) for i in range(round(reports * share))]
    with ProcessPoolExecutor(max_workers=workers) as pool:
        paths = list(pool.map(_write, jobs, chunksize=16))
    return {layout: [p for p in paths if p.parent.name == layout] for layout in SHARES}
