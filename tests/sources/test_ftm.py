"""OpenSanctions FollowTheMoney JSON lines: parties, folded records, relationships."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest

from sanctio.errors import ParseError
from sanctio.model import (
    Address,
    Entity,
    FuzzyDate,
    Identifier,
    IdType,
    NameKind,
    Relationship,
    RelationshipKind,
    Schema,
)
from sanctio.sources import ftm
from sanctio.sources._common import ParsedList

REAL = "opensanctions/zala-2026-04-29.entities.ftm.json"
FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "ftm"
INVENTED = FIXTURES / "testset-2030-01-02.entities.ftm.json"
PARTY_SCHEMAS = {"Person", "Company", "Organization", "LegalEntity", "Vessel", "Airplane"}
EDGES = {
    "Ownership": ("owner", "asset"),
    "Directorship": ("director", "organization"),
    "Family": ("person", "relative"),
}


def _sniff(path: Path) -> str | None:
    return ftm.sniff(path, path.read_bytes()[:65536])


def _by_id(parsed: ParsedList) -> dict[str, Entity]:
    return {entity.id.split(":", 1)[1]: entity for entity in parsed.entities}


def _properties(entity: Entity, key: str) -> list[str]:
    return [value for k, value in entity.properties if k == key]


def test_source_is_named_after_the_dataset():
    assert ftm.source_for(Path("zala-2026-04-29.entities.ftm.json")) == "opensanctions-zala"
    assert ftm.source_for(Path("sanctions.ftm.json")) == "opensanctions-sanctions"
    assert ftm.source_for(Path("us_ofac_sdn/entities.ftm.json")) == "opensanctions-us_ofac_sdn"
    assert ftm.source_for(Path("peps-2026-01-01/entities.ftm.json")) == "opensanctions-peps"


# The real file


@pytest.fixture(scope="module")
def real(lists_dir: Path) -> ParsedList:
    return ftm.parse([lists_dir / REAL])


@pytest.fixture(scope="module")
def real_records(lists_dir: Path) -> list[dict]:
    return [json.loads(line) for line in (lists_dir / REAL).read_text().splitlines() if line]


@pytest.mark.real_lists
def test_real_file_parties_become_entities(real: ParsedList, real_records: list[dict]):
    assert len(real_records) == 91  # as the MANIFEST says
    parties = [r for r in real_records if r["schema"] in PARTY_SCHEMAS]
    assert sorted(e.id for e in real.entities) == sorted(
        f"opensanctions-zala:{r['id']}" for r in parties
    )
    assert Counter(e.schema for e in real.entities) == {
        Schema.PERSON: Counter(r["schema"] for r in parties)["Person"],
        Schema.ORGANIZATION: Counter(r["schema"] for r in parties)["Company"],
    }
    assert (real.source, real.format, real.as_of) == ("opensanctions-zala", "ftm", "2026-04-29")


@pytest.mark.real_lists
def test_real_relationships_on_both_ends(real: ParsedList, real_records: list[dict]):
    parties = {r["id"] for r in real_records if r["schema"] in PARTY_SCHEMAS}
    expected = Counter()
    for record in real_records:
        if record["schema"] in EDGES:
            source, target = EDGES[record["schema"]]
            for end, incoming in ((source, False), (target, True)):
                for ftm_id in record["properties"].get(end, []):
                    if ftm_id in parties:
                        expected[(record["schema"].lower(), incoming)] += 1
    found = Counter((r.kind.value, r.incoming) for e in real.entities for r in e.relationships)
    assert found == expected
    assert sum(found.values()) == 42  # 14 ownerships, 4 families, 3 directorships, both ends


@pytest.mark.real_lists
def test_real_person(real: ParsedList):
    zakharov = _by_id(real)["NK-aU5ybkbRFJucf8YMwsJvDw"]
    assert zakharov.caption == "Alexander Vyacheslavovich ZAKHAROV"
    cyrillic = [n for n in zakharov.names if n.full == "Александр Вячеславович Захаров"]
    assert cyrillic[0].script == "Cyrl"
    assert cyrillic[0].last_name == "Захаров"
    assert zakharov.birth_dates == (FuzzyDate("1965-09-21"),)
    assert zakharov.nationalities == ("ru",)
    assert zakharov.gender == "male"
    assert Identifier(IdType.TAX_ID, "183111242406", "ru", "innCode") in zakharov.identifiers
    assert {"GB-RUS", "EU-UKR", "US-RUSHAR"} <= set(zakharov.programs)
    owned = [
        r.target_name
        for r in zakharov.relationships
        if r.kind is RelationshipKind.OWNERSHIP and not r.incoming
    ]
    assert "LLC CST" in owned


@pytest.mark.real_lists
def test_real_company_names_and_weak_aliases(real: ParsedList):
    company = _by_id(real)["NK-abdzbEBkqyT29GyREbiURZ"]
    assert company.caption == "LLC CST"
    weak = [n.full for n in company.names if n.kind is NameKind.WEAK]
    assert "ZALA" in weak
    assert any(n.script == "Jpan" or n.script in {"Hani", "Kana", "Hira"} for n in company.names)
    directors = [r for r in company.relationships if r.kind is RelationshipKind.DIRECTORSHIP]
    assert directors and all(r.incoming for r in directors)


@pytest.mark.real_lists
def test_real_file_is_recognised(lists_dir: Path):
    assert _sniff(lists_dir / REAL) == "opensanctions-zala"
    assert _sniff(lists_dir / "un/consolidated-2026-02-27.xml") is None


# The invented file


@pytest.fixture(scope="module")
def invented() -> ParsedList:
    return ftm.parse([INVENTED])


def test_things_become_entities_other_records_fold_in(invented: ParsedList):
    assert [(e.source_id, e.schema) for e in invented.entities] == [
        ("NK-person1", Schema.PERSON),
        ("NK-person2", Schema.PERSON),
        ("NK-company1", Schema.ORGANIZATION),
        ("NK-vessel1", Schema.VESSEL),
        ("NK-legal1", Schema.UNKNOWN),
        ("wallet-1", Schema.UNKNOWN),
    ]
    assert invented.source == "opensanctions-testset"
    assert invented.as_of == "2030-01-02"
    assert invented.warnings == [f"{INVENTED}: line 7: Security security-1 has no name: skipped"]


def test_names_kinds_parts_and_scripts(invented: ParsedList):
    person = _by_id(invented)["NK-person1"]
    assert [(n.full, n.kind, n.qualifier) for n in person.names] == [
        ("Tobias Ezra Quillfeather", NameKind.PRIMARY, "name"),
        ("QUILLFEATHER, Tobias Ezra", NameKind.ALIAS, "name"),
        ("Тобиас Эзра Квиллфезер", NameKind.ALIAS, "name"),
        ("Toby Quill", NameKind.ALIAS, "alias"),
        ("Tobias Ezra Featherquill", NameKind.ALIAS, "previousName"),
        ("The Feather", NameKind.WEAK, "weakAlias"),
    ]
    primary, upper, cyrillic = person.names[:3]
    assert (primary.first_name, primary.middle_name, primary.last_name) == (
        "Tobias",
        "Ezra",
        "Quillfeather",
    )
    assert upper.last_name == "QUILLFEATHER"  # the value as written in that name
    assert (cyrillic.first_name, cyrillic.last_name, cyrillic.script) == (
        "Тобиас",
        "Квиллфезер",
        "Cyrl",
    )
    assert person.names[4].last_name == "Featherquill"


def test_person_fields(invented: ParsedList):
    person = _by_id(invented)["NK-person1"]
    assert person.birth_dates == (FuzzyDate("1961-02-12"), FuzzyDate("1962"))
    assert (person.nationalities, person.citizenships, person.countries) == (
        ("ru",),
        ("cy",),
        ("ru",),
    )
    assert person.gender == "male"
    assert person.addresses == (
        Address(
            "1 Example Street, Moscow, 100001",
            street="1 Example Street",
            city="Moscow",
            postal_code="100001",
            country="ru",
        ),
        Address("Minsk"),
    )
    assert person.remarks == "An invented person for tests."
    assert _properties(person, "topic") == ["sanction", "role.oligarch"]
    assert _properties(person, "dataset") == ["testset", "other_set"]
    assert _properties(person, "target") == ["true"]


def test_identifiers_once_per_type_and_value(invented: ParsedList):
    person = _by_id(invented)["NK-person1"]
    assert person.identifiers == (
        Identifier(IdType.PASSPORT, "7100001", None, "passportNumber"),
        Identifier(IdType.TAX_ID, "770000000001", "ru", "innCode"),  # taxNumber repeats it
        Identifier(IdType.NATIONAL_ID, "ID-0001", None, "idNumber"),
        Identifier(IdType.CRYPTO_WALLET, "1Example0Wallet0Address", None, "CryptoWallet", "XBT"),
        Identifier(IdType.PASSPORT, "X1234567", "ru", "Passport", "Foreign passport"),
    )
    company = _by_id(invented)["NK-company1"]
    assert [i.label for i in company.identifiers] == ["ogrnCode", "email", "website"]
    vessel = _by_id(invented)["NK-vessel1"]
    assert [(i.type, i.value) for i in vessel.identifiers] == [
        (IdType.IMO, "9999991"),
        (IdType.MMSI, "999000111"),
    ]
    assert vessel.countries == ("pa",)


def test_sanctions_give_programmes_and_listing_date(invented: ParsedList):
    person = _by_id(invented)["NK-person1"]
    assert person.programs == ("XX-EXAMPLE", "YY-EXAMPLE")
    assert person.listed_on == "2020-05-06"  # the sanction's listing, before createdAt
    assert _properties(person, "sanction_authority") == ["Example Authority"]
    company = _by_id(invented)["NK-company1"]
    assert company.programs == ("Example Programme Two",)  # no programId: the name
    assert company.listed_on == "2021-07-08"
    assert _by_id(invented)["NK-vessel1"].listed_on == "2029-01-01"  # first_seen


def test_relationships_on_both_ends(invented: ParsedList):
    person = _by_id(invented)["NK-person1"]
    company = _by_id(invented)["NK-company1"]
    assert person.relationships == (
        Relationship(
            RelationshipKind.OWNERSHIP,
            target_id="opensanctions-testset:NK-company1",
            target_name="EXAMPLE WORKS JSC",
            role="shareholder",
            percentage=75.5,
            source_id="own-1",
        ),
        Relationship(
            RelationshipKind.DIRECTORSHIP,
            target_id="opensanctions-testset:NK-company1",
            target_name="EXAMPLE WORKS JSC",
            role="General director",
            source_id="dir-1",
        ),
        Relationship(
            RelationshipKind.FAMILY,
            target_id="opensanctions-testset:NK-person2",
            target_name="Ezra Quillfeather",
            role="brother",
            source_id="fam-1",
        ),
    )
    assert [(r.kind, r.incoming, r.target_id) for r in company.relationships] == [
        (RelationshipKind.OWNERSHIP, True, "opensanctions-testset:NK-person1"),
        (RelationshipKind.DIRECTORSHIP, True, "opensanctions-testset:NK-person1"),
        (RelationshipKind.LINKED_TO, False, "opensanctions-testset:NK-not-in-this-file"),
        (RelationshipKind.OTHER, True, "opensanctions-testset:NK-person2"),
    ]
    assert company.relationships[2].target_name is None  # not in this file
    assert company.relationships[3].role == "Employment"


def test_invented_file_is_recognised():
    assert _sniff(INVENTED) == "opensanctions-testset"


# Bad input


def test_empty_file_is_an_error():
    with pytest.raises(ParseError, match=r"empty.ftm.json: empty file"):
        ftm.parse([FIXTURES / "empty.ftm.json"])


def test_truncated_file_is_an_error():
    with pytest.raises(ParseError, match=r"truncated.ftm.json: line 4: not a JSON object"):
        ftm.parse([FIXTURES / "truncated.ftm.json"])


def test_json_lines_of_another_format_are_not_read():
    assert _sniff(FIXTURES / "not-ftm.json") is None
    with pytest.raises(ParseError, match=r"not-ftm.json: line 1: not an FtM entity"):
        ftm.parse([FIXTURES / "not-ftm.json"])


def test_unknown_schema_is_an_error():
    with pytest.raises(ParseError, match=r"unknown-schema.ftm.json: line 1: invalid FtM entity"):
        ftm.parse([FIXTURES / "unknown-schema.ftm.json"])


def test_files_of_two_datasets_are_an_error():
    with pytest.raises(ParseError, match=r"several datasets"):
        ftm.parse([INVENTED, FIXTURES / "not-ftm.json"])


def test_first_line_longer_than_the_sniffed_head_is_recognised(tmp_path: Path):
    record = {"id": "p1", "schema": "Person", "properties": {"name": ["Anna Example"]}}
    record["properties"]["notes"] = ["x" * 70000]
    path = tmp_path / "long-2030-01-01.ftm.json"
    path.write_text(json.dumps(record) + "\n")
    assert _sniff(path) == "opensanctions-long"
    assert ftm.parse([path]).entities[0].caption == "Anna Example"
