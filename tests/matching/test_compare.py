"""`sanctio.compare(query, candidate)`: two records scored exactly as `screen()` would score
them, name parts joined into a name, and bad records refused with a clear QueryError."""

from __future__ import annotations

from typing import Any

import pytest

import sanctio
from sanctio import Comparison, QueryError, Screener, compare
from sanctio.model import Schema
from tests.factory import organization, person, vessel

BUILDERS = {Schema.PERSON: person, Schema.ORGANIZATION: organization, Schema.VESSEL: vessel}


def one_entity_screener(candidate: dict[str, Any]) -> Screener:
    """A Screener holding only the candidate record, as the lists would give it."""
    builder = BUILDERS[Schema(candidate.get("schema", "Person"))]
    names = list(candidate.get("names") or [candidate["name"]])
    fields = {
        key: candidate[key]
        for key in ("birth_dates", "countries", "gender", "identifiers")
        if key in candidate
    }
    if "birth_date" in candidate:
        fields["birth_dates"] = [candidate["birth_date"]]
    source, local_id = candidate["id"].split(":")
    return Screener([builder(source, local_id, *names, **fields)])


def screen_as_query(screener: Screener, query: dict[str, Any]) -> list[sanctio.Hit]:
    return screener.screen(
        query.get("name"),
        schema=query.get("schema"),
        birth_date=query.get("birth_date"),
        countries=query.get("countries"),
        gender=query.get("gender"),
        identifiers=query.get("identifiers"),
    )


ASSAD = {"id": "cand:assad", "schema": "Person", "name": "AL-ASSAD, Bashar"}
ASSAD_DATED = {**ASSAD, "birth_date": "1965-09-11", "countries": ["sy"], "gender": "male"}

PAIRS = [
    pytest.param({"name": "Bashar al-Assad"}, ASSAD, id="same-name-other-order"),
    pytest.param({"name": "Bashar el-Asad"}, ASSAD, id="particle-and-spelling"),
    pytest.param({"name": "Basshar al-Asasd"}, ASSAD, id="typos"),
    pytest.param({"name": "بشار الأسد", "schema": "Person"}, ASSAD, id="arabic"),
    pytest.param({"name": "Башар Асад"}, ASSAD, id="cyrillic"),
    pytest.param(
        {"name": "Bashar al-Assad", "birth_date": "1965-09-11"}, ASSAD_DATED, id="same-birth-date"
    ),
    pytest.param(
        {"name": "Bashar al-Assad", "birth_date": "1970"}, ASSAD_DATED, id="other-birth-year"
    ),
    pytest.param({"name": "Bashar al-Assad", "countries": ["SY"]}, ASSAD_DATED, id="same-country"),
    pytest.param({"name": "Bashar al-Assad", "countries": ["FR"]}, ASSAD_DATED, id="other-country"),
    pytest.param({"name": "Bashar al-Assad", "gender": "female"}, ASSAD_DATED, id="other-gender"),
    pytest.param(
        {"name": "Bashir Asad", "identifiers": ["passport:D1903"]},
        {**ASSAD, "identifiers": ["passport:D1903"]},
        id="same-passport",
    ),
    pytest.param(
        {"name": "Abu Zarif"},
        {"id": "cand:zarif", "names": ["Zarif Omran Qudrani", "Abu Zarif", "Zarif al-Qudrani"]},
        id="matched-on-an-alias",
    ),
    pytest.param(
        {"name": "Sakhatrans Ltd", "schema": "Organization"},
        {"id": "cand:sakha", "schema": "Organization", "name": "SAKHATRANS LLC"},
        id="organisation-legal-form",
    ),
    pytest.param(
        {"name": "Bellatrix Dawn", "schema": "Person"},
        {"id": "cand:ship", "schema": "Vessel", "name": "BELLATRIX DAWN"},
        id="person-against-vessel",
    ),
]


@pytest.mark.parametrize(("query", "candidate"), PAIRS)
def test_compare_scores_a_pair_exactly_as_screen_does(query, candidate):
    comparison = compare(query, candidate)
    assert isinstance(comparison, Comparison)
    hits = screen_as_query(one_entity_screener(candidate), query)
    assert len(hits) == 1, "screen() finds the one candidate"
    hit = hits[0]
    assert hit.entity_id == candidate["id"]
    assert hit.score == comparison.score
    assert hit.is_alert == comparison.is_alert
    assert hit.explanation == comparison.explanation


def test_compare_is_exported_and_uses_the_default_threshold():
    assert sanctio.compare is compare
    near = compare({"name": "Ramzan Kadyrov"}, {"name": "KADYROV, Ramzan Akhmatovich"})
    assert 0.8 <= near.score < 0.95
    assert near.is_alert
    assert not compare(
        {"name": "Ramzan Kadyrov"}, {"name": "KADYROV, Ramzan Akhmatovich"}, threshold=0.95
    ).is_alert


# ---- name parts -----------------------------------------------------------------------------


def test_first_and_last_name_parts_score_as_the_whole_name():
    listed = {"schema": "Person", "name": "AL-ASSAD, Bashar"}
    whole = compare({"name": "Bashar al-Assad"}, listed)
    parts = compare({"first_name": "Bashar", "last_name": "al-Assad"}, listed)
    assert parts.score == whole.score == 1.0
    assert parts.explanation.query_name == "Bashar al-Assad"


def test_middle_and_father_names_join_the_name_in_order():
    listed = {"schema": "Person", "name": "KADYROV, Ramzan Akhmatovich"}
    parts = compare(
        {"first_name": "Ramzan", "father_name": "Akhmatovich", "last_name": "Kadyrov"}, listed
    )
    assert parts.score == 1.0
    middle = compare(
        {"first_name": "Ramzan", "middle_name": "Akhmatovich", "last_name": "Kadyrov"}, listed
    )
    assert middle.score == 1.0


def test_a_candidate_may_be_given_in_name_parts_too():
    parts = compare(
        {"name": "Bashar al-Assad"},
        {"schema": "Person", "first_name": "Bashar", "last_name": "Al-Assad"},
    )
    assert parts.score == 1.0 and parts.is_alert


def test_a_name_and_name_parts_are_both_tried_and_the_best_counts():
    listed = {"schema": "Person", "name": "AL-ASSAD, Bashar"}
    both = compare({"name": "B. Assad", "first_name": "Bashar", "last_name": "al-Assad"}, listed)
    assert both.score == 1.0
    assert both.explanation.query_name == "Bashar al-Assad"


def test_a_missing_last_name_part_is_not_a_full_match():
    listed = {"schema": "Person", "name": "AL-ASSAD, Bashar"}
    assert not compare({"first_name": "Bashar"}, listed).is_alert


# ---- bad input -------------------------------------------------------------------------------

GOOD = {"name": "Bashar al-Assad"}

BAD_RECORDS = [
    pytest.param("Bashar al-Assad", GOOD, "a record must be a dict", id="query-not-a-dict"),
    pytest.param(GOOD, ["AL-ASSAD, Bashar"], "a record must be a dict", id="candidate-not-a-dict"),
    pytest.param({}, GOOD, "needs a name or an identifier", id="empty-query"),
    pytest.param({"name": "   "}, GOOD, "needs a name or an identifier", id="blank-name"),
    pytest.param(
        GOOD, {"schema": "Person"}, "needs a name or an identifier", id="nameless-candidate"
    ),
    pytest.param({"name": 1965}, GOOD, "a name must be text", id="name-not-text"),
    pytest.param({"name": "x" * 10_000}, GOOD, "the limit is 500", id="10-kB-name"),
    pytest.param({"name": "Bashar\x00Assad"}, GOOD, "control characters", id="control-character"),
    pytest.param({**GOOD, "schema": "Spaceship"}, GOOD, "schema: unknown schema", id="bad-schema"),
    pytest.param(
        GOOD, {**GOOD, "schema": "Planet"}, "schema: unknown schema", id="bad-candidate-schema"
    ),
    pytest.param(
        {**GOOD, "birth_date": "11/31/65"}, GOOD, "birth_date: cannot read", id="bad-date"
    ),
    pytest.param({**GOOD, "countries": ["Atlantis"]}, GOOD, "unknown country", id="bad-country"),
    pytest.param({**GOOD, "gender": "x"}, GOOD, "gender", id="bad-gender"),
    pytest.param(
        {"name": "!!! ---"},
        GOOD,
        "no letters or digits",
        id="punctuation-only-name",
    ),
]


@pytest.mark.parametrize(("query", "candidate", "message"), BAD_RECORDS)
def test_bad_records_are_refused_with_a_clear_query_error(query, candidate, message):
    with pytest.raises(QueryError, match=message):
        compare(query, candidate)


@pytest.mark.parametrize("threshold", [1.5, -0.1])
def test_a_threshold_outside_0_to_1_is_refused(threshold):
    with pytest.raises(QueryError, match="threshold"):
        compare(GOOD, GOOD, threshold=threshold)


def test_a_birth_year_given_as_a_number_is_read_as_that_year():
    with_number = compare({**GOOD, "birth_date": 1965}, {**GOOD, "birth_date": "1965"})
    with_text = compare({**GOOD, "birth_date": "1965"}, {**GOOD, "birth_date": "1965"})
    assert with_number.score == with_text.score


def test_the_same_company_name_alerts_though_its_one_distinctive_word_is_common():
    same = compare(
        {"schema": "Organization", "name": "ANSAR BANK"},
        {"schema": "Organization", "name": "Ansar Bank"},
    )
    other = compare(
        {"schema": "Organization", "name": "Ansar Trading"},
        {"schema": "Organization", "name": "Ansar Bank"},
    )
    assert same.is_alert
    assert not other.is_alert  # resting on "Ansar" alone is still not a match


def test_one_common_name_alone_still_does_not_alert_even_spelt_alike():
    result = compare(
        {"schema": "Person", "name": "Mohammed"}, {"schema": "Person", "name": "MOHAMMED"}
    )
    assert not result.is_alert
