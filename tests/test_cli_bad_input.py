"""Bad list files: each is refused with a clear error naming the file, a non-zero exit code,
and the current version left as it was."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from sanctio.cli import main

HEADER = (
    '<?xml version="1.0" encoding="UTF-8"?>\n'
    '<CONSOLIDATED_LIST dateGenerated="{date}T00:00:00.000Z">\n<INDIVIDUALS>\n'
)
FOOTER = "</INDIVIDUALS>\n<ENTITIES></ENTITIES>\n</CONSOLIDATED_LIST>\n"
PERSON = """<INDIVIDUAL><DATAID>{n}</DATAID><VERSIONNUM>1</VERSIONNUM>
<FIRST_NAME>INVENTED</FIRST_NAME><SECOND_NAME>PERSON {n}</SECOND_NAME>
<UN_LIST_TYPE>DPRK</UN_LIST_TYPE><REFERENCE_NUMBER>KPi.{ref}</REFERENCE_NUMBER>
<LISTED_ON>2020-01-01</LISTED_ON></INDIVIDUAL>
"""


def un_xml(date: str, refs: list[int]) -> str:
    body = "".join(PERSON.format(n=n, ref=ref) for n, ref in enumerate(refs))
    return HEADER.format(date=date) + body + FOOTER


def run(home: Path, *args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, ["--home", str(home), *args])
    return result.exit_code, result.output


@pytest.fixture
def home(tmp_path: Path) -> Path:
    """A store whose current UN version has 10 entities."""
    home = tmp_path / "home"
    good = tmp_path / "good" / "consolidated.xml"
    good.parent.mkdir()
    good.write_text(un_xml("2026-01-01", list(range(100, 110))))
    code, output = run(home, "update", "--from", str(good))
    assert code == 0, output
    return home


def current_un(home: Path) -> dict:
    return {v["source"]: v for v in json.loads(run(home, "lists", "--json")[1])}["un"]


def drop(tmp_path: Path, content: str | bytes, name: str = "consolidated.xml") -> Path:
    folder = tmp_path / "incoming"
    folder.mkdir(exist_ok=True)
    path = folder / name
    path.write_bytes(content.encode() if isinstance(content, str) else content)
    return path


def test_a_truncated_file_is_refused(home, tmp_path):
    whole = un_xml("2026-02-01", list(range(100, 120)))
    path = drop(tmp_path, whole[: len(whole) // 2])
    code, output = run(home, "update", "--from", str(path.parent))
    assert code == 1
    assert "consolidated.xml" in output
    assert current_un(home)["entity_count"] == 10


def test_a_file_of_the_wrong_format_is_refused(home, tmp_path):
    path = drop(tmp_path, "<html><body>Service unavailable</body></html>")
    code, output = run(home, "update", "--from", str(path.parent))
    assert code == 1
    assert "no official list file recognised" in output
    assert current_un(home)["entity_count"] == 10


def test_an_empty_file_is_refused(home, tmp_path):
    path = drop(tmp_path, b"")
    code, output = run(home, "update", "--from", str(path.parent))
    assert code == 1
    assert "empty file" in output
    assert current_un(home)["entity_count"] == 10


def test_duplicate_ids_are_refused(home, tmp_path):
    path = drop(tmp_path, un_xml("2026-02-01", [100, 101, 102, 102, 103, 104, 105, 106, 107, 108]))
    code, output = run(home, "update", "--from", str(path.parent))
    assert code == 1
    assert "duplicate entity id" in output and "un:KPi.102" in output
    assert current_un(home)["as_of"] == "2026-01-01"


def test_a_list_that_suddenly_shrinks_is_refused_unless_allowed(home, tmp_path):
    path = drop(tmp_path, un_xml("2026-02-01", [100, 101, 102]))
    code, output = run(home, "update", "--from", str(path.parent))
    assert code == 1
    assert "would shrink from 10 to 3" in output
    assert current_un(home)["entity_count"] == 10
    code, output = run(home, "update", "--from", str(path.parent), "--max-shrink", "0.8")
    assert code == 0, output
    assert current_un(home)["entity_count"] == 3


def test_a_good_list_beside_a_bad_one_still_imports(home, tmp_path):
    drop(tmp_path, "<html>nothing</html>", name="page.html")
    path = drop(tmp_path, un_xml("2026-02-01", list(range(100, 112))))
    code, output = run(home, "update", "--from", str(path.parent))
    assert code == 0, output
    assert "skipped" in output and "page.html" in output
    assert current_un(home)["entity_count"] == 12


def test_an_unknown_folder_is_a_clear_error(tmp_path):
    code, output = run(tmp_path / "home", "update", "--from", str(tmp_path / "nowhere"))
    assert code == 2
    assert "does not exist" in output
