"""`sanctio batch` against a store: options, mapping files, JSON summary, bad input, and a
run really interrupted (Ctrl-C) and really killed, then finished with nothing lost."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from sanctio import Screener
from sanctio.batch import ColumnMapping, screen_file
from sanctio.store import Store
from tests.batch.conftest import write_customers_csv
from tests.batch.test_screen_file import read_table
from tests.factory import parsed_list
from tests.test_cli_screen import run

COLUMNS = [
    "--name-col",
    "full_name",
    "--dob-col",
    "dob",
    "--country-col",
    "nationality",
    "--id-col",
    "customer_id",
]


@pytest.fixture(scope="module")
def home(watchlist: Screener, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A store holding the invented watchlist's two lists."""
    home = tmp_path_factory.mktemp("home")
    files = tmp_path_factory.mktemp("lists")
    with Store(home) as store:
        for source in ("blue", "red"):
            entities = [e for e in watchlist.entities if e.source == source]
            store.import_version(
                parsed_list(files, source, entities), as_of="2026-01-31", as_of_origin="file"
            )
    return home


def test_batch_writes_hits_errors_and_a_summary_and_prints_the_counts(
    home: Path, tmp_path: Path
) -> None:
    source = write_customers_csv(tmp_path / "customers.csv", 50)
    code, output = run(home, "batch", str(source), str(tmp_path / "hits.csv"), *COLUMNS)
    assert code == 0, output
    assert "50 rows: 20 with alerts (20 hits), 15 in error" in output
    assert "hits:    " + str(tmp_path / "hits.csv") in output
    hits = read_table(tmp_path / "hits.csv")
    assert hits[0]["entity_id"] == "blue:zarif" and hits[0]["list_version"].endswith("(2026-01-31)")
    assert len(read_table(tmp_path / "hits.errors.csv")) == 15
    assert json.loads((tmp_path / "hits.summary.json").read_text())["rows"] == 50


def test_a_mapping_file_and_json_output(home: Path, tmp_path: Path) -> None:
    source = write_customers_csv(tmp_path / "customers.csv", 20)
    mapping = tmp_path / "mapping.toml"
    mapping.write_text('name = "full_name"\nid = "customer_id"\ncountry = ["nationality"]\n')
    code, output = run(
        home,
        "batch",
        str(source),
        str(tmp_path / "hits.parquet"),
        "--mapping",
        str(mapping),
        "--dob-col",
        "dob",
        "--json",
    )
    assert code == 0, output
    summary = json.loads(output)
    assert summary["mapping"]["dob"] == "dob" and summary["mapping"]["name"] == "full_name"
    assert summary["rows"] == 20 and summary["alert_rows"] == 8
    assert [v["source"] for v in summary["lists"]] == ["blue", "red"]


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (["--name-col", "nom"], "no column 'nom'"),
        (["--name-col", "full_name", "--schema", "Planet"], "unknown schema 'Planet'"),
        (["--identifier-col", "=passport"], "give COLUMN or COLUMN=TYPE"),
        (["--dob-col", "dob"], "no column to screen"),
    ],
)
def test_bad_options_fail_with_a_message_and_write_nothing(
    home: Path, tmp_path: Path, arguments: list[str], message: str
) -> None:
    source = write_customers_csv(tmp_path / "customers.csv", 5)
    code, output = run(home, "batch", str(source), str(tmp_path / "hits.csv"), *arguments)
    assert code == 1 and message in output
    assert sorted(p.name for p in tmp_path.iterdir()) == ["customers.csv"]


def test_an_empty_store_is_an_error(tmp_path: Path) -> None:
    source = write_customers_csv(tmp_path / "customers.csv", 5)
    code, output = run(tmp_path / "home", "batch", str(source), str(tmp_path / "hits.csv"))
    assert code == 1 and "no lists imported yet" in output


def start(home: Path, source: Path, output: Path) -> subprocess.Popen[str]:
    """`sanctio batch` in its own process group, as a terminal would run it."""
    command = [str(Path(sys.executable).parent / "sanctio"), "--home", str(home), "batch"]
    options = ["--chunk-size", "50", "--workers", "2", "--no-progress"]
    return subprocess.Popen(
        [*command, str(source), str(output), *COLUMNS, *options],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
        # As from a terminal: a shell's background job (make test &) would ignore Ctrl-C.
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
    )


def wait_for_parts(process: subprocess.Popen[str], checkpoint: Path, more_than: int) -> int:
    """Wait until the run has saved more than ``more_than`` chunks; return how many."""
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        done = len(list(checkpoint.glob("part-*.json"))) if checkpoint.exists() else 0
        if done > more_than:
            return done
        assert process.poll() is None, process.communicate()
        time.sleep(0.05)
    raise AssertionError("the run saved no chunk in two minutes")


def processes_writing(output: Path) -> list[int]:
    """Live processes whose command line names the output (the run and its workers)."""
    found = []
    for entry in Path("/proc").iterdir():
        try:
            if entry.name.isdigit() and str(output) in (entry / "cmdline").read_text():
                found.append(int(entry.name))
        except OSError:
            continue
    return found


@pytest.mark.slow
def test_a_run_stopped_by_ctrl_c_then_killed_finishes_with_no_gap_and_no_duplicate(
    home: Path, tmp_path: Path
) -> None:
    source = write_customers_csv(tmp_path / "customers.csv", 20_000)
    output = tmp_path / "hits.csv"
    checkpoint = tmp_path / "hits.csv.checkpoint"

    interrupted = start(home, source, output)
    wait_for_parts(interrupted, checkpoint, more_than=2)
    os.killpg(interrupted.pid, signal.SIGINT)  # Ctrl-C reaches the run and its workers
    _, stderr = interrupted.communicate(timeout=60)
    assert interrupted.returncode == 130, stderr
    assert "interrupted after" in stderr and "run the same command again" in stderr
    saved = len(list(checkpoint.glob("part-*.json")))

    killed = start(home, source, output)
    wait_for_parts(killed, checkpoint, more_than=saved + 2)
    os.kill(killed.pid, signal.SIGKILL)  # the parent only: its workers must not linger
    killed.communicate(timeout=60)
    deadline = time.monotonic() + 10
    while processes_writing(output) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert processes_writing(output) == []
    assert not output.exists()

    finished = start(home, source, output)
    stdout, stderr = finished.communicate(timeout=600)
    assert finished.returncode == 0, stderr
    assert "resumed after row" in stdout and "20,000 rows" in stdout
    assert not checkpoint.exists()

    expected = tmp_path / "expected.csv"
    mapping = ColumnMapping(name="full_name", dob="dob", country=("nationality",), id="customer_id")
    screen_file(source, expected, mapping, screener=Screener.from_store(home), workers=1)
    assert read_table(output) == read_table(expected)
    assert read_table(tmp_path / "hits.errors.csv") == read_table(tmp_path / "expected.errors.csv")
