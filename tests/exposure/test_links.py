"""Links: the shortest paths from a party to designated persons, and the exposure section."""

from __future__ import annotations

import pytest

from sanctio.errors import NotFoundError, QueryError
from sanctio.exposure import Exposure, Stake, customer_node, exposure_for_hits
from sanctio.model import Relationship, RelationshipKind
from tests.exposure.conftest import node, structure
from tests.factory import organization, person

FAMILY = RelationshipKind.FAMILY
ASSOCIATE = RelationshipKind.ASSOCIATE


def test_a_customer_owned_by_a_designated_person_links_to_them_in_one_hop() -> None:
    section = structure(("X", "A", 30)).party("customer:A")
    assert section["links_total"] == 1
    link = section["links"][0]
    assert link["target"]["id"] == "sdn:X"
    assert link["hops"] == 1
    assert link["paths"][0]["text"] == "A ←ownership 30%— Blocked Person X"
    assert link["paths"][0]["edges"][0] == {
        "source": "sdn:X",
        "target": "customer:A",
        "kind": "ownership",
        "origin": "firm",
        "percent": 30.0,
    }


def test_links_run_through_every_kind_of_relationship_in_either_direction() -> None:
    exposure = structure(("B", "A", 100), links=[("B", "X", FAMILY)])
    section = exposure.party("A")
    (link,) = section["links"]
    assert link["hops"] == 2
    assert link["paths"][0]["text"] == "A ←ownership 100%— B —family→ Blocked Person X"
    assert [n["id"] for n in link["paths"][0]["nodes"]] == ["customer:A", "customer:B", "sdn:X"]


def test_designated_persons_beyond_the_hop_limit_are_not_reported() -> None:
    exposure = structure(
        links=[("A", "B", ASSOCIATE), ("B", "C", ASSOCIATE), ("C", "X", ASSOCIATE)]
    )
    assert exposure.party("A", max_hops=2)["links"] == []
    assert exposure.party("A", max_hops=3)["links"][0]["hops"] == 3


def test_every_shortest_path_to_a_designated_person_is_kept() -> None:
    exposure = structure(links=[("A", "B", ASSOCIATE), ("A", "C", ASSOCIATE),
                                ("B", "X", ASSOCIATE), ("C", "X", ASSOCIATE),
                                ("A", "D", ASSOCIATE), ("D", "E", ASSOCIATE)])  # fmt: skip
    (link,) = exposure.party("A")["links"]
    assert sorted(p["text"] for p in link["paths"]) == [
        "A —associate→ B —associate→ Blocked Person X",
        "A —associate→ C —associate→ Blocked Person X",
    ]


def test_nearest_designated_persons_come_first() -> None:
    exposure = structure(("X", "A", 10), links=[("A", "B", ASSOCIATE), ("B", "Y", ASSOCIATE)])
    assert [(k["target"]["id"], k["hops"]) for k in exposure.party("A")["links"]] == [
        ("sdn:X", 1),
        ("sdn:Y", 2),
    ]


def test_a_path_ends_at_the_first_designated_person() -> None:
    # A is linked to X; X's associate Y is X's exposure, not A's.
    exposure = structure(links=[("A", "X", ASSOCIATE), ("X", "Y", ASSOCIATE)])
    assert [k["target"]["id"] for k in exposure.party("A")["links"]] == ["sdn:X"]


def test_a_listed_party_shows_its_own_links_to_other_designated_persons() -> None:
    exposure = structure(links=[("X", "Y", FAMILY)])
    section = exposure.party("sdn:X")
    assert section["listed"] is True
    assert section["ownership"]["status"] == "listed"
    assert [k["target"]["id"] for k in section["links"]] == ["sdn:Y"]


def test_the_section_gives_the_party_status_under_the_50_percent_rule_with_its_paths() -> None:
    section = structure(("X", "A", 50), ("A", "B", 60)).party("B")
    assert section["party"]["status"] == "blocked"
    assert section["ownership"]["summary"].startswith("blocked by the 50 percent rule")
    assert section["ownership"]["paths"][0]["text"] == "Blocked Person X —50%→ A —60%→ B"
    (link,) = section["links"]
    assert link["hops"] == 2
    assert [n["status"] for n in link["paths"][0]["nodes"]] == ["blocked", "blocked", "listed"]


def test_a_party_is_found_by_customer_id_with_or_without_its_prefix() -> None:
    exposure = structure(("X", "C-1", 10))
    assert exposure.party("C-1")["party"]["id"] == "customer:C-1"
    assert exposure.party("customer:C-1")["party"]["id"] == "customer:C-1"


def test_an_unknown_party_is_a_clear_error() -> None:
    with pytest.raises(NotFoundError, match="neither a listed entity id nor a customer"):
        structure(("X", "A", 10)).party("C-404")


@pytest.mark.parametrize("hops", [0, 7])
def test_hops_outside_1_to_6_are_refused(hops: int) -> None:
    with pytest.raises(QueryError, match="max_hops"):
        structure(("X", "A", 10)).party("A", max_hops=hops)


def test_the_number_of_links_shown_is_capped_but_all_are_counted() -> None:
    entities = [person("sdn", str(i), f"Listed Person {i}") for i in range(30)]
    stakes = [Stake(f"sdn:{i}", customer_node("A"), 1) for i in range(30)]
    section = Exposure.from_entities(entities, stakes).party("A", max_links=5)
    assert len(section["links"]) == 5
    assert section["links_total"] == 30


def test_exposure_for_hits_gives_a_section_per_hit_entity_keyed_by_id() -> None:
    linked = Relationship(RelationshipKind.LINKED_TO, target_name="Blocked Person X")
    entities = [
        organization("sdn", "co", "Corvid Holdings", relationships=(linked,)),
        person("sdn", "X", "Blocked Person X"),
    ]
    exposure = Exposure.from_entities(entities)
    result = exposure_for_hits(exposure, ["sdn:co", "sdn:co", "other:1"], max_hops=1)
    assert result["max_hops"] == 1
    assert list(result["entities"]) == ["sdn:co", "other:1"]
    section = result["entities"]["sdn:co"]
    assert section["links"][0]["paths"][0]["text"] == "Corvid Holdings —linked to→ Blocked Person X"
    unknown = result["entities"]["other:1"]
    assert unknown["known"] is False and unknown["links"] == []


def test_exposure_for_hits_takes_screening_hits(tiny_screener_entities: list) -> None:
    from sanctio import Screener

    screener = Screener(tiny_screener_entities)
    exposure = Exposure.from_entities(screener.entities)
    hits = screener.screen("Corvid Holdings")
    assert hits and hits[0].is_alert
    result = exposure.for_hits(hits)
    assert result["entities"][hits[0].entity_id]["links"][0]["target"]["id"] == "sdn:X"


@pytest.fixture
def tiny_screener_entities() -> list:
    owned = Relationship(
        RelationshipKind.OWNERSHIP, target_id="sdn:X", incoming=True, percentage=60
    )
    return [
        organization("sdn", "co", "Corvid Holdings", relationships=(owned,)),
        person("sdn", "X", "Blocked Person X"),
    ]


def test_the_graph_is_reachable_by_node_helpers() -> None:
    exposure = structure(("X", "A", 10))
    assert node("A") in exposure.graph and "customer:nobody" not in exposure.graph
