"""screen_chunk: the one screening step both engines share."""

from __future__ import annotations

from sanctio import Screener
from sanctio.batch import ColumnMapping, InputRow, screen_chunk
from sanctio.batch.chunk import HIT_COLUMNS

MAPPING = ColumnMapping(name="name", dob="dob", id="id")


def rows(*names: str) -> list[InputRow]:
    return [MAPPING.to_row(i, {"name": n, "id": f"C-{i}"}) for i, n in enumerate(names, 1)]


def test_a_listed_name_gives_an_alert_row_with_its_list_version(watchlist: Screener) -> None:
    result = screen_chunk(watchlist, rows("Anna Berg", "Zarif Qudrani", "Ole Dahl"))
    assert (result.rows, result.alert_rows, result.errors) == (3, 1, [])
    [hit] = result.hits
    assert (hit.input_id, hit.row_number, hit.entity_id) == ("C-2", 2, "blue:zarif")
    assert hit.is_alert and hit.score == 1.0
    assert hit.matched_name == "Zarif al-Qudrani"
    assert hit.query_name == "Zarif Qudrani"
    assert hit.source == "blue" and hit.programs == "BLUE-1"
    assert hit.list_version == "3 (2026-01-31)"
    assert "Zarif Qudrani" in hit.explanation
    assert list(hit.to_dict()) == list(HIT_COLUMNS)


def test_near_misses_are_left_out_unless_asked_for(watchlist: Screener) -> None:
    chunk = rows("Pellingham")
    assert screen_chunk(watchlist, chunk).hits == []
    [hit] = screen_chunk(watchlist, chunk, near_misses=True).hits
    assert hit.entity_id == "blue:pellingham" and not hit.is_alert


def test_the_threshold_and_limit_are_the_screeners(watchlist: Screener) -> None:
    chunk = rows("Osric Pelingham")
    assert len(screen_chunk(watchlist, chunk).hits) == 1
    assert screen_chunk(watchlist, chunk, threshold=0.99).hits == []


def test_evidence_from_the_record_counts(watchlist: Screener) -> None:
    agreeing = MAPPING.to_row(1, {"name": "Osric Pelingham", "dob": "1958"})
    disagreeing = MAPPING.to_row(2, {"name": "Osric Pelingham", "dob": "1990-05-06"})
    hits = screen_chunk(watchlist, [agreeing, disagreeing], near_misses=True).hits
    assert hits[0].score > hits[1].score


def test_error_rows_are_carried_through_in_order(watchlist: Screener) -> None:
    chunk = [
        *rows("Zarif Qudrani"),
        InputRow(2, "C-2", error="broken encoding: byte 0xE9"),
        InputRow(3, "C-3", record={"name": "Anna Berg", "birth_date": "not a date"}),
    ]
    result = screen_chunk(watchlist, chunk)
    assert result.rows == 3
    assert [(e.row_number, e.input_id) for e in result.errors] == [(2, "C-2"), (3, "C-3")]
    assert "broken encoding" in result.errors[0].error
    assert "birth_date" in result.errors[1].error


def test_a_row_whose_screening_fails_is_an_error_row_not_a_lost_chunk(
    watchlist: Screener, monkeypatch
) -> None:
    real = watchlist.screen_query

    def fragile(query, **options):
        if query.names == ("Anna Berg",):
            raise RuntimeError("index corrupted")
        return real(query, **options)

    monkeypatch.setattr(watchlist, "screen_query", fragile)
    result = screen_chunk(watchlist, rows("Anna Berg", "Zarif Qudrani"))
    assert [e.error for e in result.errors] == ["screening failed: RuntimeError: index corrupted"]
    assert [h.input_id for h in result.hits] == ["C-2"]


def test_a_screener_without_versions_leaves_the_list_version_empty(watchlist: Screener) -> None:
    screener = Screener(watchlist.entities)
    [hit] = screen_chunk(screener, rows("Zarif Qudrani")).hits
    assert hit.list_version == ""
