"""The OFAC legacy CSV sets (SDN and Consolidated): what each file, column and remark becomes."""

from __future__ import annotations

import csv
import re
import shutil
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
from sanctio.sources import ofac_csv
from sanctio.sources._common import ParsedList

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "ofac_csv"
FULL = FIXTURES / "sdn_full"
BAD = FIXTURES / "bad"
SDN_2021 = "ofac/sdn-2021-07"
SDN_2024 = "ofac/sdn-2024-05-03/SDN.CSV"
CONS_2025 = "ofac/consolidated-2025-12"


def _by_id(parsed: ParsedList) -> dict[str, Entity]:
    return {entity.id: entity for entity in parsed.entities}


def _rows(path: Path) -> list[list[str]]:
    """The records of an OFAC CSV file, read with the csv module alone."""
    with path.open(encoding="cp1252", newline="") as handle:
        return [row for row in csv.reader(handle) if row and row != ["\x1a"]]


def _names(entity: Entity, kind: NameKind) -> list[str]:
    return [name.full for name in entity.names if name.kind is kind]


def _properties(entity: Entity, key: str) -> list[str]:
    return [value for k, value in entity.properties if k == key]


@pytest.fixture(scope="module")
def full() -> dict[str, Entity]:
    return _by_id(ofac_csv.parse(sorted(FULL.iterdir())))


@pytest.fixture(scope="module")
def alone() -> ParsedList:
    return ofac_csv.parse([FULL / "SDN.CSV"])


# Recognition


def test_sniff_recognises_every_file_of_the_sdn_set():
    for path in FULL.iterdir():
        assert ofac_csv.sniff(path, path.read_bytes()[:65536]) == "ofac-sdn", path.name


def test_sniff_tells_the_consolidated_set_by_its_file_names():
    for path in (FIXTURES / "cons").glob("CONS_[PA]*.CSV"):
        assert ofac_csv.sniff(path, path.read_bytes()) == "ofac-cons", path.name


def test_a_primary_file_named_neither_way_is_judged_by_its_programme_tags(tmp_path: Path):
    renamed = tmp_path / "primary.csv"
    shutil.copy(FIXTURES / "cons" / "CONS_PRIM.CSV", renamed)  # NS-PLC, CMIC-EO13959
    assert ofac_csv.sniff(renamed, renamed.read_bytes()) == "ofac-cons"
    assert ofac_csv.parse([renamed]).source == "ofac-cons"
    shutil.copy(FULL / "SDN.CSV", renamed)
    assert ofac_csv.sniff(renamed, renamed.read_bytes()) == "ofac-sdn"


def test_sniff_ignores_a_head_cut_mid_line():
    head = (FULL / "SDN.CSV").read_bytes()[:700]  # ends inside the first record
    assert ofac_csv.sniff(FULL / "SDN.CSV", head) == "ofac-sdn"


def test_sniff_rejects_other_files():
    for path in (
        BAD / "not_ofac.csv",
        BAD / "empty_SDN.CSV",
        FIXTURES.parent / "ofac_xml" / "sdn.xml",
    ):
        assert ofac_csv.sniff(path, path.read_bytes()[:65536]) is None, path.name


def test_a_two_column_file_is_a_comments_file_only_by_its_name(tmp_path: Path):
    other = tmp_path / "notes.csv"
    shutil.copy(FULL / "SDN_COMMENTS.CSV", other)
    assert ofac_csv.sniff(other, other.read_bytes()) is None


# The full set: SDN.CSV with ALT.CSV, ADD.CSV and SDN_COMMENTS.CSV


def test_full_set_gives_one_entity_per_primary_row_typed_by_the_type_column():
    parsed = ofac_csv.parse(sorted(FULL.iterdir()))
    assert parsed.source == "ofac-sdn"
    assert parsed.format == "ofac-csv"
    assert parsed.as_of is None  # the CSV files state no date
    assert [(e.id, e.schema) for e in parsed.entities] == [
        ("ofac-sdn:90001", Schema.PERSON),
        ("ofac-sdn:90002", Schema.ORGANIZATION),
        ("ofac-sdn:90003", Schema.VESSEL),
        ("ofac-sdn:90004", Schema.AIRCRAFT),
        ("ofac-sdn:90005", Schema.ORGANIZATION),
        ("ofac-sdn:90006", Schema.PERSON),
        ("ofac-sdn:90007", Schema.ORGANIZATION),
    ]


def test_an_alias_row_for_an_unknown_entity_is_reported_not_attached():
    parsed = ofac_csv.parse(sorted(FULL.iterdir()))
    assert parsed.warnings == [
        f"{FULL / 'ALT.CSV'}: line 5: ent_num 99999 is not in SDN.CSV; row ignored"
    ]
    assert not any("ORPHAN ALIAS" in n.full for e in parsed.entities for n in e.names)


def test_individual_names_are_split_into_last_and_first(full: dict[str, Entity]):
    assert full["ofac-sdn:90001"].names[0] == Name(
        "ZORVANI, Kestrel Amadou",
        NameKind.PRIMARY,
        first_name="Kestrel Amadou",
        last_name="ZORVANI",
    )
    assert full["ofac-sdn:90002"].names[0] == Name("BLUEFIN TRADING HOUSE LLC")


def test_programmes_are_read_from_the_bracketed_column(full: dict[str, Entity]):
    assert full["ofac-sdn:90001"].programs == ("IRGC", "SDGT")  # "SDGT] [IRGC", sorted
    assert full["ofac-sdn:90006"].programs == ("SYRIA", "SYRIA-EO13894")


def test_alt_rows_are_strong_aliases_and_remark_aliases_are_not_doubled(full: dict[str, Entity]):
    kestrel = full["ofac-sdn:90001"]
    assert _names(kestrel, NameKind.ALIAS) == [
        "SORVANI, Kestrel",
        "ZORVANI, Kes",
        "ZORVANI, Kestrel A.",
    ]
    # 'SORVANI, Kestrel' is in ALT.CSV and, single-quoted, in the remarks: kept once, strong.
    assert _names(kestrel, NameKind.WEAK) == ["KESTREL"]
    assert (
        Name(
            "ZORVANI, Kestrel A.",
            NameKind.ALIAS,
            "Kestrel A.",
            last_name="ZORVANI",
            qualifier="a.k.a.",
        )
        in kestrel.names
    )
    assert ("BLUEFIN GENERAL TRADING FZE", "f.k.a.") in [
        (n.full, n.qualifier) for n in full["ofac-sdn:90002"].names
    ]


def test_address_rows_become_addresses_and_empty_ones_are_skipped(full: dict[str, Entity]):
    assert full["ofac-sdn:90002"].addresses == (
        Address(
            "1 Fictional Plaza, Wilmington, DE 19801, United States",
            street="1 Fictional Plaza",
            city="Wilmington, DE 19801",
            country="us",
        ),
        Address(
            "Office 4, Invented Tower, Dubai, United Arab Emirates",
            street="Office 4, Invented Tower",
            city="Dubai",
            country="ae",
        ),
    )
    assert full["ofac-sdn:90005"].addresses == ()  # its ADD.CSV row is all -0-


def test_comments_file_continues_remarks_cut_at_1000_characters(full: dict[str, Entity]):
    silvergate = full["ofac-sdn:90005"]
    linked = [r.target_name for r in silvergate.relationships]
    assert linked == [f"SILVERGATE SUBSIDIARY NUMBER {n:02d} LIMITED" for n in range(1, 27)]
    assert _names(silvergate, NameKind.WEAK) == ["SILVERGATE"]  # the very last item
    assert silvergate.remarks is None


def test_vessel_columns(full: dict[str, Entity]):
    petrel = full["ofac-sdn:90003"]
    assert Identifier(IdType.CALL_SIGN, "9BXY7", label="Call Sign") in petrel.identifiers
    for key, value in [
        ("vessel_type", "Crude Oil Tanker"),
        ("tonnage", "150,000"),
        ("gross_registered_tonnage", "80,000"),
        ("vessel_flag", "Panama"),
        ("vessel_owner", "Bluefin Trading House LLC"),
    ]:
        assert _properties(petrel, key) == [value]
    assert petrel.countries == ("pa", "km")  # the flag, then "Other Vessel Flag Comoros"


def test_title_column_is_a_property(full: dict[str, Entity]):
    assert _properties(full["ofac-sdn:90001"], "title") == ["Director of Imaginary Affairs"]


# The remarks column, item kind by item kind (SDN.CSV alone: no companion files)


@pytest.fixture(scope="module")
def remarks(alone: ParsedList) -> dict[str, Entity]:
    return _by_id(alone)


def test_remarks_aliases_single_quoted_are_weak_double_quoted_strong(remarks: dict[str, Entity]):
    kestrel = remarks["ofac-sdn:90001"]
    assert _names(kestrel, NameKind.WEAK) == ["KESTREL", "SORVANI, Kestrel"]
    assert _names(kestrel, NameKind.ALIAS) == ["ZORVANI, Kes"]  # a.k.a. "ZORVANI, Kes"
    assert (
        Name("SORVANI, Kestrel", NameKind.WEAK, "Kestrel", last_name="SORVANI", qualifier="a.k.a.")
        in kestrel.names
    )
    bluefin = remarks["ofac-sdn:90002"]
    assert [(n.full, n.qualifier) for n in bluefin.names[1:]] == [
        ("BLUEFIN GENERAL TRADING", "f.k.a."),
        ("BLUEFIN HOLDINGS", "n.k.a."),
    ]


def test_remarks_birth_dates_exact_circa_range_month_and_several(remarks: dict[str, Entity]):
    assert remarks["ofac-sdn:90001"].birth_dates == (
        FuzzyDate("1971-07-04"),
        FuzzyDate("1970", circa=True),
        FuzzyDate("1968", until="1972"),
        FuzzyDate("1969-03"),
    )


def test_remarks_place_of_birth_nationality_citizenship_gender(remarks: dict[str, Entity]):
    kestrel, maren = remarks["ofac-sdn:90001"], remarks["ofac-sdn:90006"]
    assert (kestrel.birth_places, kestrel.nationalities, kestrel.citizenships, kestrel.gender) == (
        ("Tabriz, Iran",),
        ("ir",),
        ("tr",),
        "male",
    )
    assert (maren.nationalities, maren.citizenships, maren.gender) == (("fr",), ("co",), "female")


def test_remarks_identity_documents_with_country_and_dates(remarks: dict[str, Entity]):
    assert remarks["ofac-sdn:90001"].identifiers == (
        Identifier(IdType.NATIONAL_ID, "0012345678", "ir", "National ID No."),
        Identifier(
            IdType.PASSPORT, "Z1234567", "ir", "Passport", "issued 01 Feb 2010 expires 31 Jan 2020"
        ),
    )
    assert remarks["ofac-sdn:90006"].identifiers == (
        Identifier(IdType.NATIONAL_ID, "1234567", "co", "Cedula No."),
        Identifier(
            IdType.NATIONAL_ID, "AB 123456", "fr", "Identification Number", "expires 30 Oct 2030"
        ),
        Identifier(IdType.NATIONAL_ID, "QUMA801212MNEXXX01", "mx", "C.U.R.P."),
        Identifier(IdType.OTHER, "D-4455", "mx", "Driver's License No."),
        Identifier(IdType.TAX_ID, "QUMA801212AB1", "mx", "R.F.C."),
    )


def test_remarks_registry_numbers_swift_and_digital_currency(remarks: dict[str, Entity]):
    assert remarks["ofac-sdn:90002"].identifiers == (
        Identifier(
            IdType.CRYPTO_WALLET,
            "0xfeedfacefeedfacefeedfacefeedfacefeedface",
            label="Digital Currency Address - ETH",
        ),
        Identifier(
            IdType.CRYPTO_WALLET,
            "1FakeBitcoinAddressForTests0000001",
            label="Digital Currency Address - XBT",
        ),
        Identifier(IdType.REGISTRATION, "5493000FAKE0LEI00001", label="Legal Entity Number"),
        # "Registration Number 7654321 (Delaware) (United States)": the state joins the note
        Identifier(IdType.REGISTRATION, "7654321", "us", "Registration Number", "Delaware"),
        Identifier(IdType.SWIFT_BIC, "BLUFUS33", label="SWIFT/BIC"),
        Identifier(IdType.TAX_ID, "12-3456789", "us", "Tax ID No."),
    )
    assert remarks["ofac-sdn:90002"].countries == ("ae",)  # Nationality of Registration


def test_remarks_vessel_identifiers_and_details(remarks: dict[str, Entity]):
    petrel = remarks["ofac-sdn:90003"]
    assert (
        Identifier(IdType.IMO, "9000001", label="Vessel Registration Identification")
        in petrel.identifiers
    )
    assert Identifier(IdType.MMSI, "352000001", label="MMSI") in petrel.identifiers
    assert _properties(petrel, "vessel_build_year") == ["1998"]
    assert _properties(petrel, "former_vessel_flag") == ["Malta", "Tuvalu"]
    assert _properties(petrel, "other_vessel_flag") == ["Comoros"]


def test_remarks_aircraft_details(remarks: dict[str, Entity]):
    aircraft = remarks["ofac-sdn:90004"]
    assert aircraft.identifiers == (
        Identifier(
            IdType.AIRCRAFT_SERIAL,
            "1003401234",
            label="Aircraft Manufacturer's Serial Number (MSN)",
        ),
        Identifier(
            IdType.AIRCRAFT_SERIAL,
            "4401",
            label="Aircraft Construction Number (also called L/N or S/N or F/N)",
        ),
        Identifier(IdType.AIRCRAFT_TAIL, "EP-TST", label="Aircraft Tail Number"),
        Identifier(IdType.AIRCRAFT_TAIL, "UN-00001", label="Previous Aircraft Tail Number"),
    )
    assert aircraft.properties == (
        ("aircraft_manufacture_date", "1991"),
        ("aircraft_model", "IL76-TD"),
        ("aircraft_operator", "IMAGINARY AIR"),
    )


def test_remarks_contacts_and_sanction_notes_are_properties(remarks: dict[str, Entity]):
    assert remarks["ofac-sdn:90001"].properties == (
        ("additional_sanctions_information", "Subject to Secondary Sanctions"),
        ("email", "kestrel@example.org"),
        ("phone", "982155500000"),
        ("title", "Director of Imaginary Affairs"),
        ("website", "www.example.org"),
    )
    assert remarks["ofac-sdn:90002"].properties == (
        ("organization_established_date", "2005"),
        ("organization_type", "Wholesale of fuels"),
        (
            "secondary_sanctions_risk",
            "section 1(b) of Executive Order 13224, as amended by Executive Order 13886",
        ),
        ("target_type", "Private Company"),
    )


def test_remarks_linked_to_keeps_a_final_period_that_belongs_to_the_name(
    remarks: dict[str, Entity],
):
    linked = RelationshipKind.LINKED_TO
    assert remarks["ofac-sdn:90001"].relationships == (
        Relationship(linked, target_name="BLUEFIN TRADING HOUSE LLC", role="Linked To"),
    )
    # Last items: "Linked To: SILVERGATE EXPORTS S.A." (a listed name) and "Linked To: KPD S.A."
    assert remarks["ofac-sdn:90002"].relationships[0].target_name == "SILVERGATE EXPORTS S.A."
    assert remarks["ofac-sdn:90006"].relationships[0].target_name == "KPD S.A."
    # "...; Linked To: IMAGINARY AIR." ends the remarks with the list's own period
    assert remarks["ofac-sdn:90004"].relationships[0].target_name == "IMAGINARY AIR"


def test_remarks_free_text_items_are_kept_as_remarks(remarks: dict[str, Entity]):
    assert remarks["ofac-sdn:90001"].remarks == "Director of Imaginary Affairs"
    assert remarks["ofac-sdn:90006"].remarks == "Former Deputy Chief of the Invented Bureau"


def test_without_comments_file_a_cut_remark_keeps_its_last_item_as_text(alone: ParsedList):
    assert alone.warnings == [
        f"{FULL / 'SDN.CSV'}: the remarks of 1 entries are cut at 1000 characters "
        "(SDN_COMMENTS.CSV continues them); their last item is kept as text"
    ]
    silvergate = _by_id(alone)["ofac-sdn:90005"]
    assert len(silvergate.relationships) == 18
    assert silvergate.remarks == "Linked To: SILVERGATE SUBSID"  # the 19th link, cut
    assert _names(silvergate, NameKind.WEAK) == []


def test_without_alt_file_strong_aliases_are_absent(remarks: dict[str, Entity]):
    assert _names(remarks["ofac-sdn:90003"], NameKind.WEAK) == ["GREY PETREL"]
    assert _names(remarks["ofac-sdn:90003"], NameKind.ALIAS) == []


# The Consolidated set


def test_consolidated_set_has_source_ofac_cons():
    parsed = ofac_csv.parse(sorted((FIXTURES / "cons").iterdir()))
    assert parsed.source == "ofac-cons"
    cons = _by_id(parsed)
    assert list(cons) == ["ofac-cons:91001", "ofac-cons:91002"]
    assert _names(cons["ofac-cons:91001"], NameKind.ALIAS) == ["HALVORSEN, Tamsin Ruth"]
    assert _names(cons["ofac-cons:91001"], NameKind.WEAK) == ["HALVORSEN, T."]
    northwind = cons["ofac-cons:91002"]
    assert Identifier(IdType.OTHER, "US0000000001", label="ISIN") in northwind.identifiers
    assert _properties(northwind, "listing_date_cmic") == ["03 Jun 2021"]
    assert _properties(northwind, "equity_ticker") == ["NWO US"]
    assert _properties(northwind, "website") == ["www.northwind.example"]


# Bad input


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("empty_SDN.CSV", "empty file"),
        ("short_row_SDN.CSV", "line 2: 11 fields where this file has 12"),
        ("changed_columns_SDN.CSV", "not an OFAC CSV file"),
        ("truncated_SDN.CSV", "line 2: unexpected end of data (a truncated file?)"),
        ("unknown_type_SDN.CSV", "line 2: unknown SDN type 'spaceship'"),
        ("not_ofac.csv", "not an OFAC CSV file"),
    ],
)
def test_bad_files_raise_parse_error_naming_file_and_line(name: str, message: str):
    with pytest.raises(ParseError, match=re.escape(message)) as error:
        ofac_csv.parse([BAD / name])
    assert name in str(error.value)


def test_a_changed_column_count_deep_in_the_file_names_its_line(tmp_path: Path):
    text = (
        (FULL / "SDN.CSV")
        .read_text(encoding="cp1252")
        .replace('90004,"EP-TST","aircraft","SDGT",', '90004,"EP-TST","aircraft","SDGT","extra",')
    )
    (tmp_path / "SDN.CSV").write_text(text, encoding="cp1252", newline="")
    with pytest.raises(ParseError, match="line 4: 13 fields where this file has 12"):
        ofac_csv.parse([tmp_path / "SDN.CSV"])


def test_an_unknown_alias_type_names_its_line(tmp_path: Path):
    text = (FULL / "ALT.CSV").read_text(encoding="cp1252").replace('"fka"', '"xka"')
    (tmp_path / "ALT.CSV").write_text(text, encoding="cp1252", newline="")
    with pytest.raises(ParseError, match="line 3: unknown alias type 'xka'"):
        ofac_csv.parse([FULL / "SDN.CSV", tmp_path / "ALT.CSV"])


def test_companion_files_without_a_primary_file_are_an_error():
    with pytest.raises(ParseError, match=r"no primary OFAC CSV file \(SDN.CSV or CONS_PRIM.CSV\)"):
        ofac_csv.parse([FULL / "ALT.CSV", FULL / "ADD.CSV"])


def test_two_primary_files_are_an_error(tmp_path: Path):
    shutil.copy(FULL / "SDN.CSV", tmp_path / "SDN2.CSV")
    with pytest.raises(ParseError, match="a second main file"):
        ofac_csv.parse([FULL / "SDN.CSV", tmp_path / "SDN2.CSV"])


def test_an_empty_companion_file_is_fine_an_empty_primary_is_not(tmp_path: Path):
    assert (FIXTURES / "cons" / "CONS_COMMENTS.CSV").read_bytes() == b"\x1a"
    assert len(ofac_csv.parse(sorted((FIXTURES / "cons").iterdir())).entities) == 2
    (tmp_path / "SDN.CSV").write_bytes(b"\x1a")
    with pytest.raises(ParseError, match="empty file"):
        ofac_csv.parse([tmp_path / "SDN.CSV"])


def test_duplicate_entity_numbers_are_emitted_as_the_file_has_them(tmp_path: Path):
    rows = (FULL / "SDN.CSV").read_bytes().splitlines(keepends=True)
    (tmp_path / "SDN.CSV").write_bytes(rows[6] + rows[6])  # 90007 twice
    parsed = ofac_csv.parse([tmp_path / "SDN.CSV"])
    assert [e.id for e in parsed.entities] == ["ofac-sdn:90007", "ofac-sdn:90007"]


# The real files


@pytest.fixture(scope="module")
def sdn_2021(lists_dir: Path) -> ParsedList:
    return ofac_csv.parse(sorted((lists_dir / SDN_2021).iterdir()))


@pytest.fixture(scope="module")
def sdn_2024(lists_dir: Path) -> ParsedList:
    return ofac_csv.parse([lists_dir / SDN_2024])


@pytest.fixture(scope="module")
def cons_2025(lists_dir: Path) -> ParsedList:
    return ofac_csv.parse(sorted((lists_dir / CONS_2025).iterdir()))


@pytest.mark.real_lists
def test_real_2021_full_set_counts(sdn_2021: ParsedList, lists_dir: Path):
    folder = lists_dir / SDN_2021
    for path in folder.iterdir():
        assert ofac_csv.sniff(path, path.read_bytes()[:65536]) == "ofac-sdn", path.name
    primary = _rows(folder / "sdn.csv")
    assert len({row[0] for row in primary}) == len(primary) == 8976
    assert [e.id for e in sdn_2021.entities] == [f"ofac-sdn:{row[0]}" for row in primary]
    types = Counter(row[2].strip() for row in primary)
    assert types == {"individual": 4620, "-0-": 3673, "vessel": 406, "aircraft": 277}
    assert Counter(e.schema for e in sdn_2021.entities) == {
        Schema.PERSON: 4620,
        Schema.ORGANIZATION: 3673,
        Schema.VESSEL: 406,
        Schema.AIRCRAFT: 277,
    }
    alt = _rows(folder / "alt.csv")
    assert len(alt) == 11910
    # Two entities list the same alias twice in ALT.CSV: each name is kept once.
    distinct_aliases = {(row[0], row[3].strip()) for row in alt}
    strong = sum(len(_names(e, NameKind.ALIAS)) for e in sdn_2021.entities)
    assert strong == len(distinct_aliases) == 11908
    add = _rows(folder / "add.csv")
    assert len(add) == 13837
    with_content = [row for row in add if any(part.strip() != "-0-" for part in row[2:5])]
    assert sum(len(e.addresses) for e in sdn_2021.entities) == len(with_content)
    assert sdn_2021.warnings == []


@pytest.mark.real_lists
def test_real_2024_sdn_alone_counts(sdn_2024: ParsedList, lists_dir: Path):
    primary = _rows(lists_dir / SDN_2024)
    assert len({row[0] for row in primary}) == len(primary) == 14965
    assert len(sdn_2024.entities) == 14965
    assert sdn_2024.source == "ofac-sdn"
    with_dob = sum(1 for row in primary if re.search(r"(^|; )DOB ", row[11]))
    assert sum(1 for e in sdn_2024.entities if e.birth_dates) == with_dob
    cut = sum(1 for row in primary if len(row[11]) >= 1000 and not row[11].rstrip().endswith("."))
    assert sdn_2024.warnings[0].startswith(f"{lists_dir / SDN_2024}: the remarks of {cut} entries")


@pytest.mark.real_lists
@pytest.mark.parametrize("version", ["sdn_2021", "sdn_2024"])
def test_real_bashar_al_assad(version: str, request: pytest.FixtureRequest):
    assad = _by_id(request.getfixturevalue(version))["ofac-sdn:12735"]
    assert assad.names[0] == Name(
        "AL-ASSAD, Bashar", NameKind.PRIMARY, first_name="Bashar", last_name="AL-ASSAD"
    )
    assert assad.schema is Schema.PERSON
    assert assad.programs == ("SYRIA", "SYRIA-EO13894")
    assert assad.birth_dates == (FuzzyDate("1965-09-11"),)
    assert assad.birth_places == ("Damascus, Syria",)
    assert assad.nationalities == ("sy",)
    assert assad.gender == "male"
    assert _properties(assad, "title") == ["President of the Syrian Arab Republic"]


@pytest.mark.real_lists
def test_real_2021_aliases_come_from_alt_csv(sdn_2021: ParsedList):
    assad = _by_id(sdn_2021)["ofac-sdn:12735"]
    assert _names(assad, NameKind.ALIAS) == [
        "AL ASSAD, Bashar Hafez",
        "AL-ASAD, Bashar",
        "ASSAD, Bashar",
    ]
    assert assad.addresses == (Address("Damascus, Syria", city="Damascus", country="sy"),)


@pytest.mark.real_lists
def test_real_versions_differ_as_the_manifest_says(sdn_2021: ParsedList, sdn_2024: ParsedList):
    old, new = {e.id for e in sdn_2021.entities}, {e.id for e in sdn_2024.entities}
    assert (len(new - old), len(old - new)) == (6870, 881)

    def syria(parsed: ParsedList) -> int:
        return sum(1 for e in parsed.entities if any(p.startswith("SYRIA") for p in e.programs))

    assert (syria(sdn_2021), syria(sdn_2024)) == (670, 715)


@pytest.mark.real_lists
def test_real_vessel_from_remarks_and_columns(sdn_2024: ParsedList):
    artavil = _by_id(sdn_2024)["ofac-sdn:15036"]
    assert artavil.schema is Schema.VESSEL
    assert artavil.identifiers == (
        Identifier(IdType.CALL_SIGN, "T2EU4", label="Call Sign"),
        Identifier(IdType.IMO, "9187629", label="Vessel Registration Identification"),
        Identifier(IdType.MMSI, "572469210", label="MMSI"),
    )
    assert _names(artavil, NameKind.WEAK) == ["ALPHA"]
    assert artavil.relationships[0].target_name == "NATIONAL IRANIAN TANKER COMPANY"
    assert _properties(artavil, "vessel_flag") == ["Iran"]
    assert artavil.countries == ("ir",)


@pytest.mark.real_lists
def test_real_comments_file_joins_a_cut_remark_mid_word(sdn_2021: ParsedList):
    jiadong = _by_id(sdn_2021)["ofac-sdn:28264"]
    wallets = [i for i in jiadong.identifiers if i.type is IdType.CRYPTO_WALLET]
    assert len(wallets) == 12
    assert Identifier(IdType.NATIONAL_ID, "210302198701102136", "cn", "Identification Number") in (
        jiadong.identifiers
    )
    assert _names(jiadong, NameKind.WEAK) == ["blackjack1987", "khaleesi"]
    assert jiadong.relationships[0].target_name == "LAZARUS GROUP"


@pytest.mark.real_lists
def test_real_linked_to_names_are_nearly_all_primary_names_of_the_list(sdn_2024: ParsedList):
    primary = {e.names[0].full for e in sdn_2024.entities}
    targets = [r.target_name for e in sdn_2024.entities for r in e.relationships]
    unresolved = [t for t in targets if t not in primary]
    assert len(targets) > 6000
    assert len(unresolved) < 10  # targets off the list or renamed since


@pytest.mark.real_lists
def test_real_consolidated_set(cons_2025: ParsedList, lists_dir: Path):
    for path in (lists_dir / CONS_2025).iterdir():
        assert ofac_csv.sniff(path, path.read_bytes()[:65536]) == "ofac-cons", path.name
    primary = _rows(lists_dir / CONS_2025 / "cons_prim.csv")
    # The MANIFEST says 443: the file has 443 lines, the last being OFAC's Ctrl-Z end marker.
    assert len(primary) == len(cons_2025.entities) == 442
    assert cons_2025.source == "ofac-cons"
    vtb = _by_id(cons_2025)["ofac-cons:17013"]
    assert vtb.names[0].full == "VTB BANK PUBLIC JOINT STOCK COMPANY"
    assert vtb.programs == ("RUSSIA-EO14024", "UKRAINE-EO13662")
    assert Identifier(IdType.SWIFT_BIC, "VTBRRUMM", label="SWIFT/BIC") in vtb.identifiers
    assert Identifier(IdType.TAX_ID, "7702070139", "ru", "Tax ID No.") in vtb.identifiers
    assert _properties(vtb, "executive_order_13662_directive_determination") == [
        "Subject to Directive 1"
    ]
    assert _names(vtb, NameKind.WEAK) == ["JSC VTB BANK NEW DELHI BRANCH"]
