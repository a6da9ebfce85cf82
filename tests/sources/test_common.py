"""What the parsers share: the entity draft, and reading XML text."""

from __future__ import annotations

import csv
import io
from pathlib import Path
from typing import Any

import pytest
from lxml import etree

from sanctio.errors import ParseError
from sanctio.model import (
    Address,
    FuzzyDate,
    Identifier,
    IdType,
    Name,
    NameKind,
    Relationship,
    RelationshipKind,
    Schema,
)
from sanctio.sources._common import (
    EntityDraft,
    ParsedList,
    csv_records,
    filled_rows,
    join_present,
    slugify,
    xml_text,
    xml_texts,
)


def _draft() -> EntityDraft:
    return EntityDraft(id="test:1", source="test", schema=Schema.PERSON)


def test_a_draft_builds_an_entity_with_each_value_once_in_the_order_added() -> None:
    draft = _draft()
    draft.add_names(Name("Ivan Petrov"), Name("Ivan Petroff", NameKind.ALIAS), Name("Ivan Petrov"))
    draft.add_programs("RUSSIA", "UKRAINE", "RUSSIA")
    draft.add_birth_dates(FuzzyDate("1970"), FuzzyDate("1970-05-01"), FuzzyDate("1970"))
    draft.add_birth_places("Moscow", "Moscow")
    draft.add_nationalities("ru", "ru")
    draft.add_citizenships("cy", "ru", "cy")
    draft.add_countries("ae", "ae")
    draft.add_addresses(Address("Moscow"), Address("Moscow"))
    draft.add_identifiers(
        Identifier(IdType.PASSPORT, "123"), Identifier(IdType.PASSPORT, "123", label="Passport")
    )
    link = Relationship(RelationshipKind.ASSOCIATE, target_name="Petr Ivanov")
    draft.add_relationships(link, link)
    draft.add_property("title", "Dr", "Dr")
    draft.add_property("position", "Director")

    entity = draft.build()

    assert entity.id == "test:1" and entity.source == "test" and entity.schema is Schema.PERSON
    assert [n.full for n in entity.names] == ["Ivan Petrov", "Ivan Petroff"]
    assert entity.programs == ("RUSSIA", "UKRAINE")
    assert entity.birth_dates == (FuzzyDate("1970"), FuzzyDate("1970-05-01"))
    assert entity.birth_places == ("Moscow",)
    assert entity.nationalities == ("ru",)
    assert entity.citizenships == ("cy", "ru")
    assert entity.countries == ("ae",)
    assert entity.addresses == (Address("Moscow"),)
    assert len(entity.identifiers) == 2  # the label makes them different records
    assert entity.relationships == (link,)
    assert entity.properties == (("title", "Dr"), ("position", "Director"))


def test_none_values_are_skipped_so_parsers_can_add_what_they_could_not_read() -> None:
    draft = _draft()
    draft.add_names(None, Name("Ivan Petrov"))
    draft.add_birth_dates(None)
    draft.add_nationalities(None)
    draft.add_addresses(None)
    draft.add_property("title", None)
    draft.add_remarks(None)
    draft.add_listed(None)

    entity = draft.build()

    assert entity.birth_dates == () and entity.nationalities == () and entity.addresses == ()
    assert entity.properties == () and entity.remarks is None and entity.listed_on is None


def test_the_entity_is_listed_on_the_earliest_listing_date() -> None:
    draft = _draft()
    draft.add_names(Name("Ivan Petrov"))
    draft.add_listed("2022-03-15", "2014-07", "2019-01-01")

    assert draft.build().listed_on == "2014-07"


def test_remarks_are_joined_once_each_by_the_drafts_separator() -> None:
    draft = _draft()
    draft.add_names(Name("Ivan Petrov"))
    draft.add_remarks("Born in Moscow.", "Director of X.", "Born in Moscow.")

    assert draft.build().remarks == "Born in Moscow.\nDirector of X."


@pytest.mark.parametrize("text", ["male", "Male", "FEMALE"])
def test_a_gender_is_kept_when_male_or_female_in_any_case(text: str) -> None:
    draft = _draft()

    assert draft.add_gender(text)
    assert draft.gender == text.lower()


@pytest.mark.parametrize("text", [None, "", "unknown", "m"])
def test_any_other_gender_text_is_refused_and_leaves_the_gender_unset(text: str | None) -> None:
    draft = _draft()

    assert not draft.add_gender(text)
    assert draft.gender is None


def test_the_first_stated_gender_is_kept() -> None:
    draft = _draft()
    draft.add_gender("female")
    draft.add_gender("male")

    assert draft.gender == "female"


def test_a_draft_without_a_name_cannot_be_built() -> None:
    with pytest.raises(ValueError, match="no name"):
        _draft().build()


_RECORD = etree.fromstring(
    "<R><NAME>  Ivan \n Petrov </NAME><EMPTY> </EMPTY>"
    "<TITLE><V>Dr</V><V></V><V> Prof </V></TITLE></R>"
)


def test_xml_text_is_the_first_elements_cleaned_text_or_none() -> None:
    assert xml_text(_RECORD, "NAME") == "Ivan Petrov"
    assert xml_text(_RECORD, "EMPTY") is None
    assert xml_text(_RECORD, "MISSING") is None


def test_xml_texts_are_every_elements_cleaned_text_empty_ones_dropped() -> None:
    assert xml_texts(_RECORD, "TITLE/V") == ["Dr", "Prof"]
    assert xml_texts(_RECORD, "MISSING") == []


def test_join_present_joins_the_parts_that_are_there() -> None:
    assert join_present("Main St", None, "", "Kabul") == "Main St, Kabul"
    assert join_present("Ivan", "Petrov", separator=" ") == "Ivan Petrov"
    assert join_present(None, "") is None


_PATH = Path("list.csv")


def _records(text: str, **options: Any) -> list[tuple[int, list[str]]]:
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    return list(csv_records(_PATH, reader, **options))


def test_csv_records_number_each_record_by_its_last_line_from_a_first_line() -> None:
    assert _records('a,b\n"x\ny",z\n', first_line=2) == [(3, ["a", "b"]), (5, ["x\ny", "z"])]


def test_a_quoted_field_left_open_is_a_parse_error_naming_the_line_and_the_hint() -> None:
    with pytest.raises(ParseError, match=r"list\.csv: line 2: .* \(a truncated file\?\)$"):
        _records('a,b\n"x,y\n', hint="(a truncated file?)")


def test_filled_rows_skip_blank_rows_and_keep_the_rest() -> None:
    rows = [(1, ["a", "b"]), (2, ["", " "]), (3, ["c", "d"])]

    assert list(filled_rows(_PATH, rows, 2)) == [(1, ["a", "b"]), (3, ["c", "d"])]


def test_a_row_of_another_width_is_a_parse_error_naming_the_line() -> None:
    rows = [(1, ["a", "b"]), (7, ["c"])]

    with pytest.raises(
        ParseError,
        match=r"list\.csv: line 7: 1 fields, expected 2 \(a truncated file or a changed layout\)",
    ):
        list(filled_rows(_PATH, rows, 2))


def test_a_parsed_list_keeps_entities_and_warns_of_records_without_a_name() -> None:
    parsed = ParsedList(source="test", format="test", entities=[], files=[_PATH])
    draft = _draft()
    draft.add_names(Name("Ivan Petrov"))

    parsed.add(draft.build(), "list.csv: line 2: record 1")
    parsed.add(None, "list.csv: line 3: record 2")

    assert [e.id for e in parsed.entities] == ["test:1"]
    assert parsed.warnings == ["list.csv: line 3: record 2 has no name: skipped"]


@pytest.mark.parametrize(
    ("text", "separator", "expected"),
    [
        ("Secondary sanctions risk:", "_", "secondary_sanctions_risk"),
        ("Listing Date (EO 14024 Directive 1a)", "_", "listing_date_eo_14024_directive_1a"),
        ("Watch List (EU desk)", "-", "watch-list-eu-desk"),
        ("  __ ", "-", ""),
    ],
)
def test_slugify_keeps_lower_case_letters_and_digits_joined_by_the_separator(
    text: str, separator: str, expected: str
) -> None:
    assert slugify(text, separator) == expected
