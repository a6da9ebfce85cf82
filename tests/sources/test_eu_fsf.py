"""The EU Financial Sanctions Files XML: what each element and attribute becomes."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from sanctio.errors import ParseError
from sanctio.model import Address, Entity, FuzzyDate, Identifier, IdType, Name, NameKind, Schema
from sanctio.sources import eu_fsf
from sanctio.sources._common import ParsedList

REAL = "eu/fsf-excerpt-2026-08-05.xml"
FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"


@pytest.fixture(scope="module")
def real(lists_dir: Path) -> ParsedList:
    return eu_fsf.parse([lists_dir / REAL])


@pytest.fixture(scope="module")
def real_by_id(real: ParsedList) -> dict[str, Entity]:
    return {entity.id: entity for entity in real.entities}


@pytest.fixture(scope="module")
def invented() -> ParsedList:
    return eu_fsf.parse([FIXTURES / "eu_fsf" / "full-sanctions-list.xml"])


@pytest.fixture(scope="module")
def invented_by_id(invented: ParsedList) -> dict[str, Entity]:
    return {entity.id: entity for entity in invented.entities}


def _name(entity: Entity, full: str) -> Name:
    return next(name for name in entity.names if name.full == full)


# The real excerpt


@pytest.mark.real_lists
def test_real_file_gives_one_entity_per_sanction_entity(real: ParsedList, lists_dir: Path):
    text = (lists_dir / REAL).read_text(encoding="utf-8")
    logical_ids = re.findall(r"<sanctionEntity [^>]*logicalId=\"(\d+)\"", text)
    assert len(logical_ids) == 5  # as the MANIFEST says
    assert [entity.id for entity in real.entities] == [f"eu-fsf:{i}" for i in logical_ids]
    assert real.as_of == "2026-08-05"
    assert real.warnings == []


@pytest.mark.real_lists
def test_real_primary_name_is_the_oldest_strong_latin_name(real_by_id: dict[str, Entity]):
    khalid = real_by_id["eu-fsf:191"]
    assert khalid.names[0] == Name(
        full="Khalid Sheikh MOHAMMED",
        first_name="Khalid Sheikh",
        last_name="MOHAMMED",
        lang="en",
    )
    assert [n.kind for n in khalid.names[1:]] == [NameKind.ALIAS] * 6
    assert khalid.programs == ("TERR",)
    assert khalid.gender == "male"
    assert khalid.birth_dates == (FuzzyDate("1965-04-14"), FuzzyDate("1964-03-01"))
    assert khalid.identifiers == (Identifier(IdType.PASSPORT, "488555", None, "National passport"),)
    assert real_by_id["eu-fsf:6177"].caption == "Ibrahim Hassan Tali Al-Asiri"


@pytest.mark.real_lists
def test_real_arabic_and_persian_names(real_by_id: dict[str, Entity]):
    parchin = real_by_id["eu-fsf:3822"]
    assert parchin.schema is Schema.ORGANIZATION
    assert parchin.caption == "Parchin Chemical Industries (PCI)"
    persian = _name(parchin, "صنایع شیمیایی پارچین")
    assert (persian.script, persian.lang, persian.kind) == ("Arab", "fa", NameKind.ALIAS)
    asiri = real_by_id["eu-fsf:6177"]
    arabic = [n for n in asiri.names if n.script == "Arab"]
    assert [(n.full, n.lang) for n in arabic] == [
        ("إبراهيم حسن طالع عسيري", "ar"),
        ("إبراهيم حسن طالع العسيري", "ar"),
    ]


@pytest.mark.real_lists
def test_real_low_quality_remarks_make_weak_aliases(real_by_id: dict[str, Entity]):
    asiri = real_by_id["eu-fsf:6177"]
    weak = [(n.full, n.qualifier) for n in asiri.names if n.kind is NameKind.WEAK]
    assert weak == [
        ("Abu-Salaah", "low quality alias"),
        ("Abosslah", "low quality alias"),
        ("Abu Saleh", "low quality aliias"),
    ]
    assert _name(asiri, "Ibrahim Hassan Al Asiri").qualifier == "good quality alias"
    assert asiri.remarks is not None and "Believed to be hiding in Yemen" in asiri.remarks


@pytest.mark.real_lists
def test_real_birth_dates_citizenship_and_documents(real_by_id: dict[str, Entity]):
    jan = real_by_id["eu-fsf:521"]
    assert jan.birth_dates == (FuzzyDate("1953", until="1958", circa=True),)
    assert jan.birth_places == (
        "Tirin Kot District, Uruzgan Province, AFGHANISTAN",
        "Kandahar province, AFGHANISTAN",
    )
    assert jan.citizenships == ("af",)
    assert jan.programs == ("AFG",)
    assert jan.listed_on == "2001-01-25"
    asiri = real_by_id["eu-fsf:6177"]
    assert asiri.birth_dates == (FuzzyDate("1982-04-18"), FuzzyDate("1982-04-19"))
    assert [(i.type, i.value, i.country) for i in asiri.identifiers] == [
        (IdType.NATIONAL_ID, "1028745097", "sa"),
        (IdType.PASSPORT, "F654645", "sa"),
    ]
    assert "known expired" in (asiri.identifiers[1].note or "")
    dorda = real_by_id["eu-fsf:6106"]
    assert dorda.identifiers[0].country == "ly"
    assert ("un_reference_number", "LYi.006") in dorda.properties


@pytest.mark.real_lists
def test_real_addresses_contacts_and_registration(real_by_id: dict[str, Entity]):
    parchin = real_by_id["eu-fsf:3822"]
    assert len(parchin.addresses) == 6
    assert parchin.addresses[0] == Address(
        full="Pasdaran Square, P.O. Box 16765/358, Tehran, IRAN (ISLAMIC REPUBLIC OF)",
        street="Pasdaran Square",
        city="Tehran",
        country="ir",
    )
    assert ("website", "http://icig.ir/") in parchin.properties
    assert ("address_note", "Factory") in parchin.properties
    assert parchin.identifiers[0].type is IdType.REGISTRATION
    assert parchin.identifiers[0].value == "892"


# Invented fixture: odd cases


def test_weak_names_primary_choice_and_parts(invented_by_id: dict[str, Entity]):
    person = invented_by_id["eu-fsf:90001"]
    assert person.names[0] == Name(
        full="Vladimir Petrovich KORNEEV",
        first_name="Vladimir",
        middle_name="Petrovich",
        last_name="KORNEEV",
        title="General",
        lang="en",
    )
    assert _name(person, "Volodya").kind is NameKind.WEAK  # strong="false"
    assert _name(person, "Vova K.").kind is NameKind.WEAK  # strong, but "low quality alias"
    assert _name(person, "Владимир Петрович Корнеев").script == "Cyrl"
    assert len(person.names) == 5  # the empty wholeName is dropped
    assert person.remarks == (
        "Invented test person.\nVladimir Petrovich KORNEEV: Believed to reside in an invented town."
    )
    assert ("position", "Deputy director of an invented agency") in person.properties


def test_birth_dates_in_every_form(invented_by_id: dict[str, Entity]):
    person = invented_by_id["eu-fsf:90001"]
    assert person.birth_dates == (
        FuzzyDate("1961-09-02"),
        FuzzyDate("1962-03"),
        FuzzyDate("1958", until="1960", circa=True),
    )
    assert ("date_of_birth", "1381 (ISLAMIC calendar)") in person.properties
    assert ("date_of_birth", "between 1958 and 1960") in person.properties
    assert person.birth_places == ("Tula, RUSSIAN FEDERATION",)
    assert person.citizenships == ("ru",)  # 00 is unknown


def test_identification_types_and_notes(invented_by_id: dict[str, Entity]):
    person = invented_by_id["eu-fsf:90001"]
    assert person.identifiers == (
        Identifier(
            IdType.PASSPORT,
            "71 0012345",
            "ru",
            "National passport",
            "issued 2012-05-06, valid to 2017-05-06, issued by FMS 771, known expired",
        ),
        Identifier(IdType.TAX_ID, "771234567890", "ru", "Fiscal Code", "INN"),
    )
    assert ("document", "National identification card, number not known") in person.properties
    company = invented_by_id["eu-fsf:90002"]
    assert [(i.type, i.value) for i in company.identifiers] == [
        (IdType.IMO, "9912345"),
        (IdType.SWIFT_BIC, "SSTSIRTH"),
        (IdType.OTHER, "A-1"),
    ]


def test_enterprise_names_contacts_and_references(invented_by_id: dict[str, Entity]):
    company = invented_by_id["eu-fsf:90002"]
    assert company.schema is Schema.ORGANIZATION
    assert company.caption == "Sea Star Shipping Company"  # Latin before an older Persian name
    assert company.addresses[0].full == (
        "Pier 4, P.O. Box 1234, Bandar Abbas, Hormozgan, IRAN (ISLAMIC REPUBLIC OF)"
    )
    for pair in [
        ("function", "Operates invented vessels"),
        ("website", "http://sea-star.example.invalid"),
        ("fax", "+98 76 000 000"),
        ("un_reference_number", "IRe.902"),
        ("designation_details", "UN designation:01/02/2010"),
        ("regulation", "267/2012 (OJ L88)"),
    ]:
        assert pair in company.properties
    assert company.listed_on is None
    person = invented_by_id["eu-fsf:90001"]
    assert person.programs == ("UKR", "RUS")
    assert ("email", "office@example.invalid") in person.properties


def test_unknown_subject_type_and_nameless_record(invented: ParsedList):
    by_id = {entity.id: entity for entity in invented.entities}
    assert by_id["eu-fsf:90003"].schema is Schema.UNKNOWN
    assert "eu-fsf:90004" not in by_id
    assert invented.warnings == [
        f"{FIXTURES / 'eu_fsf' / 'full-sanctions-list.xml'}: line 80: "
        "sanctionEntity 90004 has no name: skipped"
    ]
    assert invented.as_of == "2030-04-09"


# Recognition and bad input


def test_sniff_recognises_the_fsf_root_and_namespace():
    head = (FIXTURES / "eu_fsf" / "full-sanctions-list.xml").read_bytes()[:65536]
    assert eu_fsf.sniff(Path("content"), head) == "eu-fsf"
    for other in ("un_xml/consolidated.xml", "uk_fcdo/uk-sanctions-list.xml"):
        assert eu_fsf.sniff(Path("export.xml"), (FIXTURES / other).read_bytes()) is None
    assert eu_fsf.sniff(Path("export.xml"), b"<?xml version='1.0'?><export><other/>") is None


@pytest.mark.parametrize(
    ("fixture", "message"),
    [
        ("eu_fsf/empty.xml", "empty file"),
        ("eu_fsf/truncated.xml", "line 30: not well-formed XML"),
        ("eu_fsf/no-logical-id.xml", "line 53: sanctionEntity has no logicalId"),
        ("un_xml/consolidated.xml", "root element is <CONSOLIDATED_LIST>, expected <export>"),
        ("uk_fcdo/uk-sanctions-list.xml", "root element is <Designations>, expected <export>"),
    ],
)
def test_bad_input_is_a_parse_error_naming_file_and_place(fixture: str, message: str):
    path = FIXTURES / fixture
    with pytest.raises(ParseError, match=re.escape(message)) as error:
        eu_fsf.parse([path])
    assert str(path) in str(error.value)


def test_a_file_without_records_is_an_error(tmp_path: Path):
    path = tmp_path / "export.xml"
    path.write_text('<export xmlns="http://eu.europa.ec/fpi/fsd/export" generationDate="x"/>')
    with pytest.raises(ParseError, match="no sanctionEntity records"):
        eu_fsf.parse([path])
