"""The FCDO UK Sanctions List XML: what each element becomes."""

from __future__ import annotations

import re
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
from sanctio.sources import uk_fcdo
from sanctio.sources._common import ParsedList

REAL = "uk/fcdo-uk-sanctions-list-excerpt-2026-09-10.xml"
FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"


@pytest.fixture(scope="module")
def real(lists_dir: Path) -> ParsedList:
    return uk_fcdo.parse([lists_dir / REAL])


@pytest.fixture(scope="module")
def real_by_id(real: ParsedList) -> dict[str, Entity]:
    return {entity.id: entity for entity in real.entities}


@pytest.fixture(scope="module")
def invented() -> ParsedList:
    return uk_fcdo.parse([FIXTURES / "uk_fcdo" / "uk-sanctions-list.xml"])


@pytest.fixture(scope="module")
def invented_by_id(invented: ParsedList) -> dict[str, Entity]:
    return {entity.id: entity for entity in invented.entities}


# The real excerpt


@pytest.mark.real_lists
def test_real_file_gives_one_entity_per_designation(real: ParsedList, lists_dir: Path):
    text = (lists_dir / REAL).read_text(encoding="utf-8")
    unique_ids = re.findall(r"<UniqueID>([^<]+)</UniqueID>", text)
    assert len(re.findall(r"<Designation>", text)) == len(unique_ids) == 5  # as the MANIFEST says
    assert [entity.id for entity in real.entities] == [f"uk-fcdo:{i}" for i in unique_ids]
    assert real.as_of == "2026-09-10"
    assert real.warnings == []
    assert [entity.schema for entity in real.entities] == [
        Schema.ORGANIZATION,
        Schema.PERSON,
        Schema.ORGANIZATION,
        Schema.VESSEL,
        Schema.PERSON,
    ]


@pytest.mark.real_lists
def test_real_entity_with_non_latin_name_and_addresses(real_by_id: dict[str, Entity]):
    exchange = real_by_id["uk-fcdo:AFG0001"]
    assert exchange.names == (
        Name(full="HAJI KHAIRULLAH MONEY EXCHANGE"),
        Name(full="Haji Alim Hawala", kind=NameKind.ALIAS, qualifier="Alias"),
        Name(full="حاجی خيرالله صرافی", kind=NameKind.ALIAS, script="Arab", original_script=True),
    )
    assert exchange.programs == ("The Afghanistan (Sanctions) (EU Exit) Regulations 2020",)
    assert [a.country for a in exchange.addresses] == ["af", "ae"]
    assert exchange.listed_on == "2012-06-29"
    for pair in [
        ("ofsi_group_id", "12703"),
        ("un_reference_number", "TAe.010"),
        ("phone", "0202-104748"),
        ("email", "helmand_exchange_msp@yahoo.com"),
        ("sanctions_imposed", "Asset freeze"),
        ("last_updated", "2026-08-04"),
    ]:
        assert pair in exchange.properties


@pytest.mark.real_lists
def test_real_individual(real_by_id: dict[str, Entity]):
    akhund = real_by_id["uk-fcdo:AFG0006"]
    assert akhund.names[0] == Name(
        full="MOHAMMAD HASSAN AKHUND",
        first_name="MOHAMMAD",
        middle_name="HASSAN",
        last_name="AKHUND",
    )
    assert akhund.names[1].kind is NameKind.ALIAS
    assert akhund.names[1].qualifier == "Primary Name Variation"
    assert akhund.birth_dates == (FuzzyDate("1958-05-12"), FuzzyDate("1945"), FuzzyDate("1946"))
    assert akhund.birth_places == ("Pashmul village, Panjwai District, Afghanistan",)
    assert akhund.nationalities == ("af",)
    assert akhund.gender == "male"
    passport, national_id = akhund.identifiers  # the passport is published twice
    assert (passport.type, passport.value, passport.country) == (
        IdType.PASSPORT,
        "P04581926",
        "af",
    )
    assert (national_id.type, national_id.value) == (IdType.NATIONAL_ID, "2132370")
    assert ("title", "Mullah") in akhund.properties
    assert ("designation_source", "UN") in akhund.properties


@pytest.mark.real_lists
def test_real_company_with_weak_alias_and_owners(real_by_id: dict[str, Entity]):
    bnk = real_by_id["uk-fcdo:BEL0107"]
    assert [(n.full, n.kind) for n in bnk.names] == [
        ("BNK (UK) Ltd", NameKind.PRIMARY),
        ("BNK UK Limited", NameKind.ALIAS),
        ("BNK", NameKind.WEAK),
    ]
    assert bnk.identifiers == (
        Identifier(
            IdType.REGISTRATION, "UK Company no. 06527449", None, "Business registration number"
        ),
    )
    assert (
        Relationship(
            RelationshipKind.OWNERSHIP,
            target_name="CJSC Belarusian Oil Company",
            role="parent company",
            incoming=True,
        )
        in bnk.relationships
    )
    assert bnk.addresses == (
        Address(
            full="Salatin House, 19 Cedar Road, Sutton, Surrey, SM2 5DA, United Kingdom",
            street="Salatin House, 19 Cedar Road, Sutton, Surrey",
            postal_code="SM2 5DA",
            country="gb",
        ),
    )


@pytest.mark.real_lists
def test_real_ship(real_by_id: dict[str, Entity]):
    petrel = real_by_id["uk-fcdo:DPR0075"]
    assert petrel.schema is Schema.VESSEL
    assert petrel.identifiers == (Identifier(IdType.IMO, "9562233", None, "IMO number"),)
    assert petrel.countries == ("km",)
    for pair in [
        ("flag", "Comoros"),
        ("previous_flag", "India"),
        ("vessel_type", "Bulk Carrier"),
        ("tonnage", "7078"),
        ("length", "134.5"),
    ]:
        assert pair in petrel.properties
    assert petrel.relationships[0].target_name == "Global United Shipping India"
    harun = real_by_id["uk-fcdo:AQD0195"]
    assert (harun.birth_dates, harun.nationalities) == ((FuzzyDate("1972"),), ("km",))


# Invented fixture: odd cases


def test_name_types_and_strengths(invented_by_id: dict[str, Entity]):
    person = invented_by_id["uk-fcdo:RUS9901"]
    assert [(n.full, n.kind, n.qualifier) for n in person.names] == [
        ("Arkady Semyonovich VOLKODAV", NameKind.PRIMARY, None),
        ("Arkadiy Volkodav", NameKind.ALIAS, "Primary name variation"),
        ("The Wolfhound", NameKind.WEAK, "Low quality a.k.a"),
        ("Аркадий Семёнович ВОЛКОДАВ", NameKind.ALIAS, "Cyrillic"),
        ("ARKADIY SEMYONOVICH VOLKODAV", NameKind.ALIAS, "Cyrillic"),
    ]
    cyrillic, mislabelled = person.names[3:]
    assert (cyrillic.script, cyrillic.lang, cyrillic.original_script) == ("Cyrl", "ru", True)
    assert mislabelled.script is None  # labelled Cyrillic, written in Latin letters
    assert person.names[2].last_name is None  # a one-field alias gets no parts


def test_birth_dates_with_placeholders(invented_by_id: dict[str, Entity]):
    person = invented_by_id["uk-fcdo:RUS9901"]
    assert person.birth_dates == (FuzzyDate("1969-11-21"), FuzzyDate("1970"), FuzzyDate("1971-07"))
    assert ("date_of_birth", "15/08/19yy") in person.properties


def test_nationalities_documents_and_measures(invented_by_id: dict[str, Entity]):
    person = invented_by_id["uk-fcdo:RUS9901"]
    assert person.nationalities == ("ru", "cd")  # "Congo (Democratic Republic)"
    assert ("nationality", "Atlantis") in person.properties
    assert person.identifiers == (
        Identifier(
            IdType.PASSPORT,
            "750011122",
            "ru",
            "Passport",
            "Russia passport number 750011122, expires 2031",
        ),
        Identifier(
            IdType.NATIONAL_ID,
            "390100112233",
            "ru",
            "National identifier",
            "Russian national tax number",
        ),
    )
    assert ("document", "Passport: Diplomatic passport, number unknown") in person.properties
    assert [v for k, v in person.properties if k == "sanctions_imposed"] == [
        "Asset freeze",
        "Travel Ban",
        "Trust services sanctions",
    ]
    assert ("statement_of_reasons", "An invented statement of reasons.") in person.properties
    assert not any(k in ("asset_freeze", "travel_ban") for k, _ in person.properties)


def test_entity_contacts_wallet_and_relationships(invented_by_id: dict[str, Entity]):
    company = invented_by_id["uk-fcdo:CYB9902"]
    assert [(i.type, i.value) for i in company.identifiers] == [
        (IdType.REGISTRATION, "OGRN: 1234567890123"),
        (IdType.CRYPTO_WALLET, "bc1qinventedwalletaddress0000000000000"),
    ]
    assert company.relationships == (
        Relationship(
            RelationshipKind.OWNERSHIP,
            target_name="Invented Parent JSC",
            role="parent company",
            incoming=True,
        ),
        Relationship(
            RelationshipKind.OWNERSHIP, target_name="Invented Child GmbH", role="subsidiary"
        ),
    )
    for pair in [
        ("designation_source", "UK"),
        ("designation_source", "US"),
        ("website", "www.byte.example.invalid"),
        ("entity_type", "Software company"),
    ]:
        assert pair in company.properties
    assert not any(k == "statement_of_reasons" for k, _ in company.properties)  # blank


def test_ship_details_and_elements_the_reader_does_not_know(invented_by_id: dict[str, Entity]):
    ship = invented_by_id["uk-fcdo:RUS9903"]
    assert [(i.type, i.value) for i in ship.identifiers] == [
        (IdType.IMO, "9900001"),  # published as IMO9900001
        (IdType.IMO, "9900002"),
        (IdType.OTHER, "HULL-0042"),
    ]
    assert ship.relationships[1] == Relationship(
        RelationshipKind.OTHER,
        target_name="Old Invented Shipping Co",
        role="previous owner/operator",
        incoming=True,
    )
    assert ship.countries == ("ga",)
    assert ("year_built", "2004") in ship.properties
    assert ("call_sign", "TRX42") in ship.properties
    assert ("mmsi_number", "626000042") in ship.properties


def test_nameless_designation_is_skipped_with_a_warning(invented: ParsedList):
    assert [e.id for e in invented.entities] == [
        "uk-fcdo:RUS9901",
        "uk-fcdo:CYB9902",
        "uk-fcdo:RUS9903",
    ]
    assert invented.warnings == [
        f"{FIXTURES / 'uk_fcdo' / 'uk-sanctions-list.xml'}: line 216: "
        "designation GHR9904 has no name: skipped"
    ]
    assert invented.as_of == "2030-02-03"


def test_a_default_namespace_is_ignored(invented: ParsedList):
    namespaced = uk_fcdo.parse([FIXTURES / "uk_fcdo" / "namespaced.xml"])
    assert namespaced.entities == invented.entities
    assert namespaced.as_of == invented.as_of


# Recognition and bad input


def test_sniff_recognises_the_designations_root():
    head = (FIXTURES / "uk_fcdo" / "uk-sanctions-list.xml").read_bytes()[:65536]
    assert uk_fcdo.sniff(Path("UK-Sanctions-List.xml"), head) == "uk-fcdo"
    for other in ("un_xml/consolidated.xml", "eu_fsf/full-sanctions-list.xml"):
        assert uk_fcdo.sniff(Path("x.xml"), (FIXTURES / other).read_bytes()) is None
    assert uk_fcdo.sniff(Path("x.xml"), b"<Designations><Other/></Designations>") is None


@pytest.mark.parametrize(
    ("fixture", "message"),
    [
        ("uk_fcdo/empty.xml", "empty file"),
        ("uk_fcdo/truncated.xml", "line 64: not well-formed XML"),
        ("uk_fcdo/no-unique-id.xml", "line 111: Designation has no UniqueID"),
        ("un_xml/consolidated.xml", "root element is <CONSOLIDATED_LIST>, expected"),
        ("eu_fsf/full-sanctions-list.xml", "root element is <export>, expected <Designations>"),
    ],
)
def test_bad_input_is_a_parse_error_naming_file_and_place(fixture: str, message: str):
    path = FIXTURES / fixture
    with pytest.raises(ParseError, match=re.escape(message)) as error:
        uk_fcdo.parse([path])
    assert str(path) in str(error.value)


def test_a_file_without_designations_is_an_error(tmp_path: Path):
    path = tmp_path / "list.xml"
    path.write_text("<Designations><DateGenerated>01/01/2030</DateGenerated></Designations>")
    with pytest.raises(ParseError, match="no Designation records"):
        uk_fcdo.parse([path])
