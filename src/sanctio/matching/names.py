"""Comparing two prepared names: token similarity, alignment, and a weighted name score.

Tokens are aligned one to one, best pairs first; two adjacent tokens may also align
with one token of the other name when written together (jin ping ~ jinping,
abdul rahman ~ abdulrahman). Each side's coverage is the share of its weight that
found a partner, scaled by how close the partner is; the name score is their
geometric mean, so a missing middle name costs a little and a single shared common
token costs a lot.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache

from rapidfuzz.distance import OSA, JaroWinkler
from rapidfuzz.distance import Levenshtein as Lev

from sanctio.matching.prepare import PreparedName, Role, Token

__all__ = ["NameMatch", "TokenPair", "compare_names", "token_similarity"]

MIN_TOKEN_SIMILARITY = 0.6
ROLE_WEIGHT = {Role.NAME: 1.0, Role.PARTICLE: 0.15, Role.GENERIC: 0.25}


@dataclass(frozen=True, slots=True)
class TokenPair:
    """A query token aligned with a candidate token, and how closely they agree."""

    query: str
    candidate: str
    similarity: float
    how: str  # "exact", "spelling", "phonetic", "initial", "joined"


@dataclass(frozen=True, slots=True)
class NameMatch:
    """How one query name compares with one candidate name."""

    score: float
    pairs: tuple[TokenPair, ...]
    query_unmatched: tuple[str, ...]
    candidate_unmatched: tuple[str, ...]


@lru_cache(maxsize=500_000)
def _similarity(a_text: str, a_key: str, b_text: str, b_key: str) -> tuple[float, str]:
    if a_text == b_text:
        return 1.0, "exact"
    spelling = max(
        OSA.normalized_similarity(a_text, b_text),
        JaroWinkler.normalized_similarity(a_text, b_text) - 0.08,
    )
    best, how = spelling, "spelling"
    if a_key and a_key == b_key:
        phonetic = 0.93 if len(a_key) >= 3 else 0.88 if len(a_key) == 2 else 0.8
        if phonetic > best:
            best, how = phonetic, "phonetic"
    elif len(a_key) >= 3 and len(b_key) >= 3 and Lev.distance(a_key, b_key, score_cutoff=1) <= 1:
        phonetic = 0.82 * max(spelling, 0.85) / 0.85 if spelling < 0.85 else spelling
        if phonetic > best:
            best, how = min(phonetic, 0.9), "phonetic"
    is_initial = (len(a_text) == 1 and b_text.startswith(a_text)) or (
        len(b_text) == 1 and a_text.startswith(b_text)
    )
    if is_initial and best < 0.75:
        best, how = 0.75, "initial"
    return best, how


def token_similarity(a: Token, b: Token) -> tuple[float, str]:
    """How alike two tokens are, 0 to 1, and in what way."""
    return _similarity(a.text, a.key, b.text, b.key)


Weigh = Callable[[Token], float]


def compare_names(query: PreparedName, candidate: PreparedName, weigh: Weigh) -> NameMatch:
    """Align the tokens of two names and score the alignment (see the module docstring)."""
    q_tokens, c_tokens = query.tokens, candidate.tokens
    if not q_tokens or not c_tokens:
        return NameMatch(0.0, (), tuple(t.text for t in q_tokens), tuple(t.text for t in c_tokens))
    scored = []
    for i, qt in enumerate(q_tokens):
        for j, ct in enumerate(c_tokens):
            sim, how = token_similarity(qt, ct)
            if sim >= MIN_TOKEN_SIMILARITY:
                scored.append((sim, i, j, how))
    scored.sort(key=lambda s: (-s[0], s[1], s[2]))
    q_sim = [0.0] * len(q_tokens)
    c_sim = [0.0] * len(c_tokens)
    pairs: list[TokenPair] = []
    for sim, i, j, how in scored:
        if q_sim[i] or c_sim[j]:
            continue
        q_sim[i] = c_sim[j] = sim
        pairs.append(TokenPair(q_tokens[i].text, c_tokens[j].text, round(sim, 3), how))
    _align_joined(q_tokens, c_tokens, q_sim, c_sim, pairs, query_side=True)
    _align_joined(c_tokens, q_tokens, c_sim, q_sim, pairs, query_side=False)
    q_cov = _coverage(q_tokens, q_sim, weigh)
    c_cov = _coverage(c_tokens, c_sim, weigh)
    score = math.sqrt(q_cov * c_cov)
    return NameMatch(
        score=score,
        pairs=tuple(pairs),
        query_unmatched=tuple(t.text for t, s in zip(q_tokens, q_sim, strict=True) if not s),
        candidate_unmatched=tuple(t.text for t, s in zip(c_tokens, c_sim, strict=True) if not s),
    )


def _align_joined(
    split_side: tuple[Token, ...],
    joined_side: tuple[Token, ...],
    split_sim: list[float],
    joined_sim: list[float],
    pairs: list[TokenPair],
    *,
    query_side: bool,
) -> None:
    """Let two adjacent unmatched tokens of one side match one unmatched token of the other."""
    for i in range(len(split_side) - 1):
        if split_sim[i] or split_sim[i + 1]:
            continue
        joined = split_side[i].text + split_side[i + 1].text
        for j, other in enumerate(joined_side):
            if joined_sim[j]:
                continue
            sim = max(
                OSA.normalized_similarity(joined, other.text),
                JaroWinkler.normalized_similarity(joined, other.text) - 0.08,
            )
            if sim >= 0.85:
                split_sim[i] = split_sim[i + 1] = joined_sim[j] = sim
                written = f"{split_side[i].text} {split_side[i + 1].text}"
                q, c = (written, other.text) if query_side else (other.text, written)
                pairs.append(TokenPair(q, c, round(sim, 3), "joined"))
                break


def _coverage(tokens: tuple[Token, ...], sims: list[float], weigh: Weigh) -> float:
    total = matched = 0.0
    for token, sim in zip(tokens, sims, strict=True):
        weight = weigh(token) * ROLE_WEIGHT[token.role]
        total += weight
        # A near match counts less than its similarity alone says: 0.9 -> 0.81.
        matched += weight * sim * sim
    return matched / total if total else 0.0
