"""Screener.screen(sources=, programs=): only the chosen lists and programmes, none of
their alerts hidden by better hits elsewhere."""

from __future__ import annotations

import pytest

from sanctio import QueryError, Screener
from tests.factory import person


@pytest.fixture(scope="module")
def screener() -> Screener:
    """Twelve exact namesakes on list ``a``; one near namesake on ``b``, programme X-1."""
    namesakes = [person("a", str(n), "Zarif Omran Qudrani", programs=["A-1"]) for n in range(12)]
    return Screener([*namesakes, person("b", "1", "Zarif Omran Qudrany", programs=["X-1"])])


def test_a_source_filter_keeps_an_alert_that_better_hits_elsewhere_would_push_out(screener):
    assert {h.source for h in screener.screen("Zarif Omran Qudrani", limit=1)} == {"a"}
    (hit,) = screener.screen("Zarif Omran Qudrani", limit=1, sources=["b"])
    assert hit.entity_id == "b:1" and hit.is_alert


def test_a_programme_filter_ignores_case(screener):
    hits = screener.screen("Zarif Omran Qudrani", programs=["x-1"])
    assert [h.entity_id for h in hits] == ["b:1"]
    both = screener.screen("Zarif Omran Qudrani", sources=["a"], programs=["X-1"])
    assert both == []


def test_an_unknown_source_or_programme_is_a_query_error_naming_the_field(screener):
    with pytest.raises(QueryError, match=r"^sources: unknown source 'c'; the lists are: a, b"):
        screener.screen("Zarif", sources=["c"])
    with pytest.raises(QueryError, match=r"^programs: no listed entity has the programme 'y-2'"):
        screener.screen("Zarif", programs=["Y-2"])
