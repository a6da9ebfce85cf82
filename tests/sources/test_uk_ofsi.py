"""The UK OFSI Consolidated List (ConList.csv, older and newer layouts, and ConList.xlsx)."""

from __future__ import annotations

import csv
import re
import zipfile
from collections import Counter
from pathlib import Path

import openpyxl
import pytest

from sanctio.errors import ParseError
from sanctio.model import Address, Entity, FuzzyDate, Identifier, IdType, NameKind, Schema
from sanctio.sources import uk_ofsi
from sanctio.sources._common import ParsedList

OLD_CSV = "uk/ofsi-conlist-2016-03-23.csv"
XLSX = "uk/ofsi-conlist-2025-04-10.xlsx"
FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "uk_ofsi"


def _sniff(path: Path) -> str | None:
    return uk_ofsi.sniff(path, path.read_bytes()[:65536])


def _by_id(parsed: ParsedList) -> dict[str, Entity]:
    return {entity.id: entity for entity in parsed.entities}


def _names(entity: Entity, kind: NameKind) -> list[str]:
    return [name.full for name in entity.names if name.kind is kind]


def _properties(entity: Entity, key: str) -> list[str]:
    return [value for k, value in entity.properties if k == key]


def _xlsx_from_csv(source: Path, target: Path) -> Path:
    """The spreadsheet form of a ConList.csv: the same rows in one sheet."""
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    with source.open(encoding="utf-8", newline="") as stream:
        for row in csv.reader(stream):
            sheet.append([cell or None for cell in row])
    workbook.save(target)
    return target


# The real files


@pytest.fixture(scope="module")
def old(lists_dir: Path) -> ParsedList:
    return uk_ofsi.parse([lists_dir / OLD_CSV])


@pytest.fixture(scope="module")
def new(lists_dir: Path) -> ParsedList:
    return uk_ofsi.parse([lists_dir / XLSX])


@pytest.mark.real_lists
def test_real_older_csv_gives_one_entity_per_group_id(old: ParsedList, lists_dir: Path):
    with (lists_dir / OLD_CSV).open(encoding="cp1252", newline="") as stream:
        rows = list(csv.reader(stream))[2:]
    assert len(rows) == 8746  # as the MANIFEST says
    group_types = {row[-1]: row[23] for row in rows}
    assert len(group_types) == 1924
    assert sorted(e.id for e in old.entities) == sorted(f"uk-ofsi:{g}" for g in group_types)
    assert Counter(e.schema for e in old.entities) == {
        Schema.PERSON: Counter(group_types.values())["Individual"],
        Schema.ORGANIZATION: Counter(group_types.values())["Entity"],
    }
    assert (old.as_of, old.source, old.format) == ("2016-03-23", "uk-ofsi", "uk-ofsi")


@pytest.mark.real_lists
def test_real_spreadsheet_gives_one_entity_per_group_id(new: ParsedList, lists_dir: Path):
    # Counted from the sheet's XML: Group ID is column AJ, a shared string per distinct id.
    with zipfile.ZipFile(lists_dir / XLSX) as archive:
        sheet = archive.read("xl/worksheets/sheet1.xml").decode("utf-8")
    data_rows = len(re.findall(r"<row ", sheet)) - 2  # less "Last Updated" and the header
    group_ids = set(re.findall(r'<c r="AJ(?:[3-9]|\d\d+)"[^>]*t="s"[^>]*><v>(\d+)</v>', sheet))
    assert data_rows == 18796
    assert len(group_ids) == 4686  # as the MANIFEST says
    assert len(new.entities) == len({e.id for e in new.entities}) == 4686
    assert new.as_of == "2025-04-10"
    assert new.warnings == []


@pytest.mark.real_lists
def test_real_older_csv_person(old: ParsedList):
    person = _by_id(old)["uk-ofsi:6894"]
    assert person.schema is Schema.PERSON
    primary = person.names[0]
    assert (primary.full, primary.kind, primary.qualifier) == (
        "Mohamad Iqbal ABDURRAHMAN",
        NameKind.PRIMARY,
        "Prime Alias",
    )
    assert (primary.first_name, primary.middle_name, primary.last_name) == (
        "Mohamad",
        "Iqbal",
        "ABDURRAHMAN",
    )
    assert "Abu Jibril ABDURRAHMAN" in _names(person, NameKind.ALIAS)
    assert person.birth_dates == (FuzzyDate("1957-08-17"), FuzzyDate("1958-08-17"))
    assert person.nationalities == ("id",)
    assert person.programs == ("The ISIL (Da'esh) and Al-Qaida organisations",)
    assert person.listed_on == "2003-01-24"
    assert person.identifiers[0].value == "3603251708570001"
    assert person.identifiers[0].type is IdType.NATIONAL_ID


@pytest.mark.real_lists
def test_real_older_csv_free_text_passport_gives_number_and_country(old: ParsedList):
    passports = [i for i in _by_id(old)["uk-ofsi:7877"].identifiers if i.type is IdType.PASSPORT]
    assert passports[0].value == "G827238"
    assert passports[0].country == "tn"
    assert passports[0].note.startswith("G827238 (Tunisian). Issued on 1 June 1996")


@pytest.mark.real_lists
def test_real_spreadsheet_person_with_cyrillic_name(new: ParsedList):
    person = _by_id(new)["uk-ofsi:14235"]
    assert person.caption == "Roman Mikhailovich LYABIKHOV"
    original = [n for n in person.names if n.original_script]
    assert [(n.full, n.script, n.kind) for n in original] == [
        ("Лябихов Роман Михайлович", "Cyrl", NameKind.ALIAS)
    ]
    assert person.birth_dates == (FuzzyDate("1973-05-07"),)
    assert person.nationalities == ("ru",)
    assert person.gender == "male"
    assert person.programs == ("Russia",)
    assert _properties(person, "uk_sanctions_list_ref") == ["RUS0290"]
    assert _properties(person, "position") == ["Member of the State Duma of the Russian Federation"]


@pytest.mark.real_lists
def test_real_spreadsheet_weak_alias_and_fuzzy_birth_dates(new: ParsedList):
    kony = _by_id(new)["uk-ofsi:13344"]
    assert _names(kony, NameKind.PRIMARY) == ["JOSEPH KONY"]
    assert _names(kony, NameKind.WEAK) == ["LE MESSIE SANGLANT"]
    assert FuzzyDate("1964-09-18") in kony.birth_dates
    assert FuzzyDate("1959") in kony.birth_dates  # written 00/00/1959
    assert FuzzyDate("1961-08") in kony.birth_dates  # written 00/08/1961
    assert "cd" in kony.all_countries()  # "Congo (Democratic Republic)"


@pytest.mark.real_lists
def test_real_spreadsheet_ship(new: ParsedList):
    ship = _by_id(new)["uk-ofsi:13651"]
    assert ship.schema is Schema.VESSEL
    assert ship.caption == "SAM JONG 2"
    assert Identifier(IdType.IMO, "7408873", label="IMO number") in ship.identifiers
    assert ship.countries == ("kp",)
    assert _properties(ship, "type_of_ship") == ["Oil tanker"]


@pytest.mark.real_lists
def test_real_files_are_recognised(lists_dir: Path):
    assert _sniff(lists_dir / OLD_CSV) == "uk-ofsi"
    assert _sniff(lists_dir / XLSX) == "uk-ofsi"
    assert _sniff(lists_dir / "uk/fcdo-uk-sanctions-list-excerpt-2026-09-10.xml") is None
    assert _sniff(lists_dir / "us-bis/dpl-2023-11.txt") is None


# Invented files: the newer CSV layout


@pytest.fixture(scope="module")
def invented() -> ParsedList:
    return uk_ofsi.parse([FIXTURES / "conlist-new.csv"])


def test_newer_layout_groups_rows_into_one_entity_per_group_id(invented: ParsedList):
    assert [e.id for e in invented.entities] == [f"uk-ofsi:9000{i}" for i in (1, 2, 3, 4)]
    assert [e.schema for e in invented.entities] == [
        Schema.PERSON,
        Schema.ORGANIZATION,
        Schema.PERSON,
        Schema.VESSEL,
    ]
    assert invented.as_of == "2030-05-17"


def test_newer_layout_names_kinds_and_non_latin_script(invented: ParsedList):
    person = _by_id(invented)["uk-ofsi:90001"]
    assert [(n.full, n.kind, n.qualifier) for n in person.names] == [
        ("Tobias Ezra QUILLFEATHER", NameKind.PRIMARY, "Primary name"),
        ("Тобиас Эзра Квиллфезер", NameKind.ALIAS, "Name Non-Latin Script"),
        ("Tobias KVILLFEZER", NameKind.ALIAS, "Primary name variation"),
        ("Toby QUILL", NameKind.ALIAS, "AKA, Good quality"),
        ("THE FEATHER", NameKind.WEAK, "AKA, Low quality"),
    ]
    primary, cyrillic = person.names[:2]
    assert (primary.first_name, primary.middle_name, primary.last_name, primary.title) == (
        "Tobias",
        "Ezra",
        "QUILLFEATHER",
        "Mr",
    )
    assert (cyrillic.script, cyrillic.lang, cyrillic.original_script) == ("Cyrl", "ru", True)


def test_newer_layout_each_value_once_across_repeated_rows(invented: ParsedList):
    person = _by_id(invented)["uk-ofsi:90001"]  # 4 names x 3 birth dates x 2 addresses
    assert person.birth_dates == (FuzzyDate("1961-02-12"), FuzzyDate("1962"), FuzzyDate("1963-05"))
    assert person.addresses == (
        Address("1 Example Street, Moscow, 100001, Russia", postal_code="100001", country="ru"),
        Address("Minsk, Belarus", country="by"),
    )
    assert person.birth_places == ("Harbourview, Russia",)
    assert person.nationalities == ("ru", "cd")
    assert _properties(person, "last_updated") == ["2023-03-21"]  # the latest row's


def test_newer_layout_documents_paired_with_their_details(invented: ParsedList):
    person = _by_id(invented)["uk-ofsi:90001"]
    assert [i for i in person.identifiers if i.type is not IdType.PHONE] == [
        Identifier(
            IdType.PASSPORT,
            "7100001",
            "ru",
            "Passport Number",
            "Russia number, issued on 1 Jan. 2010",
        ),
        Identifier(IdType.PASSPORT, "7100002", None, "Passport Number", "Expired"),
        Identifier(
            IdType.NATIONAL_ID,
            "770000000001",
            None,
            "National Identification Number",
            "Tax identification number",
        ),
    ]


def test_newer_layout_labelled_other_information(invented: ParsedList):
    by_id = _by_id(invented)
    person = by_id["uk-ofsi:90001"]
    assert person.gender == "male"
    assert _properties(person, "uk_sanctions_list_ref") == ["RUS9901"]
    assert [i.value for i in person.identifiers if i.type is IdType.PHONE] == [
        "+7 000 000 0001",
        "+7 000 000 0002",
    ]
    assert person.remarks.startswith("(UK Sanctions List Ref):RUS9901. (UK Statement of Reasons)")
    company = by_id["uk-ofsi:90002"]
    assert Identifier(IdType.REGISTRATION, "1027700000001", label="Business Reg No") in (
        company.identifiers
    )
    assert Identifier(IdType.WEBSITE, "www.example-works.test", label="Website") in (
        company.identifiers
    )
    assert _properties(company, "type_of_entity") == ["Joint stock company"]
    ship = by_id["uk-ofsi:90004"]
    assert ship.identifiers == (Identifier(IdType.IMO, "9999991", label="IMO number"),)
    assert ship.countries == ("pa",)
    assert _properties(ship, "previous_flags") == ["Comoros"]
    assert _properties(ship, "year_built") == ["1990"]


def test_target_under_two_regimes_has_both_programmes_and_earliest_listing(
    invented: ParsedList,
):
    target = _by_id(invented)["uk-ofsi:90003"]
    assert target.programs == ("Russia", "Global Human Rights")
    assert target.listed_on == "2021-12-10"
    assert target.gender == "female"
    assert _names(target, NameKind.PRIMARY) == ["Marta EXAMPLEVA"]


# Invented files: the older CSV layout (Windows-1252)


def test_older_layout_windows_1252_with_accented_names():
    parsed = uk_ofsi.parse([FIXTURES / "conlist-old.csv"])
    assert parsed.as_of == "2016-03-23"
    person, charity = parsed.entities
    assert [(n.full, n.kind) for n in person.names] == [
        ("José NOËLLE-ÅKESSON", NameKind.PRIMARY),
        ("Jose NOELLE AKESSON", NameKind.ALIAS),
        ("Josef NOELLE", NameKind.ALIAS),
    ]
    assert person.names[0].title == "Mullah"
    assert person.birth_dates == (FuzzyDate("1960"), FuzzyDate("1961-07"))
    assert person.addresses == (Address("Kandahar, Afghanistan (previous address)", country="af"),)
    assert person.identifiers == (
        Identifier(
            IdType.PASSPORT,
            "OA000001",
            "af",
            "Passport Details",
            "OA000001 (Afghan). Issued on 1 June 1996",
        ),
        Identifier(IdType.NATIONAL_ID, "000111222", None, "NI Number", "Tazkira no. 000111222"),
    )
    assert charity.schema is Schema.ORGANIZATION
    assert charity.programs == ("Terrorism and Terrorist Financing",)


# Invented files: the spreadsheet form


def test_spreadsheet_reads_as_the_csv_does(invented: ParsedList, tmp_path: Path):
    workbook = _xlsx_from_csv(FIXTURES / "conlist-new.csv", tmp_path / "ConList.xlsx")
    assert _sniff(workbook) == "uk-ofsi"
    parsed = uk_ofsi.parse([workbook])
    assert parsed.as_of == "2030-05-17"
    assert parsed.entities == invented.entities


def test_damaged_spreadsheet_is_an_error(tmp_path: Path):
    workbook = _xlsx_from_csv(FIXTURES / "conlist-new.csv", tmp_path / "ConList.xlsx")
    damaged = tmp_path / "damaged.xlsx"
    damaged.write_bytes(workbook.read_bytes()[:3000])
    with pytest.raises(ParseError, match=r"damaged.xlsx: cannot read the spreadsheet"):
        uk_ofsi.parse([damaged])


# Bad input


def test_empty_file_is_an_error():
    with pytest.raises(ParseError, match=r"empty.csv: empty file"):
        uk_ofsi.parse([FIXTURES / "empty.csv"])


def test_row_cut_short_is_an_error():
    with pytest.raises(ParseError, match=r"truncated.csv: line 6: \d+ fields, expected 36"):
        uk_ofsi.parse([FIXTURES / "truncated.csv"])


def test_changed_columns_are_an_error():
    with pytest.raises(ParseError, match=r"changed-columns.csv: line 2: missing column.*Group ID"):
        uk_ofsi.parse([FIXTURES / "changed-columns.csv"])


def test_row_without_group_id_is_an_error():
    with pytest.raises(ParseError, match=r"missing-group-id.csv: line 4: field Group ID is empty"):
        uk_ofsi.parse([FIXTURES / "missing-group-id.csv"])


def test_other_formats_are_not_recognised_and_not_read():
    # The FCDO's UK Sanctions List CSV: "OFSI Group ID" and "Name type", not this format.
    assert _sniff(FIXTURES / "wrong-format.csv") is None
    with pytest.raises(ParseError, match=r"missing column.*not an OFSI ConList file"):
        uk_ofsi.parse([FIXTURES / "wrong-format.csv"])


def test_two_files_in_one_bundle_are_an_error():
    files = [FIXTURES / "conlist-new.csv", FIXTURES / "conlist-old.csv"]
    with pytest.raises(ParseError, match=r"expected one ConList file, got 2"):
        uk_ofsi.parse(files)


def test_unknown_column_is_a_warning(tmp_path: Path):
    lines = (FIXTURES / "conlist-new.csv").read_bytes().decode("utf-8").split("\r\n")
    lines[1] += ",Sanctions Imposed"
    lines[2:] = [line + ",Asset freeze" if line else line for line in lines[2:]]
    changed = tmp_path / "ConList.csv"
    changed.write_text("\r\n".join(lines), encoding="utf-8")
    parsed = uk_ofsi.parse([changed])
    assert len(parsed.entities) == 4
    assert parsed.warnings == [f"{changed}: line 2: unknown column 'Sanctions Imposed' ignored"]
