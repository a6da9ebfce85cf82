"""`sanctio ownership import`, `sanctio exposure` and `sanctio ownership blocked` on a
small invented list imported into a fresh home."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from sanctio.cli import main

LIST = """# sanctio-list: gulls
# as-of: 2026-05-01
id,name,schema,programs
P1,Omran Zarifian,person,SYRIA
P2,Kestrel Vantablack,person,SYRIA
O1,Corvid Maritime Holdings,organization,SYRIA
"""

OWNERS = """owner,owned,percent,as_of
custom-gulls:P1,customer:C-1,30,2026-04-30
Kestrel Vantablack,customer:C-1,25,2026-04-30
customer:C-1,customer:C-2,100,2026-04-30
Unlisted Heron Ltd,customer:C-3,20,2026-04-30
custom-gulls:O1,customer:C-3,,2026-04-30
customer:C-4,customer:C-3,30,2026-04-30
"""


def run(home: Path, *args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, ["--home", str(home), *args])
    return result.exit_code, result.output


@pytest.fixture(scope="module")
def home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    lists = tmp_path_factory.mktemp("lists")
    (lists / "gulls.csv").write_text(LIST)
    home = tmp_path_factory.mktemp("home")
    code, output = run(home, "update", "--from", str(lists))
    assert code == 0, output
    owners = lists / "owners.csv"
    owners.write_text(OWNERS)
    code, output = run(home, "ownership", "import", str(owners), "--actor", "analyst-1")
    assert code == 0, output
    assert "6 relationship(s): 6 added" in output
    assert "names: 1 matched a listed entity, 1 did not" in output
    return home


def test_exposure_of_a_customer_explains_its_blocking_and_links(home: Path) -> None:
    code, output = run(home, "exposure", "C-2")
    assert code == 0, output
    assert "blocked by the 50 percent rule: 100% owned by blocked persons" in output
    assert "path: Omran Zarifian —30%→ C-1 —100%→ C-2" in output
    assert "path: Kestrel Vantablack —25%→ C-1 —100%→ C-2" in output
    assert "links to designated persons within 2 hop(s): 2" in output


def test_exposure_json_is_the_section_the_api_returns(home: Path) -> None:
    code, output = run(home, "exposure", "customer:C-1", "--hops", "1", "--json")
    assert code == 0, output
    section = json.loads(output)
    assert section["ownership"]["status"] == "blocked"
    assert section["ownership"]["blocked_percent"] == 55
    assert {k["target"]["id"] for k in section["links"]} == {"custom-gulls:P1", "custom-gulls:P2"}


def test_exposure_marks_an_unknown_stake_for_review_and_writes_the_picture(
    home: Path, tmp_path: Path
) -> None:
    picture = tmp_path / "c3.svg"
    code, output = run(home, "exposure", "C-3", "--svg", str(picture))
    assert code == 0, output
    assert "possibly blocked, percent unknown: 0% known, up to 50%" in output
    assert "path: Corvid Maritime Holdings —?%→ C-3" in output
    assert picture.read_text().startswith("<svg")


def test_exposure_of_a_name_screens_it_and_shows_each_alerting_hit(home: Path) -> None:
    code, output = run(home, "exposure", "Corvid Maritime Holdings")
    assert code == 0, output
    assert "screened as a name, 1 alerting hit(s)" in output
    assert "Corvid Maritime Holdings  [custom-gulls:O1]  listed" in output


def test_exposure_of_nobody_is_a_clear_error(home: Path) -> None:
    code, output = run(home, "exposure", "Quentin Nobodyatall")
    assert code == 1
    assert "neither a listed entity id nor a customer" in output


def test_ownership_blocked_lists_what_the_rule_blocks(home: Path) -> None:
    code, output = run(home, "ownership", "blocked", "--json")
    assert code == 0, output
    assert [(b["node"], b["status"], b["blocked_percent"]) for b in json.loads(output)] == [
        ("customer:C-2", "blocked", 100),
        ("customer:C-1", "blocked", 55),
        ("customer:C-3", "possibly_blocked", 0),
    ]
    code, output = run(home, "ownership", "blocked")
    assert output.startswith("2 blocked, 1 possibly blocked")


def test_a_bad_ownership_file_exits_1_naming_the_line_and_stores_nothing(
    home: Path, tmp_path: Path
) -> None:
    bad = tmp_path / "bad.csv"
    bad.write_text("owner,owned,percent\ncustom-gulls:P9,customer:C-9,50\n")
    code, output = run(home, "ownership", "import", str(bad))
    assert code == 1
    assert "bad.csv:2: owner: 'custom-gulls:P9': no such entity" in output
    code, output = run(home, "exposure", "C-9")
    assert code == 1


def test_the_import_is_in_the_audit_trail(home: Path) -> None:
    from sanctio import audit
    from sanctio.database import Database

    database = Database.for_home(home)
    with database.read() as connection:
        (record,) = audit.records(connection, actions=["ownership.import"])
    database.close()
    assert record.actor == "analyst-1" and record.payload["added"] == 6


def test_the_python_api_reads_the_same_lists_and_ownership_data(home: Path) -> None:
    from sanctio import Screener
    from sanctio.exposure import Exposure

    from_store = Exposure.from_store(home)
    from_screener = Exposure.from_store(home, screener=Screener.from_store(home))
    for exposure in (from_store, from_screener):
        assert exposure.party("C-2")["ownership"]["status"] == "blocked"
    other_lists_only = Exposure.from_store(home, blocked_sources={"custom-other"})
    assert other_lists_only.party("C-2")["ownership"]["status"] == "clear"
