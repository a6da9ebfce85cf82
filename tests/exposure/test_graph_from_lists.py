"""The graph from the relationships list records name: ids, names resolved to entities,
FollowTheMoney records on both ends, and the UK OFSI list's labelled free text."""

from __future__ import annotations

from pathlib import Path

from sanctio.exposure import Exposure, ExposureGraph, name_node
from sanctio.model import Relationship, RelationshipKind
from sanctio.sources.registry import find_bundles, parse_bundle
from tests.factory import organization, person

LINKED_TO = RelationshipKind.LINKED_TO
OWNERSHIP = RelationshipKind.OWNERSHIP


def linked(name: str) -> tuple[Relationship, ...]:
    return (Relationship(LINKED_TO, target_name=name, role="Linked To"),)


def edges(graph: ExposureGraph) -> list[tuple[str, str, str]]:
    return sorted(
        (graph.nodes[e.source].id, graph.nodes[e.target].id, e.kind.value) for e in graph.edges
    )


def test_a_linked_to_name_resolves_to_the_entity_of_that_name_whatever_its_spelling() -> None:
    graph = ExposureGraph.build([
        organization("ofac-sdn", "1", "Corvid Maritime LLC", relationships=linked("ZARIF, Omran")),
        person("ofac-sdn", "2", "ZARIF, Omran"),
    ])  # fmt: skip
    assert edges(graph) == [("ofac-sdn:1", "ofac-sdn:2", "linked_to")]


def test_a_name_resolves_by_alias_too_but_a_primary_name_wins() -> None:
    graph = ExposureGraph.build([
        organization("ofac-sdn", "1", "Corvid Maritime", relationships=linked("Petrel Group")),
        organization("ofac-sdn", "2", "Petrel Holding", "Petrel Group"),
        organization("ofac-sdn", "3", "Kestrel Trading", relationships=linked("Petrel Holding")),
        organization("ofac-sdn", "4", "Other Firm", "Petrel Holding"),
    ])  # fmt: skip
    assert ("ofac-sdn:1", "ofac-sdn:2", "linked_to") in edges(graph)
    assert ("ofac-sdn:3", "ofac-sdn:2", "linked_to") in edges(graph)
    assert not any(target == "ofac-sdn:4" for _, target, _ in edges(graph))


def test_a_name_resolves_in_the_same_list_first_then_in_the_publishers_other_lists() -> None:
    graph = ExposureGraph.build([
        organization("ofac-sdn", "1", "Corvid Maritime", relationships=linked("Heron Oil")),
        organization("ofac-cons", "9", "Heron Oil"),
        organization("uk-ofsi", "9", "Heron Oil"),
    ])  # fmt: skip
    assert edges(graph) == [("ofac-sdn:1", "ofac-cons:9", "linked_to")]


def test_a_name_that_several_entities_bear_links_to_each_marked_ambiguous() -> None:
    graph = ExposureGraph.build([
        organization("ofac-sdn", "1", "Corvid", relationships=linked("Ministry of State Security")),
        organization("ofac-sdn", "2", "Ministry of State Security"),
        organization("ofac-sdn", "3", "Ministry of State Security"),
    ])  # fmt: skip
    assert {graph.nodes[e.target].id for e in graph.edges} == {"ofac-sdn:2", "ofac-sdn:3"}
    assert all(e.ambiguous for e in graph.edges)


def test_a_name_no_listed_entity_bears_is_a_party_known_by_name_shared_by_its_mentions() -> None:
    graph = ExposureGraph.build([
        organization("ofac-sdn", "1", "Corvid", relationships=linked("Presidency of Gulls")),
        organization("ofac-sdn", "2", "Kestrel", relationships=linked("PRESIDENCY OF GULLS")),
    ])  # fmt: skip
    party = name_node("Presidency of Gulls")
    assert graph.node(party).kind == "party"
    assert edges(graph) == [
        ("ofac-sdn:1", party, "linked_to"),
        ("ofac-sdn:2", party, "linked_to"),
    ]
    # Two parties linked to the same unlisted name are two hops apart.
    exposure = Exposure(graph)
    assert exposure.party("ofac-sdn:1")["links"][0]["target"]["id"] == "ofac-sdn:2"


def test_an_incoming_ownership_points_from_the_owner() -> None:
    owned_by = Relationship(OWNERSHIP, target_id="ofac-sdn:2", incoming=True, percentage=75)
    graph = ExposureGraph.build([
        organization("ofac-sdn", "1", "Corvid", relationships=(owned_by,)),
        person("ofac-sdn", "2", "Omran Zarif"),
    ])  # fmt: skip
    (edge,) = graph.edges
    assert (graph.nodes[edge.source].id, graph.nodes[edge.target].id, edge.percent) == (
        "ofac-sdn:2",
        "ofac-sdn:1",
        75,
    )


def test_followthemoney_relationships_from_both_ends_make_one_edge(fixtures_dir: Path) -> None:
    (bundle,) = find_bundles(fixtures_dir / "ftm")[0][:1]
    entities = parse_bundle(bundle).entities
    graph = ExposureGraph.build(entities)
    published = {(r.source_id, r.kind) for e in entities for r in e.relationships if r.target_id}
    assert len(graph.edges) == len(published)


def test_uk_ofsi_parent_company_and_subsidiaries_texts_link_the_entities_they_name() -> None:
    graph = ExposureGraph.build([
        organization("uk-ofsi", "1", "Ministry of Defence and Armed Forces Logistics", "MODAFL"),
        organization("uk-ofsi", "2", "Shahid Hemmat Industrial Group",
                     properties=(("parent_company",
                                  "(1) Ministry of Defence and Armed Forces Logistics (MODAFL) "
                                  "(2) Some Unlisted Body"),)),
        organization("uk-ofsi", "3", "Cham Holding",
                     properties=(("subsidiaries",
                                  "Bena Properties (subsidiary), Cham Holding Building, Daraa "
                                  "Highway. Sham Investment (49%)"),)),
        organization("uk-ofsi", "4", "Bena Properties"),
        organization("uk-ofsi", "5", "Sham Investment"),
    ])  # fmt: skip
    found = sorted(
        (graph.nodes[e.source].id, graph.nodes[e.target].id, e.percent, e.role) for e in graph.edges
    )
    assert found == [
        ("uk-ofsi:1", "uk-ofsi:2", None, "parent company"),
        ("uk-ofsi:3", "uk-ofsi:4", None, "subsidiaries"),
        ("uk-ofsi:3", "uk-ofsi:5", 49.0, "subsidiaries"),
    ]
