"""The versioned store: every import is a version; a bad one never replaces the current one."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from sanctio.errors import NotFoundError, ValidationError
from sanctio.store import Store, diff_versions
from tests.factory import parsed_list, person


@pytest.fixture
def store(tmp_path: Path) -> Store:
    with Store(tmp_path / "home") as s:
        yield s


def people(n: int, source: str = "test") -> list:
    return [person(source, str(i), f"Person Number {i}") for i in range(n)]


def test_an_import_becomes_the_current_version_with_hash_and_counts(store, tmp_path):
    result = store.import_version(
        parsed_list(tmp_path, "test", people(3)), as_of="2024-01-01", as_of_origin="file"
    )
    assert result.status == "imported" and result.made_current
    version = store.current_version("test")
    assert version.entity_count == 3
    assert version.schema_counts == {"Person": 3}
    assert len(version.content_hash) == 64
    assert version.files[0]["sha256"] and version.as_of == "2024-01-01"
    assert store.entity("test:2").caption == "Person Number 2"


def test_identical_content_creates_no_new_version(store, tmp_path):
    first = store.import_version(
        parsed_list(tmp_path, "test", people(3)), as_of="2024-01-01", as_of_origin="file"
    )
    again = store.import_version(
        parsed_list(tmp_path, "test", people(3)), as_of="2024-02-01", as_of_origin="file"
    )
    assert again.status == "unchanged"
    assert again.version.id == first.version.id
    assert len(store.versions("test")) == 1


def test_an_older_version_is_kept_as_history_without_becoming_current(store, tmp_path):
    store.import_version(
        parsed_list(tmp_path, "test", people(3), content="new"),
        as_of="2024-05-01",
        as_of_origin="file",
    )
    older = store.import_version(
        parsed_list(tmp_path, "test", people(4), content="old"),
        as_of="2021-07-01",
        as_of_origin="path",
    )
    assert older.status == "imported" and not older.made_current
    assert store.current_version("test").as_of == "2024-05-01"


def test_a_list_that_shrinks_too_much_is_rejected_and_the_current_version_stays(store, tmp_path):
    store.import_version(
        parsed_list(tmp_path, "test", people(10)), as_of="2024-01-01", as_of_origin="file"
    )
    with pytest.raises(ValidationError, match="would shrink from 10 to 4"):
        store.import_version(
            parsed_list(tmp_path, "test", people(4)), as_of="2024-02-01", as_of_origin="file"
        )
    assert store.current_version("test").entity_count == 10
    assert len(store.versions("test")) == 1


def test_a_larger_max_shrink_lets_a_genuine_shrink_through(store, tmp_path):
    store.import_version(
        parsed_list(tmp_path, "test", people(10)), as_of="2024-01-01", as_of_origin="file"
    )
    store.import_version(
        parsed_list(tmp_path, "test", people(4)),
        as_of="2024-02-01",
        as_of_origin="file",
        max_shrink=0.7,
    )
    assert store.current_version("test").entity_count == 4


def test_duplicate_ids_are_rejected(store, tmp_path):
    entities = [*people(3), person("test", "1", "Somebody Else")]
    with pytest.raises(ValidationError, match=r"duplicate entity id.*test:1"):
        store.import_version(
            parsed_list(tmp_path, "test", entities), as_of="2024-01-01", as_of_origin="file"
        )
    assert store.versions("test") == []


def test_an_empty_list_is_rejected(store, tmp_path):
    with pytest.raises(ValidationError, match="no entities"):
        store.import_version(
            parsed_list(tmp_path, "test", [], content="x"), as_of="2024-01-01", as_of_origin="file"
        )


def test_versions_resolve_by_id_date_or_current(store, tmp_path):
    a = store.import_version(
        parsed_list(tmp_path, "test", people(3), content="a"),
        as_of="2021-07-01",
        as_of_origin="path",
    )
    b = store.import_version(
        parsed_list(tmp_path, "test", people(3), content="b"),
        as_of="2024-05-03",
        as_of_origin="path",
    )
    assert store.resolve_version("test", "2021-07").id == a.version.id
    assert store.resolve_version("test", str(b.version.id)).id == b.version.id
    assert store.resolve_version("test", None).id == b.version.id
    with pytest.raises(NotFoundError, match="no single version matches"):
        store.resolve_version("test", "1999")


def test_an_unknown_entity_or_source_is_a_clear_error(store):
    with pytest.raises(NotFoundError, match="list 'nowhere' is not in the store"):
        store.entity("nowhere:1")


def test_diff_reports_added_removed_and_changed_fields(store, tmp_path):
    old = [
        person("test", "1", "Anna Alpha"),
        person("test", "2", "Bert Beta"),
        person("test", "3", "Carl Gamma"),
    ]
    new = [
        person("test", "1", "Anna Alpha"),
        person("test", "2", "Bert Beta", "Berto Beta", birth_dates=["1970"]),
        person("test", "4", "Dora Delta"),
    ]
    v1 = store.import_version(
        parsed_list(tmp_path, "test", old), as_of="2024-01-01", as_of_origin="file"
    ).version
    v2 = store.import_version(
        parsed_list(tmp_path, "test", new), as_of="2024-02-01", as_of_origin="file"
    ).version
    diff = diff_versions(store, v1, v2)
    assert diff.added == (("test:4", "Dora Delta"),)
    assert diff.removed == (("test:3", "Carl Gamma"),)
    assert [(c.entity_id, c.fields) for c in diff.changed] == [("test:2", ("birth_dates", "names"))]


KILLED_IMPORT = textwrap.dedent(
    """
    import os, sys
    from pathlib import Path
    from sanctio.store import Store
    from tests.factory import parsed_list, person

    home, work = Path(sys.argv[1]), Path(sys.argv[2])
    store = Store(home)
    inserted = 0

    def die_midway(statement):
        global inserted
        if statement.startswith("INSERT INTO entities"):
            inserted += 1
            if inserted == 500:
                os._exit(9)  # like SIGKILL: no cleanup, no rollback by Python

    store._db.set_trace_callback(die_midway)
    entities = [person("test", str(i), f"New Person {i}") for i in range(2000)]
    parsed = parsed_list(work, "test", entities)
    store.import_version(parsed, as_of="2024-02-01", as_of_origin="file")
    """
)


def test_an_import_killed_midway_leaves_the_previous_version_current(tmp_path):
    home = tmp_path / "home"
    with Store(home) as store:
        store.import_version(
            parsed_list(tmp_path, "test", people(1000)), as_of="2024-01-01", as_of_origin="file"
        )
    repo = Path(__file__).resolve().parents[2]
    done = subprocess.run(
        [sys.executable, "-c", KILLED_IMPORT, str(home), str(tmp_path)], cwd=repo, check=False
    )
    assert done.returncode == 9
    with Store(home) as store:
        versions = store.versions("test")
        assert [v.entity_count for v in versions] == [1000]
        assert store.current_version("test").entity_count == 1000
        assert sum(1 for _ in store.entities(versions[0].id)) == 1000
        assert store._db.execute("SELECT count(*) FROM entities").fetchone()[0] == 1000
