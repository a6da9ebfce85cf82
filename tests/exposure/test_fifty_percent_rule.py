"""OFAC's 50 percent rule: the published examples (2014 revised guidance, FAQs 398-401),
cycles, and stakes of unknown size."""

from __future__ import annotations

from sanctio.model import RelationshipKind
from tests.exposure.conftest import node, status, structure

# -- OFAC's published examples -------------------------------------------------------------


def test_an_entity_owned_50_percent_by_one_blocked_person_is_blocked() -> None:
    exposure = structure(("X", "A", 50))
    assert status(exposure, "A") == "blocked"
    assert exposure.ownership.verdict(node("A")).blocked_percent == 50


def test_stakes_of_several_blocked_persons_are_aggregated_faq_399() -> None:
    # Blocked Person X owns 25% of Entity A, Blocked Person Y owns 25%: A is blocked.
    exposure = structure(("X", "A", 25), ("Y", "A", 25))
    verdict = exposure.ownership.verdict(node("A"))
    assert verdict.status.value == "blocked"
    assert verdict.blocked_percent == 50
    assert {s["owner"]["id"] for s in verdict.stakes} == {"sdn:X", "sdn:Y"}


def test_persons_blocked_under_different_programmes_are_aggregated() -> None:
    from sanctio.exposure import Exposure, Stake, customer_node
    from tests.factory import person

    entities = [
        person("sdn", "X", "Blocked Person X", programs=["SYRIA"]),
        person("sdn", "Y", "Blocked Person Y", programs=["RUSSIA-EO14024"]),
    ]
    stakes = [Stake("sdn:X", customer_node("A"), 30), Stake("sdn:Y", customer_node("A"), 20)]
    exposure = Exposure.from_entities(entities, stakes)
    assert exposure.ownership.verdict(customer_node("A")).status.value == "blocked"


def test_faq_401_example_1_a_chain_of_50_percent_stakes_blocks_each_link() -> None:
    # X owns 50% of A, A owns 50% of B: A is blocked, and so B.
    exposure = structure(("X", "A", 50), ("A", "B", 50))
    assert status(exposure, "A") == "blocked"
    verdict = exposure.ownership.verdict(node("B"))
    assert verdict.status.value == "blocked"
    assert [p["text"] for p in verdict.paths] == [
        "Blocked Person X —50%→ A —50%→ B",
    ]


def test_faq_401_example_2_a_blocked_intermediates_whole_stake_counts() -> None:
    # X owns 50% of A and of B; A and B each own 25% of C: C is blocked, 25 + 25 = 50
    # (each intermediate's full stake counts; it is not multiplied by X's 50%).
    exposure = structure(("X", "A", 50), ("X", "B", 50), ("A", "C", 25), ("B", "C", 25))
    verdict = exposure.ownership.verdict(node("C"))
    assert verdict.status.value == "blocked"
    assert verdict.blocked_percent == 50
    assert sorted(p["text"] for p in verdict.paths) == [
        "Blocked Person X —50%→ A —25%→ C",
        "Blocked Person X —50%→ B —25%→ C",
    ]


def test_faq_401_example_3_direct_and_indirect_stakes_add_up() -> None:
    # X owns 50% of A and 10% of B; A owns 40% of B: B is blocked, 10 + 40 = 50.
    exposure = structure(("X", "A", 50), ("X", "B", 10), ("A", "B", 40))
    verdict = exposure.ownership.verdict(node("B"))
    assert verdict.status.value == "blocked"
    assert verdict.blocked_percent == 50
    assert sorted(p["text"] for p in verdict.paths) == [
        "Blocked Person X —10%→ B",
        "Blocked Person X —50%→ A —40%→ B",
    ]


def test_faq_401_ownership_through_entities_that_are_not_blocked_does_not_count() -> None:
    # X owns 25% of A and 25% of B; A and B each own 50% of C. A and B are not blocked,
    # so X is not considered to own any of C through them.
    exposure = structure(("X", "A", 25), ("X", "B", 25), ("A", "C", 50), ("B", "C", 50))
    assert status(exposure, "A") == "caution"
    assert status(exposure, "B") == "caution"
    assert status(exposure, "C") == "clear"
    assert exposure.ownership.verdict(node("C")).blocked_percent == 0


def test_below_50_percent_in_the_aggregate_is_not_blocked_but_calls_for_caution() -> None:
    exposure = structure(("X", "A", 30), ("Y", "A", 19.99))
    verdict = exposure.ownership.verdict(node("A"))
    assert verdict.status.value == "caution"
    assert round(verdict.blocked_percent, 2) == 49.99
    assert "not blocked" in verdict.summary()


def test_control_without_ownership_does_not_block_faq_398() -> None:
    exposure = structure(links=[("X", "A", RelationshipKind.DIRECTORSHIP)])
    verdict = exposure.ownership.verdict(node("A"))
    assert verdict.status.value == "caution"
    assert verdict.directors == ("sdn:X",)


def test_decimal_stakes_that_sum_to_exactly_50_block() -> None:
    exposure = structure(("X", "A", 33.33), ("Y", "A", 16.67))
    assert status(exposure, "A") == "blocked"


def test_stakes_of_owners_that_are_not_blocked_do_not_count() -> None:
    exposure = structure(("X", "A", 20), ("Q", "A", 80))
    assert status(exposure, "A") == "caution"
    assert status(exposure, "Q") == "clear"


def test_a_listed_person_is_listed_not_blocked_by_the_rule() -> None:
    exposure = structure(("X", "Y", 100))
    assert status(exposure, "Y") == "listed"
    assert exposure.ownership.verdict(node("Y")).paths == ()


# -- cycles ----------------------------------------------------------------------------------


def test_a_cycle_reached_by_a_blocked_person_is_blocked_and_the_analysis_ends() -> None:
    # X owns 50% of A; A owns 60% of B; B owns 30% of A: A and B blocked.
    exposure = structure(("X", "A", 50), ("A", "B", 60), ("B", "A", 30))
    assert status(exposure, "A") == "blocked"
    assert status(exposure, "B") == "blocked"
    verdict = exposure.ownership.verdict(node("A"))
    assert verdict.blocked_percent == 80  # X's 50 and blocked B's 30
    # Every explaining path starts at a blocked person and visits no party twice.
    for path in verdict.paths:
        ids = [n["id"] for n in path["nodes"]]
        assert ids[0] == "sdn:X" and len(ids) == len(set(ids))


def test_a_cycle_that_only_aggregation_inside_it_would_complete_is_not_blocked() -> None:
    # X owns 30% of A; A owns 100% of B; B owns 20% of A. B is not blocked (A is not), so
    # B's 20% does not count: A stays at 30%, the least fixed point.
    exposure = structure(("X", "A", 30), ("A", "B", 100), ("B", "A", 20))
    assert status(exposure, "A") == "caution"
    assert status(exposure, "B") == "clear"


def test_a_ring_of_entities_owning_each_other_without_blocked_owners_is_clear() -> None:
    exposure = structure(("A", "B", 60), ("B", "C", 60), ("C", "A", 60))
    assert {status(exposure, x) for x in "ABC"} == {"clear"}


def test_a_self_stake_is_ignored() -> None:
    exposure = structure(("X", "A", 40), ("A", "A", 20))
    assert status(exposure, "A") == "caution"


# -- unknown percentages -------------------------------------------------------------------


def test_a_stake_of_unknown_size_held_by_a_blocked_person_is_flagged_for_review() -> None:
    exposure = structure(("X", "A", None))
    verdict = exposure.ownership.verdict(node("A"))
    assert verdict.status.value == "possibly_blocked"
    assert verdict.blocked_percent == 0
    assert verdict.possible_percent == 100
    assert "percent unknown" in verdict.summary()
    assert [p["text"] for p in verdict.paths] == ["Blocked Person X —?%→ A"]


def test_an_unknown_stake_counts_at_most_the_share_no_known_stake_holds() -> None:
    # 60% is known to be held by an owner that is not blocked: X's unknown stake is at
    # most 40%, so A cannot be blocked.
    exposure = structure(("X", "A", None), ("Q", "A", 60))
    assert status(exposure, "A") == "caution"
    # With only 45% accounted for, X's stake could be 55%: review.
    exposure = structure(("X", "A", None), ("Q", "A", 45))
    verdict = exposure.ownership.verdict(node("A"))
    assert verdict.status.value == "possibly_blocked"
    assert verdict.possible_percent == 55


def test_known_and_unknown_blocked_stakes_together_may_reach_50() -> None:
    exposure = structure(("X", "A", 30), ("Y", "A", None), ("Q", "A", 10))
    verdict = exposure.ownership.verdict(node("A"))
    assert verdict.status.value == "possibly_blocked"
    assert verdict.blocked_percent == 30
    assert verdict.possible_percent == 90


def test_possibly_blocked_owners_pass_the_doubt_down_the_chain() -> None:
    exposure = structure(("X", "A", None), ("A", "B", 100))
    verdict = exposure.ownership.verdict(node("B"))
    assert verdict.status.value == "possibly_blocked"
    assert [p["text"] for p in verdict.paths] == ["Blocked Person X —?%→ A —100%→ B"]


def test_known_stakes_reaching_50_block_whatever_is_unknown() -> None:
    exposure = structure(("X", "A", 50), ("Y", "A", None))
    assert status(exposure, "A") == "blocked"


def test_blocked_lists_entities_blocked_or_possibly_blocked_by_the_rule_only() -> None:
    exposure = structure(("X", "A", 50), ("Y", "B", None), ("X", "C", 10))
    found = exposure.blocked()
    assert [(f["party"]["id"], f["status"]) for f in found] == [
        ("customer:A", "blocked"),
        ("customer:B", "possibly_blocked"),
    ]
    assert found[0]["summary"].startswith("blocked by the 50 percent rule")


def test_only_the_chosen_lists_count_as_blocked_persons() -> None:
    from sanctio.exposure import Exposure, Stake, customer_node
    from tests.factory import person

    entities = [person("ofac-sdn", "1", "Listed One"), person("uk-ofsi", "2", "Listed Two")]
    stakes = [
        Stake("ofac-sdn:1", customer_node("A"), 30),
        Stake("uk-ofsi:2", customer_node("A"), 30),
    ]
    assert (
        Exposure.from_entities(entities, stakes).ownership.verdict(customer_node("A")).status.value
        == "blocked"
    )
    only_ofac = Exposure.from_entities(entities, stakes, blocked_sources={"ofac-sdn"})
    assert only_ofac.ownership.verdict(customer_node("A")).status.value == "caution"
