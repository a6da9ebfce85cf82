"""One exposure analysis per served index, shared by the HTTP API and the web UI."""

from __future__ import annotations

import threading
import weakref

import sqlalchemy as sa

from sanctio.database import Database
from sanctio.exposure.analysis import Exposure
from sanctio.exposure.firm import load_stakes, ownership_imports
from sanctio.screener import Screener

__all__ = ["exposure_of"]

_exposures: weakref.WeakKeyDictionary[Screener, tuple[int, Exposure]] = weakref.WeakKeyDictionary()
_lock = threading.Lock()


def exposure_of(screener: Screener, database: Database) -> Exposure:
    """The exposure analysis over a Screener's entities and the firm's ownership data,
    rebuilt when the lists change (a new Screener) or ownership data is imported."""
    with database.read() as connection:
        last_import = connection.execute(sa.select(sa.func.max(ownership_imports.c.id))).scalar()
        with _lock:
            cached = _exposures.get(screener)
            if cached is not None and cached[0] == (last_import or 0):
                return cached[1]
            built = Exposure.from_entities(screener.entities, load_stakes(connection))
            _exposures[screener] = (last_import or 0, built)
            return built
