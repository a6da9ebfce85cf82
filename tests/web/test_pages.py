"""Screening, entity, lists and diff pages on the invented lists."""

from __future__ import annotations

import re

from sanctio.audit import records
from tests.web.conftest import UI, Browser


def screen(browser: Browser, **fields: object):
    response = browser.post_form("/ui/screen", {"name": "", **fields})
    assert response.status_code == 303, response.text
    return browser.get(response.headers["location"])


def test_screening_ranks_hits_with_score_bars_and_lays_out_the_explanation(
    analyst: Browser,
) -> None:
    page = screen(analyst, name="Bashar al-Assad", birth_date="1965", countries="SY")
    assert page.status_code == 200
    html = page.text
    assert "1 alert(s)" in html
    assert '<a href="/ui/entities/tiny:1">Bashar al-Assad</a>' in html
    assert '<svg class="bar"' in html and "score 1.00" in html
    assert "How the name parts aligned" in html
    assert "<td>bashar</td>" in html.lower()
    assert "Evidence for" in html and "Evidence against" in html
    assert "birth date 1965 agrees with 1965-09-11" in html


def test_a_screening_is_recorded_with_its_hits_and_its_page_can_be_reloaded(
    ui: UI, analyst: Browser
) -> None:
    response = analyst.post_form("/ui/screen", {"name": "Rami Makhlouf"})
    screening_id = response.headers["location"].rsplit("/", 1)[1]
    with ui.database.read() as connection:
        (record,) = records(connection, subjects=[f"screening:{screening_id}"])
    assert record.actor == "user:ana"
    assert record.action == "screen"
    assert record.payload["hits"][0]["entity_id"] == "tiny:2"
    assert record.payload["versions"] == [{"source": "tiny", "version": 2, "as_of": "2024-02-01"}]
    again = analyst.get(response.headers["location"])
    assert again.status_code == 200
    assert "Rami Makhlouf" in again.text


def test_a_screening_with_bad_input_shows_the_form_again_with_the_problem(
    analyst: Browser,
) -> None:
    response = analyst.post_form("/ui/screen", {"name": "Bashar", "birth_date": "yesterday"})
    assert response.status_code == 400
    assert "There is a problem" in response.text
    assert "birth" in response.text
    assert 'value="Bashar"' in response.text  # what was typed is kept


def test_a_screening_needs_a_name_or_an_identifier(analyst: Browser) -> None:
    response = analyst.post_form("/ui/screen", {"name": "  "})
    assert response.status_code == 400
    assert "There is a problem" in response.text


def test_an_unknown_screening_is_not_found(analyst: Browser) -> None:
    assert analyst.get("/ui/screenings/nope").status_code == 404


def test_the_entity_page_shows_every_name_by_script_and_every_fact(analyst: Browser) -> None:
    html = analyst.get("/ui/entities/tiny:1").text
    assert "Latin script" in html and "Arabic script" in html
    assert "بشار الأسد" in html
    assert "Bashar Hafez al-Assad" in html
    assert "1965-09-11" in html
    assert "SYRIA-EO13894" in html
    assert "version 2, as of 2024-02-01 (shown)" in html


def test_the_entity_page_shows_an_older_version_on_request(analyst: Browser) -> None:
    html = analyst.get("/ui/entities/tiny:1", params={"version": "1"}).text
    assert "not the current version" in html
    assert "Bashar Hafez al-Assad" not in html


def test_an_unknown_entity_is_not_found_with_a_clear_message(analyst: Browser) -> None:
    response = analyst.get("/ui/entities/tiny:999")
    assert response.status_code == 404
    assert "no entity tiny:999" in response.text


def test_the_lists_page_shows_sources_versions_as_of_dates_and_the_last_import(
    analyst: Browser,
) -> None:
    html = analyst.get("/ui/lists").text
    assert "tiny" in html
    assert "2024-01-01" in html and "2024-02-01" in html
    assert "imported, made current" in html
    assert 'href="/ui/lists/tiny/diff"' in html


def test_the_diff_shows_added_removed_and_changed_entities_with_the_fields(
    analyst: Browser,
) -> None:
    html = analyst.get("/ui/lists/tiny/diff").text
    assert "2 added, 1 removed, 1 changed" in html
    assert "Old Trading LLC" in html
    changed = re.search(r'<tr class="change-changed">.*?</tr>', html, re.S).group(0)
    assert "Bashar al-Assad" in changed
    assert "Added:</span> Bashar Hafez al-Assad" in changed
    assert "Added:</span> SYRIA-EO13894" in changed


def test_the_diff_filters_by_programme_prefix_and_kind_of_change(analyst: Browser) -> None:
    html = analyst.get("/ui/lists/tiny/diff", params={"programme": "syria"}).text
    assert "Bashar al-Assad" in html
    assert "Old Trading LLC" not in html
    html = analyst.get("/ui/lists/tiny/diff", params={"change": "removed"}).text
    assert "Old Trading LLC" in html
    assert "Bashar al-Assad</a>" not in html


def test_a_diff_between_unknown_versions_says_so(analyst: Browser) -> None:
    response = analyst.get("/ui/lists/tiny/diff", params={"from": "1", "to": "2099"})
    assert response.status_code == 404
    assert "no single version matches" in response.text


def test_the_entity_page_names_the_links_a_record_makes(analyst: Browser) -> None:
    html = analyst.get("/ui/entities/tiny:5").text
    assert "Links this record names" in html
    assert '<a href="/ui/entities/tiny:2">Rami Makhlouf</a>' in html


def test_the_entity_page_shows_the_exposure_paths_both_ways_with_a_picture(
    analyst: Browser,
) -> None:
    html = analyst.get("/ui/entities/tiny:2").text
    assert "Exposure and links to designated parties" in html
    assert "<svg" in html and "Cham Holding" in html
    assert "Rami Makhlouf ←linked to— Cham Holding" in html
