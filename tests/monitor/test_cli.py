"""The monitoring commands: a thin shell whose bad input exits non-zero with a clear message."""

from __future__ import annotations

import shutil

import orjson
import pytest
import sqlalchemy as sa
from click.testing import CliRunner

from sanctio.cli import main
from sanctio.database import Database
from tests.conftest import FIXTURES
from tests.factory import person

FIXTURES_CUSTOM_CSV = FIXTURES / "custom_csv"


@pytest.fixture
def sanctio(db_url, lists, monkeypatch):
    """Run `sanctio --home <list store> ...` on the test case database; returns (code, output)."""
    monkeypatch.setenv("SANCTIO_DATABASE_URL", db_url)
    monkeypatch.delenv("SANCTIO_USER", raising=False)

    def run(*args: str, user: str | None = None) -> tuple[int, str]:
        env = {"SANCTIO_USER": user} if user else {}
        result = CliRunner().invoke(main, ["--home", str(lists.home), *args], env=env)
        return result.exit_code, result.output

    return run


@pytest.fixture
def screened(sanctio, lists, zarif, tmp_path):
    """Customers imported from a file and screened by `sanctio monitor run`: one alert."""
    lists.publish([zarif])
    path = tmp_path / "customers.csv"
    path.write_text("id,name,dob\nC1,Zarif Qudrani,1971-02-03\nC2,Emily Watson,1990\n")
    code, output = sanctio(
        "customers", "import", str(path), "--name-col", "name", "--dob-col", "dob"
    )
    assert (code, output) == (0, "customers.csv: 2 new, 0 changed, 0 unchanged, 0 rejected\n")
    code, output = sanctio("monitor", "run")
    assert code == 0, output
    assert "2 screened in full" in output and "1 new" in output


def alert_ids(sanctio) -> list[int]:
    code, output = sanctio("alerts", "list", "--json")
    assert code == 0, output
    return [a["id"] for a in orjson.loads(output)["alerts"]]


def test_an_alert_is_reviewed_from_the_command_line_with_four_eyes(sanctio, screened):
    (alert_id,) = alert_ids(sanctio)
    code, output = sanctio("alerts", "assign", str(alert_id), "alice", user="lead")
    assert code == 0 and "in_review" in output and "@alice" in output
    code, output = sanctio(
        "alerts", "decide", str(alert_id), "true_match", "--reason", "same birth date", user="alice"
    )
    assert code == 0 and "true_match proposed" in output
    code, output = sanctio("alerts", "confirm", str(alert_id), "--user", "alice")
    assert code == 1
    assert "alice proposed true_match and cannot confirm it" in output
    code, output = sanctio("alerts", "confirm", str(alert_id), "--json", user="bob")
    assert code == 0
    confirmed = orjson.loads(output)
    assert (confirmed["state"], confirmed["decided_by"], confirmed["confirmed_by"]) == (
        "true_match",
        "alice",
        "bob",
    )
    code, output = sanctio("alerts", "show", str(alert_id), "--json")
    history = orjson.loads(output)["history"]
    assert [(r["actor"], r["action"]) for r in history][1:] == [
        ("lead", "alert.assigned"),
        ("alice", "alert.proposed"),
        ("bob", "alert.confirmed"),
    ]
    code, output = sanctio("alerts", "show", str(alert_id))
    assert code == 0 and "decided:      by alice, confirmed by bob: same birth date" in output


def test_the_user_defaults_to_the_operating_system_user(sanctio, screened, monkeypatch):
    monkeypatch.setattr("getpass.getuser", lambda: "os-user")
    (alert_id,) = alert_ids(sanctio)
    code, output = sanctio("alerts", "comment", str(alert_id), "looking into it")
    assert code == 0
    code, output = sanctio("alerts", "show", str(alert_id), "--json")
    assert orjson.loads(output)["history"][-1]["actor"] == "os-user"


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (["alerts", "show", "999"], 1, "no alert 999"),
        (["alerts", "show", "one"], 2, "'one' is not a valid integer"),
        (["alerts", "decide", "{id}", "maybe", "--reason", "x"], 2, "'maybe' is not one of"),
        (["alerts", "decide", "{id}", "false_positive"], 2, "Missing option '--reason'"),
        (["alerts", "decide", "{id}", "false_positive", "--reason", " "], 1, "reason: required"),
        (["alerts", "confirm", "{id}"], 1, "no decision awaiting confirmation"),
        (["alerts", "reopen", "{id}", "--reason", "x"], 1, "is open: it is not decided"),
        (["alerts", "list", "--state", "pending"], 2, "'pending' is not one of"),
        (["customers", "show", "C9"], 1, "no customer 'C9'"),
        (["audit", "verify", "--anchor", "12:abc"], 2, "use SEQ:HASH"),
        (["audit", "export", "C9"], 1, "no customer 'C9'"),
        (["monitor", "settings", "--threshold", "2"], 2, "2.0 is not in the range"),
    ],
)
def test_bad_input_exits_non_zero_with_a_clear_message(sanctio, screened, args, code, message):
    (alert_id,) = alert_ids(sanctio)
    result = sanctio(*[a.replace("{id}", str(alert_id)) for a in args])
    assert result[0] == code and message in result[1]


def test_a_customer_file_with_bad_rows_imports_nothing(sanctio, tmp_path):
    path = tmp_path / "customers.csv"
    path.write_text("id,name,dob\nC1,Zarif Qudrani,1971\nC2,Emily Watson,1990-13-01\n,Nobody,\n")
    code, output = sanctio(
        "customers", "import", str(path), "--name-col", "name", "--dob-col", "dob"
    )
    assert code == 1
    assert "2 bad customer record(s), nothing imported" in output
    assert "row 2 (C2): birth_date: cannot read '1990-13-01'" in output
    assert "row 3 (no id): customer id: empty" in output
    code, output = sanctio("customers", "list")
    assert output == "no customers\n"
    code, output = sanctio(
        "customers",
        "import",
        str(path),
        "--name-col",
        "name",
        "--dob-col",
        "dob",
        "--skip-bad-rows",
    )
    assert code == 0 and "1 new, 0 changed, 0 unchanged, 2 rejected" in output


def test_audit_verify_detects_an_edited_record(sanctio, screened, db_url):
    code, output = sanctio("audit", "verify")
    assert code == 0 and output.startswith("audit trail intact: ")
    database = Database(db_url)
    with database.begin() as connection:
        connection.execute(sa.text("UPDATE audit_log SET actor = 'mallory' WHERE seq = 2"))
    database.close()
    code, output = sanctio("audit", "verify")
    assert code == 1
    assert "audit trail BROKEN at record 2: record 2 was altered after it was written" in output


def test_audit_verify_with_an_anchor_detects_records_deleted_from_the_end(
    sanctio, screened, db_url
):
    code, output = sanctio("audit", "verify", "--json")
    head = orjson.loads(output)
    anchor = f"{head['head_seq']}:{head['head_hash']}"
    assert sanctio("audit", "verify", "--anchor", anchor)[0] == 0
    database = Database(db_url)
    with database.begin() as connection:
        connection.execute(sa.text(f"DELETE FROM audit_log WHERE seq = {head['head_seq']}"))
    database.close()
    assert sanctio("audit", "verify")[0] == 0
    code, output = sanctio("audit", "verify", "--anchor", anchor)
    assert code == 1 and "deleted from the end" in output


def test_the_evidence_report_is_written_as_escaped_html_and_json(sanctio, lists, tmp_path):
    lists.publish([person("test", "evil", "Zarif <b>Qudrani</b>", programs=["<script>X</script>"])])
    path = tmp_path / "customers.jsonl"
    path.write_text('{"id": "C/1", "name": "<b>Zarif</b> Qudrani"}\n')
    assert sanctio("customers", "import", str(path), "--name-col", "name")[0] == 0
    assert sanctio("monitor", "run")[0] == 0
    (alert_id,) = alert_ids(sanctio)
    sanctio(
        "alerts", "decide", str(alert_id), "false_positive", "--reason", "<not> the same", user="al"
    )
    out = tmp_path / "evidence"
    code, output = sanctio("audit", "export", "C/1", "--out", str(out), user="auditor")
    assert code == 0, output
    assert sorted(p.name for p in out.iterdir()) == ["evidence-C_1.html", "evidence-C_1.json"]
    html = (out / "evidence-C_1.html").read_text()
    assert "<script>" not in html and "<b>" not in html
    assert "&lt;script&gt;X&lt;/script&gt;" in html and "&lt;b&gt;Zarif&lt;/b&gt; Qudrani" in html
    assert "&lt;not&gt; the same" in html and "Audit trail verified" in html
    report = orjson.loads((out / "evidence-C_1.json").read_bytes())
    assert report["customer"]["id"] == "C/1" and report["audit_chain"]["ok"]
    assert [s["payload"]["mode"] for s in report["screenings"]] == ["full"]
    (alert,) = report["alerts"]
    assert alert["state"] == "false_positive" and alert["decision_reason"] == "<not> the same"
    assert [r["action"] for r in alert["history"]] == ["alert.created", "alert.decided"]
    assert report["exports"][-1]["actor"] == "auditor"


def test_a_failed_export_leaves_no_file_behind(sanctio, screened, tmp_path, monkeypatch):
    out = tmp_path / "evidence"
    out.mkdir()

    def broken(report):
        raise RuntimeError("template broke")

    monkeypatch.setattr("sanctio.monitor.evidence.render_html", broken)
    result = CliRunner().invoke(main, ["audit", "export", "C1", "--out", str(out)])
    assert result.exit_code != 0 and list(out.iterdir()) == []


def test_monitor_status_and_settings(sanctio, screened):
    code, output = sanctio("monitor", "settings", "--four-eyes", "false_positive", user="admin")
    assert code == 0 and "four_eyes: ['true_match', 'false_positive']" in output
    code, output = sanctio("monitor", "status", "--json")
    status = orjson.loads(output)
    assert status["customers"] == {"total": 2, "up_to_date": 2, "to_screen": 0}
    assert status["alerts"] == {"open": 1}
    assert status["settings"]["four_eyes"] == ["true_match", "false_positive"]
    assert [r["status"] for r in status["runs"]] == ["finished"]


def test_update_runs_monitoring_when_the_setting_is_on(sanctio, lists, tmp_path):
    folder = tmp_path / "lists"
    folder.mkdir()
    shutil.copy(FIXTURES_CUSTOM_CSV / "acme-blocklist.csv", folder)
    path = tmp_path / "customers.csv"
    path.write_text("id,name\nC1,Jonathan Quillfeather\n")
    sanctio("customers", "import", str(path), "--name-col", "name")
    code, output = sanctio("update", "--from", str(folder))
    assert code == 0 and "monitor run" not in output
    assert sanctio("monitor", "settings", "--after-update")[0] == 0
    code, output = sanctio("update", "--from", str(folder))
    assert code == 0 and "monitor run 1" in output and "1 new" in output


def test_update_leaves_a_home_without_a_case_database_without_one(tmp_path, monkeypatch):
    monkeypatch.delenv("SANCTIO_DATABASE_URL", raising=False)
    folder = tmp_path / "lists"
    folder.mkdir()
    shutil.copy(FIXTURES_CUSTOM_CSV / "acme-blocklist.csv", folder)
    home = tmp_path / "home"
    result = CliRunner().invoke(main, ["--home", str(home), "update", "--from", str(folder)])
    assert result.exit_code == 0 and not (home / "cases.db").exists()


def test_every_monitoring_command_documents_an_example():
    for group in ("customers", "alerts", "monitor", "audit"):
        for name, command in main.commands[group].commands.items():
            assert "Example: sanctio " in (command.help or ""), f"{group} {name}"
