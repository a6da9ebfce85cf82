"""The customer register: upsert by id, changes recorded, bad records refused whole."""

from __future__ import annotations

import pytest

from sanctio import audit
from sanctio.batch import BatchError, ColumnMapping
from sanctio.errors import NotFoundError
from sanctio.matching.query import Query
from sanctio.monitor.customers import (
    CustomerInput,
    get_customer,
    import_customers,
    list_customers,
    normalise_record,
    read_customer_file,
)
from sanctio.monitor.errors import CustomerDataError
from tests.monitor.conftest import actions


def test_new_customers_are_created_with_a_content_hash(db):
    report = import_customers(
        db, [CustomerInput("C1", {"name": "Zarif Qudrani", "birth_date": "1971"})], "alice"
    )
    customer = get_customer(db, "C1")
    assert report.created == ["C1"]
    assert customer.name == "Zarif Qudrani" and customer.record["birth_date"] == ["1971"]
    assert len(customer.content_hash) == 64
    assert actions(db, "customer:C1") == ["customer.created"]


def test_an_import_updates_changed_customers_and_records_what_changed(db):
    import_customers(db, [CustomerInput("C1", {"name": "Zarif Qudrani"})], "alice")
    before = get_customer(db, "C1")
    report = import_customers(
        db,
        [
            CustomerInput("C1", {"name": "Zarif Qudrani", "countries": "Yemen"}),
            CustomerInput("C2", {"name": "Emily Watson"}),
        ],
        "bob",
    )
    after = get_customer(db, "C1")
    assert (report.updated, report.created) == (["C1"], ["C2"])
    assert after.content_hash != before.content_hash and after.created_at == before.created_at
    with db.read() as connection:
        (updated,) = audit.records(
            connection, subjects=["customer:C1"], actions=["customer.updated"]
        )
    assert updated.actor == "bob"
    assert updated.payload["changes"] == {"countries": {"before": [], "after": ["ye"]}}


def test_re_importing_the_same_data_changes_nothing(db):
    inputs = [CustomerInput("C1", {"name": "Zarif Qudrani", "birth_date": "1971"})]
    import_customers(db, inputs, "alice")
    report = import_customers(db, inputs, "alice")
    assert report.unchanged == 1 and not report.created and not report.updated
    assert actions(db, "customer:C1") == ["customer.created"]


def test_formatting_that_screens_the_same_is_not_a_change(db):
    import_customers(db, [CustomerInput("C1", {"name": " Zarif  Qudrani", "countries": "YE"})], "a")
    report = import_customers(
        db, [CustomerInput("C1", {"name": " Zarif  Qudrani", "countries": ["Yemen"]})], "a"
    )
    assert report.unchanged == 1


def test_a_bad_record_refuses_the_whole_import(db):
    inputs = [
        CustomerInput("C1", {"name": "Zarif Qudrani"}, row=1),
        CustomerInput("C2", {"name": "Emily Watson", "birth_date": "1971-13-45"}, row=2),
        CustomerInput("C1", {"name": "Again"}, row=3),
        CustomerInput("", {"name": "No Id"}, row=4),
        CustomerInput("C5", {"name": ""}, row=5),
    ]
    with pytest.raises(CustomerDataError) as caught:
        import_customers(db, inputs, "alice")
    message = str(caught.value)
    assert message.startswith("4 bad customer record(s), nothing imported")
    assert "row 2 (C2): birth_date" in message
    assert "row 3 (C1): customer C1 appears twice (first at row 1)" in message
    assert "row 4 (no id): customer id: empty" in message
    assert "row 5 (C5): name: a query needs a name" in message
    assert list_customers(db) == []


def test_bad_records_can_be_skipped_and_reported(db):
    inputs = [
        CustomerInput("C1", {"name": "Zarif Qudrani"}, row=1),
        CustomerInput("C2", {"name": "Emily Watson", "countries": "Atlantis"}, row=2),
    ]
    report = import_customers(db, inputs, "alice", skip_invalid=True)
    assert report.created == ["C1"]
    assert report.rejected == [(2, "C2", "countries: unknown country 'Atlantis'")]


def test_a_normalised_record_screens_as_the_original():
    record = {
        "name": "Zarif Qudrani",
        "schema": "individual",
        "birth_date": "3 Feb 1971",
        "countries": ["Yemen"],
        "gender": "m",
        "identifiers": ["passport:P7734521"],
    }
    normal = normalise_record(record)
    assert normal["birth_date"] == ["1971-02-03"] and normal["gender"] == "male"
    assert Query.from_record(normal) == Query.from_record(record)
    assert normalise_record(normal) == normal


def test_an_unknown_customer_is_not_found(db):
    with pytest.raises(NotFoundError, match="no customer 'C9'"):
        get_customer(db, "C9")


def test_customers_are_listed_by_id_and_searched(db):
    import_customers(
        db,
        [CustomerInput("C2", {"name": "Emily Watson"}), CustomerInput("C1", {"name": "Zarif"})],
        "alice",
    )
    assert [c.id for c in list_customers(db)] == ["C1", "C2"]
    assert [c.id for c in list_customers(db, search="WATSON")] == ["C2"]


def test_a_customer_file_is_read_through_the_batch_column_mapping(tmp_path):
    path = tmp_path / "customers.csv"
    path.write_text(
        "ref,full name,born,nationality\n"
        "C1,Zarif Qudrani,1971-02-03,YE\n"
        ",Nobody,,\n"
        "3,Row Number Three,,\n",
        encoding="utf-8",
    )
    mapping = ColumnMapping(id="ref", name="full name", dob="born", country=("nationality",))
    rows = list(read_customer_file(path, mapping))
    assert rows[0] == CustomerInput(
        "C1",
        {"name": "Zarif Qudrani", "birth_date": "1971-02-03", "countries": ["YE"]},
        1,
        None,
    )
    assert (rows[1].id, rows[1].row, rows[1].error) == ("", 2, "ref: empty customer id")
    assert rows[2].id == "3"  # an id that happens to equal its row number is still an id


def test_a_customer_file_needs_an_id_column(tmp_path):
    path = tmp_path / "customers.csv"
    path.write_text("name\nZarif Qudrani\n", encoding="utf-8")
    with pytest.raises(CustomerDataError, match="no id column"):
        list(read_customer_file(path, ColumnMapping(name="name")))
    with pytest.raises(BatchError, match="no column 'id'"):
        list(read_customer_file(path, ColumnMapping(id="id", name="name")))
