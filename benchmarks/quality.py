"""Matching quality: recall and false alerts per variation class, Sanctio beside its peers.

Run: make bench-quality   (or: .venv/bin/python benchmarks/quality.py [--lists DIR])
Needs the benchmark extra for the nomenklatura peer: .venv/bin/pip install -e '.[bench]'.

Cases come from benchmarks/quality_cases.py (seeded). The index holds the Latin names of
the newest version of every list in the folder; cross-script queries (the lists' own
Arabic and Cyrillic names for the same people) must find the Latin entries. A positive
case is found when its entity alerts (score at or above the threshold); a negative case
raises a false alert when anything alerts. F1 per class assumes as many negatives as
positives: precision = recall / (recall + false-alert rate).
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import os
import statistics
import sys
import time
from collections import defaultdict
from pathlib import Path

BENCH = Path(__file__).resolve().parent
sys.path.insert(0, str(BENCH))

from peers import JaroWinklerScreen, NomenklaturaScreen  # noqa: E402
from quality_cases import Case, generate  # noqa: E402

from sanctio import Screener  # noqa: E402
from sanctio.model import Entity  # noqa: E402
from sanctio.text.scripts import detect_script  # noqa: E402

CLASSES = ["benign", "adversarial", "degraded", "cross-script", "negative"]


def latin_only(entities: list[Entity]) -> list[Entity]:
    """The entities with only their Latin-script names (those with none are left out)."""
    out = []
    for entity in entities:
        names = tuple(n for n in entity.names if detect_script(n.full) == "Latn")
        if names:
            out.append(dataclasses.replace(entity, names=names))
    return out


def f1(recall: float, false_rate: float) -> float:
    precision = recall / (recall + false_rate) if recall + false_rate else 0.0
    return 2 * precision * recall / (precision + recall) if precision + recall else 0.0


def evaluate(name: str, cases: list[Case], alerts: list[set[str]]) -> dict:
    """Recall per class and subclass, false-alert rate on negatives, F1."""
    by_class: dict[str, list[bool]] = defaultdict(list)
    by_sub: dict[str, list[bool]] = defaultdict(list)
    misses = []
    for case, found in zip(cases, alerts, strict=True):
        ok = (case.expected in found) if case.expected else not found
        by_class[case.cls].append(ok)
        by_sub[f"{case.cls}/{case.subclass}"].append(ok)
        if not ok:
            misses.append(
                {
                    "class": case.cls,
                    "subclass": case.subclass,
                    "query": case.query,
                    "expected": case.expected,
                    "origin": case.origin,
                    "alerts": sorted(found)[:5],
                }
            )
    rate = {c: sum(v) / len(v) for c, v in by_class.items()}
    false_rate = 1 - rate.get("negative", 1.0)
    positives = [ok for c, v in by_class.items() if c != "negative" for ok in v]
    overall_recall = sum(positives) / len(positives)
    return {
        "engine": name,
        "recall": {c: rate[c] for c in CLASSES if c != "negative" and c in rate},
        "false_alert_rate": false_rate,
        "f1": {c: f1(rate[c], false_rate) for c in CLASSES if c != "negative" and c in rate},
        "f1_overall": f1(overall_recall, false_rate),
        "recall_overall": overall_recall,
        "subclasses": {s: sum(v) / len(v) for s, v in sorted(by_sub.items())},
        "misses": misses,
    }


def run_sanctio(
    screener: Screener, cases: list[Case]
) -> tuple[list[dict[str, float]], list[float]]:
    """Scores of every hit down to half the lowest threshold swept, and query times."""
    scores, times = [], []
    for case in cases:
        start = time.perf_counter()
        hits = screener.screen(case.query, schema=case.schema, limit=50, threshold=0.6)
        times.append(time.perf_counter() - start)
        scores.append({h.entity_id: h.score for h in hits})
    return scores, times


def sweep(cases: list[Case], scores: list[dict[str, float]]) -> list[tuple[float, dict]]:
    """Sanctio's recall and false alerts at thresholds around the default."""
    return [
        (t / 100, evaluate("sanctio", cases, alerts_at(scores, t / 100))) for t in range(70, 91, 2)
    ]


def run_peers(entities: list[Entity], cases: list[Case], use_nomenklatura: bool) -> dict:
    """Scores of both peers per case: {peer: [ {entity id: score} ]}."""
    jw = JaroWinklerScreen(entities)
    nk = NomenklaturaScreen(entities) if use_nomenklatura else None
    position = {e.id: i for i, e in enumerate(entities)}
    out: dict[str, list[dict[str, float]]] = {"jaro-winkler": [], "nomenklatura": []}
    for case in cases:
        top = jw.scores(case.query, limit=10)
        out["jaro-winkler"].append({entities[p].id: s for p, s in top.items()})
        if nk is not None:
            query = nk.query_proxy(case.query, case.schema)
            candidates = set(top)
            if case.expected in position:
                candidates.add(position[case.expected])
            out["nomenklatura"].append({entities[p].id: nk.score(query, p) for p in candidates})
    return out


def alerts_at(scores: list[dict[str, float]], threshold: float) -> list[set[str]]:
    return [{i for i, s in row.items() if s >= threshold} for row in scores]


def best_threshold(name: str, cases: list[Case], scores: list[dict[str, float]]) -> dict:
    """The peer at the threshold that gives it the best overall F1 on these very cases."""
    best = None
    for step in range(50, 100):
        result = evaluate(name, cases, alerts_at(scores, step / 100))
        if best is None or result["f1_overall"] > best["f1_overall"]:
            best = {**result, "threshold": step / 100}
    assert best is not None
    return best


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    default = os.environ.get("SANCTIO_LISTS_DIR") or str(BENCH.parent.parent / "shared" / "lists")
    parser.add_argument("--lists", default=default)
    parser.add_argument("--per-subclass", type=int, default=60)
    parser.add_argument("--no-peers", action="store_true", help="Sanctio only (faster).")
    parser.add_argument("--out", default=str(BENCH / "out"))
    args = parser.parse_args()

    full = Screener.from_directory(args.lists)
    entities = latin_only(full.entities)
    cases = generate(full.entities, per_subclass=args.per_subclass)
    print(f"{len(cases)} cases over {len(entities)} entities (Latin names only)", flush=True)
    screener = Screener(entities)
    sanctio_scores, times = run_sanctio(screener, cases)
    alerts = alerts_at(sanctio_scores, screener.threshold)
    results = [{**evaluate("sanctio", cases, alerts), "threshold": screener.threshold}]
    if not args.no_peers:
        try:
            import nomenklatura  # noqa: F401

            use_nk = True
        except ImportError:
            print("nomenklatura not installed: pip install -e '.[bench]'", file=sys.stderr)
            use_nk = False
        peer_scores = run_peers(entities, cases, use_nk)
        results.append(
            {
                **evaluate("jaro-winkler@0.90", cases, alerts_at(peer_scores["jaro-winkler"], 0.9)),
                "threshold": 0.9,
            }
        )
        results.append(best_threshold("jaro-winkler@best", cases, peer_scores["jaro-winkler"]))
        if use_nk:
            results.append(
                {
                    **evaluate(
                        "nomenklatura@0.70", cases, alerts_at(peer_scores["nomenklatura"], 0.7)
                    ),
                    "threshold": 0.7,
                }
            )
            results.append(best_threshold("nomenklatura@best", cases, peer_scores["nomenklatura"]))
    out = Path(args.out)
    out.mkdir(exist_ok=True)
    (out / "quality.json").write_text(json.dumps(results, indent=1, ensure_ascii=False))
    print(f"\nmedian query {statistics.median(times) * 1000:.2f} ms\n")
    header = (
        "| engine | threshold | "
        + " | ".join(f"recall {c}" for c in CLASSES[:-1])
        + " | false alerts | "
        + " | ".join(f"F1 {c}" for c in CLASSES[:-1])
        + " | F1 overall |"
    )
    print(header)
    print("|" + "---|" * (header.count("|") - 1))
    for r in results:
        cells = [f"{r['recall'].get(c, 0):.1%}" for c in CLASSES[:-1]]
        cells.append(f"{r['false_alert_rate']:.1%}")
        cells += [f"{r['f1'].get(c, 0):.3f}" for c in CLASSES[:-1]]
        cells.append(f"{r['f1_overall']:.3f}")
        print(f"| {r['engine']} | {r['threshold']:.2f} | " + " | ".join(cells) + " |")
    print("\nSanctio at other thresholds:")
    print("| threshold | recall overall | false alerts | F1 overall |")
    print("|---|---|---|---|")
    for threshold, r in sweep(cases, sanctio_scores):
        print(
            f"| {threshold:.2f} | {r['recall_overall']:.1%} | {r['false_alert_rate']:.1%} |"
            f" {r['f1_overall']:.3f} |"
        )
    print("\nSanctio by subclass:")
    for sub, value in results[0]["subclasses"].items():
        print(f"  {sub:<45} {value:.1%}")
    print(f"\nmisses written to {out / 'quality.json'}")


if __name__ == "__main__":
    main()
