"""The relationships a listed entity's record names, with names resolved to listed entities.

Two kinds of record feed the graph:

- ``Entity.relationships``, as the parsers read them: OFAC ``Linked To:`` (by name),
  OFAC XML typed relationships (by id), FollowTheMoney Ownership, Directorship, Family,
  Associate and UnknownLink records (by id, on both ends), UK FCDO parent companies,
  subsidiaries and owners (by name), ``(Linked To: …)`` in the US Consolidated Screening List.
- The UK OFSI list's labelled free text, kept by its parser as properties:
  ``parent_company`` (the named party owns this one), ``subsidiaries`` (this one owns
  them) and ``current_owners`` (of a ship). The text mixes names with addresses and
  comments (``Cham Holding (parent), Cham Holding Building, Daraa Highway …``), so it is
  split into fragments and only fragments that name a listed entity become links; a
  percentage written in a fragment (``Kalashnikov Concern JSC (49%)``) is kept.

A name is resolved by its normalised tokens (case, accents, punctuation and script do not
matter) among the entities of the same list first, then of the same publisher's other lists
(``ofac-sdn`` and ``ofac-cons``); primary names before aliases, weak aliases never. A name
that several entities bear links to all of them, marked ambiguous; a name no entity bears
is a party known only by name.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from sanctio.model import Entity, NameKind, RelationshipKind
from sanctio.text.normalize import latin_tokens

__all__ = ["ListLink", "NameResolver", "list_links"]


@dataclass(frozen=True, slots=True)
class ListLink:
    """One relationship of a listed entity, its other end an id, resolved ids, or a name.

    ``incoming`` is true where the entity is the object (it is owned, it is directed).
    ``record_id`` is the relationship record's own id where the list gives one.
    """

    kind: RelationshipKind
    incoming: bool
    target_id: str | None = None
    target_name: str | None = None
    candidates: tuple[str, ...] = ()
    percent: float | None = None
    role: str | None = None
    record_id: str | None = None


class NameResolver:
    """Finds the listed entities that bear a name, nearest list first."""

    def __init__(self, entities: Iterable[Entity]) -> None:
        self._entities = list(entities)
        self._by_key: dict[str, list[tuple[str, str, bool]]] | None = None

    def _index(self) -> dict[str, list[tuple[str, str, bool]]]:
        if self._by_key is None:
            by_key: dict[str, list[tuple[str, str, bool]]] = defaultdict(list)
            for entity in self._entities:
                for name in entity.names:
                    if name.kind is NameKind.WEAK:
                        continue
                    key = _key(name.full)
                    if key:
                        by_key[key].append(
                            (entity.id, entity.source, name.kind is NameKind.PRIMARY)
                        )
            self._by_key = dict(by_key)
        return self._by_key

    def resolve(self, name: str, source: str) -> tuple[str, ...]:
        """Ids of the entities named ``name`` in ``source``, else in the same publisher's
        lists (the source id's first part); bearers of it as a primary name first."""
        found = self._index().get(_key(name), [])
        publisher = _publisher(source)
        for in_scope in (
            lambda s: s == source,
            lambda s: _publisher(s) == publisher,
        ):
            scoped = [(entity_id, primary) for entity_id, s, primary in found if in_scope(s)]
            if scoped:
                primary = [entity_id for entity_id, is_primary in scoped if is_primary]
                chosen = primary or [entity_id for entity_id, _ in scoped]
                return tuple(dict.fromkeys(chosen))
        return ()


def _key(name: str) -> str:
    return " ".join(latin_tokens(name))


def _publisher(source: str) -> str:
    return source.split("-", 1)[0]


def list_links(entity: Entity, resolver: NameResolver) -> Iterator[ListLink]:
    """Every relationship ``entity``'s record names, names resolved where they can be."""
    for rel in entity.relationships:
        candidates: tuple[str, ...] = ()
        if rel.target_id is None and rel.target_name:
            candidates = resolver.resolve(rel.target_name, entity.source)
        elif rel.target_id is None:
            continue
        yield ListLink(
            rel.kind,
            rel.incoming,
            rel.target_id,
            rel.target_name,
            candidates,
            rel.percentage,
            rel.role,
            rel.source_id,
        )
    for key, value in entity.properties:
        incoming = _LABELLED_OWNERSHIP.get(key)
        if incoming is None:
            continue
        for forms, percent in _fragments(value):
            for name in forms:
                candidates = resolver.resolve(name, entity.source)
                if candidates:
                    role = key.replace("_", " ")
                    yield ListLink(
                        RelationshipKind.OWNERSHIP, incoming, None, name, candidates, percent, role
                    )
                    break


# Labelled free-text properties naming owners or owned parties: property -> incoming.
_LABELLED_OWNERSHIP = {"parent_company": True, "current_owners": True, "subsidiaries": False}

_NUMBERED = re.compile(r"\(\d{1,2}\)")
_SEPARATORS = re.compile(r";|\.\s+(?=[A-Z(\"“])")
_PERCENT = re.compile(r"\((\d{1,3}(?:[.,]\d+)?)\s*%\)")
_PARENTHESES = re.compile(r"\([^()]*\)")


def _fragments(text: str) -> Iterator[tuple[tuple[str, ...], float | None]]:
    """The fragments of a free-text list of companies, each with its stated percentage.

    Each fragment comes as the forms to try in turn: whole, without its bracketed remarks,
    and up to its first comma (``Cham Holding (parent), Cham Holding Building, …``).
    """
    pieces = (p for item in _NUMBERED.split(text) for p in _SEPARATORS.split(item))
    for piece in pieces:
        piece = piece.strip(" .,;-–")
        if not piece:
            continue
        found = _PERCENT.search(piece)
        percent = float(found.group(1).replace(",", ".")) if found else None
        if percent is not None and not 0 <= percent <= 100:
            percent = None
        bare = _PARENTHESES.sub(" ", piece).strip(" .,")
        forms = dict.fromkeys(f for f in (piece, bare, bare.split(",")[0].strip()) if f)
        yield tuple(forms), percent
