"""`sanctio screen` on the real OFAC SDN list: alerts with their explanation, JSON output,
and every option honoured.

The store is imported once for the module (the SDN list of 2024-05-03, where each person is
listed once). Loading a Screener from it takes seconds, so the module loads it once and every
`sanctio screen` below reuses it: the command itself runs unchanged.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from sanctio import Screener
from sanctio.cli import main

pytestmark = pytest.mark.real_lists

SDN_2024 = Path("ofac") / "sdn-2024-05-03"
ASSAD = "ofac-sdn:12735"  # AL-ASSAD, Bashar
KADYROV = "ofac-sdn:23343"  # KADYROV, Ramzan Akhmatovich; born 1976-10-05; RU
UMAIR_SHEIKH = "ofac-sdn:17272"  # SHEIKH, Umair Naeem; passport AQ5192272
MARSHAL_ZHUKOV = "ofac-sdn:21115"  # the vessel MARSHAL ZHUKOV


def run(home: Path, *args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, ["--home", str(home), *args], catch_exceptions=False)
    return result.exit_code, result.output


@pytest.fixture(scope="module")
def home(lists_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    home = tmp_path_factory.mktemp("home")
    code, output = run(home, "update", "--from", str(lists_dir / SDN_2024))
    assert code == 0, output
    return home


@pytest.fixture(scope="module", autouse=True)
def one_screener_per_store():
    """Screener.from_store, loaded once per store and options for this module."""
    load = Screener.from_store.__func__
    loaded: dict[Any, Screener] = {}

    def from_store(cls, home=None, **options):
        key = (str(home), tuple(sorted(options.items())))
        if key not in loaded:
            loaded[key] = load(cls, home, **options)
        return loaded[key]

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(Screener, "from_store", classmethod(from_store))
        yield


def screen_json(home: Path, *args: str) -> dict[str, Any]:
    code, output = run(home, "screen", *args, "--json")
    assert code == 0, output
    return json.loads(output)


def hit_for(result: dict[str, Any], entity_id: str) -> dict[str, Any] | None:
    return next((h for h in result["hits"] if h["entity_id"] == entity_id), None)


def hit_block(output: str, entity_id: str) -> list[str]:
    """The text lines of one hit: its line and the explanation lines under it."""
    lines = output.splitlines()
    start = next(i for i, line in enumerate(lines) if f" {entity_id} " in line)
    block = [lines[start]]
    for line in lines[start + 1 :]:
        if not line.startswith("        "):
            break
        block.append(line.strip())
    return block


@pytest.mark.parametrize("name", ["بشار الأسد", "Башар Асад"])
def test_bashar_al_assad_in_another_script_is_an_alert_with_its_explanation(home, name):
    code, output = run(home, "screen", name)
    assert code == 0, output
    assert output.splitlines()[0].startswith(f"{name}: ")
    block = hit_block(output, ASSAD)
    assert block[0].startswith("ALERT ")
    assert "AL-ASSAD, Bashar" in block[0] and "SYRIA" in block[0]
    assert block[1] == f"query {name!r} matched the primary name 'AL-ASSAD, Bashar'"
    assert "'bashar' ~ 'bashar' exactly (1.00)" in block
    assert any(line.startswith("name score ") for line in block)


def test_a_person_who_is_not_listed_raises_no_alert(home):
    code, output = run(home, "screen", "Antony Blinken")
    assert code == 0
    assert output.startswith("Antony Blinken: 0 alert(s), ")
    assert "ALERT" not in output


def test_no_explain_prints_only_the_hit_lines(home):
    code, output = run(home, "screen", "Bashar al-Assad", "--no-explain")
    assert code == 0
    assert not any(line.startswith("        ") for line in output.splitlines())
    assert f" {ASSAD} " in output


def test_json_output_holds_the_query_threshold_list_versions_and_explained_hits(home):
    result = screen_json(home, "بشار الأسد")
    assert set(result) == {"query", "threshold", "versions", "hits"}
    assert result["query"] == "بشار الأسد"
    assert result["threshold"] == 0.8
    assert result["versions"] == [{"source": "ofac-sdn", "version": 1, "as_of": "2024-05-03"}]
    top = result["hits"][0]
    assert top["entity_id"] == ASSAD
    assert top["is_alert"] is True
    assert set(top) == {
        "entity_id",
        "score",
        "is_alert",
        "matched_name",
        "source",
        "caption",
        "schema",
        "programs",
        "explanation",
    }
    assert top["source"] == "ofac-sdn" and top["schema"] == "Person"
    assert {"SYRIA", "SYRIA-EO13894"} <= set(top["programs"])
    explanation = top["explanation"]
    assert explanation["matched_name"] == "AL-ASSAD, Bashar"
    assert explanation["query_name"] == "بشار الأسد"
    assert explanation["tokens"][0] == {
        "query": "bashar",
        "candidate": "bashar",
        "similarity": 1.0,
        "how": "exact",
    }
    assert {"summary", "name_kind", "name_score", "evidence"} <= set(explanation)
    scores = [h["score"] for h in result["hits"]]
    assert scores == sorted(scores, reverse=True)


def test_dob_raises_the_score_when_it_agrees_and_drops_the_alert_when_it_conflicts(home):
    plain = hit_for(screen_json(home, "Ramzan Kadyrov"), KADYROV)
    same = hit_for(screen_json(home, "Ramzan Kadyrov", "--dob", "1976-10-05"), KADYROV)
    other = hit_for(screen_json(home, "Ramzan Kadyrov", "--dob", "1990-01-01"), KADYROV)
    assert plain["is_alert"] and same["is_alert"]
    assert same["score"] > plain["score"] > other["score"]
    assert not other["is_alert"]
    assert [e["feature"] for e in same["explanation"]["evidence"]] == ["birth_date"]
    assert same["explanation"]["evidence"][0]["reason"] == "same birth date 1976-10-05"


def test_country_raises_the_score_when_it_agrees_and_lowers_it_when_it_does_not(home):
    plain = hit_for(screen_json(home, "Ramzan Kadyrov"), KADYROV)
    russia = hit_for(screen_json(home, "Ramzan Kadyrov", "--country", "Russia"), KADYROV)
    france = hit_for(screen_json(home, "Ramzan Kadyrov", "--country", "FR"), KADYROV)
    assert russia["score"] > plain["score"] > france["score"]
    assert russia["explanation"]["evidence"][0]["reason"] == "country agrees: RU"


def test_country_may_be_repeated(home):
    both = hit_for(
        screen_json(home, "Ramzan Kadyrov", "--country", "FR", "--country", "RU"), KADYROV
    )
    assert both["explanation"]["evidence"][0]["reason"] == "country agrees: RU"


def test_id_alone_finds_the_entity_holding_it(home):
    code, output = run(home, "screen", "--id", "passport:AQ5192272")
    assert code == 0, output
    assert output.startswith("passport:AQ5192272: 1 alert(s)")
    assert hit_block(output, UMAIR_SHEIKH)[0].startswith("ALERT ")


def test_id_is_decisive_with_a_misspelt_name(home):
    alone = hit_for(screen_json(home, "Umair Naim Shaik"), UMAIR_SHEIKH)
    assert alone is None or not alone["is_alert"]
    result = screen_json(home, "Umair Naim Shaik", "--id", "passport:AQ5192272")
    hit = hit_for(result, UMAIR_SHEIKH)
    assert hit["is_alert"] and hit["score"] >= 0.97
    reasons = [e["reason"] for e in hit["explanation"]["evidence"]]
    assert "same passport number AQ5192272" in reasons


def test_schema_keeps_a_person_query_from_alerting_on_a_vessel(home):
    assert hit_for(screen_json(home, "Marshal Zhukov"), MARSHAL_ZHUKOV)["is_alert"]
    as_person = hit_for(screen_json(home, "Marshal Zhukov", "--schema", "Person"), MARSHAL_ZHUKOV)
    assert as_person is None or not as_person["is_alert"]
    as_vessel = screen_json(home, "Marshal Zhukov", "--schema", "Vessel")
    assert as_vessel["hits"][0]["entity_id"] == MARSHAL_ZHUKOV
    assert as_vessel["hits"][0]["is_alert"]


def test_threshold_decides_which_hits_alert(home):
    strict = screen_json(home, "Ramzan Kadyrov", "--threshold", "0.95")
    assert strict["threshold"] == 0.95
    hit = hit_for(strict, KADYROV)
    assert hit["score"] < 0.95 and not hit["is_alert"]
    code, output = run(home, "screen", "Ramzan Kadyrov", "--threshold", "0.95")
    assert code == 0
    assert output.startswith("Ramzan Kadyrov: 0 alert(s)")
    assert not hit_block(output, KADYROV)[0].startswith("ALERT")
    relaxed = screen_json(home, "Ramzan Kadyrov", "--threshold", "0.5")
    assert all(h["is_alert"] == (h["score"] >= 0.5) for h in relaxed["hits"])


def test_limit_caps_the_hits_keeping_the_best(home):
    many = screen_json(home, "Muammar Gaddafi", "--limit", "10")["hits"]
    assert len(many) == 10
    assert screen_json(home, "Muammar Gaddafi", "--limit", "3")["hits"] == many[:3]
    code, output = run(home, "screen", "Muammar Gaddafi", "--limit", "1", "--no-explain")
    assert code == 0
    assert output.splitlines()[0].endswith("1 hit(s)")
    assert len(output.splitlines()) == 2
