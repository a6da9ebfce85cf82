"""Screening against the real official lists: what a screener must find, what it must not,
and how it says why.

The expected entities were read from the lists (``sanctio show``). Many people are listed
by several sources: Bashar al-Assad is ofac-sdn:12735, again us-csl:12735 (the CSL repeats
the SDN list) and uk-ofsi:11928. So each positive case asserts two things: on every list
the expected OFAC SDN entity is among the alerts, and on the SDN list alone, where a person
is listed once, it is ranked first.
"""

from __future__ import annotations

import orjson
import pytest

from sanctio import DEFAULT_THRESHOLD, Hit, Screener, compare
from sanctio.matching.score import DECISIVE_SCORE

pytestmark = pytest.mark.real_lists

ASSAD = "ofac-sdn:12735"  # AL-ASSAD, Bashar; born 1965-09-11; SY
ASSAD_ENTRIES = {ASSAD, "us-csl:12735", "uk-ofsi:11928"}  # the same man on three lists
KADYROV = "ofac-sdn:23343"  # KADYROV, Ramzan Akhmatovich; born 1976-10-05; RU
PUTIN = "ofac-sdn:35096"  # PUTIN, Vladimir Vladimirovich
ZAWAHIRI = "ofac-sdn:2676"  # AL ZAWAHIRI, Dr. Ayman
GADDAFI_MUAMMAR = "ofac-sdn:12606"  # QADHAFI, Muammar
GADDAFI_MUHAMMAD = "ofac-sdn:12628"  # GADDAFI, Muhammad
GADDAFI_SAIF = "ofac-sdn:12608"  # QADHAFI, Saif al-Islam
GADDAFI_HANNIBAL = "ofac-sdn:12627"  # GADDAFI, Hannibal
SAKHATRANS = "ofac-sdn:16824"  # SAKHATRANS LLC
FMF_TRADING = "ofac-sdn:10596"  # FMF GENERAL TRADING LLC
ROSNEFT_TRADING = "ofac-sdn:18299"  # ROSNEFT TRADING S.A.
IRISL = "ofac-sdn:25396"  # ISLAMIC REPUBLIC OF IRAN SHIPPING LINES
UMAIR_SHEIKH = "ofac-sdn:17272"  # SHEIKH, Umair Naeem; passport AQ5192272
HAPPINESS = "ofac-sdn:15055"  # vessel HAPPINESS I; IMO 9212905
ARTAVIL = "ofac-sdn:15036"  # vessel ARTAVIL; IMO 9187629
MARSHAL_ZHUKOV = "ofac-sdn:21115"  # vessel MARSHAL ZHUKOV
POTANIN = "uk-ofsi:15417"  # Владимир Олегович Потанин (Vladimir Potanin)


def describe(hits: list[Hit]) -> str:
    """The hits as lines, for assertion messages."""
    return "\n".join(
        f"  {'ALERT' if h.is_alert else '     '} {h.score:.3f} {h.entity_id} {h.matched_name!r}"
        for h in hits
    )


def alerts(hits: list[Hit]) -> list[str]:
    return [h.entity_id for h in hits if h.is_alert]


def hit_for(hits: list[Hit], entity_id: str) -> Hit | None:
    return next((h for h in hits if h.entity_id == entity_id), None)


def assert_alert_ranked_first(
    screener: Screener, sdn_screener: Screener, query: str, expected: str, **options
) -> None:
    hits = screener.screen(query, **options)
    assert expected in alerts(hits), f"{query!r} should alert on {expected}:\n{describe(hits)}"
    sdn_hits = sdn_screener.screen(query, **options)
    assert sdn_hits, f"{query!r} finds nothing on the SDN list"
    assert sdn_hits[0].entity_id == expected, (
        f"{query!r} should rank {expected} first on the SDN list:\n{describe(sdn_hits)}"
    )


def assert_no_alert(hits: list[Hit], query: str) -> None:
    assert not alerts(hits), f"{query!r} should raise no alert:\n{describe(hits)}"


# ---- variations of a listed name ------------------------------------------------------

BENIGN = [
    pytest.param("bashar al-assad", ASSAD, id="lower-case"),
    pytest.param("RAMZAN KADYROV", KADYROV, id="upper-case"),
    pytest.param("Bashār al-Assad", ASSAD, id="diacritics-macron"),
    pytest.param("Ramzán Kadýrov", KADYROV, id="diacritics-acute"),
    pytest.param("Bashar al Assad", ASSAD, id="punctuation-dropped"),
    pytest.param("Qadhafi, Saif-al-Islam.", GADDAFI_SAIF, id="punctuation-added"),
    pytest.param("Bashar el-Assad", ASSAD, id="particle-al-to-el"),
    pytest.param("Ayman el-Zawahiri", ZAWAHIRI, id="particle-al-to-el-2"),
    pytest.param("AL-ASSAD, Bashar", ASSAD, id="order-family-comma-given"),
    pytest.param("Bashar al-Assad", ASSAD, id="order-given-family"),
    pytest.param("Assad Bashar", ASSAD, id="order-family-given-no-comma"),
    pytest.param("Dr. Ayman al-Zawahiri", ZAWAHIRI, id="title-dr"),
    pytest.param("Dr Bashar al-Assad", ASSAD, id="title-dr-no-dot"),
    pytest.param("Sheikh Bashar al-Assad", ASSAD, id="title-sheikh"),
    pytest.param("SAKHATRANS LTD", SAKHATRANS, id="legal-form-llc-to-ltd"),
    pytest.param("FMF General Trading Limited", FMF_TRADING, id="legal-form-llc-to-limited"),
    pytest.param("Mohammed Gaddafi", GADDAFI_MUHAMMAD, id="translit-mohammed-muhammad"),
    pytest.param("Muhammad Qaddafi", GADDAFI_MUHAMMAD, id="translit-qaddafi-gaddafi"),
    pytest.param("Saif al-Islam Gaddafi", GADDAFI_SAIF, id="translit-gaddafi-qadhafi"),
    pytest.param("Hannibal Kadhafi", GADDAFI_HANNIBAL, id="translit-kadhafi-gaddafi"),
    pytest.param("Muammar Kadhafi", GADDAFI_MUAMMAR, id="translit-kadhafi-qadhafi"),
    pytest.param("Ramzan Kadyrov", KADYROV, id="missing-patronymic"),
    pytest.param("Vladimir Putin", PUTIN, id="missing-patronymic-2"),
]


@pytest.mark.parametrize(("query", "expected"), BENIGN)
def test_benign_variations_alert_on_the_listed_entity_and_rank_it_first(
    screener, sdn_screener, query, expected
):
    assert_alert_ranked_first(screener, sdn_screener, query, expected)


ADVERSARIAL = [
    pytest.param("B\u0430shar al-Assad", ASSAD, id="cyrillic-a-in-latin"),
    pytest.param("R\u0410MZAN K\u0410DYROV", KADYROV, id="cyrillic-capital-a-in-latin"),
    pytest.param("Vladimir Put\u0456n", PUTIN, id="cyrillic-i-in-latin"),
    pytest.param("Ba\u200bshar al-Assad", ASSAD, id="zero-width-space"),
    pytest.param("\ufeffRamzan Kady\u200drov", KADYROV, id="byte-order-mark-and-zero-width-joiner"),
    pytest.param("Vladi\u00admir Putin", PUTIN, id="soft-hyphen"),
    pytest.param("Ba-shar al-Assad", ASSAD, id="hyphen-inside-token"),
    pytest.param("Ramzan Kady-rov", KADYROV, id="hyphen-inside-token-2"),
    pytest.param("Bas har al-Assad", ASSAD, id="space-inside-token"),
    pytest.param("Ramzan Kady rov", KADYROV, id="space-inside-token-2"),
    pytest.param("Basshar al-Assad", ASSAD, id="doubled-letter"),
    pytest.param("Ramzzan Kadyrov", KADYROV, id="doubled-letter-2"),
]


@pytest.mark.parametrize(("query", "expected"), ADVERSARIAL)
def test_adversarial_variations_alert_on_the_listed_entity_and_rank_it_first(
    screener, sdn_screener, query, expected
):
    assert_alert_ranked_first(screener, sdn_screener, query, expected)


DEGRADED = [
    pytest.param("Bashar al-Asasd", ASSAD, id="typo-transposition"),
    pytest.param("Vladimri Putin", PUTIN, id="typo-transposition-2"),
    pytest.param("Vladimir Puttin", PUTIN, id="typo-insertion"),
    pytest.param("Ayman al-Zawahiti", ZAWAHIRI, id="typo-substitution"),
    pytest.param("Saif al-Islam Qadhafo", GADDAFI_SAIF, id="typo-substitution-2"),
    pytest.param("R0SNEFT TRADING S.A.", ROSNEFT_TRADING, id="ocr-zero-for-o"),
    pytest.param("Ramzan Kadyr0v", KADYROV, id="ocr-zero-for-o-2"),
    pytest.param("ROSNEFT TRAD1NG S.A.", ROSNEFT_TRADING, id="ocr-one-for-i"),
    # A payment message's name line holds 35 characters.
    pytest.param("ISLAMIC REPUBLIC OF IRAN SHIPPING L", IRISL, id="truncated-at-35"),
    pytest.param("Ramzan Akhmatovich Kadyr", KADYROV, id="truncated-last-token"),
]


@pytest.mark.parametrize(("query", "expected"), DEGRADED)
def test_degraded_variations_alert_on_the_listed_entity_and_rank_it_first(
    screener, sdn_screener, query, expected
):
    assert_alert_ranked_first(screener, sdn_screener, query, expected)


@pytest.mark.parametrize(
    ("with_digit", "with_letter", "expected"),
    [
        pytest.param("Ramzan Kadyr0v", "Ramzan Kadyrov", KADYROV, id="0-for-o"),
        pytest.param("8ashar al-Assad", "Bashar al-Assad", ASSAD, id="8-for-b"),
        pytest.param("Vladimir Pu7in", "Vladimir Putin", PUTIN, id="7-for-t"),
        pytest.param("Ba5har al-Assad", "Bashar al-Assad", ASSAD, id="5-for-s"),
        pytest.param("B4shar al-Assad", "Bashar al-Assad", ASSAD, id="4-for-a"),
        pytest.param("Hanniba1 Gaddafi", "Hannibal Gaddafi", GADDAFI_HANNIBAL, id="1-for-l"),
    ],
)
def test_a_digit_inside_a_word_reads_as_the_letter_it_resembles(
    sdn_screener, with_digit, with_letter, expected
):
    read = hit_for(sdn_screener.screen(with_digit), expected)
    written = hit_for(sdn_screener.screen(with_letter), expected)
    assert read is not None, f"{with_digit!r} does not find {expected}"
    assert read.score == written.score


# ---- other scripts ---------------------------------------------------------------------

CROSS_SCRIPT = [
    pytest.param("بشار الأسد", id="arabic"),
    pytest.param("Башар Асад", id="cyrillic"),
]


@pytest.mark.parametrize("query", CROSS_SCRIPT)
def test_bashar_al_assad_in_arabic_or_cyrillic_alerts_on_the_latin_listing(screener, query):
    hits = screener.screen(query)
    assert ASSAD in alerts(hits), describe(hits)
    # Other lists give his name in this very script, so they may score higher than the SDN.
    assert hits[0].entity_id in ASSAD_ENTRIES, describe(hits)


@pytest.mark.parametrize("query", CROSS_SCRIPT)
def test_bashar_al_assad_in_arabic_or_cyrillic_ranks_first_on_the_sdn_list(sdn_screener, query):
    hits = sdn_screener.screen(query)
    assert hits[0].entity_id == ASSAD, describe(hits)
    assert hits[0].is_alert
    assert hits[0].matched_name == "AL-ASSAD, Bashar"


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        pytest.param("Рамзан Кадыров", KADYROV, id="cyrillic-kadyrov"),
        pytest.param("Владимир Путин", PUTIN, id="cyrillic-putin"),
    ],
)
def test_other_cyrillic_names_alert_on_the_latin_listing(screener, sdn_screener, query, expected):
    assert_alert_ranked_first(screener, sdn_screener, query, expected)


def test_a_persian_vav_at_the_start_of_a_name_reads_as_the_listed_w():
    # UN and UK list "Atiqullah WALI MOHAMMAD"; Persian transliteration of ولی gives "vli".
    result = compare(
        {"schema": "Person", "name": "عتیق الله ولی محمد"},
        {"schema": "Person", "name": "Atiqullah WALI MOHAMMAD"},
    )
    assert result.is_alert, result.explanation.summary()
    pair = next(p for p in result.explanation.pairs if p.candidate == "wali")
    assert (pair.query, pair.how) == ("vli", "phonetic")


# ---- what must not alert ----------------------------------------------------------------


@pytest.mark.parametrize(
    "query",
    [
        "Trading Company",
        "General Trading LLC",
        "International Trading Company Ltd",
        "LLC",
        "Limited Liability Company",
        "Ltd",
    ],
)
def test_generic_words_or_a_legal_form_alone_raise_no_alert(screener, query):
    assert_no_alert(screener.screen(query, limit=50), query)


@pytest.mark.parametrize("query", ["Mohammed", "Muhammad", "Ali"])
def test_a_single_common_name_raises_no_alert(screener, query):
    assert_no_alert(screener.screen(query, limit=50), query)


@pytest.mark.parametrize("schema", [None, "Person"])
def test_a_common_given_name_with_another_surname_raises_no_alert(screener, schema):
    # Many listed persons are called Ali, and a few Smith; none is Ali Smith.
    assert_no_alert(screener.screen("Ali Smith", schema=schema, limit=50), "Ali Smith")


def test_a_shared_given_name_and_a_merely_similar_surname_raise_no_alert(screener):
    hits = screener.screen("Vladimir Putin", limit=20)
    potanin = hit_for(hits, POTANIN)
    assert potanin is None or not potanin.is_alert, describe(hits)


@pytest.mark.parametrize("query", ["Bashar al-Assad", "Башар Асад", "بشار الأسد"])
def test_a_relative_sharing_the_surname_and_the_consonants_of_the_given_name_is_no_alert(
    sdn_screener, query
):
    # Bashar and Bushra al-Assad: one skeleton (b-sh-r), two names.
    hits = sdn_screener.screen(query, schema="Person", limit=20)
    bushra = hit_for(hits, "ofac-sdn:29072")
    assert bushra is None or not bushra.is_alert, describe(hits)


@pytest.mark.parametrize("query", ["Bushra al-Assad", "بشرى الأسد"])
def test_the_relative_herself_alerts_and_her_brother_does_not(sdn_screener, query):
    hits = sdn_screener.screen(query, schema="Person", limit=20)
    assert hits[0].entity_id == "ofac-sdn:29072" and hits[0].is_alert, describe(hits)
    bashar = hit_for(hits, "ofac-sdn:12735")
    assert bashar is None or not bashar.is_alert, describe(hits)


@pytest.mark.parametrize("query", ["Antony Blinken", "Angela Merkel"])
def test_people_who_are_not_listed_raise_no_alert(screener, query):
    assert_no_alert(screener.screen(query, limit=50), query)


# ---- weak aliases -------------------------------------------------------------------------


def test_a_weak_alias_scores_lower_than_the_same_name_as_a_strong_alias(tiny_screener):
    hits = {h.entity_id: h for h in tiny_screener.screen("Kestrel Vantablack")}
    weak, strong = hits["tiny:brennemoen"], hits["tiny:pellingham"]
    assert weak.score < strong.score
    assert weak.matched_name == strong.matched_name == "Kestrel Vantablack"
    assert weak.explanation.name_kind == "weak"
    assert any("weak alias" in line for line in weak.explanation.lines())
    assert "weak alias" in weak.explanation.summary()
    assert weak.to_dict()["explanation"]["name_kind"] == "weak"
    assert strong.explanation.name_kind == "alias"
    assert not any("weak alias" in line for line in strong.explanation.lines())


# ---- secondary evidence -------------------------------------------------------------------


def test_the_same_birth_date_raises_the_score(sdn_screener):
    plain = hit_for(sdn_screener.screen("Ramzan Kadyrov"), KADYROV)
    dated = hit_for(sdn_screener.screen("Ramzan Kadyrov", birth_date="1976-10-05"), KADYROV)
    assert plain is not None and dated is not None
    assert dated.score > plain.score
    assert any("same birth date 1976-10-05" in line for line in dated.explanation.lines())


def test_a_birth_year_that_agrees_raises_the_score_less_than_the_same_day(sdn_screener):
    plain = hit_for(sdn_screener.screen("Ramzan Kadyrov"), KADYROV)
    year = hit_for(sdn_screener.screen("Ramzan Kadyrov", birth_date="1976"), KADYROV)
    day = hit_for(sdn_screener.screen("Ramzan Kadyrov", birth_date="1976-10-05"), KADYROV)
    assert plain.score < year.score < day.score


def test_a_conflicting_birth_date_lowers_the_score_below_the_threshold(sdn_screener):
    plain = hit_for(sdn_screener.screen("Ramzan Kadyrov"), KADYROV)
    assert plain.is_alert
    hits = sdn_screener.screen("Ramzan Kadyrov", birth_date="1990-01-01")
    conflicting = hit_for(hits, KADYROV)
    assert conflicting is not None, "still shown, as a near miss"
    assert conflicting.score < plain.score
    assert not conflicting.is_alert, describe(hits)
    assert any(
        "differs from the listed 1976-10-05" in e.reason for e in conflicting.explanation.evidence
    )


@pytest.mark.parametrize(
    ("query", "identifier", "expected"),
    [
        pytest.param("Umair Naim Shaik", "passport:AQ5192272", UMAIR_SHEIKH, id="passport"),
        pytest.param("Hapiness One", "imo:9212905", HAPPINESS, id="imo"),
    ],
)
def test_a_matching_document_number_is_decisive_even_with_a_misspelt_name(
    screener, query, identifier, expected
):
    without = screener.screen(query)
    assert expected not in alerts(without), "the misspelt name alone is not enough"
    hits = screener.screen(query, identifiers=[identifier])
    hit = hit_for(hits, expected)
    assert hit is not None and hit.is_alert, describe(hits)
    assert hit.score >= DECISIVE_SCORE
    number = identifier.split(":")[1]
    assert any(f"number {number}" in e.reason for e in hit.explanation.evidence)


@pytest.mark.parametrize(
    "identifier",
    [
        "imo:9187629",
        "9187629",
        pytest.param(
            "IMO 9187629",
        ),
    ],
)
def test_an_identifier_alone_finds_the_entity(screener, identifier):
    hits = screener.screen(identifiers=[identifier])
    assert ARTAVIL in alerts(hits), describe(hits)


def test_a_person_query_does_not_alert_on_a_vessel_of_the_same_name(screener):
    as_anything = screener.screen("Marshal Zhukov")
    assert MARSHAL_ZHUKOV in alerts(as_anything), "the vessel is found when no schema is given"
    as_person = screener.screen("Marshal Zhukov", schema="Person", limit=50)
    vessel = hit_for(as_person, MARSHAL_ZHUKOV)
    assert vessel is None or not vessel.is_alert, describe(as_person)
    as_vessel = screener.screen("Marshal Zhukov", schema="Vessel")
    assert as_vessel[0].entity_id == MARSHAL_ZHUKOV and as_vessel[0].is_alert


# ---- explanations -------------------------------------------------------------------------


@pytest.fixture(scope="module")
def assad_hit(sdn_screener) -> Hit:
    hits = sdn_screener.screen("Bashar al-Assad", birth_date="1965-09-11", countries=["SY"])
    assert hits[0].entity_id == ASSAD
    return hits[0]


def test_an_explanation_says_which_name_matched_how_each_token_paired_and_what_evidence_counted(
    assad_hit,
):
    lines = assad_hit.explanation.lines()
    text = "\n".join(lines)
    assert lines[0] == "query 'Bashar al-Assad' matched the primary name 'AL-ASSAD, Bashar'"
    assert "'bashar' ~ 'bashar' exactly (1.00)" in text
    assert "'assad' ~ 'assad' exactly (1.00)" in text
    assert "name score 1.00" in text
    assert "+ same birth date 1965-09-11" in text
    assert "+ country agrees: SY" in text
    assert str(assad_hit.explanation) == text
    summary = assad_hit.explanation.summary()
    assert "'AL-ASSAD, Bashar'" in summary and "same birth date 1965-09-11" in summary


def test_an_explanation_as_a_dict_holds_the_same_facts(assad_hit):
    data = assad_hit.to_dict()
    orjson.dumps(data)  # JSON-ready
    assert data["entity_id"] == ASSAD
    assert data["is_alert"] is True
    assert data["matched_name"] == "AL-ASSAD, Bashar"
    explanation = data["explanation"]
    assert explanation == assad_hit.explanation.to_dict()
    assert explanation["matched_name"] == "AL-ASSAD, Bashar"
    assert explanation["query_name"] == "Bashar al-Assad"
    assert explanation["name_kind"] == "primary"
    assert {"query": "bashar", "candidate": "bashar", "similarity": 1.0, "how": "exact"} in (
        explanation["tokens"]
    )
    features = {e["feature"]: e for e in explanation["evidence"]}
    assert features["birth_date"]["adjustment"] > 0
    assert features["birth_date"]["reason"] == "same birth date 1965-09-11"
    assert features["country"]["adjustment"] > 0


def test_an_explanation_lists_the_name_parts_on_either_side_that_found_no_partner(sdn_screener):
    hit = hit_for(sdn_screener.screen("Ramzan Kadyrov"), KADYROV)
    assert "akhmatovich" in hit.explanation.candidate_unmatched
    assert any(
        "listed name parts not in the query: akhmatovich" in line
        for line in (hit.explanation.lines())
    )
    assert hit.to_dict()["explanation"]["candidate_unmatched"] == ["akhmatovich"]


# ---- ordering, limit and threshold ---------------------------------------------------------


def test_hits_come_best_first_with_ties_in_entity_id_order(screener):
    hits = screener.screen("Muammar Gaddafi", limit=20)
    assert len(hits) == 20
    keys = [(-h.score, h.entity_id) for h in hits]
    assert keys == sorted(keys)


def test_limit_keeps_the_best_hits(screener):
    many = screener.screen("Muammar Gaddafi", limit=20)
    assert screener.screen("Muammar Gaddafi", limit=3) == many[:3]
    assert screener.screen("Muammar Gaddafi", limit=1) == many[:1]


def test_threshold_none_uses_the_default_of_0_8(screener):
    assert DEFAULT_THRESHOLD == 0.8
    assert screener.threshold == DEFAULT_THRESHOLD
    default = screener.screen("Muammar Gaddafi", limit=50)
    assert screener.screen("Muammar Gaddafi", limit=50, threshold=None) == default
    assert screener.screen("Muammar Gaddafi", limit=50, threshold=0.8) == default
    assert any(h.is_alert for h in default) and any(not h.is_alert for h in default)
    for hit in default:
        assert hit.is_alert == (hit.score >= 0.8), describe(default)


def test_a_higher_threshold_turns_a_weaker_match_into_a_near_miss(sdn_screener):
    hit = hit_for(sdn_screener.screen("Ramzan Kadyrov"), KADYROV)
    assert hit.is_alert and hit.score < 0.95
    strict = hit_for(sdn_screener.screen("Ramzan Kadyrov", threshold=0.95), KADYROV)
    assert strict is not None and not strict.is_alert
    assert strict.score == hit.score


def test_a_lower_threshold_alerts_on_more_and_shows_near_misses_down_to_half_of_it(screener):
    default = screener.screen("Ramzan Kadyrov", limit=50)
    low = screener.screen("Ramzan Kadyrov", limit=50, threshold=0.5)
    assert len(alerts(low)) > len(alerts(default))
    assert all(h.score >= 0.25 for h in low)
    assert all(h.score >= 0.4 for h in default)
    for hit in low:
        assert hit.is_alert == (hit.score >= 0.5)


def test_a_screener_built_with_its_own_threshold_uses_it_when_none_is_given(tiny_entities):
    strict = Screener(tiny_entities, threshold=0.95)
    hits = {h.entity_id: h for h in strict.screen("Kestrel Vantablack")}
    assert hits["tiny:pellingham"].is_alert  # 1.0
    assert not hits["tiny:brennemoen"].is_alert  # a weak alias: 0.9
    relaxed = {h.entity_id: h for h in strict.screen("Kestrel Vantablack", threshold=0.8)}
    assert relaxed["tiny:brennemoen"].is_alert
