"""Speed and memory: index build, query latency, throughput, candidate recall, compare pairs/s.

Run: make bench-speed   (or: .venv/bin/python benchmarks/speed.py [--lists DIR] [--queries N])
The lists folder defaults to $SANCTIO_LISTS_DIR, else ../shared/lists beside the repository.
The nomenklatura peer needs the benchmark extra: .venv/bin/pip install -e '.[bench]'.

Every list in the folder is loaded as users load it, with ``Screener.from_directory`` (the
newest version of each source). Measured, with the issue's targets in brackets:

1. Parsing, then the index build alone (``Screener(entities)`` on parsed entities, median
   of --build-runs, each with a cold name cache) [<= 15 s]; resident memory after the build
   (VmRSS) and its peak (VmHWM) from /proc/self/status [<= 1.5 GB].
2. Latency of ``screener.screen`` in-process, median and p99 over --queries queries drawn
   from benchmarks/quality_cases.py: varied list names, cross-script names and unlisted
   names [median <= 2 ms, p99 <= 20 ms].
3. Throughput of ``screener.screen`` over --throughput-queries queries, by 1 and by
   --processes worker processes forked after the build, so the index is shared copy-on-write
   [>= 1,500 queries/s]. A run stops after --max-seconds and counts the queries done by
   then (the output says so); queries per CPU second are reported too, as the steadier figure.
4. Candidate recall: for --recall-queries positive cases, the alerts found by scoring every
   listed entity (brute force, same scorer) that ``screen`` also returns [>= 99.5%]. The
   brute force stops after --recall-seconds; misses go to out/speed-recall-misses.tsv.
5. ``compare`` pairs/s on one core, on record dicts (with and without reading the
   explanation, which is written out when first read) and on prepared names
   (``score_entity``), beside nomenklatura ``logic-v2`` on the same pairs [10x nomenklatura].

The machine may be shared and noisy: medians and ratios are what to quote. The markdown
table printed at the end is ready for docs/benchmarks.md; everything is also written to
out/speed.json.
"""

from __future__ import annotations

import argparse
import gc
import hashlib
import itertools
import json
import math
import multiprocessing as mp
import os
import platform
import random
import statistics
import subprocess
import sys
import time
import unicodedata
from collections import defaultdict
from collections.abc import Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

BENCH = Path(__file__).resolve().parent
REPO = BENCH.parent
sys.path.insert(0, str(BENCH))

from quality_cases import Case, generate  # noqa: E402

import sanctio  # noqa: E402
from sanctio import Screener, compare  # noqa: E402
from sanctio.matching.prepare import prepare_name  # noqa: E402
from sanctio.matching.query import MAX_NAME_LENGTH, MAX_NAMES, Query  # noqa: E402
from sanctio.matching.score import prepare_query_names, score_entity  # noqa: E402
from sanctio.model import Entity  # noqa: E402
from sanctio.screener import MAX_LIMIT  # noqa: E402
from sanctio.sources.registry import find_bundles  # noqa: E402

SEED = 20261130  # the quality benchmark's seed: latency and recall use its cases
MIB = 1024 * 1024
TARGET_BUILD_S = 15.0
TARGET_RSS_MIB = 1.5e9 / MIB  # 1.5 GB
TARGET_MEDIAN_MS = 2.0
TARGET_P99_MS = 20.0
TARGET_QPS = 1500.0
TARGET_RECALL = 0.995
TARGET_COMPARE_RATIO = 10.0  # score_entity pairs/s over nomenklatura's

# The screener the worker processes use: set before they are forked, shared copy-on-write.
_SCREENER: Screener | None = None


# ---- measuring helpers -----------------------------------------------------------------


def memory_mib() -> dict[str, float]:
    """VmRSS (resident now) and VmHWM (peak resident) of this process, in MiB."""
    out = {}
    with open("/proc/self/status") as status:
        for line in status:
            key, _, value = line.partition(":")
            if key in ("VmRSS", "VmHWM"):
                out[key] = int(value.split()[0]) / 1024
    return out


def pss_mib() -> float | None:
    """Proportional set size of this process in MiB (shared pages split between sharers)."""
    try:
        with open("/proc/self/smaps_rollup") as rollup:
            for line in rollup:
                if line.startswith("Pss:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return None


def percentile(values: Sequence[float], p: float) -> float:
    """Nearest-rank percentile (p in 0..100) of ``values``."""
    ordered = sorted(values)
    return ordered[max(0, math.ceil(p / 100 * len(ordered)) - 1)]


def wilson_lower(found: int, total: int, z: float = 1.96) -> float:
    """Lower end of the 95% Wilson interval of a proportion."""
    if not total:
        return 0.0
    p = found / total
    centre = p + z * z / (2 * total)
    margin = z * math.sqrt(p * (1 - p) / total + z * z / (4 * total * total))
    return (centre - margin) / (1 + z * z / total)


def src_fingerprint() -> str:
    """A short hash of the package's source as it is now, committed or not, so that a run
    can be tied to the code it measured."""
    digest = hashlib.sha1()
    for path in sorted((REPO / "src" / "sanctio").rglob("*.py")):
        digest.update(path.relative_to(REPO).as_posix().encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:10]


def git_revision() -> str:
    try:
        rev = subprocess.run(
            ["git", "-C", str(REPO), "rev-parse", "--short", "HEAD"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
        dirty = subprocess.run(
            ["git", "-C", str(REPO), "status", "--porcelain", "--untracked-files=no"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return "unknown"
    return rev + ("+dirty" if dirty else "")


def say(text: str) -> None:
    print(text, file=sys.stderr, flush=True)


# ---- 1. parse and build ------------------------------------------------------------------


class _TimedScreener(Screener):
    """A Screener that times its own construction, so that ``from_directory`` (unchanged)
    tells parsing and index building apart."""

    def __init__(self, entities: Sequence[Entity], **options: Any) -> None:
        start = time.perf_counter()
        super().__init__(entities, **options)
        self.build_seconds = time.perf_counter() - start


def load(lists: Path, build_runs: int) -> tuple[Screener, dict[str, Any]]:
    """Parse and build as users do, then rebuild on the same entities for a median."""
    bundles, _ = find_bundles(lists)
    before = memory_mib()
    start = time.perf_counter()
    screener = _TimedScreener.from_directory(lists)
    total = time.perf_counter() - start
    gc.collect()
    after = memory_mib()
    builds = [screener.build_seconds]
    for _ in range(build_runs - 1):
        prepare_name.cache_clear()  # each build prepares every listed name afresh
        gc.collect()
        start = time.perf_counter()
        Screener(screener.entities)
        builds.append(time.perf_counter() - start)
    gc.collect()
    result = {
        "list_versions_found": len(bundles),
        "sources": sorted({e.source for e in screener.entities}),
        "entities": len(screener.entities),
        "indexed_names": len(screener.index.names),
        "vocabulary": len(screener.index.vocab),
        "index_keys": len(screener.index.keys),
        "parse_seconds": total - screener.build_seconds,
        "build_seconds": builds,
        "build_seconds_median": statistics.median(builds),
        "rss_before_load_mib": before["VmRSS"],
        "rss_after_build_mib": after["VmRSS"],
        "peak_rss_parse_and_build_mib": after["VmHWM"],
    }
    return screener, result


# ---- queries -------------------------------------------------------------------------------


def query_mix(entities: Sequence[Entity], count: int, seed: int) -> tuple[list[Case], int]:
    """``count`` cases in the quality benchmark's mix (varied list names, cross-script names,
    unlisted names), shuffled; repeated in turn where there are fewer distinct ones. Returns
    the cases and how many are distinct."""
    scale = max(1, math.ceil(count / 2000))
    cases = generate(
        entities,
        seed=seed,
        per_subclass=60 * scale,
        per_script=300 * scale,
        negatives=1000 * scale,
    )
    distinct = list({(c.query, c.schema): c for c in cases}.values())
    random.Random(seed).shuffle(distinct)
    if len(distinct) >= count:
        return distinct[:count], count
    return [distinct[i % len(distinct)] for i in range(count)], len(distinct)


# ---- 2. latency ----------------------------------------------------------------------------


def measure_latency(
    screener: Screener, cases: list[Case], warmup: list[Case], fresh: list[Case]
) -> dict[str, Any]:
    """Per-query wall time of ``screen`` in this process (and with every hit's explanation
    read, which is written out when first read); then, on ``fresh`` queries (so that
    no cache holds them yet), of what comes before scoring: validating and preparing the
    query and retrieving candidates."""
    for case in warmup:
        screener.screen(case.query, schema=case.schema)
    times_ms, explained_ms = [], []
    by_class: dict[str, list[float]] = defaultdict(list)
    for case in cases:
        start = time.perf_counter()
        hits = screener.screen(case.query, schema=case.schema)
        elapsed = (time.perf_counter() - start) * 1000
        times_ms.append(elapsed)
        by_class[case.cls].append(elapsed)
        start = time.perf_counter()
        for hit in hits:
            hit.explanation  # noqa: B018 (written out when first read)
        explained_ms.append(elapsed + (time.perf_counter() - start) * 1000)
    retrieval_ms = []
    for case in fresh:
        start = time.perf_counter()
        names = prepare_query_names(Query.build([case.query], schema=case.schema))
        list(screener.index.candidates(names, screener.threshold / 2))
        retrieval_ms.append((time.perf_counter() - start) * 1000)
    return {
        "queries": len(cases),
        "median_ms": statistics.median(times_ms),
        "p90_ms": percentile(times_ms, 90),
        "p99_ms": percentile(times_ms, 99),
        "max_ms": max(times_ms),
        "mean_ms": statistics.fmean(times_ms),
        "explained_median_ms": statistics.median(explained_ms),
        "explained_p99_ms": percentile(explained_ms, 99),
        "prepare_and_retrieve_median_ms": statistics.median(retrieval_ms),
        "prepare_and_retrieve_p99_ms": percentile(retrieval_ms, 99),
        "by_class": {
            cls: {
                "queries": len(values),
                "median_ms": statistics.median(values),
                "p99_ms": percentile(values, 99),
            }
            for cls, values in sorted(by_class.items())
        },
        "rss_after_latency_mib": memory_mib()["VmRSS"],
    }


# ---- 3. throughput -------------------------------------------------------------------------


def _screen_chunk(chunk: list[tuple[str, str]]) -> tuple[int, int, float, float | None]:
    """Worker: screen a chunk of queries with the inherited screener; its pid, how many,
    the CPU seconds they took and its memory (PSS)."""
    assert _SCREENER is not None
    start = time.process_time()
    for name, schema in chunk:
        _SCREENER.screen(name, schema=schema)
    return os.getpid(), len(chunk), time.process_time() - start, pss_mib()


def measure_throughput(
    queries: list[tuple[str, str]], processes: int, max_seconds: float
) -> dict[str, Any]:
    """Queries per second through ``screen`` with ``processes`` forked workers, by the wall
    clock and per CPU second the workers used (steadier on a shared machine). Stops taking
    results after ``max_seconds``: the queries done by then count."""
    chunk = 50
    chunks = [queries[i : i + chunk] for i in range(0, len(queries), chunk)]
    pss: dict[int, float | None] = {}
    cpu = 0.0
    done = 0
    with mp.get_context("fork").Pool(processes) as pool:
        start = time.perf_counter()
        for pid, count, seconds, worker_pss in pool.imap_unordered(_screen_chunk, chunks):
            pss[pid] = worker_pss
            cpu += seconds
            done += count
            if time.perf_counter() - start > max_seconds:
                break
        elapsed = time.perf_counter() - start
        pool.terminate()
    parent = pss_mib()
    total_pss = None
    if parent is not None and all(v is not None for v in pss.values()):
        total_pss = parent + sum(v for v in pss.values() if v is not None)
    return {
        "processes": processes,
        "queries_asked": len(queries),
        "queries": done,
        "seconds": elapsed,
        "queries_per_second": done / elapsed,
        "cpu_seconds": cpu,
        "queries_per_cpu_second": done / cpu if cpu else None,
        "total_pss_mib": total_pss,
    }


# ---- 4. candidate recall against brute force -------------------------------------------


def _brute_force(task: tuple[int, str, str]) -> dict[str, Any]:
    """Worker: the alerts of scoring every listed entity, and those ``screen`` returns."""
    assert _SCREENER is not None
    i, name, schema = task
    screener, index = _SCREENER, _SCREENER.index
    query = Query.build([name], schema=schema)
    names = prepare_query_names(query)
    alerts = []
    for pos, entity in enumerate(index.entities):
        result = score_entity(
            query,
            names,
            entity,
            threshold=screener.threshold,
            names=index.entity_names(pos),
        )
        if result.is_alert:
            alerts.append((pos, entity.id, result.score, result.explanation.matched_name))
    hits = screener.screen(name, schema=schema, limit=MAX_LIMIT)
    index_scores = {h.entity_id: h.score for h in hits}
    found = {h.entity_id for h in hits if h.is_alert}
    missed = [a for a in alerts if a[1] not in found]
    ranks: dict[int, int] = {}
    if missed:  # where retrieval put the missed entity, asked for every candidate
        ranks = {c.entity: r + 1 for r, c in enumerate(index.candidates(names, 0.0))}
    return {
        "i": i,
        "alerts": [(eid, score) for _, eid, score, _ in alerts],
        "index_alerts": sorted(found),
        "missed": [
            (eid, score, matched, index_scores.get(eid), ranks.get(pos))
            for pos, eid, score, matched in missed
        ],
    }


def measure_recall(
    cases: list[Case], processes: int, max_seconds: float, out: Path
) -> dict[str, Any]:
    """Share of brute-force alerts the index path also returns, over a prefix of ``cases``
    (in a fixed shuffled order) that finishes within ``max_seconds``.

    Each miss is a line of speed-recall-misses.tsv: ``index_score`` is the score ``screen``
    gave the entity (blank: not returned at all); ``candidate_rank`` its place among all the
    candidates retrieval proposes (blank: it never proposes it).
    """
    tasks = [(i, c.query, c.schema) for i, c in enumerate(cases)]
    done: list[dict[str, Any]] = []
    start = time.perf_counter()
    with mp.get_context("fork").Pool(processes) as pool:
        for row in pool.imap(_brute_force, tasks, chunksize=1):
            done.append(row)
            if time.perf_counter() - start > max_seconds:
                break
        pool.terminate()
    elapsed = time.perf_counter() - start
    total = sum(len(r["alerts"]) for r in done)
    missed = sum(len(r["missed"]) for r in done)
    extra = sum(len(set(r["index_alerts"]) - {e for e, _ in r["alerts"]}) for r in done)
    by_class: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    lines = [
        "class\tsubclass\tquery\tschema\texpected\tentity_id\tbrute_force_score\t"
        "matched_name\tindex_score\tbrute_force_alerts\tindex_alerts\tcandidate_rank"
    ]
    for row in done:
        case = cases[row["i"]]
        by_class[case.cls][0] += len(row["alerts"]) - len(row["missed"])
        by_class[case.cls][1] += len(row["alerts"])
        for eid, score, matched, index_score, rank in row["missed"]:
            cells = [
                case.cls,
                case.subclass,
                case.query,
                case.schema,
                case.expected or "",
                eid,
                f"{score:.4f}",
                matched,
                "" if index_score is None else f"{index_score:.4f}",
                str(len(row["alerts"])),
                str(len(row["index_alerts"])),
                "" if rank is None else str(rank),
            ]
            lines.append("\t".join(c.replace("\t", " ").replace("\n", " ") for c in cells))
    misses_path = out / "speed-recall-misses.tsv"
    misses_path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return {
        "queries_planned": len(cases),
        "queries": len(done),
        "seconds": elapsed,
        "brute_force_alerts": total,
        "found_by_index": total - missed,
        "recall": (total - missed) / total if total else 1.0,
        "recall_95_lower": wilson_lower(total - missed, total),
        "recall_per_query": statistics.fmean(
            (len(r["alerts"]) - len(r["missed"])) / len(r["alerts"]) for r in done if r["alerts"]
        )
        if total
        else 1.0,
        "most_missed": max(
            (
                (len(r["missed"]), len(r["alerts"]), cases[r["i"]].query)
                for r in done
                if r["missed"]
            ),
            default=None,
        ),
        "queries_fully_recalled": sum(not r["missed"] for r in done),
        "index_alerts_not_in_brute_force": extra,
        "by_class": {
            cls: {"found": f, "alerts": t, "recall": f / t if t else 1.0}
            for cls, (f, t) in sorted(by_class.items())
        },
        "misses_file": str(misses_path),
        "per_query": [
            {
                "query": cases[r["i"]].query,
                "schema": cases[r["i"]].schema,
                "class": cases[r["i"]].cls,
                "expected": cases[r["i"]].expected,
                "brute_force_alerts": r["alerts"],
                "index_alerts": r["index_alerts"],
            }
            for r in done
        ],
    }


# ---- 5. compare throughput ---------------------------------------------------------------


def _usable(name: str) -> bool:
    return len(name) <= MAX_NAME_LENGTH and not any(
        unicodedata.category(c) == "Cc" and c not in "\t\n\r" for c in name
    )


def entity_record(entity: Entity) -> dict[str, Any]:
    """A listed entity as the record dict ``compare`` takes (names it would refuse dropped)."""
    return {
        "id": entity.id,
        "schema": entity.schema.value,
        "names": [n.full for n in entity.names if _usable(n.full)][:MAX_NAMES],
        "birth_date": [str(d) for d in entity.birth_dates],
        "countries": list(entity.all_countries()),
        "gender": entity.gender,
        "identifiers": [
            {"type": i.type.value, "value": i.value, "country": i.country}
            for i in entity.identifiers
        ],
    }


def measure_compare(screener: Screener, cases: list[Case], repeats: int) -> dict[str, Any]:
    """Pairs per second on one core: each case against its top 3 index candidates.

    Inputs are built before timing (record dicts, prepared names, FollowTheMoney proxies).
    One untimed-for-the-median first pass, then ``repeats`` passes with the engines
    interleaved; the median pass counts.
    """
    index = screener.index
    pairs: list[tuple[Case, int]] = []
    for case in cases:
        names = prepare_query_names(Query.build([case.query], schema=case.schema))
        pairs += [(case, c.entity) for c in itertools.islice(index.candidates(names, 0.0), 3)]
    records = {pos: entity_record(index.entities[pos]) for _, pos in pairs}
    record_pairs = [({"schema": c.schema, "name": c.query}, records[pos]) for c, pos in pairs]
    queries = {}
    for case, _ in pairs:
        if case.query not in queries:
            query = Query.build([case.query], schema=case.schema)
            queries[case.query] = (query, prepare_query_names(query))
    prepared_pairs = [
        (*queries[c.query], index.entities[pos], index.entity_names(pos)) for c, pos in pairs
    ]

    def run_compare() -> None:
        for query, candidate in record_pairs:
            compare(query, candidate)

    def run_compare_explained() -> None:
        for query, candidate in record_pairs:
            compare(query, candidate).explanation  # noqa: B018 (written out when read)

    def run_score_entity() -> None:
        for query, names, entity, listed in prepared_pairs:
            score_entity(query, names, entity, names=listed)

    engines = {
        "compare": run_compare,
        "compare, explanation read": run_compare_explained,
        "score_entity": run_score_entity,
    }
    try:
        from peers import NomenklaturaScreen

        nk = NomenklaturaScreen(index.entities)
        proxies = {}
        for case, _ in pairs:
            if case.query not in proxies:
                proxies[case.query] = nk.query_proxy(case.query, case.schema)
        nk_pairs = [(proxies[c.query], nk.proxy(pos)) for c, pos in pairs]

        def run_nomenklatura() -> None:
            for query, candidate in nk_pairs:
                nk.algorithm.compare(query, candidate, nk.config)

        engines["nomenklatura logic-v2"] = run_nomenklatura
    except ImportError:
        say("nomenklatura not installed (pip install -e '.[bench]'): compared without it")

    rates: dict[str, list[float]] = defaultdict(list)
    first: dict[str, float] = {}
    for rep in range(repeats + 1):
        for name, run in engines.items():
            start = time.perf_counter()
            run()
            rate = len(pairs) / (time.perf_counter() - start)
            if rep == 0:
                first[name] = rate
            else:
                rates[name].append(rate)
    return {
        "pairs": len(pairs),
        "queries": len(cases),
        "repeats": repeats,
        "pairs_per_second": {name: statistics.median(r) for name, r in rates.items()},
        "first_pass_pairs_per_second": first,
        "all_passes": dict(rates),
    }


# ---- report --------------------------------------------------------------------------------


def _met(ok: bool) -> str:
    return "yes" if ok else "**no**"


def markdown(res: dict[str, Any]) -> str:
    env, load_, lat = res["environment"], res["load"], res["latency"]
    tp, rec, cmp_ = res["throughput"], res["recall"], res["compare"]
    builds = load_["build_seconds"]
    lines = [
        f"### Speed, {env['date']}: {env['machine']}, {env['cores']} cores, "
        f"Python {env['python']}, sanctio {env['sanctio']} ({env['revision']}, "
        f"src {env['src_sha1']})",
        "",
        f"Lists: the newest version of each of {len(load_['sources'])} sources "
        f"({load_['list_versions_found']} list versions found in the folder): "
        f"{load_['entities']:,} entities, {load_['indexed_names']:,} indexed names. "
        f"Load average {env['loadavg_start']:.2f} at the start, {env['loadavg_end']:.2f} at the "
        "end (a shared machine: quote medians and ratios).",
        "",
        "| measure | result | target | met |",
        "|---|---|---|---|",
        f"| parsing every list (not part of the build) | {load_['parse_seconds']:.1f} s | | |",
        f"| index build, `Screener(entities)`, median of {len(builds)} | "
        f"{load_['build_seconds_median']:.2f} s ({min(builds):.2f}–{max(builds):.2f}) "
        f"| ≤ {TARGET_BUILD_S:.0f} s | {_met(load_['build_seconds_median'] <= TARGET_BUILD_S)} |",
        f"| resident memory after the build (VmRSS) | {load_['rss_after_build_mib']:,.0f} MiB "
        f"| ≤ 1.5 GB ({TARGET_RSS_MIB:,.0f} MiB) "
        f"| {_met(load_['rss_after_build_mib'] <= TARGET_RSS_MIB)} |",
        f"| peak resident memory, parse and build (VmHWM) | "
        f"{load_['peak_rss_parse_and_build_mib']:,.0f} MiB | | |",
        f"| resident memory after {lat['queries']:,} queries (caches warm) | "
        f"{lat['rss_after_latency_mib']:,.0f} MiB | | |",
        f"| query latency, median of {lat['queries']:,} | {lat['median_ms']:.2f} ms "
        f"| ≤ {TARGET_MEDIAN_MS:g} ms | {_met(lat['median_ms'] <= TARGET_MEDIAN_MS)} |",
        f"| query latency, p99 | {lat['p99_ms']:.2f} ms | ≤ {TARGET_P99_MS:g} ms "
        f"| {_met(lat['p99_ms'] <= TARGET_P99_MS)} |",
        "| of which query preparation and candidate retrieval (other, unseen queries), "
        "median / p99 | "
        f"{lat['prepare_and_retrieve_median_ms']:.2f} / {lat['prepare_and_retrieve_p99_ms']:.2f} ms"
        " | | |",
        "| query latency with every hit's explanation read, median / p99 | "
        f"{lat['explained_median_ms']:.2f} / {lat['explained_p99_ms']:.2f} ms | | |",
    ]
    runs = tp["runs"]
    one = runs[0]["queries_per_second"]
    for run in runs:
        pss = f", {run['total_pss_mib']:,.0f} MiB PSS in all" if run["total_pss_mib"] else ""
        label = "1 process" if run["processes"] == 1 else f"{run['processes']} processes"
        is_max = run is runs[-1] and run["processes"] > 1
        target = f"≥ {TARGET_QPS:,.0f} q/s" if is_max else ""
        met = _met(run["queries_per_second"] >= TARGET_QPS) if is_max else ""
        scaling = f", ×{run['queries_per_second'] / one:.2f}" if run["processes"] > 1 else ""
        per_cpu = run["queries_per_cpu_second"]
        per_cpu = f"; {per_cpu:,.0f} per CPU second" if per_cpu else ""
        lines.append(
            f"| throughput, {label}, `screen` ({run['queries']:,} queries{pss}) | "
            f"{run['queries_per_second']:,.0f} q/s{scaling}{per_cpu} | {target} | {met} |"
        )
    lines.append(
        f"| candidate recall against brute force ({rec['queries']} positive queries, "
        f"{rec['brute_force_alerts']} alerts) | {rec['recall']:.2%} "
        f"(95% CI ≥ {rec['recall_95_lower']:.2%}); mean per query "
        f"{rec['recall_per_query']:.2%}; every alert returned for "
        f"{rec['queries_fully_recalled']} of {rec['queries']} queries | ≥ {TARGET_RECALL:.1%} "
        f"| {_met(rec['recall'] >= TARGET_RECALL)} |"
    )
    pps = cmp_["pairs_per_second"]
    nk = pps.get("nomenklatura logic-v2")
    labels = {
        "compare": "`compare` on record dicts",
        "compare, explanation read": "`compare` on record dicts, its explanation read",
        "score_entity": "`score_entity` on prepared names",
    }
    for name, label in labels.items():
        ratio = f", ×{pps[name] / nk:.1f} nomenklatura" if nk else ""
        target = met = ""
        if nk:
            target = f"10× nomenklatura: ≥ {TARGET_COMPARE_RATIO * nk:,.0f} pairs/s"
            met = _met(pps[name] >= TARGET_COMPARE_RATIO * nk)
        lines.append(
            f"| {label}, 1 core ({cmp_['pairs']:,} pairs) | {pps[name]:,.0f} pairs/s{ratio} "
            f"| {target} | {met} |"
        )
    if nk:
        lines.append(
            f"| nomenklatura `logic-v2`, same pairs, same run | {nk:,.0f} pairs/s "
            "| (peer; the issue quotes about 3,700 pairs/s) | |"
        )
    lines += [
        "",
        "| query class | queries | median | p99 | brute-force recall |",
        "|---|---|---|---|---|",
    ]
    for cls, row in lat["by_class"].items():
        r = rec["by_class"].get(cls)
        recall = f"{r['recall']:.2%} ({r['found']}/{r['alerts']})" if r else ""
        lines.append(
            f"| {cls} | {row['queries']:,} | {row['median_ms']:.2f} ms | {row['p99_ms']:.2f} ms "
            f"| {recall} |"
        )
    lines += ["", *[f"- {note}" for note in res["notes"]]]
    return "\n".join(lines)


def main() -> None:
    global _SCREENER
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    default = os.environ.get("SANCTIO_LISTS_DIR") or str(REPO.parent / "shared" / "lists")
    parser.add_argument("--lists", default=default, help="folder of official list files")
    parser.add_argument("--queries", type=int, default=2000, help="latency sample size")
    parser.add_argument("--build-runs", type=int, default=3, help="index builds for the median")
    parser.add_argument("--throughput-queries", type=int, default=100_000)
    parser.add_argument(
        "--max-seconds", type=float, default=60, help="cap on each throughput run (fewer queries)"
    )
    parser.add_argument("--processes", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--recall-queries", type=int, default=100, help="brute-force sample")
    parser.add_argument("--recall-seconds", type=float, default=300, help="cap on brute force")
    parser.add_argument("--pairs-queries", type=int, default=1000, help="compare: queries x 3")
    parser.add_argument("--out", default=str(BENCH / "out"))
    args = parser.parse_args()
    started = time.perf_counter()
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    notes: list[str] = []
    env = {
        "date": f"{datetime.now(UTC):%Y-%m-%d}",
        "machine": platform.machine(),
        "cores": os.cpu_count(),
        "python": platform.python_version(),
        "sanctio": getattr(sanctio, "__version__", None) or _version(),
        "revision": git_revision(),
        "src_sha1": src_fingerprint(),
        "loadavg_start": os.getloadavg()[0],
        "lists": str(Path(args.lists).resolve()),
    }

    say(f"loading every list in {args.lists} ...")
    screener, loaded = load(Path(args.lists), args.build_runs)
    say(
        f"  {loaded['entities']:,} entities; parse {loaded['parse_seconds']:.1f} s, build "
        f"{loaded['build_seconds_median']:.2f} s, RSS {loaded['rss_after_build_mib']:.0f} MiB"
    )

    say(f"latency over {args.queries:,} queries ...")
    latency_cases, distinct = query_mix(screener.entities, args.queries, SEED)
    if distinct < args.queries:
        notes.append(f"Latency: {distinct:,} distinct queries, repeated in turn.")
    warmup, _ = query_mix(screener.entities, 100, SEED + 3)
    fresh, _ = query_mix(screener.entities, args.queries, SEED + 4)
    latency = measure_latency(screener, latency_cases, warmup, fresh)
    say(f"  median {latency['median_ms']:.2f} ms, p99 {latency['p99_ms']:.2f} ms")

    # Throughput: forked after the build, so workers share the index copy-on-write; frozen
    # out of the collector's reach first, as the batch engine and monitoring do.
    _SCREENER = screener
    gc.collect()
    gc.freeze()
    # As many distinct queries as the fastest run may get through, with room to spare;
    # repeated in turn up to the number asked for.
    per_process = 1000 / latency["mean_ms"]
    reachable = int(2 * per_process * min(args.processes, os.cpu_count() or 1) * args.max_seconds)
    wanted = min(args.throughput_queries, max(1000, reachable))
    pool_cases, distinct = query_mix(screener.entities, wanted, SEED + 1)
    stream = [(c.query, c.schema) for c in pool_cases]
    stream = [stream[i % len(stream)] for i in range(args.throughput_queries)]
    runs = []
    for n in sorted({1, args.processes}):
        say(f"throughput with {n} process(es), at most {args.max_seconds:.0f} s ...")
        runs.append(measure_throughput(stream, n, args.max_seconds))
        run = runs[-1]
        say(f"  {run['queries']:,} queries, {run['queries_per_second']:,.0f} queries/s")
        if run["queries"] < args.throughput_queries:
            notes.append(
                f"Throughput with {n} process(es): {run['queries']:,} of the "
                f"{args.throughput_queries:,} queries asked for, done in the "
                f"{args.max_seconds:.0f} s a run may take (--max-seconds)."
            )
    if distinct < max(r["queries"] for r in runs):
        notes.append(f"Throughput: {distinct:,} distinct queries, repeated in turn.")
    throughput = {"planned_queries": args.throughput_queries, "runs": runs}
    gc.unfreeze()

    say(f"brute-force recall, up to {args.recall_queries} queries or {args.recall_seconds:.0f} s")
    positives = [c for c in generate(screener.entities, seed=SEED) if c.expected]
    random.Random(SEED).shuffle(positives)
    recall = measure_recall(
        positives[: args.recall_queries], args.processes, args.recall_seconds, out
    )
    say(
        f"  {recall['recall']:.2%} of {recall['brute_force_alerts']} alerts over "
        f"{recall['queries']} queries in {recall['seconds']:.0f} s"
    )
    if recall["queries"] < recall["queries_planned"]:
        notes.append(
            f"Recall measured on the first {recall['queries']} of {recall['queries_planned']} "
            f"sampled positive cases: brute force scores every entity and stops after "
            f"{args.recall_seconds:.0f} s (--recall-seconds). Misses: {recall['misses_file']}."
        )
    if recall["most_missed"]:
        lost, alerts, query = recall["most_missed"]
        notes.append(
            f"Most misses from one query: {query!r}, {lost} of its {alerts} brute-force alerts "
            f"not returned ({lost} of all {recall['brute_force_alerts'] - recall['found_by_index']}"
            " misses)."
        )
    if recall["index_alerts_not_in_brute_force"]:
        notes.append(
            f"{recall['index_alerts_not_in_brute_force']} index alerts not found by brute "
            "force: the two paths do not score alike."
        )

    say("compare pairs/s on one core ...")
    pair_cases, _ = query_mix(screener.entities, args.pairs_queries, SEED + 2)
    compared = measure_compare(screener, pair_cases, repeats=3)
    say(f"  {compared['pairs_per_second']}")
    notes.append(
        "compare: each query against its top 3 index candidates; median of 3 passes after a "
        "first pass (first-pass pairs/s in speed.json). Name caches are warm in every engine."
    )

    env["loadavg_end"] = os.getloadavg()[0]
    result = {
        "environment": env,
        "parameters": vars(args),
        "load": loaded,
        "latency": latency,
        "throughput": throughput,
        "recall": recall,
        "compare": compared,
        "peak_rss_end_mib": memory_mib()["VmHWM"],
        "notes": notes,
        "seconds": time.perf_counter() - started,
    }
    result["markdown"] = markdown(result)
    (out / "speed.json").write_text(json.dumps(result, indent=1, ensure_ascii=False))
    print(result["markdown"])
    print(f"\n(run took {result['seconds']:.0f} s; details in {out / 'speed.json'})")


def _version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("sanctio")
    except PackageNotFoundError:
        return "unknown"


if __name__ == "__main__":
    main()
