"""Reading customer files through a column mapping: formats, mapping sources, bad rows."""

from __future__ import annotations

import datetime
import gzip
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from sanctio.batch import BatchError, ColumnMapping, read_rows
from sanctio.batch.records import detect_format

MAPPING = ColumnMapping(name="full_name", dob="dob", country=("nationality",), id="customer_id")


def write_csv(path: Path, text: str, encoding: str = "utf-8") -> Path:
    path.write_bytes(text.encode(encoding))
    return path


def test_a_csv_row_becomes_the_record_that_screening_accepts(tmp_path: Path) -> None:
    path = write_csv(
        tmp_path / "customers.csv",
        "customer_id,full_name,dob,nationality,notes\n"
        "C-1,Zarif Qudrani,1971-02-03,YE;Saudi Arabia,vip\n",
    )
    [row] = read_rows(path, MAPPING)
    assert row.row_number == 1
    assert row.input_id == "C-1"
    assert row.error is None
    assert row.record == {
        "name": "Zarif Qudrani",
        "birth_date": "1971-02-03",
        "countries": ["YE", "Saudi Arabia"],
    }


def test_name_parts_type_gender_and_identifiers_map_to_their_record_fields(
    tmp_path: Path,
) -> None:
    mapping = ColumnMapping(
        first_name="given",
        middle_name="middle",
        last_name="family",
        type="kind",
        gender="sex",
        identifiers=(("passport_no", "passport"), ("other_id", None)),
        country=("nationality", "residence"),
        country_separator="|",
    )
    path = write_csv(
        tmp_path / "c.csv",
        "given,middle,family,kind,sex,passport_no,other_id,nationality,residence\n"
        "Zarif,Omran,Qudrani,individual,M,P7734521,imo:9900112,YE|SA,GB\n",
    )
    [row] = read_rows(path, mapping)
    assert row.record == {
        "schema": "individual",
        "first_name": "Zarif",
        "middle_name": "Omran",
        "last_name": "Qudrani",
        "countries": ["YE", "SA", "GB"],
        "gender": "M",
        "identifiers": [{"type": "passport", "value": "P7734521"}, "imo:9900112"],
    }


def test_without_an_id_column_the_input_id_is_the_row_number(tmp_path: Path) -> None:
    path = write_csv(tmp_path / "c.csv", "full_name\nAnna Berg\n\nOle Dahl\n")
    rows = list(read_rows(path, ColumnMapping(name="full_name")))
    assert [(r.row_number, r.input_id) for r in rows] == [(1, "1"), (2, "2")]


def test_an_empty_id_falls_back_to_the_row_number(tmp_path: Path) -> None:
    path = write_csv(tmp_path / "c.csv", "customer_id,full_name,dob,nationality\n,Anna Berg,,\n")
    [row] = read_rows(path, MAPPING)
    assert row.input_id == "1"


def test_the_default_type_applies_where_the_type_column_is_empty(tmp_path: Path) -> None:
    mapping = ColumnMapping(name="n", type="t", default_type="Organization")
    path = write_csv(tmp_path / "c.csv", "n,t\nAcme,\nAnna Berg,Person\n")
    assert [r.record["schema"] for r in read_rows(path, mapping)] == ["Organization", "Person"]


def test_unknown_genders_are_no_evidence_rather_than_an_error(tmp_path: Path) -> None:
    mapping = ColumnMapping(name="n", gender="g")
    path = write_csv(tmp_path / "c.csv", "n,g\nAnna Berg,U\nOle Dahl,unknown\nKim Lee,X\n")
    assert all(r.error is None and "gender" not in r.record for r in read_rows(path, mapping))


def test_bad_rows_become_error_rows_with_their_numbers_and_reading_goes_on(
    tmp_path: Path,
) -> None:
    path = tmp_path / "c.csv"
    path.write_bytes(
        b"customer_id,full_name,dob,nationality\n"
        b"C-1,Anna Berg,1980-01-02,NO\n"
        b"C-2,,1980-01-02,NO\n"  # empty name
        b"C-3,Ren\xe9 Dubois,1980-01-02,FR\n"  # Latin-1 byte in a UTF-8 file
        b"C-4,Ole Dahl,31/31/1980,NO\n"  # malformed date
        b"C-5,Kim Lee,1980,Atlantis\n"  # unknown country
        b"C-6,Too,Many,Fields,Here\n"  # cut or shifted row
        b"C-7,Lars Holm,1975,DK\n"
    )
    rows = list(read_rows(path, MAPPING))
    assert [r.row_number for r in rows] == [1, 2, 3, 4, 5, 6, 7]
    errors = {r.input_id: r.error for r in rows if r.error}
    assert set(errors) == {"C-2", "C-3", "C-4", "C-5", "6"}
    assert "needs a name" in errors["C-2"]
    assert "broken encoding" in errors["C-3"] and "0xE9" in errors["C-3"]
    assert "birth_date" in errors["C-4"] and "(column dob)" in errors["C-4"]
    assert "Atlantis" in errors["C-5"]
    assert "5 fields" in errors["6"]
    assert rows[-1].record == {"name": "Lars Holm", "birth_date": "1975", "countries": ["DK"]}


def test_the_real_encoding_can_be_given(tmp_path: Path) -> None:
    path = write_csv(tmp_path / "c.csv", "full_name\nRené Dubois\n", encoding="cp1252")
    [row] = read_rows(path, ColumnMapping(name="full_name"), encoding="cp1252")
    assert row.record == {"name": "René Dubois"}


def test_a_utf8_byte_order_mark_is_not_part_of_the_first_column_name(tmp_path: Path) -> None:
    path = write_csv(tmp_path / "c.csv", "\ufefffull_name\nAnna Berg\n")
    [row] = read_rows(path, ColumnMapping(name="full_name"))
    assert row.record == {"name": "Anna Berg"}


def test_tab_separated_and_gzipped_csv_files_are_read(tmp_path: Path) -> None:
    tsv = write_csv(tmp_path / "c.tsv", "full_name\tdob\nAnna Berg\t1980\n")
    zipped = tmp_path / "c.csv.gz"
    zipped.write_bytes(gzip.compress(b"full_name,dob\nAnna Berg,1980\n"))
    mapping = ColumnMapping(name="full_name", dob="dob")
    for path in (tsv, zipped):
        [row] = read_rows(path, mapping)
        assert row.record == {"name": "Anna Berg", "birth_date": "1980"}


def test_a_mapped_column_missing_from_the_file_fails_before_any_row(tmp_path: Path) -> None:
    path = write_csv(tmp_path / "c.csv", "name,birth\nAnna Berg,1980\n")
    with pytest.raises(BatchError, match=r"no column 'full_name', 'dob'.*its columns are: name"):
        list(read_rows(path, MAPPING))


@pytest.mark.parametrize(
    ("content", "message"),
    [(b"", "empty file"), (b"a,a\n1,2\n", "repeats column")],
)
def test_a_csv_without_a_usable_header_is_refused(
    tmp_path: Path, content: bytes, message: str
) -> None:
    path = tmp_path / "c.csv"
    path.write_bytes(content)
    with pytest.raises(BatchError, match=message):
        list(read_rows(path, ColumnMapping(name="a")))


def test_json_lines_rows_may_hold_numbers_and_lists(tmp_path: Path) -> None:
    path = tmp_path / "c.jsonl"
    path.write_bytes(
        b'{"customer_id": 17, "full_name": "Anna Berg", "dob": 1980, "nationality": ["NO", "SE"]}\n'
        b"\n"
        b'{"customer_id": 18, "full_name": "Ren\xe9"}\n'
        b"{not json}\n"
        b'["a", "list"]\n'
        b'{"customer_id": 21, "full_name": "Ole Dahl", "dob": null}\n'
        b'{"customer_id": 22, "full_name": ["Kim", "Lee"]}\n'
    )
    rows = list(read_rows(path, MAPPING))
    assert rows[0].input_id == "17"
    assert rows[0].record == {
        "name": "Anna Berg",
        "birth_date": "1980",
        "countries": ["NO", "SE"],
    }
    assert [r.row_number for r in rows] == [1, 2, 3, 4, 5, 6]
    assert "broken encoding" in rows[1].error
    assert "malformed JSON" in rows[2].error
    assert "must be an object" in rows[3].error
    assert rows[4].record == {"name": "Ole Dahl"}
    assert rows[5].error == "full_name: one value expected, not a list"


def test_json_lines_whose_first_row_has_no_mapped_column_are_refused(tmp_path: Path) -> None:
    path = tmp_path / "c.jsonl"
    path.write_text('{"nom": "Anna Berg"}\n')
    with pytest.raises(BatchError, match="no column 'full_name'"):
        list(read_rows(path, MAPPING))


def customers_table(count: int) -> pa.Table:
    return pa.table(
        {
            "customer_id": pa.array(range(1000, 1000 + count), pa.int64()),
            "full_name": [f"Customer Number{i}" for i in range(count)],
            "dob": [datetime.date(1970, 1, 1) + datetime.timedelta(days=i) for i in range(count)],
            "nationality": [["NO", "SE"] if i % 2 else None for i in range(count)],
        }
    )


def test_parquet_columns_keep_their_types_until_mapped(tmp_path: Path) -> None:
    path = tmp_path / "c.parquet"
    pq.write_table(customers_table(2), path)
    rows = list(read_rows(path, MAPPING))
    assert [r.input_id for r in rows] == ["1000", "1001"]
    assert rows[0].record == {"name": "Customer Number0", "birth_date": "1970-01-01"}
    assert rows[1].record["countries"] == ["NO", "SE"]


@pytest.mark.parametrize("start_row", [0, 3, 10, 11, 25, 40])
@pytest.mark.parametrize("suffix", [".csv", ".jsonl", ".parquet"])
def test_start_row_skips_exactly_that_many_data_rows(
    tmp_path: Path, suffix: str, start_row: int
) -> None:
    table = customers_table(25)
    path = tmp_path / f"c{suffix}"
    if suffix == ".parquet":
        pq.write_table(table, path, row_group_size=10)
    else:
        frame = table.drop(["nationality"]).to_pylist()
        if suffix == ".csv":
            lines = ["customer_id,full_name,dob"]
            lines += [f"{r['customer_id']},{r['full_name']},{r['dob']}" for r in frame]
        else:
            lines = [
                f'{{"customer_id": {r["customer_id"]}, "full_name": "{r["full_name"]}"}}'
                for r in frame
            ]
        path.write_text("\n".join(lines) + "\n")
    mapping = ColumnMapping(name="full_name", id="customer_id")
    rows = list(read_rows(path, mapping, start_row=start_row))
    assert [r.row_number for r in rows] == list(range(start_row + 1, 26))
    assert [r.input_id for r in rows] == [str(999 + n) for n in range(start_row + 1, 26)]


def test_the_format_comes_from_the_extension_or_is_said() -> None:
    assert detect_format("a/customers.CSV") == "csv"
    assert detect_format("customers.ndjson.gz") == "jsonl"
    assert detect_format("customers.pq") == "parquet"
    assert detect_format("customers.dat", "csv") == "csv"
    with pytest.raises(BatchError, match="cannot tell the format"):
        detect_format("customers.dat")
    with pytest.raises(BatchError, match="unknown format 'xlsx'"):
        detect_format("customers.csv", "xlsx")


def test_a_mapping_needs_something_to_screen() -> None:
    with pytest.raises(BatchError, match="no column to screen"):
        ColumnMapping(dob="dob")


def test_a_mapping_file_may_be_toml_or_json(tmp_path: Path) -> None:
    toml = tmp_path / "mapping.toml"
    toml.write_text(
        'name = "full_name"\ndob = "dob"\ncountry = ["nationality", "residence"]\n'
        'default_type = "Person"\n[identifiers]\npassport_no = "passport"\ntax_ref = ""\n'
    )
    json = tmp_path / "mapping.json"
    json.write_text(
        '{"name": "full_name", "dob": "dob", "country": ["nationality", "residence"],'
        ' "default_type": "Person", "identifiers": {"passport_no": "passport", "tax_ref": ""}}'
    )
    expected = ColumnMapping(
        name="full_name",
        dob="dob",
        country=("nationality", "residence"),
        default_type="Person",
        identifiers=(("passport_no", "passport"), ("tax_ref", None)),
    )
    assert ColumnMapping.from_file(toml) == expected
    assert ColumnMapping.from_file(json) == expected
    assert ColumnMapping.from_dict(expected.to_dict()) == expected


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("m.toml", 'name = "n"\nbirthdate = "dob"\n', "unknown key.*birthdate.*known keys"),
        ("m.toml", "name = = \n", "not valid toml"),
        ("m.json", '["name"]', "must hold a table"),
        ("m.json", '{"name": 3}', "name must be a column name"),
        ("m.json", '{"name": "n", "default_type": "Planet"}', "unknown schema 'Planet'"),
        ("m.yaml", "name: n", "use a .json or .toml file"),
    ],
)
def test_a_bad_mapping_file_is_refused_with_the_reason(
    tmp_path: Path, name: str, content: str, message: str
) -> None:
    path = tmp_path / name
    path.write_text(content)
    with pytest.raises(BatchError, match=message):
        ColumnMapping.from_file(path)


def test_command_line_options_override_a_mapping_file_only_where_given() -> None:
    base = ColumnMapping(name="full_name", dob="dob")
    assert base.updated(name=None, dob="birth", country=()) == ColumnMapping(
        name="full_name", dob="birth"
    )


def test_a_file_with_the_record_field_names_needs_no_mapping() -> None:
    mapping = ColumnMapping.from_columns(["id", "name", "birth_date", "countries", "extra"])
    assert mapping == ColumnMapping(name="name", dob="birth_date", country=("countries",), id="id")
