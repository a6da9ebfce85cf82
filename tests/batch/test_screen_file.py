"""screen_file on the local engine: outputs in each format, the summary, the error file,
resuming from a checkpoint and refusing to resume a different run."""

from __future__ import annotations

import csv
from pathlib import Path
from typing import Any

import orjson
import pyarrow.parquet as pq
import pytest

from sanctio import QueryError, Screener
from sanctio.batch import (
    BatchError,
    ColumnMapping,
    Interrupted,
    ResumeError,
    screen_file,
)
from tests.batch.conftest import write_customers_csv

MAPPING = ColumnMapping(name="full_name", dob="dob", country=("nationality",), id="customer_id")


def read_table(path: Path) -> list[dict[str, str]]:
    """Any output file as rows of text values, for comparing formats."""

    def text(value: Any) -> str:
        return str(value).lower() if isinstance(value, bool) else str(value)

    if path.suffix == ".parquet":
        rows = pq.read_table(path).to_pylist()
    elif path.suffix == ".jsonl":
        rows = [orjson.loads(line) for line in path.read_bytes().splitlines()]
    else:
        with path.open(encoding="utf-8", newline="") as handle:
            rows = list(csv.DictReader(handle))
    return [{k: text(v) for k, v in row.items()} for row in rows]


@pytest.fixture(scope="module")
def customers(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_customers_csv(tmp_path_factory.mktemp("in") / "customers.csv", 300)


@pytest.fixture(scope="module")
def reference(customers: Path, watchlist: Screener, tmp_path_factory: pytest.TempPathFactory):
    """One uninterrupted run in this process: the expected hits and errors."""
    output = tmp_path_factory.mktemp("reference") / "hits.csv"
    summary = screen_file(customers, output, MAPPING, screener=watchlist, workers=1)
    return summary, read_table(output), read_table(output.with_name("hits.errors.csv"))


def test_hits_errors_and_summary_are_written_beside_the_output(reference) -> None:
    summary, hits, errors = reference
    assert (summary.rows, summary.alert_rows, summary.errors) == (300, 120, 90)
    assert summary.hits == len(hits) == 120
    assert {h["entity_id"] for h in hits} == {"blue:zarif", "blue:pellingham", "red:corvid"}
    assert hits[0] == {
        "input_id": "C000001",
        "row_number": "2",
        "entity_id": "blue:zarif",
        "score": hits[0]["score"],
        "is_alert": "true",
        "matched_name": "Zarif al-Qudrani",
        "query_name": "Zarif Qudrani",
        "caption": "Zarif Omran Qudrani",
        "schema": "Person",
        "source": "blue",
        "programs": "BLUE-1",
        "explanation": hits[0]["explanation"],
        "list_version": "3 (2026-01-31)",
    }
    assert [e["row_number"] for e in errors[:3]] == ["5", "7", "9"]
    assert errors[0]["error"].startswith("name: a query needs a name")
    saved = orjson.loads(Path(summary.summary_file).read_bytes())
    assert saved["rows"] == 300 and saved["lists"][0]["source"] == "blue"
    assert saved["mapping"]["name"] == "full_name"
    assert not Path(summary.output + ".checkpoint").exists()


@pytest.mark.parametrize("suffix", [".jsonl", ".parquet"])
def test_every_output_format_holds_the_same_rows(
    reference, customers: Path, watchlist: Screener, tmp_path: Path, suffix: str
) -> None:
    _, hits, errors = reference
    output = tmp_path / f"hits{suffix}"
    screen_file(customers, output, MAPPING, screener=watchlist, workers=1)
    assert read_table(output) == hits
    assert read_table(tmp_path / f"hits.errors{suffix}") == errors


def test_worker_processes_give_the_same_output_as_one_process(
    reference, customers: Path, watchlist: Screener, tmp_path: Path
) -> None:
    _, hits, errors = reference
    output = tmp_path / "hits.csv"
    screen_file(customers, output, MAPPING, screener=watchlist, workers=2, chunk_size=7)
    assert read_table(output) == hits
    assert read_table(tmp_path / "hits.errors.csv") == errors


def test_a_file_with_the_record_field_names_needs_no_mapping(
    watchlist: Screener, tmp_path: Path
) -> None:
    source = tmp_path / "in.jsonl"
    source.write_text('{"id": "K1", "name": "Zarif Qudrani", "countries": ["YE"]}\n')
    summary = screen_file(source, tmp_path / "out.jsonl", screener=watchlist, workers=1)
    assert summary.alert_rows == 1
    assert read_table(tmp_path / "out.jsonl")[0]["input_id"] == "K1"


class StopAfter:
    """A Screener stand-in that presses Ctrl-C after screening ``rows`` rows."""

    def __init__(self, screener: Screener, rows: int) -> None:
        self.screener, self.left = screener, rows

    def __getattr__(self, name: str) -> Any:
        return getattr(self.screener, name)

    def screen_query(self, query, **options):
        self.left -= 1
        if self.left < 0:
            raise KeyboardInterrupt
        return self.screener.screen_query(query, **options)


def test_an_interrupted_run_continues_from_its_checkpoint_without_gaps_or_duplicates(
    reference, customers: Path, watchlist: Screener, tmp_path: Path
) -> None:
    _, hits, errors = reference
    output = tmp_path / "hits.csv"
    stopping: Any = StopAfter(watchlist, 125)
    with pytest.raises(Interrupted) as stop:
        screen_file(customers, output, MAPPING, screener=stopping, workers=1, chunk_size=20)
    # The 126th screened row (rows in error are not screened) falls in the ninth chunk.
    assert stop.value.rows_done == 160
    assert not output.exists()
    summary = screen_file(customers, output, MAPPING, screener=watchlist, workers=1, chunk_size=20)
    assert summary.resumed_from_row == 160 and summary.rows == 300
    assert read_table(output) == hits
    assert read_table(tmp_path / "hits.errors.csv") == errors


def interrupt(customers: Path, output: Path, watchlist: Screener) -> None:
    """A run stopped by Ctrl-C after its first chunks."""
    stopping: Any = StopAfter(watchlist, 30)
    with pytest.raises(Interrupted):
        screen_file(customers, output, MAPPING, screener=stopping, workers=1, chunk_size=20)


def test_a_checkpoint_of_another_input_or_options_is_not_resumed(
    customers: Path, watchlist: Screener, tmp_path: Path
) -> None:
    output = tmp_path / "hits.csv"
    interrupt(customers, output, watchlist)
    with pytest.raises(ResumeError, match=r"different options \(threshold\).*--restart"):
        screen_file(customers, output, MAPPING, screener=watchlist, threshold=0.9, workers=1)
    changed = write_customers_csv(tmp_path / "customers.csv", 301)
    with pytest.raises(ResumeError, match=r"different input \(sha256\)"):
        screen_file(changed, output, MAPPING, screener=watchlist, workers=1)
    summary = screen_file(changed, output, MAPPING, screener=watchlist, workers=1, restart=True)
    assert (summary.resumed_from_row, summary.rows) == (0, 301)


def test_lists_changed_since_the_checkpoint_refuse_to_resume(
    customers: Path, watchlist: Screener, tmp_path: Path
) -> None:
    output = tmp_path / "hits.csv"
    interrupt(customers, output, watchlist)
    fewer_lists = Screener(watchlist.entities[:2], versions=watchlist.versions[:1])
    with pytest.raises(ResumeError, match="different lists"):
        screen_file(customers, output, MAPPING, screener=fewer_lists, workers=1)


@pytest.mark.parametrize(
    ("arguments", "error", "message"),
    [
        ({"engine": "dask"}, BatchError, "unknown engine 'dask'"),
        ({"limit": 0}, QueryError, "limit: must be from 1"),
        ({"threshold": 1.5}, QueryError, "threshold: must be a number between 0 and 1"),
        ({"output_format_name": "xlsx"}, BatchError, "unknown format 'xlsx'"),
        ({"engine": "spark"}, BatchError, "the Spark engine reads and writes Parquet"),
    ],
)
def test_bad_options_are_refused_before_anything_is_written(
    customers: Path, watchlist: Screener, tmp_path: Path, arguments, error, message
) -> None:
    with pytest.raises(error, match=message):
        screen_file(customers, tmp_path / "hits.csv", MAPPING, screener=watchlist, **arguments)
    assert list(tmp_path.iterdir()) == []


def test_the_output_may_not_overwrite_the_input(customers: Path, watchlist: Screener) -> None:
    with pytest.raises(BatchError, match="would overwrite the input"):
        screen_file(customers, customers, MAPPING, screener=watchlist)


def test_a_missing_column_is_reported_before_anything_is_written(
    customers: Path, watchlist: Screener, tmp_path: Path
) -> None:
    mapping = ColumnMapping(name="fullname")
    with pytest.raises(BatchError, match="no column 'fullname'"):
        screen_file(customers, tmp_path / "hits.csv", mapping, screener=watchlist, workers=1)
    assert not (tmp_path / "hits.csv").exists()


def test_the_error_and_summary_files_are_named_after_the_output() -> None:
    from sanctio.batch.run import _sibling

    assert _sibling("/data/hits.csv", "errors") == "/data/hits.errors.csv"
    assert _sibling("/data/hits.parquet", "summary", ".json") == "/data/hits.summary.json"
    assert _sibling("s3a://bank/screening/hits.parquet", "errors") == (
        "s3a://bank/screening/hits.errors.parquet"
    )
