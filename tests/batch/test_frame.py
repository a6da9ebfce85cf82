"""screen_frame: a pandas data frame screened in this process."""

from __future__ import annotations

import pandas as pd

from sanctio import Screener
from sanctio.batch import ColumnMapping, screen_frame


def test_a_data_frame_is_screened_row_by_row_with_its_own_types(watchlist: Screener) -> None:
    frame = pd.DataFrame(
        {
            "ref": pd.array([501, 502, None], dtype="Int64"),
            "full_name": ["Zarif Qudrani", "Anna Berg", ""],
            "born": pd.to_datetime(["1971-02-03", None, "1990-01-01"]),
            "countries": [["YE", "SA"], None, ["FR"]],
        }
    )
    mapping = ColumnMapping(name="full_name", dob="born", country=("countries",), id="ref")
    result = screen_frame(frame, mapping, screener=watchlist)
    assert (result.rows, result.alert_rows) == (3, 1)
    assert result.hits[["input_id", "row_number", "entity_id"]].to_dict("records") == [
        {"input_id": "501", "row_number": 1, "entity_id": "blue:zarif"}
    ]
    assert "birth date" in result.hits["explanation"][0]
    assert result.errors.to_dict("records") == [
        {
            "row_number": 3,
            "input_id": "3",
            "error": "name: a query needs a name or an identifier (column full_name)",
        }
    ]


def test_columns_named_like_record_fields_need_no_mapping(watchlist: Screener) -> None:
    frame = pd.DataFrame({"name": ["Osric Pellingham", "Ole Dahl"], "birth_date": ["1958", ""]})
    result = screen_frame(frame, screener=watchlist, near_misses=True)
    assert result.hits["entity_id"].tolist() == ["blue:pellingham"]
    assert result.errors.empty
