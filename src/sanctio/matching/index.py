"""Candidate retrieval: from a query's tokens to the few listed entities worth scoring.

Every token of every listed name is filed under keys: its text, its phonetic skeleton,
and each with any one letter deleted (texts of five letters or more, skeletons of four),
so a query token finds list tokens that sound alike or differ by one letter.
A query token (and each two adjacent query tokens written together) votes for every
name holding such a token with ``weight x similarity``. Names whose votes reach
MIN_VOTE_SHARE of the query name's weight are scored in full, best entities first.
The speed benchmark checks this against scoring every name (brute force).
"""

from __future__ import annotations

import itertools
import threading
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import NamedTuple

import numpy as np
from sanctio.matching._kernel import NameVector, matched_weight, vote_for_name

from sanctio.matching.evidence import normalize_identifier
from sanctio.matching.names import (
    MIN_TOKEN_SIMILARITY,
    MISSING_LISTED_FACTOR,
    ROLE_WEIGHT,
    ComparableName,
    token_table,
)
from sanctio.matching.prepare import Token, prepare_name
from sanctio.matching.weights import TokenWeights
from sanctio.model import Entity, Name, Schema

__all__ = ["Candidate", "CandidateIndex", "token_keys"]

DELETION_MIN_KEY = 4
TEXT_DELETION_MIN = 5
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
        # A typo that leaves the skeleton short ("zawahiti" for "zawahiri"), or a letter
        # the skeleton keeps apart ("qasim" ~ "asim"), still shares a spelling with one
        # letter deleted. Scoring accepts such pairs, so the index must find them.
        text = token.text
        keys.extend(f"t{text[:i]}{text[i + 1 :]}" for i in range(len(text)))
    for key in dict.fromkeys((token.key, token.cross_key)):
        if not key:
            continue
        keys.append(f"k{key}")
        if len(key) >= DELETION_MIN_KEY:
            # Deletions share the key space, so a query key meets a list key that has one
            # letter more, one less, or one other (symmetric deletion).
            keys.extend(f"k{key[:i]}{key[i + 1 :]}" for i in range(len(key)))
    return keys


class Candidate(NamedTuple):
    """An entity worth scoring: its position, the positions of its names that drew votes,
    and a bound of their name score (approximate by up to PROMISE_SLACK, included)."""

    entity: int
    names: list[int]
    bound: float


class _Scratch:
    """Work arrays of one value per listed name (and a mark per vocabulary token), kept
    zeroed between queries."""

    def __init__(self, size: int, vocabulary: int) -> None:
        self.mark = np.zeros(vocabulary, dtype=np.int8)
        self.votes = np.zeros(size, dtype=np.float32)
        self.best = np.zeros(size, dtype=np.float32)
        self.share = np.zeros(size, dtype=np.float32)
        self.unit_touched = np.zeros(size, dtype=np.int32)
        self.name_touched = np.zeros(size, dtype=np.int32)
        self.query_touched = np.zeros(size, dtype=np.int32)


@dataclass(frozen=True, slots=True)
class IndexedName:
    """A listed name, its comparable form, and the entity it belongs to (by position)."""

    entity: int
    name: Name
    comparable: ComparableName


class CandidateIndex:
    """Token postings over every name of a set of entities."""

    def __init__(self, entities: Sequence[Entity], weigh: TokenWeights) -> None:
        self.entities = list(entities)
        self.weigh = weigh
        self._similar: dict[Token, list[tuple[int, float]]] = {}
        self._local = threading.local()
        self.by_entity: list[list[int]] = [[] for _ in self.entities]
        vocab: dict[Token, int] = {}
        postings: list[list[int]] = []  # vocabulary id -> the names holding it, ascending
        listed = []
        for e_pos, entity in enumerate(self.entities):
            for name in entity.names:
                prepared = prepare_name(name.full, entity.schema)
                if not prepared.tokens:
                    continue
                n_pos = len(listed)
                listed.append((e_pos, name, prepared))
                self.by_entity[e_pos].append(n_pos)
                for token in dict.fromkeys(prepared.tokens):
                    v = vocab.get(token)
                    if v is None:
                        v = vocab[token] = len(postings)
                        postings.append([])
                    postings[v].append(n_pos)
        self.vocab: list[Token] = list(vocab)
        self.vocab_table = token_table(self.vocab, weigh)
        # Each name's tokens as vocabulary ids: its vector, and (end to end) the score bound's.
        name_tokens = [[vocab[t] for t in prepared.tokens] for _, _, prepared in listed]
        self.names = [
            IndexedName(e_pos, name, ComparableName(prepared, NameVector(self.vocab_table, ids)))
            for (e_pos, name, prepared), ids in zip(listed, name_tokens, strict=True)
        ]
        self.postings = [np.array(p, dtype=np.int32) for p in postings]
        self.name_start = np.cumsum([0] + [len(t) for t in name_tokens], dtype=np.int32)
        self.name_vocab = np.array([v for t in name_tokens for v in t], dtype=np.int32)
        vocab_weight = np.array([_weight(weigh, t) for t in self.vocab], dtype=np.float64)
        self.token_weight = vocab_weight[self.name_vocab]
        # Every listed name has a token, so each name's slice of token_weight is non-empty.
        self.name_weight = np.add.reduceat(self.token_weight, self.name_start[:-1])
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
        cached = self._similar.get(token)
        if cached is not None:
            return cached
        found: set[int] = set()
        for key in token_keys(token):
            found.update(self.keys.get(key, ()))
        table = token_table([token], self.weigh)
        out = table.similar(0, self.vocab_table, sorted(found), MIN_TOKEN_SIMILARITY)
        if len(self._similar) > SIMILAR_CACHE_SIZE:
            self._similar.clear()
        self._similar[token] = out
        return out

    def candidates(
        self, query_names: Iterable[ComparableName], limit: int, alert_floor: float
    ) -> list[Candidate]:
        """Entities worth scoring, most promising first, each with the positions of its names
        that share at least MIN_VOTE_SHARE of a query name's weight: the ``limit`` most
        promising, and past it every entity with a name whose score bound reaches
        ``alert_floor`` (the lowest name score that could still alert, given the query's
        evidence).

        A name's promise bounds its score from above: the share of the query's weight it
        covers times the most its own coverage can be (its matched weight M out of T, the
        unmatched part counting half: M / (M + (T - M) / 2)). Two adjacent query tokens
        also vote as one ("leas ing" finds "leasing").
        """
        scratch = self._scratch()
        try:
            hits, hit_share, matched_vocab = self._vote(query_names, scratch)
        except BaseException:
            self._local.scratch = None  # possibly left dirty: start the next query afresh
            raise
        if hits.size == 0:
            return []
        promise = self._promise(hits, hit_share, matched_vocab)
        order = np.argsort(-promise, kind="stable")
        hits, promise = hits[order], promise[order]
        entities = self.name_entity[hits]
        # Each entity ranks by its most promising name. Within the limit every entity comes
        # in; past it only those with a name that could still alert: a common name may
        # alert on many entities, and the index must not hide any of them.
        _, first = np.unique(entities, return_index=True)
        first.sort()
        rank = np.empty(len(self.entities), dtype=np.int64)
        rank[entities[first]] = np.arange(first.size)
        best = np.zeros(len(self.entities), dtype=np.float64)
        best[entities[first]] = promise[first]
        keep = (rank[entities] < limit) | (best[entities] + PROMISE_SLACK >= alert_floor)
        chosen: dict[int, list[int]] = {}
        for n_pos, e_pos in zip(hits[keep].tolist(), entities[keep].tolist(), strict=True):
            chosen.setdefault(e_pos, []).append(n_pos)
        return [
            # Names in the entity's own order, so that of equal names the first wins.
            Candidate(e_pos, sorted(names), float(best[e_pos]) + PROMISE_SLACK)
            for e_pos, names in chosen.items()
        ]

    def _scratch(self) -> _Scratch:
        """This thread's zeroed work arrays (one per thread: screening may be threaded)."""
        scratch = getattr(self._local, "scratch", None)
        if scratch is None:
            scratch = self._local.scratch = _Scratch(len(self.names), len(self.vocab))
        return scratch

    def _vote(
        self, query_names: Iterable[ComparableName], scratch: _Scratch
    ) -> tuple[np.ndarray, np.ndarray, set[int]]:
        """Names whose votes reach MIN_VOTE_SHARE of a query name's weight, their best share,
        and the vocabulary the query's units matched."""
        touched = 0
        matched_vocab: set[int] = set()
        for query_name in query_names:
            tokens = query_name.prepared.tokens
            total = sum(_weight(self.weigh, t) for t in tokens)
            if not total:
                continue
            units = []
            for unit in list(dict.fromkeys(tokens)) + _joined_units(tokens):
                matches = self.similar_tokens(unit)
                matched_vocab.update(v for v, _ in matches)
                units.append((_weight(self.weigh, unit), matches))
            touched = vote_for_name(
                self.postings, units, total, scratch.votes, scratch.best, scratch.share,
                scratch.unit_touched, scratch.name_touched, scratch.query_touched, touched,
            )  # fmt: skip
        names = scratch.query_touched[:touched]
        share = scratch.share[names]
        scratch.share[names] = 0.0
        keep = share >= MIN_VOTE_SHARE
        hits, hit_share = names[keep], share[keep]
        order = np.argsort(hits, kind="stable")
        return hits[order], hit_share[order], matched_vocab

    def _promise(
        self, names: np.ndarray, q_share: np.ndarray, matched_vocab: set[int]
    ) -> np.ndarray:
        """An upper bound of each name's score (see :meth:`candidates`)."""
        matched = matched_weight(
            names,
            self.name_start,
            self.name_vocab,
            self.token_weight,
            matched_vocab,
            self._scratch().mark,
        )
        unmatched = self.name_weight[names] - matched
        with np.errstate(divide="ignore", invalid="ignore"):
            c_bound = np.where(
                matched > 0, matched / (matched + unmatched * MISSING_LISTED_FACTOR), 0.0
            )
        return np.sqrt(np.minimum(q_share, 1.0) * c_bound)

    def by_identifier(self, value: str) -> list[int]:
        """Positions of entities holding this identifier (normalised)."""
        return self.identifiers.get(normalize_identifier(value), [])

    def entity_names(
        self, e_pos: int, only: Iterable[int] | None = None
    ) -> list[tuple[Name, ComparableName]]:
        """The comparable names of one entity (or only those at the given positions)."""
        positions = self.by_entity[e_pos] if only is None else only
        return [(self.names[n].name, self.names[n].comparable) for n in positions]
