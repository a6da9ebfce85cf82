"""`sanctio update`, `lists`, `show` and `diff` on the real official lists in ../shared/lists.

Expected counts are taken from the files independently of the parsers (csv rows, XML
elements, spreadsheet cells), so a parser that drops or invents entities fails here.
"""

from __future__ import annotations

import csv
import gzip
import json
import re
import zipfile
from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner

from sanctio.cli import main

pytestmark = pytest.mark.real_lists


def run(home: Path, *args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, ["--home", str(home), *args], catch_exceptions=False)
    return result.exit_code, result.output


@pytest.fixture(scope="module")
def home(lists_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    home = tmp_path_factory.mktemp("home")
    code, output = run(home, "update", "--from", str(lists_dir))
    assert code == 0, output
    return home


def count_ofac_csv(path: Path) -> int:
    with path.open(encoding="latin-1", newline="") as handle:
        return len({row[0] for row in csv.reader(handle) if row and row[0].strip().isdigit()})


def count_xml(path: Path, element: str) -> int:
    return len(re.findall(rf"<{element}[\s>]", path.read_text(encoding="utf-8")))


def count_ofsi_groups(path: Path) -> int:
    sheet = openpyxl.load_workbook(path, read_only=True).active
    rows = sheet.iter_rows(values_only=True)
    for header in rows:
        if header and "Group ID" in header:
            column = header.index("Group ID")
            break
    return len({row[column] for row in rows if row[column] is not None})


def count_ofsi_csv_groups(path: Path) -> int:
    lines = path.read_bytes().decode("cp1252").splitlines()[1:]
    return len({row["Group ID"] for row in csv.DictReader(lines)})


def count_csl(path: Path) -> int:
    with gzip.open(path, "rt", encoding="utf-8") as handle:
        return len({row["_id"] for row in csv.DictReader(handle)})


def count_enhanced_zip(path: Path) -> int:
    with zipfile.ZipFile(path) as archive:
        xml = archive.read(archive.namelist()[0]).decode("utf-8")
    return len(re.findall(r"<entity\s+id=", xml))


def count_dpl_parties(path: Path) -> int:
    """The DPL has no ids: one party per distinct name (upper-cased, spaces collapsed)."""
    rows = csv.DictReader(path.read_text(encoding="utf-8").splitlines(), delimiter="\t")
    return len({" ".join(row["Name"].upper().split()) for row in rows})


FTM_PARTIES = {"Person", "Organization", "Company", "LegalEntity", "PublicBody", "Vessel"}


def count_ftm_parties(path: Path) -> int:
    lines = path.read_text(encoding="utf-8").splitlines()
    return sum(json.loads(line)["schema"] in FTM_PARTIES for line in lines if line.strip())


def expected_counts(lists: Path) -> dict[tuple[str, str], int]:
    """(source, as-of date) -> entity count, read straight from the files."""
    return {
        ("ofac-sdn", "2021-07-01"): count_ofac_csv(lists / "ofac/sdn-2021-07/sdn.csv"),
        ("ofac-sdn", "2024-05-03"): count_ofac_csv(lists / "ofac/sdn-2024-05-03/SDN.CSV"),
        ("ofac-cons", "2026-01-08"): count_xml(
            lists / "ofac/consolidated-xml-2026-01-08/CONSOLIDATED.XML", "sdnEntry"
        ),
        ("un", "2026-02-27"): count_xml(lists / "un/consolidated-2026-02-27.xml", "INDIVIDUAL")
        + count_xml(lists / "un/consolidated-2026-02-27.xml", "ENTITY"),
        ("eu-fsf", "2026-08-05"): count_xml(
            lists / "eu/fsf-excerpt-2026-08-05.xml", "sanctionEntity"
        ),
        ("uk-fcdo", "2026-09-10"): count_xml(
            lists / "uk/fcdo-uk-sanctions-list-excerpt-2026-09-10.xml", "Designation"
        ),
        ("uk-ofsi", "2016-03-23"): count_ofsi_csv_groups(lists / "uk/ofsi-conlist-2016-03-23.csv"),
        ("uk-ofsi", "2025-04-10"): count_ofsi_groups(lists / "uk/ofsi-conlist-2025-04-10.xlsx"),
        ("us-csl", "2022-05-01"): count_csl(lists / "us-csl/consolidated-2022-05.csv.gz"),
        ("ofac-cons", "2025-12-01"): count_ofac_csv(
            lists / "ofac/consolidated-2025-12/cons_prim.csv"
        ),
        ("ofac-cons", "2025-01-10"): count_enhanced_zip(
            lists / "ofac/consolidated-enhanced-2025-01-10/CONS_ENHANCED.ZIP"
        ),
        ("us-dpl", "2023-11-01"): count_dpl_parties(lists / "us-bis/dpl-2023-11.txt"),
        ("opensanctions-zala", "2026-04-29"): count_ftm_parties(
            lists / "opensanctions/zala-2026-04-29.entities.ftm.json"
        ),
    }


def test_every_list_is_imported_with_counts_matching_the_files(home, lists_dir):
    code, output = run(home, "lists", "--all", "--json")
    assert code == 0
    versions = json.loads(output)
    got = {(v["source"], v["as_of"]): v["entity_count"] for v in versions}
    for key, count in expected_counts(lists_dir).items():
        assert got.get(key) == count, f"{key}: store has {got.get(key)}, the file has {count}"
    sources = {v["source"] for v in versions}
    assert sources >= {
        "ofac-sdn",
        "ofac-cons",
        "un",
        "eu-fsf",
        "uk-ofsi",
        "uk-fcdo",
        "us-csl",
        "us-dpl",
        "opensanctions-zala",
    }


def test_the_newest_version_of_each_source_is_current(home):
    _, output = run(home, "lists", "--json")
    current = {v["source"]: v for v in json.loads(output)}
    assert current["ofac-sdn"]["as_of"] == "2024-05-03"
    assert current["ofac-sdn"]["entity_count"] == 14965
    assert current["ofac-cons"]["as_of"] == "2026-01-08"
    assert current["uk-ofsi"]["as_of"] == "2025-04-10"
    assert current["ofac-sdn"]["schema_counts"]["Person"] > 6000


def test_importing_the_same_folder_again_creates_no_new_version(home, lists_dir):
    before = json.loads(run(home, "lists", "--all", "--json")[1])
    code, output = run(home, "update", "--from", str(lists_dir))
    assert code == 0
    assert "unchanged, already version" in output
    assert json.loads(run(home, "lists", "--all", "--json")[1]) == before


def test_show_bashar_al_assad(home):
    code, output = run(home, "show", "ofac-sdn:12735")
    assert code == 0
    assert "AL-ASSAD, Bashar" in output
    assert "1965-09-11" in output
    assert "SY" in output
    code, output = run(home, "show", "ofac-sdn:12735", "--json")
    entity = json.loads(output)["entity"]
    assert entity["schema"] == "Person"
    assert {"SYRIA", "SYRIA-EO13894"} <= set(entity["programs"])
    assert entity["nationalities"] == ["sy"]
    assert {"value": "1965-09-11"} in entity["birth_dates"]


def test_show_an_entity_of_an_older_version(home):
    code, output = run(home, "show", "ofac-sdn:12735", "--version", "2021-07", "--json")
    assert code == 0
    assert json.loads(output)["version"]["as_of"] == "2021-07-01"


def test_show_an_unknown_entity_is_a_clear_error(home):
    code, output = run(home, "show", "ofac-sdn:999999999")
    assert code == 1
    assert "no entity ofac-sdn:999999999" in output


def test_diff_between_the_two_sdn_versions(home):
    code, output = run(home, "diff", "ofac-sdn", "2021-07", "2024-05-03", "--json")
    assert code == 0
    diff = json.loads(output)
    assert diff["summary"]["added"] == 6870
    assert diff["summary"]["removed"] == 881
    assert diff["summary"]["changed"] > 0
    assert all(change["fields"] for change in diff["changed"])
    code, text = run(home, "diff", "ofac-sdn", "2021-07", "2024-05-03", "--limit", "3")
    assert "6870 added, 881 removed" in text


def test_syria_programme_entries_between_the_two_sdn_versions(home):
    def syria(version: str) -> int:
        from sanctio.store import Store

        with Store(home) as store:
            v = store.resolve_version("ofac-sdn", version)
            return sum(any(p.startswith("SYRIA") for p in e.programs) for e in store.entities(v.id))

    assert syria("2021-07") == 670
    assert syria("2024-05-03") == 715
