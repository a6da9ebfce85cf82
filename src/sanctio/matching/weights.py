"""Token weights learned from the lists themselves: rare name parts count more.

A token's weight is its inverse document frequency over every name on the official
lists, ``log(names / names containing it)``, clipped to [MIN_WEIGHT, MAX_WEIGHT].
The table ships with the package (``sanctio/data/token_frequencies.json``) so that
``compare`` and ``Screener.screen`` weigh alike whatever lists are loaded; rebuild it
after the lists change a lot with ``scripts/build_token_weights.py LISTS_DIR``.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable
from functools import cache
from importlib import resources
from pathlib import Path

import orjson

from sanctio.matching.prepare import Token, prepare_name
from sanctio.model import Entity

__all__ = ["TokenWeights", "default_weights", "learn_frequencies"]

MIN_WEIGHT = 1.0
MAX_WEIGHT = 9.0
MIN_COUNT = 3  # rarer tokens are left out of the table and weigh MAX_WEIGHT
TABLE = "token_frequencies.json"
TABLE_PATH = Path(__file__).resolve().parent.parent / "data" / TABLE


class TokenWeights:
    """Weight of a token by how many list names contain it."""

    def __init__(self, counts: dict[str, int], total: int) -> None:
        self.total = total
        self._weights = {t: self._idf(n) for t, n in counts.items()}
        self.unseen = self._idf(1)

    def _idf(self, count: int) -> float:
        return min(MAX_WEIGHT, max(MIN_WEIGHT, math.log(self.total / count)))

    def __call__(self, token: Token) -> float:
        return self._weights.get(token.text, self.unseen)


def learn_frequencies(entities: Iterable[Entity]) -> tuple[dict[str, int], int]:
    """Count, over every name of ``entities``, how many names contain each token."""
    counts: Counter[str] = Counter()
    total = 0
    for entity in entities:
        for name in entity.names:
            tokens = {t.text for t in prepare_name(name.full, entity.schema).tokens}
            counts.update(tokens)
            total += 1
    return {t: n for t, n in counts.items() if n >= MIN_COUNT}, total


@cache
def default_weights() -> TokenWeights:
    """The shipped table, learned from the official lists."""
    raw = resources.files("sanctio.data").joinpath(TABLE).read_bytes()
    data = orjson.loads(raw)
    return TokenWeights(data["counts"], data["total"])
