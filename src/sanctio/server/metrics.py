"""Prometheus metrics: requests, latencies, parties screened, list ages, the index.

With several worker processes (``sanctio serve --workers N``) the counters are shared
through prometheus-client's multiprocess mode: ``sanctio serve`` points
``PROMETHEUS_MULTIPROC_DIR`` at a fresh folder before the workers start, and ``/metrics``
adds up every worker's files. List ages and index facts describe the worker that answers
the scrape (every worker serves the same versions once its polling has caught up).
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from datetime import UTC, datetime

from prometheus_client import (
    CONTENT_TYPE_LATEST,
    CollectorRegistry,
    Counter,
    Histogram,
    disable_created_metrics,
    generate_latest,
    multiprocess,
)
from prometheus_client.core import GaugeMetricFamily
from prometheus_client.registry import Collector

from sanctio.server.index import IndexHolder, list_age_seconds

__all__ = [
    "CONTENT_TYPE_LATEST",
    "PARTIES_SCREENED",
    "REQUESTS",
    "REQUEST_SECONDS",
    "mark_process_dead",
    "render",
]

disable_created_metrics()  # no *_created series: scrapers do not need them

REQUESTS = Counter(
    "sanctio_http_requests_total", "HTTP requests answered", ["method", "route", "status"]
)
REQUEST_SECONDS = Histogram(
    "sanctio_http_request_duration_seconds",
    "Time to answer an HTTP request",
    ["route"],
    buckets=(0.002, 0.005, 0.01, 0.02, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0),
)
PARTIES_SCREENED = Counter(
    "sanctio_parties_screened_total", "Parties screened", ["endpoint", "outcome"]
)


class IndexCollector(Collector):
    """List ages and index facts of this process, read at scrape time."""

    def __init__(self, holder: IndexHolder) -> None:
        self.holder = holder

    def collect(self) -> Iterator[GaugeMetricFamily]:
        loaded = self.holder.current
        ages = GaugeMetricFamily(
            "sanctio_list_age_seconds",
            "Seconds since the as-of date of each list version served",
            labels=["source", "version"],
        )
        entities = GaugeMetricFamily("sanctio_index_entities", "Entities in the index served")
        ready = GaugeMetricFamily("sanctio_index_ready", "1 when an index is loaded")
        swaps = GaugeMetricFamily(
            "sanctio_index_swaps", "New indexes swapped in since this process started"
        )
        now = datetime.now(UTC)
        if loaded is not None:
            for version in loaded.versions:
                ages.add_metric([version.source, str(version.id)], list_age_seconds(version, now))
            entities.add_metric([], len(loaded.entities))
        ready.add_metric([], 1 if loaded is not None else 0)
        swaps.add_metric([], self.holder.swaps)
        yield from (ages, entities, ready, swaps)


def render(holder: IndexHolder) -> bytes:
    """The metrics page: every process's counters, and this process's index facts."""
    registry = CollectorRegistry()
    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        multiprocess.MultiProcessCollector(registry)
    else:
        for metric in (REQUESTS, REQUEST_SECONDS, PARTIES_SCREENED):
            registry.register(metric)
    registry.register(IndexCollector(holder))
    return generate_latest(registry)


def mark_process_dead() -> None:
    """Drop this process's live-gauge files at shutdown (multiprocess mode only)."""
    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        multiprocess.mark_process_dead(os.getpid())
