"""A small invented watchlist for batch tests: screened in milliseconds, with list versions."""

from __future__ import annotations

import os
import shutil

import pytest

from sanctio import Screener
from sanctio.store import ListVersion
from tests.factory import organization, person, vessel


def list_version(source: str, version_id: int, as_of: str) -> ListVersion:
    """A ListVersion as the store would report it."""
    return ListVersion(
        id=version_id,
        source=source,
        format="test",
        as_of=as_of,
        as_of_origin="file",
        imported_at=f"{as_of}T00:00:00Z",
        content_hash=f"hash-{source}-{version_id}",
        files=(),
        entity_count=0,
        schema_counts={},
        warnings=(),
        is_current=True,
    )


@pytest.fixture(scope="session")
def watchlist() -> Screener:
    """Invented listed parties on two lists, with versions."""
    entities = [
        person(
            "blue",
            "zarif",
            "Zarif Omran Qudrani",
            "Zarif al-Qudrani",
            birth_dates=["1971-02-03"],
            nationalities=["ye"],
            gender="male",
            identifiers=["passport:P7734521"],
            programs=["BLUE-1"],
        ),
        person("blue", "pellingham", "Osric Pellingham", birth_dates=["1958"]),
        organization("red", "corvid", "Corvid Maritime Holdings Ltd", countries=["cy"]),
        vessel("red", "bellatrix", "Bellatrix Dawn", identifiers=["imo:9900112"]),
    ]
    versions = [list_version("blue", 3, "2026-01-31"), list_version("red", 7, "2025-11-02")]
    return Screener(entities, versions=versions)


# Rows of a customer file: mostly unlisted people, some listed names (exact and
# misspelt), and some bad rows (empty name, malformed date, unknown country).
_CUSTOMERS = [
    ("Anna Berg", "1980-01-02", "NO"),
    ("Zarif Qudrani", "1971", "YE"),
    ("Ole Dahl", "1975-06", "DK;SE"),
    ("Osric Pellingham", "", ""),
    ("", "1990", "FR"),
    ("Corvid Maritime Holdings", "", "CY"),
    ("Kim Lee", "31/31/1980", "KR"),
    ("Zarif al Qudrany", "", ""),
    ("Lars Holm", "1962", "Atlantis"),
    ("Maria Souza", "1985-03-04", "BR"),
]


def customer_rows(count: int) -> list[dict[str, str]]:
    """``count`` deterministic customer rows (id, full_name, dob, nationality)."""
    return [
        {
            "customer_id": f"C{i:06d}",
            "full_name": _CUSTOMERS[i % len(_CUSTOMERS)][0],
            "dob": _CUSTOMERS[i % len(_CUSTOMERS)][1],
            "nationality": _CUSTOMERS[i % len(_CUSTOMERS)][2],
        }
        for i in range(count)
    ]


def write_customers_csv(path, count: int):
    """A customer CSV file of ``count`` rows; returns its path."""
    lines = ["customer_id,full_name,dob,nationality"]
    lines += [",".join(row.values()) for row in customer_rows(count)]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def missing(message: str):
    """Fail in CI (where everything must run), skip elsewhere."""
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(message)
    pytest.skip(message)


@pytest.fixture(scope="session")
def spark():
    """A Spark session on local[2], with small input partitions so that a test file is
    read as several partitions."""
    try:
        from sanctio.batch.spark import spark_session
    except ImportError as exc:  # pragma: no cover - the dev extra installs pyspark
        missing(f"pyspark is not installed: {exc}")
    if shutil.which("java") is None and not os.environ.get("JAVA_HOME"):
        missing("the Spark tests need Java (17): none on PATH or JAVA_HOME")
    session = spark_session(
        "local[2]",
        {
            "spark.ui.enabled": "false",
            "spark.sql.shuffle.partitions": "2",
            "spark.sql.files.maxPartitionBytes": "2048",
            "spark.sql.files.openCostInBytes": "0",
        },
    )
    session.sparkContext.setLogLevel("ERROR")
    yield session
    session.stop()
