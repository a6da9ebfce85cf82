"""Where the development name pairs are: $SANCTIO_EVAL_DIR, else ../shared/eval."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="session")
def eval_dir() -> Path:
    """The eval data; in CI its absence fails the run instead of skipping the test."""
    configured = os.environ.get("SANCTIO_EVAL_DIR")
    path = Path(configured) if configured else REPO.parent / "shared" / "eval"
    if not (path / "ar2en-eval.tsv").is_file():
        message = f"eval data not found in {path}: set SANCTIO_EVAL_DIR or put ../shared/eval"
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(message)
        pytest.skip(message)
    return path
