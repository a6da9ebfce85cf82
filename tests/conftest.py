"""Shared fixtures: where the real official lists are, and tiny entity factories."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"


def real_lists_dir() -> Path | None:
    """The folder of real official lists: $SANCTIO_LISTS_DIR, else ../shared/lists."""
    configured = os.environ.get("SANCTIO_LISTS_DIR")
    path = Path(configured) if configured else REPO.parent / "shared" / "lists"
    return path if path.is_dir() else None


@pytest.fixture(scope="session")
def lists_dir() -> Path:
    """The real lists; in CI their absence fails the run instead of skipping tests."""
    path = real_lists_dir()
    if path is None:
        message = "real official lists not found: set SANCTIO_LISTS_DIR or put ../shared/lists"
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(message)
        pytest.skip(message)
    return path


@pytest.fixture
def fixtures_dir() -> Path:
    """Small hand-written files in the official formats, with invented names."""
    return FIXTURES
