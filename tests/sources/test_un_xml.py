"""The UN Security Council Consolidated List XML: what each element becomes."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest

from sanctio.errors import ParseError
from sanctio.model import Entity, FuzzyDate, Identifier, IdType, Name, NameKind, Schema
from sanctio.sources import un_xml
from sanctio.sources._common import ParsedList

REAL = "un/consolidated-2026-02-27.xml"
FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"


@pytest.fixture(scope="module")
def real(lists_dir: Path) -> ParsedList:
    return un_xml.parse([lists_dir / REAL])


@pytest.fixture(scope="module")
def real_text(lists_dir: Path) -> str:
    return (lists_dir / REAL).read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def real_by_id(real: ParsedList) -> dict[str, Entity]:
    return {entity.id: entity for entity in real.entities}


@pytest.fixture(scope="module")
def invented() -> dict[str, Entity]:
    parsed = un_xml.parse([FIXTURES / "un_xml" / "consolidated.xml"])
    assert parsed.as_of == "2030-05-17"
    return {entity.id: entity for entity in parsed.entities}


def _names(entity: Entity, kind: NameKind) -> list[str]:
    return [name.full for name in entity.names if name.kind is kind]


# The real file


@pytest.mark.real_lists
def test_real_file_gives_one_entity_per_individual_and_entity(real: ParsedList, real_text: str):
    individuals = len(re.findall(r"<INDIVIDUAL>", real_text))
    entities = len(re.findall(r"<ENTITY>", real_text))
    assert (individuals, entities) == (730, 273)  # as the MANIFEST says
    references = re.findall(r"<REFERENCE_NUMBER>\s*([^<]+?)\s*</REFERENCE_NUMBER>", real_text)
    assert sorted(entity.id for entity in real.entities) == sorted(f"un:{r}" for r in references)
    assert Counter(entity.schema for entity in real.entities) == {
        Schema.PERSON: 730,
        Schema.ORGANIZATION: 273,
    }


@pytest.mark.real_lists
def test_real_file_is_dated_by_its_generation_date(real: ParsedList):
    assert real.as_of == "2026-02-27"
    assert (real.source, real.format) == ("un", "un-xml")


@pytest.mark.real_lists
def test_real_programmes_are_the_un_list_types(real: ParsedList, real_text: str):
    list_types = Counter(re.findall(r"<UN_LIST_TYPE>([^<]+)</UN_LIST_TYPE>", real_text))
    assert Counter(p for entity in real.entities for p in entity.programs) == list_types
    assert list_types["Al-Qaida"] == 341


@pytest.mark.real_lists
def test_real_low_quality_aliases_are_weak(real: ParsedList, real_text: str):
    low = re.findall(
        r"<QUALITY>(?:Low|Very Low)</QUALITY>\s*<ALIAS_NAME>[^<]+</ALIAS_NAME>", real_text
    )
    weak = [n for entity in real.entities for n in entity.names if n.kind is NameKind.WEAK]
    assert len(weak) == len(low) == 615


@pytest.mark.real_lists
def test_real_original_script_names_keep_their_script(real: ParsedList, real_text: str):
    fields = re.findall(r"<NAME_ORIGINAL_SCRIPT>([^<]+)</NAME_ORIGINAL_SCRIPT>", real_text)
    originals = [n for entity in real.entities for n in entity.names if n.original_script]
    assert len(originals) == len([f for f in fields if f.strip()]) == 378
    scripts = Counter(name.script for name in originals)
    assert scripts["Arab"] > 300 and scripts["Cyrl"] >= 10
    assert scripts[None] == 1  # JAMAAH ANSHARUT DAULAH, written in Latin letters


@pytest.mark.real_lists
def test_real_saddam_hussein(real_by_id: dict[str, Entity]):
    saddam = real_by_id["un:IQi.001"]
    assert saddam.schema is Schema.PERSON
    assert saddam.names[0] == Name(
        full="SADDAM HUSSEIN AL-TIKRITI",
        first_name="SADDAM",
        father_name="HUSSEIN",
        last_name="AL-TIKRITI",
    )
    assert (
        Name(full="صدام حسين التكريتي", kind=NameKind.ALIAS, script="Arab", original_script=True)
        in saddam.names
    )
    assert _names(saddam, NameKind.WEAK) == ["Abu Ali"]
    assert saddam.birth_dates == (FuzzyDate("1937-04-28"),)
    assert saddam.birth_places == ("al-Awja, near Tikrit, Iraq",)
    assert saddam.nationalities == ("iq",)
    assert saddam.programs == ("Iraq",)
    assert saddam.listed_on == "2003-06-27"


@pytest.mark.real_lists
def test_real_cyrillic_original_name(real_by_id: dict[str, Entity]):
    umarov = real_by_id["un:QDi.290"]
    assert umarov.caption == "DOKU KHAMATOVICH UMAROV"
    assert umarov.names[0].father_name == "KHAMATOVICH"
    original = [n for n in umarov.names if n.original_script]
    assert [(n.full, n.script) for n in original] == [("Умаров Доку Хаматович", "Cyrl")]


@pytest.mark.real_lists
def test_real_dprk_names_put_the_family_name_first(real_by_id: dict[str, Entity]):
    yun = real_by_id["un:KPi.001"]
    assert (yun.caption, yun.names[0].first_name, yun.names[0].last_name) == (
        "YUN HO-JIN",
        "HO-JIN",
        "YUN",
    )
    assert yun.nationalities == ("kp",)


@pytest.mark.real_lists
def test_real_entity_with_aliases(real_by_id: dict[str, Entity]):
    al_qaida = real_by_id["un:QDe.004"]
    assert al_qaida.schema is Schema.ORGANIZATION
    assert al_qaida.caption == "AL-QAIDA"
    assert Name(full="Al Qaeda", kind=NameKind.ALIAS, qualifier="a.k.a.") in al_qaida.names
    assert "القاعدة" in [n.full for n in al_qaida.names if n.original_script]
    assert al_qaida.listed_on == "2001-10-06"


@pytest.mark.real_lists
def test_real_passport_and_dates(real_by_id: dict[str, Entity]):
    ngabu = real_by_id["un:CDi.021"]
    passport = next(i for i in ngabu.identifiers if i.value == "OB 0243318")
    assert (passport.type, passport.country) == (IdType.PASSPORT, "cd")
    assert real_by_id["un:CDi.030"].birth_dates == (FuzzyDate("1973", until="1974"),)
    assert FuzzyDate("1966", circa=True) in real_by_id["un:CDi.014"].birth_dates


# Invented fixtures: odd cases


def test_four_part_name_gives_father_and_grandfather(invented: dict[str, Entity]):
    person = invented["un:QDi.901"]
    assert person.names[0] == Name(
        full="ZARIF OMRAN BASIL AL-QUDRANI",
        first_name="ZARIF",
        father_name="OMRAN",
        middle_name="BASIL",
        last_name="AL-QUDRANI",
    )


def test_several_original_script_names_in_one_field(invented: dict[str, Entity]):
    originals = [n for n in invented["un:QDi.901"].names if n.original_script]
    assert [(n.full, n.script, n.kind) for n in originals] == [
        ("زريف عمران باسل القدراني", "Arab", NameKind.ALIAS),
        ("Зариф Кудрани", "Cyrl", NameKind.ALIAS),
    ]


def test_alias_qualities(invented: dict[str, Entity]):
    names = {n.full: (n.kind, n.qualifier) for n in invented["un:QDi.901"].names}
    assert names["Zarif al-Qudrani"] == (NameKind.ALIAS, "Good")
    assert names["Abu Zarif"] == (NameKind.WEAK, "Low")
    assert names["The Quiet One"] == (NameKind.WEAK, "Very Low")
    assert len(names) == 6  # the empty alias is dropped
    entity = invented["un:IRe.901"]
    assert [(n.full, n.qualifier) for n in entity.names if n.kind is NameKind.ALIAS][-2:] == [
        ("NLTC", "a.k.a."),
        ("Lantern Export Bureau", "f.k.a."),
    ]
    assert ("alias_note", "Lantern Export Bureau: formerly listed as") in entity.properties


def test_every_kind_of_birth_date(invented: dict[str, Entity]):
    person = invented["un:QDi.901"]
    assert person.birth_dates == (
        FuzzyDate("1970-01-15"),
        FuzzyDate("1968", circa=True),
        FuzzyDate("1965", until="1967"),
        FuzzyDate("1973-11"),  # written only in the note
        FuzzyDate("1971-02-03"),  # given with an alias
    )
    assert ("date_of_birth", "30-35 years old") in person.properties
    assert person.birth_places == ("Mukalla, Hadramawt, Yemen", "Aden, Yemen")


def test_birth_date_notes(invented: dict[str, Entity]):
    person = invented["un:KPi.901"]
    assert person.birth_dates == (
        FuzzyDate("1955", until="1958", circa=True),  # NOTE "Approximately"
        FuzzyDate("1959-09"),  # YEAR 1959, NOTE "Sep."
        FuzzyDate("1960-03-03"),
    )
    assert person.properties == (("date_of_birth", "1960-03-03: from false passport"),)
    assert person.birth_places == ("Sinuiju, possibly",)


def test_documents(invented: dict[str, Entity]):
    person = invented["un:QDi.901"]
    assert person.identifiers == (
        Identifier(
            IdType.PASSPORT, "Z 0012345", "ye", "Passport", "issued 2010-06-11 in Aden, Expired"
        ),
        Identifier(IdType.TAX_ID, "QDRZRF70A15Z999X", "it", "Italian Fiscal Code:"),
        Identifier(IdType.OTHER, "77123", None, "Ration card number:"),
        Identifier(IdType.PASSPORT, "F998877", None, "Numéro de passeport"),
    )
    assert (
        "document",
        "Passport, Yemeni passport number 445566, issued under name Zarif Omran",
    ) in person.properties


def test_nationality_that_is_no_country_is_kept_as_a_property(invented: dict[str, Entity]):
    person = invented["un:QDi.901"]
    assert person.nationalities == ("ye",)
    assert ("nationality", "na") in person.properties


def test_other_fields(invented: dict[str, Entity]):
    person = invented["un:QDi.901"]
    assert person.gender == "male"
    assert invented["un:TAi.901"].gender == "female"
    assert person.listed_on == "2011-03-04"
    assert person.remarks == "Invented test person. Photo available."
    assert len(person.addresses) == 1
    assert person.addresses[0].full == "12 Invented Street, Sana'a, Yemen"
    assert person.addresses[0].country == "ye"
    for pair in [
        ("title", "Dr."),
        ("position", "Financier of an invented group"),
        ("position", "Courier"),
        ("address_note", "as of 2019"),
        ("last_updated", "2019-07-08"),
    ]:
        assert pair in person.properties


def test_dprk_and_one_field_names(invented: dict[str, Entity]):
    assert invented["un:KPi.901"].names[0] == Name(
        full="PAK SO-RIM", first_name="SO-RIM", last_name="PAK"
    )
    assert invented["un:TAi.901"].names[0] == Name(full="GUL RAHMAN TAHIRI")
    assert invented["un:IRe.901"].names[0] == Name(full="NORTHERN LANTERN TRADING COMPANY")


# Recognition and bad input


def test_sniff_recognises_the_un_list_by_its_root_element():
    head = (FIXTURES / "un_xml" / "consolidated.xml").read_bytes()[:65536]
    assert un_xml.sniff(Path("anything.xml"), head) == "un"
    for other in ("eu_fsf/full-sanctions-list.xml", "uk_fcdo/uk-sanctions-list.xml"):
        assert un_xml.sniff(Path("consolidated.xml"), (FIXTURES / other).read_bytes()) is None
    assert un_xml.sniff(Path("consolidated.xml"), b"a,b,c\n1,2,3\n") is None


@pytest.mark.parametrize(
    ("fixture", "message"),
    [
        ("un_xml/empty.xml", "empty file"),
        ("un_xml/truncated.xml", "line 39: not well-formed XML"),
        ("un_xml/no-reference-number.xml", "line 124: <INDIVIDUAL> (DATAID 9000002) has no"),
        ("un_xml/renamed-records.xml", "no INDIVIDUAL or ENTITY records"),
        ("eu_fsf/full-sanctions-list.xml", "root element is <export>, expected"),
        ("uk_fcdo/uk-sanctions-list.xml", "root element is <Designations>, expected"),
    ],
)
def test_bad_input_is_a_parse_error_naming_file_and_place(fixture: str, message: str):
    path = FIXTURES / fixture
    with pytest.raises(ParseError, match=re.escape(message)) as error:
        un_xml.parse([path])
    assert str(path) in str(error.value)


def test_one_file_only():
    path = FIXTURES / "un_xml" / "consolidated.xml"
    with pytest.raises(ParseError, match="expected one XML file, got 2"):
        un_xml.parse([path, path])
