"""Fixtures for the Board's side: private copies of the session's kit and unit package (tests/conftest.py)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest


@pytest.fixture(scope="session")
def exchange(exchange_files) -> dict[str, Path]:
    """DB15's own kit exported by the demo Board, and DB15's signed package from a unit installation set up with it
    (the one exchange of the session, tests/conftest.py)."""
    import forge

    forge.BOARD_DB = exchange_files["board"]  # the demo Board's keys open (and reseal) the sealed packages forged
    return exchange_files


@pytest.fixture
def kit(exchange, tmp_path) -> Path:
    """A private copy of the kit."""
    return Path(shutil.copy(exchange["kit"], tmp_path / "kit.zip"))


@pytest.fixture
def package(exchange, tmp_path) -> Path:
    """A private copy of DB15's package."""
    folder = tmp_path / "incoming"
    folder.mkdir()
    return Path(shutil.copy(exchange["package"], folder / exchange["package"].name))
