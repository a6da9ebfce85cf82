"""Candidate retrieval: from a query's tokens to the few listed entities worth scoring.

Every token of every listed name is filed under keys: its text, its phonetic skeleton,
and (for skeletons of four or more letters) the skeleton with any one letter deleted,
so a query token finds list tokens that sound alike or differ by a typo. A query token
votes for every name holding such a token with ``weight x similarity``; the names with
the most votes bring their entities forward for full scoring. The benchmark checks this
against scoring every name (brute force).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import numpy as np

from sanctio.matching.evidence import normalize_identifier
from sanctio.matching.names import MIN_TOKEN_SIMILARITY, ROLE_WEIGHT, token_similarity
from sanctio.matching.prepare import PreparedName, Token, prepare_name
from sanctio.matching.weights import TokenWeights
from sanctio.model import Entity, Name

__all__ = ["CandidateIndex", "token_keys"]

DELETION_MIN_KEY = 4


def token_keys(token: Token) -> list[str]:
    """The keys a token is filed and looked up under."""
    keys = [f"t{token.text}"]
    if token.key:
        keys.append(f"k{token.key}")
        if len(token.key) >= DELETION_MIN_KEY:
            keys.extend(f"d{token.key[:i]}{token.key[i + 1 :]}" for i in range(len(token.key)))
    return keys


@dataclass(frozen=True, slots=True)
class IndexedName:
    """A listed name, its prepared form, and the entity it belongs to (by position)."""

    entity: int
    name: Name
    prepared: PreparedName


class CandidateIndex:
    """Token postings over every name of a set of entities."""

    def __init__(self, entities: Sequence[Entity], weigh: TokenWeights) -> None:
        self.entities = list(entities)
        self.weigh = weigh
        self.names: list[IndexedName] = []
        self.by_entity: list[list[int]] = [[] for _ in self.entities]
        vocab: dict[Token, int] = {}
        postings: list[list[int]] = []
        for e_pos, entity in enumerate(self.entities):
            for name in entity.names:
                prepared = prepare_name(name.full, entity.schema)
                if not prepared.tokens:
                    continue
                n_pos = len(self.names)
                self.names.append(IndexedName(e_pos, name, prepared))
                self.by_entity[e_pos].append(n_pos)
                for token in set(prepared.tokens):
                    v = vocab.get(token)
                    if v is None:
                        v = vocab[token] = len(postings)
                        postings.append([])
                    postings[v].append(n_pos)
        self.vocab: list[Token] = list(vocab)
        self.postings = [np.unique(np.array(p, dtype=np.int32)) for p in postings]
        keyed: dict[str, list[int]] = defaultdict(list)
        for v, token in enumerate(self.vocab):
            for key in token_keys(token):
                keyed[key].append(v)
        self.keys = {k: tuple(vs) for k, vs in keyed.items()}
        self.name_entity = np.array([n.entity for n in self.names], dtype=np.int32)
        self.identifiers: dict[str, list[int]] = defaultdict(list)
        for e_pos, entity in enumerate(self.entities):
            for ident in entity.identifiers:
                value = normalize_identifier(ident.value)
                if len(value) >= 4:
                    self.identifiers[value].append(e_pos)

    def __len__(self) -> int:
        return len(self.entities)

    def similar_tokens(self, token: Token) -> list[tuple[int, float]]:
        """Vocabulary tokens that a query token may stand for, with their similarity."""
        found: set[int] = set()
        for key in token_keys(token):
            found.update(self.keys.get(key, ()))
        out = []
        for v in found:
            sim, _ = token_similarity(token, self.vocab[v])
            if sim >= MIN_TOKEN_SIMILARITY:
                out.append((v, sim))
        return out

    def candidates(self, query_names: Iterable[PreparedName], limit: int) -> list[int]:
        """Positions of up to ``limit`` entities whose names share the most weighted tokens."""
        votes = np.zeros(len(self.names), dtype=np.float32)
        for prepared in query_names:
            for token in set(prepared.tokens):
                weight = self.weigh(token) * ROLE_WEIGHT[token.role]
                best = np.zeros(len(self.names), dtype=np.float32)
                for v, sim in self.similar_tokens(token):
                    post = self.postings[v]
                    best[post] = np.maximum(best[post], weight * sim)
                votes += best
        hits = np.flatnonzero(votes)
        if hits.size == 0:
            return []
        if hits.size > limit * 4:
            top = hits[np.argpartition(-votes[hits], limit * 4)[: limit * 4]]
        else:
            top = hits
        top = top[np.argsort(-votes[top], kind="stable")]
        seen: dict[int, None] = {}
        for n_pos in top:
            seen.setdefault(int(self.name_entity[n_pos]), None)
            if len(seen) >= limit:
                break
        return list(seen)

    def by_identifier(self, value: str) -> list[int]:
        """Positions of entities holding this identifier (normalised)."""
        return self.identifiers.get(normalize_identifier(value), [])

    def entity_names(self, e_pos: int) -> list[tuple[Name, PreparedName]]:
        """The prepared names of one entity."""
        return [(self.names[n].name, self.names[n].prepared) for n in self.by_entity[e_pos]]
