"""Bad screening input gets a clear QueryError naming the field at fault, from the library
and from `sanctio screen` (exit code 1 and a one-line message; out-of-range options are
usage errors, exit code 2). No bad input crashes with a traceback."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from sanctio import QueryError, SanctioError
from sanctio.cli import main

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"

BAD_QUERIES = [
    pytest.param({"name": ""}, "name: a query needs a name or an identifier", id="empty-name"),
    pytest.param({"name": "   "}, "name: a query needs a name or an identifier", id="blank-name"),
    pytest.param({}, "name: a query needs a name or an identifier", id="no-name"),
    pytest.param(
        {"name": "Zarif " * 2000},
        r"name\[0\]: name is 12000 characters; the limit is 500",
        id="10-kB-name",
    ),
    pytest.param(
        {"name": "Zarif\x00Qudrani"},
        r"name\[0\]: name contains control characters \(0x0\)",
        id="nul-character",
    ),
    pytest.param(
        {"name": "Zarif\x1b[31mQudrani"},
        r"name contains control characters \(0x1b\)",
        id="escape-character",
    ),
    pytest.param(
        {"name": "Zarif", "schema": "Spaceship"},
        "schema: unknown schema 'Spaceship'",
        id="unknown-schema",
    ),
    pytest.param(
        {"name": "Zarif", "birth_date": "1971-13-45"},
        "birth_date: cannot read '1971-13-45'",
        id="malformed-date",
    ),
    pytest.param(
        {"name": "Zarif", "birth_date": "31/02/1980"},
        "birth_date: cannot read '31/02/1980'",
        id="day-no-calendar-has",
    ),
    pytest.param(
        {"name": "Zarif", "birth_date": "yesterday"},
        "birth_date: cannot read 'yesterday'",
        id="date-in-words",
    ),
    pytest.param(
        {"name": "Zarif", "countries": ["Atlantis"]},
        "countries: unknown country 'Atlantis'",
        id="unknown-country",
    ),
    pytest.param(
        {"name": "Zarif", "countries": "Atlantis"},
        "countries: unknown country 'Atlantis'",
        id="unknown-country-as-text",
    ),
    pytest.param(
        {"name": "Zarif", "limit": 0}, "limit: must be from 1 to 1000, not 0", id="limit-0"
    ),
    pytest.param(
        {"name": "Zarif", "limit": 1001},
        "limit: must be from 1 to 1000, not 1001",
        id="limit-too-high",
    ),
    pytest.param(
        {"name": "Zarif", "threshold": 1.5},
        "threshold: must be a number between 0 and 1, not 1.5",
        id="threshold-1.5",
    ),
    pytest.param(
        {"name": "Zarif", "threshold": -0.1},
        "threshold: must be a number between 0 and 1, not -0.1",
        id="negative-threshold",
    ),
    pytest.param(
        {"name": "!!! --- ..."},
        "name: '!!! --- ...' has no letters or digits to match",
        id="only-punctuation",
    ),
    pytest.param(
        {"name": "Zarif", "gender": "x"}, "gender: 'x' is not male or female", id="gender"
    ),
    pytest.param(
        {"name": "Zarif", "identifiers": [" "]}, "empty identifier", id="empty-identifier"
    ),
    pytest.param({"name": ["Zarif"] * 51}, "names: 51 names; the limit is 50", id="51-names"),
    pytest.param(
        {"name": 1971},
        "a name must be text",
        id="name-not-text",
    ),
]


@pytest.mark.parametrize(("arguments", "message"), BAD_QUERIES)
def test_bad_input_is_a_query_error_naming_the_field(tiny_screener, arguments, message):
    arguments = dict(arguments)
    name = arguments.pop("name", None)
    with pytest.raises(QueryError, match=message) as raised:
        tiny_screener.screen(name, **arguments)
    assert isinstance(raised.value, SanctioError)
    assert "\n" not in str(raised.value)


def test_a_name_with_punctuation_and_an_identifier_is_screened_by_the_identifier(tiny_screener):
    hits = tiny_screener.screen("---", identifiers=["passport:P7734521"])
    assert hits[0].entity_id == "tiny:zarif" and hits[0].is_alert


def test_good_input_of_every_kind_is_accepted(tiny_screener):
    hits = tiny_screener.screen(
        ["Zarif Qudrani", "زريف القدراني"],
        schema="individual",
        birth_date=["1971", "1971-02-03"],
        countries=["Yemen", "YE"],
        gender="M",
        identifiers=["passport:P7734521", {"type": "passport", "value": "P 773 4521"}],
        limit=1000,
        threshold=1.0,
    )
    assert hits[0].entity_id == "tiny:zarif" and hits[0].is_alert


@pytest.mark.parametrize(
    ("name", "schema", "expected"),
    [
        ("Corvid Maritime Holdings Limited", "Company", "tiny:corvid"),
        ("Corvid Maritime Holdings Limited", "organisation", "tiny:corvid"),
        ("Bellatrix Dawn", "ship", "tiny:bellatrix"),
        ("Bellatrix Dawn", "VESSEL", "tiny:bellatrix"),
        ("Zarif Qudrani", " Individual ", "tiny:zarif"),
    ],
)
def test_schema_names_are_accepted_in_their_common_forms(tiny_screener, name, schema, expected):
    hits = tiny_screener.screen(name, schema=schema)
    assert hits[0].entity_id == expected and hits[0].is_alert


# ---- the same through `sanctio screen` ---------------------------------------------------


def run(home: Path, *args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, ["--home", str(home), *args])
    return result.exit_code, result.output


@pytest.fixture(scope="module")
def home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A store holding the small UN fixture (four invented entities)."""
    home = tmp_path_factory.mktemp("home")
    code, output = run(home, "update", "--from", str(FIXTURES / "un_xml" / "consolidated.xml"))
    assert code == 0, output
    return home


def test_the_fixture_store_screens(home):
    code, output = run(home, "screen", "Zarif Omran Basil al-Qudrani")
    assert code == 0, output
    assert "ALERT" in output and "un:QDi.901" in output


CLI_BAD_QUERIES = [
    pytest.param([""], "name: a query needs a name or an identifier", id="empty-name"),
    pytest.param([], "name: a query needs a name or an identifier", id="no-name"),
    pytest.param(["Zarif " * 2000], "the limit is 500", id="10-kB-name"),
    pytest.param(["Zarif\x01Qudrani"], "name contains control characters (0x1)", id="control"),
    pytest.param(["Zarif", "--schema", "Spaceship"], "unknown schema 'Spaceship'", id="schema"),
    pytest.param(["Zarif", "--dob", "1971-13-45"], "cannot read '1971-13-45'", id="date"),
    pytest.param(["Zarif", "--country", "Atlantis"], "unknown country 'Atlantis'", id="country"),
    pytest.param(["!!! ---"], "'!!! ---' has no letters or digits", id="only-punctuation"),
]


@pytest.mark.parametrize(("args", "message"), CLI_BAD_QUERIES)
def test_bad_input_to_sanctio_screen_is_a_one_line_error(home, args, message):
    code, output = run(home, "screen", *args)
    assert code == 1, output
    assert output.count("\n") == 1, f"one line, not:\n{output}"
    assert output.startswith("Error: ")
    assert message in output
    assert "Traceback" not in output


@pytest.mark.parametrize(
    ("args", "option"),
    [
        pytest.param(["--limit", "0"], "--limit", id="limit-0"),
        pytest.param(["--limit", "1001"], "--limit", id="limit-too-high"),
        pytest.param(["--threshold", "1.5"], "--threshold", id="threshold-1.5"),
        pytest.param(["--threshold", "high"], "--threshold", id="threshold-not-a-number"),
    ],
)
def test_out_of_range_options_to_sanctio_screen_are_usage_errors(home, args, option):
    code, output = run(home, "screen", "Zarif", *args)
    assert code == 2, output
    error = output.strip().splitlines()[-1]
    assert error.startswith(f"Error: Invalid value for '{option}'"), output
    assert "Traceback" not in output


def test_screening_an_empty_store_says_to_run_update_first(tmp_path):
    code, output = run(tmp_path / "empty", "screen", "Zarif")
    assert code == 1
    assert output == "Error: no lists imported yet: run `sanctio update` first\n"
