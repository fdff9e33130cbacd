"""Fixtures for the session and desktop-app tests."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from gui_photos import composite_rgb, write_photo_with_gps


@pytest.fixture(scope="session")
def composite() -> np.ndarray:
    return composite_rgb()


@pytest.fixture
def photo(tmp_path, composite) -> Path:
    return write_photo_with_gps(tmp_path / "two people.jpg", composite)
