"""Candidate retrieval: from a query's tokens to the few listed entities worth scoring.

Every token of every listed name is filed under keys: its text, its phonetic skeleton,
and each with any one letter deleted (texts of seven letters or more, skeletons of four),
so a query token finds list tokens that sound alike or differ by one letter.
A query token (and each two adjacent query tokens written together) votes for every
name holding such a token with ``weight x similarity``. Names whose votes reach
MIN_VOTE_SHARE of the query name's weight are scored in full, best entities first.
The speed benchmark checks this against scoring every name (brute force).
"""

from __future__ import annotations

import itertools
import math
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import numpy as np

from sanctio.matching.evidence import normalize_identifier
from sanctio.matching.names import (
    MIN_TOKEN_SIMILARITY,
    MISSING_LISTED_FACTOR,
    ROLE_WEIGHT,
    token_similarity,
)
from sanctio.matching.prepare import PreparedName, Token, prepare_name
from sanctio.matching.weights import TokenWeights
from sanctio.model import Entity, Name, Schema

__all__ = ["CandidateIndex", "token_keys"]

DELETION_MIN_KEY = 4
TEXT_DELETION_MIN = 7
# The score bound is approximate (votes count a similarity where scoring counts it to the
# power 1.5, and joined tokens vote twice): names within this of the alert floor are scored.
PROMISE_SLACK = 0.05
MIN_VOTE_SHARE = 0.35  # of a query name's weight; an alert needs a coverage of 0.64
SIMILAR_CACHE_SIZE = 50_000


def _weight(weigh: TokenWeights, token: Token) -> float:
    return weigh(token) * ROLE_WEIGHT[token.role]


def _joined_units(tokens: tuple[Token, ...]) -> list[Token]:
    """Each two adjacent tokens written together, as one more token to look up."""
    return [
        prepare_name(a.text + b.text, Schema.UNKNOWN).tokens[0]
        for a, b in itertools.pairwise(tokens)
        if (a.text + b.text).isalnum()
    ]


def token_keys(token: Token) -> list[str]:
    """The keys a token is filed and looked up under."""
    keys = [f"t{token.text}"]
    if len(token.text) >= TEXT_DELETION_MIN:
        # A typo that leaves the skeleton short ("zawahiti" for "zawahiri") still shares a
        # spelling with one letter deleted.
        text = token.text
        keys.extend(f"t{text[:i]}{text[i + 1 :]}" for i in range(len(text)))
    if token.key:
        keys.append(f"k{token.key}")
        if len(token.key) >= DELETION_MIN_KEY:
            # Deletions share the key space, so a query key meets a list key that has one
            # letter more, one less, or one other (symmetric deletion).
            keys.extend(f"k{token.key[:i]}{token.key[i + 1 :]}" for i in range(len(token.key)))
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
        self._similar: dict[Token, list[tuple[int, float]]] = {}
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
        # Each name's tokens as (vocabulary id, weight), for the score bound of candidates().
        self.name_vocab = [
            tuple((vocab[t], _weight(weigh, t)) for t in n.prepared.tokens) for n in self.names
        ]
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
        cached = self._similar.get(token)
        if cached is not None:
            return cached
        found: set[int] = set()
        for key in token_keys(token):
            found.update(self.keys.get(key, ()))
        out = []
        for v in found:
            sim, _ = token_similarity(token, self.vocab[v])
            if sim >= MIN_TOKEN_SIMILARITY:
                out.append((v, sim))
        if len(self._similar) > SIMILAR_CACHE_SIZE:
            self._similar.clear()
        self._similar[token] = out
        return out

    def candidates(
        self, query_names: Iterable[PreparedName], limit: int, alert_floor: float
    ) -> dict[int, list[int]]:
        """Entities worth scoring, each with the positions of its names that share at least
        MIN_VOTE_SHARE of a query name's weight: the ``limit`` most promising, and past it
        every entity with a name whose score bound reaches ``alert_floor`` (the lowest name
        score that could still alert, given the query's evidence).

        A name's promise bounds its score from above: the share of the query's weight it
        covers times the most its own coverage can be (its matched weight M out of T, the
        unmatched part counting half: M / (M + (T - M) / 2)). Two adjacent query tokens
        also vote as one ("leas ing" finds "leasing").
        """
        n_names = len(self.names)
        share = np.zeros(n_names, dtype=np.float32)
        matched_vocab: set[int] = set()
        for prepared in query_names:
            units = list(dict.fromkeys(prepared.tokens)) + _joined_units(prepared.tokens)
            total = sum(_weight(self.weigh, t) for t in prepared.tokens)
            if not total:
                continue
            votes = np.zeros(n_names, dtype=np.float32)
            for unit in units:
                weight = _weight(self.weigh, unit)
                matches = self.similar_tokens(unit)
                matched_vocab.update(v for v, _ in matches)
                if len(matches) == 1:
                    v, sim = matches[0]
                    votes[self.postings[v]] += weight * sim
                    continue
                best = np.zeros(n_names, dtype=np.float32)
                for v, sim in matches:
                    post = self.postings[v]
                    best[post] = np.maximum(best[post], weight * sim)
                votes += best
            np.maximum(share, votes / total, out=share)
        hits = np.flatnonzero(share >= MIN_VOTE_SHARE)
        if hits.size == 0:
            return {}
        promise = [self._promise(int(n), float(share[n]), matched_vocab) for n in hits]
        order = sorted(range(len(hits)), key=lambda k: -promise[k])
        chosen: dict[int, list[int]] = {}
        for k in order:
            n_pos = int(hits[k])
            e_pos = int(self.name_entity[n_pos])
            names = chosen.get(e_pos)
            if names is None:
                # Past the limit, only names that could still alert come in: a common name
                # may alert on many entities, and the index must not hide any of them.
                if len(chosen) >= limit and promise[k] + PROMISE_SLACK < alert_floor:
                    continue
                names = chosen[e_pos] = []
            names.append(n_pos)
        return chosen

    def _promise(self, n_pos: int, q_share: float, matched_vocab: set[int]) -> float:
        """An upper bound of a name's score (see :meth:`candidates`)."""
        matched = unmatched = 0.0
        for v, weight in self.name_vocab[n_pos]:
            if v in matched_vocab:
                matched += weight
            else:
                unmatched += weight
        if not matched:
            return 0.0
        c_bound = matched / (matched + unmatched * MISSING_LISTED_FACTOR)
        return math.sqrt(min(q_share, 1.0) * c_bound)

    def by_identifier(self, value: str) -> list[int]:
        """Positions of entities holding this identifier (normalised)."""
        return self.identifiers.get(normalize_identifier(value), [])

    def entity_names(
        self, e_pos: int, only: Iterable[int] | None = None
    ) -> list[tuple[Name, PreparedName]]:
        """The prepared names of one entity (or only those at the given positions)."""
        positions = self.by_entity[e_pos] if only is None else only
        return [(self.names[n].name, self.names[n].prepared) for n in positions]
