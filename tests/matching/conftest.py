"""Screeners shared by the matching tests.

``screener`` reads every real official list once per session (about 20 s: the parsing
dominates); ``sdn_screener`` is the same entities restricted to the OFAC SDN list, where a
person is listed once, so "ranked first" has one right answer. ``tiny_screener`` holds a
few invented entities and builds in milliseconds, for behaviour that needs no real list.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from sanctio import Entity, Screener
from tests.factory import organization, person, vessel


@pytest.fixture(scope="session")
def screener(lists_dir: Path) -> Screener:
    """Every real list in ../shared/lists (the newest version of each source)."""
    return Screener.from_directory(lists_dir)


@pytest.fixture(scope="session")
def sdn_screener(screener: Screener) -> Screener:
    """The real entities of the OFAC SDN list only."""
    return Screener([e for e in screener.entities if e.source == "ofac-sdn"])


@pytest.fixture(scope="session")
def tiny_entities() -> list[Entity]:
    """A handful of invented entities: a person, two holders of one alias, a company, a ship."""
    return [
        person(
            "tiny",
            "zarif",
            "Zarif Omran Qudrani",
            "Zarif al-Qudrani",
            weak=["Abu Zarif"],
            birth_dates=["1971-02-03"],
            nationalities=["ye"],
            gender="male",
            identifiers=["passport:P7734521"],
        ),
        # The same invented name, listed as a weak alias of one person and a strong one of another.
        person("tiny", "brennemoen", "Halvard Brennemoen", weak=["Kestrel Vantablack"]),
        person("tiny", "pellingham", "Osric Pellingham", "Kestrel Vantablack"),
        organization(
            "tiny",
            "corvid",
            "Corvid Maritime Holdings Ltd",
            "Corvid Shipping",
            countries=["cy"],
            identifiers=["registration:HE448812"],
        ),
        vessel("tiny", "bellatrix", "Bellatrix Dawn", identifiers=["imo:9900112"]),
    ]


@pytest.fixture(scope="session")
def tiny_screener(tiny_entities: list[Entity]) -> Screener:
    """The invented entities, screened in milliseconds."""
    return Screener(tiny_entities)
