"""Benchmarks of ingest throughput, dashboard queries at scale and the app's first page; run ``python bench/run.py``."""
