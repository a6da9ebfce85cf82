"""The Spark engine (local[2]) gives exactly the local engine's hits and errors."""

from __future__ import annotations

from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from sanctio import Screener
from sanctio.batch import ColumnMapping, screen_file
from tests.batch.conftest import customer_rows

# No id column: the input id is the row number, which Spark must count as the file does.
MAPPING = ColumnMapping(name="full_name", dob="dob", country=("nationality",))


def in_order(table: pa.Table) -> list[dict]:
    """Spark's part files come in no set order; the local engine writes in input order."""
    return sorted(
        table.to_pylist(),
        key=lambda r: (r["row_number"], -r.get("score", 0), r.get("entity_id", "")),
    )


def test_spark_and_local_engines_write_identical_hits_and_errors(
    spark, watchlist: Screener, tmp_path: Path
) -> None:
    source = tmp_path / "customers.parquet"
    pq.write_table(pa.Table.from_pylist(customer_rows(400)), source, row_group_size=50)
    assert spark.read.parquet(str(source)).rdd.getNumPartitions() > 1

    local = screen_file(source, tmp_path / "local.parquet", MAPPING, screener=watchlist)
    distributed = screen_file(
        source, tmp_path / "spark.parquet", MAPPING, screener=watchlist, engine="spark", spark=spark
    )

    local_hits = pq.read_table(tmp_path / "local.parquet")
    spark_hits = pq.read_table(tmp_path / "spark.parquet")
    assert spark_hits.schema.equals(local_hits.schema, check_metadata=False)
    assert in_order(spark_hits) == local_hits.to_pylist()
    assert len(local_hits) == 160
    spark_errors = pq.read_table(tmp_path / "spark.errors.parquet")
    assert in_order(spark_errors) == pq.read_table(tmp_path / "local.errors.parquet").to_pylist()
    counts = ("rows", "alert_rows", "hits", "errors")
    assert [getattr(distributed, c) for c in counts] == [getattr(local, c) for c in counts]
    assert distributed.engine == "spark" and Path(distributed.summary_file).exists()
