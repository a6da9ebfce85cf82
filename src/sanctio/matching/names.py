"""Comparing two prepared names: token similarity, alignment, and a weighted name score.

Tokens are aligned one to one, best pairs first; two adjacent tokens may also align
with one token of the other name when written together (jin ping ~ jinping,
abdul rahman ~ abdulrahman). A token weighs its rarity on the lists times its role
(a particle or a legal form weighs little); an aligned pair weighs what the listed
token weighs, so a misspelt query token counts as what it stands for.

Each side's coverage is the share of its weight that found a partner, scaled by the
power 1.5 of how close the partner is. Listed name parts missing from the query (a middle
name, a patronymic) weigh half, since queries often leave them out. The name score is
the geometric mean of both coverages. A person cannot match on one name part alone:
when the listed name has two or more name parts and fewer than two of them are matched
closely (similarity at least 0.75), the score is capped below any sensible threshold;
so is a query made only of legal forms and generic words ("Trading Company LLC") against
a listed name with a distinctive part, and
a match resting on a single name part that is common on the lists ("Mohammed" against
the alias "MOHAMED"), unless both names are the same two or more words ("Ansar Bank");
a rare single name ("Rosneft", "Hezbollah") can alert.

Two tokens are alike by spelling (optimal string alignment, with y read as i and a
doubled letter as one) and, where they may be renderings of one spoken name, by their
phonetic keys: when one of them comes from a script that leaves short vowels unwritten
(Arabic, Hebrew) and their endings do not clearly differ (a vowel against a consonant),
or both end alike (in a vowel or not) and have as many syllables
(so "Mohammed" ~ "Muhammad" and "Qaddafi" ~ "Kadhafi", but not "Jing" ~ "Jinghe",
"Putin" ~ "Potanin" nor "Bashar" ~ "Bushra", in any script). Keys count
most across scripts. A single letter aligns with a name it begins (an initial).

The loops run compiled, in ``_kernel.pyx``, which also holds the constants; this module
prepares names for it and turns its results into explanations.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from sanctio.matching._kernel import (
    MIN_TOKEN_SIMILARITY,
    MISSING_LISTED_FACTOR,
    NameVector,
    TokenTable,
    name_alignment,
    name_score,
)

from sanctio.matching.prepare import ROLE_WEIGHT, PreparedName, Token
from sanctio.model import Schema

__all__ = [
    "MIN_TOKEN_SIMILARITY",
    "MISSING_LISTED_FACTOR",
    "ROLE_WEIGHT",
    "ComparableName",
    "NameMatch",
    "TokenPair",
    "comparable_names",
    "compare_names",
    "score_names",
    "token_table",
]

HOW = ("exact", "spelling", "phonetic", "initial", "joined", "truncated")  # the kernel's codes

Weigh = Callable[[Token], float]


@dataclass(frozen=True, slots=True)
class TokenPair:
    """A query token aligned with a candidate token, and how closely they agree."""

    query: str
    candidate: str
    similarity: float
    how: str  # "exact", "spelling", "phonetic", "initial", "joined", "truncated"


@dataclass(frozen=True, slots=True)
class NameMatch:
    """How one query name compares with one candidate name."""

    score: float
    pairs: tuple[TokenPair, ...]
    query_unmatched: tuple[str, ...]
    candidate_unmatched: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class ComparableName:
    """A prepared name with its tokens laid out for the compiled matcher."""

    prepared: PreparedName
    vector: NameVector


def token_table(tokens: Sequence[Token], weigh: Weigh) -> TokenTable:
    """Tokens with their weights (rarity times role) for the compiled matcher."""
    return TokenTable(tokens, [weigh(t) * ROLE_WEIGHT[t.role] for t in tokens])


def comparable_names(names: Sequence[PreparedName], weigh: Weigh) -> tuple[ComparableName, ...]:
    """Names made comparable over one shared table of their tokens."""
    positions: dict[Token, int] = {}
    for name in names:
        for token in name.tokens:
            positions.setdefault(token, len(positions))
    table = token_table(list(positions), weigh)
    return tuple(
        ComparableName(name, NameVector(table, [positions[t] for t in name.tokens]))
        for name in names
    )


def _is_personal(query: ComparableName, candidate: ComparableName) -> bool:
    return Schema.PERSON in (query.prepared.schema, candidate.prepared.schema)


def score_names(query: ComparableName, candidate: ComparableName) -> float:
    """The name score alone (see the module docstring)."""
    return name_score(query.vector, candidate.vector, _is_personal(query, candidate))


def _span_text(tokens: Sequence[Token], span: tuple[int, ...]) -> str:
    """The text of one aligned token, or of two written apart."""
    if len(span) == 1:
        return tokens[span[0]].text
    return f"{tokens[span[0]].text} {tokens[span[1]].text}"


def compare_names(query: ComparableName, candidate: ComparableName) -> NameMatch:
    """The name score with the alignment that explains it."""
    score, aligned, q_sims, c_sims = name_alignment(
        query.vector, candidate.vector, _is_personal(query, candidate)
    )
    q_tokens, c_tokens = query.prepared.tokens, candidate.prepared.tokens
    pairs = tuple(
        TokenPair(
            _span_text(q_tokens, q_span), _span_text(c_tokens, c_span), round(sim, 3), HOW[how]
        )
        for q_span, c_span, sim, how in aligned
    )
    return NameMatch(
        score=score,
        pairs=pairs,
        query_unmatched=tuple(t.text for t, s in zip(q_tokens, q_sims, strict=True) if not s),
        candidate_unmatched=tuple(t.text for t, s in zip(c_tokens, c_sims, strict=True) if not s),
    )
