"""Candidate retrieval: from a query's tokens to the listed entities worth scoring.

Every token of every listed name is filed under keys: its text, its phonetic skeleton,
and each with any one letter deleted (texts of five letters or more, skeletons of four),
so a query token finds list tokens that sound alike or differ by one letter.
A query token (and each two adjacent query tokens written together) votes for every
name holding such a token with ``weight x similarity``; a query name's last token also
votes for the names holding a token it begins (a name cut short). Names whose votes reach
MIN_VOTE_SHARE of the query name's weight are scored exactly, in one compiled call;
an entity is a candidate when its best name scores at least what could still make a hit.
Whether an entity is a candidate thus depends on the query and that entity alone, never
on the other entities indexed: a small index (a list change) and the whole lists find
the same hits for it. The speed benchmark checks retrieval against scoring every name
(brute force).
"""

from __future__ import annotations

import bisect
import itertools
import threading
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import NamedTuple

import numpy as np
from sanctio.matching._kernel import (
    TRUNCATED_MIN_LENGTH,
    TRUNCATED_SIMILARITY,
    NameVector,
    best_name_scores,
    similar_among,
    vote_for_name,
)

from sanctio.matching.evidence import normalize_identifier
from sanctio.matching.names import MIN_TOKEN_SIMILARITY, ROLE_WEIGHT, ComparableName, token_table
from sanctio.matching.prepare import Token, joined_token, prepare_name
from sanctio.matching.score import WEAK_ALIAS_FACTOR
from sanctio.matching.weights import TokenWeights
from sanctio.model import Entity, Name, NameKind, Schema

__all__ = ["Candidate", "CandidateIndex", "token_keys"]

DELETION_MIN_KEY = 4
TEXT_DELETION_MIN = 5
MIN_VOTE_SHARE = 0.35  # of a query name's weight; an alert needs a coverage of 0.64
SIMILAR_CACHE_SIZE = 50_000


def _weight(weigh: TokenWeights, token: Token) -> float:
    return weigh(token) * ROLE_WEIGHT[token.role]


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
    """An entity worth scoring: its position, its best name score (score._best_name over
    the names that drew votes), and the positions of the names that score it."""

    entity: int
    names: list[int]
    name_score: float


def _by_entity(names: np.ndarray, entities: np.ndarray, scores: np.ndarray) -> Iterator[Candidate]:
    """Scored names grouped by entity: each entity once, with its best score and the names
    (in index order) that reach it; best first, then in index order."""
    if names.size == 0:
        return
    order = np.lexsort((names, entities, -scores))
    names, entities, scores = names[order], entities[order], scores[order]
    # The sort puts each entity's best names together, first among its names.
    starts = np.flatnonzero(
        np.r_[True, (entities[1:] != entities[:-1]) | (scores[1:] != scores[:-1])]
    )
    seen: set[int] = set()
    for start, end in itertools.pairwise([*starts.tolist(), len(names)]):
        e_pos = int(entities[start])
        if e_pos not in seen:
            seen.add(e_pos)
            yield Candidate(e_pos, names[start:end].tolist(), float(scores[start]))


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
        self.name_entity = np.array([n.entity for n in self.names], dtype=np.int32)
        self.name_person = np.array(
            [self.entities[n.entity].schema is Schema.PERSON for n in self.names], dtype=np.int8
        )
        self.name_weak = np.array([n.name.kind is NameKind.WEAK for n in self.names], dtype=np.int8)
        keyed: dict[str, list[int]] = defaultdict(list)
        for v, token in enumerate(self.vocab):
            for key in token_keys(token):
                keyed[key].append(v)
        self.keys = {k: tuple(vs) for k, vs in keyed.items()}
        by_text = sorted((t.text, v) for v, t in enumerate(self.vocab))
        self._texts = [text for text, _ in by_text]
        self._text_ids = [v for _, v in by_text]
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
        groups = [group for key in token_keys(token) if (group := self.keys.get(key))]
        out = similar_among(
            token_table([token], self.weigh), 0, self.vocab_table, groups,
            self._scratch().mark, MIN_TOKEN_SIMILARITY,
        )  # fmt: skip
        if len(self._similar) > SIMILAR_CACHE_SIZE:
            self._similar.clear()
        self._similar[token] = out
        return out

    def completions(self, token: Token) -> list[tuple[int, float]]:
        """Vocabulary tokens that a query's last token may be cut short from ("Kara" for
        "Karalbiyevich"), with the similarity scoring gives a truncation."""
        text = token.text
        if len(text) < TRUNCATED_MIN_LENGTH:
            return []
        found = []
        for i in range(bisect.bisect_right(self._texts, text), len(self._texts)):
            if not self._texts[i].startswith(text):
                break
            found.append((self._text_ids[i], TRUNCATED_SIMILARITY))
        return found

    def candidates(
        self, query_names: Sequence[ComparableName], at_least: float
    ) -> Iterator[Candidate]:
        """Entities whose best name scores at least ``at_least``, best first (of equal
        scores, the first indexed first), made as they are taken. Only names that share
        MIN_VOTE_SHARE of a query name's weight are scored; two adjacent query tokens also
        vote as one ("leas ing" finds "leasing")."""
        scratch = self._scratch()
        try:
            names = self._vote(query_names, scratch)
        except BaseException:
            self._local.scratch = None  # possibly left dirty: start the next query afresh
            raise
        person = any(q.prepared.schema is Schema.PERSON for q in query_names)
        scores = best_name_scores(
            [q.vector for q in query_names], self.vocab_table, names, self.name_start,
            self.name_vocab, self.name_person, self.name_weak, person, WEAK_ALIAS_FACTOR,
        )  # fmt: skip
        kept = scores >= at_least
        names, scores = names[kept], scores[kept]
        return _by_entity(names, self.name_entity[names], scores)

    def _scratch(self) -> _Scratch:
        """This thread's zeroed work arrays (one per thread: screening may be threaded)."""
        scratch = getattr(self._local, "scratch", None)
        if scratch is None:
            scratch = self._local.scratch = _Scratch(len(self.names), len(self.vocab))
        return scratch

    def _vote(self, query_names: Iterable[ComparableName], scratch: _Scratch) -> np.ndarray:
        """Names whose votes reach MIN_VOTE_SHARE of a query name's weight, ascending."""
        touched = 0
        for query_name in query_names:
            tokens = query_name.prepared.tokens
            total = sum(_weight(self.weigh, t) for t in tokens)
            if not total:
                continue
            # A token said twice ("Hassan Hassan") votes twice; the last may be cut short.
            said = Counter(tokens)
            distinct = list(said)
            joined = [joined_token(a, b) for a, b in itertools.pairwise(tokens)]
            units = [
                (_weight(self.weigh, unit) * said.get(unit, 1), self.similar_tokens(unit))
                for unit in distinct + joined
            ]
            last = distinct.index(tokens[-1])
            units[last] = (units[last][0], units[last][1] + self.completions(tokens[-1]))
            touched = vote_for_name(
                self.postings, units, total, scratch.votes, scratch.best, scratch.share,
                scratch.unit_touched, scratch.name_touched, scratch.query_touched, touched,
            )  # fmt: skip
        names = scratch.query_touched[:touched]
        share = scratch.share[names]
        scratch.share[names] = 0.0
        return np.sort(names[share >= MIN_VOTE_SHARE])

    def by_identifier(self, value: str) -> list[int]:
        """Positions of entities holding this identifier (normalised)."""
        return self.identifiers.get(normalize_identifier(value), [])

    def entity_names(
        self, e_pos: int, only: Iterable[int] | None = None
    ) -> list[tuple[Name, ComparableName]]:
        """The comparable names of one entity (or only those at the given positions)."""
        positions = self.by_entity[e_pos] if only is None else only
        return [(self.names[n].name, self.names[n].comparable) for n in positions]
