"""The US Consolidated Screening List CSV (plain or gzip): what each column becomes."""

from __future__ import annotations

import csv
import gzip
import io
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
    Name,
    NameKind,
    Relationship,
    RelationshipKind,
    Schema,
)
from sanctio.sources import us_csl
from sanctio.sources._common import ParsedList

REAL = "us-csl/consolidated-2022-05.csv.gz"
FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "us_csl"


def _sniff(path: Path) -> str | None:
    return us_csl.sniff(path, path.read_bytes()[:65536])


def _by_id(parsed: ParsedList) -> dict[str, Entity]:
    return {entity.id: entity for entity in parsed.entities}


def _properties(entity: Entity, key: str) -> list[str]:
    return [value for k, value in entity.properties if k == key]


# The real file


@pytest.fixture(scope="module")
def real(lists_dir: Path) -> ParsedList:
    return us_csl.parse([lists_dir / REAL])


@pytest.fixture(scope="module")
def real_rows(lists_dir: Path) -> list[dict[str, str]]:
    text = gzip.decompress((lists_dir / REAL).read_bytes()).decode("utf-8")
    return list(csv.DictReader(io.StringIO(text, newline="")))


@pytest.mark.real_lists
def test_real_file_gives_one_entity_per_id(real: ParsedList, real_rows: list[dict[str, str]]):
    assert len(real_rows) == 14160  # as the MANIFEST says
    assert len({row["source"] for row in real_rows}) == 13
    ids = {row["_id"] for row in real_rows}
    assert len(ids) == 14048  # a party on two Treasury lists has a row on each
    assert sorted(e.id for e in real.entities) == sorted(f"us-csl:{i}" for i in ids)
    assert (real.source, real.format, real.as_of, real.warnings) == ("us-csl", "us-csl", None, [])


@pytest.mark.real_lists
def test_real_source_lists_become_programmes(real: ParsedList, real_rows: list[dict[str, str]]):
    ids_per_source = Counter()
    for source, ids in _ids_by_source(real_rows).items():
        ids_per_source[source.split("(")[1].split(")")[0].removesuffix(" List")] = len(ids)
    programmes = Counter(p for e in real.entities for p in e.programs)
    assert {s: programmes[s] for s in ids_per_source} == ids_per_source
    assert ids_per_source["SDN"] == 10026
    assert ids_per_source["NS-MBS"] == 17


def _ids_by_source(rows: list[dict[str, str]]) -> dict[str, set[str]]:
    found: dict[str, set[str]] = {}
    for row in rows:
        found.setdefault(row["source"], set()).add(row["_id"])
    return found


@pytest.mark.real_lists
def test_real_sdn_person(real: ParsedList):
    assad = _by_id(real)["us-csl:12735"]
    assert assad.schema is Schema.PERSON
    assert assad.names[0] == Name(
        "AL-ASSAD, Bashar", NameKind.PRIMARY, first_name="Bashar", last_name="AL-ASSAD"
    )
    assert [n.full for n in assad.names[1:]] == [
        "AL-ASAD, Bashar",
        "ASSAD, Bashar",
        "AL ASSAD, Bashar Hafez",
    ]
    assert assad.programs == ("SYRIA", "SYRIA-EO13894", "SDN")
    assert assad.birth_dates == (FuzzyDate("1965-09-11"),)
    assert assad.birth_places == ("Damascus, Syria",)
    assert assad.nationalities == ("sy",)
    assert assad.gender == "male"
    assert _properties(assad, "title") == ["President of the Syrian Arab Republic"]


@pytest.mark.real_lists
def test_real_bank_on_three_treasury_lists_is_one_entity(real: ParsedList):
    bank = _by_id(real)["us-csl:18725"]
    assert bank.caption == "BANCO VTB AFRICA SA"
    assert bank.programs == ("UKRAINE-EO13662", "RUSSIA-EO14024", "CAP", "SDN", "SSI")
    assert len(_properties(bank, "source_list")) == 3
    assert Identifier(IdType.SWIFT_BIC, "VTBLAOLU", label="SWIFT/BIC") in bank.identifiers
    assert bank.relationships == (
        Relationship(RelationshipKind.LINKED_TO, target_name="VTB BANK PUBLIC JOINT STOCK COMPANY"),
    )


@pytest.mark.real_lists
def test_real_passport_with_country_and_nested_linked_to(real: ParsedList):
    by_id = _by_id(real)
    assert Identifier(IdType.PASSPORT, "BC166787", "ca", "Passport") in (
        by_id["us-csl:9935"].identifiers
    )
    assert by_id["us-csl:9935"].nationalities == ("ca", "sd")
    linked = by_id["us-csl:26860"].relationships[0]
    assert linked.target_name == "ISLAMIC REVOLUTIONARY GUARD CORPS (IRGC)-QODS FORCE"


@pytest.mark.real_lists
def test_real_bis_rows_have_no_type(real: ParsedList, real_rows: list[dict[str, str]]):
    untyped = {row["_id"] for row in real_rows if not row["type"]}
    unknown = {e.source_id for e in real.entities if e.schema is Schema.UNKNOWN}
    assert unknown == untyped
    assert len(unknown) == 3625


@pytest.mark.real_lists
def test_real_file_is_recognised(lists_dir: Path):
    assert _sniff(lists_dir / REAL) == "us-csl"
    assert _sniff(lists_dir / "us-bis/dpl-2023-11.txt") is None
    assert _sniff(lists_dir / "uk/ofsi-conlist-2016-03-23.csv") is None


# Invented files


@pytest.fixture(scope="module")
def invented() -> ParsedList:
    return us_csl.parse([FIXTURES / "consolidated.csv"])


def test_gzip_and_plain_files_read_alike(invented: ParsedList):
    zipped = us_csl.parse([FIXTURES / "consolidated.csv.gz"])
    assert zipped.entities == invented.entities
    assert _sniff(FIXTURES / "consolidated.csv.gz") == _sniff(FIXTURES / "consolidated.csv")
    assert _sniff(FIXTURES / "consolidated.csv") == "us-csl"


def test_person_names_dates_countries(invented: ParsedList):
    person = _by_id(invented)["us-csl:90001"]
    assert person.names == (
        Name(
            "QUILLFEATHER, Tobias Ezra",
            NameKind.PRIMARY,
            first_name="Tobias Ezra",
            last_name="QUILLFEATHER",
        ),
        Name("QUILL, Toby", NameKind.ALIAS, first_name="Toby", last_name="QUILL"),
    )
    assert person.programs == ("SDGT", "IRGC", "SDN")
    assert person.birth_dates == (FuzzyDate("1961-02-12"), FuzzyDate("1962"))
    assert (person.nationalities, person.citizenships) == (("ir",), ("iq",))
    assert person.addresses == (
        Address("Example Street 1, Tehran, IR", country="ir"),
        Address("Basrah, IQ", country="iq"),
    )
    assert person.gender == "male"


def test_ids_column_becomes_identifiers_and_properties(invented: ParsedList):
    person = _by_id(invented)["us-csl:90001"]
    assert person.identifiers == (
        Identifier(
            IdType.PASSPORT, "K000001", "ir", "Passport", "issued 2009-08-31, expires 2014-08-30"
        ),
        Identifier(
            IdType.CRYPTO_WALLET,
            "1Example0Wallet0Address",
            label="Digital Currency Address - XBT",
        ),
    )
    assert _properties(person, "additional_sanctions_information") == [
        "Subject to Secondary Sanctions"
    ]


def test_linked_to_remarks_become_relationships(invented: ParsedList):
    person = _by_id(invented)["us-csl:90001"]
    assert [r.target_name for r in person.relationships] == [
        "EXAMPLE FORCE (EF)-NORTH",
        "EXAMPLE WORKS LLC",
    ]
    assert person.remarks.startswith("(Linked To: EXAMPLE FORCE")


def test_rows_of_one_party_on_two_lists_are_merged(invented: ParsedList):
    bank = _by_id(invented)["us-csl:90002"]
    assert [e.id for e in invented.entities].count("us-csl:90002") == 1
    assert bank.programs == ("RUSSIA-EO14024", "SDN", "UKRAINE-EO13662", "SSI")
    assert bank.listed_on == "2014-07-16"  # the earliest start date
    assert bank.addresses == (Address("1 Example Lane, Moscow, 101000, RU", country="ru"),)
    assert [i.type for i in bank.identifiers] == [
        IdType.REGISTRATION,
        IdType.SWIFT_BIC,
        IdType.WEBSITE,
    ]
    assert _properties(bank, "executive_order_13662_directive_determination") == [
        "Subject to Directive 1"
    ]


def test_vessel(invented: ParsedList):
    vessel = _by_id(invented)["us-csl:90003"]
    assert vessel.schema is Schema.VESSEL
    assert vessel.identifiers == (
        Identifier(IdType.IMO, "9999991", label="Vessel Registration Identification"),
        Identifier(IdType.MMSI, "999000111", label="MMSI"),
        Identifier(IdType.CALL_SIGN, "9XAB1", label="call_sign"),
    )
    assert vessel.countries == ("pa",)
    assert _properties(vessel, "former_vessel_flag") == ["Comoros"]
    assert _properties(vessel, "vessel_type") == ["Crude Oil Tanker"]


def test_bis_rows_have_unknown_schema_and_their_order_dates(invented: ParsedList):
    dpl = _by_id(invented)["us-csl:0f1e2d3c4b5a69788796a5b4c3d2e1f0a9b8c7d6"]
    assert (dpl.schema, dpl.caption, dpl.programs) == (
        Schema.UNKNOWN,
        "EXAMPLE EXPORTS INC",
        ("DPL",),
    )
    assert dpl.listed_on == "2030-01-02"
    assert _properties(dpl, "end_date") == ["2040-01-02"]
    entity_list = _by_id(invented)["us-csl:1a2b3c"]
    assert entity_list.programs == ("EL",)
    assert [n.kind for n in entity_list.names] == [NameKind.PRIMARY, NameKind.ALIAS, NameKind.ALIAS]
    assert _properties(entity_list, "license_policy") == ["Presumption of denial."]


def test_newer_layout_with_id_column_and_an_unknown_column():
    parsed = us_csl.parse([FIXTURES / "newer-layout.csv"])
    assert [e.id for e in parsed.entities] == ["us-csl:90001", "us-csl:90002"]
    assert parsed.warnings == [
        f"{FIXTURES / 'newer-layout.csv'}: line 1: unknown column 'sanctions_effective' ignored"
    ]
    assert _sniff(FIXTURES / "newer-layout.csv") == "us-csl"


def test_same_id_with_another_name_is_kept_apart_for_validation():
    parsed = us_csl.parse([FIXTURES / "conflicting-ids.csv"])
    assert [e.id for e in parsed.entities] == ["us-csl:90001", "us-csl:90001"]
    assert [e.caption for e in parsed.entities] == ["QUILLFEATHER, Tobias Ezra", "OTHER, Person"]


# Bad input


def test_empty_file_is_an_error():
    with pytest.raises(ParseError, match=r"empty.csv: empty file"):
        us_csl.parse([FIXTURES / "empty.csv"])


def test_truncated_gzip_is_an_error():
    with pytest.raises(ParseError, match=r"truncated.csv.gz: damaged or truncated gzip"):
        us_csl.parse([FIXTURES / "truncated.csv.gz"])


def test_row_cut_short_is_an_error():
    with pytest.raises(ParseError, match=r"truncated.csv: line 4: 2 fields, expected 29"):
        us_csl.parse([FIXTURES / "truncated.csv"])


def test_changed_columns_are_an_error():
    assert _sniff(FIXTURES / "changed-columns.csv") is None
    with pytest.raises(ParseError, match=r"changed-columns.csv: line 1: missing column.*alt_names"):
        us_csl.parse([FIXTURES / "changed-columns.csv"])


def test_other_formats_are_not_read():
    ofsi = FIXTURES.parent / "uk_ofsi" / "conlist-new.csv"
    assert _sniff(ofsi) is None
    with pytest.raises(ParseError, match=r"not a Consolidated Screening List CSV"):
        us_csl.parse([ofsi])
