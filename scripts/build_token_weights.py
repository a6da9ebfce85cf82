"""Rebuild the shipped token-frequency table from every list file (every version) in a folder.

Run: .venv/bin/python scripts/build_token_weights.py ../shared/lists
"""

from __future__ import annotations

import sys
from pathlib import Path

import orjson

from sanctio.matching.weights import TABLE_PATH, learn_frequencies
from sanctio.sources.registry import find_bundles, parse_bundle


def main(folder: str) -> None:
    bundles, _ = find_bundles(Path(folder))
    entities = [e for bundle in bundles for e in parse_bundle(bundle).entities]
    counts, total = learn_frequencies(entities)
    payload = {"total": total, "counts": dict(sorted(counts.items()))}
    TABLE_PATH.write_bytes(orjson.dumps(payload))
    print(f"{TABLE_PATH}: {len(counts)} tokens from {total} names")


if __name__ == "__main__":
    main(sys.argv[1])
