"""Importing the firm's ownership CSV: parties resolved, the whole file checked before
anything is stored, one transaction with its audit record, re-imports that merge or
replace."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa

from sanctio import audit
from sanctio.database import Database
from sanctio.exposure import Exposure, OwnershipDataError, import_ownership, load_stakes
from sanctio.exposure.firm import ownership_stakes
from tests.factory import person

ENTITY_IDS = {"ofac-sdn:17507", "ofac-sdn:12735"}
SOURCES = {"ofac-sdn"}


class FakeHit:
    def __init__(self, entity_id: str, score: float) -> None:
        self.entity_id, self.score = entity_id, score


def screen(name: str) -> Any:
    """Wael Abdulkarim is listed (ofac-sdn:17507); nobody else is."""
    return FakeHit("ofac-sdn:17507", 0.97) if "abdulkarim" in name.lower() else None


@pytest.fixture
def database(tmp_path: Path) -> Database:
    return Database(f"sqlite:///{tmp_path / 'cases.db'}")


def write(tmp_path: Path, text: str, name: str = "owners.csv") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def run(database: Database, path: Path, **options: Any) -> Any:
    return import_ownership(
        database,
        path,
        entity_ids=ENTITY_IDS,
        sources=SOURCES,
        screen=screen,
        actor="analyst-1",
        **options,
    )


def stored(database: Database) -> list[tuple[Any, ...]]:
    with database.read() as connection:
        return [
            (s.owner, s.owned, s.percent, s.as_of, s.kind.value) for s in load_stakes(connection)
        ]


def audit_records(database: Database) -> list[audit.AuditRecord]:
    with database.read() as connection:
        return list(audit.records(connection))


GOOD = """owner,owned,percent,as_of,kind
ofac-sdn:12735,customer:C-1001,30,2024-04-30,ownership
Wael ABDULKARIM,customer:C-1001,25%,2024-04-30,
Northwind Holdings Ltd,customer:C-1001,?,2024-04-30,
customer:C-1002,customer:C-1001,,2024-04-30,ownership
Northwind Holdings Ltd,customer:C-1002,,,directorship
"""


def test_an_import_stores_each_relationship_with_its_parties_resolved(
    database: Database, tmp_path: Path
) -> None:
    result = run(database, write(tmp_path, GOOD))
    assert (result.rows, result.added, result.names_matched, result.names_unmatched) == (5, 5, 1, 1)
    assert stored(database) == [
        ("ofac-sdn:12735", "customer:C-1001", 30.0, "2024-04-30", "ownership"),
        ("ofac-sdn:17507", "customer:C-1001", 25.0, "2024-04-30", "ownership"),
        ("name:northwind holdings ltd", "customer:C-1001", None, "2024-04-30", "ownership"),
        ("customer:C-1002", "customer:C-1001", None, "2024-04-30", "ownership"),
        ("name:northwind holdings ltd", "customer:C-1002", None, None, "directorship"),
    ]
    with database.read() as connection:
        stakes = load_stakes(connection)
    matched = next(s for s in stakes if s.owner == "ofac-sdn:17507")
    assert (matched.owner_caption, matched.owner_match) == ("Wael ABDULKARIM", 0.97)


def test_imported_stakes_feed_the_50_percent_rule(database: Database, tmp_path: Path) -> None:
    run(database, write(tmp_path, GOOD))
    with database.read() as connection:
        stakes = load_stakes(connection)
    entities = [person("ofac-sdn", "12735", "AL-ASSAD, Bashar"),
                person("ofac-sdn", "17507", "ABDULKARIM, Wael")]  # fmt: skip
    section = Exposure.from_entities(entities, stakes).party("C-1001")
    assert section["ownership"]["status"] == "blocked"
    assert section["ownership"]["blocked_percent"] == 55
    texts = sorted(p["text"] for p in section["ownership"]["paths"])
    assert texts == ["ABDULKARIM, Wael —25%→ C-1001", "AL-ASSAD, Bashar —30%→ C-1001"]


def test_an_import_is_recorded_in_the_audit_trail_with_the_files_hash(
    database: Database, tmp_path: Path
) -> None:
    import hashlib

    path = write(tmp_path, GOOD)
    result = run(database, path)
    (record,) = audit_records(database)
    assert (record.actor, record.action, record.subject) == (
        "analyst-1",
        "ownership.import",
        f"ownership-import:{result.id}",
    )
    assert record.payload["sha256"] == hashlib.sha256(path.read_bytes()).hexdigest()
    assert record.payload["added"] == 5 and record.payload["mode"] == "merge"


def test_importing_the_same_file_again_changes_nothing(database: Database, tmp_path: Path) -> None:
    path = write(tmp_path, GOOD)
    run(database, path)
    again = run(database, path)
    assert (again.added, again.updated, again.unchanged) == (0, 0, 5)
    assert len(stored(database)) == 5


def test_a_newer_row_updates_a_stake_and_an_older_one_leaves_it(
    database: Database, tmp_path: Path
) -> None:
    run(
        database,
        write(tmp_path, "owner,owned,percent,as_of\ncustomer:A,customer:B,30,2024-05-01\n"),
    )
    newer = run(
        database,
        write(tmp_path, "owner,owned,percent,as_of\ncustomer:A,customer:B,60,2024-06-01\n"),
    )
    assert newer.updated == 1
    older = run(
        database,
        write(tmp_path, "owner,owned,percent,as_of\ncustomer:A,customer:B,10,2024-01-01\n"),
    )
    assert older.kept_newer == 1
    assert stored(database) == [("customer:A", "customer:B", 60.0, "2024-06-01", "ownership")]


def test_replace_deletes_what_the_snapshot_no_longer_holds(
    database: Database, tmp_path: Path
) -> None:
    run(database, write(tmp_path, GOOD))
    result = run(
        database, write(tmp_path, "owner,owned,percent\ncustomer:A,customer:B,51\n"), replace=True
    )
    assert (result.added, result.removed) == (1, 5)
    assert stored(database) == [("customer:A", "customer:B", 51.0, None, "ownership")]


def test_semicolon_separated_files_with_other_column_names_are_read(
    database: Database, tmp_path: Path
) -> None:
    text = "Owner;Owned;Share;As of date\ncustomer:A;customer:B;12,5 %;2024\n"
    run(database, write(tmp_path, text))
    assert stored(database) == [("customer:A", "customer:B", 12.5, "2024", "ownership")]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "empty file"),
        ("owner,owned\n", "no rows after the header"),
        ("owner,percent\ncustomer:A,10\n", "missing column(s) owned"),
        ("owner,owned,stake\ncustomer:A,customer:B,10\n", "unknown column 'stake'"),
        ("owner,owned,owner\na,b,c\n", "column owner appears twice"),
        ("owner,owned,percent\ncustomer:A,customer:B,ten\n", ":2: percent: 'ten' is not a number"),
        (
            "owner,owned,percent\ncustomer:A,customer:B,150\n",
            ":2: percent: '150' is outside 0 to 100",
        ),
        ("owner,owned,percent\ncustomer:A,customer:B,-5\n", "outside 0 to 100"),
        (
            "owner,owned,as_of\ncustomer:A,customer:B,30/04/2024\n",
            ":2: as_of: '30/04/2024' is not an ISO date",
        ),
        ("owner,owned,as_of\ncustomer:A,customer:B,2024-02-30\n", "is not an ISO date"),
        ("owner,owned,kind\ncustomer:A,customer:B,cousin\n", ":2: kind: 'cousin' is not one of"),
        ("owner,owned,percent,kind\ncustomer:A,customer:B,10,family\n", "ownership only"),
        ("owner,owned\n,customer:B\n", ":2: owner: empty"),
        ("owner,owned\ncustomer:A,customer:A\n", ":2: owner and owned are the same party"),
        ("owner,owned\ncustomer:,customer:B\n", "no customer id after 'customer:'"),
        (
            "owner,owned\ncustomer:A,customer:B\ncustomer:A,customer:B\n",
            ":3: the same ownership of customer:B by customer:A as line 2",
        ),
        (
            "owner,owned,percent\ncustomer:A,customer:C,60\ncustomer:B,customer:C,50\n",
            "add up to 110%, more than 100%",
        ),
        ("owner,owned\nun-sc:QDi.1,customer:B\n", "no list 'un-sc' in the store (lists: ofac-sdn)"),
        (
            "owner,owned\nofac-sdn:999999,customer:B\n",
            "no such entity on the current ofac-sdn list",
        ),
    ],
)
def test_bad_files_are_refused_with_the_place_and_nothing_is_stored(
    database: Database, tmp_path: Path, text: str, message: str
) -> None:
    path = write(tmp_path, text)
    with pytest.raises(OwnershipDataError) as caught:
        run(database, path)
    assert message in str(caught.value)
    assert stored(database) == [] and audit_records(database) == []


def test_every_bad_row_is_reported_at_once(database: Database, tmp_path: Path) -> None:
    text = "owner,owned,percent\ncustomer:A,customer:B,x\ncustomer:A,customer:C,200\n"
    with pytest.raises(OwnershipDataError) as caught:
        run(database, write(tmp_path, text))
    assert ":2: percent" in str(caught.value) and ":3: percent" in str(caught.value)


def test_a_file_that_is_not_utf8_is_refused(database: Database, tmp_path: Path) -> None:
    path = tmp_path / "owners.csv"
    path.write_bytes("owner,owned\nSociété Générale,customer:B\n".encode("latin-1"))
    with pytest.raises(OwnershipDataError, match="not UTF-8"):
        run(database, path)


def test_names_cannot_be_resolved_without_lists(database: Database, tmp_path: Path) -> None:
    path = write(tmp_path, "owner,owned\nNorthwind Holdings,customer:B\n")
    with pytest.raises(OwnershipDataError, match="names need the lists"):
        import_ownership(database, path, entity_ids=set(), sources=set(), screen=None, actor="a")


def test_a_failure_while_writing_rolls_the_whole_import_back(
    database: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import sanctio.exposure.firm as firm

    def broken_append(*args: Any) -> None:
        raise RuntimeError("disk full")

    monkeypatch.setattr(firm, "append", broken_append)
    with pytest.raises(RuntimeError):
        run(database, write(tmp_path, GOOD))
    with database.read() as connection:
        assert (
            connection.execute(sa.select(sa.func.count()).select_from(ownership_stakes)).scalar()
            == 0
        )
