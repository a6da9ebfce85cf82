"""The real OFAC SDN list of 2024-05-03: entities ``Linked To`` designated Syrian persons
are reported with their path, from an entity id and from a screening hit."""

from __future__ import annotations

from pathlib import Path

import pytest

from sanctio import Entity, Screener
from sanctio.exposure import Exposure, Stake, customer_node, exposure_for_hits
from sanctio.sources.registry import find_bundles, parse_bundle

pytestmark = pytest.mark.real_lists

EAGLES = "ofac-sdn:18249"  # THE EAGLES L.L.C., Linked To: ABDULKARIM, Wael
ABDULKARIM = "ofac-sdn:17507"  # ABDULKARIM, Wael: a Syrian businessman, programme SYRIA


@pytest.fixture(scope="module")
def sdn_entities(lists_dir: Path) -> list[Entity]:
    (bundle,) = find_bundles(lists_dir / "ofac" / "sdn-2024-05-03")[0]
    return parse_bundle(bundle).entities


@pytest.fixture(scope="module")
def exposure(sdn_entities: list[Entity]) -> Exposure:
    stakes = [
        Stake(ABDULKARIM, customer_node("C-1"), 60, as_of="2024-04-30"),
        Stake(customer_node("C-1"), customer_node("C-2"), 50, as_of="2024-04-30"),
    ]
    return Exposure.from_entities(sdn_entities, stakes)


def test_the_eagles_is_reported_linked_to_the_designated_syrian_wael_abdulkarim(
    exposure: Exposure,
) -> None:
    section = exposure.party(EAGLES)
    assert section["listed"] is True
    link = next(k for k in section["links"] if k["target"]["id"] == ABDULKARIM)
    assert link["hops"] == 1
    assert link["target"]["schema"] == "Person"
    assert "SYRIA" in link["target"]["programs"]
    (path,) = link["paths"]
    assert path["text"] == "THE EAGLES L.L.C. —linked to→ ABDULKARIM, Wael"
    assert path["edges"] == [
        {
            "source": EAGLES,
            "target": ABDULKARIM,
            "kind": "linked_to",
            "origin": "ofac-sdn",
            "percent": None,
            "role": "Linked To",
        }
    ]


def test_every_linked_to_a_designated_syrian_person_is_found_from_its_side(
    exposure: Exposure, sdn_entities: list[Entity]
) -> None:
    by_id = {e.id: e for e in sdn_entities}
    syrian_people = {
        e.id for e in sdn_entities
        if e.schema.value == "Person" and any(p.startswith("SYRIA") for p in e.programs)
    }  # fmt: skip
    graph = exposure.graph
    pairs = {
        (graph.nodes[e.source].id, graph.nodes[e.target].id)
        for e in graph.edges
        if e.kind.value == "linked_to" and graph.nodes[e.target].id in syrian_people
    }
    assert len(pairs) > 50
    for source, target in sorted(pairs)[:25]:
        targets = {k["target"]["id"] for k in exposure.party(source, max_hops=1)["links"]}
        assert target in targets, (source, by_id[target].caption)


def test_a_screening_hit_carries_the_exposure_section_of_its_entity(
    exposure: Exposure, sdn_entities: list[Entity]
) -> None:
    screener = Screener(sdn_entities)
    hits = [h for h in screener.screen("The Eagles LLC") if h.is_alert]
    assert hits[0].entity_id == EAGLES
    section = exposure_for_hits(exposure, hits)["entities"][EAGLES]
    assert ABDULKARIM in {k["target"]["id"] for k in section["links"]}


def test_a_customer_owned_by_a_designated_syrian_person_is_blocked_and_so_its_subsidiary(
    exposure: Exposure,
) -> None:
    section = exposure.party("C-2")
    assert section["ownership"]["status"] == "blocked"
    assert [p["text"] for p in section["ownership"]["paths"]] == [
        "ABDULKARIM, Wael —60%→ C-1 —50%→ C-2"
    ]
    # Two hops away: Abdulkarim himself; his linked companies are his exposure, not C-2's.
    assert [(k["target"]["id"], k["hops"]) for k in section["links"]] == [(ABDULKARIM, 2)]
