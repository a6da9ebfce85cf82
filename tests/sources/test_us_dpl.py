"""The BIS Denied Persons List (tab-separated): ids, grouping of a party's rows, fields."""

from __future__ import annotations

import csv
import hashlib
from pathlib import Path

import pytest

from sanctio.errors import ParseError
from sanctio.model import Address, Entity, NameKind, Schema
from sanctio.sources import us_dpl
from sanctio.sources._common import ParsedList

REAL = "us-bis/dpl-2023-11.txt"
FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "us_dpl"


def _sniff(path: Path) -> str | None:
    return us_dpl.sniff(path, path.read_bytes()[:65536])


def _by_caption(parsed: ParsedList) -> dict[str, Entity]:
    return {entity.caption: entity for entity in parsed.entities}


def _properties(entity: Entity, key: str) -> list[str]:
    return [value for k, value in entity.properties if k == key]


def test_id_is_sha1_of_the_normalised_name():
    digest = hashlib.sha1(b"AIR FREIGHT LTD").hexdigest()[:12]
    assert us_dpl.entity_id("AIR FREIGHT LTD") == f"us-dpl:{digest}"
    assert us_dpl.entity_id("  air  freight ltd ") == f"us-dpl:{digest}"
    assert us_dpl.entity_id("AIR-FREIGHT LTD") != f"us-dpl:{digest}"


# The real file


@pytest.fixture(scope="module")
def real(lists_dir: Path) -> ParsedList:
    return us_dpl.parse([lists_dir / REAL])


@pytest.fixture(scope="module")
def real_rows(lists_dir: Path) -> list[list[str]]:
    with (lists_dir / REAL).open(encoding="utf-8", newline="") as stream:
        return list(csv.reader(stream, delimiter="\t"))[1:]


@pytest.mark.real_lists
def test_real_file_gives_one_entity_per_party_name(real: ParsedList, real_rows: list[list[str]]):
    assert len(real_rows) == 665  # as the MANIFEST says
    names = {" ".join(row[0].split()).upper() for row in real_rows}
    assert len(names) == 545
    assert sorted(e.id for e in real.entities) == sorted(us_dpl.entity_id(n) for n in names)
    assert len({e.id for e in real.entities}) == 545  # no two names share an id
    assert (real.source, real.format, real.as_of) == ("us-dpl", "us-dpl", None)


@pytest.mark.real_lists
def test_real_repeated_rows_and_parties_under_two_orders_are_reported(real: ParsedList):
    repeats = [w for w in real.warnings if "repeats line" in w]
    assert len(repeats) == 2  # DAQING ZHOU and NEI-CHIEN CHU, each listed twice verbatim
    two_orders = [w for w in real.warnings if "orders" in w]
    assert len(two_orders) == 2
    assert "'I. ASH' is listed under 2 orders" in two_orders[0]


@pytest.mark.real_lists
def test_real_party_with_four_addresses(real: ParsedList):
    party = _by_caption(real)["AIR FREIGHT LTD"]
    assert party.id == us_dpl.entity_id("AIR FREIGHT LTD")
    assert party.schema is Schema.UNKNOWN
    assert party.programs == ("DPL",)
    assert [a.city for a in party.addresses] == ["BAGHDAD", "BAGHDAD", "DUBAI", "AMMAN"]
    assert [a.country for a in party.addresses] == ["iq", "iq", "ae", "jo"]
    assert party.listed_on == "2023-10-31"
    assert _properties(party, "expiration_date") == ["2024-10-30"]


@pytest.mark.real_lists
def test_real_us_address_without_country(real: ParsedList):
    person = _by_caption(real)["AARON ABRAHAM VILLA"]
    assert person.addresses == (
        Address(
            "3415 RIVERA AVENUE, EL PASO, TX, 79905",
            street="3415 RIVERA AVENUE",
            city="EL PASO",
            region="TX",
            postal_code="79905",
            country="us",
        ),
    )
    assert person.listed_on == "2022-08-24"
    assert _properties(person, "fr_citation") == ["87 F.R. 52741 8/29/2022"]


@pytest.mark.real_lists
def test_real_file_is_recognised(lists_dir: Path):
    assert _sniff(lists_dir / REAL) == "us-dpl"
    assert _sniff(lists_dir / "us-csl/consolidated-2022-05.csv.gz") is None


# Invented files


@pytest.fixture(scope="module")
def invented() -> ParsedList:
    return us_dpl.parse([FIXTURES / "dpl.txt"])


def test_rows_of_one_party_are_one_entity_with_each_address(invented: ParsedList):
    assert [e.caption for e in invented.entities] == [
        "EXAMPLE FREIGHT LTD",
        "A. EXAMPLEMAN",
        "BO EXAMPLESSON",
        "EXAMPLE-FREIGHT LIMITED",  # another spelling: the file's own entry
    ]
    company = invented.entities[0]
    assert company.id == us_dpl.entity_id("EXAMPLE FREIGHT LTD")
    assert company.names[0].kind is NameKind.PRIMARY
    assert company.addresses == (
        Address("P.O. BOX 1000, DUBAI, AE", street="P.O. BOX 1000", city="DUBAI", country="ae"),
        Address(
            "1 EXAMPLE STREET, BAGHDAD, IQ", street="1 EXAMPLE STREET", city="BAGHDAD", country="iq"
        ),
        Address(
            "P.O. BOX 2000, AMMAN, 11100, JO",
            street="P.O. BOX 2000",
            city="AMMAN",
            postal_code="11100",
            country="jo",
        ),
    )
    assert _properties(company, "last_update") == ["2030-11-01", "2030-11-02"]


def test_party_under_two_orders_keeps_both_dates(invented: ParsedList):
    person = _by_caption(invented)["A. EXAMPLEMAN"]
    assert person.listed_on == "2012-03-04"
    assert _properties(person, "effective_date") == ["2012-03-04", "2013-06-19"]
    assert _properties(person, "expiration_date") == ["2062-03-04", "2063-06-29"]
    assert [a.country for a in person.addresses] == ["us", "us"]
    assert any("'A. EXAMPLEMAN' is listed under 2 orders" in w for w in invented.warnings)


def test_exact_repeat_of_a_row_is_read_once_and_reported(invented: ParsedList):
    person = _by_caption(invented)["BO EXAMPLESSON"]
    assert len(person.addresses) == 1
    assert f"{FIXTURES / 'dpl.txt'}: line 8 repeats line 7: read once" in invented.warnings


def test_order_fields_become_properties(invented: ParsedList):
    person = _by_caption(invented)["BO EXAMPLESSON"]
    assert person.properties == (
        ("effective_date", "2026-11-09"),
        ("expiration_date", "2036-11-09"),
        ("standard_order", "Y"),
        ("last_update", "2026-11-09"),
        ("action", "10 YEAR DENIAL"),
        ("fr_citation", "91 F.R. 300 11/9/26"),
    )


# Bad input


def test_empty_file_is_an_error():
    with pytest.raises(ParseError, match=r"empty.txt: empty file"):
        us_dpl.parse([FIXTURES / "empty.txt"])


def test_row_cut_short_is_an_error():
    with pytest.raises(ParseError, match=r"truncated.txt: line 5: 5 fields, expected 12"):
        us_dpl.parse([FIXTURES / "truncated.txt"])


def test_changed_columns_are_an_error():
    assert _sniff(FIXTURES / "changed-columns.txt") is None
    with pytest.raises(
        ParseError, match=r"changed-columns.txt: line 1: missing column.*FR_Citation"
    ):
        us_dpl.parse([FIXTURES / "changed-columns.txt"])


def test_row_without_name_is_an_error():
    with pytest.raises(ParseError, match=r"no-name.txt: line 3: field Name is empty"):
        us_dpl.parse([FIXTURES / "no-name.txt"])


def test_other_formats_are_not_read():
    assert _sniff(FIXTURES / "wrong-format.txt") is None
    with pytest.raises(ParseError, match=r"not the BIS Denied Persons List"):
        us_dpl.parse([FIXTURES / "wrong-format.txt"])
