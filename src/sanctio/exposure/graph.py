"""The relationship graph: listed entities, the firm's customers and other named parties,
joined by the relationships the lists publish and the ownership data the firm imports.

Nodes are strings:

- a listed entity id (``ofac-sdn:18249``), kind ``listed``;
- ``customer:<id>`` for one of the firm's customers, kind ``customer``;
- ``name:<normalised name>`` for a party known only by name (a ``Linked To`` name that
  names no listed entity, a shareholder that screening did not match), kind ``party``;
  an entity id the current lists no longer hold is a ``party`` too.

An edge is directed as the relationship reads: owner -> owned, director -> organisation,
entity -> the party it is linked to. The graph is built once and then only read; node ids
map to integer positions so that traversals over hundreds of thousands of edges stay in
plain lists.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from sanctio.exposure.list_links import ListLink, NameResolver, list_links
from sanctio.model import Entity, RelationshipKind
from sanctio.text.normalize import latin_tokens

__all__ = [
    "CUSTOMER_PREFIX",
    "FIRM_ORIGIN",
    "NAME_PREFIX",
    "Edge",
    "ExposureGraph",
    "Node",
    "Stake",
    "customer_node",
    "name_node",
]

CUSTOMER_PREFIX = "customer:"
NAME_PREFIX = "name:"
FIRM_ORIGIN = "firm"


def customer_node(customer_id: str) -> str:
    """The node id of a customer."""
    return f"{CUSTOMER_PREFIX}{customer_id}"


def name_node(name: str) -> str:
    """The node id of a party known only by name: its normalised tokens, so that the same
    name written with other case, accents or punctuation is the same node."""
    key = " ".join(latin_tokens(name))
    return f"{NAME_PREFIX}{key or name.strip().lower()}"


@dataclass(frozen=True, slots=True)
class Node:
    """A party in the graph."""

    id: str
    kind: str  # "listed" | "customer" | "party"
    caption: str
    schema: str | None = None
    source: str | None = None
    programs: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready form."""
        data: dict[str, Any] = {"id": self.id, "kind": self.kind, "caption": self.caption}
        if self.kind == "listed":
            data.update(schema=self.schema, source=self.source, programs=list(self.programs))
        return data


@dataclass(frozen=True, slots=True)
class Stake:
    """One relationship from the firm's own data (imported ownership CSV).

    ``owner`` and ``owned`` are node ids; the captions are what the file gave (a name, or
    the id). ``owner_match`` / ``owned_match`` are the screening scores where a name was
    resolved to a listed entity.
    """

    owner: str
    owned: str
    percent: float | None
    kind: RelationshipKind = RelationshipKind.OWNERSHIP
    as_of: str | None = None
    owner_caption: str | None = None
    owned_caption: str | None = None
    owner_match: float | None = None
    owned_match: float | None = None


@dataclass(frozen=True, slots=True)
class Edge:
    """A directed relationship: ``source`` owns / directs / is linked to ``target``.

    ``origin`` is the list (source id) that published it, or ``firm`` for imported data.
    ``ambiguous`` marks a link made by a name that several listed entities bear.
    """

    source: int
    target: int
    kind: RelationshipKind
    origin: str
    percent: float | None = None
    role: str | None = None
    as_of: str | None = None
    ambiguous: bool = False
    match_score: float | None = None


@dataclass(slots=True)
class _Builder:
    ids: list[str] = field(default_factory=list)
    nodes: list[Node] = field(default_factory=list)
    index: dict[str, int] = field(default_factory=dict)
    edges: list[Edge] = field(default_factory=list)
    seen: set[tuple[Any, ...]] = field(default_factory=set)

    def node(self, node: Node) -> int:
        position = self.index.get(node.id)
        if position is None:
            position = len(self.ids)
            self.index[node.id] = position
            self.ids.append(node.id)
            self.nodes.append(node)
        return position

    def edge(self, edge: Edge, key: tuple[Any, ...]) -> None:
        if key not in self.seen:
            self.seen.add(key)
            self.edges.append(edge)


class ExposureGraph:
    """Listed entities, customers and named parties, and the relationships between them."""

    def __init__(self, nodes: list[Node], edges: list[Edge]) -> None:
        self.nodes = nodes
        self.edges = edges
        self.index = {node.id: position for position, node in enumerate(nodes)}
        count = len(nodes)
        self.adjacent: list[list[int]] = [[] for _ in range(count)]
        for position, edge in enumerate(edges):
            self.adjacent[edge.source].append(position)
            if edge.target != edge.source:
                self.adjacent[edge.target].append(position)
        self._stakes = _effective_stakes(edges, count)

    @classmethod
    def build(cls, entities: Iterable[Entity], stakes: Iterable[Stake] = ()) -> ExposureGraph:
        """The graph of ``entities`` (the current lists, or a Screener's entities), their
        published relationships, and the firm's ``stakes``."""
        entities = list(entities)
        built = _Builder()
        for entity in entities:
            built.node(
                Node(
                    entity.id,
                    "listed",
                    entity.caption,
                    entity.schema.value,
                    entity.source,
                    entity.programs,
                )
            )
        resolver = NameResolver(entities)
        for entity in entities:
            here = built.index[entity.id]
            for link in list_links(entity, resolver):
                _add_list_link(built, here, entity.source, link)
        for stake in stakes:
            _add_stake(built, stake)
        return cls(built.nodes, built.edges)

    def __len__(self) -> int:
        return len(self.nodes)

    def __contains__(self, node_id: object) -> bool:
        return node_id in self.index

    def node(self, node_id: str) -> Node:
        """The node of an id (KeyError if absent)."""
        return self.nodes[self.index[node_id]]

    def position(self, node_id: str) -> int:
        """The integer position of a node id (KeyError if absent)."""
        return self.index[node_id]

    def is_listed(self, position: int) -> bool:
        """True where the node is an entity on a current list."""
        return self.nodes[position].kind == "listed"

    def stakes_in(self, position: int) -> list[tuple[int, float | None, int]]:
        """The ownership stakes held in a node, one per owner: ``(owner, percent, edge)``."""
        return self._stakes[0][position]

    def stakes_out(self, position: int) -> list[tuple[int, float | None, int]]:
        """The ownership stakes a node holds, one per owned node: ``(owned, percent, edge)``."""
        return self._stakes[1][position]

    def directors_of(self, position: int) -> Iterator[tuple[int, int]]:
        """``(director, edge)`` for every directorship edge into a node."""
        for e in self.adjacent[position]:
            edge = self.edges[e]
            if edge.target == position and edge.kind is RelationshipKind.DIRECTORSHIP:
                yield edge.source, e

    def edge_dict(self, position: int) -> dict[str, Any]:
        """An edge as a JSON-ready dict, ends by node id."""
        edge = self.edges[position]
        data: dict[str, Any] = {
            "source": self.nodes[edge.source].id,
            "target": self.nodes[edge.target].id,
            "kind": edge.kind.value,
            "origin": edge.origin,
            "percent": edge.percent,
        }
        for key in ("role", "as_of", "match_score"):
            value = getattr(edge, key)
            if value is not None:
                data[key] = value
        if edge.ambiguous:
            data["ambiguous"] = True
        return data


def _add_list_link(built: _Builder, here: int, origin: str, link: ListLink) -> None:
    """One relationship a list publishes, its direction set by ``incoming``."""
    if link.target_id is not None and link.target_id in built.index:
        targets = [built.index[link.target_id]]
    elif link.target_id is not None:  # the other end is not on a current list
        caption = link.target_name or link.target_id
        targets = [built.node(Node(link.target_id, "party", caption))]
    elif link.candidates:
        targets = [built.index[entity_id] for entity_id in link.candidates]
    else:
        assert link.target_name is not None
        targets = [built.node(Node(name_node(link.target_name), "party", link.target_name))]
    ambiguous = len(targets) > 1
    for there in targets:
        if there == here:
            continue
        source, target = (there, here) if link.incoming else (here, there)
        edge = Edge(source, target, link.kind, origin, link.percent, link.role, None, ambiguous)
        # A relationship record appears on both of its ends (FollowTheMoney): once is enough.
        key = (source, target, link.kind.value, link.record_id or (origin, link.percent, link.role))
        built.edge(edge, key)


def _party_node(built: _Builder, node_id: str, caption: str | None) -> int:
    if node_id in built.index:
        return built.index[node_id]
    kind = "customer" if node_id.startswith(CUSTOMER_PREFIX) else "party"
    label = caption or node_id.removeprefix(CUSTOMER_PREFIX)
    return built.node(Node(node_id, kind, label))


def _add_stake(built: _Builder, stake: Stake) -> None:
    owner = _party_node(built, stake.owner, stake.owner_caption)
    owned = _party_node(built, stake.owned, stake.owned_caption)
    match = stake.owner_match if stake.owner_match is not None else stake.owned_match
    edge = Edge(
        owner, owned, stake.kind, FIRM_ORIGIN, stake.percent, None, stake.as_of, match_score=match
    )
    built.edge(edge, (owner, owned, stake.kind.value, FIRM_ORIGIN))


def _effective_stakes(
    edges: list[Edge], count: int
) -> tuple[list[list[tuple[int, float | None, int]]], list[list[tuple[int, float | None, int]]]]:
    """One stake per (owner, owned) pair, for the 50 percent rule.

    The firm's own dated data wins over what a list says; among list records of one pair
    (FollowTheMoney keeps several, undated), the largest known percentage, else unknown.
    """
    chosen: dict[tuple[int, int], int] = {}
    for position, edge in enumerate(edges):
        if edge.kind is not RelationshipKind.OWNERSHIP or edge.source == edge.target:
            continue
        pair = (edge.source, edge.target)
        best = chosen.get(pair)
        if best is None or _stake_rank(edge) > _stake_rank(edges[best]):
            chosen[pair] = position
    stakes_in: list[list[tuple[int, float | None, int]]] = [[] for _ in range(count)]
    stakes_out: list[list[tuple[int, float | None, int]]] = [[] for _ in range(count)]
    for (owner, owned), position in chosen.items():
        percent = edges[position].percent
        stakes_in[owned].append((owner, percent, position))
        stakes_out[owner].append((owned, percent, position))
    return stakes_in, stakes_out


def _stake_rank(edge: Edge) -> tuple[bool, str, bool, float]:
    firm = edge.origin == FIRM_ORIGIN
    known = edge.percent is not None
    return (firm, edge.as_of or "", known, edge.percent or 0.0)
