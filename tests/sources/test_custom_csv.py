"""Sanctio's custom CSV for a firm's own block lists: the documented format, and its errors."""

from __future__ import annotations

from pathlib import Path

import pytest

from sanctio.errors import ParseError
from sanctio.model import Address, FuzzyDate, Identifier, IdType, Name, NameKind, Schema
from sanctio.sources import custom_csv

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "custom_csv"
SAMPLE = FIXTURES / "acme-blocklist.csv"


def _sniff(path: Path) -> str | None:
    return custom_csv.sniff(path, path.read_bytes()[:65536])


def test_list_name_becomes_a_slug():
    assert custom_csv.slug("Acme Blocklist") == "acme-blocklist"
    assert custom_csv.slug("Watch List (EU desk)") == "watch-list-eu-desk"
    assert custom_csv.slug("  __ ") == ""


# The sample


def test_sample_is_named_and_dated_by_its_comment_lines():
    assert _sniff(SAMPLE) == "custom-acme-blocklist"
    parsed = custom_csv.parse([SAMPLE])
    assert (parsed.source, parsed.format, parsed.as_of) == (
        "custom-acme-blocklist",
        "custom-csv",
        "2026-05-01",
    )
    assert [e.id for e in parsed.entities] == [
        "custom-acme-blocklist:C-001",
        "custom-acme-blocklist:C-002",
        "custom-acme-blocklist:C-003",
        "custom-acme-blocklist:V-001",
    ]
    assert [e.schema for e in parsed.entities] == [
        Schema.PERSON,
        Schema.ORGANIZATION,
        Schema.PERSON,
        Schema.VESSEL,
    ]


def test_sample_person_every_column():
    person = custom_csv.parse([SAMPLE]).entities[0]
    assert person.names == (
        Name(
            "Jonathan Quillfeather",
            NameKind.PRIMARY,
            first_name="Jonathan",
            last_name="Quillfeather",
        ),
        Name("Jon Quillfeather", NameKind.ALIAS),
        Name("J. Quillfeather", NameKind.ALIAS),
        Name("Quill", NameKind.WEAK),
    )
    assert person.birth_dates == (FuzzyDate("1970-02-03"), FuzzyDate("1971"))
    assert person.birth_places == ("Port Example",)
    assert person.gender == "male"
    assert person.nationalities == ("gb", "ie")  # a code and a country name
    assert person.addresses == (Address("12 Example Road, Exampleton"),)
    assert person.identifiers == (
        Identifier(IdType.PASSPORT, "123456789", "gb", "passport"),
        Identifier(IdType.NATIONAL_ID, "QX 12 34 56 A", None, "national_id"),
    )
    assert person.programs == ("FRAUD", "CHARGEBACK")
    assert person.listed_on == "2024-01-15"
    assert person.remarks == "Refunds abused, twice"
    assert person.properties == (("case_ref", "CASE-17"),)


def test_sample_quoted_name_value_with_colons_and_month_date():
    company = custom_csv.parse([SAMPLE]).entities[1]
    assert company.caption == "Brightwater Trading, LLC"
    assert company.countries == ("ae", "cy")
    assert company.identifiers == (
        Identifier(IdType.REGISTRATION, "HRB 998877", "de", "registration"),
        Identifier(IdType.CRYPTO_WALLET, "bitcoincash:qq9examplewallet", None, "crypto_wallet"),
    )
    assert company.listed_on == "2024-02"


def test_sample_non_latin_primary_name_gets_its_script():
    person = custom_csv.parse([SAMPLE]).entities[2]
    assert (person.names[0].full, person.names[0].script) == ("Иван Примеров", "Cyrl")
    assert person.names[1].script is None


def test_without_list_line_the_file_names_the_list():
    path = FIXTURES / "Watch List (EU desk).csv"
    assert _sniff(path) == "custom-watch-list-eu-desk"
    parsed = custom_csv.parse([path])
    assert parsed.as_of is None
    (entity,) = parsed.entities
    assert (entity.id, entity.schema) == ("custom-watch-list-eu-desk:W-1", Schema.ORGANIZATION)
    assert entity.properties == (("desk", "Zurich"),)


def test_other_csv_files_are_not_recognised():
    assert _sniff(FIXTURES / "not-this-format.csv") is None
    assert _sniff(FIXTURES.parent / "us_csl" / "consolidated.csv") is None
    assert _sniff(FIXTURES.parent / "uk_ofsi" / "conlist-new.csv") is None
    # A file that says it is a custom list is claimed, so that its errors are shown.
    assert _sniff(FIXTURES / "missing-column.csv") == "custom-broken"


def test_two_files_of_one_list_are_read_together(tmp_path: Path):
    more = tmp_path / "more.csv"
    more.write_text("# sanctio-list: Acme Blocklist\nid,name,schema\nC-900,Example Nine,person\n")
    parsed = custom_csv.parse([SAMPLE, more])
    assert len(parsed.entities) == 5
    assert parsed.entities[-1].id == "custom-acme-blocklist:C-900"


# Errors: each names the file, the line and the field


@pytest.mark.parametrize(
    ("fixture", "message"),
    [
        ("empty.csv", "empty.csv: empty file"),
        ("missing-column.csv", "missing-column.csv: line 2: missing required column.*schema"),
        ("unknown-column.csv", "unknown-column.csv: line 2: unknown column 'alias'"),
        (
            "unknown-schema.csv",
            "unknown-schema.csv: line 4: field schema: unknown schema 'robot'",
        ),
        ("bad-date.csv", "bad-date.csv: line 3: field birth_date: malformed date '1970-02-30'"),
        (
            "duplicate-id.csv",
            r"duplicate-id.csv: line 5: field id: 'C-1' is used twice \(first at .*: line 3\)",
        ),
        ("truncated.csv", "truncated.csv: line 4: .*unclosed quote"),
        ("cut-row.csv", "cut-row.csv: line 4: 2 fields, expected 6"),
        (
            "bad-identifier.csv",
            "bad-identifier.csv: line 3: field identifiers: unknown identifier type 'licence'",
        ),
        ("bad-country.csv", "bad-country.csv: line 3: field nationality: unknown country"),
    ],
)
def test_bad_input_is_an_error_naming_line_and_field(fixture: str, message: str):
    with pytest.raises(ParseError, match=message):
        custom_csv.parse([FIXTURES / fixture])


def test_same_id_in_two_files_is_an_error(tmp_path: Path):
    copy = tmp_path / "copy.csv"
    copy.write_bytes(SAMPLE.read_bytes())
    with pytest.raises(ParseError, match=r"'C-001' is used twice"):
        custom_csv.parse([SAMPLE, copy])


def test_not_utf8_is_an_error(tmp_path: Path):
    latin = tmp_path / "latin.csv"
    latin.write_bytes("id,name,schema\nC-1,José Example,person\n".encode("cp1252"))
    with pytest.raises(ParseError, match=r"latin.csv: line 2: not UTF-8"):
        custom_csv.parse([latin])
